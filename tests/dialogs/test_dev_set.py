"""The shared dev conversations, replayed against CheckIn with the driver's judging rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dialogs.acts import ActKind, Heard, Outcome
from dialogs.checkin import CheckIn, Settings
from dialogs.locale import load

DEV = Path(__file__).resolve().parents[1] / "data" / "shared" / "checkins-dev.json"
HELP = ("988", "emergency", "crisis", "helpline", "hotline", "911", "112", "samaritans", "lifeline")
HARD_WORDS = ("sucks", "sorry", "hard", "frustrat", "painful", "rough")


def _conversations() -> list[dict[str, Any]]:
    if not DEV.exists():
        pytest.fail(f"missing {DEV}")
    return list(json.loads(DEV.read_text())["conversations"])


def meets(expect: str, rep: dict[str, Any], out: Outcome, listening: bool) -> bool:
    """The driver's rule for one expectation (../shared/tools/checkin_driver.py)."""
    acts = [str(a.kind) for a in out.acts]
    texts = " ".join(a.text for a in out.acts).lower()
    qs = [a for a in out.acts if a.kind == ActKind.QUESTION]
    ok = True
    if expect == "empathy":
        ok = "empathy" in acts and not any(w in texts for w in ("wonderful", "great to hear"))
    elif expect == "empathy_positive":
        emp = " ".join(a.text for a in out.acts if a.kind == ActKind.EMPATHY).lower()
        ok = "empathy" in acts and not any(w in emp for w in HARD_WORDS)
    elif expect == "no_empathy":
        ok = "empathy" not in acts and "nudge" not in acts
    elif expect == "nudge":
        ok = "nudge" in acts and not any(q.emotion != rep.get("emotion") for q in qs)
    elif expect == "next_question":
        # After a skip at the last question (fear) the next thing asked is the share prompt; the
        # driver accepts it there too.
        last = rep.get("emotion") == "fear" and "share_prompt" in acts
        ok = "empathy" not in acts and (
            not listening or last or any(q.emotion not in (rep.get("emotion"), None) for q in qs))
    elif expect == "same_question":
        again = qs + [a for a in out.acts if a.kind == ActKind.REPROMPT]
        ok = "empathy" not in acts and any(q.emotion == rep.get("emotion") for q in again)
    elif expect == "closing_saved":
        ok = "closing" in acts
    elif expect == "safety":
        saf = " ".join(a.text for a in out.acts if a.kind == ActKind.SAFETY).lower()
        ok = "safety" in acts and any(h in saf for h in HELP) and "empathy" not in acts
    return ok and not any(bad in texts for bad in rep.get("reflect_not", []))


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("conv", _conversations(), ids=lambda c: c["name"])
def test_dev_conversation(conv: dict[str, Any], seed: int) -> None:
    forbidden = [f.lower() for f in load().voc("forbidden")]
    ci = CheckIn(Settings(name="tester", seed=seed))
    first = ci.start()
    assert first.acts[-1].listening
    stored = 0
    for i, rep in enumerate(conv["replies"]):
        assert not ci.finished, f"#{i}: not listening"
        out = ci.hear(Heard(rep["text"]))
        stored += len(out.answers)
        listening = any(a.listening for a in out.acts)
        assert meets(rep.get("expect", "any"), rep, out, listening), (
            f"#{i} {rep['text']!r} expect {rep.get('expect')}: {[a.text for a in out.acts]}"
        )
        for act in out.acts:
            assert not any(f in act.text.lower() for f in forbidden), act.text
        if "saved_count" in rep:
            assert stored == rep["saved_count"]
