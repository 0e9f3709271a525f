"""Build the listener coach's model from the corpus: `python scripts/build_coach.py`.

Reads every `corpus/coach/*.jsonl` (rows: entry, emotion, reply, mistakes [{kind, span}], ok,
style, batch), cuts each reply into clauses with `dialogs.coach.clauses`, labels a clause with
every kind whose span overlaps it, and fits one logistic regression per kind on TF-IDF weighted
word and character n-grams (`dialogs.coach.features`). The threshold of each kind is chosen on
predictions made with each batch held out (GroupKFold over batches), so the figures printed are
for batches the model did not see. Writes `dialogs/coach_model/en-us.json`. Needs the `train`
extra (`pip install -e '.[train]'`: numpy, scipy, scikit-learn); the coach itself needs none.
Deterministic: the same corpus gives the same file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dialogs.coach import KINDS, MODEL_DIR, Kind, Model, _rule_kinds, split_reply  # noqa: E402

C = 4.0
"""Inverse regularisation strength of each regression."""
MIN_DF = 2
"""A feature must occur in this many clauses to be kept."""
MAX_GOOD_FLAGGED = 0.03
"""Thresholds are the lowest that keep held-out good replies flagged at or under this rate."""


def load_rows(paths: list[Path]) -> list[dict[str, object]]:
    """Every row of the corpus files, checked: spans must be exact substrings of the reply."""
    rows: list[dict[str, object]] = []
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            reply = str(row["reply"])
            for m in row["mistakes"]:
                if Kind(m["kind"]) and m["span"] not in reply:
                    print(f"{path.name}:{n}: span not in reply, row skipped: {m['span']!r}")
                    break
            else:
                row.setdefault("batch", path.stem)
                row["group"] = f"{path.stem}:{row['batch']}"
                rows.append(row)
    return rows


def clause_examples(rows: list[dict[str, object]]):  # type: ignore[no-untyped-def]
    """(features, labels, row index, rule kinds) per clause of every reply."""
    feats: list[Counter[str]] = []
    rules: list[set[int]] = []
    labels: list[list[int]] = []
    owner: list[int] = []
    for i, row in enumerate(rows):
        reply = str(row["reply"])
        spans = []
        for m in row["mistakes"]:  # type: ignore[attr-defined]
            at = reply.find(m["span"])
            spans.append((KINDS.index(Kind(m["kind"])), at, at + len(m["span"])))
        for start, end, f in split_reply(reply):
            y = [0] * len(KINDS)
            for k, s, e in spans:
                if min(end, e) - max(start, s) > 0:
                    y[k] = 1
            feats.append(f)
            rules.append({KINDS.index(k) for k in _rule_kinds(reply[start:end])})
            labels.append(y)
            owner.append(i)
    return feats, np.array(labels), np.array(owner), rules


def vectorize(feats: list[Counter[str]], idf: dict[str, float], index: dict[str, int]) -> csr_matrix:
    """Sublinear TF-IDF, L2-normalised, exactly as `Model.scores` computes it."""
    data, cols, ptr = [], [], [0]
    for f in feats:
        vec = {index[t]: (1.0 + math.log(c)) * idf[t] for t, c in f.items() if t in index}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        for j, v in sorted(vec.items()):
            cols.append(j)
            data.append(v / norm)
        ptr.append(len(cols))
    return csr_matrix((data, cols, ptr), shape=(len(feats), len(index)))


def fit(feats: list[Counter[str]], labels: np.ndarray) -> Model:
    """One regression per kind on all the given clauses (thresholds 0.5 until chosen)."""
    df: Counter[str] = Counter()
    for f in feats:
        df.update(f.keys())
    n = len(feats)
    kept = sorted(t for t, c in df.items() if c >= MIN_DF)
    idf = {t: math.log((1 + n) / (1 + df[t])) + 1.0 for t in kept}
    index = {t: j for j, t in enumerate(kept)}
    x = vectorize(feats, idf, index)
    coef = np.zeros((len(KINDS), len(kept)))
    bias = np.zeros(len(KINDS))
    for k in range(len(KINDS)):
        y = labels[:, k]
        if y.sum() == 0:
            bias[k] = -20.0
            continue
        reg = LogisticRegression(C=C, class_weight="balanced", max_iter=2000, solver="liblinear")
        reg.fit(x, y)
        coef[k] = reg.coef_[0]
        bias[k] = reg.intercept_[0]
    weights = {
        t: [round(float(w), 5) for w in coef[:, j]]
        for t, j in index.items()
        if np.abs(coef[:, j]).max() >= 1e-4
    }
    idf_r = {t: round(v, 5) for t, v in idf.items()}
    return Model(idf_r, weights, [round(float(b), 5) for b in bias], [0.5] * len(KINDS), {})


def clause_probs(model: Model, feats: list[Counter[str]]) -> np.ndarray:
    """Each clause's probability per kind under `model`."""
    return np.array([model.scores(f) for f in feats])


