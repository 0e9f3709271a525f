"""Finding the cause of a feeling in the speaker's words, turned into the listener's words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dialogs.feelings import Hit
from dialogs.text import BOUNDARY, FIRST_PERSON, SECOND_PERSON, turn

MIN_WORDS, MAX_WORDS = 2, 12

# Words after a feeling that introduce its cause, kept in the reply ("irritated that ...").
_LINKS = {
    "because": "because", "that": "that", "when": "when", "about": "about", "at": "at",
    "with": "with", "over": "over", "of": "of", "for": "for", "after": "after", "since": "because",
    "whenever": "whenever", "to": "to", "by": "by",
}
# Words that open a clause on their own: "afraid I will not find a job" = "afraid that I will...".
_SUBJECTS = frozenset(
    "i we he she they it my our his her their the someone everyone nobody people this".split()
)
_CAUSERS = frozenset("made makes making got gets left leaves leaving".split())
_CLAUSE_JOINS = frozenset({"and", "so", "which", "but"})
_BAD_EDGES = frozenset(
    "and but or so because that when then the a an to of with at about for if since like um uh "
    "just really very is was were are am be been being my your his her their our it's its "
    "not no i'm you're".split()
)
_FIRST_BAD = frozenset("and but or so then because that when which also plus".split())
_VERB_AFTER_AUX = frozenset({"is", "are", "was", "were", "'s", "has", "been"})
_PAST = frozenset(
    "was were did had got went came made said told took gave left lost broke felt saw heard found "
    "forgot thought ran wrote called yelled cut".split()
)
_STILL_FEELING = frozenset("feel felt feeling feels get got getting am was were be been".split())
_FILLER = frozenset({"um", "uh", "umm", "uhh", "like", "er"})
_PRONOUN_ONLY = frozenset("it this that he she they everything something things stuff".split())


@dataclass(frozen=True)
class Cause:
    """The cause of a feeling, ready to be said back."""

    words: tuple[str, ...]
    """The cause in the listener's perspective ("your old dog getting slower")."""
    link: str
    """"" for a noun phrase ("X would make you feel Y"), else the word joining the clause."""
    past: bool
    """Told in the past tense."""
    source: tuple[str, ...]
    """The speaker's own words the cause quotes (for the confidence check)."""

    @property
    def text(self) -> str:
        """The cause as one string."""
        return " ".join(self.words)


def _clause_after(toks: Sequence[str], start: int) -> list[str]:
    out: list[str] = []
    for t in toks[start:]:
        if t == BOUNDARY:
            break
        out.append(t)
    # A trailing "but ..." or "so ..." is another thought.
    for k, t in enumerate(out):
        if t in ("but", "so"):
            return out[:k]
    return out


def _clause_before(toks: Sequence[str], end: int) -> list[str]:
    out: list[str] = []
    k = end - 1
    while k >= 0 and toks[k] != BOUNDARY:
        out.insert(0, toks[k])
        k -= 1
    return out


def _is_past(words: Sequence[str]) -> bool:
    return any(w in _PAST or (w.endswith("ed") and len(w) > 4) for w in words)


def valid(cause: Sequence[str], source: Sequence[str], feeling_words: Sequence[str]) -> bool:
    """A cause worth quoting: 2-12 words, no first person, no dangling ends, no feeling again."""
    if not MIN_WORDS <= len(cause) <= MAX_WORDS:
        return False
    if any(w in FIRST_PERSON for w in cause) or any(w in SECOND_PERSON for w in source):
        return False
    if cause[0] in _FIRST_BAD or cause[-1] in _BAD_EDGES or BOUNDARY in cause:
        return False
    if all(w in _PRONOUN_ONLY or w in _BAD_EDGES for w in cause):
        return False
    return not any(w in cause for w in feeling_words)


_AUX = frozenset(
    "is are was were am has have had does did do got gets can could will would 's 've 'd".split()
)
_CLAUSE_LINKS = frozenset({"that", "because", "when", "whenever", "after"})


