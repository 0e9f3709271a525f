"""Options and helpers shared by every `heartline` command."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from store import SQLITE_ERRORS, Store, StoreError, translate_error

from ..advice import one_line
from ..paths import database

DB_HELP = "SQLite database file (default: $HEARTLINE_DB or ~/.local/share/heartline/heartline.db)."
ENGINE_CHOICES = ("auto", "vosk", "pocketsphinx")
ENGINE = click.Choice(ENGINE_CHOICES)
"""The speech engines, as a closed set: a wrong name is click's one-line usage error."""


def db_option(f: click.decorators.FC) -> click.decorators.FC:
    """The --db PATH option every command takes."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=DB_HELP,
    )(f)


def engine_option(
    help: str = "Speech engine.",
) -> Callable[[click.decorators.FC], click.decorators.FC]:
    """The --engine option: auto, vosk or pocketsphinx."""
    return click.option("--engine", type=ENGINE, default="auto", show_default=True, help=help)


def voice_options(f: click.decorators.FC) -> click.decorators.FC:
    """--voice ID and --rate WPM for commands that speak."""
    f = click.option("--rate", type=click.IntRange(80, 400), default=None,
                     help="Speaking rate in words per minute (default 170).")(f)
    return click.option("--voice", default=None, metavar="ID",
                        help="eSpeak NG voice, e.g. gmw/en-us or gmw/en-us+f3 "
                             "(default gmw/en-us; list: heartline voices).")(f)


def resolve_db(db: Path | None) -> Path:
    """The database path: --db, else $HEARTLINE_DB, else the user's data directory."""
    return database(db)


def default_person() -> str:
    """Who speaks when --as is not given: $HEARTLINE_AS, else "me"."""
    return os.environ.get("HEARTLINE_AS", "me")


@contextmanager
def open_store(db: Path | None) -> Iterator[Store]:
    """The store at --db (or the default), with store errors as one-line CLI errors."""
    try:
        st = Store.open(resolve_db(db))
    except StoreError as err:
        raise click.ClickException(one_line(err)) from None
    try:
        yield st
    except StoreError as err:
        raise click.ClickException(one_line(err)) from None
    except SQLITE_ERRORS as err:
        raise click.ClickException(one_line(translate_error(err))) from None
    finally:
        st.close()
