"""A full disk, a read-only or damaged database and huge numbers: one line each (issue 12.6)."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import run_cli

from heartline.advice import one_line
from heartline.runner import Output, TextReplies, Voice
from heartline.session import checkin_session
from store import Store, StoreError


def one_line_error(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("heartline: "), stderr
    assert "Traceback" not in stderr and "unexpected error" not in stderr
    return lines[0]


def test_a_full_disk_keeps_the_answer_just_given(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    with Store.open(db) as st:
        st.person("Sam")
    st = Store.open(db)
    try:
        # SQLite's own limit stands in for a full disk: it fails with SQLITE_FULL, as a disk would.
        pages = st.db.execute("PRAGMA page_count").fetchone()[0]
        st.db.execute(f"PRAGMA max_page_count={pages}")
        long_answer = "I was mad that the printer jammed again " + "and again " * 800
        session = checkin_session(
            store=st,
            person="Sam",
            source=TextReplies(io.StringIO(long_answer + "\n")),
            output=Output(io.StringIO(), as_json=True, name="Sam"),
            voice=Voice(None, [], lambda _: None),
            engine="text",
            seed=1,
        )
        with pytest.raises(StoreError) as raised:
            session.run()
    finally:
        st.close()
    message = str(raised.value)
    assert "disk" in message and "full" in message
    assert "free some space" in one_line(raised.value)  # what to do, added by the CLI
    recovered = tmp_path / "heartline-recovered.jsonl"
    assert f"kept in {recovered}" in message
    (kept,) = [json.loads(line) for line in recovered.read_text().splitlines()]
    assert kept["text"] == long_answer.strip() and kept["person"] == "Sam"
    assert kept["asked"] == "mad"
    assert oct(recovered.stat().st_mode & 0o777) == oct(0o600)


def test_a_damaged_database_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    said = "I was mad about " + "the long day and " * 400 + "the bus\nstop\n"
    for _ in range(3):
        assert (
            run_cli("checkin", "--as", "sam", "--text", "--db", str(db), input=said).returncode == 0
        )
    size = db.stat().st_size
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(2 * page, size, page):  # every page but the first two: garbage
        data[offset : offset + 64] = b"\xff" * 64
    db.write_bytes(bytes(data))
    done = run_cli("entries", "--as", "sam", "--db", str(db))
    assert done.returncode == 1
    line = one_line_error(done.stderr)
    assert "damaged" in line or "not a Heartline database" in line


@pytest.fixture
def readonly_db(tmp_path: Path) -> Iterator[Path]:
    """A database its user may read but not write. Root ignores file modes, so as root the file
    is made immutable (chattr +i), which binds root too."""
    db = tmp_path / "h.db"
    done = run_cli("checkin", "--as", "sam", "--text", "--db", str(db), input="stop\n")
    assert done.returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")  # no -wal/-shm beside it
    as_root = os.geteuid() == 0
    if as_root:
        subprocess.run(["chattr", "+i", str(db)], check=True)
    else:
        db.chmod(0o444)
    try:
        yield db
    finally:
        if as_root:
            subprocess.run(["chattr", "-i", str(db)], check=True)
        else:
            db.chmod(0o644)


def test_a_read_only_database_is_one_line(readonly_db: Path) -> None:
    done = run_cli(
        "checkin", "--as", "sam", "--text", "--db", str(readonly_db), input="I was mad\nstop\n"
    )
    assert done.returncode == 1
    line = one_line_error(done.stderr)
    assert "writable" in line or "read-only" in line


@pytest.mark.parametrize(
    "args",
    [
        ["entries", "delete", str(10**30)],
        ["entries", "delete", "0"],
        ["token", "revoke", str(2**63)],
    ],
)
def test_huge_numbers_are_one_line(tmp_path: Path, args: list[str]) -> None:
    done = run_cli(*args, "--db", str(tmp_path / "h.db"))
    assert done.returncode == 2
    assert "is not in the range" in one_line_error(done.stderr)
