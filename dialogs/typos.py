"""Command words mistyped or misheard by one slip ("stpo", "skpi this one"), read as meant."""

from __future__ import annotations

from functools import cache

import numpy as np

from dialogs.classify import cues
from dialogs.features import word_indices
from dialogs.text import BOUNDARY


def near(word: str, target: str) -> bool:
    """One slip of the fingers apart: two letters swapped, one dropped or one doubled."""
    if len(target) < 4 or abs(len(word) - len(target)) > 1 or word == target:
        return False
    if len(word) == len(target):
        diff = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == target[diff[1]] \
            and word[diff[1]] == target[diff[0]]
    short, long = (word, target) if len(word) < len(target) else (target, word)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


@cache
def _command_words(locale: str) -> dict[str, tuple[str, ...]]:
    """The words of the command phrases, and each two-word run written as one ("checkin")."""
    words: dict[str, tuple[str, ...]] = {}
    for phrases in cues(locale).commands.values():
        for p in phrases:
            words.update({w: (w,) for w in p})
            words.update({a + b: (a, b) for a, b in zip(p, p[1:], strict=False)})
    return words


def mistyped(toks: tuple[str, ...], locale: str, seen: np.ndarray) -> tuple[str, ...]:
    """The reply with each word the corpus never saw (`seen`: by its hashed index) read as the
    command word it is one slip from ("stpo", "skpi this one", "the chekin"); a word the corpus
    knows is taken as written."""
    known = _command_words(locale)
    out: list[str] = []
    for w in toks:
        close = [] if w == BOUNDARY or w in known or len(w) < 4 or seen[
            word_indices(w)[0]] else sorted(k for k in known if near(w, k))
        out.extend(known[close[0]] if len(close) == 1 else (w,))
    return tuple(out)
