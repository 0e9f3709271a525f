"""Opening the database: a private folder and files, pragmas, migrations and clear errors."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from sqlite_utils import Database

from store.errors import DatabaseUnwritable, NotADatabase
from store.migrations import migrate

PRIVATE_DIR = 0o700
"""The data folder: only its owner may list or enter it (issue 12: others read a crisis answer)."""

PRIVATE_FILE = 0o600
"""The database and SQLite's -wal and -shm beside it: only their owner may read them."""

BUSY_TIMEOUT_MS = 5000
"""How long a writer or reader waits for a lock before giving up (a check-in and the web service
share one file)."""


def connect(path: Path, *, migrate_schema: bool = True) -> Database:
    """Open (creating if needed) the database at `path`, with WAL, a busy timeout and foreign keys.

    Raises DatabaseUnwritable or NotADatabase, each with the path and the reason.
    """
    path = Path(path).expanduser()
    _private_folder(path)
    if path.is_dir():
        raise DatabaseUnwritable(path, "is a folder")
    try:
        # check_same_thread=False: a Store may move between threads (never used by two at once).
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except sqlite3.Error as exc:
        raise DatabaseUnwritable(path, str(exc)) from exc
    # Before anything is written: SQLite gives -wal and -shm the database file's own mode.
    _private_files(path, ("",))
    try:
        db = Database(conn)
        db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys=ON")
        # Deleted words are overwritten with zeros, not left in free pages.
        db.execute("PRAGMA secure_delete=ON")
        db.execute("PRAGMA synchronous=FULL")
        db.enable_wal()
        if db.journal_mode != "wal":
            raise DatabaseUnwritable(path, f"journal mode is {db.journal_mode}, not wal")
        _private_files(path, ("-wal", "-shm"))  # an older install's may be readable by all
        if migrate_schema:
            migrate(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        message = str(exc).lower()
        if "not a database" in message or "malformed" in message or "encrypted" in message:
            raise NotADatabase(path, str(exc)) from exc
        raise DatabaseUnwritable(path, str(exc)) from exc
    except BaseException:
        conn.close()
        raise
    return db


def _private_folder(path: Path) -> None:
    """Create the database's folder (and any missing parents) for its owner only.

    An existing folder is left as it is: it may be shared on purpose. (The application tightens
    its own data folder before opening: heartline/paths.py.)
    """
    folder = path.parent
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for created in missing:
            created.chmod(PRIVATE_DIR)
    except OSError as exc:
        raise DatabaseUnwritable(path, exc.strerror or str(exc)) from exc


def _private_files(path: Path, suffixes: tuple[str, ...]) -> None:
    """Make the database's files readable by their owner only, whatever the umask.

    By path (chmod), never by opening them: closing a descriptor of SQLite's files would drop its
    locks (https://sqlite.org/howtocorrupt.html, section 2.2).
    """
    for suffix in suffixes:
        name = f"{path}{suffix}"
        try:
            # Only ever take permissions away: a file made read-only on purpose stays so.
            current = stat.S_IMODE(os.stat(name).st_mode)
            if current & 0o077:
                os.chmod(name, current & PRIVATE_FILE)
        except FileNotFoundError:
            pass
        except PermissionError:
            pass  # another user's file that we may write: not ours to change
