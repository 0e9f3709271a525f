"""Knowing whether the database may have changed, by asking SQLite: `PRAGMA data_version`.

`PRAGMA data_version` answers a number that differs after every commit made by any *other*
connection, in this process or another (https://sqlite.org/pragma.html#pragma_data_version).
A connection's own changes do not move it, so the watch also counts them:
`Connection.total_changes` (sqlite3_total_changes, no query) grows with every row it writes.

This replaces an earlier design that read the WAL index header from the `-shm` file directly.
Opening and closing SQLite's own files behind its back drops the process's POSIX locks on them
(https://sqlite.org/howtocorrupt.html, section 2.2): another process then truncated the live
shared memory and the server died with SIGBUS (issue 12). Never open SQLite's files here.
"""

from __future__ import annotations

import sqlite3


class ChangeWatch:
    """Whether anything was committed since the last look, as seen from one connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._last: tuple[int, int] | None = None

    def changed(self) -> bool:
        """True when a commit by any connection (this one included) may have happened since the
        previous call; always True the first time and whenever SQLite cannot be asked.

        Call it outside a transaction: inside one, SQLite does not look for other commits.
        """
        try:
            found = self._conn.execute("PRAGMA data_version").fetchone()
            now = (int(found[0]), self._conn.total_changes)
        except sqlite3.Error:
            self._last = None
            return True
        changed = now != self._last
        self._last = now
        return changed
