"""The `checkin` and `demo` commands: a check-in, typed, spoken or from a recording."""

from __future__ import annotations

from pathlib import Path

import click

from .options import db_option, default_person, engine_option, resolve_db, voice_options


@click.command()
@click.option("--as", "person", default=None, help="Who is checking in (created on first use).")
@click.option(
    "--audio",
    default=None,
    metavar="FILE",
    help="Hear the replies from a WAV file ('-' reads raw 16 kHz 16-bit mono PCM from stdin).",
)
@click.option("--text", is_flag=True, help="Type the replies, one per line, on stdin.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per line.")
@click.option(
    "--say-to",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write each spoken line as a numbered WAV into DIR.",
)
@click.option(
    "--speak/--no-speak",
    default=None,
    help="Play the spoken lines aloud (default: on for speech, off for --text).",
)
@engine_option()
@click.option(
    "--model", type=click.Path(path_type=Path), default=None, help="Vosk model directory."
)
@click.option("--opener", is_flag=True, help="Begin with 'What's been on your head and heart?'.")
@click.option("--keep-audio", is_flag=True, help="Keep your recorded voice with each entry.")
@voice_options
@click.option("--seed", type=int, default=None, hidden=True)
@db_option
def checkin(
    person: str | None,
    audio: str | None,
    text: bool,
    as_json: bool,
    say_to: Path | None,
    speak: bool | None,
    engine: str,
    model: Path | None,
    opener: bool,
    keep_audio: bool,
    voice: str | None,
    rate: int | None,
    seed: int | None,
    db: Path | None,
) -> None:
    """Run the evening check-in: mad, sad, glad and fear, with a reply to each.

    Listens on the microphone unless --audio or --text is given. Every answer is
    saved the moment it is given; say "stop" (or end the input) to finish early.

    \b
    Examples:
      heartline checkin --as sam
      heartline checkin --as sam --audio tonight.wav --say-to replies/
      printf 'nothing\\nskip\\n' | heartline checkin --as sam --text --json
      heartline checkin --as sam --voice gmw/en-us+f3 --rate 160
    """
    from ..session import CheckinOptions, run_checkin

    if text and audio is not None:
        raise click.UsageError("choose one of --text and --audio")
    run_checkin(
        CheckinOptions(
            db=resolve_db(db),
            person=person if person is not None else default_person(),
            audio=audio,
            text=text,
            as_json=as_json,
            say_to=say_to,
            speak=speak,
            engine=engine,
            model=model,
            opener=opener,
            keep_audio=keep_audio,
            seed=seed,
            voice=voice,
            rate=rate,
        )
    )


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to put the demo's database and spoken replies (default: a 'demo' folder "
    "in Heartline's data directory).",
)
@engine_option()
@click.option("--speak/--no-speak", default=False, help="Also play the replies aloud.")
def demo(out: Path | None, engine: str, speak: bool) -> None:
    """Run a sample spoken check-in from a shipped recording; no microphone needed.

    The recording goes through the recognizer, the dialog, speech output and the store.

    \b
    Example:
      heartline demo
    """
    from ..demo import run_demo

    run_demo(out, engine=engine, speak=speak)
