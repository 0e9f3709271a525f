"""Evening prompt schedules and what happened to each day's prompt (issue 5)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from store.queries import Store


@dataclass(frozen=True)
class ScheduleRow:
    """One person's stored schedule and prompt state."""

    person: str
    """The person's name as stored."""
    at: str
    """Local wall-clock time of the prompt, "HH:MM"."""
    days: tuple[str, ...]
    """Days of the week it applies to ("mon" ... "sun")."""
    handled_on: date | None
    """The last local date whose prompt was dealt with (accepted, declined, missed, snoozed)."""
    snooze_until: datetime | None
    """When to ask again after a "later" (UTC), if pending."""


class Schedules:
    """Schedule queries over an open Store."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._db = store.db

    def _now(self) -> str:
        return self._store.clock().astimezone(UTC).isoformat(timespec="seconds")

    def set(self, person: str, at: str, days: tuple[str, ...]) -> None:
        """Set (or replace) a person's prompt time; a changed time starts afresh."""
        pid = self._store.person(person)
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO schedules (person_id, at, days, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(person_id) DO UPDATE SET at = excluded.at, days = excluded.days, "
                "updated_at = excluded.updated_at",
                [pid, at, ",".join(days), self._now()],
            )
            self._db.execute("DELETE FROM schedule_state WHERE person_id = ?", [pid])

    def off(self, person: str) -> bool:
        """Remove a person's prompt; False if they had none."""
        pid = self._store.find_person(person)
        with self._db.atomic():
            cur = self._db.execute("DELETE FROM schedules WHERE person_id = ?", [pid])
            self._db.execute("DELETE FROM schedule_state WHERE person_id = ?", [pid])
        return cur.rowcount > 0

    def all(self) -> list[ScheduleRow]:
        """Every schedule, by person name."""
        rows = self._db.query(
            """SELECT p.name, s.at, s.days, st.handled_on, st.snooze_until
               FROM schedules s JOIN people p ON p.id = s.person_id
               LEFT JOIN schedule_state st ON st.person_id = s.person_id
               ORDER BY p.name"""
        )
        return [_row(r) for r in rows]

    def get(self, person: str) -> ScheduleRow | None:
        """One person's schedule, or None."""
        name = " ".join(person.split()).lower()
        return next((r for r in self.all() if r.person.lower() == name), None)

    def set_state(
        self, person: str, *, handled_on: date | None, snooze_until: datetime | None
    ) -> None:
        """Record what happened to a person's prompt."""
        pid = self._store.person(person)
        until = snooze_until.astimezone(UTC).isoformat() if snooze_until else None
        self._db.execute(
            "INSERT INTO schedule_state (person_id, handled_on, snooze_until, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(person_id) DO UPDATE SET "
            "handled_on = excluded.handled_on, snooze_until = excluded.snooze_until, "
            "updated_at = excluded.updated_at",
            [pid, handled_on.isoformat() if handled_on else None, until, self._now()],
        )


def _row(r: dict[str, Any]) -> ScheduleRow:
    return ScheduleRow(
        person=str(r["name"]),
        at=str(r["at"]),
        days=tuple(d for d in str(r["days"]).split(",") if d),
        handled_on=date.fromisoformat(r["handled_on"]) if r["handled_on"] else None,
        snooze_until=datetime.fromisoformat(r["snooze_until"]) if r["snooze_until"] else None,
    )
