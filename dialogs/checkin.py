"""The check-in state machine: greeting, four core-emotion questions, replies, share, closing."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from dialogs.acts import Act, ActKind, Answer, AnswerKind, Emotion, Heard, Outcome
from dialogs.classify import Category, Reading, classify, crisis_tier, matches
from dialogs.empathy import Felt, doubtful, reply
from dialogs.locale import Locale, load
from dialogs.text import tokens

ORDER: tuple[Emotion, ...] = (Emotion.MAD, Emotion.SAD, Emotion.GLAD, Emotion.FEAR)
"""The seed's order of the four core emotions (002: mad, sad, glad, fear)."""

_KIND = {
    Category.NOTHING: AnswerKind.NOTHING,
    Category.UNSURE: AnswerKind.UNSURE,
    Category.OUTER: AnswerKind.OUTER,
}


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
    extras: dict[str, str] = field(default_factory=dict)


class CheckIn:
    """One evening check-in, driven one reply at a time."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.lang: Locale = load(self.settings.locale)
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

    @classmethod
    def at(cls, emotion: Emotion, settings: Settings | None = None) -> CheckIn:
        """A check-in waiting for the answer to one emotion's question (for tests, benches)."""
        ci = cls(settings)
        ci._stage = "question"
        ci._index = ORDER.index(emotion)
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
            if self._silences == 1:
                pending = self._nudge_text() if self._nudged else self._question_text(emotion)
                step.acts.append(self._reprompt(pending, emotion))
            else:
                text = self.lang.phrases.pick("acknowledge.silence", self.rng)
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
            step.extras["command"] = "end_of_input"
        return self._out(step)

    # -- stages ----------------------------------------------------------------------------------

    def _hear_opener(self, heard: Heard, step: _Step) -> None:
        reading = classify(heard.text, None, self.settings.locale)
        cat = reading.category
        if self._crisis_step(heard, ORDER[0], step, resume="question"):
            return
        if cat == Category.STOP:
            self._close(step, "closing.stop", share=False)
            step.extras["command"] = "stop"
        elif cat in (Category.REPEAT, Category.PRIVATE):
            step.acts.append(Act(ActKind.OPENER, self._opener_text(), listening=True))
        elif cat == Category.FEELING and reading.emotion is not None:
            step.extras["opener"] = heard.text
            step.acts.append(self._empathy(reading, heard, quote=True))
            self._advance(step, first=True)
        else:
            if heard.text.strip() and cat not in (Category.SKIP, Category.NOTHING):
                step.extras["opener"] = heard.text
            name = "acknowledge.outer" if cat in (Category.OUTER, Category.FALLBACK) else (
                "acknowledge.skip" if cat == Category.SKIP else "acknowledge.nothing")
            step.acts.append(Act(ActKind.ACKNOWLEDGE, self.lang.phrases.pick(name, self.rng)))
            self._advance(step, first=True)

    def _hear_answer(self, heard: Heard, step: _Step) -> None:
        asked = ORDER[self._index]
        reading = classify(heard.text, asked, self.settings.locale)
        cat = reading.category
        cont = self._nudged
        if self._crisis_step(heard, asked, step, resume="question"):
            return
        if cat == Category.STOP:
            self._close(step, "closing.stop", share=False)
            step.extras["command"] = "stop"
            return
        if cat == Category.REPEAT:
            pending = self._nudge_text() if self._nudged else self._question_text(asked)
            text = self.lang.phrases.pick("repeat", self.rng, question=pending)
            kind = ActKind.NUDGE if self._nudged else ActKind.QUESTION
            step.acts.append(Act(kind, text, asked, listening=True))
            step.extras["command"] = "repeat"
            return
        if cat == Category.PRIVATE:
            step.make_private = self._stored
            ack = self.lang.phrases.pick("acknowledge.private", self.rng)
            step.acts.append(Act(ActKind.ACKNOWLEDGE, ack, asked))
            if self._nudged:
                step.acts.append(Act(ActKind.NUDGE, self._nudge_text(), asked, listening=True))
            else:
                step.acts.append(self._question(asked))
            step.extras["command"] = "private"
            return
        if cat == Category.SKIP:
            text = self.lang.phrases.pick("acknowledge.skip", self.rng)
            step.acts.append(Act(ActKind.ACKNOWLEDGE, text, asked))
            if not self._nudged:
                step.answers.append(Answer(asked, asked, AnswerKind.SKIPPED, "", text))
                self._stored = True
            step.extras["command"] = "skip"
            self._advance(step)
            return
        if cat == Category.OUTER and not self._nudged:
            text = self._nudge_text()
            self._nudged = True
            self._silences = 0
            step.acts.append(Act(ActKind.NUDGE, text, asked, listening=True))
            step.answers.append(self._answer(asked, asked, AnswerKind.OUTER, heard, text, 0, False))
            return
        if cat in _KIND:
            name = {Category.NOTHING: "acknowledge.nothing", Category.UNSURE: "acknowledge.unsure",
                    Category.OUTER: "acknowledge.outer"}[cat]
            text = self.lang.phrases.pick(name, self.rng)
            step.acts.append(Act(ActKind.ACKNOWLEDGE, text, asked))
            step.answers.append(self._answer(asked, asked, _KIND[cat], heard, text, 0, cont))
        else:
            act = self._empathy(reading, heard, quote=cat == Category.FEELING)
            heard_emotion = reading.emotion or asked
            step.acts.append(act)
            step.answers.append(self._answer(asked, heard_emotion, AnswerKind.FEELING, heard,
                                             act.text, reading.intensity, cont))
        self._advance(step)

    def _hear_share(self, heard: Heard, step: _Step) -> None:
        toks = tokens(heard.text)
        loc = self.settings.locale
        if self._crisis_step(heard, ORDER[-1], step, resume="share"):
            return
        if matches(toks, "no", loc, slack=2):
            self._close(step, "closing.private", share=False)
        elif matches(toks, "yes", loc, slack=2):
            self._close(step, "closing.shared", share=True)
        elif matches(toks, "stop", loc, slack=2):
            self._close(step, "closing.stop", share=False)
            step.extras["command"] = "stop"
        elif matches(toks, "private", loc, slack=2):
            step.make_private = self._stored
            ack = self.lang.phrases.pick("acknowledge.private", self.rng)
            step.acts.append(Act(ActKind.ACKNOWLEDGE, ack))
            step.acts.append(self._share_prompt())
        elif matches(toks, "repeat", loc, slack=2):
            step.acts.append(self._share_prompt())
        elif self._tries == 0:
            self._tries = 1
            again = self.lang.phrases.pick("share_prompt.again", self.rng)
            step.acts.append(Act(ActKind.SHARE_PROMPT, again, listening=True))
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
            self._unclear_safety(step)

    def _hear_safety_check(self, heard: Heard, step: _Step) -> None:
        """The reply to "are you having thoughts of ending your life?": only a clear no goes on."""
        if crisis_tier(heard.text, self.settings.locale) == 0 and _clear_no(heard.text):
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
            text = self.lang.phrases.pick("safety.again", self.rng)
            step.acts.append(Act(ActKind.REPROMPT, text, listening=True))
        else:
            # No clear wish to go on: end gently, with the help line said once more.
            self._close(step, "closing.safety", share=False)

    # -- helpers ---------------------------------------------------------------------------------

    def _crisis_step(self, heard: Heard, asked: Emotion, step: _Step, resume: str) -> bool:
        """Words of crisis (tier 1) get the safety act, hopeless ones (tier 2) the safety check."""
        tier = crisis_tier(heard.text, self.settings.locale)
        if tier == 1:
            self._safety(heard, asked, step, resume)
        elif tier == 2:
            self._safety_check(heard, asked, step, resume)
        return tier > 0

    def _crisis_asked(self) -> Emotion:
        return ORDER[min(self._index, len(ORDER) - 1)]

    def _safety(self, heard: Heard, asked: Emotion, step: _Step, resume: str) -> None:
        text = self._fresh("safety", crisis_text=self.crisis_text)
        step.acts.append(Act(ActKind.SAFETY, text, listening=True))
        if heard.text.strip():
            step.answers.append(self._answer(asked, asked, AnswerKind.SAFETY, heard, text, 0,
                                             False, private=True))
        step.extras["safety"] = "true"
        self._enter_crisis("safety", resume)

    def _safety_check(self, heard: Heard, asked: Emotion, step: _Step, resume: str) -> None:
        text = self._fresh("safety_check")
        step.acts.append(Act(ActKind.SAFETY_CHECK, text, listening=True))
        step.answers.append(self._answer(asked, asked, AnswerKind.SAFETY_CHECK, heard, text, 0,
                                         False, private=True))
        step.extras["safety"] = "check"
        self._enter_crisis("safety_check", resume)

    def _enter_crisis(self, stage: str, resume: str) -> None:
        self._crisis = True
        self._stage = stage
        self._resume = resume
        self._tries = 0
        self._silences = 0

    def _fresh(self, name: str, /, **values: str) -> str:
        """A variant of a phrase not yet said in this check-in (two joined when all were said)."""
        options = self.lang.phrases.fresh(name, self.rng, self._used, **values)
        if options:
            text = options[0]
        else:
            every = [v.format(**values) for v in self.lang.phrases.all(name)]
            joined = [f"{a} {b}" for a in every for b in every if a != b]
            text = next((t for t in joined if t not in self._used), every[0])
        self._used.add(text)
        return text

    def _empathy(self, reading: Reading, heard: Heard, quote: bool) -> Act:
        emotion = reading.emotion or ORDER[self._index]
        felt = Felt(emotion, reading.intensity, reading.hit, reading.tokens, quote_cause=quote)
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

    def _nudge_text(self) -> str:
        return self.lang.phrases.pick("nudge", self.rng)

    def _opener_text(self) -> str:
        return self.lang.phrases.first("opener")

    def _share_prompt(self) -> Act:
        return Act(ActKind.SHARE_PROMPT, self.lang.phrases.first("share_prompt"), listening=True)

    def _reprompt(self, pending: str, emotion: Emotion | None) -> Act:
        text = self.lang.phrases.pick("reprompt", self.rng, question=pending)
        return Act(ActKind.REPROMPT, text, emotion, listening=True)

    def _out(self, step: _Step) -> Outcome:
        done = self._stage == "done"
        return Outcome(tuple(step.acts), tuple(step.answers), step.make_private, step.share, done,
                       dict(step.extras))


_NO_WORDS = frozenset({"no", "nope", "nah", "not", "never", "noo", "nooo"})
_YES_HINTS = frozenset({"yes", "yeah", "yep", "sometimes", "maybe", "kind", "sort", "bit", "little",
                        "but", "honestly", "guess", "idk", "know", "unsure"})


def _clear_no(text: str) -> bool:
    """A plain no to the safety check ("no, I just meant I'm exhausted"); anything else is not."""
    toks = [t for t in tokens(text) if t != ","]
    return bool(toks) and toks[0] in _NO_WORDS and not (_YES_HINTS & set(toks[:4]))
