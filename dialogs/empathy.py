"""Choosing the empathy reply: the seed's four forms, matched to the feeling and its intensity."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dialogs.acts import Emotion
from dialogs.feelings import DEFAULT_FEEL, HARD, Hit
from dialogs.locale import Locale
from dialogs.reflect import Cause, find_cause, find_joy
from dialogs.text import FIRST_PERSON, sentences

CONFIDENT = 0.6
"""Below this recognizer confidence a word is never quoted back to the speaker."""


@dataclass(frozen=True)
class Felt:
    """What the reply should answer to."""

    emotion: Emotion
    """The emotion heard."""
    intensity: int
    """0 (none named) to 3."""
    hit: Hit | None
    """The feeling word heard, if any."""
    tokens: tuple[str, ...]
    """The speaker's normalised tokens."""
    quote_cause: bool = True
    """False for answers without content worth reflecting (fallback)."""
    also: tuple[Emotion, ...] = ()
    """A second emotion felt at the same time (mixed feelings: both are named)."""

    @property
    def strong(self) -> bool:
        """Loss, grief or a strongly named feeling: never shrunk with "a bit"."""
        return self.intensity >= 3


def doubtful(words: Sequence[tuple[str, float]]) -> frozenset[str]:
    """The words the recognizer was not confident about (lowercased)."""
    return frozenset(w.lower().strip(".,!?") for w, c in words if c < CONFIDENT)


def forbidden(text: str, lang: Locale) -> bool:
    """True when text contains a mistake the seed warns against."""
    # Anywhere, not only at a word's start: a reflection that quotes a typo ("becaus eyou should
    # have seen it") still says "you should" aloud (a Hypothesis finding).
    low = text.lower()
    return any(p in low for p in lang.voc("forbidden"))


def _qualified(word: str, hit: Hit | None, strong: bool = False) -> str:
    if strong:
        return word.removeprefix("a bit ").removeprefix("a little ")
    if hit is None or word.startswith(("a bit", "a little", "really", "so ", "like ")):
        return word
    if hit.shift < 0 and Emotion.GLAD not in hit.feeling.emotions:
        return f"a bit {word}"
    if hit.shift > 0:
        return f"really {word}"
    return word


def _feel(felt: Felt, rng: random.Random) -> tuple[str, bool]:
    """The feeling word Y, and whether it was the speaker's own."""
    hit = felt.hit
    if hit is not None and felt.emotion in hit.feeling.emotions:
        return _qualified(hit.feeling.feel, hit, felt.strong), True
    return rng.choice(DEFAULT_FEEL[felt.emotion]), False


def _mixed(felt: Felt, lang: Locale, rng: random.Random) -> list[str]:
    """Both feelings named: "Feeling happy and nervous at the same time. That's a lot to hold." """
    first, _ = _feel(felt, rng)
    second = rng.choice(DEFAULT_FEEL[felt.also[0]])
    if first == second:
        return []
    return lang.phrases.fresh("empathy.mixed", rng, (), first=first, second=second)


def candidates(felt: Felt, lang: Locale, rng: random.Random,
               low_conf: frozenset[str]) -> list[str]:
    """Every reply that fits, best first (a little shuffled for variety)."""
    ph = lang.phrases
    tier = max(1, min(3, felt.intensity or 1))
    plain = ph.fresh(f"empathy.plain.{felt.emotion}.{tier}", rng, ())
    feel, own = _feel(felt, rng)
    hit = felt.hit
    feeling_confident = hit is None or not any(w in low_conf for w in hit.feeling.phrase)
    if felt.also:
        mixed = _mixed(felt, lang, rng)
        if mixed:
            return mixed + plain
    forms: list[list[str]] = []
    cause: Cause | None = None
    if felt.emotion == Emotion.GLAD:
        # Joy is shared, never explained ("It makes sense that you felt happy" is for hard ones).
        said = find_joy(felt.tokens) if felt.quote_cause and feeling_confident else None
        if said is not None and not any(w in low_conf for w in said.source):
            forms.append(ph.fresh("empathy.joy", rng, (), cause=said.text))
        if own and feeling_confident and hit is not None:
            forms.append(ph.fresh("empathy.joy.own", rng, (), feeling=feel))
        forms.append(plain)
        return [line for form in forms for line in form] + [
            line for other in (1, 2, 3) if other != tier
            for line in ph.fresh(f"empathy.plain.{felt.emotion}.{other}", rng, ())]
    if felt.quote_cause and feeling_confident:
        cause = find_cause(felt.tokens, hit, feel.split() + list(hit.feeling.phrase if hit else ()))
        if cause is not None and any(w in low_conf for w in cause.source):
            cause = None
    if cause is not None:
        if cause.link == "":
            forms.append(ph.fresh("empathy.reflect.noun", rng, (), cause=cause.text, feeling=feel))
        else:
            name = "empathy.reflect.past" if cause.past else "empathy.reflect.clause"
            forms.append(ph.fresh(name, rng, (), cause=cause.text, feeling=feel, link=cause.link))
    if own and feeling_confident and hit is not None:
        forms.append(ph.fresh("empathy.wonder", rng, (), feeling=feel))
        sounds = _qualified(hit.feeling.sounds, hit, felt.strong)
        forms.append(ph.fresh("empathy.sounds", rng, (), sounds=sounds))
    if felt.emotion in HARD and tier >= 2:
        forms.append(ph.fresh("empathy.sucks", rng, ()))
    forms.append(plain)
    # The reflection shows the most listening: keep it first most of the time.
    head = forms[:1] if cause is not None and rng.random() < 0.7 else []
    rest = forms[len(head) :]
    rng.shuffle(rest)
    ordered = [line for form in head + rest for line in form]
    # Last resorts of the same kind, any intensity, so a reply is never repeated.
    for other in (1, 2, 3):
        if other != tier:
            ordered.extend(ph.fresh(f"empathy.plain.{felt.emotion}.{other}", rng, ()))
    return ordered


def clean(text: str, lang: Locale, emotion: Emotion | None = None) -> bool:
    """True for a reply safe to say: no seed mistake, no first-person words echoed, warm for joy."""
    low = text.lower()
    words = {w.strip(".,!?") for w in low.split()}
    if emotion == Emotion.GLAD and any(w in low for w in lang.voc("not-warm")):
        return False
    return not forbidden(text, lang) and not (words & FIRST_PERSON)


def reply(felt: Felt, lang: Locale, rng: random.Random, used: Iterable[str],
          low_conf: frozenset[str] = frozenset()) -> str:
    """One empathy sentence for the feeling, not said before in this check-in."""
    seen = {x for text in used for x in sentences(text)}
    options = candidates(felt, lang, rng, low_conf)
    for text in options:
        if not seen & set(sentences(text)) and clean(text, lang, felt.emotion):
            return text
    # Every variant already said (a very long check-in): the least repeated clean one.
    fitting = [t for t in options if clean(t, lang, felt.emotion)] or options
    return min(fitting, key=lambda t: len(seen & set(sentences(t))))
