"""Acts as JSON lines, and the typed notes an Outcome carries (command, opener, safety)."""

from __future__ import annotations

import json

import pytest

from dialogs.acts import Act, ActKind, Command, Emotion, Heard, Safety
from dialogs.checkin import CheckIn, Settings


@pytest.mark.parametrize(
    "act,expected",
    [
        (
            Act(ActKind.QUESTION, "What made you mad?", Emotion.MAD, listening=True),
            {"role": "assistant", "act": "question", "text": "What made you mad?",
             "emotion": "mad", "listening": True},
        ),
        (
            Act(ActKind.CLOSING, "Goodnight, caf\u00e9 \u201cfriend\u201d."),
            {"role": "assistant", "act": "closing",
             "text": "Goodnight, caf\u00e9 \u201cfriend\u201d.", "emotion": None,
             "listening": False},
        ),
    ],
)
def test_an_act_is_one_json_line(act: Act, expected: dict[str, object]) -> None:
    line = act.to_json()
    assert "\n" not in line
    assert json.loads(line) == expected == act.as_dict()
    assert "\\u" not in line  # words stay readable (UTF-8), as the --json lines always printed


def _at_mad() -> CheckIn:
    ci = CheckIn(Settings(seed=1))
    ci.start()
    return ci


@pytest.mark.parametrize(
    "reply,command",
    [
        ("stop", Command.STOP),
        ("can you repeat that", Command.REPEAT),
        ("skip", Command.SKIP),
        ("keep that private", Command.PRIVATE),
        ("I was furious at my boss", None),
    ],
)
def test_a_step_names_the_command_it_heard(reply: str, command: Command | None) -> None:
    out = _at_mad().hear(Heard(reply))
    assert out.command == command
    assert out.safety is None and out.opener is None


def test_end_of_input_is_a_command() -> None:
    assert _at_mad().end_of_input().command == Command.END_OF_INPUT


@pytest.mark.parametrize(
    "reply,safety",
    [("I keep thinking about ending it all", Safety.LINE),
     ("I can't see a way out anymore", Safety.CHECK)],
)
def test_a_step_names_its_crisis_response(reply: str, safety: Safety) -> None:
    out = _at_mad().hear(Heard(reply))
    assert out.safety == safety
    assert out.acts[0].kind == (ActKind.SAFETY if safety == Safety.LINE else ActKind.SAFETY_CHECK)
