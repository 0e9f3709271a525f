"""The Recognizer protocol, Transcript values, and the engine registry."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from voice.audio import Audio
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


def transcribe_with(recognizer: Recognizer, audio: Audio,
                    grammar: Sequence[str] | None = None) -> Transcript:
    """Convert once to 16 kHz mono, stream it in 100 ms chunks, and return the final transcript."""
    pcm = audio.convert(recognizer.sample_rate, 1).pcm
    stream = recognizer.stream(grammar)
    try:
        for i in range(0, len(pcm), TRANSCRIBE_CHUNK_BYTES):
            stream.accept(pcm[i : i + TRANSCRIBE_CHUNK_BYTES])
        return stream.result()
    finally:
        stream.close()


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
