"""The store against a real SQLite file: opening, entries, sharing rules and deletion."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from heartline.advice import one_line
from store import InvalidName, SameOwnerAndListener, Store, StoreError
from store.migrations import MIGRATIONS, applied, migrate


def add(st: Store, checkin: int, person: int, kind: str = "feeling", **kw: object) -> int:
    values: dict = dict(
        checkin_id=checkin,
        person_id=person,
        asked="mad",
        emotion="mad",
        kind=kind,
        text=f"a {kind} answer",
        reply="I hear you.",
        words=[("a", 0.9)],
        engine="text",
    )
    values.update(kw)
    return st.add_entry(**values)


def test_open_sets_wal_busy_timeout_and_foreign_keys(st: Store) -> None:
    assert st.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert st.db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert st.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_open_creates_parent_directories(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "heartline.db"
    Store.open(path).close()
    assert path.exists()


def test_migrations_on_an_empty_database(db_path: Path) -> None:
    db = Database(db_path)
    assert migrate(db) == [m.__name__ for m in MIGRATIONS]
    assert applied(db) == [m.__name__ for m in MIGRATIONS]
    assert migrate(db) == []
    assert {"people", "checkins", "entries", "tokens", "heard", "audio_cache"} <= set(
        db.table_names()
    )


def test_migrations_on_an_old_database_keep_its_entries(db_path: Path) -> None:
    db = Database(db_path)
    migrate(db, upto="m001_people_checkins_entries")
    assert applied(db) == ["m001_people_checkins_entries"]
    db.execute("INSERT INTO people (name, created_at) VALUES ('Sam', '2024-01-01T00:00:00Z')")
    db.execute("INSERT INTO checkins (person_id, engine, started_at) VALUES (1, 'vosk', 'x')")
    db.execute(
        "INSERT INTO entries (checkin_id, person_id, asked, emotion, kind, text, engine,"
        " created_at) VALUES (1, 1, 'sad', 'sad', 'feeling', 'old words', 'vosk',"
        " '2024-01-01T00:00:00Z')"
    )
    db.close()
    with Store.open(db_path) as st:
        assert applied(st.db) == [m.__name__ for m in MIGRATIONS]
        (old,) = st.entries("sam")
        assert old["text"] == "old words" and not old["deleted"] and old["words"] == []


def test_a_replies_branch_database_gets_the_reliability_migrations(db_path: Path) -> None:
    """A database made while the replies (m008-m010) came before m005-m007 keeps its replies."""
    from store.replies import Replies

    db = Database(db_path)
    migrate(db, upto="m004_schedules")
    for migration in (m for m in MIGRATIONS if m.__name__[:4] in ("m008", "m009", "m010")):
        migration(db)
        db.execute(
            "INSERT INTO _migrations (name, applied_at) VALUES (?, 'x')", [migration.__name__]
        )
    db.execute("INSERT INTO people (name, created_at) VALUES ('Sam', 'x'), ('Alex', 'x')")
    db.execute("INSERT INTO checkins (person_id, engine, started_at) VALUES (1, 'text', 'x')")
    db.execute(
        "INSERT INTO entries (checkin_id, person_id, asked, emotion, kind, text, engine, shared,"
        " created_at) VALUES (1, 1, 'mad', 'mad', 'feeling', 'old words', 'text', 1,"
        " '2024-01-01T00:00:00+00:00')"
    )
    db.execute(
        "INSERT INTO replies (entry_id, from_id, to_id, text, created_at)"
        " VALUES (1, 2, 1, 'That sounds hard.', '2024-01-02T00:00:00+00:00')"
    )
    db.close()
    with Store.open(db_path) as st:
        assert sorted(applied(st.db)) == sorted(m.__name__ for m in MIGRATIONS)
        (old,) = st.entries("sam")
        assert len(old["public_id"]) == 22
        assert [r.text for r in Replies(st).to_speaker(1)] == ["That sounds hard."]


@pytest.mark.parametrize(
    "where",
    [
        lambda tmp: tmp / "afile" / "x.db",  # parent is a regular file
        lambda tmp: Path("/proc/heartline/x.db"),  # cannot create under /proc, even as root
        lambda tmp: tmp,  # a directory, not a file
    ],
    ids=["under-a-file", "proc", "a-directory"],
)
def test_unwritable_path_is_one_clear_store_error(tmp_path: Path, where) -> None:
    (tmp_path / "afile").write_text("not a directory")
    path = where(tmp_path)
    with pytest.raises(StoreError) as info:
        Store.open(path)
    assert str(info.value) == f"Cannot write the database at {path}"  # facts, no CLI flags
    assert info.value.path == path and info.value.reason
    assert one_line(info.value) == (
        f"Cannot write the database at {path}: choose a writable path with --db PATH"
    )


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"These are my notes, not a database.\n" * 200)
    with pytest.raises(StoreError, match="is not a Heartline database"):
        Store.open(path)
    assert path.read_bytes().startswith(b"These are my notes")


def test_person_is_get_or_create_case_insensitive(st: Store) -> None:
    sam = st.person("Sam")
    assert st.person("sam") == sam and st.person(" SAM ") == sam
    assert st.person("Alex") != sam
    assert [p["name"] for p in st.people()] == ["Alex", "Sam"]


def test_entries_newest_first_with_every_field(st: Store) -> None:
    sam = st.person("Sam")
    c = st.start_checkin(sam, "vosk")
    first = add(st, c, sam, text="first")
    second = add(st, c, sam, text="second", audio=b"RIFF", intensity=2)
    rows = st.entries("Sam")
    assert [r["id"] for r in rows] == [second, first]
    row = rows[0]
    assert row["text"] == "second" and row["intensity"] == 2 and row["has_audio"]
    assert row["words"] == [("a", 0.9)] and row["engine"] == "text"
    assert row["created_at"].endswith("+00:00") and "T" in row["created_at"]
    assert row["shared"] is False and row["private"] is False
    assert st.entry(second) == row and st.entry(99999) is None


def test_append_to_entry_joins_the_follow_up(st: Store) -> None:
    sam = st.person("Sam")
    c = st.start_checkin(sam, "text")
    e = add(st, c, sam, kind="outer", text="work was busy", reply="How did that feel?")
    st.append_to_entry(
        e,
        text="frustrated",
        reply="That sounds hard.",
        words=[("frustrated", 0.8)],
        emotion="mad",
        kind="feeling",
        intensity=2,
    )
    row = st.entry(e)
    assert row is not None
    assert row["text"] == "work was busy ... frustrated"
    assert row["reply"] == "How did that feel? ... That sounds hard."
    assert row["kind"] == "feeling" and row["intensity"] == 2
    assert row["words"] == [("a", 0.9), ("frustrated", 0.8)]


def test_share_checkin_shares_only_feelings_and_outer_never_private_or_safety(st: Store) -> None:
    sam = st.person("Sam")
    c = st.start_checkin(sam, "text")
    ids = {
        k: add(st, c, sam, kind=k)
        for k in ("feeling", "outer", "nothing", "unsure", "skipped", "safety")
    }
    private = add(st, c, sam, kind="feeling")
    st.set_private(private)
    other = st.start_checkin(sam, "text")
    elsewhere = add(st, other, sam)
    assert st.share_checkin(c) == 2
    shared = {r["id"] for r in st.entries("Sam") if r["shared"]}
    assert shared == {ids["feeling"], ids["outer"]}
    assert elsewhere not in shared
    assert not st.share_entry(ids["safety"]) and not st.share_entry(private)
    st.set_private(ids["feeling"])
    assert st.entry(ids["feeling"])["shared"] is False  # type: ignore[index]


def test_finish_checkin_records_status(st: Store) -> None:
    c = st.start_checkin(st.person("Sam"), "text")
    st.finish_checkin(c, "interrupted")
    assert st.checkin(c)["status"] == "interrupted"  # type: ignore[index]
    with pytest.raises(ValueError):
        st.finish_checkin(c, "exploded")


def test_delete_erases_text_and_audio_for_good(st: Store, db_path: Path) -> None:
    sam = st.person("Sam")
    c = st.start_checkin(sam, "text")
    secret = "the-secret-words-" + "x" * 40
    e = add(st, c, sam, text=secret, audio=b"VOICE-" * 100)
    st.cache_audio(e, "h", b"SYNTH-" * 100)
    st.share_checkin(c)
    assert st.delete_entry(e) is True
    assert st.delete_entry(e) is False
    assert st.entries("Sam") == []
    (tomb,) = st.entries("Sam", include_deleted=True)
    assert tomb["deleted"] and tomb["text"] == "" and not tomb["has_audio"]
    assert st.entry_audio(e) is None and st.cached_audio(e, "h") is None
    st.close()
    for f in db_path.parent.glob("heartline.db*"):
        data = f.read_bytes()
        assert secret.encode() not in data and b"VOICE-VOICE-" not in data, f


def test_add_entry_survives_sigkill(db_path: Path) -> None:
    # A writer adds entries, says so, then waits to be killed: nothing said may be lost.
    script = textwrap.dedent(
        f"""
        import sys, time
        from store import Store
        st = Store.open({str(db_path)!r})
        sam = st.person("Sam")
        c = st.start_checkin(sam, "text")
        for i in range(5):
            st.add_entry(checkin_id=c, person_id=sam, asked="sad", emotion="sad",
                         kind="feeling", text=f"answer {{i}}", reply="ok", words=None,
                         engine="text")
            print(i, flush=True)
        time.sleep(60)
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 30
    lines = []
    while len(lines) < 5 and time.monotonic() < deadline:
        lines.append(proc.stdout.readline())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with Store.open(db_path) as st:
        assert sorted(r["text"] for r in st.entries("Sam")) == [f"answer {i}" for i in range(5)]
        # The next open sees its process gone and closes it (issue 12.6: it stayed open for ever).
        assert st.checkin(1)["status"] == "interrupted"  # type: ignore[index]


