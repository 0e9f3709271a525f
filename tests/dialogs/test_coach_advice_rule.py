"""Advice said as "you need to / should / must" and a deed is found beside another mistake (issue
11, round 13): the kind model named only the other mistake in such replies."""

from __future__ import annotations

import pytest

from dialogs.coach import Kind, _rule_kinds, advise
from dialogs.locale import load

LANG = load("en-us")


@pytest.mark.parametrize("reply", [
    "My ex did that exact thing at Christmas once. You need to get a restraining order.",
    "Ye should get another pup soon hinny, it'll help. At least she had a canny long life like.",
    "aiyo so sad... u shd take MC tmr and rest properly",
    "I would recommend sending her a calm, measured message.",
    "Same happened to me in 1998. You must to call the Guardia Civil.",
])
def test_second_person_advice_is_found_as_fixing_beside_another_mistake(reply: str) -> None:
    assert Kind.FIXING in {m.kind for m in advise(reply, LANG).mistakes}


@pytest.mark.parametrize("clause", [
    "You must have melted.",
    "You should be so proud of yourself.",
    "You should have had the chance to say goodbye.",
    "you need to calm down it's just one presentation",
    "You must miss her very much.",
])
def test_feelings_wishes_for_them_and_dismissing_are_not_advice_by_rule(clause: str) -> None:
    assert Kind.FIXING not in _rule_kinds(clause)
