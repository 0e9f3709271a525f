"""A walk over every locale file: names used exist, placeholders are filled, no seed mistakes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dialogs.locale import (
    LOCALE_ROOT,
    UnknownLocale,
    UnknownPhrase,
    available,
    expand,
    load,
    placeholders,
)

CODE = sorted(Path(LOCALE_ROOT).parent.glob("*.py"))
KNOWN_VALUES = {"name", "question", "feeling", "sounds", "cause", "link", "crisis_text", "minutes",
                "first", "second",
                "names", "crisis_line", "person", "felt", "text"}


def _names_used() -> set[str]:
    """Phrase and list names the code refers to by literal string."""
    used: set[str] = set()
    calls = "pick|first|all|fresh|dialog|voc|rx|value|fields"
    pattern = re.compile(rf"""(?:{calls})\(\s*f?"([a-z.\-{{}}]+)\"""")
    for path in CODE:
        for name in pattern.findall(path.read_text()):
            used.add(name)
    return used


def _expand(name: str) -> list[str]:
    if "{felt.emotion}" in name or "{emotion}" in name:
        names = [name.replace("{felt.emotion}", e).replace("{emotion}", e)
                 for e in ("mad", "sad", "glad", "fear")]
        return [n.replace("{tier}", t).replace("{other}", t) for n in names for t in "123"]
    return [name]


@pytest.mark.parametrize("locale", available())
def test_every_name_the_code_uses_exists(locale: str) -> None:
    lang = load(locale)
    used = _names_used()
    assert len(used) > 20
    for name in used:
        for concrete in _expand(name):
            assert (concrete in lang.phrases.variants or concrete in lang.vocab
                    or concrete in lang.rules or concrete in lang.values), concrete


@pytest.mark.parametrize("locale", available())
def test_every_phrase_is_fillable_and_free_of_seed_mistakes(locale: str) -> None:
    lang = load(locale)
    forbidden = [f.lower() for f in lang.voc("forbidden")]
    assert len(forbidden) >= 20
    for name, variants in lang.phrases.variants.items():
        assert variants, f"{name}.dialog has no variants"
        for v in variants:
            assert placeholders(v) <= KNOWN_VALUES, (name, v)
            filled = v.format(**{k: "x" for k in KNOWN_VALUES}).lower()
            assert "{" not in filled and "}" not in filled
            assert not any(f in filled for f in forbidden), (name, v)


def test_questions_use_the_seed_words() -> None:
    lang = load("en-us")
    assert lang.phrases.first("question.mad") == "What made you feel mad today?"
    assert lang.phrases.first("question.sad") == "What brought sadness?"
    assert lang.phrases.first("question.glad") == "What brought joy?"
    assert lang.phrases.first("question.fear") == "Did you feel afraid?"
    assert lang.phrases.first("share_prompt") == (
        "Would you like to share tonight's check-in with your partner?")


def test_warm_and_empathy_phrases_fit_their_kind() -> None:
    lang = load("en-us")
    for tier in "123":
        for v in lang.phrases.all(f"empathy.plain.glad.{tier}"):
            assert not any(w in v.lower() for w in lang.voc("not-warm")), v
    first_person = {"i", "me", "my", "we", "us", "our", "i'm", "i'll"}
    for name, variants in lang.phrases.variants.items():
        if name.startswith(("empathy", "nudge")):
            for v in variants:
                assert not {w.strip(".,?!") for w in v.lower().split()} & first_person, v


def test_feeling_vocabulary_is_large_and_well_formed() -> None:
    lang = load("en-us")
    rows = lang.fields("feelings")
    assert len(rows) >= 150
    for row in rows:
        assert row[1] and all(e in ("mad", "sad", "glad", "fear") for e in row[1].split("/")), row
        assert row[2] in ("1", "2", "3"), row
    words = {r[0] for r in rows}
    for must in ("annoyed", "livid", "furious", "heartbroken", "lonely", "proud", "grateful",
                 "relieved", "anxious", "terrified", "dread", "breaks my heart", "got on my nerves",
                 "over the moon", "on edge", "fed up", "pissed off", "made my day"):
        assert must in words


def test_crisis_patterns_compile() -> None:
    for p in load("en-us").rx("crisis"):
        re.compile(p)


