"""The API's contract: paging, audio, headers, refusals, limits and the OpenAPI document."""

from __future__ import annotations

import io
import wave
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from heartline.web.answers import Answers
from store import Store

from .conftest import World, add_entry, bearer, make_app, sign_in


def test_list_is_newest_first_with_paging(app: Flask, world: World) -> None:
    with Store.open(world.path) as st:
        sam = st.person("Sam")
        c = st.start_checkin(sam, "text")
        for i in range(5):
            add_entry(st, c, sam, text=f"more {i}")
        st.share_checkin(c)
    client = app.test_client()
    h = bearer(world.tokens["right"])
    first = client.get("/api/v1/entries?limit=3", headers=h).json
    assert first["total"] == 7 and first["limit"] == 3 and first["next_offset"] == 3
    assert [e["text"] for e in first["entries"]] == ["more 4", "more 3", "more 2"]
    rest = client.get("/api/v1/entries?limit=3&offset=6", headers=h).json
    assert len(rest["entries"]) == 1 and rest["next_offset"] is None
    everything = client.get("/api/v1/entries?limit=100", headers=h).json["entries"]
    stamps = [e["created_at"] for e in everything]
    assert stamps == sorted(stamps, reverse=True)
    assert set(everything[0]) == {
        "id",
        "speaker",
        "emotion",
        "asked",
        "kind",
        "text",
        "intensity",
        "created_at",
        "heard",
        "voice",
        "audio_url",
    }


@pytest.mark.parametrize(
    "query", ["limit=0", "limit=101", "limit=x", "offset=-1", "unheard=maybe", "limit=%EF%BC%91"]
)
def test_bad_parameters_are_400_json(app: Flask, world: World, query: str) -> None:
    response = app.test_client().get(
        f"/api/v1/entries?{query}", headers=bearer(world.tokens["right"])
    )
    assert response.status_code == 400 and response.json["error"]["code"] == "bad_parameter"


def test_heard_marks_and_filters(app: Flask, world: World) -> None:
    client = app.test_client()
    h = bearer(world.tokens["right"])
    shared = world.public["shared"]
    assert client.post(f"/api/v1/entries/{shared}/heard", headers=h).json == {
        "id": shared,
        "heard": True,
    }
    unheard = client.get("/api/v1/entries?unheard=true", headers=h).json["entries"]
    assert [e["id"] for e in unheard] == [world.public["shared_glad"]]
    assert client.get(f"/api/v1/entries/{shared}", headers=h).json["heard"] is True
    other = world.public["private"]
    assert client.post(f"/api/v1/entries/{other}/heard", headers=h).status_code == 404


def test_audio_is_synthesized_once_and_cached(world: World, synthesize: Callable) -> None:
    calls: list[str] = []

    def counting(text: str) -> bytes:
        calls.append(text)
        return synthesize(text)

    app = make_app(world.path, counting)
    client = app.test_client()
    url = f"/api/v1/entries/{world.public['shared']}/audio"
    h = bearer(world.tokens["right"])
    first = client.get(url, headers=h)
    second = client.get(url, headers=h)
    assert first.status_code == second.status_code == 200
    assert first.data == second.data and first.headers["X-Heartline-Voice"] == "heartline"
    assert calls == ["Sam shared that they felt mad: Work was hard and I felt mad"]
    with wave.open(io.BytesIO(first.data)) as w:
        assert w.getnframes() / w.getframerate() > 1.0  # real speech, not a stub
    # A fresh app (as after a restart) finds it in the database.
    make_app(world.path, counting).test_client().get(url, headers=h)
    assert len(calls) == 1


def test_own_voice_is_served_when_kept(world: World, synthesize: Callable) -> None:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\x01\x02" * 16000)
    with Store.open(world.path) as st:
        st.set_audio(world.entries["shared"], buf.getvalue())
    client = make_app(world.path, synthesize).test_client()
    response = client.get(
        f"/api/v1/entries/{world.public['shared']}/audio", headers=bearer(world.tokens["right"])
    )
    assert response.data == buf.getvalue() and response.headers["X-Heartline-Voice"] == "own"
    entry = client.get(
        f"/api/v1/entries/{world.public['shared']}", headers=bearer(world.tokens["right"])
    ).json
    assert entry["voice"] == "own"


