"""What held-out v17 and v18 found (issue 9): a negated "share" is never a yes, a fear of a named
thing is a feeling, a nothing-word denies the feeling it causes, and privacy said as a request."""

from __future__ import annotations

import pytest

from dialogs.acts import ActKind, Heard
from dialogs.checkin import CheckIn, Settings
from dialogs.classify import asks_private, crisis_rules
from dialogs.safety import clear_no_at_check
from dialogs.text import normalise
from dialogs.understand import Intent, understand


@pytest.mark.parametrize("text", ["no share pls", "dun share pls", "pls dun share",
                                  "doan share it", "dun send"])
def test_a_negated_share_at_the_share_prompt_is_never_a_yes(text: str) -> None:
    assert understand(text, "share").intent in (Intent.NO, Intent.UNCLEAR)


@pytest.mark.parametrize("text", ["why not share it", "share pls", "no worries, send it"])
def test_a_share_with_no_negation_before_it_is_still_a_yes(text: str) -> None:
    assert understand(text, "share").intent == Intent.YES


@pytest.mark.parametrize("text", ["I'm afraid of being alone.", "scared of being on my own",
                                  "worried about losing my job"])
def test_a_short_fear_of_a_named_thing_gets_empathy_not_the_crisis_question(text: str) -> None:
    out = CheckIn.waiting("fear", Settings(seed=0)).hear(Heard(text))
    assert out.acts[0].kind == ActKind.EMPATHY


@pytest.mark.parametrize("text", ["scared of being alone forever, sometimes i dont want to be here",
                                  "afraid of the future, i can't see one for me"])
def test_a_fear_with_crisis_words_after_it_still_gets_a_crisis_act(text: str) -> None:
    out = CheckIn.waiting("fear", Settings(seed=0)).hear(Heard(text))
    assert out.acts[0].kind in (ActKind.SAFETY, ActKind.SAFETY_CHECK)


def test_a_nothing_word_that_caused_the_feeling_denies_it() -> None:
    out = CheckIn.waiting("mad", Settings(seed=0)).hear(
        Heard("Nothing in particular made me angry today."))
    assert all(a.kind != ActKind.EMPATHY for a in out.acts)


@pytest.mark.parametrize("text", [
    "I think I was a bit jealous, maybe angry? Can we not share that part.",
    "I was quite angry with my colleague. However, I would prefer that this not be conveyed to "
    "my wife.",
    "I been lonesome since my brother went back, that one stay with you and me, hear",
    "would you mind leaving that out, I was scared at the clinic",
])
def test_privacy_said_as_a_request_or_preference_is_a_wish(text: str) -> None:
    assert asks_private(tuple(normalise(text).split()), "en-us")


@pytest.mark.parametrize("text", ["I'd rather it not happen again, I was furious",
                                  "my sister shared my secret and I'm furious"])
def test_a_preference_about_the_event_is_not_a_privacy_wish(text: str) -> None:
    assert not asks_private(tuple(normalise(text).split()), "en-us")


@pytest.mark.parametrize("text", ["scared of the funeral, of speaking at it",
                                  "the dog slept on my feet all evening"])
def test_an_answer_to_another_question_is_not_a_clear_no_at_the_safety_check(text: str) -> None:
    assert not clear_no_at_check(text, "en-us")


@pytest.mark.parametrize("text", ["Hindi, pagod lang ako.", "Naa. Nane o dat.",
                                  "no, I'm just worn out"])
def test_a_no_in_other_words_is_still_a_clear_no_at_the_safety_check(text: str) -> None:
    assert clear_no_at_check(text, "en-us")


@pytest.mark.parametrize(("text", "at"), [
    ("i am frightened about the rent going up don't share with my wife she will worry", "fear"),
    ("Cop car sat outside the house for an hour. Keep that off Ray's copy.", "fear"),
    ("ah'm worried sick aboot the cuts. Dinna pit that een in, nae till ah ken mair.", "fear"),
])
def test_privacy_about_a_person_or_their_copy_is_a_wish(text: str, at: str) -> None:
    got = understand(text, at)
    assert got.intent == Intent.FEELING and got.private


def test_a_geordie_dont_before_send_is_never_a_yes() -> None:
    assert understand("divvent send it", "share").intent in (Intent.NO, Intent.UNCLEAR)


@pytest.mark.parametrize(("text", "tier"), [
    ("Nae sure fit ah'm here for ony mair.", 2),
    ("I'd rather be dead than go through another winter like this one.", 2),
    ("this is the last time youll hear from me", 1),
    ("what's the point of the sad one, mate?", 0),
    ("I have returned every borrowed book. I do not expect to be here by midsummer.", 2),
    ("I don't expect to be here long, the meeting ends at five", 0),
    ("Minsan naiisip ko na tumalon na lang sa dagat para matapos na lahat.", 1),
    ("gsto ko n wlang gising bukas, sawa n ko sa buhay", 1),
    ("di ko na kaya pare", 2),
    ("gusto ko na umuwi", 0),
    ("me quiero morir", 1),
    ("Quero morrer, não aguento mais", 1),
    ("je veux mourir", 1),
    ("aku mau mati aja", 1),
    ("Tôi muốn chết cho xong.", 1),
    ("ya no puedo más", 2),
    ("Non ce la faccio più.", 2),
    ("me muero de risa", 0),
    ("ich kann nicht mehr laufen, meine Beine", 0),
    ("j'en peux plus de ce boulot", 0),
])
def test_the_rule_net_since_round_17_in_every_language_it_was_said(text: str, tier: int) -> None:
    """Held-out v17-v19 crisis wordings, Tagalog and the languages bilingual homes mix in, and
    their look-alikes that must stay calm."""
    assert crisis_rules(text, "en-us")[0] == tier


@pytest.mark.parametrize("text", ["no le digas a mi esposa", "ne le dis pas à ma femme",
                                  "wag mo sabihin sa kanya", "não conta pra ele"])
def test_a_privacy_wish_on_its_own_in_another_language_keeps_the_answer_before(text: str) -> None:
    """Said after an answer, in words the model reads as nothing or unclear: the answer before is
    kept private and the question asked again (before: "Got it." and on to the next question)."""
    checkin = CheckIn.waiting("mad", Settings(seed=0))
    checkin.hear(Heard("my brother yelled at me at dinner, I was furious"))
    out = checkin.hear(Heard(text))
    assert understand(text, "sad").intent == Intent.PRIVATE
    assert out.make_private and [a.kind for a in out.acts] == [ActKind.ACKNOWLEDGE,
                                                                ActKind.QUESTION]


@pytest.mark.parametrize("text", ["nothing today", "no, nothing", "I'd rather not say"])
def test_a_reply_with_no_privacy_words_is_not_read_as_a_privacy_wish(text: str) -> None:
    assert understand(text, "sad").intent != Intent.PRIVATE
