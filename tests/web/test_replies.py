"""Replies: coached before sending, only to shared entries, read only by their speaker."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner
from flask import Flask

from heartline.cli import cli as heartline_cli
from store import Store
from store.replies import Replies

from .conftest import World, bearer, sign_in


def post(app: Flask, world: World, entry: str, body: object, token: str = "right"):  # type: ignore[no-untyped-def]
    return app.test_client().post(
        f"/api/v1/entries/{world.public[entry]}/replies",
        json=body,
        headers=bearer(world.tokens[token]),
    )


def replies_to(world: World, name: str) -> list[dict[str, object]]:
    with Store.open(world.path) as st:
        return [r.as_dict() for r in Replies(st).to_speaker(st.find_person(name))]


def test_a_fixing_reply_is_held_back_with_a_suggestion(app: Flask, world: World) -> None:
    answer = post(app, world, "shared", {"text": "That sucks. You should quit."})
    assert answer.status_code == 422
    body = answer.json
    assert body["sent"] is False
    assert body["mistakes"] == [{"kind": "fixing", "span": "You should quit."}]
    assert "Sam" in body["suggestion"] and "heard" in body["suggestion"]
    assert replies_to(world, "Sam") == []


def test_an_empathic_reply_is_sent_to_the_speaker_only(app: Flask, world: World) -> None:
    answer = post(app, world, "shared", {"text": "No wonder you felt mad. Work was hard."})
    assert answer.status_code == 201, answer.json
    assert answer.json["sent"] is True and answer.json["mistakes"] == []
    # What the issue names, and no sequential id that would count the server's replies.
    assert set(answer.json) == {"sent", "mistakes", "suggestion"}
    got = replies_to(world, "Sam")
    assert [(r["entry_id"], r["from"], r["text"]) for r in got] == [
        (world.entries["shared"], "Alex", "No wonder you felt mad. Work was hard.")
    ]
    for other in ("Alex", "Dana", "Casey"):
        assert replies_to(world, other) == []


def test_anyway_sends_a_coached_reply(app: Flask, world: World) -> None:
    answer = post(app, world, "shared", {"text": "You should quit.", "anyway": True})
    assert answer.status_code == 201
    assert answer.json["sent"] is True and answer.json["mistakes"][0]["kind"] == "fixing"
    assert [r["text"] for r in replies_to(world, "Sam")] == ["You should quit."]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": ""},
        {"text": "   "},
        {"text": 3},
        {"text": "hi", "anyway": "yes"},
        {"text": "hi", "extra": 1},
        ["text"],
        {"text": "x" * 2001},
        {"text": "\u001e"},  # a control character is not words (schemathesis found it)
        {"text": " \u0085\t"},
    ],
)
def test_bad_bodies_are_400(app: Flask, world: World, body: object) -> None:
    answer = post(app, world, "shared", body)
    assert answer.status_code == 400
    assert answer.json["error"]["code"].startswith("bad_")


def test_deleting_an_entry_deletes_its_replies(app: Flask, world: World) -> None:
    assert post(app, world, "shared", {"text": "That sounds so hard."}).status_code == 201
    assert post(app, world, "shared_glad", {"text": "That's wonderful!"}).status_code == 201
    with Store.open(world.path) as st:
        st.delete_entry(world.entries["shared"])
        left = st.db.execute("SELECT entry_id FROM replies").fetchall()
    assert left == [(world.entries["shared_glad"],)]
    assert [r["entry_id"] for r in replies_to(world, "Sam")] == [world.entries["shared_glad"]]


@pytest.fixture
def cli() -> click.Group:
    return heartline_cli


def run(cli: click.Group, *args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args))


def test_cli_reply_replies_and_coach(cli: click.Group, world: World) -> None:
    db = ["--db", str(world.path)]
    shared = world.public["shared"]
    held = run(cli, "reply", "--as", "alex", "--to", shared, "You should just quit.", "--json", *db)
    assert held.exit_code == 1
    assert json.loads(held.output)["sent"] is False
    sent = run(cli, "reply", "--as", "Alex", "--to", shared, "That sounds infuriating.", *db)
    assert sent.exit_code == 0, sent.output
    listed = run(cli, "replies", "--as", "sam", "--json", *db)
    assert [(r["from"], r["text"]) for r in json.loads(listed.output)] == [
        ("Alex", "That sounds infuriating.")
    ]
    said = run(cli, "replies", "--as", "sam", *db)
    assert said.output.strip() == "Alex heard your check-in and said: That sounds infuriating."
    coached = run(
        cli, "coach", "I understand. At least it's Friday.", "--about", shared, "--json", *db
    )
    assert coached.exit_code == 0
    advice = json.loads(coached.output)
    assert advice["ok"] is False
    assert {m["kind"] for m in advice["mistakes"]} >= {"i_understand", "minimizing"}


@pytest.mark.parametrize(
    "entry", ["private", "safety", "deleted", "unshared", "another_persons", "missing"]
)
def test_cli_reply_to_anything_not_shared_is_one_line(
    cli: click.Group, world: World, entry: str
) -> None:
    out = run(
        cli,
        "reply",
        "--as",
        "alex",
        "--to",
        world.public[entry],
        "That sounds hard.",
        "--db",
        str(world.path),
    )
    assert out.exit_code == 1
    assert out.output.count("\n") == 1 and "no entry" in out.output
    assert replies_to(world, "Sam") == [] and replies_to(world, "Dana") == []


@pytest.mark.parametrize("entry", ["private", "safety", "deleted", "unshared", "another_persons"])
@pytest.mark.parametrize("action", ["reply", "heard"])
def test_page_forms_refuse_entries_not_shared(
    app: Flask, world: World, entry: str, action: str
) -> None:
    client = app.test_client()
    sign_in(client, world, "right")
    answer = client.post(
        f"/{action}/{world.public[entry]}", data={"text": "That sounds hard.", "anyway": "1"}
    )
    assert answer.status_code == 404
    assert replies_to(world, "Sam") == [] and replies_to(world, "Dana") == []


def test_page_forms_need_a_sign_in_and_the_same_site(app: Flask, world: World) -> None:
    shared = world.public["shared"]
    assert app.test_client().post(f"/reply/{shared}", data={"text": "hi"}).status_code == 401
    client = app.test_client()
    sign_in(client, world, "right")
    cross = client.post(
        f"/reply/{shared}", data={"text": "That sounds hard."},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert cross.status_code == 403
    assert replies_to(world, "Sam") == []
    held = client.post(f"/reply/{shared}", data={"text": "You should quit."})
    assert held.status_code == 422 and "You could say" in held.get_data(as_text=True)
    sent = client.post(f"/reply/{shared}", data={"text": "That sounds hard."})
    assert sent.status_code == 303
    assert [r["text"] for r in replies_to(world, "Sam")] == ["That sounds hard."]


def test_sequential_ids_name_nothing(app: Flask, world: World, cli: click.Group) -> None:
    """Partners name entries only by public id: the entry's own id is a 404 everywhere."""
    local = str(world.entries["shared"])
    api = app.test_client().post(
        f"/api/v1/entries/{local}/replies",
        json={"text": "That sounds hard."},
        headers=bearer(world.tokens["right"]),
    )
    assert api.status_code == 404
    client = app.test_client()
    sign_in(client, world, "right")
    for action in ("reply", "heard"):
        answer = client.post(f"/{action}/{local}", data={"text": "That sounds hard."})
        assert answer.status_code == 404
    db = ["--db", str(world.path)]
    out = run(cli, "reply", "--as", "alex", "--to", local, "That sounds hard.", *db)
    assert out.exit_code == 1 and "no entry" in out.output
    assert replies_to(world, "Sam") == []
    with Store.open(world.path) as st:
        assert st.db.execute("SELECT count(*) FROM heard").fetchone() == (0,)


