"""After reading v36 (tuned, not held out): a no of another language before a pause carries on
past the offer to stop, as "no, ..." does in English; goodbye letters in Romanian, a step from a
window in Russian, "nothing has any taste" in Quebec French and "never get up again" are crisis."""

from __future__ import annotations

import pytest

from dialogs.safety import AtOffer, read_offer
from dialogs.understand import Intent, understand


@pytest.mark.parametrize("reply", [
    "não, quero seguir mais um pouco",  # Portuguese: no, I want to go on a bit more
    "nein, lass uns weitermachen",  # German: no, let's carry on
    "non, on continue",  # French: no, we go on
])
def test_a_no_of_another_language_carries_on_past_the_offer(reply: str) -> None:
    assert read_offer(reply, "en-us", "glad") is AtOffer.GO_ON, reply


@pytest.mark.parametrize("reply", ["não, não aguento mais", "sim, vamos parar", "não sei"])
def test_crisis_a_yes_or_a_turn_never_carries_on(reply: str) -> None:
    assert read_offer(reply, "en-us", "glad") is not AtOffer.GO_ON, reply


@pytest.mark.parametrize(("reply", "at"), [
    ("am lasat scrisoarea de adio pe masa din bucatarie", "sad"),  # Romanian: the goodbye letter
    ("stau seara pe balcon si ma gandesc la scrisorile de adio pe care le-am scris", "sad"),
    ("живу на седьмом, иногда хочется шагнуть с балкона", "fear"),  # Russian: step off the balcony
    ("j'ai pu le goût de rien depuis des semaines", "sad"),  # Quebec French: no taste for anything
    ("some mornings I just want to stay down and never get up again", "sad"),
])
def test_goodbye_letters_a_step_a_lost_taste_and_never_getting_up_are_crisis(reply: str,
                                                                             at: str) -> None:
    assert understand(reply, at).intent in (Intent.SAFETY, Intent.SAFETY_CHECK), reply


@pytest.mark.parametrize(("reply", "at"), [
    ("our old dog lay down by the fire and never got up again", "sad"),
    ("am scris scrisoarea de intentie pentru job si sunt mandra", "glad"),  # a cover letter
    ("шагнул с подножки автобуса и подвернул ногу, злюсь", "mad"),  # stepped off the bus step
])
def test_a_pet_a_cover_letter_and_a_step_off_a_bus_stay_calm(reply: str, at: str) -> None:
    assert understand(reply, at).intent not in (Intent.SAFETY, Intent.SAFETY_CHECK), reply


@pytest.mark.parametrize("reply", ["Who'd see it?", "who'll hear all that",
                                   "where's it kept then?"])
def test_a_question_word_first_at_the_share_prompt_is_answered_or_asked_again_never_a_yes(
    reply: str
) -> None:
    assert understand(reply, "share").intent in (Intent.QUESTION, Intent.UNCLEAR), reply


def test_who_would_hear_it_is_answered_as_a_question_about_who_hears() -> None:
    got = understand("Who'd hear it?", "share")
    assert (got.intent, got.topic) == (Intent.QUESTION, "who_hears"), got


@pytest.mark.parametrize("reply", ["will she hear all of it?", "does he get my voice or yours",
                                   "would they hear this part too"])
def test_a_question_about_who_hears_is_never_a_yes(reply: str) -> None:
    assert understand(reply, "share").intent in (Intent.QUESTION, Intent.UNCLEAR), reply


@pytest.mark.parametrize("reply", ["why not", "why not, send it", "yes go ahead",
                                   "can you send it to her", "could you share it with him"])
def test_why_not_and_a_request_are_still_a_yes(reply: str) -> None:
    assert understand(reply, "share").intent is Intent.YES, reply


@pytest.mark.parametrize(("reply", "at"), [
    ("mama zrobiła sernik, po prostu niebo w gębie", "glad"),  # Polish: heaven in the mouth
    ("әкем ауырып қалды, мұңды болдым бүгін", "sad"),  # Kazakh: dad fell ill, I was sad today
])
def test_heaven_on_a_plate_and_sadness_named_in_kazakh_stay_calm(reply: str, at: str) -> None:
    assert understand(reply, at).intent not in (Intent.SAFETY, Intent.SAFETY_CHECK), reply
