"""Short replies, round 10: a grammar reply counts only when every phone of its words fits the
sound about as well as a free phone loop would (a likelihood ratio per phone of the forced
alignment, ``GRAMMAR_PHONE_FLOOR``), on real flite speech against the invitation grammar."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from helpers import heard_at_invitation

from dialogs.evening import Invitation, classify_invitation, heard_reply
from voice.audio import Audio
from voice.grammar_check import GRAMMAR_PHONE_FLOOR, GRAMMAR_WORD_MARGIN, GrammarCheck
from voice.sphinx_engine import SphinxRecognizer
from voice.types import Transcript


def _taken(t: Transcript) -> Invitation:
    said = t.rejected if t.out_of_grammar else t.text
    return classify_invitation(heard_reply(said, t.open_readings,
                                           accepted=not t.out_of_grammar)).kind


@pytest.mark.parametrize(("said", "voice", "forced"), [
    ("lego", "rms", "let's go"), ("too tight", "awb", "too tired"),
    ("forty winks", "kal16", "forty minutes"), ("smart", "awb", "start"),
])
def test_a_near_homophone_with_a_phone_it_lacks_is_out_of_grammar(
    sphinx: SphinxRecognizer, flite: Callable[..., Audio], said: str, voice: str, forced: str
) -> None:
    t, check = heard_at_invitation(sphinx, flite(said, voice))
    assert check is not None and check.said == forced, check
    # The words span the same sound, are near in phones and fit word by word as well as the open
    # model's reading: only the phone that is not there ("T S" of "let's") gives them away.
    assert check.covers and check.near, check
    assert check.margin is None or check.margin <= GRAMMAR_WORD_MARGIN, check
    assert check.worst_phone is not None and check.worst_phone < GRAMMAR_PHONE_FLOOR, check
    assert (t.text, t.words, t.out_of_grammar) == ("", (), True)
    assert _taken(t) is Invitation.UNCLEAR, t


@pytest.mark.parametrize(("said", "voice"), [
    ("check in", "slt"), ("let's go", "rms"), ("let's do it", "slt"), ("not tonight", "kal16"),
    ("yes", "slt"), ("later", "awb"), ("no thanks", "rms"),
])
def test_grammar_replies_fit_every_phone(
    sphinx: SphinxRecognizer, flite: Callable[..., Audio], said: str, voice: str
) -> None:
    t, check = heard_at_invitation(sphinx, flite(said, voice))
    assert check is not None and check.alignment, check
    # Every phone of the words is aligned, and none falls below the floor.
    assert " ".join(dict.fromkeys(w for w, *_ in check.alignment)) == said, check
    assert check.worst_phone is not None and check.worst_phone >= GRAMMAR_PHONE_FLOOR, check
    assert check.accepted and (t.text, t.out_of_grammar) == (said, False), check


def test_the_worst_phone_is_scored_per_frame() -> None:
    alignment = (("check", "CH", -50, 10), ("in", "IH", -300, 5), ("in", "N", -100, 20))
    check = GrammarCheck(covers=True, near=True, margin=0.0, alignment=alignment)
    assert check.worst_phone == -60.0  # "IH": -300 over 5 frames
    assert check.accepted is (-60.0 >= GRAMMAR_PHONE_FLOOR)
    worse = (("in", "IH", int(GRAMMAR_PHONE_FLOOR * 10) - 10, 10),)
    assert not GrammarCheck(covers=True, near=True, margin=0.0, alignment=worse).accepted
    # No alignment (it failed) is no evidence either way: the other checks decide.
    assert GrammarCheck(covers=True, near=True, margin=0.0).worst_phone is None
    assert GrammarCheck(covers=True, near=True, margin=0.0).accepted
