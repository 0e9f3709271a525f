"""'Don't say "I understand"' holds in the languages couples mix into English (issue 11, coach
round 18): v18's "je comprends", "saya faham" and "anh hiểu mà" went unflagged, since the English
rule and the model's words never saw them. Negated forms and "I don't understand why" stay free."""

from __future__ import annotations

import pytest

from dialogs.coach import Kind, _rule_kinds, advise
from dialogs.locale import load

LANG = load("en-us")


@pytest.mark.parametrize("reply", [
    "Ay mi amor, te entiendo perfectamente. Qué coraje.",
    "Je te comprends, c'était vraiment injuste.",
    "Naiintindihan kita, love. Ang bigat nun.",
    "saya faham, mesti penat sangat",
    "Anh hiểu mà em, chắc mệt lắm.",
    "Ich verstehe dich total. So ein Mist.",
    "main samajh sakta hoon yaar, bohot bura laga hoga",
    "ana fahmak, wallah this is so unfair",
    "Rozumiem cię kochanie, to straszne.",
    "わかるよ。大変だったね。",
    "我懂你, that must have felt awful",
    "Seni anlıyorum canım, çok üzücü.",
])
def test_i_understand_in_other_languages_is_flagged(reply: str) -> None:
    assert Kind.I_UNDERSTAND in {m.kind for m in advise(reply, LANG).mistakes}


@pytest.mark.parametrize("clause", [
    "No entiendo por qué te habló así.",
    "Je comprends pas pourquoi il a fait ça.",
    "Non capisco come abbia potuto.",
    "Ich verstehe nicht, warum sie das gesagt hat.",
    "Nie rozumiem, jak mogli ci to zrobić.",
    "Hindi ko naiintindihan bakit ganun siya.",
    "Anh không hiểu sao họ làm vậy.",
    "我不懂他为什么这样说。",
    "mish fahem leh 3amal keda",
    "Te quiero mucho. Estoy aquí contigo.",
])
def test_negated_or_other_words_are_not_i_understand(clause: str) -> None:
    assert Kind.I_UNDERSTAND not in _rule_kinds(clause)
