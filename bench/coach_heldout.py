"""The coach on a held-out test set: `python bench/coach_heldout.py FILE.jsonl`.

FILE has the corpus' row format (entry, emotion, reply, mistakes [{kind, span}], ok, ...); each
reply is coached against its entry's emotion unless --no-entry. Prints
mistakes found (a mistake is found when the coach flags its kind in the reply; "span" also asks
the flagged clause to overlap the written span), per kind, and good replies flagged (rows with no
mistake where the coach flagged anything). Also the time per reply against a bare baseline (the
same replies only cut into clauses) measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dialogs.acts import Emotion  # noqa: E402
from dialogs.coach import KINDS, clauses, find, load_model  # noqa: E402


def _emotion(row: dict[str, object], no_entry: bool) -> Emotion | None:
    """The emotion of the entry the row answers, as `heartline coach --about` gives it."""
    return None if no_entry or not row.get("emotion") else Emotion(str(row["emotion"]))


def _overlaps(reply: str, span: str, flagged: str) -> bool:
    a = reply.find(span)
    b = reply.find(flagged)
    return a >= 0 and b >= 0 and min(a + len(span), b + len(flagged)) > max(a, b)


def main() -> None:
    """Run the coach over every row and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--misses", action="store_true", help="Print every miss and false flag.")
    parser.add_argument(
        "--no-entry", action="store_true",
        help="Coach each reply without its entry's emotion (as `heartline coach` without --about).",
    )
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.file.read_text().splitlines() if line.strip()]
    model = load_model()
    found = Counter[str]()
    found_span = Counter[str]()
    total = Counter[str]()
    good = good_flagged = 0
    wrong_extra = 0
    replies_flagged = 0
    start = time.perf_counter()
    results = [find(str(row["reply"]), model, _emotion(row, args.no_entry)) for row in rows]
    coach_s = time.perf_counter() - start
    start = time.perf_counter()
    for row in rows:
        clauses(str(row["reply"]))
    bare_s = time.perf_counter() - start
    for row, got in zip(rows, results, strict=True):
        reply = str(row["reply"])
        gold = row.get("mistakes") or []
        if not gold:
            good += 1
            if got:
                good_flagged += 1
                if args.misses:
                    print(f"FLAGGED GOOD: {reply!r} -> {[(m.kind.value, m.span) for m in got]}")
            continue
        kinds_got = {m.kind.value for m in got}
        replies_flagged += bool(got)
        for m in gold:
            kind = str(m["kind"])
            total[kind] += 1
            hit = kind in kinds_got
            found[kind] += hit
            found_span[kind] += any(
                g.kind.value == kind and _overlaps(reply, str(m["span"]), g.span) for g in got
            )
            if args.misses and not hit:
                print(f"MISSED {kind}: {reply!r} (span {m['span']!r}) -> {sorted(kinds_got)}")
        wrong_extra += len(kinds_got - {str(m["kind"]) for m in gold})
    n = sum(total.values())
    print(f"rows {len(rows)}: {n} mistakes in {len(rows) - good} replies, {good} good replies")
    print(
        f"mistakes found: {sum(found.values())}/{n} = {100 * sum(found.values()) / max(1, n):.1f}%"
        f"; with the span overlapping: "
        f"{100 * sum(found_span.values()) / max(1, n):.1f}%"
    )
    bad = len(rows) - good
    print(
        f"mistaken replies flagged at all (any kind): {replies_flagged}/{bad} = "
        f"{100 * replies_flagged / max(1, bad):.1f}% (target >= 95%)"
    )
    print("per kind:")
    for kind in map(str, KINDS):
        if total[kind]:
            pct = 100 * found[kind] / total[kind]
            print(f"  {kind:16s} {found[kind]:4d}/{total[kind]:<4d} {pct:5.1f}%")
    print(
        f"good replies flagged: {good_flagged}/{good} = {100 * good_flagged / max(1, good):.1f}%"
        " (target <= 5%)"
    )
    print(f"other kinds also flagged in mistaken replies: {wrong_extra}")
    per = 1000 * coach_s / max(1, len(rows))
    bare = 1000 * bare_s / max(1, len(rows))
    print(f"time per reply: {per:.2f} ms (bare clause cutting {bare:.3f} ms)")


if __name__ == "__main__":
    main()
