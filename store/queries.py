"""The Store: every query Heartline makes, gathered from one module per concern.

Entries and sharing flags (store/entries.py), what a listener may see (store/sharing.py), tokens
and page sessions (store/tokens.py); schedules (store/schedules.py) and replies
(store/replies.py) are their own classes over an open Store.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from store import abandoned
from store.base import Clock, utc_now
from store.db import connect
from store.entries import CHECKIN_STATUSES, SHAREABLE_KINDS, EntryQueries
from store.sharing import SharingQueries
from store.tokens import TokenQueries

__all__ = ["CHECKIN_STATUSES", "SHAREABLE_KINDS", "Clock", "Store", "utc_now"]

PURGE_ON_OPEN_WAIT_MS = 300
"""How long opening the database waits for readers to finish an earlier deletion's purge."""


class Store(EntryQueries, SharingQueries, TokenQueries):
    """One open Heartline database: people, check-ins, entries, tokens and audio."""

    @classmethod
    def open(cls, path: Path, *, clock: Clock = utc_now, migrate: bool = True) -> Store:
        """Open (creating and migrating if needed) the database at `path`; raises StoreError.

        migrate=False skips the migration check, for a server that migrated once at start.
        """
        store = cls(connect(Path(path), migrate_schema=migrate), clock=clock, path=Path(path))
        if migrate:
            # A deletion that a reader held back is finished at the next command (issue 12.5),
            # and check-ins whose process died are closed (12.6).
            try:
                abandoned.close_abandoned(store.db, store.clock())
                store.finish_purges(wait_ms=PURGE_ON_OPEN_WAIT_MS)
            except sqlite3.Error:
                pass  # best effort: both are tried again at the next open
        return store
