"""Reading a reply after words of crisis: to the safety offer, and to the safety check."""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache

from dialogs import phrasebook
from dialogs.classify import crisis_tier, denies_crisis, matches, without_denials
from dialogs.locale import LOCALE_ROOT, load
from dialogs.text import tokens, unspaced
from dialogs.understand import Intent, understand

NO_AT_CHECK = 0.6
"""Confidence needed to take a reply to the safety check as a clear no."""

_CHECK_NO = frozenset({"not", "never"})
"""First words that also say no to the direct question ("not suicidal, just fed up")."""
_YES_HINTS = frozenset({"yes", "yeah", "yep", "sometimes", "maybe", "kind", "sort", "bit", "little",
                        "but", "honestly", "guess", "idk", "know", "unsure"})


class AtOffer(StrEnum):
    """What a reply to the safety offer ("Would you like to stop here?") asks for."""

    CRISIS = "crisis"
    """More words of crisis: the safety act again."""
    PRIVATE = "private"
    """"Keep that private": no promise of secrecy on a crisis turn."""
    STOP = "stop"
    """Stop here (a yes to stopping, or "stop")."""
    GO_ON = "go_on"
    """Carry on with the check-in (a no to stopping, or "continue")."""
    ANSWER = "answer"
    """An everyday answer to the next question ("my grandbaby laughed at the pelicans"): carrying
    on, said by answering."""
    UNCLEAR = "unclear"
    """Neither: ask once more, then end gently."""


def read_offer(text: str, locale: str, next_at: str | None = None) -> AtOffer:
    """What a reply to the safety offer asks for: exact words first, then the reader when sure.

    ``next_at`` is the question that carrying on would ask next (None at the last one): a reply
    the reader takes, when sure, as a plain answer to it means carrying on."""
    toks = tokens(text)
    if crisis_tier(text, locale):
        return AtOffer.CRISIS  # hopeless words too ("I can't see a way out"): never a reprompt
    if matches(toks, "private", locale, slack=2):
        return AtOffer.PRIVATE
    if matches(toks, "stop", locale, slack=2):
        return AtOffer.STOP
    if matches(toks, "continue", locale, slack=2) or matches(toks, "no", locale, slack=2):
        return AtOffer.GO_ON
    if matches(toks, "yes", locale, slack=2):
        return AtOffer.STOP
    # "Would you like to stop here?" in everyday words: the model's yes or no, when sure.
    got = understand(text, "safety_check", locale)
    stop = got.intent == Intent.YES and got.confidence >= NO_AT_CHECK
    # A no to stopping needs a word that can say no: "banana" leaning no goes nowhere.
    go_on = got.intent == Intent.NO and got.confidence >= NO_AT_CHECK and _can_say_no(
        [t for t in toks if t != ","], text, locale) or (
        got.intent not in (Intent.YES, Intent.UNSURE) and _led_by_no(text, locale))
    if next_at is not None and not stop:
        # Words of a day ("my daughter sang me a song, that was joy") carry on by answering: read
        # at the question they answer, with its crisis net (the reader at the offer has seen few
        # everyday words there). A plain "nothing" only when it is not already a no to stopping.
        answer = understand(text, next_at, locale)
        if answer.intent in (Intent.SAFETY, Intent.SAFETY_CHECK) and not go_on:
            # A sure no to stopping ("No, I want to continue. Speaking it out is helping me.")
            # with no word of crisis the rules know is carrying on: the model's lean, read at a
            # question the reply does not answer, does not turn it into the crisis line again.
            return AtOffer.CRISIS
        kinds = (Intent.FEELING, Intent.OUTER) if go_on else (
            Intent.FEELING, Intent.OUTER, Intent.NOTHING)
        if answer.intent in kinds and answer.confidence >= ELSEWHERE:
            return AtOffer.ANSWER
    if got.intent in (Intent.SAFETY, Intent.SAFETY_CHECK):
        return AtOffer.CRISIS
    if stop:
        return AtOffer.STOP
    return AtOffer.GO_ON if go_on else AtOffer.UNCLEAR


