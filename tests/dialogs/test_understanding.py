"""The understanding model: a reproducible build, an export that reads the same, wishes heard."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from dialogs.acts import Emotion
from dialogs.model import MODEL_PATH, Guess, ModelMissing, load_from
from dialogs.understand import Intent, understand

from .conftest import build_script

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_model_is_small_and_built_from_every_batch() -> None:
    assert MODEL_PATH.stat().st_size < 5_000_000
    meta = load_from(MODEL_PATH).meta
    corpus = sorted((ROOT / "dialogs" / "understanding" / "corpus").glob("checkin-*.jsonl"))
    sizes = {p.stem.removeprefix("checkin-"): sum(1 for line in p.read_text().splitlines()
                                                  if line.strip()) for p in corpus}
    assert len(sizes) >= 3 and meta["batches"] == sizes  # every batch file, whole, no other


def test_a_build_is_reproducible_and_its_export_reads_the_same(tmp_path: Path) -> None:
    build = build_script()
    rows = build.read_rows(build.CORPUS)[::40]  # a small slice keeps the test quick
    lists = build.phrasebook_rows()[::40]
    first, second = build.train(rows, lists), build.train(rows, lists)
    assert np.array_equal(first.weights, second.weights)
    build._export(first, tmp_path / "m.npz")
    loaded = load_from(tmp_path / "m.npz")
    for row in rows[:40]:
        a, b = first.read(row["text"], row["at"]), loaded.read(row["text"], row["at"])
        assert a.intent == b.intent
        assert abs(a.confidence - b.confidence) < 0.02
        assert abs(a.lean - b.lean) < 0.02


def test_a_broken_model_file_says_how_to_rebuild(tmp_path: Path) -> None:
    bad = tmp_path / "model.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(ModelMissing, match="build_understanding"):
        load_from(bad)


# The issue's own examples (issue 9), not the held-out set.
@pytest.mark.parametrize(
    ("text", "at", "intent"),
    [
        ("I'm too tired for this, can we stop", "sad", Intent.STOP),
        ("let's call it a night", "fear", Intent.STOP),
        ("I'd rather not talk about that one", "sad", Intent.SKIP),
        ("huh, what was that", "mad", Intent.REPEAT),
        ("don't share that part", "glad", Intent.PRIVATE),
        ("keep that one between us", "mad", Intent.PRIVATE),
        ("that one's just for me", "fear", Intent.PRIVATE),
        ("why do you ask", "mad", Intent.QUESTION),
        ("are you recording this", "sad", Intent.QUESTION),
        ("who is going to hear this", "glad", Intent.QUESTION),
        ("let me think", "glad", Intent.HOLD),
        ("sure go ahead and share it", "share", Intent.YES),
        ("yes definitely", "share", Intent.YES),
        ("yep send it to her", "share", Intent.YES),
        ("I can't see a way out", "sad", Intent.SAFETY_CHECK),
        ("I'm so tired of living", "sad", Intent.SAFETY_CHECK),
        ("everyone would be better off without me", "sad", Intent.SAFETY),
    ],
)
def test_wishes_in_everyday_words(text: str, at: str, intent: Intent) -> None:
    assert understand(text, at).intent == intent


@pytest.mark.parametrize("text", ["this traffic is killing me", "my phone died",
                                  "I could have died of embarrassment", "dying to see you"])
def test_idioms_stay_calm(text: str) -> None:
    assert understand(text, "mad").intent not in (Intent.SAFETY, Intent.SAFETY_CHECK)


def test_mixed_feelings_and_sarcasm() -> None:
    mixed = understand("happy for my sister but sad she's moving", "glad")
    assert set(mixed.emotions) == {"glad", "sad"}
    sarcastic = understand("oh great, my car broke down again, just wonderful", "mad")
    assert "glad" not in sarcastic.emotions


def test_privacy_inside_an_answer() -> None:
    got = understand("my boss yelled at me in front of everyone, keep that private", "mad")
    assert got.intent == Intent.FEELING and got.private


def test_corpus_rows_follow_the_schema() -> None:
    for path in (ROOT / "dialogs" / "understanding" / "corpus").glob("checkin-*.jsonl"):
        for line in path.read_text().splitlines():
            row = json.loads(line)
            assert row["text"].strip() and row["at"] and row["intent"], row


class _Leaning:
    """A model that reads every reply as joy with a given lean towards the safety act."""

    def __init__(self, p_safety: float) -> None:
        self.p_safety = p_safety

    def read(self, text: str, at: str) -> Guess:
        probs = {"feeling": 0.9 - self.p_safety, "safety": self.p_safety, "safety_check": 0.0,
                 "outer": 0.1}
        top = max(probs, key=probs.__getitem__)
        return Guess(top, probs[top], probs, {"mad": 0.0, "sad": 0.0, "glad": 0.95, "fear": 0.0},
                     {"private_inline": 0.0, "sarcasm": 0.0, "strong": 0.0, "idiom": 0.0},
                     None, 1.0)


@pytest.mark.parametrize(("p_safety", "alarmed"), [(0.47, False), (0.3, False), (0.55, True),
                                                   (0.7, True)])
def test_on_plain_joy_only_the_joy_bar_decides_a_crisis_not_the_top_reading(
    p_safety: float, alarmed: bool
) -> None:
    """Joy in the speaker's own words needs 0.5 of crisis before an alarm: a model whose top
    reading is `safety` at 0.47 ("I was delighted to receive a letter") is read as the joy."""
    got = understand("I was delighted to get a letter from my old teacher", "glad",
                     using=_Leaning(p_safety))  # type: ignore[arg-type]
    assert (got.intent in (Intent.SAFETY, Intent.SAFETY_CHECK)) == alarmed
    if not alarmed:
        assert got.intent == Intent.FEELING and got.emotions[0] == "glad"


@pytest.mark.parametrize("text", ["what's the point of asking about mad stuff every night?",
                                  "what is the point of these questions"])
def test_a_weary_question_about_the_checkin_is_not_hopelessness(text: str) -> None:
    assert understand(text, "mad").intent not in (Intent.SAFETY, Intent.SAFETY_CHECK)


@pytest.mark.parametrize("text", ["what's the point anymore", "what's the point of anything",
                                  "what's the point of asking, I just want to die"])
def test_hopeless_points_still_alarm(text: str) -> None:
    assert understand(text, "sad").intent in (Intent.SAFETY, Intent.SAFETY_CHECK)


def test_words_never_seen_are_not_taken_for_known_ones() -> None:
    """The vocabulary is kept apart from the feature buckets: with three quarters of the buckets
    used, most made-up words looked known and "banana" at the share prompt read as a yes."""
    import random

    from dialogs.model import model

    rng = random.Random(4)
    made_up = ["".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(4))
               for _ in range(300)]
    known = sum(model().read(w, "share").known > 0 for w in made_up)
    assert known <= 15, known
    # unsure or unclear: either asks the share prompt once more (never a yes or a no)
    assert understand("banana", "share").intent in (Intent.UNCLEAR, Intent.UNSURE)


@pytest.mark.parametrize("text", ["A driver cut me off on the way home and I yelled",
                                  "they cut our hours again", "you cut out, what was that"])
def test_cut_away_from_the_body_stays_calm(text: str) -> None:
    assert understand(text, "mad").intent not in (Intent.SAFETY, Intent.SAFETY_CHECK)


@pytest.mark.parametrize("text", ["i cut myself again last night", "i started cutting again",
                                  "my hours got cut and i cut myself"])
def test_cutting_oneself_still_alarms(text: str) -> None:
    assert understand(text, "sad").intent == Intent.SAFETY


@pytest.mark.parametrize("text", ["I was mad", "honestly I was livid", "not much, a bit annoyed"])
def test_a_feeling_named_is_never_read_as_nothing(text: str) -> None:
    got = understand(text, "mad")
    assert got.intent == Intent.FEELING and got.emotions[0] == "mad"


@pytest.mark.parametrize("text", ["nothing made me mad", "nothing really", "nothing, I was fine"])
def test_nothing_stays_nothing(text: str) -> None:
    assert understand(text, "mad").intent == Intent.NOTHING


def test_getting_hold_of_a_means_gets_asked_about() -> None:
    got = understand("bought a rope at the hardware store, not for the garden", "fear")
    assert got.intent in (Intent.SAFETY, Intent.SAFETY_CHECK)


@pytest.mark.parametrize(("text", "intent"), [("yess", Intent.YES), ("yesss please", Intent.YES),
                                              ("noo", Intent.NO), ("nooooo", Intent.NO)])
def test_a_held_letter_at_the_share_prompt_is_still_a_yes_or_no(text: str, intent: Intent) -> None:
    from dialogs.text import normalise

    assert normalise("I was sooo mad") == "i was so mad"
    assert understand(text, "share").intent == intent


@pytest.mark.parametrize(("text", "words"), [("Não, obrigado", "nao , obrigado"),
                                             ("¿Aquí? Sí.", "aqui , si"),
                                             ("Ça m'a fait plaisir", "ca m'a fait plaisir"),
                                             ("Мне грустно", "мне грустно")])
def test_letters_of_every_language_survive_with_their_accents_folded(text: str, words: str) -> None:
    from dialogs.text import normalise

    assert normalise(text) == words


@pytest.mark.parametrize("text", ["Não quero mais viver", "Nao quero mais viver",
                                  "no quiero vivir más"])
def test_a_wish_to_die_in_portuguese_or_spanish_is_heard_with_or_without_accents(text: str) -> None:
    assert understand(text, "sad").intent == Intent.SAFETY


@pytest.mark.parametrize("text", ["Não, não partilhes", "nao, nao partilhes isso"])
def test_a_portuguese_no_at_the_share_prompt_is_heard_with_or_without_accents(text: str) -> None:
    assert understand(text, "share").intent == Intent.NO


@pytest.mark.parametrize("text", ["everyone says it gets better. it doesnt. its been three years",
                                  "things will never get better", "there is no hope for me"])
def test_hopelessness_about_the_future_gets_the_direct_question(text: str) -> None:
    from dialogs.classify import crisis_rules

    assert crisis_rules(text, "en-us")[0] >= 1
    assert understand(text, "sad").intent in (Intent.SAFETY, Intent.SAFETY_CHECK)


@pytest.mark.parametrize("text", ["it doesn't get better than this!",
                                  "there's no hope of us winning the league lol",
                                  "the traffic never gets better on fridays"])
def test_better_and_hope_in_everyday_words_are_not_rules_of_crisis(text: str) -> None:
    from dialogs.classify import crisis_rules

    assert crisis_rules(text, "en-us")[0] == 0


@pytest.mark.parametrize("text", ["ugh, my back aches, could we end it for tonight?",
                                  "let's wrap this up for now", "can we finish this session"])
def test_ending_the_checkin_is_not_ending_a_life(text: str) -> None:
    from dialogs.classify import crisis_rules

    assert crisis_rules(text, "en-us")[0] == 0


@pytest.mark.parametrize("text", ["ending it tonight. I've made up my mind",
                                  "can we end it all", "I want to end it for good"])
def test_ending_it_all_still_alarms(text: str) -> None:
    assert understand(text, "sad").intent == Intent.SAFETY


@pytest.mark.parametrize(("text", "at"), [("joy? honestly nothing today", "glad"),
                                          ("fear... nah, nothing like that", "fear"),
                                          ("sadness, hmm, nothing comes to mind", "sad"),
                                          ("um, afraid? no, not today", "fear")])
def test_the_questions_own_word_said_back_is_not_a_feeling(text: str, at: str) -> None:
    assert understand(text, at).intent == Intent.NOTHING


@pytest.mark.parametrize("text", ["no, that stays between the two of us", "nah keep it between us"])
def test_no_with_a_privacy_wish_at_the_share_prompt_is_a_no(text: str) -> None:
    assert understand(text, "share").intent == Intent.NO


def test_the_questions_word_later_in_a_reply_is_the_speakers_own() -> None:
    assert understand("nothing really, well, mad at myself I guess", "mad").intent == Intent.FEELING


@pytest.mark.parametrize("text", ["you know when you've made up your mind to end your life? yeah",
                                  "ever get to where you're planning to hurt yourself? that's me"])
def test_a_crisis_told_with_the_generic_you_alarms(text: str) -> None:
    assert understand(text, "sad").intent == Intent.SAFETY


@pytest.mark.parametrize("text", ["we laughed so hard at the pub I thought I'd die",
                                  "laughing so much at the film I nearly died"])
def test_laughing_fit_to_die_stays_calm(text: str) -> None:
    got = understand(text, "glad")
    assert got.intent not in (Intent.SAFETY, Intent.SAFETY_CHECK)


@pytest.mark.parametrize("text", [
    "long day. last night I sat in the garage with the engine on for an hour",
    "I'm going to end it on friday when the kids are at their dad's",
    "don't share it, I'm not planning on being around much longer anyway",
    "I cut my legs so I could feel something other than this",
    "I've set up letters to go out after I'm gone",
    "I wish I could fall asleep and never wake up",
])
def test_warning_signs_in_plain_words_get_the_safety_act(text: str) -> None:
    assert understand(text, "sad").intent == Intent.SAFETY


@pytest.mark.parametrize("text", [
    "I was going to end it with him this weekend but we talked instead",
    "couldn't sleep, and then I didn't wake up until ten",
    "I felt like I was going to die on that stage, so nervous",
    "if I have to sit through one more budget meeting I'll shoot myself lol",
])
def test_the_same_words_in_everyday_senses_do_not_alarm_by_rule(text: str) -> None:
    from dialogs.classify import crisis_rules

    assert crisis_rules(text, "en-us")[0] == 0


@pytest.mark.parametrize(("text", "tier"), [
    ("the waiter gave my table to a couple who came later and then walked away", 0),
    ("I gave my records and my good camera away, I won't be needing them", 2),
])
def test_things_given_away_alarm_only_when_ones_own_things_are(text: str, tier: int) -> None:
    from dialogs.classify import crisis_rules

    assert crisis_rules(text, "en-us")[0] == tier


@pytest.mark.parametrize("text", ["let's goooo, I got the job in Leeds",
                                  "we finally closed on the house, lets go!!"])
def test_joy_said_as_a_command_is_joy_not_a_wish_to_move_on(text: str) -> None:
    assert understand(text, "glad").intent == Intent.FEELING


@pytest.mark.parametrize("text", ["let's go, I'd rather skip that one",
                                  "let's go, I want to stop for tonight",
                                  "let's go on to the next question"])
def test_lets_go_with_a_wish_keeps_the_wish(text: str) -> None:
    assert understand(text, "mad").intent in (Intent.STOP, Intent.SKIP)


@pytest.mark.parametrize("text", ["nein, danke", "non, je préfère pas", "hapana"])
def test_a_no_in_another_language_at_the_safety_check_is_clear(text: str) -> None:
    from dialogs.safety import clear_no_at_check

    assert clear_no_at_check(text, "en-us")


@pytest.mark.parametrize(("text", "tier"), [
    ("parked up by the reservoir with dad's revolver on my lap, couldn't make myself go home", 1),
    ("I've quit taking my insulin on purpose, I'm tired of fighting", 1),
    ("took the rifle out of the safe and sat with it for a while", 0),  # the model's part
    ("forgot my insulin this morning, not on purpose, just rushing", 0),
    ("I laughed at the wedding speeches, nearly died of embarrassment", 0),
])
def test_means_in_hand_and_medicine_stopped_on_purpose_alarm_by_rule(text: str, tier: int) -> None:
    from dialogs.classify import crisis_rules

    assert crisis_rules(text, "en-us")[0] == tier


def test_dying_of_happiness_is_an_idiom() -> None:
    got = understand("got the keys to our first flat, I could die of happiness", "glad")
    assert got.intent == Intent.FEELING and got.idiom


@pytest.mark.parametrize(("text", "tier"), [
    ("no quiero seguir viviendo sin ella", 1),
    ("ich will nicht mehr leben, es ist zu viel", 1),
    ("since she left, what am I even here for", 2),
    ("casi me muero de la risa con mi hermana", 0),
    ("je veux en finir avec ce rapport ce soir", 0),
])
def test_crisis_in_the_languages_people_mix_in_alarms_by_rule(text: str, tier: int) -> None:
    from dialogs.classify import crisis_rules

    assert crisis_rules(text, "en-us")[0] == tier


@pytest.mark.parametrize("text", ["we moved in and the kids wouldn't stop running around",
                                  "my brother called and I couldn't stop laughing",
                                  "the dog would not stop barking at the postman"])
def test_something_that_went_on_and_on_is_not_a_wish_to_stop(text: str) -> None:
    assert understand(text, "glad").intent != Intent.STOP


def test_a_wish_to_stop_beside_something_that_went_on_is_still_a_wish() -> None:
    assert understand("I can't stop yawning, can we stop here", "sad").intent == Intent.STOP


@pytest.mark.parametrize(("text", "at"), [
    ("the office scanner committed suicide again, lost the whole contract, I was fuming", "mad"),
    ("Our router killed itself right before the interview, I was so stressed", "fear"),
    ("the build server at work died twice today", "mad"),
    ("thought I'd have a heart attack when she scored in the last minute, best night ever", "glad"),
])
def test_things_that_die_and_strokes_one_nearly_had_stay_calm(text: str, at: str) -> None:
    from dialogs.classify import crisis_rules

    assert crisis_rules(text, "en-us") == (0, True)
    assert understand(text, at).intent not in (Intent.SAFETY, Intent.SAFETY_CHECK)


@pytest.mark.parametrize("text", [
    "honestly I don't expect I'll be around for next spring. Bought my own plot last month.",
    "doubt I'll make it to my granddaughter's wedding, the way I feel",
    "I picked out my casket on Tuesday and sorted the paperwork",
])
def test_a_near_date_not_expected_and_ones_own_grave_made_ready_are_asked_about(text: str) -> None:
    from dialogs.classify import crisis_rules

    assert crisis_rules(text, "en-us")[0] >= 2
    assert understand(text, "sad").intent in (Intent.SAFETY, Intent.SAFETY_CHECK)


@pytest.mark.parametrize("text", [
    "I don't think I'll see the concert, tickets sold out",
    "we paid off the car and I was so relieved",
    "I don't think I'll make it to the gym next week, work is mad",
])
def test_plans_that_are_not_ones_life_do_not_alarm_by_rule(text: str) -> None:
    from dialogs.classify import crisis_rules

    assert crisis_rules(text, "en-us")[0] == 0


@pytest.mark.parametrize(("text", "at"), [
    ("off the record, I was scared stiff when the lab called about my scan", "fear"),
    ("no le digas a mi hermana, pero I was so angry at her husband", "mad"),
    ("huwag mong sabihin kay Ben ha, pero sobrang lungkot ko today", "sad"),
    ("ne le dis pas à Marc, but I was thrilled they picked my design", "glad"),
    ("I was hurt by what my dad said at dinner. That stays with you, not with Jo.", "sad"),
    ("gutted about the allotment getting vandalised, keep this one to yourself", "sad"),
    ("fuming at the garage for the bill, please don't forward it to Priya", "mad"),
    ("so nervous about the audition. could that bit not go to Ray?", "fear"),
    ("Do not include this one: I was jealous at my cousin's wedding.", "mad"),
    ("over the moon about the scan, but dinna say a word tae Fiona yet", "glad"),
])
def test_privacy_said_inside_an_answer_in_other_words_keeps_it_private(text: str, at: str) -> None:
    got = understand(text, at)
    assert got.intent == Intent.FEELING
    assert got.private


@pytest.mark.parametrize("text", [
    "don't tell me to calm down",
    "I said don't let it bother you",
    "so I told him, do not mention it to me again",
    "I was livid he kept it a secret for a month",
    "she asked me not to say a word to anyone and then told everybody herself",
    "I'm scared of telling her the news",
])
def test_everyday_dont_tell_is_not_a_privacy_wish_by_rule(text: str) -> None:
    from dialogs.classify import asks_private as _asks_private
    from dialogs.text import normalise

    assert not _asks_private(tuple(normalise(text).split()), "en-us")


@pytest.mark.parametrize("text", ["Nothing at all, love.", "nah, nothing, darling"])
def test_a_word_of_address_is_not_a_feeling(text: str) -> None:
    assert understand(text, "mad").intent == Intent.NOTHING


@pytest.mark.parametrize("text", ["I love my new job", "love it when the kids are home"])
def test_love_inside_a_sentence_is_still_a_feeling(text: str) -> None:
    got = understand(text, "glad")
    assert got.intent == Intent.FEELING and got.emotions[0] == Emotion.GLAD


@pytest.mark.parametrize("text", ["nah yeah nah", "no, he'd only worry, sure leave it for tonight"])
def test_a_yes_said_beside_a_no_is_asked_again(text: str) -> None:
    assert understand(text, "share").intent in (Intent.UNCLEAR, Intent.NO)


@pytest.mark.parametrize("text", ["no worries, send it", "yes please", "sure, why not"])
def test_a_yes_with_no_no_in_it_still_shares(text: str) -> None:
    assert understand(text, "share").intent == Intent.YES


def test_a_privacy_wish_said_with_a_feeling_of_its_own_keeps_both_answers_private() -> None:
    got = understand("Cross with my brother about Mum's house. Don't pass that on.", "sad")
    assert got.intent == Intent.FEELING and got.private and got.keeps_before


@pytest.mark.parametrize("text", [
    "i been thinkin bout killin myself fr",
    "been cuttin meself again",
    "I'd rather be dead, honest",
    "some nights I wish I just wouldn't wake up",
    "quiero quitarme la vida",
    "ayoko nang mabuhay",
])
def test_spoken_spellings_and_other_languages_reach_the_rule_net(text: str) -> None:
    from dialogs.classify import crisis_rules

    assert crisis_rules(text, "en-us")[0] == 1


@pytest.mark.parametrize("text", ["I'd rather be dead than wear that jumper lol",
                                  "we drove into a tree branch that fell on the road"])
def test_the_same_words_as_hyperbole_or_accident_do_not_alarm_by_rule(text: str) -> None:
    from dialogs.classify import crisis_rules

    assert crisis_rules(text, "en-us")[0] == 0


@pytest.mark.parametrize(("text", "tier"), [
    ("Mi waan dead. Mi cyaan tek it.", 1),
    ("Sorted the papers at the bank. The kids'll be right without me.", 2),
    ("she'll be fine without me for the weekend", 0),
    ("I wanted dead silence in the room while I worked", 0),
])
def test_patois_spellings_and_people_fine_without_me(text: str, tier: int) -> None:
    from dialogs.classify import crisis_rules

    assert crisis_rules(text, "en-us")[0] == tier


@pytest.mark.parametrize(("text", "at"), [
    ("Worried about the overdraft. Keep that one off Priya's list.", "fear"),
    ("the landlord shouted at me again but not tell jo bout it", "mad"),
])
def test_keep_it_off_the_list_inside_an_answer_keeps_it_private(text: str, at: str) -> None:
    got = understand(text, at)
    assert got.intent == Intent.FEELING and got.private


@pytest.mark.parametrize("text", ["afraid the factory closes next year",
                                  "Little frighten for my sugar test results."])
def test_a_feeling_said_at_the_share_prompt_is_never_a_yes(text: str) -> None:
    assert understand(text, "share").intent != Intent.YES


@pytest.mark.parametrize("text", ["send it to her", "let him hear it", "oo sige", "why not",
                                  "Aye, go on"])
def test_yes_in_everyday_words_still_shares(text: str) -> None:
    assert understand(text, "share").intent == Intent.YES


@pytest.mark.parametrize("text", ["I was sad I could not tell him goodbye",
                                  "I did not tell my boss I was leaving, I was scared"])
def test_a_story_of_not_telling_is_not_a_privacy_wish_by_rule(text: str) -> None:
    from dialogs.classify import asks_private as _asks_private
    from dialogs.text import normalise

    assert not _asks_private(tuple(normalise(text).split()), "en-us")


@pytest.mark.parametrize(("text", "intent"), [
    ("stpo the chekin pls", Intent.STOP), ("skpi this one", Intent.SKIP),
    ("repaet please", Intent.REPEAT), ("end the chek in", Intent.STOP),
])
def test_a_command_with_a_slip_of_the_fingers_is_still_the_command(text: str,
                                                                   intent: Intent) -> None:
    assert understand(text, "fear").intent == intent


@pytest.mark.parametrize("text", ["quite honestly", "I stoped at the shop on the way home"])
def test_known_words_are_not_read_as_mistyped_commands(text: str) -> None:
    assert understand(text, "mad").intent not in (Intent.STOP, Intent.SKIP, Intent.REPEAT)


def test_one_slip_is_a_swap_a_drop_or_a_double_of_a_long_enough_word() -> None:
    from dialogs.typos import near as _near

    assert _near("stpo", "stop") and _near("repat", "repeat") and _near("skipp", "skip")
    assert not _near("spot", "stop") and not _near("shop", "stop") and not _near("edn", "end")


def test_a_happy_day_is_not_sarcasm_without_a_bad_event() -> None:
    got = understand("we had a lovely walk by the river after dinner", "glad")
    assert got.intent == Intent.FEELING and got.emotions[0] == Emotion.GLAD


def test_sarcasm_on_a_bad_event_is_still_read() -> None:
    got = understand("oh wonderful, the car broke down on the motorway again", "glad")
    assert got.intent == Intent.FEELING and Emotion.GLAD not in got.emotions


def test_a_no_the_model_only_leans_to_is_asked_again_at_the_share_prompt() -> None:
    assert understand("banana", "share").intent in (Intent.UNCLEAR, Intent.UNSURE)  # asked again
    assert understand("no thanks", "share").intent == Intent.NO


def test_an_answer_split_between_feeling_and_event_is_still_an_answer() -> None:
    got = understand("I got the promotion!", "glad")
    assert got.intent in (Intent.FEELING, Intent.OUTER)


@pytest.mark.parametrize(("text", "tier"), [
    ("lo único que me alegraría es morirme", 1),
    ("the only thing I look forward to now, honestly, is sleep", 0),
    ("Some nights I think I have stayed too long in this world.", 2),
    ("we stayed too long at the party and missed the bus", 0),
    ("It wouldn't matter if I was gone.", 2),
    ("it doesn't matter if I'm here by six, the shop opens at seven", 0),
])
def test_a_life_overstayed_or_not_mattering_is_asked_about(text: str, tier: int) -> None:
    from dialogs.classify import crisis_rules

    assert crisis_rules(text, "en-us")[0] == tier


@pytest.mark.parametrize(("text", "intent"), [("no I felt safe today", Intent.NOTHING),
                                              ("no idea", Intent.UNSURE)])
def test_a_plain_no_answers_the_question_and_no_idea_does_not(text: str, intent: Intent) -> None:
    assert understand(text, "fear").intent == intent


@pytest.mark.parametrize(("text", "tier"), [
    ("I've been reading up on the lethal dose of my tablets", 1),
    ("looked up the quickest way to end it on my phone at lunch", 1),
    ("falling asleep and never waking up would be a relief", 1),
    ("banged my head on the door on purpose until it bled", 1),
    ("i cut again last night", 1),
    ("got a hose that fits the tailpipe", 1),
    ("my kids would manage fine without me", 2),
    ("the only thing keeping me here is the cat", 2),
    ("nobody needs me anymore", 2),
    ("I'm scared of what I might do to myself", 2),
    ("praying the cancer takes me soon", 2),
    # The same words in everyday senses stay calm.
    ("the team will manage fine without me for one week", 0),
    ("I'm scared of what I might do next at work, they keep changing the rota", 0),
    ("the garden hose split so I bought a new one", 0),
    ("a lethal dose of paperwork today", 0),
])
def test_round_15_rule_net_words_alarm_and_everyday_senses_do_not(text: str, tier: int) -> None:
    from dialogs.classify import crisis_rules

    assert crisis_rules(text, "en-us")[0] == tier


class _Reading:
    """A model with fixed emotion readings and a plain answer as its top reading."""

    def __init__(self, emotions: dict[str, float], intent: str = "feeling") -> None:
        self.emotions, self.intent = emotions, intent

    def read(self, text: str, at: str) -> Guess:
        probs = {"feeling": 0.8, "outer": 0.2} if self.intent == "feeling" else {
            self.intent: 0.3, "feeling": 0.35, "outer": 0.2}
        top = max(probs, key=probs.__getitem__) if self.intent == "feeling" else self.intent
        return Guess(top, probs[top], probs, self.emotions,
                     {"private_inline": 0.0, "sarcasm": 0.0, "strong": 0.0, "idiom": 0.0},
                     None, 1.0)


def test_a_joyful_word_the_model_reads_as_a_loss_is_not_taken_as_joy() -> None:
    """"a patient I cared for died" holds the joy phrase "cared for": never "How lovely"."""
    got = understand("A patient I cared for died this afternoon.", "sad",
                     using=_Reading({"mad": 0.0, "sad": 0.8, "glad": 0.05, "fear": 0.1}))  # type: ignore[arg-type]
    assert Emotion.GLAD not in got.emotions
    kept = understand("I felt so cared for at the hospital", "glad",
                      using=_Reading({"mad": 0.0, "sad": 0.4, "glad": 0.7, "fear": 0.1}))  # type: ignore[arg-type]
    assert kept.emotions == (Emotion.GLAD,)


@pytest.mark.parametrize(("glad", "hard", "first"), [(0.4, 0.45, None), (0.8, 0.3, "glad"),
                                                     (0.3, 0.8, "mad"), (0.52, 0.6, "glad")])
def test_joy_and_a_hard_feeling_read_alike_are_not_guessed(glad: float, hard: float,
                                                           first: str | None) -> None:
    """No feeling word, joy and anger read within 0.15: a nudge, not "That sucks." to a gift;
    unless the joy asked about is read at 0.5 or more."""
    got = understand("a stranger paid for my coffee this morning", "glad",
                     using=_Reading({"mad": hard, "sad": 0.0, "glad": glad, "fear": 0.0}))  # type: ignore[arg-type]
    assert got.intent == (Intent.OUTER if first is None else Intent.FEELING)
    assert first is None or got.emotions[0] == first


def test_a_weak_wish_reading_of_an_answer_is_the_answer() -> None:
    """"I got the promotion!" read 0.30 as stop but 0.55 as an answer: the answer, as joy."""
    got = understand("I got the promotion!", "glad",
                     using=_Reading({"mad": 0.0, "sad": 0.0, "glad": 0.95, "fear": 0.0}, "stop"))  # type: ignore[arg-type]
    assert got.intent == Intent.FEELING and got.emotions == (Emotion.GLAD,)


@pytest.mark.parametrize("text", [
    "my mum's on the ward and I'm so scared she's going to die tonight",
    "the vet said he was going to die without the operation and I was terrified",
    "the bootcamp was a suicide mission for my knees",
])
def test_fear_for_someone_elses_life_and_a_suicide_mission_are_not_the_rule_nets_alarm(
        text: str) -> None:
    from dialogs.classify import crisis_rules

    assert crisis_rules(text, "en-us")[0] == 0


@pytest.mark.parametrize("text", [
    "he's going to die of old age and I want to die before him",
    "I'm going to die, I have the pills ready",
])
def test_ones_own_death_beside_anothers_still_alarms(text: str) -> None:
    from dialogs.classify import crisis_rules

    assert crisis_rules(text, "en-us")[0] == 1


@pytest.mark.parametrize(("text", "at"), [
    ("I am very angry.", "mad"),
    ("I'm so disappointed.", "sad"),
    ("I am very scared.", "fear"),
    ("Honestly I was frustrated with the council all day.", "mad"),
])
def test_an_everyday_hard_feeling_said_plainly_gets_empathy_not_the_crisis_question(
        text: str, at: str) -> None:
    assert understand(text, at).intent == Intent.FEELING


@pytest.mark.parametrize("text", [
    "I've been wanting to die for a while now, I'm so angry at everything",
    "scared, and I'm wanting to die most nights",
])
def test_wanting_to_die_beside_an_everyday_feeling_still_gets_the_safety_act(text: str) -> None:
    assert understand(text, "fear").intent == Intent.SAFETY


@pytest.mark.parametrize(("text", "at"), [
    ("the boiler broke again and I was livid. please do not share this part", "mad"),
    ("sad about my nan's memory going, leave it out of what goes to him", "sad"),
    ("me frighten for de test results, doan tell Andre nothing", "fear"),
])
def test_privacy_said_plainly_or_in_dialect_inside_an_answer_keeps_it_private(
        text: str, at: str) -> None:
    got = understand(text, at)
    assert got.intent == Intent.FEELING and got.private
