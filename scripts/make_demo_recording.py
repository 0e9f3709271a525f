"""Build heartline/data/demo-checkin.wav: a sample spoken check-in in flite's kal16 voice.

The tests never use kal16 (they use slt, rms and awb), so the demo also shows the
recognizer on a voice it was not tuned on. Run: python3 scripts/make_demo_recording.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voice.audio import wav_bytes  # noqa: E402
from voice.flite import conversation  # noqa: E402

REPLIES = [
    "My boss moved my deadline up again and I felt really frustrated",
    "I felt lonely because my sister did not call me back",
    "I was so happy when my friend brought me flowers",
    "I am nervous about the doctor appointment tomorrow",
    "yes",
]
GAP_S = 2.0


def main() -> None:
    out = ROOT / "heartline" / "data" / "demo-checkin.wav"
    out.write_bytes(wav_bytes(conversation(REPLIES, "kal16", GAP_S, lead_s=1.0)))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
