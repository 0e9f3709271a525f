"""Round 41: a bare word that is a yes in one language of home and a no in another ("hai":
Japanese yes, Tshivenda and Zulu no; "jo": German yes, Albanian no; "tak": Polish yes, Malay no)
never shares on its own: the share prompt is asked once more, and unclear twice keeps it private.
Said with words that settle the language ("hai, share it", "tak, wyślij"), the yes stands."""

from __future__ import annotations

import pytest

from dialogs import phrasebook
from dialogs.acts import ActKind
from dialogs.classify import crisis_rules
from dialogs.consent import _both_ways, doubtful_yes
from dialogs.locale import LOCALE_ROOT
from dialogs.understand import Intent, understand

from .conftest import drive

WISH_WORDS = str(LOCALE_ROOT / "en-us" / "wish-words")
FOUR_ANSWERS = ["my boss shouted at me and I was furious", "nothing", "nothing", "nothing"]


def test_the_two_way_words_come_from_the_phrasebook() -> None:
    both = _both_ways("en-us")
    assert {"hai", "jo", "tak", "haan"} <= both
    for word in both:
        langs = {concept: {lang.code for lang in phrasebook.languages(WISH_WORDS)
                           for p in lang.phrases if p.kind == "w" and p.concept == concept
                           and len(p.items) == 1 and word in p.items[0].split("|")}
                 for concept in ("yes", "no")}
        assert langs["yes"] and langs["no"] and not langs["yes"] & langs["no"], word


@pytest.mark.parametrize("text", ["hai", "Hai!", "hai hai", "jo", "Jo.", "tak", "haan", "aiwa"])
def test_a_bare_two_way_word_never_shares(text: str) -> None:
    assert doubtful_yes(text, "en-us")
    assert understand(text, "share").intent in (Intent.UNCLEAR, Intent.NO)  # asked again or kept


@pytest.mark.parametrize("text", ["hai, share it", "haan theek hai", "haan bhej do", "tak, wyślij",
                                  "ja", "yebo", "ndiyo", "da"])
def test_a_yes_whose_words_settle_the_language_stands(text: str) -> None:
    assert not doubtful_yes(text, "en-us")
    assert understand(text, "share").intent == Intent.YES


@pytest.mark.parametrize("text", ["hayi", "jo, mos e ndaj", "kwete", "hai ndo livhuwa"])
def test_a_no_stays_a_no(text: str) -> None:
    assert understand(text, "share").intent == Intent.NO


def test_two_way_words_twice_keep_the_check_in_private() -> None:
    ci, outs = drive([*FOUR_ANSWERS, "hai", "hai"])
    assert outs[-2].acts[-1].kind == ActKind.SHARE_PROMPT  # asked once more
    assert ci.finished and outs[-1].done and outs[-1].share is False


def test_a_clear_yes_after_the_second_asking_shares() -> None:
    ci, outs = drive([*FOUR_ANSWERS, "jo", "yes, share it"])
    assert ci.finished and outs[-1].share is True


@pytest.mark.parametrize("text", ["Huh?", "huh"])
def test_huh_at_the_share_prompt_asks_again_and_is_no_yes(text: str) -> None:
    # v39: "Huh?" was read as the yes "uh huh" once its "uh" was dropped as a filler.
    assert understand(text, "share").intent == Intent.REPEAT


@pytest.mark.parametrize("text", ["uh huh", "uh-huh", "yes please", "please do", "why not?"])
def test_a_yes_phrase_with_its_fillers_is_still_a_yes(text: str) -> None:
    assert understand(text, "share").intent == Intent.YES


@pytest.mark.parametrize("text", ["yeah?", "ha?", "ok?"])
def test_one_word_said_as_a_question_is_asked_again(text: str) -> None:
    assert understand(text, "share").intent == Intent.UNCLEAR


def test_a_yes_and_a_no_are_never_told_apart_by_counting_languages() -> None:
    # "jo" is a yes in German, Czech, Danish, Hungarian and Luxembourgish and a no in Albanian:
    # five languages to one decides nothing.
    assert phrasebook.wish("jo", WISH_WORDS) is None
    assert phrasebook.wish("jo, mos e ndaj", WISH_WORDS) == "no"


def test_an_albanian_dont_after_a_two_way_word_is_no_yes() -> None:
    assert understand("jo jo mos ja trego", "share").intent != Intent.YES


@pytest.mark.parametrize(("text", "tier"), [
    ("dunno why i still tryin so hard, wat for sia", 2),  # Singlish, read from v40
    ("don't know why I bother anymore. what for?", 2),
    ("idk why i even bother studying, what for, the exam was cancelled", 0),
    ("m'ammazzo dalle risate, er nonno ha fatto er tiktok", 0),  # Roman: dying of laughter
    ("mammazzo, nun ce la faccio cchiù", 1),
])
def test_crisis_words_read_from_v40(text: str, tier: int) -> None:
    assert crisis_rules(text)[0] == tier


@pytest.mark.parametrize(("text", "at", "intent"), [
    ("tego niy chca godać, dalij", "sad", Intent.SKIP),
    ("bezar az in yeki rad shim, hoselasho nadaram", "sad", Intent.SKIP),
    ("wablief?", "fear", Intent.REPEAT),
    ("hald det siste for deg sjølv", "sad", Intent.PRIVATE),
    ("ez maradjon köztünk jó?", "sad", Intent.PRIVATE),
    ("можно эту пропустить?", "fear", Intent.SKIP),
])
def test_wishes_read_from_v40(text: str, at: str, intent: Intent) -> None:
    assert understand(text, at).intent == intent
