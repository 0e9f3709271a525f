"""Cutting a listener's reply into clauses and the coach's features for each (pure text).

Shared by the coach and `scripts/build_coach.py`: the model is built from the features it reads."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from functools import cache

from dialogs.coach_roles import ROLES
from dialogs.coach_stance import entry_features, refusal, reply_context, stance_features

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
    for name in _VERB_FIELDS:
        fields.pop(name)
    groups = {w: name for name, words in fields.items() for w in words}
    return groups, verbs, openers


_INNER_OPENERS = frozenset(("and", "babe", "love", "hun", "honey", "then", "sweetie", "mate"))
"""Words after which an instruction can open mid-clause ("...babe book a flight")."""

_VERB_FIELDS = ("act-verbs", "presence-verbs")
"""The verb lists of `coach-cues.value` that are not cue groups: verbs acting on the world
(an imperative task) and verbs of presence or comfort."""


@cache
def _verbs() -> dict[str, frozenset[str]]:
    """Each verb list of `_VERB_FIELDS` by name."""
    from dialogs.locale import load

    fields = {name: words for name, words in load("en-us").fields("coach-cues")}
    return {name: frozenset(fields[name].split()) for name in _VERB_FIELDS}


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
    found = _family_hits(toks)
    # Company, an invitation to say more or a celebration is not advice, even as an imperative.
    verb_lists = _verbs()
    presence = "presence" in found or bool(rest and rest[0] in verb_lists["presence-verbs"])
    invite = presence or (
        bool(found & {"with-you", "celebrate", "praise"})
        and ("praise" in found or "advise" not in found)
    )
    if rest:
        feats[f"x:opens-{rest[0]}"] += 1
        if rest[0] in verbs or presence:
            feats["x:invite" if invite else "x:imperative"] += 1
        if rest[0] in verb_lists["act-verbs"] and not invite:
            # A bare instruction to act on the event: "Bring it up yourself first".
            feats["x:act-imperative"] += 1
    if not found & {"with-you", "celebrate", "praise", "presence"} and any(
        a in _INNER_OPENERS
        and b in verb_lists["act-verbs"]
        and (i < 1 or words[i - 1] not in groups)
        for i, (a, b) in enumerate(zip(words, words[1:], strict=False))
    ):
        # An instruction after a pet name or an "and", as speech runs on: "aw that sucks babe
        # book a flight", "sit at the far end and leave by eight".
        feats["x:inner-act"] += 1
    person = {groups.get(t) for t in words[:3]}
    if "second-person" in person and any(t in ("me", "i", "my") for t in words[2:]):
        # The person as subject and the listener as object: "did you mention me", "you never
        # cry like that with me", "now ur making me scared".
        feats["x:you-to-me"] += 1
        if toks and toks[-1] == "?":
            feats["x:you-to-me+question"] += 1
    if not words:
        feats["x:empty"] += 1
    elif len(words) <= 2:
        feats["x:short"] += 1
    _role_features(" ".join(words), rest, feats, invite)
    _family_features(found, toks, rest, feats)


@cache
def _families() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The role families of `coach-roles.value`, each as one pattern over spaced words."""
    from dialogs.locale import load

    out = []
    for name, phrases in load("en-us").fields("coach-roles"):
        alts = []
        for phrase in phrases.split(";"):
            words = [w if w == "*" else " ".join(_WORD.findall(_norm(w).replace("'", "")))
                     for w in phrase.split()]
            if any(w and w != "*" for w in words):
                alts.append(" ".join(r"[a-z0-9]+" if w == "*" else re.escape(w) for w in words))
        out.append((name, re.compile(r"(?<= )(?:" + "|".join(alts) + r")(?= )")))
    return tuple(out)


def _family_hits(toks: list[str]) -> set[str]:
    """The role families whose phrases the clause holds."""
    spaced = " " + " ".join(t.replace("'", "") for t in toks) + " "
    return {name for name, rx in _families() if rx.search(spaced)}


def families(clause: str) -> set[str]:
    """The role families the clause holds, outside quotes and disclaimed scopes: what it offers
    (company, a celebration), what it savours, whom a memory is about."""
    return _family_hits([t.strip("'") or t for t in _WORD.findall(unquoted(clause)[0])])


def _family_features(
    found: set[str], toks: list[str], rest: list[str], feats: Counter[str]
) -> None:
    """Each family found, alone and with the clause's mood (question) and subject (you, me)."""
    question = bool(toks) and toks[-1] == "?"
    person = _cues()[0].get(rest[0], "") if rest else ""
    subject = {"second-person": "you", "first-person": "me", "we": "me"}.get(person, "other")
    for name in sorted(found):  # a fixed order: the build must give the same file every time
        feats[f"x:v-{name}"] += 1
        feats[f"x:v-{name}+{subject}"] += 1
        if question:
            feats[f"x:v-{name}+question"] += 1
    if not found and question:
        feats["x:v-none+question"] += 1


def _role_features(joined: str, rest: list[str], feats: Counter[str], invite: bool) -> None:
    question = "x:question" in feats
    for name, rx in ROLES:
        if name == "suggest" and invite:
            continue  # "let's just sit together" offers company, not a plan
        if rx.search(joined):
            if name.startswith("q-"):
                if question:
                    feats[f"x:{name}"] += 1
            else:
                feats[f"x:role-{name}"] += 1
    if rest and rest[0] in ("you", "you're", "your", "u"):
        feats["x:you-subject"] += 1


_QUOTED = re.compile(r'"[^"]*"')