def test_broken_voice_is_a_503_json_without_internals(world: World) -> None:
    def broken(text: str) -> bytes:
        raise RuntimeError("/secret/path/espeak exploded")

    response = (
        make_app(world.path, broken)
        .test_client()
        .get(
            f"/api/v1/entries/{world.public['shared']}/audio",
            headers=bearer(world.tokens["right"]),
        )
    )
    assert response.status_code == 503
    assert "secret" not in response.get_data(as_text=True)
    assert response.json["error"]["code"] == "voice_unavailable"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/entries?token={t}",
        "/api/v1/entries?access_token={t}",
        "/api/v1/entries?api_key=whatever",
        "/api/v1/entries?q={t}",
        "/api/v1/entries/{t}",
        "/?token={t}",
    ],
)
def test_a_token_in_the_url_is_refused(app: Flask, world: World, url: str) -> None:
    token = world.tokens["right"]
    response = app.test_client().get(url.format(t=token), headers=bearer(token))
    assert response.status_code == 400
    assert response.json["error"]["code"] == "token_in_url"
    assert token not in response.get_data(as_text=True)


def test_only_bearer_header_carries_the_token(app: Flask, world: World) -> None:
    client = app.test_client()
    token = world.tokens["right"]
    assert client.get("/api/v1/entries", headers={"Authorization": token}).status_code == 401
    assert (
        client.get("/api/v1/entries", headers={"Authorization": f"Basic {token}"}).status_code
        == 401
    )
    sign_in(client, world, "right")  # the page's session cookie does not open the API
    assert client.get("/api/v1/entries").status_code == 401


@pytest.mark.parametrize(
    "method,url",
    [
        ("GET", "/api/v1/entries"),
        ("GET", "/api/v1/entries/1"),
        ("GET", "/api/v1/nope"),
        ("DELETE", "/api/v1/entries/1"),
        ("GET", "/api/v1/openapi.json"),
        ("GET", "/"),
        ("GET", "/static/style.css"),
    ],
)
def test_every_response_is_no_store_and_errors_are_json(app: Flask, method: str, url: str) -> None:
    response = app.test_client().open(url, method=method)
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    if response.status_code >= 400:
        assert response.mimetype == "application/json"
        assert set(response.json["error"]) == {"code", "message"}


def test_request_size_is_limited(app: Flask, world: World) -> None:
    client = app.test_client()
    big = b"x" * (17 * 1024)
    for url in ("/api/v1/entries", "/signin"):
        method = client.get if url.startswith("/api") else client.post
        response = method(
            url,
            data=big,
            headers={**bearer(world.tokens["right"]), "Content-Type": "application/octet-stream"},
        )
        assert response.status_code == 413
        assert response.json == {
            "error": {"code": "too_large", "message": "The request is too large."}
        }


def test_failed_sign_ins_are_rate_limited_but_the_valid_token_still_works(
    world: World, synthesize: Callable
) -> None:
    app = make_app(world.path, synthesize, RATE_LIMIT_FAILURES=5, RATE_LIMIT_WINDOW=60.0)
    client = app.test_client()
    statuses = [
        client.get("/api/v1/entries", headers=bearer(f"hl_guess{i}")).status_code for i in range(8)
    ]
    assert statuses == [401] * 5 + [429] * 3
    limited = client.get("/api/v1/entries", headers=bearer("hl_guess"))
    assert limited.json["error"]["code"] == "too_many_requests"
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert client.get("/api/v1/entries", headers=bearer(world.tokens["right"])).status_code == 200
    # The form is limited too, and still lets the right token in.
    assert client.post("/signin", data={"token": "hl_nope"}).status_code == 429
    assert client.post("/signin", data={"token": world.tokens["right"]}).status_code == 303
    # Another address is not limited by this one's failures.
    other = client.get(
        "/api/v1/entries", headers=bearer("hl_x"), environ_base={"REMOTE_ADDR": "127.0.0.9"}
    )
    assert other.status_code == 401


def test_rate_limit_window_slides() -> None:
    from heartline.web.auth import RateLimiter

    now = [0.0]
    limiter = RateLimiter(2, 10.0, now=lambda: now[0])
    limiter.failed("a")
    limiter.failed("a")
    assert limiter.retry_after("a") == 10
    now[0] = 10.5
    assert limiter.retry_after("a") == 0


