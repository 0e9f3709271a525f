"""Endpointing: a whole check-in recording becomes successive Utterances, NoAnswer, then None."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest

from heartline.advice import command_for, one_line
from heartline.cli import cli
from voice.audio import Audio, concat, silence
from voice.errors import NoMicrophoneError
from voice.microphone import Microphone
from voice.sources import (
    Listener,
    NoAnswer,
    Utterance,
    chunks_from_audio,
    chunks_from_raw,
)
from voice.sphinx_engine import SphinxRecognizer
from voice.types import Recognizer
from voice.vosk_engine import VoskRecognizer

ANSWERS = [
    "I felt a bit lonely at lunch when everyone else went out",
    "yes",
    "thank you for listening to me tonight",
    "no",
]


@pytest.fixture(scope="module")
def checkin(flite: Callable[..., Audio]) -> tuple[Audio, list[tuple[float, float]]]:
    """Four answers separated by 1.5 s silences, then 9 s of silence; with each answer's span."""
    parts, spans, t = [silence(1.0)], [], 1.0
    for text in ANSWERS:
        answer = flite(text)
        spans.append((t, t + answer.duration_s))
        t += answer.duration_s + 1.5
        parts += [answer, silence(1.5)]
    parts.append(silence(9.0))
    return concat(*parts), spans


def events(listener: Listener) -> list[Utterance | NoAnswer]:
    found: list[Utterance | NoAnswer] = []
    while (event := listener.next_event()) is not None:
        found.append(event)
    return found


def check_sequence(found: list[Utterance | NoAnswer], spans: list[tuple[float, float]],
                   engine: str) -> list[Utterance]:
    assert [type(e) for e in found] == [Utterance] * 4 + [NoAnswer], found
    utterances = [e for e in found if isinstance(e, Utterance)]
    for u, (start, end) in zip(utterances, spans, strict=True):
        assert u.transcript.engine == engine
        assert start - 0.4 <= u.start_s <= start  # pre-roll keeps the onset
        assert end - 0.3 <= u.end_s <= end + 0.2
        assert u.audio.rate == 16000 and u.audio.channels == 1
        assert u.audio.duration_s >= end - start
    no_answer = found[-1]
    assert isinstance(no_answer, NoAnswer)
    assert no_answer.waited_s == pytest.approx(7.0, abs=0.05)
    return utterances


def test_whole_checkin_with_pocketsphinx(sphinx: SphinxRecognizer,
                                         checkin: tuple[Audio, list[tuple[float, float]]],
                                         wer: Callable[[str, str], float]) -> None:
    audio, spans = checkin
    listener = Listener(sphinx, chunks_from_audio(audio))
    utterances = check_sequence(events(listener), spans, "pocketsphinx")
    assert [u.transcript.text for u in utterances][1::2] == ["yes", "no"]
    assert wer(ANSWERS[0], utterances[0].transcript.text) <= 0.25
    assert wer(ANSWERS[2], utterances[2].transcript.text) <= 0.25
    assert listener.position_s == pytest.approx(audio.duration_s, abs=0.03)
    assert listener.last_audio_end_s == utterances[-1].end_s
    assert listener.next_event() is None  # stays at the end


def test_stereo_44k_input_works_the_same(sphinx: SphinxRecognizer,
                                         checkin: tuple[Audio, list[tuple[float, float]]]) -> None:
    audio, spans = checkin
    mono = [u.transcript.text for u in events(Listener(sphinx, chunks_from_audio(audio)))
            if isinstance(u, Utterance)]
    stereo = events(Listener(sphinx, chunks_from_audio(audio.convert(44100, 2))))
    utterances = check_sequence(stereo, spans, "pocketsphinx")
    assert [u.transcript.text for u in utterances] == mono


def test_whole_checkin_with_vosk_segments_the_same(
    vosk_ko: VoskRecognizer, checkin: tuple[Audio, list[tuple[float, float]]]
) -> None:
    audio, spans = checkin
    utterances = check_sequence(events(Listener(vosk_ko, chunks_from_audio(audio))), spans, "vosk")
    assert all(u.transcript.text for u in utterances)


def test_raw_stdin_chunks_with_odd_sizes(sphinx: SphinxRecognizer,
                                         flite: Callable[..., Audio]) -> None:
    audio = concat(silence(0.5), flite("yes"), silence(1.0))
    raw = io.BytesIO(audio.pcm + b"\x01")  # a torn last sample is dropped
    chunks = list(chunks_from_raw(raw, chunk_ms=70))
    assert b"".join(chunks) == audio.pcm
    assert all(len(c) % 2 == 0 for c in chunks)
    found = events(Listener(sphinx, chunks, no_answer_s=30))
    assert [e.transcript.text for e in found if isinstance(e, Utterance)] == ["yes"]


