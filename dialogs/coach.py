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
from dialogs.coach_features import BLOCKS as BLOCKS
from dialogs.coach_features import clauses as clauses
from dialogs.coach_features import families, unquoted
from dialogs.coach_features import features as features
from dialogs.coach_features import reply_features as reply_features
from dialogs.coach_features import split_reply as split_reply
from dialogs.coach_features import vector as vector
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
        """A regression from its JSON form (weights stored as integers over "scale", if given)."""
        scale = float(data.get("scale", 1))
        weights = data["weights"]
        if scale != 1:
            weights = {f: [w / scale for w in ws] for f, ws in weights.items()}
        return cls(idf=data["idf"], weights=weights, bias=data["bias"])


@dataclass(frozen=True)
class Model:
    """The coach's learned part: a clause model (where) and a whole-reply model (whether)."""

    clause: Linear
    """Scores each clause: which clause holds the mistake (one column per kind, then "any")."""
    reply: Linear
    """Scores the whole reply: whether it holds a mistake of each kind (and of any kind)."""
    threshold: Sequence[float]
    """Per kind: the mean of the reply's and its best clause's probability must reach this."""
    blocks: Mapping[str, float]
    """The weight of each feature family (words, characters, cues, context) in a vector."""
    meta: Mapping[str, Any]
    """How the model was built (corpus digest, rows, figures)."""
    any_threshold: float = 2.0
    """A reply no kind reached is still flagged when its "any mistake" score reaches this (the
    kind is then the one nearest its own threshold); above 1 when the model has no such column."""
    no_entry: tuple[Sequence[float], float] | None = None
    """The per-kind and "any mistake" thresholds for a reply whose entry is not known, chosen on
    replies read so (a reply read without its emotion scores otherwise); None: the above."""
    no_entry_mean: bool = False
    """Whether a reply whose entry is not known is scored as the mean of its scores read as if
    it answered each emotion (the model learnt every reply against an entry), not with none."""

    def thresholds(self, emotion: Emotion | None) -> tuple[Sequence[float], float]:
        """The per-kind and "any mistake" thresholds for a reply read with or without its
        entry's emotion."""
        if emotion is None and self.no_entry is not None:
            return self.no_entry
        return self.threshold, self.any_threshold

    def kind_scores(
        self, reply: str, emotion: Emotion | None = None
    ) -> tuple[list[float], list[tuple[int, int, list[float]]]]:
        """Per column (each kind, then "any" when the model has it), the combined score of the
        reply; and each clause's range and scores. emotion: the entry's, when known."""
        feel = str(emotion) if emotion else None
        cut = [(s, e, self.clause.scores(f, self.blocks)) for s, e, f in split_reply(reply, feel)]
        whole = self.reply.scores(reply_features(reply, feel), self.blocks)
        best = [max((c[2][k] for c in cut), default=0.0) for k in range(len(whole))]
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
            any_threshold=float(data.get("any_threshold", 2.0)),
            no_entry=(
                (data["no_entry"]["threshold"], float(data["no_entry"]["any_threshold"]))
                if "no_entry" in data
                else None
            ),
            no_entry_mean=data.get("no_entry", {}).get("reading") == "mean",
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
        re.compile(
            r"^(?:\W*)(?:(?:totally|completely) (?:understand|get (?:it|you))\b"
            r"|understood\W*(?:$|completely|totally))"
        ),
    ),
    # Advice said as a second-person "must/should/need to" and a deed, in any English ("You need
    # a restraining order", "ye should get another pup", "u shd take MC"), found on its own beside
    # another mistake; never "you must have melted", "you should be proud", "you need to calm
    # down" (dismissing). Round 13: 187 fixing replies of the corpus, 1 good one, in 4,000.
    (
        Kind.FIXING,
        re.compile(
            r"(?:^|[.!?,;] |\b(?:but|so|and|just|honestly|seriously|babe|hun|love|mate|pet|hon"
            r"|la|lah|na|yaar|arre|bas) )(?:you|ya|ye|u|yu)(?: really| just| seriously"
            r"| definitely| honestly)? (?:need to|needs to|should|shud|shd|oughta|ought to|better"
            r"|must|must to|gotta|got to|have to|hafta) (?!(?:be|feel|have|know|not|hear|see|miss"
            r"|love|really|get some rest|stop|calm|chill|relax|let|toughen|snap|grow|pull|move on"
            r"|accept|stay|respect|get over|lighten|cheer|tell me)\b)\w+"
            r"|\bi (?:would|'d) (?:recommend|suggest|advise)\b"
        ),
    ),
)


@cache
def _phrase_rules() -> tuple[tuple[Kind, str], ...]:
    from dialogs.locale import load

    rules = load("en-us").fields("coach-rules")
    return tuple((Kind(kind), f" {phrase} ") for kind, phrase in rules)


_OTHER_LANGUAGES = {Kind.I_UNDERSTAND: "coach-understand", Kind.FIXING: "coach-fixing",
                    Kind.MINIMIZING: "coach-minimizing", Kind.DISMISSING: "coach-dismissing",
                    Kind.ABOUT_ME: "coach-about-me", Kind.PROBLEM_SOLVING: "coach-problem-solving",
                    Kind.HIJACKING: "coach-hijacking"}
