"""Who is asking: bearer tokens for the API, a cookie for the page, and a limit on failed tries."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from flask import current_app, request

from store.sessions import looks_like_session
from store.tokens import hash_token, looks_like_token

from .answers import Answers, request_version
from .db import get_store
from .errors import ApiError

COOKIE = "heartline_session"
"""The page's cookie: a page session's secret (never the token), HttpOnly and SameSite=Strict."""

MAX_CLIENTS = 10_000
"""Addresses the limiter remembers one by one; beyond that, new ones share one count."""

OVERFLOW = "*"
"""The shared count for addresses beyond MAX_CLIENTS."""


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

    def _key(self, client: str) -> str:
        # Many failing addresses must never reset anyone's count (issue 12.6): when the table is
        # full even after letting go of expired windows, newcomers share one count.
        if client in self._seen or len(self._seen) < MAX_CLIENTS:
            return client
        cutoff = self._now() - self.window
        for known in [c for c, t in self._seen.items() if not t or t[-1] <= cutoff]:
            del self._seen[known]
        return client if len(self._seen) < MAX_CLIENTS else OVERFLOW

    def _recent(self, client: str) -> deque[float]:
        times = self._seen.setdefault(client, deque())
        cutoff = self._now() - self.window
        while times and times[0] <= cutoff:
            times.popleft()
        return times

    def retry_after(self, client: str) -> int:
        """Seconds until `client` may fail again; 0 when it is under the limit."""
        with self._lock:
            client = self._key(client)
            times = self._recent(client)
            if len(times) < self.failures:
                if not times:
                    self._seen.pop(client, None)
                return 0
            return max(1, math.ceil(times[0] + self.window - self._now()))

    def failed(self, client: str) -> None:
        """Record one failed attempt by `client`."""
        with self._lock:
            times = self._recent(self._key(client))
            times.append(self._now())


def _limiter() -> RateLimiter:
    limiter: RateLimiter = current_app.extensions["heartline.limiter"]
    return limiter


def live_token(token: str | None) -> dict[str, Any] | None:
    """The live token row for a presented token, or None; callers must not change the row.

    Kept (under the token's hash, never the token) until the next commit to the database, so
    revoking by any process takes effect at the very next request. Only valid tokens are kept:
    guesses never fill the memory.
    """
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
    count_failure()
    raise ApiError(401, "unauthorized", "A valid token is needed: Authorization: Bearer TOKEN.")


def count_failure() -> None:
    """Count one failed credential from this address, or ApiError 429 when over the limit."""
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


def live_session(secret: str) -> dict[str, Any] | None:
    """The live token row behind a page session's secret, or None; kept like live_token's."""
    if not looks_like_session(secret):
        return None
    answers: Answers = current_app.extensions["heartline.answers"]
    version = request_version(answers)
    key = ("session", hash_token(secret))
    row: dict[str, Any] | None = answers.get(key, version)
    if row is None:
        row = get_store().session_token(secret)
        if row is not None:
            answers.keep(key, version, row)
    return row


def page_listener() -> dict[str, Any] | None:
    """The token row of the page's session cookie, or None when signed out.

    A cookie that opens nothing counts as a failed try, like a wrong token on the API, so the
    cookie routes are limited too (issue 12.6); over the limit it is ApiError 429.
    """
    secret = request.cookies.get(COOKIE)
    if not secret:
        return None
    row = live_session(secret)
    if row is None:
        count_failure()
    return row
