"""Full-duplex audio: the microphone keeps listening while Heartline speaks, and every sample
played is kept on the microphone's timeline as the echo canceller's reference (issue 10)."""

from __future__ import annotations

import threading
from collections import deque
from typing import Any

from voice.audio import RECOGNIZER_RATE, Audio, rms
from voice.errors import NoMicrophoneError
from voice.microphone import Microphone

_KEEP_S = 30.0  # reference kept for the echo canceller and gate (they look back < 1 s)


class DuplexMicrophone(Microphone):
    """One sounddevice stream for input and output at 16 kHz mono: a Microphone that is also
    the Player (non-blocking, stoppable) and the EchoReference.

    In each callback block the samples written to the speaker are stored at the same position
    as the samples read from the microphone, so the reference is aligned up to the device
    latency, which the echo canceller estimates.
    """

    def __init__(self, chunk_ms: int = 30, device: int | str | None = None) -> None:
        super().__init__(chunk_ms, device)
        self._lock = threading.Lock()
        self._pending: deque[bytes] = deque()
        self._far = bytearray()
        self._far_start = 0  # input sample index of self._far[0]
        self._captured = 0  # input samples delivered so far
        self._texts: list[tuple[str, int, int]] = []  # (words, first, end input sample) per line

    def _duplex_callback(self, indata: Any, outdata: Any, frames: int, time_info: Any,
                         status: Any) -> None:
        want = 2 * frames
        with self._lock:
            out = bytearray()
            while self._pending and len(out) < want:
                block = self._pending.popleft()
                take = want - len(out)
                out += block[:take]
                if len(block) > take:
                    self._pending.appendleft(block[take:])
            out += bytes(want - len(out))
            self._far += out
            self._captured += frames
            excess = len(self._far) // 2 - int(_KEEP_S * RECOGNIZER_RATE)
            if excess > 0:
                del self._far[: 2 * excess]
                self._far_start += excess
        outdata[:] = bytes(out)
        self._queue.put(bytes(indata))

    def __enter__(self) -> DuplexMicrophone:
        try:
            self._stream = self._sd.RawStream(
                samplerate=RECOGNIZER_RATE, channels=1, dtype="int16", device=self._device,
                blocksize=self._blocksize, callback=self._duplex_callback,
            )
            self._stream.start()
        except Exception as e:
            raise NoMicrophoneError(
                "No microphone and speaker for full duplex", duplex=True
            ) from e
        return self

    def play(self, audio: Audio, label: str = "line", text: str = "") -> None:
        """Queue a line for the speaker; returns at once."""
        pcm = audio.to_mono16k().pcm
        with self._lock:
            start = self._captured + sum(len(b) for b in self._pending) // 2
            self._pending.append(pcm)
            self._texts = [t for t in self._texts if t[2] > self._far_start][-20:]
            self._texts.append((text, start, start + len(pcm) // 2))

    def stop(self) -> None:
        """Drop everything not yet played."""
        with self._lock:
            self._pending.clear()
            self._texts = [(t, a, min(b, self._captured)) for t, a, b in self._texts
                           if a < self._captured]

    def said(self, start_s: float, end_s: float) -> str:
        """The words of the lines played between two input times."""
        lo, hi = round(start_s * RECOGNIZER_RATE), round(end_s * RECOGNIZER_RATE)
        with self._lock:
            return " ".join(t for t, a, b in self._texts if a < hi and b > lo)

    def far_pcm(self, start_s: float, end_s: float) -> bytes:
        """What was played between two input times (zeros outside what is kept)."""
        lo = round(start_s * RECOGNIZER_RATE)
        hi = round(end_s * RECOGNIZER_RATE)
        out = bytearray(2 * max(0, hi - lo))
        with self._lock:
            a = max(lo, self._far_start)
            b = min(hi, self._far_start + len(self._far) // 2)
            if b > a:
                src = self._far[2 * (a - self._far_start) : 2 * (b - self._far_start)]
                out[2 * (a - lo) : 2 * (b - lo)] = src
        return bytes(out)

    def far_level(self, start_s: float, end_s: float) -> float:
        """Loudest 30 ms RMS of what was played between two input times."""
        pcm = self.far_pcm(start_s, end_s)
        frame = 2 * 480
        return max((rms(Audio(pcm[i : i + frame], RECOGNIZER_RATE))
                    for i in range(0, len(pcm) - frame + 1, frame)), default=0.0)
