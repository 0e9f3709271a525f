"""Every entry against every credential: only the right listener sees shared entries."""

from __future__ import annotations

import pytest
from flask import Flask

from heartline.web.auth import RateLimiter
from store import Store
from store.replies import Replies

from .conftest import World, bearer, sign_in

ENTRIES = [
    "shared",
    "shared_glad",
    "private",
    "safety",
    "nothing",
    "deleted",
    "unshared",
    "another_persons",
    "listeners_own",
    "missing",
]
CREDENTIALS = ["right", "owner", "other_listener", "wrong", "revoked", "none"]
VISIBLE = {"shared", "shared_glad"}


def expected_status(entry: str, credential: str) -> int:
    if credential in ("wrong", "revoked", "none"):
        return 401
    if credential == "right" and entry in VISIBLE:
        return 200
    if credential == "owner" and entry == "listeners_own":
        return 200  # Alex shared it with Sam: Sam's credential is the right one for it
    if credential == "other_listener" and entry == "another_persons":
        return 200
    return 404


def token_for(world: World, credential: str) -> str | None:
    return None if credential == "none" else world.tokens[credential]


@pytest.mark.parametrize("credential", CREDENTIALS)
@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize("suffix", ["", "/audio"], ids=["entry", "audio"])
def test_entry_matrix(app: Flask, world: World, entry: str, credential: str, suffix: str) -> None:
    client = app.test_client()
    response = client.get(
        f"/api/v1/entries/{world.public[entry]}{suffix}",
        headers=bearer(token_for(world, credential)),
    )
    assert response.status_code == expected_status(entry, credential)
    assert response.headers["Cache-Control"] == "no-store"
    if response.status_code == 200:
        if suffix:
            assert response.mimetype == "audio/wav" and response.data[:4] == b"RIFF"
        else:
            assert response.json is not None and response.json["id"] == world.public[entry]
    else:
        # One answer for every refusal of a kind: nothing tells private from missing.
        assert (
            response.json
            == {
                404: {"error": {"code": "not_found", "message": "Not found."}},
                401: {
                    "error": {
                        "code": "unauthorized",
                        "message": "A valid token is needed: Authorization: Bearer TOKEN.",
                    }
                },
            }[response.status_code]
        )


@pytest.mark.parametrize("credential", CREDENTIALS)
def test_list_matrix(app: Flask, world: World, credential: str) -> None:
    response = app.test_client().get(
        "/api/v1/entries?limit=100", headers=bearer(token_for(world, credential))
    )
    seen = {e["id"] for e in response.json["entries"]} if response.status_code == 200 else None
    expected = {
        "right": {world.public[e] for e in VISIBLE},
        "owner": {world.public["listeners_own"]},
        "other_listener": {world.public["another_persons"]},
    }.get(credential)
    assert seen == expected
    assert response.status_code == (200 if expected is not None else 401)


@pytest.mark.parametrize("credential", CREDENTIALS)
def test_page_matrix_shows_only_the_right_entries(
    app: Flask, world: World, credential: str
) -> None:
    # Bad cookies count as failed tries (tests/security/test_web_findings.py); not the point here.
    app.extensions["heartline.limiter"] = RateLimiter(1000, 60)
    client = app.test_client()
    if credential != "none":
        sign_in(client, world, credential)
    page = client.get("/").get_data(as_text=True)
    for entry in ENTRIES:
        marker = f'data-entry-id="{world.public[entry]}"'
        assert (marker in page) == (expected_status(entry, credential) == 200), entry
    for secret in ("PRIVATE", "SAFETY", "DELETED", "UNSHARED"):
        assert secret not in page
    for entry in ENTRIES:
        audio = client.get(f"/audio/{world.public[entry]}")
        want = expected_status(entry, credential)
        assert audio.status_code == want, entry


@pytest.mark.parametrize(
    "bad",
    [
        "abc",
        "0",
        "-1",
        "1.0",
        "1e3",
        "%EF%BC%91",
        "99999999999999999999",
        " 1",
        "1;DROP TABLE entries",
    ],
)
def test_malformed_ids_are_the_same_404(app: Flask, world: World, bad: str) -> None:
    response = app.test_client().get(
        f"/api/v1/entries/{bad}", headers=bearer(world.tokens["right"])
    )
    assert response.status_code == 404
    assert response.json == {"error": {"code": "not_found", "message": "Not found."}}


def test_revoking_takes_effect_at_once(app: Flask, world: World) -> None:
    from store import Store

    client = app.test_client()
    url = f"/api/v1/entries/{world.public['shared']}"
    assert client.get(url, headers=bearer(world.tokens["right"])).status_code == 200
    with Store.open(world.path) as st:
        st.revoke_token(world.token_ids["right"])
    assert client.get(url, headers=bearer(world.tokens["right"])).status_code == 401


def test_unshare_and_delete_hide_an_entry_at_once(app: Flask, world: World) -> None:
    from store import Store

    client = app.test_client()
    h = bearer(world.tokens["right"])
    with Store.open(world.path) as st:
        st.unshare_entry(world.entries["shared"])
        st.delete_entry(world.entries["shared_glad"])
    assert client.get(f"/api/v1/entries/{world.public['shared']}", headers=h).status_code == 404
    assert client.get("/api/v1/entries", headers=h).json["entries"] == []


@pytest.mark.parametrize("credential", CREDENTIALS)
@pytest.mark.parametrize("entry", ENTRIES)
def test_reply_matrix(app: Flask, world: World, entry: str, credential: str) -> None:
    """A reply can be sent exactly where the entry can be seen, and reaches only its speaker."""
    response = app.test_client().post(
        f"/api/v1/entries/{world.public[entry]}/replies",
        json={"text": "That sounds so hard.", "anyway": True},
        headers=bearer(token_for(world, credential)),
    )
    expected = expected_status(entry, credential)
    assert response.status_code == (201 if expected == 200 else expected)
    with Store.open(world.path) as st:
        everyone = {p["name"]: p["id"] for p in st.people()}
        got = {name: Replies(st).to_speaker(pid) for name, pid in everyone.items()}
    received = {name: [r.entry_id for r in rs] for name, rs in got.items() if rs}
    if response.status_code == 201:
        owner = {"listeners_own": "Alex", "another_persons": "Dana"}.get(entry, "Sam")
        assert received == {owner: [world.entries[entry]]}
    else:
        assert received == {}
