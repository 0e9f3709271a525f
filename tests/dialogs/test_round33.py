"""Round 33: tears of joy are joy (vocab/feelings.value), not the sadness "cried" names alone."""

from __future__ import annotations

import pytest

from dialogs.acts import Emotion
from dialogs.understand import Intent, understand


@pytest.mark.parametrize("text", ["we both cried happy tears at the scan",
                                  "tears of joy at the airport",
                                  "my dad cried with joy when I told him"])
def test_tears_of_joy_are_joy(text: str) -> None:
    got = understand(text, "glad")
    assert got.intent == Intent.FEELING and got.emotions == (Emotion.GLAD,), got


@pytest.mark.parametrize(("text", "tier"), [
    ("loaded my dad's shotgun and left a note for my wife on the table", Intent.SAFETY),
    ("wrote the kids letters tonight, then cleaned the pistol", Intent.SAFETY),
    ("shtaret 7abel mbere7, ma 7ada be3ref", Intent.SAFETY_CHECK),
    ("stałam na moście i chciałam przejść przez barierkę", Intent.SAFETY_CHECK),
    ("udah liat atap gedung kantor, tinggal lompat", Intent.SAFETY_CHECK),
])
def test_means_and_goodbyes_found_after_scoring_v32(text: str, tier: Intent) -> None:
    got = understand(text, "sad").intent
    assert got == tier or (tier == Intent.SAFETY_CHECK and got == Intent.SAFETY), (text, got)


@pytest.mark.parametrize("text", [
    "cleaned my rifle for deer season, then wrote a thank-you note to the neighbours",
    "took the shotgun out for the clay shoot and wrote my birthday cards",
    "we crossed the bridge into town and the kids jumped in the puddles",
])
def test_a_gun_or_a_note_in_everyday_life_stays_calm(text: str) -> None:
    assert understand(text, "glad").intent not in (Intent.SAFETY, Intent.SAFETY_CHECK), text


@pytest.mark.parametrize("text", ["Ouais ça me va, envoie-le", "Ie, rhanna fe gyda hi.",
                                  "Hae, pathiye dao na", "Yego, byohereze"])
def test_a_yes_in_another_language_said_first_shares(text: str) -> None:
    assert understand(text, "share").intent == Intent.YES, text


@pytest.mark.parametrize("text", ["yo sab kaha save huncha", "Tha to akousei o Giorgos afto?",
                                  "afraid the factory closes next year", "no, taip ne"])
def test_other_replies_at_the_share_prompt_are_not_a_yes(text: str) -> None:
    assert understand(text, "share").intent != Intent.YES, text


@pytest.mark.parametrize(("text", "no"), [
    ("god forbid, no. just knackered", True),
    ("nothing like that at all, just a long week", True),
    ("la la, msh keda khales, ana bas ta3ban", True),
    ("not like that, but sometimes I wonder", False),
    ("god forbid anyone finds out, but yes", False),
])
def test_god_forbid_and_not_like_that_answer_the_safety_check(text: str, no: bool) -> None:
    from dialogs.safety import clear_no_at_check

    assert clear_no_at_check(text, "en-us") is no, text
