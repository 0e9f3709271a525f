"""Listener tokens: made from `secrets`, kept only as a hash, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets

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
