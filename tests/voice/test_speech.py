"""pyttsx3 synthesis in one process, and the players."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from voice.audio import has_sound, read_wav_path, silence
from voice.errors import SpeechError
from voice.speech import (
    NullPlayer,
    Pyttsx3Synthesizer,
    Synthesizer,
    TeePlayer,
    WavDirSink,
    default_player,
)


def test_twenty_lines_in_one_process_all_have_sound_and_nothing_reaches_stdout(
    capfd: pytest.CaptureFixture[str],
) -> None:
    tts: Synthesizer = Pyttsx3Synthesizer()
    lengths = []
    for i in range(20):
        words = " ".join(["and then"] * i)
        audio = tts.synthesize(f"How was your evening {words}?")
        assert audio.rate == 22050 and audio.channels == 1
        assert has_sound(audio)
        lengths.append(audio.duration_s)
    sys.stdout.flush()
    out, _ = capfd.readouterr()
    assert out == ""  # the espeak driver's "Audio saved to ..." must not reach stdout
    assert all(0.5 < s < 15 for s in lengths)
    assert lengths == sorted(lengths) and lengths[-1] > lengths[0] + 3


def test_rate_property_still_gives_sound(capfd: pytest.CaptureFixture[str]) -> None:
    for rate in (300, 120, None):
        assert has_sound(Pyttsx3Synthesizer(rate=rate).synthesize("I am glad you told me that"))
    assert capfd.readouterr().out == ""


def test_empty_line_is_a_speech_error() -> None:
    with pytest.raises(SpeechError, match="empty"):
        Pyttsx3Synthesizer().synthesize("   ")


def test_wav_dir_sink_numbers_lines(tmp_path: Path) -> None:
    sink = WavDirSink(tmp_path / "out")
    tone = Pyttsx3Synthesizer().synthesize("Good evening")
    tee = TeePlayer(NullPlayer(), sink)
    tee.play(tone, label="greeting")
    tee.play(silence(0.2), label="How are you, really?")
    sink.play(tone)
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["001-greeting.wav", "002-how-are-you-really.wav", "003-line.wav"]
    assert read_wav_path(tmp_path / "out" / "001-greeting.wav") == tone


def test_default_player_is_silent_without_an_output_device() -> None:
    assert isinstance(default_player(), NullPlayer)  # this machine has no sound card