def test_a_running_checkin_is_not_closed_by_another_open(db_path: Path) -> None:
    with Store.open(db_path) as st:
        c = st.start_checkin(st.person("Sam"), "text")  # this process is alive
        with Store.open(db_path) as other:
            assert other.checkin(c)["status"] == "open"  # type: ignore[index]


@pytest.mark.parametrize(
    "name", ["", "   ", "Sam\u202egnp.exe", "al\u2066ex", "a\u200fb", "bell\x07", "x" * 65]
)
def test_names_that_cannot_be_used(st: Store, name: str) -> None:
    with pytest.raises(InvalidName):
        st.person(name)


def test_tokens_are_hashed_and_revocable(st: Store) -> None:
    st.person("Sam")
    token_id, token = st.create_token("Sam", "Alex")
    assert len(token) >= 3 + 43
    raw = st.db.execute("SELECT token_hash FROM tokens").fetchone()[0]
    assert token not in raw and len(raw) == 64
    auth = st.authenticate(token)
    assert auth is not None and auth["owner"] == "Sam" and auth["listener"] == "Alex"
    assert st.authenticate(token + "x") is None and st.authenticate("") is None
    assert st.revoke_token(token_id) and not st.revoke_token(token_id)
    assert st.authenticate(token) is None
    with pytest.raises(StoreError):
        st.create_token("Nobody", "Alex")
    with pytest.raises(SameOwnerAndListener) as same:
        st.create_token("Sam", "sam")
    assert same.value.name == "Sam"


