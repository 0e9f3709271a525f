"""Barge-in over Heartline's own voice (issue 10): false stops, barge-ins found, answers whole.

A spoken check-in in a simulated room (voice/echo.py ``Room``): the played replies come back
into the microphone delayed and reverberant at several levels (echo gain 0.5-2 times the played
level), with and without the speaker going on over the first reply. Each row is replayed
``--replays`` times in one process (eSpeak NG's samples for a line differ a little from one
synthesis to the next, and the echo with them). Counted per replay: stops of playback while the
speaker waited (false stops; target 0), whether the reply talked over was stopped and the mad
answer kept whole (both halves in one entry: "whole"), its second half in another answer's entry
("merged") or in none ("lost"), and answers stored whole on their question.

Run: ``.venv/bin/python bench/echo_barge_in.py --replays 3``
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dialogs.turns import carries_words  # noqa: E402
from heartline.listening import SpeechReplies, end_of_turn  # noqa: E402
from heartline.runner import Output, Voice  # noqa: E402
from heartline.session import checkin_session  # noqa: E402
from store import Store  # noqa: E402
from voice.audio import Audio  # noqa: E402
from voice.echo import EchoGate, Room  # noqa: E402
from voice.sources import Listener  # noqa: E402
from voice.speech import Pyttsx3Synthesizer  # noqa: E402
from voice.sphinx_engine import SphinxRecognizer  # noqa: E402

RATE = 16000
REST: list[str | float] = [
    "today i felt really alone at home", 9.0, "i was happy when my son called me tonight", 9.0,
    "i am worried about my mother being sick", 10.0, "no", 6.0,
]
WAITS: list[str | float] = [
    7.0, "i was angry at work and my boss took credit for my project", 9.0, *REST,
]
TALKS_OVER: list[str | float] = [
    7.0, "i was angry at work", 1.3, "my boss took credit for my project", 9.0, *REST,
]
KEYS = [("angry", "credit"), ("alone",), ("son",), ("mother",)]
SECOND_HALF = {"boss", "credit", "project"}


class _Quiet:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def spoken(script: list[str | float], voice: str, tmp: Path) -> Audio:
    pcm = b""
    for item in script:
        if isinstance(item, float):
            pcm += bytes(int(2 * RATE * item))
            continue
        out = tmp / "part.wav"
        subprocess.run(["flite", "-voice", voice, "-t", item, "-o", str(out)], check=True)
        with wave.open(str(out)) as w:
            pcm += w.readframes(w.getnframes())
    return Audio(pcm, RATE)


def run(room: Room, db: Path, recognizer: SphinxRecognizer) -> tuple[int, int, str]:
    """Barge-ins, answers whole on their question, and where the mad answer's second half went."""
    listener = Listener(recognizer, room, end_of_turn=end_of_turn(0.8), echo=EchoGate(room),
                        confirms=carries_words)
    store = Store.open(db)
    try:
        log = checkin_session(
            store=store, person="sam", source=SpeechReplies(listener), engine="pocketsphinx",
            output=Output(_Quiet(), as_json=True, name="Sam"),  # type: ignore[arg-type]
            voice=Voice(Pyttsx3Synthesizer(), [room], lambda m: None), seed=1,
        ).run()
        rows = sorted(store.entries("sam"), key=lambda r: r["id"])
    finally:
        store.close()
    whole = sum(
        1 for keys, emotion in zip(KEYS, ("mad", "sad", "glad", "fear"), strict=True)
        if any(r["emotion"] == emotion and all(k in r["text"] for k in keys) for r in rows)
    )
    # The first half, "i was angry at work", is kept whatever emotion it was heard as.
    first = [r for r in rows if "work" in r["text"].split()]
    if any(SECOND_HALF & set(r["text"].split()) for r in first):
        fate = "whole"
    elif any(SECOND_HALF & set(r["text"].split()) for r in rows):
        fate = "merged"
    else:
        fate = "lost"
    return log.barge_ins, whole, fate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replays", type=int, default=3, help="replays of each row (default 3)")
    replays = parser.parse_args().replays
    recognizer = SphinxRecognizer.load()
    print(f"{replays} replays per row")
    print("| voice | echo level | delay | false stops (waits) | answers whole (waits) | "
          "talks over: whole / merged / lost | answers whole (talks over) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    totals = [0, 0, 0, 0, 0, 0, 0]
    runs = 0
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        for voice, gain, delay in (("rms", 0.5, 0.05), ("slt", 1.0, 0.12), ("awb", 2.0, 0.05)):
            waits = spoken(WAITS, voice, tmp)
            talks = spoken(TALKS_OVER, voice, tmp)
            row = [0, 0, 0, 0, 0, 0, 0]
            for _ in range(replays):
                room = Room(waits, echo_gain=gain, delay_s=delay, noise_rms=100.0)
                _, w1 = run(room, tmp / f"w{runs}.db", recognizer)[:2]
                row[0] += room.stops
                row[1] += w1
                _, w2, fate = run(Room(talks, echo_gain=gain, delay_s=delay, noise_rms=100.0),
                                  tmp / f"t{runs}.db", recognizer)
                row[2 + ("whole", "merged", "lost").index(fate)] += 1
                row[5] += w2
                runs += 1
            totals = [a + b for a, b in zip(totals, row, strict=True)]
            print(f"| {voice} | {gain}x | {delay * 1000:.0f} ms | {row[0]} | "
                  f"{row[1]}/{4 * replays} | {row[2]} / {row[3]} / {row[4]} | "
                  f"{row[5]}/{4 * replays} |", flush=True)
    print(f"| all | | | {totals[0]} (target 0) | {totals[1]}/{4 * runs} | "
          f"{totals[2]} / {totals[3]} / {totals[4]} | {totals[5]}/{4 * runs} |")


if __name__ == "__main__":
    main()
