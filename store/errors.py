"""Errors of the store; each message names the database and says what to do."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """The database could not be used: choose another path with --db PATH."""

    code = "store"


class DatabaseUnwritable(StoreError):
    """The database cannot be written: choose a writable path with --db PATH."""

    code = "db-unwritable"

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Cannot write the database at {path}: choose a writable path with --db PATH"
        )
        self.path = path


class NotADatabase(StoreError):
    """The file is not a Heartline database: move it aside or choose another path with --db PATH."""

    code = "not-a-database"

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is not a Heartline database: "
            "move it aside or choose another path with --db PATH"
        )
        self.path = path


class UnknownPerson(StoreError):
    """No one by that name has used Heartline yet: check the spelling of the name."""

    code = "unknown-person"

    def __init__(self, name: str) -> None:
        super().__init__(f"No one named {name!r} has used Heartline yet: check the spelling")
        self.name = name


class UnknownEntry(StoreError):
    """There is no such entry: list them with `heartline entries`."""

    code = "unknown-entry"

    def __init__(self, entry_id: int) -> None:
        super().__init__(f"There is no entry {entry_id}: list them with `heartline entries`")
        self.entry_id = entry_id


class UnknownCheckin(StoreError):
    """There is no such check-in: it may have been removed."""

    code = "unknown-checkin"


class UnknownToken(StoreError):
    """There is no such token: list them with `heartline token list`."""

    code = "unknown-token"


class SameOwnerAndListener(StoreError):
    """A token lets someone else listen: its owner and its listener must be two people."""

    code = "same-owner-and-listener"

    def __init__(self, name: str) -> None:
        super().__init__(f"A token is for someone else, not for {name} themselves")
        self.name = name


class InvalidName(StoreError):
    """That name cannot be used: give a name of letters, digits, spaces or punctuation."""

    code = "invalid-name"

    def __init__(self, name: str, why: str) -> None:
        super().__init__(f"The name {name!r} cannot be used: {why}")
        self.name = name


class DiskFull(StoreError):
    """The disk holding the database is full: free some space, then run the command again."""

    code = "disk-full"


class DatabaseReadOnly(StoreError):
    """The database is read-only: make it writable (chmod u+w) or choose another with --db PATH."""

    code = "db-read-only"


class DatabaseDamaged(StoreError):
    """The database is damaged: move it aside and restore a backup (or `sqlite3 FILE .recover`)."""

    code = "db-damaged"


class DatabaseBusy(StoreError):
    """Another program holds the database too long: try again in a moment."""

    code = "db-busy"


def translate(exc: Exception) -> StoreError:
    """The store error, with its one line of what to do, for an error SQLite raised."""
    message = str(exc).lower()
    kinds: tuple[tuple[tuple[str, ...], type[StoreError]], ...] = (
        (("database or disk is full", "disk i/o error"), DiskFull),
        (("readonly", "read-only"), DatabaseReadOnly),
        (("malformed", "not a database", "corrupt", "encrypted"), DatabaseDamaged),
        (("locked", "busy"), DatabaseBusy),
        (("unable to open",), StoreError),
    )
    for needles, kind in kinds:
        if any(n in message for n in needles):
            return kind(kind.__doc__)
    return StoreError(f"The database failed ({exc}): {StoreError.__doc__}")
