"""Build the listener coach's model from the corpus: `python scripts/build_coach.py`.

Reads every `corpus/coach/*.jsonl` (rows: entry, emotion, reply, mistakes [{kind, span}], ok, style,
batch), cuts each reply into clauses with `dialogs.coach.clauses`, labels a clause with every kind
whose span overlaps it, and fits one logistic regression per kind, and one for "any mistake", on
TF-IDF weighted word and character n-grams and clause-role cues (`dialogs.coach.features`; the
whole-reply model also sees every clause's cues), with balanced class weights. Validation is
leave-one-batch-out: each batch (written by a different author at a different time) is scored by a
model trained on the other batches only. The shipped thresholds are chosen on those held-out
predictions of every batch; the leave-one-batch-out figures (per batch and summed) use thresholds
chosen on the OTHER batches' held-out predictions only, so they have not seen the batch they
describe. Per-kind thresholds keep good replies flagged under MAX_KIND_FLAGGED; the "any mistake"
threshold then flags what no kind reached, up to MAX_GOOD_FLAGGED in all. The same held-out
models also score every reply with its entry hidden (as `heartline coach` without --about reads
it), and a second set of thresholds is chosen on those scores, the same way, for replies whose
entry is not known. Writes
`dialogs/coach_model/en-us.json`. Needs the `build` extra (`pip install -e '.[build]'`: scipy,
scikit-learn; numpy is a dependency); the coach needs none.
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
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import LeaveOneGroupOut

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dialogs.acts import Emotion  # noqa: E402
from dialogs.coach import (  # noqa: E402
    BLOCKS,
    KINDS,
    MODEL_DIR,
    Kind,
    Linear,
    _rule_kinds,
    reply_features,
    split_reply,
    vector,
)

EMOTIONS = tuple(str(e) for e in Emotion)
C = 2.0
"""Inverse regularisation strength of each regression."""
MIN_DF = 2
"""A feature must occur in this many clauses to be kept."""
MIN_WEIGHT = 5e-4
"""A feature whose weights are all smaller than this is left out of the file (it keeps its IDF,
which the vector's length needs); with weights to 4 places the file is 8.0 MB (round 12, 11,037
replies; 7.0 MB in round 9), read without numpy in about 2 ms a reply."""
MAX_KIND_FLAGGED = 0.02
"""Per-kind thresholds are chosen to find the most mistakes while good replies flagged stay under
this: a prior against flagging, since a coach that nags good replies is abandoned. 0.02 and 0.03
since round 11 (0.025 and 0.035 before): on the four sets written after the eighth to tenth coaches'
freezes (v8-v11), mistaken replies flagged were 96.7-99.0% with every threshold chosen so, while
good replies flagged were 2.7-6.0%: the slack is on the side of finding, so the point moves."""
MAX_GOOD_FLAGGED = 0.03
"""Then the "any mistake" threshold is lowered until good replies flagged in all reach this."""
NO_ENTRY_READING = "mean"
"""How a reply with no entry known is scored: "mean", the mean of its scores read as if it
answered each of the four emotions (every corpus row has one, so the models never learnt a reply
with none), or "bare", read with no emotion."""
NO_ENTRY_CAPS = (MAX_KIND_FLAGGED, MAX_GOOD_FLAGGED)
"""The same two caps for the thresholds of their own that a reply with no entry known gets
(`heartline coach` without --about), chosen on the held-out scores of the replies read so."""


LOOKAHEAD = 40
"""How many of a kind's next missed mistakes a threshold step may reach at once."""


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
                # Each batch is one author at one time: hold out a whole batch at a time.
                row["group"] = str(row["batch"])
                rows.append(row)
    return rows


def clause_examples(  # type: ignore[no-untyped-def]
    rows: list[dict[str, object]], entry: bool | str = True
):
    """(features, labels, row index, rule kinds) per clause of every reply; entry: read each
    reply against its entry's emotion, as `heartline coach --about` does (True), with none
    (False), or as if it answered this emotion."""
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
        read = emotion_of(row) if entry is True else (entry or None)
        for start, end, f in split_reply(reply, read):
            y = [0] * len(KINDS)
            for k, s, e in spans:
                if min(end, e) - max(start, s) > 0:
                    y[k] = 1
            feats.append(f)
            rules.append({KINDS.index(k) for k in _rule_kinds(reply[start:end])})
            labels.append(y)
            owner.append(i)
    return feats, np.array(labels), np.array(owner), rules


