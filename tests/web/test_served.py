"""The real `heartline serve` process on loopback: same answers as the test client, and reads
while a check-in writes."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import run_cli

from heartline.cli import cli as heartline_cli
from heartline.web.server import is_loopback

from .conftest import ROOT, Served, World, bearer, make_app, start_served, stop_served


def fetch(
    url: str, headers: dict[str, str] | None = None, method: str = "GET", data: bytes | None = None
) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, headers=headers or {}, method=method, data=data)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_served_process_answers_like_the_test_client(
    served: Served, world: World, synthesize: Callable[[str], bytes]
) -> None:
    client = make_app(world.path, synthesize).test_client()
    right = bearer(world.tokens["right"])
    cases = [
        ("/api/v1/entries", right),
        ("/api/v1/entries?limit=1&offset=1", right),
        (f"/api/v1/entries/{world.public['shared']}", right),
        (f"/api/v1/entries/{world.public['private']}", right),
        (f"/api/v1/entries/{world.public['another_persons']}", right),
        ("/api/v1/entries/abc", right),
        ("/api/v1/entries", bearer(world.tokens["revoked"])),
        ("/api/v1/entries", {}),
        (f"/api/v1/entries?token={world.tokens['right']}", right),
        ("/api/v1/openapi.json", {}),
        ("/api/v1/nowhere", {}),
    ]
    for path, headers in cases:
        status, got_headers, body = fetch(served.url + path, headers)
        expected = client.get(path, headers=headers)
        assert status == expected.status_code, path
        assert json.loads(body) == expected.json, path
        assert got_headers["Cache-Control"] == "no-store"
        assert got_headers["Server"] == "heartline"  # waitress, not Flask's development server
    status, headers, wav = fetch(
        f"{served.url}/api/v1/entries/{world.public['shared']}/audio", right
    )
    assert status == 200 and headers["Content-Type"] == "audio/wav" and wav[:4] == b"RIFF"


def test_served_process_refuses_a_large_body_with_json(served: Served, world: World) -> None:
    status, headers, body = fetch(
        served.url + "/api/v1/entries",
        {**bearer(world.tokens["right"]), "Content-Type": "application/octet-stream"},
        data=b"x" * 100_000,
    )
    assert status == 413 and json.loads(body)["error"]["code"] == "too_large"


def test_reads_while_a_checkin_writes(world: World) -> None:
    # A writer process adds and shares entries as fast as it can while readers poll the API.
    writer_script = textwrap.dedent(
        f"""
        import time
        from store import Store
        st = Store.open({str(world.path)!r})
        sam = st.person("Sam")
        deadline = time.monotonic() + 4
        n = 0
        while time.monotonic() < deadline:
            c = st.start_checkin(sam, "text")
            for i in range(4):
                st.add_entry(checkin_id=c, person_id=sam, asked="sad", emotion="sad",
                             kind="feeling", text=f"written {{n}} {{i}}", reply="ok",
                             words=None, engine="text")
            st.share_checkin(c)
            st.finish_checkin(c, "completed")
            n += 1
        print(n)
        """
    )
    served = start_served(world.path)
    try:
        writer = subprocess.Popen(
            [sys.executable, "-c", writer_script],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        statuses: list[int] = []
        bodies: list[bytes] = []
        lock = threading.Lock()

        def reader() -> None:
            while writer.poll() is None:
                status, _, body = fetch(
                    served.url + "/api/v1/entries?limit=50", bearer(world.tokens["right"])
                )
                with lock:
                    statuses.append(status)
                    if status != 200:
                        bodies.append(body)

        threads = [threading.Thread(target=reader) for _ in range(6)]
        for t in threads:
            t.start()
        out, err = writer.communicate(timeout=60)
        for t in threads:
            t.join()
        assert writer.returncode == 0, err
        assert "locked" not in err
        assert int(out) > 5  # the writer made progress
        assert len(statuses) > 20 and set(statuses) == {200}, bodies[:3]
        # Nothing kept outlives the writer's last commit.
        _, _, final = fetch(served.url + "/api/v1/entries", bearer(world.tokens["right"]))
        assert json.loads(final)["total"] == 2 + 4 * int(out)
        served.proc.terminate()
        _, server_err = served.proc.communicate(timeout=10)
        assert "locked" not in server_err and "Traceback" not in server_err
    finally:
        stop_served(served)


def test_commands_in_other_processes_take_effect_at_the_next_request(
    served: Served, world: World
) -> None:
    right = bearer(world.tokens["right"])
    url = served.url + "/api/v1/entries"
    for _ in range(3):  # the server now keeps this token and this page
        status, _, body = fetch(url, right)
        assert status == 200 and json.loads(body)["total"] == 2

    def heartline(*args: str) -> None:
        # In this process: the server is the other process whose keep must not outlive it.
        done = run_cli(*args, "--db", str(world.path))
        assert done.returncode == 0, done.stderr

    heartline("entries", "delete", str(world.entries["shared_glad"]))
    status, _, body = fetch(url, right)
    assert [e["id"] for e in json.loads(body)["entries"]] == [world.public["shared"]]
    heartline("token", "revoke", str(world.token_ids["right"]))
    status, _, body = fetch(url, right)
    assert status == 401 and json.loads(body)["error"]["code"] == "unauthorized"


@pytest.mark.parametrize(
    "host,loopback",
    [
        ("127.0.0.1", True),
        ("127.5.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.20", False),
        ("::", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serving_beyond_loopback_warns(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    import heartline.web.server as server

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(98, "Address already in use")  # stop before binding anything

    monkeypatch.setattr(server, "make_server", refuse)
    group = heartline_cli
    result = CliRunner().invoke(
        group, ["serve", "--db", str(world.path), "--host", "0.0.0.0", "--port", "8750"]
    )
    assert "Warning: the service is exposed on 0.0.0.0" in result.output
    assert result.exit_code == 1 and "choose another --port" in result.output
    quiet = CliRunner().invoke(group, ["serve", "--db", str(world.path)])
    assert "Warning" not in quiet.output


def test_serve_reports_a_bad_database_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "not.db"
    bad.write_text("hello" * 1000)
    proc = run_cli("serve", "--db", str(bad), "--port", "0")
    assert proc.returncode != 0
    assert "is not a Heartline database" in proc.stderr
    assert "Traceback" not in proc.stderr
