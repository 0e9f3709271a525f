"""Whether the words so far end a thought: complete, unfinished, or a request to hold on."""

from __future__ import annotations

from enum import StrEnum

from dialogs.locale import load
from dialogs.text import words

OPENER_REACH = 2
"""A clause opener this close to the end leaves the thought open, even if the next word was
misheard ("when mike")."""


class Turn(StrEnum):
    """What the words before a pause say about the end of the speaker's turn."""

    COMPLETE = "complete"
    UNFINISHED = "unfinished"
    HOLD = "hold"


def _phrases(name: str, locale: str) -> list[list[str]]:
    return [p for p in (words(line) for line in load(locale).voc(name)) if p]


def turn_end(text: str, locale: str = "en-us") -> Turn:
    """How the words heard so far end: "I felt ..." is unfinished, "hold on" holds."""
    toks = words(text)
    if not toks:
        # Nothing yet, or words this locale cannot read (another language): nothing to judge by.
        return Turn.COMPLETE if text.strip() else Turn.UNFINISHED
    if any(toks[-len(p) :] == p for p in _phrases("hold", locale)):
        return Turn.HOLD
    if any(len(toks) >= len(p) and toks[-len(p) :] == p for p in _phrases("unfinished", locale)):
        return Turn.UNFINISHED
    openers = {" ".join(p) for p in _phrases("clause-openers", locale)}
    if any(t in openers for t in toks[-OPENER_REACH:]):
        return Turn.UNFINISHED
    return Turn.COMPLETE


def carries_words(text: str, locale: str = "en-us") -> bool:
    """Whether the words say more than fillers and function words ("um", "okay", "the", "and"),
    which is what a decoder makes of noise and echo: someone is talking."""
    lists = _phrases("fillers", locale) + _phrases("unfinished", locale)
    empty = {p[0] for p in lists if len(p) == 1}
    return any(t not in empty for t in words(text))


def has_hold(text: str, locale: str = "en-us") -> bool:
    """Whether the words ask for time anywhere ("hold on, I was ...")."""
    toks = words(text)
    return any(toks[i : i + len(p)] == p for p in _phrases("hold", locale)
               for i in range(len(toks) - len(p) + 1))


def without_hold(text: str, locale: str = "en-us") -> str:
    """The words with every "hold on" / "let me think" removed."""
    toks = words(text)
    holds = sorted(_phrases("hold", locale), key=len, reverse=True)
    out: list[str] = []
    i = 0
    while i < len(toks):
        match = next((p for p in holds if toks[i : i + len(p)] == p), None)
        if match:
            i += len(match)
            continue
        out.append(toks[i])
        i += 1
    return " ".join(out)
