"""Text features for the understanding model: hashed words, word pairs and letter n-grams."""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from dialogs.text import BOUNDARY, normalise

DIM = 1 << 16
"""Hashed feature space size (the model's weight matrix has this many rows)."""

PROMPTS: dict[str, str] = {
    "mad": "emotion", "sad": "emotion", "glad": "emotion", "fear": "emotion", "opener": "emotion",
    "share": "share", "safety_check": "check", "safety": "check",
}
"""The prompt a reply answers, grouped by what the reply can mean there."""


# Words that say when, never what: the corpus used "tonight" mostly in stop requests ("I'm done for
# tonight"), and a model that learned that word ended "we got engaged tonight!" (issue 9's
# over-fitting warning). They are left out of the features.
_NEUTRAL = frozenset({"tonight", "today", "tonite", "todays", "today's", "evening", "morning"})


def _grams(words: list[str]) -> Iterator[str]:
    for w in words:
        yield f"w:{w}"
    for a, b in zip(words, words[1:], strict=False):
        yield f"b:{a}_{b}"
    for w in words:
        padded = f" {w} "
        for n in (2, 3, 4, 5):
            for k in range(len(padded) - n + 1):
                yield f"c:{padded[k : k + n]}"


def feature_names(text: str, at: str) -> set[str]:
    """The features of one reply at one prompt (before hashing)."""
    toks = [t for t in normalise(text).split() if t not in _NEUTRAL]
    words = [t for t in toks if t != BOUNDARY]
    group = PROMPTS.get(at, "emotion")
    names = {f"at:{group}", f"len:{min(len(words), 12) // 3}"}
    if words:
        names.add(f"first:{words[0]}")
        names.add(f"{group}|first:{words[0]}")
    # The last clause alone: "I was furious, keep that private", "no, I meant exhausted".
    last = toks[len(toks) - 1 - toks[::-1].index(BOUNDARY) + 1 :] if BOUNDARY in toks else []
    for g in _grams(words):
        names.add(g)
        if not g.startswith("c:"):
            names.add(f"{group}|{g}")
    for w in last:
        names.add(f"last:{w}")
    return names


def hashed(text: str, at: str) -> list[int]:
    """The hashed feature indices of one reply at one prompt, sorted and unique."""
    return sorted({zlib.crc32(n.encode("utf-8")) % DIM for n in feature_names(text, at)})


def word_indices(text: str) -> list[int]:
    """The hashed indices of the reply's single words (to tell known words from unknown ones)."""
    words = [t for t in normalise(text).split() if t != BOUNDARY]
    return [zlib.crc32(f"w:{w}".encode()) % DIM for w in words]
