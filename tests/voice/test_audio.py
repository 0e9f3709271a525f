"""Audio values, the WAV reading matrix, conversion and the resampler."""

from __future__ import annotations

import io
import math
import struct
import subprocess
from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voice.audio import (
    Audio,
    concat,
    has_sound,
    read_wav,
    read_wav_path,
    rms,
    silence,
    wav_bytes,
    write_wav,
)
from voice.errors import AudioFormatError

DIGITS = Path("/work/shared/data/speech/digits-vosk-api.wav")


def tone(freqs: tuple[float, ...], seconds: float = 0.5, rate: int = 16000) -> Audio:
    n = round(seconds * rate)
    samples = array("h", (round(sum(6000 * math.sin(2 * math.pi * f * i / rate) for f in freqs))
                          for i in range(n)))
    return Audio(samples.tobytes(), rate)


def sox(src: Path, dst: Path, *args: str) -> Path:
    subprocess.run(["sox", str(src), *args, str(dst)], check=True, capture_output=True)
    return dst


@pytest.mark.parametrize("rate", [8000, 16000, 22050, 44100, 48000])
@pytest.mark.parametrize("channels", [1, 2])
def test_reads_16bit_wav_at_any_rate_mono_or_stereo(tmp_path: Path, rate: int,
                                                    channels: int) -> None:
    path = sox(DIGITS, tmp_path / "x.wav", "-r", str(rate), "-c", str(channels), "-b", "16")
    audio = read_wav_path(path)
    assert (audio.rate, audio.channels, audio.width) == (rate, channels, 2)
    assert audio.duration_s == pytest.approx(8.308, abs=0.01)
    mono = audio.to_mono16k()
    assert (mono.rate, mono.channels) == (16000, 1)
    assert mono.duration_s == pytest.approx(8.308, abs=0.01)
    assert has_sound(mono)


@pytest.mark.parametrize(
    ("sox_args", "says"),
    [
        (["-b", "8", "-e", "unsigned-integer"], "is 8-bit"),
        (["-b", "24"], "is 24-bit"),
        (["-b", "32", "-e", "floating-point"], "is 32-bit float"),
        (["-e", "mu-law"], "is compressed (mu-law)"),
        (["-e", "a-law"], "is compressed (A-law)"),
        (["-e", "ima-adpcm"], "is compressed (IMA ADPCM)"),
        (["-c", "4", "-b", "16"], "has 4 channels"),
    ],
)
def test_unsupported_wav_formats_say_what_is_wrong_and_how_to_convert(
    tmp_path: Path, sox_args: list[str], says: str
) -> None:
    path = sox(DIGITS, tmp_path / "odd.wav", *sox_args)
    with pytest.raises(AudioFormatError) as e:
        read_wav_path(path)
    message = str(e.value)
    assert "\n" not in message
    assert message.startswith(f"{path} {says}")
    assert "16-bit PCM WAV" in message and "sox " in message


def test_24bit_message_names_the_conversion(tmp_path: Path) -> None:
    path = sox(DIGITS, tmp_path / "x.wav", "-b", "24")
    with pytest.raises(AudioFormatError, match=r"x\.wav is 24-bit; Heartline reads 16-bit PCM WAV"
                                               r" — convert with: sox .*x\.wav -b 16 out\.wav"):
        read_wav_path(path)


def _header_only(channels: int = 1, rate: int = 16000) -> bytes:
    fmt = struct.pack("<HHIIHH", 1, channels, rate, rate * 2 * channels, 2 * channels, 16)
    return b"RIFF" + struct.pack("<I", 36) + b"WAVE" + b"fmt " + struct.pack("<I", 16) + fmt


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "is empty"),
        (b"hello, this is a text file that someone renamed to .wav\n", "is not a WAV file"),
        (b"RIFF\x00\x00", "is not a WAV file"),
        (_header_only() + b"data" + struct.pack("<I", 0), "has no audio (0 frames)"),
        (_header_only(), "no data chunk"),
        (b"RIFF" + struct.pack("<I", 4) + b"WAVE", "no fmt chunk"),
        (_header_only() + b"data" + struct.pack("<I", 32000) + bytes(1000), "is truncated"),
        (b"RIFX" + bytes(4) + b"WAVE", "is a RIFX WAV"),
    ],
    ids=["empty", "text", "short", "zero-frames", "no-data", "no-fmt", "truncated", "big-endian"],
)
def test_broken_files_raise_one_clear_line(tmp_path: Path, content: bytes, says: str) -> None:
    path = tmp_path / "answer.wav"
    path.write_bytes(content)
    with pytest.raises(AudioFormatError) as e:
        read_wav_path(path)
    assert says in str(e.value)
    assert str(e.value).startswith(str(path))
    assert "\n" not in str(e.value)


def test_truncated_real_file(tmp_path: Path) -> None:
    path = tmp_path / "cut.wav"
    path.write_bytes(DIGITS.read_bytes()[:20000])
    with pytest.raises(AudioFormatError, match="is truncated"):
        read_wav_path(path)


