"""Both decoders' readings of every short reply, kept to weigh rules on (issue 10, round 9).

Each reply of the chosen lists is spoken by flite's voices (as bench/short_replies.py speaks it)
and decoded once against the invitation grammar; the grammar's words, the checks' evidence and
the open model's readings of the same sound (best first) are written one JSON line per decode,
with the decode's time. ``--rules`` then reads that file and prints, per list and voice, what
the invitation understands under each rule: main's (the checks, the second opinion on replies
turned down) and round 9's (the two decoders must agree in kind on every reply).

Run: .venv/bin/python bench/short_replies_agree.py --out=FILE [--voices=slt,rms]
                                                   [--lists=heldout4,natural4,heldout3,...]
     .venv/bin/python bench/short_replies_agree.py --rules=FILE [--only=TEXT]

``--only`` prints the rules whose name holds TEXT. A dump made with GRAMMAR_PHONE_FLOOR off
(-1e9) is read by every rule: "round 9" without the floor, the later rules with it.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.short_replies import REPLIES, UNRELATED, VOICES  # noqa: E402
from bench.short_replies import _flite as spoken  # noqa: E402
from dialogs.evening import (  # noqa: E402
    Invitation,
    agree,
    classify_invitation,
    heard_reply,
    second_opinion,
)
from dialogs.grammar import is_wake, short_replies  # noqa: E402
from dialogs.text import words  # noqa: E402
from voice.grammar_check import GRAMMAR_PHONE_FLOOR, GrammarCheck  # noqa: E402
from voice.sphinx_engine import SphinxRecognizer  # noqa: E402

DATA = ROOT / "bench" / "data"
_KINDS = {"yes": Invitation.YES, "later": Invitation.LATER, "no": Invitation.NO,
          "invitation": None, "out": Invitation.UNCLEAR}


def _rows(name: str) -> list[tuple[Invitation, str]]:
    """(the answer a reply must be heard as, the reply) for one list."""
    if name == "bench":
        return ([(k, p) for k, ps in REPLIES.items() for p in ps]
                + [(Invitation.UNCLEAR, p) for p in UNRELATED])
    files = {"heldout2": "short-replies-heldout2.txt",
             "natural": "short-replies-heldout2-natural.txt",
             "heldout3": "short-replies-heldout3.txt",
             "natural3": "short-replies-heldout3-natural.txt",
             "heldout4": "short-replies-heldout4.txt",
             "natural4": "short-replies-heldout4-natural.txt",
             "heldout5": "short-replies-heldout5.txt",
             "natural5": "short-replies-heldout5-natural.txt",
             "dev": "short-replies-dev.txt", "dev2": "short-replies-dev2.txt"}
    out = []
    for line in (DATA / files[name]).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, phrase = line.split(" ", 1)
        if kind == "share":
            continue
        want = _KINDS[kind]
        # The development sets' invitation lines are understood when heard as they mean.
        out.append((want if want is not None else classify_invitation(phrase).kind, phrase))
    return out


def dump(out: Path, voices: list[str], lists: list[str]) -> None:
    rec = SphinxRecognizer.load()
    grammar = short_replies("invitation")
    with out.open("a", encoding="utf-8") as f:
        for name in lists:
            for voice in voices:
                for want, phrase in _rows(name):
                    audio = spoken(phrase, voice, Path())
                    stream = rec.stream(grammar)
                    try:
                        started = time.perf_counter()
                        stream.accept(audio.pcm)
                        t = stream.result()
                        wall = time.perf_counter() - started
                        check = stream.last_check
                    finally:
                        stream.close()
                    row = {"list": name, "voice": voice, "want": str(want), "phrase": phrase,
                           "text": t.text, "out_of_grammar": t.out_of_grammar,
                           "said": check.said if check else "",
                           "heard": list(check.heard) if check else [],
                           "covers": check.covers if check else None,
                           "near": check.near if check else None,
                           "margin": check.margin if check else None,
                           "alignment": [list(a) for a in check.alignment] if check else [],
                           "audio_s": t.audio_s, "decode_s": wall}
                    f.write(json.dumps(row) + "\n")
                    f.flush()


def _main_rule(r: dict[str, object], second: bool = True) -> str:
    if r["out_of_grammar"] and r["heard"] and second:
        return second_opinion(str(r["said"]), r["heard"][0])  # type: ignore[index]
    return str(r["text"])


def _round9(r: dict[str, object]) -> str:
    said = str(r["said"])
    heard = list(r["heard"])  # type: ignore[call-overload]
    return heard_reply(said, heard, accepted=not r["out_of_grammar"])


def _round10(r: dict[str, object]) -> str:
    """Round 9 on a dump made with the phone floor off (GRAMMAR_PHONE_FLOOR = -1e9, as the
    round-10 figures were made): a reply the checks took is turned down when a phone of its
    alignment falls below the floor."""
    alignment = tuple(tuple(a) for a in r.get("alignment") or ())  # type: ignore[attr-defined]
    worst = GrammarCheck(True, True, None, alignment=alignment).worst_phone  # type: ignore[arg-type]
    fits = worst is None or worst >= GRAMMAR_PHONE_FLOOR
    heard = list(r["heard"])  # type: ignore[call-overload]
    return heard_reply(str(r["said"]), heard, accepted=not r["out_of_grammar"] and fits)


def _round11(r: dict[str, object]) -> str:
    """As the invitation reads a reply from round 11 (heard_reply with the phone fit), on a dump
    made with the phone floor off."""
    alignment = tuple(tuple(a) for a in r.get("alignment") or ())  # type: ignore[attr-defined]
    worst = GrammarCheck(True, True, None, alignment=alignment).worst_phone  # type: ignore[arg-type]
    heard = list(r["heard"])  # type: ignore[call-overload]
    return heard_reply(str(r["said"]), heard, accepted=_fits(r), phone_fit=worst)


def _fits(r: dict[str, object]) -> bool:
    """Whether the grammar's checks took the reply, the phone floor included (round 10)."""
    alignment = tuple(tuple(a) for a in r.get("alignment") or ())  # type: ignore[attr-defined]
    worst = GrammarCheck(True, True, None, alignment=alignment).worst_phone  # type: ignore[arg-type]
    return not r["out_of_grammar"] and (worst is None or worst >= GRAMMAR_PHONE_FLOOR)


