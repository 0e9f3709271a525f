"""The `listen` command: hear what your partner shared, here or from their `heartline serve`."""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click

from store import Store

from ..remote import BadURL, Remote, RemoteError, TokenRefused, Unreachable
from ..synthesis import WavVoice
from .options import db_option, engine_option, open_store, voice_options


class _Speaker:
    """Plays each shared entry's WAV on the speaker and/or into a directory."""

    def __init__(self, say_to: Path | None, speak: bool) -> None:
        from voice.speech import Player, WavDirSink, default_player

        self.players: list[Player] = []
        if say_to is not None:
            self.players.append(WavDirSink(say_to))
        if speak:
            self.players.append(default_player())

    def play(self, wav: bytes, label: str) -> None:
        from voice.audio import read_wav

        audio = read_wav(io.BytesIO(wav), label)
        for player in self.players:
            player.play(audio, label)


@click.command()
@click.option("--as", "listener", required=True, help="Who is listening.")
@click.option(
    "--from",
    "url",
    default=None,
    metavar="URL",
    help="A `heartline serve` to listen to, e.g. http://192.168.1.20:8750.",
)
@click.option(
    "--token",
    "token_in_argv",
    default=None,
    hidden=True,
    help="Refused: a token on the command line shows in `ps` to every local user.",
)
@click.option(
    "--say-to",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also write each entry as a numbered WAV into DIR.",
)
@click.option("--speak/--no-speak", default=True, show_default=True, help="Play the entries aloud.")
@click.option("--answer", is_flag=True, help="After each entry, offer to say something back.")
@click.option("--text", "typed", is_flag=True, help="With --answer: type answers on stdin.")
@click.option(
    "--audio", default=None, metavar="FILE", help="With --answer: answers from a WAV."
)
@engine_option("With --answer: the speech engine.")
@voice_options
@db_option
def listen(
    listener: str,
    url: str | None,
    token_in_argv: str | None,
    say_to: Path | None,
    speak: bool,
    answer: bool,
    typed: bool,
    audio: str | None,
    engine: str,
    voice: str | None,
    rate: int | None,
    db: Path | None,
) -> None:
    """Hear the new entries your partner shared, oldest first, then mark them heard.

    Reads the local database, or a `heartline serve` elsewhere with --from; the token for it
    comes from $HEARTLINE_TOKEN or is asked for (never on the command line, where `ps` shows it).
    --voice and --rate choose how Heartline reads entries here (with --from: `serve --voice`).

    \b
    Examples:
      heartline listen --as alex
      heartline listen --as alex --from http://192.168.1.20:8750      # asks for the token
      HEARTLINE_TOKEN=hl_... heartline listen --as alex --from http://192.168.1.20:8750
      heartline listen --as alex --answer          # then say something back, coached
      heartline listen --as alex --voice gmw/en-us+f3 --rate 160
    """
    if token_in_argv is not None:
        raise click.UsageError(
            "do not put the token on the command line (every local user can see it with `ps`): "
            "set HEARTLINE_TOKEN or type it when asked"
        )
    speaker = _Speaker(say_to, speak) if (say_to is not None or speak) else None
    if (typed or audio is not None) and not answer:
        raise click.UsageError("--text and --audio go with --answer")
    if answer and url is not None:
        raise click.UsageError("--answer works on this machine's database (without --from)")
    if url is not None and (voice is not None or rate is not None):
        raise click.UsageError(
            "with --from the server reads the entries: give --voice/--rate to its `heartline serve`"
        )
    if url is None:
        synthesize = WavVoice(voice, rate)
        synthesize.check()  # an unknown voice fails before anything is said
        with ExitStack() as stack:
            source = None
            if answer:
                from ..answering import open_source

                source = open_source(stack, text=typed, audio=audio, engine=engine, model=None)
            heard = _listen_local(listener, db, speaker, synthesize, source)
    else:
        secret = os.environ.get("HEARTLINE_TOKEN", "").strip()
        if not secret:
            secret = click.prompt("Token", hide_input=True, err=True).strip()
        if not secret:
            raise click.UsageError("--from needs a token: set HEARTLINE_TOKEN or type it")
        heard = _listen_remote(url, secret, speaker)
    if heard == 0:
        click.echo(f"Nothing new for {listener}.")


def _say(line: str, wav: Callable[[], bytes], speaker: _Speaker | None, label: str) -> None:
    click.echo(line)
    if speaker is None:
        return
    try:
        speaker.play(wav(), label)
    except Exception as err:  # noqa: BLE001 - the line was printed; say why it was not heard
        click.echo(f"(could not play it: {err})", err=True)


def _listen_local(
    listener: str, db: Path | None, speaker: _Speaker | None, voice: WavVoice,
    source: Any = None,
) -> int:
    from ..web.speech import entry_audio, spoken_line

    lock = threading.Lock()
    with open_store(db) as st:
        listener_id = st.find_person(listener)
        rows = list(reversed(st.shared_with(listener, unheard=True)))
        for entry in rows:
            _say(
                spoken_line(entry),
                lambda e=entry: entry_audio(st, e, voice, lock)[0],  # type: ignore[misc]
                speaker,
                f"{entry['person']}-{entry['emotion']}",
            )
            st.mark_heard(listener_id, entry["id"])
            if source is not None:
                _answer(st, listener_id, entry, source, voice, speaker)
            else:  # the entry's public id, the one `reply` and the API take
                ref = entry["public_id"]
                click.echo(f'  answer: heartline reply --as {listener} --to {ref} "..."')
    return len(rows)


def _answer(
    st: Store, listener_id: int, entry: dict[str, Any], source: Any,
    voice: Callable[[str], bytes], speaker: _Speaker | None,
) -> None:
    from ..answering import answer_back
    from ..replying import CoachUnavailable

    def say(line: str) -> None:
        _say(f"Heartline: {line}", lambda: voice(line), speaker, "answer-back")

    def heard(text: str) -> None:
        click.echo(f"You: {text}")

    try:
        answer_back(st, listener_id, entry, source, say, heard)
    except CoachUnavailable as err:
        raise click.ClickException(str(err.__doc__)) from None


def _listen_remote(url: str, secret: str, speaker: _Speaker | None) -> int:
    from ..web.speech import spoken_line

    try:
        remote = Remote.at(url, secret)
    except BadURL:
        raise click.UsageError("--from must be an http:// or https:// URL") from None
    try:
        entries = list(remote.unheard())
        for entry in reversed(entries):
            _say(
                spoken_line({**entry, "person": entry["speaker"]}),
                lambda e=entry: remote.audio(e),  # type: ignore[misc]
                speaker,
                f"{entry['speaker']}-{entry['emotion']}",
            )
            remote.mark_heard(entry)
    except TokenRefused as err:
        raise click.ClickException(
            f"{err}: check it, or ask for a new one with `heartline token create`"
        ) from None
    except Unreachable as err:
        raise click.ClickException(f"{err}: is `heartline serve` running there?") from None
    except RemoteError as err:
        raise click.ClickException(str(err)) from None
    return len(entries)
