"""Rebuild the understanding model from the corpus (reproducible: fixed seeds), and evaluate it.

    .venv/bin/python scripts/build_understanding.py              # train on every batch, write model
    .venv/bin/python scripts/build_understanding.py --evaluate   # leave-one-batch-out figures only
    .venv/bin/python scripts/build_understanding.py --evaluate-lean  # the crisis head, left out

Needs the build extra (pip install -e '.[build]'): scikit-learn and scipy are used here only; the
dialog reads the exported weights with numpy (dialogs/model.py).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dialogs.features import DIM, PROMPTS, VOCABULARY_DIM, hashed, word_indices  # noqa: E402
from dialogs.model import MODEL_PATH, Model, load_from, save  # noqa: E402

CORPUS = ROOT / "dialogs" / "understanding" / "corpus"
LISTS = ROOT / "dialogs" / "locale" / "en-us"
SEED = 9
EMOTIONS = ["mad", "sad", "glad", "fear"]
FLAGS = ["private_inline", "sarcasm", "strong", "idiom"]
TOPICS = ["saved", "who_hears", "why", "skip", "other"]
AT = {"mad", "sad", "glad", "fear", "share", "safety_check"}
SAME = {"unclear": "unsure"}  # "unclear" at the safety check is read like "unsure" elsewhere

# ASR-style noise (notes/understanding.md section 3): lowercase, no punctuation, dropped little
# words, homophone swaps, a cut start. Augmented rows keep their source row's batch.
_FUNCTION = {"the", "a", "to", "that", "and", "of", "it", "is", "was", "i", "just", "my"}
_HOMOPHONES = {"their": "there", "there": "their", "won't": "want", "want": "won't", "to": "too",
               "too": "to", "know": "no", "no": "know", "right": "write", "hear": "here",
               "here": "hear", "for": "four", "your": "you're", "you're": "your", "i'd": "i",
               "we're": "were", "it's": "its", "by": "buy", "weak": "week", "one": "won"}


def read_rows(folder: Path) -> list[dict]:
    """Every valid row of every batch file in folder (an invalid row is counted and left out)."""
    rows, bad = [], 0
    for path in sorted(folder.glob("checkin-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                assert isinstance(row["text"], str) and row["text"].strip()
                assert row["at"] in AT and isinstance(row["intent"], str)
            except (ValueError, KeyError, AssertionError, TypeError):
                bad += 1
                continue
            row["batch"] = path.stem.removeprefix("checkin-")
            row["intent"] = SAME.get(row["intent"], row["intent"])
            rows.append(row)
    if bad:
        print(f"left out {bad} invalid rows", file=sys.stderr)
    return rows


def noisy(text: str, rng: random.Random) -> str:
    """One recognizer-like variant of a typed reply."""
    words = "".join(c if c.isalnum() or c in " '" else " " for c in text.lower()).split()
    out = []
    for w in words:
        if w in _FUNCTION and rng.random() < 0.25:
            continue
        out.append(_HOMOPHONES[w] if w in _HOMOPHONES and rng.random() < 0.3 else w)
    if len(out) > 5 and rng.random() < 0.3:
        out = out[rng.randint(1, 2) :]
    return " ".join(out) or text.lower()


def augment(rows: list[dict]) -> list[dict]:
    """The rows plus one noisy copy of each (same labels, same batch)."""
    rng = random.Random(SEED)
    extra = []
    for row in rows:
        variant = noisy(row["text"], rng)
        if variant != row["text"]:
            extra.append({**row, "text": variant, "augmented": True})
    return rows + extra


def _spelled(phrase: str, rng: random.Random) -> str:
    """One way to say a phrasebook phrase: a word of each "a|b", stems without their "*"."""
    return " ".join(rng.choice(w.split("|")).rstrip("*") for w in phrase.split())


def phrasebook_rows(folder: Path = LISTS) -> list[dict]:
    """The crisis head's multilingual rows, from every language's phrasebook (round 30).

    Crisis: each tier-1/2 example and two spellings of every crisis phrase. Not crisis: the calm
    sentences, the idioms, and every wish and feeling phrase and example: short replies in the
    same languages, so that words the head cannot read do not lean to crisis. Each row is placed
    at one of the four questions, as a reply there."""
    rng = random.Random(SEED)
    rows = []
    for kind in ("crisis-words", "wish-words", "feel-words"):
        for path in sorted((folder / kind).glob("*.tsv")):
            crisis = kind == "crisis-words"
            for line in path.read_text(encoding="utf-8").splitlines():
                f = line.split("\t")
                texts: list[tuple[str, bool]] = []
                if f[0] == "ex" and len(f) >= 3:
                    texts.append((f[2], crisis))
                elif f[0] == "calm" and len(f) >= 2:
                    texts.append((f[1], False))
                elif f[0] in ("1", "2", "w", "f") and len(f) >= 3:
                    texts += [(_spelled(ph, rng), crisis) for ph in f[2].split(" | ") for _ in "ab"]
                elif f[0] == "idiom" and len(f) >= 2:
                    texts += [(_spelled(ph, rng), False) for ph in f[1].split(" | ")]
                rows += [{"text": t, "at": rng.choice(EMOTIONS), "crisis": c, "lang": path.stem}
                         for t, c in texts]
    return rows


def _lean_rows(rows: list[dict], lists: list[dict]) -> list[dict]:
    return [{"text": r["text"], "at": r["at"], "crisis": r["intent"] in ("safety", "safety_check"),
             "group": f"batch {r['batch']}"} for r in rows if r["at"] != "safety_check"] + [
        {**r, "group": f"language {r.get('lang')}"} for r in lists]


def _lean_fit(both: list[dict]) -> LogisticRegression:
    clf = LogisticRegression(C=4.0, max_iter=3000, random_state=SEED)
    return clf.fit(matrix(both), [r["crisis"] for r in both])


def _lean(rows: list[dict], lists: list[dict]) -> tuple[np.ndarray, float]:
    """The crisis head: every reply at a question or the share prompt, and the phrasebook rows,
    fitted without class weights (a reply the head cannot read keeps the low prior of crisis:
    weighted, unread words in any language leaned to crisis at about 0.5)."""
    clf = _lean_fit(_lean_rows(rows, lists))
    return clf.coef_[0], float(clf.intercept_[0])


def evaluate_lean(rows: list[dict], folds: int = 5) -> None:
    """The crisis head alone, each fold's batches and languages left out of its training: how
    well it reads crisis in batches and languages it never saw."""
    from dialogs.understand import LEAN

    both = _lean_rows(rows, phrasebook_rows())
    groups = sorted({r["group"] for r in both})
    random.Random(SEED).shuffle(groups)
    fold = {g: k % folds for k, g in enumerate(groups)}
    score = np.zeros(len(both))
    for k in range(folds):
        out = np.array([fold[r["group"]] == k for r in both])
        clf = _lean_fit([r for r, o in zip(both, out, strict=True) if not o])
        score[out] = clf.predict_proba(matrix(r for r, o in zip(both, out, strict=True) if o))[
            :, list(clf.classes_).index(True)]
    crisis = np.array([r["crisis"] for r in both])
    for name, part in (("corpus batches", "batch"), ("phrasebook languages", "language")):
        m = np.array([r["group"].startswith(part) for r in both])
        for t in (0.5, LEAN):
            print(f"{name} left out, lean >= {t}: crisis {np.mean(score[m & crisis] >= t):.1%} "
                  f"of {int(np.sum(m & crisis))}, other {np.mean(score[m & ~crisis] >= t):.1%} "
                  f"of {int(np.sum(m & ~crisis))}")


def matrix(rows: Iterable[dict]) -> csr_matrix:
    """Hashed binary features, each row scaled to unit length (as dialogs/model.py does)."""
    data, cols, ptr = [], [], [0]
    for row in rows:
        idx = hashed(row["text"], row["at"])
        cols.extend(idx)
        data.extend([1.0 / np.sqrt(max(1, len(idx)))] * len(idx))
        ptr.append(len(cols))
    return csr_matrix((data, cols, ptr), shape=(len(ptr) - 1, DIM), dtype=np.float64)


WEIGHT_POWER = 0.5
"""Each class weighs (rows / (classes x its rows)) ** WEIGHT_POWER: 1.0 is sklearn's "balanced",
which made a feeling row weigh a fifth of a crisis row, so four crisis rows saying "looking forward
to it" outvoted every plain "I am looking forward to Sunday" (read as safety at 0.88). Round 16,
each round's corpus at its freeze retrained and read on the set written after it (v12-v15): every
crisis still answered, fewer needless safety checks (see README)."""


def _fit(x: csr_matrix, y: list[str], c: float) -> LogisticRegression:
    counts = Counter(y)
    weight = {k: (len(y) / (len(counts) * n)) ** WEIGHT_POWER for k, n in counts.items()}
    clf = LogisticRegression(C=c, max_iter=3000, class_weight=weight, random_state=SEED)
    return clf.fit(x, y)


def _binary(x: csr_matrix, y: list[bool]) -> tuple[np.ndarray, float]:
    if len(set(y)) < 2:  # a flag nobody used: never fires
        return np.zeros(DIM), -10.0
    clf = _fit(x, [str(v) for v in y], 4.0)
    sign = 1.0 if clf.classes_[1] == "True" else -1.0
    return sign * clf.coef_[0], float(sign * clf.intercept_[0])


def train(rows: list[dict], lists: list[dict] | None = None) -> Model:
    """Fit every head on the rows (the crisis head on the phrasebook's rows too); the model as
    dialogs/model.py reads it."""
    x = matrix(rows)
    intents = sorted({r["intent"] for r in rows})
    clf = _fit(x, [r["intent"] for r in rows], 8.0)
    assert list(clf.classes_) == intents
    cols, bias = [clf.coef_.T], [clf.intercept_]
    feel = [k for k, r in enumerate(rows) if r["intent"] == "feeling"]
    for e in EMOTIONS:
        w, b = _binary(x[feel], [e in (rows[k].get("emotions") or []) for k in feel])
        cols.append(w[:, None])
        bias.append(np.array([b]))
    at_q = [k for k, r in enumerate(rows) if PROMPTS[r["at"]] == "emotion"]
    for f in FLAGS:
        w, b = _binary(x[at_q], [bool(rows[k].get(f)) for k in at_q])
        cols.append(w[:, None])
        bias.append(np.array([b]))
    qs = [k for k, r in enumerate(rows) if r["intent"] == "question"]
    topics = [rows[k].get("question_topic") or "other" for k in qs]
    topic_w = np.zeros((DIM, len(TOPICS)))
    topic_b = np.zeros(len(TOPICS))
    if len(set(topics)) > 1:
        tclf = _fit(x[qs], topics, 4.0)
        for j, name in enumerate(tclf.classes_):
            if name in TOPICS:
                topic_w[:, TOPICS.index(name)] = tclf.coef_[j] if len(tclf.classes_) > 2 else (
                    tclf.coef_[0] * (1 if j == 1 else -1))
                topic_b[TOPICS.index(name)] = tclf.intercept_[j] if len(tclf.classes_) > 2 else 0
    cols.append(topic_w)
    bias.append(topic_b)
    w, b = _lean(rows, phrasebook_rows() if lists is None else lists)
    cols.append(w[:, None])
    bias.append(np.array([b]))
    allowed: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        allowed[PROMPTS[r["at"]]].add(r["intent"])
    heads = {"intent": intents, "emotion": EMOTIONS, "flag": FLAGS, "topic": TOPICS,
             "lean": ["crisis"]}
    meta = {"rows": sum(1 for r in rows if not r.get("augmented")), "with_augmented": len(rows),
            "batches": dict(Counter(r["batch"] for r in rows if not r.get("augmented"))),
            "seed": SEED}
    weights = np.hstack(cols).astype(np.float32)
    seen = np.zeros(VOCABULARY_DIM, dtype=bool)
    for r in rows:
        seen[word_indices(r["text"])] = True
    return Model(weights, np.concatenate(bias).astype(np.float32), heads,
                 {k: sorted(v) for k, v in allowed.items()}, meta, seen)


def _export(model: Model, path: Path) -> None:
    save(path, model.weights, model.bias, model.heads, model.allowed, model.meta, model.seen)


def evaluate(rows: list[dict], misses: Path | None = None, folds: Path | None = None) -> None:
    """Leave one batch out: train on the others (with their augmented rows), test on its rows.

    Each held-out row is read by the whole reader (crisis rules + model + feeling words), exactly
    as the dialog reads it (dialogs/understand.py).
    """
    from dialogs.understand import Intent, understand

    batches = sorted({r["batch"] for r in rows})
    lists = phrasebook_rows()
    per: dict[str, Counter[str]] = defaultdict(Counter)
    crisis_hit = crisis_n = tier_ok = idiom_alarm = idiom_n = emo_ok = emo_n = 0
    wrong = []
    crisis = {Intent.SAFETY, Intent.SAFETY_CHECK}
    for held in batches:
        cached = folds / f"fold-{held}.npz" if folds is not None else None
        if cached is not None and cached.exists():
            m = load_from(cached)
        else:
            m = train(augment([r for r in rows if r["batch"] != held]), lists)
            if cached is not None:
                _export(m, cached)
        for r in (r for r in rows if r["batch"] == held):
            got = understand(r["text"], r["at"], using=m)
            gold = r["intent"]
            name = str(got.intent)
            per[gold]["n"] += 1
            per[name]["predicted"] += 1
            per[gold]["hit"] += name == gold
            if name != gold:
                wrong.append(f"{held}\t{r['at']}\t{gold}\t{name}\t{got.confidence:.2f}\t{r['text']}")
            if gold in ("safety", "safety_check"):
                crisis_n += 1
                crisis_hit += got.intent in crisis
                tier_ok += name == gold
            if r.get("idiom"):
                idiom_n += 1
                idiom_alarm += got.intent in crisis
            if gold == "feeling" and r.get("emotions") and got.emotions:
                emo_n += 1
                emo_ok += str(got.emotions[0]) in r["emotions"]
    print(f"leave-one-batch-out over batches {', '.join(batches)} ({len(rows)} rows)")
    print(f"{'intent':<14}{'rows':>6}{'recall':>9}{'precision':>11}")
    for name in sorted(per):
        c = per[name]
        if not c["n"]:
            continue
        prec = c["hit"] / c["predicted"] if c["predicted"] else 0.0
        print(f"{name:<14}{c['n']:>6}{c['hit'] / c['n']:>9.1%}{prec:>11.1%}")
    total = sum(c["n"] for c in per.values())
    print(f"{'all':<14}{total:>6}{sum(c['hit'] for c in per.values()) / max(1, total):>9.1%}")
    print(f"read as unclear (a plain reply): {per['unclear']['predicted']}")
    print(f"crisis answered with safety or safety_check: {crisis_hit}/{crisis_n} "
          f"(right tier {tier_ok})")
    print(f"idioms alarmed: {idiom_alarm}/{idiom_n}")
    print(f"first emotion among the labelled ones: {emo_ok}/{emo_n}")
    if misses is not None:
        misses.write_text("\n".join(wrong) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of checkin-*.jsonl")
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="model file to write")
    parser.add_argument("--evaluate", action="store_true", help="grouped figures, no model written")
    parser.add_argument("--misses", type=Path, help="with --evaluate: write the misread rows here")
    parser.add_argument("--evaluate-lean", action="store_true",
                        help="the crisis head alone, batches and languages left out by fold")
    parser.add_argument("--folds", type=Path,
                        help="with --evaluate: keep (and reuse) the fold models in this folder")
    args = parser.parse_args()
    rows = read_rows(args.corpus)
    if not rows:
        sys.exit(f"no corpus rows in {args.corpus}")
    if args.evaluate:
        evaluate(rows, args.misses, args.folds)
        return
    if args.evaluate_lean:
        evaluate_lean(augment(rows))
        return
    model = train(augment(rows))
    _export(model, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB) from {model.meta}")


if __name__ == "__main__":
    main()