def emotion_of(row: dict[str, Any]) -> str | None:
    """The emotion of the entry a row's reply answers, when the row names one."""
    return str(row["emotion"]) if row.get("emotion") else None


def vectorize(
    feats: list[Counter[str]], idf: dict[str, float], index: dict[str, int]
) -> csr_matrix:
    """The clauses' vectors, exactly as `Model.scores` computes them (`dialogs.coach.vector`)."""
    data, cols, ptr = [], [], [0]
    for f in feats:
        vec = vector(f, idf, BLOCKS)
        for j, v in sorted((index[t], v) for t, v in vec.items()):
            cols.append(j)
            data.append(v)
        ptr.append(len(cols))
    return csr_matrix((data, cols, ptr), shape=(len(feats), len(index)))


def fit(feats: list[Counter[str]], labels: np.ndarray) -> Linear:
    """One regression per column of labels (each kind, then "any mistake") on the given texts."""
    df: Counter[str] = Counter()
    for f in feats:
        df.update(f.keys())
    n = len(feats)
    kept = sorted(t for t, c in df.items() if c >= MIN_DF)
    idf = {t: round(math.log((1 + n) / (1 + df[t])) + 1.0, 4) for t in kept}
    index = {t: j for j, t in enumerate(kept)}
    x = vectorize(feats, idf, index)
    coef = np.zeros((labels.shape[1], len(kept)))
    bias = np.zeros(labels.shape[1])
    for k in range(labels.shape[1]):
        y = labels[:, k]
        if y.sum() == 0:
            bias[k] = -20.0
            continue
        reg = LogisticRegression(
            C=C, max_iter=5000, solver="liblinear", random_state=0, class_weight="balanced"
        )
        reg.fit(x, y)
        coef[k] = reg.coef_[0]
        bias[k] = reg.intercept_[0]
    weights = {
        t: [round(float(w), 4) for w in coef[:, j]]
        for t, j in index.items()
        if np.abs(coef[:, j]).max() >= MIN_WEIGHT
    }
    return Linear(idf, weights, [round(float(b), 5) for b in bias])


def reply_labels(rows: list[dict[str, Any]]) -> np.ndarray:
    """Which kinds each reply holds."""
    gold = np.zeros((len(rows), len(KINDS)), dtype=int)
    for i, row in enumerate(rows):
        for m in row["mistakes"]:
            gold[i, KINDS.index(Kind(m["kind"]))] = 1
    return gold


def combined(clause_p: np.ndarray, reply_p: np.ndarray, owner: np.ndarray) -> np.ndarray:
    """Per reply and kind: the mean of the whole reply's and its best clause's probability."""
    best = np.zeros_like(reply_p)
    for c in range(len(owner)):
        best[owner[c]] = np.maximum(best[owner[c]], clause_p[c])
    return (reply_p + best) / 2


def with_any(labels: np.ndarray) -> np.ndarray:
    """The labels with one more column: any mistake at all."""
    return np.hstack([labels, labels.max(1, keepdims=True)])


def flagged(scores: np.ndarray, rules: np.ndarray, th: np.ndarray) -> np.ndarray:
    """Which kinds the coach flags in each reply by their own thresholds and the rules."""
    return (scores[:, : len(KINDS)] >= th) | rules


def flagged_all(scores: np.ndarray, rules: np.ndarray, th: np.ndarray, any_th: float) -> np.ndarray:
    """Which kinds the coach flags, as `dialogs.coach.find` does: by kind and rule, then a reply
    no kind reached but whose "any mistake" score reaches any_th, under the kind nearest its own
    threshold."""
    pred = flagged(scores, rules, th)
    extra = np.where(~pred.any(1) & (scores[:, len(KINDS)] >= any_th))[0]
    nearest = np.argmax(scores[:, : len(KINDS)] / th, axis=1)
    pred[extra, nearest[extra]] = True
    return pred


