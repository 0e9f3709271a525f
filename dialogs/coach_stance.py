"""The reply's stance as cues for the coach's model: who acts, on whom, and for whose sake.

Phrase families (`coach-roles.value`) name what a clause says; these cues read how it is said:
an imperative or the listener's own offer that serves the person's joy or presence versus a task
that fixes the problem, a clause that judges the person or their feeling, the listener's cost put
as a fact, a mistake refused, and fate given as the reason. Word lists live in
`vocab/coach-stance.value`; here only the structure (word order, subject, object) is read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache

_SUBJECT_YOU = frozenset(("you", "you're", "youre", "u", "ur", "your", "you've", "you'll"))
_THIRD = frozenset(("him", "her", "them", "he", "she", "they", "his", "their", "it's"))
_FILLER = frozenset(("just", "really", "definitely", "totally", "always", "so", "all", "gonna",
                     "going", "to", "also", "still", "even", "happily", "gladly", "right"))
_CLOSED = frozenset(("too", "know", "all", "guys", "both", "so", "are", "were", "do", "did",
    "can", "will", "have", "and", "more", "much", "back", "again", "now", "here", "there",
    "today", "tonight", "right", "up", "first", "though", "anyway", "tho", "is", "was", "feel",
    "need", "want", "said", "say", "went", "got", "had", "would", "could", "should", "might",
    "must", "a", "the", "to", "for", "with", "in", "on", "at", "of", "about", "when", "if", "or",
    "but", "lot", "as", "very", "x", "xx", "xxx", "love"))
"""Words after "you" that do not make it a vocative ("thank you so much", "love you too")."""
_EXCLAIM = frozenset(("oh", "thank", "my", "omg", "o", "good", "dear", "ya"))
"""Words before "god" that make it an exclamation, not providence ("oh god", "thank god")."""
_VOCATIVE = re.compile(r"(?:[,!;\u2014-]\s*|\b(?:oh|och|ach|aw|ah|ahh|aww)\s+)you\s+"
                       r"([a-z']+)(?:\s+[a-z']+)?\s*[.!?\u2026]*\s*$")
"""A "you" after a pause or an exclamation, with at most two words to the clause's end."""


@cache
def _lists() -> dict[str, tuple[str, ...]]:
    """The word lists of `coach-stance.value` by name (phrases where ";" separates them)."""
    from dialogs.locale import load

    out: dict[str, tuple[str, ...]] = {}
    for name, words in load("en-us").fields("coach-stance"):
        sep = ";" if ";" in words else None
        out[name] = tuple(w.strip() for w in words.split(sep) if w.strip())
    return out


@cache
def _sets() -> dict[str, frozenset[str]]:
    return {name: frozenset(words) for name, words in _lists().items()}


@cache
def refusal() -> re.Pattern[str]:
    """A first-person refusal of what a mistake does: "I don't want to pretend", "I'd never
    claim", "I won't tell you": the words after it are not the listener's claim."""
    words = _lists()
    neg = "|".join(re.escape(w).replace("'", "'?") for w in words["negators"])
    verb = "|".join(re.escape(w) for w in words["claim-verbs"])
    return re.compile(
        r"\b(?:i|i'?m|i am|i'?d|i will|we)\s+(?:\w+\s+){0,2}?(?:" + neg + r")\s+"
        r"(?:\w+\s+){0,3}?(?:" + verb + r")\b"
    )


def reply_context(words: Iterable[str], emotion: str | None = None) -> frozenset[str]:
    """What the whole reply is about, as the clause cues need it: good news ("joy"), and the
    entry's emotion ("e-glad", ...) when the reply answers a known entry. The entry decides
    whether the news is good; without one, the reply's own words do."""
    if emotion:
        return frozenset({f"e-{emotion}", *(("joy",) if emotion == "glad" else ())})
    return frozenset({"joy"}) if any(w in _sets()["joy"] for w in words) else frozenset()


_WITH_ENTRY = ("x:role-console", "x:role-suggest", "x:role-judge", "x:role-me-subject",
               "x:role-me-past", "x:role-for-me", "x:imperative", "x:act-imperative", "x:invite",
               "x:question", "x:q-next", "x:q-feel", "x:q-story", "x:st-fate", "x:st-offer-task",
               "x:st-offer-stay", "x:you-subject", "x:me-too", "x:st-come", "x:st-me-too-brief",
               "x:st-know-you", "x:st-would-too", "x:st-invite-q", "x:st-care-q")
"""The cues whose meaning depends on the entry's emotion ("at least" against good news, an
order against bad news, "me too" against fear): each is also given paired with it."""


def entry_features(toks: Sequence[str], feats: Counter[str], context: frozenset[str]) -> None:
    """Add the cues that read the clause against the entry ("x:e-*"): the entry's emotion, the
    clause's cues paired with it, and whether the feelings it names are the entry's or another
    ("That's exciting!" to a sad entry, "don't be sad" to a glad one). Without an entry, only
    whether it names or denies a feeling."""
    from dialogs.feelings import lexicon

    emotion = next((c[2:] for c in context if c.startswith("e-")), None)
    hits = lexicon("en-us").find(list(toks))
    for h in hits:
        if h.by_nothing:
            continue
        match = "" if emotion is None else (
            "+same" if emotion in h.feeling.emotions else "+other")
        feats[f"x:e-feel{'-denied' if h.negated else ''}{match}"] += 1
    if emotion is None:
        return
    feats[f"x:e-{emotion}"] += 1
    for cue in _WITH_ENTRY:
        if feats[cue]:
            feats[f"{cue}+e-{emotion}"] += 1


