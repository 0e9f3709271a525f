"""The evening assistant: waits for each person's hour, invites the check-in aloud, listens.

One recognizer and one Listener serve the whole process: the invitation, the check-in that
follows it and the wake phrase all hear the same stream, so nothing is lost between them.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import IO, Protocol

from dialogs.acts import Act, ActKind
from dialogs.evening import (
    Invitation,
    classify_invitation,
    decline_text,
    invitation_text,
    recognise_name,
    snooze_text,
    who_again_text,
    who_text,
)
from dialogs.grammar import is_wake, short_replies, wake_grammar, who_replies
from dialogs.locale import load
from store import Store
from store.schedules import ScheduleRow, Schedules
from voice.audio import read_wav_path
from voice.recognizers import Recognizer
from voice.sources import Listener, Microphone, NoAnswer, chunks_from_audio, chunks_from_raw

from . import schedule as sched
from .listening import SHORT_REPLY_GRAMMARS, SpeechReplies, end_of_turn
from .runner import SILENCE, Output, Reply, Silence, TurnLog, Voice
from .session import STDIN, checkin_session, load_recognizer, make_voice


class Clock(Protocol):
    """Where the assistant reads the time and how it waits (injected so tests control time)."""

    def now(self) -> datetime:
        """The current instant, timezone-aware."""
        ...

    def sleep(self, seconds: float) -> None:
        """Wait this long."""
        ...


class SystemClock:
    """The machine's clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def sleep(self, seconds: float) -> None:
        time.sleep(max(0.0, seconds))


class AudioClock:
    """Time as heard: ``start`` plus the seconds of audio the listener has consumed.

    Lets a recording stand for an evening: a prompt scheduled 10 minutes after ``start`` is made
    when the listener reaches minute 10 of the file.
    """

    def __init__(self, start: datetime, listener: Listener) -> None:
        self._start = start.astimezone(UTC)
        self._listener = listener

    def now(self) -> datetime:
        return self._start + timedelta(seconds=self._listener.position_s)

    def sleep(self, seconds: float) -> None:
        """Audio time only moves as audio is heard."""


@dataclass(frozen=True)
class EveningOptions:
    """How the evening assistant runs, as the CLI was asked."""

    db: Path
    """The database file."""
    person: str | None = None
    """Only this person's prompts (and who the wake phrase checks in); None: everyone's."""
    audio: str | None = None
    """A WAV file, "-" for raw 16 kHz 16-bit mono PCM on stdin, or None for the microphone."""
    once: bool = False
    """Make one invitation now and exit."""
    as_json: bool = False
    """Print JSON lines instead of a readable conversation."""
    say_to: Path | None = None
    """Write each spoken line as a numbered WAV into this directory."""
    speak: bool = True
    """Play speech aloud."""
    engine: str = "auto"
    """Speech recognition engine."""
    model: Path | None = None
    """Vosk model directory."""
    wake: bool = True
    """Listen for the wake phrase while waiting."""
    seed: int | None = None
    """Seed for phrase variety."""
    end_silence_s: float = 0.8
    """Trailing silence that ends an utterance."""
    no_answer_s: float = 7.0
    """Silence after a question before the assistant gently asks again."""
    tick_s: float = 30.0
    """Longest wait before the clock is read again (a suspended machine wakes to a new time)."""
    voice: str | None = None
    """eSpeak NG voice id (None: the en-us voice)."""
    rate: int | None = None
    """Speaking rate in words per minute (None: the default)."""


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