class AtCheck(StrEnum):
    """What a reply to the safety check ("are you having thoughts of ending your life?") says."""

    NO = "no"
    """A clear no: go on with care."""
    YES = "yes"
    """Yes, more words of crisis, or anything unclear ("I don't know", "maybe"): the safety act."""
    ELSEWHERE = "elsewhere"
    """No reply to the check at all, but a plain answer to the question before it ("sad I missed
    my friend's wedding"): ask the check once more before taking it as a yes."""


ELSEWHERE = 0.5
"""Reader confidence needed to take a reply at the check as an answer to the question before (a
wrong "elsewhere" costs only the check asked once more: 0.7 let "the cat sat on my lap, that was
nice" count as a yes)."""


def read_check(text: str, asked: str, locale: str) -> AtCheck:
    """What a reply to the safety check says; ``asked`` is the prompt before the check."""
    if clear_no_at_check(text, locale):
        return AtCheck.NO
    toks = [t for t in tokens(text) if t != ","]
    if crisis_tier(text, locale) or matches(toks, "yes", locale, slack=2):
        return AtCheck.YES
    if len(toks) < 4 or _YES_HINTS & set(toks[:4]):
        return AtCheck.YES  # short or hedged: an unclear answer is a yes
    # Read as an answer to the question before (at the check every reply is a yes or a no): a
    # plain feeling or event there, with no crisis in it, did not answer the check.
    other = understand(text, asked, locale)
    if other.intent in (Intent.FEELING, Intent.OUTER) and (
            other.confidence >= ELSEWHERE or other.hit is not None):  # a feeling word of theirs
        return AtCheck.ELSEWHERE
    return AtCheck.YES


def clear_no_at_check(text: str, locale: str) -> bool:
    """The reply to "are you having thoughts of ending your life?" is a clear no.

    Anything else (yes, more words of crisis, anything unclear) is treated as a yes.
    """
    toks = [t for t in tokens(text) if t != ","]
    if _YES_HINTS & set(toks[:4]) or _dont_know(text, locale) or _led_by_yes(text, locale):
        return False  # "no but sometimes", "no, maybe", "no sé", "Oo. Matagal na.": never a no
    got = understand(text, "safety_check", locale)
    if got.intent in (Intent.SAFETY, Intent.SAFETY_CHECK) and denies_crisis(text, locale) and (
            not crisis_tier(text, locale)):
        # The model read the very words denied ("I don't have any thoughts of ending my life,
        # only stress"): the rest of the reply decides, as if the denial had not been said.
        got = understand(without_denials(text, locale), "safety_check", locale)
    # The model's no counts only beside a word that can say no ("scared of the funeral" read as a
    # no at 0.66 answers another question, not this one).
    clear_no = got.intent == Intent.NO and got.confidence >= NO_AT_CHECK and _can_say_no(
        toks, text, locale)
    return got.intent not in (Intent.SAFETY, Intent.SAFETY_CHECK) and (
        clear_no or (_clear_no(text, locale) and got.intent not in (Intent.YES, Intent.UNSURE))
        or (got.intent not in (Intent.YES, Intent.UNSURE) and _led_by_no(text, locale))
        or (denies_crisis(text, locale) and not crisis_tier(text, locale)))


def _can_say_no(toks: list[str], text: str, locale: str) -> bool:
    """Whether the reply holds a word that can say no, in English or another language."""
    return bool(set(toks) & (_CHECK_NO | set(load(locale).voc("no-first"))
                             | set(load(locale).voc("negation")))) or _says_no(text, locale)


def _led_by_no(text: str, locale: str) -> bool:
    """A reply opening with a one-word no of another language ("Ne, ne, nieko tokio. Tiesiog
    pavargus", "kwete handina kufunga zvakadaro"), as a plain "no, ..." opens one in English: never
    when that word is a yes in any language ("haan", "jo", "iya"), beside a yes or a hedge in its
    first words, or with words of crisis anywhere in it."""
    folder = str(LOCALE_ROOT / locale / "wish-words")
    yes = phrasebook.one_word_wishes(folder, "yes")
    first = phrasebook.first_words(text, 4)
    return (bool(first) and first[0] in phrasebook.one_word_wishes(folder, "no") - yes
            and not set(first) & (yes | _YES_HINTS) and not crisis_tier(text, locale))


