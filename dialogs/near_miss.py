"""Crisis phrases of the phrasebook said one letter off ("riska" for "risuka", "kieitai" for
"kietai"): the held-out sets' misses in listed languages were mostly such near-misses (round 32).

A word of the reply that no list of any language holds, five letters or more, is read as the one
crisis word of the lists it is one edit from (a letter added, dropped or changed); read so, a
crisis phrase it completes asks the direct question (tier 2), never more: it is a guess. A word
the lists or the corpus know in any language ("morte", "morto", "doing") is never changed, nor
one with two crisis words as near (a tie).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from pathlib import Path

from dialogs import phrasebook
from dialogs.features import word_indices
from dialogs.model import model

SHORTEST = 5
"""Words shorter than this are never changed: one letter makes too many other words."""
_LETTERS = re.compile(r"[^\W\d_]+")


def _deletions(word: str) -> set[str]:
    return {word[:k] + word[k + 1 :] for k in range(len(word))}


@cache
def _lists(folder: str) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """Every word the lists write (known), and each crisis word by itself and its one-letter
    deletions (the index of words one edit apart)."""
    known: set[str] = set()
    crisis: set[str] = set()
    for other in ("wish-words", "feel-words"):  # their words and examples are known words too
        for lang in phrasebook.languages(str(Path(folder).parent / other)):
            known.update(w.rstrip("*") for p in lang.phrases for i in p.items for w in i.split("|"))
            for text in [s for _, s in lang.examples] + list(lang.calm):
                known.update(_LETTERS.findall(phrasebook.fold_text(text)))
    for lang in phrasebook.languages(folder):
        for p in lang.phrases:
            for item in p.items:
                for alt in item.split("|"):
                    word = alt.rstrip("*")
                    known.add(word)
                    if p.kind in "12" and p.spaced and not alt.endswith("*") and (
                            len(word) >= SHORTEST and word.isalpha()):
                        crisis.add(word)
        for text in [s for _, s in lang.examples] + list(lang.calm):
            known.update(_LETTERS.findall(phrasebook.fold_text(text)))
    index: dict[str, set[str]] = defaultdict(set)
    for word in crisis:
        for key in {word} | _deletions(word):
            index[key].add(word)
    return frozenset(known), {k: frozenset(v) for k, v in index.items()}


def _nearest(word: str, folder: str) -> str | None:
    known, index = _lists(folder)
    if len(word) < SHORTEST or word in known or all(model().seen[k] for k in word_indices(word)):
        return None  # a word of the lists or of the corpus ("doing" is not "going")
    near = set(index.get(word, ())).union(*(index.get(k, ()) for k in _deletions(word)))
    near = {c for c in near if c != word and _one_edit(word, c)}
    return next(iter(near)) if len(near) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one letter added, dropped or changed."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


def tier(text: str, folder: str) -> int:
    """2 when the reply, its unknown words read as the crisis words they are one letter from,
    holds a crisis phrase of the lists; else 0."""
    folded = phrasebook.fold_text(text)
    changed = False

    def mend(m: re.Match[str]) -> str:
        nonlocal changed
        near = _nearest(m.group(0), folder)
        changed |= near is not None
        return near or m.group(0)

    mended = _LETTERS.sub(mend, folded)
    return 2 if changed and phrasebook.tier(mended, folder) else 0
