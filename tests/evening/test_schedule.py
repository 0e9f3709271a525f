"""Pure schedule logic with fixed instants: daylight-saving changes, the wake window, snoozes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from heartline.schedule import (
    DAYS,
    WAKE_WINDOW,
    Due,
    PromptState,
    Reason,
    Schedule,
    ScheduleValueError,
    answered,
    check,
    next_check,
    occurrence,
    parse_at,
    parse_days,
    snoozed,
)

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
NINE = Schedule(time(21, 0))


def local(tz: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=tz).astimezone(UTC)  # type: ignore[misc]


@pytest.mark.parametrize(
    "tz,before,after,utc_before,utc_after,gap_h",
    [
        (NY, date(2024, 3, 9), date(2024, 3, 10), 2, 1, 23),  # spring forward: EST then EDT
        (NY, date(2024, 11, 2), date(2024, 11, 3), 1, 2, 25),  # fall back
        (BERLIN, date(2024, 3, 30), date(2024, 3, 31), 20, 19, 23),
        (BERLIN, date(2024, 10, 26), date(2024, 10, 27), 19, 20, 25),
    ],
)
def test_the_prompt_stays_at_the_local_hour_across_a_dst_change(
    tz: ZoneInfo, before: date, after: date, utc_before: int, utc_after: int, gap_h: int
) -> None:
    a = occurrence(NINE, before, tz)
    b = occurrence(NINE, after, tz)
    assert a is not None and b is not None
    assert a.astimezone(tz).time() == time(21) and b.astimezone(tz).time() == time(21)
    assert (a.hour, b.hour) == (utc_before, utc_after)
    assert b - a == timedelta(hours=gap_h)
    # The day after the change is prompted exactly once, at 21:00 local.
    assert check(NINE, answered(before), b - timedelta(minutes=1), tz)[0] is None
    assert check(NINE, answered(before), b, tz)[0] == Due(Reason.SCHEDULED, after)


def test_a_time_skipped_by_spring_forward_is_made_after_the_jump() -> None:
    gap = Schedule(time(2, 30))
    occ = occurrence(gap, date(2024, 3, 10), NY)
    assert occ is not None and occ.astimezone(NY).time() == time(3, 30)
    now = local(NY, 2024, 3, 10, 3, 31)
    due, _ = check(gap, PromptState(), now, NY)
    assert due == Due(Reason.SCHEDULED, date(2024, 3, 10))


def test_a_time_repeated_by_fall_back_prompts_once() -> None:
    twice = Schedule(time(1, 30))
    first = datetime(2024, 11, 3, 5, 30, tzinfo=UTC)  # 01:30 EDT
    second = datetime(2024, 11, 3, 6, 30, tzinfo=UTC)  # 01:30 EST
    due, _ = check(twice, PromptState(), first, NY)
    assert due is not None
    state = answered(due.day)
    assert check(twice, state, second, NY)[0] is None
    assert next_check(twice, state, second, NY) == local(NY, 2024, 11, 4, 1, 30)


def test_berlin_fall_back_prompt_is_made_once_at_the_first_0230() -> None:
    s = Schedule(time(2, 30))
    first = datetime(2024, 10, 27, 0, 30, tzinfo=UTC)  # 02:30 CEST
    assert occurrence(s, date(2024, 10, 27), BERLIN) == first
    due, _ = check(s, PromptState(), first, BERLIN)
    assert due is not None
    assert check(s, answered(due.day), first + timedelta(hours=1), BERLIN)[0] is None


@pytest.mark.parametrize("late,due", [(timedelta(0), True), (timedelta(minutes=90), True),
                                      (WAKE_WINDOW, True), (WAKE_WINDOW + timedelta(seconds=1),
                                                            False)])
def test_waking_within_two_hours_prompts_once_otherwise_waits_for_tomorrow(
    late: timedelta, due: bool
) -> None:
    now = local(NY, 2024, 6, 1, 21, 0) + late
    found, state = check(NINE, PromptState(), now, NY)
    assert (found is not None) is due
    if not due:
        assert state.handled_on == date(2024, 6, 1)  # let go: not asked at midnight either
        assert next_check(NINE, state, now, NY) == local(NY, 2024, 6, 2, 21, 0)


def test_a_late_prompt_slept_through_is_made_after_midnight_within_the_window() -> None:
    s = Schedule(time(23, 30))
    found, _ = check(s, PromptState(), local(BERLIN, 2024, 6, 2, 0, 40), BERLIN)
    assert found == Due(Reason.SCHEDULED, date(2024, 6, 1))


def test_nothing_is_due_before_the_hour_and_the_next_check_is_the_hour() -> None:
    now = local(NY, 2024, 6, 1, 20, 0)
    assert check(NINE, PromptState(), now, NY)[0] is None
    assert next_check(NINE, PromptState(), now, NY) == local(NY, 2024, 6, 1, 21, 0)


def test_a_snooze_asks_again_when_it_runs_out_and_only_then() -> None:
    asked = local(NY, 2024, 6, 1, 21, 0)
    state = snoozed(date(2024, 6, 1), asked, 30)
    assert check(NINE, state, asked + timedelta(minutes=29), NY)[0] is None
    assert next_check(NINE, state, asked, NY) == asked + timedelta(minutes=30)
    due, _ = check(NINE, state, asked + timedelta(minutes=30), NY)
    assert due == Due(Reason.SNOOZE, date(2024, 6, 1))
    # Asleep through the snooze and beyond the window: dropped, tomorrow as usual.
    found, after = check(NINE, state, asked + timedelta(hours=3), NY)
    assert found is None and after.snooze_until is None


def test_declined_means_nothing_more_today_and_the_usual_time_tomorrow() -> None:
    state = answered(date(2024, 6, 1))
    for minutes in (1, 60, 119):
        assert check(NINE, state, local(NY, 2024, 6, 1, 21, 0) + timedelta(minutes=minutes),
                     NY)[0] is None
    assert check(NINE, state, local(NY, 2024, 6, 2, 21, 0), NY)[0] is not None


def test_only_the_chosen_days_prompt() -> None:
    weekdays = Schedule(time(21, 0), parse_days("weekdays"))
    saturday = local(NY, 2024, 6, 1, 21, 5)  # 1 June 2024 was a Saturday
    assert check(weekdays, PromptState(), saturday, NY)[0] is None
    assert next_check(weekdays, PromptState(), saturday, NY) == local(NY, 2024, 6, 3, 21, 0)


@pytest.mark.parametrize("text,expected", [("21:30", time(21, 30)), ("7:05", time(7, 5)),
                                           (" 00:00 ", time(0, 0))])
def test_parse_at(text: str, expected: time) -> None:
    assert parse_at(text) == expected


@pytest.mark.parametrize("text", ["24:00", "9pm", "21:60", "", "21"])
def test_parse_at_rejects(text: str) -> None:
    with pytest.raises(ScheduleValueError):
        parse_at(text)


@pytest.mark.parametrize("text,expected", [(None, DAYS), ("mon,tue", ("mon", "tue")),
                                           ("Friday, monday", ("mon", "fri")),
                                           ("weekends", ("sat", "sun"))])
def test_parse_days(text: str | None, expected: tuple[str, ...]) -> None:
    assert parse_days(text) == expected


def test_parse_days_rejects() -> None:
    with pytest.raises(ScheduleValueError):
        parse_days("mon,funday")
