"""Heartline's own words in what is left of its echo (issue 10): sound over a reply that decodes
mostly to the words of the line being played is its echo, never a barge-in; the lines' words are
kept on the microphone's timeline by the simulated room and by the full-duplex device."""

from __future__ import annotations

import pytest

from voice.audio import Audio, silence
from voice.echo import Room, echoes_own

QUESTION = "That really sucks. What brought joy?"


@pytest.mark.parametrize(("heard", "said", "own"), [
    ("what what", QUESTION, True),  # the echo of "What" left by the canceller
    ("that sounds far", "That sounds hard.", True),  # its own words with one misheard
    ("what what little he", QUESTION, True),
    ("my boss took credit for my project", QUESTION, False),  # the person going on
    ("what my boss did", QUESTION, False),
    ("that's what my sister said", "That sounds hard.", False),
    ("", QUESTION, False),  # nothing heard is not its echo either: other checks decide
    ("what brought joy", "", False),  # nothing being played
])
def test_echo_of_its_own_words(heard: str, said: str, own: bool) -> None:
    assert echoes_own(heard, said) is own


def test_the_room_knows_which_words_were_playing_when(tone: Audio) -> None:
    room = Room(silence(6.0))
    room.play(tone, "001-empathy", "That sounds hard.")
    room.play(tone, "002-question", "What brought joy?")
    first, second = tone.duration_s, 2 * tone.duration_s
    assert room.said(0.0, 0.1) == "That sounds hard."
    assert room.said(first + 0.1, first + 0.2) == "What brought joy?"
    assert room.said(first - 0.1, first + 0.1) == "That sounds hard. What brought joy?"
    assert room.said(second + 0.5, second + 1.0) == ""
    # Stopped during the first line: the second was never played, so it cannot echo.
    for _ in zip(range(3), room, strict=False):
        pass  # 0.3 s of input
    room.stop()
    assert room.said(0.0, 6.0) == "That sounds hard."


@pytest.fixture
def tone() -> Audio:
    """One second of a 16 kHz tone standing in for a spoken line's samples."""
    import math

    pcm = b"".join(int(8000 * math.sin(2 * math.pi * 220 * i / 16000)).to_bytes(2, "little",
                                                                               signed=True)
                   for i in range(16000))
    return Audio(pcm, 16000)


def test_the_duplex_device_keeps_each_lines_words_on_the_input_timeline(
    tone: Audio, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No sound card here: the device query says there is one, and the test calls the stream's
    # callback as PortAudio would, 100 ms (1600 samples) at a time.
    import sounddevice

    from voice.duplex import DuplexMicrophone

    monkeypatch.setattr(sounddevice, "query_devices",
                        lambda *a, **k: {"max_input_channels": 1, "max_output_channels": 1})
    mic = DuplexMicrophone(chunk_ms=100)

    def tick() -> None:
        out = bytearray(2 * 1600)
        mic._duplex_callback(bytes(2 * 1600), out, 1600, None, None)

    for _ in range(5):
        tick()  # 0.5 s of input before Heartline speaks
    mic.play(tone, "001-empathy", "That sounds hard.")
    mic.play(tone, "002-question", "What brought joy?")
    assert mic.said(0.0, 0.4) == ""
    assert mic.said(0.6, 0.7) == "That sounds hard."
    assert mic.said(1.6, 1.7) == "What brought joy?"
    for _ in range(3):
        tick()  # 0.3 s of the first line played
    mic.stop()
    assert mic.said(0.0, 3.0) == "That sounds hard."
    assert mic.said(0.9, 3.0) == ""  # cut at 0.8 s
