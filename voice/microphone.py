"""The microphone: the default input device at 16 kHz mono, captured audio waiting in a queue."""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterator
from typing import Any

from voice.audio import RECOGNIZER_RATE
from voice.errors import NoMicrophoneError


class Microphone:
    """The default input device at 16 kHz mono int16; captured audio waits in a queue.

    Use as a context manager and iterate it (or ``chunks()``). While ``muted`` is set, captured
    audio is dropped so the assistant does not hear itself.
    """

    def __init__(self, chunk_ms: int = 100, device: int | str | None = None) -> None:
        try:
            import sounddevice as sd

            info = sd.query_devices(device, kind="input")
            if not info or int(info.get("max_input_channels", 0)) < 1:
                raise NoMicrophoneError()
        except NoMicrophoneError:
            raise
        except Exception as e:  # PortAudio missing, no device, query failed
            raise NoMicrophoneError() from e
        self._sd = sd
        self._device = device
        self._blocksize = RECOGNIZER_RATE * chunk_ms // 1000
        self._queue: queue.Queue[bytes | None] = queue.Queue()
        self._muted = threading.Event()
        self._stream: Any = None

    def _callback(self, indata: Any, frames: int, time_info: Any, status: Any) -> None:
        if not self._muted.is_set():
            self._queue.put(bytes(indata))

    def __enter__(self) -> Microphone:
        try:
            self._stream = self._sd.RawInputStream(
                samplerate=RECOGNIZER_RATE, channels=1, dtype="int16", device=self._device,
                blocksize=self._blocksize, callback=self._callback,
            )
            self._stream.start()
        except Exception as e:
            raise NoMicrophoneError() from e
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop capturing and end any iteration."""
        if self._stream is not None:
            with contextlib.suppress(Exception):
                self._stream.stop()
                self._stream.close()
            self._stream = None
            self._queue.put(None)

    @property
    def muted(self) -> bool:
        """Whether captured audio is being dropped."""
        return self._muted.is_set()

    @muted.setter
    def muted(self, value: bool) -> None:
        if value:
            self._muted.set()
        else:
            self.drop_pending()
            self._muted.clear()

    @contextlib.contextmanager
    def mute(self) -> Iterator[None]:
        """Drop input for the duration of the block (while the assistant speaks)."""
        self.muted = True
        try:
            yield
        finally:
            self.muted = False

    def drop_pending(self) -> None:
        """Discard audio captured but not yet read."""
        with contextlib.suppress(queue.Empty):
            while True:
                if self._queue.get_nowait() is None:
                    self._queue.put(None)
                    return

    def chunks(self) -> Iterator[bytes]:
        """Captured chunks as they arrive, until close()."""
        while (chunk := self._queue.get()) is not None:
            yield chunk

    def __iter__(self) -> Iterator[bytes]:
        return self.chunks()
