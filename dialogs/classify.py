"""Rules where rules are right: the crisis net (tiers 1 and 2, idioms cut out) and exact commands.

Everything else about a reply is read by the learned model (dialogs/understand.py, issue 9).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from dialogs import near_miss, phrasebook
from dialogs.locale import LOCALE_ROOT, load
from dialogs.text import BOUNDARY, contains, normalise

# Words a command may carry around it without becoming an answer ("can you repeat that please").
_SLACK = frozenset(
    "please now for tonight today here thanks thank you i think guess want to can could we let's "
    "just okay ok i'm actually really sorry again the that this one maybe honestly then no yeah "
    "well so oh um uh".split()
)

_TURNS_YES = frozenset({"no", "not", "never"})
"""Slack words a yes never carries: "no share pls" is not a yes."""


@dataclass(frozen=True)
class Cues:
    """The word lists classification uses, compiled."""

    crisis: tuple[re.Pattern[str], ...]
    """Tier 1: clear words of crisis."""
    check: tuple[re.Pattern[str], ...]
    """Tier 2: hopeless or ambiguous words, asked about directly."""
    idioms: tuple[re.Pattern[str], ...]
    """Crisis-sounding idioms and denials, cut out before the tiers are matched."""
    denials: tuple[re.Pattern[str], ...]
    """Crisis words denied ("I'm not suicidal", "no thoughts of ending my life")."""
    scripts: tuple[tuple[int, re.Pattern[str]], ...]
    """(tier, words) in scripts normalising would break (Hangul, Indic), matched as written."""
    commands: dict[str, tuple[tuple[str, ...], ...]]
    """Exact command phrases by name (also the short-reply grammars)."""
    fillers: frozenset[str]
    """Words ignored around a command ("um", "like")."""
    shapes: dict[str, tuple[tuple[tuple[str, ...], bool], ...]]
    """Each command phrase as matched: its words without fillers, or all its words (True) when
    dropping them would leave another command's phrase ("uh huh", a yes, would leave "huh")."""
    spellings: dict[str, str]
    """Spoken and regional spellings the crisis rules read as the standard word."""


@cache
def cues(locale: str = "en-us") -> Cues:
    """The compiled cue lists of a locale."""
    lang = load(locale)
    names = ("stop", "repeat", "skip", "private", "yes", "no", "continue")
    commands = {n: tuple(tuple(normalise(p).split()) for p in lang.voc(n)) for n in names}
    fillers = frozenset(lang.voc("fillers"))
    return Cues(
        crisis=tuple(re.compile(p) for p in lang.rx("crisis")),
        check=tuple(re.compile(p) for p in lang.rx("crisis-check")),
        idioms=tuple(re.compile(p) for p in (*lang.rx("crisis-idioms"),
                                             *lang.rx("crisis-denials"))),
        denials=tuple(re.compile(p) for p in lang.rx("crisis-denials")),
        scripts=tuple((tier, re.compile(p)) for tier, name in ((1, "crisis-script"),
                      (2, "crisis-check-script")) for p in lang.rx(name)),
        commands=commands,
        fillers=fillers,
        shapes={n: tuple(_shape(full, n, commands, fillers) for full in fulls)
                for n, fulls in commands.items()},
        spellings={row[0]: row[1] for row in lang.value("crisis-spellings")},
    )


def _spelled(text: str, c: Cues) -> str:
    """The reply normalised, clause marks dropped, each word in the crisis lists' spelling."""
    return " ".join(c.spellings.get(w, w) for w in normalise(text).replace(" , ", " ").split())


def denies_crisis(text: str, locale: str = "en-us") -> bool:
    """The reply denies words of crisis ("no, I have no thoughts of ending my life")."""
    c = cues(locale)
    norm = _spelled(text, c)
    return any(p.search(norm) for p in c.denials)


def without_denials(text: str, locale: str = "en-us") -> str:
    """The reply's words with every denial of crisis cut out ("i only stress" of "I don't have
    any thoughts of ending my life, only stress")."""
    c = cues(locale)
    norm = _spelled(text, c)
    for p in c.denials:
        norm = p.sub(" ", norm)
    return " ".join(norm.split())


def is_crisis(text: str, locale: str = "en-us") -> bool:
    """True when the words speak of self-harm or not wanting to live (tier 1)."""
    return crisis_tier(text, locale) == 1


def crisis_tier(text: str, locale: str = "en-us") -> int:
    """The crisis rule net: 1 for clear words of crisis, 2 for hopeless or ambiguous ones, or 0."""
    return crisis_rules(text, locale)[0]


