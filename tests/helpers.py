"""Test helpers: the CLI through CliRunner (or a real process), flite speech, word error rate."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from heartline.cli import main

ROOT = Path(__file__).resolve().parent.parent
# Copies of ../shared/ (the dev conversations, their driver, the recorded digits), so a fresh
# clone tests the same things without the team's shared folder beside it.
SHARED = ROOT / "tests" / "data" / "shared"
RATE = 16000


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:  # a missing engine fails the run; it never skips
        raise RuntimeError(f"{tool} is not installed: run scripts/setup.sh")
    return path


def flite_wav(text: str, out: Path, voice: str = "slt") -> Path:
    """Synthesize TEXT with a flite voice into OUT (16 kHz mono 16-bit)."""
    subprocess.run([_require("flite"), "-voice", voice, "-t", text, "-o", str(out)], check=True)
    return out


def conversation_wav(
    replies: Sequence[str | float], out: Path, voice: str = "slt", gap_s: float = 1.6
) -> Path:
    """One WAV of replies separated by silence; a float item is that many seconds of silence."""
    frames = b"\x00\x00" * int(RATE * 0.5)
    for i, item in enumerate(replies):
        if isinstance(item, float):
            frames += b"\x00\x00" * int(RATE * item)
            continue
        part = flite_wav(item, out.with_name(f"{out.stem}-{i}.wav"), voice)
        with wave.open(str(part)) as w:
            assert w.getframerate() == RATE
            frames += w.readframes(w.getnframes())
        frames += b"\x00\x00" * int(RATE * gap_s)
    with wave.open(str(out), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(frames)
    return out


@dataclass(frozen=True)
class Ran:
    """What one in-process `heartline` command did: its exit code and its two streams."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(
    *args: str,
    input: str | bytes | None = None,
    env: dict[str, str] | None = None,
) -> Ran:
    """Run `heartline ARGS` in this process with click's CliRunner, through the real `main()`.

    `main()` (not the bare click group) is what the entry point runs: its error handler turns
    every failure into one line and an exit code, and that is what these tests check.
    """
    runner = CliRunner()
    with runner.isolation(input=input, env=env) as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        sys.stdout.flush()
        sys.stderr.flush()
        stdout = out.getvalue().decode("utf-8", "replace")
        stderr = err.getvalue().decode("utf-8", "replace") if err is not None else ""
    return Ran(code, stdout, stderr)


def run_process(
    *args: str,
    input: str | bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 180,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m heartline ARGS` as a real process (for what only a process shows)."""
    full_env = {**os.environ, **(env or {})}
    text_input = input if isinstance(input, str) or input is None else None
    return subprocess.run(
        [sys.executable, "-m", "heartline", *args],
        input=text_input if text_input is not None else input,
        capture_output=True,
        text=isinstance(input, str) or input is None,
        env=full_env,
        timeout=timeout,
        cwd=ROOT,
    )


def json_lines(stdout: str) -> list[dict[str, object]]:
    """Every JSON object printed, one per line."""
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def wer(ref: str, hyp: str) -> float:
    """Word error rate of HYP against REF (lower-cased, split on spaces)."""
    r, h = ref.lower().split(), hyp.lower().split()
    d = list(range(len(h) + 1))
    for i, rw in enumerate(r, 1):
        prev, d[0] = d[0], i
        for j, hw in enumerate(h, 1):
            prev, d[j] = d[j], min(d[j] + 1, d[j - 1] + 1, prev + (rw != hw))
    return d[len(h)] / max(1, len(r))