def test_shared_entries_follow_the_one_rule(st: Store) -> None:
    sam, dana = st.person("Sam"), st.person("Dana")
    tid, _ = st.create_token("Sam", "Alex")
    other_tid, _ = st.create_token("Dana", "Casey")
    c = st.start_checkin(sam, "text")
    shared = add(st, c, sam)
    private = add(st, c, sam)
    st.set_private(private)
    safety = add(st, c, sam, kind="safety")
    st.share_checkin(c)
    # Even a wrongly set flag never exposes a safety entry.
    st.db.execute("UPDATE entries SET shared = 1 WHERE id = ?", [safety])
    dc = st.start_checkin(dana, "text")
    danas = add(st, dc, dana)
    st.share_checkin(dc)
    assert [e["id"] for e in st.shared_entries(tid)] == [shared]
    assert json.loads(page_json(st, tid))["total"] == 1
    def public(entry_id: int) -> str:
        row = st.entry(entry_id)
        assert row is not None
        return str(row["public_id"])

    assert st.shared_entry(tid, public(shared)) is not None
    for hidden in (public(private), public(safety), public(danas), "A" * 22, "12345"):
        assert st.shared_entry(tid, hidden) is None
    assert [e["id"] for e in st.shared_entries(other_tid)] == [danas]
    alex = st.find_person("Alex")
    assert [e["id"] for e in st.shared_with("Alex", unheard=True)] == [shared]
    st.mark_heard(alex, shared)
    assert st.shared_with("Alex", unheard=True) == []
    assert st.shared_entries(tid)[0]["heard"] is True
    st.unshare_entry(shared)
    assert st.shared_entries(tid) == []
    assert json.loads(page_json(st, tid))["entries"] == []
    assert st.shared_entry_json(tid, public(shared), audio_prefix="/a/") is None


