"""The Store: every query Heartline makes, including the one rule of what a listener may see."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlite_utils import Database

from store import abandoned, public_ids, purge, sessions, tokens
from store.db import BUSY_TIMEOUT_MS, connect
from store.errors import UnknownCheckin, UnknownEntry, UnknownPerson, translate
from store.names import clean_name

Clock = Callable[[], datetime]

CHECKIN_STATUSES = ("completed", "stopped", "interrupted")
"""How a check-in can end."""

PURGE_ON_OPEN_WAIT_MS = 300
"""How long opening the database waits for readers to finish an earlier deletion's purge."""

SHAREABLE_KINDS = ("feeling", "outer")
"""Answer kinds with something to share; nothing/unsure/skipped have none, safety never is."""

_SHAREABLE_SQL = "kind IN ('feeling', 'outer')"

# The one rule of partner sharing, in one place: an entry is visible through a token exactly when
# its owner shared it, it is not private, it is a shareable kind, it is not deleted, and the token
# belongs to that owner and is not revoked. Flags are checked again here (not only when sharing) so
# a wrong flag can never leak a private or safety entry.
_VISIBLE_TO_TOKEN = f"""
    e.person_id = t.owner_id
    AND t.revoked_at IS NULL
    AND e.shared = 1
    AND e.private = 0
    AND e.deleted_at IS NULL
    AND e.{_SHAREABLE_SQL}
"""

_BY_PUBLIC_ID = "e.public_id = :public_id"
"""How a partner names an entry: its opaque public id (store/public_ids.py), never its id."""

_ENTRY_COLUMNS = """
    e.id, e.public_id, e.checkin_id, e.person_id, p.name AS person, e.asked, e.emotion, e.kind,
    e.text, e.words, e.reply, e.intensity, e.shared, e.private, e.engine, e.created_at,
    e.deleted_at, e.audio IS NOT NULL AS has_audio
"""


_LISTENER_VIEW = """json_object(
    'id', e.public_id, 'speaker', p.name, 'emotion', e.emotion, 'asked', e.asked, 'kind', e.kind,
    'text', e.text, 'intensity', e.intensity, 'created_at', e.created_at,
    'heard', json(CASE WHEN h.entry_id IS NULL THEN 'false' ELSE 'true' END),
    'voice', CASE WHEN e.audio IS NULL THEN 'heartline' ELSE 'own' END,
    'audio_url', :audio_prefix || e.public_id || '/audio'
)"""
"""What a listener sees of one shared entry, as JSON (never words' confidences, flags, the reply
or the engine). It needs the aliases e (entries), p (its speaker) and h (heard, left-joined)."""

_AUTHENTICATE_SQL = """
    SELECT t.id, t.token_hash, t.owner_id, t.listener_id, t.revoked_at, o.name, l.name
    FROM tokens t JOIN people o ON o.id = t.owner_id JOIN people l ON l.id = t.listener_id
    WHERE t.token_hash = ?
"""


def utc_now() -> datetime:
    """The current time in UTC (the default clock)."""
    return datetime.now(UTC)


def _entry(row: dict[str, Any]) -> dict[str, Any]:
    """An entry row as the dict callers see: booleans as bool, words as a list of pairs."""
    out = dict(row)
    words = row["words"]
    out["words"] = [(str(w), float(c)) for w, c in json.loads(words)] if words != "[]" else []
    out["shared"] = bool(row["shared"])
    out["private"] = bool(row["private"])
    out["deleted"] = row["deleted_at"] is not None
    out["has_audio"] = bool(row["has_audio"])
    if "heard" in out:
        out["heard"] = bool(out["heard"])
    return out


def _words_json(words: Iterable[tuple[str, float]] | None) -> str:
    return json.dumps([[str(w), float(c)] for w, c in (words or ())])


