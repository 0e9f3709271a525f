"""Round 36: a no at the safety check said in Sinhala, Korean, Arabic or Japanese is a no; a word
that cannot say no is never a no to stopping; self-harm in Darija and Indonesian is crisis."""

from __future__ import annotations

import pytest

from dialogs.safety import AtOffer, clear_no_at_check, read_offer
from dialogs.understand import Intent, understand


@pytest.mark.parametrize("reply", [
    "naha naha, ehema deyak na, mahansi witharai",  # Sinhala: no no, nothing like that, just tired
    "aniya, geunyang pigonhaeseo",  # Korean: no, just tired
    "la la mish hek, bas ta3bana",  # Levantine: no no, not like that, just tired
    "いえいえ、ただ疲れてるだけ",  # Japanese: no no, only tired
])
def test_a_no_in_another_language_at_the_safety_check_is_a_no(reply: str) -> None:
    assert clear_no_at_check(reply, "en-us"), reply


@pytest.mark.parametrize("reply", ["la verdad sí, a veces", "yes sometimes", "aniya... maybe"])
def test_a_yes_or_a_doubt_is_still_never_a_clear_no(reply: str) -> None:
    assert not clear_no_at_check(reply, "en-us"), reply


@pytest.mark.parametrize("reply", ["banana", "purple", "window"])
def test_a_word_that_cannot_say_no_does_not_carry_on_past_the_offer(reply: str) -> None:
    assert read_offer(reply, "en-us") is not AtOffer.GO_ON, reply


@pytest.mark.parametrize("reply", [
    "kanjre7 yeddi b lmous kol lila",  # Darija: I cut my hand with a knife every night
    "aku sering mukulin kepala sendiri ke tembok",  # Indonesian: I often hit my head on the wall
])
def test_self_harm_in_darija_and_indonesian_is_crisis(reply: str) -> None:
    assert understand(reply, "sad").intent in (Intent.SAFETY, Intent.SAFETY_CHECK), reply


@pytest.mark.parametrize("reply", ["jre7t yeddi b lmous o ana kan9te3 lbasla",
                                   "Kepalaku kejedot pintu tadi, sakit banget."])
def test_an_accident_in_the_kitchen_or_a_doorway_stays_calm(reply: str) -> None:
    assert understand(reply, "mad").intent not in (Intent.SAFETY, Intent.SAFETY_CHECK), reply