def unquoted(text: str) -> tuple[str, int]:
    """The text without its quoted words, and how many quotes it held. Words in quotation marks
    are someone else's: the speaker's own, echoed back ("In front of my whole team." That's so
    humiliating.), or what others said ('being told "calm down"'), never the listener's. Words
    in a disclaimed or reported scope ("I'm not going to say ...", "she called you ...") are
    masked too (`unscoped`)."""
    low = _norm(text)
    bare = _QUOTED.sub(" ", low)
    return unscoped(bare)[0], len(_QUOTED.findall(low))


@cache
def _scopes() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The scope frames of `coach-scope.value`, each as one pattern over the clause's text."""
    from dialogs.locale import load

    out = []
    for name, phrases in load("en-us").fields("coach-scope"):
        alts = []
        for phrase in phrases.split(";"):
            words = [re.escape(w).replace("'", "'?") for w in _norm(phrase).split()]
            if words:
                alts.append(r"[\s,]+".join(words))
        out.append((name, re.compile(r"\b(?:" + "|".join(alts) + r")\b")))
    return tuple(out)


_SCOPE_END = re.compile(r"[,;:.!?\u2014\u2013]|\s-\s|\bbut\b|\bbecause\b")
_NEGATED = re.compile(r"\b(?:don'?t|do not|never|no need to|you needn'?t)\b")


def unscoped(low: str) -> tuple[str, list[str]]:
    """The lower-cased text with the words in a disclaimed or reported scope masked, and the
    scopes found (`coach-scope.value`): "I'm not going to say I know how you feel" does not
    claim to know; "she called you too sensitive" is not the listener judging; "Don't calm down
    for my sake" is not telling the person to calm down."""
    found: list[str] = []
    for name, rx in _scopes():
        for m in list(rx.finditer(low)):
            if name == "for-my-sake":
                start = max((c.end() for c in _SCOPE_END.finditer(low, 0, m.start())), default=0)
                if not _NEGATED.search(low, start, m.start()):
                    continue
                low = low[:start] + " " * (m.start() - start) + low[m.start():]
            else:
                stop = _SCOPE_END.search(low, m.end())
                end = stop.start() if stop else len(low)
                low = low[: m.end()] + " " * (end - m.end()) + low[end:]
            found.append(name)
    for m in list(refusal().finditer(low)):
        # A mistake refused ("I don't want to pretend I understand it"): masked as a disclaimer.
        stop = _SCOPE_END.search(low, m.end())
        end = stop.start() if stop else len(low)
        low = low[: m.end()] + " " * (end - m.end()) + low[end:]
        found.append("refuse")
    return low, found


def features(
    clause: str, before: str = "", context: frozenset[str] = frozenset()
) -> Counter[str]:
    """The clause's term counts: words, word pairs and triples, character n-grams, context, and
    its stance in the reply (context: what the whole reply is about, `reply_context`)."""
    low, quotes = unquoted(clause)
    toks = [t.strip("'") or t for t in _WORD.findall(low)]
    feats: Counter[str] = Counter()
    for scope in unscoped(_QUOTED.sub(" ", _norm(clause)))[1]:
        feats[f"x:scope-{scope}"] += 1
    padded = ["<s>", *toks, "</s>"]
    for n, tag in ((1, "w"), (2, "b"), (3, "t")):
        for i in range(len(padded) - n + 1):
            gram = padded[i : i + n]
            if n == 1 and gram[0] in ("<s>", "</s>"):
                continue
            feats[f"{tag}:{' '.join(gram)}"] += 1
    _cue_features(toks, feats)
    words = [t for t in toks if t != "?"]
    rest = words[next((i for i, t in enumerate(words) if t not in _cues()[2]), len(words)):]
    stance_features(low, words, rest, feats, context)
    entry_features(words, feats, context)
    if quotes:
        feats["x:quoted" if toks else "x:echo"] += 1
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


def split_reply(text: str, emotion: str | None = None) -> list[tuple[int, int, Counter[str]]]:
    """Each clause's range and features; emotion is the entry's, when the reply answers a known
    entry."""
    spans = clauses(text)
    context = _context(text, emotion)
    out = []
    for i, (s, e) in enumerate(spans):
        before = text[spans[i - 1][0] : spans[i - 1][1]] if i else ""
        out.append((s, e, features(text[s:e], before, context)))
    return out


def _context(text: str, emotion: str | None = None) -> frozenset[str]:
    words = (t.strip("'") for t in _WORD.findall(unquoted(text)[0]))
    return reply_context(words, emotion)  # joy or not, and the entry's emotion


def reply_features(text: str, emotion: str | None = None) -> Counter[str]:
    """The whole reply's features, with every clause's own cues ("y:" family): what a clause
    does (a bare instruction, a judgement, the listener's own story) counts for the whole reply
    wherever it stands, not only when the reply opens with it."""
    feats = features(text, context=_context(text, emotion))
    for _, _, f in split_reply(text, emotion):
        for name, count in f.items():
            if name.startswith("x:"):
                feats["y:" + name[2:]] += count
    return feats


BLOCKS: Mapping[str, float] = {"w": 1.0, "c": 0.5, "x": 1.0, "p": 0.5, "y": 1.0}
"""Default family weights: each family is normalised on its own, so the many character n-grams
cannot drown the few words and cues that carry a mistake."""
_FAMILY = {"w": "w", "b": "w", "t": "w", "c": "c", "x": "x", "p": "p", "y": "y"}


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


