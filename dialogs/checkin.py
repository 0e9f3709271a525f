"""The check-in state machine: greeting, four core-emotion questions, replies, share, closing."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from dialogs.acts import Act, ActKind, Answer, AnswerKind, Command, Emotion, Heard, Outcome, Safety
from dialogs.classify import crisis_tier, matches
from dialogs.empathy import Felt, doubtful, reply
from dialogs.locale import Locale, load
from dialogs.model import model
from dialogs.text import sentences, tokens
from dialogs.understand import Intent, Understood, understand

ORDER: tuple[Emotion, ...] = (Emotion.MAD, Emotion.SAD, Emotion.GLAD, Emotion.FEAR)
"""The seed's order of the four core emotions (002: mad, sad, glad, fear)."""

QUOTE = 0.6
"""Below this confidence in the reading, the reply does not quote the speaker's words back."""
_ANSWERS = {"saved": "answer.saved", "who_hears": "answer.who_hears", "why": "answer.why",
            "skip": "answer.skip"}
"""Question-back topic -> the phrase that answers it (anything else: answer.other)."""
NO_AT_CHECK = 0.6
SHARE_YES = 0.6
"""Confidence needed to share on a yes: when unsure, ask again rather than share."""
"""Confidence needed to take a reply to the safety check as a clear no."""


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
class _Step:
    """Acts and answers gathered while handling one input."""

    acts: list[Act] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    make_private: bool = False
    share: bool | None = None
    command: Command | None = None
    opener: str | None = None
    safety: Safety | None = None


