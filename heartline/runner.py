"""The session runner: replies in -> dialog -> spoken lines out -> store, one answer at a time."""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import IO, Protocol

from dialogs.acts import CRISIS_KINDS, Act, ActKind, Answer, Heard, Outcome
from dialogs.checkin import CheckIn
from store import SQLITE_ERRORS, Store, StoreError, translate_error
from voice.audio import Audio, write_wav
from voice.errors import SpeechError
from voice.speech import Player, Synthesizer

from . import recovery
from .lenient import repair


@dataclass(frozen=True)
class Reply:
    """One thing the speaker said (or typed)."""

    text: str
    """The words heard."""
    words: tuple[tuple[str, float], ...] = ()
    """(word, confidence) pairs from the recognizer; empty when typed."""
    audio: Audio | None = None
    """The recorded utterance, when it came from speech."""
    heard_at: float = 0.0
    """perf_counter() when the reply was complete (its endpoint was detected)."""
    barge_in: bool = False
    """Spoken over Heartline's reply: the rest of the answer before it, not a new one."""


class Silence:
    """The speaker said nothing within the listening timeout."""


SILENCE = Silence()


class ReplySource(Protocol):
    """Where replies come from: typed lines, a recording, or a microphone."""

    def next_reply(self, expecting: str) -> Reply | Silence | None:
        """The next reply, SILENCE, or None when input has ended."""
        ...

    def speaking(self) -> AbstractContextManager[object]:
        """A context during which input is ignored (the assistant is talking)."""
        ...


class TextReplies:
    """Replies typed one per line; an empty line is silence, end of input ends the check-in."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def next_reply(self, expecting: str) -> Reply | Silence | None:
        line = self._stream.readline()
        if not line:
            return None
        text = repair(line).strip()
        return Reply(text, heard_at=time.perf_counter()) if text else SILENCE

    def speaking(self) -> AbstractContextManager[object]:
        return nullcontext()


@dataclass
class TurnLog:
    """What happened, for the printed conversation and for benchmarks."""

    latencies_s: list[float] = field(default_factory=list)
    """Per answer: from its endpoint to the reply's audio being ready."""
    speech_failures: int = 0
    """Lines that could not be synthesized and were printed instead."""
    entries: list[int] = field(default_factory=list)
    """Ids of the entries stored in this check-in."""
    barge_ins: int = 0
    """Answers continued over Heartline's reply (the reply was replaced)."""


class Output:
    """Prints the conversation: JSON lines (flushed as they happen) or readable text."""

    def __init__(self, stream: IO[str], *, as_json: bool, name: str) -> None:
        self._stream = stream
        self._json = as_json
        self._name = name

    def assistant(self, act: Act) -> None:
        if self._json:
            self._line(act.to_json())
        else:
            self._line(f"Heartline: {act.text}")

    def user(self, reply: Reply, emotion: str | None) -> None:
        if self._json:
            self._write({"role": "user", "text": reply.text, "emotion": emotion})
        else:
            self._line(f"{self._name}: {reply.text}")

    def silence(self) -> None:
        if not self._json:
            self._line(f"{self._name}: (silence)")

    def _write(self, obj: dict[str, object]) -> None:
        self._line(json.dumps(obj, ensure_ascii=False))

    def _line(self, text: str) -> None:
        self._stream.write(text + "\n")
        self._stream.flush()


