"""What recognition produces (Word, Transcript) and the engines' protocols; no engine here.

Engines import these types, the registry (voice/registry.py) imports the engines: no circle, as in
wyoming's asr.py.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from voice.audio import Audio


@dataclass(frozen=True)
class Word:
    """One recognized word."""

    text: str
    """The word as the engine spells it (lower case for the English models)."""
    conf: float
    """Confidence from 0 (a guess) to 1 (certain); engine-specific calibration."""
    start: float
    """Start in seconds from the beginning of the audio the stream was given."""
    end: float
    """End in seconds from the beginning of the audio the stream was given."""


@dataclass(frozen=True)
class Transcript:
    """What an engine heard in one utterance."""

    text: str
    """The words joined by spaces; empty when nothing was recognized."""
    words: tuple[Word, ...] = field(default=())
    """Each word with its confidence and timing."""
    engine: str = ""
    """Name of the engine that produced it."""
    audio_s: float = 0.0
    """Seconds of audio decoded."""
    decode_s: float = 0.0
    """Processor time spent in the engine (wall-clock seconds inside accept/result)."""
    out_of_grammar: bool = False
    """A grammar stream heard speech that is none of its phrases (text is then empty)."""
    rejected: str = ""
    """For an out-of-grammar reply: the grammar's words the checks turned down ("" otherwise)."""
    open_readings: tuple[str, ...] = ()
    """For a grammar reply the checks weighed, taken or turned down: the open model's readings
    of the same sound, best first (a second opinion the caller may weigh against the grammar's
    words, ``text`` or ``rejected``; issue 10, round 9). For speech the grammar found no path
    through (``text`` empty, not ``out_of_grammar``): its readings when the best holds more than
    one word, the only words heard (round 14)."""
    phone_fit: float | None = None
    """For a grammar reply the checks weighed: the lowest acoustic score per 10 ms frame of any
    phone of the grammar's words against the free phone loop (``GrammarCheck.worst_phone``, 0 at
    best; None: no alignment, no evidence either way; round 11)."""
    open_gain: float | None = None
    """For a grammar reply the checks weighed: how much better the open model's best reading,
    forced onto the whole sound, fits it than the grammar's words, per 10 ms frame of the
    grammar's words (``voice.grammar_check.open_gain``; None: not measured; round 12)."""

    @property
    def confidence(self) -> float:
        """Mean word confidence, 0 when there are no words."""
        return sum(w.conf for w in self.words) / len(self.words) if self.words else 0.0

    def to_json(self) -> str:
        """One JSON object: text, engine, audio_s, decode_s and words (word, conf, start, end)."""
        return json.dumps(
            {
                "text": self.text,
                "engine": self.engine,
                "audio_s": round(self.audio_s, 3),
                "decode_s": round(self.decode_s, 3),
                "words": [
                    {"word": w.text, "conf": round(w.conf, 3), "start": w.start, "end": w.end}
                    for w in self.words
                ],
            }
        )


class RecognizerStream(Protocol):
    """Incremental recognition of 16 kHz 16-bit mono PCM; one stream per listener, one thread."""

    def accept(self, chunk: bytes) -> bool:
        """Decode a chunk; True when the engine itself detected the end of an utterance."""
        ...

    def partial(self) -> str:
        """The best guess so far for the current utterance."""
        ...

    def readings(self) -> tuple[str, ...]:
        """The best guess so far, then any other reading the end of turn should weigh too (the
        words without a last "word" that was only a released stop)."""
        ...

    def result(self) -> Transcript:
        """Final result of the utterance so far; the stream is then ready for the next one."""
        ...

    def close(self) -> None:
        """Release the engine resources the stream holds (idempotent)."""
        ...


class Recognizer(Protocol):
    """A loaded speech engine that hands out streams."""

    name: str
    sample_rate: int

    def stream(
        self, grammar: Sequence[str] | None = None, *, adapt: bool = False
    ) -> RecognizerStream:
        """A new stream; ``grammar`` restricts recognition to those phrases (short replies).

        ``adapt``: the stream is one of a listening session's (same speaker and microphone),
        so the engine may carry what it learned of them from one stream to the next.
        """
        ...

    def transcribe(self, audio: Audio) -> Transcript:
        """Recognize a whole recording (any rate, mono or stereo)."""
        ...
