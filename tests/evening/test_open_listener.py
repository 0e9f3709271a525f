"""One way in for everything that listens: open_listener and the options type it reads.

Real flite speech, the real PocketSphinx engine, a real SQLite file; stdin is injected as bytes.
"""

from __future__ import annotations

import dataclasses
import io
import json
import wave
from contextlib import ExitStack
from pathlib import Path

import pytest

from heartline.evening import EveningOptions
from heartline.listening import STDIN, ListenOptions, open_listener
from heartline.session import CheckinOptions, run_checkin
from store import Store
from voice.errors import AudioFormatError
from voice.recognizers import Recognizer
from voice.sources import NoAnswer
from voice.sphinx_engine import SphinxRecognizer


def pcm(wav: Path) -> bytes:
    with wave.open(str(wav)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (16000, 1, 2)
        return w.readframes(w.getnframes())


@pytest.fixture(scope="module")
def sphinx() -> Recognizer:
    # A recognizer of this module's own: the process-wide one (SphinxRecognizer.load) pools
    # decoders whose state would carry the evening's searches into later tests' decoding.
    return SphinxRecognizer(None)


def test_the_checkin_and_the_evening_share_one_options_type() -> None:
    shared = {f.name for f in dataclasses.fields(ListenOptions)}
    assert {"db", "audio", "engine", "model", "end_silence_s", "no_answer_s", "voice"} <= shared
    for options in (CheckinOptions, EveningOptions):
        assert issubclass(options, ListenOptions)
        own = set(options.__annotations__)  # declared in the class itself, not inherited
        assert not own & shared, (options.__name__, own & shared)


def test_a_broken_recording_fails_before_any_model_loads(tmp_path: Path) -> None:
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"RIFF not really a wave file")
    loaded: list[str] = []

    def load() -> Recognizer:
        loaded.append("model")
        raise AssertionError("the recognizer must not load for a broken file")

    with ExitStack() as stack, pytest.raises(AudioFormatError):
        open_listener(stack, ListenOptions(db=tmp_path / "x.db", audio=str(bad)),
                      stdin=io.BytesIO(), recognizer=load)
    assert loaded == []


def test_raw_pcm_is_heard_from_the_injected_stdin(tmp_path: Path, speak,  # type: ignore[no-untyped-def]
                                                  sphinx: Recognizer) -> None:
    audio = pcm(speak(["not tonight"], tmp_path / "no.wav"))
    with ExitStack() as stack:
        hearing = open_listener(stack, ListenOptions(db=tmp_path / "x.db", audio=STDIN),
                                stdin=io.BytesIO(audio), recognizer=lambda: sphinx)
        assert hearing.microphone is None and hearing.duplex is None
        assert hearing.engine == sphinx.name
        event = hearing.listener.next_event(None)
    assert event is not None and not isinstance(event, NoAnswer)
    assert "tonight" in event.transcript.text


def test_a_typed_checkin_reads_the_injected_stdin_leniently(db: Path) -> None:
    typed = io.BytesIO("the caf\xe9 was closed and I was furious\nnothing\nskip\nskip\nno\n"
                       .encode("latin-1"))
    out = io.StringIO()
    log = run_checkin(CheckinOptions(db=db, person="sam", text=True, as_json=True, seed=1),
                      stdin=typed, stdout=out)
    assert not typed.closed  # the caller's stream is the caller's to close
    assert len(log.entries) == 4
    said = [json.loads(line) for line in out.getvalue().splitlines()]
    assert said[-1]["act"] == "closing"
    with Store.open(db) as store:
        texts = [str(r["text"]) for r in store.entries("sam")]
    assert any("furious" in t and t.startswith("the caf") for t in texts)


def test_a_spoken_checkin_hears_raw_pcm_from_the_injected_stdin(
    tmp_path: Path, db: Path, speak, sphinx: Recognizer  # type: ignore[no-untyped-def]
) -> None:
    audio = pcm(speak(["i was angry at the traffic", "stop"], tmp_path / "c.wav"))
    log = run_checkin(
        CheckinOptions(db=db, person="sam", audio=STDIN, speak=False, seed=1),
        stdin=io.BytesIO(audio), stdout=io.StringIO(), recognizer=sphinx,
    )
    assert len(log.entries) >= 1
    with Store.open(db) as store:
        rows = store.entries("sam")
    assert any("traffic" in str(r["text"]) for r in rows)
