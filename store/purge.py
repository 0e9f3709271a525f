"""Deleted words leave the files: a checkpoint that empties the WAL, finished later if need be.

`secure_delete` (set on every connection) zeroes erased words in the database's pages, but the
pages as they were before the deletion still sit in the WAL until a checkpoint copies the new
pages home and the WAL is reset. A reader in another process (a check-in, `heartline serve`
answering) can hold that back. Then the deletion is recorded in `pending_purges` (entry ids and a
time, never words) and finished at the next opportunity: the next time a command opens the
database (issue 12.5).
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database


def record(db: Database, entry_id: int, when: str) -> None:
    """Note, in the deletion's own transaction, that its old pages must leave the files."""
    db.execute(
        "INSERT INTO pending_purges (entry_id, deleted_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [entry_id, when],
    )


def pending(db: Database) -> bool:
    """True while some deletion's old pages may still be on disk."""
    if not db.table("pending_purges").exists():
        return False
    return db.execute("SELECT 1 FROM pending_purges LIMIT 1").fetchone() is not None


def _checkpoint(db: Database, wait_ms: int, restore_ms: int) -> bool:
    """Copy every WAL frame home and truncate the WAL; True when it all happened."""
    db.execute(f"PRAGMA busy_timeout={int(wait_ms)}")
    try:
        busy, log, done = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.OperationalError:
        return False
    finally:
        db.execute(f"PRAGMA busy_timeout={int(restore_ms)}")
    return busy == 0 and log == done


def finish(db: Database, *, wait_ms: int, restore_ms: int) -> bool:
    """Try to finish every pending purge; True when none is left (the words are off the disk)."""
    if not pending(db):
        return True
    if db.conn.in_transaction or not _checkpoint(db, wait_ms, restore_ms):
        return False
    db.execute("DELETE FROM pending_purges")
    db.conn.commit()
    _checkpoint(db, wait_ms, restore_ms)  # leave the WAL empty again; that commit held no words
    return True
