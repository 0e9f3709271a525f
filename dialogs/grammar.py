"""Phrase lists for constrained recognition of short replies (issue 5), built from the locale."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dialogs.locale import load
from dialogs.text import words

SHORT_EXPECTING = ("invitation", "share", "safety")
"""The reply kinds heard with a grammar; answers to the four questions use open transcription."""

_SNOOZE_UNITS = ("minutes", "minute", "hour")


def _clean(phrases: Iterable[str]) -> list[str]:
    """Lower-case word sequences, in first-seen order, without duplicates or empties."""
    seen: dict[str, None] = {}
    for phrase in phrases:
        text = " ".join(words(phrase))
        if text:
            seen.setdefault(text, None)
    return list(seen)


def snooze_phrases(locale: str = "en-us") -> list[str]:
    """"in ten minutes", "give me half an hour"...: every way to name a snooze time."""
    lang = load(locale)
    amounts = [f[0] for f in lang.value("numbers") if f[0] not in ("a", "an", "one", "couple")]
    times = [f"{n} minutes" for n in amounts]
    times += ["one minute", "a minute", "an hour", "one hour", "half an hour", "half hour",
              "a couple of minutes", "a few minutes", "a quarter of an hour", "an hour and a half",
              "two hours"]
    out: list[str] = []
    for t in times:
        out += [t, f"in {t}", f"give me {t}", f"ask me in {t}", f"ask me again in {t}",
                f"maybe in {t}", f"later in {t}"]
    return out


def short_replies(expecting: str, locale: str = "en-us") -> list[str]:
    """The phrases a grammar should accept when the dialog is ``expecting`` a short reply."""
    lang = load(locale)
    if expecting == "invitation":
        phrases = [*lang.voc("accept"), *lang.voc("later"), *lang.voc("decline"),
                   *snooze_phrases(locale), *wake_phrases(locale)]
    elif expecting in ("share", "safety"):
        # Crisis phrases stay in: a grammar must never make words of crisis unhearable.
        phrases = [*lang.voc("yes"), *lang.voc("no"), *lang.voc("continue"), *lang.voc("stop"),
                   *lang.voc("skip"), *lang.voc("repeat"), *lang.voc("private"),
                   *lang.voc("crisis-grammar")]
    else:
        raise ValueError(f"no short-reply grammar for {expecting!r}; one of {SHORT_EXPECTING}")
    return _clean(phrases)


def who_replies(people: Sequence[str], locale: str = "en-us") -> list[str]:
    """Naming oneself ("it's Alex", "Sam here") for each person, plus the invitation replies."""
    lang = load(locale)
    names = [" ".join(words(p)) for p in people if words(p)]
    named = [form.replace("{name}", n) for n in names for form in lang.voc("who")]
    return _clean([*named, *short_replies("invitation", locale)])


def wake_phrases(locale: str = "en-us") -> list[str]:
    """The wake phrases ("heart line let's check in"), in dictionary words."""
    return _clean(load(locale).voc("wake"))


def wake_grammar(locale: str = "en-us") -> list[str]:
    """The wake phrases plus everyday words, so other talk matches those rather than the wake."""
    return _clean([*wake_phrases(locale), *load(locale).voc("garbage")])


def is_wake(text: str, locale: str = "en-us") -> bool:
    """True when the words heard are a wake phrase ("Heartline, let's check in")."""
    said = " ".join(words(text)).replace("heartline", "heart line")
    return any(phrase == said or f" {phrase} " in f" {said} " for phrase in wake_phrases(locale))
