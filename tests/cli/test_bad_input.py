"""Bad input: one clear line on stderr, a non-zero exit, no traceback, nothing stored lost."""

from __future__ import annotations

import json
import struct
import wave
from pathlib import Path

import pytest
from helpers import run_cli


def _assert_one_clear_line(out, *needles: str) -> None:  # type: ignore[no-untyped-def]
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, out.stderr
    for needle in needles:
        assert needle.lower() in lines[0].lower(), lines[0]


def _wav(path: Path, *, width: int = 2, rate: int = 16000, frames: bytes = b"") -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(frames)
    return path


def _float_wav(path: Path) -> Path:
    data = struct.pack("<4f", 0.0, 0.1, -0.1, 0.0)
    fmt = struct.pack("<HHIIHH", 3, 1, 16000, 64000, 4, 32)
    riff = (
        b"WAVE"
        + b"fmt "
        + struct.pack("<I", len(fmt))
        + fmt
        + b"data"
        + struct.pack("<I", len(data))
        + data
    )
    path.write_bytes(b"RIFF" + struct.pack("<I", len(riff)) + riff)
    return path


@pytest.mark.parametrize(
    "name,make,needle",
    [
        ("empty.wav", lambda p: p.write_bytes(b""), "empty.wav"),
        ("text.wav", lambda p: p.write_text("hello, not audio"), "text.wav"),
        (
            "truncated.wav",
            lambda p: p.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt "),
            "truncated.wav",
        ),
        ("noframes.wav", lambda p: _wav(p), "noframes.wav"),
        ("eight.wav", lambda p: _wav(p, width=1, frames=b"\x80" * 1600), "16-bit"),
        ("wide.wav", lambda p: _wav(p, width=3, frames=b"\x00" * 4800), "16-bit"),
        ("float.wav", _float_wav, "float.wav"),
        ("missing.wav", lambda p: None, "missing.wav"),
    ],
)
@pytest.mark.parametrize("command", ["checkin", "transcribe"])
def test_bad_audio_files(
    tmp_path: Path, db: Path, name: str, make, needle: str, command: str
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    make(path)
    if command == "checkin":
        out = run_cli(
            "checkin",
            "--as",
            "sam",
            "--audio",
            str(path),
            "--db",
            str(db),
            "--engine",
            "pocketsphinx",
        )
    else:
        out = run_cli("transcribe", str(path), "--engine", "pocketsphinx")
    _assert_one_clear_line(out, needle)


def test_unknown_engine(tmp_path: Path) -> None:
    out = run_cli("transcribe", "x.wav", "--engine", "whisper")
    _assert_one_clear_line(out, "pocketsphinx")


@pytest.mark.parametrize("setup", ["missing", "empty", "broken"])
def test_missing_or_broken_vosk_model(tmp_path: Path, setup: str, speak) -> None:  # type: ignore[no-untyped-def]
    model = tmp_path / "model"
    if setup != "missing":
        model.mkdir()
    if setup == "broken":
        (model / "am").mkdir()
        (model / "am" / "final.mdl").write_bytes(b"not a model")
        (model / "conf").mkdir()
        (model / "conf" / "mfcc.conf").write_text("--use-energy=false\n")
        (model / "graph").mkdir()
        (model / "graph" / "HCLG.fst").write_bytes(b"junk")
    wav = speak(["hello"], tmp_path / "hello.wav")
    out = run_cli("transcribe", str(wav), "--engine", "vosk", "--model", str(model))
    _assert_one_clear_line(out, "model")


def test_no_microphone(db: Path) -> None:
    # This machine (and CI) has no sound card: the default input is the microphone.
    out = run_cli("checkin", "--as", "sam", "--db", str(db), "--engine", "pocketsphinx")
    _assert_one_clear_line(out, "--audio", "--text")


@pytest.mark.parametrize("where", ["under-a-file", "a-directory"])
def test_unwritable_database(tmp_path: Path, where: str) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    path = blocker / "x.db" if where == "under-a-file" else tmp_path
    out = run_cli("checkin", "--text", "--as", "sam", "--db", str(path), input="nothing\n")
    _assert_one_clear_line(out, "--db")


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my private notes, not sqlite" * 100)
    out = run_cli("entries", "--as", "sam", "--db", str(path))
    _assert_one_clear_line(out, str(path.name))
    assert path.read_text().startswith("these are my private notes")  # never clobbered


def test_bad_input_mid_checkin_loses_nothing(db: Path) -> None:
    run_cli(
        "checkin", "--text", "--as", "sam", "--db", str(db), input="I was furious at the bank\n"
    )
    out = run_cli("checkin", "--as", "sam", "--audio", "/nonexistent.wav", "--db", str(db))
    assert out.returncode != 0
    rows = json.loads(run_cli("entries", "--as", "sam", "--db", str(db), "--json").stdout)
    assert [r["text"] for r in rows] == ["I was furious at the bank"]


@pytest.mark.parametrize(
    "args",
    [
        ["checkin", "--as", "sam", "--text", "--db", "DB"],
        ["demo", "--out", "DB"],
        ["transcribe", "x.wav"],
        ["evening", "--once", "--db", "DB"],
        ["listen", "--as", "alex", "--answer", "--text", "--db", "DB"],
    ],
    ids=lambda a: a[0],
)
def test_every_engine_option_is_a_closed_set(db: Path, args: list[str]) -> None:
    out = run_cli(*[str(db) if a == "DB" else a for a in args], "--engine", "Vosk ")
    _assert_one_clear_line(out, "'Vosk '", "auto", "vosk", "pocketsphinx", f"heartline {args[0]}")
    assert out.returncode == 2  # click's usage error, before anything is opened
    assert not db.exists()
