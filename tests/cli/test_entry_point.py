"""The one smoke test of the installed `heartline` script: a real check-in in a real process.

Every other command test runs `main()` in-process through click's CliRunner (tests/helpers.py
`run_cli`); this one proves that pyproject's `[project.scripts]` entry point is installed and runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from helpers import ROOT, json_lines


def test_the_installed_script_runs_a_typed_checkin(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("heartline")  # .venv/bin/heartline
    assert script.is_file(), f"{script} is missing: run scripts/setup.sh"
    db = tmp_path / "h.db"
    done = subprocess.run(
        [str(script), "checkin", "--as", "sam", "--text", "--json", "--db", str(db)],
        input="I was furious that the bus left without me\nnothing\n",
        capture_output=True, text=True, cwd=tmp_path, timeout=180,
    )
    assert done.returncode == 0, done.stderr
    events = json_lines(done.stdout)
    assert events[0]["role"] == "assistant" and events[-1]["act"] == "closing"
    listed = subprocess.run(
        [str(script), "entries", "--as", "sam", "--json", "--db", str(db)],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [(r["emotion"], r["text"]) for r in rows][-1] == (
        "mad", "I was furious that the bus left without me"
    )
