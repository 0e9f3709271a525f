"""Two-tier crisis handling (issue 9): safety, the safety check, never shared, crisis closing."""

from __future__ import annotations

import pytest

from dialogs.acts import CRISIS_KINDS, Answer, AnswerKind, Emotion, Heard
from dialogs.checkin import CheckIn, Expecting, Settings, Stage
from dialogs.safety import AtCheck, AtOffer, clear_no_at_check, read_check, read_offer

from .conftest import SILENCE, drive, kinds

TIER2 = "I just want it all to stop"


def test_hopeless_words_get_a_direct_question_not_empathy() -> None:
    ci, outs = drive([TIER2])
    out = outs[1]
    assert kinds(out) == ["safety_check"] and out.acts[0].listening
    assert "ending your life" in out.acts[0].text
    assert [a.kind for a in out.answers] == [AnswerKind.SAFETY_CHECK]
    assert out.answers[0].private
    assert ci.expecting == "safety_check"


@pytest.mark.parametrize("reply", ["yes", "sometimes, yeah", "I don't know", "maybe", "why"])
def test_yes_or_unclear_at_the_check_leads_to_safety(reply: str) -> None:
    ci, _ = drive([TIER2])
    out = ci.hear(Heard(reply))
    assert kinds(out) == ["safety"] and "988" in out.acts[0].text
    assert ci.expecting == "safety"


def test_silence_at_the_check_is_a_yes() -> None:
    ci, outs = drive([TIER2, SILENCE])
    assert kinds(outs[-1]) == ["safety"]


@pytest.mark.parametrize("reply", ["no", "no, no, I just meant I'm exhausted", "nope not at all"])
def test_a_clear_no_continues_with_care(reply: str) -> None:
    ci, _ = drive([TIER2])
    out = ci.hear(Heard(reply))
    assert kinds(out) == ["acknowledge", "question:sad"]
    assert "988" in out.acts[0].text
    assert ci.asking == Emotion.SAD


@pytest.mark.parametrize("first", ["I keep thinking about hurting myself", TIER2])
@pytest.mark.parametrize("at_share", ["yes", "share it"])
def test_a_checkin_with_crisis_words_closes_with_the_crisis_line(first: str, at_share: str) -> None:
    after = "no" if first == TIER2 else "no, let's continue"
    ci, outs = drive([first, after, "nothing", "nothing", "nothing", at_share])
    last = outs[-1]
    assert last.done and kinds(last) == ["closing"]
    assert "988" in last.acts[0].text and "sleep well" not in last.acts[0].text.lower()
    crisis = [a for o in outs for a in o.answers if a.kind in CRISIS_KINDS]
    assert crisis and all(a.private for a in crisis)


def test_privacy_on_a_crisis_turn_promises_no_secrecy() -> None:
    ci, outs = drive(["I want to die", "keep this between us"])
    said = " ".join(a.text for a in outs[-1].acts).lower()
    assert "988" in said and "won't tell" not in said and "stays private" not in said
    assert ci.expecting == "safety"


def test_an_answer_with_crisis_words_cannot_be_made_shareable() -> None:
    with pytest.raises(ValueError):
        Answer(Emotion.SAD, Emotion.SAD, AnswerKind.SAFETY, "words", "reply")
    with pytest.raises(ValueError):
        Answer(Emotion.SAD, Emotion.SAD, AnswerKind.SAFETY_CHECK, "words", "reply")


def test_crisis_at_the_share_prompt() -> None:
    ci = CheckIn(Settings(seed=3))
    ci.start()
    for _ in range(4):
        ci.hear(Heard("nothing"))
    out = ci.hear(Heard("whats the point anymore"))
    assert kinds(out) == ["safety_check"]
    out = ci.hear(Heard("no"))
    assert kinds(out)[-1] == "share_prompt"


@pytest.mark.parametrize(
    "reply,wish",
    [("stop", AtOffer.STOP), ("yes please", AtOffer.STOP), ("keep going", AtOffer.GO_ON),
     ("no", AtOffer.GO_ON), ("keep that private", AtOffer.PRIVATE),
     ("i want to kill myself", AtOffer.CRISIS), ("banana", AtOffer.UNCLEAR),
     ("i can't see a way out of any of it", AtOffer.CRISIS),
     ("honestly whats the point anymore", AtOffer.CRISIS)],
)
def test_replies_to_the_safety_offer_read_as_a_wish(reply: str, wish: AtOffer) -> None:
    assert read_offer(reply, "en-us") is wish


