"""The phrasebook: words of crisis, and wishes, in the world's languages, read as word stems.

One file per language under the locale's `crisis-words/` and `wish-words/` (`es.tsv`, ...),
tab-separated:

    neg     no|nunca|no me           words that, said just before a crisis phrase, undo it
    1       want_die    quiero|quisiera morir* | me quiero morir    tier 1: clear words of crisis
    2       no_way_out  no veo salida                               tier 2: hopeless, asked about
    idiom   me muero de risa|sueno   an idiom: its words are set aside first
    w       stop        ya basta | terminemos                       a wish (wish-words/)
    f       sad         triste | me siento mal                      a feeling (feel-words/)
    ex      want_die    Hoy solo quiero morirme.   an example the phrases must catch (tests)
    calm    Me muero de risa con mi sobrino.        must stay calm against every file (tests)

A phrase is words in order; "a|b" (no spaces) is either word, a trailing "*" a stem, and " | " (with
spaces) splits whole phrases written on one line. At most GAP other words may stand between two
words of a phrase. A `neg` entry may be several words ("no me"): a crisis phrase right after it is
undone, unless the phrase itself begins with a `neg` word ("no quiero vivir"). Text and phrases are
folded alike (lowercase, accents and marks away, apostrophes dropped: "j'ai" is "jai"); for crisis a
reply's doubled letter is also read once ("mann" as "man": lists write the single form). Words in
scripts written without spaces (Thai, Lao, Khmer, Burmese, Tibetan, Chinese, Japanese) are found
inside the text with its spaces taken out, each within NEAR characters of the one before.

A wish is the whole reply: its phrase with at most WISH_SLACK other words around it ("Elég mára,
köszönöm"), or in unspaced scripts at most WISH_CHARS other characters.

The lists are written concept by concept from crisis-line practice and everyday speech (README,
"The phrasebook"), for every language a home might speak, not from test sentences: a new language is
a new file.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from dialogs.text import NO_SPACE

GAP = 2
"""Other words allowed between two words of a phrase ("quiero ya morir")."""
NEAR = 6
"""Characters allowed between two words in scripts written without spaces."""
WISH_SLACK = 2
"""Other words a wish may carry ("enough for today, thanks")."""
WISH_CHARS = 6
"""Other characters a wish may carry in scripts written without spaces (polite particles)."""
QUESTIONS = ("who_hears", "saved", "why")
"""The wish concepts that are questions back, each the topic its answer takes."""
_APOSTROPHES = re.compile("['\u2019\u2018\u02bb\u02bc`\u00b4]")
_PARTS = re.compile("['\u2019\u2018\u02bb\u02bc`\u00b4](?!(?:t|s|m|re|ve|ll|d)\\b)", re.I)
_REPEATS = re.compile(r"([^\W\d_])\1+")
"""A letter the reply says twice or more, read once for crisis: romanised spellings double at
will ("mann chhaina" for "man chaina") and texts stretch words ("dieeee"). Only the reply's own
doubles: read on both sides, Swedish "vill dö" (want to die) would be Danish "vil dø" (will die)."""
_LETTERS = str.maketrans({"ł": "l", "ı": "i", "ø": "o", "æ": "ae", "þ": "th", "ð": "d", "đ": "d",
                          "ə": "e", "ß": "ss", "œ": "oe", "ħ": "h", "ŋ": "ng"})
"""Letters that folding keeps but people type without ("wyślij" or "wyslij", "gelmə" or "gelme")."""
_PLAIN = frozenset({"want_die", "kill_self", "self_harm", "means", "goodbye", "giving_away",
                    "want_stop", "tired_living"})
"""Crisis concepts said without a negation of their own: one between their words undoes them
("je veux pas mourir"); "I wish I had never been born" keeps its "never"."""
_COLUMNS = {"neg": 2, "1": 3, "2": 3, "idiom": 2, "w": 3, "f": 3, "ex": 3, "calm": 2}


_BREAKS = frozenset(".,;:!?\u2026\u3002\u3001\uff01\uff1f\uff0c\u060c\u061f\u0964")
"""Marks that end a clause: no phrase reaches over one ("Nem akarok meghalni, élni akarok")."""


def _words(folded: str) -> list[str]:
    """Runs of letters, marks and digits (Indic vowel signs are marks, not word breaks), and
    "," where a clause ends."""
    return "".join(c if unicodedata.category(c)[0] in "LMN" else " , " if c in _BREAKS else " "
                   for c in folded).split()


def fold_text(text: str, part: bool = False) -> str:
    """Text as the phrases are read against: NFKC, folded, lowercase, apostrophes and zero-width
    joiners dropped (Persian "نمی‌خوام" is one word)."""
    text = unicodedata.normalize("NFKC", text).replace("\u200c", "").replace("\u200d", "")
    if part:  # "amin'ny" as "amin ny"; English contractions stay whole ("don't" is "dont")
        text = _PARTS.sub(" ", text)
    decomposed = unicodedata.normalize("NFKD", text)  # dialogs.text.fold, a character at a time
    marks = {ord(c): None for c in set(decomposed) if unicodedata.combining(c)}
    return _APOSTROPHES.sub("", decomposed.translate(marks).lower().translate(_LETTERS))


@dataclass(frozen=True)
class Phrase:
    """One phrase of a language's list."""

    lang: str
    kind: str
    """"1" or "2" (crisis tiers), "idiom", "w" (a wish) or "f" (a feeling)."""
    concept: str
    items: tuple[str, ...]
    """Its words, folded: alternatives split by "|", stems ending in "*"."""
    barred: tuple[str, ...]
    """Words that may not stand between its words (its language's negations, for a concept said
    without one)."""
    spaced: bool
    """Matched on words (False: inside the text with its spaces taken out)."""
    keys: frozenset[str]
    """The first word's alternatives cut to three letters: the index."""

    def may_be_in(self, said: set[str], keys: set[str]) -> bool:
        """Each of its words has an alternative among the reply's words (or, for a stem, their
        first three letters): most replies then try a handful of phrases, not hundreds."""
        return all(_near(item, said, keys) for item in self.items)

    @property
    def pattern(self) -> re.Pattern[str]:
        """Its regular expression, compiled on first use: most phrases are never tried, and
        compiling some twenty thousand at start would cost seconds."""
        return _compiled(self.items, self.kind, self.barred, self.spaced)


