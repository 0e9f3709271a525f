"""Text normalisation for typed and recognised replies: tokens, ASR repairs, perspective turning."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

BOUNDARY = ","
"""The token that stands for a clause break (punctuation in typed text)."""

NO_SPACE = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u0f00-\u0fff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
"""Scripts written without spaces: Thai, Lao, Burmese, Khmer, Tibetan, kana, Han."""


def unspaced(word: str) -> bool:
    """Whether a word opens in a script written without spaces: one "word" there is a run."""
    return bool(NO_SPACE.match(word))


_STRETCHED = re.compile(r"([a-z])\1{2,}")

# Common speech-recognition spellings without apostrophes, and typed shorthand.
_REPAIRS: dict[str, str] = {
    "dont": "don't", "didnt": "didn't", "doesnt": "doesn't", "cant": "can't", "couldnt": "couldn't",
    "wont": "won't", "wouldnt": "wouldn't", "wasnt": "wasn't", "werent": "weren't", "isnt": "isn't",
    "arent": "aren't", "havent": "haven't", "hasnt": "hasn't", "shouldnt": "shouldn't",
    "im": "i'm", "ive": "i've", "youre": "you're", "thats": "that's", "whats": "what's",
    "theres": "there's", "hes": "he's", "shes": "she's", "lets": "let's", "id": "i'd",
    "cannot": "can't", "ain't": "isn't", "cuz": "because", "coz": "because", "cos": "because",
    "'cause": "because", "'cos": "because", "u": "you", "ur": "your", "r": "are", "pls": "please",
    "plz": "please", "thx": "thanks", "nothin": "nothing", "nuthin": "nothing",
    "somethin": "something", "yess": "yes", "yass": "yes", "noo": "no", "nahh": "nah",
    "yeahh": "yeah", "yepp": "yep", "yupp": "yup", "okk": "ok", "okayy": "okay", "suree": "sure",
    "gonna": "going to", "wanna": "want to", "gotta": "got to", "kinda": "kind of",
    "sorta": "sort of", "outta": "out of", "alot": "a lot", "myslef": "myself", "mysef": "myself",
    "tonite": "tonight", "2day": "today", "2nite": "tonight", "checkin": "check in",
    "check-in": "check in", "i'am": "i'm", "iam": "i am",
}

_PUNCT_BREAK = re.compile(r"[.,;:!?()\[\]\u2014\u2013]+|\s-\s|\.\.\.")
_NOT_WORD = re.compile(r"[^\w'\s,]|_")
"""Anything but a letter of any script, a digit, an apostrophe, a space or a break."""

FIRST_PERSON = frozenset(
    "i me my mine myself we us our ours ourselves i'm i've i'll i'd we're we've we'll we'd let's "
    "im ive".split()
)
SECOND_PERSON = frozenset("you your yours yourself yourselves you're you've you'll you'd".split())

_TURN_ONE: dict[str, str] = {
    "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "we": "you",
    "us": "you", "our": "your", "ours": "yours", "ourselves": "yourselves", "i'm": "you're",
    "i've": "you've", "i'll": "you'll", "i'd": "you'd", "we're": "you're", "we've": "you've",
    "we'll": "you'll", "we'd": "you'd",
}
_TURN_TWO: dict[tuple[str, str], tuple[str, str]] = {
    ("i", "am"): ("you", "are"), ("i", "was"): ("you", "were"), ("i", "wasn't"): ("you", "weren't"),
    ("we", "was"): ("you", "were"), ("i", "have"): ("you", "have"), ("i", "do"): ("you", "do"),
}


def fold(text: str) -> str:
    """Accents folded away, letters kept ("não" is "nao", "aquí" is "aqui", "жизнь" stays)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(text: str) -> str:
    """Lowercase words, apostrophes kept, punctuation breaks as " , ", ASR spellings repaired."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = fold(text).lower()
    text = _PUNCT_BREAK.sub(" , ", text)
    text = text.replace("-", " ")
    text = _NOT_WORD.sub(" ", text)
    out: list[str] = []
    for word in text.split():
        word = word.strip("'") if word not in ("'cause", "'cos") else word
        if not word:
            continue
        word = _STRETCHED.sub(r"\1", word)  # "sooo", "nooo", "yesss": a letter held
        out.extend(_REPAIRS.get(word, word).split())
    while out and out[0] == BOUNDARY:
        out.pop(0)
    while out and out[-1] == BOUNDARY:
        out.pop()
    squashed: list[str] = []
    for word in out:
        if word == BOUNDARY and squashed and squashed[-1] == BOUNDARY:
            continue
        squashed.append(word)
    return " ".join(squashed)


def tokens(text: str) -> list[str]:
    """The normalised tokens of a reply; "," marks a clause break."""
    return normalise(text).split()


def words(text: str) -> list[str]:
    """The normalised tokens without clause breaks."""
    return [t for t in tokens(text) if t != BOUNDARY]


def turn(toks: Sequence[str]) -> list[str]:
    """Turn the speaker's perspective into the listener's: my -> your, I was -> you were."""
    out: list[str] = []
    i = 0
    while i < len(toks):
        pair = (toks[i], toks[i + 1]) if i + 1 < len(toks) else None
        if pair is not None and pair in _TURN_TWO:
            out.extend(_TURN_TWO[pair])
            i += 2
            continue
        out.append(_TURN_ONE.get(toks[i], toks[i]))
        i += 1
    return out


def damerau1(a: str, b: str) -> bool:
    """True when a and b differ by one edit (insert, delete, substitute, swap neighbours)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    for k in range(len(long_)):
        if long_[:k] + long_[k + 1 :] == short:
            return True
    return False


def contains(haystack: Sequence[str], needle: Sequence[str]) -> int:
    """Index of the first occurrence of needle as a run of tokens in haystack, or -1."""
    n = len(needle)
    if n == 0:
        return -1
    for k in range(len(haystack) - n + 1):
        if list(haystack[k : k + n]) == list(needle):
            return k
    return -1


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentences(text: str) -> list[str]:
    """The sentences of a line, lowercased and stripped (to never say one twice)."""
    return [x.strip().lower() for x in _SENTENCE_END.split(text) if x.strip()]
