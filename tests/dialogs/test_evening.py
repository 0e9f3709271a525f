"""The evening invitation: yes, later (with minutes), no, unclear; who is checking in."""

from __future__ import annotations

import random

import pytest

from dialogs.evening import (
    DEFAULT_SNOOZE,
    OPEN_GAIN_CEILING,
    Invitation,
    InvitationReply,
    classify_invitation,
    decline_text,
    heard_reply,
    invitation_text,
    recognise_name,
    second_opinion,
    snooze_text,
    who_again_text,
)


@pytest.mark.parametrize(
    ("reply", "kind", "minutes"),
    [
        ("yes", Invitation.YES, None), ("sure", Invitation.YES, None),
        ("let's do it", Invitation.YES, None), ("okay", Invitation.YES, None),
        ("yeah I'm ready", Invitation.YES, None),
        ("later", Invitation.LATER, DEFAULT_SNOOZE), ("not now", Invitation.LATER, 30),
        ("in ten minutes", Invitation.LATER, 10), ("give me half an hour", Invitation.LATER, 30),
        ("ask me again in an hour", Invitation.LATER, 60), ("in 15 min", Invitation.LATER, 15),
        ("twenty five minutes please", Invitation.LATER, 25),
        ("an hour and a half", Invitation.LATER, 90),
        ("in a couple of hours", Invitation.LATER, 120),
        ("no thanks, maybe later", Invitation.LATER, 30),
        ("not tonight", Invitation.NO, None), ("no thanks", Invitation.NO, None),
        ("nah I'm too tired", Invitation.NO, None),
        ("banana", Invitation.UNCLEAR, None), ("", Invitation.UNCLEAR, None),
    ],
)
def test_invitation_replies(reply: str, kind: Invitation, minutes: int | None) -> None:
    assert classify_invitation(reply) == InvitationReply(kind, minutes)


def test_minutes_only_with_later() -> None:
    with pytest.raises(ValueError):
        InvitationReply(Invitation.YES, 5)


@pytest.mark.parametrize(
    ("reply", "name"),
    [("it's Sam", "Sam"), ("Alex here", "Alex"), ("sam", "Sam"), ("this is alex", "Alex"),
     ("alexx", "Alex"), ("hmm", None), ("Sam and Alex", None)],
)
def test_who_is_checking_in(reply: str, name: str | None) -> None:
    assert recognise_name(reply, ["Sam", "Alex"]) == name


def test_evening_phrases() -> None:
    rng = random.Random(0)
    assert invitation_text("Sam", rng) == "Hi Sam, ready for your evening check-in?"
    assert "ready" in invitation_text(None, rng)
    assert "10 minutes" in snooze_text(10, rng)
    assert decline_text(rng)
    assert "Sam or Alex" in who_again_text(["Sam", "Alex"])


@pytest.mark.parametrize(
    "heard,kind",
    [
        ("in a", Invitation.LATER),  # an unfinished "in an hour": every "in ..." phrase is later
        ("give me", Invitation.LATER),
        ("not", Invitation.NO),  # most phrases that begin "not" decline ("not tonight")
        ("hello there", Invitation.UNCLEAR),  # begins no grammar phrase
    ],
)
def test_unfinished_grammar_paths_take_the_meaning_of_the_phrases_they_begin(
    heard: str, kind: Invitation
) -> None:
    assert classify_invitation(heard).kind is kind


@pytest.mark.parametrize(("rejected", "heard", "taken"), [
    # The open model heard a framed reply the grammar forced onto one of its phrases.
    ("let's do it", "okay let's do it", "let's do it"),
    ("not tonight", "nah not tonight", "not tonight"),
    ("in ten minutes", "maybe in ten minutes", "in ten minutes"),
    ("in a", "in a bit", "in a"),  # an unfinished grammar path keeps the meaning it has
    # Readings that do not agree leave the reply unheard: another kind, another snooze time,
    # an open reading that means nothing, a grammar reading that means nothing.
    ("let's do it", "let's skip tonight", ""),
    ("in ten minutes", "in twenty minutes", ""),
    ("yes", "the weather is nice", ""),
    ("", "okay let's do it", ""),
    ("yes", "", ""),
    # A yes is never taken from a reading that holds a word that turns it around.
    ("let's start", "don't start yet okay", ""),
    ("go ahead", "skip go ahead", ""),
])
def test_second_opinion_takes_a_turned_down_reply_only_when_both_readings_agree(
    rejected: str, heard: str, taken: str
) -> None:
    assert second_opinion(rejected, heard) == taken



@pytest.mark.parametrize(("grammar", "readings", "taken"), [
    # Both decoders give the same kind of answer: the grammar's word is taken.
    ("yes", ["yes"], "yes"),
    ("yeah", ["yes", "yet"], "yeah"),
    ("no", ["nope"], "no"),
    ("later", ["later on"], "later"),
    ("sure", ["share", "cher", "shark", "sure"], "sure"),  # one of the readings agrees
    # Words that sound like an answer, which the open model reads as themselves.
    ("no", ["know"], ""),
    ("start", ["stars", "star is", "starts"], ""),
    ("later", ["ladder", "letter"], ""),
    ("no", [], ""),
    ("sure", ["share", "cher", "shark"], ""),
    # Another kind of answer: the grammar's word is not taken.
    ("yes", ["no"], ""),
    ("nope", ["not tonight"], "nope"),  # a no in other words agrees
    # A word that turns it around never lets a yes through.
    ("okay", ["not okay"], ""),
    ("go", ["skip go"], ""),
    # Longer phrases rest on the grammar's own checks.
    ("let's do it", ["let's hear it"], "let's do it"),
])
def test_a_short_reply_the_checks_take_counts_only_when_both_decoders_agree_in_kind(
    grammar: str, readings: list[str], taken: str
) -> None:
    assert heard_reply(grammar, readings, accepted=True) == taken


