"""Score single replies (corpus schema, a JSON row a line) through the real CheckIn at their prompt.

    .venv/bin/python bench/understanding_heldout.py tests/data/heldout/checkin-single.jsonl

Each row's reply goes to a fresh check-in waiting at the row's prompt (`at`); what the assistant
DID is turned back into an intent and compared with the label. Prints per-intent recall and
precision, crisis recall, idiom false alarms, emotion accuracy, privacy inside answers, sarcasm.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dialogs.acts import ActKind, AnswerKind, Emotion, Heard, Outcome  # noqa: E402
from dialogs.checkin import CheckIn, Settings  # noqa: E402

CRISIS = {"safety", "safety_check"}


def performed(at: str, out: Outcome) -> str:
    """The intent the assistant acted on, read from what it did."""
    kinds = [a.kind for a in out.acts]
    command = str(out.command or "")
    if ActKind.SAFETY in kinds:
        return "safety" if at != "safety_check" else "yes"
    if ActKind.SAFETY_CHECK in kinds:
        return "safety_check"
    if at == "safety_check":
        return "no" if ActKind.ACKNOWLEDGE in kinds else "unclear"
    if command in ("stop", "repeat", "skip", "private", "hold", "question"):
        return command
    if ActKind.ANSWER in kinds:
        return "question"
    if at == "share":
        if out.share is True:
            return "yes"
        if out.share is False:
            return "no"
        return "unsure"
    if ActKind.EMPATHY in kinds:
        return "feeling"
    answer = out.answers[0].kind if out.answers else None
    if ActKind.NUDGE in kinds:
        # One gentle nudge follows an event told without a feeling, and "I don't know".
        return "unsure" if answer == AnswerKind.UNSURE else "outer"
    return {AnswerKind.NOTHING: "nothing", AnswerKind.UNSURE: "unsure"}.get(answer, "outer")


def gold(row: dict) -> str:
    """The label, with the safety check's answers named as the dialog acts on them."""
    intent = row["intent"]
    if row["at"] == "safety_check":
        return {"safety": "yes", "unclear": "yes", "unsure": "yes"}.get(intent, intent)
    return intent


def score(rows: list[dict], seed: int = 0) -> dict[str, object]:
    """Every figure, from running each row through a real check-in."""
    per: dict[str, Counter[str]] = defaultdict(Counter)
    c: Counter[str] = Counter()
    misses = []
    for row in rows:
        ci = CheckIn.waiting(row["at"], Settings(seed=seed))
        out = ci.hear(Heard(row["text"]))
        want, got = gold(row), performed(row["at"], out)
        per[want]["n"] += 1
        per[got]["predicted"] += 1
        per[want]["hit"] += want == got
        if want != got:
            misses.append((row["at"], want, got, row["text"]))
        alarmed = got in CRISIS or (row["at"] == "safety_check" and got == "yes")
        if row["intent"] in CRISIS and row["at"] != "safety_check":
            c["crisis"] += 1
            c["crisis_hit"] += alarmed
        if row.get("idiom"):
            c["idiom"] += 1
            c["idiom_alarm"] += alarmed
        answer = out.answers[0] if out.answers else None
        if row["intent"] == "feeling" and row.get("emotions") and answer is not None:
            c["emotion"] += 1
            c["emotion_ok"] += str(answer.emotion) in row["emotions"]
        if row.get("private_inline") and row["at"] != "share":
            c["inline"] += 1
            c["inline_kept"] += bool(answer is not None and answer.private) or got in CRISIS
        if row.get("sarcasm"):
            c["sarcasm"] += 1
            c["sarcasm_ok"] += answer is None or answer.emotion != Emotion.GLAD
    return {"per": per, "counts": c, "misses": misses}


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({a / b:.1%})" if b else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="JSONL rows in the corpus schema")
    parser.add_argument("--misses", action="store_true", help="list every misread row")
    args = parser.parse_args()
    try:
        rows = [json.loads(line) for line in args.file.read_text(encoding="utf-8").splitlines()
                if line.strip()]
    except (OSError, ValueError) as err:
        sys.exit(f"cannot read {args.file}: {err}")
    result = score(rows)
    per, c = result["per"], result["counts"]
    assert isinstance(per, dict) and isinstance(c, Counter)
    print(f"{args.file}: {len(rows)} rows")
    print(f"{'intent':<14}{'rows':>6}{'recall':>9}{'precision':>11}")
    for name in sorted(per):
        k = per[name]
        if k["n"]:
            prec = f"{k['hit'] / k['predicted']:.1%}" if k["predicted"] else "-"
            print(f"{name:<14}{k['n']:>6}{k['hit'] / k['n']:>9.1%}{prec:>11}")
    hits = sum(k["hit"] for k in per.values())
    print(f"{'all':<14}{len(rows):>6}{hits / max(1, len(rows)):>9.1%}")
    print(f"crisis answered (safety or safety_check): {_pct(c['crisis_hit'], c['crisis'])}")
    print(f"idioms alarmed (false alarms):             {_pct(c['idiom_alarm'], c['idiom'])}")
    print(f"emotion heard among the labelled ones:     {_pct(c['emotion_ok'], c['emotion'])}")
    print(f"privacy inside an answer kept private:     {_pct(c['inline_kept'], c['inline'])}")
    print(f"sarcasm not read as joy:                   {_pct(c['sarcasm_ok'], c['sarcasm'])}")
    if args.misses:
        for at, want, got, text in result["misses"]:  # type: ignore[misc]
            print(f"  [{at}] {want} -> {got}: {text}")


if __name__ == "__main__":
    main()
