"""The listener's coach: clauses, the shipped model, rules, advice and its suggestion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogs.acts import Emotion
from dialogs.coach import (
    KINDS,
    MODEL_DIR,
    About,
    Advice,
    Kind,
    Model,
    ModelMissing,
    advise,
    clauses,
    load_model,
)
from dialogs.empathy import forbidden
from dialogs.locale import load

LANG = load("en-us")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("That sucks. You should quit.", ["That sucks.", "You should quit."]),
        ("If I were you, I'd quit", ["If I were you, I'd quit"]),
        ("That sucks, but you should quit.", ["That sucks", "but you should quit."]),
        ("I hear you but what's the plan?", ["I hear you", "but what's the plan?"]),
        ("Wow \u2014 that's great!", ["Wow", "that's great!"]),
        ("  ", []),
        ("No wonder you're scared", ["No wonder you're scared"]),
    ],
)
def test_clauses(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in clauses(text)] == expected


@given(st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_any_text_gets_advice_whose_spans_are_its_own_words(text: str) -> None:
    advice = advise(text, LANG)
    assert advice.ok == (not advice.mistakes)
    for m in advice.mistakes:
        assert m.span and m.span in text
    assert (advice.suggestion == "") == advice.ok


def test_the_issue_examples_are_caught_and_rephrased() -> None:
    sam = About("Sam", Emotion.MAD, "My boss took credit for my work and I was furious", 3)
    advice = advise("That sucks. You should quit.", LANG, sam)
    assert [(m.kind, m.span) for m in advice.mistakes] == [(Kind.FIXING, "You should quit.")]
    assert "Sam" in advice.suggestion and "heard" in advice.suggestion
    assert "furious" in advice.suggestion  # filled from the entry, in the speaker's word


@pytest.mark.parametrize("kind", KINDS)
def test_every_suggestion_says_why_and_is_free_of_mistakes(kind: Kind) -> None:
    entries = [
        None,
        About("Sam", Emotion.SAD, "My sister didn't call on my birthday and I felt lonely", 2),
        About("Jo", Emotion.FEAR, "I'm scared about the scan results", 2),
        About("Ana", Emotion.GLAD, "I finished the marathon and felt so proud", 2),
    ]
    for about in entries:
        why = LANG.phrases.first(f"coach.why.{kind}", name=about.name if about else "Sam")
        assert not forbidden(why, LANG), why
        from dialogs.coach import empathy_line

        line = empathy_line(about, LANG)
        assert line and not forbidden(line, LANG), line
        if about is not None and about.emotion is not Emotion.GLAD:
            # The suggestion answers the feeling the speaker named.
            assert any(w in line.lower() for w in ("lonely", "scared", "sad", "afraid", "hard"))


@pytest.mark.parametrize(
    "clause", ["I understand.", "I totally understand how you feel", "i know how you feel"]
)
def test_rule_flags_i_understand(clause: str) -> None:
    assert Kind.I_UNDERSTAND in {m.kind for m in advise(clause, LANG).mistakes}


@pytest.mark.parametrize(
    "clause", ["I don't understand why he would say that to you.", "No wonder you felt hurt."]
)
def test_rule_leaves_other_understanding_alone(clause: str) -> None:
    from dialogs.coach import _rule_kinds

    assert Kind.I_UNDERSTAND not in _rule_kinds(clause)


def test_advice_refuses_ok_with_mistakes() -> None:
    with pytest.raises(ValueError):
        Advice(True, advise("You should quit.", LANG).mistakes, "")


def test_shipped_model_matches_the_coach_and_corpus() -> None:
    data = json.loads((MODEL_DIR / "en-us.json").read_text())
    assert data["kinds"] == [str(k) for k in KINDS]
    assert len(data["threshold"]) == len(KINDS) and all(0 < t < 1 for t in data["threshold"])
    corpus = Path(__file__).resolve().parents[2] / "corpus" / "coach"
    assert sorted(data["meta"]["corpus"]) == sorted(p.name for p in corpus.glob("*.jsonl"))
    rows = sum(
        1 for p in corpus.glob("*.jsonl") for line in p.read_text().splitlines() if line.strip()
    )
    assert data["meta"]["replies"] <= rows


def test_a_missing_model_is_one_clear_error(tmp_path: Path) -> None:
    load_model.cache_clear()
    import dialogs.coach as coach

    saved = coach.MODEL_DIR
    coach.MODEL_DIR = tmp_path
    try:
        with pytest.raises(ModelMissing) as err:
            load_model("en-us")
        assert "build_coach.py" in (ModelMissing.__doc__ or "")
        assert str(tmp_path) in str(err.value)
    finally:
        coach.MODEL_DIR = saved
        load_model.cache_clear()


def test_model_refuses_other_kinds() -> None:
    with pytest.raises(ValueError):
        Model.from_json(
            {"kinds": ["fixing"], "idf": {}, "weights": {}, "bias": [0], "threshold": [0.5]}
        )


@pytest.mark.parametrize(
    "clause,role",
    [
        ("What if you tried going to bed earlier?", "x:role-suggest"),
        ("lets cancel the gym then", "x:role-suggest"),
        ("I applied for that job years ago and never heard back.", "x:role-me-past"),
        ("That's kind of embarrassing for me.", "x:role-for-me"),
        ("you're way too touchy about it", "x:role-judge"),
        ("No, you're not overreacting.", "x:role-judge-denied"),
        ("Well, at least you still have the car.", "x:role-console"),
        ("What's your backup if it happens?", "x:q-next"),
        ("How are you holding up?", "x:q-feel"),
    ],
)
def test_clause_roles_carry_meaning_beyond_words(clause: str, role: str) -> None:
    from dialogs.coach import features

    assert role in features(clause)


@pytest.mark.parametrize(
    "clause,role",
    [
        ("You should be so proud of that.", "x:role-suggest"),
        ("I'm so sorry, love.", "x:role-me-subject"),
        ("No, you're not overreacting.", "x:role-judge"),
        ("How are you holding up?", "x:q-next"),
        ("What are you going to do?", "x:q-feel"),
    ],
)
def test_clause_roles_leave_the_empathic_reading_alone(clause: str, role: str) -> None:
    from dialogs.coach import features

    assert role not in features(clause)


def test_shipped_model_reports_leave_one_batch_out_for_every_batch() -> None:
    data = json.loads((MODEL_DIR / "en-us.json").read_text())
    corpus = Path(__file__).resolve().parents[2] / "corpus" / "coach"
    batches = {
        json.loads(line)["batch"]
        for p in corpus.glob("*.jsonl")
        for line in p.read_text().splitlines()
        if line.strip()
    }
    per_batch = data["meta"]["leave_one_batch_out_per_batch"]
    assert set(per_batch) == batches and len(batches) >= 3
    lobo = data["meta"]["leave_one_batch_out"]
    assert lobo["mistakes"] == sum(b["mistakes"] for b in per_batch.values())
    assert lobo["good"] == sum(b["good"] for b in per_batch.values())
    # Without the entry, on thresholds of its own: the same replies, figured the same way.
    bare = data["meta"]["leave_one_batch_out_no_entry"]
    assert (bare["mistakes"], bare["good"]) == (lobo["mistakes"], lobo["good"])
    assert len(data["no_entry"]["threshold"]) == len(KINDS)


def test_the_coach_does_not_nag_its_own_suggestions() -> None:
    # Whatever the coach suggests saying instead must pass the coach: a good reply stays ok.
    entries = [
        About("Sam", Emotion.MAD, "My boss took credit for my work and I was furious", 3),
        About("Jo", Emotion.FEAR, "I'm scared about the scan results", 2),
        About("Ana", Emotion.SAD, "My sister didn't call on my birthday and I felt lonely", 2),
        About("Kim", Emotion.GLAD, "I finished the marathon and felt so proud", 2),
        None,
    ]
    from dialogs.coach import empathy_line

    for about in entries:
        line = empathy_line(about, LANG)
        assert advise(line, LANG, about).ok, line


@pytest.mark.parametrize(
    "question,role",
    [
        ("How did you find out?", "x:q-story"),
        ("which friend?", "x:q-story"),
        ("What's the plan for tomorrow?", "x:q-next"),
    ],
)
def test_question_type_tells_curiosity_from_planning(question: str, role: str) -> None:
    from dialogs.coach import features

    assert role in features(question)
    assert "x:q-story" not in features(question.rstrip("?"))  # only questions get a type


# --- round 3: what made batch f pull the coach down, and the meanings that fixed it -------------


@pytest.mark.parametrize(
    "clause",
    [
        "Take all the time you need tonight.",
        "Let's just sit together for a while.",
        "lets go out and celebrate you",
        "Tell me what went through your head.",
    ],
)
def test_company_and_invitations_are_not_read_as_advice(clause: str) -> None:
    # The second coach read every imperative and every "let's" as advice; batch f's empathic
    # replies offer company and time that way, and held out, they set the fixing threshold so
    # high that fixing was found in 135 of 357 replies. An invitation is its own cue.
    from dialogs.coach import features

    feats = features(clause)
    assert "x:imperative" not in feats and "x:role-suggest" not in feats
    assert feats["x:v-with-you"] + feats["x:v-celebrate"] >= 1


@pytest.mark.parametrize(
    "clause", ["Take the bus from now on.", "lets sell the car then", "Try the other clinic first."]
)
def test_tasks_set_as_imperatives_stay_advice(clause: str) -> None:
    from dialogs.coach import features

    feats = features(clause)
    assert feats["x:imperative"] + feats["x:role-suggest"] >= 1
    assert "x:invite" not in feats


@pytest.mark.parametrize(
    "clause,family",
    [
        ("I know how hard this is for you.", "x:v-know-feeling"),
        ("i know how much you loved that garden", "x:v-know-you"),
        ("What worked for my brother was a standing desk.", "x:v-advise"),
        ("its only a scratch on the door", "x:v-shrink"),
        ("Honestly everybody gets nervous before a recital.", "x:v-normalise"),
        ("Some of us would kill for a week off.", "x:v-compare"),
        ("you're making a big thing out of a text", "x:v-judge"),
        ("Of course you're upset, anyone would be.", "x:v-judge-denied"),
        ("So that means I have to cancel my plans?", "x:v-me-stakes"),
        ("What's your backup if the loan falls through?", "x:v-q-plan"),
        ("What was the hardest moment of the day?", "x:v-q-feel"),
    ],
)
def test_role_families_read_meanings_from_the_locale(clause: str, family: str) -> None:
    from dialogs.coach import features

    assert family in features(clause)


def test_role_families_pair_with_mood_and_subject() -> None:
    from dialogs.coach import features

    assert "x:v-advise+you" in features("You need to call the landlord today.")
    assert "x:v-me-stakes+me" in features("I was looking forward to that trip too.")
    assert "x:v-q-plan+question" in features("So what are you going to say to him?")
    assert "x:v-q-plan+question" not in features("I wonder what you're going to say to him.")


def test_a_celebration_question_is_not_problem_solving_by_rule() -> None:
    from dialogs.coach import _rule_kinds

    assert Kind.PROBLEM_SOLVING in _rule_kinds("What are you going to do about the rent?")
    assert Kind.PROBLEM_SOLVING not in _rule_kinds("What are we going to do to celebrate?")


@pytest.mark.parametrize(
    "reply",
    [
        "No wonder you feel furious.",
        "That sounds hard.",
        "It makes sense that you'd feel let down after all that.",
        "Of course you're nervous. That's a big day.",
    ],
)
def test_the_seeds_empathy_forms_pass(reply: str) -> None:
    assert advise(reply, LANG).ok, reply


@pytest.mark.parametrize(
    "reply,kind",
    [
        ("That sucks. You should quit.", Kind.FIXING),
        ("Oh no, I'm sorry. Just call the bank first thing tomorrow.", Kind.FIXING),
        ("That's awful. What's your plan now?", Kind.PROBLEM_SOLVING),
        ("Calm down, it's not that serious.", Kind.DISMISSING),
    ],
)
def test_mixed_replies_are_still_flagged(reply: str, kind: Kind) -> None:
    assert kind in {m.kind for m in advise(reply, LANG).mistakes}


def test_every_corpus_batch_is_read_with_its_own_name() -> None:
    # Leave-one-batch-out needs each file's rows to carry that file's batch, and every span
    # to be the reply's own words (the build script skips a row otherwise).
    corpus = Path(__file__).resolve().parents[2] / "corpus" / "coach"
    assert not (corpus.parent / "coach-pending").exists()
    for path in corpus.glob("*.jsonl"):
        for line in path.read_text().splitlines():
            row = json.loads(line)
            assert row["batch"] == path.stem
            assert all(m["span"] in row["reply"] for m in row["mistakes"])
            assert row["ok"] == (not row["mistakes"])


def test_quoted_words_are_someone_elses() -> None:
    # Echoing the speaker's words, or what others told them, is not the listener's mistake.
    from dialogs.coach import _rule_kinds, features

    assert "x:echo" in features('"Nobody even looked up."')
    assert Kind.DISMISSING not in _rule_kinds('Being told "you\'re overreacting" must sting.')
    assert Kind.DISMISSING in _rule_kinds("Honestly, you're overreacting.")
    assert "x:v-judge" not in features('She said "calm down" like it was nothing.')


def _tiny_model(any_threshold: float) -> Model:
    # One feature, "w:hmm": every kind scores 0.5 on it and "any mistake" 0.9 (logit 2.2).
    zero = [0.0] * len(KINDS)
    linear = {"idf": {"w:hmm": 1.0}, "weights": {"w:hmm": [*zero, 2.2]}, "bias": [*zero, 0.0]}
    return Model.from_json(
        {
            "kinds": [str(k) for k in KINDS],
            "clause": linear,
            "reply": linear,
            "threshold": [0.99, 0.99, 0.99, 0.99, 0.7, 0.99, 0.99],
            "any_threshold": any_threshold,
        }
    )


def test_any_mistake_column_flags_what_no_kind_reached_under_the_nearest_kind() -> None:
    from dialogs.coach import find

    # No kind reaches its threshold; "any mistake" (0.9) does, so the kind nearest its own
    # threshold (about_me: 0.5 of 0.7) is named, in the clause most like a mistake.
    got = find("Fine. Hmm.", _tiny_model(0.8))
    assert [(m.kind, m.span) for m in got] == [(Kind.ABOUT_ME, "Hmm.")]
    assert find("Fine. Hmm.", _tiny_model(0.95)) == []
    assert find("Fine.", _tiny_model(0.8)) == []


def test_a_reply_with_no_entry_known_has_thresholds_of_its_own() -> None:
    from dialogs.coach import find

    data = {
        "kinds": [str(k) for k in KINDS],
        "clause": {
            "idf": {"w:hmm": 1.0},
            "weights": {"w:hmm": [0.0] * (len(KINDS) + 1)},
            "bias": [0.0] * (len(KINDS) + 1),
        },
        "threshold": [0.99] * 4 + [0.4] + [0.99] * 2,
        "any_threshold": 2.0,
        "no_entry": {"threshold": [0.99] * len(KINDS), "any_threshold": 2.0},
    }
    model = Model.from_json({**data, "reply": data["clause"]})
    # Every kind scores 0.5: about_me is flagged with the entry's emotion, not without it.
    assert [m.kind for m in find("Hmm.", model, Emotion.SAD)] == [Kind.ABOUT_ME]
    assert find("Hmm.", model) == []
    assert model.thresholds(None) == (data["no_entry"]["threshold"], 2.0)
    assert model.thresholds(Emotion.GLAD) == (data["threshold"], 2.0)
    # An older model with no such thresholds uses the entry's.
    del data["no_entry"]
    old = Model.from_json({**data, "reply": data["clause"]})
    assert [m.kind for m in find("Hmm.", old)] == [Kind.ABOUT_ME]


def test_weights_stored_as_integers_read_back_as_the_same_numbers() -> None:
    from dialogs.coach import Linear

    plain = Linear.from_json({"idf": {"w:a": 1.0}, "weights": {"w:a": [0.1234]}, "bias": [0.0]})
    scaled = Linear.from_json(
        {"idf": {"w:a": 1.0}, "weights": {"w:a": [1234]}, "bias": [0.0], "scale": 10000}
    )
    assert scaled.weights["w:a"][0] == pytest.approx(plain.weights["w:a"][0])


# --- round 4: a bare instruction versus presence, and the kind of mistake named -----------------


@pytest.mark.parametrize(
    "clause",
    [
        "Report him to HR before the end of the week.",
        "Text your landlord tonight and get it in writing.",
        "Honestly just block her number.",
        "Book the follow-up yourself so it doesn't slip.",
    ],
)
def test_an_instruction_to_act_on_the_event_is_its_own_cue(clause: str) -> None:
    from dialogs.coach import features

    assert "x:act-imperative" in features(clause)


@pytest.mark.parametrize(
    "clause",
    [
        "Come here, let it all out.",
        "Tell me everything that happened.",
        "Take your time with it tonight.",
        "Cry if you need to, I've got you.",
        "Lean on me for a bit.",
    ],
)
def test_imperatives_of_presence_or_comfort_are_not_instructions(clause: str) -> None:
    from dialogs.coach import features

    feats = features(clause)
    assert "x:act-imperative" not in feats and "x:imperative" not in feats
    assert "x:invite" in feats


def test_the_whole_reply_sees_each_clauses_cues_wherever_it_stands() -> None:
    # An instruction after empathy ("That's rough. Email the school.") used to count for the
    # whole-reply model only when it opened the reply.
    from dialogs.coach import features, reply_features

    reply = "Oh, that's so rough. Email the school first thing and ask for the form."
    assert "x:act-imperative" not in features(reply)
    assert "y:act-imperative" in reply_features(reply)
    assert "y:act-imperative" not in reply_features("Oh, that's so rough. Come here.")


@pytest.mark.parametrize(
    "clause,family",
    [
        ("Don't let one grumpy client ruin your whole week.", "x:v-tell-off"),
        ("Why are you so worked up over a parking ticket?", "x:v-tell-off"),
        ("Why didn't you tell me first, though?", "x:v-reproach"),
        ("So now I'm the one who has to explain it to everyone.", "x:v-reproach"),
        ("When my uncle retired he did the exact same thing.", "x:v-own-story"),
        ("That's just like the time I got passed over at the bakery.", "x:v-own-story"),
    ],
)
def test_the_kind_borders_are_meanings_from_the_locale(clause: str, family: str) -> None:
    from dialogs.coach import features

    assert family in features(clause)


@pytest.mark.parametrize(
    "reply",
    [
        "Oh no, that sounds so stressful. Report him to HR before the end of the week.",
        "Ugh, I'm sorry. Text your landlord tonight and get it in writing.",
        "That's a lot to carry. Book the follow-up yourself so it doesn't slip.",
    ],
)
def test_a_bare_instruction_after_empathy_is_fixing(reply: str) -> None:
    kinds = [m.kind for m in advise(reply, LANG).mistakes]
    assert Kind.FIXING in kinds, reply


@pytest.mark.parametrize(
    "reply",
    [
        "Oh love, come here. Let it all out.",
        "That sounds exhausting. Take your time, tell me everything.",
        "No wonder you're furious. Cry if you need to, I've got you.",
    ],
)
def test_imperatives_of_presence_pass(reply: str) -> None:
    assert advise(reply, LANG).ok, reply


@pytest.mark.parametrize(
    "reply,kind",
    [
        ("Why didn't you tell me first? I had to hear it from your sister.", Kind.ABOUT_ME),
        ("Great, so now I'm the one who has to explain it to my parents.", Kind.ABOUT_ME),
        ("When my uncle retired he did the exact same thing, he sold the boat.", Kind.HIJACKING),
        ("That's just like the time I got passed over at the bakery.", Kind.HIJACKING),
        ("Don't let one grumpy client ruin your whole week.", Kind.DISMISSING),
        ("Why are you so worked up over a parking ticket?", Kind.DISMISSING),
        ("It's only one bad review out of fifty.", Kind.MINIMIZING),
        ("Honestly, half the office gets a parking ticket every month.", Kind.MINIMIZING),
    ],
)
def test_the_kind_named_is_the_mistake_made(reply: str, kind: Kind) -> None:
    # about_me: the listener's own reaction or costs; hijacking: the listener's own past story;
    # dismissing: how the person should feel or react; minimizing: the event made smaller.
    kinds = {m.kind for m in advise(reply, LANG).mistakes}
    assert kinds == {kind}, (reply, kinds)


# --- round 5: scope, whom a memory or question is about, and instructions as speech runs on -------


@pytest.mark.parametrize(
    "clause,kind",
    [
        ("I won't pretend I know how you feel, I never lost a parent.", Kind.I_UNDERSTAND),
        ("I'm not going to tell you to let it go, it was cruel.", Kind.DISMISSING),
        ("He called you too sensitive in front of everyone?", Kind.DISMISSING),
        ("They told you to look on the bright side? Ugh.", Kind.MINIMIZING),
    ],
)
def test_mistake_words_disclaimed_or_reported_are_not_the_listeners(
    clause: str, kind: Kind
) -> None:
    # The seeds' phrases under "I won't say..." or in what someone else said to the person are
    # not the listener's mistake; the same words said plainly still are.
    from dialogs.coach import _rule_kinds, features

    assert kind not in _rule_kinds(clause), clause
    assert any(f.startswith("x:scope-") for f in features(clause))


@pytest.mark.parametrize(
    "clause,kind",
    [
        ("I know how you feel, I lost my dad too.", Kind.I_UNDERSTAND),
        ("Honestly, let it go, it was one comment.", Kind.DISMISSING),
        ("You're too sensitive about this stuff.", Kind.DISMISSING),
        ("Look on the bright side, you've got the weekend.", Kind.MINIMIZING),
    ],
)
def test_the_same_mistake_words_said_plainly_stay_mistakes(clause: str, kind: Kind) -> None:
    from dialogs.coach import _rule_kinds

    assert kind in _rule_kinds(clause), clause


def test_a_turned_away_order_is_masked_only_when_negated() -> None:
    # "Don't calm down for my sake" invites the feeling; "Calm down for my sake" dismisses it.
    from dialogs.coach import features

    assert "x:v-judge" not in features("Don't calm down on my account, shout all you want.")
    assert "x:v-judge" in features("Calm down for my sake, please.")


@pytest.mark.parametrize(
    "clause,kind,family",
    [
        ("So what are you going to paint first?", Kind.PROBLEM_SOLVING, "x:v-savour"),
        ("That reminds me how stubborn you've always been.", Kind.HIJACKING, "x:v-about-you"),
    ],
)
def test_a_question_savouring_joy_or_a_memory_of_the_person_is_not_a_mistake_by_rule(
    clause: str, kind: Kind, family: str
) -> None:
    from dialogs.coach import _rule_kinds, features

    assert kind not in _rule_kinds(clause)
    assert family in features(clause)


@pytest.mark.parametrize(
    "clause,kind",
    [
        ("So what are you going to do about the landlord?", Kind.PROBLEM_SOLVING),
        ("That reminds me of when I broke my wrist.", Kind.HIJACKING),
        ("Understood, totally.", Kind.I_UNDERSTAND),
    ],
)
def test_plans_own_stories_and_a_bare_understood_stay_flagged_by_rule(
    clause: str, kind: Kind
) -> None:
    from dialogs.coach import _rule_kinds

    assert kind in _rule_kinds(clause)


@pytest.mark.parametrize(
    "clause,cue",
    [
        ("ugh sorry hun cancel the order and ask for a refund", "x:inner-act"),
        ("Park round the back and text me when you're out.", "x:inner-act"),
        ("Were you even going to invite me?", "x:you-to-me+question"),
        ("Maybe it's time to look for a new dentist.", "x:role-suggest"),
        ("Time to find a better gym, then.", "x:role-suggest"),
        ("I'd be fuming too, honestly.", "x:v-solidarity"),
    ],
)
def test_round_five_cues(clause: str, cue: str) -> None:
    from dialogs.coach import features

    assert cue in features(clause), clause


@pytest.mark.parametrize(
    "clause,cue",
    [
        ("Come here and let me hold you.", "x:inner-act"),
        ("Were you scared when it happened?", "x:you-to-me+question"),
        ("You'd already pictured the new kitchen in your head.", "x:v-judge"),
    ],
)
def test_round_five_cues_leave_other_readings_alone(clause: str, cue: str) -> None:
    from dialogs.coach import features

    assert cue not in features(clause), clause


def _stance(reply: str) -> list[set[str]]:
    """Each clause's stance cues, read as the coach reads them (with the whole reply's context)."""
    from dialogs.coach import split_reply

    return [{f for f in feats if f.startswith("x:st-")} for _, _, feats in split_reply(reply)]


@pytest.mark.parametrize(
    "reply,clause,cue",
    [
        # Who an imperative serves: the person's joy, the listener's share in it, or a task.
        ("That's brilliant! Print that letter out tonight!", 1, "x:st-imp-self+joy"),
        ("Oh that stings. Print the complaint and post it to them.", 1, "x:st-imp-other+trouble"),
        ("Read me the first line!", 0, "x:st-imp-share"),
        # The listener's own offer or plan: staying with the person, or a task about the event.
        ("I'll sit right by the phone with you all evening.", 0, "x:st-offer-stay"),
        ("I'm going to ring the garage for you first thing.", 0, "x:st-offer-task+you"),
        ("We could draw you up a budget at the weekend.", 0, "x:st-offer-task+you"),
        # A clause judging the person or their feeling without a judging word.
        ("Och, you soft lump.", 0, "x:st-you-vocative"),
        ("That's only your tiredness talking.", 0, "x:st-your-cause"),
        ("You let these things get far too deep under the skin.", 0, "x:st-you-too"),
        # Fate as the answer, the listener's cost as a fact, a mistake refused.
        ("The universe had other ideas for you.", 0, "x:st-fate"),
        ("So that's me covering your shifts again.", 0, "x:st-me-doing"),
        ("I won't claim I know what this is like for you.", 0, "x:st-refuse"),
    ],
)
def test_round_six_stance_cues(reply: str, clause: int, cue: str) -> None:
    assert cue in _stance(reply)[clause], _stance(reply)


@pytest.mark.parametrize(
    "reply,cue",
    [
        ("Thank you so much for telling me.", "x:st-you-vocative"),
        ("I'll stay on the sofa with you.", "x:st-offer-task"),
        ("Ring the garage first thing.", "x:st-offer-task"),
        ("Me too, it's a lot.", "x:st-you-too"),
        ("I'll tell you what, that's rotten luck.", "x:st-refuse"),
        ("Dance round the kitchen!", "x:st-imp-self+trouble"),
    ],
)
def test_round_six_stance_cues_leave_other_readings_alone(reply: str, cue: str) -> None:
    assert all(cue not in s for s in _stance(reply)), _stance(reply)


def test_a_refused_mistake_is_masked_but_the_mistake_said_plainly_is_not() -> None:
    from dialogs.coach import _rule_kinds

    assert _rule_kinds("I'd never pretend I know how you feel about it.") == set()
    assert _rule_kinds("I won't claim I understand it, love.") == set()
    assert Kind.I_UNDERSTAND in _rule_kinds("I know how you feel about it.")
    assert Kind.I_UNDERSTAND in _rule_kinds("I understand it, love.")


@pytest.mark.parametrize(
    "reply,kind",
    [
        ("Honestly, you soft article.", Kind.DISMISSING),  # the person judged, no judging word
        ("Well, that's me cooking every night this week then.", Kind.ABOUT_ME),  # a cost as fact
        ("Right, let's get you signed up for a night class.", Kind.FIXING),  # a plan for the person
    ],
)
def test_round_six_stances_that_are_mistakes_are_flagged(reply: str, kind: Kind) -> None:
    assert kind in {m.kind for m in advise(reply, LANG).mistakes}


@pytest.mark.parametrize(
    "reply",
    [
        "I'll be sat right next to you at the appointment.",  # a promise of presence
        "I won't pretend I know what losing a parent is like. I'm here.",  # a mistake refused
    ],
)
def test_round_six_stances_that_are_empathy_pass(reply: str) -> None:
    assert advise(reply, LANG).ok, advise(reply, LANG).mistakes



def _all_cues(reply: str, emotion: str | None) -> set[str]:
    """Every clause's cues, read as the coach reads them against an entry of that emotion."""
    from dialogs.coach import split_reply

    return {f for _, _, fs in split_reply(reply, emotion) for f in fs if f.startswith("x:")}