def reply_predictions(
    probs: np.ndarray, feats_rules: list[set[int]], owner: np.ndarray, n_rows: int,
    thresholds: np.ndarray,
) -> list[set[int]]:
    """The kinds flagged in each reply."""
    out: list[set[int]] = [set() for _ in range(n_rows)]
    for c in range(len(owner)):
        for k in np.nonzero(probs[c] >= thresholds)[0]:
            out[owner[c]].add(int(k))
        out[owner[c]] |= feats_rules[c]
    return out


def figures(rows: list[dict[str, object]], flagged: list[set[int]]) -> dict[str, object]:
    """Mistakes found (by kind, as reply-level kind matches) and good replies flagged."""
    found = Counter[str]()
    total = Counter[str]()
    good = good_flagged = 0
    for row, got in zip(rows, flagged, strict=True):
        kinds = {KINDS.index(Kind(m["kind"])) for m in row["mistakes"]}  # type: ignore[attr-defined]
        if not kinds:
            good += 1
            good_flagged += bool(got)
        for k in kinds:
            total[KINDS[k]] += 1
            found[KINDS[k]] += k in got
    return {
        "mistakes": sum(total.values()),
        "found": sum(found.values()),
        "found_pct": round(100 * sum(found.values()) / max(1, sum(total.values())), 1),
        "per_kind": {k: [found[k], total[k]] for k in map(str, KINDS)},
        "good": good,
        "good_flagged": good_flagged,
        "good_flagged_pct": round(100 * good_flagged / max(1, good), 1),
    }


def choose_thresholds(
    probs: np.ndarray, rules: list[set[int]], owner: np.ndarray, rows: list[dict[str, object]]
) -> np.ndarray:
    """One threshold for all kinds: the lowest that keeps good replies flagged under the cap."""
    best = np.full(len(KINDS), 0.5)
    for t in np.arange(0.20, 0.96, 0.01):
        th = np.full(len(KINDS), round(float(t), 2))
        fig = figures(rows, reply_predictions(probs, rules, owner, len(rows), th))
        if fig["good_flagged_pct"] <= 100 * MAX_GOOD_FLAGGED:  # type: ignore[operator]
            return th
        best = th
    return best


def main() -> None:
    """Build, report the held-out-batch figures, write the model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="corpus files (default corpus/coach)")
    parser.add_argument("--out", type=Path, default=MODEL_DIR / "en-us.json")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    paths = args.files or sorted((ROOT / "corpus" / "coach").glob("*.jsonl"))
    rows = load_rows(paths)
    feats, labels, owner, rules = clause_examples(rows)
    groups = np.array([str(rows[i]["group"]) for i in owner])
    if len(set(groups)) < 2:
        # One batch only (early development): hold out whole entries instead.
        groups = np.array([str(rows[i]["entry"]) for i in owner])
    n_groups = len(set(groups))
    folds = min(args.folds, n_groups)
    print(f"{len(rows)} replies, {len(feats)} clauses, {n_groups} batches, {folds} folds")
    oof = np.zeros(labels.shape)
    for train, test in GroupKFold(n_splits=folds).split(feats, labels, groups):
        model = fit([feats[i] for i in train], labels[train])
        oof[test] = clause_probs(model, [feats[i] for i in test])
    th = choose_thresholds(oof, rules, owner, rows)
    held = figures(rows, reply_predictions(oof, rules, owner, len(rows), th))
    print(f"threshold {th[0]:.2f}; batches held out: {json.dumps(held)}")
    final = fit(feats, labels)
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    data = {
        "kinds": [str(k) for k in KINDS],
        "bias": list(final.bias),
        "threshold": [float(t) for t in th],
        "meta": {
            "corpus": [p.name for p in paths],
            "corpus_sha256": digest.hexdigest(),
            "replies": len(rows),
            "clauses": len(feats),
            "held_out_batches": held,
        },
        "idf": dict(final.idf),
        "weights": dict(final.weights),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB, {len(final.weights)} weights)")


if __name__ == "__main__":
    main()
