"""Replies heard through a speech recognizer, from a recording, raw stdin or the microphone."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext

from dialogs.grammar import SHORT_EXPECTING, short_replies
from dialogs.turns import Turn, has_hold, turn_end, without_hold
from voice.sources import Listener, Microphone, NoAnswer

from .runner import SILENCE, Reply, Silence

# Short replies are recognised far more reliably against a small grammar than by open
# transcription (issue 5); answers to the four questions use open transcription.
SHORT_REPLY_GRAMMARS: dict[str, Sequence[str]] = {
    expecting: tuple(short_replies(expecting)) for expecting in SHORT_EXPECTING
}


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
            text = event.transcript.text
            words = tuple((w.text, w.conf) for w in event.transcript.words)
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