def crisis_rules(text: str, locale: str = "en-us") -> tuple[int, bool]:
    """(tier, idiom): the crisis rule net on the words left once idioms are cut out."""
    c = cues(locale)
    norm = _spelled(text, c)
    cut = norm
    for p in c.idioms:
        cut = p.sub(" ", cut)
    idiom = cut != norm or phrasebook.idiom_in(text, str(LOCALE_ROOT / locale / "crisis-words"))
    written = unicodedata.normalize("NFC", text).lower()
    scripts = {tier for tier, p in c.scripts if p.search(written)}
    if 1 in scripts or any(p.search(cut) for p in c.crisis):
        return 1, idiom
    # The concepts of crisis written language by language (dialogs/phrasebook.py): a reply in a
    # language the rules here were never shown, or code-switched into one.
    said = phrasebook.tier(cut if cut != norm else text, str(LOCALE_ROOT / locale / "crisis-words"))
    if said == 1 or 2 in scripts or any(p.search(cut) for p in c.check):
        return min(said or 2, 2), idiom
    if not said and near_miss.tier(cut if cut != norm else text,
                                   str(LOCALE_ROOT / locale / "crisis-words")):
        return 2, idiom  # a crisis phrase said one letter off ("riska" for "risuka"): asked
    return said, idiom


def _core(toks: Sequence[str], fillers: frozenset[str]) -> list[str]:
    words = [t for t in toks if t != BOUNDARY and t not in fillers]
    return words or [t for t in toks if t != BOUNDARY]


def _shape(full: tuple[str, ...], name: str, commands: dict[str, tuple[tuple[str, ...], ...]],
           fillers: frozenset[str]) -> tuple[tuple[str, ...], bool]:
    """A command phrase without its fillers, unless that leaves a whole phrase of another command
    ("uh huh", a yes, leaves "huh", a say-again): then all its words, said whole."""
    core = tuple(_core(full, fillers))
    whole = len(core) < len(full) and any(
        core in fulls for other, fulls in commands.items() if other != name)
    return (full, True) if whole else (core, False)


def matches(toks: Sequence[str], name: str, locale: str = "en-us", slack: int = 3) -> bool:
    """True when the reply is the command/list `name`, allowing a few polite words around it."""
    c = cues(locale)
    core, said = _core(toks, c.fillers), [t for t in toks if t != BOUNDARY]
    for phrase, whole in c.shapes[name]:
        words = said if whole else core
        if words == list(phrase):
            return True
        at = contains(words, phrase)
        if at >= 0:
            rest = words[:at] + words[at + len(phrase) :]
            if len(rest) <= slack and all(w in _SLACK for w in rest) and not (
                    name == "yes" and _TURNS_YES & set(rest)):
                return True
    return False


@cache
def _private_inline(locale: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in load(locale).rx("private-inline"))


def asks_private(toks: tuple[str, ...], locale: str) -> bool:
    """The answer itself holds a wish for privacy ("my boss yelled at me, keep that private",
    "don't tell Sam, but I was scared"): a short command inside a longer answer, or a wording
    only an answer uses (`private-inline.rx`)."""
    said = " ".join(toks)
    if any(p.search(said) for p in _private_inline(locale)):
        return True
    if any(h.kind == "w" and h.concept == "private" and (" " in h.said or len(h.said) >= 6)
           for h in phrasebook.find(said, str(LOCALE_ROOT / locale / "wish-words"))):
        return True  # "... no se lo digas a nadie": the wish in another language, in words
        # enough to be one inside a longer answer (a lone "sod" is Hebrew's secret and British
        # English's "sod all")
    words = [t for t in toks if t != BOUNDARY]
    for line in load(locale).voc("private"):
        phrase = normalise(line).split()
        if len(words) > len(phrase) + 2 and contains(words, phrase) >= 0:
            return True
    return False


FEAR_WORDS = 14
"""A fear of a thing (`fears_a_thing`) is said in at most this many words."""


@cache
def _fears(locale: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in load(locale).rx("fear-of"))


def fears_a_thing(toks: tuple[str, ...], locale: str) -> bool:
    """A short fear of a named everyday thing with no crisis marker ("I'm afraid of being alone",
    "scared of losing my job"): `fear-of.rx`."""
    words = [t for t in toks if t != BOUNDARY]
    said = " ".join(words)
    return len(words) <= FEAR_WORDS and any(p.search(said) for p in _fears(locale))
