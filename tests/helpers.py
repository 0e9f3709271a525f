"""Test helpers: the CLI through CliRunner (or a real process), flite speech, word error rate."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from dialogs.evening import Invitation, classify_invitation, heard_reply
from dialogs.grammar import short_replies
from heartline.cli import main
from voice.audio import Audio, concat, silence, wav_bytes
from voice.flite import conversation, flite
from voice.grammar_check import GrammarCheck
from voice.sphinx_engine import SphinxRecognizer
from voice.types import Transcript

ROOT = Path(__file__).resolve().parent.parent
# Copies of ../shared/ (the dev conversations, their driver, the recorded digits), so a fresh
# clone tests the same things without the team's shared folder beside it.
SHARED = ROOT / "tests" / "data" / "shared"


def flite_wav(text: str, out: Path, voice: str = "slt") -> Path:
    """Synthesize TEXT with a flite voice into OUT (16 kHz mono 16-bit)."""
    out.write_bytes(wav_bytes(flite(text, voice)))
    return out


def conversation_wav(
    replies: Sequence[str | float], out: Path, voice: str = "slt", gap_s: float = 1.6
) -> Path:
    """One WAV of replies separated by silence; a float item is that many seconds of silence."""
    out.write_bytes(wav_bytes(conversation(replies, voice, gap_s)))
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


def heard_at_invitation(sphinx: SphinxRecognizer,
                        audio: Audio) -> tuple[Transcript, GrammarCheck | None]:
    """One reply decoded at the evening invitation's grammar, with the grammar's evidence."""
    stream = sphinx.stream(short_replies("invitation"))
    try:
        # As the Listener hands over a reply: a little quiet before, the endpoint silence after.
        stream.accept(concat(silence(0.3), audio, silence(0.8)).pcm)
        return stream.result(), stream.last_check
    finally:
        stream.close()


def taken_at_invitation(t: Transcript) -> Invitation:
    """What the invitation acts on for a decoded reply: both decoders' readings (heard_reply)."""
    said = t.rejected if t.out_of_grammar else t.text
    return classify_invitation(heard_reply(said, t.open_readings,
                                           accepted=not t.out_of_grammar)).kind


def transcribed_at_invitation(sphinx: SphinxRecognizer, audio: Audio) -> Transcript:
    """A reply as `transcribe` decodes it at the invitation's grammar, with the Listener's margins
    (a little quiet before, the endpoint silence after)."""
    from voice.transcribe import transcribe_with

    return transcribe_with(sphinx, concat(silence(0.3), audio, silence(0.8)),
                           short_replies("invitation"))
