"""The `transcribe` command: a WAV file's words, as text or JSON."""

from __future__ import annotations

from pathlib import Path

import click

from ..paths import model_folders
from .options import engine_option


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@engine_option()
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

    audio = read_wav_path(file)
    recognizer = create_recognizer(engine, model, notice=stderr_warn, folders=model_folders())
    result = transcribe_with(recognizer, audio, progress=stderr_progress())
    if as_json:
        click.echo(result.to_json())
    else:
        click.echo(result.text)
