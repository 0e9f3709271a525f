"""Issue 10's "Done when": a recorded check-in with natural pauses, noise and a person talking
over a reply is stored whole and on the right questions; and `checkin --voice --rate` is heard.

The recording is one flite voice (rms) speaking four answers: three with a mid-thought pause of
0.6-1.9 s after an unfinished clause, one continued 1.3 s after a complete sentence, while
Heartline's reply is playing. Pink noise is mixed in at 18 dB SNR (against the speech), and the
room (voice.echo.Room) brings Heartline's own voice back into the microphone at 0.7x its played
level, 80 ms late and reverberant. It runs through the session the `checkin` command runs, with
the microphone and speaker replaced by the room; the only fake is that missing hardware.

The voice is rms because it is the one PocketSphinx itself hears through this noise: decoding
the same noisy recording with the bare engine, awb's "i was angry at work" is "i wouldn't be at
work" (which the understanding model rightly meets with the safety check) and slt's "my boss
took credit for my project" is "my best to confirm my god said".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
from helpers import run_process
from room_checkins import checkin_in_room, pitch_hz

from voice.audio import RECOGNIZER_RATE, Audio, read_wav_path, wav_bytes
from voice.echo import Room
from voice.flite import conversation, flite

VOICE = "rms"
SNR_DB = 18.0
# Each answer's parts and the silence after each part (seconds). The first answer is complete
# after its first part, so Heartline replies, and the speaker goes on over that reply.
SCRIPT: list[tuple[str, list[tuple[str, float]]]] = [
    ("mad", [("i was angry at work", 1.3), ("my boss took credit for my project", 9.0)]),
    ("sad", [("today i felt", 1.9), ("really alone at home", 9.0)]),
    ("glad", [("i was happy because", 0.6), ("my son called me tonight", 9.0)]),
    ("fear", [("i am worried about", 1.2), ("my mother being sick", 10.0)]),
]
LEAD_S = 8.0
"""The greeting and first question take about 7.1 s; their echo dies away by 7.5 s."""
STOPWORDS = {"i", "a", "my", "me", "at", "for", "was", "am", "about", "because", "being", "the"}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def pink_noise(n: int, rng: np.random.Generator) -> np.ndarray:
    """Pink (1/f power) noise of ``n`` samples, unit RMS."""
    spectrum = np.fft.rfft(rng.standard_normal(n))
    f = np.arange(len(spectrum))
    spectrum[1:] /= np.sqrt(f[1:])
    spectrum[0] = 0
    x = np.fft.irfft(spectrum, n)
    return np.asarray(x / np.sqrt(np.mean(x**2)))


def recorded_checkin() -> Audio:
    """The person's side of the evening: speech, pauses and 18 dB pink noise, 16 kHz mono."""
    items: list[str | float] = [LEAD_S]
    for _, parts in SCRIPT:
        for text, after in parts:
            items += [text, after]
    items += ["no", 6.0]  # keep the answers to ourselves
    speech = np.frombuffer(conversation(items, VOICE, gap_s=0.0, lead_s=0.0).pcm,
                           dtype="<i2").astype(np.float64)
    # SNR against the speech itself: the power of the parts as spoken, without the silences.
    spoken = np.concatenate([np.frombuffer(flite(text, VOICE).pcm, dtype="<i2")
                             for _, parts in SCRIPT for text, _ in parts]).astype(np.float64)
    noise_rms = np.sqrt(np.mean(spoken**2) / 10 ** (SNR_DB / 10))
    noisy = speech + noise_rms * pink_noise(len(speech), np.random.default_rng(10))
    return Audio(np.clip(np.rint(noisy), -32768, 32767).astype("<i2").tobytes(), RECOGNIZER_RATE)


def test_a_recorded_checkin_with_pauses_noise_and_talking_over_a_reply_is_stored_whole(
    tmp_path: Path,
) -> None:
    room = Room(recorded_checkin(), echo_gain=0.7, delay_s=0.08, rt60_s=0.3)
    log, rows = checkin_in_room(room, tmp_path / "heartline.db", seed=3)
    summary = [(r["emotion"], r["text"]) for r in rows]
    # Heartline stopped its reply once, for the person, and never for its own voice.
    assert (log.barge_ins, room.stops) == (1, 1), (log.barge_ins, room.stops, summary)
    # One entry per question, in order, and nothing else stored.
    assert [r["emotion"] for r in rows] == [emotion for emotion, _ in SCRIPT], summary
    for row, (_, parts) in zip(rows, SCRIPT, strict=True):
        heard = set(_words(row["text"]))
        for text, _ in parts:  # every part of the answer is there (recognition is not perfect)
            said = _words(text)
            overlap = sum(w in heard for w in said) / len(said)
            assert overlap >= 0.5, (text, row["text"], summary)
        # Words that belong only to another answer are not in this one.
        own = {w for text, _ in parts for w in _words(text)}
        others = {w for _, other in SCRIPT if other is not parts
                  for text, _ in other for w in _words(text)} - own - STOPWORDS
        assert not heard & others, (row["text"], heard & others, summary)
    assert all(not r["shared"] for r in rows), summary  # "no" at the share prompt


def _rendered(tmp_path: Path, name: str, *choice: str) -> list[Audio]:
    """The lines `checkin` speaks for a short recorded check-in, as WAVs, with CHOICE."""
    wav = tmp_path / "short.wav"
    if not wav.exists():
        wav.write_bytes(wav_bytes(conversation(["skip", "stop"], "rms", gap_s=1.6)))
    said = tmp_path / name
    # A real process, as a person runs it (eSpeak NG's rate is process-wide).
    done = run_process("checkin", "--as", "sam", "--audio", str(wav), "--no-speak", "--json",
                       "--engine", "pocketsphinx", "--say-to", str(said),
                       "--db", str(tmp_path / f"{name}.db"), "--seed", "1", *choice)
    assert done.returncode == 0, done.stderr
    assert any(json.loads(line)["role"] == "assistant" for line in done.stdout.splitlines())
    return [read_wav_path(p) for p in sorted(said.glob("*.wav"))]


def test_checkin_speaks_in_the_voice_and_rate_asked_for(tmp_path: Path) -> None:
    default = _rendered(tmp_path, "default")
    slow = _rendered(tmp_path, "slow", "--voice", "gmw/en-us+f3", "--rate", "110")
    assert len(default) == len(slow) >= 3
    # The same lines (same seed), each said much more slowly: longer by well over a quarter.
    for a, b in zip(default, slow, strict=True):
        assert b.duration_s > 1.25 * a.duration_s, (a.duration_s, b.duration_s)
    # The female variant "+f3" speaks far higher than the default (male) en-us voice.
    whole = [Audio(b"".join(w.pcm for w in wavs), wavs[0].rate) for wavs in (default, slow)]
    assert pitch_hz(whole[1]) > 1.4 * pitch_hz(whole[0]), [pitch_hz(w) for w in whole]
