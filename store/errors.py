"""Errors of the store; each carries its facts (path, name, reason), the CLI adds what to type."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """The database could not be used."""

    code = "store"

    def __init__(
        self, message: str | None = None, *, path: Path | None = None, reason: str | None = None
    ) -> None:
        super().__init__(message or (type(self).__doc__ or "").rstrip("."))
        self.path = path
        """The database file, when it is known."""
        self.reason = reason
        """What SQLite (or the file system) said, when the error came from there."""


class DatabaseUnwritable(StoreError):
    """The database cannot be written."""

    code = "db-unwritable"

    def __init__(self, path: Path, reason: str | None = None) -> None:
        super().__init__(f"Cannot write the database at {path}", path=path, reason=reason)


class NotADatabase(StoreError):
    """The file is not a Heartline database."""

    code = "not-a-database"

    def __init__(self, path: Path, reason: str | None = None) -> None:
        super().__init__(f"{path} is not a Heartline database", path=path, reason=reason)


class UnknownPerson(StoreError):
    """No one by that name has used Heartline yet: check the spelling of the name."""

    code = "unknown-person"

    def __init__(self, name: str) -> None:
        super().__init__(f"No one named {name!r} has used Heartline yet: check the spelling")
        self.name = name


class UnknownEntry(StoreError):
    """There is no such entry."""

    code = "unknown-entry"

    def __init__(self, entry_id: int) -> None:
        super().__init__(f"There is no entry {entry_id}")
        self.entry_id = entry_id


class UnknownCheckin(StoreError):
    """There is no such check-in: it may have been removed."""

    code = "unknown-checkin"


class UnknownToken(StoreError):
    """There is no such token."""

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
        super().__init__(f"The name {name!r} cannot be used: {why}", reason=why)
        self.name = name


class DiskFull(StoreError):
    """The disk holding the database is full."""

    code = "disk-full"


class DatabaseReadOnly(StoreError):
    """The database is read-only."""

    code = "db-read-only"


class DatabaseDamaged(StoreError):
    """The database is damaged."""

    code = "db-damaged"


class DatabaseBusy(StoreError):
    """Another program holds the database too long."""

    code = "db-busy"


def translate(exc: Exception, path: Path | None = None) -> StoreError:
    """The store error for an error SQLite raised, with SQLite's words as its reason."""
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
            return kind(path=path, reason=str(exc))
    return StoreError(f"The database failed ({exc})", path=path, reason=str(exc))
