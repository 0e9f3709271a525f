"""The wake phrase with two people scheduled: Heartline asks who, then checks that one in.

flite speech, the real PocketSphinx engine and a real SQLite file, through `heartline evening`.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from helpers import json_lines, run_cli

from heartline import schedule as sched

ANSWERS = ["i was angry at the traffic", "i was sad when my friend moved away",
           "i was happy about dinner", "nothing"]


def test_the_wake_phrase_asks_who_when_two_people_are_scheduled(tmp_path: Path, db: Path,
                                                                  speak) -> None:  # type: ignore[no-untyped-def]
    # Prompts on a day three days away: none is due while the test runs, whatever the hour.
    day = sched.DAYS[(datetime.now(sched.local_zone()).weekday() + 3) % 7]
    for person in ("sam", "alex"):
        set_ = run_cli("schedule", "set", "--as", person, "--at", "21:00", "--days", day,
                       "--db", str(db))
        assert set_.returncode == 0, set_.stderr
    wav = speak([2.0, "Heartline, let's check in", "it's alex", *ANSWERS, "no"],
                tmp_path / "wake.wav")
    out = run_cli("evening", "--audio", str(wav), "--json", "--no-speak", "--db", str(db),
                  "--engine", "pocketsphinx", "--seed", "1")
    assert out.returncode == 0, out.stderr
    events = json_lines(out.stdout)
    said = [e["act"] for e in events if e["role"] == "assistant"]
    assert said[0] == "question" and "invitation" not in said  # who is it, not an invitation
    heard = [e["text"] for e in events if e["role"] == "user"]
    assert heard[:2] == ["heart line let's check in", "it's alex"]
    greeting = next(e for e in events if e.get("act") == "greeting")
    assert "Alex" in str(greeting["text"])
    rows = json.loads(run_cli("entries", "--as", "alex", "--db", str(db), "--json").stdout)
    assert len(rows) == 4
    assert json.loads(run_cli("entries", "--as", "sam", "--db", str(db), "--json").stdout) == []
