"""The `entries` group: list a person's entries, delete one for good."""

from __future__ import annotations

import json
from pathlib import Path

import click

from store import Store

from .options import db_option, default_person, open_store, resolve_db


@click.group(invoke_without_command=True)
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


@entries.command("delete")
@click.argument("entry_id", type=click.IntRange(1, 2**63 - 1))
@db_option
def entries_delete(entry_id: int, db: Path | None) -> None:
    """Delete an entry's words and recorded voice for good (a bare tombstone stays).

    \b
    Example:
      heartline entries delete 12
    """
    with open_store(db) as st:
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
