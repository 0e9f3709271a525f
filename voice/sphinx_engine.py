"""The PocketSphinx engine: the wheel's en-us model, decoders reused across sequential streams."""

from __future__ import annotations

import itertools
import os
import re
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from voice.audio import RECOGNIZER_RATE, Audio, has_sound
from voice.errors import EngineError, ModelError
from voice.grammar_check import (
    GRAMMAR_PHONE_DISTANCE,
    NBEST,
    VARIANT,
    GrammarCheck,
    _aligned,
    _covers,
    _segments,
    _word_margin,
    is_filler,
    open_gain,
)
from voice.phones import edit_distance, phones
from voice.release import is_release
from voice.transcribe import transcribe_with
from voice.types import Transcript, Word

# PocketSphinx frames are 10 ms.
_FRAME_S = 0.01
_loaded: dict[Path | None, SphinxRecognizer] = {}
_loaded_lock = threading.Lock()


def _jsgf(phrases: Sequence[str]) -> str:
    alternatives = " | ".join(f"( {p} )" for p in phrases)
    return f"#JSGF V1.0;\ngrammar heartline;\npublic <reply> = {alternatives};\n"


class SphinxStream:
    """Owns one Decoder until closed; each result() ends the utterance and starts the next.

    Audio is kept, not streamed: every decode is of the whole utterance so far in one
    ``process_raw(full_utt=True)``, so the cepstral mean comes from the utterance itself (the
    wheel's ``cmn batch``). Streaming would switch the decoder to a live mean estimated from the
    model's generic start, which costs words: WER 0.39 against 0.28 on LibriVox (issue 10).
    ``partial()`` decodes what has arrived; ``result()`` reuses that decode when nothing new came.
    """

    def __init__(self, owner: SphinxRecognizer, decoder: Any, search: str | None,
                 adapt: bool = False) -> None:
        self._owner = owner
        # A one-off stream starts from a clean front end (noise estimate included), so a file
        # gives the same words whatever was decoded before, as a fresh decoder would; a
        # listening session's streams keep the room's noise estimate from one answer to the next
        # (20 dB pink noise: WER 0.31 against 0.35 fresh; bench/wer.py).
        self._adapt = adapt
        self._decoder: Any | None = decoder
        self._search = search
        self._audio = bytearray()
        self._decode_s = 0.0
        self._cached: tuple[int, Transcript] | None = None
        self.last_check: GrammarCheck | None = None
        """The evidence on the last grammar reply decoded (None: no grammar, or nothing heard)."""

    def _live(self) -> Any:
        if self._decoder is None:
            raise EngineError("This PocketSphinx stream is closed; ask for a new one")
        return self._decoder

    def accept(self, chunk: bytes) -> bool:
        """Keep a chunk for the next decode; always False (the Listener finds endpoints)."""
        self._live()
        self._audio += chunk
        return False

    def partial(self) -> str:
        """The words of everything accepted so far, fillers removed."""
        return self._decode().text if self._audio else ""

    def readings(self) -> tuple[str, ...]:
        """The words so far; and, when the last word is only the previous word's stop released
        ("worried about" read as "worried about it", ``voice.release``), the words without it."""
        if not self._audio:
            return ("",)
        transcript = self._decode()
        words = transcript.words
        if self._search is None and words and is_release(words[-1], bytes(self._audio)):
            return transcript.text, " ".join(w.text for w in words[:-1])
        return (transcript.text,)

    def result(self) -> Transcript:
        """End the utterance and return its words with posterior confidences."""
        self._live()
        transcript = self._decode() if self._audio else Transcript("", (), SphinxRecognizer.name)
        self._audio = bytearray()
        self._decode_s = 0.0
        self._cached = None
        return transcript

    def _decode(self) -> Transcript:
        if self._cached is not None and self._cached[0] == len(self._audio):
            return self._cached[1]
        decoder = self._live()
        t = time.perf_counter()
        pcm = bytes(self._audio)
        # Near-silence has no mean worth normalising by: decoded, it turns into words ("ah").
        words: tuple[Word, ...] = ()
        if not self._adapt:
            decoder.reinit_feat()
        if has_sound(Audio(pcm, RECOGNIZER_RATE)):
            words = _decode_words(decoder, pcm, self._search or self._owner.default_search)
        rejected = False
        self.last_check = None
        alone: tuple[str, ...] = ()
        if self._search is not None and words:
            self.last_check = self._check_grammar(decoder, pcm, words)
            rejected = not self.last_check.accepted
        elif self._search is not None and has_sound(Audio(pcm, RECOGNIZER_RATE)):
            alone = self._open_readings(pcm)  # speech the grammar found no path through
        self._decode_s += time.perf_counter() - t
        audio_s = len(pcm) / (2 * RECOGNIZER_RATE)
        if rejected:
            words = ()
        check = self.last_check
        transcript = Transcript(" ".join(w.text for w in words), words, SphinxRecognizer.name,
                                audio_s, self._decode_s, out_of_grammar=rejected,
                                rejected=check.said if rejected and check else "",
                                open_readings=check.heard if check else alone,
                                phone_fit=check.worst_phone if check else None,
                                open_gain=check.gain if check else None)
        self._cached = (len(pcm), transcript)
        return transcript

    def _open_decode(self, pcm: bytes) -> tuple[tuple[Word, ...], list[Any], list[list[str]]]:
        """The open model's decode of the sound on another decoder (so neither has to rebuild its
        search: a tenth of a second for the LM): its words, their segments, its NBEST readings."""
        other = self._owner._borrow()
        try:
            if not self._adapt:
                other.reinit_feat()
            heard = _decode_words(other, pcm, self._owner.default_search)
            segments = _segments(other)
            # The n-best iterator can yield None (a lattice without a path to its end).
            nbest = [_clean_text(h.hypstr).split()
                     for h in itertools.islice(other.nbest() or (), NBEST) if h is not None]
        finally:
            self._owner._release(other)
        return heard, segments, nbest

    def _open_readings(self, pcm: bytes) -> tuple[str, ...]:
        """The open model's readings of speech the grammar search found no path through ("in a
        while" said softly): its best first, then its n-best, for the caller to weigh. None when
        its best reading is a single word: "tin" read "ten", "hive" read "five" are sounds the
        grammar rightly lacks, not speech to answer (round 14)."""
        heard, _, nbest = self._open_decode(pcm)
        if len(heard) < 2:
            return ()
        readings = (" ".join(w.text for w in heard), *(" ".join(h) for h in nbest))
        return tuple(dict.fromkeys(r for r in readings if r))

    def _check_grammar(self, decoder: Any, pcm: bytes, words: tuple[Word, ...]) -> GrammarCheck:
        """Whether the open language model hears nearly the same sounds as the grammar did.

        A grammar search always returns some grammar path, even for "banana" (pocketsphinx-android
        issue 47), so the reply needs second opinions: the default model decodes the same audio,
        and the reply counts when the grammar's words span the speech the open model found
        (``_covers``: "a minute ago" forced onto "a minute" leaves "ago" to silence), one of its
        NBEST best readings differs from the grammar's words by at most GRAMMAR_PHONE_DISTANCE of
        their phones ("sure" heard as "share" still counts; "banana" heard as "in an" does not),
        and no grammar word fits its stretch of sound much worse than the open model's reading
        of it does (GRAMMAR_WORD_MARGIN: "sorry" forced onto "start", "fifty cents" onto "fifty
        minutes": a likelihood ratio with the open model as the garbage model). Both readings are
        also forced onto the whole sound, for the caller to weigh how much better the open
        model's best reading fits it (``open_gain``: "goat" forced onto "go", round 12).
        """
        grammar_segments = _segments(decoder)
        aligned = _aligned(decoder, pcm, self._adapt)
        heard, open_segments, nbest = self._open_decode(pcm)
        margin = _word_margin(grammar_segments, open_segments)
        hypotheses = [[w.text for w in heard], *nbest]
        # The open model's best reading forced onto the same sound, on this decoder (still on
        # its alignment search): the whole reply's likelihood ratio of the two paths (round 12).
        heard_aligned = _aligned(decoder, pcm, self._adapt, " ".join(w.text for w in heard))
        covers = not heard or _covers(words, heard)
        said = phones(decoder, [w.text for w in words])
        near = False
        for hypothesis in hypotheses:
            if not hypothesis:
                continue
            other_said = phones(decoder, hypothesis)
            distance = edit_distance(said, other_said) / max(len(said), len(other_said), 1)
            if distance <= GRAMMAR_PHONE_DISTANCE:
                near = True
                break
        readings = tuple(dict.fromkeys(" ".join(h) for h in hypotheses))
        alignment = tuple(a for a in aligned if not is_filler(a[0]))
        return GrammarCheck(covers, near, margin, " ".join(w.text for w in words), readings,
                            alignment, open_gain(aligned, heard_aligned))

    def close(self) -> None:
        """Give the decoder back to the recognizer (idempotent)."""
        if self._decoder is None:
            return
        self._owner._release(self._decoder)
        self._decoder = None
        self._audio = bytearray()

    def __del__(self) -> None:
        # A stream dropped without close() must not keep its decoder from being reused.
        try:
            self.close()
        except Exception:  # noqa: S110 - interpreter shutdown or a decoder already broken
            pass


