"""One home for paths (issue 13): the data folder, the database and the model folders."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from helpers import ROOT

from heartline.paths import (
    data_dir,
    database,
    default_db_path,
    model_folders,
    project_models_dir,
    user_models_dir,
)


def test_default_db_path_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEARTLINE_DB", "/tmp/x/h.db")
    assert default_db_path() == Path("/tmp/x/h.db")
    monkeypatch.delenv("HEARTLINE_DB")
    monkeypatch.setenv("XDG_DATA_HOME", "/data")
    assert default_db_path() == Path("/data/heartline/heartline.db")
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", "/home/sam")
    assert default_db_path() == Path("/home/sam/.local/share/heartline/heartline.db")


def test_models_are_looked_for_in_the_checkout_then_the_data_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "/data")
    assert data_dir() == Path("/data/heartline")
    assert project_models_dir() == ROOT / "models"
    assert user_models_dir() == Path("/data/heartline/models")
    assert model_folders() == (ROOT / "models", Path("/data/heartline/models"))


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_own_data_folder_is_made_private_other_folders_are_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("HEARTLINE_DB", raising=False)
    own = tmp_path / "data" / "heartline"
    own.mkdir(parents=True)
    own.chmod(0o755)  # as an older install left it
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    assert database(shared / "h.db") == shared / "h.db"
    assert _mode(own) == 0o755 and _mode(shared) == 0o755  # not the database's folder
    assert database(None) == own / "heartline.db"
    assert _mode(own) == 0o700 and _mode(shared) == 0o755
    own.chmod(0o755)
    assert database(own / "other.db") == own / "other.db"  # --db into the own folder
    assert _mode(own) == 0o700


def test_a_missing_data_folder_is_left_for_the_store_to_create(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "fresh"))
    monkeypatch.delenv("HEARTLINE_DB", raising=False)
    assert database(None) == tmp_path / "fresh" / "heartline" / "heartline.db"
    assert not (tmp_path / "fresh").exists()
