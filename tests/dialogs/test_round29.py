"""After scoring v29 (README, round 29): an idiom of any language's list bars the model's lean to
crisis as an English idiom does; the rule net still answers real words of crisis beside one."""

from __future__ import annotations

from dialogs import phrasebook
from dialogs.classify import crisis_rules
from dialogs.locale import LOCALE_ROOT

FOLDER = str(LOCALE_ROOT / "en-us" / "crisis-words")


def test_an_idiom_of_another_language_is_an_idiom_to_the_reader() -> None:
    assert phrasebook.idiom_in("ayer me muero de risa con mi sobrino", FOLDER)
    assert crisis_rules("ayer me muero de risa con mi sobrino") == (0, True)
    assert not phrasebook.idiom_in("ayer fuimos al cine con mi sobrino", FOLDER)


def test_words_of_crisis_beside_a_foreign_idiom_still_alarm() -> None:
    tier, idiom = crisis_rules("me muero de risa con ellos pero la verdad quiero morir")
    assert idiom and tier == 1


def test_every_idiom_of_the_lists_is_found_by_itself() -> None:
    missed = []
    for lang in phrasebook.languages(FOLDER):
        for p in lang.phrases:
            plain = all("|" not in i and "*" not in i for i in p.items)
            if p.kind == "idiom" and p.spaced and plain:
                if not phrasebook.idiom_in(" ".join(p.items), FOLDER):
                    missed.append((lang.code, p.items))
    assert missed == []
