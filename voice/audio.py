"""One Audio value (16-bit PCM), WAV reading and writing, and conversion to 16 kHz mono."""

from __future__ import annotations

import io
import math
import operator
import struct
import sys
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from voice.errors import AudioFormatError

#: The format every recognizer takes: 16 kHz, 16-bit, mono.
RECOGNIZER_RATE = 16000

_FORMAT_NAMES = {
    0x0002: "MS ADPCM",
    0x0003: "32-bit float",
    0x0006: "A-law",
    0x0007: "mu-law",
    0x0011: "IMA ADPCM",
    0x0031: "GSM 6.10",
    0x0055: "MP3",
}
_WAVE_FORMAT_PCM = 0x0001
_WAVE_FORMAT_FLOAT = 0x0003
_WAVE_FORMAT_EXTENSIBLE = 0xFFFE


@dataclass(frozen=True)
class Audio:
    """A block of little-endian signed 16-bit PCM audio."""

    pcm: bytes
    """Interleaved little-endian samples."""
    rate: int
    """Frames per second."""
    width: int = 2
    """Bytes per sample; Heartline only handles 2 (16-bit)."""
    channels: int = 1
    """Samples per frame: 1 (mono) or 2 (stereo)."""

    def __post_init__(self) -> None:
        if self.width != 2:
            raise AudioFormatError(f"Audio is {8 * self.width}-bit; Heartline handles 16-bit PCM")
        if self.rate <= 0 or self.channels <= 0:
            raise AudioFormatError(f"Audio has rate {self.rate} and {self.channels} channels")
        if len(self.pcm) % (self.width * self.channels):
            raise AudioFormatError("Audio ends in the middle of a frame")

    @property
    def frames(self) -> int:
        """Number of frames (one sample per channel)."""
        return len(self.pcm) // (self.width * self.channels)

    @property
    def duration_s(self) -> float:
        """Length in seconds."""
        return self.frames / self.rate

    def samples(self) -> array[int]:
        """The interleaved samples as an ``array('h')``."""
        return _to_array(self.pcm)

    def to_mono16k(self) -> Audio:
        """This audio as 16 kHz mono, the format every recognizer takes."""
        return self.convert(RECOGNIZER_RATE, 1)

    def convert(self, rate: int, channels: int = 1) -> Audio:
        """This audio at another rate and channel count (channels averaged, soxr resampling)."""
        if rate == self.rate and channels == self.channels:
            return self
        np, soxr = _dsp()
        x = np.frombuffer(self.pcm, dtype="<i2").reshape(-1, self.channels)
        if self.channels != channels:
            mono = x.mean(axis=1, dtype=np.float32) if self.channels > 1 else x[:, 0]
            x = np.repeat(mono.reshape(-1, 1), channels, axis=1)
        if rate != self.rate:
            # soxr's high-quality preset: about 50 ms for a minute of 44.1 kHz stereo (issue 10).
            x = soxr.resample(x.astype(np.float32), self.rate, rate, quality="HQ")
        y = np.clip(np.rint(x), -32768, 32767).astype("<i2")
        return Audio(y.tobytes(), rate, 2, channels)


def _dsp() -> tuple[Any, Any]:
    """numpy and soxr, imported on first conversion; a missing one says how to install it."""
    try:
        import numpy
        import soxr
    except ImportError as e:
        raise AudioFormatError(f"Audio conversion needs soxr ({e}): pip install soxr") from None
    return numpy, soxr


def _to_array(pcm: bytes) -> array[int]:
    samples = array("h")
    samples.frombytes(pcm)
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def _to_bytes(samples: array[int]) -> bytes:
    if sys.byteorder == "big":
        samples = array("h", samples)
        samples.byteswap()
    return samples.tobytes()


def _fail(name: str, problem: str, fix: str) -> AudioFormatError:
    return AudioFormatError(
        f"{name} {problem}; Heartline reads 16-bit PCM WAV — {fix}", path=name, reason=problem
    )


