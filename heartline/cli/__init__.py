"""The `heartline` command: each subcommand parses options and calls one library function."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from dialogs.model import ModelMissing
from store import SQLITE_ERRORS, Store, StoreError, translate_error
from voice.errors import VoiceError

from .. import __version__
from .voices import voice_options
from .options import check_engine, db_option, default_person, resolve_db


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="heartline")
def cli() -> None:
    """Heartline: an offline voice companion for couples' evening check-ins.

    \b
    Example:
      heartline demo
      heartline checkin --as sam
    """


@cli.command()
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
@click.option("--engine", default="auto", help="Speech engine: auto, vosk or pocketsphinx.")
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
    check_engine(engine)
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


@cli.group(invoke_without_command=True)
@click.option("--as", "person", default=None, help="Whose entries to list.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@db_option
@click.pass_context
def entries(ctx: click.Context, person: str | None, as_json: bool, db: Path | None) -> None:
    """List a person's check-in entries, newest first.

    \b
    Examples:
      heartline entries --as sam
      heartline entries --as sam --json
      heartline entries delete 12
    """
    if ctx.invoked_subcommand is not None:
        return
    store = Store.open(resolve_db(db))
    try:
        rows = store.entries(person if person is not None else default_person())
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=None, default=str))
        return
    if not rows:
        click.echo("No entries yet.")
        return
    for row in rows:
        flag = "shared" if row["shared"] else ("private" if row.get("private") else "")
        click.echo(
            f"#{row['id']}  {row['created_at'][:16]}  {row['emotion']:<4}  "
            f"{row['text'] or '(' + row['kind'] + ')'}  {flag}".rstrip()
        )


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--engine", default="auto", help="Speech engine: auto, vosk or pocketsphinx.")
@click.option(
    "--model", type=click.Path(path_type=Path), default=None, help="Vosk model directory."
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
def transcribe(file: Path, engine: str, model: Path | None, as_json: bool) -> None:
    """Transcribe a WAV file (any rate, mono or stereo, 16-bit PCM).

    \b
    Example:
      heartline transcribe note.wav --json
    """
    from voice.audio import read_wav_path
    from voice.recognizers import create_recognizer, transcribe_with

    from .console import stderr_progress, stderr_warn

    check_engine(engine)
    audio = read_wav_path(file)
    recognizer = create_recognizer(engine, model, notice=stderr_warn)
    result = transcribe_with(recognizer, audio, progress=stderr_progress())
    if as_json:
        click.echo(
            json.dumps(
                {
                    "text": result.text,
                    "engine": result.engine,
                    "audio_s": round(result.audio_s, 3),
                    "decode_s": round(result.decode_s, 3),
                    "words": [
                        {"word": w.text, "conf": round(w.conf, 3), "start": w.start, "end": w.end}
                        for w in result.words
                    ],
                }
            )
        )
    else:
        click.echo(result.text)


@cli.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to put the demo's database and spoken replies (default: a 'demo' folder "
    "in Heartline's data directory).",
)
@click.option("--engine", default="auto", help="Speech engine: auto, vosk or pocketsphinx.")
@click.option("--speak/--no-speak", default=False, help="Also play the replies aloud.")
def demo(out: Path | None, engine: str, speak: bool) -> None:
    """Run a sample spoken check-in from a shipped recording; no microphone needed.

    The recording goes through the recognizer, the dialog, speech output and the store.

    \b
    Example:
      heartline demo
    """
    from ..demo import run_demo

    check_engine(engine)
    run_demo(out, engine=engine, speak=speak)


@cli.group()
def models() -> None:
    """Install and list speech models.

    \b
    Examples:
      heartline models fetch
      heartline models list
    """


@models.command("fetch")
@click.argument("name", required=False)
@click.option(
    "--dest",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Install into this folder (default: the project's models/ folder if writable, "
    "else your data directory).",
)
@click.option("--force", is_flag=True, help="Download again even if installed.")
def models_fetch(name: str | None, dest: Path | None, force: bool) -> None:
    """Download a Vosk model (default vosk-model-small-en-us-0.15) and unpack it.

    \b
    Example:
      heartline models fetch
    """
    from voice.models import DEFAULT_MODEL, fetch_model

    from .models import default_dest, progress_bar

    target = dest or default_dest()
    path = fetch_model(name or DEFAULT_MODEL, target, progress=progress_bar(), force=force)
    click.echo(f"Installed {path.name} in {path.parent}")


@models.command("list")
def models_list() -> None:
    """Show which speech models are installed and which engine `auto` picks.

    \b
    Example:
      heartline models list
    """
    from voice.recognizers import find_vosk_model

    found = find_vosk_model(None)
    if found is None:
        click.echo("Vosk: no model installed (get one with: heartline models fetch)")
        click.echo("PocketSphinx: built-in English model (used by --engine auto)")
    else:
        click.echo(f"Vosk: {found} (used by --engine auto)")
        click.echo("PocketSphinx: built-in English model")


def _register_extensions() -> None:
    from . import partner as cli_partner

    cli_partner.register(cli)
    entries.add_command(cli_partner.entries_delete, "delete")
    from . import evening as cli_evening

    cli_evening.register(cli)
    from . import voices as cli_voice

    cli_voice.register(cli)
    from . import replies as cli_reply

    cli_reply.register(cli)


_register_extensions()


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI and turn every failure into one line and an exit code."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show a character gets "?" for it, never an error: the words are
        # kept exactly in the database either way.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        cli.main(args=argv, prog_name="heartline", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.UsageError as err:
        where = err.ctx.command_path if err.ctx is not None else "heartline"
        _fail(f"{err.format_message()} (see: {where} --help)", err.exit_code)
    except click.ClickException as err:
        _fail(err.format_message(), err.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        _fail("stopped; everything said so far is saved.", 130)
    except (VoiceError, StoreError, ModelMissing) as err:
        _fail(str(err) or (type(err).__doc__ or type(err).__name__), 1)
    except SQLITE_ERRORS as err:  # a full disk, a damaged page...: what to do, in one line
        _fail(str(translate_error(err)), 1)
    except BrokenPipeError:
        sys.exit(1)
    except Exception as err:  # never show a traceback to the person checking in
        if os.environ.get("HEARTLINE_DEBUG"):
            raise
        _fail(f"unexpected error: {err} (run with HEARTLINE_DEBUG=1 for details)", 1)


def _fail(message: str, code: int) -> None:
    sys.stderr.write(f"heartline: {message}\n")
    sys.stderr.flush()
    sys.exit(code)
