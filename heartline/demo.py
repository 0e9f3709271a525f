"""`heartline demo`: a sample spoken check-in from a shipped recording, end to end."""

from __future__ import annotations

import sys
from importlib.resources import as_file, files
from pathlib import Path

from .paths import data_dir
from .session import CheckinOptions, run_checkin

DEMO_PERSON = "sam"


def demo_recording() -> Path:
    """The shipped recording: five spoken replies in a voice the tests never use."""
    with as_file(files("heartline") / "data" / "demo-checkin.wav") as path:
        return Path(path)


def default_out() -> Path:
    """A 'demo' folder in Heartline's data directory."""
    return data_dir() / "demo"


def run_demo(out: Path | None, *, engine: str = "auto", speak: bool = False) -> Path:
    """Run the demo check-in into OUT (a fresh database each time) and print where things are."""
    out = out or default_out()
    out.mkdir(parents=True, exist_ok=True)
    db = out / "demo.db"
    for stale in [db, Path(f"{db}-wal"), Path(f"{db}-shm"), *out.glob("replies/*.wav")]:
        stale.unlink(missing_ok=True)
    replies = out / "replies"
    print(f"Heartline demo: a recorded check-in by {DEMO_PERSON.title()}, heard by the recognizer.")
    print()
    log = run_checkin(
        CheckinOptions(
            db=db,
            person=DEMO_PERSON,
            audio=str(demo_recording()),
            say_to=replies,
            speak=speak,
            engine=engine,
            seed=7,
        )
    )
    spoken = sorted(replies.glob("*.wav"))
    print()
    print(f"Entries saved:  {len(log.entries)} in {db}")
    print(f"Spoken replies: {len(spoken)} WAV files in {replies}")
    if log.latencies_s:
        ordered = sorted(log.latencies_s)
        print(f"Turn latency:   median {ordered[len(ordered) // 2] * 1000:.0f} ms "
              "from the end of each answer to its spoken reply")
    print(f"See them with:  heartline entries --as {DEMO_PERSON} --db {db}")
    sys.stdout.flush()
    return out
