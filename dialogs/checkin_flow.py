"""The check-in's state and how it moves: next question, closing, the turns after words of crisis.

``CheckIn`` (dialogs/checkin.py) reads each reply at each stage; this is what it reads into.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from enum import StrEnum

from dialogs.acts import Act, ActKind, Answer, AnswerKind, Command, Emotion, Heard, Outcome, Safety
from dialogs.locale import Locale, load
from dialogs.model import model
from dialogs.phrasing import Lines
from dialogs.understand import Intent, Understood

ORDER: tuple[Emotion, ...] = (Emotion.MAD, Emotion.SAD, Emotion.GLAD, Emotion.FEAR)
"""The seed's order of the four core emotions (002: mad, sad, glad, fear)."""



class Stage(StrEnum):
    """Where the check-in is."""

    NEW = "new"
    OPENER = "opener"
    QUESTION = "question"
    SHARE = "share"
    SAFETY = "safety"
    """After words of crisis: the crisis line was given; would they like to stop here?"""
    SAFETY_CHECK = "safety_check"
    """After hopeless words: asked directly about thoughts of ending their life."""
    DONE = "done"


class Expecting(StrEnum):
    """What the next reply answers (a reply source picks its grammar by it)."""

    ANSWER = "answer"
    SHARE = "share"
    SAFETY = "safety"
    SAFETY_CHECK = "safety_check"
    DONE = "done"


@dataclass(frozen=True)
class Settings:
    """How one check-in runs."""

    name: str | None = None
    """The speaker's name for the greeting."""
    opener: bool = False
    """Ask the seed's open "head and heart" question before the four emotions."""
    crisis_line: str | None = None
    """Overrides the locale's crisis line number."""
    locale: str = "en-us"
    """Which dialogs/locale/<locale>/ to speak."""
    seed: int = 0
    """Seed for phrase variety; the same seed gives the same dialog."""


@dataclass
class Gathered:
    """Acts and answers gathered while handling one input."""

    acts: list[Act] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    make_private: bool = False
    share: bool | None = None
    command: Command | None = None
    opener: str | None = None
    safety: Safety | None = None


