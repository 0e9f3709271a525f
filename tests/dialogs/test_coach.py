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
