"""`--as ''` is an error, not "me"; names with invisible controls are refused (issue 12.6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli


@pytest.mark.parametrize(
    "args",
    [
        ["checkin", "--as", "", "--text"],
        ["entries", "--as", ""],
        ["checkin", "--as", "Sam\u202egnp.exe", "--text"],
        ["token", "create", "--as", "sam", "--for", "al\u2066ex"],
    ],
    ids=["empty checkin", "empty entries", "bidi override", "bidi isolate"],
)
def test_bad_names_are_one_line(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "h.db"
    assert (
        run_cli("checkin", "--as", "sam", "--text", "--db", str(db), input="stop\n").returncode == 0
    )
    done = run_cli(*args, "--db", str(db), input="I was mad\nstop\n")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot be used" in lines[0], done.stderr
    listed = run_cli("entries", "--as", "me", "--db", str(db))
    assert "No one named 'me'" in listed.stderr  # nothing was kept under "me"