@pytest.mark.parametrize(("grammar", "readings", "phone_fit", "taken"), [
    # Real decodes (flite voices, round 11): the open model reads the word itself first and
    # the grammar fits it loosely, so it is asked again.
    ("start", ["star", "starr", "stark", "starter", "start"], -37.0, ""),
    ("yup", ["yelp", "yup", "he helped", "he help", "yeah up"], -50.0, ""),
    ("not tonight", ["a lot tonight", "shot tonight"], -42.0, ""),
    ("check in", ["chicken", "chuck and", "chickens", "check and", "chick and"], -43.0, ""),
    # Real answers the open model misreads first, which the grammar fits well, still count.
    ("sure", ["share", "cher", "sure", "shark", "chair"], -15.0, "sure"),
    ("snooze", ["it's news", "snooze", "its news", "so news"], -22.0, "snooze"),
    ("of course", ["and cars", "of cars", "but cars", "have cars"], -32.0, "of course"),
    # The best reading backs it: the fit is not asked.
    ("later", ["later", "layer", "labour"], -50.0, "later"),
    # A well-fitted single word still needs one reading of its kind.
    ("later", ["ladder", "letter"], -10.0, ""),
    # Longer phrases rest on the grammar's own checks.
    ("give me a minute", ["give me an enemy"], -50.0, "give me a minute"),
])
def test_a_short_reply_the_best_reading_does_not_back_needs_a_good_phone_fit(
    grammar: str, readings: list[str], phone_fit: float, taken: str
) -> None:
    assert heard_reply(grammar, readings, accepted=True, phone_fit=phone_fit) == taken


def test_a_skip_never_becomes_a_yes_however_well_it_fits() -> None:
    assert heard_reply("go", ["skip go", "go"], accepted=True, phone_fit=-5.0) == ""
    assert heard_reply("go", ["hello", "go"], accepted=True, phone_fit=-5.0) == "go"
    assert heard_reply("go", ["skip go"], accepted=True, phone_fit=-5.0) == ""
    assert heard_reply("go", ["skip go"], accepted=True, phone_fit=-50.0) == ""


def test_a_reply_the_checks_turn_down_gets_the_second_opinion() -> None:
    assert heard_reply("let's do it", ["okay let's do it"], accepted=False) == "let's do it"
    assert heard_reply("let's do it", ["okay let's not do it"], accepted=False) == ""
    assert heard_reply("let's do it", [], accepted=False) == ""


def test_the_second_opinion_may_come_from_the_second_reading() -> None:
    # Round 13: "nope skip it tonight" (rms) read first "nope stupid tonight", second as said.
    said = ["nope stupid tonight", "nope skip it tonight", "nope skidded tonight"]
    assert heard_reply("no thank you", said, accepted=False) == "no thank you"
    # Never a third reading, nor a lower one after a sound the one word lacks ("goat").
    assert heard_reply("no thank you", ["nope stupid", "no stupid", "nope skip it"],
                       accepted=False) == ""
    assert heard_reply("go", ["good", "go"], accepted=True, gain=26.6) == ""


@pytest.mark.parametrize(("grammar", "readings", "gain", "taken"), [
    # Real decodes (flite voices, round 12): the grammar's one word leaves a sound to silence
    # that the open model's best reading has a phone for, so it is asked again.
    ("go", ["good", "go"], 26.6, ""),
    ("no", ["nose", "no", "knows"], 28.2, ""),
    ("sure", ["short", "sure"], 20.0, ""),
    # A one-word answer the open reading fits about as well counts as before.
    ("snooze", ["snooze"], 4.3, "snooze"),
    ("start", ["scott", "start"], 3.5, "start"),
    ("later", ["later", "layer"], None, "later"),
    # Turned down, it still gets the second opinion: a filler before the word is no answer
    # of its own ("um okay" forced onto "ok").
    ("ok", ["um okay"], 10.3, "ok"),
    # Longer phrases are not weighed by it (a natural "sounds good to me" forced onto
    # "sounds good" leaves "to me" to silence, and was taken before round 12).
    ("sounds good", ["sounds good to me"], 22.3, "sounds good"),
])
def test_a_one_word_reply_must_fit_the_whole_sound_about_as_well_as_the_open_reading(
    grammar: str, readings: list[str], gain: float | None, taken: str
) -> None:
    assert heard_reply(grammar, readings, accepted=True, phone_fit=-10.0, gain=gain) == taken


def test_the_gain_ceiling_is_where_a_one_word_reply_turns() -> None:
    at, above = OPEN_GAIN_CEILING, OPEN_GAIN_CEILING + 0.1
    assert heard_reply("go", ["good", "go"], accepted=True, gain=at) == "go"
    assert heard_reply("go", ["good", "go"], accepted=True, gain=above) == ""
    # The open reading said the same word: its gain is 0 by construction, never above.
    assert heard_reply("go", ["go"], accepted=True, gain=0.0) == "go"
