"""Short replies: a grammar word that fits its sound far worse than the open model's reading is
rejected (issue 10, the garbage check), on real flite speech against the invitation grammar."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from helpers import heard_at_invitation

from voice.audio import Audio
from voice.grammar_check import GRAMMAR_WORD_MARGIN, GrammarCheck, _word_margin
from voice.sphinx_engine import SphinxRecognizer


@pytest.mark.parametrize(("said", "voice"), [("sorry", "slt"), ("seventy", "rms"),
                                             ("fifty cents", "slt")])
def test_speech_forced_onto_a_grammar_word_is_out_of_grammar(
    sphinx: SphinxRecognizer, flite: Callable[..., Audio], said: str, voice: str
) -> None:
    # The grammar hears "start", "seven", "fifty minutes"; the open model's words span the same
    # sound and are near in phones, so only the acoustic margin tells them apart.
    t, check = heard_at_invitation(sphinx, flite(said, voice))
    assert check is not None
    assert check.covers and check.near, check
    assert check.margin is not None and check.margin > GRAMMAR_WORD_MARGIN, check
    assert (t.text, t.words, t.out_of_grammar) == ("", (), True)


@pytest.mark.parametrize(("said", "voice"), [("in seven minutes", "awb"),
                                             ("give me three minutes", "kal16"),
                                             ("half hour", "slt"), ("four minutes", "rms")])
def test_grammar_replies_keep_a_small_margin(
    sphinx: SphinxRecognizer, flite: Callable[..., Audio], said: str, voice: str
) -> None:
    t, check = heard_at_invitation(sphinx, flite(said, voice))
    assert check is not None and check.accepted, check
    assert check.margin is not None and check.margin <= GRAMMAR_WORD_MARGIN
    assert (t.text, t.out_of_grammar) == (said, False)


def test_word_margin_sets_each_grammar_word_against_the_same_frames() -> None:
    # Grammar: silence, "seven" on frames 10-49, silence. Open model: "seventy" on 10-59.
    grammar = [("<sil>", -20.0, 0, 9), ("seven", -300.0, 10, 49), ("<sil>", -40.0, 50, 59)]
    heard = [("<sil>", -20.0, 0, 9), ("seventy", -250.0, 10, 59)]
    # "seventy" counts 40 of its 50 frames: -200, so it beats "seven" by 100.
    assert _word_margin(grammar, heard) == pytest.approx(100.0)
    # The worst of several words counts; silences of the grammar are not words.
    two = [("fifty", -100.0, 0, 19), ("minutes", -300.0, 20, 39)]
    assert _word_margin(two, [("fifty", -110.0, 0, 19), ("cents", -150.0, 20, 39)]) == 150.0
    # A grammar word whose score underflowed fits worse than any finite reading; a word where
    # both underflowed says nothing; no word at all says nothing.
    assert _word_margin([("start", -math.inf, 0, 9)], [("sorry", -80.0, 0, 9)]) == math.inf
    assert _word_margin([("start", -math.inf, 0, 9)], [("sorry", -math.inf, 0, 9)]) is None
    assert _word_margin([("<sil>", -5.0, 0, 9)], [("<sil>", -5.0, 0, 9)]) is None


def test_a_check_without_a_margin_leaves_the_other_checks_to_decide() -> None:
    assert GrammarCheck(covers=True, near=True, margin=None).accepted
    assert GrammarCheck(covers=True, near=True, margin=GRAMMAR_WORD_MARGIN).accepted
    assert not GrammarCheck(covers=True, near=True, margin=GRAMMAR_WORD_MARGIN + 1).accepted
    assert not GrammarCheck(covers=False, near=True, margin=0.0).accepted
    assert not GrammarCheck(covers=True, near=False, margin=0.0).accepted