def stance_features(
    low: str, words: list[str], rest: list[str], feats: Counter[str], context: frozenset[str]
) -> None:
    """Add the clause's stance cues ("x:st-*") to feats (which already hold its role cues); low
    is the clause's lower-cased text (punctuation kept), words its words."""
    sets = _sets()
    joy = "joy" in context
    _offer(rest, feats, joy)
    imperative = any(feats[f] for f in ("x:imperative", "x:act-imperative", "x:inner-act"))
    if imperative or feats["x:invite"]:
        tail = set(rest[1:])
        whom = ("share" if tail & sets["share-objects"] else
                "other" if tail & _THIRD else "self")
        feats[f"x:st-imp-{whom}"] += 1
        feats[f"x:st-imp-{whom}+{'joy' if joy else 'trouble'}"] += 1
    # A vocative ("..., you big softie", "you daft thing."): the person named by a judgement
    # of them, at the clause's end after a pause or at its start.
    m = _VOCATIVE.search(low)
    if m and m.group(1) not in _CLOSED and not m.group(1).endswith(("ing", "ed")):
        feats["x:st-you-vocative"] += 1
    # The feeling put down to something in the person ("just your nerves talking").
    for i, w in enumerate(words[1:], 1):
        if w == "your" and words[i - 1] in ("just", "only", "that's", "thats", "it's", "its"):
            feats["x:st-your-cause"] += 1
            break
    # Degree judged with the person as subject: "you take it far too much to heart".
    if set(words) & _SUBJECT_YOU and any(
        w == "too" and i + 1 < len(words) for i, w in enumerate(words)
    ):
        feats["x:st-you-too"] += 1
    if any(w in sets["fate"] and not (w == "god" and i and words[i - 1] in _EXCLAIM)
           for i, w in enumerate(words)):
        feats["x:st-fate"] += 1
        if joy:
            feats["x:st-fate+joy"] += 1
    # The listener's cost as a fact: "that's me doing all the runs", "leaves me paying".
    if any(a == "me" and len(b) > 4 and b.endswith("ing") and not b.endswith("thing")
           for a, b in zip(words, words[1:], strict=False)):
        feats["x:st-me-doing"] += 1
    mine = {"i", "i'm", "im", "i'll", "me", "my", "i've"} & set(words)
    missed = {w for w, nxt in zip(words, [*words[1:], ""], strict=False)
              if w in ("miss", "missing") and nxt in _THIRD}  # "I miss him": grief, not a cost
    if mine and not set(words) & _SUBJECT_YOU and (set(words) - missed) & sets["burden"]:
        feats["x:st-me-burden"] += 1
    if refusal().search(" ".join(words)):
        feats["x:st-refuse"] += 1
    listener_acts(words, feats, "joy" if joy else "trouble")


_ME = frozenset(("i", "i'm", "im", "i'll", "ill", "i've", "ive", "we", "we're", "we'll", "me"))
_AUX = frozenset(("will", "am", "m", "gonna", "going", "to", "is", "just", "right", "straight",
                  "now", "gon", "also", "can", "definitely", "totally", "shall", "gotta", "want",
                  "wanna", "really", "so", "all", "probably", "rn"))
"""Words between the listener and the act that do not change it ("I'm just going to come")."""
_STORY = re.compile(r"\b(?:when i|i was|i had|i went|i got|i did|i lost|my (?:own|dad|mum|mom|ex"
                    r"|brother|sister|first|old)|years ago|last (?:year|week|month))\b")
"""Words that make a first-person clause a story of the listener's own."""


def _after_aux(words: list[str]) -> list[str]:
    """The words from the first that is not an auxiliary or a filler ("going" stays when it is
    the act itself: "I'm going with you")."""
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w not in _AUX or (w in ("going", "gonna") and nxt not in ("to", "ta")):
            return words[i:]
    return []


