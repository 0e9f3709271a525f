"""The development set for the short-reply garbage check: the only figures its threshold is set on.

Each phrase of bench/data/short-replies-dev.txt (grammar phrases of the invitation and share
prompts that neither the bench's lists nor the held-out file hold, and unrelated phrases) is
spoken by four flite voices and decoded against its grammar (unrelated phrases: the invitation
grammar). For each decode it prints the evidence (the open model's span and phones, and the
largest margin by which the open model's reading outscores a grammar word), then, for a range
of margins, how many grammar phrases would still be heard and how many unrelated phrases
accepted.

Run: .venv/bin/python bench/short_replies_dev.py [--voices=slt,kal16] [--json=FILE]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dialogs.grammar import short_replies  # noqa: E402
from voice.audio import Audio, concat, silence  # noqa: E402
from voice.flite import flite  # noqa: E402
from voice.sphinx_engine import SphinxRecognizer, SphinxStream  # noqa: E402

DEV = ROOT / "bench" / "data" / "short-replies-dev.txt"
VOICES = ("slt", "rms", "awb", "kal16")


def _dev() -> list[tuple[str, str]]:
    """(grammar or "out", phrase) for each line of the development set."""
    rows = []
    for line in DEV.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, phrase = line.split(" ", 1)
            rows.append((kind, phrase))
    return rows


def _reply(phrase: str, voice: str) -> Audio:
    # As the Listener hears a reply: a little quiet before it, the endpoint silence after it.
    return concat(silence(0.3), flite(phrase, voice), silence(0.8))


def main() -> None:
    rec = SphinxRecognizer.load()
    chosen = [a.split("=", 1)[1].split(",") for a in sys.argv if a.startswith("--voices=")]
    voices = chosen[0] if chosen else VOICES
    grammars = {k: short_replies(k) for k in ("invitation", "share")}
    rows: list[dict[str, object]] = []
    started = time.perf_counter()
    for voice in voices:
        for kind, phrase in _dev():
            stream: SphinxStream = rec.stream(grammars["invitation" if kind == "out" else kind])
            try:
                stream.accept(_reply(phrase, voice).pcm)
                t = stream.result()
                check = stream.last_check
            finally:
                stream.close()
            row: dict[str, object] = {
                "voice": voice, "kind": kind, "phrase": phrase, "heard": t.text,
                "covers": check.covers if check else None,
                "near": check.near if check else None,
                "margin": check.margin if check else None}
            rows.append(row)
            margin = "-" if row["margin"] is None else f"{row['margin']:.1f}"
            print(f"{voice:6s} {kind:10s} {phrase!r:40s} heard {t.text!r:28s} "
                  f"covers {row['covers']} near {row['near']} margin {margin}")
    print(f"({len(rows)} decodes in {time.perf_counter() - started:.0f} s)")
    for arg in sys.argv:
        if arg.startswith("--json="):
            Path(arg.split("=", 1)[1]).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    summarise(rows)


def summarise(rows: list[dict[str, object]]) -> None:
    """Grammar phrases heard and unrelated phrases accepted, without and with each margin."""
    inside = [r for r in rows if r["kind"] != "out"]
    outside = [r for r in rows if r["kind"] == "out"]

    def passes(r: dict[str, object], limit: float | None) -> bool:
        margin = r["margin"]
        fits = limit is None or margin is None or float(margin) <= limit  # type: ignore[arg-type]
        return bool(r["covers"]) and bool(r["near"]) and fits

    for limit in (None, 30.0, 50.0, 70.0, 80.0, 90.0, 100.0, 120.0, 150.0):
        heard = sum(1 for r in inside if passes(r, limit) and r["heard"] == r["phrase"])
        accepted = sum(1 for r in outside if passes(r, limit))
        name = "no margin" if limit is None else f"margin <= {limit}"
        print(f"{name:14s} grammar phrases heard {heard}/{len(inside)}, "
              f"unrelated accepted {accepted}/{len(outside)}")


if __name__ == "__main__":
    main()
