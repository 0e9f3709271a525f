"""What to type: the one line the CLI prints for an error of the store or the voice stage.

The lower layers raise errors that carry facts (a path, a name, SQLite's reason) and name no
command or flag; here each kind of error gets what the person at the keyboard can do about it,
worded for the command that failed: `evening` has no --text, so it is never suggested there.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from store import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseReadOnly,
    DatabaseUnwritable,
    DiskFull,
    InvalidName,
    NotADatabase,
    SameOwnerAndListener,
    StoreError,
    UnknownEntry,
    UnknownToken,
)
from voice.errors import ModelError, NoMicrophoneError, NoVoskModel, UnknownVoice

_STORE_HINTS: dict[type[StoreError], str] = {
    StoreError: "choose another path with --db PATH",
    DatabaseUnwritable: "choose a writable path with --db PATH",
    NotADatabase: "move it aside or choose another path with --db PATH",
    DatabaseReadOnly: "make it writable (chmod u+w) or choose another with --db PATH",
    DatabaseDamaged: "move it aside and restore a backup (or `sqlite3 FILE .recover`)",
    DatabaseBusy: "try again in a moment",
    DiskFull: "free some space, then run the command again",
    UnknownEntry: "list them with `heartline entries`",
    UnknownToken: "list them with `heartline token list`",
    SameOwnerAndListener: "--as and --for must differ",
}
"""What to do about each store error, by its exact class (a subclass not named has no hint)."""


def one_line(err: BaseException, command: click.Command | None = None) -> str:
    """The error's facts and what to type next, as the one line the CLI prints.

    `command` is the command that failed; by default the one running now, if any.
    """
    if command is None:
        ctx = click.get_current_context(silent=True)
        command = ctx.command if ctx is not None else None
    facts = (str(err) or type(err).__doc__ or type(err).__name__).rstrip(".")
    hint = _hint(err, command)
    if hint is None:
        return facts
    if hint.startswith("("):
        return f"{facts} {hint}"
    return f"{facts}: {hint}"


def command_for(group: click.Group, args: Sequence[str]) -> click.Command:
    """The (sub)command that `args` name in `group`, as click would dispatch them."""
    command: click.Command = group
    for arg in args:
        if not isinstance(command, click.Group):
            break
        if arg in command.commands:
            command = command.commands[arg]
    return command


def _offers(command: click.Command | None, option: str) -> bool:
    """Whether `command` takes `option`; an unknown command is taken to take them all."""
    if command is None:
        return True
    return any(option in getattr(param, "opts", ()) for param in command.params)


def _hint(err: BaseException, command: click.Command | None) -> str | None:
    if isinstance(err, InvalidName) and not err.name.strip() and _offers(command, "--as"):
        return "(--as NAME)"
    if isinstance(err, StoreError):
        # A store error wrapped with where the answer was kept: the cause says what to do.
        cause = err.__cause__
        kind = type(cause) if type(err) is StoreError and isinstance(cause, StoreError) else type(
            err
        )
        return _STORE_HINTS.get(kind)
    if isinstance(err, NoMicrophoneError):
        audio, text = _offers(command, "--audio"), _offers(command, "--text")
        if audio and text:
            return "use --audio FILE or --text."
        if audio:
            return "use --audio FILE to hear a recording instead."
        if text:
            return "use --text to type instead."
        return None
    if isinstance(err, NoVoskModel):
        return "run `heartline models fetch`"
    if isinstance(err, ModelError) and err.path is not None:
        if err.engine == "vosk":
            pass_model = " or pass --model DIR" if _offers(command, "--model") else ""
            return f"run `heartline models fetch`{pass_model}"
        if err.engine == "pocketsphinx" and err.reason and err.reason.startswith("needs"):
            return "leave out --model to use the built-in one"
    if isinstance(err, UnknownVoice):
        return "(all: heartline voices)"
    return None
