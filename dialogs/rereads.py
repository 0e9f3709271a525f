"""Second readings: a reply read again with some of its words cut out.

A reply the model reads as a wish may hold the wish's words in another sense: "I couldn't stop
crying" (a state, not "stop"), "we argued again" (news, not "say that again"), "let's go, we got
the flat" (a cheer). Each is read once more without those words (the locale's patterns), and the
rest decides.
"""

from __future__ import annotations

import functools
import re

from dialogs.classify import matches
from dialogs.locale import load
from dialogs.model import Guess, Model, model
from dialogs.text import BOUNDARY

RECUR = 0.3
"""A reply read as "say that again" whose rest, its again-words cut out, reads as a repeat below
this is something that happened again ("we argued again": rest 0.2 or less in round 33's own
examples; "what was that again", "sorry the baby was crying, say it again": 0.4 or more)."""
SURE_YES = 0.5
"""The rest of a reply led by a bare okay, read alone at the share prompt as a yes this surely,
keeps the yes ("ok, send it to Mick": 0.94); below it, and leaning as much to stop or no, the
prompt is asked once more ("ok im out": 0.23 yes, 0.37 stop or no)."""
CHEER_WISH = 0.6
"""A cheer's news read alone as stop or skip from this probability keeps the wish ("let's go, can
we call it a night"); below it the cheer is joy ("let's gooo, we got the flat")."""


@functools.cache
def _patterns(locale: str, name: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in load(locale).rx(name))


def _rest(toks: tuple[str, ...], locale: str, name: str) -> list[str] | None:
    """The reply's words with the locale's patterns `name` cut out, or None when none matched."""
    said = " ".join(toks)
    rest = functools.reduce(lambda text, pattern: pattern.sub(" ", text), _patterns(locale, name),
                            said)
    return None if rest == said else [w for w in rest.split() if w != BOUNDARY]


def unstoppable(toks: tuple[str, ...], at: str, locale: str, using: Model | None) -> bool:
    """Something that went on and on ("I couldn't stop crying"), the rest not asking to stop."""
    rest = _rest(toks, locale, "unstoppable")
    if rest is None or len(rest) < 2:
        return rest is not None
    return (using or model()).read(" ".join(rest), at).probs.get("stop", 0.0) < CHEER_WISH


def said_again(toks: tuple[str, ...], locale: str) -> list[str] | None:
    """The words left once the again-words are cut out ("mad again": ["mad"]), or None when the
    reply holds none."""
    return _rest(toks, locale, "recurring")


def recurred(toks: tuple[str, ...], at: str, locale: str, using: Model | None) -> Guess | None:
    """Something that happened again ("we argued again"), the rest asking nothing: its reading."""
    rest = _rest(toks, locale, "recurring")
    if rest is None or len(rest) < 2 or _rest(toks, locale, "asked-again") is not None:
        return None
    again = (using or model()).read(" ".join(rest), at)
    return again if again.probs.get("repeat", 0.0) < RECUR else None


def cheers_on(toks: tuple[str, ...], at: str, locale: str, using: Model | None) -> bool:
    """A cheer with news ("let's go, we got the flat"), the news asking neither to stop nor skip."""
    rest = _rest(toks, locale, "cheers")
    if rest is None or len(rest) < 2:
        return False
    if any(matches(rest, wish, locale, slack=2) for wish in ("stop", "skip")):
        return False
    again = (using or model()).read(" ".join(rest), at)
    return again.probs.get("stop", 0.0) + again.probs.get("skip", 0.0) < CHEER_WISH


def leaves(toks: tuple[str, ...], locale: str, using: Model | None) -> bool:
    """At the share prompt, a bare okay before a goodbye ("ok im out", "okay goodnight"): the rest,
    read alone there, leans to stop or no as much as to yes, and is no sure yes."""
    words = [t for t in toks if t != BOUNDARY]
    if len(words) < 2 or words[0] not in load(locale).voc("bare-yes"):
        return False
    rest = (using or model()).read(" ".join(words[1:]), "share").probs
    leaving = rest.get("stop", 0.0) + rest.get("no", 0.0)
    return rest.get("yes", 0.0) < SURE_YES and leaving >= rest.get("yes", 0.0)


def farewell(toks: tuple[str, ...], locale: str, using: Model | None) -> bool:
    """At the share prompt, a goodbye ("see ya", "cool, see ya") whose rest, read alone there, is
    no sure yes: "see ya, share it" shares, "see ya" alone is asked once more."""
    rest = _rest(toks, locale, "farewell")
    if rest is None:
        return False
    bare = load(locale).voc("bare-yes")  # "cool, see ya": an okay before a goodbye, as in leaves()
    return not rest or all(w in bare for w in rest) or (using or model()).read(
        " ".join(rest), "share").probs.get("yes", 0.0) < SURE_YES
