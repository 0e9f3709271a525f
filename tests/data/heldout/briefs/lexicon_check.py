"""Check the crisis word lists in /work/lexicon against the shipped ones.

    /work/main/.venv/bin/python /work/briefs/lexicon_check.py [CODE ...]

1. every `ex` line of the named files (all files when none named) is caught with its tier;
2. every `calm` line of every file stays calm;
3. no reply of the training corpus that is NOT a crisis alarms with the new lists when it did not
   with the shipped ones (these are new false alarms: fix them);
4. crisis replies of the corpus newly caught are counted (good).
"""
import json, sys
from pathlib import Path
sys.path.insert(0, "/work/main")
from dialogs import phrasebook as cw  # noqa: E402

NEW, OLD = "/work/lexicon", "/work/main/dialogs/locale/en-us/crisis-words"
codes = set(sys.argv[1:])
problems = []
langs = cw.languages(NEW)
tiers = {p.concept: int(p.kind) for lang in langs for p in lang.phrases if p.kind in "12"}
for lang in langs:
    if codes and lang.code not in codes:
        continue
    have = {p.concept for p in lang.phrases if p.kind in "12"}
    if len(have) < 12:
        problems.append(f"{lang.code}: only {len(have)} concepts")
    for concept, s in lang.examples:
        hits = [h for h in cw.find(s, NEW) if h.lang == lang.code and h.kind in "12"]
        if not any(h.concept == concept or int(h.kind) <= tiers[concept] for h in hits):
            problems.append(f"{lang.code}: example not caught: {concept}\t{s}")
for lang in langs:
    for s in lang.calm:
        hits = cw.find(s, NEW)
        if hits:
            problems.append(f"{lang.code}: calm line alarms: {s!r} -> {[(h.lang, h.concept, h.said) for h in hits]}")
CRISIS = {"safety", "safety_check"}
new_alarms, newly_caught = [], 0
for path in sorted(Path("/work/main/dialogs/understanding/corpus").glob("checkin-*.jsonl")):
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        if r["at"] == "safety_check":
            continue
        t_new = cw.tier(r["text"], NEW)
        if not t_new:
            continue
        t_old = cw.tier(r["text"], OLD)
        if r["intent"] in CRISIS:
            newly_caught += not t_old
        elif not t_old:
            hits = [(h.lang, h.concept, h.said) for h in cw.find(r["text"], NEW) if h.kind in "12"]
            new_alarms.append(f"NEW FALSE ALARM ({r['intent']}): {r['text']!r} -> {hits}")
print("\n".join(problems + new_alarms) or "OK")
print(f"{len(problems)} problems, {len(new_alarms)} new false alarms on the corpus, "
      f"{newly_caught} corpus crises newly caught")
