"""The phrasebook: words of crisis and wishes in the world's languages (dialogs/phrasebook.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dialogs import phrasebook as cw
from dialogs.locale import LOCALE_ROOT
from dialogs.understand import Intent, understand

FOLDER = str(LOCALE_ROOT / "en-us" / "crisis-words")
LANGS = cw.languages(FOLDER)
EXAMPLES = [(lang.code, concept, s) for lang in LANGS for concept, s in lang.examples]
CALM = [(lang.code, s) for lang in LANGS for s in lang.calm]
TIER: dict[tuple[str, str], int] = {}
"""(language, concept) -> its loosest tier there: a concept said ambiguously in one language (a
Hebrew farewell message to everyone, a Cebuano goodbye) is a tier-2 line, asked about."""
for _lang in LANGS:
    for _p in _lang.phrases:
        if _p.kind in "12":
            TIER[_lang.code, _p.concept] = max(int(_p.kind), TIER.get((_lang.code, _p.concept), 0))


def test_many_languages_each_with_every_concept() -> None:
    assert len(LANGS) >= 100
    concepts = {concept for _, concept in TIER}
    assert len(concepts) == 15
    for lang in LANGS:
        have = {p.concept for p in lang.phrases if p.kind in "12"}
        assert len(have) >= 12, (lang.code, sorted(concepts - have))
        assert len(lang.calm) >= 6, lang.code


@pytest.mark.parametrize(("code", "concept", "sentence"), EXAMPLES)
def test_each_example_is_caught_in_its_own_language(code: str, concept: str, sentence: str) -> None:
    hits = [h for h in cw.find(sentence, FOLDER) if h.lang == code and h.kind in "12"]
    # its own concept, or another as grave ("bought a rope, to hang myself" is kill_self too)
    assert any(h.concept == concept or int(h.kind) <= TIER[code, concept] for h in hits), hits


@pytest.mark.parametrize(("code", "sentence"), CALM)
def test_calm_sentences_alarm_no_language(code: str, sentence: str) -> None:
    assert cw.find(sentence, FOLDER) == ()


def test_the_reader_answers_every_example_with_its_tier() -> None:
    wrong = []
    for code, concept, sentence in EXAMPLES:
        got = understand(sentence, "sad").intent
        want = Intent.SAFETY if TIER[code, concept] == 1 else (Intent.SAFETY, Intent.SAFETY_CHECK)
        if got not in (want if isinstance(want, tuple) else (want,)):
            wrong.append((code, concept, sentence, got))
    assert wrong == []


def _one(tmp_path: Path, text: str) -> str:
    (tmp_path / "xx.tsv").write_text(text, encoding="utf-8")
    cw.book.cache_clear()
    return str(tmp_path)


def test_stems_gaps_negation_and_idioms(tmp_path: Path) -> None:
    folder = _one(tmp_path, "neg\tno|no me\n1\twant_die\tquiero morir* | me quiero morir\n"
                  "2\tno_way_out\tno veo salida\nidiom\tme muero de risa\n")
    assert [h.concept for h in cw.find("Hoy quiero ya morirme", folder)] == ["want_die"]
    assert cw.find("quiero de verdad que ya morir", folder) == ()  # three words between
    assert cw.find("No quiero morir, tengo miedo", folder) == ()
    assert cw.find("yo no me quiero morir", folder) == ()
    assert cw.tier("no aguanto, quiero morir", folder) == 1
    assert cw.tier("ya no veo salida", folder) == 2  # its own first word is a neg word
    assert cw.find("me muero de risa", folder) == ()
    assert cw.tier("Quiéro MORIR", folder) == 1  # accents and case folded


def test_scripts_without_spaces_are_found_inside_words(tmp_path: Path) -> None:
    folder = _one(tmp_path, "1\twant_die\t想死 | 不想 活\n")
    assert cw.tier("我真的想死了", folder) == 1
    assert cw.tier("我不想再活了", folder) == 1  # pieces within a few characters
    assert cw.tier("我想吃饭", folder) == 0


def test_malformed_lines_and_short_stems_are_refused(tmp_path: Path) -> None:
    (tmp_path / "xx.tsv").write_text("1\twant_die\n", encoding="utf-8")
    with pytest.raises(ValueError, match="xx.tsv:1"):
        cw.read_language(tmp_path / "xx.tsv")
    (tmp_path / "xx.tsv").write_text("1\twant_die\tmo* rir\n2\tno_point\tself-harm\n",
                                     encoding="utf-8")
    first, second = cw.read_language(tmp_path / "xx.tsv").phrases
    with pytest.raises(ValueError, match="too short"):
        cw.check_phrase(first)
    with pytest.raises(ValueError, match="not one word"):
        cw.check_phrase(second)


@pytest.mark.parametrize("folder", [FOLDER, str(LOCALE_ROOT / "en-us" / "wish-words")])
def test_every_phrase_can_match(folder: str) -> None:
    for lang in cw.languages(folder):
        for phrase in lang.phrases:
            cw.check_phrase(phrase)
            assert phrase.pattern.pattern


WISH_FOLDER = str(LOCALE_ROOT / "en-us" / "wish-words")
WISH_LANGS = cw.languages(WISH_FOLDER)
WISH_EXAMPLES = [(lang.code, wish, s) for lang in WISH_LANGS for wish, s in lang.examples]
WISH_CALM = [(lang.code, s) for lang in WISH_LANGS for s in lang.calm]
INTENT = {"who_hears": Intent.QUESTION, "saved": Intent.QUESTION, "why": Intent.QUESTION}


def test_wishes_in_many_languages() -> None:
    assert len(WISH_LANGS) >= 60
    for lang in WISH_LANGS:
        assert {p.concept for p in lang.phrases} >= {"stop", "skip", "repeat", "yes", "no"}, (
            lang.code)


@pytest.mark.parametrize(("code", "wish", "sentence"), WISH_EXAMPLES)
def test_each_wish_example_is_read_as_its_wish(code: str, wish: str, sentence: str) -> None:
    assert cw.wish(sentence, WISH_FOLDER) == wish


@pytest.mark.parametrize(("code", "sentence"), WISH_CALM)
def test_answers_with_wish_words_are_no_wish(code: str, sentence: str) -> None:
    assert cw.wish(sentence, WISH_FOLDER) is None


def test_the_reader_takes_the_wishes_at_their_prompts() -> None:
    wrong = []
    for code, wish, sentence in WISH_EXAMPLES:
        at = "share" if wish in ("yes", "no") else "sad"
        got = understand(sentence, at).intent
        allowed = {INTENT[wish] if wish in INTENT else Intent(wish)}
        if wish == "yes":
            allowed.add(Intent.UNCLEAR)  # a yes is asked again when anything leans to no
        if got not in allowed and got not in (Intent.SAFETY, Intent.SAFETY_CHECK):
            wrong.append((code, wish, sentence, got))
    assert len(wrong) <= len(WISH_EXAMPLES) // 50, wrong


def test_a_wish_is_nearly_the_whole_reply(tmp_path: Path) -> None:
    folder = _one(tmp_path, "w\tstop\teleg mara | fejezzuk be\nw\trepeat\tmit mondtal\n")
    assert cw.wish("Elég mára, köszönöm.", folder) == "stop"
    assert cw.wish("Na jó, elég mára, köszönöm szépen", folder) is None  # three words more
    assert cw.wish("Bocsi, mit mondtál?", folder) == "repeat"
    assert cw.wish("fejezzük be, mit mondtál", folder) is None  # two wishes alike: neither


def test_a_negation_inside_a_phrase_undoes_it(tmp_path: Path) -> None:
    folder = _one(tmp_path, "neg\tne|pas|plus|jamais\n1\twant_die\tveux mourir\n"
                  "1\tnot_live\tveux plus vivre\n2\tnot_exist\taurais voulu naitre\n")
    assert cw.tier("je veux mourir", folder) == 1
    assert cw.tier("je veux vraiment mourir", folder) == 1
    assert cw.tier("je veux pas mourir", folder) == 0
    assert cw.tier("je veux plus vivre", folder) == 1  # the phrase's own word
    assert cw.tier("j aurais voulu jamais naître", folder) == 2  # a concept that negates


def test_an_apostrophe_is_read_joined_and_parted(tmp_path: Path) -> None:
    folder = _one(tmp_path, "neg\tdont|tsy\n2\ttired_living\treraka amin ny fiainana\n"
                  "1\twant_die\tjveux mourir\n1\tnot_live\twant to live\n")
    assert cw.tier("Reraka amin'ny fiainana aho.", folder) == 2  # written parted
    assert cw.tier("j'veux mourir", folder) == 1  # written joined
    assert cw.tier("ʻIo, reraka aminʼny fiainana", folder) == 2  # the ʻokina and ʼ too
    assert cw.tier("I don't want to live with my ex", folder) == 0  # "don't" stays one word


def test_a_doubled_letter_of_the_reply_is_read_once_for_crisis(tmp_path: Path) -> None:
    folder = _one(tmp_path, "1\tnot_live\tbachna man chaina\n1\twant_die\twant to die\n"
                  "1\tkill_self\tvill do\nw\tstop\tjo\n")
    assert cw.tier("malai aba bachna mann chhaina", folder) == 1  # a romanised spelling doubles
    assert cw.tier("i just want to dieeee", folder) == 1  # a word stretched in a text
    assert cw.tier("i want to diet", folder) == 0  # still whole words
    assert cw.tier("katten vil dø snart", folder) == 0  # the list's double, not the reply's
    assert cw.wish("joo", folder) is None  # wishes are read as spelled
