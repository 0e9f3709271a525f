"""Replies heard through a speech recognizer, from a recording, raw stdin or the microphone."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from dialogs.grammar import SHORT_EXPECTING, short_replies
from dialogs.turns import Turn, carries_words, has_hold, turn_end, without_hold
from voice.audio import read_wav_path
from voice.duplex import DuplexMicrophone
from voice.echo import EchoGate
from voice.errors import VoiceError
from voice.recognizers import Recognizer
from voice.sources import Listener, Microphone, NoAnswer, chunks_from_audio, chunks_from_raw
from voice.transcribe import transcribe_with

from .runner import SILENCE, Reply, Silence

STDIN = "-"
"""The --audio value for raw 16 kHz 16-bit mono PCM on stdin."""

# Short replies are recognised far more reliably against a small grammar than by open
# transcription (issue 5); answers to the four questions use open transcription.
SHORT_REPLY_GRAMMARS: dict[str, Sequence[str]] = {
    expecting: tuple(short_replies(expecting)) for expecting in SHORT_EXPECTING
}
OPEN_WHEN_REJECTED = frozenset({"share", "safety"})
"""Prompts whose replies the understanding model reads in any words: speech the grammar did not
hear ("yes, please share it", "no, I'm just tired") is decoded again by the open model rather
than dropped. The evening invitation keeps its "Sorry, I didn't catch that" instead."""


@dataclass(frozen=True, kw_only=True)
class ListenOptions:
    """How a command that listens and speaks runs, as the CLI was asked (check-in, evening)."""

    db: Path
    """The database file."""
    audio: str | None = None
    """A WAV file, "-" for raw 16 kHz 16-bit mono PCM on stdin, or None for the microphone."""
    as_json: bool = False
    """Print JSON lines instead of a readable conversation."""
    say_to: Path | None = None
    """Write each spoken line as a numbered WAV into this directory."""
    speak: bool | None = None
    """Play speech aloud; None: yes, unless the replies are typed."""
    engine: str = "auto"
    """Speech recognition engine."""
    model: Path | None = None
    """Vosk model directory."""
    end_silence_s: float = 0.8
    """Trailing silence that ends an utterance."""
    no_answer_s: float = 7.0
    """Silence after a question before the assistant gently asks again."""
    seed: int | None = None
    """Seed for phrase variety (None: vary from one evening to the next)."""
    voice: str | None = None
    """eSpeak NG voice id (None: the en-us voice)."""
    rate: int | None = None
    """Speaking rate in words per minute (None: the default)."""


@dataclass(frozen=True)
class Hearing:
    """What open_listener opened: one listener, and the microphone behind it if any."""

    listener: Listener
    """Cuts utterances from the audio and hears them with the recognizer."""
    microphone: Microphone | None = None
    """The microphone, when listening live."""
    duplex: DuplexMicrophone | None = None
    """The same microphone when it stays open while Heartline speaks (barge-in)."""

    @property
    def engine(self) -> str:
        """The recognizer's name, as stored with each entry."""
        return self.listener.recognizer.name

    def replies(self) -> SpeechReplies:
        """Each utterance as one reply; a half-duplex microphone is muted while Heartline talks."""
        return SpeechReplies(self.listener, self.microphone if self.duplex is None else None)


def open_listener(
    stack: ExitStack,
    options: ListenOptions,
    *,
    stdin: BinaryIO,
    recognizer: Callable[[], Recognizer],
    duplex: bool = False,
) -> Hearing:
    """The one listener of a run: a WAV file, raw PCM on ``stdin``, or the microphone.

    A recording is read before the recognizer is loaded (a bad file fails at once) and the
    recognizer before the microphone opens (no audio queues while a model loads). ``duplex``:
    keep the microphone open while speaking when the machine can cancel its own echo.
    """
    chunks: Iterable[bytes] | None = None
    if options.audio is not None and options.audio != STDIN:
        chunks = chunks_from_audio(read_wav_path(Path(options.audio)))
    elif options.audio == STDIN:
        chunks = chunks_from_raw(stdin)
    engine = recognizer()  # loaded once for the whole run
    mic: Microphone | None = None
    full: DuplexMicrophone | None = None
    if chunks is None:
        mic, full = _open_microphone(stack, duplex)
        chunks = mic  # the Microphone itself, so drop_pending() also empties its queue
    listener = Listener(
        engine,
        chunks,
        end_silence_s=options.end_silence_s,
        no_answer_s=options.no_answer_s,
        end_of_turn=end_of_turn(options.end_silence_s),
        echo=EchoGate(full) if full is not None else None,
        confirms=carries_words,  # words beyond fillers stop Heartline
    )
    return Hearing(listener, mic, full)


