"""What a listener may see: the one rule of partner sharing, as queries."""

from __future__ import annotations

from typing import Any

from store import public_ids
from store.base import StoreBase
from store.entries import ENTRY_COLUMNS, SHAREABLE_SQL, entry_dict

# The one rule of partner sharing, in one place: an entry is visible through a token exactly when
# its owner shared it, it is not private, it is a shareable kind, it is not deleted, and the token
# belongs to that owner and is not revoked. Flags are checked again here (not only when sharing) so
# a wrong flag can never leak a private or safety entry.
VISIBLE_TO_TOKEN = f"""
    e.person_id = t.owner_id
    AND t.revoked_at IS NULL
    AND e.shared = 1
    AND e.private = 0
    AND e.deleted_at IS NULL
    AND e.{SHAREABLE_SQL}
"""

_BY_PUBLIC_ID = "e.public_id = :public_id"
"""How a partner names an entry: its opaque public id (store/public_ids.py), never its id."""


_LISTENER_VIEW = """json_object(
    'id', e.public_id, 'speaker', p.name, 'emotion', e.emotion, 'asked', e.asked, 'kind', e.kind,
    'text', e.text, 'intensity', e.intensity, 'created_at', e.created_at,
    'heard', json(CASE WHEN h.entry_id IS NULL THEN 'false' ELSE 'true' END),
    'voice', CASE WHEN e.audio IS NULL THEN 'heartline' ELSE 'own' END,
    'audio_url', :audio_prefix || e.public_id || '/audio'
)"""
"""What a listener sees of one shared entry, as JSON (never words' confidences, flags, the reply
or the engine). It needs the aliases e (entries), p (its speaker) and h (heard, left-joined)."""


class SharingQueries(StoreBase):
    """The entries shared through a live token, and what each listener has heard."""

    def shared_entries(
        self, token_id: int, *, limit: int = 20, offset: int = 0, unheard: bool = False
    ) -> list[dict[str, Any]]:
        """The entries shared through a live token, newest first.

        Each has `heard` (by the token's listener).
        """
        heard = "AND h.entry_id IS NULL" if unheard else ""
        rows = self.db.query(
            f"""SELECT {ENTRY_COLUMNS}, h.entry_id IS NOT NULL AS heard
                FROM tokens t JOIN entries e ON {VISIBLE_TO_TOKEN}
                JOIN people p ON p.id = e.person_id
                LEFT JOIN heard h ON h.entry_id = e.id AND h.listener_id = t.listener_id
                WHERE t.id = ? {heard}
                ORDER BY e.created_at DESC, e.id DESC LIMIT ? OFFSET ?""",
            [token_id, limit, offset],
        )
        return [entry_dict(row) for row in rows]

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
                        FROM tokens t JOIN entries e ON {VISIBLE_TO_TOKEN}
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
                    FROM tokens t JOIN entries e ON {VISIBLE_TO_TOKEN}
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
                FROM tokens t JOIN entries e ON {VISIBLE_TO_TOKEN}
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
            f"""SELECT {ENTRY_COLUMNS}, h.entry_id IS NOT NULL AS heard
                FROM tokens t JOIN entries e ON {VISIBLE_TO_TOKEN}
                JOIN people p ON p.id = e.person_id
                LEFT JOIN heard h ON h.entry_id = e.id AND h.listener_id = t.listener_id
                WHERE t.id = :token AND {_BY_PUBLIC_ID}""",
            {"token": token_id, "public_id": public_id},
        )
        return entry_dict(row) if row else None

    def shared_with(self, listener: str, *, unheard: bool = False) -> list[dict[str, Any]]:
        """Entries shared with `listener` by anyone through a live token, newest first."""
        listener_id = self.find_person(listener)
        heard = "AND h.entry_id IS NULL" if unheard else ""
        rows = self.db.query(
            f"""SELECT DISTINCT {ENTRY_COLUMNS}, h.entry_id IS NOT NULL AS heard
                FROM tokens t JOIN entries e ON {VISIBLE_TO_TOKEN}
                JOIN people p ON p.id = e.person_id
                LEFT JOIN heard h ON h.entry_id = e.id AND h.listener_id = t.listener_id
                WHERE t.listener_id = ? {heard}
                ORDER BY e.created_at DESC, e.id DESC""",
            [listener_id],
        )
        return [entry_dict(row) for row in rows]

    def mark_heard(self, listener_id: int, entry_id: int) -> None:
        """Remember that a listener has heard an entry."""
        self.db.execute(
            """INSERT INTO heard (listener_id, entry_id, heard_at) VALUES (?, ?, ?)
               ON CONFLICT DO NOTHING""",
            [listener_id, entry_id, self._now()],
        )
