"""Words as phones: a PocketSphinx dictionary's pronunciations, edit distances between them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def phones(decoder: Any, words: Sequence[str]) -> list[str]:
    """The dictionary pronunciation of the words, phone by phone."""
    out: list[str] = []
    for w in words:
        found = decoder.lookup_word(w)
        out += found.split() if found else list(w)
    return out


def edit_distance(a: Sequence[str], b: Sequence[str]) -> int:
    """How many phones must be inserted, deleted or replaced to turn ``a`` into ``b``."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]