class Store:
    """One open Heartline database: people, check-ins, entries, tokens and audio."""

    def __init__(self, db: Database, *, clock: Clock = utc_now, path: Path | None = None) -> None:
        self.db = db
        self.clock = clock
        self.path = path

    @classmethod
    def open(cls, path: Path, *, clock: Clock = utc_now, migrate: bool = True) -> Store:
        """Open (creating and migrating if needed) the database at `path`; raises StoreError.

        migrate=False skips the migration check, for a server that migrated once at start.
        """
        store = cls(connect(Path(path), migrate_schema=migrate), clock=clock, path=Path(path))
        if migrate:
            # A deletion that a reader held back is finished at the next command (issue 12.5),
            # and check-ins whose process died are closed (12.6).
            try:
                abandoned.close_abandoned(store.db, store.clock())
                store.finish_purges(wait_ms=PURGE_ON_OPEN_WAIT_MS)
            except sqlite3.Error:
                pass  # best effort: both are tried again at the next open
        return store

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _now(self) -> str:
        return self.clock().astimezone(UTC).isoformat(timespec="microseconds")

    def _one(
        self, sql: str, params: Iterable[Any] | dict[str, Any] = ()
    ) -> dict[str, Any] | None:
        named = params if isinstance(params, dict) else list(params)
        return next(self.db.query(sql, named), None)

    # People

    def person(self, name: str) -> int:
        """The id of the person called `name` (case-insensitive), created if new; InvalidName."""
        name = clean_name(name)
        self.db.execute(
            "INSERT INTO people (name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
            [name, self._now()],
        )
        row = self._one("SELECT id FROM people WHERE name = ?", [name])
        assert row is not None
        return int(row["id"])

    def find_person(self, name: str) -> int:
        """The id of an existing person called `name`; raises UnknownPerson."""
        row = self._one("SELECT id FROM people WHERE name = ?", [clean_name(name)])
        if row is None:
            raise UnknownPerson(name)
        return int(row["id"])

    def people(self) -> list[dict[str, Any]]:
        """Everyone, by name: id, name, created_at."""
        return list(self.db.query("SELECT id, name, created_at FROM people ORDER BY name"))

    # Check-ins and entries

    def start_checkin(self, person_id: int, engine: str) -> int:
        """Begin a check-in for `person_id`; returns its id."""
        cur = self.db.execute(
            "INSERT INTO checkins (person_id, engine, started_at, runner) VALUES (?, ?, ?, ?)",
            [person_id, engine, self._now(), abandoned.this_runner()],
        )
        return int(cur.lastrowid or 0)

    def finish_checkin(self, checkin_id: int, status: str) -> None:
        """End a check-in as 'completed', 'stopped' or 'interrupted'."""
        if status not in CHECKIN_STATUSES:
            raise ValueError(f"status must be one of {', '.join(CHECKIN_STATUSES)}, not {status!r}")
        cur = self.db.execute(
            "UPDATE checkins SET status = ?, finished_at = ? WHERE id = ?",
            [status, self._now(), checkin_id],
        )
        if cur.rowcount == 0:
            raise UnknownCheckin(f"There is no check-in {checkin_id}")

    def checkin(self, checkin_id: int) -> dict[str, Any] | None:
        """One check-in: id, person_id, engine, status, started_at, finished_at, shared_at."""
        return self._one("SELECT * FROM checkins WHERE id = ?", [checkin_id])

    def add_entry(
        self,
        *,
        checkin_id: int,
        person_id: int,
        asked: str,
        emotion: str,
        kind: str,
        text: str,
        reply: str,
        words: list[tuple[str, float]] | None,
        engine: str,
        intensity: int = 0,
        audio: bytes | None = None,
    ) -> int:
        """Keep one answer, committed at once so a crash loses nothing already said; its id.

        A full disk or a damaged database raises the StoreError that says what to do.
        """
        try:
            cur = self._write_entry(
                """INSERT INTO entries (checkin_id, person_id, asked, emotion, kind, text, words,
                   reply, intensity, engine, created_at, audio, public_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    checkin_id,
                    person_id,
                    str(asked),
                    str(emotion),
                    str(kind),
                    text,
                    _words_json(words),
                    reply,
                    int(intensity),
                    engine,
                    self._now(),
                    audio,
                    public_ids.new_public_id(),
                ],
            )
        except (sqlite3.Error, OverflowError) as exc:
            raise translate(exc) from exc
        return int(cur.lastrowid or 0)

    def _write_entry(self, sql: str, params: list[Any]) -> sqlite3.Cursor:
        return self.db.execute(sql, params)  # type: ignore[no-any-return]

    def append_to_entry(
        self,
        entry_id: int,
        *,
        text: str,
        reply: str,
        words: list[tuple[str, float]] | None,
        emotion: str,
        kind: str,
        intensity: int,
    ) -> None:
        """Join a follow-up answer (after a nudge) to its entry; kind and emotion become its own."""
        row = self._one("SELECT text, reply, words FROM entries WHERE id = ?", [entry_id])
        if row is None:
            raise UnknownEntry(entry_id)
        joined_words = json.loads(row["words"] or "[]") + json.loads(_words_json(words))
        self._update_entry(
            entry_id,
            " ... ".join(part for part in (row["text"], text) if part),
            " ... ".join(part for part in (row["reply"], reply) if part),
            json.dumps(joined_words),
            emotion,
            kind,
            intensity,
        )

    def revise_entry(
        self,
        entry_id: int,
        *,
        text: str,
        reply: str,
        words: list[tuple[str, float]] | None,
        emotion: str,
        kind: str,
        intensity: int,
    ) -> None:
        """Replace an answer heard again in full (the speaker talked on over Heartline's reply)."""
        if self._one("SELECT id FROM entries WHERE id = ?", [entry_id]) is None:
            raise UnknownEntry(entry_id)
        self._update_entry(entry_id, text, reply, _words_json(words), emotion, kind, intensity)

    def _update_entry(
        self, entry_id: int, text: str, reply: str, words_json: str, emotion: str, kind: str,
        intensity: int,
    ) -> None:
        """One entry's words and reading rewritten; a full disk or bad number is a StoreError."""
        try:
            self._write_entry(
                """UPDATE entries SET text = ?, reply = ?, words = ?, emotion = ?, kind = ?,
                   intensity = ? WHERE id = ?""",
                [text, reply, words_json, str(emotion), str(kind), int(intensity), entry_id],
            )
        except (sqlite3.Error, OverflowError) as exc:
            raise translate(exc) from exc

    def set_audio(self, entry_id: int, audio: bytes | None) -> None:
        """Keep (or forget, with None) the speaker's own recorded voice for an entry."""
        self.db.execute(
            "UPDATE entries SET audio = ? WHERE id = ? AND deleted_at IS NULL", [audio, entry_id]
        )

    def set_private(self, entry_id: int) -> None:
        """Mark an entry private: it is never shared, and unshared if it was."""
        cur = self.db.execute("UPDATE entries SET private = 1, shared = 0 WHERE id = ?", [entry_id])
        if cur.rowcount == 0:
            raise UnknownEntry(entry_id)

    def share_checkin(self, checkin_id: int) -> int:
        """Share every feeling or outer entry of a check-in that is not private; the count."""
        with self.db.atomic():
            cur = self.db.execute(
                f"""UPDATE entries SET shared = 1
                    WHERE checkin_id = ? AND private = 0 AND deleted_at IS NULL
                      AND {_SHAREABLE_SQL}""",
                [checkin_id],
            )
            self.db.execute(
                "UPDATE checkins SET shared_at = ? WHERE id = ?", [self._now(), checkin_id]
            )
        return cur.rowcount

    def share_entry(self, entry_id: int) -> bool:
        """Share one entry if it may be shared (not private, deleted or of another kind)."""
        cur = self.db.execute(
            f"""UPDATE entries SET shared = 1
                WHERE id = ? AND private = 0 AND deleted_at IS NULL AND {_SHAREABLE_SQL}""",
            [entry_id],
        )
        return cur.rowcount > 0

    def unshare_entry(self, entry_id: int) -> bool:
        """Stop sharing one entry; False if it was not shared."""
        cur = self.db.execute(
            "UPDATE entries SET shared = 0 WHERE id = ? AND shared = 1", [entry_id]
        )
        return cur.rowcount > 0

    def entries(self, person: str, *, include_deleted: bool = False) -> list[dict[str, Any]]:
        """A person's entries, newest first; raises UnknownPerson."""
        person_id = self.find_person(person)
        deleted = "" if include_deleted else "AND e.deleted_at IS NULL"
        rows = self.db.query(
            f"""SELECT {_ENTRY_COLUMNS} FROM entries e JOIN people p ON p.id = e.person_id
                WHERE e.person_id = ? {deleted}
                ORDER BY e.created_at DESC, e.id DESC""",
            [person_id],
        )
        return [_entry(row) for row in rows]

    def entry(self, entry_id: int) -> dict[str, Any] | None:
        """One entry (deleted ones too, as tombstones), or None."""
        row = self._one(
            f"""SELECT {_ENTRY_COLUMNS} FROM entries e JOIN people p ON p.id = e.person_id
                WHERE e.id = ?""",
            [entry_id],
        )
        return _entry(row) if row else None

    def entry_audio(self, entry_id: int) -> bytes | None:
        """The speaker's own recorded voice for an entry, if kept."""
        row = self._one("SELECT audio FROM entries WHERE id = ?", [entry_id])
        return None if row is None else row["audio"]

    def delete_entry(self, entry_id: int) -> bool:
        """Erase an entry's words and voice, keeping a tombstone; False if nothing to erase.

        The erased words then leave the files at once, or, when another process is reading,
        later: see `purge_pending` and store/purge.py.
        """
        with self.db.atomic():
            now = self._now()
            cur = self.db.execute(
                """UPDATE entries SET text = '', reply = '', words = '[]', audio = NULL,
                       intensity = 0, shared = 0, deleted_at = ?
                   WHERE id = ? AND deleted_at IS NULL""",
                [now, entry_id],
            )
            self.db.execute("DELETE FROM audio_cache WHERE entry_id = ?", [entry_id])
            self.db.execute("DELETE FROM heard WHERE entry_id = ?", [entry_id])
            if cur.rowcount:
                purge.record(self.db, entry_id, now)
        if cur.rowcount:
            self.finish_purges()
        return cur.rowcount > 0

    def finish_purges(self, wait_ms: int = BUSY_TIMEOUT_MS) -> bool:
        """Make deleted words leave the files (WAL included); True when nothing is pending."""
        return purge.finish(self.db, wait_ms=wait_ms, restore_ms=BUSY_TIMEOUT_MS)

    def purge_pending(self) -> bool:
        """True while a deletion's old pages may still be on disk (a reader held them back)."""
        return purge.pending(self.db)

    # Partner sharing: tokens

    def create_token(self, owner: str, listener: str) -> tuple[int, str]:
        """A new token letting `listener` hear what `owner` shares: (id, token shown once)."""
        owner_id = self.find_person(owner)
        listener_id = self.person(listener)
        if owner_id == listener_id:
            raise ValueError("a token is for someone else: --as and --for must differ")
        token = tokens.new_token()
        cur = self.db.execute(
            """INSERT INTO tokens (owner_id, listener_id, token_hash, created_at)
               VALUES (?, ?, ?, ?)""",
            [owner_id, listener_id, tokens.hash_token(token), self._now()],
        )
        return int(cur.lastrowid or 0), token

    def tokens(self, owner: str | None = None) -> list[dict[str, Any]]:
        """Tokens (all, or one owner's): id, owner, listener, created_at, revoked_at, revoked."""
        where, params = ("WHERE o.name = ?", [owner]) if owner else ("", [])
        rows = self.db.query(
            f"""SELECT t.id, o.name AS owner, l.name AS listener, t.created_at, t.revoked_at
                FROM tokens t JOIN people o ON o.id = t.owner_id
                JOIN people l ON l.id = t.listener_id {where} ORDER BY t.id""",
            params,
        )
        return [dict(row, revoked=row["revoked_at"] is not None) for row in rows]

    def revoke_token(self, token_id: int) -> bool:
        """Revoke a token at once; False if there is none or it was already revoked."""
        cur = self.db.execute(
            "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
            [self._now(), token_id],
        )
        return cur.rowcount > 0

    def authenticate(self, token: str) -> dict[str, Any] | None:
        """The live token row for a presented token, or None.

        Its keys: id, owner_id, listener_id, revoked_at, owner, listener.
        """
        if not tokens.looks_like_token(token):
            return None
        presented = tokens.hash_token(token)
        # One statement straight on the connection, which keeps it prepared.
        found = self.db.conn.execute(_AUTHENTICATE_SQL, (presented,)).fetchone()
        if found is None:
            return None
        token_id, token_hash, owner_id, listener_id, revoked_at, owner, listener = found
        if revoked_at is not None or not tokens.same_hash(token_hash, presented):
            return None
        return {
            "id": token_id,
            "owner_id": owner_id,
            "listener_id": listener_id,
            "revoked_at": revoked_at,
            "owner": owner,
            "listener": listener,
        }

    # Partner sharing: the page's sessions (store/sessions.py)

    def start_session(self, token_id: int) -> str:
        """A page session for a live token; its secret, for the cookie."""
        return sessions.start(self.db, token_id, self._now())

    def end_session(self, secret: str) -> bool:
        """End a page session at once (sign-out); False if it was not live."""
        return sessions.end(self.db, secret, self._now())

    def session_token(self, secret: str) -> dict[str, Any] | None:
        """The live token row behind a live page session (as `authenticate`), or None."""
        return sessions.token_of(self.db, secret)

    # Partner sharing: what a listener may see

    def shared_entries(
        self, token_id: int, *, limit: int = 20, offset: int = 0, unheard: bool = False
    ) -> list[dict[str, Any]]:
        """The entries shared through a live token, newest first.

        Each has `heard` (by the token's listener).
        """
        heard = "AND h.entry_id IS NULL" if unheard else ""
        rows = self.db.query(
            f"""SELECT {_ENTRY_COLUMNS}, h.entry_id IS NOT NULL AS heard
                FROM tokens t JOIN entries e ON {_VISIBLE_TO_TOKEN}
                JOIN people p ON p.id = e.person_id
                LEFT JOIN heard h ON h.entry_id = e.id AND h.listener_id = t.listener_id
                WHERE t.id = ? {heard}
                ORDER BY e.created_at DESC, e.id DESC LIMIT ? OFFSET ?""",
            [token_id, limit, offset],
        )
        return [_entry(row) for row in rows]

    def shared_page_json(
        self, token_id: int, *, limit: int, offset: int, unheard: bool, audio_prefix: str
    ) -> str:
        """A page of the entries shared through a live token, as the API's JSON document.

        SQLite writes the whole document and hands back one row: a row per entry would cost a
        Python object each and, under a threaded server, a release of the GIL each. Its keys:
        entries (see `_LISTENER_VIEW`, newest first), total, limit, offset, next_offset.
        Each entry's audio_url is `audio_prefix` + its id + "/audio".
        """
        heard = "AND h.entry_id IS NULL" if unheard else ""
        # The envelope holds only integers, so it is joined as text; the entries are JSON objects
        # joined in the page's order, never parsed again.
        found = self.db.conn.execute(
            f"""SELECT '{{"entries":[' || coalesce((
                    SELECT group_concat(doc, ',') FROM (
                        SELECT {_LISTENER_VIEW} AS doc
                        FROM tokens t JOIN entries e ON {_VISIBLE_TO_TOKEN}
                        JOIN people p ON p.id = e.person_id
                        LEFT JOIN heard h ON h.entry_id = e.id AND h.listener_id = t.listener_id
                        WHERE t.id = :token {heard}
                        ORDER BY e.created_at DESC, e.id DESC LIMIT :limit OFFSET :offset
                    )), '') || '],"total":' || total || ',"limit":' || :limit
                    || ',"offset":' || :offset || ',"next_offset":'
                    || CASE WHEN :offset + :limit < total THEN :offset + :limit ELSE 'null' END
                    || '}}'
                FROM (
                    SELECT count(*) AS total
                    FROM tokens t JOIN entries e ON {_VISIBLE_TO_TOKEN}
                    LEFT JOIN heard h ON h.entry_id = e.id AND h.listener_id = t.listener_id
                    WHERE t.id = :token {heard}
                )""",
            {
                "token": token_id,
                "limit": limit,
                "offset": offset,
                "audio_prefix": audio_prefix,
            },
        ).fetchone()
        return str(found[0])

    def shared_entry_json(self, token_id: int, public_id: str, *, audio_prefix: str) -> str | None:
        """One entry shared through a live token, by its public id, as the API's JSON object."""
        if not public_ids.looks_like_public_id(public_id):
            return None
        found = self.db.conn.execute(
            f"""SELECT {_LISTENER_VIEW}
                FROM tokens t JOIN entries e ON {_VISIBLE_TO_TOKEN}
                JOIN people p ON p.id = e.person_id
                LEFT JOIN heard h ON h.entry_id = e.id AND h.listener_id = t.listener_id
                WHERE t.id = :token AND {_BY_PUBLIC_ID}""",
            {"token": token_id, "public_id": public_id, "audio_prefix": audio_prefix},
        ).fetchone()
        return None if found is None else str(found[0])

    def shared_entry(self, token_id: int, public_id: str) -> dict[str, Any] | None:
        """One entry shared through a live token, found by its opaque public id, else None.

        The one lookup of an entry named by a partner (API and page): sequential ids never
        leave the owner's CLI (issue 12.6). The row's `id` is the internal id, for the store.
        """
        if not public_ids.looks_like_public_id(public_id):
            return None
        row = self._one(
            f"""SELECT {_ENTRY_COLUMNS}, h.entry_id IS NOT NULL AS heard
                FROM tokens t JOIN entries e ON {_VISIBLE_TO_TOKEN}
                JOIN people p ON p.id = e.person_id
                LEFT JOIN heard h ON h.entry_id = e.id AND h.listener_id = t.listener_id
                WHERE t.id = :token AND {_BY_PUBLIC_ID}""",
            {"token": token_id, "public_id": public_id},
        )
        return _entry(row) if row else None

    def shared_with(self, listener: str, *, unheard: bool = False) -> list[dict[str, Any]]:
        """Entries shared with `listener` by anyone through a live token, newest first."""
        listener_id = self.find_person(listener)
        heard = "AND h.entry_id IS NULL" if unheard else ""
        rows = self.db.query(
            f"""SELECT DISTINCT {_ENTRY_COLUMNS}, h.entry_id IS NOT NULL AS heard
                FROM tokens t JOIN entries e ON {_VISIBLE_TO_TOKEN}
                JOIN people p ON p.id = e.person_id
                LEFT JOIN heard h ON h.entry_id = e.id AND h.listener_id = t.listener_id
                WHERE t.listener_id = ? {heard}
                ORDER BY e.created_at DESC, e.id DESC""",
            [listener_id],
        )
        return [_entry(row) for row in rows]

    def mark_heard(self, listener_id: int, entry_id: int) -> None:
        """Remember that a listener has heard an entry."""
        self.db.execute(
            """INSERT INTO heard (listener_id, entry_id, heard_at) VALUES (?, ?, ?)
               ON CONFLICT DO NOTHING""",
            [listener_id, entry_id, self._now()],
        )

    # Audio cache

    def cached_audio(self, entry_id: int, text_hash: str) -> bytes | None:
        """Synthesized WAV for an entry's words, if made before."""
        row = self._one(
            "SELECT wav FROM audio_cache WHERE entry_id = ? AND text_hash = ?",
            [entry_id, text_hash],
        )
        return None if row is None else bytes(row["wav"])

    def cache_audio(self, entry_id: int, text_hash: str, wav: bytes) -> None:
        """Keep synthesized WAV for an entry's words (replacing any for older words)."""
        with self.db.atomic():
            self.db.execute("DELETE FROM audio_cache WHERE entry_id = ?", [entry_id])
            self.db.execute(
                """INSERT INTO audio_cache (entry_id, text_hash, wav, created_at)
                   SELECT id, ?, ?, ? FROM entries WHERE id = ? AND deleted_at IS NULL""",
                [text_hash, wav, self._now(), entry_id],
            )
