"""The values that flow in and out of the dialog: what was heard, what the assistant does."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum


class Emotion(StrEnum):
    """The four core emotions of the seeds, in the order they are asked."""

    MAD = "mad"
    SAD = "sad"
    GLAD = "glad"
    FEAR = "fear"


class ActKind(StrEnum):
    """What the assistant is doing with one line it says."""

    GREETING = "greeting"
    OPENER = "opener"
    QUESTION = "question"
    EMPATHY = "empathy"
    ACKNOWLEDGE = "acknowledge"
    NUDGE = "nudge"
    REPROMPT = "reprompt"
    SAFETY = "safety"
    SAFETY_CHECK = "safety_check"  # tier 2: ask directly about thoughts of ending one's life
    ANSWER = "answer"  # an honest short answer to a question back, before the question again
    HOLD = "hold"  # "let me think": wait, without asking again
    SHARE_PROMPT = "share_prompt"
    CLOSING = "closing"
    INVITATION = "invitation"  # the evening invitation (issue 5)
    SNOOZE = "snooze"  # "I'll ask again at ..." after a "later"
    PARTNER_REPLY = "partner_reply"  # "Alex heard your check-in and said: ..." (issue 11)


class AnswerKind(StrEnum):
    """How an answer to one emotion question was classified."""

    FEELING = "feeling"  # a feeling was shared (hard or joyful)
    OUTER = "outer"  # only what happened, no feeling: nudged inward
    NOTHING = "nothing"  # nothing to report for this emotion
    UNSURE = "unsure"  # "I don't know"
    SKIPPED = "skipped"  # skip command or silence
    SAFETY = "safety"  # words of crisis; never shared
    SAFETY_CHECK = "safety_check"  # hopeless or ambiguous words that were checked; never shared


class Command(StrEnum):
    """A command heard instead of an answer (or the input ending)."""

    STOP = "stop"
    END_OF_INPUT = "end_of_input"
    REPEAT = "repeat"
    HOLD = "hold"
    QUESTION = "question"
    PRIVATE = "private"
    SKIP = "skip"


class Safety(StrEnum):
    """Which crisis response a step gave."""

    LINE = "line"  # tier 1: the crisis line, at once
    CHECK = "check"  # tier 2: a direct question about thoughts of ending one's life


CRISIS_KINDS = frozenset({AnswerKind.SAFETY, AnswerKind.SAFETY_CHECK})
"""Answer kinds that are never shared, whatever is answered at the share prompt."""


@dataclass(frozen=True)
class Heard:
    """One reply from the speaker, as text with optional per-word confidences."""

    text: str
    """The reply's words (typed, or recognised from speech)."""
    words: tuple[tuple[str, float], ...] = ()
    """(word, confidence 0..1) pairs from the recognizer; empty when typed (fully trusted)."""


@dataclass(frozen=True)
class Act:
    """One line the assistant says."""

    kind: ActKind
    """The dialog act this line performs."""
    text: str
    """The words to say."""
    emotion: Emotion | None = None
    """The emotion this line is about, if any."""
    listening: bool = False
    """True exactly when the assistant waits for a reply after this line."""

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise ValueError("an act must say something")

    def as_dict(self) -> dict[str, object]:
        """The act as the `--json` line's fields: role, act, text, emotion, listening."""
        return {
            "role": "assistant",
            "act": str(self.kind),
            "text": self.text,
            "emotion": self.emotion and str(self.emotion),
            "listening": self.listening,
        }

    def to_json(self) -> str:
        """The act as one JSON object (one `--json` line), words kept as they are (UTF-8)."""
        return json.dumps(self.as_dict(), ensure_ascii=False)


@dataclass(frozen=True)
class Answer:
    """An answer to keep: the runner stores it the moment it is given."""

    asked: Emotion
    """The emotion question this answers."""
    emotion: Emotion
    """The emotion heard in the answer (may differ from the one asked)."""
    kind: AnswerKind
    """How the answer was classified."""
    text: str
    """The speaker's words."""
    reply: str
    """What the assistant said back."""
    words: tuple[tuple[str, float], ...] = ()
    """Per-word confidences, when recognised from speech."""
    intensity: int = 0
    """Feeling intensity heard, 0 (none) to 3 (strong)."""
    continues: bool = False
    """True when this follows a nudge: append to the previous answer for the same question."""
    private: bool = False
    """Keep this answer private (asked inside the answer, or words of crisis)."""

    def __post_init__(self) -> None:
        if self.kind in CRISIS_KINDS and not self.private:
            raise ValueError("an answer with words of crisis is always private")


@dataclass(frozen=True)
class Outcome:
    """What one step of the dialog produced."""

    acts: tuple[Act, ...] = ()
    """Lines to say, in order."""
    answers: tuple[Answer, ...] = ()
    """Answers to store now."""
    make_private: bool = False
    """Mark the answer stored before this outcome's own answers private ("keep that private")."""
    share: bool | None = None
    """The speaker's decision at the share prompt, once made."""
    done: bool = False
    """The check-in is over."""
    command: Command | None = None
    """The command heard in this step, if any."""
    opener: str | None = None
    """The speaker's words to the opening question, when they said something to keep."""
    safety: Safety | None = None
    """The crisis response this step gave, if any."""
