"""The evening invitation as a state machine: text in, acts and one decision out.

"Hi Sam, ready for your evening check-in?" is answered yes (check in), later (snooze), not tonight
(decline) or not at all (leave it for today); with two people due, or after the wake phrase, it
also finds out who is checking in. Like ``CheckIn``, it reads no clock, hears no audio and stores
nothing: the composition root performs each ``Step``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from dialogs.acts import Act, ActKind
from dialogs.evening import (
    DEFAULT_SNOOZE,
    Invitation,
    classify_invitation,
    decline_text,
    invitation_text,
    recognise_name,
    snooze_text,
    who_again_text,
    who_text,
)
from dialogs.grammar import is_wake
from dialogs.locale import load

WHO_ASKS = 2
"""How many times "Is that Sam or Alex?" is asked before the evening lets it be."""


class Action(StrEnum):
    """What the composition root does after speaking a step's acts."""

    LISTEN = "listen"
    """Hear the next reply (see ``Step.expecting``)."""
    CHECKIN = "checkin"
    """Start the check-in for ``Step.person``."""
    SNOOZE = "snooze"
    """Ask again in ``Step.minutes`` minutes."""
    DECLINE = "decline"
    """Not tonight: the day's prompt is answered."""
    LEAVE = "leave"
    """Nothing clear was heard: leave the prompt for today, say nothing more."""
    ENDED = "ended"
    """Input ended before any answer: nothing is decided."""


class Listening(StrEnum):
    """Which short replies the next utterance is heard against."""

    INVITATION = "invitation"
    """Yes, later (with a time), not tonight, the wake phrase."""
    WHO = "who"
    """A name ("it's Alex"), plus the invitation's replies."""


class Stage(StrEnum):
    """Where the invitation is."""

    NEW = "new"
    INVITED = "invited"
    """The invitation was made; waiting for yes, later or no."""
    NAMING = "naming"
    """Asked who is checking in; waiting for a name."""
    DONE = "done"


@dataclass(frozen=True)
class Step:
    """What to say, then what to do."""

    action: Action
    """Listen again, or the decision reached."""
    acts: tuple[Act, ...] = ()
    """Lines to say first, in order."""
    person: str | None = None
    """CHECKIN: who checks in, as spelled in the people given."""
    minutes: int | None = None
    """SNOOZE: minutes until asking again."""
    expecting: Listening | None = None
    """LISTEN: what the next reply is heard against."""

    def __post_init__(self) -> None:
        if (self.action is Action.CHECKIN) != (self.person is not None):
            raise ValueError("a person goes with a check-in, and only with it")
        if (self.action is Action.SNOOZE) != (self.minutes is not None):
            raise ValueError("minutes go with a snooze, and only with it")
        if (self.action is Action.LISTEN) != (self.expecting is not None):
            raise ValueError("expecting goes with listening, and only with it")


def display_name(person: str) -> str:
    """How a person is addressed: "sam" -> "Sam"."""
    return person[:1].upper() + person[1:]


