"""Opaque entry ids for the partner API and page (issue 12.6).

Entry ids are sequential and shared by everyone, so a partner who saw entries 12 and 15 learned
that 13 and 14 exist and are hidden from them. Outside the owner's own CLI, an entry is known only
by a random `public_id` (128 bits, URL-safe), which says nothing about any other entry.
"""

from __future__ import annotations

import re
import secrets

from store.tokens import PREFIX as TOKEN_PREFIX

PATTERN = re.compile(r"[A-Za-z0-9_-]{22}")
"""What a public id looks like: 16 random bytes, URL-safe base64 without padding."""


def new_public_id() -> str:
    """A fresh opaque id, never shaped like a token: the web refuses a URL part starting "hl_"
    (a token pasted into a link), and one id in 262,144 would start so."""
    while True:
        value = secrets.token_urlsafe(16)
        if not value.startswith(TOKEN_PREFIX):
            return value


def looks_like_public_id(value: str) -> bool:
    """True when `value` has the shape of a public id (anything else is answered with a 404)."""
    return PATTERN.fullmatch(value) is not None


