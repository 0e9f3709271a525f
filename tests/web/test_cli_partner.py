"""The partner commands: token create/list/revoke, listen (local and remote), entries delete."""

from __future__ import annotations

import json
import shlex
import wave
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from heartline.cli import cli as heartline_cli
from store import Store

from .conftest import Served, World


@pytest.fixture
def cli() -> click.Group:
    return heartline_cli


def run(cli: click.Group, *args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_token_create_list_revoke(cli: click.Group, world: World) -> None:
    db = str(world.path)
    made = run(cli, "token", "create", "--as", "sam", "--for", "Jo", "--json", "--db", db)
    assert made.exit_code == 0
    secret = json.loads(made.output)["token"]
    assert secret.startswith("hl_") and len(secret) >= 43
    with Store.open(world.path) as st:
        assert st.authenticate(secret)["listener"] == "Jo"  # type: ignore[index]
        assert secret not in (
            world.path.read_bytes()
            + b"".join(p.read_bytes() for p in world.path.parent.glob("*.db-wal"))
        ).decode("latin-1")
    plain = run(cli, "token", "create", "--as", "Sam", "--for", "Jo", "--db", db)
    assert plain.exit_code == 0 and "shown only once" in plain.output
    assert plain.output.strip().splitlines()[-1].startswith("hl_")
    listed = run(cli, "token", "list", "--json", "--db", db)
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert all("hash" not in json.dumps(r) and secret not in json.dumps(r) for r in rows)
    jo = [r for r in rows if r["listener"] == "Jo"]
    assert len(jo) == 2
    revoked = run(cli, "token", "revoke", str(jo[0]["id"]), "--db", db)
    assert revoked.exit_code == 0 and "revoked" in revoked.output
    with Store.open(world.path) as st:
        assert st.authenticate(secret) is None
    assert "already revoked" in run(cli, "token", "revoke", str(jo[0]["id"]), "--db", db).output


@pytest.mark.parametrize(
    "args,message",
    [
        (["token", "create", "--as", "Nobody", "--for", "Jo"], "No one named 'Nobody'"),
        (["token", "create", "--as", "Sam", "--for", "sam"], "--as and --for must differ"),
        (["token", "revoke", "999"], "There is no token 999"),
        (["entries", "delete", "999"], "There is no entry 999"),
        (["listen", "--as", "Nobody", "--no-speak"], "No one named 'Nobody'"),
    ],
)
def test_errors_are_one_line(cli: click.Group, world: World, args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, [*args, "--db", str(world.path)])
    assert result.exit_code == 1
    assert message in result.output and len(result.output.strip().splitlines()) == 1


def test_unusable_database_is_one_line(cli: click.Group, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    result = CliRunner().invoke(cli, ["token", "list", "--db", str(tmp_path / "afile" / "h.db")])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: Cannot write the database at {tmp_path / 'afile' / 'h.db'}: "
        "choose a writable path with --db PATH"
    )


def test_entries_delete(cli: click.Group, world: World) -> None:
    entry = world.entries["shared"]
    result = run(cli, "entries", "delete", str(entry), "--db", str(world.path))
    assert result.exit_code == 0 and "gone for good" in result.output
    with Store.open(world.path) as st:
        row = st.entry(entry)
        assert row is not None and row["deleted"] and row["text"] == ""
    assert (
        "already deleted"
        in run(cli, "entries", "delete", str(entry), "--db", str(world.path)).output
    )


def _wav_seconds(path: Path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


def test_listen_locally_speaks_new_entries_then_marks_them_heard(
    cli: click.Group, world: World, tmp_path: Path
) -> None:
    out = tmp_path / "heard"
    args = ["listen", "--as", "alex", "--no-speak", "--say-to", str(out), "--db", str(world.path)]
    first = run(cli, *args)
    assert first.exit_code == 0
    lines = first.output.splitlines()
    assert lines[0::2] == [
        "Sam shared that they felt mad: Work was hard and I felt mad",
        "Sam shared that they felt glad: Glad we cooked together",
    ]
    # Each entry names the public id to answer it by; the printed command works as printed.
    hints = [shlex.split(line.split("answer: ", 1)[1]) for line in lines[1::2]]
    assert all(h[:5] == ["heartline", "reply", "--as", "alex", "--to"] for h in hints)
    assert all(len(h[5]) == 22 and not h[5].isdigit() for h in hints)
    sent = run(cli, *hints[0][1:6], "No wonder you felt mad.", "--db", str(world.path))
    assert sent.exit_code == 0, sent.output
    wavs = sorted(out.glob("*.wav"))
    assert len(wavs) == 2 and all(_wav_seconds(w) > 1.0 for w in wavs)
    again = run(cli, *args)
    assert again.output.strip() == "Nothing new for alex."


def test_listen_remotely_against_the_served_process(
    cli: click.Group,
    served: Served,
    world: World,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "heard"
    args = [
        "listen",
        "--as",
        "Alex",
        "--from",
        served.url,
        "--no-speak",
        "--say-to",
        str(out),
    ]
    monkeypatch.setenv("HEARTLINE_TOKEN", world.tokens["right"])
    first = run(cli, *args)
    assert first.exit_code == 0, first.output
    assert first.output.splitlines() == [
        "Sam shared that they felt mad: Work was hard and I felt mad",
        "Sam shared that they felt glad: Glad we cooked together",
    ]
    assert len(list(out.glob("*.wav"))) == 2
    assert run(cli, *args).output.strip() == "Nothing new for Alex."
    bad = CliRunner().invoke(
        cli,
        [
            "listen",
            "--as",
            "Alex",
            "--from",
            served.url,
            "--no-speak",
        ],
        env={"HEARTLINE_TOKEN": ""},
        input=world.tokens["revoked"] + "\n",  # typed at the prompt
    )
    assert bad.exit_code == 1 and "refused the token (401)" in bad.output
    assert world.tokens["revoked"] not in bad.output  # the prompt does not echo it


def test_listen_remote_unreachable_is_one_line(cli: click.Group) -> None:
    result = CliRunner().invoke(
        cli,
        ["listen", "--as", "Alex", "--from", "http://127.0.0.1:9", "--no-speak"],
        env={"HEARTLINE_TOKEN": "hl_x"},
    )
    assert result.exit_code == 1 and "Cannot reach" in result.output


def test_listen_refuses_a_token_on_the_command_line(cli: click.Group) -> None:
    # `ps` shows every process's arguments to every local user (issue 12.6).
    result = CliRunner().invoke(
        cli,
        ["listen", "--as", "Alex", "--from", "http://127.0.0.1:9", "--token", "hl_secret"],
    )
    assert result.exit_code == 2 and "HEARTLINE_TOKEN" in result.output


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((f"{prefix}{name}", command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, f"{prefix}{name} "))
    return found


PARTNER_COMMANDS = ("serve", "token", "listen", "entries")


def test_every_command_has_help_with_an_example_and_a_db_option(cli: click.Group) -> None:
    for name, command in _commands(cli):
        if name.split()[0] not in PARTNER_COMMANDS or name == "entries":
            continue  # the partner commands (of `entries`, only its delete command)
        assert command.help and "Example" in command.help, name
        if not isinstance(command, click.Group):
            assert any("--db" in p.opts for p in command.params), name
