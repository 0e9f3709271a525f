"""Shared fixtures: temporary databases, an isolated data directory, flite speech."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import conversation_wav


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "heartline.db"


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the user's real data directory and models out of tests."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.delenv("HEARTLINE_DB", raising=False)
    monkeypatch.delenv("HEARTLINE_VOSK_MODEL", raising=False)
    return home


@pytest.fixture
def speak() -> Callable[..., Path]:
    return conversation_wav
