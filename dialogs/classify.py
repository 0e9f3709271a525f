"""Reading one reply: crisis > stop > repeat > skip > private > nothing > unsure > feeling."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from dialogs.acts import Emotion
from dialogs.feelings import HARD, Hit, Lexicon, lexicon
from dialogs.locale import load
from dialogs.text import BOUNDARY, contains, normalise

# Words a command may carry around it without becoming an answer ("can you repeat that please").
_SLACK = frozenset(
    "please now for tonight today here thanks thank you i think guess want to can could we let's "
    "just okay ok i'm actually really sorry again the that this one maybe honestly then no yeah "
    "well so oh um uh".split()
)
_TRAILING = (
    "today", "tonight", "really", "at all", "this time", "thanks", "to be honest", "honestly",
    "thankfully", "luckily", "fortunately", "though", "i guess", "i think", "so far",
)
_ACTIVITY_SUBJECTS = frozenset({"i", "we", "i've", "we've"})


class Category(StrEnum):
    """What a reply to a question is."""

    CRISIS = "crisis"
    STOP = "stop"
    REPEAT = "repeat"
    SKIP = "skip"
    PRIVATE = "private"
    NOTHING = "nothing"
    UNSURE = "unsure"
    FEELING = "feeling"
    OUTER = "outer"
    FALLBACK = "fallback"


@dataclass(frozen=True)
class Reading:
    """A reply, classified."""

    category: Category
    """What the reply is."""
    emotion: Emotion | None
    """The emotion heard (for feeling, outer and fallback answers)."""
    intensity: int
    """0 (none heard) to 3."""
    hit: Hit | None
    """The feeling word that decided the emotion, if any."""
    tokens: tuple[str, ...]
    """The normalised tokens ("," marks a clause break)."""


@dataclass(frozen=True)
class Cues:
    """The word lists classification uses, compiled."""

    crisis: tuple[re.Pattern[str], ...]
    check: tuple[re.Pattern[str], ...]
    commands: dict[str, tuple[tuple[str, ...], ...]]
    fillers: frozenset[str]
    outer: tuple[tuple[str, ...], ...]
    verbs: frozenset[str]
    loaded: tuple[tuple[tuple[str, ...], str], ...]


@cache
def cues(locale: str = "en-us") -> Cues:
    """The compiled cue lists of a locale."""
    lang = load(locale)
    names = ("stop", "repeat", "skip", "private", "nothing", "unsure", "yes", "no", "continue")
    return Cues(
        crisis=tuple(re.compile(p) for p in lang.voc("crisis")),
        check=tuple(re.compile(p) for p in lang.voc("crisis-check")),
        commands={n: tuple(tuple(normalise(p).split()) for p in lang.voc(n)) for n in names},
        fillers=frozenset(lang.voc("fillers")),
        outer=tuple(tuple(p.split()) for p in lang.voc("outer")),
        verbs=frozenset(lang.voc("activity-verbs")),
        loaded=tuple((tuple(f[0].split()), f[1]) for f in lang.fields("loaded")),
    )


def is_crisis(text: str, locale: str = "en-us") -> bool:
    """True when the words speak of self-harm or not wanting to live (tier 1)."""
    return crisis_tier(text, locale) == 1


def crisis_tier(text: str, locale: str = "en-us") -> int:
    """The crisis rule net: 1 for clear words of crisis, 2 for hopeless or ambiguous ones, or 0."""
    norm = normalise(text).replace(" , ", " ")
    c = cues(locale)
    if any(p.search(norm) for p in c.crisis):
        return 1
    return 2 if any(p.search(norm) for p in c.check) else 0


def _core(toks: Sequence[str], fillers: frozenset[str]) -> list[str]:
    words = [t for t in toks if t != BOUNDARY and t not in fillers]
    return words or [t for t in toks if t != BOUNDARY]


def matches(toks: Sequence[str], name: str, locale: str = "en-us", slack: int = 3) -> bool:
    """True when the reply is the command/list `name`, allowing a few polite words around it."""
    c = cues(locale)
    words = _core(toks, c.fillers)
    for full in c.commands[name]:
        phrase = tuple(_core(full, c.fillers))
        if words == list(phrase):
            return True
        at = contains(words, phrase)
        if at >= 0:
            rest = words[:at] + words[at + len(phrase) :]
            if len(rest) <= slack and all(w in _SLACK for w in rest):
                return True
    return False


def _trimmed(words: list[str]) -> Iterator[list[str]]:
    """The words, then the words with trailing "today", "really", "thankfully"... cut one by one."""
    yield words
    changed = True
    while changed and words:
        changed = False
        for tail in _TRAILING:
            t = tail.split()
            if len(words) > len(t) and words[-len(t) :] == t:
                words = words[: -len(t)]
                changed = True
                yield words
                break


def is_nothing(toks: Sequence[str], locale: str = "en-us") -> bool:
    """True when the whole reply says there was nothing ("not much today", "no I felt safe")."""
    c = cues(locale)
    phrases = [_core(p, c.fillers) for p in c.commands["nothing"]]
    for words in _trimmed(_core(toks, c.fillers)):
        if words in phrases:
            return True
        # "no, I felt safe today": a leading no before a nothing-phrase.
        if words and words[0] in ("no", "nope", "nah") and words[1:] in phrases:
            return True
    return False


def loaded(words: Sequence[str], asked: Emotion | None, locale: str = "en-us") -> tuple[bool, bool]:
    """(hard, joyful): whether the reply names an emotionally loaded cause, by valence."""
    hard = joyful = False
    for phrase, valence in cues(locale).loaded:
        if contains(words, phrase) < 0:
            continue
        weak = valence.endswith("?")
        sign = valence[0]
        if sign == "-" and (not weak or asked in HARD):
            hard = True
        if sign == "+" and (not weak or asked == Emotion.GLAD):
            joyful = True
    return hard, joyful


def is_outer(words: Sequence[str], locale: str = "en-us") -> bool:
    """True when the reply tells what the speaker did (errands, meetings, chores), not a feeling."""
    c = cues(locale)
    if not any(contains(words, p) >= 0 for p in c.outer):
        return False
    content = [w for w in words if w not in c.fillers]
    if not content:
        return False
    first = content[0]
    # The speaker's own activities: "I went to the bank", or a list opening with a verb
    # ("went to the gym and did laundry"); a bare noun ("work as usual") answers the question.
    opens_with_verb = first in c.verbs or (first.endswith("ed") and len(first) > 4)
    return first in _ACTIVITY_SUBJECTS or opens_with_verb


def _feeling_hits(hits: list[Hit], asked: Emotion | None, lex: Lexicon) -> list[Hit]:
    """Non-negated hits, dropping plain okay-words unless the glad question was asked."""
    out = []
    for h in hits:
        if h.negated:
            continue
        phrase = h.feeling.phrase
        if asked != Emotion.GLAD and len(phrase) == 1 and lex.is_calm(phrase[0]):
            continue
        out.append(h)
    return out


def classify(text: str, asked: Emotion | None, locale: str = "en-us") -> Reading:
    """Classify a reply to an emotion question (asked None: the open "head and heart" opener)."""
    toks = tuple(normalise(text).split())
    words = [t for t in toks if t != BOUNDARY]

    def reading(cat: Category, emotion: Emotion | None = None, intensity: int = 0,
                hit: Hit | None = None) -> Reading:
        return Reading(cat, emotion, intensity, hit, toks)

    if not words:
        return reading(Category.FALLBACK, asked, 0)
    if is_crisis(text, locale):
        return reading(Category.CRISIS, asked)
    for name, cat in (("stop", Category.STOP), ("repeat", Category.REPEAT),
                      ("skip", Category.SKIP), ("private", Category.PRIVATE)):
        if matches(toks, name, locale, slack=2):
            return reading(cat)
    lex = lexicon(locale)
    hits = lex.find(toks)
    felt = _feeling_hits(hits, asked, lex)
    if not felt and is_nothing(toks, locale):
        return reading(Category.NOTHING)
    if not felt and matches(toks, "unsure", locale, slack=3):
        return reading(Category.UNSURE)
    hard_cause, joyful_cause = loaded(words, asked, locale)
    if felt:
        matching = [h for h in felt if asked is not None and asked in h.feeling.emotions]
        best = max(matching or felt, key=lambda h: h.intensity)
        return reading(Category.FEELING, best.emotion_for(asked), best.intensity, best)
    # A denied joy or calm ("I wasn't happy", "I didn't feel safe") is a mild hard feeling...
    for h in hits:
        if h.negated and not h.by_nothing and (Emotion.GLAD in h.feeling.emotions
                                                or lex.is_calm(h.feeling.phrase[0])):
            return reading(Category.FEELING, _hard(asked), 1 if h.feeling.intensity < 3 else 2)
    # ...while a denied hard feeling ("not angry at all", "nothing scared me") is a nothing.
    if hits and not hard_cause and not joyful_cause:
        return reading(Category.NOTHING)
    if hard_cause or joyful_cause:
        if hard_cause and joyful_cause and asked is not None:
            return reading(Category.FEELING, asked, 2)
        return reading(Category.FEELING, _hard(asked) if hard_cause else Emotion.GLAD, 2)
    if is_outer(words, locale):
        return reading(Category.OUTER, asked)
    if asked != Emotion.GLAD and any(lex.is_calm(w) for w in words) and len(words) <= 8:
        return reading(Category.NOTHING)
    return reading(Category.FALLBACK, asked, 0)


def _hard(asked: Emotion | None) -> Emotion:
    return asked if asked is not None and asked in HARD else Emotion.SAD
