"""The change watch: `PRAGMA data_version` and the connection's own changes, on real commits."""

from __future__ import annotations

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


def test_reads_change_nothing_and_every_commit_is_seen(db_path: Path) -> None:
    with Store.open(db_path) as watched, Store.open(db_path) as other:
        watch = ChangeWatch(watched.db.conn)
        assert watch.changed()  # the first look
        for _ in range(3):
            watched.db.execute("SELECT * FROM people").fetchall()
            other.db.execute("SELECT * FROM people").fetchall()
            assert not watch.changed()
        other.person("Sam")  # another connection of this process
        assert watch.changed() and not watch.changed()
        watched.person("Alex")  # the watched connection itself
        assert watch.changed() and not watch.changed()
        commit_in_another_process(db_path, "Dana")
        assert watch.changed() and not watch.changed()
        with sqlite3.connect(db_path) as raw:  # a checkpoint that restarts the WAL
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        other.person("Casey")
        assert watch.changed() and not watch.changed()


def test_a_closed_connection_reads_as_changed(db_path: Path) -> None:
    st = Store.open(db_path)
    watch = ChangeWatch(st.db.conn)
    watch.changed()
    st.close()
    assert watch.changed() and watch.changed()  # unknown is treated as a change