class Voice:
    """Speaks each assistant line: synthesize, then hand the audio to the players."""

    def __init__(
        self,
        synthesizer: Synthesizer | None,
        players: list[Player],
        warn: Callable[[str], None],
    ) -> None:
        self._synth = synthesizer
        self._players = players
        self._warn = warn
        self._warned = False
        self.failures = 0

    def say(self, act: Act, count: int) -> float | None:
        """Speak one line; returns perf_counter() when its audio was ready, None if not spoken."""
        if self._synth is None or not self._players:
            return None
        try:
            audio = self._synth.synthesize(act.text)
        except SpeechError as err:
            self.failures += 1
            if not self._warned:
                self._warn(f"speech output failed ({err}); lines are printed instead")
                self._warned = True
            return None
        ready = time.perf_counter()
        label = f"{count:03d}-{act.kind}"
        for player in self._players:
            try:
                player.play(audio, label, act.text)
            except Exception as err:  # a broken sound device must not end the check-in
                if not self._warned:
                    self._warn(f"could not play speech ({err}); lines are printed instead")
                    self._warned = True
        return ready


class Session:
    """One check-in: drives the dialog and keeps every answer the moment it is given."""

    def __init__(
        self,
        *,
        store: Store,
        person: str,
        dialog: CheckIn,
        source: ReplySource,
        output: Output,
        voice: Voice,
        engine: str,
        keep_audio: bool = False,
        opening: tuple[Act, ...] = (),
        opened: Callable[[], None] | None = None,
    ) -> None:
        self._opening = opening
        self._opened = opened
        self._store = store
        self._person = person
        self._person_id = store.person(person)
        self._dialog = dialog
        self._source = source
        self._out = output
        self._voice = voice
        self._engine = engine
        self._keep_audio = keep_audio
        self._checkin_id: int | None = None
        self._spoken = 0
        self._last_entry: int | None = None
        self._entry_for: dict[str, int] = {}
        self._shared: bool | None = None
        self._revising = False
        self._last_answer: tuple[CheckIn, Reply] | None = None
        self._never_shared: set[int] = set()
        self.log = TurnLog()

    def run(self) -> TurnLog:
        """Run the check-in to its end; Ctrl-C ends it kindly with everything said kept."""
        self._checkin_id = self._store.start_checkin(self._person_id, self._engine)
        status = "interrupted"
        ended = False
        try:
            if self._opening:  # the partner's replies, before the first question (issue 11)
                self._perform(Outcome(acts=self._opening), None)
                if self._opened is not None:
                    self._opened()
            self._perform(self._dialog.start(), None)
            while not self._dialog.finished:
                got = self._source.next_reply(self._dialog.expecting)
                if got is None:
                    outcome = self._dialog.end_of_input()
                    self._perform(outcome, None)
                    break
                if isinstance(got, Silence):
                    self._out.silence()
                    self._perform(self._dialog.silence(), None)
                    continue
                if got.barge_in and self._last_answer is not None:
                    got = self._take_back(got)  # heard again in full below, its reply replaced
                asked = self._dialog.asking
                before = _snapshot(self._dialog)
                outcome = self._dialog.hear(Heard(got.text, got.words))
                self._last_answer = (before, got) if outcome.answers else None
                heard = outcome.answers[0].emotion if outcome.answers else asked
                self._out.user(got, heard and str(heard))
                self._perform(outcome, got)
                self._revising = False
            status = "completed" if self._shared is not None else "stopped"
            ended = True
        finally:
            try:
                self._store.finish_checkin(self._checkin_id, status)
            except StoreError:
                if ended:  # otherwise the error that ended the check-in is the one to tell
                    raise
            except SQLITE_ERRORS as err:
                if ended:
                    raise translate_error(err) from err
        self.log.speech_failures = self._voice.failures
        return self.log

    def _take_back(self, more: Reply) -> Reply:
        """Undo the dialog's last answer step; the answer and what followed it, as one reply."""
        assert self._last_answer is not None
        self._dialog, first = self._last_answer
        self.log.barge_ins += 1
        self._revising = True
        audio = None
        if first.audio is not None and more.audio is not None:
            audio = Audio(first.audio.pcm + more.audio.pcm, first.audio.rate)
        return Reply(f"{first.text} {more.text}", first.words + more.words, audio, more.heard_at)

    def _perform(self, outcome: Outcome, reply: Reply | None) -> None:
        # Store first: a crash while speaking must not lose what was said. A wish to keep the
        # answer before private is about the entry stored before this step's own answers.
        if outcome.make_private and self._last_entry is not None:
            self._store.set_private(self._last_entry)
        for answer in outcome.answers:
            self._keep(answer, reply)
        if outcome.share is not None:
            self._shared = outcome.share
            if outcome.share and self._checkin_id is not None:
                self._store.share_checkin(self._checkin_id)
                # Words of crisis and answers asked to stay private are never shared, whatever
                # the flags say (the store excludes them too; this keeps it so after any change).
                for entry_id in sorted(self._never_shared):
                    self._store.set_private(entry_id)
        first_audio: float | None = None
        with self._source.speaking():
            for act in outcome.acts:
                self._out.assistant(act)
                self._spoken += 1
                ready = self._voice.say(act, self._spoken)
                if first_audio is None and ready is not None:
                    first_audio = ready
        if reply is not None and reply.heard_at and first_audio is not None:
            self.log.latencies_s.append(first_audio - reply.heard_at)

    def _keep(self, answer: Answer, reply: Reply | None) -> None:
        assert self._checkin_id is not None
        words = [(w, c) for w, c in answer.words] or None
        audio = None
        if self._keep_audio and reply is not None and reply.audio is not None:
            audio = _wav_bytes(reply.audio)
        try:
            self._store_answer(answer, reply, words, audio)
        except StoreError as err:
            # The database could not take it (a full disk): keep the words elsewhere, say where.
            kept = recovery.keep(
                {"person": self._person, "asked": str(answer.asked), "text": answer.text},
                self._store.path,
            )
            where = (
                f"your answer was kept in {kept}"
                if kept is not None
                else f"your answer could not be kept anywhere; it was: {answer.text!r}"
            )
            raise StoreError(f"{err} ({where})") from err

    def _store_answer(
        self,
        answer: Answer,
        reply: Reply | None,
        words: list[tuple[str, float]] | None,
        audio: bytes | None,
    ) -> None:
        assert self._checkin_id is not None
        previous = self._entry_for.get(str(answer.asked))
        if previous is not None and (self._revising or answer.continues):
            # Heard again in full after a barge-in: replace; after a nudge: append.
            update = self._store.revise_entry if self._revising else self._store.append_to_entry
            update(
                previous,
                text=answer.text,
                reply=answer.reply,
                words=words,
                emotion=str(answer.emotion),
                kind=str(answer.kind),
                intensity=answer.intensity,
            )
            entry_id = previous
        else:
            entry_id = self._store.add_entry(
                checkin_id=self._checkin_id,
                person_id=self._person_id,
                asked=str(answer.asked),
                emotion=str(answer.emotion),
                kind=str(answer.kind),
                text=answer.text,
                reply=answer.reply,
                words=words,
                engine=self._engine if reply is not None and reply.words else "text",
                intensity=answer.intensity,
                audio=audio,
            )
            self.log.entries.append(entry_id)
        if answer.private or answer.kind in CRISIS_KINDS:
            # Words of crisis stay with the speaker: never shared, whatever is answered later.
            self._store.set_private(entry_id)
            self._never_shared.add(entry_id)
        self._entry_for[str(answer.asked)] = entry_id
        self._last_entry = entry_id


def _snapshot(dialog: CheckIn) -> CheckIn:
    """A copy of the dialog's state (its locale shared, not copied) to go back to."""
    return copy.deepcopy(dialog, {id(dialog.lang): dialog.lang})


def _wav_bytes(audio: Audio) -> bytes:
    import io

    buf = io.BytesIO()
    write_wav(buf, audio)
    return buf.getvalue()


__all__ = [
    "ActKind",
    "Output",
    "Reply",
    "ReplySource",
    "SILENCE",
    "Session",
    "Silence",
    "TextReplies",
    "TurnLog",
    "Voice",
]