"""The seeds' mistakes said in the languages couples mix into English ("te entiendo", "deberías
hablar con él", "al menos", "cálmate", "y yo qué?", "¿ya hablaste con tu jefe?", "a mí me pasó lo
mismo"): each kind's patterns, `vocab/<name>.rx`."""


@cache
def _language_rules() -> tuple[tuple[Kind, re.Pattern[str]], ...]:
    from dialogs.locale import load

    lang = load("en-us")
    return tuple((kind, re.compile(p)) for kind, name in _OTHER_LANGUAGES.items()
                 for p in lang.rx(name))


def _rule_kinds(clause: str) -> set[Kind]:
    """The kinds a clause holds by the seeds' own words, whatever the model says."""
    low = unquoted(clause)[0]
    spaced = " " + " ".join(re.findall(r"[a-z0-9']+", low)) + " "
    found = {kind for kind, rx in _RULES if rx.search(low)}
    found |= {kind for kind, phrase in _phrase_rules() if phrase in spaced}
    found |= {kind for kind, rx in _language_rules() if kind not in found and rx.search(low)}
    for family in families(clause):
        found -= _EXEMPT.get(family, set())
    return found


_EXEMPT: dict[str, set[Kind]] = {
    "with-you": {Kind.FIXING, Kind.PROBLEM_SOLVING},
    "celebrate": {Kind.FIXING, Kind.PROBLEM_SOLVING},
    "savour": {Kind.PROBLEM_SOLVING},
    "about-you": {Kind.HIJACKING},
}
"""The role families (`coach-roles.value`) whose meaning the seeds' phrases must not override:
company or a celebration offered is not advice or a plan ("what will we do to celebrate?"), a
question savouring good news is not a plan ("what are you going to make first?"), and a
memory of the person ("that reminds me how brave you are") is not the listener's own story."""


# --- the coach ---------------------------------------------------------------------------------


def find(reply: str, model: Model, emotion: Emotion | None = None) -> list[Mistake]:
    """The mistakes in a reply, each with the clause that makes it, in reading order; emotion is
    the entry's, when the reply answers a known entry ("at least" reads otherwise against good
    news)."""
    scores, cut = _scores(reply, model, emotion)
    threshold, any_threshold = model.thresholds(emotion)
    flagged: set[tuple[int, Kind]] = set()
    for k, kind in enumerate(KINDS):
        if cut and scores[k] >= threshold[k]:
            # The clause most like the mistake, and any other as sure on its own.
            top = max(range(len(cut)), key=lambda i: cut[i][2][k])
            flagged.add((top, kind))
            flagged |= {(i, kind) for i, c in enumerate(cut) if c[2][k] >= threshold[k]}
    for i, (start, end, _) in enumerate(cut):
        flagged |= {(i, kind) for kind in _rule_kinds(reply[start:end])}
    any_k = len(KINDS)
    if cut and not flagged and len(scores) > any_k and scores[any_k] >= any_threshold:
        # Something is wrong though no kind is sure: name the kind nearest its own threshold,
        # in the clause most like a mistake.
        k = max(range(any_k), key=lambda j: scores[j] / threshold[j])
        flagged.add((max(range(len(cut)), key=lambda i: cut[i][2][any_k]), KINDS[k]))
    return [
        Mistake(kind, reply[cut[i][0] : cut[i][1]])
        for i, kind in sorted(flagged, key=lambda f: (f[0], KINDS.index(f[1])))
    ]


def _scores(
    reply: str, model: Model, emotion: Emotion | None
) -> tuple[list[float], list[tuple[int, int, list[float]]]]:
    """`Model.kind_scores`, or with no entry known and a model that reads such replies so, the
    mean of the reply's and each clause's scores read against each emotion in turn."""
    if emotion is not None or not model.no_entry_mean:
        return model.kind_scores(reply, emotion)
    each = [model.kind_scores(reply, e) for e in Emotion]
    mean = [sum(col) / len(each) for col in zip(*(s for s, _ in each), strict=True)]
    cut = [
        (s, e, [sum(col) / len(each) for col in zip(*(c[i][2] for _, c in each), strict=True)])
        for i, (s, e, _) in enumerate(each[0][1])
    ]
    return mean, cut


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
    emotion = about.emotion if about is not None else None
    mistakes = tuple(find(reply, model or load_model(lang.name), emotion))
    if not mistakes:
        return Advice(True, (), "")
    name = about.name if about is not None and about.name else lang.phrases.first("coach.partner")
    why = lang.phrases.first(_WHY[mistakes[0].kind], name=name)
    instead = lang.phrases.first("coach.instead", text=empathy_line(about, lang))
    return Advice(False, mistakes, _sentences(f"{why} {instead}"))


def _sentences(text: str) -> str:
    """Capital letters where sentences begin (a name may open one: "your partner may ...")."""
    return re.sub(r"(^|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
