"""Check the coach's mistake patterns in other languages (all seven kinds; a missing file is fine).

    /work/main/.venv/bin/python /work/briefs/coachrx_check.py [FOLDER]

Files: coach-fixing.rx, coach-minimizing.rx, coach-dismissing.rx, coach-about-me.rx (one regular
expression per line, "#" comments), and examples.tsv (lines "KIND<TAB>sentence" that must be caught
as KIND, and "calm<TAB>sentence" that no pattern may catch). Each pattern runs on one clause of the
listener's reply, lower-cased (accents kept), as the coach cuts them.
1. every pattern compiles;
2. every example is caught by its kind's file; no calm line by any;
3. no GOOD reply of the coach's training corpus (corpus/coach/*.jsonl, ok true) is caught: a hit is
   a FALSE FLAG, make the pattern stricter;
4. mistaken replies caught are counted, with their labelled kinds (a hit on a reply whose kinds do
   not include the file's kind is reported as OTHER KIND: fine when the reply holds that mistake
   too, else make the pattern stricter).
"""
import json, re, sys
from pathlib import Path
sys.path.insert(0, "/work/main")
from dialogs.coach_features import clauses  # noqa: E402

D = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/coachrx")
KINDS = {"fixing": "coach-fixing.rx", "minimizing": "coach-minimizing.rx",
         "dismissing": "coach-dismissing.rx", "about_me": "coach-about-me.rx",
         "hijacking": "coach-hijacking.rx", "problem_solving": "coach-problem-solving.rx",
         "i_understand": "coach-understand.rx"}
problems, pats = [], {}
for kind, name in KINDS.items():
    path = D / name
    if not path.exists():
        continue
    pats[kind] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            pats[kind].append(re.compile(line))
        except re.error as e:
            problems.append(f"{name}:{n}: {e}")


def kinds_of(text: str) -> set[str]:
    out = set()
    for start, end in clauses(text):
        low = text[start:end].lower()
        out |= {k for k, ps in pats.items() if any(p.search(low) for p in ps)}
    return out


ex = D / "examples.tsv"
if ex.exists():
    for n, line in enumerate(ex.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, s = line.partition("\t")
        got = kinds_of(s)
        if kind == "calm" and got:
            problems.append(f"examples.tsv:{n}: calm line caught as {sorted(got)}: {s}")
        elif kind != "calm" and kind not in got:
            problems.append(f"examples.tsv:{n}: not caught as {kind}: {s}")
else:
    problems.append("missing examples.tsv")
false, other, caught = [], [], 0
for path in sorted(Path("/work/main/corpus").glob("coach*/*.jsonl")) + sorted(Path("/work").glob("corpus-coach-*/*.jsonl")):
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            r = json.loads(line)
        except ValueError:
            continue
        got = kinds_of(r["reply"])
        if not got:
            continue
        if r["ok"]:
            false.append(f"FALSE FLAG {sorted(got)}: {r['reply']!r}")
            continue
        labelled = {m["kind"] for m in r["mistakes"]}
        if got - labelled:
            other.append(f"OTHER KIND {sorted(got - labelled)} (labelled {sorted(labelled)}): {r['reply']!r}")
        caught += bool(got & labelled)
print("\n".join(problems + false + other) or "OK")
print(f"{len(problems)} problems, {len(false)} false flags on good replies, {len(other)} other-kind "
      f"hits, {caught} corpus mistakes caught with their kind")
