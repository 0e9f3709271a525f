"""Through `heartline checkin --text`: words of crisis are never shared, whatever is answered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import json_lines, run_cli


@pytest.mark.parametrize(
    "replies",
    [
        ["I keep thinking about ending it all", "no, let's continue", "nothing", "my friend "
         "made me laugh", "nope", "yes"],
        ["my boss yelled at me", "I can't see a way out anymore", "no I meant work is awful",
         "nothing", "nope", "yes"],
    ],
    ids=["tier1", "tier2"],
)
def test_crisis_answers_are_never_shared(db: Path, replies: list[str]) -> None:
    out = run_cli("checkin", "--text", "--json", "--as", "sam", "--db", str(db),
                  input="".join(r + "\n" for r in replies))
    assert out.returncode == 0, out.stderr
    events = json_lines(out.stdout)
    acts = [e["act"] for e in events if e.get("role") == "assistant"]
    assert "safety" in acts or "safety_check" in acts
    closing = [e for e in events if e.get("act") == "closing"][-1]
    assert "988" in str(closing["text"])
    rows = json.loads(run_cli("entries", "--as", "sam", "--db", str(db), "--json").stdout)
    crisis = [r for r in rows if r["kind"] in ("safety", "safety_check")]
    assert crisis, rows
    assert all(r["private"] and not r["shared"] for r in crisis)
    # The rest was shared as asked.
    assert any(r["shared"] for r in rows if r["kind"] == "feeling")
