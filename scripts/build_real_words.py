"""Write the word lists drawn from the English dictionary PocketSphinx ships.

    .venv/bin/python scripts/build_real_words.py           # rewrite the lists
    .venv/bin/python scripts/build_real_words.py --check   # exit 1 when a list is out of date

`vocab/real-words.voc`: the real English words the feeling lexicon must never take for a typo of a
feeling word. `vocab/yes-elsewhere.voc`: the one-word yeses of every language of the phrasebook
that are not English words and say nothing else in any list, which can carry a yes at the share
prompt when said first (round 33).

The lexicon repairs a word one edit from a feeling word ("lonley", "frustated"), but "passed" is one
edit from "pissed", "engaged" from "enraged" and "hugged" from "bugged": real words, said as they
are. The words come from the CMU pronouncing dictionary that PocketSphinx ships (134,000 entries):
every dictionary word the repair could reach is written to `vocab/real-words.voc`, which the
lexicon reads as words it never corrects. Run again whenever feelings.value changes (a test does).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dialogs.feelings import CORRECTABLE, TYPO_MIN, lexicon  # noqa: E402
from dialogs.locale import LOCALE_ROOT  # noqa: E402
from dialogs.text import damerau1  # noqa: E402

OUT = LOCALE_ROOT / "en-us" / "vocab" / "real-words.voc"
YES_OUT = LOCALE_ROOT / "en-us" / "vocab" / "yes-elsewhere.voc"
YES_HEADER = ("# One-word yeses of the phrasebook's languages (\"da\", \"po\", \"hai\" are not\n"
              "# here: English words, or words of another wish) that can carry a yes at the share\n"
              "# prompt as one of its first two words. Written by scripts/build_real_words.py; do\n"
              "# not edit by hand.\n")
HEADER = ("# Real words one edit from a feeling word, never corrected into it (\"passed\" is\n"
          "# not \"pissed\"). Written by scripts/build_real_words.py from the CMU dictionary\n"
          "# PocketSphinx ships; do not edit by hand.\n")


def dictionary() -> set[str]:
    """The CMU dictionary's words, lowercase letters only."""
    from pocketsphinx import get_model_path

    path = Path(get_model_path()) / "en-us" / "cmudict-en-us.dict"
    words = set()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        word = line.split(" ", 1)[0].split("(", 1)[0]
        if word.isalpha() and word.isascii():
            words.add(word.lower())
    return words


def _deletions(word: str) -> set[str]:
    return {word} | {word[:k] + word[k + 1:] for k in range(len(word))}


def real_words(words: set[str]) -> list[str]:
    """The words the lexicon's repair would turn into a feeling word."""
    lex = lexicon()
    targets = [p[0] for p in lex.feelings if len(p) == 1 and len(p[0]) >= CORRECTABLE]
    keyed: dict[str, list[str]] = {}
    for t in targets:
        for key in _deletions(t):
            keyed.setdefault(key, []).append(t)
    out = set()
    for w in words:
        if len(w) < TYPO_MIN or (w,) in lex.feelings:
            continue
        near = {t for key in _deletions(w) for t in keyed.get(key, ())}
        if any(damerau1(w, t) for t in near):
            out.add(w)
    return sorted(out)


def yes_elsewhere(words: set[str]) -> list[str]:
    """Every language's one-word yes that is no English word and no word of another wish (a
    question back is read whole, so its words, "može" in "može li se izbrisati", may be a yes)."""
    from dialogs import phrasebook

    folder = str(LOCALE_ROOT / "en-us" / "wish-words")
    other = {alt.rstrip("*") for lang in phrasebook.languages(folder) for p in lang.phrases
             if p.kind == "w" and p.concept not in ("yes", *phrasebook.QUESTIONS)
             for item in p.items for alt in item.split("|")}
    yes = phrasebook.one_word_wishes(folder, "yes") - phrasebook.one_word_wishes(folder, "no")
    return sorted(w for w in yes - other - words if w.isalpha())


def render(words: list[str], header: str = HEADER) -> str:
    return header + "".join(w + "\n" for w in words)


def outputs() -> dict[Path, str]:
    """Each list's file and the text it should hold."""
    words = dictionary()
    return {OUT: render(real_words(words)), YES_OUT: render(yes_elsewhere(words), YES_HEADER)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the list is stale")
    args = parser.parse_args()
    stale = 0
    for path, text in outputs().items():
        if args.check:
            old = path.read_text(encoding="utf-8") if path.exists() else ""
            stale += old != text
            state = "out of date: run scripts/build_real_words.py" if old != text else "ok"
            print(f"{path.name}: {state}")
            continue
        path.write_text(text, encoding="utf-8")
        count = sum(1 for line in text.splitlines() if not line.startswith("#"))
        print(f"{path.name}: {count} words")
    return int(stale > 0)


if __name__ == "__main__":
    raise SystemExit(main())
