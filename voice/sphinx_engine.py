"""The PocketSphinx engine: the wheel's en-us model, decoders reused across sequential streams."""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from voice.audio import RECOGNIZER_RATE, Audio
from voice.errors import EngineError, ModelError
from voice.recognizers import Transcript, Word, transcribe_with

# PocketSphinx frames are 10 ms.
_FRAME_S = 0.01
_VARIANT = re.compile(r"\(\d+\)$")
_loaded: dict[Path | None, SphinxRecognizer] = {}
_loaded_lock = threading.Lock()


def _is_filler(word: str) -> bool:
    """Silence, sentence markers and noise words: <s>, </s>, <sil>, [NOISE], ++GARBAGE++."""
    return not word or word[0] in "<[+"


def _jsgf(phrases: Sequence[str]) -> str:
    alternatives = " | ".join(f"( {p} )" for p in phrases)
    return f"#JSGF V1.0;\ngrammar heartline;\npublic <reply> = {alternatives};\n"


class SphinxStream:
    """Owns one Decoder until closed; each result() ends the utterance and starts the next."""

    def __init__(
        self, owner: SphinxRecognizer, decoder: Any, search: str | None, adapt: bool = False
    ) -> None:
        self._owner = owner
        self._decoder: Any | None = decoder
        # Live cepstral mean normalisation (CMN) needs a starting mean. A one-off stream starts
        # from the model's initial mean, so the same file always gives the same words; a
        # listening session (adapt=True) starts from the mean of the speaker's earlier answers.
        self._adapt = adapt
        decoder.set_cmn(owner.adapted_cmn if adapt and owner.adapted_cmn else owner.initial_cmn)
        self._search = search
        self._in_utt = False
        self._bytes = 0
        self._decode_s = 0.0
        self._audio = bytearray()

    def _live(self) -> Any:
        if self._decoder is None:
            raise EngineError("This PocketSphinx stream is closed; ask for a new one")
        return self._decoder

    def accept(self, chunk: bytes) -> bool:
        """Decode a chunk; always False (the Listener's voice-activity detector finds endpoints)."""
        decoder = self._live()
        t = time.perf_counter()
        if not self._in_utt:
            # Activating a search rebuilds it (a tenth of a second for the LM): only on change.
            if decoder.current_search() != (self._search or self._owner.default_search):
                decoder.activate_search(self._search)
            decoder.start_utt()
            self._in_utt = True
        decoder.process_raw(chunk, False, False)
        self._decode_s += time.perf_counter() - t
        self._bytes += len(chunk)
        if self._adapt and self._owner.adapted_cmn is None:
            self._audio += chunk
        return False

    def partial(self) -> str:
        """The current best hypothesis, fillers removed."""
        if not self._in_utt:
            return ""
        hyp = self._live().hyp()
        return _clean_text(hyp.hypstr) if hyp is not None else ""

    def result(self) -> Transcript:
        """End the utterance and return its words with posterior confidences."""
        decoder = self._live()
        words: tuple[Word, ...] = ()
        t = time.perf_counter()
        if self._in_utt:
            decoder.end_utt()
            self._in_utt = False
            if self._adapt:
                self._adapt_to_speaker(decoder)
            words = tuple(
                Word(_VARIANT.sub("", seg.word), min(1.0, max(0.0, float(seg.prob))),
                     seg.start_frame * _FRAME_S, (seg.end_frame + 1) * _FRAME_S)
                for seg in decoder.seg() or ()  # None when no grammar path fits the audio
                if not _is_filler(seg.word)
            )
        decode_s = self._decode_s + time.perf_counter() - t
        audio_s = self._bytes / (2 * RECOGNIZER_RATE)
        self._bytes, self._decode_s = 0, 0.0
        return Transcript(" ".join(w.text for w in words), words, SphinxRecognizer.name,
                          audio_s, decode_s)

    def _adapt_to_speaker(self, decoder: Any) -> None:
        """Carry this utterance's cepstral mean to the next one; decode the first one again.

        Until the mean has adapted to the speaker and microphone, the first answer of a session
        is decoded against the model's generic mean and loses words; decoding it once more from
        its own mean costs one extra pass, once per process.
        """
        mean = decoder.get_cmn(True)
        if self._owner.adapted_cmn is None and self._audio:
            decoder.set_cmn(mean)
            decoder.start_utt()
            decoder.process_raw(bytes(self._audio), False, True)
            decoder.end_utt()
            self._audio.clear()
            mean = decoder.get_cmn(True)
        self._owner.adapted_cmn = mean

    def close(self) -> None:
        """Abandon any open utterance and give the decoder back to the recognizer."""
        if self._decoder is None:
            return
        if self._in_utt:
            self._decoder.end_utt()
            self._in_utt = False
        self._owner._release(self._decoder)
        self._decoder = None

    def __del__(self) -> None:
        # A stream dropped without close() must not keep its decoder from being reused.
        try:
            self.close()
        except Exception:  # noqa: S110 - interpreter shutdown or a decoder already broken
            pass


def _clean_text(hypstr: str) -> str:
    return " ".join(_VARIANT.sub("", w) for w in hypstr.split() if not _is_filler(w))


class SphinxRecognizer:
    """PocketSphinx; one Decoder per open stream, pooled so sequential streams reuse it."""

    name = "pocketsphinx"
    sample_rate = RECOGNIZER_RATE

    def __init__(self, model: Path | None = None) -> None:
        self.model = model
        self._lock = threading.Lock()
        first = self._new_decoder()
        self.initial_cmn: str = first.get_cmn()
        self.adapted_cmn: str | None = None
        """The speaker's cepstral mean so far, carried between a session's streams."""
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
                raise ModelError(f"{model} is not a PocketSphinx model (needs mdef, *.lm.bin, "
                                 "*.dict); leave out --model to use the built-in one")
            options.update(lm=str(lm), dict=str(dic))
        try:
            return pocketsphinx.Decoder(**options)
        except (RuntimeError, ValueError, OSError) as e:
            raise ModelError(f"PocketSphinx could not load its model ({e}): "
                             "reinstall pocketsphinx") from None

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

        ``adapt``: part of a listening session, so start from (and update) the speaker's mean.
        """
        with self._lock:
            decoder = self._idle.pop() if self._idle else None
        if decoder is None:
            decoder = self._new_decoder()
        try:
            search = self._search_for(decoder, grammar)
        except Exception:
            self._release(decoder)
            raise
        return SphinxStream(self, decoder, search, adapt)

    def transcribe(self, audio: Audio) -> Transcript:
        """Recognize a whole recording."""
        return transcribe_with(self, audio)
