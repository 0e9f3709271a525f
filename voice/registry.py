"""The engine registry: a recognizer chosen by name, each model loaded once per process."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from voice.errors import EngineError, NoVoskModel
from voice.models import find_vosk_model
from voice.sphinx_engine import SphinxRecognizer
from voice.types import Recognizer
from voice.vosk_engine import VoskRecognizer

ENGINES = ("auto", "vosk", "pocketsphinx")
"""The engine names `create_recognizer` takes; "auto" is Vosk when a model is installed."""


def create_recognizer(
    engine: str = "auto",
    model: Path | None = None,
    *,
    notice: Callable[[str], None] | None = None,
    folders: Sequence[Path] = (),
) -> Recognizer:
    """The recognizer named ``engine`` (one of ENGINES), loaded once per process and model.

    Without ``model``, Vosk's is looked for in ``folders`` (see ``find_vosk_model``).
    """
    if engine not in ENGINES:
        raise EngineError(f"Unknown speech engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    if engine == "pocketsphinx":
        return SphinxRecognizer.load(model)
    found = find_vosk_model(model, folders)
    if engine == "vosk":
        if found is None:
            raise NoVoskModel(tuple(folders))
        return VoskRecognizer.load(found)
    if found is not None:
        recognizer: Recognizer = VoskRecognizer.load(found)
        if notice:
            notice(f"Using Vosk with the model in {found}.")
        return recognizer
    recognizer = SphinxRecognizer.load(None)
    if notice:
        notice(
            "Using PocketSphinx (built in). For better accuracy install Vosk's English model: "
            "heartline models fetch"
        )
    return recognizer