def page_json(st: Store, token_id: int, **kw: Any) -> str:
    args: dict[str, Any] = {"limit": 20, "offset": 0, "unheard": False, **kw}
    return st.shared_page_json(token_id, audio_prefix="/a/", **args)


def test_the_listeners_json_is_made_by_sqlite_from_the_same_rows(st: Store) -> None:
    sam = st.person("Sam")
    tid, _ = st.create_token("Sam", "Alex")
    c = st.start_checkin(sam, "text")
    texts = [
        'She said "no" \\ then left',
        "line one\nline two\ttabbed \x01 control",
        "Café, naïve, 你好, 🙂 and \u2028 a separator",
        "</script><b>not markup</b>",
    ]
    ids = [add(st, c, sam, text=t, intensity=n) for n, t in enumerate(texts)]
    private = add(st, c, sam, text="PRIVATE")
    st.set_private(private)
    st.share_checkin(c)
    st.mark_heard(st.find_person("Alex"), ids[1])
    doc = json.loads(page_json(st, tid, limit=3))
    rows = st.shared_entries(tid, limit=3)
    assert doc["total"] == 4 and doc["limit"] == 3 and doc["offset"] == 0
    assert doc["next_offset"] == 3
    assert [r["id"] for r in rows] == ids[::-1][:3]
    assert [e["id"] for e in doc["entries"]] == [r["public_id"] for r in rows]  # opaque ids
    for entry, row in zip(doc["entries"], rows, strict=True):
        assert entry == {
            "id": row["public_id"],
            "speaker": "Sam",
            "emotion": row["emotion"],
            "asked": row["asked"],
            "kind": row["kind"],
            "text": row["text"],
            "intensity": row["intensity"],
            "created_at": row["created_at"],
            "heard": row["heard"],
            "voice": "heartline",
            "audio_url": f"/a/{row['public_id']}/audio",
        }
        one = st.shared_entry_json(tid, row["public_id"], audio_prefix="/a/")
        assert one is not None and json.loads(one) == entry
    assert {e["text"] for e in doc["entries"]} == set(texts[1:])
    assert doc["entries"][2]["heard"] is True and doc["entries"][0]["heard"] is False  # JSON bools
    last = json.loads(page_json(st, tid, limit=3, offset=3))
    assert [e["text"] for e in last["entries"]] == [texts[0]] and last["next_offset"] is None
    past = json.loads(page_json(st, tid, offset=10))
    assert past == {"entries": [], "total": 4, "limit": 20, "offset": 10, "next_offset": None}
    unheard = json.loads(page_json(st, tid, unheard=True))
    assert unheard["total"] == 3 and ids[1] not in [e["id"] for e in unheard["entries"]]


def test_sqlite_file_is_readable_while_a_writer_holds_a_transaction(
    st: Store, db_path: Path
) -> None:
    sam = st.person("Sam")
    c = st.start_checkin(sam, "text")
    add(st, c, sam)
    writer = sqlite3.connect(db_path)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO people (name, created_at) VALUES ('Zed', 'x')")
    with Store.open(db_path) as reader:
        assert len(reader.entries("Sam")) == 1
    writer.rollback()
    writer.close()


def test_a_public_id_never_looks_like_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    """The web refuses URL parts shaped like a token ("hl_..."): an entry given such an id could
    never be opened (one id in 262,144; found by the sharing property test as a 400 for a 404)."""
    import secrets

    from store.public_ids import looks_like_public_id, new_public_id
    from store.tokens import looks_like_token

    drawn = iter(["hl_" + "a" * 19, "hl_" + "b" * 19, "Zq" + "c" * 20])
    monkeypatch.setattr(secrets, "token_urlsafe", lambda n: next(drawn))
    value = new_public_id()
    assert value == "Zq" + "c" * 20
    assert looks_like_public_id(value) and not looks_like_token(value)
