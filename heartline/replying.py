"""The partner's turn: coach a reply to a shared entry, and send it back to the speaker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dialogs.acts import Emotion
from dialogs.coach import About, Advice, ModelMissing, advise
from dialogs.locale import load
from store import Store
from store.replies import Replies


class NotShared(LookupError):
    """That entry is not shared with you: list what is with `heartline listen` or the page."""


class CoachUnavailable(RuntimeError):
    """The coach's model is missing: run `python scripts/build_coach.py` (needs '.[build]')."""


@dataclass(frozen=True)
class Sent:
    """What happened to one reply."""

    sent: bool
    """True when the reply was kept for the speaker."""
    advice: Advice
    """The coach's answer to it."""
    reply_id: int | None = None
    """The kept reply's id."""

    def as_dict(self) -> dict[str, Any]:
        """The JSON form: {"sent", "mistakes", "suggestion"}.

        The reply's row id stays inside: a sequential number would tell a listener how many
        replies this server holds (entries are named by opaque public ids for the same reason).
        """
        out: dict[str, Any] = {
            "sent": self.sent,
            "mistakes": [m.as_dict() for m in self.advice.mistakes],
            "suggestion": self.advice.suggestion,
        }
        return out


def about_entry(row: dict[str, Any] | None) -> About | None:
    """What the coach needs to know of an entry row (name, emotion, words, intensity)."""
    if row is None:
        return None
    return About(
        name=str(row["person"]),
        emotion=Emotion(row["emotion"]),
        text=str(row["text"]),
        intensity=int(row["intensity"] or 0),
    )


def coach(text: str, about: About | None = None) -> Advice:
    """The coach's advice on a reply."""
    try:
        return advise(text, load("en-us"), about)
    except ModelMissing:
        raise CoachUnavailable() from None


def send(
    store: Store,
    listener_id: int,
    entry_ref: str,
    text: str,
    *,
    anyway: bool = False,
    token_id: int | None = None,
) -> Sent:
    """Coach a reply to an entry shared with the listener; keep it when clean or `anyway`.

    Raises NotShared for any entry the listener may not see (whatever the reason), ValueError
    for an empty reply.
    """
    if not text.strip():
        raise ValueError("a reply needs some words")
    replies = Replies(store)
    row = replies.visible_entry(entry_ref, listener_id=listener_id, token_id=token_id)
    if row is None:
        raise NotShared()
    advice = coach(text, about_entry(row))
    if not advice.ok and not anyway:
        return Sent(False, advice)
    kept = replies.add(row["id"], listener_id, text, [m.as_dict() for m in advice.mistakes])
    if kept is None:  # unshared or deleted since it was read
        raise NotShared()
    return Sent(True, advice, kept)
