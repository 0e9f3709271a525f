"""Synthesized speech for tests, benches and the demo recording: flite voices, joined by silence.

Debian's flite voices (slt, rms, awb, kal16) are heard by PocketSphinx about as well as people are;
Heartline itself never needs flite.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from voice.audio import RECOGNIZER_RATE, Audio, concat, read_wav_path, silence


class FliteMissing(RuntimeError):
    """flite is not installed (Debian package `flite`)."""


def flite(text: str, voice: str = "slt") -> Audio:
    """TEXT spoken by a flite voice, at the recognizer's rate (16 kHz mono)."""
    exe = shutil.which("flite")
    if exe is None:  # a missing engine fails the run; it never skips
        raise FliteMissing("flite is not installed: run scripts/setup.sh")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "speech.wav"
        subprocess.run([exe, "-voice", voice, "-t", text, "-o", str(path)], check=True)
        return read_wav_path(path).convert(RECOGNIZER_RATE, 1)


def conversation(items: Sequence[str | float], voice: str = "slt", gap_s: float = 1.6,
                 lead_s: float = 0.5) -> Audio:
    """Replies spoken one after another, ``gap_s`` apart; a float item is that much silence."""
    parts = [silence(lead_s)]
    for item in items:
        if isinstance(item, float):
            parts.append(silence(item))
        else:
            parts += [flite(item, voice), silence(gap_s)]
    return concat(*parts)
