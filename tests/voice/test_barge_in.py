"""Talking over Heartline (issue 10): a person who goes on over a reply continues the same
answer, every time the same recording is replayed; its own voice, mixed into the input as a room
would at half, full and twice the played level, never stops playback at all.

eSpeak NG's samples for a line differ a little from one synthesis to the next, and the echo left
after cancelling with them, so a decision that hangs on a level margin changes between replays
(the old gate kept the answer whole in 4 of 6). Each replay here synthesises its replies again.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from room_checkins import RecordedLines, checkin_in_room

from voice.audio import Audio
from voice.echo import Room
from voice.flite import conversation

LOST_TRACK = Path(__file__).parents[1] / "data" / "speech" / "espeak-lost-track.npz"
"""Heartline's eleven lines from a run of the own-voice check-in at 2x (CI, under load) where
WebRTC's canceller lost track of "What brought joy?" for a second: what it let through decoded
as "what will feel for", "colorful", "let me", and Heartline stopped itself."""
REPLAYS = 5
FIRST = 8.0
"""Seconds before the first answer when the speaker waits: the greeting and question take about
7.1 s, and their echo dies away by 7.5 s."""
REST: list[str | float] = [
    "today i felt really alone at home", 9.0, "i was happy when my son called me tonight", 9.0,
    "i am worried about my mother being sick", 10.0, "no", 6.0,
]


def spoken(script: list[str | float], tmp: Path, voice: str = "rms") -> Audio:
    """flite speech and silences (floats, seconds) end to end."""
    return conversation(script, voice, gap_s=0.0, lead_s=0.0)


def test_talking_over_a_reply_continues_the_answer_on_every_replay(tmp_path: Path) -> None:
    # "I was angry at work" is complete, so Heartline replies; 1.3 s later the speaker goes on
    # over the reply. A noisy room, the echo at half the played level. The first answer starts
    # as the question ends: heard over its echo's tail, "angry" is sometimes misheard ("i was
    # simply at work", 3 replays of 5), which is recognition, not the barge-in: so the halves
    # are found by their words, "work" and the second half's, not by the entry's emotion.
    person = spoken([7.0, "i was angry at work", 1.3, "my boss took credit for my project", 9.0,
                     *REST], tmp_path)
    outcomes = []
    for replay in range(REPLAYS):
        room = Room(person, echo_gain=0.5, noise_rms=100.0)
        log, rows = checkin_in_room(room, tmp_path / f"db{replay}.sqlite")
        texts = [r["text"] for r in rows]
        outcomes.append((log.barge_ins, room.stops, [r["emotion"] for r in rows], texts))
    second_half = {"boss", "credit", "project"}
    for barge_ins, stops, emotions, texts in outcomes:
        # Heartline stopped once, and both halves are in the first entry, none of the second
        # half anywhere else; the later answers each under their own question.
        assert (barge_ins, stops) == (1, 1), outcomes
        first, *later = [set(t.split()) for t in texts]
        assert "work" in first and second_half & first, outcomes
        assert not any(second_half & words for words in later), outcomes
        assert emotions[1:] == ["sad", "glad", "fear"], outcomes


@pytest.mark.parametrize(("gain", "delay_s"), [(0.5, 0.05), (1.0, 0.12), (2.0, 0.05)])
def test_its_own_voice_never_stops_playback(tmp_path: Path, gain: float, delay_s: float) -> None:
    # Each answer comes after Heartline has finished; its voice returns at 0.5-2x its level.
    person = spoken([FIRST, "i was angry at work and my boss took credit for my project", 9.0,
                     *REST], tmp_path)
    room = Room(person, echo_gain=gain, delay_s=delay_s, rt60_s=0.4, noise_rms=100.0)
    log, rows = checkin_in_room(room, tmp_path / "db.sqlite")
    # Not one stop of playback, even for a moment, and every answer under its question.
    assert room.stops == 0 and log.barge_ins == 0, (room.stops, log.barge_ins)
    assert [r["emotion"] for r in rows] == ["mad", "sad", "glad", "fear"], rows


def test_echo_the_canceller_loses_track_of_never_stops_playback(tmp_path: Path) -> None:
    # The same check-in, Heartline's lines exactly as they were when the canceller failed: its
    # remainder stood 5-14 times above the gate and decoded to other words, but the input was no
    # louder than the echo, and what was left followed Heartline's own spectrogram.
    person = spoken([FIRST, "i was angry at work and my boss took credit for my project", 9.0,
                     *REST], tmp_path)
    room = Room(person, echo_gain=2.0, delay_s=0.05, rt60_s=0.4, noise_rms=100.0)
    log, rows = checkin_in_room(room, tmp_path / "db.sqlite", synthesizer=RecordedLines(LOST_TRACK))
    assert room.stops == 0 and log.barge_ins == 0, (room.stops, log.barge_ins)
    assert [r["emotion"] for r in rows] == ["mad", "sad", "glad", "fear"], rows