def listener_acts(words: list[str], feats: Counter[str], news: str) -> None:
    """The listener's own act toward the person: coming to them or keeping them company
    ("im coming over", "I'll be right there wi' ye", "im calling u rn"), grief shared in a few
    words ("I've been thinking about him too", "So have I"), knowing the person rather than the
    feeling ("I can see why you are furious"), solidarity said as "I'd ... too", and an open
    invitation to say more ("do u wanna talk abt him?"). Each read from word order and word
    lists (`coach-stance.value`), never from a whole sentence."""
    sets, lists = _sets(), _lists()
    joined = " " + " ".join(words) + " "
    you = sets["you-words"]
    at = next((i for i, w in enumerate(words[:6]) if w in _ME), None)
    if at is None and words[:1] and words[0] in sets["behind-verbs"]:
        at = -1  # the subject dropped, as texts do: "praying for u", "thinking of you"
    if at is not None and not _STORY.search(joined):
        after = _after_aux(words[at + 1:])
        verb, tail = (after[0], after[1:5]) if after else ("", [])
        if words[at + 1:at + 2] in (["here"], ["there"]):
            verb, tail = "be", ["here"]  # "I here for you": the copula dropped
        aimed = set(after) & _THIRD  # "I'll go round there and give him ...": a task
        towards = set(tail) & sets["come-to"] and not aimed
        keeps = set(tail[:3]) & (you | {"with", "wi", "w", "up", "on", "by", "beside", "here",
                                        "there", "right"})
        behind = verb in sets["behind-verbs"] and tail[:1] and tail[0] in sets["behind-preps"] and (
            set(tail[1:2]) & you)  # "I'm rooting for you", "I'll be thinking of you"
        if (verb in sets["come-verbs"] and towards) or " on my way " in joined or (
            verb in sets["company-verbs"] and keeps and not aimed
        ) or behind:
            feats["x:st-come"] += 1
            feats[f"x:st-come+{news}"] += 1
            feats.pop("x:role-me-subject", None)  # the listener acts for the person
    if feats["x:me-too"] or re.match(r" (?:so (?:have|do|am|did|was|will) i|same here|me too) ",
                                     joined):
        own = re.search(r" i (?:\w+ed|had|was|did|got|went|lost) | mine ", joined)
        if len(words) <= 8 and not _STORY.search(joined) and not own:
            feats["x:st-me-too-brief"] += 1
            if set(words) & _THIRD:
                feats["x:st-me-too-brief+third"] += 1  # "I miss him too": the same loss
    knows = "|".join(re.escape(w) for w in lists["know-verbs"])
    of = "|".join(re.escape(w) for w in lists["know-of"])
    m = re.search(r" i (?:can |could )?(?:\w+ )?(?:" + knows + r") (?:" + of + r") ", joined)
    if m and set(words[len(joined[: m.end()].split()):]) & you and not re.search(
        r" how (?:you|u) feel| what it'?s like| the feeling", joined[m.start():]
    ):
        feats["x:st-know-you"] += 1
    would = "|".join(re.escape(w) for w in lists["would-me"])
    also = "|".join(re.escape(w) for w in lists["also-words"])
    if re.search(r" (?:" + would + r") (?:\w+ ){1,6}?(?:" + also + r") ", joined) and not (
        _STORY.search(joined)  # "that'd scare me too, when I had mine checked...": a story
    ):
        feats["x:st-would-too"] += 1
    tells = "|".join(re.escape(w) for w in lists["tell-verbs"])
    about = "|".join(re.escape(w) for w in lists["tell-about"])
    wish = r" (?:wanna|want|like|ready|can|could|will|would)(?: \w+){0,2}? (?:" + tells + r")"
    if feats["x:question"] and (
        re.search(wish + r"(?: (?:" + about + r"))?(?: \w+)? $", joined)
        or re.search(wish + r" (?:" + about + r") ", joined)
        or re.search(r" what(?:'?s| is)? (?:making|bringing|made|brought|makes) (?:you|u) ", joined)
    ):
        feats["x:st-invite-q"] += 1  # "do u wanna talk abt him?", "what's making you think..."
    # A caring question about how someone is, the person or a third, opening the clause: "is
    # she ok?", "r u ok?", "how's he doing now?", "how is she?" (not "is it ok if...", not
    # "what are you doing about it?").
    well = "|".join(re.escape(w) for w in lists["well-words"])
    if feats["x:question"] and re.match(
        r" (?:(?:oh|and|so|but|omg|wait|hey|babe|love|hun|ok|okay|god) )*(?:(?:is|are|r|was|were"
        r"|how's|hows|how (?:is|are|r)) (?!it |that |this )(?:your \w+|the \w+|\w+)(?: \w+){0,2}?"
        r" (?:" + well + r") |(?:how's|hows|how (?:is|are|r)) (?:she|he|they|you|u|\w+) $)", joined
    ) and not re.search(r" (?:ok|okay|alright) (?:if|to|with) ", joined):
        feats["x:st-care-q"] += 1


def _offer(rest: list[str], feats: Counter[str], joy: bool) -> None:
    """The listener's own offer or plan: to stay with the person, or a task about the event."""
    joined = " ".join(rest) + " "
    opener = next((o for o in _lists()["offer-openers"] if joined.startswith(o + " ")), None)
    if opener is None:
        return
    after = [w for w in rest[len(opener.split()):] if w not in _FILLER]
    verb = after[0] if after else ""
    if verb in _sets()["stay-verbs"] or verb in ("here", "there"):
        kind = "stay"
    elif verb:
        kind = "task"
    else:
        kind = "bare"
    feats[f"x:st-offer-{kind}"] += 1
    feats[f"x:st-offer-{kind}+{'joy' if joy else 'trouble'}"] += 1
    if kind == "task" and set(after[1:]) & {"you", "u", "your", "yourself"}:
        feats["x:st-offer-task+you"] += 1  # "I'll send you a few", "let's get you a routine"
