"""The evening invitation as a pure dialog: strings in, acts and one decision out."""

from __future__ import annotations

import random

import pytest

from dialogs.acts import ActKind
from dialogs.invitation import Action, InvitationDialog, Listening, Stage, Step, display_name
from dialogs.locale import load

SILENCE = None
"""In a script of replies: the speaker said nothing."""


def filled(name: str, **values: str) -> set[str]:
    """Every variant of a phrase, filled, to check a line came from the locale."""
    return {v.format(**values) for v in load().phrases.all(name)}


def run(people: list[str], replies: list[str | None], *, wake: bool = False,
        seed: int = 1) -> tuple[InvitationDialog, list[Step]]:
    """Drive an invitation through the replies; every step, the last one the decision."""
    talk = InvitationDialog(people, random.Random(seed), wake=wake)
    steps = [talk.start()]
    for reply in replies:
        assert steps[-1].action is Action.LISTEN, f"decided before {reply!r}"
        steps.append(talk.silence() if reply is SILENCE else talk.heard(reply))
    return talk, steps


def kinds(steps: list[Step]) -> list[str]:
    return [str(a.kind) for s in steps for a in s.acts]


def test_the_invitation_names_the_person_and_listens_for_a_short_reply() -> None:
    talk, (step,) = run(["sam"], [])
    assert step.action is Action.LISTEN and step.expecting is Listening.INVITATION
    assert [a.kind for a in step.acts] == [ActKind.INVITATION]
    assert step.acts[0].text == load().phrases.first("invitation", name="Sam")
    assert step.acts[0].listening and talk.stage is Stage.INVITED


@pytest.mark.parametrize("yes", ["yes", "sure", "let's do it", "okay", "yeah I'm ready",
                                 "heart line let's check in"])
def test_yes_or_the_wake_phrase_starts_the_checkin(yes: str) -> None:
    talk, steps = run(["sam"], [yes])
    assert steps[-1] == Step(Action.CHECKIN, person="sam")
    assert talk.stage is Stage.DONE


@pytest.mark.parametrize("reply,minutes", [("later", 30), ("not now", 30), ("in ten minutes", 10),
                                           ("give me half an hour", 30),
                                           ("ask me again in an hour", 60), ("in a", 30)])
def test_later_snoozes_for_the_minutes_named(reply: str, minutes: int) -> None:
    _, steps = run(["sam"], [reply])
    last = steps[-1]
    assert last.action is Action.SNOOZE and last.minutes == minutes
    assert [a.kind for a in last.acts] == [ActKind.SNOOZE]
    assert last.acts[0].text in filled("snooze", minutes=str(minutes))


@pytest.mark.parametrize("no", ["not tonight", "no thanks", "nah I'm too tired", "not"])
def test_not_tonight_declines_with_a_kind_closing(no: str) -> None:
    _, steps = run(["sam"], [no])
    last = steps[-1]
    assert last.action is Action.DECLINE and last.person is None and last.minutes is None
    assert [a.kind for a in last.acts] == [ActKind.CLOSING]
    assert last.acts[0].text in filled("decline")


def test_silence_gets_one_gentle_reprompt_then_is_let_be() -> None:
    _, steps = run(["sam"], [SILENCE, SILENCE])
    assert kinds(steps) == ["invitation", "reprompt"]
    question = steps[0].acts[0].text
    assert steps[1].acts[0].text in filled("reprompt", question=question)
    assert steps[1].expecting is Listening.INVITATION
    assert steps[-1] == Step(Action.LEAVE)


def test_a_yes_after_the_reprompt_still_checks_in() -> None:
    _, steps = run(["sam"], [SILENCE, "yes"])
    assert steps[-1] == Step(Action.CHECKIN, person="sam")


@pytest.mark.parametrize("unclear", ["banana", "the weather is nice today", "hello there"])
def test_words_not_caught_are_said_so_and_asked_again_never_guessed(unclear: str) -> None:
    _, steps = run(["sam"], [unclear, "not tonight"])
    again = steps[1].acts[0]
    phrases = load().phrases
    assert again.kind is ActKind.REPROMPT and again.listening
    assert again.text == f"{phrases.first('not-caught')} {phrases.first('invitation.again')}"
    assert steps[-1].action is Action.DECLINE


def test_twice_not_caught_is_let_be() -> None:
    _, steps = run(["sam"], ["banana", "banana"])
    assert kinds(steps) == ["invitation", "reprompt"]
    assert steps[-1] == Step(Action.LEAVE)


def test_silences_and_unclear_replies_are_counted_apart() -> None:
    _, steps = run(["sam"], ["banana", SILENCE, "banana"])
    assert kinds(steps) == ["invitation", "reprompt", "reprompt"]
    assert steps[-1] == Step(Action.LEAVE)
    _, steps = run(["sam"], [SILENCE, "banana", SILENCE])
    assert steps[-1] == Step(Action.LEAVE)
    _, steps = run(["sam"], [SILENCE, "banana", "in ten minutes"])
    assert steps[-1].action is Action.SNOOZE and steps[-1].minutes == 10


# -- two people due together -------------------------------------------------------------------


