"""Talking over Heartline (issue 10): its own voice, mixed into the input as a room would, never
barges in.

A person going on over a reply (echo at half the played level, a noisy room) is measured by
bench/echo_barge_in.py, not asserted here: replaying one recording six times in one process gave
four different outcomes (whole in four, the next answer merged in two), because eSpeak NG's
output for a line differs by a few samples from one synthesis to the next and the gate's
decisions with it. An assertion on it failed one CI run in three.
"""

from __future__ import annotations

import subprocess
import wave
from pathlib import Path

from heartline.listening import SpeechReplies, end_of_turn
from heartline.runner import Output, TurnLog, Voice
from heartline.session import checkin_session
from store import Store
from voice.audio import Audio
from voice.echo import EchoGate, Room
from voice.sources import Listener
from voice.speech import Pyttsx3Synthesizer
from voice.sphinx_engine import SphinxRecognizer

RATE = 16000


class _Quiet:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def spoken(script: list[str | float], tmp: Path, voice: str = "rms") -> Audio:
    """flite speech and silences (floats, seconds) end to end."""
    pcm = b""
    for i, item in enumerate(script):
        if isinstance(item, float):
            pcm += bytes(int(2 * RATE * item))
            continue
        out = tmp / f"part{i}.wav"
        subprocess.run(["flite", "-voice", voice, "-t", item, "-o", str(out)], check=True)
        with wave.open(str(out)) as w:
            pcm += w.readframes(w.getnframes())
    return Audio(pcm, RATE)


def checkin_in_room(room: Room, db: Path) -> tuple[TurnLog, list[dict]]:
    # eSpeak NG's voice and rate are process-wide, and a change can land a line late: a voice or
    # rate an earlier test chose would lengthen this check-in's first lines and shift every reply
    # against the recorded answers. Two lines in the default voice settle it (10 of 10 tries).
    for _ in range(2):
        Pyttsx3Synthesizer().synthesize("Okay.")
    # Its own recognizer: a listening session's streams carry the front end's noise estimate from
    # one answer to the next, and the process-wide one's decoders carry it from earlier tests,
    # which made the words heard here depend on the order tests ran in.
    listener = Listener(SphinxRecognizer(None), room, end_of_turn=end_of_turn(0.8),
                        echo=EchoGate(room))
    store = Store.open(db)
    try:
        session = checkin_session(
            store=store, person="sam", source=SpeechReplies(listener), engine="pocketsphinx",
            output=Output(_Quiet(), as_json=True, name="Sam"),  # type: ignore[arg-type]
            voice=Voice(Pyttsx3Synthesizer(), [room], lambda m: None), seed=1,
        )
        log = session.run()
        rows = sorted(store.entries("sam"), key=lambda r: r["id"])
    finally:
        store.close()
    return log, rows


def test_its_own_voice_as_loud_as_the_speaker_never_barges_in(tmp_path: Path) -> None:
    # Each answer comes after Heartline has finished; its voice returns at full level.
    person = spoken([7.0, "i was angry about the traffic today", 9.0,
                     "i felt sad because my best friend moved away", 9.0,
                     "i was happy when my son called me tonight", 9.0,
                     "i am worried about my mother being sick", 10.0, "no", 6.0], tmp_path)
    room = Room(person, echo_gain=1.0, delay_s=0.08, rt60_s=0.4)
    log, rows = checkin_in_room(room, tmp_path / "db.sqlite")
    # Its own voice is never taken as speech: no barge-in, every answer under its question. (The
    # gate may still stop playback for a moment of echo it then finds holds no words: 1 run in 5
    # at this level; README, "Echo and barge-in". That stop is not asserted on.)
    assert log.barge_ins == 0
    assert [r["emotion"] for r in rows] == ["mad", "sad", "glad", "fear"]
