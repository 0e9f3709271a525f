"""The partner's-turn commands: coach, reply and replies."""

from __future__ import annotations

import json
from pathlib import Path

import click

from dialogs.locale import load
from store import SHAREABLE_KINDS
from store.replies import Replies

from ..replying import CoachUnavailable, NotShared, Sent, about_entry, coach, send
from .options import db_option, open_store

NOT_SHARED = "There is no entry {ref} shared with {name}: list what is with `heartline listen`"


def _advice_lines(sent: Sent | None, advice_dict: dict[str, object]) -> list[str]:
    lines = []
    for m in advice_dict["mistakes"]:  # type: ignore[attr-defined]
        lines.append(f'{str(m["kind"]).replace("_", " ")}: "{m["span"]}"')
    if advice_dict["suggestion"]:
        lines.append(str(advice_dict["suggestion"]))
    return lines


@click.command("coach")
@click.argument("reply")
@click.option(
    "--about",
    "about",
    default=None,
    metavar="ENTRY_ID",
    help="The shared entry it answers (its id as the partner sees it).",
)
@click.option("--json", "as_json", is_flag=True, help="Print {ok, mistakes, suggestion} as JSON.")
@db_option
def coach_cmd(reply: str, about: str | None, as_json: bool, db: Path | None) -> None:
    """Check a reply for the listening mistakes the seeds warn against, and suggest empathy.

    Exits 0 either way; --json prints {"ok", "mistakes": [{"kind", "span"}], "suggestion"}.

    \b
    Examples:
      heartline coach "That sucks. You should quit."
      heartline coach "No wonder you felt furious." --about Xq3v... --json
    """
    if not reply.strip():
        raise click.UsageError('give the reply to check, e.g. heartline coach "That sucks."')
    row = None
    if about is not None:
        with open_store(db) as st:
            ref = Replies(st).local_id(about)  # the public id the listener sees
            found = st.entry(ref) if ref is not None else None
            visible = (
                found is not None
                and found["shared"]
                and not found["private"]
                and not found["deleted"]
                and found["kind"] in SHAREABLE_KINDS
            )
            if not visible:
                raise click.ClickException(f"There is no shared entry {about}: check the id")
            row = found
    try:
        advice = coach(reply, about_entry(row))
    except CoachUnavailable as err:
        raise click.ClickException(str(err.__doc__)) from None
    if as_json:
        click.echo(json.dumps(advice.as_dict()))
        return
    if advice.ok:
        click.echo(load("en-us").phrases.first("coach.ok"))
        return
    for line in _advice_lines(None, advice.as_dict()):
        click.echo(line)


@click.command("reply")
@click.option("--as", "listener", required=True, help="Who is replying.")
@click.option(
    "--to",
    "entry",
    required=True,
    metavar="ENTRY_ID",
    help="The shared entry to answer, by the id the page and the API show.",
)
@click.argument("text")
@click.option("--anyway", is_flag=True, help="Send even if the coach found a mistake.")
@click.option("--json", "as_json", is_flag=True, help="Print {sent, mistakes, suggestion}.")
@db_option
def reply_cmd(
    listener: str, entry: str, text: str, anyway: bool, as_json: bool, db: Path | None
) -> None:
    """Answer an entry your partner shared; the coach checks it first.

    Sends when the coach finds no mistake, or with --anyway. Exits 0 when sent, 1 when held back.

    \b
    Examples:
      heartline reply --as alex --to Xq3v... "No wonder you felt furious."
      heartline reply --as alex --to Xq3v... "You should quit." --anyway --json
    """
    with open_store(db) as st:
        try:
            listener_id = st.find_person(listener)
            sent = send(st, listener_id, entry, text, anyway=anyway)
        except NotShared:
            raise click.ClickException(NOT_SHARED.format(ref=entry, name=listener)) from None
        except CoachUnavailable as err:
            raise click.ClickException(str(err.__doc__)) from None
        except ValueError as err:
            raise click.UsageError(str(err)) from None
    if as_json:
        click.echo(json.dumps(sent.as_dict()))
    else:
        lang = load("en-us")
        if sent.sent:
            click.echo(lang.phrases.first("coach.sent"))
        else:
            for line in _advice_lines(sent, sent.as_dict()):
                click.echo(line)
            click.echo(lang.phrases.first("coach.held"))
    if not sent.sent:
        raise click.exceptions.Exit(1)


@click.command("replies")
@click.option("--as", "speaker", required=True, help="Whose replies to show (the speaker's).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--say", is_flag=True, help="Read them aloud in Heartline's voice.")
@click.option("--new", "only_new", is_flag=True, help="Only those not heard yet.")
@db_option
def replies_cmd(speaker: str, as_json: bool, say: bool, only_new: bool, db: Path | None) -> None:
    """What your partner sent back to your shared entries, oldest first.

    \b
    Examples:
      heartline replies --as sam
      heartline replies --as sam --say
      heartline replies --as sam --json
    """
    lang = load("en-us")
    with open_store(db) as st:
        speaker_id = st.find_person(speaker)
        store_replies = Replies(st)
        found = store_replies.to_speaker(speaker_id, unheard=only_new)
        if as_json:
            click.echo(json.dumps([r.as_dict() for r in found]))
        else:
            # "I heard you": who has heard which of the speaker's shared entries.
            for entry_id, names in sorted(store_replies.heard_by(speaker_id).items()):
                row = st.entry(entry_id)
                if row is not None:
                    click.echo(
                        lang.phrases.first(
                            "partner.heard", names=" and ".join(names), text=str(row["text"])
                        )
                    )
            if not found:
                click.echo(lang.phrases.first("partner.reply.none", name=speaker))
        for r in found if not as_json else ():
            line = lang.phrases.first("partner.reply", name=r.sender, text=r.text)
            click.echo(line)
            if say:
                _speak(line)
        if say and found:
            store_replies.mark_heard(speaker_id, [r.id for r in found])


def _speak(line: str) -> None:
    from voice.speech import Pyttsx3Synthesizer, default_player

    try:
        audio = Pyttsx3Synthesizer().synthesize(line)
        default_player().play(audio, "reply")
    except Exception as err:  # noqa: BLE001 - the line was printed; say why it was not heard
        click.echo(f"(could not play it: {err})", err=True)