@pytest.mark.parametrize(
    "reply,clear_no",
    [("no", True), ("nope", True), ("no, I just meant I am exhausted", True), ("yes", False),
     ("sometimes", False), ("no but sometimes", False), ("maybe", False),
     ("i want to die", False), ("", False), ("no, maybe", False), ("nope, well sometimes", False)],
)
def test_only_a_clear_no_at_the_safety_check_reads_as_no(reply: str, clear_no: bool) -> None:
    assert clear_no_at_check(reply, "en-us") is clear_no


def test_stages_and_what_is_expected_are_typed() -> None:
    ci = CheckIn()
    assert ci.stage is Stage.NEW
    ci.start()
    assert ci.stage is Stage.QUESTION and ci.expecting is Expecting.ANSWER
    ci.hear(Heard(TIER2))
    assert ci.stage is Stage.SAFETY_CHECK and ci.expecting is Expecting.SAFETY_CHECK


EVERYDAY = ["sad about it too honestly, they looked so hurt",
            "the dog slept on my feet all evening and I loved it",
            "my sister is moving to another city next month and I will miss her terribly",
            "the traffic on the way home made me so angry today"]


@pytest.mark.parametrize("reply", EVERYDAY)
def test_an_everyday_answer_at_the_check_gets_the_check_once_more(reply: str) -> None:
    """Going on as if not asked is no answer to the check: ask once more, then a no goes on."""
    ci, outs = drive([TIER2])
    first = outs[1].acts[0].text
    again = ci.hear(Heard(reply))
    assert kinds(again) == ["safety_check"] and again.acts[0].listening
    assert "ending your life" in again.acts[0].text and again.acts[0].text != first
    assert again.answers == ()  # nothing stored, nothing shared from the check's turn
    out = ci.hear(Heard("no, not at all"))
    assert kinds(out)[0] == "acknowledge" and ci.expecting == "answer"


@pytest.mark.parametrize("reply", EVERYDAY)
def test_a_second_answer_that_is_not_a_no_leads_to_safety(reply: str) -> None:
    ci, _ = drive([TIER2])
    ci.hear(Heard(reply))
    out = ci.hear(Heard(reply))
    assert kinds(out) == ["safety"] and "988" in out.acts[0].text


@pytest.mark.parametrize("reply", ["I don't know", "maybe, kind of", "i guess sometimes",
                                   "i feel empty all the time and i want it to end"])
def test_unclear_hedged_or_crisis_words_at_the_check_are_still_a_yes(reply: str) -> None:
    assert read_check(reply, "sad", "en-us") is AtCheck.YES


def test_a_second_safety_act_in_one_checkin_says_the_line_in_other_words() -> None:
    """Words of crisis twice: the crisis line again, never a sentence said before."""
    from dialogs.text import sentences

    for seed in range(20):
        ci, outs = drive(["I keep thinking about hurting myself", "no, let's keep going",
                          "I've written letters to my kids for after I'm gone"],
                         Settings(seed=seed))
        safety = [a.text for o in outs for a in o.acts if a.kind == "safety"]
        assert len(safety) == 2 and all("988" in t for t in safety)
        said = [s for o in outs for a in o.acts for s in sentences(a.text)]
        assert not {s for s in said if said.count(s) > 1}, (seed, said)


GRIEF = "my dad died on sunday and I keep reaching for my phone to call him"