def _near(item: str, said: set[str], keys: set[str]) -> bool:
    return any(a[:3] in keys if a.endswith("*") else a in said for a in item.split("|"))


@cache
def _compiled(items: tuple[str, ...], kind: str, barred: tuple[str, ...],
              spaced: bool) -> re.Pattern[str]:
    if not spaced:
        return re.compile("(" + f".{{0,{NEAR}}}".join(_item(i, False) for i in items) + ")")
    bar = "(?!(?:" + "|".join(map(re.escape, barred)) + ")(?: |$))" if barred else ""
    word = "[^ ]" if kind == "w" else "[^ ,]"  # a wish may run over a comma ("Sí, compártelo")
    between = rf"(?: {bar}{word}+){{0,{GAP}}} "
    return re.compile(r"(?:^| )(" + between.join(_item(i, True) for i in items) + r")(?= |$)")


@dataclass(frozen=True)
class Language:
    """A language's phrases and examples."""

    code: str
    neg: frozenset[tuple[str, ...]]
    """Words that undo a crisis phrase said right after them, each as its words."""
    phrases: tuple[Phrase, ...]
    examples: tuple[tuple[str, str], ...]
    """(concept, sentence) the phrases must catch."""
    calm: tuple[str, ...]
    """Sentences no language's phrases may catch."""


