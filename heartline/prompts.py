"""The evening prompts as stored: whose are due, when to look again, answered or snoozed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, tzinfo

from store import Store
from store.schedules import ScheduleRow, Schedules

from . import schedule as sched


class Prompts:
    """Each person's evening prompt in the store, read in one time zone."""

    def __init__(self, store: Store, tz: tzinfo, person: str | None = None) -> None:
        self._schedules = Schedules(store)
        self._tz = tz
        self._person = person

    def rows(self) -> list[ScheduleRow]:
        """The prompts looked after: one person's (``person``) or everyone's."""
        rows = self._schedules.all()
        if self._person is not None:
            want = " ".join(self._person.split()).lower()
            rows = [r for r in rows if r.person.lower() == want]
        return rows

    def due(self, now: datetime) -> list[tuple[str, sched.Due]]:
        """The prompts to make now; one missed by more than the wake window is let go."""
        due: list[tuple[str, sched.Due]] = []
        for row in self.rows():
            state = sched.PromptState(row.handled_on, row.snooze_until)
            found, after = sched.check(_schedule(row), state, now, self._tz)
            if after != state:
                self._schedules.set_state(row.person, handled_on=after.handled_on,
                                          snooze_until=after.snooze_until)
            if found is not None:
                due.append((row.person, found))
        return due

    def next_check(self, now: datetime, default: datetime) -> datetime:
        """When a prompt may next be due (``default`` if sooner)."""
        times = [
            sched.next_check(_schedule(r), sched.PromptState(r.handled_on, r.snooze_until),
                             now, self._tz)
            for r in self.rows()
        ]
        return sched.earliest(times, default)

    def answer(self, days: Mapping[str, date]) -> None:
        """Each person's prompt of that day is answered: nothing more until the next one."""
        for person, day in days.items():
            self._schedules.set_state(person, handled_on=day, snooze_until=None)

    def snooze(self, days: Mapping[str, date], now: datetime, minutes: int) -> None:
        """Ask each person again ``minutes`` from ``now``."""
        for person, day in days.items():
            state = sched.snoozed(day, now, minutes)
            self._schedules.set_state(person, handled_on=state.handled_on,
                                      snooze_until=state.snooze_until)


def _schedule(row: ScheduleRow) -> sched.Schedule:
    return sched.Schedule(sched.parse_at(row.at), row.days)
