"""The listener's coach: find the seeds' mistakes in a reply and suggest an empathic one instead.

A reply is cut into clauses; a learned model (TF-IDF word and character n-grams, one logistic
regression per mistake kind, built by `scripts/build_coach.py` from `corpus/coach/*.jsonl`)
scores each clause, and a few exact rules catch what words alone decide ("I understand"). A
flagged clause is the mistake's span. Pure: text in, advice out; the model is data in
`dialogs/coach_model/`.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from dialogs.acts import Emotion
from dialogs.empathy import Felt, candidates, clean
from dialogs.feelings import lexicon
from dialogs.locale import Locale
from dialogs.text import tokens as speaker_tokens

MODEL_DIR = Path(__file__).parent / "coach_model"
"""Where the built model lives (one JSON file per locale)."""


class Kind(StrEnum):
    """The mistakes the seeds warn a listener against (seed 002, "Mistakes to Avoid")."""

    FIXING = "fixing"
    I_UNDERSTAND = "i_understand"
    HIJACKING = "hijacking"
    PROBLEM_SOLVING = "problem_solving"
    ABOUT_ME = "about_me"
    MINIMIZING = "minimizing"
    DISMISSING = "dismissing"


KINDS: tuple[Kind, ...] = tuple(Kind)
"""Every kind, in the model's column order."""


@dataclass(frozen=True)
class Mistake:
    """One mistake found in a reply."""

    kind: Kind
    """Which mistake."""
    span: str
    """The words of the reply that make it (the clause flagged), exactly as written."""

    def as_dict(self) -> dict[str, str]:
        """The JSON form: {"kind", "span"}."""
        return {"kind": str(self.kind), "span": self.span}