@pytest.mark.parametrize(
    "reply,emotion,cue",
    [
        ("Don't be sad, love.", "sad", "x:e-feel-denied+same"),  # the entry's feeling denied
        ("That's so exciting!", "sad", "x:e-feel+other"),  # another feeling than the entry's
        ("No wonder you're scared.", "fear", "x:e-feel+same"),
        ("At least you got in!", "glad", "x:role-console+e-glad"),  # "at least" to good news
        ("What's the plan now?", "glad", "x:q-next+e-glad"),
    ],
)
def test_the_entry_s_emotion_gives_its_own_cues(reply: str, emotion: str, cue: str) -> None:
    assert cue in _all_cues(reply, emotion)


def test_without_an_entry_no_cue_claims_to_know_its_emotion() -> None:
    cues = _all_cues("Don't be sad. At least you got in! What's the plan?", None)
    assert {c for c in cues if c.startswith("x:e-") or "+e-" in c} == {"x:e-feel-denied"}


def test_the_entry_decides_whether_the_news_is_good() -> None:
    from dialogs.coach_stance import reply_context

    assert "joy" in reply_context(["amazing"])  # no entry: the reply's own words
    assert "joy" not in reply_context(["amazing"], "fear")
    assert reply_context(["oh"], "glad") == {"joy", "e-glad"}