def test_missing_file_and_folder_are_named(tmp_path: Path) -> None:
    with pytest.raises(AudioFormatError, match="nope.wav does not exist"):
        read_wav_path(tmp_path / "nope.wav")
    with pytest.raises(AudioFormatError, match="is a folder"):
        read_wav_path(tmp_path)


def test_streamed_wav_with_unknown_data_size_is_read_to_the_end() -> None:
    body = tone((440.0,)).pcm
    data = _header_only() + b"data" + struct.pack("<I", 0xFFFFFFFF) + body
    audio = read_wav(io.BytesIO(data))
    assert audio.pcm == body


def test_read_wav_skips_unknown_chunks_and_names_stream_without_name() -> None:
    body = tone((440.0,)).pcm
    data = (_header_only() + b"LIST" + struct.pack("<I", 3) + b"abc\x00" + b"data"
            + struct.pack("<I", len(body)) + body)
    assert read_wav(io.BytesIO(data)).pcm == body
    with pytest.raises(AudioFormatError, match="^the audio is empty"):
        read_wav(io.BytesIO(b""))


@settings(max_examples=40, deadline=None)
@given(
    st.binary(min_size=4, max_size=400).filter(lambda b: len(b) % 4 == 0),
    st.sampled_from([8000, 11025, 16000, 44100, 48000]),
    st.sampled_from([1, 2]),
)
def test_write_then_read_round_trips(pcm: bytes, rate: int, channels: int) -> None:
    audio = Audio(pcm, rate, 2, channels)
    buf = io.BytesIO()
    write_wav(buf, audio)
    buf.seek(0)
    assert read_wav(buf) == audio


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_crash_the_reader(data: bytes) -> None:
    try:
        read_wav(io.BytesIO(data))
    except AudioFormatError:
        pass


def test_wav_bytes_reads_back() -> None:
    audio = tone((300.0,))
    assert read_wav(io.BytesIO(wav_bytes(audio))) == audio


@pytest.mark.parametrize("rate", [8000, 11025, 22050, 44100, 48000])
def test_resampling_round_trip_keeps_speech_band(rate: int) -> None:
    # Tones well inside the narrower band (a 8 kHz signal keeps up to about 3.3 kHz cleanly).
    original = tone((440.0, 1000.0, 3100.0 if rate > 8000 else 2500.0), seconds=0.5)
    back = original.convert(rate).to_mono16k()
    assert abs(back.frames - original.frames) <= 1
    a, b = original.samples(), back.samples()
    n = min(len(a), len(b))
    error = math.sqrt(sum((a[i] - b[i]) ** 2 for i in range(200, n - 200)) / (n - 400))
    assert error < 0.01 * rms(original)  # better than -40 dB; typically about -65 dB


def test_downsampling_removes_what_cannot_be_represented() -> None:
    high = tone((6000.0,), rate=48000)  # above 8 kHz's Nyquist frequency (4 kHz)
    assert rms(high.convert(8000)) < 0.01 * rms(high)
    kept = tone((1000.0,), rate=48000)
    assert rms(kept.convert(8000)) == pytest.approx(rms(kept), rel=0.02)


def test_stereo_is_averaged_to_mono() -> None:
    left = array("h", [1000, -2000, 30000, -32768])
    right = array("h", [3000, 2000, 30000, -32768])
    stereo = array("h", [s for pair in zip(left, right, strict=True) for s in pair])
    mono = Audio(stereo.tobytes(), 16000, 2, 2).to_mono16k()
    assert list(mono.samples()) == [2000, 0, 30000, -32768]
    back = mono.convert(16000, 2)
    assert list(back.samples()) == [2000, 2000, 0, 0, 30000, 30000, -32768, -32768]


def test_audio_properties_and_helpers() -> None:
    s = silence(1.5)
    assert (s.frames, s.duration_s, rms(s), has_sound(s)) == (24000, 1.5, 0.0, False)
    t = tone((440.0,), seconds=0.25, rate=8000)
    joined = concat(s, t, silence(0.5, rate=44100))
    assert joined.rate == 16000
    assert joined.duration_s == pytest.approx(2.25, abs=0.001)
    assert has_sound(joined)
    assert rms(tone((440.0,))) == pytest.approx(6000 / math.sqrt(2), rel=0.01)


@pytest.mark.parametrize(
    ("kwargs", "says"),
    [({"pcm": b"\x00" * 3, "rate": 16000}, "middle of a frame"),
     ({"pcm": b"", "rate": 16000, "width": 3}, "24-bit"),
     ({"pcm": b"", "rate": 0}, "rate 0")],
)
def test_impossible_audio_values_are_rejected(kwargs: dict[str, object], says: str) -> None:
    with pytest.raises(AudioFormatError, match=says):
        Audio(**kwargs)  # type: ignore[arg-type]
