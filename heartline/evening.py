"""The evening assistant: waits for each person's hour, invites the check-in aloud, listens.

One recognizer and one Listener serve the whole process: the invitation, the check-in that
follows it and the wake phrase all hear the same stream, so nothing is lost between them.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import IO, BinaryIO

from dialogs.acts import Act
from dialogs.evening import heard_reply
from dialogs.grammar import is_wake, short_replies, wake_grammar, who_replies
from dialogs.invitation import Action, InvitationDialog, Listening, Step, display_name
from store import Store
from voice.microphone import Microphone
from voice.recognizers import Recognizer
from voice.sources import Listener, NoAnswer

from . import schedule as sched
from .clock import Clock, SystemClock
from .listening import SHORT_REPLY_GRAMMARS, ListenOptions, SpeechReplies, open_listener
from .prompts import Prompts
from .runner import SILENCE, Output, Reply, Silence, TurnLog, Voice
from .session import checkin_session, load_recognizer, make_voice


@dataclass(frozen=True, kw_only=True)
class EveningOptions(ListenOptions):
    """How the evening assistant runs, as the CLI was asked (speak None: aloud)."""

    person: str | None = None
    """Only this person's prompts (and who the wake phrase checks in); None: everyone's."""
    once: bool = False
    """Make one invitation now and exit."""
    wake: bool = True
    """Listen for the wake phrase while waiting."""
    tick_s: float = 30.0
    """Longest wait before the clock is read again (a suspended machine wakes to a new time)."""


@dataclass
class EveningLog:
    """What happened in one run, for tests and benchmarks."""

    invitations: int = 0
    """Invitations spoken."""
    snoozes: list[datetime] = field(default_factory=list)
    """When each snooze will ask again."""
    checkins: list[TurnLog] = field(default_factory=list)
    """Each check-in run."""
    wakes: int = 0
    """Wake phrases heard."""


class EveningOutput(Output):
    """The conversation as printed: check-in lines plus snoozes with the time they end."""

    def snooze(self, act: Act, at: datetime) -> None:
        if self._json:
            self._write({**act.as_dict(), "emotion": None, "listening": False,
                         "at": at.isoformat(timespec="minutes")})
        else:
            self._line(f"Heartline: {act.text}")


class Evening:
    """The assistant's loop over one shared listener."""

    def __init__(
        self,
        *,
        store: Store,
        listener: Listener,
        microphone: Microphone | None,
        voice: Voice,
        stdout: IO[str],
        as_json: bool,
        engine: str,
        clock: Clock,
        tz: tzinfo,
        person: str | None = None,
        wake: bool = True,
        seed: int | None = None,
        tick_s: float = 30.0,
    ) -> None:
        self._store = store
        self._prompts = Prompts(store, tz, person)
        self._listener = listener
        self._replies = SpeechReplies(listener, microphone)
        self._voice = voice
        self._stdout = stdout
        self._json = as_json
        self._engine = engine
        self._clock = clock
        self._tz = tz
        self._person = person
        self._wake = wake
        self._rng = random.Random(seed if seed is not None else time.time_ns())
        self._tick_s = tick_s
        self._spoken = 0
        self._invitation_grammar = tuple(short_replies("invitation"))
        self._wake_grammar = tuple(wake_grammar())
        self.log = EveningLog()
        self._prepare_searches()

    def _prepare_searches(self) -> None:
        """Build every search the evening will use now, while loading, not mid-evening.

        An engine builds a grammar or language-model search the first time a stream uses it:
        doing that up front keeps memory flat once the evening runs and the first reply quick.
        """
        quiet = bytes(3200)  # 0.1 s of silence at 16 kHz
        recognizer = self._listener.recognizer
        for grammar in (None, self._invitation_grammar, self._wake_grammar,
                        *SHORT_REPLY_GRAMMARS.values()):
            stream = recognizer.stream(grammar)
            try:
                stream.accept(quiet)
                stream.result()
            finally:
                stream.close()

    # -- the loop --------------------------------------------------------------------------------

    def run(self) -> EveningLog:
        """Prompt at each scheduled time, check in on the wake phrase; return when input ends."""
        while True:
            due = self._prompts.due(self._clock.now())
            if due:
                if not self.invite(due):
                    break
                continue
            if not self._wait():
                break
        return self.log

    def once(self) -> EveningLog:
        """One invitation now, to the chosen person or everyone with a schedule."""
        today = sched.local_date(self._clock.now(), self._tz)
        people = [r.person for r in self._prompts.rows()] if self._person is None else [
            self._person]
        if not people:
            people = [_default_person()]
        self.invite([(p, sched.Due(sched.Reason.SCHEDULED, today)) for p in people])
        return self.log

    def _wait(self) -> bool:
        """Wait for the next prompt, a wake phrase, or a tick; False when input has ended."""
        now = self._clock.now()
        later = self._prompts.next_check(now, now + timedelta(seconds=self._tick_s))
        wait_s = (later - now.astimezone(UTC)).total_seconds()
        wait_s = min(self._tick_s, max(0.5, wait_s))
        if not self._wake:
            with self._replies.speaking():  # a microphone's input is dropped, not queued
                self._clock.sleep(wait_s)
            return True
        with self._no_answer_after(wait_s):
            event = self._listener.next_event(self._wake_grammar)
        if event is None:
            return False
        if isinstance(event, NoAnswer) or not is_wake(event.transcript.text):
            return True
        self.log.wakes += 1
        return self._wake_checkin(_reply(event.transcript.text, event))

    @contextmanager
    def _no_answer_after(self, seconds: float) -> Iterator[None]:
        saved = self._listener.no_answer_s
        self._listener.no_answer_s = seconds
        try:
            yield
        finally:
            self._listener.no_answer_s = saved

    # -- invitation ------------------------------------------------------------------------------

    def invite(self, due: Sequence[tuple[str, sched.Due]]) -> bool:
        """Invite the people due; False when input ended while listening."""
        people = [p for p, _ in due]
        days = {p: d.day for p, d in due}
        out = EveningOutput(self._stdout, as_json=self._json,
                            name=" or ".join(display_name(p) for p in people))
        self.log.invitations += 1
        return self._converse(InvitationDialog(people, self._rng), out, days, days.get)

    def _wake_checkin(self, heard: Reply) -> bool:
        """The wake phrase: check in whoever it is, asking who when several have a schedule."""
        rows = self._prompts.rows()
        out = EveningOutput(self._stdout, as_json=self._json, name="")
        out.user(heard, None)
        if self._person is not None:
            people = [self._person]
        else:
            people = [r.person for r in rows] or [_default_person()]
        if len(people) > 1:
            out = EveningOutput(self._stdout, as_json=self._json,
                                name=" or ".join(display_name(p) for p in people))
        scheduled = {r.person for r in rows}

        def day_for(person: str) -> date | None:  # today's prompt, if the person has one
            return sched.local_date(self._clock.now(), self._tz) if person in scheduled else None

        talk = InvitationDialog(people, self._rng, wake=True)
        return self._converse(talk, out, {}, day_for)

    def _converse(self, talk: InvitationDialog, out: EveningOutput, due: dict[str, date],
                  day_for: Callable[[str], date | None]) -> bool:
        """Say and hear until the invitation decides, then perform the decision.

        ``due`` are the prompts the decision answers (a decline, a snooze, letting it be);
        False when input ended before anything was decided.
        """
        step = talk.start()
        while step.action is Action.LISTEN:
            for act in step.acts:
                self._say(out, act)
            if step.expecting is Listening.INVITATION:
                got = self._hear(self._invitation_grammar)
            else:  # a name, or yes / later / no
                got = self._hear(tuple(who_replies(talk.people)))
            if got is None:
                step = talk.end_of_input()
            elif isinstance(got, Silence):
                out.silence()
                step = talk.silence()
            else:
                out.user(got, None)
                step = talk.heard(got.text)
        if step.action is Action.ENDED:
            return False
        if step.action is Action.CHECKIN:
            assert step.person is not None
            self.checkin(step.person, day_for(step.person))
        elif step.action is Action.SNOOZE:
            assert step.minutes is not None
            self._snooze(out, due, step)
        else:  # declined or let be: the day's prompt is answered either way
            self._prompts.answer(due)
            for act in step.acts:
                self._say(out, act)
        return True

    def _snooze(self, out: EveningOutput, days: dict[str, date], step: Step) -> None:
        assert step.minutes is not None
        now = self._clock.now()
        self._prompts.snooze(days, now, step.minutes)
        at = (now + timedelta(minutes=step.minutes)).astimezone(self._tz)
        self.log.snoozes.append(at)
        with self._replies.speaking():
            for act in step.acts:
                out.snooze(act, at)
                self._spoken += 1
                self._voice.say(act, self._spoken)

    # -- check-ins -------------------------------------------------------------------------------

    def checkin(self, person: str, day: date | None) -> TurnLog:
        """Run one check-in on the shared listener; the day's prompt counts as answered."""
        if day is not None:
            self._prompts.answer({person: day})
        session = checkin_session(
            store=self._store,
            person=person,
            source=self._replies,
            output=Output(self._stdout, as_json=self._json, name=display_name(person)),
            voice=self._voice,
            engine=self._engine,
            seed=self._rng.randrange(2**32),
        )
        log = session.run()
        self.log.checkins.append(log)
        return log

    # -- speaking and hearing --------------------------------------------------------------------

    def _say(self, out: Output, act: Act) -> None:
        with self._replies.speaking():
            out.assistant(act)
            self._spoken += 1
            self._voice.say(act, self._spoken)

    def _hear(self, grammar: Sequence[str]) -> Reply | Silence | None:
        event = self._listener.next_event(grammar)
        if event is None:
            return None
        if isinstance(event, NoAnswer):
            return SILENCE
        t = event.transcript
        if t.open_readings and grammar == self._invitation_grammar:
            # Both decoders read the reply: it counts when they agree in kind; one the grammar's
            # checks turned down may still be taken on the open model's reading.
            said = t.rejected if t.out_of_grammar else t.text
            taken = heard_reply(said, t.open_readings, accepted=not t.out_of_grammar,
                                phone_fit=t.phone_fit, gain=t.open_gain)
            if not taken:  # the decoders disagree: asked again, as for speech nobody heard
                return Reply("", heard_at=time.perf_counter())
            return _reply(taken, event)
        return _reply(t.text, event)


