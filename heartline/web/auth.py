"""Who is asking: bearer tokens for the API, a cookie for the page, and a limit on failed tries."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from flask import current_app, request

from store.tokens import hash_token, looks_like_token

from .answers import Answers, request_version
from .errors import ApiError

COOKIE = "heartline_token"
"""The page's cookie; it holds the token, HttpOnly and SameSite=Strict."""


class RateLimiter:
    """Counts failed sign-ins per client address in a sliding window.

    Only failures are limited: a client over the limit is refused before its token is judged
    wrong, but a valid token is always served, so a flood of bad guesses never locks the
    partner out.
    """

    def __init__(
        self, failures: int, window: float, now: Callable[[], float] = time.monotonic
    ) -> None:
        self.failures = failures
        self.window = window
        self._now = now
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str) -> deque[float]:
        times = self._seen.setdefault(client, deque())
        cutoff = self._now() - self.window
        while times and times[0] <= cutoff:
            times.popleft()
        return times

    def retry_after(self, client: str) -> int:
        """Seconds until `client` may fail again; 0 when it is under the limit."""
        with self._lock:
            times = self._recent(client)
            if len(times) < self.failures:
                if not times:
                    self._seen.pop(client, None)
                return 0
            return max(1, math.ceil(times[0] + self.window - self._now()))

    def failed(self, client: str) -> None:
        """Record one failed attempt by `client`."""
        with self._lock:
            times = self._recent(client)
            times.append(self._now())
            if len(self._seen) > 10_000:  # bound memory under a flood of addresses
                self._seen = {client: times}


def _limiter() -> RateLimiter:
    limiter: RateLimiter = current_app.extensions["heartline.limiter"]
    return limiter


def live_token(token: str | None) -> dict[str, Any] | None:
    """The live token row for a presented token, or None; callers must not change the row.

    Kept (under the token's hash, never the token) until the next commit to the database, so
    revoking by any process takes effect at the very next request. Only valid tokens are kept:
    guesses never fill the memory.
    """
    from . import get_store

    if not token or not looks_like_token(token):
        return None
    answers: Answers = current_app.extensions["heartline.answers"]
    version = request_version(answers)
    key = ("token", hash_token(token))
    row: dict[str, Any] | None = answers.get(key, version)
    if row is None:
        row = get_store().authenticate(token)
        if row is not None:
            answers.keep(key, version, row)
    return row


def check_token(token: str | None) -> dict[str, Any]:
    """The live token row for `token`, or ApiError 401 (429 after too many failures)."""
    row = live_token(token)
    if row is not None:
        return row
    client = request.remote_addr or "unknown"
    wait = _limiter().retry_after(client)
    if wait:
        raise ApiError(
            429,
            "too_many_requests",
            "Too many failed sign-ins; try again later.",
            {"Retry-After": str(wait)},
        )
    _limiter().failed(client)
    raise ApiError(401, "unauthorized", "A valid token is needed: Authorization: Bearer TOKEN.")


def bearer_token() -> str | None:
    """The token of an `Authorization: Bearer` header, if any."""
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def api_listener() -> dict[str, Any]:
    """The token row of an API request; the token travels only in the Authorization header."""
    return check_token(bearer_token())


def page_listener() -> dict[str, Any] | None:
    """The token row of the page's cookie, or None when signed out (or the token was revoked)."""
    return live_token(request.cookies.get(COOKIE))
