"""Validate a held-out check-in folder: python3 validate.py FOLDER"""
import json, sys
from collections import Counter
from pathlib import Path

folder = Path(sys.argv[1])
problems = []
AT = {"mad", "sad", "glad", "fear", "share", "safety_check"}
INTENTS = {"feeling", "outer", "nothing", "unsure", "skip", "repeat", "hold", "stop", "private",
           "question", "safety", "safety_check", "yes", "no", "unclear"}
STYLES = {"typed", "terse", "rambling", "asr", "typos", "slang", "formal", "hedged",
          "second_person", "profanity"}
WANT = {"feeling": 85, "outer": 10, "nothing": 8, "unsure": 8, "skip": 20, "repeat": 20, "hold": 8,
        "stop": 20, "private": 20, "question": 20, "safety": 20, "safety_check": 15, "yes": 24,
        "no": 25, "unclear": 3}
rows = []
for n, line in enumerate((folder / "checkin-single.jsonl").read_text().splitlines(), 1):
    if not line.strip():
        problems.append(f"line {n}: empty"); continue
    try:
        r = json.loads(line)
    except ValueError as e:
        problems.append(f"line {n}: {e}"); continue
    rows.append(r)
    keys = {"text", "at", "intent", "emotions", "feeling_word", "strong", "private_inline", "idiom",
            "sarcasm", "question_topic", "style", "batch"}
    if set(r) != keys:
        problems.append(f"line {n}: keys {sorted(set(r) ^ keys)}")
    if r.get("at") not in AT: problems.append(f"line {n}: at {r.get('at')}")
    if r.get("intent") not in INTENTS: problems.append(f"line {n}: intent {r.get('intent')}")
    if r.get("style") not in STYLES: problems.append(f"line {n}: style {r.get('style')}")
    if not set(r.get("emotions", [])) <= {"mad", "sad", "glad", "fear"}:
        problems.append(f"line {n}: emotions")
    if r.get("intent") == "question" and r.get("question_topic") not in {"saved", "who_hears", "why", "skip", "other"}:
        problems.append(f"line {n}: question_topic")
    if r.get("intent") != "question" and r.get("question_topic") is not None:
        problems.append(f"line {n}: question_topic on a non-question")
    if r.get("intent") in {"yes", "no"} and r.get("at") not in {"share", "safety_check"}:
        problems.append(f"line {n}: yes/no only at share or safety_check")
    if r.get("intent") == "unclear" and r.get("at") != "safety_check":
        problems.append(f"line {n}: unclear only at safety_check")
    if r.get("batch") != "heldout": problems.append(f"line {n}: batch")
    for k in ("strong", "private_inline", "idiom", "sarcasm"):
        if not isinstance(r.get(k), bool): problems.append(f"line {n}: {k} not bool")
count = Counter(r.get("intent") for r in rows)
if len(rows) != 306: problems.append(f"{len(rows)} rows, want 306")
for k, v in WANT.items():
    if count[k] != v: problems.append(f"intent {k}: {count[k]}, want {v}")
texts = Counter(r.get("text", "").strip().lower() for r in rows)
for t, c in texts.items():
    if c > 1: problems.append(f"repeated text: {t!r}")
if sum(r.get("style") == "asr" for r in rows) < 0.4 * len(rows): problems.append("under 40% asr")
feel = [r for r in rows if r.get("intent") == "feeling"]
if sum(r["idiom"] for r in feel) < 12: problems.append("fewer than 12 idiom rows")
if sum(r["sarcasm"] for r in feel) < 6: problems.append("fewer than 6 sarcasm rows")
if sum(len(r["emotions"]) >= 2 for r in feel) < 10: problems.append("fewer than 10 mixed rows")
if sum(r["private_inline"] for r in feel) < 10: problems.append("fewer than 10 private_inline rows")

EXPECT = {"empathy", "empathy_positive", "no_empathy", "nudge", "next_question", "same_question",
          "answer", "private_kept", "hold", "safety", "safety_check", "closing_saved", "any"}
SAME = {"nudge", "same_question", "answer", "private_kept", "hold"}
ORDER = ["mad", "sad", "glad", "fear"]
d = json.loads((folder / "checkin-conversations.json").read_text())
convs = d.get("conversations", [])
if len(convs) != 20: problems.append(f"{len(convs)} conversations, want 20")
names = Counter(c.get("name") for c in convs)
for nm, c in names.items():
    if c > 1: problems.append(f"conversation name twice: {nm}")
kinds = Counter()
for c in convs:
    nm = c.get("name")
    if not isinstance(c.get("shared"), bool): problems.append(f"{nm}: shared not bool")
    reps = c.get("replies", [])
    for i, r in enumerate(reps):
        e = r.get("expect")
        kinds[e] += 1
        if e not in EXPECT: problems.append(f"{nm}#{i}: expect {e}")
        if not isinstance(r.get("text"), str) or not r["text"].strip(): problems.append(f"{nm}#{i}: text")
        em = r.get("emotion")
        if em is not None and em not in ORDER: problems.append(f"{nm}#{i}: emotion {em}")
        if i + 1 < len(reps):
            nxt = reps[i + 1]
            if e in SAME and em and nxt.get("emotion") != em:
                problems.append(f"{nm}#{i}: after {e} the next reply should answer {em}, not {nxt.get('emotion')}")
            if e in {"empathy", "empathy_positive", "no_empathy", "next_question"} and em in ORDER[:-1]:
                want = ORDER[ORDER.index(em) + 1]
                if nxt.get("emotion") not in (want,):
                    problems.append(f"{nm}#{i}: after {e} at {em} the next reply should answer {want}")
for k, least in {"safety": 2, "safety_check": 2, "closing_saved": 3, "private_kept": 3,
                 "answer": 3, "hold": 2, "same_question": 2, "nudge": 2}.items():
    if kinds[k] < least: problems.append(f"conversations: {kinds[k]} {k}, want at least {least}")
print("\n".join(problems) if problems else "OK")
print(dict(count), dict(kinds))
