"""Replies a listener sends back to a shared entry, page visits, and earlier entries (issue 11).

The rules live here, as queries: a reply can only be written to an entry visible to the listener
(shared, not private, not crisis, not deleted, through a live token); a reply is only ever read
by the speaker it answers; deleting an entry deletes its replies (a trigger, so every way of
deleting does it).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from store.public_ids import looks_like_public_id
from store.sharing import VISIBLE_TO_TOKEN as _VISIBLE

if TYPE_CHECKING:
    from store.queries import Store

MAX_REPLY = 2000
"""The longest reply kept, in characters."""


@dataclass(frozen=True)
class Reply:
    """One reply as its speaker sees it."""

    id: int
    """The reply's id."""
    entry_id: int
    """The entry it answers."""
    sender: str
    """Who sent it, as they wrote their name."""
    text: str
    """What they said."""
    created_at: str
    """When (UTC, ISO 8601)."""
    heard: bool
    """Whether the speaker has already heard or read it."""

    def as_dict(self) -> dict[str, Any]:
        """The JSON form: entry_id, from, text, created_at."""
        return {
            "id": self.id,
            "entry_id": self.entry_id,
            "from": self.sender,
            "text": self.text,
            "created_at": self.created_at,
            "heard": self.heard,
        }


def entry_ref(raw: str | int) -> str | None:
    """The public id a client sent, or None when it cannot name an entry.

    The one place an entry reference from outside is judged: partners name entries only by their
    opaque public id (store/public_ids.py, issue 12.6); anything else, sequential ids included,
    names nothing.
    """
    text = str(raw)
    return text if looks_like_public_id(text) else None


