"""Fixtures for the partner service: a real database with two couples, the app, a served process."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from heartline.synthesis import wav_synthesizer
from heartline.web import create_app
from store import Store
from store.public_ids import new_public_id

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2025, 3, 7, 21, 0, tzinfo=UTC)


class StepClock:
    """A clock that advances one minute each time it is read."""

    def __init__(self, start: datetime = NOW - timedelta(days=6)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def add_entry(st: Store, checkin: int, person: int, **kw: object) -> int:
    """Store one answer with sensible defaults."""
    values: dict = dict(
        checkin_id=checkin,
        person_id=person,
        asked="mad",
        emotion="mad",
        kind="feeling",
        text="I felt mad when the bus was late",
        reply="That sounds frustrating.",
        words=None,
        engine="text",
    )
    values.update(kw)
    return st.add_entry(**values)


@dataclass
class World:
    """Two couples' database: Sam shares with Alex, Dana shares with Casey."""

    path: Path
    entries: dict[str, int] = field(default_factory=dict)
    public: dict[str, str] = field(default_factory=dict)
    """The same entries by their opaque public ids, as the API and the page name them."""
    tokens: dict[str, str] = field(default_factory=dict)
    token_ids: dict[str, int] = field(default_factory=dict)


def build_world(path: Path) -> World:
    world = World(path)
    with Store.open(path, clock=StepClock()) as st:
        sam, alex, dana = st.person("Sam"), st.person("Alex"), st.person("Dana")
        st.person("Casey")
        c = st.start_checkin(sam, "text")
        world.entries["shared"] = add_entry(st, c, sam, text="Work was hard and I felt mad")
        world.entries["shared_glad"] = add_entry(
            st, c, sam, asked="glad", emotion="glad", text="Glad we cooked together"
        )
        world.entries["private"] = add_entry(
            st, c, sam, asked="sad", emotion="sad", text="PRIVATE words about my sister"
        )
        st.set_private(world.entries["private"])
        world.entries["safety"] = add_entry(
            st, c, sam, asked="fear", emotion="fear", kind="safety", text="SAFETY words"
        )
        world.entries["nothing"] = add_entry(
            st, c, sam, asked="sad", emotion="sad", kind="nothing", text="nothing really"
        )
        world.entries["deleted"] = add_entry(st, c, sam, text="DELETED words")
        st.share_checkin(c)
        st.finish_checkin(c, "completed")
        st.delete_entry(world.entries["deleted"])
        c2 = st.start_checkin(sam, "text")
        world.entries["unshared"] = add_entry(st, c2, sam, text="UNSHARED words, not yet")
        d = st.start_checkin(dana, "text")
        world.entries["another_persons"] = add_entry(st, d, dana, text="DANA's shared words")
        st.share_checkin(d)
        world.entries["missing"] = 987654
        a = st.start_checkin(alex, "text")
        world.entries["listeners_own"] = add_entry(st, a, alex, text="ALEX's words for Sam")
        st.share_checkin(a)
        for name, owner, listener in (
            ("right", "Sam", "Alex"),
            ("owner", "Alex", "Sam"),  # Sam's own credential: it opens Alex's entries only
            ("other_listener", "Dana", "Casey"),
            ("revoked", "Sam", "Alex"),
        ):
            world.token_ids[name], world.tokens[name] = st.create_token(owner, listener)
        st.revoke_token(world.token_ids["revoked"])
        world.tokens["wrong"] = "hl_" + "A" * 43
        for name, entry_id in world.entries.items():
            row = st.entry(entry_id)
            world.public[name] = row["public_id"] if row else new_public_id()
    return world


@pytest.fixture(scope="session")
def synthesize() -> Callable[[str], bytes]:
    """Heartline's real voice (pyttsx3 + eSpeak NG), as WAV bytes."""
    return wav_synthesizer()


@pytest.fixture
def world(tmp_path: Path) -> World:
    return build_world(tmp_path / "heartline.db")


def make_app(path: Path, synthesize: Callable[[str], bytes] | None, **config: object) -> Flask:
    return create_app(
        {
            "TESTING": True,
            "DATABASE": path,
            "SYNTHESIZE": synthesize,
            "CLOCK": lambda: NOW,
            "TIMEZONE": UTC,
            **config,
        }
    )


@pytest.fixture
def app(world: World, synthesize: Callable[[str], bytes]) -> Flask:
    return make_app(world.path, synthesize)


def bearer(token: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} if token else {}


@dataclass
class Served:
    """A `heartline serve` running as its own process on loopback."""

    url: str
    proc: subprocess.Popen[str]


def start_served(db: Path, *extra: str) -> Served:
    """Start `serve --port 0` in a subprocess and wait for the address it prints."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "heartline", "serve", "--db", str(db), "--port", "0", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        match = re.search(r"serving on (http://\S+?)/? ", line)
        if match:
            return Served(match.group(1), proc)
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise RuntimeError(f"serve did not start: {proc.stderr.read() if proc.stderr else ''}")


def stop_served(served: Served) -> None:
    served.proc.terminate()
    try:
        served.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        served.proc.kill()
        served.proc.wait()


@pytest.fixture
def served(world: World) -> Iterator[Served]:
    s = start_served(world.path)
    yield s
    stop_served(s)


def sign_in(client: FlaskClient, world: World, credential: str) -> None:
    """Give the test client a page session made with one of the world's tokens, as signing in
    would (a session on a revoked token too, to show it opens nothing); "wrong" gets a made-up
    session secret."""
    if credential in world.token_ids:
        with Store.open(world.path) as st:
            secret = st.start_session(world.token_ids[credential])
    else:
        secret = "hs_" + "A" * 43
    client.set_cookie("heartline_session", secret)
