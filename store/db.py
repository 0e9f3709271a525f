"""Where the database lives, and opening it: pragmas, migrations and clear errors."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from store.errors import DatabaseUnwritable, NotADatabase
from store.migrations import migrate

BUSY_TIMEOUT_MS = 5000
"""How long a writer or reader waits for a lock before giving up (a check-in and the web service
share one file)."""


def default_db_path() -> Path:
    """$HEARTLINE_DB, else $XDG_DATA_HOME/heartline/heartline.db (~/.local/share by default)."""
    explicit = os.environ.get("HEARTLINE_DB")
    if explicit:
        return Path(explicit).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "heartline" / "heartline.db"


def connect(path: Path, *, migrate_schema: bool = True) -> Database:
    """Open (creating if needed) the database at `path`, with WAL, a busy timeout and foreign keys.

    Raises DatabaseUnwritable or NotADatabase, each naming the path and what to do.
    """
    path = Path(path).expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseUnwritable(path) from exc
    if path.is_dir():
        raise DatabaseUnwritable(path)
    try:
        # check_same_thread=False: a Store may move between threads (never used by two at once).
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except sqlite3.Error as exc:
        raise DatabaseUnwritable(path) from exc
    try:
        db = Database(conn)
        db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys=ON")
        # Deleted words are overwritten with zeros, not left in free pages.
        db.execute("PRAGMA secure_delete=ON")
        db.execute("PRAGMA synchronous=FULL")
        db.enable_wal()
        if db.journal_mode != "wal":
            raise DatabaseUnwritable(path)
        if migrate_schema:
            migrate(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        message = str(exc).lower()
        if "not a database" in message or "malformed" in message or "encrypted" in message:
            raise NotADatabase(path) from exc
        raise DatabaseUnwritable(path) from exc
    except BaseException:
        conn.close()
        raise
    return db
