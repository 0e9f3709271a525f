"""Answers with mid-thought pauses (issue 10): stored whole, on the right question, and how soon
Heartline replies after a complete answer.

A spoken check-in per flite voice and pause length: each answer has a pause of 0.5-2 s after an
unfinished clause ("Today I felt ... really alone at home"). Counted: answers stored whole (both
halves' key words in the entry of the right emotion). Gap: from the end of a complete answer to
the start of the reply = the silence the Listener waited (audio time) + the compute from the
endpoint to the reply's audio being ready (wall clock). Baseline in the same run: a fixed 0.8 s
endpoint (Heartline's rule before issue 10) on the same decoding path.

Run: ``.venv/bin/python bench/paused_answers.py [--no-baseline]`` (without the fixed 0.8 s runs)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from heartline.listening import SpeechReplies, end_of_turn  # noqa: E402
from heartline.runner import Output, Voice  # noqa: E402
from heartline.session import checkin_session  # noqa: E402
from store import Store  # noqa: E402
from voice.audio import Audio  # noqa: E402
from voice.sources import Listener, chunks_from_audio  # noqa: E402
from voice.speech import NullPlayer, Pyttsx3Synthesizer  # noqa: E402
from voice.sphinx_engine import SphinxRecognizer  # noqa: E402

ANSWERS = [
    (["i was angry at work when my", "boss took credit for my project"], ("angry", "credit")),
    (["today i felt", "really alone at home"], ("today", "alone")),
    (["i was happy because", "my son called me tonight"], ("happy", "son")),
    (["i am worried about", "my mother being sick"], ("worried", "mother")),
]
VOICES = ("slt", "rms", "awb")
PAUSES = (0.5, 1.4, 2.0)
RATE = 16000


def flite(text: str, voice: str, tmp: Path) -> bytes:
    out = tmp / "part.wav"
    subprocess.run(["flite", "-voice", voice, "-t", text, "-o", str(out)], check=True)
    with wave.open(str(out)) as w:
        return w.readframes(w.getnframes())


def conversation(voice: str, pause_s: float, tmp: Path) -> Audio:
    pcm = bytes(RATE)
    for parts, _ in ANSWERS:
        pcm += flite(parts[0], voice, tmp) + bytes(int(2 * RATE * pause_s))
        pcm += flite(parts[1], voice, tmp) + bytes(int(2 * RATE * 1.6))
    pcm += flite("no", voice, tmp) + bytes(2 * RATE * 2)
    return Audio(pcm, RATE)


class _Devnull:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def run(recognizer: SphinxRecognizer, audio: Audio, db: Path, smart: bool
        ) -> tuple[int, list[float]]:
    listener = Listener(recognizer, chunks_from_audio(audio),
                        end_of_turn=end_of_turn(0.8) if smart else (lambda text, short: 0.8))
    waits: list[float] = []

    class Replies(SpeechReplies):
        def next_reply(self, expecting: str):  # type: ignore[no-untyped-def]
            got = super().next_reply(expecting)
            waits.append(listener.last_end_wait_s)
            return got

    store = Store.open(db)
    try:
        session = checkin_session(
            store=store, person="sam", source=Replies(listener), engine="pocketsphinx",
            output=Output(_Devnull(), as_json=True, name="Sam"),  # type: ignore[arg-type]
            voice=Voice(Pyttsx3Synthesizer(), [NullPlayer()], lambda m: None), seed=1,
        )
        log = session.run()
        rows = sorted(store.entries("sam"), key=lambda r: r["id"])
    finally:
        store.close()
    whole = 0
    for (_, keys), emotion in zip(ANSWERS, ("mad", "sad", "glad", "fear"), strict=True):
        row = next((r for r in rows if r["emotion"] == emotion), None)
        if row and all(k in row["text"] for k in keys):
            whole += 1
    # Gaps after complete answers only: each answer's last wait plus the reply's compute.
    gaps = [w + lat for w, lat in zip(waits, log.latencies_s, strict=False) if w < 1.5]
    return whole, gaps


def main() -> None:
    recognizer = SphinxRecognizer.load()
    print("| voice | pause s | whole (end of turn) | whole (0.8 s, before) | median gap s "
          "(end of turn) | median gap s (before) |")
    print("|---|---|---|---|---|---|")
    all_whole = {True: 0, False: 0}
    all_gaps: dict[bool, list[float]] = {True: [], False: []}
    total = 0
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for voice in VOICES:
            for pause in PAUSES:
                audio = conversation(voice, pause, tmp)
                row = {False: (0, float("nan"))}
                for smart in (True,) if "--no-baseline" in sys.argv else (True, False):
                    db = tmp / f"{voice}-{pause}-{smart}.db"
                    whole, gaps = run(recognizer, audio, db, smart)
                    all_whole[smart] += whole
                    all_gaps[smart] += gaps
                    row[smart] = (whole, statistics.median(gaps) if gaps else float("nan"))
                total += len(ANSWERS)
                print(f"| {voice} | {pause} | {row[True][0]}/4 | {row[False][0]}/4 | "
                      f"{row[True][1]:.2f} | {row[False][1]:.2f} |", flush=True)
    before = statistics.median(all_gaps[False]) if all_gaps[False] else float("nan")
    print(f"| all | | {all_whole[True]}/{total} | {all_whole[False]}/{total} | "
          f"{statistics.median(all_gaps[True]):.2f} | {before:.2f} |")


if __name__ == "__main__":
    main()
