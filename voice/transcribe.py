"""Whole recordings through a streaming recognizer: converted once, decoded part by part."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import replace

from voice.audio import Audio, pause_cuts
from voice.types import Recognizer, Transcript, Word

#: Chunk size `transcribe` streams audio in: 100 ms at 16 kHz, 16-bit.
TRANSCRIBE_CHUNK_BYTES = 3200

LONG_AUDIO_S = 20.0
"""Recordings longer than this are decoded in parts cut at pauses (one utterance each)."""


def transcribe_with(recognizer: Recognizer, audio: Audio,
                    grammar: Sequence[str] | None = None,
                    progress: Callable[[float, float], None] | None = None) -> Transcript:
    """Convert once to 16 kHz mono and decode each pause-bounded part as one utterance.

    ``progress(done_s, total_s)`` is called after each part.
    """
    mono = audio.convert(recognizer.sample_rate, 1)
    cuts = pause_cuts(mono) if mono.duration_s > LONG_AUDIO_S else []
    bounds = [0, *cuts, mono.frames]
    words: list[Word] = []
    decode_s = 0.0
    part = Transcript("")
    stream = recognizer.stream(grammar)
    try:
        for lo, hi in itertools.pairwise(bounds):
            pcm = mono.pcm[2 * lo : 2 * hi]
            for i in range(0, len(pcm), TRANSCRIBE_CHUNK_BYTES):
                stream.accept(pcm[i : i + TRANSCRIBE_CHUNK_BYTES])
            part = stream.result()
            offset = lo / mono.rate
            words += [replace(w, start=w.start + offset, end=w.end + offset) for w in part.words]
            decode_s += part.decode_s
            if progress is not None:
                progress(hi / mono.rate, mono.duration_s)
    finally:
        stream.close()
    engine = getattr(recognizer, "name", "")
    text = " ".join(w.text for w in words)
    if len(bounds) == 2:  # one utterance: a grammar's verdict on it stands for the recording
        return Transcript(text, tuple(words), engine, mono.duration_s, decode_s,
                          out_of_grammar=part.out_of_grammar, rejected=part.rejected,
                          open_readings=part.open_readings, phone_fit=part.phone_fit,
                          open_gain=part.open_gain)
    return Transcript(text, tuple(words), engine, mono.duration_s, decode_s)
