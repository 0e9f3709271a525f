"""Files are private to their owner whatever the umask, and older installs are tightened (12.2)."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

from helpers import ROOT


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def run_with_umask_022(*args: str, env: dict[str, str], input: str = "") -> str:
    done = subprocess.run(
        [sys.executable, "-m", "heartline", *args],
        input=input,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=ROOT,
        timeout=180,
        preexec_fn=lambda: os.umask(0o022),  # the default umask that made files 0644
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_new_install_is_private_with_umask_022(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "HEARTLINE_DB": ""}
    say_to = tmp_path / "spoken"
    data = tmp_path / "data" / "heartline"
    db = data / "heartline.db"
    # A reader in another process keeps SQLite's -wal and -shm in place, so their modes are seen.
    data.mkdir(parents=True, mode=0o700)
    run_with_umask_022("checkin", "--as", "sam", "--text", env=env, input="nothing\n")
    holder = sqlite3.connect(db)
    holder.execute("SELECT count(*) FROM entries").fetchone()
    try:
        run_with_umask_022(
            "checkin",
            "--as",
            "sam",
            "--text",
            "--say-to",
            str(say_to),
            env=env,
            input="I was mad at the bus\nstop\n",
        )
        assert mode(data) == 0o700
        for name in ("heartline.db", "heartline.db-wal", "heartline.db-shm"):
            assert mode(data / name) == 0o600, name
        wavs = sorted(say_to.glob("*.wav"))
        assert wavs and all(mode(w) == 0o600 for w in wavs)
        assert mode(say_to) == 0o700
    finally:
        holder.close()


def test_the_data_folder_is_created_private(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "fresh"), "HEARTLINE_DB": ""}
    run_with_umask_022("checkin", "--as", "sam", "--text", env=env, input="nothing\n")
    assert mode(tmp_path / "fresh" / "heartline") == 0o700
    assert mode(tmp_path / "fresh") == 0o700  # created for it, so nobody else's
    assert mode(tmp_path / "fresh" / "heartline" / "heartline.db") == 0o600


def test_an_older_install_is_tightened_when_opened(tmp_path: Path) -> None:
    data = tmp_path / "data" / "heartline"
    data.mkdir(parents=True)
    data.chmod(0o755)
    db = data / "heartline.db"
    old = os.umask(0o022)
    try:
        holder = sqlite3.connect(db)  # as an older Heartline left it: 0644 everywhere
        holder.execute("PRAGMA journal_mode=WAL")
        holder.execute("CREATE TABLE t (x)")
        holder.commit()
    finally:
        os.umask(old)
    try:
        for name in ("heartline.db", "heartline.db-wal", "heartline.db-shm"):
            assert mode(data / name) == 0o644, name
        env = {"XDG_DATA_HOME": str(tmp_path / "data"), "HEARTLINE_DB": ""}
        run_with_umask_022("checkin", "--as", "sam", "--text", env=env, input="nothing\n")
        assert mode(data) == 0o700
        for name in ("heartline.db", "heartline.db-wal", "heartline.db-shm"):
            assert mode(data / name) == 0o600, name
    finally:
        holder.close()


def test_a_folder_chosen_with_db_is_left_alone(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    run_with_umask_022(
        "checkin", "--as", "sam", "--text", "--db", str(shared / "h.db"), env={}, input="nothing\n"
    )
    assert mode(shared) == 0o755  # it may be shared on purpose; the files in it are not
    assert mode(shared / "h.db") == 0o600


def test_a_database_named_by_heartline_db_leaves_its_folder_alone(tmp_path: Path) -> None:
    shared = tmp_path / "tmp-like"
    shared.mkdir()
    shared.chmod(0o1777)
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "HEARTLINE_DB": str(shared / "h.db")}
    run_with_umask_022("checkin", "--as", "sam", "--text", env=env, input="nothing\n")
    assert mode(shared) == 0o1777  # a folder like /tmp must never be closed to everyone else
    assert mode(shared / "h.db") == 0o600
