"""The partner's page in headless Chromium against the real served process: sign in, read, see
the week, and a screenshot that is not blank."""

from __future__ import annotations

import os
import re
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


@pytest.fixture
def checkin_world(tmp_path: Path) -> tuple[Path, str, dict[str, int], dict[str, str]]:
    """One evening check-in of three answers, and two earlier ones about work.

    The entries' ids, and their public ids (how the page names them).
    """
    path = tmp_path / "heartline.db"
    now = datetime.now(UTC).astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    ids: dict[str, int] = {}
    with Store.open(path) as st:
        sam = st.person("Sam")
        for days_ago, text in ((3, "Work was chaos and my manager ignored me"), (2, "Work again")):
            st.clock = lambda d=days_ago: now - timedelta(days=d)
            c = st.start_checkin(sam, "text")
            add_entry(st, c, sam, text=text, intensity=2)
            st.share_checkin(c)
        c = st.start_checkin(sam, "text")
        for i, (emotion, text) in enumerate(
            (("mad", "My manager at work took credit for my slides"),
             ("sad", "I miss my sister"),
             ("glad", "The bread came out perfect"))
        ):
            st.clock = lambda m=i: now - timedelta(minutes=30 - m)
            ids[emotion] = add_entry(
                st, c, sam, asked=emotion, emotion=emotion, text=text, intensity=3 - i
            )
        st.share_checkin(c)
        st.clock = lambda: now
        _, token = st.create_token("Sam", "Alex")
        public = {name: str(st.entry(entry_id)["public_id"]) for name, entry_id in ids.items()}
    return path, token, ids, public


@pytest.mark.parametrize("size", [(390, 844), (1280, 900)], ids=["phone", "desktop"])
def test_partner_hears_answers_and_is_coached_on_the_page(
    checkin_world: tuple[Path, str, dict[str, int], dict[str, str]],
    tmp_path: Path,
    size: tuple[int, int],
) -> None:
    path, token, ids, public = checkin_world
    served = start_served(path)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
            page = browser.new_page(viewport={"width": size[0], "height": size[1]})
            page.goto(served.url + "/")
            page.fill("#token", token)
            page.click("button[type=submit]")
            page.wait_for_selector(".entry")

            # The check-in in the order it was asked, each with its time; newest check-in first.
            first = page.locator("section.checkin").first
            assert first.locator("blockquote").all_inner_texts() == [
                "My manager at work took credit for my slides", "I miss my sister",
                "The bread came out perfect",
            ]
            times = first.locator(".emotion time").all_inner_texts()
            assert len(times) == 3 and all(re.fullmatch(r"\d\d:\d\d", t) for t in times)
            # The emotion label is body text, not the chart's 11 px (the old .day clash).
            label_text = page.locator(".entry .emotion").first
            size_px = label_text.evaluate("e => getComputedStyle(e).fontSize")
            assert float(size_px.removesuffix("px")) >= 15
            # Players say whose voice they play.
            label = page.locator(f"#entry-{public['mad']} audio").get_attribute("aria-label")
            assert label is not None and "Sam" in label and "read by Heartline" in label
            voice = page.locator(f"#entry-{public['mad']} .voice").inner_text()
            assert voice == "Read by Heartline"
            # The chart: last 7 days, an intensity axis, and the numbers in a table.
            assert page.inner_text("#week-title") == "Last 7 days"
            ticks = page.locator("#week-chart .tick").all_text_contents()
            assert ticks == ["mild", "strong", "intense"]
            rows = page.locator("#week-table tbody tr")
            assert rows.count() == 7
            assert "intense" in rows.first.inner_text()  # today's mad entry at intensity 3
            # Level Two: the earlier entries about work sit beside today's.
            earlier = page.locator(f"#entry-{public['mad']} .earlier").inner_text()
            assert "Work again" in earlier and "work" in earlier
            # Everything is new on a first visit.
            assert page.locator(".badge").count() == 5

            # A fixing reply is caught before sending, with the coach's suggestion.
            box = f"#entry-{public['mad']} form.reply"
            page.fill(f"{box} textarea", "That sucks. You should quit.")
            page.click(f"{box} button[value='0']")
            page.wait_for_selector(".coach")
            coach = page.locator(f"#entry-{public['mad']} .coach").inner_text()
            assert "fixing" in coach and "You should quit." in coach and "heard" in coach
            assert page.input_value(f"{box} textarea") == "That sucks. You should quit."
            shot = tmp_path / f"coach-{size[0]}.png"
            page.screenshot(path=str(shot), full_page=True)
            width, _, pixels = png_pixels(shot.read_bytes())
            assert width == size[0]
            # The coach's box colour (#fff7e0) is on screen.
            assert any(b"\xff\xf7\xe0" in row for row in pixels)
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

            # An empathic reply goes through; "I heard you" takes one tap.
            page.fill(f"{box} textarea", "No wonder you felt furious. Those were your slides.")
            page.click(f"{box} button[value='0']")
            page.wait_for_selector(f"#entry-{public['mad']} .sent")
            page.click(f"#entry-{public['mad']} button.heard")
            page.wait_for_selector(f"#entry-{public['mad']} .heard-done")
            out = os.environ.get("HEARTLINE_SCREENSHOT_DIR")
            page.screenshot(
                path=str(Path(out) / f"page-{size[0]}.png") if out else str(tmp_path / "after.png"),
                full_page=True,
            )

            # Audio answers range requests with 206, as phones' players expect.
            src = page.locator(f"#entry-{public['mad']} audio").get_attribute("src")
            part = page.request.get(served.url + str(src), headers={"Range": "bytes=0-99"})
            assert part.status == 206 and len(part.body()) == 100
            assert part.headers["content-range"].startswith("bytes 0-99/")
            browser.close()
    finally:
        stop_served(served)
    with Store.open(path) as st:
        from store.replies import Replies

        sam = st.find_person("Sam")
        assert [r.text for r in Replies(st).to_speaker(sam)] == [
            "No wonder you felt furious. Those were your slides."
        ]
        assert Replies(st).heard_by(sam) == {ids["mad"]: ["Alex"]}


def test_empty_page_says_what_will_appear(tmp_path: Path, browser: BrowserContext) -> None:
    path = tmp_path / "heartline.db"
    with Store.open(path) as st:
        st.person("Sam")
        _, token = st.create_token("Sam", "Alex")
    served = start_served(path)
    try:
        page = browser.new_page()
        page.goto(served.url + "/")
        page.fill("#token", token)
        page.click("button[type=submit]")
        page.wait_for_selector(".empty")
        text = page.inner_text(".empty")
        assert "Nothing shared yet" in text and "When Sam shares" in text
    finally:
        stop_served(served)
