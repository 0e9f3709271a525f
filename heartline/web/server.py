"""Serving the app under waitress, a production WSGI server, never Flask's development server."""

from __future__ import annotations

import ipaddress
import logging
from typing import Any

import waitress
from flask import Flask

MAX_BODY = 1024 * 1024
"""waitress's own hard limit on a request body; the app refuses far smaller ones itself, as JSON."""


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
    return waitress.create_server(
        app,
        host=host,
        port=port,
        threads=threads,
        ident="heartline",
        max_request_body_size=MAX_BODY,
        max_request_header_size=16 * 1024,
        channel_timeout=30,
        clear_untrusted_proxy_headers=True,
    )


def bound_urls(server: Any) -> list[str]:
    """The http:// addresses a bound server answers on."""
    if hasattr(server, "effective_listen"):  # several sockets, e.g. localhost on IPv4 and IPv6
        pairs = [(h, p) for h, p in server.effective_listen]
    else:
        pairs = [(server.effective_host, server.effective_port)]
    return [f"http://[{h}]:{p}" if ":" in str(h) else f"http://{h}:{p}" for h, p in pairs]
