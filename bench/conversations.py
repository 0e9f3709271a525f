"""Play whole conversations through `heartline checkin` and count what a careful listener would.

    .venv/bin/python bench/conversations.py tests/data/shared/checkins-dev.json
    .venv/bin/python bench/conversations.py FILE --audio     # replies spoken by flite voices

FILE is in the dev-set format (tests/data/shared/checkins-dev.json): conversations of replies,
each with an `expect` (empathy, empathy_positive, no_empathy, nudge, next_question,
same_question, closing_saved, safety, safety_check, answer, private_kept, hold, any) and an
optional per-conversation "shared": true|false. Counts: expectations met by kind, sentences said
twice in one check-in, forbidden phrases, crisis answered, crisis answers never shared.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dialogs.locale import load  # noqa: E402
from voice.audio import wav_bytes  # noqa: E402
from voice.flite import conversation  # noqa: E402

HELP = ("988", "emergency", "crisis", "helpline", "hotline", "911", "112", "samaritans", "lifeline")
HARD_WORDS = ("sucks", "sorry", "hard", "frustrat", "painful", "rough")
VOICES = ("slt", "rms", "awb")
"""flite voices taken in turn, one per conversation (kal, an 8 kHz diphone voice, is heard far worse
by PocketSphinx than any person: pick it with --voices kal to see how much)."""
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def run(cmd: list[str], conv: dict[str, Any], db: Path, name: str, audio: bool,
        work: Path, voice: str = VOICES[0]) -> list[dict[str, Any]]:
    """Every JSON event of one conversation played through the real CLI."""
    replies = [r["text"] for r in conv["replies"]]
    args = [*cmd, "checkin", "--json", "--as", name, "--db", str(db)]
    if audio:
        wav = _speak(replies, work / f"{name}.wav", voice)
        out = subprocess.run([*args, "--audio", str(wav), "--no-speak"], capture_output=True,
                             text=True, timeout=900)
    else:
        out = subprocess.run([*args, "--text"], input="".join(r + "\n" for r in replies),
                             capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        print(f"{conv['name']}: exit {out.returncode}: {out.stderr.strip()[-200:]}")
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


GAP_S = 4.0
"""Silence between two recorded replies: longer than the longest end-of-turn wait (3 s)."""


def _speak(replies: list[str], out: Path, voice: str) -> Path:
    # A speaker waits while Heartline answers and asks the next question (3-5 s); a gap under
    # the 3 s that an unfinished clause is given would join two answers into one.
    out.write_bytes(wav_bytes(conversation(replies, voice, GAP_S)))
    return out


def turns(events: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The assistant's events after each user reply, in order."""
    out: list[list[dict[str, Any]]] = []
    for ev in events:
        if ev.get("role") == "user":
            out.append([])
        elif out and ev.get("role") == "assistant":
            out[-1].append(ev)
    return out