def test_advice_reads_the_reply_against_the_entry_s_emotion() -> None:
    # The shipped model was built with each reply's entry emotion: --about must reach the model.
    model = load_model()
    reply = "At least you got in! What's the plan now?"
    assert model.kind_scores(reply, Emotion.GLAD)[0] != model.kind_scores(reply)[0]
    assert model.kind_scores(reply, Emotion.GLAD)[0] != model.kind_scores(reply, Emotion.SAD)[0]


@pytest.mark.parametrize(
    "reply,clause,cue",
    [
        # The listener goes to the person or keeps them company, as their own act.
        ("Ah babe. Im heading over now.", 1, "x:st-come"),
        ("I'll be right there wi' ye on Tuesday.", 0, "x:st-come"),
        ("Oh no, im calling u rn.", 0, "x:st-come"),
        ("I coming down now, you wait for me.", 0, "x:st-come"),
        ("I'm going with you.", 0, "x:st-come"),
        # Grief shared in a few words, the same loss.
        ("I've been thinking about her too.", 0, "x:st-me-too-brief+third"),
        ("So do I. Come here.", 0, "x:st-me-too-brief"),
        # Knowing the person, not the feeling from inside.
        ("I can well see why you are cross.", 0, "x:st-know-you"),
        ("I know how much that cat meant to you.", 0, "x:st-know-you"),
        # Solidarity said as a hypothetical.
        ("I'd be bricking it as well.", 0, "x:st-would-too"),
        # An open invitation to say more.
        ("Do u wanna talk abt her?", 0, "x:st-invite-q"),
        ("What's making you think about it tonight?", 0, "x:st-invite-q"),
    ],
)
def test_round_eight_listener_acts(reply: str, clause: int, cue: str) -> None:
    from dialogs.coach import split_reply

    cues = [set(f) for _, _, f in split_reply(reply)]
    assert cue in cues[clause], cues