def test_after_a_check_only_the_model_asked_for_two_everyday_answers_are_heard_as_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The model alone took grief for hopelessness; asked twice, the speaker answered the next two
    questions instead: the line is said, and both answers are stored under those questions."""
    import dialogs.checkin as checkin
    from dialogs.understand import Intent, Understood

    real = checkin.understand

    def model_alarmed(text: str, at: str, locale: str = "en-us") -> Understood:
        if text == GRIEF:
            return Understood(Intent.SAFETY_CHECK, 0.45)
        return real(text, at, locale)

    monkeypatch.setattr(checkin, "understand", model_alarmed)
    ci, outs = drive(["nothing really", GRIEF,
                      "the dog slept on my feet all evening and I loved it",
                      "scared of the funeral, of speaking at it"])
    assert kinds(outs[2]) == ["safety_check"] and kinds(outs[3]) == ["safety_check"]
    last = outs[4]
    assert [str(a.kind) for a in last.acts] == ["acknowledge", "empathy", "empathy", "share_prompt"]
    assert "988" in last.acts[0].text
    stored = [(str(a.asked), a.text) for a in last.answers]
    assert stored == [("glad", "the dog slept on my feet all evening and I loved it"),
                      ("fear", "scared of the funeral, of speaking at it")]
    grief = [a for o in outs for a in o.answers if a.text == GRIEF]
    assert grief and all(a.private for a in grief)  # the checked words are never shared


def test_after_hopeless_words_the_rules_know_two_everyday_answers_still_lead_to_safety() -> None:
    _, outs = drive([TIER2, "the dog slept on my feet all evening and I loved it",
                     "scared of the funeral, of speaking at it"])
    assert kinds(outs[3]) == ["safety"]


@pytest.mark.parametrize("reply", ["nein, I'm just worn out from the week",
                                   "no, no, I'm not suicidal, just fed up with the landlord",
                                   "non merci, just tired from the exams",
                                   "Нет, что ты. Просто замоталась на работе.",
                                   "ne, ne, jen jsem unavená",
                                   "No, I'm not having thoughts of ending my life, just tired.",
                                   "no, I have no thoughts of suicide",
                                   "I don't have any thoughts of ending my life, only stress",
                                   "Ei, ei, mitte midagi sellist, lihtsalt väsinud",
                                   "hayi hayi, andikhathali ngento enjalo, ndidiniwe nje"])
def test_a_no_in_another_language_or_denying_the_word_is_a_clear_no(reply: str) -> None:
    assert read_check(reply, "sad", "en-us") is AtCheck.NO


@pytest.mark.parametrize("reply", ["I'm not suicidal but I keep wishing I was dead",
                                   "nein... maybe sometimes",
                                   "Нет... но иногда думаю об этом",
                                   "I'm not having thoughts of ending my life, but I did last week",
                                   "no sé, la verdad", "non lo so", "nie wiem, może", "ne znam",
                                   "Не знаю.", "ei tea", "non sei que dicir",
                                   "haan, kabhi kabhi", "iya, kadang"])
def test_a_denial_with_a_but_or_a_hedge_is_still_a_yes(reply: str) -> None:
    assert read_check(reply, "sad", "en-us") is AtCheck.YES


CRISIS = "I've been planning how I'd do it. There's a rope in the garage."


@pytest.mark.parametrize("reply", [
    "My granddaughter sang me a song on the phone, that was joy.",
    "the dog chewed my good boots, I was livid",
])
def test_an_everyday_answer_at_the_safety_offer_carries_on_and_is_kept(reply: str) -> None:
    ci, outs = drive(["I was fed up with the traffic", CRISIS, reply])
    out = outs[-1]
    said = kinds(out)
    assert said[0].startswith("acknowledge") and "empathy" in said
    assert said[-1] == "question:fear"  # the reply answered the glad question
    assert [(a.asked, a.kind) for a in out.answers] == [(Emotion.GLAD, AnswerKind.FEELING)]
    assert ci.expecting == "answer"


@pytest.mark.parametrize("reply", [
    "I want to keep going", "I'd like to carry on",
    # a no to stopping with why: the model read these at the next question as crisis (round 30)
    "No, I want to go on. Saying it out loud helps me.",
    "no i want to carry on, talking is helping",
    "No. I would like to continue, it helps to talk.", "no I wanna keep going this is helping",
    "No thanks, I want to keep talking. It feels good to get it out."])
def test_wanting_to_go_on_at_the_safety_offer_goes_on(reply: str) -> None:
    assert read_offer(reply, "en-us", "glad") is AtOffer.GO_ON


@pytest.mark.parametrize("reply", ["no, I just want to die", "no, keep going, I don't want to be "
                                   "alive anyway", "no but I want it all to end"])
def test_a_no_to_stopping_with_words_of_crisis_is_still_a_crisis(reply: str) -> None:
    assert read_offer(reply, "en-us", "glad") is AtOffer.CRISIS


def test_an_everyday_answer_after_a_crisis_at_the_last_question_is_not_guessed() -> None:
    # At fear, carrying on would be the share prompt: a yes there must never be guessed.
    got = read_offer("the dog chewed my good boots, I was livid", "en-us", None)
    assert got is not AtOffer.ANSWER
