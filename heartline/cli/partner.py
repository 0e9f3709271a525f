"""The partner-sharing commands: serve, token, listen and entries delete."""

from __future__ import annotations

import io
import json
import os
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from store import SQLITE_ERRORS, Store, StoreError, translate_error

from .options import db_option, resolve_db


@contextmanager
def _store(db: Path | None) -> Iterator[Store]:
    """The store at --db (or the default), with store errors as one-line CLI errors."""
    try:
        st = Store.open(resolve_db(db))
    except StoreError as err:
        raise click.ClickException(str(err)) from None
    try:
        yield st
    except StoreError as err:
        raise click.ClickException(str(err)) from None
    except SQLITE_ERRORS as err:
        raise click.ClickException(str(translate_error(err))) from None
    finally:
        st.close()


def wav_synthesizer() -> Callable[[str], bytes]:
    """Heartline's voice as text -> WAV bytes (pyttsx3, loaded on first use)."""
    from voice.audio import write_wav
    from voice.speech import Pyttsx3Synthesizer

    synth = Pyttsx3Synthesizer()

    def synthesize(text: str) -> bytes:
        buf = io.BytesIO()
        write_wav(buf, synth.synthesize(text))
        return buf.getvalue()

    return synthesize


# serve


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8750,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0 picks a free one).",
)
@click.option(
    "--threads", default=8, show_default=True, type=click.IntRange(1, 64), help="Worker threads."
)
@click.option("--bench", is_flag=True, hidden=True, help="Add the benchmark's constant endpoint.")
@click.option(
    "--keep/--no-keep",
    default=True,
    hidden=True,
    help="Keep answers until the next commit (off only to benchmark the uncached path).",
)
@click.option(
    "--link-for",
    default=None,
    metavar="NAME",
    help="Print a one-time sign-in link and QR code for this listener (non-loopback hosts).",
)
def serve(
    db: Path | None, host: str, port: int, threads: int, bench: bool, keep: bool,
    link_for: str | None,
) -> None:
    """Serve the partner's page and API (waitress), on this machine only by default.

    The partner signs in at http://HOST:PORT/ with a token from `heartline token create`.
    Any --host other than loopback exposes the service to your network.

    \b
    Examples:
      heartline serve
      heartline serve --host 0.0.0.0 --port 8750   # reachable from a phone at home
      heartline serve --host 0.0.0.0 --link-for alex   # with a QR code that signs Alex in
    """
    from ..web import create_app
    from ..web.server import bound_urls, is_loopback, make_server

    path = resolve_db(db)
    try:
        app = create_app(
            {
                "DATABASE": path,
                "SYNTHESIZE": wav_synthesizer(),
                "BENCH": bench,
                "KEEP_ANSWERS": keep,
            }
        )
    except StoreError as err:
        raise click.ClickException(str(err)) from None
    if not is_loopback(host):
        click.echo(
            f"Warning: the service is exposed on {host}: anyone who can reach this machine "
            "can try to sign in. Use --host 127.0.0.1 to keep it on this machine.",
            err=True,
        )
    try:
        server = make_server(app, host=host, port=port, threads=threads)
    except OSError as err:
        raise click.ClickException(
            f"Cannot listen on {host}:{port} ({err.strerror}): choose another --port"
        ) from None
    for url in bound_urls(server):
        click.echo(f"Heartline is serving on {url}/ (Ctrl-C to stop)")
    if not is_loopback(host):
        _phone_instructions(path, host, int(server.effective_port), link_for)
    sys.stdout.flush()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def _phone_instructions(path: Path, host: str, port: int, link_for: str | None) -> None:
    """Say where a phone can open the page, with a one-time sign-in link and its QR code."""
    from store.signin_links import LIFETIME, create_link, live_pairs

    from ..lan import phone_host, qr_text

    where = phone_host(host)
    if where is None:
        click.echo("No home network address found: connect this machine to your network.")
        return
    base = f"http://[{where}]:{port}" if ":" in where else f"http://{where}:{port}"
    click.echo(f"On a phone at home, open {base}/")
    with _store(path) as st:
        pairs = live_pairs(st)
        if link_for is not None:
            pairs = [p for p in pairs if p[1].lower() == link_for.lower()]
            if not pairs:
                raise click.ClickException(
                    f"{link_for} has no live token: make one with "
                    f"`heartline token create --as NAME --for {link_for}`"
                )
        if len(pairs) != 1:
            if pairs or link_for is None:
                click.echo("Add --link-for NAME to print a sign-in QR code for one listener.")
            return
        owner, listener = pairs[0]
        code = create_link(st, owner, listener)
    minutes = int(LIFETIME.total_seconds() // 60)
    url = f"{base}/link/{code}"
    click.echo(f"{listener} can sign in once, within {minutes} minutes, by scanning this code:")
    click.echo(qr_text(url))
    click.echo(f"or opening {url}")


# token


@click.group()
def token() -> None:
    """Make, list and revoke the tokens partners listen with.

    \b
    Examples:
      heartline token create --as sam --for alex
      heartline token list
      heartline token revoke 3
    """


@token.command("create")
@click.option("--as", "owner", required=True, help="Whose shared entries the token opens.")
@click.option("--for", "listener", required=True, help="Who listens with it.")
@click.option("--json", "as_json", is_flag=True, help='Print {"token": ...} as JSON.')
@db_option
def token_create(owner: str, listener: str, as_json: bool, db: Path | None) -> None:
    """Make a token that lets LISTENER hear what OWNER shares; it is shown once.

    \b
    Example:
      heartline token create --as sam --for alex
    """
    with _store(db) as st:
        try:
            token_id, secret = st.create_token(owner, listener)
        except ValueError as err:
            raise click.ClickException(str(err)) from None
    if as_json:
        click.echo(json.dumps({"token": secret, "id": token_id, "owner": owner, "for": listener}))
        return
    click.echo(f"Token {token_id} lets {listener} hear what {owner} shares. It is shown only once:")
    click.echo(secret)


@token.command("list")
@click.option("--as", "owner", default=None, help="Only this person's tokens.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per line.")
@db_option
def token_list(owner: str | None, as_json: bool, db: Path | None) -> None:
    """List tokens (never the secrets themselves, which are not kept).

    \b
    Example:
      heartline token list --as sam
    """
    with _store(db) as st:
        rows = st.tokens(owner)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row))
        return
    if not rows:
        click.echo("No tokens yet: make one with `heartline token create --as NAME --for NAME`.")
    for row in rows:
        state = f"revoked {row['revoked_at']}" if row["revoked"] else "active"
        click.echo(
            f"{row['id']}\t{row['owner']} -> {row['listener']}\t"
            f"created {row['created_at']}\t{state}"
        )