@dataclass(frozen=True)
class Advice:
    """The coach's answer to one reply."""

    ok: bool
    """True when no mistake was found."""
    mistakes: tuple[Mistake, ...]
    """The mistakes, in the order they appear."""
    suggestion: str
    """Why the first mistake hurts and an empathic reply to say instead; empty when ok."""

    def __post_init__(self) -> None:
        if self.ok == bool(self.mistakes):
            raise ValueError("a reply is ok exactly when it has no mistakes")

    def as_dict(self) -> dict[str, object]:
        """The JSON form: {"ok", "mistakes", "suggestion"}."""
        return {
            "ok": self.ok,
            "mistakes": [m.as_dict() for m in self.mistakes],
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class About:
    """What the reply answers: the speaker's entry, when known."""

    name: str
    """The speaker's name as they wrote it."""
    emotion: Emotion | None = None
    """The emotion of the entry."""
    text: str = ""
    """What the speaker said."""
    intensity: int = 0
    """0 (none named) to 3."""


class ModelMissing(FileNotFoundError):
    """The coach's model is missing: run `python scripts/build_coach.py` to build it."""


# --- clauses and features (shared by the build script and the coach) ---------------------------

_CLAUSE_END = re.compile(
    r"[.!?;:]+[\"'\u201d\u2019)\]]*(?=\s|$)"  # sentence ends, keeping the mark in the clause
    r"|\s+[-\u2013\u2014]+\s+|[\u2013\u2014]"  # dashes
    r"|,(?=\s+(?:but|though|although|so|anyway)\s)"  # ", but you should..."
    r"|(?<=\S)\s+(?=(?:but|though|although)\s)",  # "I hear you but ..."
    re.IGNORECASE,
)


def clauses(text: str) -> list[tuple[int, int]]:
    """The (start, end) character ranges of the reply's clauses, stripped, in order."""
    out: list[tuple[int, int]] = []
    start = 0
    for cut in _CLAUSE_END.finditer(text):
        end = cut.end() if text[cut.start()] in ".!?;:" else cut.start()
        _add(text, start, end, out)
        start = cut.end()
    _add(text, start, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and not text[start].isalnum() and text[start] not in "\"'\u201c":
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if any(c.isalnum() for c in text[start:end]):
        out.append((start, end))


def _norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'").lower()
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return text


_WORD = re.compile(r"[a-z0-9']+|\?")


@cache
def _cues() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """Word -> cue name, the verbs that open advice, the words that may come before them."""
    from dialogs.locale import load

    fields = {name: words.split() for name, words in load("en-us").fields("coach-cues")}
    verbs = frozenset(fields.pop("base-verbs"))
    openers = frozenset(fields.pop("openers"))
    groups = {w: name for name, words in fields.items() for w in words}
    return groups, verbs, openers


def _cue_features(toks: list[str], feats: Counter[str]) -> None:
    groups, verbs, openers = _cues()
    words = [t for t in toks if t != "?"]
    for t in words:
        if t in groups:
            feats[f"x:{groups[t]}"] += 1
    if toks and toks[-1] == "?":
        feats["x:question"] += 1
        if words and words[0] in ("what", "how", "when", "are", "will", "do", "did", "have",
                                  "is", "can", "should", "would", "so"):
            feats[f"x:q-{words[0]}"] += 1
    present = {groups[t] for t in words if t in groups}
    if "first-person" in present and "also" in present:
        feats["x:me-too"] += 1  # "I've been feeling useless too"
    if "always" in present and ("you" in words or "u" in words):
        feats["x:you-always"] += 1  # "you never asked how I was"
    rest = list(words)
    while rest and rest[0] in openers:
        rest.pop(0)
    if rest:
        feats[f"x:opens-{rest[0]}"] += 1
        if rest[0] in verbs:
            feats["x:imperative"] += 1
    if not words:
        feats["x:empty"] += 1
    elif len(words) <= 2:
        feats["x:short"] += 1
    _role_features(" ".join(words), rest, feats)


# Clause roles: what the clause does to the listener, beyond its surface words. Each pattern runs
# on the clause's words joined by single spaces (lower case, no punctuation).
_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx))
    for name, rx in (
        # Suggestion mood: advice put as a modal, a hypothesis or a "let's".
        ("suggest", r"\b(?:you|u) (?:should|could|might want to|need to|have to|gotta|ought to"
         r"|must)\b(?! (?:be|have been|feel) (?:so )?proud)|\bwhat if you\b|\bhow about\b"
         r"|\blet'?s\b|\bmaybe (?:you|it's time)\b|\bwhy (?:don't|not)\b|\bnext time\b"
         r"|\bwould (?:fix|help|solve)\b|\bit's time to\b|\bhave you (?:tried|thought)\b"),
        # The first person takes the floor: "I ...", "me too", "my ..." as the clause's subject.
        ("me-subject", r"^(?:i'm|i've|i'd|i'll|im|ive|i|me|my|we're|we've|we|our)(?= |$)"
         r"(?! (?:am )?(?:so |really |just )?(?:sorry|here|with you|hear|listening|proud|glad"
         r"|love you|can see|can hear|believe you|want to hear))"),
        ("me-past", r"\b(?:i|my)\b.*\b(?:had|was|did|went|got|applied|used to|remember when"
         r"|last (?:year|week|month)|years ago|when i)\b"),
        ("for-me", r"\b(?:for|to|about) me\b|\bwhat about me\b|\bwhat am i\b|\bi'm the one\b"
         r"|\bi feel (?:terrible|bad|awful|guilty)\b|\bmean for (?:us|me)\b"),
        # Second-person judgement of the feeling.
        ("judge", r"\b(?:you're|you are|ur|you)\b(?: being| so| way| kind of| a bit| just)*"
         r" (?:too|over|overreacting|dramatic|touchy|sensitive|silly|paranoid|still on)\b"
         r"|\b(?:silly|weird|dumb|ridiculous|crazy) (?:thing )?to be\b|\bin your head\b"
         r"|\bisn't going to help\b|\bcan't keep\b|\bsettle down\b|\bthicker skin\b"
         r"|\bshouldn't let it\b|\byou worry about\b|\bkind of silly\b"),
        # The judgement denied: "you're not overreacting", "it's not silly" are good replies.
        ("judge-denied", r"\b(?:not|isn't|aren't|never) (?:\w+ ){0,2}(?:overreacting|silly|dumb"
         r"|dramatic|stupid|too much|crazy|weird|touchy|unreasonable|sensitive|paranoid)\b"),
        # Consolation and comparison: the feeling made smaller.
        ("console", r"\bat least\b|\bcould (?:be|have been) worse\b|\bplenty of\b"
         r"|\beveryone\b|\bnobody's going to\b|\bwon't (?:even )?remember\b|\bbetter place\b"
         r"|\bthe new\b|\bthen again\b|\bit's (?:just|only|like)\b|\balways find\b"
         r"|\bin a (?:year|week|month)\b|\bnot like\b|\bit's a\b.*\bbabe\b|\blook on\b"),
        # Question types: about what comes next (plans) versus about the feeling or the story.
        ("q-next", r"\b(?:backup|plan|next|going to do|gonna do|what will you|fix|solution)\b"),
        ("q-feel", r"\b(?:feel|felt|feeling|holding up|like for you|tell me|talk about|react"
         r"|shifted|happened|keeps coming)\b"),
        # Curious about the story itself (what happened, who, which, how it went): not a plan.
        ("q-story", r"^(?:\w+ )?(?:who|which|where)\b|\b(?:how|when|what) did\b|\bhow long"
         r"|\bwhat (?:was|were|happened|song|part|is it like)\b|\bwhat do you miss\b"
         r"|\bwhat will you miss\b|\bwould you have wanted\b|\bfavou?rite\b|\bcelebrate\b"
         r"|\bwho would\b|\breally\b|\bseriously\b|\bkidding\b"),
    )
)


