"""CPU and memory of `heartline evening` (issue 5).

1. CPU while waiting between prompts (--no-wake): process CPU time over real seconds of waiting.
2. CPU while listening for the wake phrase, as a real-time factor of the audio heard: on quiet
   audio and on audio with talk (every utterance is decoded against the wake grammar).
3. Memory over a 20-minute synthetic evening through the real loop, with the clock driven by the
   audio (AudioClock): quiet, an invitation at minute 5 answered "in ten minutes", the wake phrase
   and a whole check-in at minute 8, the snooze's invitation at minute 15 answered "not tonight",
   quiet to minute 20. RSS growth is measured from the end of minute 1 to the end.

Run: .venv/bin/python bench/evening_resources.py
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from heartline.clock import AudioClock, SystemClock  # noqa: E402
from heartline.evening import Evening  # noqa: E402
from heartline.runner import Voice  # noqa: E402
from store import Store  # noqa: E402
from store.schedules import Schedules  # noqa: E402
from voice.flite import flite  # noqa: E402
from voice.recognizers import Recognizer, create_recognizer  # noqa: E402
from voice.sources import Listener  # noqa: E402

RATE = 16000
CHUNK = 3200  # 100 ms
ANSWERS = ["i was angry at the traffic", "i was sad my friend left", "i was happy about dinner",
           "nothing", "no"]


def flite_pcm(text: str, voice: str = "slt") -> bytes:
    return flite(text, voice).pcm


def rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096 / 2**20


def evening_audio(events: list[tuple[float, bytes]], total_s: float,
                  on_chunk: list[float] | None = None) -> Iterator[bytes]:
    """Silence with speech placed at given seconds, as 100 ms chunks, generated lazily."""
    pos = 0
    queue = sorted(events)
    silence = b"\x00\x00" * (CHUNK // 2)
    while pos < total_s * RATE * 2:
        if queue and pos >= queue[0][0] * RATE * 2:
            _, pcm = queue.pop(0)
            for i in range(0, len(pcm), CHUNK):
                yield pcm[i : i + CHUNK]
                pos += CHUNK
            continue
        if on_chunk is not None and pos % (60 * RATE * 2) == 0:
            on_chunk.append(rss_mb())
        yield silence
        pos += CHUNK


def make_evening(store: Store, listener: Listener, clock: object, *, wake: bool) -> Evening:
    return Evening(store=store, listener=listener, microphone=None, voice=Voice(None, [], print),
                   stdout=io.StringIO(), as_json=True, engine="pocketsphinx",
                   clock=clock,  # type: ignore[arg-type]
                   tz=UTC, wake=wake, seed=1, tick_s=30.0)


def cpu_waiting(rec: Recognizer, seconds: float = 10.0) -> float:
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "h.db") as store:
        Schedules(store).set("sam", "03:00", ("mon",))
        listener = Listener(rec, iter(()))
        ev = make_evening(store, listener, SystemClock(), wake=False)
        ev._tick_s = 1.0
        t0, c0 = time.perf_counter(), time.process_time()
        while time.perf_counter() - t0 < seconds:
            ev._wait()
        return (time.process_time() - c0) / (time.perf_counter() - t0)


def wake_rtf(rec: Recognizer, talk: bool, seconds: float = 120.0) -> float:
    events: list[tuple[float, bytes]] = []
    if talk:
        lines = ["what a lovely evening it has been", "i went to the shop and bought bread",
                 "did you see the game", "dinner is ready"]
        events = [(5.0 + 10 * i, flite_pcm(lines[i % len(lines)])) for i in range(11)]
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "h.db") as store:
        listener = Listener(rec, evening_audio(events, seconds))
        ev = make_evening(store, listener, AudioClock(datetime(2024, 6, 1, 12, tzinfo=UTC),
                                                      listener), wake=True)
        c0 = time.process_time()
        ev.run()
        return (time.process_time() - c0) / listener.position_s


def memory_evening(rec: Recognizer) -> list[float]:
    start = datetime(2024, 6, 1, 20, 55, tzinfo=UTC)
    # Alex says the wake phrase at minute 2 and checks in; Sam is invited at minute 5.
    at = 120.0
    events = [(at, flite_pcm("Heartline, let's check in")), (at + 5.0, flite_pcm("it's alex")),
              (301.0, flite_pcm("in ten minutes"))]
    at += 5.0
    # The check-in's questions are asked at once (no speech output): one answer every 4 s.
    for i, answer in enumerate(ANSWERS):
        events.append((at + 4.0 * (i + 1), flite_pcm(answer)))
    events.append((904.5, flite_pcm("not tonight")))
    samples: list[float] = []
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "h.db") as store:
        every = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        Schedules(store).set("sam", "21:00", every)
        Schedules(store).set("alex", "23:30", every)
        listener = Listener(rec, evening_audio(events, 1200.0, samples))
        out = io.StringIO()
        ev = make_evening(store, listener, AudioClock(start, listener), wake=True)
        ev._stdout = out
        c0 = time.process_time()
        log = ev.run()
        cpu = time.process_time() - c0
        samples.append(rss_mb())
    acts = [line for line in out.getvalue().splitlines() if '"role": "assistant"' in line]
    print(f"20-minute evening: {log.invitations} invitations, {len(log.snoozes)} snooze, "
          f"{log.wakes} wake, {len(log.checkins)} check-in, {len(acts)} lines spoken; "
          f"CPU {cpu:.1f} s for {listener.position_s / 60:.1f} min of audio "
          f"(RTF {cpu / listener.position_s:.4f})")
    print("RSS by minute (MB): " + " ".join(f"{s:.1f}" for s in samples))
    growth = samples[-1] - samples[1]
    print(f"RSS growth from minute 1 to the end: {growth:+.1f} MB (target < 20 MB)")
    return samples


def main() -> None:
    rec = create_recognizer("pocketsphinx")
    print(f"CPU while waiting between prompts (--no-wake): {100 * cpu_waiting(rec):.3f}% "
          "of one core")
    print(f"CPU listening for the wake phrase, quiet audio: RTF {wake_rtf(rec, False):.4f}")
    print(f"CPU listening for the wake phrase, with talk every 10 s: RTF "
          f"{wake_rtf(rec, True):.4f}")
    print("-- cold: the first open answer and first grammars are decoded during the evening")
    memory_evening(rec)
    print("-- again in the same process (engine searches already built): growth per evening")
    memory_evening(rec)


if __name__ == "__main__":
    main()