def display_name(person: str) -> str:
    """How a person is addressed: "sam" -> "Sam"."""
    return person[:1].upper() + person[1:]


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
        self._schedules = Schedules(store)
        self._listener = listener
        self._mic = microphone
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
            due = self._due(self._clock.now())
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
        people = [r.person for r in self._rows()] if self._person is None else [self._person]
        if not people:
            people = [_default_person()]
        self.invite([(p, sched.Due(sched.Reason.SCHEDULED, today)) for p in people])
        return self.log

    def _rows(self) -> list[ScheduleRow]:
        rows = self._schedules.all()
        if self._person is not None:
            want = " ".join(self._person.split()).lower()
            rows = [r for r in rows if r.person.lower() == want]
        return rows

    def _due(self, now: datetime) -> list[tuple[str, sched.Due]]:
        due: list[tuple[str, sched.Due]] = []
        for row in self._rows():
            state = sched.PromptState(row.handled_on, row.snooze_until)
            found, after = sched.check(_schedule(row), state, now, self._tz)
            if after != state:  # a prompt missed by more than the wake window is let go
                self._schedules.set_state(row.person, handled_on=after.handled_on,
                                          snooze_until=after.snooze_until)
            if found is not None:
                due.append((row.person, found))
        return due

    def _next_check(self, now: datetime) -> datetime:
        times = [
            sched.next_check(_schedule(r), sched.PromptState(r.handled_on, r.snooze_until),
                             now, self._tz)
            for r in self._rows()
        ]
        return sched.earliest(times, now + timedelta(seconds=self._tick_s))

    def _wait(self) -> bool:
        """Wait for the next prompt, a wake phrase, or a tick; False when input has ended."""
        now = self._clock.now()
        wait_s = (self._next_check(now) - now.astimezone(UTC)).total_seconds()
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
        names = [display_name(p) for p in people]
        out = EveningOutput(self._stdout, as_json=self._json, name=" or ".join(names))
        text = invitation_text(" and ".join(names), self._rng)
        if len(people) > 1:
            text = f"{text} {who_text(self._rng)}"
        self.log.invitations += 1
        self._say(out, Act(ActKind.INVITATION, text, listening=True))
        grammar = self._invitation_grammar if len(people) == 1 else tuple(who_replies(people))
        silences = unclear = 0
        while True:
            got = self._hear(grammar)
            if got is None:
                return False
            if isinstance(got, Silence):
                out.silence()
                silences += 1
                if silences == 1:
                    again = load().phrases.pick("reprompt", self._rng, question=text)
                    self._say(out, Act(ActKind.REPROMPT, again, listening=True))
                    continue
                self._let_be(days)  # asked twice, heard nothing: until tomorrow
                return True
            out.user(got, None)
            chosen = recognise_name(got.text, people) if len(people) > 1 else people[0]
            kind = Invitation.YES if is_wake(got.text) else classify_invitation(got.text).kind
            if len(people) > 1 and chosen is not None and kind in (Invitation.YES,
                                                                   Invitation.UNCLEAR):
                kind = Invitation.YES
            if kind == Invitation.YES:
                if chosen is None:
                    chosen = self._ask_who(out, people)
                    if chosen is None:
                        self._let_be(days)
                        return True
                self.checkin(chosen, days[chosen])
                return True
            if kind == Invitation.LATER:
                minutes = classify_invitation(got.text).minutes or 30
                self._snooze(out, days, minutes)
                return True
            if kind == Invitation.NO:
                self._let_be(days)
                self._say(out, Act(ActKind.CLOSING, decline_text(self._rng)))
                return True
            unclear += 1
            if unclear == 1:
                # Never a guessed snooze or decline: say it was not caught and ask once more.
                phrases = load().phrases
                again = f"{phrases.first('not-caught')} {phrases.first('invitation.again')}"
                self._say(out, Act(ActKind.REPROMPT, again, listening=True))
                continue
            self._let_be(days)
            return True

    def _ask_who(self, out: Output, people: Sequence[str]) -> str | None:
        grammar = tuple(who_replies(people))
        for _ in range(2):
            names = [display_name(p) for p in people]
            self._say(out, Act(ActKind.QUESTION, who_again_text(names), listening=True))
            got = self._hear(grammar)
            if got is None or isinstance(got, Silence):
                return None
            out.user(got, None)
            chosen = recognise_name(got.text, people)
            if chosen is not None:
                return chosen
        return None

    def _snooze(self, out: EveningOutput, days: dict[str, date], minutes: int) -> None:
        now = self._clock.now()
        for person, day in days.items():
            state = sched.snoozed(day, now, minutes)
            self._schedules.set_state(person, handled_on=state.handled_on,
                                      snooze_until=state.snooze_until)
        at = (now + timedelta(minutes=minutes)).astimezone(self._tz)
        self.log.snoozes.append(at)
        act = Act(ActKind.SNOOZE, snooze_text(minutes, self._rng))
        with self._replies.speaking():
            out.snooze(act, at)
            self._spoken += 1
            self._voice.say(act, self._spoken)

    def _let_be(self, days: dict[str, date]) -> None:
        for person, day in days.items():
            self._schedules.set_state(person, handled_on=day, snooze_until=None)

    # -- check-ins -------------------------------------------------------------------------------

    def _wake_checkin(self, heard: Reply) -> bool:
        rows = self._rows()
        out = EveningOutput(self._stdout, as_json=self._json, name="")
        out.user(heard, None)
        if self._person is not None:
            person: str | None = self._person
        elif len(rows) == 1:
            person = rows[0].person
        elif rows:
            out = EveningOutput(self._stdout, as_json=self._json,
                                name=" or ".join(display_name(r.person) for r in rows))
            self._say(out, Act(ActKind.QUESTION, who_text(self._rng), listening=True))
            person = self._ask_name([r.person for r in rows], out)
        else:
            person = _default_person()
        if person is None:
            return True
        today = sched.local_date(self._clock.now(), self._tz)
        self.checkin(person, today if any(r.person == person for r in rows) else None)
        return True

    def _ask_name(self, people: list[str], out: Output) -> str | None:
        got = self._hear(tuple(who_replies(people)))
        if got is None or isinstance(got, Silence):
            return None
        out.user(got, None)
        return recognise_name(got.text, people) or self._ask_who(out, people)

    def checkin(self, person: str, day: date | None) -> TurnLog:
        """Run one check-in on the shared listener; the day's prompt counts as answered."""
        if day is not None:
            self._schedules.set_state(person, handled_on=day, snooze_until=None)
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
        return _reply(event.transcript.text, event)


