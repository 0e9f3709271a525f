"""Replies heard through a speech recognizer, from a recording, raw stdin or the microphone."""

from __future__ import annotations

import time
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext

from dialogs.grammar import SHORT_EXPECTING, short_replies
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