@pytest.mark.parametrize(
    "reply,cue",
    [
        ("I'll go round there and give him a piece of my mind.", "x:st-come"),  # a task
        ("I'm going to call the garage and sort it.", "x:st-come"),
        ("I know how you feel.", "x:st-know-you"),  # the feeling claimed
        ("I know what it's like for you.", "x:st-know-you"),
        ("Me too, I failed mine four times.", "x:st-me-too-brief"),  # a story of one's own
        ("I was terrified too when I had mine.", "x:st-would-too"),  # real, not hypothetical
        ("Do you want to talk to him about it?", "x:st-invite-q"),  # a task set as a question
        ("Are you going to tell HR?", "x:st-invite-q"),
    ],
)
def test_round_eight_listener_acts_leave_other_readings_alone(reply: str, cue: str) -> None:
    from dialogs.coach import split_reply

    assert all(cue not in f for _, _, f in split_reply(reply)), [
        sorted(c for c in f if c.startswith("x:st-")) for _, _, f in split_reply(reply)
    ]


@pytest.mark.parametrize(
    "reply,clause,cue",
    [
        # Being behind the person, said as the listener's own act.
        ("I'm rooting for you, call me after.", 0, "x:st-come"),
        ("praying for u tonight x", 0, "x:st-come"),
        # "Too" as a hypothetical about what the event would do to the listener.
        ("Yeah, that'd put a knot in my stomach too.", 0, "x:st-would-too"),
        ("That would make my blood boil as well.", 0, "x:st-would-too"),
        # A caring question about how someone is, the person or a third.
        ("Who kicks a cat. Is she ok?", 1, "x:st-care-q"),
        ("r u ok?", 0, "x:st-care-q"),
        ("How's he doing now?", 0, "x:st-care-q"),
        ("oh god, how is she?", 0, "x:st-care-q"),
    ],
)
def test_round_ten_listener_acts(reply: str, clause: int, cue: str) -> None:
    from dialogs.coach import split_reply

    cues = [set(f) for _, _, f in split_reply(reply)]
    assert cue in cues[clause], cues


