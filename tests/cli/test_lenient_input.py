"""One byte that is not UTF-8 never loses a typed check-in (issue 12.3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli, run_process

from heartline.lenient import decode, repair


@pytest.mark.parametrize(
    "env",
    [{}, {"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii"}],
    ids=["default locale", "C locale, ascii streams"],
)
def test_a_latin1_byte_keeps_every_answer(tmp_path: Path, env: dict[str, str]) -> None:
    db = tmp_path / "h.db"
    typed = b"I was mad at the caf\xe9\nI felt sad about my \x93sister\x94\nglad we cooked\nstop\n"
    # A real process: its stdin/stdout encoding comes from the locale and PYTHONIOENCODING, which
    # only a process started with that environment shows.
    done = run_process("checkin", "--as", "sam", "--text", "--db", str(db), input=typed, env=env)
    assert done.returncode == 0, done.stderr
    assert b"unexpected error" not in done.stderr
    listed = run_cli("entries", "--as", "sam", "--json", "--db", str(db))
    texts = sorted(e["text"] for e in json.loads(listed.stdout))
    assert texts == [
        "I felt sad about my \u201csister\u201d",
        "I was mad at the caf\u00e9",
        "glad we cooked",
    ]


@pytest.mark.parametrize(
    "raw,text",
    [
        (b"caf\xc3\xa9", "caf\u00e9"),  # valid UTF-8 stays as it is
        (b"caf\xe9", "caf\u00e9"),
        (b"\x81\x8d", "\x81\x8d"),  # bytes Windows-1252 leaves undefined: read as Latin-1
        (b"ok \xff\xfe", "ok \u00ff\u00fe"),
    ],
)
def test_decode(raw: bytes, text: str) -> None:
    assert decode(raw) == text
    assert repair(raw.decode("utf-8", "surrogateescape")) == text
