"""What the check-in says: phrases picked so that no sentence comes round twice in one check-in."""

from __future__ import annotations

import random
from collections.abc import Iterable

from dialogs.acts import Act, ActKind, Emotion, Heard
from dialogs.empathy import Felt, doubtful, reply
from dialogs.locale import Locale
from dialogs.text import sentences
from dialogs.understand import Understood

QUOTE = 0.6
"""Below this confidence in the reading, the reply does not quote the speaker's words back."""
_ANSWERS = {"saved": "answer.saved", "who_hears": "answer.who_hears", "why": "answer.why",
            "skip": "answer.skip"}
"""Question-back topic -> the phrase that answers it (anything else: answer.other)."""


class Lines:
    """The check-in's lines, remembering every sentence said so far (issue 9: never twice)."""

    def __init__(self, lang: Locale, rng: random.Random) -> None:
        self.lang = lang
        """The locale's phrases."""
        self.rng = rng
        """Phrase variety; the same seed gives the same lines."""
        self.used: set[str] = set()
        """Every line said in this check-in."""

    def said(self, acts: Iterable[Act]) -> None:
        """Remember lines as said."""
        self.used.update(a.text for a in acts)

    def fresh(self, name: str, /, **values: str) -> str:
        """A variant of a phrase with no sentence said before in this check-in.

        The question it may carry ({question}) is the one sentence that can be said again.
        """
        allowed = set(sentences(values.get("question", "")))
        said = {x for text in self.used for x in sentences(text)} - allowed
        options = self.lang.phrases.fresh(name, self.rng, (), **values)
        fresh = [t for t in options if not said & set(sentences(t))]
        text = (fresh or sorted(options, key=lambda t: len(said & set(sentences(t)))))[0]
        self.used.add(text)
        return text

    def greeting(self, name: str | None) -> Act:
        """Hello, by name when known."""
        if name:
            return Act(ActKind.GREETING, self.lang.phrases.pick("greeting", self.rng, name=name))
        return Act(ActKind.GREETING, self.lang.phrases.pick("greeting.anonymous", self.rng))

    def question_text(self, emotion: Emotion) -> str:
        """One emotion's question, in the seed's words."""
        return self.lang.phrases.first(f"question.{emotion}")

    def question(self, emotion: Emotion) -> Act:
        """Ask about one emotion."""
        return Act(ActKind.QUESTION, self.question_text(emotion), emotion, listening=True)

    def opener_text(self) -> str:
        """The seed's open "head and heart" question."""
        return self.lang.phrases.first("opener")

    def opener(self) -> Act:
        """Ask the open question."""
        return Act(ActKind.OPENER, self.opener_text(), listening=True)

    def share_prompt(self) -> Act:
        """Ask whether to share tonight's check-in."""
        return Act(ActKind.SHARE_PROMPT, self.lang.phrases.first("share_prompt"), listening=True)

    def reprompt(self, pending: str, emotion: Emotion | None) -> Act:
        """Ask what is pending once more, gently."""
        text = self.fresh("reprompt", question=pending)
        return Act(ActKind.REPROMPT, text, emotion, listening=True)

    def answer_back(self, got: Understood, asked: Emotion | None) -> Act:
        """An honest short answer to a question back (what is kept, who hears it, why, skip)."""
        name = _ANSWERS.get(got.topic or "", "answer.other")
        return Act(ActKind.ANSWER, self.fresh(name), asked)

    def empathy(self, got: Understood, heard: Heard) -> Act:
        """The empathy reply to a feeling, quoting the speaker only when surely meant."""
        emotion = got.emotions[0]
        # Quote only what was surely meant: not sarcasm, idioms, or an answer asked to be private.
        quote = not (got.sarcasm or got.idiom or got.private) and got.confidence >= QUOTE
        felt = Felt(emotion, got.intensity, got.hit, got.tokens, quote_cause=quote,
                    also=got.emotions[1:])
        text = reply(felt, self.lang, self.rng, self.used, doubtful(heard.words))
        self.used.add(text)
        return Act(ActKind.EMPATHY, text, emotion)
