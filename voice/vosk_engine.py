"""The Vosk (Kaldi) engine: one Model per process and path, one KaldiRecognizer per stream."""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from voice.audio import RECOGNIZER_RATE, Audio
from voice.errors import ModelError
from voice.models import vosk_dir_problem
from voice.transcribe import transcribe_with
from voice.types import Transcript, Word

_models: dict[Path, VoskRecognizer] = {}
_models_lock = threading.Lock()


def _load_model(path: Path) -> Any:
    """``vosk.Model(path)``; never ``Model(lang=...)``, which downloads and may ``sys.exit``."""
    problem = vosk_dir_problem(path)
    if problem:
        raise ModelError(f"The Vosk model in {path} is unusable ({problem})",
                         engine="vosk", path=path, reason=problem)
    try:
        import vosk
    except ImportError as e:
        raise ModelError(f"Vosk is not installed ({e}): pip install vosk==0.3.45",
                         engine="vosk", reason=str(e)) from None
    vosk.SetLogLevel(-1)
    try:
        with _native_stderr_silenced():  # Kaldi prints its own ERROR line before raising
            return vosk.Model(str(path))
    except Exception as e:  # vosk raises a bare Exception("Failed to create a model")
        raise ModelError(f"The Vosk model in {path} could not be loaded ({e})",
                         engine="vosk", path=path, reason=str(e)) from None


@contextmanager
def _native_stderr_silenced() -> Iterator[None]:
    """Send file descriptor 2 to /dev/null for a moment: native code writes there directly."""
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


class VoskStream:
    """One KaldiRecognizer; segments the engine finalises at its own endpoints are kept."""

    def __init__(self, model: Any, rate: int, grammar: Sequence[str] | None, name: str) -> None:
        import vosk

        if grammar:
            phrases = [p.strip().lower() for p in grammar if p.strip()]
            # Vosk matches grammar words literally: \uXXXX escapes would miss non-ASCII words.
            words = json.dumps([*phrases, "[unk]"], ensure_ascii=False)
            self._rec = vosk.KaldiRecognizer(model, rate, words)
        else:
            self._rec = vosk.KaldiRecognizer(model, rate)
        self._rec.SetWords(True)
        self._grammar = bool(grammar)
        self._rate = rate
        self._name = name
        self._segments: list[dict[str, Any]] = []
        self._bytes = 0
        self._decode_s = 0.0

    def accept(self, chunk: bytes) -> bool:
        """Decode a chunk; True at an endpoint Vosk detected (its segment is kept for result())."""
        t = time.perf_counter()
        ended = bool(self._rec.AcceptWaveform(chunk))
        if ended:
            self._segments.append(json.loads(self._rec.Result()))
        self._decode_s += time.perf_counter() - t
        self._bytes += len(chunk)
        return ended

    def partial(self) -> str:
        """Text of the segments finalised so far plus Vosk's current partial."""
        current = json.loads(self._rec.PartialResult()).get("partial", "")
        return " ".join(t for t in [*(s.get("text", "") for s in self._segments), current] if t)

    def readings(self) -> tuple[str, ...]:
        """The words so far (Vosk's partial has no word timings to judge a last word by)."""
        return (self.partial(),)

    def result(self) -> Transcript:
        """Everything heard since the last result(), then reset."""
        t = time.perf_counter()
        segments = [*self._segments, json.loads(self._rec.FinalResult())]
        decode_s = self._decode_s + time.perf_counter() - t
        words = tuple(
            Word(w["word"], min(1.0, max(0.0, float(w.get("conf", 0.0)))),
                 float(w["start"]), float(w["end"]))
            for s in segments for w in s.get("result", ())
        )
        text = " ".join(t for t in (s.get("text", "") for s in segments) if t)
        audio_s = self._bytes / (2 * self._rate)
        self._segments, self._bytes, self._decode_s = [], 0, 0.0
        # With a grammar, Vosk names speech outside it "[unk]": only that means none of the
        # phrases was said; otherwise the [unk] parts are dropped.
        rejected = False
        if self._grammar and "[unk]" in text.split():
            words = tuple(w for w in words if w.text != "[unk]")
            text = " ".join(t for t in text.split() if t != "[unk]")
            rejected = not text
        return Transcript(text, words, self._name, audio_s, decode_s, out_of_grammar=rejected)

    def close(self) -> None:
        """Drop the recognizer."""
        self._segments = []


class VoskRecognizer:
    """Vosk with one model folder; use ``VoskRecognizer.load`` to share the model per process."""

    name = "vosk"
    sample_rate = RECOGNIZER_RATE

    def __init__(self, path: Path) -> None:
        self.path = path
        self.model = _load_model(path)

    @classmethod
    def load(cls, path: Path) -> VoskRecognizer:
        """The recognizer for ``path``, loading the model only the first time in this process."""
        key = Path(path).resolve()
        with _models_lock:
            if key not in _models:
                _models[key] = cls(key)
            return _models[key]

    def stream(self, grammar: Sequence[str] | None = None, *, adapt: bool = False) -> VoskStream:
        """A new KaldiRecognizer; ``grammar`` switches to phrase-list recognition.

        ``adapt`` is accepted for the protocol: Vosk adapts to the speaker within each stream.
        """
        return VoskStream(self.model, self.sample_rate, grammar, self.name)

    def transcribe(self, audio: Audio) -> Transcript:
        """Recognize a whole recording."""
        return transcribe_with(self, audio)