def read_wav(f: BinaryIO, name: str | None = None) -> Audio:
    """Read a 16-bit PCM WAV (mono or stereo, any rate); anything else raises AudioFormatError."""
    name = name or str(getattr(f, "name", "") or "the audio")
    convert = f"convert with: sox {name} -b 16 -e signed-integer out.wav"
    data = f.read()
    if not data:
        raise _fail(name, "is empty", "record or export the answer again")
    if len(data) < 12 or data[:4] not in (b"RIFF", b"RIFX", b"RF64") or data[8:12] != b"WAVE":
        raise _fail(name, "is not a WAV file", f"convert with: sox {name} -b 16 out.wav")
    if data[:4] != b"RIFF":
        raise _fail(name, f"is a {data[:4].decode()} WAV", convert)
    fmt: tuple[int, int, int, int] | None = None
    pcm: bytes | None = None
    pos = 12
    while pos + 8 <= len(data):
        chunk_id, size = data[pos : pos + 4], struct.unpack_from("<I", data, pos + 4)[0]
        body = data[pos + 8 : pos + 8 + size]
        if chunk_id == b"fmt ":
            if len(body) < 16:
                raise _fail(name, "is truncated or corrupt (short fmt chunk)", convert)
            tag, channels, rate, _, _, bits = struct.unpack_from("<HHIIHH", body)
            if tag == _WAVE_FORMAT_EXTENSIBLE and len(body) >= 26:
                tag = struct.unpack_from("<H", body, 24)[0]
            fmt = (tag, channels, rate, bits)
        elif chunk_id == b"data":
            if size in (0, 0xFFFFFFFF) and pos + 8 < len(data):
                body = data[pos + 8 :]  # written to a pipe: size unknown, read to the end
            elif len(body) < size:
                raise _fail(name, f"is truncated ({len(body)} of {size} audio bytes present)",
                            "record or export the answer again")
            pcm = body
            break
        pos += 8 + size + (size & 1)
    if fmt is None:
        raise _fail(name, "is truncated or corrupt (no fmt chunk)", convert)
    tag, channels, rate, bits = fmt
    if tag == _WAVE_FORMAT_FLOAT:
        raise _fail(name, f"is {bits}-bit float", convert)
    if tag != _WAVE_FORMAT_PCM:
        kind = _FORMAT_NAMES.get(tag, f"format 0x{tag:04x}")
        raise _fail(name, f"is compressed ({kind})", convert)
    if bits != 16:
        raise _fail(name, f"is {bits}-bit", f"convert with: sox {name} -b 16 out.wav")
    if channels not in (1, 2):
        raise _fail(name, f"has {channels} channels (mono or stereo only)",
                    f"convert with: sox {name} -c 1 -b 16 out.wav")
    if rate <= 0:
        raise _fail(name, f"has an impossible sample rate ({rate})", convert)
    if pcm is None:
        raise _fail(name, "is truncated or corrupt (no data chunk)", convert)
    frame_bytes = 2 * channels
    if len(pcm) < frame_bytes:
        raise _fail(name, "has no audio (0 frames)", "record or export the answer again")
    if len(pcm) % frame_bytes:
        pcm = pcm[: len(pcm) - len(pcm) % frame_bytes]  # a torn last frame is not worth failing on
    return Audio(pcm, rate, 2, channels)


def read_wav_path(path: str | Path) -> Audio:
    """Read a WAV file by path; errors name the file."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            return read_wav(f, name=str(path))
    except FileNotFoundError:
        raise AudioFormatError(
            f"{path} does not exist; give a 16-bit PCM WAV file", path=path, reason="does not exist"
        ) from None
    except IsADirectoryError:
        raise AudioFormatError(
            f"{path} is a folder; give a 16-bit PCM WAV file", path=path, reason="is a folder"
        ) from None
    except PermissionError:
        raise AudioFormatError(
            f"{path} cannot be read (permission denied)", path=path, reason="permission denied"
        ) from None


def write_wav(f: BinaryIO, audio: Audio) -> None:
    """Write audio as a 16-bit PCM WAV to a binary file object."""
    with wave.open(f, "wb") as w:  # type: ignore[call-overload]
        w.setnchannels(audio.channels)
        w.setsampwidth(audio.width)
        w.setframerate(audio.rate)
        w.writeframes(audio.pcm)


def wav_bytes(audio: Audio) -> bytes:
    """The audio as the bytes of a WAV file."""
    buf = io.BytesIO()
    write_wav(buf, audio)
    return buf.getvalue()


def rms(audio: Audio) -> float:
    """Root-mean-square level in 16-bit sample units (0 for silence, ~23170 full-scale sine)."""
    samples = audio.samples()
    if not samples:
        return 0.0
    return math.sqrt(sum(map(operator.mul, samples, samples)) / len(samples))


def has_sound(audio: Audio, threshold: float = 100.0) -> bool:
    """Whether the audio is louder than near-silence (RMS above ``threshold``)."""
    return rms(audio) > threshold


def pause_cuts(audio: Audio, shortest_s: float = 10.0, longest_s: float = 20.0) -> list[int]:
    """Frame offsets that cut mono audio into parts of ``shortest_s``..``longest_s`` at pauses.

    Each cut is the quietest 30 ms between ``shortest_s`` and ``longest_s`` after the previous
    one, so a long recording is decoded as utterance-sized parts, each with its own mean.
    """
    np, _ = _dsp()
    x = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float32)
    step = max(1, round(0.03 * audio.rate))
    n = len(x) // step
    energy = (x[: n * step].reshape(n, step) ** 2).mean(axis=1) if n else np.zeros(0)
    lo, hi = round(shortest_s / 0.03), round(longest_s / 0.03)
    cuts: list[int] = []
    start = 0
    while n - start > hi:
        window = energy[start + lo : start + hi]
        start = start + lo + int(np.argmin(window))
        cuts.append(start * step)
    return cuts


def silence(seconds: float, rate: int = RECOGNIZER_RATE) -> Audio:
    """Digital silence of the given length, mono."""
    return Audio(bytes(2 * round(seconds * rate)), rate)


def concat(*audios: Audio) -> Audio:
    """Join audio end to end, converted to the first one's rate and channel count."""
    if not audios:
        raise ValueError("concat needs at least one Audio")
    first = audios[0]
    pcm = b"".join(a.convert(first.rate, first.channels).pcm for a in audios)
    return Audio(pcm, first.rate, 2, first.channels)