@pytest.mark.parametrize("locale", available())
def test_each_file_sits_in_its_folder_with_one_format_per_extension(locale: str) -> None:
    """dialog/*.dialog, vocab/*.voc phrases, vocab/*.rx expressions, vocab/*.value rows, and the
    phrasebook's crisis-words/, wish-words/ and feel-words/ *.tsv (tests/dialogs/test_phrasebook.py,
    tests/dialogs/test_feel_words.py)."""
    folder = LOCALE_ROOT / locale
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    placed = {f for f in files if f == "settings.json" or (
        f.startswith("dialog/") and f.endswith(".dialog")) or (
        f.startswith("vocab/") and f.endswith((".voc", ".rx", ".value"))) or (
        f.startswith(("crisis-words/", "wish-words/", "feel-words/")) and f.endswith(".tsv"))}
    assert files == placed, sorted(files - placed)
    lang = load(locale)
    for name in lang.vocab:  # phrases: "|" only inside "(a|b)" alternatives, never a regex
        for line in (folder / "vocab" / f"{name}.voc").read_text().splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                assert "|" not in re.sub(r"\([^()]*\)", "", line), (name, line)
                assert not re.search(r"\\[bwsd]|\[\^?[a-z]", line), (name, line)
    for name, rows in lang.values.items():
        assert rows and all(len(row) >= 2 and row[0] and row[1] for row in rows), name
    for name, patterns in lang.rules.items():
        assert patterns, name
        for p in patterns:
            re.compile(p)


def test_missing_names_fail_and_say_which_file() -> None:
    lang = load("en-us")
    for call, name, shown in [(lang.voc, "crisis", "vocab/crisis.voc"),
                              (lang.rx, "stop", "vocab/stop.rx"),
                              (lang.value, "yes", "vocab/yes.value"),
                              (lang.dialog, "no-such-phrase", "no-such-phrase")]:
        with pytest.raises(UnknownPhrase, match=re.escape(shown)):
            call(name)


@pytest.mark.parametrize(
    "line,phrases",
    [("stop", ["stop"]), ("(hold|hang) on", ["hold on", "hang on"]),
     ("(let me|) think", ["let me think", "think"]),
     ("(a|b) (c|d)", ["a c", "a d", "b c", "b d"]), ("keep  it ", ["keep it"])],
)
def test_voc_alternatives_expand(line: str, phrases: list[str]) -> None:
    assert expand(line) == phrases


def test_voc_files_are_read_with_alternatives_expanded(tmp_path: Path) -> None:
    """A .voc written with alternatives is read as every phrase it stands for."""
    from dialogs import locale as module

    (tmp_path / "xx-yy" / "vocab").mkdir(parents=True)
    (tmp_path / "xx-yy" / "dialog").mkdir()
    (tmp_path / "xx-yy" / "vocab" / "hold.voc").write_text("# comment\n(hold|hang) on\nwait\n")
    (tmp_path / "xx-yy" / "vocab" / "numbers.value").write_text("ten | 10\n")
    (tmp_path / "xx-yy" / "vocab" / "crisis.rx").write_text("\\bkms\\b\n")
    (tmp_path / "xx-yy" / "dialog" / "hello.dialog").write_text("Hi {name}.\n")
    lang = module.read(tmp_path / "xx-yy")
    assert lang.voc("hold") == ("hold on", "hang on", "wait")
    assert lang.value("numbers") == (("ten", "10"),) and lang.fields("numbers") == [("ten", "10")]
    assert lang.rx("crisis") == (r"\bkms\b",)
    assert lang.dialog("hello") == ("Hi {name}.",)


def test_unknown_locale_lists_the_valid_ones() -> None:
    with pytest.raises(UnknownLocale, match="en-us"):
        load("xx-yy")


# Lines said at most once per turn: a check-in may need one of each per question (and a few more
# for repeats, silences and questions back), so each pool must hold enough variants that no
# sentence has to come round again (issue 9: never the same sentence twice in a check-in).
PER_TURN = {"nudge": 6, "nudge.unsure": 6, "acknowledge.outer": 6, "acknowledge.nothing": 6,
            "acknowledge.unsure": 6, "acknowledge.skip": 6, "acknowledge.silence": 6,
            "repeat": 6, "reprompt": 6, "hold": 6, "answer.why": 3, "answer.saved": 3,
            "answer.who_hears": 3, "answer.skip": 3}


@pytest.mark.parametrize("name,least", sorted(PER_TURN.items()))
def test_per_turn_pools_never_need_to_repeat_a_sentence(name: str, least: int) -> None:
    from dialogs.text import sentences

    variants = load().phrases.all(name)
    assert len(variants) >= least, f"{name}.dialog needs {least} variants"
    seen: set[str] = set()
    for v in variants:
        own = set(sentences(v.replace("{question}", "")))
        assert not own & seen, (name, v)
        seen |= own


def test_an_installed_wheel_carries_every_locale_file() -> None:
    """pyproject's package data names every file under dialogs/locale (each folder, each format)."""
    import fnmatch
    import tomllib

    root = Path(LOCALE_ROOT).parent.parent
    config = tomllib.loads((root / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["dialogs"]
    files = [p.relative_to(LOCALE_ROOT.parent).as_posix()
             for p in Path(LOCALE_ROOT).rglob("*") if p.is_file()]
    assert len(files) > 100

    def globbed(path: str, pattern: str) -> bool:  # as setuptools globs: "*" stays in a folder
        parts, pats = path.split("/"), pattern.split("/")
        return len(parts) == len(pats) and all(map(fnmatch.fnmatchcase, parts, pats))

    missing = [f for f in files if not any(globbed(f, pat) for pat in patterns)]
    assert missing == []
