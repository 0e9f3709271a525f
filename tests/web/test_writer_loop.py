"""The served process survives check-ins written by other processes while it serves (issue 12.1).

The server once opened SQLite's `-shm` file itself and closed it: closing any descriptor of a file
drops every POSIX lock the process holds on it, including SQLite's, so the next check-in process
truncated the live shared memory and the server died with SIGBUS. This test is the reproduction:
8 client threads read entries and audio and post `heard` while `heartline checkin --text` runs
in a loop.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter

from .conftest import ROOT, World, bearer, start_served, stop_served

SECONDS = 25.0
"""How long the check-in loop runs; the readers stop with it."""

CHECKIN = "I was mad at the bus\nI felt sad about my sister\nglad we cooked\nnothing\nyes\n"


SHORT_COMMANDS = """
import sys, time
from store import Store
path, seconds = sys.argv[1], float(sys.argv[2])
deadline = time.monotonic() + seconds
n = 0
while time.monotonic() < deadline:
    with Store.open(path, migrate=False) as st:
        st.person(f"visitor {n % 50}")
        st.tokens()
    n += 1
print(n)
"""
"""A stand-in for the short commands: open, commit, close, again and again."""


def _fetch(url: str, headers: dict[str, str], method: str = "GET") -> int:
    req = urllib.request.Request(url, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            r.read()
            return int(r.status)
    except urllib.error.HTTPError as err:
        err.read()
        return int(err.code)
    except (urllib.error.URLError, ConnectionError):
        return -1  # the server is gone


def test_server_survives_a_checkin_loop_in_other_processes(world: World) -> None:
    served = start_served(world.path)
    right = bearer(world.tokens["right"])
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    stop = threading.Event()

    def reader(n: int) -> None:
        while not stop.is_set():
            status = _fetch(served.url + "/api/v1/entries?limit=20", right)
            ids: list[str] = []
            if status == 200:
                with urllib.request.urlopen(
                    urllib.request.Request(served.url + "/api/v1/entries?limit=5", headers=right),
                    timeout=60,
                ) as r:
                    ids = [e["id"] for e in json.loads(r.read())["entries"]]
            codes = [status]
            for entry_id in ids[n % 2 : n % 2 + 1]:
                codes.append(_fetch(f"{served.url}/api/v1/entries/{entry_id}", right))
                codes.append(_fetch(f"{served.url}/api/v1/entries/{entry_id}/audio", right))
                codes.append(
                    _fetch(f"{served.url}/api/v1/entries/{entry_id}/heard", right, "POST")
                )
            with lock:
                statuses.update(codes)

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(8)]
    checkins = 0
    # Short commands (`token revoke`, `listen`, `entries delete`) open and close the database
    # many times a minute; this one does it as fast as it can, beside the check-ins.
    commands = subprocess.Popen(
        [sys.executable, "-c", SHORT_COMMANDS, str(world.path), str(SECONDS)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for t in threads:
            t.start()
        deadline = time.monotonic() + SECONDS
        # until the time is up and at least three check-ins are written (a loaded machine is
        # slower, never a reason to write less)
        while (time.monotonic() < deadline or checkins < 3) and served.proc.poll() is None:
            done = subprocess.run(
                [sys.executable, "-m", "heartline", "checkin", "--as", "Sam", "--text"]
                + ["--db", str(world.path)],
                input=CHECKIN,
                capture_output=True,
                text=True,
                cwd=ROOT,
                timeout=120,
            )
            assert done.returncode == 0, done.stderr
            checkins += 1
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=120)
        out, err = commands.communicate(timeout=120)
        alive = served.proc.poll() is None
        stop_served(served)
    assert commands.returncode == 0, err
    assert int(out) > 10
    assert alive, f"the server died with {served.proc.returncode}"
    assert checkins >= 3
    assert statuses[200] > 50
    assert set(statuses) == {200}, statuses
