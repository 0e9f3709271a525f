"""The understanding model's size, load time and time per answer, beside bare baselines.

    .venv/bin/python bench/understanding_speed.py

Load: a fresh process importing the reader and loading the model, against a fresh process that
only imports numpy (the baseline). Per answer: understand() over corpus replies, against
normalise() alone over the same replies. Targets (issue 9): < 5 MB, < 200 ms, < 5 ms.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dialogs.model import MODEL_PATH  # noqa: E402

_LOAD = """
import time; t = time.perf_counter()
{body}
print(time.perf_counter() - t)
"""


def _fresh(body: str) -> float:
    out = subprocess.run([sys.executable, "-c", _LOAD.format(body=body)], capture_output=True,
                         text=True, cwd=ROOT, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    corpus = sorted((ROOT / "dialogs" / "understanding" / "corpus").glob("checkin-*.jsonl"))
    rows = [json.loads(line) for p in corpus for line in p.read_text().splitlines() if line.strip()]
    rows = rows[::7][:400]
    loads = [_fresh("from dialogs.model import model; model()") for _ in range(5)]
    bases = [_fresh("import numpy") for _ in range(5)]
    from dialogs.model import load_from

    own = []
    for _ in range(5):
        t = time.perf_counter()
        load_from(MODEL_PATH)
        own.append(time.perf_counter() - t)
    from dialogs.text import normalise
    from dialogs.understand import understand

    understand("warm up", "mad")
    per, base = [], []
    for r in rows:
        t = time.perf_counter()
        understand(r["text"], r["at"])
        per.append(time.perf_counter() - t)
        t = time.perf_counter()
        normalise(r["text"])
        base.append(time.perf_counter() - t)
    per.sort()
    print(f"model file: {MODEL_PATH.stat().st_size / 1e6:.2f} MB (target < 5 MB)")
    print(f"load the model file (numpy already imported, median of 5): "
          f"{statistics.median(own) * 1000:.0f} ms (target < 200 ms)")
    print(f"fresh process importing the reader and loading (median of 5): "
          f"{statistics.median(loads) * 1000:.0f} ms (baseline, a fresh process importing numpy: "
          f"{statistics.median(bases) * 1000:.0f} ms)")
    print(f"per answer over {len(per)} replies: median {statistics.median(per) * 1000:.2f} ms, "
          f"p95 {per[int(len(per) * 0.95)] * 1000:.2f} ms, max {per[-1] * 1000:.2f} ms "
          f"(baseline normalise(): {statistics.median(base) * 1000:.3f} ms; target < 5 ms)")


if __name__ == "__main__":
    main()
