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
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from voice.errors import AudioFormatError

#: The format every recognizer takes: 16 kHz, 16-bit, mono.
RECOGNIZER_RATE = 16000

# Windowed-sinc resampler settings: zero crossings on each side of the kernel, the fraction of the
# lower Nyquist frequency kept (the rest is the transition band), and a cap on the number of
# precomputed filter phases for awkward rate ratios (e.g. 44101 Hz).
_ZERO_CROSSINGS = 8
_ROLLOFF = 0.92
_MAX_PHASES = 512

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
        """This audio at another rate and channel count (channels averaged, sinc resampling)."""
        if rate == self.rate and channels == self.channels:
            return self
        samples = self.samples()
        if self.channels != channels:
            samples = _mix(samples, self.channels, channels)
        if rate != self.rate:
            if channels == 1:
                samples = _resample(samples, self.rate, rate)
            else:
                planes = [_resample(samples[c::channels], self.rate, rate) for c in range(channels)]
                samples = array("h", bytes(2 * channels * len(planes[0])))
                for c, plane in enumerate(planes):
                    samples[c::channels] = plane
        return Audio(_to_bytes(samples), rate, 2, channels)


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


def _mix(samples: array[int], src: int, dst: int) -> array[int]:
    """Average ``src`` channels down to mono, or copy mono/averaged audio into ``dst`` channels."""
    if src == 1:
        mono = samples
    elif src == 2:
        mono = array("h", [(a + b) >> 1 for a, b in zip(samples[0::2], samples[1::2], strict=True)])
    else:
        planes = [samples[c::src] for c in range(src)]
        mono = array("h", (sum(frame) // src for frame in zip(*planes, strict=True)))
    if dst == 1:
        return mono
    out = array("h", bytes(2 * dst * len(mono)))
    for c in range(dst):
        out[c::dst] = mono
    return out


@lru_cache(maxsize=16)
def _kernel(src: int, dst: int) -> tuple[int, int, int, tuple[tuple[float, ...], ...]]:
    """Polyphase windowed-sinc (Blackman) kernel ``src`` -> ``dst``: (up, down, half, phases)."""
    g = math.gcd(src, dst)
    up, down = dst // g, src // g
    cutoff = min(1.0, dst / src) * _ROLLOFF  # as a fraction of the input Nyquist frequency
    half = math.ceil(_ZERO_CROSSINGS / cutoff)
    n_phases = min(up, _MAX_PHASES)
    phases = []
    for p in range(n_phases):
        frac = p / n_phases
        taps = []
        for k in range(2 * half):
            u = (k - half + 1) - frac  # distance in input samples from the output instant
            x = cutoff * u
            sinc = 1.0 if x == 0 else math.sin(math.pi * x) / (math.pi * x)
            w = u / (half + 1)
            window = 0.42 + 0.5 * math.cos(math.pi * w) + 0.08 * math.cos(2 * math.pi * w)
            taps.append(sinc * window)
        total = sum(taps)  # normalise each phase to unit gain at DC
        phases.append(tuple(t / total for t in taps))
    return up, down, half, tuple(phases)


def _resample(samples: array[int], src: int, dst: int) -> array[int]:
    """Band-limited resampling of mono samples from ``src`` Hz to ``dst`` Hz."""
    up, down, half, phases = _kernel(src, dst)
    n_phases = len(phases)
    padded = array("h", bytes(2 * half)) + samples + array("h", bytes(2 * (half + 1)))
    n_out = (len(samples) * up) // down
    out = array("h", bytes(2 * n_out))
    mul = operator.mul
    for n in range(n_out):
        num = n * down
        i0, rem = divmod(num, up)
        p = (rem * n_phases + up // 2) // up if n_phases != up else rem
        if p == n_phases:
            p = 0
            i0 += 1
        # padded[i0 + 1 .. i0 + 2 * half] covers input samples i0 - half + 1 .. i0 + half.
        v = sum(map(mul, phases[p], padded[i0 + 1 : i0 + 1 + 2 * half]))
        v = round(v)
        out[n] = 32767 if v > 32767 else -32768 if v < -32768 else v
    return out


def _fail(name: str, problem: str, fix: str) -> AudioFormatError:
    return AudioFormatError(f"{name} {problem}; Heartline reads 16-bit PCM WAV — {fix}")


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
        raise AudioFormatError(f"{path} does not exist; give a 16-bit PCM WAV file") from None
    except IsADirectoryError:
        raise AudioFormatError(f"{path} is a folder; give a 16-bit PCM WAV file") from None
    except PermissionError:
        raise AudioFormatError(f"{path} cannot be read (permission denied)") from None


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