def choose_any(
    scores: np.ndarray, rules: np.ndarray, gold: np.ndarray, th: np.ndarray,
    cap: float = MAX_GOOD_FLAGGED,
) -> float:
    """The lowest "any mistake" threshold that keeps good replies flagged in all under the cap."""
    good = gold.sum(1) == 0
    base = flagged(scores, rules, th).any(1)
    room = int(cap * good.sum()) - int(base[good].sum())
    if room < 0:
        return 2.0
    ranked = np.sort(scores[good & ~base, len(KINDS)])[::-1]
    return float(ranked[room]) + 1e-6 if room < len(ranked) else 0.0


def figures(gold: np.ndarray, pred: np.ndarray) -> dict[str, Any]:
    """Mistakes found (reply-level kind matches), per kind, mistaken replies flagged at all (any
    kind), and good replies flagged."""
    good = gold.sum(1) == 0
    found = (pred & (gold == 1)).sum(0)
    total = gold.sum(0)
    return {
        "mistakes": int(total.sum()),
        "found": int(found.sum()),
        "found_pct": round(100 * found.sum() / max(1, total.sum()), 1),
        "per_kind": {str(k): [int(found[i]), int(total[i])] for i, k in enumerate(KINDS)},
        "mistaken_replies": int((~good).sum()),
        "mistaken_replies_flagged": int(pred[~good].any(1).sum()),
        "mistaken_replies_flagged_pct": round(100 * pred[~good].any(1).mean(), 1),
        "good": int(good.sum()),
        "good_flagged": int(pred[good].any(1).sum()),
        "good_flagged_pct": round(100 * pred[good].any(1).mean(), 1),
    }


def choose_thresholds(
    scores: np.ndarray, rules: np.ndarray, gold: np.ndarray,
    caps: tuple[float, float] = (MAX_KIND_FLAGGED, MAX_GOOD_FLAGGED),
) -> tuple[np.ndarray, float]:
    """Per-kind thresholds (`kind_thresholds`), then the "any mistake" threshold, under caps
    (per kind, in all)."""
    th = kind_thresholds(scores, rules, gold, caps[0])
    return th, choose_any(scores, rules, gold, th, caps[1])


def kind_thresholds(
    scores: np.ndarray, rules: np.ndarray, gold: np.ndarray, cap_share: float = MAX_KIND_FLAGGED
) -> np.ndarray:
    """Per-kind thresholds, greedily: each step lowers the one kind, to one of its next missed
    mistakes (looking up to LOOKAHEAD ahead, so one costly step that opens many cheap ones is
    seen), that finds the most mistakes per newly flagged good reply, while good replies flagged
    stay under the cap."""
    th = np.full(len(KINDS), 0.95)
    good = gold.sum(1) == 0
    cap = cap_share * good.sum()
    while True:
        base = flagged(scores, rules, th)
        base_found, base_fp = (base & (gold == 1)).sum(), base[good].any(1).sum()
        best, best_value = None, -1.0
        for k in range(len(KINDS)):
            missed = scores[(gold[:, k] == 1) & ~base[:, k], k]
            missed = np.unique(np.floor(missed[missed >= 0.05] * 1000) / 1000)[::-1]
            for cut in missed[:LOOKAHEAD]:
                trial = th.copy()
                trial[k] = float(cut)
                pred = flagged(scores, rules, trial)
                fp = pred[good].any(1).sum()
                if fp > cap:
                    break
                value = ((pred & (gold == 1)).sum() - base_found) / (fp - base_fp + 0.5)
                if value > best_value:
                    best, best_value = trial, value
        if best is None:
            return th
        th = best


def predict(model: Linear, feats: list[Counter[str]]) -> np.ndarray:
    """Each text's probability per kind."""
    return np.array([model.scores(f, BLOCKS) for f in feats])


WEIGHT_SCALE = 10_000
"""Weights (4 places) are written as integers over this: the same numbers, a smaller file."""