def _reply(text: str, event: object) -> Reply:
    words = getattr(getattr(event, "transcript", None), "words", ())
    return Reply(text, words=tuple((w.text, w.conf) for w in words),
                 heard_at=time.perf_counter())


def _default_person() -> str:
    import os

    return os.environ.get("HEARTLINE_AS", "me")


def run_evening(
    options: EveningOptions,
    *,
    stdin: BinaryIO | None = None,
    stdout: IO[str] | None = None,
    clock: Clock | None = None,
    tz: tzinfo | None = None,
    recognizer: Recognizer | None = None,
) -> EveningLog:
    """Run the evening assistant until its input ends (or one invitation with ``once``)."""
    stdout = stdout or sys.stdout
    with ExitStack() as stack:
        store = Store.open(options.db)  # an unwritable database fails before anything is said
        stack.callback(store.close)
        hearing = open_listener(
            stack, options, stdin=stdin if stdin is not None else sys.stdin.buffer,
            recognizer=lambda: recognizer or load_recognizer(options.engine, options.model),
        )
        evening = Evening(
            store=store,
            listener=hearing.listener,
            microphone=hearing.microphone,
            voice=make_voice(options.say_to, options.speak is not False, options.voice,
                             options.rate),
            stdout=stdout,
            as_json=options.as_json,
            engine=hearing.engine,
            clock=clock or SystemClock(),
            tz=tz or sched.local_zone(),
            person=options.person,
            wake=options.wake,
            seed=options.seed,
            tick_s=options.tick_s,
        )
        return evening.once() if options.once else evening.run()
    raise AssertionError("unreachable")
