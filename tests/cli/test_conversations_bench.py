"""bench/conversations.py plays whole conversations through the real `heartline checkin --text`."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT


def test_issue_9_conversations_meet_every_expectation() -> None:
    out = subprocess.run(
        [sys.executable, "bench/conversations.py", "tests/data/conversations-issue9.json"],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    assert out.returncode == 0, out.stderr
    lines = {line.split()[0]: line.split() for line in out.stdout.splitlines() if line.strip()}
    met, of = int(lines["all"][1]), int(lines["all"][2])
    assert of >= 20 and met == of, out.stdout
    for key in ("answer", "hold", "private_kept", "safety_check"):
        assert lines[key][1] == lines[key][2], out.stdout
    for counted in ("crisis answers shared:", "repeated sentences:", "forbidden phrases:"):
        line = next(x for x in out.stdout.splitlines() if x.startswith(counted))
        assert line.split()[-1] == "0", out.stdout
