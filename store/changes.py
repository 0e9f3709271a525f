"""Knowing, without asking SQLite, whether the database has changed: its WAL index header.

In WAL mode every process that opens the database maps the same shared-memory file, `<db>-shm`,
and every commit rewrites the header at its start: two copies of a 48-byte WalIndexHdr whose
change counter, last frame and salts move with each transaction
(https://sqlite.org/walformat.html, "The WAL-Index Header"). SQLite's own readers decide whether
their cached pages are still good by comparing that header, and processes built against
different SQLite versions share the file, so its layout cannot change under us.

Reading the mapped header is a memory copy: no system call, no SQLite call, and so no release of
the GIL, which under a threaded server costs more than the read itself. The web service uses it to
keep answers (who a token belongs to, a page of entries) for exactly as long as nothing has been
committed: a revoked token, a share or a deletion by any process is seen by the very next request.

The mapping is made while this watch holds its own connection with the shared memory open. SQLite
only truncates or re-creates the file when a connection finds nobody else using it, which can
therefore not happen while the watch lives; close() releases the mapping before the connection.
"""

from __future__ import annotations

import mmap
import sqlite3
import struct
from pathlib import Path

_HEADER = 48
"""Bytes in one copy of the WalIndexHdr; the shared memory starts with two copies of it."""

_WALINDEX_VERSION = 3007000
"""iVersion, the first field of the header, in every SQLite since WAL appeared (3.7.0)."""

_IS_INIT = 12
"""Offset of isInit, set once the header describes the WAL."""


class ChangeWatch:
    """The state of a WAL database as a token that changes with every commit, by any process."""

    def __init__(self, conn: sqlite3.Connection, shm: mmap.mmap) -> None:
        self._conn = conn
        self._shm: mmap.mmap | None = shm

    @classmethod
    def open(cls, path: Path) -> ChangeWatch | None:
        """A watch on the database at `path`, or None when it cannot be watched this way.

        None means "ask SQLite every time": not in WAL mode, no shared-memory file (an exclusive
        locking mode, a VFS without one) or one that cannot be mapped.
        """
        try:
            conn = sqlite3.connect(str(path), check_same_thread=False)
        except sqlite3.Error:
            return None
        try:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            # A read opens (and if need be initialises) the shared memory, and keeps it open for
            # as long as this connection lives.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if str(mode).lower() != "wal":
                raise OSError("not in WAL mode")
            with open(f"{path}-shm", "rb") as f:
                shm = mmap.mmap(f.fileno(), 2 * _HEADER, access=mmap.ACCESS_READ)
        except (OSError, ValueError, sqlite3.Error):
            conn.close()
            return None
        watch = cls(conn, shm)
        if watch.version() is None:
            watch.close()
            return None
        return watch

    def version(self) -> bytes | None:
        """The header as it is now; it differs after every commit. None when unreadable.

        None also covers a header caught mid-write (its two copies differ), which callers treat
        like a change: they go to the database.
        """
        shm = self._shm
        if shm is None:
            return None
        header = shm[: 2 * _HEADER]
        if header[:_HEADER] != header[_HEADER:] or header[_IS_INIT] != 1:
            return None
        if struct.unpack_from("=I", header)[0] != _WALINDEX_VERSION:
            return None
        return header

    def close(self) -> None:
        """Release the mapping, then the connection that keeps the shared memory alive."""
        shm, self._shm = self._shm, None
        if shm is not None:
            shm.close()
        self._conn.close()
