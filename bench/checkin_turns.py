"""Turn latency and memory of a spoken check-in, against the bare engine measured in the same run.

Turn latency: from the endpoint of an answer (its last audio plus the endpoint silence) to the
reply's audio being synthesized and ready to play: finalising the transcript, the dialog, the
store commit and text-to-speech. Memory: peak RSS of a whole `heartline checkin` process
against a bare process that only loads the engine and decodes the same audio.

Run: .venv/bin/python bench/checkin_turns.py
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from helpers import conversation_wav  # noqa: E402

from heartline.session import CheckinOptions, run_checkin  # noqa: E402

CONVERSATIONS = {
    "slt": [
        "my coworker interrupted me in every meeting and i was furious",
        "i felt lonely after my friend cancelled our dinner",
        "i was proud that i finished the report early",
        "i am scared about the surgery next week",
        "yes",
    ],
    "rms": [
        "the neighbors were loud again and it made me angry",
        "i was sad that my grandmother is in the hospital",
        "my daughter laughed at my joke and i felt happy",
        "i was nervous before my driving test",
        "no",
    ],
    "awb": [
        "i was annoyed that the train was late",
        "i missed my brother today",
        "i felt grateful for a quiet morning",
        "nothing",
        "yes",
    ],
}

BARE = """
import resource, sys, wave
from pocketsphinx import Decoder
w = wave.open(sys.argv[1])
d = Decoder(samprate=w.getframerate(), loglevel="FATAL")
d.start_utt(); d.process_raw(w.readframes(w.getnframes()), full_utt=True); d.end_utt()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

HEARTLINE = """
import resource, sys
sys.argv = ["heartline", *sys.argv[1:]]
from heartline.cli import main
try:
    main()
finally:
    sys.stderr.write(f"RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n")
"""


def peak_rss_mb(args: list[str], code: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, check=True
    )
    for line in (out.stdout + out.stderr).splitlines()[::-1]:
        value = line.removeprefix("RSS ").strip()
        if value.isdigit():
            return int(value) / 1024
    raise RuntimeError(f"no RSS figure in output: {out.stderr[-300:]}")


def main() -> None:
    latencies: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        wavs = {}
        for voice, replies in CONVERSATIONS.items():
            wav = conversation_wav(replies, tmpdir / f"{voice}.wav", voice=voice)
            wavs[voice] = wav
            log = run_checkin(
                CheckinOptions(
                    db=tmpdir / "bench.db",
                    person=f"bench-{voice}",
                    audio=str(wav),
                    say_to=tmpdir / f"replies-{voice}",
                    speak=False,
                    engine="pocketsphinx",
                    seed=1,
                ),
                stdout=io.StringIO(),
            )
            latencies += log.latencies_s
            with wave.open(str(wav)) as w:
                dur = w.getnframes() / w.getframerate()
            print(f"{voice}: {len(log.latencies_s)} turns, {dur:.1f} s of audio")
        wav = wavs["slt"]
        bare = peak_rss_mb([str(wav)], BARE)
        full = peak_rss_mb(
            ["checkin", "--as", "mem", "--audio", str(wav), "--engine", "pocketsphinx",
             "--db", str(tmpdir / "mem.db"), "--say-to", str(tmpdir / "mem-replies"), "--json"],
            HEARTLINE,
        )
    ms = sorted(x * 1000 for x in latencies)
    print()
    print("| measure | value | target |")
    print("| --- | --- | --- |")
    print(f"| turn latency, median ({len(ms)} turns) | {statistics.median(ms):.0f} ms | < 300 ms |")
    print(f"| turn latency, worst | {ms[-1]:.0f} ms | |")
    print(f"| peak RSS, bare PocketSphinx decode | {bare:.0f} MB | |")
    print(f"| peak RSS, whole `heartline checkin` | {full:.0f} MB | |")
    print(f"| check-in over engine | {full - bare:+.0f} MB | <= +60 MB |")


if __name__ == "__main__":
    main()