def _ranked(max_words: int, top: int | None,
            joined: bool = False) -> Callable[[dict[str, object]], str]:
    """Round 10, but a reply the grammar heard in at most ``max_words`` words needs one of the
    open model's first ``top`` readings (1: its best alone; None: all) to agree in kind
    (round 11's rules; round 10 is ``_ranked(1, None)``). ``joined``: a reading that is the
    grammar's words spelled apart ("all right" for "alright") agrees too."""
    def rule(r: dict[str, object]) -> str:
        said = str(r["said"])
        heard = list(r["heard"])  # type: ignore[call-overload]
        if not _fits(r):
            return second_opinion(said, heard[0]) if heard else ""
        if len(words(said)) > max_words:
            return said
        return said if any(agree(said, h) or (joined and _joined(said) == _joined(h))
                           for h in heard[:top]) else ""
    return rule


def _joined(text: str) -> str:
    return "".join(words(text))


def _best_holds(r: dict[str, object]) -> str:
    """Round 10, but a one-word reply counts only when the open model's best reading holds the
    grammar's very word (not just a word of the same kind): "sure" read "share" is lost too."""
    said = str(r["said"])
    heard = list(r["heard"])  # type: ignore[call-overload]
    if not _fits(r):
        return second_opinion(said, heard[0]) if heard else ""
    if len(words(said)) > 1:
        return said
    return said if heard and set(words(said)) <= set(words(heard[0])) else ""


RULES = {"main": _main_rule, "main --no-second": lambda r: _main_rule(r, False),
         "round 9 (both agree)": _round9, "round 10 (phone floor)": _round10,
         "round 11 (best backs it, or a good fit)": _round11,
         "round 11: best agrees, 1 word": _ranked(1, 1),
         "round 11: best agrees, up to 2 words": _ranked(2, 1),
         "round 11: best agrees, up to 3 words": _ranked(3, 1),
         "round 11: one of the best 2 agrees, 1 word": _ranked(1, 2),
         "round 11: one of the best 3 agrees, 1 word": _ranked(1, 3),
         "round 11: any agrees, up to 2 words": _ranked(2, None),
         "round 11: any agrees, up to 3 words": _ranked(3, None),
         "round 11: best agrees or is spelled apart, 1 word": _ranked(1, 1, joined=True),
         "round 11: one of the best 3 agrees or is spelled apart, 1 word": _ranked(1, 3, True),
         "round 11: best holds the grammar's word, 1 word": _best_holds}


def _kind(text: str) -> Invitation:
    return Invitation.YES if is_wake(text) else classify_invitation(text).kind


def rules(path: Path, only: str = "") -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for rule, fn in RULES.items():
        if only and only not in rule:
            continue
        print(f"== {rule}")
        table: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for r in rows:
            got = _kind(fn(r))
            cell = table[(r["list"], r["voice"])]
            if r["want"] == "unclear":
                cell[2] += 1
                cell[3] += got is not Invitation.UNCLEAR
            else:
                cell[0] += 1
                cell[1] += got.value == r["want"]
        per_list: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for (name, voice), c in sorted(table.items()):
            print(f"  {name:9s} {voice:6s} understood {c[1]}/{c[0]}  accepted {c[3]}/{c[2]}")
            if voice in VOICES:
                per_list[name] = [a + b for a, b in zip(per_list[name], c, strict=True)]
        for name, c in per_list.items():
            print(f"  {name:9s} all    understood {c[1]}/{c[0]} "
                  f"({100 * c[1] / max(1, c[0]):.1f}%)  accepted {c[3]}/{c[2]} "
                  f"({100 * c[3] / max(1, c[2]):.1f}%)")
    times = [float(r["decode_s"]) for r in rows]
    if times:
        q = statistics.quantiles(times, n=10)
        print(f"decode per reply (grammar + open model, {len(times)} replies): median "
              f"{statistics.median(times):.2f} s, 90th percentile {q[-1]:.2f} s")


def main() -> None:
    args = dict(a[2:].split("=", 1) for a in sys.argv[1:] if a.startswith("--") and "=" in a)
    if "rules" in args:
        rules(Path(args["rules"]), args.get("only", ""))
        return
    voices = args.get("voices", ",".join(VOICES)).split(",")
    lists = args.get("lists", "heldout2,natural,bench,dev,dev2").split(",")
    dump(Path(args["out"]), voices, lists)


if __name__ == "__main__":
    main()
