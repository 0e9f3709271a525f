"""Held-out paused answers (issue 10): the end of turn on sentences it was never tuned on.

Reads bench/data/paused-answers-heldout.txt. Each "wait" answer is spoken by a flite voice as
its first part, a pause of PAUSE_S, then the rest; it is whole when the Listener (with the
check-in's end-of-turn rule) returns it as one utterance reaching into the rest. Each "done"
answer is a complete sentence; it must not wait: the silence that ended it is the quick
endpoint (at most QUICK_S), not the unfinished clause's 3 s. Baseline in the same run: a fixed
0.8 s endpoint (whole answers it keeps only when the pause is shorter than the endpoint).

Run: ``nice -n 10 .venv/bin/python bench/paused_heldout.py [--voices=slt,awb] [--no-baseline]``
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from heartline.listening import end_of_turn  # noqa: E402
from voice.audio import Audio, concat, silence  # noqa: E402
from voice.flite import flite  # noqa: E402
from voice.sources import Listener, Utterance, chunks_from_audio  # noqa: E402
from voice.sphinx_engine import SphinxRecognizer  # noqa: E402

HELDOUT = ROOT / "bench" / "data" / "paused-answers-heldout.txt"
VOICES = ("slt", "rms", "awb", "kal16")
PAUSE_S = 1.4
QUICK_S = 1.2


def _items() -> tuple[list[tuple[str, str]], list[str]]:
    waits: list[tuple[str, str]] = []
    dones: list[str] = []
    for line in HELDOUT.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, text = line.split(" ", 1)
        if kind == "wait":
            first, rest = (p.strip() for p in text.split("|"))
            waits.append((first, rest))
        else:
            dones.append(text.strip())
    return waits, dones


def _utterances(recognizer: SphinxRecognizer, audio: Audio, smart: bool
                ) -> tuple[list[Utterance], float]:
    listener = Listener(recognizer, chunks_from_audio(audio), no_answer_s=30.0,
                        end_of_turn=end_of_turn(0.8) if smart else (lambda text, short: 0.8))
    found: list[Utterance] = []
    waits: list[float] = []
    while (event := listener.next_event()) is not None:
        if isinstance(event, Utterance):
            found.append(event)
            waits.append(listener.last_end_wait_s)
    return found, waits[0] if waits else float("nan")


def main() -> None:
    recognizer = SphinxRecognizer.load()
    waits, dones = _items()
    chosen = [a.split("=", 1)[1].split(",") for a in sys.argv if a.startswith("--voices=")]
    voices = chosen[0] if chosen else VOICES
    totals = {"whole": 0, "whole0.8": 0, "quick": 0, "quick0.8": 0}
    print("| voice | unfinished kept whole | whole, fixed 0.8 s | complete answered quickly "
          "| quickly, fixed 0.8 s |")
    print("|---|---|---|---|---|")
    modes = ((True, "whole"), (False, "whole0.8"))
    done_modes = ((True, "quick"), (False, "quick0.8"))
    for voice in voices:
        row = {"whole": 0, "whole0.8": 0, "quick": 0, "quick0.8": 0}
        for first, rest in waits:
            head = flite(first, voice)
            audio = concat(silence(0.5), head, silence(PAUSE_S), flite(rest, voice),
                           silence(4.0))
            rest_from = 0.5 + head.duration_s + PAUSE_S
            for smart, key in modes[:1] if "--no-baseline" in sys.argv else modes:
                found, _ = _utterances(recognizer, audio, smart)
                whole = len(found) == 1 and found[0].end_s > rest_from
                row[key] += whole
                if smart and not whole:
                    heard = " / ".join(u.transcript.text for u in found)
                    print(f"  cut {voice}: {first!r} ... {rest!r} heard {heard!r}")
        for sentence in dones:
            audio = concat(silence(0.5), flite(sentence, voice), silence(4.0))
            for smart, key in done_modes[:1] if "--no-baseline" in sys.argv else done_modes:
                found, wait = _utterances(recognizer, audio, smart)
                quick = len(found) == 1 and wait <= QUICK_S
                row[key] += quick
                if smart and not quick:
                    heard = " / ".join(u.transcript.text for u in found)
                    print(f"  waited {voice}: {sentence!r} heard {heard!r} (wait {wait:.2f} s)")
        for key in totals:
            totals[key] += row[key]
        print(f"| {voice} | {row['whole']}/{len(waits)} | {row['whole0.8']}/{len(waits)} | "
              f"{row['quick']}/{len(dones)} | {row['quick0.8']}/{len(dones)} |", flush=True)
    n_w, n_d = len(waits) * len(voices), len(dones) * len(voices)
    print(f"| all | {totals['whole']}/{n_w} | {totals['whole0.8']}/{n_w} | "
          f"{totals['quick']}/{n_d} | {totals['quick0.8']}/{n_d} |")


if __name__ == "__main__":
    main()
