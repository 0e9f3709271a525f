"""The picture of the week: the four emotions day by day, as numbers an SVG template draws."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

EMOTIONS = ("mad", "sad", "glad", "fear")
"""The four emotions, in the order they are asked."""


@dataclass(frozen=True)
class Bar:
    """One bar of the chart."""

    x: float
    """Left edge, in SVG units."""
    y: float
    """Top edge, in SVG units."""
    height: float
    """Height, in SVG units."""
    emotion: str
    """Which emotion it counts."""
    count: int
    """How many shared entries it stands for."""
    day: str
    """The day's name, for the bar's tooltip."""


@dataclass(frozen=True)
class Week:
    """Seven days of shared feelings, ready to draw."""

    width: int
    """The SVG's width."""
    height: int
    """The SVG's height."""
    baseline: float
    """The y of the chart's floor."""
    bars: tuple[Bar, ...]
    """Every bar, day by day, emotion by emotion (bars of zero are left out)."""
    labels: tuple[tuple[float, str], ...]
    """(x centre, short day name) under each day."""
    total: int
    """How many entries the week holds."""


def local_day(created_at: str, tz: tzinfo | None) -> date:
    """The calendar day of an ISO 8601 timestamp, in `tz` (None: the server's local zone)."""
    return datetime.fromisoformat(created_at).astimezone(tz).date()


def week(entries: Iterable[Mapping[str, Any]], today: date, tz: tzinfo | None) -> Week:
    """The chart of the seven days ending `today`."""
    days = [today - timedelta(days=6 - i) for i in range(7)]
    counts = {(d, e): 0 for d in days for e in EMOTIONS}
    for entry in entries:
        key = (local_day(str(entry["created_at"]), tz), str(entry["emotion"]))
        if key in counts:
            counts[key] += 1
    width, height, top, bottom, left = 350, 160, 10, 130, 8
    slot = (width - 2 * left) / 7
    bar_width = (slot - 8) / 4
    most = max(counts.values(), default=0) or 1
    bars = []
    for i, day in enumerate(days):
        for j, emotion in enumerate(EMOTIONS):
            count = counts[(day, emotion)]
            if count:
                h = (bottom - top) * count / most
                bars.append(
                    Bar(
                        x=round(left + i * slot + 4 + j * bar_width, 1),
                        y=round(bottom - h, 1),
                        height=round(h, 1),
                        emotion=emotion,
                        count=count,
                        day=day.strftime("%A"),
                    )
                )
    labels = tuple(
        (round(left + i * slot + slot / 2, 1), day.strftime("%a")) for i, day in enumerate(days)
    )
    return Week(width, height, bottom, tuple(bars), labels, sum(counts.values()))
