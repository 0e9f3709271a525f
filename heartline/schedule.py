"""When each person's evening prompt is due: pure functions of a schedule, a state and a time.

Every comparison is made in UTC: two datetimes sharing one ZoneInfo compare by wall clock and
would get daylight-saving changes wrong. The local zone is passed in; nothing here reads a clock.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Day names in datetime.weekday() order."""

WAKE_WINDOW = timedelta(hours=2)
"""A prompt missed (machine asleep, program not running) is still made this long after its time."""

_ALIASES = {
    "daily": DAYS, "everyday": DAYS, "all": DAYS,
    "weekdays": DAYS[:5], "weekends": DAYS[5:], "weekend": DAYS[5:],
}


class ScheduleValueError(ValueError):
    """A prompt time is HH:MM (24-hour) and days are mon,tue,wed,thu,fri,sat,sun."""


def parse_at(text: str) -> time:
    """ "21:30" -> time(21, 30); raises ScheduleValueError."""
    m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text)
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        raise ScheduleValueError(f"{text!r} is not a time: use HH:MM, e.g. 21:30")
    return time(int(m[1]), int(m[2]))


def parse_days(text: str | None) -> tuple[str, ...]:
    """ "mon,wed" -> ("mon", "wed"); None or "daily" -> every day; raises ScheduleValueError."""
    if text is None or not text.strip():
        return DAYS
    chosen: set[str] = set()
    for part in re.split(r"[,\s]+", text.strip().lower()):
        if not part:
            continue
        if part in _ALIASES:
            chosen.update(_ALIASES[part])
        elif part[:3] in DAYS and DAYS[DAYS.index(part[:3])].startswith(part[:3]):
            chosen.add(part[:3])
        else:
            raise ScheduleValueError(
                f"{part!r} is not a day: use mon,tue,wed,thu,fri,sat,sun (or daily, weekdays)"
            )
    return tuple(d for d in DAYS if d in chosen)


@dataclass(frozen=True)
class Schedule:
    """One person's evening prompt."""

    at: time
    """Local wall-clock time of the prompt."""
    days: tuple[str, ...] = DAYS
    """Days of the week it applies to."""

    def __post_init__(self) -> None:
        if not self.days or any(d not in DAYS for d in self.days):
            raise ScheduleValueError(f"bad days {self.days!r}")


@dataclass(frozen=True)
class PromptState:
    """What has happened to a person's prompts."""

    handled_on: date | None = None
    """The last local date whose prompt was dealt with (accepted, declined, missed, snoozed)."""
    snooze_until: datetime | None = None
    """When to ask again after a "later" (aware), if pending."""


class Reason(StrEnum):
    """Why a prompt is due."""

    SCHEDULED = "scheduled"
    SNOOZE = "snooze"


@dataclass(frozen=True)
class Due:
    """A prompt to make now."""

    reason: Reason
    """The scheduled time came, or a snooze ran out."""
    day: date
    """The local date the prompt belongs to."""


def occurrence(schedule: Schedule, day: date, tz: tzinfo) -> datetime | None:
    """The UTC instant of the prompt on local date ``day``, None if not a prompt day.

    A time that does not exist (clocks spring forward over it) is taken with the offset before
    the change, so 02:30 becomes 03:30; a time that happens twice (clocks fall back) is the first.
    """
    if DAYS[day.weekday()] not in schedule.days:
        return None
    return datetime.combine(day, schedule.at, tzinfo=tz).astimezone(UTC)


def local_date(now: datetime, tz: tzinfo) -> date:
    """The local calendar date at instant ``now``."""
    return now.astimezone(tz).date()


def check(schedule: Schedule, state: PromptState, now: datetime, tz: tzinfo
          ) -> tuple[Due | None, PromptState]:
    """Whether a prompt is due at ``now``, and the state with missed prompts let go.

    A prompt is made once, at its time or (machine asleep) on waking within WAKE_WINDOW of it;
    later than that it waits for the next day. A snooze is made when it runs out, also within
    the window.
    """
    now = now.astimezone(UTC)
    today = local_date(now, tz)
    if state.snooze_until is not None:
        until = state.snooze_until.astimezone(UTC)
        if until <= now:
            if now - until <= WAKE_WINDOW:
                return Due(Reason.SNOOZE, local_date(until, tz)), state
            state = replace(state, snooze_until=None)
    # Yesterday too: a 23:30 prompt slept through is still made at 00:40.
    for day in (today - timedelta(days=1), today):
        if state.handled_on is not None and day <= state.handled_on:
            continue
        occ = occurrence(schedule, day, tz)
        if occ is None or occ > now:
            continue
        if now - occ <= WAKE_WINDOW:
            return Due(Reason.SCHEDULED, day), state
        state = replace(state, handled_on=day)  # missed by more than the window
    return None, state


def next_check(schedule: Schedule, state: PromptState, now: datetime, tz: tzinfo) -> datetime:
    """The earliest instant after ``now`` at which check() may find a prompt due (UTC)."""
    now = now.astimezone(UTC)
    candidates: list[datetime] = []
    if state.snooze_until is not None and state.snooze_until.astimezone(UTC) > now:
        candidates.append(state.snooze_until.astimezone(UTC))
    today = local_date(now, tz)
    for offset in range(0, 8):
        day = today + timedelta(days=offset)
        if state.handled_on is not None and day <= state.handled_on:
            continue
        occ = occurrence(schedule, day, tz)
        if occ is not None and occ > now:
            candidates.append(occ)
            break
    return min(candidates) if candidates else now + timedelta(days=1)


def answered(day: date) -> PromptState:
    """The state after a prompt was accepted, declined or met with silence: done for the day."""
    return PromptState(handled_on=day)


def snoozed(day: date, now: datetime, minutes: int) -> PromptState:
    """The state after "later": ask again in ``minutes``."""
    until = now.astimezone(UTC) + timedelta(minutes=minutes)
    return PromptState(handled_on=day, snooze_until=until)


def earliest(times: Iterable[datetime], default: datetime) -> datetime:
    """The earliest of ``times``, or ``default`` when there are none."""
    return min(times, default=default)


def local_zone() -> tzinfo:
    """The machine's zone with its daylight-saving rules: $TZ, else /etc/localtime, else UTC."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    localtime = Path("/etc/localtime")
    try:
        with localtime.open("rb") as f:
            return ZoneInfo.from_file(f, key="localtime")
    except OSError:
        return UTC
