"""Check-ins and entries: keeping each answer, sharing flags, deletion and the audio cache."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from store import public_ids, purge
from store.abandoned import this_runner
from store.base import StoreBase
from store.db import BUSY_TIMEOUT_MS
from store.errors import UnknownCheckin, UnknownEntry, translate

CHECKIN_STATUSES = ("completed", "stopped", "interrupted")
"""How a check-in can end."""


SHAREABLE_KINDS = ("feeling", "outer")
"""Answer kinds with something to share; nothing/unsure/skipped have none, safety never is."""

SHAREABLE_SQL = "kind IN ('feeling', 'outer')"


ENTRY_COLUMNS = """
    e.id, e.public_id, e.checkin_id, e.person_id, p.name AS person, e.asked, e.emotion, e.kind,
    e.text, e.words, e.reply, e.intensity, e.shared, e.private, e.engine, e.created_at,
    e.deleted_at, e.audio IS NOT NULL AS has_audio
"""


def entry_dict(row: dict[str, Any]) -> dict[str, Any]:
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


class EntryQueries(StoreBase):
    """A person's check-ins and entries."""

    def start_checkin(self, person_id: int, engine: str) -> int:
        """Begin a check-in for `person_id`; returns its id."""
        cur = self.db.execute(
            "INSERT INTO checkins (person_id, engine, started_at, runner) VALUES (?, ?, ?, ?)",
            [person_id, engine, self._now(), this_runner()],
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
            raise translate(exc, self.path) from exc
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
            raise translate(exc, self.path) from exc

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
                      AND {SHAREABLE_SQL}""",
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
                WHERE id = ? AND private = 0 AND deleted_at IS NULL AND {SHAREABLE_SQL}""",
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
            f"""SELECT {ENTRY_COLUMNS} FROM entries e JOIN people p ON p.id = e.person_id
                WHERE e.person_id = ? {deleted}
                ORDER BY e.created_at DESC, e.id DESC""",
            [person_id],
        )
        return [entry_dict(row) for row in rows]

    def entry(self, entry_id: int) -> dict[str, Any] | None:
        """One entry (deleted ones too, as tombstones), or None."""
        row = self._one(
            f"""SELECT {ENTRY_COLUMNS} FROM entries e JOIN people p ON p.id = e.person_id
                WHERE e.id = ?""",
            [entry_id],
        )
        return entry_dict(row) if row else None

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
