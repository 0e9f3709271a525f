"""Round 40: a no at the safety check that opens with laughter or an interjection ("hahaha hindi",
"555 ไม่ๆ"), says its no twice, or is written without spaces ("哈哈不是不是，我只是累了") is heard
as the no it is; laughter before a yes or a hedge never makes a no."""

from __future__ import annotations

import pytest

from dialogs.classify import crisis_rules
from dialogs.safety import AtCheck, _says_no, clear_no_at_check, read_check
from dialogs.understand import understand


@pytest.mark.parametrize("text", [
    "lol no, just tired from the double shift",
    "hahaha hindi naman, pagod lang talaga sa trabaho",
    "555 ไม่ๆ แค่เหนื่อยจากงานเฉยๆ",
    "ay no no, es que el trabajo me tiene harta",
])
def test_a_no_after_laughter_or_said_twice_is_a_clear_no(text: str) -> None:
    assert clear_no_at_check(text, "en-us")
    assert read_check(text, "sad", "en-us") is AtCheck.NO


@pytest.mark.parametrize("text", [
    "haha yes sometimes, at night",
    "哈哈有时候会想",
    "lol maybe, idk",
    "hahaha sometimes",
])
def test_laughter_before_a_yes_or_a_hedge_is_never_a_no(text: str) -> None:
    assert not clear_no_at_check(text, "en-us")
    assert read_check(text, "sad", "en-us") is AtCheck.YES


@pytest.mark.parametrize("text", [
    "哈哈哈不是不是，我只是累了",
    "呵呵没有啦就是加班太多",
    "555 ไม่ใช่ๆ แค่ง่วง",
    "aah nahi yaar bas thak gaya",
])
def test_the_opening_no_is_found_past_laughter_and_in_unspaced_runs(text: str) -> None:
    assert _says_no(text, "en-us")


@pytest.mark.parametrize("text", ["不开心，有时候想过", "haha ja, manchmal", "不知道"])
def test_a_run_that_only_begins_like_a_no_is_not_one(text: str) -> None:
    assert not _says_no(text, "en-us")


@pytest.mark.parametrize("text", [
    "n7eb nmout w khlas",  # Maghrebi Arabizi: I want to die, that's it
    "gustu na ku mamatay, kapoy na kaayo",  # Cebuano spelled as said
    "sar khodam ba divar mizanam ta aroom sham",  # Persian: I hit my head against the wall
    "sat with the shotgun in me lap again last night",
])
def test_crisis_words_read_from_v39_are_crisis(text: str) -> None:
    assert crisis_rules(text)[0] == 1


def test_i_cannot_any_more_in_roman_pashto_is_asked_about() -> None:
    assert crisis_rules("noor na shom kawali, der stray yam")[0] == 2


@pytest.mark.parametrize("text", [
    "nheb nmchi lel bhar ghodwa",  # I want to go to the sea tomorrow
    "sar dard daram, khabidam",  # I have a headache, I slept
    "put the rifle in the safe and went to bed",
])
def test_their_everyday_neighbours_are_not(text: str) -> None:
    assert crisis_rules(text)[0] == 0


@pytest.mark.parametrize(("text", "at", "intent"), [
    ("ne go kazvai na nikogo, molya", "sad", "private"),
    ("be hichkas nagu", "sad", "private"),
    ("gard sa pou ou souple", "sad", "private"),
    ("ka kite ano", "mad", "stop"),
    ("để mai nói tiếp nhé", "sad", "stop"),
    ("ba pyaw le?", "fear", "repeat"),
    ("buni qo'y", "mad", "skip"),
    ("befrest, rawan kon", "share", "yes"),
    ("jo schicks nur", "share", "yes"),
])
def test_wishes_in_v39s_words_as_general_forms(text: str, at: str, intent: str) -> None:
    assert understand(text, at).intent == intent
