"""Short replies, round 8: a reply the invitation grammar's checks turn down keeps the grammar's
words and the open model's readings, and dialogs.evening.second_opinion takes it only when both
mean the same answer (issue 10), on real flite speech and the real PocketSphinx engine."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dialogs.evening import Invitation, classify_invitation, second_opinion
from dialogs.grammar import short_replies
from voice.audio import Audio, concat, silence
from voice.sphinx_engine import SphinxRecognizer
from voice.transcribe import transcribe_with
from voice.types import Transcript


def _heard(sphinx: SphinxRecognizer, audio: Audio) -> Transcript:
    # As the Listener hands over a reply: a little quiet before, the endpoint silence after.
    return transcribe_with(sphinx, concat(silence(0.3), audio, silence(0.8)),
                           short_replies("invitation"))


def _taken(t: Transcript) -> Invitation:
    text = second_opinion(t.rejected, t.open_readings[0]) if t.out_of_grammar else t.text
    return classify_invitation(text).kind


@pytest.mark.parametrize(("said", "voice", "kind"), [
    ("yes please okay", "slt", Invitation.YES),
    ("yes please okay", "kal16", Invitation.YES),
    ("nah not tonight thanks", "slt", Invitation.NO),
])
def test_a_framed_reply_the_checks_turn_down_is_taken_when_the_open_reading_agrees(
    sphinx: SphinxRecognizer, flite: Callable[..., Audio], said: str, voice: str,
    kind: Invitation
) -> None:
    t = _heard(sphinx, flite(said, voice))
    # The grammar's checks still turn it down (its frame is outside every phrase) ...
    assert (t.text, t.words, t.out_of_grammar) == ("", (), True), t
    assert t.rejected and t.open_readings, t
    # ... and the open model's reading, which holds the frame, gives the same answer.
    assert _taken(t) is kind, t


@pytest.mark.parametrize(("said", "voice"), [("let's skip it tonight", "kal16"),
                                             ("let's skip it tonight", "slt")])
def test_skipping_is_never_taken_as_a_yes(
    sphinx: SphinxRecognizer, flite: Callable[..., Audio], said: str, voice: str
) -> None:
    assert _taken(_heard(sphinx, flite(said, voice))) is not Invitation.YES


@pytest.mark.parametrize("voice", ["slt", "kal16"])
def test_speech_near_a_snooze_stays_unheard(
    sphinx: SphinxRecognizer, flite: Callable[..., Audio], voice: str
) -> None:
    # The grammar hears "ten minutes" and the open model "ten minutes ago": the same kind of
    # answer, but "ago" is no word of a reply, so the reply is asked again.
    t = _heard(sphinx, flite("ten minutes ago", voice))
    assert t.out_of_grammar and t.rejected == "ten minutes", t
    assert second_opinion(t.rejected, t.open_readings[0]) == ""


def test_an_open_decode_has_no_second_opinion(
    sphinx: SphinxRecognizer, flite: Callable[..., Audio]
) -> None:
    t = transcribe_with(sphinx, concat(silence(0.3), flite("yes please okay", "slt"),
                                       silence(0.8)))
    assert not t.out_of_grammar and (t.rejected, t.open_readings) == ("", ())
