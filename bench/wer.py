"""Word error rate of Heartline against the bare PocketSphinx engine, clean, noisy, reverberant.

Bare: a fresh ``pocketsphinx.Decoder`` given each WHOLE utterance in one ``process_raw(...,
full_utt=True)`` (cepstral mean from the whole utterance). Heartline: ``heartline transcribe``'s
path (``transcribe_with``) and the live path of a check-in (the Listener cutting the same audio
with its end-of-turn rule). Also shown: bare streaming (100 ms blocks, live mean), which is how
Heartline decoded before issue 10. Real recordings: Debian's pocketsphinx-testdata LibriVox
readings and the recorded digits; noise is pink noise at 20 and 10 dB SNR; reverberation is an
exponentially decaying noise impulse response (RT60 0.5 s). Target: never worse than bare.

Run: ``.venv/bin/python bench/wer.py``
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pocketsphinx  # noqa: E402

from heartline.listening import end_of_turn  # noqa: E402
from voice.audio import Audio, read_wav_path  # noqa: E402
from voice.recognizers import transcribe_with  # noqa: E402
from voice.sources import Listener, Utterance, chunks_from_audio  # noqa: E402
from voice.sphinx_engine import SphinxRecognizer  # noqa: E402

LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")
DIGITS = ROOT / "tests" / "data" / "shared" / "digits-vosk-api.wav"
DIGITS_REF = "one zero zero zero one nine oh two one oh zero one eight zero three"
RATE = 16000


def wer_counts(reference: str, hypothesis: str) -> tuple[int, int]:
    ref = re.findall(r"[a-z']+", reference.lower())
    hyp = re.findall(r"[a-z']+", hypothesis.lower())
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1], len(ref)


def corpus() -> list[tuple[str, Audio, str]]:
    files = [("digits", read_wav_path(DIGITS).to_mono16k(), DIGITS_REF)]
    for line in (LIBRIVOX / "transcription").read_text().splitlines():
        text, _, fileid = line.rpartition(" (")
        fileid = fileid.rstrip(")")
        ref = text.replace("<s>", "").replace("</s>", "").strip()
        files.append((fileid[-4:], read_wav_path(LIBRIVOX / f"{fileid}.wav").to_mono16k(), ref))
    return files


def _samples(audio: Audio) -> Any:
    return np.frombuffer(audio.pcm, dtype="<i2").astype(np.float64)


def _audio(x: Any) -> Audio:
    return Audio(np.clip(np.rint(x), -32768, 32767).astype("<i2").tobytes(), RATE)


def pink(n: int, rng: Any) -> Any:
    spectrum = np.fft.rfft(rng.standard_normal(n))
    f = np.arange(len(spectrum))
    spectrum[1:] /= np.sqrt(f[1:])
    spectrum[0] = 0
    return np.fft.irfft(spectrum, n)


def with_noise(audio: Audio, snr_db: float, seed: int) -> Audio:
    x = _samples(audio)
    noise = pink(len(x), np.random.default_rng(seed))
    gain = np.sqrt(np.mean(x**2) / np.mean(noise**2) / 10 ** (snr_db / 10))
    return _audio(x + gain * noise)


def with_reverb(audio: Audio, rt60: float, seed: int) -> Audio:
    rng = np.random.default_rng(seed)
    t = np.arange(int(rt60 * RATE)) / RATE
    rir = rng.standard_normal(len(t)) * np.exp(-6.9 * t / rt60)
    rir[0] = 1.0
    x = _samples(audio)
    y = np.convolve(x, rir)[: len(x)]
    return _audio(y * np.sqrt(np.mean(x**2) / np.mean(y**2)))


def bare(decoder: Any, audio: Audio, whole: bool) -> str:
    decoder.start_utt()
    if whole:
        decoder.process_raw(audio.pcm, False, True)
    else:
        for i in range(0, len(audio.pcm), 3200):
            decoder.process_raw(audio.pcm[i : i + 3200], False, False)
    decoder.end_utt()
    return " ".join(re.sub(r"\(\d+\)$", "", s.word) for s in decoder.seg() or ()
                    if s.word[0] not in "<[+")


def live(recognizer: SphinxRecognizer, audio: Audio) -> str:
    padded = Audio(bytes(RATE) + audio.pcm + bytes(4 * RATE), RATE)  # quiet around the answer
    listener = Listener(recognizer, chunks_from_audio(padded), end_of_turn=end_of_turn(0.8))
    texts = []
    while (event := listener.next_event()) is not None:
        if isinstance(event, Utterance):
            texts.append(event.transcript.text)
    return " ".join(texts)


def main() -> None:
    recognizer = SphinxRecognizer.load()
    files = corpus()
    conditions = {
        "clean": lambda a, i: a,
        "20 dB pink": lambda a, i: with_noise(a, 20, i),
        "10 dB pink": lambda a, i: with_noise(a, 10, i),
        "reverb 0.5 s": lambda a, i: with_reverb(a, 0.5, i),
    }
    print("| condition | bare whole utterance | transcribe | check-in (live) "
          "| bare streaming (before) |")
    print("|---|---|---|---|---|")
    for name, make in conditions.items():
        totals = {"bare": [0, 0], "transcribe": [0, 0], "live": [0, 0], "stream": [0, 0]}
        for i, (_, audio, ref) in enumerate(files):
            audio = make(audio, i)
            # A fresh decoder per decode: one streamed block switches a decoder to live CMN.
            hyps = {
                "bare": bare(pocketsphinx.Decoder(loglevel="FATAL", logfn="/dev/null"), audio,
                             True),
                "transcribe": transcribe_with(recognizer, audio).text,
                "live": live(recognizer, audio),
                "stream": bare(pocketsphinx.Decoder(loglevel="FATAL", logfn="/dev/null"), audio,
                               False),
            }
            for key, hyp in hyps.items():
                errors, words = wer_counts(ref, hyp)
                totals[key][0] += errors
                totals[key][1] += words
        w = {k: e / n for k, (e, n) in totals.items()}
        print(f"| {name} | {w['bare']:.3f} | {w['transcribe']:.3f} | {w['live']:.3f} "
              f"| {w['stream']:.3f} |", flush=True)


if __name__ == "__main__":
    main()