def _reply(text: str, event: object) -> Reply:
    words = getattr(getattr(event, "transcript", None), "words", ())
    return Reply(text, words=tuple((w.text, w.conf) for w in words),
                 heard_at=time.perf_counter())


def _schedule(row: ScheduleRow) -> sched.Schedule:
    return sched.Schedule(sched.parse_at(row.at), row.days)


def _default_person() -> str:
    import os

    return os.environ.get("HEARTLINE_AS", "me")


def run_evening(
    options: EveningOptions,
    *,
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
        mic: Microphone | None = None
        chunks: Iterable[bytes] | None
        if options.audio is not None and options.audio != STDIN:
            chunks = chunks_from_audio(read_wav_path(Path(options.audio)))
        elif options.audio == STDIN:
            chunks = chunks_from_raw(sys.stdin.buffer)
        else:
            chunks = None
        recognizer = recognizer or load_recognizer(options.engine, options.model)  # once
        if chunks is None:
            # No microphone: heartline/advice.py suggests --audio, the one `evening` takes.
            mic = stack.enter_context(Microphone())
            chunks = mic  # the Microphone itself, so drop_pending() also empties its queue
        listener = Listener(
            recognizer,
            chunks,
            end_silence_s=options.end_silence_s,
            no_answer_s=options.no_answer_s,
            end_of_turn=end_of_turn(options.end_silence_s),
        )
        evening = Evening(
            store=store,
            listener=listener,
            microphone=mic,
            voice=make_voice(options.say_to, options.speak, options.voice, options.rate),
            stdout=stdout,
            as_json=options.as_json,
            engine=recognizer.name,
            clock=clock or SystemClock(),
            tz=tz or sched.local_zone(),
            person=options.person,
            wake=options.wake,
            seed=options.seed,
            tick_s=options.tick_s,
        )
        return evening.once() if options.once else evening.run()
    raise AssertionError("unreachable")
