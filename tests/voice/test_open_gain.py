"""Short replies, round 12: the grammar's words and the open model's best reading, each forced
onto the whole reply with its silences, as a likelihood ratio per frame (``open_gain``), on real
flite speech against the invitation grammar and in the arithmetic alone."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from helpers import heard_at_invitation

from dialogs.evening import OPEN_GAIN_CEILING, Invitation, classify_invitation, heard_reply
from dialogs.grammar import short_replies
from voice.audio import Audio, concat, silence
from voice.grammar_check import open_gain
from voice.sphinx_engine import SphinxRecognizer
from voice.transcribe import transcribe_with
from voice.types import Transcript


def _taken(t: Transcript) -> Invitation:
    said = t.rejected if t.out_of_grammar else t.text
    return classify_invitation(heard_reply(said, t.open_readings, accepted=not t.out_of_grammar,
                                           phone_fit=t.phone_fit, gain=t.open_gain)).kind


@pytest.mark.parametrize(("said", "voice", "forced"), [
    ("goat", "rms", "go"), ("nose", "rms", "no"), ("shirt", "rms", "sure"),
])
def test_a_word_with_a_sound_the_answer_lacks_is_asked_again(
    sphinx: SphinxRecognizer, flite: Callable[..., Audio], said: str, voice: str, forced: str
) -> None:
    t, check = heard_at_invitation(sphinx, flite(said, voice))
    # The grammar forces it onto a one-word answer, and every check before round 12 takes it:
    assert check is not None and check.said == forced and check.accepted, check
    assert (t.text, t.out_of_grammar) == (forced, False), t
    # ... but the open model's reading has a phone for the sound the answer leaves to silence.
    assert t.open_gain == check.gain and check.gain is not None, check
    assert check.gain > OPEN_GAIN_CEILING, check
    assert _taken(t) is Invitation.UNCLEAR, t


def test_a_recording_keeps_the_gain_of_its_one_utterance(
    sphinx: SphinxRecognizer, flite: Callable[..., Audio]
) -> None:
    audio = concat(silence(0.3), flite("goat", "rms"), silence(0.8))
    t = transcribe_with(sphinx, audio, short_replies("invitation"))
    assert t.text == "go" and t.open_gain is not None and t.open_gain > OPEN_GAIN_CEILING, t
    assert _taken(t) is Invitation.UNCLEAR, t


@pytest.mark.parametrize(("said", "voice", "kind"), [
    ("yes", "slt", Invitation.YES), ("later", "rms", Invitation.LATER),
    ("snooze", "kal16", Invitation.LATER), ("start", "awb", Invitation.YES),
    ("no", "rms", Invitation.NO), ("sure", "slt", Invitation.YES),
])
def test_a_one_word_answer_fits_the_whole_sound_as_well_as_the_open_reading(
    sphinx: SphinxRecognizer, flite: Callable[..., Audio], said: str, voice: str,
    kind: Invitation
) -> None:
    t, check = heard_at_invitation(sphinx, flite(said, voice))
    assert check is not None and check.accepted and check.gain is not None, check
    assert check.gain <= OPEN_GAIN_CEILING, check
    assert _taken(t) is kind, t


def test_the_gain_is_the_whole_alignments_difference_per_frame_of_the_grammars_words() -> None:
    # "go" with the final "t" of "goat" left to the silence after it, against "goat".
    grammar = (("<sil>", "SIL", -100, 30), ("go", "G", -50, 10), ("go", "OW", -150, 15),
               ("<sil>", "SIL", -900, 45))
    heard = (("<sil>", "SIL", -100, 30), ("goat", "G", -50, 10), ("goat", "OW", -100, 12),
             ("goat", "T", -60, 8), ("<sil>", "SIL", -40, 40))
    # (-350 - -1200) over the 25 frames of "go".
    assert open_gain(grammar, heard) == pytest.approx(850 / 25)
    # The same path both ways: no gain.
    assert open_gain(grammar, grammar) == 0.0
    # A missing alignment, or no grammar word, is no evidence either way.
    assert open_gain(grammar, ()) is None
    assert open_gain((), heard) is None
    assert open_gain((("<sil>", "SIL", -10, 5),), heard) is None
