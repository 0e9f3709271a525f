"""The partner's page in headless Chromium against the real served process: sign in, read, see
the week, and a screenshot that is not blank."""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, sync_playwright

from store import Store

from .conftest import Served, add_entry, start_served, stop_served

CHROMIUM = "/usr/bin/chromium"  # Debian's chromium: playwright never downloads a browser here
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WEEK = [  # (days ago, emotion, words)
    (0, "glad", "Glad we walked by the river"),
    (1, "mad", "Mad that the meeting ran late"),
    (1, "sad", "Sad my friend is moving away"),
    (3, "fear", "Afraid about the test results"),
    (5, "glad", "Glad for the phone call with Mum"),
]


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA, non-interlaced PNG into rows of raw pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6)
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows


@pytest.fixture
def page_world(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "heartline.db"
    # Local noon today, so the days on the page never straddle midnight while the test runs.
    now = datetime.now(UTC).astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    with Store.open(path) as st:
        sam = st.person("Sam")
        for i, (days_ago, emotion, words) in enumerate(WEEK):
            st.clock = lambda d=days_ago, m=5 + i: now - timedelta(days=d, minutes=m)
            c = st.start_checkin(sam, "text")
            add_entry(st, c, sam, asked=emotion, emotion=emotion, text=words)
            st.share_checkin(c)
        private = add_entry(st, c, sam, text="PRIVATE never on the page")
        st.set_private(private)
        st.clock = lambda: now
        _, token = st.create_token("Sam", "Alex")
    return path, token


@pytest.fixture
def served_page(page_world: tuple[Path, str]) -> Iterator[Served]:
    s = start_served(page_world[0])
    yield s
    stop_served(s)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[BrowserContext]:
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"),  # a fresh profile for every test
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            viewport={"width": 390, "height": 844},  # a phone
            device_scale_factor=1,
        )
        yield context
        context.close()


def test_partner_signs_in_and_sees_the_shared_week(
    served_page: Served, page_world: tuple[Path, str], browser: BrowserContext, tmp_path: Path
) -> None:
    _, token = page_world
    page = browser.new_page()
    page.goto(served_page.url + "/")
    page.fill("#token", "hl_not-the-token")
    page.click("button[type=submit]")
    assert "not valid" in page.inner_text(".error")
    page.fill("#token", token)
    page.click("button[type=submit]")
    page.wait_for_selector(".entry")

    texts = page.locator(".entry blockquote").all_inner_texts()
    assert texts == [words for _, _, words in WEEK]  # newest first
    assert "PRIVATE" not in page.content()
    assert page.locator("article.day h3").count() == 4  # four distinct days
    assert page.locator(".entry audio").count() == len(WEEK)

    bars = page.locator("#week-chart rect.bar")
    assert sorted(bars.evaluate_all("els => els.map(e => e.dataset.emotion)")) == sorted(
        e for _, e, _ in WEEK
    )
    box = page.locator("#week-chart").bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    for i in range(bars.count()):
        b = bars.nth(i).bounding_box()
        assert b is not None and b["height"] > 5

    # Readable on a phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # The cookies (the session and the forms' CSRF value) are out of reach of scripts and of
    # other sites; neither holds the token.
    cookies = browser.cookies()
    assert sorted(c["name"] for c in cookies) == ["heartline_csrf", "heartline_session"]
    assert all(c["httpOnly"] and c["sameSite"] == "Strict" for c in cookies)
    assert all(c["value"] != token for c in cookies)
    assert page.evaluate("document.cookie") == ""

    # The audio the player would fetch is real speech.
    src = page.locator(".entry audio").first.get_attribute("src")
    audio = page.request.get(served_page.url + str(src))
    assert audio.status == 200 and audio.headers["content-type"] == "audio/wav"

    shot = Path(os.environ.get("HEARTLINE_SCREENSHOT", tmp_path / "page.png"))
    page.screenshot(path=str(shot), full_page=True)
    width, height, rows = png_pixels(shot.read_bytes())
    assert width == 390 and height > 844 // 2
    colours = {row[i : i + 3] for row in rows[::4] for i in range(0, len(row), 4 * 4)}
    assert len(colours) > 20, "the screenshot is nearly blank"
    # Each emotion's colour from the stylesheet appears (the chart and the entries' borders).
    for rgb in ((0xD9, 0x53, 0x4F), (0x3B, 0x7D, 0xD8), (0xE0, 0xA8, 0x00), (0x7E, 0x57, 0xC2)):
        assert bytes(rgb) in {row[i : i + 3] for row in rows for i in range(0, len(row), 4)}

    page.click(".signout button")
    page.wait_for_selector("#token")
    assert [c["name"] for c in browser.cookies()] == ["heartline_csrf"]