@token.command("revoke")
@click.argument("token_id", type=click.IntRange(1, 2**63 - 1))
@db_option
def token_revoke(token_id: int, db: Path | None) -> None:
    """Revoke a token at once: it opens nothing any more.

    \b
    Example:
      heartline token revoke 3
    """
    with _store(db) as st:
        if not st.revoke_token(token_id):
            known = {row["id"]: row for row in st.tokens()}
            if token_id in known:
                click.echo(f"Token {token_id} was already revoked.")
                return
            raise click.ClickException(
                f"There is no token {token_id}: list them with `heartline token list`"
            )
    click.echo(f"Token {token_id} is revoked.")


# listen


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
@click.option("--engine", default="auto", help="With --answer: auto, vosk or pocketsphinx.")
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
    db: Path | None,
) -> None:
    """Hear the new entries your partner shared, oldest first, then mark them heard.

    Reads the local database, or a `heartline serve` elsewhere with --from; the token for it
    comes from $HEARTLINE_TOKEN or is asked for (never on the command line, where `ps` shows it).

    \b
    Examples:
      heartline listen --as alex
      heartline listen --as alex --from http://192.168.1.20:8750      # asks for the token
      HEARTLINE_TOKEN=hl_... heartline listen --as alex --from http://192.168.1.20:8750
      heartline listen --as alex --answer          # then say something back, coached
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
    if url is None:
        from contextlib import ExitStack

        with ExitStack() as stack:
            source = None
            if answer:
                from ..answering import open_source
                from .options import check_engine

                check_engine(engine)
                source = open_source(stack, text=typed, audio=audio, engine=engine, model=None)
            heard = _listen_local(listener, db, speaker, source)
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
    listener: str, db: Path | None, speaker: _Speaker | None, source: Any = None
) -> int:
    from ..web.speech import entry_audio, spoken_line

    lock = threading.Lock()
    synthesize: list[Callable[[str], bytes]] = []

    def voice(text: str) -> bytes:
        if not synthesize:
            synthesize.append(wav_synthesizer())
        return synthesize[0](text)

    with _store(db) as st:
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


def _request(url: str, secret: str, method: str = "GET") -> bytes:
    req = urllib.request.Request(
        url, method=method, headers={"Authorization": f"Bearer {secret}", "Accept": "*/*"}
    )
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            body: bytes = response.read()
            return body
    except urllib.error.HTTPError as err:
        if err.code in (401, 429):
            raise click.ClickException(
                f"The server refused the token ({err.code}): "
                "check it, or ask for a new one with `heartline token create`"
            ) from None
        raise click.ClickException(f"The server answered {err.code} for {url}") from None
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise click.ClickException(
            f"Cannot reach {url} ({reason}): is `heartline serve` running there?"
        ) from None


def _listen_remote(base: str, secret: str, speaker: _Speaker | None) -> int:
    from ..web.speech import spoken_line

    base = base.rstrip("/")
    if urllib.parse.urlsplit(base).scheme not in ("http", "https"):
        raise click.UsageError("--from must be an http:// or https:// URL")
    entries: list[dict[str, Any]] = []
    offset: int | None = 0
    while offset is not None:
        page = json.loads(
            _request(f"{base}/api/v1/entries?unheard=true&limit=100&offset={offset}", secret)
        )
        entries.extend(page["entries"])
        offset = page["next_offset"]
    for entry in reversed(entries):
        line = spoken_line({**entry, "person": entry["speaker"]})
        audio_url = base + entry["audio_url"]
        _say(
            line,
            lambda u=audio_url: _request(u, secret),  # type: ignore[misc]
            speaker,
            f"{entry['speaker']}-{entry['emotion']}",
        )
        _request(f"{base}/api/v1/entries/{entry['id']}/heard", secret, method="POST")
    return len(entries)


# entries delete


@click.command("delete")
@click.argument("entry_id", type=click.IntRange(1, 2**63 - 1))
@db_option
def entries_delete(entry_id: int, db: Path | None) -> None:
    """Delete an entry's words and recorded voice for good (a bare tombstone stays).

    \b
    Example:
      heartline entries delete 12
    """
    with _store(db) as st:
        if not st.delete_entry(entry_id):
            row = st.entry(entry_id)
            if row is None:
                raise click.ClickException(
                    f"There is no entry {entry_id}: list them with `heartline entries`"
                )
            click.echo(f"Entry {entry_id} was already deleted.")
            return
        if st.purge_pending():
            # Honest about the disk (issue 12.5): a reader kept the old pages in the WAL.
            click.echo(
                f"Deleted entry {entry_id}: nobody can see it any more, but another program is "
                "reading the database (is `heartline serve` or a check-in running?), so an old "
                "copy of its words stays on disk until it finishes. The next heartline command "
                "removes it."
            )
            return
    click.echo(f"Deleted entry {entry_id}: its words and voice are gone for good.")


def register(cli: click.Group) -> None:
    """Add serve, token and listen to the main `heartline` group."""
    cli.add_command(serve)
    cli.add_command(token)
    cli.add_command(listen)
