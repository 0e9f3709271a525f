"""Crisis phrases said one letter off (dialogs/near_miss.py, round 32)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dialogs import near_miss, phrasebook
from dialogs.understand import Intent, understand


def _lists(tmp_path: Path, crisis: str, wishes: str = "") -> str:
    for kind in ("crisis-words", "wish-words", "feel-words"):
        (tmp_path / kind).mkdir(parents=True)
    (tmp_path / "crisis-words" / "xx.tsv").write_text(crisis, encoding="utf-8")
    (tmp_path / "wish-words" / "xx.tsv").write_text(wishes, encoding="utf-8")
    phrasebook.book.cache_clear()
    near_miss._lists.cache_clear()
    return str(tmp_path / "crisis-words")


def test_one_letter_added_dropped_or_changed_completes_a_phrase(tmp_path: Path) -> None:
    folder = _lists(tmp_path, "1\twant_die\tquiero morirme\ncalm\tHoy fue un buen día.\n")
    for said in ("quiero morirmee", "quiero morime", "quiero morirne", "quiero morirme"):
        assert (phrasebook.tier(said, folder) or near_miss.tier(said, folder)) > 0, said
    assert near_miss.tier("quiero morirme", folder) == 0  # said as written: the lists' own tier
    assert near_miss.tier("quiero morime", folder) == 2  # a guess asks, never more


def test_known_short_and_tied_words_are_never_changed(tmp_path: Path) -> None:
    folder = _lists(tmp_path, "1\twant_die\tquiero morirme | quiero matarme\n"
                    "calm\tQuiero morirse de risa.\n", "w\tstop\tmatarne basta\n")
    assert near_miss.tier("quiero morirse", folder) == 0  # a word of the calm lines
    assert near_miss.tier("quiero matarne", folder) == 0  # a word of another list
    assert near_miss.tier("quiero morir", folder) == 0  # two letters off
    folder = _lists(tmp_path / "b", "1\tkill_self\tmataro | matari\n")
    assert near_miss.tier("matar", folder) == 0  # one letter from both: a tie
    folder = _lists(tmp_path / "c", "1\tkill_self\tmata\n")
    assert near_miss.tier("mato", folder) == 0  # shorter than SHORTEST


@pytest.mark.parametrize(("a", "b", "one"), [("risuka", "riska", True), ("kietai", "kieitai", True),
                                             ("morir", "mirar", False), ("abcde", "abcdef", True),
                                             ("abc", "abc", False), ("going", "doing", True)])
def test_one_edit(a: str, b: str, one: bool) -> None:
    assert near_miss._one_edit(a, b) is one


def test_the_reader_asks_about_a_listed_crisis_typed_one_letter_off() -> None:
    phrasebook.book.cache_clear()
    near_miss._lists.cache_clear()
    # Swahili "nitajimaliza" (I will finish myself) with a letter dropped; a calm reply stays calm
    assert understand("nitajimaiza leo", "sad").intent == Intent.SAFETY_CHECK
    assert understand("nimemaliza kazi leo", "sad").intent not in (Intent.SAFETY,
                                                                   Intent.SAFETY_CHECK)
    assert understand("I can't keep doing the night shifts", "mad").intent != Intent.SAFETY
