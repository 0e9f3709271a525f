"""Fixtures for the store tests: a real SQLite file and a clock tests can move."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from store import Store


class Clock:
    """A clock that advances one minute each time it is read."""

    def __init__(self, start: datetime = datetime(2025, 3, 1, 20, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "heartline.db"


@pytest.fixture
def st(db_path: Path) -> Iterator[Store]:
    store = Store.open(db_path, clock=Clock())
    yield store
    store.close()
