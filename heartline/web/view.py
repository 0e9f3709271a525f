"""What the partner's page shows, as plain values: days, check-ins in asked order, what is new."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from store import Store
from store.replies import Replies, related, topics

from .chart import local_day


@dataclass(frozen=True)
class Earlier:
    """An earlier shared entry about the same thing (Level Two empathy)."""

    entry: dict[str, Any]
    """The earlier entry."""
    common: tuple[str, ...]
    """The words they share (people, places, themes)."""
    when: str
    """When it was shared, e.g. "Tuesday"."""


@dataclass(frozen=True)
class Item:
    """One entry as the page shows it."""

    entry: dict[str, Any]
    """The shared entry."""
    time: str
    """Local time it was said, "21:04"."""
    new: bool
    """Shared since the partner's last visit."""
    voice: str
    """Whose voice the player plays: "own" or "heartline"."""
    earlier: tuple[Earlier, ...]
    """Earlier shared entries about the same thing."""
    sent: tuple[dict[str, Any], ...]
    """What the partner already said back."""


@dataclass(frozen=True)
class Checkin:
    """The entries of one check-in, in the order they were asked."""

    time: str
    """When it began (its first entry), local "21:04"."""
    items: tuple[Item, ...]
    """Its entries, oldest first."""


@dataclass(frozen=True)
class Day:
    """One day of the page."""

    day: date
    """The local date."""
    checkins: tuple[Checkin, ...]
    """Newest check-in first."""
    new: int = field(default=0)
    """How many of its entries are new."""


def _clock(created_at: str, tz: tzinfo | None) -> str:
    return datetime.fromisoformat(created_at).astimezone(tz).strftime("%H:%M")


def themes(rows: list[dict[str, Any]], today: date, tz: tzinfo | None) -> list[tuple[str, int]]:
    """Words that came back in the last seven days' entries, most often first ("work", 3)."""
    since = today - timedelta(days=6)
    seen: Counter[str] = Counter()
    for row in rows:
        if local_day(str(row["created_at"]), tz) >= since:
            seen.update(set(topics(str(row["text"]))))
    return [(word, n) for word, n in seen.most_common(5) if n >= 2]


LOOK_BACK = 100
"""How many earlier shared entries Level Two looks through for each entry."""


def _before(rows: list[dict[str, Any]], index: int) -> list[dict[str, Any]]:
    # rows are newest first: the ones after `index` came earlier.
    return rows[index + 1 : index + 1 + LOOK_BACK]


def build(
    store: Store,
    token: dict[str, Any],
    rows: list[dict[str, Any]],
    previous: str | None,
    tz: tzinfo | None,
) -> list[Day]:
    """The page's days, newest first, from the shared rows (newest first)."""
    sent = Replies(store).sent_by(token["listener_id"])
    words: dict[int, set[str]] = {}
    at = {row["id"]: i for i, row in enumerate(rows)}
    days: list[Day] = []
    for day, day_rows in itertools.groupby(rows, key=lambda r: local_day(r["created_at"], tz)):
        checkins: list[Checkin] = []
        by_checkin: dict[int, list[dict[str, Any]]] = {}
        order: list[int] = []
        for row in day_rows:
            if row["checkin_id"] not in by_checkin:
                order.append(row["checkin_id"])
            by_checkin.setdefault(row["checkin_id"], []).append(row)
        new_count = 0
        for checkin_id in order:
            asked = sorted(by_checkin[checkin_id], key=lambda r: (r["created_at"], r["id"]))
            items = []
            for row in asked:
                new = previous is None or str(row["created_at"]) > previous
                new_count += new
                earlier = tuple(
                    Earlier(other, tuple(common), local_day(other["created_at"], tz).strftime("%A"))
                    for other, common in related(row, _before(rows, at[row["id"]]), words=words)
                )
                items.append(
                    Item(
                        row,
                        _clock(row["created_at"], tz),
                        new,
                        "own" if row["has_audio"] else "heartline",
                        earlier,
                        tuple(sent.get(row["id"], ())),
                    )
                )
            checkins.append(Checkin(items[0].time, tuple(items)))
        days.append(Day(day, tuple(checkins), new_count))
    return days