def _role_features(joined: str, rest: list[str], feats: Counter[str]) -> None:
    question = "x:question" in feats
    for name, rx in _ROLES:
        if rx.search(joined):
            if name.startswith("q-"):
                if question:
                    feats[f"x:{name}"] += 1
            else:
                feats[f"x:role-{name}"] += 1
    if rest and rest[0] in ("you", "you're", "your", "u"):
        feats["x:you-subject"] += 1


def features(clause: str, before: str = "") -> Counter[str]:
    """The clause's term counts: words, word pairs and triples, character n-grams, context."""
    low = _norm(clause)
    toks = [t.strip("'") or t for t in _WORD.findall(low)]
    feats: Counter[str] = Counter()
    padded = ["<s>", *toks, "</s>"]
    for n, tag in ((1, "w"), (2, "b"), (3, "t")):
        for i in range(len(padded) - n + 1):
            gram = padded[i : i + n]
            if n == 1 and gram[0] in ("<s>", "</s>"):
                continue
            feats[f"{tag}:{' '.join(gram)}"] += 1
    _cue_features(toks, feats)
    squeezed = " ".join(t for t in toks if t != "?")
    for word in squeezed.split():
        w = f" {word} "
        for n in (3, 4, 5):
            for i in range(len(w) - n + 1):
                feats[f"c:{w[i:i + n]}"] += 1
    if before:
        # The clause just before, lightly: "If I were you, | I'd quit".
        prev = [t for t in _WORD.findall(_norm(before)) if t != "?"]
        for t in prev[-2:]:
            feats[f"p:{t}"] += 1
    return feats


def split_reply(text: str) -> list[tuple[int, int, Counter[str]]]:
    """Each clause's range and features."""
    spans = clauses(text)
    out = []
    for i, (s, e) in enumerate(spans):
        before = text[spans[i - 1][0] : spans[i - 1][1]] if i else ""
        out.append((s, e, features(text[s:e], before)))
    return out


BLOCKS: Mapping[str, float] = {"w": 1.0, "c": 0.5, "x": 1.0, "p": 0.5}
"""Default family weights: each family is normalised on its own, so the many character n-grams
cannot drown the few words and cues that carry a mistake."""
_FAMILY = {"w": "w", "b": "w", "t": "w", "c": "c", "x": "x", "p": "p"}