def test_page_forms_carry_the_csrf_value_and_need_it_from_a_null_origin(
    app: Flask, world: World
) -> None:
    """The heard and reply forms repeat the CSRF cookie; with Origin "null" only that passes."""
    client = app.test_client()
    sign_in(client, world, "right")
    page = client.get("/")
    cookie = client.get_cookie("heartline_csrf")
    assert cookie is not None
    html = page.get_data(as_text=True)
    shared = world.public["shared"]
    for action in ("heard", "reply"):
        form = html[html.index(f'action="/{action}/{shared}') :]
        form = form[: form.index("</form>")]
        assert f'name="csrf" value="{cookie.value}"' in form
    null = {"Origin": "null"}
    assert client.post(
        f"/reply/{shared}", data={"text": "That sounds hard."}, headers=null
    ).status_code == 403
    assert client.post(
        f"/reply/{shared}", data={"text": "That sounds hard.", "csrf": "forged"}, headers=null
    ).status_code == 403
    assert replies_to(world, "Sam") == []
    sent = client.post(
        f"/reply/{shared}", data={"text": "That sounds hard.", "csrf": cookie.value}, headers=null
    )
    assert sent.status_code == 303 and sent.headers["Location"].endswith(f"#entry-{shared}")
    heard = client.post(f"/heard/{shared}", data={"csrf": cookie.value}, headers=null)
    assert heard.status_code == 303
    assert [r["text"] for r in replies_to(world, "Sam")] == ["That sounds hard."]


def test_the_page_names_entries_only_by_public_id(app: Flask, world: World) -> None:
    client = app.test_client()
    sign_in(client, world, "right")
    html = client.get("/").get_data(as_text=True)
    for name in ("shared", "shared_glad"):
        assert f'id="entry-{world.public[name]}"' in html
        assert f"/heard/{world.public[name]}" in html and f"/reply/{world.public[name]}" in html
        assert f"/audio/{world.public[name]}" in html
        for prefix in ("entry-", "/heard/", "/reply/", "/audio/", "reply-", "hint-"):
            assert f"{prefix}{world.entries[name]}\"" not in html


@pytest.mark.parametrize("text", ["\u001e", "\u0085", "\x7f", " \t", "\u3000"])
def test_the_document_and_the_server_agree_on_what_words_are(text: str) -> None:
    """A text the OpenAPI pattern refuses is a 400, and one it accepts is not (ST202)."""
    import re

    from heartline.web.reply_api import TEXT_PATTERN, has_words

    assert has_words(text) == bool(re.search(TEXT_PATTERN, text)) == False  # noqa: E712
    assert has_words("ok \u001e") and re.search(TEXT_PATTERN, "ok \u001e")

