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
     .venv/bin/python bench/short_replies_agree.py --refill=OLD --out=NEW

``--only`` prints the rules whose name holds TEXT. A dump made with GRAMMAR_PHONE_FLOOR off
(-1e9) is read by every rule: "round 9" without the floor, the later rules with it. ``dump``
turns the floor off itself (round 12).

``--lists`` takes the short names below, or any list file in bench/data by its name without
"short-replies-" and ".txt" (``--lists=heldout6,heldout6-natural``), or a path. Since round 12
each line also keeps the check's ``gain`` (``open_gain``), the open model's segments with their
posteriors, its n-best with scores, its lattice's word links ([word, start s, end s, acoustic
score, posterior]) and both readings forced onto the sound with their silences.
"""

from __future__ import annotations

import itertools
import json
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import voice.grammar_check as checks  # noqa: E402
from bench.short_replies import REPLIES, UNRELATED, VOICES  # noqa: E402
from bench.short_replies import _flite as spoken  # noqa: E402
from dialogs.evening import (  # noqa: E402
    OPEN_GAIN_CEILING,
    Invitation,
    agree,
    classify_invitation,
    heard_reply,
    second_opinion,
)
from dialogs.grammar import is_wake, short_replies  # noqa: E402
from dialogs.text import words  # noqa: E402
from voice.grammar_check import (  # noqa: E402
    GRAMMAR_PHONE_FLOOR,
    VARIANT,
    GrammarCheck,
    _align,
    is_filler,
    open_gain,
)
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
    for line in _list_file(name, files).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, phrase = line.split(" ", 1)
        if kind == "share":
            continue
        want = _KINDS[kind]
        # The development sets' invitation lines are understood when heard as they mean.
        out.append((want if want is not None else classify_invitation(phrase).kind, phrase))
    return out


def _lattice(decoder: Any) -> list[list[object]]:
    """The last decode's lattice links that carry a word: [word, start s, end s, acoustic log
    score, posterior] (posteriors under 1e-4 left out), read from its HTK form."""
    fd, name = tempfile.mkstemp(suffix=".slf")
    os.close(fd)
    try:
        decoder.get_lattice().write_htk(name)
        text = Path(name).read_text(encoding="utf-8")
    finally:
        os.unlink(name)
    nodes: dict[str, tuple[float, str]] = {}
    links = []
    for line in text.splitlines():
        fields = dict(f.split("=", 1) for f in line.split("\t") if "=" in f)
        if "I" in fields:
            nodes[fields["I"]] = (float(fields["t"]), fields["W"])
        elif "J" in fields:
            # A link carries its start node's word, up to its end node's time.
            word = nodes[fields["S"]][1]
            p = float(fields.get("p", 0.0))
            if word.startswith("!") or p < 1e-4:
                continue
            links.append([VARIANT.sub("", word), nodes[fields["S"]][0], nodes[fields["E"]][0],
                          float(fields["a"]), p])
    return links


def _open_evidence(rec: SphinxRecognizer, aligner: Any, pcm: bytes) -> dict[str, object]:
    """What the open model's decode of the reply left on its decoder (the check's ``other``,
    idle again): its segments with posteriors, its n-best with scores, its lattice, and its best
    reading forced onto the sound phone by phone (on a decoder of its own)."""
    other = rec._borrow()
    try:
        started = time.perf_counter()
        segs = [[VARIANT.sub("", s.word), s.start_frame, s.end_frame, s.prob]
                for s in other.seg() or ()]
        lattice = _lattice(other)
        lattice_s = time.perf_counter() - started
        nbest = [[h.hypstr, h.score] for h in itertools.islice(other.nbest() or (), 10)
                 if h is not None]
        hyp = other.hyp()
        text = " ".join(VARIANT.sub("", w) for w in (hyp.hypstr if hyp else "").split()
                        if not is_filler(w))
    finally:
        rec._release(other)
    started = time.perf_counter()
    alignment = _frames(aligner, pcm, text)
    return {"open_segments": segs, "open_nbest": nbest, "lattice": lattice,
            "lattice_s": lattice_s, "open_alignment": alignment,
            "open_align_s": time.perf_counter() - started}


def _frames(aligner: Any, pcm: bytes, text: str) -> list[list[object]]:
    """``text`` forced onto ``pcm`` phone by phone, silences kept: [word, phone, first frame,
    frames, acoustic log score] (empty: no words, or the alignment failed)."""
    if not text or not _align(aligner, pcm, False, text):
        return []
    return [[VARIANT.sub("", w.name), p.name, p.start, p.duration, p.score]
            for w in aligner.get_alignment() for p in w]


def _list_file(name: str, files: dict[str, str]) -> Path:
    """A list by its short name ("heldout5", "natural5"), by its file's name in bench/data
    without "short-replies-" and ".txt" ("heldout6", "heldout6-natural"), or by a path."""
    if name in files:
        return DATA / files[name]
    if (DATA / f"short-replies-{name}.txt").exists():
        return DATA / f"short-replies-{name}.txt"
    return Path(name)


def dump(out: Path, voices: list[str], lists: list[str]) -> None:
    # The floor off while decoding: every rule re-applies it (``_fits``).
    checks.GRAMMAR_PHONE_FLOOR = -1e9
    rec = SphinxRecognizer.load()
    aligner = rec._new_decoder()
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
                        extra = _open_evidence(rec, aligner, audio.pcm) if check else {}
                        if check:
                            extra["grammar_frames"] = _frames(aligner, audio.pcm, check.said)
                    finally:
                        stream.close()
                    row = {"list": name, "voice": voice, "want": str(want), "phrase": phrase,
                           "text": t.text, "out_of_grammar": t.out_of_grammar,
                           "said": check.said if check else "",
                           "heard": list(check.heard if check else t.open_readings),
                           "covers": check.covers if check else None,
                           "near": check.near if check else None,
                           "margin": check.margin if check else None,
                           "alignment": [list(a) for a in check.alignment] if check else [],
                           "gain": check.gain if check else None,
                           "audio_s": t.audio_s, "decode_s": wall,
                           **extra}
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


def _gain(r: dict[str, object]) -> float | None:
    """The check's ``open_gain`` (round 12); on a dump made before it, from the two alignments
    the dump kept ([word, phone, first frame, frames, score], silences included)."""
    if "gain" in r:
        return r["gain"]  # type: ignore[return-value]
    grammar, heard = r.get("grammar_frames") or [], r.get("open_alignment") or []
    return open_gain([(a[0], a[1], a[4], a[3]) for a in grammar],  # type: ignore[index]
                     [(a[0], a[1], a[4], a[3]) for a in heard])  # type: ignore[index]


def _round12(ceiling: float = OPEN_GAIN_CEILING,
             max_words: int = 1) -> Callable[[dict[str, object]], str]:
    """Round 11, and a reply the grammar heard in at most ``max_words`` words is turned down
    when the open model's best reading fits the whole sound better than the grammar's words by
    more than ``ceiling`` per frame (``open_gain``; the invitation's rule: one word, 10)."""
    def rule(r: dict[str, object]) -> str:
        alignment = tuple(tuple(a) for a in r.get("alignment") or ())  # type: ignore[attr-defined]
        worst = GrammarCheck(True, True, None, alignment=alignment).worst_phone  # type: ignore[arg-type]
        heard = list(r["heard"])  # type: ignore[call-overload]
        said = str(r["said"])
        gain = _gain(r)
        fits = _fits(r) and (len(words(said)) > max_words or gain is None or gain <= ceiling)
        return heard_reply(said, heard, accepted=fits, phone_fit=worst)
    return rule


def _round12_live(r: dict[str, object]) -> str:
    """As the invitation reads a reply since round 13 (heard_reply with the phone fit, the gain
    and the second opinion on the best two readings), on a dump made with the phone floor off."""
    alignment = tuple(tuple(a) for a in r.get("alignment") or ())  # type: ignore[attr-defined]
    worst = GrammarCheck(True, True, None, alignment=alignment).worst_phone  # type: ignore[arg-type]
    heard = list(r["heard"])  # type: ignore[call-overload]
    return heard_reply(str(r["said"]), heard, accepted=_fits(r), phone_fit=worst, gain=_gain(r))


def _round12_best(r: dict[str, object]) -> str:
    """As the invitation read a reply in round 12: a reply the checks turned down gets the
    second opinion on the open model's best reading alone (round 13 tries its best two)."""
    alignment = tuple(tuple(a) for a in r.get("alignment") or ())  # type: ignore[attr-defined]
    worst = GrammarCheck(True, True, None, alignment=alignment).worst_phone  # type: ignore[arg-type]
    heard = list(r["heard"])  # type: ignore[call-overload]
    fits = _fits(r)
    return heard_reply(str(r["said"]), heard if fits else heard[:1], accepted=fits,
                       phone_fit=worst, gain=_gain(r))


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
         "round 11: best holds the grammar's word, 1 word": _best_holds,
         "round 12 (a one-word reply fits the whole sound)": _round12_best,
         "round 13 (the second opinion on the best two readings)": _round12_live,
         "round 14 (the open model alone when the grammar hears nothing)": _round12_live,
         **{f"round 12: gain ceiling {c:g}, up to {n} words": _round12(c, n)
            for n in (1, 2, 99) for c in (8.0, 10.0, 12.0, 15.0, 20.0)}}