def vector(
    feats: Counter[str], idf: Mapping[str, float], blocks: Mapping[str, float]
) -> dict[str, float]:
    """Sublinear TF-IDF of the known features, each family L2-normalised and weighted."""
    raw: dict[str, dict[str, float]] = {}
    for f, c in feats.items():
        if f in idf:
            raw.setdefault(_FAMILY[f[0]], {})[f] = (1.0 + math.log(c)) * idf[f]
    out: dict[str, float] = {}
    for family, vec in raw.items():
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        scale = blocks.get(family, 1.0) / norm
        for f, v in vec.items():
            out[f] = v * scale
    return out


# --- the model ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Linear:
    """One logistic regression per kind over TF-IDF features."""

    idf: Mapping[str, float]
    """Feature -> inverse document frequency."""
    weights: Mapping[str, Sequence[float]]
    """Feature -> one weight per kind (KINDS order); features without weight are absent."""
    bias: Sequence[float]
    """One intercept per kind."""

    def scores(self, feats: Counter[str], blocks: Mapping[str, float]) -> list[float]:
        """The probability of each kind for one text."""
        out = list(self.bias)
        for f, v in vector(feats, self.idf, blocks).items():
            w = self.weights.get(f)
            if w is not None:
                for k, wk in enumerate(w):
                    out[k] += wk * v
        return [1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) for z in out]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Linear:
        """A regression from its JSON form."""
        return cls(idf=data["idf"], weights=data["weights"], bias=data["bias"])


@dataclass(frozen=True)
class Model:
    """The coach's learned part: a clause model (where) and a whole-reply model (whether)."""

    clause: Linear
    """Scores each clause: which clause holds the mistake."""
    reply: Linear
    """Scores the whole reply: whether it holds a mistake of each kind."""
    threshold: Sequence[float]
    """Per kind: the mean of the reply's and its best clause's probability must reach this."""
    blocks: Mapping[str, float]
    """The weight of each feature family (words, characters, cues, context) in a vector."""
    meta: Mapping[str, Any]
    """How the model was built (corpus digest, rows, figures)."""

    def kind_scores(self, reply: str) -> tuple[list[float], list[tuple[int, int, list[float]]]]:
        """Per kind, the combined score of the reply; and each clause's range and scores."""
        cut = [(s, e, self.clause.scores(f, self.blocks)) for s, e, f in split_reply(reply)]
        whole = self.reply.scores(features(reply), self.blocks)
        best = [max((c[2][k] for c in cut), default=0.0) for k in range(len(KINDS))]
        return [(w + b) / 2 for w, b in zip(whole, best, strict=True)], cut

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Model:
        """A model from its JSON form (see scripts/build_coach.py)."""
        kinds = list(data["kinds"])
        if kinds != [str(k) for k in KINDS]:
            raise ValueError(f"model kinds {kinds} differ from the coach's {list(KINDS)}")
        return cls(
            clause=Linear.from_json(data["clause"]),
            reply=Linear.from_json(data["reply"]),
            threshold=data["threshold"],
            blocks=data.get("blocks", BLOCKS),
            meta=data.get("meta", {}),
        )


@cache
def load_model(locale: str = "en-us") -> Model:
    """The built model of a locale (read once per process)."""
    path = MODEL_DIR / f"{locale}.json"
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ModelMissing(str(path)) from None
    return Model.from_json(json.loads(raw))


# --- rules: only where the words alone decide ----------------------------------------------------

_RULES: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    # Seed 002 B: 'Don't Say "I Understand"'. Not "I don't understand why he ..." (no claim).
    (
        Kind.I_UNDERSTAND,
        re.compile(
            r"(?<!don't )(?<!do not )(?<!can't )(?<!cannot )(?<!never )(?<!to )"
            r"\bi (?:totally |completely |really |fully |so |truly )?"
            r"(?:understand\b(?! why| what| if| whether| it better| more)"
            r"|know (?:exactly |just )?how (?:you|u) feel"
            r"|know (?:exactly |just )?how (?:that|it) (?:feels|goes|is)\b"
            r"|(?:totally |completely |so )?know (?:exactly |just )?what (?:you|u) mean"
            r"|know exactly what you(?:'re| are) going through"
            r"|(?:totally |completely |so )?know (?:that|the) (?:\w+ )?feeling"
            r"|(?:totally |completely |so )?get (?:it|you|how you feel)\b(?! (?:off|out|done|back))"
            r"|(?:can |totally |so )?relate\b|feel (?:u|you)\b(?= |$|,|\.))"
        ),
    ),
    # "Totally understand." with the "I" dropped, as people type and speak.
    (
        Kind.I_UNDERSTAND,
        re.compile(r"^(?:\W*)(?:totally|completely) (?:understand|get (?:it|you))\b"),
    ),
)


