"""The `schedule` and `evening` commands: hands-free evening prompts (issue 5)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import click

from store import Store, UnknownPerson
from store.schedules import ScheduleRow, Schedules

from .. import schedule as sched
from .options import db_option, default_person, engine_option, resolve_db, voice_options


def _locked(db: Path, err: sqlite3.OperationalError) -> click.ClickException:
    if "locked" in str(err).lower() or "busy" in str(err).lower():
        return click.ClickException(
            f"The database at {db} is locked by another program: close it and try again."
        )
    return click.ClickException(
        f"Cannot use the database at {db} ({err}): choose another with --db PATH"
    )


@click.group()
def schedule() -> None:
    """Set, show or turn off the time each person is invited to check in.

    \b
    Examples:
      heartline schedule set --as sam --at 21:30
      heartline schedule set --as alex --at 22:00 --days mon,tue,wed,thu
      heartline schedule show --json
      heartline schedule off --as sam
    """


@schedule.command("set")
@click.option("--as", "person", default=None, help="Whose prompt (created on first use).")
@click.option("--at", "at", required=True, metavar="HH:MM", help="Local time, 24-hour clock.")
@click.option("--days", default=None, metavar="mon,tue,...",
              help="Days of the week (default: every day; also daily, weekdays, weekends).")
@db_option
def schedule_set(person: str | None, at: str, days: str | None, db: Path | None) -> None:
    """Invite PERSON to check in at HH:MM on the chosen days.

    \b
    Example:
      heartline schedule set --as sam --at 21:30 --days mon,wed,fri
    """
    try:
        when = sched.parse_at(at)
    except sched.ScheduleValueError as e:
        raise click.BadParameter(str(e), param_hint="--at") from None
    try:
        chosen = sched.parse_days(days)
    except sched.ScheduleValueError as e:
        raise click.BadParameter(str(e), param_hint="--days") from None
    name = person if person is not None else default_person()
    path = resolve_db(db)
    try:
        with Store.open(path) as store:
            Schedules(store).set(name, when.strftime("%H:%M"), chosen)
            row = Schedules(store).get(name)
    except sqlite3.OperationalError as e:
        raise _locked(path, e) from None
    assert row is not None
    click.echo(_describe(row))


@schedule.command("show")
@click.option("--as", "person", default=None, help="Only this person's prompt.")
@click.option("--json", "as_json", is_flag=True,
              help="Print JSON: an object with --as (null if none), else an array.")
@db_option
def schedule_show(person: str | None, as_json: bool, db: Path | None) -> None:
    """Show the evening prompts and when each is next made.

    \b
    Examples:
      heartline schedule show
      heartline schedule show --as sam --json
    """
    path = resolve_db(db)
    try:
        with Store.open(path) as store:
            rows = Schedules(store).all()
    except sqlite3.OperationalError as e:
        raise _locked(path, e) from None
    if person is not None:
        want = " ".join(person.split()).lower()
        rows = [r for r in rows if r.person.lower() == want]
    if as_json:
        objs = [_json(r) for r in rows]
        if person is not None:
            click.echo(json.dumps(objs[0] if objs else None))
        else:
            click.echo(json.dumps(objs))
        return
    if not rows:
        who = f"{person} has" if person else "Nobody has"
        click.echo(f"{who} an evening prompt. Set one with: heartline schedule set --at 21:30")
        return
    for row in rows:
        click.echo(_describe(row))


@schedule.command("off")
@click.option("--as", "person", default=None, help="Whose prompt to turn off.")
@db_option
def schedule_off(person: str | None, db: Path | None) -> None:
    """Stop inviting PERSON to check in.

    \b
    Example:
      heartline schedule off --as sam
    """
    name = person if person is not None else default_person()
    path = resolve_db(db)
    try:
        with Store.open(path) as store:
            removed = Schedules(store).off(name)
    except UnknownPerson:
        removed = False
    except sqlite3.OperationalError as e:
        raise _locked(path, e) from None
    click.echo(f"{name}: evening prompt off." if removed else f"{name} had no evening prompt.")


def _next(row: ScheduleRow) -> datetime:
    tz = sched.local_zone()
    state = sched.PromptState(row.handled_on, row.snooze_until)
    now = datetime.now(UTC)
    due, state = sched.check(sched.Schedule(sched.parse_at(row.at), row.days), state, now, tz)
    if due is not None:
        return now.astimezone(tz)
    nxt = sched.next_check(sched.Schedule(sched.parse_at(row.at), row.days), state, now, tz)
    return nxt.astimezone(tz)


def _json(row: ScheduleRow) -> dict[str, object]:
    return {
        "person": row.person,
        "at": row.at,
        "days": list(row.days),
        "next": _next(row).isoformat(timespec="minutes"),
        "snooze_until": row.snooze_until.astimezone(sched.local_zone()).isoformat(
            timespec="minutes") if row.snooze_until else None,
    }


def _describe(row: ScheduleRow) -> str:
    days = "every day" if row.days == sched.DAYS else ",".join(row.days)
    nxt = _next(row).strftime("%a %H:%M")
    return f"{row.person}: {row.at} {days} (next: {nxt})"


@click.command()
@click.option("--as", "person", default=None,
              help="Only this person's prompts; the wake phrase checks them in.")
@click.option("--once", is_flag=True, help="Make one invitation now, then exit (cron, timers).")
@click.option("--audio", default=None, metavar="FILE",
              help="Hear a WAV file instead of the microphone ('-': raw 16 kHz PCM on stdin).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per line.")
@click.option("--say-to", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write each spoken line as a numbered WAV into DIR.")
@click.option("--speak/--no-speak", default=True, help="Play the spoken lines aloud.")
@click.option("--wake/--no-wake", default=True,
              help="Listen for 'Heartline, let's check in' while waiting (default: on).")
@engine_option()
@click.option("--model", type=click.Path(path_type=Path), default=None,
              help="Vosk model directory.")
@voice_options
@click.option("--seed", type=int, default=None, hidden=True)
@db_option
def evening(person: str | None, once: bool, audio: str | None, as_json: bool,
            say_to: Path | None, speak: bool, wake: bool, engine: str, model: Path | None,
            voice: str | None, rate: int | None, seed: int | None, db: Path | None) -> None:
    """Wait for each scheduled hour, invite the check-in aloud and listen.

    Say yes to check in, "later" or "in ten minutes" to be asked again, "not tonight" to
    skip. "Heartline, let's check in" starts a check-in at any time.

    \b
    Examples:
      heartline evening
      heartline evening --as sam --once
      heartline evening --once --audio reply.wav --json
      heartline evening --voice gmw/en-us+f3 --rate 160
    """
    from ..evening import EveningOptions, run_evening

    path = resolve_db(db)
    try:
        run_evening(EveningOptions(db=path, person=person, audio=audio, once=once,
                                   as_json=as_json, say_to=say_to, speak=speak, engine=engine,
                                   model=model, wake=wake, seed=seed, voice=voice,
                                   rate=rate))
    except sqlite3.OperationalError as e:
        raise _locked(path, e) from None
