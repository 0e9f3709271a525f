"""Idle and half-open connections do not starve the served process (issue 12.4)."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.request
from urllib.parse import urlsplit

from .conftest import World, bearer, start_served, stop_served

IDLE = 100
"""Connections that connect and send nothing."""

HALF_OPEN = 100
"""Connections that send the start of a request header and then nothing more."""


def test_real_requests_answer_beside_idle_and_half_open_connections(world: World) -> None:
    served = start_served(world.path)
    where = urlsplit(served.url)
    address = (where.hostname or "127.0.0.1", where.port or 80)
    idle: list[socket.socket] = []
    cut_off: list[bool] = []

    def trickle() -> None:
        # A header sent a byte every half second stays "active"; it must still be cut off.
        s = socket.create_connection(address, timeout=30)
        s.sendall(b"GET / HTTP/1.1\r\n")
        try:
            for _ in range(240):  # 2 minutes at most
                s.sendall(b"X-a: b\r\n"[:1])
                time.sleep(0.5)
        except OSError:
            cut_off.append(True)
        finally:
            s.close()

    slow = threading.Thread(target=trickle)
    slow.start()
    try:
        for n in range(IDLE + HALF_OPEN):
            s = socket.create_connection(address, timeout=30)
            if n >= IDLE:
                s.sendall(b"GET /api/v1/entries HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            idle.append(s)
        for _ in range(10):
            req = urllib.request.Request(
                served.url + "/api/v1/entries", headers=bearer(world.tokens["right"])
            )
            with urllib.request.urlopen(req, timeout=30) as r:  # generous, not a timing test
                assert r.status == 200 and json.loads(r.read())["total"] == 2
        # The server itself lets go of every one of them: each read ends (b"") or is reset.
        for s in idle:
            s.settimeout(90)
            try:
                assert s.recv(1024) == b""
            except ConnectionResetError:
                pass
        slow.join()
        assert cut_off == [True]
        assert served.proc.poll() is None
    finally:
        for s in idle:
            s.close()
        stop_served(served)
