"""Round 40: a no at the safety check that opens with laughter or an interjection ("hahaha hindi",
"555 ไม่ๆ"), says its no twice, or is written without spaces ("哈哈不是不是，我只是累了") is heard
as the no it is; laughter before a yes or a hedge never makes a no."""

from __future__ import annotations

import pytest

from dialogs.safety import AtCheck, _says_no, clear_no_at_check, read_check


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
