"""`heartline schedule set/show/off`: kept in a real SQLite file across processes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from helpers import run_cli


def test_set_show_off_round_trip_survives_a_restart(db: Path) -> None:
    # Three hours from now: the last occurrence is 21 hours old, outside the wake window, so the
    # next prompt is at that time whatever the clock says when the test runs.
    at = (datetime.now() + timedelta(hours=3)).strftime("%H:%M")
    out = run_cli("schedule", "set", "--as", "sam", "--at", at, "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert f"sam: {at} every day" in out.stdout
    out = run_cli("schedule", "set", "--as", "alex", "--at", "7:05", "--days", "mon,wed",
                  "--db", str(db))
    assert out.returncode == 0, out.stderr

    # Each run_cli is a new process: what show prints came from the database.
    shown = run_cli("schedule", "show", "--as", "sam", "--json", "--db", str(db))
    assert shown.returncode == 0, shown.stderr
    sam = json.loads(shown.stdout)
    assert sam["at"] == at and sam["person"] == "sam" and len(sam["days"]) == 7
    assert sam["next"][11:16] == at
    every = json.loads(run_cli("schedule", "show", "--json", "--db", str(db)).stdout)
    assert [(s["person"], s["at"], s["days"]) for s in every] == [
        ("alex", "07:05", ["mon", "wed"]), ("sam", at, list(sam["days"]))]
    assert "alex: 07:05 mon,wed" in run_cli("schedule", "show", "--db", str(db)).stdout

    changed = run_cli("schedule", "set", "--as", "sam", "--at", "22:00", "--db", str(db))
    assert changed.returncode == 0
    assert json.loads(run_cli("schedule", "show", "--as", "sam", "--json",
                              "--db", str(db)).stdout)["at"] == "22:00"

    off = run_cli("schedule", "off", "--as", "sam", "--db", str(db))
    assert off.returncode == 0 and "off" in off.stdout
    assert json.loads(run_cli("schedule", "show", "--as", "sam", "--json",
                              "--db", str(db)).stdout) is None
    again = run_cli("schedule", "off", "--as", "sam", "--db", str(db))
    assert again.returncode == 0 and "no evening prompt" in again.stdout


@pytest.mark.parametrize("args,hint", [(("--at", "9pm"), "--at"), (("--at", "25:00"), "--at"),
                                       (("--at", "21:00", "--days", "funday"), "--days")])
def test_bad_times_and_days_are_one_clear_line(db: Path, args: tuple[str, ...], hint: str) -> None:
    out = run_cli("schedule", "set", "--as", "sam", *args, "--db", str(db))
    assert out.returncode == 2
    assert hint in out.stderr and "Traceback" not in out.stderr


def test_an_unwritable_database_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out = run_cli("schedule", "set", "--as", "sam", "--at", "21:00", "--db",
                  str(blocker / "heartline.db"))
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "--db" in out.stderr
