"""The Recognizer protocol, Transcript values, and the engine registry."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from voice.audio import Audio, pause_cuts
from voice.errors import EngineError, ModelError
from voice.models import find_vosk_model, project_models_dir, user_models_dir

__all__ = [
    "ENGINES",
    "Recognizer",
    "RecognizerStream",
    "Transcript",
    "Word",
    "create_recognizer",
    "find_vosk_model",
    "project_models_dir",
    "user_models_dir",
]

ENGINES = ("auto", "vosk", "pocketsphinx")

#: Chunk size `transcribe` streams audio in: 100 ms at 16 kHz, 16-bit.
TRANSCRIBE_CHUNK_BYTES = 3200


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

    @property
    def confidence(self) -> float:
        """Mean word confidence, 0 when there are no words."""
        return sum(w.conf for w in self.words) / len(self.words) if self.words else 0.0


class RecognizerStream(Protocol):
    """Incremental recognition of 16 kHz 16-bit mono PCM; one stream per listener, one thread."""

    def accept(self, chunk: bytes) -> bool:
        """Decode a chunk; True when the engine itself detected the end of an utterance."""
        ...

    def partial(self) -> str:
        """The best guess so far for the current utterance."""
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


LONG_AUDIO_S = 20.0
"""Recordings longer than this are decoded in parts cut at pauses (one utterance each)."""


def transcribe_with(recognizer: Recognizer, audio: Audio,
                    grammar: Sequence[str] | None = None,
                    progress: Callable[[float, float], None] | None = None) -> Transcript:
    """Convert once to 16 kHz mono and decode each pause-bounded part as one utterance.

    ``progress(done_s, total_s)`` is called after each part.
    """
    mono = audio.convert(recognizer.sample_rate, 1)
    cuts = pause_cuts(mono) if mono.duration_s > LONG_AUDIO_S else []
    bounds = [0, *cuts, mono.frames]
    words: list[Word] = []
    decode_s = 0.0
    stream = recognizer.stream(grammar)
    try:
        for lo, hi in itertools.pairwise(bounds):
            pcm = mono.pcm[2 * lo : 2 * hi]
            for i in range(0, len(pcm), TRANSCRIBE_CHUNK_BYTES):
                stream.accept(pcm[i : i + TRANSCRIBE_CHUNK_BYTES])
            part = stream.result()
            offset = lo / mono.rate
            words += [replace(w, start=w.start + offset, end=w.end + offset) for w in part.words]
            decode_s += part.decode_s
            if progress is not None:
                progress(hi / mono.rate, mono.duration_s)
    finally:
        stream.close()
    engine = getattr(recognizer, "name", "")
    text = " ".join(w.text for w in words)
    return Transcript(text, tuple(words), engine, mono.duration_s, decode_s)


def create_recognizer(
    engine: str = "auto",
    model: Path | None = None,
    *,
    notice: Callable[[str], None] | None = None,
) -> Recognizer:
    """The recognizer named ``engine`` (one of ENGINES), loaded once per process and model."""
    if engine not in ENGINES:
        raise EngineError(f"Unknown speech engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    if engine == "pocketsphinx":
        from voice.sphinx_engine import SphinxRecognizer

        return SphinxRecognizer.load(model)
    from voice.vosk_engine import VoskRecognizer

    found = find_vosk_model(model)
    if engine == "vosk":
        if found is None:
            raise ModelError(
                "No Vosk model found (looked in --model, $HEARTLINE_VOSK_MODEL, "
                f"{project_models_dir()}, {user_models_dir()}): run `heartline models fetch`"
            )
        return VoskRecognizer.load(found)
    if found is not None:
        recognizer: Recognizer = VoskRecognizer.load(found)
        if notice:
            notice(f"Using Vosk with the model in {found}.")
        return recognizer
    from voice.sphinx_engine import SphinxRecognizer

    recognizer = SphinxRecognizer.load(None)
    if notice:
        notice(
            "Using PocketSphinx (built in). For better accuracy install Vosk's English model: "
            "heartline models fetch"
        )
    return recognizer
