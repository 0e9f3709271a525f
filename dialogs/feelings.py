"""The feeling vocabulary: words and idioms mapped to the four core emotions with an intensity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from dialogs import phrasebook
from dialogs.acts import Emotion
from dialogs.locale import LOCALE_ROOT, Locale, load
from dialogs.text import BOUNDARY, damerau1

DEFAULT_FEEL: dict[Emotion, tuple[str, ...]] = {
    Emotion.MAD: ("angry", "frustrated"),
    Emotion.SAD: ("sad",),
    Emotion.GLAD: ("happy",),
    Emotion.FEAR: ("anxious", "afraid"),
}
"""The feeling word to use when the speaker named none (seed 002's "Y")."""

HARD = frozenset({Emotion.MAD, Emotion.SAD, Emotion.FEAR})
TYPO_MIN = 6
"""Letters a word needs before it is read as a feeling word mistyped or misheard."""
CORRECTABLE = 5
"""Letters a feeling word needs before a word one edit from it is read as it."""

# Clause breaks stop a negation or qualifier from reaching across ("not angry, but sad").
_BREAKS = frozenset({BOUNDARY, "but", "and", "though", "although", "yet", "because", "so", "then"})
# "couldn't stop crying", "can't help feeling sad": the negation is not about the feeling.
_NOT_NEGATING_AFTER = frozenset({"stop", "help", "believe", "only", "wait", "quit"})
_NOTHING_NEGATORS = frozenset({"nothing", "nobody", "none"})
# "Nothing in particular made me angry today": a nothing-word as the subject of a verb that causes
# the feeling denies it from further back than other negations reach.
_CAUSING = frozenset({"made", "make", "makes", "got", "gets", "left", "really", "much"})
# Words of address that are also feeling words ("nothing at all, love"; "love, it was awful"): said
# on their own between pauses they name the listener, not a feeling.
_ADDRESS = frozenset({"love", "luv", "darling", "sweetheart", "honey", "babe", "dear"})
_LINKING = frozenset(
    "feel felt feeling feels was were am i'm been bit little so pretty kind quite very really get "
    "got getting seem seemed seems too".split()
)


@dataclass(frozen=True)
class Feeling:
    """One row of feelings.value."""

    phrase: tuple[str, ...]
    """The words that signal it."""
    emotions: tuple[Emotion, ...]
    """The emotions it can express, most likely first."""
    intensity: int
    """1 (mild) to 3 (strong)."""
    feel: str
    """The word for "No wonder you feel ___"."""
    sounds: str
    """The word for "That sounds ___"."""


@dataclass(frozen=True)
class Hit:
    """A feeling found in a reply."""

    feeling: Feeling
    """The vocabulary entry."""
    start: int
    """Index of its first token."""
    end: int
    """Index after its last token."""
    negated: bool
    """Said under a negation ("I wasn't scared")."""
    by_nothing: bool
    """Negated by "nothing"/"nobody" ("nothing made me happy"): a nothing-answer, not a hard one."""
    shift: int
    """Qualifier shift: -1 ("a bit"), 0, +1 ("really")."""

    @property
    def intensity(self) -> int:
        """Intensity after qualifiers, 1..3."""
        return max(1, min(3, self.feeling.intensity + self.shift))

    def emotion_for(self, asked: Emotion | None) -> Emotion:
        """The emotion this hit expresses, preferring the asked one when it fits."""
        if asked is not None and asked in self.feeling.emotions:
            return asked
        return self.feeling.emotions[0]


@dataclass(frozen=True)
class Lexicon:
    """Feelings, qualifiers, negators and calm words of one locale."""

    feelings: dict[tuple[str, ...], Feeling]
    """Phrase tokens -> entry."""
    qualifiers: dict[tuple[str, ...], int]
    """Qualifier tokens -> intensity shift."""
    negators: frozenset[str]
    """Words that negate a following feeling."""
    calm: frozenset[str]
    """Words of calm okay-ness (only a mild joy under the glad question)."""
    known: frozenset[str]
    """Words never corrected as typos."""
    longest: int
    """Longest phrase in tokens."""
    linked: dict[str, Feeling]
    """Feelings only after a linking word ("felt a little down")."""

    def correct(self, word: str) -> str:
        """Repair a misheard or mistyped feeling word (one edit away, six letters or more); a real
        word is taken as said ("passed" is not "pissed", "engaged" not "enraged")."""
        if len(word) < TYPO_MIN or word in self.known or (word,) in self.feelings or (
                not word.isalpha()):
            return word
        for phrase in self.feelings:
            if len(phrase) == 1 and len(phrase[0]) >= CORRECTABLE and damerau1(word, phrase[0]):
                return phrase[0]
        return word

    def find(self, toks: Sequence[str]) -> list[Hit]:
        """Every feeling in the tokens, longest phrases first, with negation and qualifiers."""
        fixed = [self.correct(t) for t in toks]
        hits: list[Hit] = []
        i = 0
        while i < len(fixed):
            for n in range(min(self.longest, len(fixed) - i), 0, -1):
                entry = self.feelings.get(tuple(fixed[i : i + n]))
                if entry is not None and n == 1 and self._addressed(fixed, i):
                    i += 1
                    break
                if entry is not None:
                    neg, by_nothing = self._negation(fixed, i)
                    hits.append(Hit(entry, i, i + n, neg, by_nothing, self._shift(fixed, i)))
                    i += n
                    break
            else:
                entry = self.linked.get(fixed[i])
                before = fixed[max(0, i - 3) : i]
                if entry is not None and _LINKING & set(before) and BOUNDARY not in before:
                    neg, by_nothing = self._negation(fixed, i)
                    hits.append(Hit(entry, i, i + 1, neg, by_nothing, self._shift(fixed, i)))
                i += 1
        return hits

    @staticmethod
    def _addressed(toks: Sequence[str], at: int) -> bool:
        """The word at `at` names the listener: an address word alone between pauses."""
        alone_before = at == 0 or toks[at - 1] == BOUNDARY
        alone_after = at + 1 == len(toks) or toks[at + 1] == BOUNDARY
        return toks[at] in _ADDRESS and alone_before and alone_after and len(toks) > 1

    def _negation(self, toks: Sequence[str], at: int) -> tuple[bool, bool]:
        # "too angry to enjoy anything": what follows "too ... to" did not happen.
        if at >= 2 and toks[at - 1] == "to" and "too" in toks[max(0, at - 10) : at - 1]:
            return True, False
        for k in range(at - 1, max(-1, at - 5), -1):
            word = toks[k]
            if word in _BREAKS:
                break
            if word in self.negators:
                after = toks[k + 1] if k + 1 < len(toks) else ""
                if after in _NOT_NEGATING_AFTER:
                    return False, False
                # "never felt so alone": an intensifier, not a denial.
                if word == "never" and "so" in toks[k + 1 : at]:
                    return False, False
                if word == "no" and after == "wonder":
                    return False, False
                by_nothing = word in _NOTHING_NEGATORS or (word == "no" and after == "one")
                return True, by_nothing
        for k in range(at - 1, max(-1, at - 9), -1):
            if toks[k] in _BREAKS:
                break
            if toks[k] in _NOTHING_NEGATORS and _CAUSING & set(toks[k + 1 : at]):
                return True, True
        return False, False

    def _shift(self, toks: Sequence[str], at: int) -> int:
        shift = 0
        # Look back over up to four words ("a little bit", "really felt", "so very").
        window = list(toks[max(0, at - 4) : at])
        for n in (3, 2, 1):
            for start in range(len(window) - n + 1):
                key = tuple(window[start : start + n])
                if key in self.qualifiers and BOUNDARY not in window[start:]:
                    value = self.qualifiers[key]
                    if value < 0:
                        return -1
                    shift = max(shift, value)
        return shift

    def is_calm(self, word: str) -> bool:
        """True for a word of plain okay-ness ("safe", "fine", "good")."""
        return word in self.calm


def _emotions(field: str) -> tuple[Emotion, ...]:
    return tuple(Emotion(e) for e in field.split("/"))


def _entries(lang: Locale, name: str) -> dict[tuple[str, ...], Feeling]:
    out: dict[tuple[str, ...], Feeling] = {}
    for f in lang.value(name):
        phrase = tuple(f[0].split())
        feel = f[3] if len(f) > 3 and f[3] else f[0]
        sounds = f[4] if len(f) > 4 and f[4] else feel
        out.setdefault(phrase, Feeling(phrase, _emotions(f[1]), int(f[2]), feel, sounds))
    return out


@cache
def lexicon(locale: str = "en-us") -> Lexicon:
    """The feeling lexicon of a locale (built once)."""
    lang: Locale = load(locale)
    feelings = _entries(lang, "feelings")
    linked = {p[0]: f for p, f in _entries(lang, "linked-feelings").items()}
    qualifiers = {tuple(f[0].split()): int(f[1]) for f in lang.value("qualifiers")}
    known: set[str] = set()
    for name in ("fillers", "calm", "negation", "skip", "stop", "repeat", "yes", "no", "common",
                 "private", "real-words"):
        for line in lang.vocab.get(name, ()):
            known.update(line.split("|")[0].split())
    # A feeling word of another language of home ("contenta", "triste") is not an English typo:
    # read as written, it is found by felt_elsewhere() instead of "corrected" into "content".
    for other in phrasebook.languages(str(LOCALE_ROOT / locale / "feel-words")):
        known.update(alt.rstrip("*") for p in other.phrases if p.kind == "f"
                     for item in p.items for alt in item.split("|"))
    return Lexicon(
        feelings=feelings,
        qualifiers=qualifiers,
        negators=frozenset(lang.voc("negation")),
        calm=frozenset(lang.voc("calm")),
        known=frozenset(known),
        longest=max(len(p) for p in feelings),
        linked=linked,
    )


def felt_elsewhere(text: str, locale: str = "en-us") -> tuple[Emotion, ...]:
    """The core feelings a reply names in the other languages of home ("Khursand shudam",
    "waan faraxsanahay", "mne strashna"), by the phrasebook's `feel-words/` lists, in the order
    said; a feeling word under its language's negation is not named ("no estoy triste")."""
    found = phrasebook.find(text, str(LOCALE_ROOT / locale / "feel-words"))
    return tuple(dict.fromkeys(Emotion(h.concept) for h in found if h.kind == "f"))
