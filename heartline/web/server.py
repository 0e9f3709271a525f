"""Serving the app under waitress, a production WSGI server, never Flask's development server."""

from __future__ import annotations

import ipaddress
import logging
from typing import Any

import waitress
from flask import Flask

MAX_BODY = 1024 * 1024
"""waitress's own hard limit on a request body; the app refuses far smaller ones itself, as JSON."""


CONNECTION_LIMIT = 500
"""Open connections waitress serves at once (its default, 100, was starved by 100 idle sockets)."""

IDLE_TIMEOUT_S = 10
"""A connection with no request under way is closed after this long without any activity."""

HEADER_TIMEOUT_S = 10
"""A request still arriving after this long (a slow or half-open client) is cut off."""


def is_loopback(host: str) -> bool:
    """True when `host` is reachable only from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def make_server(app: Flask, host: str = "127.0.0.1", port: int = 8750, threads: int = 8) -> Any:
    """A waitress server for `app`, bound and ready to `run()` (port 0 picks a free port)."""
    # waitress warns at every queued request under load; a queue is normal for a home server.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    server = waitress.create_server(
        app,
        host=host,
        port=port,
        threads=threads,
        ident="heartline",
        max_request_body_size=MAX_BODY,
        max_request_header_size=16 * 1024,
        clear_untrusted_proxy_headers=True,
        # Idle and half-open connections must not starve real requests (issue 12.4): serve
        # more at once, close idle ones sooner, and look for them every second, not every 30 s.
        connection_limit=CONNECTION_LIMIT,
        channel_timeout=IDLE_TIMEOUT_S,
        cleanup_interval=1,
        asyncore_use_poll=True,  # select() cannot watch descriptors above 1023
    )
    listeners = getattr(server, "map", {}).values() if hasattr(server, "map") else [server]
    for listener in listeners:
        if hasattr(listener, "active_channels"):
            _bound_request_time(listener)
    return server


def _bound_request_time(listener: Any) -> None:
    """Make `listener`'s periodic maintenance also close requests that arrive too slowly.

    waitress only closes channels that are idle; a client that sends a header a byte at a time
    stays "active" for ever. A request still incomplete after HEADER_TIMEOUT_S is cut off.
    """
    idle_only = listener.maintenance
    first_seen: dict[int, tuple[object, float]] = {}

    def maintenance(now: float) -> None:
        idle_only(now)
        seen: dict[int, tuple[object, float]] = {}
        for fileno, channel in list(listener.active_channels.items()):
            arriving = channel.request  # a request whose header or body is still arriving
            if arriving is None:
                continue
            before = first_seen.get(fileno)
            since = before[1] if before is not None and before[0] is arriving else now
            seen[fileno] = (arriving, since)
            if now - since > HEADER_TIMEOUT_S:
                channel.will_close = True
        first_seen.clear()
        first_seen.update(seen)

    listener.maintenance = maintenance


def bound_urls(server: Any) -> list[str]:
    """The http:// addresses a bound server answers on."""
    if hasattr(server, "effective_listen"):  # several sockets, e.g. localhost on IPv4 and IPv6
        pairs = [(h, p) for h, p in server.effective_listen]
    else:
        pairs = [(server.effective_host, server.effective_port)]
    return [f"http://[{h}]:{p}" if ":" in str(h) else f"http://{h}:{p}" for h, p in pairs]
