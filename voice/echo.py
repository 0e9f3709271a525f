"""Heartline's own voice in the microphone: WebRTC's echo canceller (AEC3) and a Geigel-style
gate against the known reference, and a simulated room (a recording as the person, the played
replies coming back as echo)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import Any, Protocol

from voice.audio import RECOGNIZER_RATE, Audio
from voice.errors import EngineError

GATE_MARGIN = 2.0
"""Near-end speech must be this much louder (6 dB) than the echo the reference predicts."""
WINDOW_MARGIN = 5.0
"""Sound over Heartline stops it only if, over its voiced frames, the median frame is this many
times above the gate (14 dB) and it carries words: at the first check a person talking over a
reply measured 7-16 times at 0.5-2x echo, echo that slipped through the gate 1-3.4 times (the
highest while the coupling was still being learned during the first question; issue 10)."""
RAW_MARGIN = 1.8
"""... and either the sound as heard, before cancelling, is this many times louder (5 dB) than
Heartline's echo alone makes it (its learned coupling), or what is left after cancelling does not
sound like Heartline (ECHO_LIKENESS). The canceller now and then loses track for a second (a
line's samples differ a little from one synthesis to the next, the echo clips the microphone):
what it lets through then stands 3-14 times above the gate and can decode to other words
("colorful", "let me"), yet the input is no louder than its echo (1.0-1.3 times the coupling). A
person talking over a reply measured 2.6-19 times at 0.5x and 1x echo; at 2x a quiet voice is
buried in the echo (0.8-1.0) and only its likeness tells it apart (issue 10)."""
ECHO_LIKENESS = 0.22
"""What is left after cancelling is Heartline's echo, not the person, when its spectrogram follows
what was played this closely (the best correlation of 20 log band energies, 250 Hz-4 kHz, 10 ms
hops, over lags up to FAR_WINDOW_S). Echo the canceller let through measured 0.30-0.70; a person
talking over a reply -0.39 to 0.14, at 2x echo too."""
_BANDS = (8, 9, 11, 12, 14, 16, 18, 21, 24, 28, 32, 37, 42, 49, 56, 64, 74, 84, 97, 111, 128)
"""Edges of the likeness bands, in bins of a 512-point FFT at 16 kHz (about 250 Hz to 4 kHz)."""
FAR_WINDOW_S = 0.25
"""The echo of a sample can arrive this late (playback and room delay, reverberation)."""
_FAR_ACTIVE = 60.0
_AEC_BLOCK = RECOGNIZER_RATE // 100  # WebRTC processes 10 ms blocks
_MIN_OBSERVED = 10


def echoes_own(heard: str, said: str) -> bool:
    """Whether half or more of the words ``heard`` are words of ``said`` (Heartline's own lines
    at the time): what is left of its echo decodes to its own words and a few misheard ones
    ("that sounds far" while it says "That sounds hard."), a person going on to other words."""
    own = set(re.findall(r"[a-z']+", said.lower()))
    tokens = heard.lower().split()
    return bool(tokens) and 2 * sum(t in own for t in tokens) >= len(tokens)


class EchoReference(Protocol):
    """What the speaker played, on the microphone's timeline; the Listener gates against it."""

    def far_level(self, start_s: float, end_s: float) -> float:
        """Loudest 30 ms RMS of what was played between two input times (0: nothing)."""
        ...

    def far_pcm(self, start_s: float, end_s: float) -> bytes:
        """What was played between two input times, 16 kHz mono 16-bit (zeros: nothing)."""
        ...

    def stop(self) -> None:
        """Stop playing at once (the person is talking over Heartline)."""
        ...

    def said(self, start_s: float, end_s: float) -> str:
        """The words of the lines played between two input times ("" when none or unknown)."""
        ...


class EchoGate:
    """Geigel-style double-talk detector: speech counts only when louder than the echo.

    The coupling (echo level per unit of played level) is learned from frames while Heartline
    speaks: the 75th percentile of near/far ratios, so a person talking over a minority of them
    does not raise it.
    """

    def __init__(self, reference: EchoReference) -> None:
        self.reference = reference
        self._ratios: list[float] = []
        self.coupling = 1.0
        self._raw_ratios: list[float] = []
        self.raw_coupling = 1.0
        """The same, for the input before cancelling: how loud the echo itself comes back."""
        self._raw = 0.0  # RMS of the last frame before cancelling
        try:
            from pywebrtc_audio import AudioProcessor
        except ImportError as e:
            raise EngineError(f"Echo cancellation needs pywebrtc-audio ({e}): "
                              "pip install pywebrtc-audio") from None
        self._aec = AudioProcessor(sample_rate=RECOGNIZER_RATE, echo_cancellation=True)
        self._np = _np()

    def cancel(self, frame: bytes, start_s: float) -> bytes:
        """The frame heard from ``start_s`` with the echo of what was played removed (AEC3)."""
        np = self._np
        near = np.frombuffer(frame, dtype="<i2")
        self._raw = float(np.sqrt(np.mean(near.astype(np.float64) ** 2))) if len(near) else 0.0
        far = np.frombuffer(self.reference.far_pcm(start_s, start_s + len(near) / RECOGNIZER_RATE),
                            dtype="<i2")
        if not far.any() and not self._ratios:
            return frame  # nothing played yet: leave the input as it is
        out = []
        for i in range(0, len(near) - _AEC_BLOCK + 1, _AEC_BLOCK):
            block = self._aec.process(near[i : i + _AEC_BLOCK].copy(),
                                      far[i : i + _AEC_BLOCK].copy())
            out.append(np.asarray(block, dtype=np.int16).reshape(-1))
        rest = len(near) % _AEC_BLOCK
        if rest:
            out.append(near[len(near) - rest :])
        return np.concatenate(out).astype("<i2").tobytes()

    def far(self, t_s: float, frame_s: float) -> float:
        """The loudest played level whose echo can reach the frame at ``t_s``."""
        return self.reference.far_level(t_s - FAR_WINDOW_S, t_s + frame_s)

    def is_speech(self, energy: float, far: float) -> bool:
        """Whether a frame of ``energy`` holds more than the echo of ``far``."""
        return far < _FAR_ACTIVE or energy > GATE_MARGIN * self.coupling * far

    def excess(self, energy: float, far: float) -> tuple[float, float]:
        """How many times above the gate a frame of ``energy`` is after cancelling, and how many
        times louder than its echo the same frame was before (inf, inf: nothing was played)."""
        if far < _FAR_ACTIVE:
            return float("inf"), float("inf")
        return (energy / (GATE_MARGIN * self.coupling * far),
                self._raw / (self.raw_coupling * far))

    def outweighs(self, excesses: list[tuple[float, float]], heard: bytes = b"",
                  start_s: float = 0.0) -> bool:
        """Whether a stretch of frames (their ``excess``; ``heard`` after cancelling, from input
        time ``start_s``) is more than the echo: what is left after cancelling beats the gate,
        and the input itself is louder than the echo alone or does not sound like Heartline.
        Levels are judged on their median over the stretch, not on any one frame's margin."""
        if not excesses:
            return False
        middle = len(excesses) // 2
        cancelled = sorted(e for e, _ in excesses)[middle]
        before = sorted(r for _, r in excesses)[middle]
        if cancelled < WINDOW_MARGIN:
            return False
        if before >= RAW_MARGIN:
            return True
        if not heard:
            return False
        end_s = start_s + len(heard) / (2 * RECOGNIZER_RATE)
        played = self.reference.far_pcm(start_s - FAR_WINDOW_S, end_s)
        return self.likeness(heard, played) < ECHO_LIKENESS

    def likeness(self, heard: bytes, played: bytes) -> float:
        """How closely the spectrogram of ``heard`` follows that of ``played`` (which starts
        FAR_WINDOW_S earlier): the best correlation over the lags between them."""
        np = self._np
        h, p = _log_bands(np, heard), _log_bands(np, played)
        if len(h) < 2 or len(p) < len(h):
            return 0.0
        h = h - h.mean(axis=0)
        best = -1.0
        for lag in range(len(p) - len(h) + 1):
            q = p[lag : lag + len(h)]
            q = q - q.mean(axis=0)
            norm = float(np.sqrt((h * h).sum() * (q * q).sum()))
            if norm > 0:
                best = max(best, float((h * q).sum()) / norm)
        return best

    def observe(self, energy: float, far: float) -> None:
        """Learn the coupling from a frame heard while Heartline spoke."""
        if far < _FAR_ACTIVE:
            return
        self._ratios.append(energy / far)
        self._raw_ratios.append(self._raw / far)
        if len(self._ratios) >= _MIN_OBSERVED:
            self.coupling = _upper_quartile(self._ratios)
            self.raw_coupling = _upper_quartile(self._raw_ratios)


class Room:
    """A simulated room for tests and benchmarks: the microphone hears ``person`` plus the echo
    of whatever was played (delayed, reverberant, at ``echo_gain``), plus optional noise.

    Iterate it for 100 ms chunks (as a Microphone); it is also the Player and EchoReference.
    """

    def __init__(self, person: Audio, *, echo_gain: float = 0.5, delay_s: float = 0.05,
                 rt60_s: float = 0.3, noise_rms: float = 0.0, seed: int = 0) -> None:
        np = _np()
        self._np = np
        rng = np.random.default_rng(seed)
        self._person = np.frombuffer(person.to_mono16k().pcm, dtype="<i2").astype(np.float32)
        if noise_rms:
            self._person = self._person + rng.standard_normal(len(self._person)) * noise_rms
        t = np.arange(int(rt60_s * RECOGNIZER_RATE)) / RECOGNIZER_RATE
        rir = rng.standard_normal(len(t)) * np.exp(-6.9 * t / rt60_s) * 0.3
        rir[0] = 1.0
        self._rir = (rir / np.sqrt(np.sum(rir**2))).astype(np.float32)
        self._gain = echo_gain
        self._delay = int(delay_s * RECOGNIZER_RATE)
        n = len(self._person)
        self._far = np.zeros(n, dtype=np.float32)
        self._echo = np.zeros(n, dtype=np.float32)
        self._pos = 0
        self._queued_until = 0
        self.played: list[tuple[str, float, float, str]] = []
        """(label, start_s, end_s, words) of each line as played (end_s moves up if stopped)."""
        self.stops = 0

    def __iter__(self) -> Iterator[bytes]:
        np = self._np
        step = RECOGNIZER_RATE // 10
        while self._pos < len(self._person):
            lo, hi = self._pos, min(self._pos + step, len(self._person))
            self._pos = hi
            x = self._person[lo:hi] + self._echo[lo:hi]
            yield np.clip(np.rint(x), -32768, 32767).astype("<i2").tobytes()

    def play(self, audio: Audio, label: str = "line", text: str = "") -> None:
        """Start playing after whatever is queued; returns at once."""
        np = self._np
        far = np.frombuffer(audio.to_mono16k().pcm, dtype="<i2").astype(np.float32)
        start = max(self._pos, self._queued_until)
        end = min(start + len(far), len(self._far))
        if end <= start:
            return
        self._far[start:end] = far[: end - start]
        echo = np.convolve(far, self._rir)[: len(far) + len(self._rir)] * self._gain
        lo = start + self._delay
        hi = min(lo + len(echo), len(self._echo))
        if hi > lo:
            self._echo[lo:hi] += echo[: hi - lo]
        self._queued_until = end
        self.played.append((label, start / RECOGNIZER_RATE, end / RECOGNIZER_RATE, text))

    def stop(self) -> None:
        """Cut playback at the current input position."""
        now = self._pos
        if self._queued_until <= now:
            return
        self._far[now:] = 0
        self._echo[now + self._delay :] = 0
        self._queued_until = now
        self.stops += 1
        self.played = [(lbl, s, min(e, now / RECOGNIZER_RATE), t)
                       for lbl, s, e, t in self.played if s * RECOGNIZER_RATE < now]

    def said(self, start_s: float, end_s: float) -> str:
        """The words of the lines played between two input times."""
        return " ".join(t for _, s, e, t in self.played if s < end_s and e > start_s)

    def far_pcm(self, start_s: float, end_s: float) -> bytes:
        """What was played between two input times, 16 kHz mono 16-bit."""
        np = self._np
        lo = int(round(start_s * RECOGNIZER_RATE))
        hi = int(round(end_s * RECOGNIZER_RATE))
        out = np.zeros(hi - lo, dtype="<i2")
        a, b = max(lo, 0), min(hi, len(self._far))
        if b > a:
            out[a - lo : b - lo] = np.clip(self._far[a:b], -32768, 32767).astype("<i2")
        return out.tobytes()

    def far_level(self, start_s: float, end_s: float) -> float:
        """Loudest 30 ms RMS of what was played between two input times."""
        np = self._np
        lo = max(0, int(start_s * RECOGNIZER_RATE))
        hi = min(len(self._far), int(end_s * RECOGNIZER_RATE))
        if hi - lo < 480:
            return 0.0
        x = self._far[lo : lo + (hi - lo) // 480 * 480].reshape(-1, 480)
        return float(np.sqrt((x**2).mean(axis=1)).max())


def _log_bands(np: Any, pcm: bytes) -> Any:
    """Log energies in the likeness bands of 32 ms windows every 10 ms (frames x bands)."""
    x = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    win, hop = 512, RECOGNIZER_RATE // 100
    if len(x) < win:
        return np.zeros((0, len(_BANDS) - 1))
    starts = np.arange(0, len(x) - win + 1, hop)
    frames = x[starts[:, None] + np.arange(win)] * np.hanning(win)
    power = np.abs(np.fft.rfft(frames, axis=1)) ** 2
    bands = np.stack([power[:, a:b].sum(axis=1) for a, b in pairwise(_BANDS)], axis=1)
    return np.log(bands + 1e3)


def _upper_quartile(ratios: list[float]) -> float:
    """The 75th percentile of the last 2000 ratios (a person talking over a minority of the
    frames does not raise it)."""
    ordered = sorted(ratios[-2000:])
    return ordered[int(0.75 * (len(ordered) - 1))]


def _np() -> Any:
    import numpy

    return numpy
