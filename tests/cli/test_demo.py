"""`heartline demo`, the README's main job: recording -> recognizer -> dialog -> speech -> store."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import ROOT, run_cli, wer

from voice.audio import has_sound, read_wav_path


def test_demo_runs_end_to_end(tmp_path: Path, isolated_home: Path) -> None:
    out_dir = tmp_path / "demo"
    out = run_cli("demo", "--out", str(out_dir), "--engine", "pocketsphinx")
    assert out.returncode == 0, out.stderr
    assert str(out_dir / "demo.db") in out.stdout and "replies" in out.stdout
    rows = json.loads(
        run_cli("entries", "--as", "sam", "--db", str(out_dir / "demo.db"), "--json").stdout
    )
    reference = (ROOT / "heartline" / "data" / "demo-checkin.txt").read_text().splitlines()[:4]
    rows.sort(key=lambda r: r["id"])
    assert len(rows) == 4
    for row, ref in zip(rows, reference, strict=True):
        assert wer(ref, row["text"]) <= 0.25, (ref, row["text"])
        assert row["reply"]
    wavs = sorted((out_dir / "replies").glob("*.wav"))
    assert len(wavs) >= 10
    assert all(has_sound(read_wav_path(w)) for w in wavs)
