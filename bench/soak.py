"""Soak of the served process: readers, writers, heard marks, token revokes and deletes together.

A real `heartline serve` (waitress) on loopback and a real SQLite file. For --seconds (default
180): 6 reader threads (the list, one entry, its audio), 2 threads marking entries heard, a
writer adding and sharing check-ins, a thread making a new token and revoking the old one every
few seconds, and a thread deleting entries. Prints requests by status, 5xx, whether the server
survived, and its RSS over time (the first sample after warm-up is the baseline).

Run: .venv/bin/python bench/soak.py [--seconds 180]
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store import Store  # noqa: E402


class Shared:
    """What the soak's threads share: the current token and the ids seen."""

    def __init__(self, token: str, token_id: int) -> None:
        self.lock = threading.Lock()
        self.token = token
        self.token_id = token_id
        self.ids: list[str] = []
        self.statuses: Counter[int] = Counter()
        self.errors: Counter[str] = Counter()
        self.stop = threading.Event()

    def count(self, status: int) -> None:
        with self.lock:
            self.statuses[status] += 1


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        match = re.search(r"VmRSS:\s+(\d+)", f.read())
    return int(match.group(1)) if match else 0


def request(port: int, method: str, path: str, token: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, headers={"Authorization": f"Bearer {token}"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def reader(port: int, shared: Shared, rng: random.Random) -> None:
    while not shared.stop.is_set():
        try:
            status, body = request(port, "GET", "/api/v1/entries?limit=20", shared.token)
            shared.count(status)
            if status == 200:
                ids = [e["id"] for e in json.loads(body)["entries"]]
                with shared.lock:
                    shared.ids = ids
                if ids:
                    entry = rng.choice(ids)
                    for suffix in ("", "/audio"):
                        status, _ = request(
                            port, "GET", f"/api/v1/entries/{entry}{suffix}", shared.token
                        )
                        shared.count(status)
        except OSError as err:
            with shared.lock:
                shared.errors[type(err).__name__] += 1


def marker(port: int, shared: Shared, rng: random.Random) -> None:
    while not shared.stop.is_set():
        with shared.lock:
            ids = list(shared.ids)
        if ids:
            try:
                status, _ = request(
                    port, "POST", f"/api/v1/entries/{rng.choice(ids)}/heard", shared.token
                )
                shared.count(status)
            except OSError as err:
                with shared.lock:
                    shared.errors[type(err).__name__] += 1
        time.sleep(0.05)


def writer(db: Path, shared: Shared) -> int:
    n = 0
    with Store.open(db) as st:
        sam = st.person("Sam")
        while not shared.stop.is_set():
            c = st.start_checkin(sam, "text")
            for emotion in ("mad", "sad", "glad", "fear"):
                st.add_entry(
                    checkin_id=c,
                    person_id=sam,
                    asked=emotion,
                    emotion=emotion,
                    kind="feeling",
                    text=f"soak {n} {emotion}: a sentence about the day",
                    reply="ok",
                    words=None,
                    engine="text",
                )
            st.share_checkin(c)
            st.finish_checkin(c, "completed")
            n += 1
            time.sleep(0.5)
    return n


def revoker(db: Path, shared: Shared) -> None:
    while not shared.stop.wait(3.0):
        with Store.open(db) as st:
            token_id, token = st.create_token("Sam", "Alex")
            with shared.lock:
                old, shared.token, shared.token_id = shared.token_id, token, token_id
            st.revoke_token(old)


def deleter(db: Path, shared: Shared, rng: random.Random) -> None:
    while not shared.stop.wait(1.0):
        with Store.open(db) as st:
            rows = st.entries("Sam")
            if len(rows) > 40:
                st.delete_entry(rng.choice(rows[20:])["id"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=180.0)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "soak.db"
        with Store.open(db) as st:
            st.person("Sam")
            st.person("Alex")
            token_id, token = st.create_token("Sam", "Alex")
        shared = Shared(token, token_id)
        server = subprocess.Popen(
            [sys.executable, "-m", "heartline", "serve", "--db", str(db), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert server.stdout is not None
        line = server.stdout.readline()
        found = re.search(r":(\d+)/", line)
        if not found:
            raise SystemExit(f"serve did not start: {line!r}")
        port = int(found.group(1))
        threads = [
            threading.Thread(target=reader, args=(port, shared, random.Random(i))) for i in range(6)
        ]
        threads += [
            threading.Thread(target=marker, args=(port, shared, random.Random(10 + i)))
            for i in range(2)
        ]
        threads += [
            threading.Thread(target=revoker, args=(db, shared)),
            threading.Thread(target=deleter, args=(db, shared, rng)),
        ]
        written: list[int] = []
        threads.append(threading.Thread(target=lambda: written.append(writer(db, shared))))
        for t in threads:
            t.start()
        samples: list[tuple[float, int]] = []
        start = time.monotonic()
        while time.monotonic() - start < args.seconds and server.poll() is None:
            time.sleep(5)
            samples.append((time.monotonic() - start, rss_kb(server.pid)))
        shared.stop.set()
        for t in threads:
            t.join(timeout=120)
        alive = server.poll() is None
        server.terminate()
        _, err = server.communicate(timeout=30)
    five = sum(n for s, n in shared.statuses.items() if s >= 500)
    base = samples[1][1] if len(samples) > 1 else samples[0][1]
    print(
        f"soak: {args.seconds:.0f} s, server {'alive' if alive else 'DIED'}, "
        f"check-ins written {written[0] if written else 0}"
    )
    print(
        f"  requests by status: {dict(sorted(shared.statuses.items()))}; 5xx: {five}; "
        f"client errors: {dict(shared.errors)}"
    )
    print(
        "  server RSS (MB) at " + ", ".join(f"{t:.0f}s {kb / 1024:.1f}" for t, kb in samples[::6])
    )
    print(
        f"  RSS growth after warm-up (10 s): {(samples[-1][1] - base) / 1024:+.1f} MB; "
        f"max {max(kb for _, kb in samples) / 1024:.1f} MB"
    )
    print(f"  tracebacks in the server's log: {err.count('Traceback')}")
    print(
        json.dumps(
            {
                "alive": alive,
                "statuses": shared.statuses,
                "five_xx": five,
                "rss_kb": samples,
                "tracebacks": err.count("Traceback"),
            }
        )
    )


if __name__ == "__main__":
    main()