class CheckIn:
    """One evening check-in, driven one reply at a time."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.lang: Locale = load(self.settings.locale)
        model()  # load (once per process) now: a missing model fails before anyone speaks
        self.rng = random.Random(self.settings.seed)
        self._stage = "new"  # new, opener, question, share, safety, safety_check, done
        self._index = 0
        self._nudged = False
        self._silences = 0
        self._tries = 0  # unclear replies at the share prompt or safety offer
        self._resume = "question"  # where to go back to after a safety offer
        self._stored = False
        self._used: set[str] = set()
        self._crisis = False  # a safety or safety_check act happened: close with the crisis line
        self._holding = False  # "let me think": wait without asking again
        self._last_nudge = ""

    @classmethod
    def at(cls, emotion: Emotion, settings: Settings | None = None) -> CheckIn:
        """A check-in waiting for the answer to one emotion's question (for tests, benches)."""
        ci = cls(settings)
        ci._stage = "question"
        ci._index = ORDER.index(emotion)
        return ci

    @classmethod
    def waiting(cls, at: str, settings: Settings | None = None) -> CheckIn:
        """A check-in waiting at a prompt: an emotion, "share" or "safety_check" (for benches)."""
        if at in ORDER:
            return cls.at(Emotion(at), settings)
        ci = cls(settings)
        ci._stored = True
        if at == "share":
            ci._stage, ci._index = "share", len(ORDER)
        elif at == "safety_check":
            ci._enter_crisis("safety_check", "question")
        else:
            raise ValueError(f"no prompt {at!r}: one of mad, sad, glad, fear, share, safety_check")
        return ci

    # -- what the runner reads -------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        """The check-in is over."""
        return self._stage == "done"

    @property
    def asking(self) -> Emotion | None:
        """The emotion whose question awaits an answer, if any."""
        return ORDER[self._index] if self._stage == "question" else None

    @property
    def expecting(self) -> str:
        """What comes next: "answer", "share", "safety", "safety_check" or "done"."""
        if self._stage in ("share", "safety", "safety_check", "done"):
            return self._stage
        return "answer"

    @property
    def crisis_text(self) -> str:
        """Where to find immediate human help, from the locale or the settings."""
        if self.settings.crisis_line:
            return self.lang.settings["crisis_text_custom"].format(
                crisis_line=self.settings.crisis_line
            )
        return self.lang.settings["crisis_text"]

    # -- inputs ----------------------------------------------------------------------------------

    def start(self) -> Outcome:
        """Greet, then ask the opener (if enabled) or the first question."""
        step = _Step()
        if self.settings.name:
            text = self.lang.phrases.pick("greeting", self.rng, name=self.settings.name)
        else:
            text = self.lang.phrases.pick("greeting.anonymous", self.rng)
        step.acts.append(Act(ActKind.GREETING, text))
        if self.settings.opener:
            self._stage = "opener"
            step.acts.append(Act(ActKind.OPENER, self._opener_text(), listening=True))
        else:
            self._stage = "question"
            self._index = 0
            step.acts.append(self._question(ORDER[0]))
        return self._out(step)

    def hear(self, heard: Heard) -> Outcome:
        """Handle one reply."""
        step = _Step()
        if self._stage == "opener":
            self._hear_opener(heard, step)
        elif self._stage == "question":
            self._hear_answer(heard, step)
        elif self._stage == "share":
            self._hear_share(heard, step)
        elif self._stage == "safety":
            self._hear_safety(heard, step)
        elif self._stage == "safety_check":
            self._hear_safety_check(heard, step)
        return self._out(step)

    def silence(self) -> Outcome:
        """The speaker said nothing: re-ask once, then move on."""
        step = _Step()
        self._silences += 1
        if self._stage == "opener":
            if self._silences == 1:
                step.acts.append(self._reprompt(self._opener_text(), None))
            else:
                self._advance(step, first=True)
        elif self._stage == "question":
            emotion = ORDER[self._index]
            if self._holding and self._silences == 1:
                # They asked for a moment: keep waiting, without asking the question again.
                step.acts.append(Act(ActKind.HOLD, self._fresh("hold.still"), emotion,
                                     listening=True))
            elif self._silences == 1 or (self._holding and self._silences == 2):
                pending = self._last_nudge if self._nudged else self._question_text(emotion)
                step.acts.append(self._reprompt(pending, emotion))
            else:
                text = self._fresh("acknowledge.silence")
                step.acts.append(Act(ActKind.ACKNOWLEDGE, text, emotion))
                if not self._nudged:
                    step.answers.append(Answer(emotion, emotion, AnswerKind.SKIPPED, "", text))
                    self._stored = True
                self._advance(step)
        elif self._stage == "share":
            if self._silences == 1:
                step.acts.append(self._reprompt(self.lang.phrases.first("share_prompt"), None))
            else:
                self._close(step, "closing.private", share=False)
        elif self._stage == "safety":
            self._unclear_safety(step)
        elif self._stage == "safety_check":
            # No answer to a direct question about suicide is treated as a yes.
            self._safety(Heard(""), self._crisis_asked(), step, resume=self._resume)
        return self._out(step)

    def end_of_input(self) -> Outcome:
        """Input ended (EOF, Ctrl-C): close kindly, keep what was said, share nothing."""
        step = _Step()
        if self._stage != "done":
            self._close(step, "closing.stop", share=False)
            step.command = Command.END_OF_INPUT
        return self._out(step)

    # -- stages ----------------------------------------------------------------------------------

    def _hear_opener(self, heard: Heard, step: _Step) -> None:
        got = understand(heard.text, "opener", self.settings.locale)
        if self._crisis_step(got, heard, ORDER[0], step, resume="question"):
            return
        if got.intent == Intent.STOP:
            self._close(step, "closing.stop", share=False)
            step.command = Command.STOP
        elif got.intent in (Intent.REPEAT, Intent.PRIVATE, Intent.HOLD, Intent.QUESTION):
            if got.intent == Intent.QUESTION:
                step.acts.append(self._answer_back(got, None))
            step.acts.append(Act(ActKind.OPENER, self._opener_text(), listening=True))
        elif got.intent == Intent.FEELING:
            step.opener = heard.text
            step.acts.append(self._empathy(got, heard))
            self._advance(step, first=True)
        else:
            if got.intent not in (Intent.SKIP, Intent.NOTHING):
                step.opener = heard.text
            name = {Intent.SKIP: "acknowledge.skip", Intent.NOTHING: "acknowledge.nothing",
                    Intent.UNSURE: "acknowledge.unsure"}.get(got.intent, "acknowledge.outer")
            step.acts.append(Act(ActKind.ACKNOWLEDGE, self._fresh(name)))
            self._advance(step, first=True)

    def _pending(self, asked: Emotion) -> Act:
        """The question (or nudge) waiting for an answer, asked again as it was."""
        if self._nudged:
            return Act(ActKind.NUDGE, self._last_nudge, asked, listening=True)
        return self._question(asked)

    def _hear_answer(self, heard: Heard, step: _Step) -> None:
        asked = ORDER[self._index]
        got = understand(heard.text, str(asked), self.settings.locale)
        cont = self._nudged
        if self._crisis_step(got, heard, asked, step, resume="question"):
            return
        intent = got.intent
        if intent == Intent.STOP:
            self._close(step, "closing.stop", share=False)
            step.command = Command.STOP
            return
        if intent == Intent.REPEAT:
            pending = self._last_nudge if self._nudged else self._question_text(asked)
            text = self._fresh("repeat", question=pending)
            kind = ActKind.NUDGE if self._nudged else ActKind.QUESTION
            step.acts.append(Act(kind, text, asked, listening=True))
            step.command = Command.REPEAT
            return
        if intent == Intent.HOLD:
            self._silences = 0
            self._holding = True
            step.acts.append(Act(ActKind.HOLD, self._fresh("hold"), asked, listening=True))
            step.command = Command.HOLD
            return
        if intent == Intent.QUESTION:
            step.acts.append(self._answer_back(got, asked))
            step.acts.append(self._pending(asked))
            step.command = Command.QUESTION
            return
        if intent == Intent.PRIVATE:
            step.make_private = self._stored
            step.acts.append(Act(ActKind.ACKNOWLEDGE, self._fresh("acknowledge.private"), asked))
            step.acts.append(self._pending(asked))
            step.command = Command.PRIVATE
            return
        if intent == Intent.SKIP:
            text = self._fresh("acknowledge.skip")
            step.acts.append(Act(ActKind.ACKNOWLEDGE, text, asked))
            if not self._nudged:
                step.answers.append(Answer(asked, asked, AnswerKind.SKIPPED, "", text))
                self._stored = True
            step.command = Command.SKIP
            self._advance(step)
            return
        if intent == Intent.OUTER and not self._nudged:
            text = self._fresh("nudge")
            self._last_nudge = text
            self._nudged = True
            self._silences = 0
            step.acts.append(Act(ActKind.NUDGE, text, asked, listening=True))
            step.answers.append(self._answer(asked, asked, AnswerKind.OUTER, heard, text, 0, False,
                                             private=got.private))
            return
        if intent == Intent.FEELING:
            act = self._empathy(got, heard)
            step.acts.append(act)
            step.answers.append(self._answer(asked, got.emotions[0], AnswerKind.FEELING, heard,
                                             act.text, got.intensity, cont, private=got.private))
        else:
            # nothing, unsure, outer after a nudge, or unclear: a plain acknowledgement.
            plain: dict[Intent, tuple[str, AnswerKind]] = {
                Intent.NOTHING: ("acknowledge.nothing", AnswerKind.NOTHING),
                Intent.UNSURE: ("acknowledge.unsure", AnswerKind.UNSURE),
            }
            name, answer_kind = plain.get(intent, ("acknowledge.outer", AnswerKind.OUTER))
            text = self._fresh(name)
            step.acts.append(Act(ActKind.ACKNOWLEDGE, text, asked))
            step.answers.append(self._answer(asked, asked, answer_kind, heard, text, 0, cont,
                                             private=got.private))
        if got.private:
            step.acts.append(Act(ActKind.ACKNOWLEDGE, self._fresh("acknowledge.private"), asked))
        self._advance(step)

    def _answer_back(self, got: Understood, asked: Emotion | None) -> Act:
        """An honest short answer to a question back (what is kept, who hears it, why, skip)."""
        name = _ANSWERS.get(got.topic or "", "answer.other")
        return Act(ActKind.ANSWER, self._fresh(name), asked)

    def _hear_share(self, heard: Heard, step: _Step) -> None:
        got = understand(heard.text, "share", self.settings.locale)
        if self._crisis_step(got, heard, ORDER[-1], step, resume="share"):
            return
        if got.intent == Intent.NO:
            self._close(step, "closing.private", share=False)
        elif got.intent == Intent.YES and got.confidence >= SHARE_YES:
            self._close(step, "closing.shared", share=True)
        elif got.intent == Intent.STOP:
            self._close(step, "closing.stop", share=False)
            step.command = Command.STOP
        elif got.intent == Intent.PRIVATE:
            step.make_private = self._stored
            step.acts.append(Act(ActKind.ACKNOWLEDGE, self._fresh("acknowledge.private")))
            step.acts.append(self._share_prompt())
            step.command = Command.PRIVATE
        elif got.intent == Intent.QUESTION:
            step.acts.append(self._answer_back(got, None))
            step.acts.append(self._share_prompt())
            step.command = Command.QUESTION
        elif got.intent in (Intent.REPEAT, Intent.HOLD):
            step.acts.append(self._share_prompt())
            step.command = Command(got.intent)
        elif self._tries == 0:
            # Unsure or unclear: ask once more, plainly.
            self._tries = 1
            step.acts.append(Act(ActKind.SHARE_PROMPT, self._fresh("share_prompt.again"),
                                 listening=True))
        else:
            self._close(step, "closing.private", share=False)

    def _hear_safety(self, heard: Heard, step: _Step) -> None:
        toks = tokens(heard.text)
        loc = self.settings.locale
        if crisis_tier(heard.text, loc) == 1:
            self._safety(heard, self._crisis_asked(), step, resume=self._resume)
        elif matches(toks, "private", loc, slack=2):
            # No promise of secrecy on a crisis turn: point to people who can help instead.
            text = self._fresh("acknowledge.private.crisis", crisis_text=self.crisis_text)
            step.acts.append(Act(ActKind.ACKNOWLEDGE, text))
            step.acts.append(Act(ActKind.REPROMPT, self._fresh("safety.again"), listening=True))
        elif matches(toks, "stop", loc, slack=2):
            self._close(step, "closing.safety", share=False)
        elif matches(toks, "continue", loc, slack=2) or matches(toks, "no", loc, slack=2):
            self._resume_after_crisis(step, "acknowledge.continue")
        elif matches(toks, "yes", loc, slack=2):
            self._close(step, "closing.safety", share=False)
        else:
            # "Would you like to stop here?" in everyday words: the model's yes or no, when sure.
            got = understand(heard.text, "safety_check", loc)
            if got.intent == Intent.SAFETY:
                self._safety(heard, self._crisis_asked(), step, resume=self._resume)
            elif got.intent == Intent.YES and got.confidence >= NO_AT_CHECK:
                self._close(step, "closing.safety", share=False)
            elif got.intent == Intent.NO and got.confidence >= NO_AT_CHECK:
                self._resume_after_crisis(step, "acknowledge.continue")
            else:
                self._unclear_safety(step)

    def _hear_safety_check(self, heard: Heard, step: _Step) -> None:
        """The reply to "are you having thoughts of ending your life?": only a clear no goes on."""
        got = understand(heard.text, "safety_check", self.settings.locale)
        clear_no = got.intent == Intent.NO and got.confidence >= NO_AT_CHECK
        if got.intent not in (Intent.SAFETY, Intent.SAFETY_CHECK) and (
                clear_no or (_clear_no(heard.text)
                             and got.intent not in (Intent.YES, Intent.UNSURE))):
            self._resume_after_crisis(step, "safety_check.no")
        else:
            # Yes, more words of crisis, or anything unclear: treated as a yes.
            self._safety(heard, self._crisis_asked(), step, resume=self._resume)

    def _resume_after_crisis(self, step: _Step, name: str) -> None:
        step.acts.append(Act(ActKind.ACKNOWLEDGE, self._fresh(name, crisis_text=self.crisis_text)))
        if self._resume == "share":
            self._stage = "share"
            self._tries = 0
            self._silences = 0
            step.acts.append(self._share_prompt())
        else:
            self._stage = "question"
            self._advance(step)

    def _unclear_safety(self, step: _Step) -> None:
        if self._tries == 0:
            self._tries = 1
            text = self._fresh("safety.again")
            step.acts.append(Act(ActKind.REPROMPT, text, listening=True))
        else:
            # No clear wish to go on: end gently, with the help line said once more.
            self._close(step, "closing.safety", share=False)

    # -- helpers ---------------------------------------------------------------------------------

    def _crisis_step(self, got: Understood, heard: Heard, asked: Emotion, step: _Step,
                     resume: str) -> bool:
        """Words of crisis (tier 1) get the safety act, hopeless ones (tier 2) the safety check."""
        if got.intent == Intent.SAFETY:
            self._safety(heard, asked, step, resume)
        elif got.intent == Intent.SAFETY_CHECK:
            self._safety_check(heard, asked, step, resume)
        return got.intent in (Intent.SAFETY, Intent.SAFETY_CHECK)

    def _crisis_asked(self) -> Emotion:
        return ORDER[min(self._index, len(ORDER) - 1)]

    def _safety(self, heard: Heard, asked: Emotion, step: _Step, resume: str) -> None:
        text = self._fresh("safety", crisis_text=self.crisis_text)
        step.acts.append(Act(ActKind.SAFETY, text, listening=True))
        if heard.text.strip():
            step.answers.append(self._answer(asked, asked, AnswerKind.SAFETY, heard, text, 0,
                                             False, private=True))
        step.safety = Safety.LINE
        self._enter_crisis("safety", resume)

    def _safety_check(self, heard: Heard, asked: Emotion, step: _Step, resume: str) -> None:
        text = self._fresh("safety_check")
        step.acts.append(Act(ActKind.SAFETY_CHECK, text, listening=True))
        step.answers.append(self._answer(asked, asked, AnswerKind.SAFETY_CHECK, heard, text, 0,
                                         False, private=True))
        step.safety = Safety.CHECK
        self._enter_crisis("safety_check", resume)

    def _enter_crisis(self, stage: str, resume: str) -> None:
        self._crisis = True
        self._stage = stage
        self._resume = resume
        self._tries = 0
        self._silences = 0

    def _fresh(self, name: str, /, **values: str) -> str:
        """A variant of a phrase with no sentence said before in this check-in.

        The question it may carry ({question}) is the one sentence that can be said again.
        """
        allowed = set(sentences(values.get("question", "")))
        said = {x for text in self._used for x in sentences(text)} - allowed
        options = self.lang.phrases.fresh(name, self.rng, (), **values)
        fresh = [t for t in options if not said & set(sentences(t))]
        text = (fresh or sorted(options, key=lambda t: len(said & set(sentences(t)))))[0]
        self._used.add(text)
        return text

    def _empathy(self, got: Understood, heard: Heard) -> Act:
        emotion = got.emotions[0]
        # Quote only what was surely meant: not sarcasm, idioms, or an answer asked to be private.
        quote = not (got.sarcasm or got.idiom or got.private) and got.confidence >= QUOTE
        felt = Felt(emotion, got.intensity, got.hit, got.tokens, quote_cause=quote,
                    also=got.emotions[1:])
        text = reply(felt, self.lang, self.rng, self._used, doubtful(heard.words))
        self._used.add(text)
        return Act(ActKind.EMPATHY, text, emotion)

    def _answer(self, asked: Emotion, emotion: Emotion, kind: AnswerKind, heard: Heard,
                reply_text: str, intensity: int, cont: bool, private: bool = False) -> Answer:
        self._stored = True
        return Answer(asked, emotion, kind, heard.text, reply_text, heard.words, intensity, cont,
                      private)

    def _advance(self, step: _Step, first: bool = False) -> None:
        """Move to the next question (or the first, after the opener), or to the share prompt."""
        self._index = 0 if first else self._index + 1
        self._stage = "question"
        self._nudged = False
        self._holding = False
        self._silences = 0
        if self._index < len(ORDER):
            step.acts.append(self._question(ORDER[self._index]))
        else:
            self._stage = "share"
            self._tries = 0
            step.acts.append(self._share_prompt())

    def _close(self, step: _Step, name: str, share: bool) -> None:
        if self._crisis:
            # After words of crisis: never a cheery closing, always the crisis line again.
            name = {"closing.shared": "closing.crisis.shared",
                    "closing.private": "closing.crisis.private"}.get(name, "closing.safety")
        text = self._fresh(name, crisis_text=self.crisis_text)
        step.acts.append(Act(ActKind.CLOSING, text))
        step.share = share
        self._stage = "done"

    def _question_text(self, emotion: Emotion) -> str:
        return self.lang.phrases.first(f"question.{emotion}")

    def _question(self, emotion: Emotion) -> Act:
        return Act(ActKind.QUESTION, self._question_text(emotion), emotion, listening=True)

    def _opener_text(self) -> str:
        return self.lang.phrases.first("opener")

    def _share_prompt(self) -> Act:
        return Act(ActKind.SHARE_PROMPT, self.lang.phrases.first("share_prompt"), listening=True)

    def _reprompt(self, pending: str, emotion: Emotion | None) -> Act:
        text = self._fresh("reprompt", question=pending)
        return Act(ActKind.REPROMPT, text, emotion, listening=True)

    def _out(self, step: _Step) -> Outcome:
        self._used.update(a.text for a in step.acts)
        done = self._stage == "done"
        return Outcome(tuple(step.acts), tuple(step.answers), step.make_private, step.share, done,
                       step.command, step.opener, step.safety)


_NO_WORDS = frozenset({"no", "nope", "nah", "not", "never", "noo", "nooo"})
_YES_HINTS = frozenset({"yes", "yeah", "yep", "sometimes", "maybe", "kind", "sort", "bit", "little",
                        "but", "honestly", "guess", "idk", "know", "unsure"})


def _clear_no(text: str) -> bool:
    """A plain no to the safety check ("no, I just meant I'm exhausted"); anything else is not."""
    toks = [t for t in tokens(text) if t != ","]
    return bool(toks) and toks[0] in _NO_WORDS and not (_YES_HINTS & set(toks[:4]))
