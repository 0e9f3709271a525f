"""Done when: a speaker shares a check-in, the partner sees exactly those entries through the API
and on the page, hears them through `listen` and the audio endpoint."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import Ran, run_cli

from .conftest import start_served, stop_served
from .test_served import fetch


def heartline(*args: str, input: str | None = None) -> Ran:
    return run_cli(*args, input=input)


def test_a_shared_checkin_reaches_the_partner(tmp_path: Path) -> None:
    db = str(tmp_path / "h.db")
    answers = "my boss yelled at me\nnothing\nmy friend made me laugh\nnope\nyes\n"
    done = heartline("checkin", "--as", "Sam", "--text", "--db", db, input=answers)
    assert done.returncode == 0, done.stderr
    made = heartline("token", "create", "--as", "Sam", "--for", "Alex", "--json", "--db", db)
    token = json.loads(made.stdout)["token"]
    served = start_served(Path(db))
    try:
        auth = {"Authorization": f"Bearer {token}"}
        status, _, body = fetch(served.url + "/api/v1/entries", auth)
        entries = json.loads(body)["entries"]
        assert status == 200
        assert sorted(e["asked"] for e in entries) == ["glad", "mad"]
        assert {e["kind"] for e in entries} <= {"feeling", "outer"}
        for e in entries:
            status, headers, wav = fetch(served.url + e["audio_url"], auth)
            assert status == 200 and wav[:4] == b"RIFF"
        heard = heartline(
            "listen",
            "--as",
            "Alex",
            "--from",
            served.url,
            "--no-speak",
            "--say-to",
            str(tmp_path / "heard"),
            input=token + "\n",  # typed at the prompt, never in the arguments
        )
        assert heard.returncode == 0, heard.stderr
        assert len(heard.stdout.splitlines()) == 2
        assert all(
            line.startswith("Sam shared that they felt") for line in heard.stdout.splitlines()
        )
        assert len(list((tmp_path / "heard").glob("*.wav"))) == 2
    finally:
        stop_served(served)