def _decode_words(decoder: Any, pcm: bytes, search: str) -> tuple[Word, ...]:
    """Decode one whole utterance with ``search`` (batch CMN); its words without fillers."""
    # Activating a search rebuilds it (a tenth of a second for the LM): only on change.
    if decoder.current_search() != search:
        decoder.activate_search(search)
    decoder.start_utt()
    decoder.process_raw(pcm, False, True)
    decoder.end_utt()
    return tuple(
        Word(VARIANT.sub("", seg.word), min(1.0, max(0.0, float(seg.prob))),
             seg.start_frame * _FRAME_S, (seg.end_frame + 1) * _FRAME_S)
        for seg in decoder.seg() or ()  # None when no grammar path fits the audio
        if not is_filler(seg.word)
    )


def _clean_text(hypstr: str) -> str:
    return " ".join(VARIANT.sub("", w) for w in hypstr.split() if not is_filler(w))


class SphinxRecognizer:
    """PocketSphinx; one Decoder per open stream, pooled so sequential streams reuse it."""

    name = "pocketsphinx"
    sample_rate = RECOGNIZER_RATE

    def __init__(self, model: Path | None = None) -> None:
        self.model = model
        self._lock = threading.Lock()
        first = self._new_decoder()
        self.default_search: str = first.current_search()
        self._idle: list[Any] = [first]
        self._grammars: dict[tuple[str, ...], str] = {}

    @classmethod
    def load(cls, model: Path | None = None) -> SphinxRecognizer:
        """The recognizer for ``model`` (None: the wheel's en-us model), one per process."""
        key = Path(model).resolve() if model is not None else None
        with _loaded_lock:
            if key not in _loaded:
                _loaded[key] = cls(key)
            return _loaded[key]

    def _new_decoder(self) -> Any:
        try:
            import pocketsphinx
        except ImportError as e:
            raise EngineError(f"PocketSphinx is missing ({e}): pip install pocketsphinx") from None
        # Logs go nowhere: stdout carries the CLI's JSON lines, and stderr should stay readable.
        options: dict[str, Any] = {"loglevel": "FATAL", "logfn": os.devnull}
        if self.model is not None:
            model = self.model
            options.update(hmm=str(model), lm=None, dict=None)
            lm = next(iter(sorted(model.glob("*.lm.bin"))), None)
            dic = next(iter(sorted(model.glob("*.dict"))), None)
            if lm is None or dic is None or not (model / "mdef").exists():
                needs = "needs mdef, *.lm.bin, *.dict"
                raise ModelError(f"{model} is not a PocketSphinx model ({needs})",
                                 engine="pocketsphinx", path=model, reason=needs)
            options.update(lm=str(lm), dict=str(dic))
        try:
            return pocketsphinx.Decoder(**options)
        except (RuntimeError, ValueError, OSError) as e:
            raise ModelError(f"PocketSphinx could not load its model ({e}): "
                             "reinstall pocketsphinx", engine="pocketsphinx",
                             path=self.model, reason=str(e)) from None

    def _borrow(self) -> Any:
        """An idle decoder (preferably one on the open model), or a new one."""
        with self._lock:
            for k, decoder in enumerate(self._idle):
                if decoder.current_search() == self.default_search:
                    return self._idle.pop(k)
            if self._idle:
                return self._idle.pop()
        return self._new_decoder()

    def _release(self, decoder: Any) -> None:
        with self._lock:
            self._idle.append(decoder)

    def _search_for(self, decoder: Any, grammar: Sequence[str] | None) -> str | None:
        """Name of a JSGF search for the in-dictionary phrases of ``grammar`` on ``decoder``."""
        if not grammar:
            return None
        phrases = []
        for phrase in grammar:
            words = re.findall(r"[a-z']+", phrase.lower())
            if words and all(decoder.lookup_word(w) is not None for w in words):
                phrases.append(" ".join(words))
        if not phrases:
            raise EngineError(f"No grammar phrase of {list(grammar)!r} is in the dictionary")
        key = tuple(sorted(set(phrases)))
        with self._lock:
            name = self._grammars.setdefault(key, f"grammar{len(self._grammars)}")
        try:
            decoder.activate_search(name)  # searches live on each decoder: add once per decoder
        except KeyError:
            decoder.add_jsgf_string(name, _jsgf(key))
        return name

    def stream(self, grammar: Sequence[str] | None = None, *, adapt: bool = False) -> SphinxStream:
        """A stream that owns a decoder until closed; ``grammar`` uses a JSGF phrase list.

        ``adapt``: one of a listening session's streams (same room): keep the front end's noise
        estimate between utterances. Every utterance is normalised by its own cepstral mean.
        """
        decoder = self._borrow()
        try:
            search = self._search_for(decoder, grammar)
        except Exception:
            self._release(decoder)
            raise
        return SphinxStream(self, decoder, search, adapt)

    def transcribe(self, audio: Audio) -> Transcript:
        """Recognize a whole recording."""
        return transcribe_with(self, audio)
