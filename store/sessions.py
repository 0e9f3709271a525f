"""Page sessions: what the page's cookie holds instead of the partner's token (issue 12.6).

Signing in on the page starts a session for a live token; the cookie carries only the session's
secret (kept here as a hash). Signing out ends that session on the server, so a copied cookie is
worthless afterwards, while the token itself, the partner's lasting credential also used by
`heartline listen --from`, stays valid until its owner revokes it. Revoking the token ends every
session made with it.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from sqlite_utils import Database

PREFIX = "hs_"
"""Marks a session secret, so it is never mistaken for a token."""


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def looks_like_session(value: str) -> bool:
    """True when `value` has the shape of a session secret."""
    return value.startswith(PREFIX) and len(value) <= 128


def start(db: Database, token_id: int, now: str) -> str:
    """A new session for a live token; returns its secret (only its hash is kept)."""
    secret = PREFIX + secrets.token_urlsafe(32)
    db.execute(
        "INSERT INTO page_sessions (token_id, secret_hash, created_at) VALUES (?, ?, ?)",
        [token_id, _hash(secret), now],
    )
    return secret


def end(db: Database, secret: str, now: str) -> bool:
    """End a session at once; False if there was no live one."""
    if not looks_like_session(secret):
        return False
    cur = db.execute(
        "UPDATE page_sessions SET ended_at = ? WHERE secret_hash = ? AND ended_at IS NULL",
        [now, _hash(secret)],
    )
    return cur.rowcount > 0


_LIVE_SQL = """
    SELECT t.id, t.owner_id, t.listener_id, t.revoked_at, o.name, l.name
    FROM page_sessions s JOIN tokens t ON t.id = s.token_id
    JOIN people o ON o.id = t.owner_id JOIN people l ON l.id = t.listener_id
    WHERE s.secret_hash = ? AND s.ended_at IS NULL AND t.revoked_at IS NULL
"""


def token_of(db: Database, secret: str) -> dict[str, Any] | None:
    """The live token row behind a live session, shaped like Store.authenticate's, or None."""
    if not looks_like_session(secret):
        return None
    found = db.conn.execute(_LIVE_SQL, (_hash(secret),)).fetchone()
    if found is None:
        return None
    return token_row(*found)


def token_row(token_id: int, owner_id: int, listener_id: int, revoked_at: str | None,
              owner: str, listener: str) -> dict[str, Any]:
    """A live token as the web service sees it, whether found by its secret or a session's."""
    return {
        "id": token_id,
        "owner_id": owner_id,
        "listener_id": listener_id,
        "revoked_at": revoked_at,
        "owner": owner,
        "listener": listener,
    }
