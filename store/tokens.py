"""Listener tokens: made from `secrets`, kept only as a hash, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from store import sessions
from store.base import StoreBase
from store.errors import SameOwnerAndListener

PREFIX = "hl_"
"""Marks a Heartline token, so one pasted into a URL or a log can be recognised."""

MAX_LENGTH = 128
"""Longer strings are not tokens; refusing them early bounds the work a guess can cost."""


def new_token() -> str:
    """A fresh token: 256 random bits from `secrets`, URL-safe."""
    return PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """The SHA-256 hex digest stored in place of the token (a fast hash suits 256 random bits)."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def looks_like_token(value: str) -> bool:
    """True when `value` has the shape of a Heartline token."""
    return value.startswith(PREFIX) and len(value) <= MAX_LENGTH


def same_hash(stored: str, presented: str) -> bool:
    """Constant-time comparison of two token hashes."""
    return hmac.compare_digest(stored.encode("ascii"), presented.encode("ascii"))


_AUTHENTICATE_SQL = """
    SELECT t.id, t.token_hash, t.owner_id, t.listener_id, t.revoked_at, o.name, l.name
    FROM tokens t JOIN people o ON o.id = t.owner_id JOIN people l ON l.id = t.listener_id
    WHERE t.token_hash = ?
"""


class TokenQueries(StoreBase):
    """Listener tokens and the page's sessions made with them."""

    def create_token(self, owner: str, listener: str) -> tuple[int, str]:
        """A new token letting `listener` hear what `owner` shares: (id, token shown once)."""
        owner_id = self.find_person(owner)
        listener_id = self.person(listener)
        if owner_id == listener_id:
            raise SameOwnerAndListener(owner)
        token = new_token()
        cur = self.db.execute(
            """INSERT INTO tokens (owner_id, listener_id, token_hash, created_at)
               VALUES (?, ?, ?, ?)""",
            [owner_id, listener_id, hash_token(token), self._now()],
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
        if not looks_like_token(token):
            return None
        presented = hash_token(token)
        # One statement straight on the connection, which keeps it prepared.
        found = self.db.conn.execute(_AUTHENTICATE_SQL, (presented,)).fetchone()
        if found is None:
            return None
        token_id, token_hash, owner_id, listener_id, revoked_at, owner, listener = found
        if revoked_at is not None or not same_hash(token_hash, presented):
            return None
        return sessions.token_row(token_id, owner_id, listener_id, revoked_at, owner, listener)

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
