"""Engine selection and model lookup."""

from __future__ import annotations

from pathlib import Path

import pytest

from heartline.advice import one_line
from heartline.paths import user_models_dir
from voice.audio import silence
from voice.errors import EngineError, ModelError, NoVoskModel
from voice.models import DEFAULT_MODEL, find_vosk_model
from voice.registry import ENGINES, create_recognizer
from voice.sphinx_engine import SphinxRecognizer
from voice.vosk_engine import VoskRecognizer


def fake_model(path: Path, graph: tuple[str, ...] = ("HCLG.fst",)) -> Path:
    for name in ("am/final.mdl", "conf/mfcc.conf", *(f"graph/{g}" for g in graph)):
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_bytes(b"x")
    return path


def test_auto_without_a_vosk_model_uses_pocketsphinx_and_says_how_to_do_better(
    no_models: Path, sphinx: SphinxRecognizer
) -> None:
    notices: list[str] = []
    recognizer = create_recognizer("auto", notice=notices.append)
    assert recognizer is sphinx
    assert notices == ["Using PocketSphinx (built in). For better accuracy install Vosk's "
                       "English model: heartline models fetch"]


def test_auto_with_env_model_uses_vosk(no_models: Path, ko_model_dir: Path,
                                       monkeypatch: pytest.MonkeyPatch,
                                       vosk_ko: VoskRecognizer) -> None:
    monkeypatch.setenv("HEARTLINE_VOSK_MODEL", str(ko_model_dir))
    notices: list[str] = []
    assert create_recognizer(notice=notices.append) is vosk_ko
    assert len(notices) == 1 and "Vosk" in notices[0]


def test_explicit_vosk_without_model_is_a_model_error(no_models: Path) -> None:
    with pytest.raises(ModelError) as e:
        create_recognizer("vosk", folders=(no_models / "models", user_models_dir()))
    assert isinstance(e.value, NoVoskModel)
    assert e.value.searched == (no_models / "models", no_models / "xdg" / "heartline" / "models")
    assert "models fetch" not in str(e.value)  # facts only; the CLI adds what to type
    assert one_line(e.value).endswith("): run `heartline models fetch`")


def test_unknown_engine_lists_the_valid_names() -> None:
    with pytest.raises(EngineError) as e:
        create_recognizer("whisper")
    assert str(e.value) == ("Unknown speech engine 'whisper'; choose one of: "
                            "auto, vosk, pocketsphinx")
    assert ENGINES == ("auto", "vosk", "pocketsphinx")


def test_lookup_order(no_models: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = no_models / "project-models"
    user = user_models_dir()
    assert user == no_models / "xdg" / "heartline" / "models"
    folders = (project, user)
    assert find_vosk_model(None, folders) is None
    fake_model(user / "vosk-model-small-de-0.15")
    assert find_vosk_model() is None  # only the folders it is given
    assert find_vosk_model(None, folders) == user / "vosk-model-small-de-0.15"
    for name in ("vosk-model-small-fr-0.22", "vosk-model-en-us-0.22", DEFAULT_MODEL):
        fake_model(project / name, ("HCLr.fst", "Gr.fst"))
    (project / "README.md").parent.mkdir(exist_ok=True)
    (project / "README.md").write_text("models")
    (project / "vosk-model-incomplete").mkdir()
    assert find_vosk_model(None, folders) == project / DEFAULT_MODEL  # the first folder first
    (project / DEFAULT_MODEL / "graph" / "Gr.fst").unlink()
    assert find_vosk_model(None, folders) == project / "vosk-model-en-us-0.22"  # any en-us
    monkeypatch.setenv("HEARTLINE_VOSK_MODEL", str(no_models / "env-model"))
    assert find_vosk_model(None, folders) == no_models / "env-model"
    assert find_vosk_model(no_models / "explicit", folders) == no_models / "explicit"


def test_pocketsphinx_with_a_folder_that_is_not_a_model(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not a PocketSphinx model"):
        create_recognizer("pocketsphinx", model=tmp_path)


def test_engines_never_print_to_stdout(capfd: pytest.CaptureFixture[str], tmp_path: Path,
                                       vosk_ko: VoskRecognizer) -> None:
    # The CLI writes JSON lines on stdout: loading, decoding and failing must all stay off it.
    fresh = SphinxRecognizer(None)
    fresh.transcribe(silence(0.5))
    fresh.stream(["yes", "no"]).close()
    vosk_ko.stream(["yes", "[unk]"]).close()  # Vosk warns about out-of-vocabulary words
    vosk_ko.transcribe(silence(0.5))
    with pytest.raises(ModelError):
        VoskRecognizer(fake_model(tmp_path / "garbage"))
    out, _ = capfd.readouterr()
    assert out == ""