class InvitationDialog:
    """One invitation (or one wake phrase), driven one reply at a time."""

    def __init__(self, people: Sequence[str], rng: random.Random, *, wake: bool = False,
                 locale: str = "en-us") -> None:
        if not people:
            raise ValueError("an invitation needs at least one person")
        self.people = tuple(people)
        """Who may check in, as the schedule spells them."""
        self._rng = rng
        self._wake = wake
        self._locale = locale
        self._stage = Stage.NEW
        self._question = ""
        self._silences = 0
        self._unclear = 0
        self._who_asked = 0

    @property
    def stage(self) -> Stage:
        """Where the invitation is."""
        return self._stage

    @property
    def expecting(self) -> Listening:
        """What the next reply is heard against."""
        if self._stage is Stage.INVITED and len(self.people) == 1:
            return Listening.INVITATION
        return Listening.WHO

    # -- inputs ----------------------------------------------------------------------------------

    def start(self) -> Step:
        """Invite the people due; after the wake phrase, ask who only when it is not clear."""
        names = [display_name(p) for p in self.people]
        if self._wake:
            if len(self.people) == 1:
                return self._checkin(self.people[0])
            self._stage = Stage.NAMING
            return self._listen(Act(ActKind.QUESTION, who_text(self._rng, self._locale),
                                    listening=True))
        text = invitation_text(" and ".join(names), self._rng, self._locale)
        if len(self.people) > 1:
            text = f"{text} {who_text(self._rng, self._locale)}"
        self._question = text
        self._stage = Stage.INVITED
        return self._listen(Act(ActKind.INVITATION, text, listening=True))

    def heard(self, text: str) -> Step:
        """Handle one reply."""
        if self._stage is Stage.NAMING:
            return self._heard_name(text)
        if self._stage is not Stage.INVITED:
            raise RuntimeError(f"nothing is asked at stage {self._stage}")
        several = len(self.people) > 1
        chosen = recognise_name(text, self.people) if several else self.people[0]
        reading = classify_invitation(text, self._locale)
        kind = Invitation.YES if is_wake(text, self._locale) else reading.kind
        if several and chosen is not None and kind in (Invitation.YES, Invitation.UNCLEAR):
            kind = Invitation.YES  # "it's Alex" says yes
        if kind is Invitation.YES:
            if chosen is not None:
                return self._checkin(chosen)
            return self._ask_who()
        if kind is Invitation.LATER:
            minutes = reading.minutes or DEFAULT_SNOOZE
            act = Act(ActKind.SNOOZE, snooze_text(minutes, self._rng, self._locale))
            return self._end(Step(Action.SNOOZE, (act,), minutes=minutes))
        if kind is Invitation.NO:
            act = Act(ActKind.CLOSING, decline_text(self._rng, self._locale))
            return self._end(Step(Action.DECLINE, (act,)))
        self._unclear += 1
        if self._unclear == 1:
            # Never a guessed snooze or decline: say it was not caught and ask once more.
            phrases = load(self._locale).phrases
            again = f"{phrases.first('not-caught')} {phrases.first('invitation.again')}"
            return self._listen(Act(ActKind.REPROMPT, again, listening=True))
        return self._end(Step(Action.LEAVE))

    def silence(self) -> Step:
        """Nothing was said: ask the invitation once more, then let it be until tomorrow."""
        if self._stage is Stage.NAMING:
            return self._end(Step(Action.LEAVE))
        if self._stage is not Stage.INVITED:
            raise RuntimeError(f"nothing is asked at stage {self._stage}")
        self._silences += 1
        if self._silences == 1:
            again = load(self._locale).phrases.pick("reprompt", self._rng,
                                                    question=self._question)
            return self._listen(Act(ActKind.REPROMPT, again, listening=True))
        return self._end(Step(Action.LEAVE))

    def end_of_input(self) -> Step:
        """Input ended: an unanswered invitation decides nothing; a half-named one is let be."""
        if self._stage is Stage.NAMING:
            return self._end(Step(Action.LEAVE))
        return self._end(Step(Action.ENDED))

    # -- helpers ---------------------------------------------------------------------------------

    def _heard_name(self, text: str) -> Step:
        chosen = recognise_name(text, self.people)
        if chosen is not None:
            return self._checkin(chosen)
        if self._who_asked < WHO_ASKS:
            return self._ask_who()
        return self._end(Step(Action.LEAVE))

    def _ask_who(self) -> Step:
        self._who_asked += 1
        self._stage = Stage.NAMING
        names = [display_name(p) for p in self.people]
        text = who_again_text(names, self._locale)
        return self._listen(Act(ActKind.QUESTION, text, listening=True))

    def _listen(self, act: Act) -> Step:
        return Step(Action.LISTEN, (act,), expecting=self.expecting)

    def _checkin(self, person: str) -> Step:
        return self._end(Step(Action.CHECKIN, person=person))

    def _end(self, step: Step) -> Step:
        self._stage = Stage.DONE
        return step
