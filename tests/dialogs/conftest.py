"""Helpers for driving the check-in with transcript strings."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from dialogs.acts import ActKind, Heard, Outcome
from dialogs.checkin import CheckIn, Settings

SILENCE = "<silence>"
EOF_MARK = "<eof>"


def drive(replies: list[str], settings: Settings | None = None) -> tuple[CheckIn, list[Outcome]]:
    """Start a check-in and feed it replies ("<silence>" and "<eof>" are markers)."""
    ci = CheckIn(settings or Settings(name="Sam"))
    outs = [ci.start()]
    for reply in replies:
        if reply == SILENCE:
            outs.append(ci.silence())
        elif reply == EOF_MARK:
            outs.append(ci.end_of_input())
        else:
            outs.append(ci.hear(Heard(reply)))
    return ci, outs


def kinds(out: Outcome) -> list[str]:
    """The act kinds of an outcome, with the emotion when there is one ("question:sad")."""
    return [f"{a.kind}:{a.emotion}" if a.emotion and a.kind != ActKind.EMPATHY else str(a.kind)
            for a in out.acts]


def build_script(name: str = "build_understanding") -> ModuleType:
    """scripts/NAME.py as a module (the scripts folder is no package)."""
    path = Path(__file__).resolve().parents[2] / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
