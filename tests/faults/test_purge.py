"""`entries delete` is honest about the disk, and finishes the purge later (issue 12.5).

A process holding a read transaction keeps the pages from before the deletion in the WAL. Another
process keeps a connection open throughout, as `heartline serve` does, so SQLite's own clean-up
at the last close never hides a purge that Heartline did not finish.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from helpers import ROOT, run_cli

SECRET = b"zebracorn"
"""A word that appears nowhere else, to look for in the files' bytes."""

HOLD = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "read":
    conn.execute("BEGIN")
    conn.execute("SELECT count(*) FROM entries").fetchone()  # a read transaction stays open
else:
    conn.execute("SELECT count(*) FROM entries").fetchone()  # just a connection, like a server
print("ready", flush=True)
sys.stdin.readline()
conn.close()
"""


def on_disk(db: Path) -> bool:
    """True when the secret is in the database file or its WAL (read by a process with no
    SQLite connection to them, so no lock of SQLite's is disturbed)."""
    return any(SECRET in p.read_bytes() for p in (db, db.with_name(db.name + "-wal")) if p.exists())


def hold(db: Path, how: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db), how],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def release(proc: subprocess.Popen[str]) -> None:
    proc.communicate("\n", timeout=30)
    assert proc.returncode == 0


def secret_entry(db: Path) -> str:
    said = f"I was mad that the {SECRET.decode()} ate my lunch\nstop\n"
    done = run_cli("checkin", "--as", "sam", "--text", "--db", str(db), input=said)
    assert done.returncode == 0, done.stderr
    rows = json.loads(run_cli("entries", "--as", "sam", "--json", "--db", str(db)).stdout)
    (row,) = [r for r in rows if SECRET.decode() in r["text"]]
    return str(row["id"])


def test_a_reader_delays_the_purge_and_the_next_command_finishes_it(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    entry = secret_entry(db)
    server_like = hold(db, "connection")
    try:
        reader = hold(db, "read")
        done = run_cli("entries", "delete", entry, "--db", str(db))
        assert done.returncode == 0, done.stderr
        assert "gone for good" not in done.stdout
        assert "stays on disk" in done.stdout and "next heartline command" in done.stdout
        assert on_disk(db)  # honest: the words are still there
        release(reader)
        again = run_cli("entries", "--as", "sam", "--db", str(db))  # any next command
        assert again.returncode == 0, again.stderr
        assert not on_disk(db)
        assert SECRET.decode() not in again.stdout
    finally:
        if server_like.poll() is None:
            release(server_like)


def test_without_a_reader_the_words_leave_at_once(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    entry = secret_entry(db)
    server_like = hold(db, "connection")
    try:
        assert on_disk(db)
        done = run_cli("entries", "delete", entry, "--db", str(db))
        assert done.returncode == 0 and "gone for good" in done.stdout
        assert not on_disk(db)
    finally:
        release(server_like)
