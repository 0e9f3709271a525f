"""The crisis head (round 30): a learned lean to crisis over every language's phrasebook lines."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from dialogs.model import Model, model
from dialogs.understand import LEAN, Intent, understand

from .conftest import build_script


def _leaning(bias: float) -> Model:
    """The shipped model with its crisis head's bias set: +20 leans every reply to crisis."""
    shipped = model()
    assert shipped.heads["lean"] == ["crisis"]
    b = shipped.bias.copy()
    b[-1] = bias
    w = shipped.weights.copy()
    w[:, -1] = 0
    return dataclasses.replace(shipped, weights=w, bias=b)


def test_the_lists_rows_say_crisis_only_for_crisis_lines(tmp_path: Path) -> None:
    for kind in ("crisis-words", "wish-words", "feel-words"):
        (tmp_path / kind).mkdir()
    (tmp_path / "crisis-words" / "xx.tsv").write_text(
        "1\twant_die\tquiero|quisiera morir*\nidiom\tme muero de risa\n"
        "ex\twant_die\tHoy quiero morirme.\ncalm\tMe muero de risa.\n", encoding="utf-8")
    (tmp_path / "wish-words" / "xx.tsv").write_text("w\tstop\tya basta\nex\tstop\tYa basta.\n",
                                                    encoding="utf-8")
    (tmp_path / "feel-words" / "xx.tsv").write_text("f\tsad\ttriste\n", encoding="utf-8")
    rows = build_script().phrasebook_rows(tmp_path)
    said = {r["text"]: r["crisis"] for r in rows}
    assert said["Hoy quiero morirme."] and not said["Me muero de risa."]
    assert {t for t, c in said.items() if c} <= {"Hoy quiero morirme.", "quiero morir",
                                                 "quisiera morir"}
    assert any(t in said for t in ("quiero morir", "quisiera morir"))  # "*" taken off the stem
    assert not said["me muero de risa"] and not said["ya basta"] and not said["triste"]
    assert {r["at"] for r in rows} <= {"mad", "sad", "glad", "fear"}


def test_the_shipped_head_reads_its_lists_apart() -> None:
    rows = build_script().phrasebook_rows()
    lean = {True: [], False: []}
    for r in rows[::7]:
        lean[r["crisis"]].append(model().read(r["text"], r["at"]).lean)
    assert np.median(lean[True]) > LEAN > np.median(lean[False])
    assert np.mean(np.array(lean[False]) >= LEAN) < 0.02


@pytest.mark.parametrize("text", ["I was furious at work today", "the bus was late this morning",
                                  "zxqv blorp"])
def test_a_lean_turns_an_answer_or_unread_words_into_the_direct_question(text: str) -> None:
    assert understand(text, "sad", using=_leaning(20.0)).intent == Intent.SAFETY_CHECK
    assert understand(text, "sad", using=_leaning(-20.0)).intent != Intent.SAFETY_CHECK


@pytest.mark.parametrize(("text", "at", "intent"), [
    ("let's stop here", "sad", Intent.STOP), ("can we skip this one", "mad", Intent.SKIP),
    ("what did you say", "glad", Intent.REPEAT), ("yes share it", "share", Intent.YES),
    ("no", "safety_check", Intent.NO), ("nothing much happened", "sad", Intent.NOTHING),
    ("I don't know, hard to say", "fear", Intent.UNSURE)])
def test_a_lean_never_overrules_a_wish_a_question_nothing_unsure_or_a_short_prompt(
        text: str, at: str, intent: Intent) -> None:
    assert understand(text, at, using=_leaning(20.0)).intent == intent


@pytest.mark.parametrize("text", ["this traffic is killing me", "I nearly died laughing",
                                  "we got engaged tonight, I'm so happy"])
def test_a_lean_never_alarms_an_idiom_or_plain_joy(text: str) -> None:
    got = understand(text, "glad", using=_leaning(20.0)).intent
    assert got not in (Intent.SAFETY, Intent.SAFETY_CHECK)
