"""The seeds' mistakes said in the languages couples mix into English (issue 11, coach round 19):
on v19, advice ("Du solltest..."), "at least" ("kam se kam"), "calm down" ("не грусти") and "what
about me" ("paano naman ako") said in another language passed as good replies. Patterns per kind
(`vocab/coach-{fixing,minimizing,dismissing,about-me}.rx`), with their authors' examples and calm
sentences (tests/data/coach-rules-examples.tsv); none flags a good reply of any coach set."""

from __future__ import annotations

import json

import pytest
from helpers import ROOT

from dialogs.coach import Kind, _language_rules, _rule_kinds, advise
from dialogs.coach_features import clauses, unquoted
from dialogs.locale import load

LANG = load("en-us")
EXAMPLES = [
    tuple(line.split("\t", 1))
    for line in (ROOT / "tests" / "data" / "coach-rules-examples.tsv").read_text(
        encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def _kinds(text: str) -> set[Kind]:
    return {k for start, end in clauses(text) for k in _rule_kinds(text[start:end])}


def _language_kinds(text: str) -> set[Kind]:
    """The kinds the other languages' patterns alone find (the English rules aside)."""
    lows = [unquoted(text[start:end])[0] for start, end in clauses(text)]
    return {kind for kind, rx in _language_rules() for low in lows if rx.search(low)}


@pytest.mark.parametrize(("kind", "sentence"), [e for e in EXAMPLES if e[0] != "calm"])
def test_each_example_is_found_as_its_kind(kind: str, sentence: str) -> None:
    assert Kind(kind) in _kinds(sentence)


@pytest.mark.parametrize("sentence", [s for k, s in EXAMPLES if k == "calm"])
def test_calm_sentences_hold_no_mistake_by_rule(sentence: str) -> None:
    assert _language_kinds(sentence) == set()


def test_no_good_reply_of_any_coach_set_is_flagged_by_the_rules() -> None:
    paths = sorted((ROOT / "corpus").glob("coach*/*.jsonl"))
    good = [json.loads(line)["reply"] for path in paths
            for line in path.read_text(encoding="utf-8").splitlines()
            if json.loads(line)["ok"]]
    assert len(good) > 5000
    assert [r for r in good if _language_kinds(r)] == []


@pytest.mark.parametrize(("reply", "kind"), [
    ("Ay no, qué coraje. Deberías hablar con tu jefe mañana mismo.", Kind.FIXING),
    ("oh no babe, kam se kam tumhari job toh safe hai", Kind.MINIMIZING),
    ("Успокойся, это всего лишь экзамен.", Kind.DISMISSING),
    ("ang saya naman! pero paano naman ako, mag-isa ako dito", Kind.ABOUT_ME),
])
def test_a_mixed_reply_is_flagged_with_its_kind(reply: str, kind: Kind) -> None:
    assert kind in {m.kind for m in advise(reply, LANG).mistakes}