def test_two_people_are_invited_together_and_asked_who() -> None:
    _, (step,) = run(["sam", "alex"], [])
    text = step.acts[0].text
    assert text.startswith(load().phrases.first("invitation", name="Sam and Alex"))
    assert any(text.endswith(w) for w in filled("who"))
    assert step.expecting is Listening.WHO


@pytest.mark.parametrize("reply,person", [("it's alex", "alex"), ("Sam here", "sam"),
                                          ("alex", "alex"), ("yes it's sam", "sam")])
def test_naming_oneself_says_yes(reply: str, person: str) -> None:
    _, steps = run(["sam", "alex"], [reply])
    assert steps[-1] == Step(Action.CHECKIN, person=person)


def test_a_yes_without_a_name_asks_who_then_checks_in_the_one_named() -> None:
    _, steps = run(["sam", "alex"], ["yes", "it's alex"])
    who = steps[1].acts[0]
    assert who.kind is ActKind.QUESTION and who.listening
    assert who.text == load().phrases.first("who.again", names="Sam or Alex")
    assert steps[1].expecting is Listening.WHO
    assert steps[-1] == Step(Action.CHECKIN, person="alex")


def test_who_is_asked_twice_then_let_be() -> None:
    _, steps = run(["sam", "alex"], ["yes", "hmm", "hmm"])
    assert kinds(steps) == ["invitation", "question", "question"]
    assert steps[-1] == Step(Action.LEAVE)


def test_silence_when_asked_who_is_let_be() -> None:
    _, steps = run(["sam", "alex"], ["yes", SILENCE])
    assert steps[-1] == Step(Action.LEAVE)


def test_later_from_two_people_snoozes_both() -> None:
    _, steps = run(["sam", "alex"], ["later"])
    assert steps[-1].action is Action.SNOOZE and steps[-1].minutes == 30


def test_three_names_are_listed_when_asked_again() -> None:
    _, steps = run(["sam", "alex", "robin"], ["yes"])
    assert "Sam, Alex or Robin" in steps[-1].acts[0].text


# -- the wake phrase ---------------------------------------------------------------------------


def test_the_wake_phrase_with_one_person_checks_in_at_once() -> None:
    _, (step,) = run(["sam"], [], wake=True)
    assert step == Step(Action.CHECKIN, person="sam")


def test_the_wake_phrase_with_several_asks_who_first() -> None:
    talk, steps = run(["sam", "alex"], ["it's alex"], wake=True)
    first = steps[0].acts[0]
    assert first.kind is ActKind.QUESTION and first.text in filled("who")
    assert steps[0].expecting is Listening.WHO
    assert steps[-1] == Step(Action.CHECKIN, person="alex")


def test_the_wake_phrase_asks_who_three_times_in_all_then_lets_it_be() -> None:
    _, steps = run(["sam", "alex"], ["hmm", "hmm", "hmm"], wake=True)
    assert kinds(steps) == ["question", "question", "question"]
    assert steps[1].acts[0].text == load().phrases.first("who.again", names="Sam or Alex")
    assert steps[-1] == Step(Action.LEAVE)


def test_the_wake_phrase_then_silence_is_let_be() -> None:
    _, steps = run(["sam", "alex"], [SILENCE], wake=True)
    assert steps[-1] == Step(Action.LEAVE)


# -- input ending, impossible steps ------------------------------------------------------------


def test_input_ending_before_an_answer_decides_nothing() -> None:
    talk = InvitationDialog(["sam"], random.Random(1))
    talk.start()
    assert talk.end_of_input() == Step(Action.ENDED)


def test_input_ending_while_asked_who_lets_it_be() -> None:
    talk = InvitationDialog(["sam", "alex"], random.Random(1))
    talk.start()
    talk.heard("yes")
    assert talk.stage is Stage.NAMING
    assert talk.end_of_input() == Step(Action.LEAVE)


def test_nothing_is_heard_after_a_decision() -> None:
    talk, _ = run(["sam"], ["yes"])
    with pytest.raises(RuntimeError):
        talk.heard("yes")
    with pytest.raises(RuntimeError):
        talk.silence()


@pytest.mark.parametrize("bad", [
    dict(action=Action.CHECKIN), dict(action=Action.SNOOZE),
    dict(action=Action.LISTEN), dict(action=Action.DECLINE, person="sam"),
    dict(action=Action.LEAVE, minutes=5), dict(action=Action.ENDED, expecting=Listening.WHO),
])
def test_impossible_steps_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Step(**bad)  # type: ignore[arg-type]


def test_an_invitation_needs_someone() -> None:
    with pytest.raises(ValueError):
        InvitationDialog([], random.Random(1))


def test_the_same_seed_says_the_same_lines() -> None:
    script: list[str | None] = [SILENCE, "banana", "give me ten minutes"]
    first = [a.text for s in run(["sam", "alex"], script, seed=7)[1] for a in s.acts]
    again = [a.text for s in run(["sam", "alex"], script, seed=7)[1] for a in s.acts]
    assert first == again and len(first) == 4


@pytest.mark.parametrize("person,shown", [("sam", "Sam"), ("alex jones", "Alex jones"), ("", "")])
def test_display_name(person: str, shown: str) -> None:
    assert display_name(person) == shown