def _kind(text: str) -> Invitation:
    return Invitation.YES if is_wake(text) else classify_invitation(text).kind


OPEN_ALONE = ("round 14 (the open model alone when the grammar hears nothing)",)


def rules(path: Path, only: str = "") -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for r in rows:
        if not r["said"] and r["heard"] and len(words(r["heard"][0])) < 2:
            r["heard"] = []  # as the engine reports it since: a lone word off the grammar unread
    for rule, fn in RULES.items():
        if only and only not in rule:
            continue
        print(f"== {rule}")
        table: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for r in rows:
            # Before round 14, speech the grammar found no path through was asked again,
            # whatever the open model heard (dumps since keep its readings).
            got = _kind(fn(r) if r["said"] or rule in OPEN_ALONE else "")
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


def refill(path: Path, out: Path) -> None:
    """Copy a dump made before round 14, decoding again only the replies the grammar found no
    path through, to keep the open model's readings of them (``heard``)."""
    rec = SphinxRecognizer.load()
    grammar = short_replies("invitation")
    with out.open("w", encoding="utf-8") as f:
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if not r["said"] and not r["heard"]:
                stream = rec.stream(grammar)
                try:
                    stream.accept(spoken(r["phrase"], r["voice"], Path()).pcm)
                    t = stream.result()
                finally:
                    stream.close()
                if stream.last_check is None and not t.text:
                    r["heard"] = list(t.open_readings)
            f.write(json.dumps(r) + "\n")


def main() -> None:
    args = dict(a[2:].split("=", 1) for a in sys.argv[1:] if a.startswith("--") and "=" in a)
    if "refill" in args:
        refill(Path(args["refill"]), Path(args["out"]))
        return
    if "rules" in args:
        rules(Path(args["rules"]), args.get("only", ""))
        return
    voices = args.get("voices", ",".join(VOICES)).split(",")
    lists = args.get("lists", "heldout2,natural,bench,dev,dev2").split(",")
    dump(Path(args["out"]), voices, lists)


if __name__ == "__main__":
    main()