DONT_KNOW_WITHIN = 6
"""How far into a reply an "I don't know" is looked for ("no, no sé la verdad")."""


@cache
def _dont_know_phrases(locale: str) -> tuple[str, ...]:
    return tuple(" ".join(phrasebook.first_words(p, 10)) for p in load(locale).voc("dont-know"))


def _dont_know(text: str, locale: str) -> bool:
    """An "I don't know" in any language the list holds, near the start: many open with a no
    ("no sé", "non so", "nie wiem", "ne znam", "ei tea") and are not one."""
    said = " " + " ".join(phrasebook.first_words(text, DONT_KNOW_WITHIN)) + " "
    return any(f" {p} " in said for p in _dont_know_phrases(locale))


_LAUGH = re.compile(r"(?:[ha]{2,}|[he]{3,}|[ja]{4,}|[je]{4,}|[ks]{3,}|5{3,}|[ㅋㅎ]+|w{2,}"
                   r"|lol|lmao|xd|rs{2,}|oh+|ah+|a+h|eh+|uh+|um+|hm+|ay+|ai|oi|ugh|aiy[ao]|arre)")
"""Laughter and interjections a reply may open with before its no ("hahaha hindi", "aah wapi",
"555 ไม่ใช่"): passed over to find the first word that answers."""
_LAUGH_OPENING = re.compile(r"^[哈呵嘻]+")
"""Laughter opening a run written without spaces ("哈哈没有没有…"): cut off its front only."""


def _opening(text: str, count: int, keep: frozenset[str]) -> list[str]:
    """The first words that answer: laughter and interjections passed over (never a word in
    `keep`), a word said twice ("tak tak bukan", "ไม่ๆ") counted once, the laughter opening a run
    written without spaces ("哈哈") cut off."""
    words: list[str] = []
    for w in phrasebook.first_words(text, count + 6):
        run = unspaced(w)
        w = (_LAUGH_OPENING.sub("", w) if run else w).rstrip("ๆ")
        passed = not run and w not in keep and _LAUGH.fullmatch(w)
        if not w or passed or (words and w == words[-1]):
            continue
        words.append(w)
    return words[:count]


def _says_no(text: str, locale: str) -> bool:
    """A no in the reply's own language opening it ("Нет, нет. Просто устал."), from the
    phrasebook: a no-word further in ("na" in "Matagal na") says nothing to the question. In the
    scripts written without spaces the opening run may begin with a no of two or more letters
    ("没有没有我就是随便说说")."""
    folder = str(LOCALE_ROOT / locale / "wish-words")
    nos = phrasebook.one_word_wishes(folder, "no")
    first = _opening(text, 2, nos)
    run = first[0] if first and unspaced(first[0]) else ""
    return bool(set(first) & nos) or any(
        len(n) > 1 and run.startswith(n) for n in nos if run) or any(
        h.kind == "w" and h.concept == "no" and h.said.split()[0] == (first or [""])[0]
        for h in phrasebook.find(text, folder))


def _led_by_yes(text: str, locale: str) -> bool:
    """A reply opening with a one-word yes of some language that is no language's no ("Oo.
    Matagal na.", "haan, kabhi kabhi"): at the safety check it is never a clear no."""
    folder = str(LOCALE_ROOT / locale / "wish-words")
    first = phrasebook.first_words(text, 1)
    words = phrasebook.one_word_wishes(folder, "yes") - phrasebook.one_word_wishes(folder, "no")
    return bool(first) and first[0] in words


def _clear_no(text: str, locale: str) -> bool:
    """A plain no to the safety check ("no, I just meant I'm exhausted"); anything else is not."""
    toks = [t for t in tokens(text) if t != ","]
    no_first = bool(toks) and (toks[0] in _CHECK_NO or toks[0] in load(locale).voc("no-first"))
    return no_first and not (_YES_HINTS & set(toks[:4]))
