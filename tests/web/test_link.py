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
    page = client.get("/")
    assert "Work was hard and I felt mad" in page.get_data(as_text=True)  # Sam's shared entry
    again = make_app(world.path, None).test_client().get(f"/link/{code}")
    assert again.status_code == 404 and "Set-Cookie" not in again.headers


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
        assert answer.status_code == 404 and "Set-Cookie" not in answer.headers


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
