"""Answers kept for exactly as long as the database is unchanged.

Who a token belongs to and the JSON of a page of entries only change when something is committed,
so the service keeps them. At the start of each request the worker thread asks its own connection
whether anything was committed since it last looked (store.changes: `PRAGMA data_version`, one
small query instead of the queries that build the answer); if so, everything kept is let go and
the epoch moves on. Answers are kept with the epoch read *before* they were computed, so an answer
computed while a commit landed is never served after a thread has noticed that commit.

Why this is exact: after a commit C, the first request on each thread notices C, and no request
anywhere can be answered from memory before its own thread has looked after C. An answer
computed before C carries an epoch older than the bump that noticing C causes.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from typing import Any

from .db import get_watch

Version = int | None
"""The epoch an answer was computed at; None when nothing is kept."""


class Answers:
    """A bounded, thread-safe map of answers to the epoch they were computed at."""

    def __init__(self, *, enabled: bool = True, size: int = 1024) -> None:
        self._enabled = enabled
        self._size = size
        self._kept: dict[Hashable, tuple[int, Any]] = {}
        self._epoch = 0
        self._lock = threading.Lock()

    def version(self, changed: bool) -> Version:
        """The epoch for a request whose thread saw a commit (`changed`) or not.

        A change lets go of everything kept: words deleted or unshared do not wait in memory for
        a request that would replace them.
        """
        if not self._enabled:
            return None
        with self._lock:
            if changed:
                self._epoch += 1
                self._kept.clear()
            return self._epoch

    @property
    def enabled(self) -> bool:
        """False when nothing is kept (configured so, or closed)."""
        return self._enabled

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, key: Hashable, version: Version) -> Any | None:
        """The answer kept for `key` if it was computed at `version`, else None."""
        if version is None:
            return None
        hit = self._kept.get(key)
        if hit is None or hit[0] != version or version != self._epoch:
            return None
        return hit[1]

    def keep(self, key: Hashable, version: Version, answer: Any) -> None:
        """Keep `answer`, computed after reading `version`; nothing is kept for None."""
        if version is None:
            return
        with self._lock:
            if version != self._epoch:
                return  # a commit was noticed meanwhile: the answer may already be old
            if len(self._kept) >= self._size:
                self._kept.clear()  # answers are cheap to recompute; a bound matters more
            self._kept[key] = (version, answer)

    def close(self) -> None:
        """Let go of everything; from now on nothing is kept."""
        with self._lock:
            self._enabled = False
            self._kept.clear()


def request_version(answers: Answers) -> Version:
    """The epoch for this request, asked once, before any of its answers is computed."""
    from flask import g

    if "heartline_version" not in g:
        g.heartline_version = answers.version(answers.enabled and get_watch().changed())
    version: Version = g.heartline_version
    return version
