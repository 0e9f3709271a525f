"""Round 39 and what v38 showed: a goodbye letter for workmates is no farewell from life, while one
for the family still is; a denial at the safety check in everyday English is a no; going out "and
just not coming back" is asked about; crisis words in Persian and Hungarian the phrasebook lacked;
and the crisis lines never open with the same sentence, so a check-in with several safety
questions says nothing twice."""

from __future__ import annotations

import pytest

from dialogs.classify import crisis_rules
from dialogs.locale import load
from dialogs.safety import AtCheck, read_check
from dialogs.text import sentences
from dialogs.understand import Intent, understand

from .conftest import drive, kinds

CRISIS_LINES = ("safety", "safety.again", "safety_check", "safety_check.again",
                "safety_check.elsewhere", "safety_check.no", "acknowledge.outer",
                "acknowledge.private.crisis", "acknowledge.continue", "closing.safety")


@pytest.mark.parametrize("text", [
    "escrevi a carta de despedida pro pessoal do trabalho, saio sexta",
    "skrev afskedsbrev til kollegerne, sidste dag i morgen",
    "tulis surat perpisahan untuk bos, berhenti kerja minggu depan",
    "I buy sniper for the cockroach for kitchen",
])
def test_a_goodbye_for_workmates_or_poison_for_pests_is_no_crisis_by_rule(text: str) -> None:
    assert crisis_rules(text)[0] == 0


@pytest.mark.parametrize("text", [
    "escrevi uma carta de despedida pra minha familia",
    "tulis surat perpisahan untuk anak-anak, besok aku pergi selamanya",
    "I don buy sniper, I wan drink am tonight",
])
def test_a_goodbye_to_family_or_poison_to_drink_is_still_crisis(text: str) -> None:
    assert understand(text, "sad").intent == Intent.SAFETY


@pytest.mark.parametrize(("text", "got"), [
    ("Lord no, I ain't gonna hurt myself. Just wore out.", AtCheck.NO),
    ("i would never hurt myself, i have my kids", AtCheck.NO),
    ("no i wont hurt myself", AtCheck.NO),
    ("I ain't gonna hurt myself, but I think about it", AtCheck.YES),
    ("no, I'm not gonna hurt myself but I want to die", AtCheck.YES),
])
def test_a_denial_in_everyday_english_at_the_safety_check(text: str, got: AtCheck) -> None:
    assert read_check(text, "sad", "en-us") == got


@pytest.mark.parametrize(("text", "tier"), [
    ("thought about taking the boat out past the point and just not coming back in", 2),
    ("some nights I think of walking into the sea and not coming back", 2),
    ("taking the boat out and not coming back till sunday, need a break", 0),
    ("I want to go to Spain and never come back, it was so lovely", 0),
    ("Qors-ha ro jam kardam. Chehel ta.", 1),
    ("vagom magam megint tegnap este", 1),
])
def test_going_out_and_not_coming_back_and_new_crisis_words(text: str, tier: int) -> None:
    assert crisis_rules(text)[0] == tier


def test_no_two_crisis_lines_share_a_sentence() -> None:
    phrases = load("en-us").phrases
    seen: dict[str, str] = {}
    clash = []
    for name in CRISIS_LINES:
        for variant in phrases.all(name):
            for sentence in sentences(variant):
                if seen.setdefault(sentence, name) != name:
                    clash.append((sentence, seen[sentence], name))
    assert clash == []


def test_three_safety_questions_in_one_check_in_say_nothing_twice() -> None:
    _, outs = drive(["I was mad at the bus driver",
                     "vagom magam megint tegnap este is csak hogy erezzek valamit",
                     "no, let's go on please",
                     "I feel like a burden on everyone",
                     "not sure",
                     "no no, just tired",
                     "I want to disappear",
                     "no, really, go on"])
    said = [s for out in outs for a in out.acts for s in sentences(a.text)]
    asked = [k for out in outs for k in kinds(out) if k.startswith("safety")]
    assert len(asked) >= 3
    assert [s for s in set(said) if said.count(s) > 1
            if not s.startswith(("what ", "did you"))] == []


def test_hungarian_joy_is_no_reason_to_ask_the_safety_question() -> None:
    assert understand("A barátnőm felhívott, jólesett.", "glad").intent == Intent.FEELING
