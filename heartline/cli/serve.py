"""The `serve` command: the partner's page and API on this machine (or the home network)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from store import StoreError

from ..advice import one_line
from .options import db_option, open_store, resolve_db, voice_options


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
@voice_options
def serve(
    db: Path | None, host: str, port: int, threads: int, bench: bool, keep: bool,
    link_for: str | None, voice: str | None, rate: int | None,
) -> None:
    """Serve the partner's page and API (waitress), on this machine only by default.

    The partner signs in at http://HOST:PORT/ with a token from `heartline token create`.
    Any --host other than loopback exposes the service to your network.

    \b
    Examples:
      heartline serve
      heartline serve --host 0.0.0.0 --port 8750   # reachable from a phone at home
      heartline serve --host 0.0.0.0 --link-for alex   # with a QR code that signs Alex in
      heartline serve --voice gmw/en-us+f3 --rate 160   # the voice entries are read in
    """
    from ..synthesis import wav_synthesizer
    from ..web import create_app
    from ..web.server import bound_urls, is_loopback, make_server

    path = resolve_db(db)
    synthesize = wav_synthesizer(voice, rate)
    synthesize.check()  # an unknown voice fails before anything is served
    try:
        app = create_app(
            {
                "DATABASE": path,
                "SYNTHESIZE": synthesize,
                "BENCH": bench,
                "KEEP_ANSWERS": keep,
            }
        )
    except StoreError as err:
        raise click.ClickException(one_line(err)) from None
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
    with open_store(path) as st:
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