def _item(alts: str, spaced: bool) -> str:
    out = []
    for alt in alts.split("|"):
        word = re.escape(alt.rstrip("*"))
        out.append(word + ("[^ ]*" if alt.endswith("*") and spaced else ""))
    return "(?:" + "|".join(out) + ")"


def compile_phrase(lang: str, kind: str, concept: str, text: str,
                   neg: frozenset[str] = frozenset()) -> Phrase:
    """A phrase read from its line, already folded (its pattern is compiled when first tried).

    No word of `neg` may stand between two words of a crisis phrase: "je veux pas mourir" is not
    "veux mourir"."""
    items = tuple(text.split())  # folded by the reader, whole: "*" and "|" come through
    if not items:
        raise ValueError(f"{lang}: empty phrase for {concept}")
    barred: tuple[str, ...] = ()
    if concept in _PLAIN and neg:
        barred = tuple(sorted(neg - {a.rstrip("*") for i in items for a in i.split("|")}))
    keys = frozenset(a.rstrip("*")[:3] for a in items[0].split("|"))
    return Phrase(lang, kind, concept, items, barred, not NO_SPACE.search(text), keys)


def check_phrase(phrase: Phrase) -> None:
    """ValueError for a stem too short to be safe or a word a hyphen or sign would split (the
    phrase could never match); the tests run it over every file."""
    for item in phrase.items:
        for alt in item.split("|"):
            word = alt.rstrip("*")
            if not word or (alt.endswith("*") and len(word) < 3):
                raise ValueError(f"{phrase.lang}: stem {alt!r} is too short in {item!r}")
            if _words(word) != [word] or word == ",":
                raise ValueError(f"{phrase.lang}: {alt!r} is not one word (a hyphen or a sign "
                                 "splits words: write them apart)")


