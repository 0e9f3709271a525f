"""One-time sign-in links for a phone: short-lived, used once, kept only as a hash (issue 11).

The link carries a one-time code, never a token: opening it mints a fresh token for the phone's
cookie, and the code is spent.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from store.queries import Store

PREFIX = "sl_"
"""Marks a sign-in code (tokens start "hl_", so a code is never mistaken for one)."""

LIFETIME = timedelta(minutes=10)
"""How long a link may be opened."""


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode("utf-8", "surrogatepass")).hexdigest()


def looks_like_code(value: str) -> bool:
    """True when `value` has the shape of a sign-in code."""
    return value.startswith(PREFIX) and 20 <= len(value) <= 80 and value.isascii()


def create_link(store: Store, owner: str, listener: str) -> str:
    """A new one-time code signing `listener` in to hear `owner`; shown once, stored hashed."""
    owner_id = store.find_person(owner)
    listener_id = store.find_person(listener)
    if owner_id == listener_id:
        raise ValueError("a sign-in link is for the partner: the two names must differ")
    code = PREFIX + secrets.token_urlsafe(24)
    now = store.clock().astimezone(UTC)
    store.db.execute(
        """INSERT INTO signin_links (code_hash, owner_id, listener_id, created_at, expires_at)
           VALUES (?, ?, ?, ?, ?)""",
        [_hash(code), owner_id, listener_id, now.isoformat(), (now + LIFETIME).isoformat()],
    )
    return code


def spend_link(store: Store, code: str) -> tuple[int, str] | None:
    """Use a code once: a fresh token (id, secret) for its listener, or None if not valid now."""
    if not looks_like_code(code):
        return None
    now = store.clock().astimezone(UTC)
    with store.db.atomic():
        cur = store.db.execute(
            "UPDATE signin_links SET used_at = ? WHERE code_hash = ? AND used_at IS NULL "
            "AND expires_at > ?",
            [now.isoformat(), _hash(code), now.isoformat()],
        )
        if cur.rowcount != 1:
            return None
        row: dict[str, Any] = next(
            store.db.query(
                """SELECT o.name AS owner, l.name AS listener FROM signin_links s
               JOIN people o ON o.id = s.owner_id JOIN people l ON l.id = s.listener_id
               WHERE s.code_hash = ?""",
                [_hash(code)],
            )
        )
        return store.create_token(row["owner"], row["listener"])


def live_pairs(store: Store) -> list[tuple[str, str]]:
    """(owner, listener) of every live token: whom a link could sign in."""
    rows = store.db.query(
        """SELECT DISTINCT o.name AS owner, l.name AS listener FROM tokens t
           JOIN people o ON o.id = t.owner_id JOIN people l ON l.id = t.listener_id
           WHERE t.revoked_at IS NULL ORDER BY o.name, l.name"""
    )
    return [(r["owner"], r["listener"]) for r in rows]
