"""A last "word" that is only the previous word's released stop does not end the turn (issue 10).

flite's awb voice releases the /t/ of "about" audibly; PocketSphinx reads it as a word "it", and
"I am worried about it" is a complete sentence. The Listener weighs the words without it too.
"""

from __future__ import annotations

from collections.abc import Callable

from heartline.listening import end_of_turn
from voice.audio import Audio, concat, silence
from voice.sources import Listener, Utterance, chunks_from_audio
from voice.sphinx_engine import SphinxRecognizer


def _readings(sphinx: SphinxRecognizer, audio: Audio) -> tuple[str, ...]:
    stream = sphinx.stream(None, adapt=True)
    try:
        stream.accept(concat(silence(0.3), audio, silence(0.3)).pcm)
        return stream.readings()
    finally:
        stream.close()


def test_a_released_stop_read_as_a_word_is_offered_without_it(
        sphinx: SphinxRecognizer, flite: Callable[..., Audio]) -> None:
    readings = _readings(sphinx, flite("i am worried about", "awb"))
    assert readings[0].endswith("about it")  # what the engine hears
    assert readings[1:] == (readings[0].removesuffix(" it"),)


def test_a_real_last_word_is_kept(sphinx: SphinxRecognizer,
                                  flite: Callable[..., Audio]) -> None:
    # A spoken "it" has a vowel; "home" misheard still has one: one reading each.
    for text, voice in (("we talked about it", "rms"), ("we talked about it", "awb"),
                        ("really alone at home", "slt"), ("my mother being sick", "awb")):
        assert len(_readings(sphinx, flite(text, voice))) == 1, (text, voice)


def test_the_answer_paused_after_about_is_kept_whole(
        sphinx: SphinxRecognizer, flite: Callable[..., Audio]) -> None:
    head = flite("i am worried about", "awb")
    rest_from = 0.5 + head.duration_s + 1.4
    audio = concat(silence(0.5), head, silence(1.4), flite("my mother being sick", "awb"),
                   silence(4.0))
    listener = Listener(sphinx, chunks_from_audio(audio), no_answer_s=30.0,
                        end_of_turn=end_of_turn(0.8))
    found = [e for e in iter(listener.next_event, None) if isinstance(e, Utterance)]
    assert len(found) == 1, [u.transcript.text for u in found]
    assert found[0].end_s > rest_from
    assert "mother" in found[0].transcript.text
