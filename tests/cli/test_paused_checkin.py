"""A spoken check-in with mid-thought pauses (issue 10): every answer whole, on its question."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import json_lines, run_cli

from voice.audio import wav_bytes
from voice.flite import conversation

# Each answer in parts; a 1.4 s pause follows every part but the last (after an unfinished
# clause), then 1.6 s ends the answer. "hold on" is followed by a 4 s pause: no reprompt.
ANSWERS = [
    ["hold on", "i was angry at work when my", "boss took credit for my project"],
    ["today i felt", "really alone at home"],
    ["i was happy because", "my son called me tonight"],
    ["i am worried about", "my mother being sick"],
    ["yes"],
]
PAUSES = {"hold on": 4.0}
KEY_WORDS = [("angry", "credit"), ("today", "alone"), ("happy", "son"), ("worried", "mother")]


def paused_wav(answers: list[list[str]], out: Path, voice: str, pause_s: float = 1.4) -> Path:
    """One WAV of answers whose parts are separated by ``pause_s`` of silence."""
    items: list[str | float] = []
    for parts in answers:
        for j, part in enumerate(parts):
            items += [part, PAUSES.get(part, pause_s) if j < len(parts) - 1 else 1.6]
    out.write_bytes(wav_bytes(conversation(items, voice, gap_s=0.0)))
    return out


def test_answers_with_pauses_after_unfinished_clauses_are_stored_whole(
    tmp_path: Path, db: Path
) -> None:
    wav = paused_wav(ANSWERS, tmp_path / "paused.wav", voice="rms")
    out = run_cli("checkin", "--as", "sam", "--audio", str(wav), "--json", "--db", str(db),
                  "--engine", "pocketsphinx")
    assert out.returncode == 0, out.stderr
    events = json_lines(out.stdout)
    acts = [e["act"] for e in events if e["role"] == "assistant"]
    assert "reprompt" not in acts  # "hold on" waits without asking again
    users = [e["text"] for e in events if e["role"] == "user"]
    assert len(users) == 5, users  # four answers and the share reply, none cut in two
    rows = json.loads(run_cli("entries", "--as", "sam", "--db", str(db), "--json").stdout)
    rows.sort(key=lambda r: r["id"])
    assert [r["emotion"] for r in rows] == ["mad", "sad", "glad", "fear"]
    for row, (first, second) in zip(rows, KEY_WORDS, strict=True):
        assert first in row["text"] and second in row["text"], row["text"]
    assert "hold" not in rows[0]["text"]
