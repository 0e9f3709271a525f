"""Replies heard through a speech recognizer, from a recording, raw stdin or the microphone."""

from __future__ import annotations

import time
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext

from dialogs.grammar import SHORT_EXPECTING, short_replies
from voice.audio import Audio
from voice.recognizers import Recognizer, RecognizerStream, Transcript
from voice.sources import Listener, Microphone, NoAnswer

from .runner import SILENCE, Reply, Silence

# Short replies are recognised far more reliably against a small grammar than by open
# transcription (issue 5); answers to the four questions use open transcription.
SHORT_REPLY_GRAMMARS: dict[str, Sequence[str]] = {
    expecting: tuple(short_replies(expecting)) for expecting in SHORT_EXPECTING
}


class SpeechReplies:
    """Each utterance the listener cuts from the audio is one reply."""

    def __init__(self, listener: Listener, microphone: Microphone | None = None) -> None:
        self._listener = listener
        self._mic = microphone

    def next_reply(self, expecting: str) -> Reply | Silence | None:
        event = self._listener.next_event(SHORT_REPLY_GRAMMARS.get(expecting))
        # The endpoint was reached just before the recognizer finalised the utterance.
        endpoint = time.perf_counter() - self._listener.last_finalize_s
        if event is None:
            return None
        if isinstance(event, NoAnswer):
            return SILENCE
        words = tuple((w.text, w.conf) for w in event.transcript.words)
        return Reply(
            event.transcript.text,
            words=words,
            audio=event.audio,
            heard_at=endpoint,
        )

    def speaking(self) -> AbstractContextManager[object]:
        """The assistant is talking: the microphone's input is dropped meanwhile."""
        if self._mic is None:
            return nullcontext()
        return _Speaking(self._mic, self._listener)


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


class NoMatchSafe:
    """A recognizer whose streams give an empty transcript when a grammar has no path for the audio.

    PocketSphinx's ``seg()`` returns None when no grammar phrase fits, which its stream's
    ``result()`` does not expect yet; an empty transcript is what the Listener treats as noise.
    """

    def __init__(self, recognizer: Recognizer) -> None:
        self._inner = recognizer
        self.name = recognizer.name
        self.sample_rate = recognizer.sample_rate

    def stream(self, grammar: Sequence[str] | None = None) -> RecognizerStream:
        return _SafeStream(self._inner.stream(grammar), self.name)

    def transcribe(self, audio: Audio) -> Transcript:
        return self._inner.transcribe(audio)


class _SafeStream:
    def __init__(self, inner: RecognizerStream, name: str) -> None:
        self._inner = inner
        self._name = name

    def accept(self, chunk: bytes) -> bool:
        return self._inner.accept(chunk)

    def partial(self) -> str:
        return self._inner.partial()

    def result(self) -> Transcript:
        try:
            return self._inner.result()
        except TypeError:
            return Transcript("", (), self._name)

    def close(self) -> None:
        self._inner.close()