def as_json(model: Linear) -> dict[str, Any]:
    """A regression's JSON form, as `dialogs.coach.Linear.from_json` reads it."""
    return {
        "idf": dict(model.idf),
        "scale": WEIGHT_SCALE,
        "weights": {f: [round(w * WEIGHT_SCALE) for w in ws] for f, ws in model.weights.items()},
        "bias": list(model.bias),
    }


def main() -> None:
    """Build, report the leave-one-batch-out figures, write the model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="corpus files (default corpus/coach)")
    parser.add_argument("--out", type=Path, default=MODEL_DIR / "en-us.json")
    parser.add_argument("--c", type=float, default=C, help="inverse regularisation strength")
    parser.add_argument(
        "--oof", type=Path, help="also save the held-out scores here (.npz), to compare threshold"
        " policies without refitting"
    )
    parser.add_argument(
        "--scores", type=Path, help="take the held-out scores from an --oof file of the same"
        " corpus instead of refitting every batch (thresholds and figures only)"
    )
    args = parser.parse_args()
    globals()["C"] = args.c
    paths = args.files or sorted((ROOT / "corpus" / "coach").glob("*.jsonl"))
    rows = load_rows(paths)
    feats, labels, owner, clause_rules = clause_examples(rows)
    reply_feats = [reply_features(str(r["reply"]), emotion_of(r)) for r in rows]
    # The same replies with no entry known (`heartline coach` without --about): scored by the
    # same held-out models, to report how the coach does then.
    bare_feats = clause_examples(rows, entry=False)[0]
    bare_reply = [reply_features(str(r["reply"])) for r in rows]
    # ... and as if it answered each emotion in turn (NO_ENTRY_READING "mean").
    as_if = {
        e: (clause_examples(rows, entry=e)[0], [reply_features(str(r["reply"]), e) for r in rows])
        for e in EMOTIONS
    }
    gold = reply_labels(rows)
    rules = np.zeros_like(gold, dtype=bool)
    for c, kinds in enumerate(clause_rules):
        for k in kinds:
            rules[owner[c], k] = True
    groups = np.array([str(r["group"]) for r in rows])
    batches = sorted(set(groups.tolist()))
    print(f"{len(rows)} replies, {len(feats)} clauses, batches held out one at a time: {batches}")
    labels, gold_any = with_any(labels), with_any(gold)
    oof_clause = np.zeros(labels.shape)
    oof_reply = np.zeros(gold_any.shape, dtype=float)
    bare_clause, bare_whole = np.zeros(labels.shape), np.zeros(gold_any.shape, dtype=float)
    if_clause = {e: np.zeros(labels.shape) for e in EMOTIONS}
    if_whole = {e: np.zeros(gold_any.shape, dtype=float) for e in EMOTIONS}
    folds = [] if args.scores else LeaveOneGroupOut().split(reply_feats, gold, groups)
    for train, test in folds:
        tr, te = set(train.tolist()), set(test.tolist())
        c_tr = [c for c in range(len(owner)) if owner[c] in tr]
        c_te = [c for c in range(len(owner)) if owner[c] in te]
        clause_model = fit([feats[c] for c in c_tr], labels[c_tr])
        oof_clause[c_te] = predict(clause_model, [feats[c] for c in c_te])
        reply_model = fit([reply_feats[i] for i in train], gold_any[train])
        oof_reply[test] = predict(reply_model, [reply_feats[i] for i in test])
        bare_clause[c_te] = predict(clause_model, [bare_feats[c] for c in c_te])
        bare_whole[test] = predict(reply_model, [bare_reply[i] for i in test])
        for e, (clause_if, reply_if) in as_if.items():
            if_clause[e][c_te] = predict(clause_model, [clause_if[c] for c in c_te])
            if_whole[e][test] = predict(reply_model, [reply_if[i] for i in test])
    scores = combined(oof_clause, oof_reply, owner)
    bare_scores = combined(bare_clause, bare_whole, owner)
    mean_scores = np.mean([combined(if_clause[e], if_whole[e], owner) for e in EMOTIONS], axis=0)
    if args.scores:
        saved = np.load(args.scores)
        if saved["groups"].tolist() != groups.tolist() or (saved["gold"] != gold).any():
            sys.exit(f"{args.scores} holds the scores of another corpus")
        scores, bare_scores, mean_scores = saved["scores"], saved["bare"], saved["mean"]
        oof_reply = saved["reply"]
    if args.oof:
        best = 2 * scores - oof_reply  # each reply's best clause score, per column
        np.savez(args.oof, scores=scores, rules=rules, gold=gold, groups=groups,
                 reply=oof_reply, clause_best=best, bare=bare_scores, mean=mean_scores)
    no_entry_scores = mean_scores if NO_ENTRY_READING == "mean" else bare_scores
    th, any_th = choose_thresholds(scores, rules, gold)
    bare_th, bare_any = choose_thresholds(no_entry_scores, rules, gold, NO_ENTRY_CAPS)
    pooled = figures(gold, flagged_all(scores, rules, th, any_th))
    print(f"thresholds {th.tolist()}, any mistake {any_th:.3f}")
    print(f"no entry: thresholds {bare_th.tolist()}, any mistake {bare_any:.3f}")
    print(f"all batches held out, thresholds from the same: {json.dumps(pooled)}")
    per_batch: dict[str, Any] = {}
    nested = np.zeros_like(gold, dtype=bool)
    nested_bare = np.zeros_like(gold, dtype=bool)
    nested_own = {"bare": np.zeros_like(gold, dtype=bool), "mean": np.zeros_like(gold, dtype=bool)}
    for batch in batches:
        here = groups == batch
        other_th, other_any = choose_thresholds(scores[~here], rules[~here], gold[~here])
        nested[here] = flagged_all(scores[here], rules[here], other_th, other_any)
        nested_bare[here] = flagged_all(bare_scores[here], rules[here], other_th, other_any)
        for reading, read in (("bare", bare_scores), ("mean", mean_scores)):
            own_th, own_any = choose_thresholds(
                read[~here], rules[~here], gold[~here], NO_ENTRY_CAPS
            )
            nested_own[reading][here] = flagged_all(read[here], rules[here], own_th, own_any)
        per_batch[batch] = figures(gold[here], nested[here])
        print(f"batch {batch} held out (model and thresholds without it): "
              f"{json.dumps(per_batch[batch])}")
    held = figures(gold, nested)
    print(f"leave-one-batch-out, all batches: {json.dumps(held)}")
    held_bare = figures(gold, nested_bare)
    print(f"leave-one-batch-out, no entry given, the entry's thresholds: {json.dumps(held_bare)}")
    for reading, pred in nested_own.items():
        print(f"leave-one-batch-out, no entry given, read {reading}, thresholds of its own: "
              f"{json.dumps(figures(gold, pred))}")
    held_own = figures(gold, nested_own[NO_ENTRY_READING])
    final_clause = fit(feats, labels)
    final_reply = fit(reply_feats, gold_any)
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    data = {
        "kinds": [str(k) for k in KINDS],
        "threshold": [float(t) for t in th],
        "any_threshold": any_th,
        "no_entry": {
            "reading": NO_ENTRY_READING,
            "threshold": [float(t) for t in bare_th],
            "any_threshold": bare_any,
        },
        "blocks": dict(BLOCKS),
        "meta": {
            "corpus": [p.name for p in paths],
            "corpus_sha256": digest.hexdigest(),
            "replies": len(rows),
            "clauses": len(feats),
            "C": args.c,
            "class_weight": "balanced",
            "max_kind_flagged": MAX_KIND_FLAGGED,
            "max_good_flagged": MAX_GOOD_FLAGGED,
            "leave_one_batch_out": held,
            "leave_one_batch_out_per_batch": per_batch,
            "leave_one_batch_out_no_entry": held_own,
            "leave_one_batch_out_no_entry_entry_thresholds": held_bare,
            "no_entry_caps": list(NO_ENTRY_CAPS),
            "held_out_thresholds_pooled": pooled,
        },
        "clause": as_json(final_clause),
        "reply": as_json(final_reply),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