@pytest.mark.parametrize(
    "reply,cue",
    [
        ("I'm thinking you should quit.", "x:st-come"),  # an opinion, not being behind them
        ("I'm rooting for the other team tonight.", "x:st-come"),
        ("That'd scare me too, when I had my lump checked I didn't sleep.", "x:st-would-too"),
        ("Is it ok if I come later?", "x:st-care-q"),  # the listener's own request
        ("What are you doing about it?", "x:st-care-q"),  # a plan asked for
        ("Has she reported it to the police?", "x:st-care-q"),
    ],
)
def test_round_ten_listener_acts_leave_other_readings_alone(reply: str, cue: str) -> None:
    from dialogs.coach import split_reply

    assert all(cue not in f for _, _, f in split_reply(reply)), [
        sorted(c for c in f if c.startswith("x:st-")) for _, _, f in split_reply(reply)
    ]


def test_missing_a_person_is_grief_not_a_cost() -> None:
    from dialogs.coach import split_reply

    assert "x:st-me-burden" not in split_reply("I miss him too.")[0][2]
    assert "x:st-me-burden" in split_reply("I'll miss my match for this.")[0][2]


def test_with_no_entry_known_the_reply_is_read_against_every_emotion() -> None:
    # The model learnt every reply against an entry's emotion, so a reply with none is scored
    # as the mean of its readings against each emotion (when the model says so).
    from dialogs.coach import _scores

    model = load_model()
    reply = "At least you got the day off. You should ring her tomorrow."
    if not model.no_entry_mean:
        assert _scores(reply, model, None) == model.kind_scores(reply)
        return
    each = [model.kind_scores(reply, e)[0] for e in Emotion]
    got = _scores(reply, model, None)[0]
    assert got == pytest.approx([sum(c) / 4 for c in zip(*each, strict=True)])
    assert _scores(reply, model, Emotion.SAD)[0] == model.kind_scores(reply, Emotion.SAD)[0]
