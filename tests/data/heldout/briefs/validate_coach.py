"""python3 validate_coach.py FILE"""
import json, sys
from collections import Counter
KINDS = ["fixing", "i_understand", "hijacking", "problem_solving", "about_me", "minimizing", "dismissing"]
rows, problems = [], []
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    if not line.strip(): problems.append(f"line {n}: empty"); continue
    try: r = json.loads(line)
    except ValueError as e: problems.append(f"line {n}: {e}"); continue
    rows.append(r)
    if set(r) != {"entry", "emotion", "reply", "mistakes", "ok", "batch"}: problems.append(f"line {n}: keys")
    if r.get("emotion") not in {"mad", "sad", "glad", "fear"}: problems.append(f"line {n}: emotion")
    ms = r.get("mistakes", [])
    if r.get("ok") != (not ms): problems.append(f"line {n}: ok must be true exactly when mistakes is empty")
    for m in ms:
        if m.get("kind") not in KINDS: problems.append(f"line {n}: kind {m.get('kind')}")
        if not m.get("span") or m["span"] not in r.get("reply", ""): problems.append(f"line {n}: span not in reply")
    if r.get("batch") != "heldout": problems.append(f"line {n}: batch")
if len(rows) != 180: problems.append(f"{len(rows)} rows, want 180")
bad = [r for r in rows if r.get("mistakes")]
if len(bad) != 105: problems.append(f"{len(bad)} mistaken rows, want 105")
k = Counter(m["kind"] for r in bad for m in r["mistakes"])
for kind in KINDS:
    if k[kind] < 15: problems.append(f"kind {kind}: {k[kind]}, want at least 15")
if sum(len({m['kind'] for m in r['mistakes']}) >= 2 for r in bad) < 8: problems.append("fewer than 8 rows with two kinds")
if sum(r.get("emotion") == "glad" for r in rows) < 30: problems.append("fewer than 30 glad rows")
for t, c in Counter(r.get("reply", "").strip().lower() for r in rows).items():
    if c > 1: problems.append(f"repeated reply {t!r}")
for t, c in Counter(r.get("entry", "").strip().lower() for r in rows).items():
    if c > 2: problems.append(f"entry used {c} times: {t[:40]!r}")
print("\n".join(problems) if problems else "OK"); print(dict(k), len(rows))
