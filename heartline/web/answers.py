"""Answers kept for exactly as long as the database is unchanged.

Who a token belongs to and the JSON of a page of entries only change when something is committed,
so the service keeps them and checks, on each request, the database's WAL index header (see
store.changes): a memory read, where asking SQLite would cost a query and, under waitress's
threads, the context switches that come from every call into SQLite letting go of the GIL.

The version is read *before* an answer is computed and kept with it: if a commit lands while the
answer is being computed, the next request sees a newer version and computes it again. Without a
watch (see ChangeWatch.open) nothing is kept and every request asks the database.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from store.changes import ChangeWatch

Version = bytes | None
"""The database's state as a watch reads it; None when unknown (nothing is kept then)."""


class Answers:
    """A bounded, thread-safe (one dict operation at a time) map of answers to versions."""

    def __init__(self, watch: ChangeWatch | None, size: int = 1024) -> None:
        self._watch = watch
        self._size = size
        self._kept: dict[Hashable, tuple[bytes, Any]] = {}
        self._seen: Version = None

    def version(self) -> Version:
        """The database's state now; read it before computing an answer to keep.

        The first read after a commit lets go of everything kept: words deleted or unshared do
        not wait in memory for a request that would replace them.
        """
        version = self._watch.version() if self._watch is not None else None
        if version != self._seen:
            self._kept.clear()
            self._seen = version
        return version

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, key: Hashable, version: Version) -> Any | None:
        """The answer kept for `key` if it was computed at `version`, else None."""
        if version is None:
            return None
        hit = self._kept.get(key)
        if hit is None or hit[0] != version:
            return None
        return hit[1]

    def keep(self, key: Hashable, version: Version, answer: Any) -> None:
        """Keep `answer`, computed after reading `version`; nothing is kept for None."""
        if version is None:
            return
        if len(self._kept) >= self._size:
            self._kept.clear()  # answers are cheap to recompute; a bound matters more
        self._kept[key] = (version, answer)

    def close(self) -> None:
        """Stop watching; from now on nothing is kept."""
        self._kept.clear()
        watch, self._watch = self._watch, None
        if watch is not None:
            watch.close()
