"""The change watch: SQLite's WAL index header read from shared memory, against real commits."""

from __future__ import annotations

import mmap
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from store import Store
from store.changes import ChangeWatch

ROOT = Path(__file__).resolve().parents[2]


def commit_in_another_process(path: Path, name: str) -> None:
    script = textwrap.dedent(
        f"""
        from store import Store
        with Store.open({str(path)!r}) as st:
            st.person({name!r})
        """
    )
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True, timeout=60)


def test_reads_leave_the_version_alone_and_every_commit_changes_it(db_path: Path) -> None:
    Store.open(db_path).close()
    watch = ChangeWatch.open(db_path)
    assert watch is not None
    try:
        seen = [watch.version()]
        with Store.open(db_path) as st:
            for _ in range(3):
                st.db.execute("SELECT * FROM people").fetchall()  # reads change nothing
                assert watch.version() == seen[-1]
            st.person("Sam")
            seen.append(watch.version())
            st.person("Alex")
            seen.append(watch.version())
        commit_in_another_process(db_path, "Dana")
        seen.append(watch.version())
        with sqlite3.connect(db_path) as raw:  # a checkpoint that restarts the WAL
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        with Store.open(db_path) as st:
            st.person("Casey")
        seen.append(watch.version())
        assert None not in seen
        assert len(set(seen)) == len(seen), "some commit left the version unchanged"
    finally:
        watch.close()
    assert watch.version() is None


def test_a_database_not_in_wal_mode_is_not_watched(tmp_path: Path) -> None:
    path = tmp_path / "rollback.db"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE t (x)")
    assert ChangeWatch.open(path) is None
    assert ChangeWatch.open(tmp_path / "missing-dir" / "x.db") is None


def test_a_torn_or_uninitialised_header_reads_as_unknown(db_path: Path) -> None:
    Store.open(db_path).close()
    real = ChangeWatch.open(db_path)
    assert real is not None
    header = real.version()
    real.close()
    assert header is not None
    for name, bad in {
        "copies differ (caught mid-write)": header[:48] + bytes(48),
        "not initialised": bytes(96),
        "another layout version": (b"\x01\x02\x03\x04" + header[4:48]) * 2,
    }.items():
        shm = mmap.mmap(-1, 96)
        shm.write(bad)
        watch = ChangeWatch(sqlite3.connect(":memory:"), shm)
        assert watch.version() is None, name
        watch.close()