def test_openapi_document_is_served_and_describes_every_route(app: Flask) -> None:
    doc = app.test_client().get("/api/v1/openapi.json").json
    assert doc["openapi"].startswith("3.")
    assert set(doc["paths"]) == {
        "/api/v1/entries",
        "/api/v1/entries/{entry_id}",
        "/api/v1/entries/{entry_id}/audio",
        "/api/v1/entries/{entry_id}/heard",
        "/api/v1/entries/{entry_id}/replies",
    }
    routes = {r.rule for r in app.url_map.iter_rules() if r.rule.startswith("/api/v1/entries")}
    documented = {p.replace("{entry_id}", "<entry_id>") for p in doc["paths"]}
    assert routes == documented


def test_constant_endpoint_exists_only_in_bench_mode(world: World) -> None:
    assert make_app(world.path, None).test_client().get("/api/v1/_constant").status_code == 404
    bench = make_app(world.path, None, BENCH=True).test_client().get("/api/v1/_constant")
    assert bench.status_code == 200 and bench.json["ok"] is True


def test_create_app_migrates_an_empty_database(tmp_path: Path) -> None:
    app = make_app(tmp_path / "new" / "h.db", None)
    assert app.test_client().get("/api/v1/entries").status_code == 401


@pytest.mark.parametrize("keeping", [True, False], ids=["answers kept", "nothing kept"])
def test_the_list_never_serves_a_stale_page(app: Flask, world: World, keeping: bool) -> None:
    if not keeping:  # nothing kept: every request asks SQLite
        app.extensions["heartline.answers"] = Answers(enabled=False)
    client = app.test_client()
    h = bearer(world.tokens["right"])
    before = client.get("/api/v1/entries", headers=h).json
    assert before["total"] == 2 and not any(e["heard"] for e in before["entries"])
    client.post(f"/api/v1/entries/{world.public['shared']}/heard", headers=h)
    heard = client.get("/api/v1/entries", headers=h).json["entries"]
    assert {e["id"]: e["heard"] for e in heard}[world.public["shared"]] is True
    with Store.open(world.path) as st:  # another connection, as a check-in or the CLI would be
        st.unshare_entry(world.entries["shared"])
    after = client.get("/api/v1/entries", headers=h).json
    assert [e["id"] for e in after["entries"]] == [world.public["shared_glad"]]
    sign_in(client, world, "right")
    page = client.get("/").get_data(as_text=True)
    assert "Glad we cooked together" in page and "Work was hard" not in page
    with Store.open(world.path) as st:
        st.revoke_token(world.token_ids["right"])
    assert client.get("/api/v1/entries", headers=h).status_code == 401
    assert "Glad we cooked together" not in client.get("/").get_data(as_text=True)


def test_an_unchanged_database_is_answered_with_one_small_query(app: Flask, world: World) -> None:
    client = app.test_client()
    h = bearer(world.tokens["right"])
    first = client.get("/api/v1/entries?limit=5", headers=h)
    statements: list[str] = []
    # The test client serves from this thread, so this is the connection requests use.
    conn = app.extensions["heartline.local"].store.db.conn
    conn.set_trace_callback(statements.append)
    again = [client.get("/api/v1/entries?limit=5", headers=h) for _ in range(3)]
    assert statements == ["PRAGMA data_version"] * 3  # has anything been committed? no
    assert all(r.json == first.json for r in again)
    statements.clear()
    other_page = client.get("/api/v1/entries?limit=1", headers=h).json  # not kept yet: asks
    assert other_page["total"] == first.json["total"] and len(statements) > 1
    statements.clear()
    with Store.open(world.path) as st:
        st.person("Someone new")  # any commit retires what was kept
    assert client.get("/api/v1/entries?limit=5", headers=h).json == first.json
    assert len(statements) > 1, "a page was served without asking after a commit"
    conn.set_trace_callback(None)


def test_a_heard_mark_on_one_thread_retires_pages_kept_by_another(
    app: Flask, world: World
) -> None:
    # Each waitress thread has its own connection; a commit on one must reach the others.
    import threading

    client = app.test_client()
    h = bearer(world.tokens["right"])
    shared = world.public["shared"]

    def heard_on_this_thread() -> bool:
        page = client.get("/api/v1/entries", headers=h).json
        return bool({e["id"]: e["heard"] for e in page["entries"]}[shared])

    assert not heard_on_this_thread() and not heard_on_this_thread()  # kept by this thread
    other = threading.Thread(
        target=lambda: client.post(f"/api/v1/entries/{shared}/heard", headers=h)
    )
    other.start()
    other.join()
    assert heard_on_this_thread()
