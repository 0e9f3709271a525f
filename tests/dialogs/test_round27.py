"""Round 27, after scoring held-out v27: its misses in wordings of their own, not its sentences."""

from __future__ import annotations

import pytest

from dialogs.classify import crisis_rules
from dialogs.safety import AtCheck, read_check


@pytest.mark.parametrize(("text", "tier"), [
    ("Digar namexoham zinda bosham, bas.", 1),
    ("Аз зиндаги безор шудам, ҳар рӯз ҳамин.", 2),
    ("nie chacu zyc, usio", 1),
    ("хачу каб усё скончылася, вось і ўсё", 2),
    ("orki ikki meir, eg eri so troyttur", 2),
    ("bar narsa betsen ide, arydym", 2),
    ("jveux pu etre la, vraiment", 2),
    ("wallah ma fi 2amal", 2),
    ("na sayi igiya jiya", 2),
    ("Na saya igiya don shanu a kasuwa.", 0),
    ("je veux plus être là-bas au boulot demain", 0),
])
def test_round_27_after_scoring(text: str, tier: int) -> None:
    """Not wanting to live, tired of life, wanting it all to end, no hope and a rope bought, in
    Tajik, Belarusian, Faroese, Tatar, French and Arabizi as people type them; a rope for the
    cattle and not wanting to be at work stay calm."""
    assert crisis_rules(text, "en-us")[0] == tier


@pytest.mark.parametrize("reply", [
    "Oo. Matagal na.", "Oo, minsan naiisip ko", "Не ведаю... можа быць.", "nie, czasem tak",
    "no... tal vez", "non, peut-être un peu", "ei tea, vist natuke",
])
def test_a_yes_word_first_or_a_maybe_is_never_a_clear_no(reply: str) -> None:
    """A reply opening with a yes-word of any language, or with a no beside a maybe, a sometimes
    or an I-don't-know of any language, is not a clear no at the safety check: the line is said."""
    assert read_check(reply, "sad", "en-us") is AtCheck.YES
