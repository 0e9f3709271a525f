"""One-time sign-in links (the phone's QR code): used once, expire in minutes, never a token."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from heartline.lan import phone_host
from store import Store
from store.signin_links import LIFETIME, create_link, spend_link

from .conftest import NOW, ROOT, World, make_app


def test_a_link_signs_in_once(world: World) -> None:
    with Store.open(world.path) as st:  # the served store reads the real clock
        code = create_link(st, "Sam", "Alex")
    assert code.startswith("sl_") and "hl_" not in code
    client = make_app(world.path, None).test_client()
    opened = client.get(f"/link/{code}")
    assert opened.status_code == 303
    cookie = opened.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    # The cookie holds a page session, never the token the link minted (issue 12.6).
    session = client.get_cookie("heartline_session")
    assert session is not None and session.value.startswith("hs_") and "hl_" not in cookie
    with Store.open(world.path) as st:
        row = st.session_token(session.value)
    assert row is not None and (row["owner"], row["listener"]) == ("Sam", "Alex")
    page = client.get("/")
    assert "Work was hard and I felt mad" in page.get_data(as_text=True)  # Sam's shared entry
    again = make_app(world.path, None).test_client().get(f"/link/{code}")
    assert again.status_code == 404 and _cookies(again) <= {"heartline_csrf"}
    # Signing out ends the link's session on the server.
    assert client.post("/signout", data={}).status_code == 303
    with Store.open(world.path) as st:
        assert st.session_token(session.value) is None


def _cookies(answer) -> set[str]:  # type: ignore[no-untyped-def]
    """The names of the cookies an answer sets (the sign-in form's CSRF cookie is not a sign-in)."""
    return {h.split("=", 1)[0] for h in answer.headers.getlist("Set-Cookie")}


def test_a_link_expires(world: World) -> None:
    with Store.open(world.path, clock=lambda: NOW) as st:
        code = create_link(st, "Sam", "Alex")
    with Store.open(world.path, clock=lambda: NOW + LIFETIME + timedelta(seconds=1)) as st:
        assert spend_link(st, code) is None
    with Store.open(world.path, clock=lambda: NOW + LIFETIME - timedelta(seconds=1)) as st:
        made = spend_link(st, code)
    assert made is not None and made[1].startswith("hl_")


def test_a_wrong_code_is_refused(world: World) -> None:
    client = make_app(world.path, None).test_client()
    for code in ("sl_" + "x" * 32, "nonsense", "sl_"):
        answer = client.get(f"/link/{code}")
        assert answer.status_code == 404 and "heartline_session" not in _cookies(answer)


def test_wrong_codes_are_limited_like_the_other_cookie_routes(world: World) -> None:
    client = make_app(
        world.path, None, RATE_LIMIT_FAILURES=3, RATE_LIMIT_WINDOW=60.0
    ).test_client()
    statuses = [client.get(f"/link/sl_{'x' * 30}{i}").status_code for i in range(5)]
    assert statuses == [404] * 3 + [429] * 2
    with Store.open(world.path) as st:  # the served store reads the real clock
        code = create_link(st, "Sam", "Alex")
    opened = client.get(f"/link/{code}")  # a valid code is still served over the limit
    assert opened.status_code == 303


def test_serve_on_all_addresses_prints_a_phone_address_and_code(
    world: World, tmp_path: Path
) -> None:
    if phone_host("0.0.0.0") is None:  # pragma: no cover - a machine with no network at all
        raise AssertionError("this machine has no non-loopback address to test with")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "heartline",
            "serve",
            "--db",
            str(world.path),
            "--host",
            "0.0.0.0",
            "--port",
            "0",
            "--link-for",
            "alex",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(6)]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    text = "".join(lines)
    phone = re.search(r"open (http://\S+?)/\n", text)
    assert phone is not None and "0.0.0.0" not in phone.group(1)
    assert "Alex can sign in once, within 10 minutes" in text
    assert "\u2588" in text  # the QR code's blocks
    assert "hl_" not in text  # never the token
