"""The check-in state machine: greeting, four core-emotion questions, replies, share, closing.

Each reply is read here, stage by stage; the state and the moves the stages share (next question,
closing, the turns after words of crisis) are in dialogs/checkin_flow.py.
"""

from __future__ import annotations

from dialogs.acts import Act, ActKind, Answer, AnswerKind, Command, Emotion, Heard, Outcome
from dialogs.checkin_flow import ORDER, Expecting, Flow, Gathered, Settings, Stage
from dialogs.classify import crisis_tier
from dialogs.safety import AtCheck, AtOffer, read_check, read_offer
from dialogs.understand import Intent, Understood, understand

__all__ = ["ORDER", "SHARE_YES", "CheckIn", "Expecting", "Settings", "Stage"]

SHARE_YES = 0.6
"""Confidence needed to share on a yes: when unsure, ask again rather than share."""

UNSURE_NUDGE = 0.8
"""Confidence needed to read a reply as "I don't know" and offer one gentle nudge; below it, or
after a nudge, the answer is accepted as it is."""


class CheckIn(Flow):
    """One evening check-in, driven one reply at a time."""

    @classmethod
    def at(cls, emotion: Emotion, settings: Settings | None = None) -> CheckIn:
        """A check-in waiting for the answer to one emotion's question (for tests, benches)."""
        ci = cls(settings)
        ci._stage = Stage.QUESTION
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
            ci._stage, ci._index = Stage.SHARE, len(ORDER)
        elif at == "safety_check":
            ci._enter_crisis(Stage.SAFETY_CHECK, Stage.QUESTION)
        else:
            raise ValueError(f"no prompt {at!r}: one of mad, sad, glad, fear, share, safety_check")
        return ci

    # -- what the runner reads -------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        """The check-in is over."""
        return self._stage is Stage.DONE

    @property
    def stage(self) -> Stage:
        """Where the check-in is."""
        return self._stage

    @property
    def asking(self) -> Emotion | None:
        """The emotion whose question awaits an answer, if any."""
        return ORDER[self._index] if self._stage is Stage.QUESTION else None

    @property
    def expecting(self) -> Expecting:
        """What the next reply answers: an answer (opener or question), share, safety..."""
        if self._stage in (Stage.NEW, Stage.OPENER, Stage.QUESTION):
            return Expecting.ANSWER
        return Expecting(self._stage)

    # -- inputs ----------------------------------------------------------------------------------

    def start(self) -> Outcome:
        """Greet, then ask the opener (if enabled) or the first question."""
        step = Gathered()
        step.acts.append(self.lines.greeting(self.settings.name))
        if self.settings.opener:
            self._stage = Stage.OPENER
            step.acts.append(self.lines.opener())
        else:
            self._stage = Stage.QUESTION
            self._index = 0
            step.acts.append(self.lines.question(ORDER[0]))
        return self._out(step)

    def hear(self, heard: Heard) -> Outcome:
        """Handle one reply."""
        step = Gathered()
        if self._stage is Stage.OPENER:
            self._hear_opener(heard, step)
        elif self._stage is Stage.QUESTION:
            self._hear_answer(heard, step)
        elif self._stage is Stage.SHARE:
            self._hear_share(heard, step)
        elif self._stage is Stage.SAFETY:
            self._hear_safety(heard, step)
        elif self._stage is Stage.SAFETY_CHECK:
            self._hear_safety_check(heard, step)
        return self._out(step)

    def silence(self) -> Outcome:
        """The speaker said nothing: re-ask once, then move on."""
        step = Gathered()
        self._silences += 1
        if self._stage is Stage.OPENER:
            if self._silences == 1:
                step.acts.append(self.lines.reprompt(self.lines.opener_text(), None))
            else:
                self._advance(step, first=True)
        elif self._stage is Stage.QUESTION:
            emotion = ORDER[self._index]
            if self._holding and self._silences == 1:
                # They asked for a moment: keep waiting, without asking the question again.
                step.acts.append(Act(ActKind.HOLD, self._fresh("hold.still"), emotion,
                                     listening=True))
            elif self._silences == 1 or (self._holding and self._silences == 2):
                pending = self._last_nudge if self._nudged else self.lines.question_text(emotion)
                step.acts.append(self.lines.reprompt(pending, emotion))
            else:
                text = self._fresh("acknowledge.silence")
                step.acts.append(Act(ActKind.ACKNOWLEDGE, text, emotion))
                if not self._nudged:
                    step.answers.append(Answer(emotion, emotion, AnswerKind.SKIPPED, "", text))
                    self._stored = True
                self._advance(step)
        elif self._stage is Stage.SHARE:
            if self._silences == 1:
                step.acts.append(self.lines.reprompt(self.lang.phrases.first("share_prompt"), None))
            else:
                self._close(step, "closing.private", share=False)
        elif self._stage is Stage.SAFETY:
            self._unclear_safety(step)
        elif self._stage is Stage.SAFETY_CHECK:
            # No answer to a direct question about suicide is treated as a yes.
            self._safety(Heard(""), self._crisis_asked(), step, resume=self._resume)
        return self._out(step)

    def end_of_input(self) -> Outcome:
        """Input ended (EOF, Ctrl-C): close kindly, keep what was said, share nothing."""
        step = Gathered()
        if self._stage is not Stage.DONE:
            self._close(step, "closing.stop", share=False)
            step.command = Command.END_OF_INPUT
        return self._out(step)

    # -- stages ----------------------------------------------------------------------------------

    def _hear_opener(self, heard: Heard, step: Gathered) -> None:
        got = understand(heard.text, "opener", self.settings.locale)
        if self._crisis_step(got, heard, ORDER[0], step, resume=Stage.QUESTION):
            return
        if got.intent == Intent.STOP:
            self._close(step, "closing.stop", share=False)
            step.command = Command.STOP
        elif got.intent in (Intent.REPEAT, Intent.PRIVATE, Intent.HOLD, Intent.QUESTION):
            if got.intent == Intent.QUESTION:
                step.acts.append(self.lines.answer_back(got, None))
            step.acts.append(self.lines.opener())
        elif got.intent == Intent.FEELING:
            step.opener = heard.text
            step.acts.append(self.lines.empathy(got, heard))
            self._advance(step, first=True)
        else:
            if got.intent not in (Intent.SKIP, Intent.NOTHING):
                step.opener = heard.text
            name = {Intent.SKIP: "acknowledge.skip", Intent.NOTHING: "acknowledge.nothing",
                    Intent.UNSURE: "acknowledge.unsure"}.get(got.intent, "acknowledge.outer")
            step.acts.append(Act(ActKind.ACKNOWLEDGE, self._fresh(name)))
            self._advance(step, first=True)

    def _hear_answer(self, heard: Heard, step: Gathered) -> None:
        asked = ORDER[self._index]
        got = understand(heard.text, str(asked), self.settings.locale)
        cont = self._nudged
        if self._crisis_step(got, heard, asked, step, resume=Stage.QUESTION):
            return
        intent = got.intent
        if intent == Intent.STOP:
            self._close(step, "closing.stop", share=False)
            step.command = Command.STOP
            return
        if intent == Intent.REPEAT:
            pending = self._last_nudge if self._nudged else self.lines.question_text(asked)
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
            step.acts.append(self.lines.answer_back(got, asked))
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
        if not self._nudged and (intent == Intent.OUTER or self._unsure(got)):
            # One gentle nudge: from what happened to what was felt, or past "I don't know".
            # What was said is stored now, and the reply to the nudge continues it.
            unsure = intent == Intent.UNSURE
            lines = "nudge.unsure" if unsure else "nudge.glad" if got.bright else "nudge"
            text = self._fresh(lines)
            self._last_nudge = text
            self._nudged = True
            self._silences = 0
            step.acts.append(Act(ActKind.NUDGE, text, asked, listening=True))
            stored = AnswerKind.UNSURE if unsure else AnswerKind.OUTER
            step.answers.append(self._answer(asked, asked, stored, heard, text, 0, False,
                                             private=got.private))
            return
        step.make_private = got.keeps_before and self._stored
        if intent == Intent.FEELING:
            act = self.lines.empathy(got, heard)
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

    @staticmethod
    def _unsure(got: Understood) -> bool:
        """A clear "I don't know", worth one nudge (a reply led by a plain no is read as an
        answer, not as unsure: dialogs/understand.py)."""
        return got.intent == Intent.UNSURE and got.confidence >= UNSURE_NUDGE

    def _hear_share(self, heard: Heard, step: Gathered) -> None:
        got = understand(heard.text, "share", self.settings.locale)
        if self._crisis_step(got, heard, ORDER[-1], step, resume=Stage.SHARE):
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
            step.acts.append(self.lines.share_prompt())
            step.command = Command.PRIVATE
        elif got.intent == Intent.QUESTION:
            step.acts.append(self.lines.answer_back(got, None))
            step.acts.append(self.lines.share_prompt())
            step.command = Command.QUESTION
        elif got.intent in (Intent.REPEAT, Intent.HOLD):
            step.acts.append(self.lines.share_prompt())
            step.command = Command(got.intent)
        elif self._tries == 0:
            # Unsure or unclear: ask once more, plainly.
            self._tries = 1
            step.acts.append(Act(ActKind.SHARE_PROMPT, self._fresh("share_prompt.again"),
                                 listening=True))
        else:
            self._close(step, "closing.private", share=False)

    def _hear_safety(self, heard: Heard, step: Gathered) -> None:
        """The reply to the safety offer ("Would you like to stop here?")."""
        later = self._index + 1
        next_at = (str(ORDER[later])
                   if self._resume is Stage.QUESTION and later < len(ORDER) else None)
        wish = read_offer(heard.text, self.settings.locale, next_at)
        if wish is AtOffer.CRISIS:
            self._safety(heard, self._crisis_asked(), step, resume=self._resume)
        elif wish is AtOffer.PRIVATE:
            # No promise of secrecy on a crisis turn: point to people who can help instead.
            text = self._fresh("acknowledge.private.crisis", crisis_text=self.crisis_text)
            step.acts.append(Act(ActKind.ACKNOWLEDGE, text))
            step.acts.append(Act(ActKind.REPROMPT, self._fresh("safety.again"),
                                 listening=True))
        elif wish is AtOffer.STOP:
            self._close(step, "closing.safety", share=False)
        elif wish is AtOffer.GO_ON:
            self._resume_after_crisis(step, "acknowledge.continue")
        elif wish is AtOffer.ANSWER:
            self._resume_after_crisis(step, "acknowledge.continue")
            if self._stage is Stage.QUESTION and step.acts and step.acts[-1].listening:
                step.acts.pop()  # the reply already answers the question just put
                self._hear_answer(heard, step)
        else:
            self._unclear_safety(step)

    def _take_aside(self, step: Gathered) -> None:
        """The everyday answers given at the safety check, as answers to the questions after it."""
        step.acts.append(Act(ActKind.ACKNOWLEDGE, self._fresh("safety_check.elsewhere",
                                                               crisis_text=self.crisis_text)))
        aside, self._aside = self._aside, []
        self._advance(step)
        for k, said in enumerate(aside):
            if self._stage is not Stage.QUESTION:
                break  # no question left for it: the share prompt stands
            step.acts.pop()  # this answer answers the question just put
            self._hear_answer(said, step)
            if k == len(aside) - 1 or not step.acts or not step.acts[-1].listening:
                break

    def _hear_safety_check(self, heard: Heard, step: Gathered) -> None:
        """The reply to "are you having thoughts of ending your life?": only a clear no goes on."""
        asked = "share" if self._resume is Stage.SHARE else str(self._crisis_asked())
        reading = read_check(heard.text, asked, self.settings.locale)
        if reading is AtCheck.NO:
            self._resume_after_crisis(step, "safety_check.no")
        elif reading is AtCheck.ELSEWHERE and self._tries == 0:
            # They went on answering as if not asked: ask once more, plainly, before a yes.
            self._tries = 1
            self._aside.append(heard)
            step.acts.append(Act(ActKind.SAFETY_CHECK, self._fresh("safety_check.again"),
                                 listening=True))
        elif (reading is AtCheck.ELSEWHERE and self._resume is Stage.QUESTION
              and not crisis_tier(self._checked, self.settings.locale)):
            # Asked twice, and twice they answered the next questions in everyday words with no
            # crisis in them, after words only the model took for hopelessness ("my dad died on
            # sunday, I'm heartbroken"): the line is said, and those answers are heard as what
            # they were. After hopeless words the rule net knows, it stays a yes.
            self._aside.append(heard)
            self._take_aside(step)
        else:
            # Yes, more words of crisis, or anything unclear: treated as a yes.
            self._safety(heard, self._crisis_asked(), step, resume=self._resume)

