"""The `models` group: install and list speech models."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from ..paths import model_folders, project_models_dir, user_models_dir


def default_dest() -> Path:
    """The project's models/ folder when it is writable (a source checkout), else the data dir."""
    project = project_models_dir()
    if project.is_dir() and os.access(project, os.W_OK):
        return project
    return user_models_dir()


def progress_bar(stream=sys.stderr, width: int = 30) -> Callable[[int, int | None], None]:  # type: ignore[no-untyped-def]
    """A progress callback drawing a one-line bar on stderr."""
    last = [-1]

    def show(done: int, total: int | None) -> None:
        if total:
            pct = min(100, done * 100 // total)
            if pct == last[0]:
                return
            last[0] = pct
            filled = width * pct // 100
            bar = "#" * filled + "-" * (width - filled)
            stream.write(f"\r[{bar}] {pct:3d}% {done / 1e6:6.1f} MB")
            if done >= total:
                stream.write("\n")
        else:
            stream.write(f"\r{done / 1e6:6.1f} MB")
        stream.flush()

    return show


@click.group()
def models() -> None:
    """Install and list speech models.

    \b
    Examples:
      heartline models fetch
      heartline models list
    """


@models.command("fetch")
@click.argument("name", required=False)
@click.option(
    "--dest",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Install into this folder (default: the project's models/ folder if writable, "
    "else your data directory).",
)
@click.option("--force", is_flag=True, help="Download again even if installed.")
def models_fetch(name: str | None, dest: Path | None, force: bool) -> None:
    """Download a Vosk model (default vosk-model-small-en-us-0.15) and unpack it.

    \b
    Example:
      heartline models fetch
    """
    from voice.models import DEFAULT_MODEL, fetch_model

    target = dest or default_dest()
    path = fetch_model(name or DEFAULT_MODEL, target, progress=progress_bar(), force=force)
    click.echo(f"Installed {path.name} in {path.parent}")


@models.command("list")
def models_list() -> None:
    """Show which speech models are installed and which engine `auto` picks.

    \b
    Example:
      heartline models list
    """
    from voice.recognizers import find_vosk_model

    found = find_vosk_model(None, model_folders())
    if found is None:
        click.echo("Vosk: no model installed (get one with: heartline models fetch)")
        click.echo("PocketSphinx: built-in English model (used by --engine auto)")
    else:
        click.echo(f"Vosk: {found} (used by --engine auto)")
        click.echo("PocketSphinx: built-in English model")
