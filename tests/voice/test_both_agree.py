"""Short replies, round 9: a short reply the invitation grammar's checks take counts only when the
open model's reading of the same sound agrees in kind (dialogs.evening.heard_reply, issue 10), on
real flite speech and the real PocketSphinx engine."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from helpers import taken_at_invitation, transcribed_at_invitation

from dialogs.evening import Invitation
from voice.audio import Audio
from voice.sphinx_engine import SphinxRecognizer

_heard = transcribed_at_invitation
_taken = taken_at_invitation


@pytest.mark.parametrize(("said", "forced"), [("stars", "start"), ("store", "start"),
                                              ("ladder", "later")])
def test_a_word_that_sounds_like_an_answer_is_asked_again(
    sphinx: SphinxRecognizer, flite: Callable[..., Audio], said: str, forced: str
) -> None:
    t = _heard(sphinx, flite(said, "slt"))
    # The grammar forces it onto an answer and its checks take it (it sounds alike) ...
    assert (t.text, t.out_of_grammar) == (forced, False), t
    assert t.open_readings, t
    # ... but the open model reads the word itself, so the decoders disagree.
    assert _taken(t) is Invitation.UNCLEAR, t


@pytest.mark.parametrize(("said", "voice", "kind"), [
    ("yes", "slt", Invitation.YES), ("start", "slt", Invitation.YES),
    ("sure", "slt", Invitation.YES), ("later", "slt", Invitation.LATER),
    ("no", "slt", Invitation.NO), ("nope", "kal16", Invitation.NO),
    ("later", "rms", Invitation.LATER),
])
def test_a_one_word_answer_both_decoders_hear_is_taken(
    sphinx: SphinxRecognizer, flite: Callable[..., Audio], said: str, voice: str,
    kind: Invitation
) -> None:
    t = _heard(sphinx, flite(said, voice))
    assert not t.out_of_grammar and t.open_readings, t
    assert _taken(t) is kind, t


@pytest.mark.parametrize("said", ["skip", "not now", "let's skip it tonight"])
def test_skipping_or_not_never_becomes_a_yes(
    sphinx: SphinxRecognizer, flite: Callable[..., Audio], said: str
) -> None:
    for voice in ("slt", "kal16"):
        assert _taken(_heard(sphinx, flite(said, voice))) is not Invitation.YES