def _open_microphone(stack: ExitStack, duplex: bool
                     ) -> tuple[Microphone, DuplexMicrophone | None]:
    """The microphone, full duplex with the speaker when asked and the machine can."""
    if duplex:
        try:
            full = DuplexMicrophone()
            EchoGate(full)  # the echo canceller loads
            return stack.enter_context(full), full
        except VoiceError:
            pass  # no output device or no echo canceller: listen half duplex, as before
    return stack.enter_context(Microphone()), None


UNFINISHED_WAIT_S = 3.0
"""Silence that ends a turn whose last words leave the thought open ("Today I felt ...")."""
HOLD_WAIT_S = 10.0
"""Silence allowed after "hold on" / "let me think" before the turn ends (no reprompt)."""


def end_of_turn(end_silence_s: float) -> Callable[[str, bool], float]:
    """The Listener's rule: the words before a pause decide how long a silence ends the turn."""

    def wait(text: str, short_reply: bool) -> float:
        if short_reply:
            return end_silence_s  # yes / later / no: answer at once
        kind = turn_end(text)
        if kind is Turn.HOLD:
            return HOLD_WAIT_S
        if kind is Turn.UNFINISHED:
            return max(end_silence_s, UNFINISHED_WAIT_S)
        return end_silence_s

    return wait


class SpeechReplies:
    """Each utterance the listener cuts from the audio is one reply."""

    def __init__(self, listener: Listener, microphone: Microphone | None = None) -> None:
        self._listener = listener
        self._mic = microphone

    def next_reply(self, expecting: str) -> Reply | Silence | None:
        grammar = SHORT_REPLY_GRAMMARS.get(expecting)
        while True:
            event = self._listener.next_event(grammar)
            # The endpoint was reached just before the recognizer finalised the utterance.
            endpoint = time.perf_counter() - self._listener.last_finalize_s
            if event is None:
                return None
            if isinstance(event, NoAnswer):
                return SILENCE
            transcript = event.transcript
            if transcript.out_of_grammar and expecting in OPEN_WHEN_REJECTED:
                transcript = transcribe_with(self._listener.recognizer, event.audio)
            text = transcript.text
            words = tuple((w.text, w.conf) for w in transcript.words)
            if grammar is None and has_hold(text):
                kept = without_hold(text)
                if len(kept.split()) < len(text.split()):  # "hold on" is no part of the answer
                    if not kept:
                        continue  # only "hold on": keep listening, no reprompt
                    text, words = kept, _subsequence(words, kept.split())
            return Reply(text, words=words, audio=event.audio, heard_at=endpoint,
                         barge_in=event.barge_in)

    def speaking(self) -> AbstractContextManager[object]:
        """The assistant is talking: the microphone's input is dropped meanwhile."""
        if self._mic is None:
            return nullcontext()
        return _Speaking(self._mic, self._listener)


def _subsequence(
    words: tuple[tuple[str, float], ...], kept: list[str]
) -> tuple[tuple[str, float], ...]:
    """The (word, confidence) pairs that spell ``kept``, in order."""
    out = []
    k = 0
    for word in words:
        if k < len(kept) and word[0] == kept[k]:
            out.append(word)
            k += 1
    return tuple(out)


class _Speaking:
    def __init__(self, mic: Microphone, listener: Listener) -> None:
        self._mic = mic
        self._listener = listener
        self._muted: AbstractContextManager[object] | None = None

    def __enter__(self) -> object:
        self._muted = self._mic.mute()
        return self._muted.__enter__()

    def __exit__(self, *exc: object) -> None:
        assert self._muted is not None
        self._muted.__exit__(None, None, None)
        self._listener.drop_pending()