def test_end_of_input_mid_utterance_finalises_it(sphinx: SphinxRecognizer,
                                                 flite: Callable[..., Audio]) -> None:
    audio = concat(silence(0.5), flite("thank you for listening to me tonight"))
    listener = Listener(sphinx, chunks_from_audio(audio))
    first = listener.next_event()
    assert isinstance(first, Utterance)
    assert "thank you" in first.transcript.text
    assert listener.next_event() is None


def test_grammar_per_question(sphinx: SphinxRecognizer, flite: Callable[..., Audio]) -> None:
    audio = concat(silence(0.5), flite("yes"), silence(1.5), flite("not now"), silence(1.5))
    listener = Listener(sphinx, chunks_from_audio(audio), grammar=["yes", "no", "not now"])
    first, second = listener.next_event(), listener.next_event(["yes", "no", "later", "not now"])
    assert isinstance(first, Utterance) and isinstance(second, Utterance)
    assert (first.transcript.text, second.transcript.text) == ("yes", "not now")


def test_clicks_and_noise_are_not_answers(sphinx: SphinxRecognizer,
                                          flite: Callable[..., Audio]) -> None:
    click = Audio(b"\xff\x7f\x00\x80" * 160, 16000)  # 20 ms full-scale click
    audio = concat(silence(1.0), click, silence(1.0), click, silence(1.0), flite("yes"),
                   silence(1.0))
    found = events(Listener(sphinx, chunks_from_audio(audio), no_answer_s=30))
    assert [e.transcript.text for e in found if isinstance(e, Utterance)] == ["yes"]
    assert not [e for e in found if isinstance(e, NoAnswer)]


def test_no_answer_is_counted_in_audio_time_and_listening_continues(
    sphinx: SphinxRecognizer, flite: Callable[..., Audio]
) -> None:
    audio = concat(silence(3.0), flite("yes"), silence(1.0))
    listener = Listener(sphinx, chunks_from_audio(audio, chunk_ms=500), no_answer_s=2.0)
    first = listener.next_event()
    assert isinstance(first, NoAnswer) and first.waited_s == pytest.approx(2.0, abs=0.05)
    assert listener.position_s == pytest.approx(2.0, abs=0.05)  # stops mid-chunk
    second = listener.next_event()
    assert isinstance(second, Utterance) and second.transcript.text == "yes"
    assert second.start_s == pytest.approx(2.7, abs=0.35)


def test_drop_pending_discards_buffered_input(sphinx: SphinxRecognizer,
                                              flite: Callable[..., Audio]) -> None:
    class Source:
        """Stands in for a Microphone: chunks plus drop_pending()."""

        def __init__(self, chunks: list[bytes]) -> None:
            self.chunks = chunks
            self.dropped = 0

        def __iter__(self) -> Source:
            return self

        def __next__(self) -> bytes:
            if not self.chunks:
                raise StopIteration
            return self.chunks.pop(0)

        def drop_pending(self) -> None:
            self.dropped += 1
            self.chunks = self.chunks[-20:]  # what the "mic" captured while we spoke is gone

    speech = concat(flite("thank you for listening to me tonight"), silence(0.5))
    answer = concat(flite("yes"), silence(1.0))
    source = Source(list(chunks_from_audio(concat(silence(0.1), speech, answer), chunk_ms=100)))
    listener = Listener(sphinx, source, no_answer_s=30)
    listener.drop_pending()
    assert source.dropped == 1
    found = events(listener)
    assert [e.transcript.text for e in found if isinstance(e, Utterance)] == ["yes"]


def test_no_microphone_on_this_machine() -> None:
    import sounddevice as sd

    with pytest.raises(sd.PortAudioError):
        sd.query_devices(kind="input")  # the real reason: PortAudio reports no input device
    with pytest.raises(NoMicrophoneError) as e:
        Microphone()
    assert str(e.value) == "No microphone found"
    checkin = command_for(cli, ["checkin"])
    assert one_line(e.value, checkin) == "No microphone found: use --audio FILE or --text."


def test_recognizers_satisfy_the_protocol(sphinx: SphinxRecognizer,
                                          vosk_ko: VoskRecognizer) -> None:
    engines: list[Recognizer] = [sphinx, vosk_ko]
    assert [(r.name, r.sample_rate) for r in engines] == [("pocketsphinx", 16000),
                                                           ("vosk", 16000)]
