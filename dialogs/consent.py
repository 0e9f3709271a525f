"""Whether a reply at the share prompt can say yes: sharing is the one step that cannot be taken
back, so a yes must hold a word that can say yes and no plain no beside it."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from dialogs import phrasebook
from dialogs.locale import LOCALE_ROOT, load
from dialogs.text import BOUNDARY, contains, normalise

_NO_BUT_YES = frozenset({"worries", "worry", "problem", "problems", "prob", "probs", "doubt",
                         "question", "questions", "biggie", "sweat", "matter", "bother"})
"""Words after a "no" that make it a yes ("no worries, send it", "no problem")."""


@functools.cache
def _assent(locale: str) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    """Single words that can say yes, and the longer yes phrases ("why not", "i'd like that")."""
    lang = load(locale)
    lines = [tuple(normalise(line).split())
             for name in ("yes", "accept") for line in lang.voc(name)]
    words = {p[0] for p in lines if len(p) == 1} | {normalise(w) for w in lang.voc("share-assent")}
    return frozenset(words), tuple(p for p in lines if len(p) > 1)


def assents(words: list[str], locale: str) -> bool:
    """The reply holds a word or phrase that can say yes at the share prompt, or opens with
    another language's yes that is no English word ("Ừ, gửi cho anh ấy đi", "Taip, gali"), or
    a "tak" or "nai" that a word of yes follows ("tak mozesz wyslac")."""
    single, phrases = _assent(locale)
    return any(w in single for w in words) or any(contains(words, p) >= 0 for p in phrases) or (
        any(w in _elsewhere(locale) for w in words[:2])) or (
        len(words) > 1 and words[0] in _YES_ELSEWHERE and words[1] in _YES_GOES_ON)


@functools.cache
def _elsewhere(locale: str) -> frozenset[str]:
    """The phrasebook's one-word yeses that are no English word and no other wish's word, as
    normalise() leaves them (vocab/yes-elsewhere.voc, scripts/build_real_words.py)."""
    return frozenset(normalise(w) for w in load(locale).voc("yes-elsewhere"))


@functools.cache
def _both_ways(locale: str) -> frozenset[str]:
    """One-word replies the phrasebook holds as a yes in one language and a no in another: "jo"
    (German yes, Albanian no), "hai" (Japanese yes, Tshivenda no), "tak" (Polish yes, Malay no),
    "haan" (Hindi yes, Ilocano no)."""
    folder = str(LOCALE_ROOT / locale / "wish-words")
    return phrasebook.one_word_wishes(folder, "yes") & phrasebook.one_word_wishes(folder, "no")


def doubtful_yes(text: str, locale: str) -> bool:
    """A yes that may be none: the whole reply is a two-way word, once or a few times ("Hai!",
    "jo jo"), or one word said as a question ("yeah?", "ha?" is Tagalog's "what?"). Which
    language it was said in, or what was asked, decides whether it shares, so the prompt is asked
    once more."""
    words = phrasebook.first_words(text, 4)
    return 0 < len(words) <= 3 and all(w in _both_ways(locale) for w in words) or (
        len(words) == 1 and text.rstrip().endswith(("?", "？")))


_SENDS = frozenset({"share", "send", "forward", "pass", "play"})
"""Words that say "send it" at the share prompt, turned around by a negation before them."""


@functools.cache
def _refusals(locale: str) -> tuple[frozenset[str], frozenset[str]]:
    """Words that say no (no-first.voc) and words that say no or "don't" in the languages people
    mix in (share-refusal.voc), as normalise() leaves them (Hangul as its letters, accents
    folded)."""
    lang = load(locale)
    nos = frozenset(normalise(w) for w in lang.voc("no-first"))
    return nos, frozenset(normalise(w) for w in lang.voc("share-refusal"))


_YES_ELSEWHERE = frozenset({"tak", "nai"})
"""A no in one language and a yes in another (Malay "tak nak", Hindi "nai yaar"; Polish "Tak,
yes", Greek "Nai, sure"): a no when another word follows it, not before a pause or the end, nor
before a word of the language that says yes (_YES_GOES_ON)."""
_YES_GOES_ON = frozenset({"mozesz", "mozna", "wyslij", "wysylaj", "wysyłaj", "pewnie",
                          "oczywiscie", "jasne", "prosze", "dawaj", "niech", "udostepnij",
                          "podziel", "wyslac", "wysłac", "fysika", "vevaia", "steile", "steilto"})
"""Polish and Greek words that, after "tak" or "nai", keep it a yes ("tak mozesz wyslac")."""


def _other_no(toks: Sequence[str], k: int) -> bool:
    """toks[k] is "tak" or "nai" said as a no: another word follows, not one that says yes."""
    return (toks[k] in _YES_ELSEWHERE and k + 1 < len(toks)
            and toks[k + 1] not in (BOUNDARY, *_YES_GOES_ON))


def torn(toks: Sequence[str], locale: str) -> bool:
    """A plain no-word said on its own in a reply the reader takes as a yes ("nah yeah nah"), a no
    or "don't" of another language ("share mat karo", "아니 보내지 마", "nuh bother send it"),
    or a negation before a word that says yes ("dun share pls", "don't send it")."""
    (nos, refusals), negators = _refusals(locale), load(locale).voc("negation")
    if any(_other_no(toks, k) for k in range(len(toks))):
        return True
    words = [t for t in toks if t != BOUNDARY]
    return any(w in refusals
               or w in nos and (k + 1 == len(words) or words[k + 1] not in _NO_BUT_YES)
               or w in negators and k + 1 < len(words) and words[k + 1] in _SENDS
               and words[k - 1 : k] != ["why"]
               for k, w in enumerate(words))


def refuses(toks: Sequence[str], locale: str) -> bool:
    """The reply opens with a no or "don't" of another language ("нет, не отправляй", "jangan
    share", "tak nak"): at the share prompt that is a no, whatever follows."""
    words = [t for t in toks if t != BOUNDARY]
    if not words:
        return False
    return words[0] in _refusals(locale)[1] or _other_no(toks, 0)


def vouched(words: list[str], locale: str, known: float) -> bool:
    """A yes that rests only on a word of sending ("share", "send") needs every word of the reply
    known to the reader: an unknown word beside it may be another language's no ("ot te ot share
    te", Khmer for "no, no, don't share"). A yes-word of its own vouches for it."""
    return known >= 1.0 or assents([w for w in words if w not in _SENDS], locale)


_ASKING = frozenset({"who", "who's", "whos", "who'd", "whod", "who'll", "whom", "whose",
                     "what", "what's", "whats", "where", "where's", "wheres", "why", "how",
                     "how's", "hows"})
"""Words that open a question back ("who'd hear it?", "where does it go"), never a yes."""


_ASKS_ANYONE = frozenset({"does", "do", "did", "is", "are", "was", "were"})
"""Auxiliaries that open a question whoever the subject ("do you send it now?")."""
_ASKS_OTHERS = frozenset({"will", "would", "can", "could", "should", "shall", "may", "might",
                          "won't", "wont"})
"""Auxiliaries that open a question before someone other than Heartline ("will she hear it?"),
and a request before "you" ("can you send it")."""
_SOMEONE = frozenset({"she", "he", "they", "it", "that", "this", "anyone", "anybody", "someone",
                      "somebody", "everyone", "everybody", "my", "her", "his", "their"})


def asks_back(words: list[str]) -> bool:
    """The reply at the share prompt opens with a question word, or an auxiliary before someone
    other than Heartline: a question back, however the reader leans ("Who'd hear it?" and "will
    she hear it?" read as a yes beside "hear"). "why not" is a yes."""
    if not words or words[:2] == ["why", "not"]:
        return False
    second = words[1] if len(words) > 1 else ""
    return words[0] in _ASKING or (
        words[0] in _ASKS_ANYONE and second in _SOMEONE | {"you", "u"} and words[:2] != ["do", "it"]
    ) or (words[0] in _ASKS_OTHERS and second in _SOMEONE)
