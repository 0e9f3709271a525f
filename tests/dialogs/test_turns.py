"""End of turn from the words before a pause (issue 10)."""

from __future__ import annotations

import pytest

from dialogs.turns import Turn, carries_words, has_hold, turn_end, without_hold


@pytest.mark.parametrize(
    ("text", "turn"),
    [
        ("today i felt", Turn.UNFINISHED),
        ("i was angry at work when my", Turn.UNFINISHED),
        ("i was angry at work when mike", Turn.UNFINISHED),  # opener one word back
        ("i was sad because", Turn.UNFINISHED),
        ("i was worried about the", Turn.UNFINISHED),
        ("um", Turn.UNFINISHED),
        ("", Turn.UNFINISHED),
        ("하루 생명 이다", Turn.COMPLETE),  # words the locale cannot read: no reason to wait
        ("i was happy when my son called me tonight", Turn.COMPLETE),
        ("i felt really alone", Turn.COMPLETE),
        ("nothing", Turn.COMPLETE),
        ("hold on", Turn.HOLD),
        ("um let me think", Turn.HOLD),
        ("Give me a second.", Turn.HOLD),
    ],
)
def test_turn_end(text: str, turn: Turn) -> None:
    assert turn_end(text) is turn


def test_without_hold_keeps_the_answer() -> None:
    assert without_hold("hold on i was sad because the trip") == "i was sad because the trip"
    assert without_hold("let me think") == ""
    assert without_hold("i held on to it") == "i held on to it"
    assert has_hold("um hold on i was sad") and not has_hold("i held on to it")


@pytest.mark.parametrize(
    ("text", "talking"),
    [
        ("", False),
        ("um", False),
        ("uh oh okay", False),
        ("the the", False),
        ("and", False),
        ("my boss took credit", True),
        ("um no", True),
        ("wait", True),
    ],
)
def test_carries_words(text: str, talking: bool) -> None:
    # Sound over Heartline's own voice stops it only when it carries words (issue 10).
    assert carries_words(text) is talking
