"""Where the evening assistant reads the time and how it waits: the machine's or the audio's."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol

from voice.sources import Listener


class Clock(Protocol):
    """Where the assistant reads the time and how it waits (injected so tests control time)."""

    def now(self) -> datetime:
        """The current instant, timezone-aware."""
        ...

    def sleep(self, seconds: float) -> None:
        """Wait this long."""
        ...


class SystemClock:
    """The machine's clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def sleep(self, seconds: float) -> None:
        time.sleep(max(0.0, seconds))


class AudioClock:
    """Time as heard: ``start`` plus the seconds of audio the listener has consumed.

    Lets a recording stand for an evening: a prompt scheduled 10 minutes after ``start`` is made
    when the listener reaches minute 10 of the file.
    """

    def __init__(self, start: datetime, listener: Listener) -> None:
        self._start = start.astimezone(UTC)
        self._listener = listener

    def now(self) -> datetime:
        return self._start + timedelta(seconds=self._listener.position_s)

    def sleep(self, seconds: float) -> None:
        """Audio time only moves as audio is heard."""