def has_subject_and_verb(words: Sequence[str]) -> bool:
    """A whole clause: opens with a subject (a pronoun or a noun phrase) and has a verb."""
    if not words or words[0] not in _SUBJECTS | {"you", "your", "a", "an", "some", "all"}:
        return False
    return any(w in _PAST or w in _AUX or (w.endswith("ed") and len(w) > 4) for w in words[1:])


def _make(source: list[str], link: str, feeling_words: Sequence[str]) -> Cause | None:
    source = [w for w in source if w not in _FILLER]
    while source and source[-1] in ("and", "but", "so", "which", "too", "also"):
        source = source[:-1]
    turned = turn(source)
    if not valid(turned, source, feeling_words):
        return None
    # A clause after "that", "because", "when" needs its own subject and verb; a preposition
    # never takes the speaker as its object ("angry at you in front of everyone").
    if link in _CLAUSE_LINKS and (len(turned) < 3 or not has_subject_and_verb(turned)):
        return None
    if link and link not in _CLAUSE_LINKS and turned[0] in ("you", "yourself"):
        return None
    return Cause(tuple(turned), link, _is_past(source), tuple(source))


def _gerund(source: list[str]) -> list[str] | None:
    """ "my old dog is getting slower" -> "my old dog getting slower" (a noun phrase)."""
    for k in range(1, min(5, len(source) - 1)):
        verb = source[k + 1]
        if source[k] in _VERB_AFTER_AUX and verb.endswith("ing") and len(verb) > 4:
            if any(w in _VERB_AFTER_AUX for w in source[:k]):
                return None
            return source[:k] + source[k + 1 :]
    return None


def find_cause(toks: Sequence[str], hit: Hit | None, feeling_words: Sequence[str]) -> Cause | None:
    """The cause of the feeling in the reply, or None when none can be said back grammatically."""
    if hit is not None:
        after = hit.end
        if after < len(toks) and toks[after] in _LINKS:
            link = _LINKS[toks[after]]
            clause = _clause_after(toks, after + 1)
            if link == "to" and (not clause or clause[0] in _SUBJECTS):
                return None
            return _make(clause, link, feeling_words)
        if after < len(toks) and toks[after] in _SUBJECTS:
            return _make(_clause_after(toks, after), "that", feeling_words)
        before = _clause_before(toks, hit.start)
        # "X made me (feel) Y": X is a noun phrase.
        for k in range(len(before) - 1, 0, -1):
            if before[k] in _CAUSERS and k + 1 < len(before) and before[k + 1] == "me":
                return _make(before[:k], "", feeling_words)
        # "CLAUSE and it breaks my heart", "CLAUSE so I was livid".
        for k in range(len(before) - 1, 0, -1):
            if before[k] in _CLAUSE_JOINS:
                tail = before[k + 1 :]
                if not all(w in _STILL_FEELING or w in ("i", "it", "that", "this", "really",
                                                        "so", "just", "me") for w in tail):
                    break
                return _whole(before[:k], feeling_words)
        return None
    return _whole(_clause_after(toks, 0), feeling_words)


def _whole(source: list[str], feeling_words: Sequence[str]) -> Cause | None:
    """A whole clause as the cause: a gerund noun phrase if possible, else "when"/"that" clause."""
    source = [w for w in source if w not in _FILLER]
    gerund = _gerund(source)
    if gerund is not None:
        made = _make(gerund, "", feeling_words)
        if made is not None:
            return made
    made = _make(source, "when", feeling_words)
    if made is not None and not made.past:
        return Cause(made.words, "that", False, made.source)
    return made


def find_joy(toks: Sequence[str]) -> Cause | None:
    """The first whole clause of a joyful answer, turned ("your daughter called to say...")."""
    source = [w for w in _clause_after(toks, 0) if w not in _FILLER]
    for k, w in enumerate(source):
        if w in ("and", "but", "so") and k >= 3:
            source = source[:k]
            break
    turned = turn(source)
    if not (3 <= len(turned) <= MAX_WORDS) or not has_subject_and_verb(turned):
        return None
    if turned[-1] in _BAD_EDGES or any(w in SECOND_PERSON for w in source):
        return None
    return Cause(tuple(turned), "that", _is_past(source), tuple(source))