class Replies:
    """Reply, visit and history queries over an open Store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    def visible_entry(
        self, raw: str | int, *, listener_id: int, token_id: int | None = None
    ) -> dict[str, Any] | None:
        """The entry public id `raw` names if it is shared with the listener, else None.

        Through `token_id` when given (the API, the page), else through any of the listener's live
        tokens (their own CLI); either way by Store.shared_entry, the one lookup of an entry a
        partner names. The row's `id` is the internal id, for the store only.
        """
        public_id = entry_ref(raw)
        if public_id is None:
            return None
        if token_id is not None:
            return self.store.shared_entry(token_id, public_id)
        for (live,) in self.db.conn.execute(
            "SELECT id FROM tokens WHERE listener_id = ? AND revoked_at IS NULL ORDER BY id",
            [listener_id],
        ).fetchall():
            row = self.store.shared_entry(int(live), public_id)
            if row is not None:
                return row
        return None

    def local_id(self, raw: str | int) -> int | None:
        """The internal id of the entry a public id names (for this machine's CLI), else None."""
        public_id = entry_ref(raw)
        if public_id is None:
            return None
        row = self.db.conn.execute(
            "SELECT id FROM entries WHERE public_id = ?", [public_id]
        ).fetchone()
        return None if row is None else int(row[0])

    def add(
        self, entry_id: int, listener_id: int, text: str, coached: list[dict[str, str]]
    ) -> int | None:
        """Keep a reply if the entry is still visible to the listener; its id, else None.

        One statement checks and writes, so an entry unshared or deleted a moment before is never
        answered.
        """
        text = " ".join(text.split())[:MAX_REPLY]
        if not text:
            raise ValueError("a reply needs some words")
        cur = self.db.execute(
            f"""INSERT INTO replies (entry_id, from_id, to_id, text, coached, created_at)
                SELECT e.id, t.listener_id, e.person_id, ?, ?, ?
                FROM tokens t JOIN entries e ON {_VISIBLE}
                WHERE t.listener_id = ? AND e.id = ? LIMIT 1""",
            [text, json.dumps(coached), self.store._now(), listener_id, entry_id],
        )
        return int(cur.lastrowid or 0) if cur.rowcount else None

    def to_speaker(self, speaker_id: int, *, unheard: bool = False) -> list[Reply]:
        """The replies sent to a speaker, oldest first (only ever to them)."""
        where = "AND r.heard_at IS NULL" if unheard else ""
        rows = self.db.conn.execute(
            f"""SELECT r.id, r.entry_id, p.name, r.text, r.created_at, r.heard_at IS NOT NULL
                FROM replies r JOIN people p ON p.id = r.from_id
                JOIN entries e ON e.id = r.entry_id AND e.deleted_at IS NULL
                WHERE r.to_id = ? {where} ORDER BY r.created_at, r.id""",
            [speaker_id],
        ).fetchall()
        return [Reply(int(a), int(b), str(c), str(d), str(f), bool(g)) for a, b, c, d, f, g in rows]

    def sent_by(self, listener_id: int) -> dict[int, list[dict[str, Any]]]:
        """Everything a listener sent back, by entry id (one query for a whole page)."""
        rows = self.db.conn.execute(
            "SELECT entry_id, text, created_at FROM replies WHERE from_id = ? ORDER BY id",
            [listener_id],
        ).fetchall()
        out: dict[int, list[dict[str, Any]]] = {}
        for entry_id, text, created_at in rows:
            out.setdefault(int(entry_id), []).append({"text": text, "created_at": created_at})
        return out

    def sent_on(self, entry_id: int, listener_id: int) -> list[dict[str, Any]]:
        """What a listener already sent back to one entry (for their own page)."""
        rows = self.db.conn.execute(
            "SELECT text, created_at FROM replies WHERE entry_id = ? AND from_id = ? ORDER BY id",
            [entry_id, listener_id],
        ).fetchall()
        return [{"text": t, "created_at": c} for t, c in rows]

    def mark_heard(self, speaker_id: int, reply_ids: list[int]) -> None:
        """Remember that the speaker has heard these replies (only their own)."""
        now = self.store._now()
        with self.db.atomic():
            for rid in reply_ids:
                self.db.execute(
                    "UPDATE replies SET heard_at = ? "
                    "WHERE id = ? AND to_id = ? AND heard_at IS NULL",
                    [now, rid, speaker_id],
                )

    def heard_by(self, speaker_id: int) -> dict[int, list[str]]:
        """For a speaker's entries: who has heard each ("I heard you"), by entry id."""
        rows = self.db.conn.execute(
            """SELECT h.entry_id, p.name FROM heard h JOIN entries e ON e.id = h.entry_id
               JOIN people p ON p.id = h.listener_id
               WHERE e.person_id = ? AND e.deleted_at IS NULL ORDER BY h.heard_at""",
            [speaker_id],
        ).fetchall()
        out: dict[int, list[str]] = {}
        for entry_id, name in rows:
            out.setdefault(int(entry_id), []).append(str(name))
        return out

    def previous_visit(self, listener_id: int) -> str | None:
        """When the visit before the current one began, without recording a visit."""
        row = self.db.conn.execute(
            "SELECT previous_at FROM page_visits WHERE listener_id = ?", [listener_id]
        ).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def visit(self, listener_id: int, *, session_minutes: int = 30) -> str | None:
        """Record a page visit now; when the visit before this one began (None on the first).

        Loads within `session_minutes` of each other are one visit, so what is new stays marked
        while the partner reads, replies and taps "I heard you".
        """
        now = self.store._now()
        row = self.db.conn.execute(
            "SELECT seen_at, previous_at FROM page_visits WHERE listener_id = ?", [listener_id]
        ).fetchone()
        if row is None:
            self.db.execute(
                "INSERT INTO page_visits (listener_id, seen_at, previous_at) VALUES (?, ?, NULL)",
                [listener_id, now],
            )
            return None
        seen_at, previous = str(row[0]), row[1]
        since = datetime.fromisoformat(now) - datetime.fromisoformat(seen_at)
        if since > timedelta(minutes=session_minutes):
            previous = seen_at
        self.db.execute(
            "UPDATE page_visits SET seen_at = ?, previous_at = ? WHERE listener_id = ?",
            [now, previous, listener_id],
        )
        return None if previous is None else str(previous)


# --- Level Two: earlier entries about the same thing ---------------------------------------------

_WORD = re.compile(r"[a-z][a-z']+")
_STOP = frozenset(
    """a about after again all also am an and any are as at be because been before being but by
    can could day did do does doing don't down even ever every feel feeling felt for from get got
    had has have having he her here him his how i i'm i've if in into is it it's its just know
    like little lot made make me more most much my myself no not now of off on one only or other
    our out over really said say saw she so some still such than that that's the their them then
    there they thing things think this those through to today too up us very was we went were what
    when which while who why will with would you your yesterday tonight morning evening night
    week bit kind sort pretty quite again new last first next way back going go come came
    mad sad glad fear afraid angry happy scared annoyed upset worried anxious nervous frustrated
    furious lonely proud grateful excited hurt stressed tired good bad great nice okay
    fine""".split()
)


def topics(text: str) -> Counter[str]:
    """The content words of an entry (people, places, themes), lightly stemmed."""
    out: Counter[str] = Counter()
    for word in _WORD.findall(text.lower().replace("\u2019", "'")):
        word = word.strip("'")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) < 3 or word in _STOP:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        out[word] += 1
    return out


def related(
    entry: dict[str, Any],
    earlier: list[dict[str, Any]],
    *,
    limit: int = 3,
    words: dict[int, set[str]] | None = None,
) -> list[tuple[dict[str, Any], list[str]]]:
    """Earlier entries sharing a person, place or theme with `entry`, with the words in common.

    `words` (entry id -> its topic words) saves recomputing them for a page of entries.
    """
    known = words if words is not None else {}

    def of(row: dict[str, Any]) -> set[str]:
        if row["id"] not in known:
            known[row["id"]] = set(topics(str(row["text"])))
        return known[row["id"]]

    mine = of(entry)
    found: list[tuple[int, str, dict[str, Any], list[str]]] = []
    for other in earlier:
        if other["id"] == entry["id"] or other["created_at"] >= entry["created_at"]:
            continue
        common = sorted(mine & of(other))
        if common:
            found.append((len(common), str(other["created_at"]), other, common))
    found.sort(key=lambda f: f[1], reverse=True)  # newest first
    found.sort(key=lambda f: f[0], reverse=True)  # then most in common (the sort is stable)
    return [(other, common) for _, _, other, common in found[:limit]]
