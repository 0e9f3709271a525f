"""Check the wish lists in /work/wishwords against the shipped ones.

    /work/main/.venv/bin/python /work/briefs/wish_check.py [CODE ...]

1. every `ex` line of the named files (all when none named) is read as its wish (phrasebook.wish);
2. every `calm` line of every file is read as no wish;
3. a corpus reply NOT labelled with a wish that the new lists read as one when the shipped lists did
   not is a NEW FALSE WISH (fix it); corpus wishes newly read are counted (good).
"""
import json, sys
from pathlib import Path
sys.path.insert(0, "/work/main")
from dialogs import phrasebook as pb  # noqa: E402

NEW, OLD = "/work/wishwords", "/work/main/dialogs/locale/en-us/wish-words"
WISH = {"stop": "stop", "skip": "skip", "repeat": "repeat", "private": "private", "hold": "hold",
        "yes": "yes", "no": "no", "who_hears": "question", "saved": "question", "why": "question"}
codes = set(sys.argv[1:])
problems = []
for lang in pb.languages(NEW):
    if codes and lang.code not in codes:
        continue
    for concept, s in lang.examples:
        got = pb.wish(s, NEW)
        if got != concept:
            problems.append(f"{lang.code}: example read as {got}: {concept}\t{s}")
    for s in lang.calm:
        got = pb.wish(s, NEW)
        if got is not None:
            problems.append(f"{lang.code}: calm line read as {got}: {s!r}")
new_false, newly = [], 0
for path in sorted(Path("/work/main/dialogs/understanding/corpus").glob("checkin-*.jsonl")):
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        got = pb.wish(r["text"], NEW)
        if got is None:
            continue
        old = pb.wish(r["text"], OLD)
        if WISH.get(got) == r["intent"]:
            newly += old != got
        elif old != got:
            hits = [(h.lang, h.concept, h.said) for h in pb.find(r["text"], NEW) if h.kind == "w"]
            new_false.append(f"NEW FALSE WISH {got} ({r['intent']} at {r['at']}): {r['text']!r} -> {hits}")
print("\n".join(problems + new_false) or "OK")
print(f"{len(problems)} problems, {len(new_false)} new false wishes on the corpus, {newly} corpus "
      "wishes newly read")
