"""--voice and --rate for the partner's audio: `listen` reads entries, `serve` synthesizes them.

Real eSpeak NG through pyttsx3: the chosen voice and rate must reach the synthesizer and change
the WAV: a slower rate makes longer audio, the female variant "+f3" a voice about twice as high.
(eSpeak NG's samples vary a little from run to run, so the WAVs are compared by what they sound
like, not byte for byte.)
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from helpers import run_cli, run_process
from room_checkins import pitch_hz

from voice.audio import Audio, has_sound, read_wav, read_wav_path

from .conftest import bearer, build_world, start_served, stop_served
from .test_served import fetch

SLOW = ("--rate", "100")
OTHER = ("--voice", "gmw/en-us+f3")


def listened(tmp_path: Path, name: str, *choice: str) -> list[Audio]:
    """Alex listens, on a fresh copy of the two-couple world, with CHOICE; the WAVs heard."""
    world = build_world(tmp_path / name / "heartline.db")
    said = tmp_path / name / "said"
    # A real process, as a listener runs it: eSpeak NG's rate is process-wide, and in a process
    # that already synthesized at other rates (this test run) a new rate can land a line late.
    done = run_process("listen", "--as", "Alex", "--no-speak", "--say-to", str(said),
                       "--db", str(world.path), *choice)
    assert done.returncode == 0, done.stderr
    wavs = [read_wav_path(p) for p in sorted(said.glob("*.wav"))]
    assert len(wavs) == 2 and all(has_sound(w) for w in wavs)
    return wavs


def test_listen_reads_entries_in_the_chosen_voice_and_rate(tmp_path: Path) -> None:
    default = listened(tmp_path, "default")
    slow = listened(tmp_path, "slow", *SLOW)
    other = listened(tmp_path, "other", *OTHER)
    for d, s, o in zip(default, slow, other, strict=True):
        assert s.duration_s > 1.3 * d.duration_s  # 100 words a minute against the default 170
        assert abs(pitch_hz(s) - pitch_hz(d)) < 0.2 * pitch_hz(d)  # the same voice
        assert pitch_hz(o) > 1.5 * pitch_hz(d)  # the "+f3" variant


def _served_audio(db: Path, token: str, *choice: str) -> bytes:
    served = start_served(db, *choice)
    try:
        auth = bearer(token)
        status, _, body = fetch(served.url + "/api/v1/entries", auth)
        assert status == 200
        entry = sorted(json.loads(body)["entries"], key=lambda e: e["id"])[0]
        status, headers, wav = fetch(served.url + entry["audio_url"], auth)
        assert status == 200 and headers.get("X-Heartline-Voice", "heartline") == "heartline"
        return wav
    finally:
        stop_served(served)


def test_serve_synthesizes_in_the_chosen_voice_and_rate(tmp_path: Path) -> None:
    world = build_world(tmp_path / "heartline.db")
    token = world.tokens["right"]
    default = read_wav(io.BytesIO(_served_audio(world.path, token)), "default")
    # The same database: the default recording is cached, and must not be given for another voice.
    slow = read_wav(io.BytesIO(_served_audio(world.path, token, *SLOW)), "slow")
    other = read_wav(io.BytesIO(_served_audio(world.path, token, *OTHER)), "other")
    again = read_wav(io.BytesIO(_served_audio(world.path, token)), "again")
    cached = read_wav(io.BytesIO(_served_audio(world.path, token)), "cached")
    assert has_sound(default) and has_sound(slow) and has_sound(other)
    assert slow.duration_s > 1.3 * default.duration_s
    assert pitch_hz(other) > 1.5 * pitch_hz(default)
    # Back to the default voice: spoken afresh (one recording is kept per entry, and eSpeak NG's
    # output for a line varies from one synthesis to the next), then served from the cache.
    assert has_sound(again) and cached.pcm == again.pcm


@pytest.mark.parametrize(
    "args",
    [["listen", "--as", "Alex", "--no-speak"], ["serve", "--port", "0"]],
    ids=["listen", "serve"],
)
def test_an_unknown_voice_is_one_line_naming_heartline_voices(
    tmp_path: Path, args: list[str]
) -> None:
    world = build_world(tmp_path / "heartline.db")
    done = run_cli(*args, "--voice", "klingon/tlh", "--db", str(world.path))
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "klingon/tlh" in lines[0] and "heartline voices" in lines[0], lines
    assert done.stdout == ""  # refused before serving or saying anything
    heard_again = run_cli("listen", "--as", "Alex", "--no-speak", "--db", str(world.path))
    assert heard_again.stdout.count("Sam") == 2  # nothing was marked heard


def test_listen_from_a_server_leaves_the_voice_to_the_server(tmp_path: Path) -> None:
    done = run_cli("listen", "--as", "Alex", "--from", "http://127.0.0.1:9", "--rate", "100",
                   "--db", str(tmp_path / "h.db"), env={"HEARTLINE_TOKEN": "hl_x"})
    assert done.returncode == 2 and "heartline serve" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