class Flow:
    """A check-in's state, and the moves every stage shares."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.lang: Locale = load(self.settings.locale)
        model()  # load (once per process) now: a missing model fails before anyone speaks
        self.rng = random.Random(self.settings.seed)
        self.lines = Lines(self.lang, self.rng)
        """What is said, never the same sentence twice."""
        self._stage = Stage.NEW
        self._index = 0
        self._nudged = False
        self._silences = 0
        self._tries = 0  # unclear replies at the share prompt or safety offer
        self._resume = Stage.QUESTION  # where to go back to after a safety offer
        self._stored = False
        self._crisis = False  # a safety or safety_check act happened: close with the crisis line
        self._holding = False  # "let me think": wait without asking again
        self._last_nudge = ""
        self._aside: list[Heard] = []  # everyday answers given at the safety check
        self._checked = ""  # the words that got the safety check

    @property
    def crisis_text(self) -> str:
        """Where to find immediate human help, from the locale or the settings."""
        if self.settings.crisis_line:
            return self.lang.settings["crisis_text_custom"].format(
                crisis_line=self.settings.crisis_line
            )
        return self.lang.settings["crisis_text"]

    def _pending(self, asked: Emotion) -> Act:
        """The question (or nudge) waiting for an answer, asked again (a nudge in new words: the
        same sentence is never said twice in a check-in)."""
        if self._nudged:
            self._last_nudge = self._fresh("nudge")
            return Act(ActKind.NUDGE, self._last_nudge, asked, listening=True)
        return self.lines.question(asked)

    def _fresh(self, name: str, /, **values: str) -> str:
        """A variant of a phrase with no sentence said before in this check-in."""
        return self.lines.fresh(name, **values)

    # -- moves -----------------------------------------------------------------------------------

    def _resume_after_crisis(self, step: Gathered, name: str) -> None:
        step.acts.append(Act(ActKind.ACKNOWLEDGE, self._fresh(name, crisis_text=self.crisis_text)))
        if self._resume is Stage.SHARE:
            self._stage = Stage.SHARE
            self._tries = 0
            self._silences = 0
            step.acts.append(self.lines.share_prompt())
        else:
            self._stage = Stage.QUESTION
            self._advance(step)

    def _unclear_safety(self, step: Gathered) -> None:
        if self._tries == 0:
            self._tries = 1
            text = self._fresh("safety.again")
            step.acts.append(Act(ActKind.REPROMPT, text, listening=True))
        else:
            # No clear wish to go on: end gently, with the help line said once more.
            self._close(step, "closing.safety", share=False)

    def _crisis_step(self, got: Understood, heard: Heard, asked: Emotion, step: Gathered,
                     resume: Stage) -> bool:
        """Words of crisis (tier 1) get the safety act, hopeless ones (tier 2) the safety check."""
        if got.intent == Intent.SAFETY:
            self._safety(heard, asked, step, resume)
        elif got.intent == Intent.SAFETY_CHECK:
            self._safety_check(heard, asked, step, resume)
        return got.intent in (Intent.SAFETY, Intent.SAFETY_CHECK)

    def _crisis_asked(self) -> Emotion:
        return ORDER[min(self._index, len(ORDER) - 1)]

    def _safety(self, heard: Heard, asked: Emotion, step: Gathered, resume: Stage) -> None:
        text = self._fresh("safety", crisis_text=self.crisis_text)
        step.acts.append(Act(ActKind.SAFETY, text, listening=True))
        if heard.text.strip():
            step.answers.append(self._answer(asked, asked, AnswerKind.SAFETY, heard, text, 0,
                                             False, private=True))
        step.safety = Safety.LINE
        self._enter_crisis(Stage.SAFETY, resume)

    def _safety_check(self, heard: Heard, asked: Emotion, step: Gathered, resume: Stage) -> None:
        text = self._fresh("safety_check")
        step.acts.append(Act(ActKind.SAFETY_CHECK, text, listening=True))
        step.answers.append(self._answer(asked, asked, AnswerKind.SAFETY_CHECK, heard, text, 0,
                                         False, private=True))
        step.safety = Safety.CHECK
        self._enter_crisis(Stage.SAFETY_CHECK, resume)
        self._checked = heard.text

    def _enter_crisis(self, stage: Stage, resume: Stage) -> None:
        self._crisis = True
        self._stage = stage
        self._resume = resume
        self._tries = 0
        self._silences = 0
        self._aside = []

    def _answer(self, asked: Emotion, emotion: Emotion, kind: AnswerKind, heard: Heard,
                reply_text: str, intensity: int, cont: bool, private: bool = False) -> Answer:
        self._stored = True
        return Answer(asked, emotion, kind, heard.text, reply_text, heard.words, intensity, cont,
                      private)

    def _advance(self, step: Gathered, first: bool = False) -> None:
        """Move to the next question (or the first, after the opener), or to the share prompt."""
        self._index = 0 if first else self._index + 1
        self._stage = Stage.QUESTION
        self._nudged = False
        self._holding = False
        self._silences = 0
        if self._index < len(ORDER):
            step.acts.append(self.lines.question(ORDER[self._index]))
        else:
            self._stage = Stage.SHARE
            self._tries = 0
            step.acts.append(self.lines.share_prompt())

    def _close(self, step: Gathered, name: str, share: bool) -> None:
        if self._crisis:
            # After words of crisis: never a cheery closing, always the crisis line again.
            name = {"closing.shared": "closing.crisis.shared",
                    "closing.private": "closing.crisis.private"}.get(name, "closing.safety")
        text = self._fresh(name, crisis_text=self.crisis_text)
        step.acts.append(Act(ActKind.CLOSING, text))
        step.share = share
        self._stage = Stage.DONE

    def _out(self, step: Gathered) -> Outcome:
        self.lines.said(step.acts)
        done = self._stage is Stage.DONE
        return Outcome(tuple(step.acts), tuple(step.answers), step.make_private, step.share, done,
                       step.command, step.opener, step.safety)

