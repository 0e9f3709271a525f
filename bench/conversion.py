"""What converting a 44.1 kHz stereo recording costs, against sox and against 16 kHz mono input.

A minute of real speech (the LibriVox readings of Debian's pocketsphinx-testdata, looped) is made
44.1 kHz stereo with sox. Then: (a) conversion alone: Heartline's ``Audio.convert`` (soxr HQ)
against the ``sox`` command doing the same job, wall clock including sox's process start; (b) the
whole ``transcribe`` of the 44.1 kHz stereo file against the same audio at 16 kHz mono (issue 10
found 1.29x before soxr), and whether both give the same words. Minimum of ``--repeat`` runs.
Run: ``.venv/bin/python bench/conversion.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

from voice.audio import read_wav_path
from voice.sphinx_engine import SphinxRecognizer

LIBRIVOX = Path("/usr/share/pocketsphinx/test/data/librivox")


def _minute(out: Path) -> tuple[Path, Path]:
    """A minute of LibriVox speech, as 16 kHz mono and as 44.1 kHz stereo."""
    parts = sorted(LIBRIVOX.glob("*.wav"))
    if not parts:
        raise SystemExit("pocketsphinx-testdata is not installed: run scripts/setup.sh")
    mono = out / "minute-16k.wav"
    subprocess.run(["sox", *map(str, parts * 8), str(mono), "trim", "0", "60"], check=True)
    stereo = out / "minute-44k-stereo.wav"
    subprocess.run(["sox", str(mono), "-r", "44100", "-c", "2", str(stereo)], check=True)
    return mono, stereo


def _best(repeat: int, job: object) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        job()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        mono, stereo = _minute(Path(tmp))
        big = read_wav_path(stereo)
        back = Path(tmp) / "sox-16k.wav"
        sox_s = _best(args.repeat, lambda: subprocess.run(
            ["sox", str(stereo), "-r", "16000", "-c", "1", str(back)], check=True))
        ours_s = _best(args.repeat, lambda: big.convert(16000, 1))
        rec = SphinxRecognizer.load()
        small = read_wav_path(mono)
        words: dict[str, str] = {}

        def run(name: str, audio: object) -> None:
            words[name] = rec.transcribe(audio).text  # type: ignore[arg-type]

        mono_s = _best(args.repeat, lambda: run("mono", small))
        stereo_s = _best(args.repeat, lambda: run("stereo", read_wav_path(stereo)))
    print(f"a minute of speech ({big.duration_s:.1f} s), 44.1 kHz stereo, best of {args.repeat}")
    print(f"conversion to 16 kHz mono: Heartline (soxr HQ) {1000 * ours_s:.0f} ms, "
          f"sox command {1000 * sox_s:.0f} ms, ratio {ours_s / sox_s:.2f}")
    print(f"transcribe: 16 kHz mono {mono_s:.2f} s, 44.1 kHz stereo {stereo_s:.2f} s, "
          f"ratio {stereo_s / mono_s:.2f} (1.29 before soxr)")
    same = sum(a == b for a, b in zip(words["mono"].split(), words["stereo"].split(), strict=False))
    print(f"words alike: {same} of {len(words['mono'].split())} "
          f"(conversion differs only in resampling from 16 kHz up and back)")


if __name__ == "__main__":
    main()
