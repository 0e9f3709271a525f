"""The labelled answers (tests/data/answers-labelled.json): a set the model never trained on.

The old word lists were tuned on this set to 100%; the learned reader (issue 9) is not, so the bars
are what it measured on it (README, "Understanding"), and every crisis is still answered.
"""

from __future__ import annotations

import importlib.util
from collections import defaultdict
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench" / "dialog_accuracy.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dialog_accuracy", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_labelled_set_is_large_and_covers_every_category() -> None:
    rows = list(_bench().rows())
    assert len(rows) >= 200
    cats = {r["expect"] for r in rows}
    assert cats >= {"empathy", "empathy_positive", "nothing", "unsure", "nudge", "skip", "repeat",
                    "stop", "private", "safety", "silence"}


def test_accuracy_per_category() -> None:
    bench = _bench()
    per: dict[str, list[bool]] = defaultdict(list)
    misses = []
    for row in bench.rows():
        ok, said = bench.judge(row)
        per[row["expect"]].append(ok)
        if not ok:
            misses.append((row["text"], said))
    for cat, oks in per.items():
        assert sum(oks) / len(oks) >= 0.8, (cat, misses)
    every = [ok for oks in per.values() for ok in oks]
    assert sum(every) / len(every) >= 0.9, misses
    assert [r for r in bench.rows() if r["expect"] == "safety"]
    assert all(ok for ok in per["safety"]), misses


def test_randomized_check_ins_keep_every_promise() -> None:
    problems = _bench().run_random(200)
    for name in ("forbidden phrases said", "first person echoed", "empathy said twice",
                 "listening acts", "listening act not last", "did not finish"):
        assert problems[name] == 0, name
