"""The `voices` command: the eSpeak NG voices for --voice."""

from __future__ import annotations

import json

import click


@click.command()
@click.option("--all", "show_all", is_flag=True, help="Every language, not only English.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
def voices(show_all: bool, as_json: bool) -> None:
    """List the voices Heartline can speak with (for --voice).

    Add a variant after "+" for another timbre: gmw/en-us+f3, gmw/en-us+m3.

    \b
    Examples:
      heartline voices
      heartline checkin --voice gmw/en-us+f3 --rate 160
    """
    from voice.speech import DEFAULT_VOICE, Pyttsx3Synthesizer

    found = Pyttsx3Synthesizer.voices()
    if not show_all:
        found = [(v, n) for v, n in found if "/en" in v]
    if as_json:
        click.echo(json.dumps([{"id": v, "name": n, "default": v == DEFAULT_VOICE}
                               for v, n in found]))
        return
    for v, n in found:
        click.echo(f"{v:24} {n}{'  (default)' if v == DEFAULT_VOICE else ''}")