def read_language(path: Path) -> Language:
    """One language file, folded as replies are; ValueError naming the line for anything
    malformed (examples and calm sentences are kept folded: the phrases read them the same)."""
    neg: set[tuple[str, ...]] = set()
    lines: list[tuple[str, str, str]] = []
    examples: list[tuple[str, str]] = []
    calm: list[str] = []
    code = path.stem
    for n, line in enumerate(fold_text(path.read_text(encoding="utf-8")).splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        kind = cols[0]
        want = _COLUMNS.get(kind)
        if want is None or len(cols) != want or not all(cols):
            raise ValueError(f"{path.name}:{n}: expected {want or 'a known kind'} tab-separated "
                             f"columns, got {line!r}")
        if kind == "neg":
            neg.update(tuple(w.split()) for w in cols[1].split("|"))
        elif kind in ("1", "2", "w", "f"):
            lines.extend((kind, cols[1], one) for one in cols[2].split(" | "))
        elif kind == "idiom":
            lines.extend((kind, kind, one) for one in cols[1].split(" | "))
        elif kind == "ex":
            examples.append((cols[1], cols[2]))
        else:
            calm.append(cols[1])
    neg |= {tuple(_REPEATS.sub(r"\1", w) for w in n) for n in neg}  # "ikke" read as "ike" too
    single = frozenset(n[0] for n in neg if len(n) == 1)
    phrases = tuple(compile_phrase(code, kind, concept, text, single)
                    for kind, concept, text in lines)
    return Language(code, frozenset(neg), phrases, tuple(examples), tuple(calm))


@dataclass(frozen=True)
class Book:
    """Every language of a folder, its phrases indexed by their first word's opening letters."""

    languages: tuple[Language, ...]
    keyed: dict[str, tuple[tuple[int, Language, Phrase], ...]]
    """(place in file order, language, phrase) by key."""
    unspaced: tuple[tuple[Language, Phrase], ...]

    def candidates(self, words: str) -> list[tuple[Language, Phrase]]:
        """The phrases a reply's words could hold, in file order, unspaced ones after."""
        said = set(words.split())
        keys = {w[:3] for w in said}
        seen = {at: (lang, p) for key in keys for at, lang, p in self.keyed.get(key, ())
                if p.may_be_in(said, keys)}
        return [seen[at] for at in sorted(seen)] + list(self.unspaced)


@cache
def book(folder: str) -> Book:
    """Every language file of a folder (none when the folder is missing)."""
    langs = tuple(read_language(p) for p in sorted(Path(folder).glob("*.tsv")))
    keyed: dict[str, list[tuple[int, Language, Phrase]]] = defaultdict(list)
    unspaced = []
    at = 0
    for lang in langs:
        for p in lang.phrases:
            at += 1
            if not p.spaced:
                unspaced.append((lang, p))
            for key in p.keys if p.spaced else ():
                keyed[key].append((at, lang, p))
    return Book(langs, {k: tuple(v) for k, v in keyed.items()}, tuple(unspaced))


def languages(folder: str) -> tuple[Language, ...]:
    """Every language file of a folder, by code."""
    return book(folder).languages


@cache
def one_word_wishes(folder: str, concept: str) -> frozenset[str]:
    """The wishes of a concept said in one word ("ne", "hayi", "kwete", "жок"), every language."""
    return frozenset(alt for lang in languages(folder) for p in lang.phrases
                     if p.kind == "w" and p.concept == concept and len(p.items) == 1
                     for alt in p.items[0].split("|") if not alt.endswith("*"))


def first_words(text: str, count: int) -> list[str]:
    """A reply's first words, folded as the lists are."""
    return [w for w in _words(fold_text(text)) if w != ","][:count]


@dataclass(frozen=True)
class Hit:
    """A phrase found in a reply."""

    kind: str
    """"1" or "2" (crisis tiers), "w" (a wish) or "f" (a feeling)."""
    lang: str
    concept: str
    said: str
    rest: int
    """Words (characters, in unspaced scripts) of the reply outside the phrase."""


def _negated(words: str, start: int, neg: frozenset[tuple[str, ...]]) -> bool:
    before = tuple(words[:start].split())
    return any(before[-len(n):] == n for n in neg if len(before) >= len(n))


@lru_cache(maxsize=256)
def find(text: str, folder: str) -> tuple[Hit, ...]:
    """Every phrase of every language of a folder in a reply, idioms set aside first (a reply is
    read several times over: crisis, wishes, privacy, the safety offer). An apostrophe is read
    both ways, joining ("j'ai" as "jai") and parting ("amin'ny" as "amin ny"): lists write both."""
    folded = fold_text(text)
    hits = _find(folded, folder)
    if _APOSTROPHES.search(text):
        seen = {(h.kind, h.lang, h.concept) for h in hits}
        hits += tuple(h for h in _find(fold_text(text, part=True), folder)
                      if (h.kind, h.lang, h.concept) not in seen)
    changed = {_REPEATS.sub(r"\1", w) for w in _words(folded) if _REPEATS.search(w)}
    if changed:  # "bachna mann chhaina": crisis found where a doubled letter was the reply's
        seen = {(h.kind, h.lang, h.concept) for h in hits}
        hits += tuple(h for h in _find(folded, folder, once=True) if h.kind in "12"
                      and changed & set(h.said.split()) and (h.kind, h.lang, h.concept) not in seen)
    return hits


def _find(folded: str, folder: str, once: bool = False) -> tuple[Hit, ...]:
    """The phrases in a folded reply; `once`: its doubled letters read once, after the idioms
    were set aside as spelled."""
    words = " ".join(_words(folded))
    squashed = words.replace(" ", "").replace(",", "")
    pairs = book(folder).candidates(words)
    for _, p in pairs:  # idioms first: "me muero de risa" is not a wish to die
        if p.kind == "idiom":
            if p.spaced:
                words = p.pattern.sub(lambda m: " " + "_" * len(m.group(1)), words)
            else:
                squashed = p.pattern.sub(lambda m: "_" * len(m.group(1)), squashed)
    if once:
        words, squashed = _REPEATS.sub(r"\1", words), _REPEATS.sub(r"\1", squashed)
        pairs = [(lang, p) for lang, p in book(folder).candidates(words) if p.kind != "idiom"]
    count = len([w for w in words.split() if w != ","])
    hits: list[Hit] = []
    for lang, p in pairs:
        if p.kind == "idiom":
            continue
        if p.spaced:
            for m in p.pattern.finditer(words):
                first = (m.group(1).split()[0],)
                if p.kind == "w" or first in lang.neg or not _negated(words, m.start(1), lang.neg):
                    said = m.group(1)
                    hits.append(Hit(p.kind, p.lang, p.concept, said, count - len(said.split())))
                    break
        else:
            found = p.pattern.search(squashed)
            if found:
                said = found.group(1)
                hits.append(Hit(p.kind, p.lang, p.concept, said, len(squashed) - len(said)))
    return tuple(hits)


@lru_cache(maxsize=256)
def idiom_in(text: str, folder: str) -> bool:
    """An idiom of any language's list is in the reply ("ikhanda liyangibulala": my head is killing
    me): the crisis-sounding words are an idiom, as the English idioms are for the reader. Cached
    like `find`: the crisis rules read a reply several times over."""
    words = " ".join(_words(fold_text(text)))
    squashed = words.replace(" ", "").replace(",", "")
    return any(p.pattern.search(words if p.spaced else squashed)
               for _, p in book(folder).candidates(words) if p.kind == "idiom")


def tier(text: str, folder: str) -> int:
    """1 for a clear phrase of crisis in any language, 2 for a hopeless or ambiguous one, or 0."""
    return min((int(h.kind) for h in find(text, folder) if h.kind in "12"), default=0)


def wish(text: str, folder: str, among: Collection[str] | None = None) -> str | None:
    """The wish a whole reply says in any language ("Elég mára, köszönöm": stop), or None.

    The phrase must be nearly the whole reply: WISH_SLACK words besides ("Acabei, boa noite"),
    one besides a phrase of five letters ("Tamom, rahmat"), none besides a shorter one ("Was?" is
    German's what; "I was mad" is no wish). Of several wishes (of those `among`), the one
    leaving the least unsaid, then with the longest phrase, then said so in the most languages;
    a tie is no wish. A yes is no yes when a word no yes phrase takes is a no in any language:
    sharing cannot be undone."""
    hits = [h for h in find(text, folder) if h.kind == "w"]
    words = [w for w in _words(fold_text(text)) if w != ","]
    ranks: dict[str, tuple[int, int, int]] = {}
    for concept in {h.concept for h in hits if among is None or h.concept in among}:
        own = [h for h in hits if h.concept == concept]
        if any(NO_SPACE.search(h.said) for h in own):
            rest, slack = min(h.rest for h in own), WISH_CHARS
        else:  # the words no phrase of this wish takes; a lone word must be all that is said
            taken = {w for h in own for w in h.said.split()}
            rest = sum(w not in taken for w in words)
            longest = max(len(h.said) for h in own)
            slack = WISH_SLACK if longest >= 6 else int(longest == 5)
        if rest <= slack:
            ranks[concept] = (rest, -max(len(h.said) for h in own), -len({h.lang for h in own}))
    if not ranks:
        return None
    best = min(ranks.values())
    named = [c for c, r in ranks.items() if r == best]
    if len(named) != 1 or named == ["yes"] and "no" in ranks and ranks["no"][:2] == best[:2]:
        return None  # a tie; nor is a yes told from a no by counting the languages saying them
    if named[0] == "yes":
        agreed = {w for h in hits if h.concept == "yes" for w in h.said.split()}
        if any(set(h.said.split()) - agreed for h in hits if h.concept == "no"):
            return None  # "ne, bonaejuseyo": a word no yes phrase takes that is a no somewhere
    return named[0]
