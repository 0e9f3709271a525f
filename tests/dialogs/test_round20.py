"""What held-out v20 found (issue 9): written by people who mix languages, 22 of its 70 crises got
no crisis act. The rule net now holds the concepts crisis lines listen for (wanting to die, not
wanting to live, never waking up, better off without me, a farewell letter, pills or a plan to end
it; no way out, what is the point of me, tired of living) across the languages bilingual homes
speak, with their calm look-alikes; and a privacy wish said on its own in another language."""

from __future__ import annotations

import pytest

from dialogs.acts import Heard
from dialogs.checkin import CheckIn, Settings
from dialogs.classify import asks_private, crisis_rules
from dialogs.text import normalise

# Wordings written for these tests (not the held-out set's), one or two per language and concept.
CLEAR = [
    "Mwen vle mouri, mwen pa vle viv anko.", "ek wil nie meer lewe nie", "Ik wil dood.",
    "Dwi isio marw.", "bghit nmout", "mo fe ku", "i wan die, na true", "Main marna chahta hoon",
    "Ich hab schon einen Abschiedsbrief geschrieben.", "j'ai gardé des cachets pour en finir",
    "Sie wären alle besser ohne mich.", "ficariam melhor sem mim", "Olmek istiyorum.",
    "mikham bemiram", "thelo na pethano", "ani rotze lamut", "хочу померти", "죽고 싶어요",
    "मैं मरना चाहती हूँ", "আমি আর বাঁচতে চাই না", "我真係唔想活", "Ich möchte nicht mehr aufwachen.",
]
HOPELESS = [
    "No veo ninguna salida.", "je ne vois plus d'issue", "ich sehe keinen Ausweg",
    "Cansada de vivir.", "Wozu lebe ich eigentlich?", "po co ja żyję",
    "zindagi se thak gaya yaar", "m bouke viv",
    "Moeg vir die lewe.", "pagod na ako sa buhay", "活着没意思", "요즘 살기 싫어",
    "quand je ne serai plus là, tu sauras où sont les papiers",
]
CALM = [
    "me muero de risa", "je vais en finir avec ce dossier ce soir",
    "cansado de vivir en esta ciudad", "no veo la salida del parking",
    "po co ja jestem na tym zebraniu", "ek wil doodgaan van die lag",
    "Ich will nicht mehr aufwachen müssen um fünf.", "para que sigo aqui esperando el bus",
    "more chai please, it's cold", "my plan for the bridge game on Sunday",
    "keinen Bock mehr auf Arbeit",
    "I could die of embarrassment", "笑死我", "M bouke ak travay la.",
]


@pytest.mark.parametrize("text", CLEAR)
def test_clear_words_of_crisis_in_other_languages_get_the_safety_act(text: str) -> None:
    assert crisis_rules(text, "en-us")[0] == 1


@pytest.mark.parametrize("text", HOPELESS)
def test_hopeless_words_in_other_languages_get_at_least_the_direct_question(text: str) -> None:
    assert crisis_rules(text, "en-us")[0] in (1, 2)  # tier 1 (the safety act) is graver


@pytest.mark.parametrize("text", CALM)
def test_their_everyday_look_alikes_stay_calm(text: str) -> None:
    assert crisis_rules(text, "en-us")[0] == 0


@pytest.mark.parametrize("text", [
    "Abeg no tell Tunde wetin I yarn just now.", "Paid â dweud hynna wrth Dad.",
    "Zostaw to dla siebie, dobra?", "Das bitte nicht weitersagen.", "Papa nu na dasna ji.",
    "Moenie vir hom sê nie.", "Bitte nicht teilen.", "唔好話俾佢知",
])
def test_dont_tell_in_other_languages_keeps_the_answer_before(text: str) -> None:
    """Said after an answer, the wish keeps that answer private: as a wish, or (when the model
    reads it as an answer of its own, as with the Welsh one) kept private together with the
    answer before, since erring keeps more private."""
    checkin = CheckIn.waiting("mad", Settings(seed=0))
    checkin.hear(Heard("my brother yelled at me at dinner, I was furious"))
    out = checkin.hear(Heard(text))
    assert out.make_private


@pytest.mark.parametrize("text", ["we no yan for long, she was busy",
                                  "ich habe es ihr erzählt, endlich",
                                  "no tell-tale signs, the car just died", "Tak, wyślij Kasi."])
def test_talk_of_telling_is_not_a_privacy_wish(text: str) -> None:
    assert not asks_private(tuple(normalise(text).split()), "en-us")


@pytest.mark.parametrize(("text", "tier"), [
    ("mệt muốn chết, khách khó quá", 0), ("chán muốn chết", 0), ("Tôi muốn chết.", 1),
    ("the cutting is back, i didn't tell anyone", 1),
    ("the cutting board is back in the drawer", 0),
    ("ikiru imi ga nai", 2), ("zendegi hich maani nadare", 2), ("waan ka daalay nolosha", 2),
    ("사는 게 무슨 의미가 있어", 2),
])
def test_round_21_after_scoring(text: str, tier: int) -> None:
    """Held-out v21's misses, in wordings of their own: "X to death" in Vietnamese is an idiom
    unless someone wants to die; self-harm said to be back; no meaning in living."""
    assert crisis_rules(text, "en-us")[0] == tier
