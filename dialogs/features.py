"""Text features for the understanding model: hashed words, word pairs and letter n-grams."""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Mapping
from functools import cache

from dialogs.locale import load
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


@cache
def _classes(locale: str = "en-us") -> Mapping[str, str]:
    """Word -> its class (vocab/understanding-cues.value)."""
    return {row[0]: row[1] for row in load(locale).value("understanding-cues")}


CUE_WINDOW = 4
"""Two classed words at most this many words apart form an ordered class pair."""


def _cues(words: list[str]) -> Iterator[str]:
    """Each word's class, and ordered pairs of classes close together ("never" .. "see")."""
    classes = _classes()
    placed = [(k, classes[w]) for k, w in enumerate(words) if w in classes]
    for _, c in placed:
        yield f"k:{c}"
    for i, (k, a) in enumerate(placed):
        for m, b in placed[i + 1 :]:
            if m - k > CUE_WINDOW:
                break
            if a != b:
                yield f"kp:{a}>{b}"


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
    if group == "emotion":  # wishes about an answer; a yes or no is read from its own words
        for cue in _cues(words):
            names.add(f"{group}|{cue}")
    return names


def hashed(text: str, at: str) -> list[int]:
    """The hashed feature indices of one reply at one prompt, sorted and unique."""
    return sorted({zlib.crc32(n.encode("utf-8")) % DIM for n in feature_names(text, at)})


VOCABULARY_DIM = 1 << 20
"""Hash space of the corpus vocabulary (one bit a word; ~1% of unknown words collide with a known
one at 10,000 words, where the 65,536 feature buckets, three quarters used, made most unknown
words look known)."""


def word_indices(text: str) -> list[int]:
    """The vocabulary indices of the reply's words (to tell known words from unknown ones)."""
    words = [t for t in normalise(text).split() if t != BOUNDARY]
    return [zlib.crc32(f"w:{w}".encode()) % VOCABULARY_DIM for w in words]
