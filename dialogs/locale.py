"""Phrases and word lists as data, laid out as OVOS skills do in dialogs/locale/<code>/.

dialog/<name>.dialog: one phrase variant a line, {placeholders}. vocab/<name>.voc: phrases, with
"(a|b)" alternatives; vocab/<name>.rx: regular expressions; vocab/<name>.value: phrase|value rows.
"""

from __future__ import annotations

import json
import random
import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

LOCALE_ROOT = Path(__file__).parent / "locale"


class UnknownPhrase(KeyError):
    """No phrase file with this name exists for the locale: add it under dialog/ or vocab/."""


class UnknownLocale(ValueError):
    """No such locale directory under dialogs/locale: pick one of the listed locales."""


def _lines(text: str) -> list[str]:
    """Non-empty, non-comment lines of a locale file."""
    return [s.strip() for s in text.splitlines() if s.strip() and not s.lstrip().startswith("#")]


def _row(line: str) -> tuple[str, ...]:
    """One phrase|value row, its fields stripped."""
    return tuple(f.strip() for f in line.split("|"))


_ALTERNATIVES = re.compile(r"\(([^()]*)\)")


def expand(line: str) -> list[str]:
    """A .voc line with "(a|b)" alternatives as every phrase it stands for, spaces tidied.

    "(hold|hang) on" -> ["hold on", "hang on"]; "(let me|) think" -> ["let me think", "think"].
    """
    found = _ALTERNATIVES.search(line)
    if found is None:
        return [" ".join(line.split())]
    head, tail = line[: found.start()], line[found.end() :]
    out: list[str] = []
    for option in found.group(1).split("|"):
        for phrase in expand(head + option + tail):
            if phrase and phrase not in out:
                out.append(phrase)
    return out


def placeholders(template: str) -> set[str]:
    """The {names} a phrase template needs."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@dataclass(frozen=True)
class Phrases:
    """The *.dialog phrase variants of one locale, by name."""

    variants: dict[str, tuple[str, ...]]
    """Phrase name -> its variants, in file order."""

    def all(self, name: str) -> tuple[str, ...]:
        """Every variant of a phrase (templates, placeholders unfilled)."""
        try:
            return self.variants[name]
        except KeyError:
            raise UnknownPhrase(name) from None

    def first(self, name: str, /, **values: str) -> str:
        """The canonical (first) variant, filled."""
        return self.all(name)[0].format(**values)

    def pick(self, name: str, rng: random.Random, /, **values: str) -> str:
        """A random variant, filled."""
        return rng.choice([v.format(**values) for v in self.all(name)])

    def fresh(
        self, name: str, rng: random.Random, avoid: Iterable[str], /, **values: str
    ) -> list[str]:
        """The filled variants not in avoid, shuffled."""
        used = set(avoid)
        out = [v.format(**values) for v in self.all(name)]
        out = [v for v in out if v not in used]
        rng.shuffle(out)
        return out


@dataclass(frozen=True)
class Locale:
    """Everything language-specific the dialog needs."""

    name: str
    """The locale code, e.g. "en-us"."""
    phrases: Phrases
    """The dialog/*.dialog phrases."""
    vocab: dict[str, tuple[str, ...]]
    """The vocab/*.voc phrase lists by name, "(a|b)" alternatives expanded."""
    settings: dict[str, str]
    """settings.json (crisis line and text)."""
    rules: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The vocab/*.rx regular expressions by name, one a line, uncompiled."""
    values: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    """The vocab/*.value rows by name: a phrase and its values, split on "|"."""

    def dialog(self, name: str) -> tuple[str, ...]:
        """Every variant of one phrase (templates, placeholders unfilled)."""
        return self.phrases.all(name)

    def voc(self, name: str) -> tuple[str, ...]:
        """One phrase list (vocab/<name>.voc)."""
        try:
            return self.vocab[name]
        except KeyError:
            raise UnknownPhrase(f"vocab/{name}.voc") from None

    def rx(self, name: str) -> tuple[str, ...]:
        """One list of regular expressions (vocab/<name>.rx)."""
        try:
            return self.rules[name]
        except KeyError:
            raise UnknownPhrase(f"vocab/{name}.rx") from None

    def value(self, name: str) -> tuple[tuple[str, ...], ...]:
        """One table of phrase|value rows (vocab/<name>.value), each row split on "|"."""
        try:
            return self.values[name]
        except KeyError:
            raise UnknownPhrase(f"vocab/{name}.value") from None

    def fields(self, name: str) -> list[Sequence[str]]:
        """One table of phrase|value rows, as a list (the name callers used before .value)."""
        return list(self.value(name))


def available() -> list[str]:
    """The locale codes shipped."""
    return sorted(p.name for p in LOCALE_ROOT.iterdir() if p.is_dir())


@cache
def load(name: str = "en-us") -> Locale:
    """Load (once per process) the phrases and word lists of a locale."""
    folder = LOCALE_ROOT / name
    if not folder.is_dir():
        raise UnknownLocale(f"unknown locale {name!r}; choose one of {', '.join(available())}")
    return read(folder)


def read(folder: Path) -> Locale:
    """Read one locale folder (dialog/, vocab/, settings.json)."""
    vocab_dir = folder / "vocab"

    def lines(p: Path) -> list[str]:
        return _lines(p.read_text(encoding="utf-8"))

    variants = {p.stem: tuple(lines(p)) for p in sorted((folder / "dialog").glob("*.dialog"))}
    vocab = {p.stem: tuple(x for line in lines(p) for x in expand(line))
             for p in sorted(vocab_dir.glob("*.voc"))}
    rules = {p.stem: tuple(lines(p)) for p in sorted(vocab_dir.glob("*.rx"))}
    values = {p.stem: tuple(_row(line) for line in lines(p))
              for p in sorted(vocab_dir.glob("*.value"))}
    settings_path = folder / "settings.json"
    settings: dict[str, str] = {}
    if settings_path.exists():
        settings = {str(k): str(v) for k, v in json.loads(settings_path.read_text()).items()}
    return Locale(folder.name, Phrases(variants), vocab, settings, rules, values)
