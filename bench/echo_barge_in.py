"""Barge-in over Heartline's own voice (issue 10): false barge-ins and barge-ins found.

A spoken check-in in a simulated room (voice/echo.py ``Room``): the played replies come back
into the microphone delayed and reverberant at several levels (echo gain 0.5-2 times the played
level), with and without the speaker going on over the first reply. Counted: false barge-ins
(the speaker waited; target 0), barge-ins found (the speaker went on over the reply), and answers
stored whole on the right question.

Run: ``.venv/bin/python bench/echo_barge_in.py``
"""

from __future__ import annotations

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
from voice.echo import EchoGate, Room  # noqa: E402
from voice.sources import Listener  # noqa: E402
from voice.speech import Pyttsx3Synthesizer  # noqa: E402
from voice.sphinx_engine import SphinxRecognizer  # noqa: E402

RATE = 16000
REST = ["today i felt really alone at home", 9.0, "i was happy when my son called me tonight",
        9.0, "i am worried about my mother being sick", 10.0, "no", 6.0]
WAITS = [7.0, "i was angry at work and my boss took credit for my project", 9.0, *REST]
TALKS_OVER = [7.0, "i was angry at work", 1.3, "my boss took credit for my project", 9.0, *REST]
KEYS = [("angry", "credit"), ("alone",), ("son",), ("mother",)]


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


def run(room: Room, db: Path, recognizer: SphinxRecognizer) -> tuple[int, int]:
    listener = Listener(recognizer, room, end_of_turn=end_of_turn(0.8), echo=EchoGate(room))
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
    return log.barge_ins, whole


def main() -> None:
    recognizer = SphinxRecognizer.load()
    print("| voice | echo gain | delay ms | false barge-ins (waits) | whole | barge-ins found "
          "(talks over) | whole |")
    print("|---|---|---|---|---|---|---|")
    false = found = runs = whole_w = whole_t = 0
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        for voice, gain, delay in (("rms", 0.5, 0.05), ("slt", 1.0, 0.12), ("awb", 2.0, 0.05)):
            waits = spoken(WAITS, voice, tmp)
            talks = spoken(TALKS_OVER, voice, tmp)
            b1, w1 = run(Room(waits, echo_gain=gain, delay_s=delay, noise_rms=100.0),
                         tmp / f"w{runs}.db", recognizer)
            b2, w2 = run(Room(talks, echo_gain=gain, delay_s=delay, noise_rms=100.0),
                         tmp / f"t{runs}.db", recognizer)
            runs += 1
            false += b1
            found += min(b2, 1)
            whole_w += w1
            whole_t += w2
            print(f"| {voice} | {gain} | {delay * 1000:.0f} | {b1} | {w1}/4 | {b2} | {w2}/4 |",
                  flush=True)
    print(f"| all | | | {false} | {whole_w}/{4 * runs} | {found}/{runs} | {whole_t}/{4 * runs} |")


if __name__ == "__main__":
    main()
