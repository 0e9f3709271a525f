"""Speech the invitation's grammar did not hear (issue 10): asked again, never a guessed answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import json_lines, run_cli


@pytest.mark.parametrize("unrelated", ["banana", "the weather is nice today"])
def test_out_of_grammar_speech_is_not_caught_and_asked_again(
    tmp_path: Path, db: Path, speak, unrelated: str  # type: ignore[no-untyped-def]
) -> None:
    wav = speak([unrelated, "not tonight"], tmp_path / "reply.wav")
    out = run_cli("evening", "--once", "--as", "sam", "--audio", str(wav), "--json",
                  "--no-speak", "--db", str(db), "--engine", "pocketsphinx", "--seed", "1")
    assert out.returncode == 0, out.stderr
    said = [(e["act"], e["text"]) for e in json_lines(out.stdout) if e["role"] == "assistant"]
    assert said[0][0] == "invitation"
    assert said[1][0] == "reprompt" and str(said[1][1]).startswith("Sorry, I didn't catch that.")
    assert "snooze" not in [a for a, _ in said]
    assert said[-1][0] == "closing"  # the second reply, "not tonight", is heard as it was said


def test_a_framed_decline_the_grammar_turned_down_is_taken_from_the_open_reading(
    tmp_path: Path, db: Path, speak  # type: ignore[no-untyped-def]
) -> None:
    # The grammar's checks turn "nah, not tonight, thanks" down (its frame is outside every
    # phrase); the open model's reading means the same decline, so no second question is asked.
    wav = speak(["nah not tonight thanks"], tmp_path / "reply.wav")
    out = run_cli("evening", "--once", "--as", "sam", "--audio", str(wav), "--json",
                  "--no-speak", "--db", str(db), "--engine", "pocketsphinx", "--seed", "1")
    assert out.returncode == 0, out.stderr
    said = [e["act"] for e in json_lines(out.stdout) if e["role"] == "assistant"]
    assert said == ["invitation", "closing"], said


def test_a_word_that_only_sounds_like_an_answer_is_asked_again(
    tmp_path: Path, db: Path, speak  # type: ignore[no-untyped-def]
) -> None:
    # The grammar forces "stars" onto "start" and its checks take it (it sounds alike); the open
    # model reads "stars", which is no answer, so the decoders disagree (round 9): asked again,
    # never started.
    wav = speak(["stars", "not tonight"], tmp_path / "reply.wav")
    out = run_cli("evening", "--once", "--as", "sam", "--audio", str(wav), "--json",
                  "--no-speak", "--db", str(db), "--engine", "pocketsphinx", "--seed", "1")
    assert out.returncode == 0, out.stderr
    said = [(e["act"], e["text"]) for e in json_lines(out.stdout) if e["role"] == "assistant"]
    assert said[1][0] == "reprompt" and str(said[1][1]).startswith("Sorry, I didn't catch that.")
    assert said[-1][0] == "closing", said
