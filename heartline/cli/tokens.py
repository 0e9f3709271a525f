"""The `token` group: make, list and revoke the tokens partners listen with."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..advice import one_line
from .options import db_option, open_store


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
    with open_store(db) as st:
        try:
            token_id, secret = st.create_token(owner, listener)
        except ValueError as err:
            raise click.ClickException(one_line(err)) from None
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
    with open_store(db) as st:
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
    with open_store(db) as st:
        if not st.revoke_token(token_id):
            known = {row["id"]: row for row in st.tokens()}
            if token_id in known:
                click.echo(f"Token {token_id} was already revoked.")
                return
            raise click.ClickException(
                f"There is no token {token_id}: list them with `heartline token list`"
            )
    click.echo(f"Token {token_id} is revoked.")
