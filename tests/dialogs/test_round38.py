"""Round 38: the phrasebook's questions back name their topic (who hears it, is it saved, why
ask), so the answer given is the one asked for in any language; Polish "tak" before a word of yes
is a yes, while Malay "tak" before anything else stays a no."""

from __future__ import annotations

import pytest

from dialogs import phrasebook
from dialogs.consent import refuses, torn
from dialogs.locale import LOCALE_ROOT
from dialogs.text import normalise
from dialogs.understand import Intent, understand

WISH_FOLDER = str(LOCALE_ROOT / "en-us" / "wish-words")
ASKED = [(lang.code, concept, s) for lang in phrasebook.languages(WISH_FOLDER)
         for concept, s in lang.examples if concept in ("who_hears", "saved", "why")]


def test_every_language_asks_whether_it_is_saved_and_why() -> None:
    missing = [lang.code for lang in phrasebook.languages(WISH_FOLDER)
               if not {"saved", "why", "who_hears"} <= {p.concept for p in lang.phrases}]
    assert missing == []
    assert len(ASKED) > 700


@pytest.mark.parametrize("at", ["sad", "share"])
def test_a_question_back_from_the_phrasebook_is_answered_on_its_own_topic(at: str) -> None:
    wrong = []
    for code, concept, sentence in ASKED:
        got = understand(sentence, at)
        if got.intent in (Intent.YES, Intent.SAFETY, Intent.SAFETY_CHECK) or (
                got.intent == Intent.QUESTION and got.confidence == 1.0 and got.topic != concept):
            wrong.append((code, concept, sentence, got.intent, got.topic))
    assert wrong == []


@pytest.mark.parametrize(("reply", "topic"), [
    ("这个会录下来吗？", "saved"),  # Mandarin: will this be recorded?
    ("なんで聞くの", "why"),  # Japanese: why do you ask?
    ("¿por qué me preguntas eso?", "why"),  # Spanish: why do you ask me that?
])
def test_a_question_back_in_another_language_gets_its_own_answer(reply: str, topic: str) -> None:
    got = understand(reply, "glad")
    assert (got.intent, got.topic) == (Intent.QUESTION, topic), got


@pytest.mark.parametrize("reply", ["tak mozesz wyslac", "Tak, możesz wysłać", "tak, wyślij jej",
                                   "nai steilto"])
def test_polish_and_greek_yes_before_a_word_of_yes_shares(reply: str) -> None:
    toks = normalise(reply).split()
    assert not refuses(toks, "en-us") and not torn(toks, "en-us")
    assert understand(reply, "share").intent == Intent.YES, reply


@pytest.mark.parametrize("reply", ["tak nak share", "tak boleh hantar", "tak payah",
                                   "nai yaar mat bhejo"])
def test_malay_and_hindi_no_before_another_word_stays_a_no(reply: str) -> None:
    assert refuses(normalise(reply).split(), "en-us"), reply
    assert understand(reply, "share").intent == Intent.NO, reply


# After reading v37 (tuned, not held out).
@pytest.mark.parametrize("reply", [
    "he had me killing myself laughing the whole way home",
    "we were killing ourselves laughing at the dog",
    "I kill myself laughing every time she does that voice",
])
def test_killing_oneself_laughing_is_an_idiom(reply: str) -> None:
    got = understand(reply, "glad")
    assert got.intent == Intent.FEELING and got.idiom, got


@pytest.mark.parametrize("reply", ["I want to kill myself", "i keep thinking of killing myself"])
def test_killing_oneself_without_the_laugh_is_still_crisis(reply: str) -> None:
    assert understand(reply, "sad").intent == Intent.SAFETY, reply


@pytest.mark.parametrize(("reply", "at"), [
    ("שלחתי הודעת פרידה לכולם הבוקר", "sad"),  # Hebrew: I sent a farewell message to everyone
    ("ayaw lang i share, paalam na ko ugma", "share"),  # Cebuano: don't share, goodbye tomorrow
])
def test_a_farewell_to_everyone_is_asked_about(reply: str, at: str) -> None:
    assert understand(reply, at).intent in (Intent.SAFETY, Intent.SAFETY_CHECK), reply


@pytest.mark.parametrize(("reply", "at"), [("Mad. Again.", "mad"), ("sad again", "sad"),
                                           ("scared again", "fear")])
def test_a_feeling_named_again_is_the_feeling_not_a_wish_to_hear_the_question_again(
    reply: str, at: str
) -> None:
    assert understand(reply, at).intent == Intent.FEELING, reply


@pytest.mark.parametrize("reply", ["again?", "mad? again?", "what? again", "say that again"])
def test_again_asked_is_still_a_wish_to_hear_it_again(reply: str) -> None:
    assert understand(reply, "mad").intent == Intent.REPEAT, reply
