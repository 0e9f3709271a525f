"""Errors carry facts, the CLI adds what to type (issue 13): heartline/advice.py, command-aware.

The lower layers' raise statements name no CLI flag or command; each error still reaches the
person as one line saying what to do, worded for the command that failed.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from helpers import ROOT

from heartline.advice import command_for, one_line
from heartline.cli import cli
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
    UnknownPerson,
    translate_error,
)
from voice.errors import ModelError, NoMicrophoneError, NoVoskModel, UnknownVoice

CLI_WORDS = re.compile(r"--(db|audio|text|model|as|for)\b|heartline [a-z]")
"""A flag or a `heartline ...` command: what only the CLI may name."""


def _wrapped_disk_full() -> StoreError:
    # As the runner raises it: the cause's facts, then where the answer was kept.
    try:
        try:
            raise DiskFull(path=Path("/d/h.db"), reason="database or disk is full")
        except DiskFull as err:
            raise StoreError(f"{err} (your answer was kept in /run/r.jsonl)") from err
    except StoreError as wrapped:
        return wrapped


@pytest.mark.parametrize(
    "err,args,line",
    [
        (NoMicrophoneError(), ["checkin"], "No microphone found: use --audio FILE or --text."),
        (
            NoMicrophoneError(),
            ["evening"],
            "No microphone found: use --audio FILE to hear a recording instead.",
        ),
        (NoMicrophoneError(), ["listen"], "No microphone found: use --audio FILE or --text."),
        (
            NoMicrophoneError("No microphone and speaker for full duplex", duplex=True),
            ["--db", "x.db", "checkin", "--as", "sam"],
            "No microphone and speaker for full duplex: use --audio FILE or --text.",
        ),
        (
            NoVoskModel((Path("/p/models"), Path("/u/models"))),
            ["transcribe", "a.wav"],
            "No Vosk model found (looked in $HEARTLINE_VOSK_MODEL, /p/models, /u/models): "
            "run `heartline models fetch`",
        ),
        (
            ModelError("The Vosk model in /m is unusable (no am/final.mdl)", engine="vosk",
                       path=Path("/m"), reason="no am/final.mdl"),
            ["transcribe", "a.wav"],
            "The Vosk model in /m is unusable (no am/final.mdl): "
            "run `heartline models fetch` or pass --model DIR",
        ),
        (
            ModelError("The Vosk model in /m could not be loaded (x)", engine="vosk",
                       path=Path("/m"), reason="x"),
            ["demo"],  # demo takes no --model
            "The Vosk model in /m could not be loaded (x): run `heartline models fetch`",
        ),
        (
            ModelError("/m is not a PocketSphinx model (needs mdef, *.lm.bin, *.dict)",
                       engine="pocketsphinx", path=Path("/m"),
                       reason="needs mdef, *.lm.bin, *.dict"),
            ["checkin"],
            "/m is not a PocketSphinx model (needs mdef, *.lm.bin, *.dict): "
            "leave out --model to use the built-in one",
        ),
        (
            UnknownVoice("zz", ["gmw/en-us", "gmw/en-gb-x-rp"]),
            ["checkin"],
            "No voice 'zz'; try one of gmw/en-us, gmw/en-gb-x-rp (all: heartline voices)",
        ),
        (
            DatabaseUnwritable(Path("/x/h.db"), "unable to open database file"),
            ["entries"],
            "Cannot write the database at /x/h.db: choose a writable path with --db PATH",
        ),
        (
            NotADatabase(Path("/x/notes.db")),
            ["entries"],
            "/x/notes.db is not a Heartline database: "
            "move it aside or choose another path with --db PATH",
        ),
        (UnknownEntry(7), ["entries", "delete", "7"], "There is no entry 7: "
         "list them with `heartline entries`"),
        (InvalidName("", "give a name, not an empty one"), ["entries"],
         "The name '' cannot be used: give a name, not an empty one (--as NAME)"),
        (UnknownPerson("Nobody"), ["entries"],
         "No one named 'Nobody' has used Heartline yet: check the spelling"),
        (SameOwnerAndListener("Sam"), ["token", "create"],
         "A token is for someone else, not for Sam themselves: --as and --for must differ"),
        (
            _wrapped_disk_full(),
            ["checkin"],
            "The disk holding the database is full (your answer was kept in /run/r.jsonl): "
            "free some space, then run the command again",
        ),
    ],
)
def test_one_line_says_what_to_type_for_the_command(
    err: Exception, args: list[str], line: str
) -> None:
    assert one_line(err, command_for(cli, args)) == line
    assert "\n" not in line


@pytest.mark.parametrize(
    "sqlite_says,kind,hint",
    [
        ("database or disk is full", DiskFull, "free some space"),
        ("attempt to write a readonly database", DatabaseReadOnly, "chmod u+w"),
        ("database disk image is malformed", DatabaseDamaged, ".recover"),
        ("database is locked", DatabaseBusy, "try again in a moment"),
        ("no such savepoint", StoreError, "choose another path with --db PATH"),
    ],
)
def test_sqlite_errors_keep_their_reason_and_get_a_hint(
    sqlite_says: str, kind: type[StoreError], hint: str
) -> None:
    import sqlite3

    err = translate_error(sqlite3.OperationalError(sqlite_says))
    assert type(err) is kind and err.reason == sqlite_says
    assert not CLI_WORDS.search(str(err))
    assert hint in one_line(err, command_for(cli, ["checkin"]))


def test_command_for_follows_groups_past_options() -> None:
    assert command_for(cli, ["--db", "x.db", "models", "fetch"]).name == "fetch"
    assert command_for(cli, ["evening", "--once"]).name == "evening"
    assert command_for(cli, []) is cli


def _raised_strings(source: str) -> list[str]:
    """Every string written in a raise statement of `source` (messages, f-string parts)."""
    return [
        c.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Raise) and node.exc is not None
        for c in ast.walk(node.exc)
        if isinstance(c, ast.Constant) and isinstance(c.value, str)
    ]


def _error_modules() -> list[Path]:
    return sorted([*(ROOT / "store").glob("*.py"), *(ROOT / "voice").glob("*.py")])


@pytest.mark.parametrize("path", _error_modules(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_lower_layer_errors_name_no_cli_flag_or_command(path: Path) -> None:
    named = [s for s in _raised_strings(path.read_text()) if CLI_WORDS.search(s)]
    assert named == []


def test_the_scan_finds_a_flag_in_a_raise() -> None:
    # The scan above can fail: main's voice/sources.py raised this very line.
    source = 'def f():\n    raise OSError(f"No microphone: use --audio {x} or --text.")\n'
    assert [s for s in _raised_strings(source) if CLI_WORDS.search(s)]
