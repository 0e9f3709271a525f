"""Check the feeling word lists in /work/feelwords.

    /work/main/.venv/bin/python /work/briefs/feel_check.py [CODE ...]

1. every file parses, every phrase is well formed, and each has all four feelings (mad, sad, glad,
   fear) and at least one `neg` line;
2. every `ex` line of the named files (all files when none named) is caught with its feeling by
   its own language;
3. every `calm` line of every file finds no feeling in any file;
4. on the training corpus (mostly English, with many other languages): a reply whose feeling a list
   finds, where the reply is NOT labelled with that feeling (an event told, a wish, a question, a
   crisis, or another feeling), is a FALSE HIT: make the phrase stricter or add an `idiom` or `neg`.
   Replies labelled with the feeling found are counted as caught (good). Crisis replies, questions
   back and sarcasm are read before feelings are, and are not counted.
"""
import json, sys
from pathlib import Path
sys.path.insert(0, "/work/main")
from dialogs import phrasebook as pb  # noqa: E402

NEW = "/work/feelwords"
FEELINGS = {"mad", "sad", "glad", "fear"}
codes = set(sys.argv[1:])
problems = []
langs = pb.languages(NEW)
for lang in langs:
    for p in lang.phrases:
        try:
            pb.check_phrase(p)
        except ValueError as e:
            problems.append(str(e))
        if p.kind != "f" and p.kind != "idiom":
            problems.append(f"{lang.code}: only f, idiom, neg, ex and calm lines belong here")
        if p.kind == "f" and p.concept not in FEELINGS:
            problems.append(f"{lang.code}: unknown feeling {p.concept!r}")
    if codes and lang.code not in codes:
        continue
    have = {p.concept for p in lang.phrases if p.kind == "f"}
    if have != FEELINGS:
        problems.append(f"{lang.code}: feelings missing: {sorted(FEELINGS - have)}")
    if not lang.neg:
        problems.append(f"{lang.code}: no neg line")
    for concept, s in lang.examples:
        hits = [h for h in pb.find(s, NEW) if h.lang == lang.code and h.kind == "f"]
        if not any(h.concept == concept for h in hits):
            problems.append(f"{lang.code}: example not caught: {concept}\t{s}")
for lang in langs:
    for s in lang.calm:
        hits = [h for h in pb.find(s, NEW) if h.kind == "f"]
        if hits:
            problems.append(f"{lang.code}: calm line finds a feeling: {s!r} -> "
                            f"{[(h.lang, h.concept, h.said) for h in hits]}")
false_hits, caught = [], 0
for path in sorted(Path("/work/main/dialogs/understanding/corpus").glob("checkin-*.jsonl")):
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        if r["intent"] in ("safety", "safety_check", "question") or r.get("sarcasm"):
            continue  # read before feelings are: crisis, questions back and sarcasm
        hits = [h for h in pb.find(r["text"], NEW) if h.kind == "f"]
        if codes:
            hits = [h for h in hits if h.lang in codes]
        if not hits:
            continue
        felt = set(r.get("emotions") or []) if r["intent"] in ("feeling", "private") else set()
        wrong = [(h.lang, h.concept, h.said) for h in hits if h.concept not in felt]
        if wrong:
            false_hits.append(f"FALSE HIT ({r['intent']} {sorted(felt)}): {r['text']!r} -> {wrong}")
        else:
            caught += 1
print("\n".join(problems + false_hits) or "OK")
print(f"{len(problems)} problems, {len(false_hits)} false hits on the corpus, {caught} corpus "
      "feelings caught")
