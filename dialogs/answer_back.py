"""Saying something back by voice: offer, hear, coach, send (issue 11). Pure: text in, lines out.

Heartline: Would you like to say something back to Sam?
Alex: You should just quit.
Heartline: That might sound like advice. Sam may first want to feel heard. You could say:
           "No wonder you felt furious." Want to try again?
Alex: yes
Heartline: Go ahead.
Alex: No wonder you felt furious.
Heartline: Sent. Sam will hear it at their next check-in.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from dialogs.coach import About, Advice, Model, advise
from dialogs.locale import Locale
from dialogs.text import words

MAX_TRIES = 3
"""After this many coached tries the reply is sent as said."""


class Step(StrEnum):
    """Where the exchange is."""

    OFFERED = "offered"  # asked whether to say something back
    LISTENING = "listening"  # waiting for the reply itself
    COACHED = "coached"  # asked "Want to try again?"
    DONE = "done"


@dataclass(frozen=True)
class Turn:
    """What one step produced."""

    say: tuple[str, ...]
    """Lines for Heartline to say, in order."""
    send: str | None = None
    """A reply to send now."""
    anyway: bool = False
    """Send it though the coach found a mistake (the listener chose to)."""
    advice: Advice | None = None
    """The coach's advice on the reply just heard."""
    done: bool = False
    """The exchange is over."""


class AnswerBack:
    """One offer to answer one shared entry."""

    def __init__(self, about: About, lang: Locale, model: Model | None = None) -> None:
        self.about = about
        self.lang = lang
        self.model = model
        self.step = Step.OFFERED
        self.tries = 0
        self._last = ""

    def start(self) -> Turn:
        """Offer to answer."""
        return Turn((self._phrase("answer_back.offer"),))

    def silence(self) -> Turn:
        """Nothing was heard: leave it (the page and `heartline reply` are always there)."""
        if self.step == Step.COACHED:
            return self._send(self._last, anyway=True)
        self.step = Step.DONE
        return Turn((self._phrase("answer_back.later"),), done=True)

    def hear(self, text: str) -> Turn:
        """Hear the listener."""
        toks = words(text)
        if self.step == Step.OFFERED:
            if self._says(toks, "no") or self._says(toks, "answer-back-none") or not toks:
                self.step = Step.DONE
                return Turn((self._phrase("answer_back.later"),), done=True)
            if self._says(toks, "yes"):
                self.step = Step.LISTENING
                return Turn((self._phrase("answer_back.go_ahead"),))
            return self._coach(text)  # they simply said it
        if self.step == Step.LISTENING:
            if not toks:
                return self.silence()
            return self._coach(text)
        if self.step == Step.COACHED:
            if self._says(toks, "yes"):
                self.step = Step.LISTENING
                return Turn((self._phrase("answer_back.go_ahead"),))
            if self._says(toks, "no"):
                return self._send(self._last, anyway=True)
            return self._coach(text)  # a new try, said straight away
        return Turn((), done=True)

    def _coach(self, text: str) -> Turn:
        self.tries += 1
        advice = advise(text, self.lang, self.about, self.model)
        if advice.ok:
            return self._send(text, anyway=False, advice=advice)
        if self.tries >= MAX_TRIES:
            return self._send(text, anyway=True, advice=advice)
        self._last = text
        self.step = Step.COACHED
        return Turn((advice.suggestion, self._phrase("answer_back.again")), advice=advice)

    def _send(self, text: str, *, anyway: bool, advice: Advice | None = None) -> Turn:
        self.step = Step.DONE
        return Turn(
            (self._phrase("answer_back.sent"),), send=text, anyway=anyway, advice=advice, done=True
        )

    def _phrase(self, name: str) -> str:
        return self.lang.phrases.first(name, name=self.about.name)

    def _says(self, toks: list[str], voc: str) -> bool:
        said = " ".join(toks)
        return any(said == p or said.startswith(p + " ") for p in self.lang.voc(voc))
