"""Every command has help text with an example (like sqlite-utils' tests/test_docs.py)."""

from __future__ import annotations

import click
import pytest

from heartline.cli import cli


def _commands(
    group: click.Group, prefix: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    found: list[tuple[tuple[str, ...], click.Command]] = [(prefix, group)]
    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            found += _commands(cmd, prefix + (name,))
        else:
            found.append((prefix + (name,), cmd))
    return found


@pytest.mark.parametrize(
    "path,command", _commands(cli), ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_every_command_has_help_with_an_example(
    path: tuple[str, ...], command: click.Command
) -> None:
    assert command.help and len(command.help.strip()) > 20
    assert "heartline" in command.help and "xample" in command.help, path


def test_the_commands_the_issues_name_exist() -> None:
    names = {" ".join(p) for p, _ in _commands(cli)}
    assert {"checkin", "entries", "transcribe", "demo", "models", "models fetch"} <= names
