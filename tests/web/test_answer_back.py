"""Answering by voice: listen offers, coaches, sends; the speaker hears it at the next check-in."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import conversation_wav, run_cli

from dialogs.acts import Emotion
from dialogs.answer_back import AnswerBack, Step
from dialogs.coach import About
from dialogs.locale import load
from store import Store
from store.replies import Replies

SAM = About("Sam", Emotion.MAD, "My boss took credit for my work and I was furious", 3)


def test_the_dialog_coaches_then_sends_the_second_try() -> None:
    talk = AnswerBack(SAM, load("en-us"))
    assert talk.start().say == ("Would you like to say something back to Sam?",)
    coached = talk.hear("You should just quit.")
    assert coached.send is None and coached.advice is not None and not coached.advice.ok
    assert "Sam may first want to feel heard" in coached.say[0]
    assert "furious" in coached.say[0] and coached.say[-1] == "Want to try again?"
    assert talk.hear("yes").say == ("Go ahead.",)
    sent = talk.hear("No wonder you felt furious.")
    assert sent.send == "No wonder you felt furious." and not sent.anyway and sent.done


@pytest.mark.parametrize("first", ["no", "nothing", "no thanks"])
def test_declining_sends_nothing(first: str) -> None:
    talk = AnswerBack(SAM, load("en-us"))
    talk.start()
    turn = talk.hear(first)
    assert turn.done and turn.send is None and talk.step == Step.DONE


def test_keeping_a_coached_reply_sends_it_as_said() -> None:
    talk = AnswerBack(SAM, load("en-us"))
    talk.start()
    talk.hear("At least you still have a job.")
    turn = talk.hear("no")
    assert turn.send == "At least you still have a job." and turn.anyway


def _shared_checkin(db: Path) -> None:
    answers = "My boss took credit for my work and I was furious\nnothing\nnothing\nnothing\nyes\n"
    done = run_cli("checkin", "--as", "Sam", "--text", "--db", str(db), input=answers)
    assert done.returncode == 0, done.stderr
    made = run_cli("token", "create", "--as", "Sam", "--for", "Alex", "--db", str(db))
    assert made.returncode == 0, made.stderr


def _next_checkin_hears(db: Path, expected: str) -> None:
    later = run_cli("checkin", "--as", "sam", "--text", "--db", str(db), input="stop\n")
    assert later.returncode == 0, later.stderr
    first = later.stdout.splitlines()[0]
    assert first == f"Heartline: Alex heard your check-in and said: {expected}"
    again = run_cli("checkin", "--as", "sam", "--text", "--db", str(db), input="stop\n")
    assert "heard your check-in" not in again.stdout  # once only


def test_typed_answer_back_reaches_the_next_checkin(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    _shared_checkin(db)
    said = "You should just quit.\nyes\nNo wonder you felt furious.\n"
    heard = run_cli("listen", "--as", "alex", "--answer", "--text", "--no-speak", "--db", str(db),
                    input=said)
    assert heard.returncode == 0, heard.stderr
    assert "That might sound like advice." in heard.stdout
    assert "Sent. Sam will hear it at their next check-in." in heard.stdout
    _next_checkin_hears(db, "No wonder you felt furious.")


def test_spoken_answer_back_is_heard_coached_and_sent(tmp_path: Path) -> None:
    """Real speech (flite) through PocketSphinx: a fixing reply, then an empathic one."""
    db = tmp_path / "h.db"
    _shared_checkin(db)
    wav = conversation_wav(
        ["you should quit your job", "yes", "that sounds really hard"], tmp_path / "alex.wav"
    )
    heard = run_cli("listen", "--as", "alex", "--answer", "--audio", str(wav), "--no-speak",
                    "--engine", "pocketsphinx", "--db", str(db))
    assert heard.returncode == 0, heard.stderr
    assert "That might sound like advice." in heard.stdout, heard.stdout
    assert "Sent." in heard.stdout
    with Store.open(db) as st:
        sent = Replies(st).to_speaker(st.find_person("Sam"))
    assert len(sent) == 1 and "hard" in sent[0].text.lower(), sent
    _next_checkin_hears(db, sent[0].text)
