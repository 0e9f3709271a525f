"""Phrases and word lists as data: *.dialog variants and *.voc lists in dialogs/locale/<code>/."""

from __future__ import annotations

import json
import random
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LOCALE_ROOT = Path(__file__).parent / "locale"


class UnknownPhrase(KeyError):
    """No phrase file with this name exists for the locale: add <name>.dialog."""


class UnknownLocale(ValueError):
    """No such locale directory under dialogs/locale: pick one of the listed locales."""


def _lines(text: str) -> list[str]:
    """Non-empty, non-comment lines of a locale file."""
    return [s.strip() for s in text.splitlines() if s.strip() and not s.lstrip().startswith("#")]


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
    """The *.dialog phrases."""
    vocab: dict[str, tuple[str, ...]]
    """The *.voc word lists by name (raw lines; some use "|" fields)."""
    settings: dict[str, str]
    """settings.json (crisis line and text)."""

    def voc(self, name: str) -> tuple[str, ...]:
        """One word list."""
        try:
            return self.vocab[name]
        except KeyError:
            raise UnknownPhrase(f"{name}.voc") from None

    def fields(self, name: str) -> list[Sequence[str]]:
        """One word list split on "|"."""
        return [tuple(f.strip() for f in line.split("|")) for line in self.voc(name)]


def available() -> list[str]:
    """The locale codes shipped."""
    return sorted(p.name for p in LOCALE_ROOT.iterdir() if p.is_dir())


@cache
def load(name: str = "en-us") -> Locale:
    """Load (once per process) the phrases and word lists of a locale."""
    folder = LOCALE_ROOT / name
    if not folder.is_dir():
        raise UnknownLocale(f"unknown locale {name!r}; choose one of {', '.join(available())}")
    variants = {
        p.name.removesuffix(".dialog"): tuple(_lines(p.read_text(encoding="utf-8")))
        for p in sorted((folder / "dialog").glob("*.dialog"))
    }
    vocab = {
        p.stem: tuple(_lines(p.read_text(encoding="utf-8")))
        for ext in ("voc", "rx", "value")
        for p in sorted((folder / "vocab").glob(f"*.{ext}"))
    }
    settings_path = folder / "settings.json"
    settings: dict[str, str] = {}
    if settings_path.exists():
        settings = {str(k): str(v) for k, v in json.loads(settings_path.read_text()).items()}
    return Locale(name, Phrases(variants), vocab, settings)
