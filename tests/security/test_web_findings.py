"""The partner service's lower-risk findings of issue 12.6, each caught again by a test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from web.conftest import NOW, World, build_world  # type: ignore[import-not-found]

from heartline.web import create_app
from heartline.web.auth import MAX_CLIENTS, RateLimiter

LIMIT = 5


@pytest.fixture
def world(tmp_path: Path) -> World:
    return build_world(tmp_path / "heartline.db")


@pytest.fixture
def app(world: World) -> Flask:
    return create_app(
        {
            "TESTING": True,
            "DATABASE": world.path,
            "SYNTHESIZE": None,
            "CLOCK": lambda: NOW,
            "RATE_LIMIT_FAILURES": LIMIT,
        }
    )


def signed_in(app: Flask, token: str) -> FlaskClient:
    client = app.test_client()
    form = client.get("/").get_data(as_text=True)
    csrf = re.search(r'name="csrf" value="([^"]+)"', form)
    assert csrf is not None
    response = client.post("/signin", data={"token": token, "csrf": csrf.group(1)})
    assert response.status_code == 303
    return client


def session_cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie("heartline_session")
    assert cookie is not None
    return cookie.value


def test_the_cookie_routes_are_limited_like_the_api(app: Flask, world: World) -> None:
    client = app.test_client(use_cookies=False)
    guessed = {"Cookie": "heartline_session=hs_" + "B" * 43}  # sent again and again
    statuses = [client.get("/", headers=guessed).status_code for _ in range(LIMIT + 2)]
    assert statuses[:LIMIT] == [200] * LIMIT and statuses[-1] == 429
    other = app.test_client()
    elsewhere = {"REMOTE_ADDR": "10.0.0.9"}
    audio = [other.get("/audio/1", environ_base=elsewhere).status_code for _ in range(LIMIT + 2)]
    assert audio[:LIMIT] == [401] * LIMIT and audio[-1] == 429
    # A real session from the limited address is still served: only failures are limited.
    good = signed_in(app, world.tokens["right"])
    assert "Glad we cooked together" in good.get("/").get_data(as_text=True)


def test_failures_from_many_addresses_reset_nobody() -> None:
    now = [0.0]
    limiter = RateLimiter(3, 60, now=lambda: now[0])
    for _ in range(3):
        limiter.failed("192.168.1.50")
    assert limiter.retry_after("192.168.1.50") > 0
    for n in range(MAX_CLIENTS + 500):  # a flood of addresses
        limiter.failed(f"10.{n // 65536}.{n // 256 % 256}.{n % 256}")
    assert limiter.retry_after("192.168.1.50") > 0  # still limited
    assert limiter.retry_after("172.16.0.1") > 0  # newcomers beyond the table share one count
    now[0] += 61
    assert limiter.retry_after("192.168.1.50") == 0  # the window still ends


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},  # without the form's CSRF value
    ],
    ids=["sec-fetch-site", "origin", "null origin"],
)
def test_sign_out_refuses_cross_site_posts(
    app: Flask, world: World, headers: dict[str, str]
) -> None:
    client = signed_in(app, world.tokens["right"])
    assert client.post("/signout", headers=headers).status_code == 403
    assert "Glad we cooked together" in client.get("/").get_data(as_text=True)


def test_sign_out_ends_the_session_on_the_server(app: Flask, world: World) -> None:
    client = signed_in(app, world.tokens["right"])
    stolen = session_cookie(client)
    assert stolen != world.tokens["right"]  # the cookie never holds the token
    assert client.post("/signout").status_code == 303
    replay = app.test_client()
    replay.set_cookie("heartline_session", stolen)
    assert "Glad we cooked together" not in replay.get("/").get_data(as_text=True)
    # The token itself, the partner's credential for `listen --from`, still works.
    api = app.test_client().get(
        "/api/v1/entries", headers={"Authorization": f"Bearer {world.tokens['right']}"}
    )
    assert api.status_code == 200


def test_revoking_the_token_ends_its_sessions(app: Flask, world: World) -> None:
    from store import Store

    client = signed_in(app, world.tokens["right"])
    with Store.open(world.path) as st:
        st.revoke_token(world.token_ids["right"])
    assert "Glad we cooked together" not in client.get("/").get_data(as_text=True)


def test_sign_in_with_a_null_origin_needs_the_forms_csrf_value(app: Flask, world: World) -> None:
    client = app.test_client()
    form = client.get("/").get_data(as_text=True)
    match = re.search(r'name="csrf" value="([^"]+)"', form)
    assert match is not None
    null = {"Origin": "null"}
    token = world.tokens["right"]
    refused = client.post("/signin", data={"token": token, "csrf": "made-up"}, headers=null)
    assert refused.status_code == 403
    other_site = app.test_client()  # an attacker's page has no cookie of ours to repeat
    assert (
        other_site.post(
            "/signin", data={"token": token, "csrf": match.group(1)}, headers=null
        ).status_code
        == 403
    )
    accepted = client.post("/signin", data={"token": token, "csrf": match.group(1)}, headers=null)
    assert accepted.status_code == 303


@pytest.mark.parametrize("path", ["/api/v1//entries/1", "/api//v1/entries", "/audio//1"])
def test_doubled_slashes_never_redirect_to_the_host_header(app: Flask, path: str) -> None:
    response = app.test_client().get(path, headers={"Host": "evil.example"})
    assert response.status_code == 404
    assert "Location" not in response.headers


def test_entry_ids_are_opaque_to_the_partner(app: Flask, world: World) -> None:
    from store.public_ids import PATTERN

    client = app.test_client()
    h = {"Authorization": f"Bearer {world.tokens['right']}"}
    listed = client.get("/api/v1/entries", headers=h).json["entries"]
    ids = [e["id"] for e in listed]
    assert ids and all(isinstance(i, str) and PATTERN.fullmatch(i) for i in ids)
    assert all(e["audio_url"] == f"/api/v1/entries/{e['id']}/audio" for e in listed)
    # The sequential ids say nothing and open nothing.
    for internal in (world.entries["shared"], world.entries["private"]):
        assert client.get(f"/api/v1/entries/{internal}", headers=h).status_code == 404
    page = signed_in(app, world.tokens["right"]).get("/").get_data(as_text=True)
    assert f'data-entry-id="{world.public["shared"]}"' in page
    assert f'data-entry-id="{world.entries["shared"]}"' not in page


def test_old_entries_get_public_ids_when_migrated(tmp_path: Path) -> None:
    from store import Store
    from store.db import connect
    from store.migrations import migrate
    from store.public_ids import PATTERN

    db = connect(tmp_path / "old.db", migrate_schema=False)
    migrate(db, upto="m006_page_sessions_and_checkin_owners")
    db.execute("INSERT INTO people (name, created_at) VALUES ('Sam', 'x')")
    db.execute("INSERT INTO checkins (person_id, engine, started_at) VALUES (1, 'text', 'x')")
    for n in range(3):
        db.execute(
            "INSERT INTO entries (checkin_id, person_id, asked, emotion, kind, text, engine,"
            " created_at) VALUES (1, 1, 'mad', 'mad', 'feeling', ?, 'text', 'x')",
            [f"old {n}"],
        )
    db.conn.commit()
    db.close()
    with Store.open(tmp_path / "old.db") as st:
        ids = [e["public_id"] for e in st.entries("Sam")]
    assert len(set(ids)) == 3 and all(PATTERN.fullmatch(i) for i in ids)
