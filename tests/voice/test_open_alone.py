"""Short replies, round 14: speech the invitation grammar finds no path through is read by the open
model alone, and taken only when its best reading is wholly a reply's words and more than one word
(dialogs.evening.heard_reply, issue 10); real flite speech and the real PocketSphinx engine."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from helpers import taken_at_invitation, transcribed_at_invitation

from dialogs.evening import Invitation, classify_invitation, heard_reply
from dialogs.grammar import short_replies
from voice.audio import Audio, concat, silence
from voice.sphinx_engine import SphinxRecognizer

_heard = transcribed_at_invitation
_taken = taken_at_invitation


@pytest.mark.parametrize(("said", "voice", "kind"), [
    ("no i'm too tired", "kal16", Invitation.NO),
    ("yeah alright then", "slt", Invitation.YES),
])
def test_a_reply_the_grammar_found_no_path_through_is_read_by_the_open_model(
    sphinx: SphinxRecognizer, flite: Callable[..., Audio], said: str, voice: str,
    kind: Invitation
) -> None:
    t = _heard(sphinx, flite(said, voice))
    assert t.text == "" and not t.out_of_grammar, t  # the grammar heard nothing
    assert t.open_readings, t
    assert _taken(t) is kind, t


@pytest.mark.parametrize(("said", "voice"), [("hive", "slt"), ("tin", "awb"), ("blanket", "slt")])
def test_a_word_the_grammar_lacks_stays_unheard_whatever_the_open_model_reads(
    sphinx: SphinxRecognizer, flite: Callable[..., Audio], said: str, voice: str
) -> None:
    t = _heard(sphinx, flite(said, voice))
    assert t.text == "", t
    if not t.out_of_grammar:  # no grammar path: a single word's reading is not reported
        assert t.open_readings == (), t
    assert _taken(t) is Invitation.UNCLEAR, t


@pytest.mark.parametrize(("readings", "kind"), [
    (("in a while", "in a wild"), Invitation.LATER),
    (("nah not in the mood", "no not in the mood"), Invitation.NO),
    (("laser printer",), Invitation.UNCLEAR),
    (("maybe in an hour i'm out walking the dog",), Invitation.UNCLEAR),  # words beyond a reply
    ((), Invitation.UNCLEAR),
])
def test_the_open_models_best_reading_alone_stands_only_for_a_whole_reply(
    readings: tuple[str, ...], kind: Invitation
) -> None:
    taken = heard_reply("", readings, accepted=True)
    assert classify_invitation(taken).kind is kind, taken


def test_the_listener_hands_over_speech_the_grammar_found_no_path_through(
    sphinx: SphinxRecognizer, flite: Callable[..., Audio]
) -> None:
    from voice.sources import Listener, Utterance, chunks_from_audio

    click = Audio(b"\xff\x7f\x00\x80" * 160, 16000)  # 20 ms full-scale click: still not an answer
    audio = concat(silence(0.5), click, silence(1.5), flite("no i'm too tired", "kal16"),
                   silence(1.5))
    listener = Listener(sphinx, chunks_from_audio(audio), no_answer_s=30,
                        grammar=short_replies("invitation"))
    got = listener.next_event()
    assert isinstance(got, Utterance), got
    assert got.transcript.text == "" and got.start_s > 1.5, got
    assert _taken(got.transcript) is Invitation.NO, got.transcript
