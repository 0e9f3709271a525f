"""Something that happened again is an answer, not "say that again" (round 33).

Before round 33 the model read "I lost my keys again", "we argued again" and "it rained again" as
a wish to hear the question again: its repeat rows nearly all hold "again". A reply the model reads
as repeat is now read once more with its again-words cut out (vocab/recurring.rx); when the rest
does not ask to hear anything again, the reply is what happened."""

from __future__ import annotations

import itertools

import pytest

from dialogs.understand import Intent, understand

_EVENTS = ("it snowed", "he was late", "I overslept", "I burned the toast", "he snored",
           "it flooded", "I cried", "the baby woke", "my team lost", "I forgot my lunch",
           "he drank", "the dog escaped", "I got a ticket", "the boiler broke",
           "I failed my driving test")
"""Short events, most of which were read as "say that again" with "again" said after them."""
_AGAIN = ("{} again", "{} again today", "{}, again", "{} yet again")


@pytest.mark.parametrize(("event", "frame"), list(itertools.product(_EVENTS, _AGAIN)))
def test_an_event_that_happened_again_is_an_answer(event: str, frame: str) -> None:
    got = understand(frame.format(event), "mad")
    assert got.intent in (Intent.FEELING, Intent.OUTER), got


@pytest.mark.parametrize("text", [
    "again please", "sorry, again?", "say it again, the kettle was whistling",
    "what did you ask again", "could you ask me that one again", "run that by me again",
    "come again?", "once again please, I was miles away", "pardon, again?",
    "the dog was barking, can you go again",
    "my hearing aid was off, ask again", "show me again?", "sorry love, say again",
])
def test_asking_to_hear_it_again_is_still_a_repeat(text: str) -> None:
    assert understand(text, "sad").intent == Intent.REPEAT, text


def test_only_words_of_again_are_cut_out() -> None:
    # "what was that" keeps its wish with or without "again"; a feeling said is still one.
    assert understand("what was that again", "glad").intent == Intent.REPEAT
    assert understand("we fought again and I was furious", "mad").intent == Intent.FEELING
