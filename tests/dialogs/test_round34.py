"""Round 34: good news at the joy question is met warmly; joy in Vietnamese and Tagalog is joy."""

from __future__ import annotations

import pytest

from dialogs.acts import Emotion
from dialogs.locale import load
from dialogs.understand import Intent, understand

from .conftest import drive, kinds


def _lines(name: str) -> set[str]:
    return set(load("en-us").phrases.all(name))


@pytest.mark.parametrize("news", ["got the job", "the baby slept through the night",
                                  "finally got my promotion", "we adopted a puppy"])
def test_good_news_at_the_joy_question_is_met_warmly(news: str) -> None:
    # Read as joy it gets a warm empathy line; read as an event, a warm nudge: never the plain one.
    got = understand(news, "glad")
    _, outs = drive(["nothing", "nothing", news])
    if got.intent == Intent.FEELING:
        assert got.emotions == (Emotion.GLAD,) and kinds(outs[3])[0] == "empathy", outs[3]
    else:
        assert got.bright and kinds(outs[3]) == ["nudge:glad"], (got, outs[3])
        assert outs[3].acts[0].text in _lines("nudge.glad")


def test_an_event_read_as_good_news_gets_the_warm_nudge() -> None:
    _, outs = drive(["nothing", "nothing", "got the job"])
    assert understand("got the job", "glad").bright
    assert outs[3].acts[0].text in _lines("nudge.glad")


@pytest.mark.parametrize("event", ["my car got towed", "we went to the hospital",
                                   "the test results came back"])
def test_other_events_at_the_joy_question_get_the_plain_nudge(event: str) -> None:
    got = understand(event, "glad")
    assert got.intent == Intent.OUTER and not got.bright, got
    _, outs = drive(["nothing", "nothing", event])
    assert outs[3].acts[0].text in _lines("nudge")


def test_good_news_elsewhere_is_not_bright() -> None:
    assert not understand("got the job", "mad").bright


@pytest.mark.parametrize("text", ["Vui vì con được điểm cao", "vui khi ca nha an com chung",
                                  "Ang saya ko ngayon", "naglaro kami sa beach, ang saya"])
def test_joy_said_in_vietnamese_and_tagalog(text: str) -> None:
    got = understand(text, "glad")
    assert got.intent == Intent.FEELING and got.emotions[0] == Emotion.GLAD, got


@pytest.mark.parametrize(("text", "tier"), [
    ("fiquei na ponte um tempão pensando em me jogar", Intent.SAFETY),
    ("poltin itteni tupakalla taas", Intent.SAFETY),
    ("koupila jsem si... ne. zase jsem mlátil hlavou o zeď", Intent.SAFETY_CHECK),
    ("jag skaffat ett rep igår. vet inte varför", Intent.SAFETY_CHECK),
    ("menor selechegn, dekemegn", Intent.SAFETY_CHECK),
    ("faghat mikham hamash tamum beshe", Intent.SAFETY_CHECK),
])
def test_crisis_concepts_found_after_scoring_v33(text: str, tier: Intent) -> None:
    got = understand(text, "sad").intent
    assert got == tier or (tier == Intent.SAFETY_CHECK and got == Intent.SAFETY), (text, got)


@pytest.mark.parametrize("text", ["köpte ett rep till båten", "skaffat ett rep för klättring"])
def test_a_rope_for_the_boat_stays_calm(text: str) -> None:
    assert understand(text, "glad").intent not in (Intent.SAFETY, Intent.SAFETY_CHECK), text


@pytest.mark.parametrize("text", ["ok im out", "alright night night", "okay bye",
                                  "ok, bye for now"])
def test_an_okay_before_a_goodbye_does_not_share(text: str) -> None:
    assert understand(text, "share").intent in (Intent.UNCLEAR, Intent.STOP, Intent.NO), text


@pytest.mark.parametrize("text", ["okay, share it and goodnight", "alright, she can hear it",
                                  "ok send it to him", "fine by me"])
def test_an_okay_with_a_yes_still_shares(text: str) -> None:
    assert understand(text, "share").intent == Intent.YES, text


@pytest.mark.parametrize("loss", ["my dog died last week", "my dad died last year"])
def test_a_loss_told_plainly_is_met_not_nudged(loss: str) -> None:
    got = understand(loss, "sad")
    assert got.intent == Intent.FEELING and got.emotions[0] == Emotion.SAD, got
    _, outs = drive(["nothing", loss])
    assert kinds(outs[2])[0] == "empathy", outs[2]
    assert not any(w in outs[2].acts[0].text.lower() for w in ("a bit", "a little")), outs[2]


@pytest.mark.parametrize("event", ["my phone died", "the car broke down"])
def test_an_everyday_event_is_still_nudged(event: str) -> None:
    assert understand(event, "sad").intent == Intent.OUTER


@pytest.mark.parametrize("text", ["see ya", "see you", "cool, see ya", "catch you later"])
def test_a_goodbye_at_the_share_prompt_does_not_share(text: str) -> None:
    assert understand(text, "share").intent != Intent.YES, text


@pytest.mark.parametrize("text", ["see ya, share it", "send it, goodnight", "let him see"])
def test_a_yes_said_with_a_goodbye_still_shares(text: str) -> None:
    assert understand(text, "share").intent == Intent.YES, text
