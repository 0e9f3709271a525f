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
    intensity: int
    """The strongest intensity felt (1 mild to 3 strong; 0 when none was named)."""


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
    rows: tuple[DayRow, ...] = ()
    """The same numbers as a table, day by day, for screen readers."""
    ticks: tuple[tuple[float, str], ...] = ()
    """(y, label) of the intensity axis."""
    left: float = 0
    """The x of the intensity axis."""


@dataclass(frozen=True)
class DayRow:
    """One day of the chart's table."""

    day: str
    """The day's name and date, e.g. "Friday 7 March"."""
    cells: tuple[tuple[int, int], ...]
    """(count, strongest intensity) for each emotion, in EMOTIONS order."""


def local_day(created_at: str, tz: tzinfo | None) -> date:
    """The calendar day of an ISO 8601 timestamp, in `tz` (None: the server's local zone)."""
    return datetime.fromisoformat(created_at).astimezone(tz).date()


INTENSITY_NAMES = ("not named", "mild", "strong", "intense")
"""Words for intensities 0 to 3 (the axis and the table)."""


def week(entries: Iterable[Mapping[str, Any]], today: date, tz: tzinfo | None) -> Week:
    """The chart of the last seven days ending `today`: each day's emotions by intensity.

    A bar's height is the strongest intensity of that emotion that day on a fixed 0-3 scale (one
    mild "glad" stays small whatever else the week holds); its count is in its title and table.
    """
    days = [today - timedelta(days=6 - i) for i in range(7)]
    counts = {(d, e): 0 for d in days for e in EMOTIONS}
    strongest = {(d, e): 0 for d in days for e in EMOTIONS}
    for entry in entries:
        key = (local_day(str(entry["created_at"]), tz), str(entry["emotion"]))
        if key in counts:
            counts[key] += 1
            strongest[key] = max(strongest[key], int(entry.get("intensity") or 0))
    width, height, top, bottom, left = 350, 176, 26, 146, 52
    slot = (width - left - 4) / 7
    bar_width = (slot - 6) / 4
    bars = []
    for i, day in enumerate(days):
        for j, emotion in enumerate(EMOTIONS):
            count = counts[(day, emotion)]
            if count:
                level = max(1, strongest[(day, emotion)])
                h = (bottom - top) * level / 3
                bars.append(
                    Bar(
                        x=round(left + i * slot + 3 + j * bar_width, 1),
                        y=round(bottom - h, 1),
                        height=round(h, 1),
                        emotion=emotion,
                        count=count,
                        day=day.strftime("%A"),
                        intensity=strongest[(day, emotion)],
                    )
                )
    labels = tuple(
        (round(left + i * slot + slot / 2, 1), day.strftime("%a")) for i, day in enumerate(days)
    )
    ticks = tuple(
        (round(bottom - (bottom - top) * level / 3, 1), INTENSITY_NAMES[level])
        for level in (1, 2, 3)
    )
    rows = tuple(
        DayRow(
            day.strftime("%A %-d %B"),
            tuple((counts[(day, e)], strongest[(day, e)]) for e in EMOTIONS),
        )
        for day in reversed(days)
    )
    return Week(width, height, bottom, tuple(bars), labels, sum(counts.values()), rows, ticks, left)
