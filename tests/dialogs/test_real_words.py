"""Real words are not typos of feeling words (scripts/build_real_words.py, round 33).

The lexicon repairs a word one edit from a feeling word; before round 33 it also "repaired" real
words: "passed" (266 corpus replies) into "pissed", "engaged" into "enraged", "hugged" into
"bugged", "losing" into "loving", "curious" into "furious"."""

from __future__ import annotations

from types import ModuleType

import pytest

from dialogs.acts import Emotion
from dialogs.feelings import CORRECTABLE, lexicon
from dialogs.text import damerau1
from dialogs.understand import Intent, understand

from .conftest import build_script


def _builder() -> ModuleType:
    return build_script("build_real_words")


def test_the_lists_are_written_from_the_dictionary_pocketsphinx_ships() -> None:
    build = _builder()
    assert len(build.dictionary()) > 100_000  # the real CMU dictionary, not a stand-in
    for path, text in build.outputs().items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is stale (feelings.value or the wish lists changed): "
            "run scripts/build_real_words.py")


def test_a_yes_of_another_language_is_never_an_english_word_or_another_wish() -> None:
    build = _builder()
    listed = [w for w in build.YES_OUT.read_text(encoding="utf-8").split("\n")
              if w and not w.startswith("#")]
    assert len(listed) > 300
    english = build.dictionary()
    assert not set(listed) & english
    for word in ("ok", "da", "hai", "po", "can", "go"):  # English, or another wish's word too
        assert word not in listed


def test_every_listed_word_is_one_the_repair_could_reach() -> None:
    lex = lexicon()
    targets = [p[0] for p in lex.feelings if len(p) == 1 and len(p[0]) >= CORRECTABLE]
    listed = _builder().OUT.read_text(encoding="utf-8").split("\n")
    words = [w for w in listed if w and not w.startswith("#")]
    assert len(words) > 100
    for word in words:
        assert any(damerau1(word, t) for t in targets), word
        assert lex.correct(word) == word


@pytest.mark.parametrize(("typed", "meant"), [("lonley", "lonely"), ("frustated", "frustrated"),
                                              ("terrifed", "terrified"), ("anxous", "anxious"),
                                              ("disapointed", "disappointed")])
def test_typos_of_feeling_words_are_still_repaired(typed: str, meant: str) -> None:
    assert lexicon().correct(typed) == meant


@pytest.mark.parametrize(("text", "at"), [
    ("my grandad passed away on sunday", "sad"),
    ("the kids hugged me at the door", "glad"),
    ("she was so curious about the puppy", "glad"),
    ("my sister got engaged tonight, so happy for her", "glad"),
    ("the baby is teething and up all night", "sad"),
    ("I kept losing my place reading to the kids", "sad"),
])
def test_real_words_are_not_taken_for_the_feeling_word_they_resemble(text: str, at: str) -> None:
    got = understand(text, at)
    assert got.hit is None or got.hit.feeling.phrase[0] in text.split(), got.hit


@pytest.mark.parametrize(("text", "at", "felt"), [
    ("my grandad passed away on sunday", "sad", Emotion.SAD),
    ("the kids hugged me at the door", "glad", Emotion.GLAD),
    ("my sister got engaged tonight, so happy for her", "glad", Emotion.GLAD),
])
def test_what_was_said_is_answered_not_the_word_it_resembles(text: str, at: str,
                                                             felt: Emotion) -> None:
    got = understand(text, at)  # an event told (a nudge follows) or the feeling it is
    assert got.intent in (Intent.FEELING, Intent.OUTER), got
    assert got.emotions in ((), (felt,)), got



@pytest.mark.parametrize("word", ["contenta", "contente", "anxios"])
def test_feeling_words_of_other_languages_are_not_english_typos(word: str) -> None:
    assert lexicon().correct(word) == word


def test_a_mixed_feeling_in_another_language_is_named_both_ways() -> None:
    got = understand("contenta pero triste, mi hermana se muda a Madrid", "sad")
    assert set(got.emotions) == {Emotion.GLAD, Emotion.SAD}, got