@cache
def _phrase_rules() -> tuple[tuple[Kind, str], ...]:
    from dialogs.locale import load

    rules = load("en-us").fields("coach-rules")
    return tuple((Kind(kind), f" {phrase} ") for kind, phrase in rules)


def _rule_kinds(clause: str) -> set[Kind]:
    """The kinds a clause holds by the seeds' own words, whatever the model says."""
    low = _norm(clause)
    spaced = " " + " ".join(re.findall(r"[a-z0-9']+", low)) + " "
    found = {kind for kind, rx in _RULES if rx.search(low)}
    return found | {kind for kind, phrase in _phrase_rules() if phrase in spaced}


# --- the coach ---------------------------------------------------------------------------------


def find(reply: str, model: Model) -> list[Mistake]:
    """The mistakes in a reply, each with the clause that makes it, in reading order."""
    scores, cut = model.kind_scores(reply)
    flagged: set[tuple[int, Kind]] = set()
    for k, kind in enumerate(KINDS):
        if cut and scores[k] >= model.threshold[k]:
            # The clause most like the mistake, and any other as sure on its own.
            top = max(range(len(cut)), key=lambda i: cut[i][2][k])
            flagged.add((top, kind))
            flagged |= {(i, kind) for i, c in enumerate(cut) if c[2][k] >= model.threshold[k]}
    for i, (start, end, _) in enumerate(cut):
        flagged |= {(i, kind) for kind in _rule_kinds(reply[start:end])}
    return [
        Mistake(kind, reply[cut[i][0] : cut[i][1]])
        for i, kind in sorted(flagged, key=lambda f: (f[0], KINDS.index(f[1])))
    ]


def empathy_line(about: About | None, lang: Locale) -> str:
    """One of the seeds' empathy forms, filled from the entry when there is one."""
    if about is None or about.emotion is None or not about.text.strip():
        return lang.phrases.first("coach.empathy.plain")
    toks = tuple(speaker_tokens(about.text))
    hits = [h for h in lexicon(lang.name).find(toks) if not h.negated]
    hit = next((h for h in hits if about.emotion in h.feeling.emotions), None)
    felt = Felt(about.emotion, about.intensity or (2 if hit else 1), hit, toks)
    # Seeded by the entry, so the same entry always gets the same suggestion.
    rng = random.Random(about.text)
    for line in candidates(felt, lang, rng, frozenset()):
        if clean(line, lang, about.emotion):
            return line
    return lang.phrases.first("coach.empathy.plain")


_WHY: dict[Kind, str] = {kind: f"coach.why.{kind}" for kind in KINDS}
"""The phrase that says why each mistake hurts."""


def advise(
    reply: str, lang: Locale, about: About | None = None, model: Model | None = None
) -> Advice:
    """Check a listener's reply; when it has a mistake, say why it hurts and what to say instead."""
    mistakes = tuple(find(reply, model or load_model(lang.name)))
    if not mistakes:
        return Advice(True, (), "")
    name = about.name if about is not None and about.name else lang.phrases.first("coach.partner")
    why = lang.phrases.first(_WHY[mistakes[0].kind], name=name)
    instead = lang.phrases.first("coach.instead", text=empathy_line(about, lang))
    return Advice(False, mistakes, _sentences(f"{why} {instead}"))


def _sentences(text: str) -> str:
    """Capital letters where sentences begin (a name may open one: "your partner may ...")."""
    return re.sub(r"(^|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