def meets(expect: str, rep: dict[str, Any], after: list[dict[str, Any]], asked: str | None,
          questions: dict[str, str]) -> bool:
    """The dev driver's rule for one expectation, plus issue 9's new ones."""
    acts = [e["act"] for e in after]
    texts = " ".join(e["text"] for e in after).lower()
    qs = [e for e in after if e["act"] == "question"]
    listening = any(e.get("listening") for e in after)
    emotion = rep.get("emotion") or asked
    if expect == "empathy":
        return "empathy" in acts and not any(w in texts for w in ("wonderful", "great to hear"))
    if expect == "empathy_positive":
        emp = " ".join(e["text"] for e in after if e["act"] == "empathy").lower()
        return "empathy" in acts and not any(w in emp for w in HARD_WORDS)
    if expect == "no_empathy":
        return "empathy" not in acts and "nudge" not in acts
    if expect == "nudge":
        return "nudge" in acts and all(q.get("emotion") == emotion for q in qs)
    if expect == "next_question":
        return "empathy" not in acts and (not listening or "share_prompt" in acts or any(
            q.get("emotion") not in (emotion, None) for q in qs))
    if expect == "same_question":
        again = qs + [e for e in after if e["act"] == "reprompt"]
        return "empathy" not in acts and any(q.get("emotion") == emotion for q in again)
    if expect == "closing_saved":
        return "closing" in acts
    if expect == "safety":
        saf = " ".join(e["text"] for e in after if e["act"] == "safety").lower()
        return "safety" in acts and any(h in saf for h in HELP) and "empathy" not in acts
    if expect == "safety_check":
        return acts == ["safety_check"] and listening
    if expect == "answer":
        question = questions.get(emotion or "", "\0").lower()
        asked_again = any(e["act"] in ("question", "share_prompt") and e.get("listening")
                          for e in after)
        return "answer" in acts and asked_again and (emotion is None or question in texts
                                                     or "share_prompt" in acts)
    if expect == "hold":
        return acts == ["hold"] and listening
    return True  # "any"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="conversations in the dev-set format")
    parser.add_argument("--audio", action="store_true", help="speak the replies with flite")
    parser.add_argument("--heartline", default=f"{sys.executable} -m heartline",
                        help="the command to run (split on spaces)")
    parser.add_argument("--verbose", action="store_true", help="print every unmet expectation")
    parser.add_argument("--voices", default=",".join(VOICES),
                        help="flite voices taken in turn, one per conversation (with --audio)")
    args = parser.parse_args()
    try:
        data = json.loads(args.file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        sys.exit(f"cannot read {args.file}: {err}")
    lang = load()
    extra = data.get("forbidden_in_assistant", [])
    forbidden = [f.lower() for f in (*lang.voc("forbidden"), *extra)]
    questions = {e: lang.phrases.first(f"question.{e}") for e in ("mad", "sad", "glad", "fear")}
    asked_again = {q.lower() for q in questions.values()}
    asked_again.add(lang.phrases.first("share_prompt").lower())
    met: Counter[str] = Counter()
    total: Counter[str] = Counter()
    c: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db = work / "bench.db"
        for k, conv in enumerate(data["conversations"]):
            name = f"bench{k}"
            voices = args.voices.split(",")
            events = run(args.heartline.split(), conv, db, name, args.audio, work,
                         voices[k % len(voices)])
            c["conversations"] += 1
            said = [e for e in events if e.get("role") == "assistant"]
            sentences = [s.strip().lower() for e in said for s in _SENTENCE.split(e["text"])]
            counts = Counter(sentences)
            repeats = sum(n - 1 for s, n in counts.items() if n > 1 and s not in asked_again)
            c["repeated sentences"] += repeats
            if repeats and args.verbose:
                print(f"  {conv['name']}: said twice: "
                      f"{[s for s, n in counts.items() if n > 1 and s not in asked_again]}")
            c["check-ins with a repeated sentence"] += repeats > 0
            for e in said:
                low = e["text"].lower()
                c["forbidden phrases"] += sum(f in low for f in forbidden)
            asked: str | None = None
            replies = conv["replies"]
            got = turns(events)
            if args.audio:
                # Spoken, "let me think" is no turn of its own: the end-of-turn rule waits (no
                # act) and leaves the words out of the answer that follows. The wait held when
                # the replies after it still line up with the turns.
                holds = [r for r in replies if r.get("expect") == "hold"]
                replies = [r for r in replies if r.get("expect") != "hold"]
                total["hold"] += len(holds)
                heard = [e for e in events if e.get("role") == "user" and e.get("text")]
                met["hold"] += len(holds) * (len(heard) <= len(replies))
            for i, (rep, after) in enumerate(zip(replies, got, strict=False)):
                exp = rep.get("expect", "any")
                ok = meets(exp, rep, after, asked, questions)
                ok = ok and not any(b in " ".join(e["text"] for e in after).lower()
                                    for b in rep.get("reflect_not", []))
                if exp in ("safety", "safety_check"):
                    c["crisis replies"] += 1
                    c["crisis answered"] += any(e["act"] in ("safety", "safety_check")
                                                for e in after)
                if exp == "private_kept":
                    continue  # judged on the stored entries below
                total[exp] += 1
                met[exp] += ok
                if not ok and args.verbose:
                    print(f"  {conv['name']}#{i} expect {exp}: {rep['text']!r} -> "
                          f"{[(e['act'], e['text'][:60]) for e in after]}")
                for e in after:
                    if e["act"] in ("question", "nudge", "reprompt", "hold") and e.get("listening"):
                        asked = e.get("emotion") or asked
            entries = _entries(args.heartline.split(), db, name)
            c["crisis answers shared"] += sum(
                1 for r in entries if r["kind"] in ("safety", "safety_check") and r["shared"])
            for i, rep in enumerate(conv["replies"]):
                if rep.get("expect") == "private_kept":
                    total["private_kept"] += 1
                    kept = _kept_private(entries, conv["replies"], i)
                    met["private_kept"] += kept
                    if not kept and args.verbose:
                        print(f"  {conv['name']}#{i} expect private_kept: {rep['text']!r}")
            if "shared" in conv:
                total["shared as decided"] += 1
                any_shared = any(r["shared"] for r in entries)
                shareable = any(r["kind"] in ("feeling", "outer") and not r["private"]
                                for r in entries)
                as_said = (any_shared == conv["shared"]) or (conv["shared"] and not shareable)
                met["shared as decided"] += as_said
                if not as_said and args.verbose:
                    heard = [e["text"] for e in events if e.get("role") == "user"]
                    print(f"  {conv['name']}: shared {any_shared}, said {conv['shared']}; "
                          f"heard {heard}")
    print(f"{args.file} ({'audio, flite ' + args.voices if args.audio else 'text'}): "
          f"{c['conversations']} conversations")
    print(f"{'expectation':<22}{'met':>6}{'of':>6}{'rate':>9}")
    for exp in sorted(total):
        print(f"{exp:<22}{met[exp]:>6}{total[exp]:>6}{met[exp] / max(1, total[exp]):>9.1%}")
    print(f"{'all':<22}{sum(met.values()):>6}{sum(total.values()):>6}"
          f"{sum(met.values()) / max(1, sum(total.values())):>9.1%}")
    for key in ("crisis answered", "crisis replies", "crisis answers shared", "repeated sentences",
                "check-ins with a repeated sentence", "forbidden phrases"):
        print(f"{key + ':':<36}{c[key]}")


def _entries(cmd: list[str], db: Path, name: str) -> list[dict[str, Any]]:
    out = subprocess.run([*cmd, "entries", "--as", name, "--db", str(db), "--json"],
                         capture_output=True, text=True)
    try:
        rows = json.loads(out.stdout)
    except ValueError:
        return []
    return rows if isinstance(rows, list) else list(rows.get("entries", []))


def _kept_private(entries: list[dict[str, Any]], replies: list[dict[str, Any]], i: int) -> bool:
    """The answer holding reply i (or, for a "keep that private" command, the one before).

    Entries are found by their words, not their exact text: spoken, the stored text is what the
    recognizer heard (lower case, no punctuation, a word or two misheard)."""
    for k in (i, i - 1):
        if k < 0:
            continue
        said = _words(replies[k]["text"])
        mine = [r for r in entries
                if said and len(said & _words(str(r.get("text", "")))) >= 0.6 * len(said)]
        if mine:
            return all(r["private"] for r in mine)
    return False


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9']+", text.lower()))

if __name__ == "__main__":
    main()
