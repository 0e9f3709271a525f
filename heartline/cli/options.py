"""Options and checks shared by every `heartline` command."""

from __future__ import annotations

import os
from pathlib import Path

import click

from store import default_db_path

DB_HELP = "SQLite database file (default: $HEARTLINE_DB or ~/.local/share/heartline/heartline.db)."
ENGINE_CHOICES = ("auto", "vosk", "pocketsphinx")


def db_option(f: click.decorators.FC) -> click.decorators.FC:
    """The --db PATH option every command takes."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=DB_HELP,
    )(f)


def resolve_db(db: Path | None) -> Path:
    """The database path: --db, else $HEARTLINE_DB, else the user's data directory."""
    return db if db is not None else default_db_path()


def default_person() -> str:
    """Who speaks when --as is not given: $HEARTLINE_AS, else "me"."""
    return os.environ.get("HEARTLINE_AS", "me")


def check_engine(engine: str) -> None:
    """Refuse an unknown engine name, listing the valid ones."""
    if engine not in ENGINE_CHOICES:
        raise click.BadParameter(
            f"unknown engine {engine!r}; choose one of: {', '.join(ENGINE_CHOICES)}",
            param_hint="--engine",
        )
