"""People's names: never empty, never with invisible characters that reorder text (issue 12.6)."""

from __future__ import annotations

import unicodedata

from store.errors import InvalidName

MAX_LENGTH = 64
"""Longer is not a name; it would also stretch every line that shows it."""


def clean_name(name: str) -> str:
    """`name` with runs of spaces made one, or InvalidName saying what to change.

    Bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E/F, U+061C) can make a name
    display as another person's ("Trojan Source"); they and every other control or format
    character are refused.
    """
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidName(name, "give a name, not an empty one")
    for ch in cleaned:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            raise InvalidName(
                name,
                f"it contains an invisible character (U+{ord(ch):04X}); type the name again",
            )
    if len(cleaned) > MAX_LENGTH:
        raise InvalidName(name, f"use at most {MAX_LENGTH} characters")
    return cleaned
