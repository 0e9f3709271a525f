"""Build heartline/data/demo-checkin.wav: a sample spoken check-in in flite's kal16 voice.

The tests never use kal16 (they use slt, rms and awb), so the demo also shows the
recognizer on a voice it was not tuned on. Run: python3 scripts/make_demo_recording.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import wave
from pathlib import Path

REPLIES = [
    "My boss moved my deadline up again and I felt really frustrated",
    "I felt lonely because my sister did not call me back",
    "I was so happy when my friend brought me flowers",
    "I am nervous about the doctor appointment tomorrow",
    "yes",
]
GAP_S = 2.0
RATE = 16000


def main() -> None:
    out = Path(__file__).resolve().parent.parent / "heartline" / "data" / "demo-checkin.wav"
    frames = b"\x00\x00" * int(RATE * 1.0)
    with tempfile.TemporaryDirectory() as tmp:
        for i, text in enumerate(REPLIES):
            path = Path(tmp) / f"{i}.wav"
            subprocess.run(["flite", "-voice", "kal16", "-t", text, "-o", str(path)], check=True)
            with wave.open(str(path)) as w:
                if (w.getframerate(), w.getnchannels(), w.getsampwidth()) != (RATE, 1, 2):
                    sys.exit(f"unexpected flite output format in {path}")
                frames += w.readframes(w.getnframes())
            frames += b"\x00\x00" * int(RATE * GAP_S)
    with wave.open(str(out), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(frames)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
