"""The Store's footing: one connection, a clock, and the people who use Heartline."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sqlite_utils import Database

from store.errors import UnknownPerson
from store.names import clean_name

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time in UTC (the default clock)."""
    return datetime.now(UTC)


class StoreBase:
    """One open Heartline database, its clock and its people; the query mixins build on it."""

    def __init__(self, db: Database, *, clock: Clock = utc_now, path: Path | None = None) -> None:
        self.db = db
        self.clock = clock
        self.path = path

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _now(self) -> str:
        return self.clock().astimezone(UTC).isoformat(timespec="microseconds")

    def _one(
        self, sql: str, params: Iterable[Any] | dict[str, Any] = ()
    ) -> dict[str, Any] | None:
        named = params if isinstance(params, dict) else list(params)
        return next(self.db.query(sql, named), None)

    # People

    def person(self, name: str) -> int:
        """The id of the person called `name` (case-insensitive), created if new; InvalidName."""
        name = clean_name(name)
        self.db.execute(
            "INSERT INTO people (name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
            [name, self._now()],
        )
        row = self._one("SELECT id FROM people WHERE name = ?", [name])
        assert row is not None
        return int(row["id"])

    def find_person(self, name: str) -> int:
        """The id of an existing person called `name`; raises UnknownPerson."""
        row = self._one("SELECT id FROM people WHERE name = ?", [clean_name(name)])
        if row is None:
            raise UnknownPerson(name)
        return int(row["id"])

    def people(self) -> list[dict[str, Any]]:
        """Everyone, by name: id, name, created_at."""
        return list(self.db.query("SELECT id, name, created_at FROM people ORDER BY name"))
