"""Throughput and latency of `GET /api/v1/entries` (50 entries) on the real waitress process.

The figure that matters is the ratio of its requests per second to a constant-JSON endpoint on the
same server, measured by the same client in the same run (target: at least 0.8): it shows what
the API's own work costs, whatever the machine. Latency p50 and p99 are with 32 concurrent
keep-alive clients. Traffic stays on loopback and every loop is bounded in time.

Run: .venv/bin/python bench/api_throughput.py [--seconds 5] [--clients 32]
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store import Store  # noqa: E402

PROCESSES = 4
"""Client processes (each runs clients / PROCESSES threads), so the client is not one GIL."""


def make_database(path: Path) -> str:
    """50 shared entries from Sam to Alex; returns Alex's token."""
    with Store.open(path) as st:
        sam = st.person("Sam")
        emotions = ("mad", "sad", "glad", "fear")
        for n in range(50):
            c = st.start_checkin(sam, "text")
            e = emotions[n % 4]
            st.add_entry(
                checkin_id=c,
                person_id=sam,
                asked=e,
                emotion=e,
                kind="feeling",
                text=f"Entry {n}: a sentence or two about the day, as said aloud.",
                reply="Thank you for telling me.",
                words=None,
                engine="text",
            )
            st.share_checkin(c)
        st.person("Alex")
        return st.create_token("Sam", "Alex")[1]


def start_server(db: Path) -> tuple[subprocess.Popen[str], str, int]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "heartline", "serve", "--bench", "--db", str(db), "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    match = re.search(r"http://([\d.]+):(\d+)", line)
    if not match:
        proc.kill()
        raise SystemExit(f"serve did not start: {line!r}")
    return proc, match.group(1), int(match.group(2))


def _client(
    host: str,
    port: int,
    path: str,
    headers: dict[str, str],
    until: float,
    out: list[float],
    errors: list[int],
) -> None:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    while time.perf_counter() < until:
        start = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        out.append(time.perf_counter() - start)
        if response.status != 200:
            errors.append(response.status)
    conn.close()


def _process(args: tuple[str, int, str, dict[str, str], float, int]) -> tuple[list[float], int]:
    host, port, path, headers, until, threads = args
    latencies: list[float] = []
    errors: list[int] = []
    workers = [
        threading.Thread(target=_client, args=(host, port, path, headers, until, latencies, errors))
        for _ in range(threads)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return latencies, len(errors)


def measure(
    host: str, port: int, path: str, headers: dict[str, str], seconds: float, clients: int
) -> dict[str, float]:
    """Requests per second and latency percentiles (ms) for `clients` concurrent clients."""
    start = time.perf_counter()
    until = start + seconds
    per = clients // PROCESSES
    with multiprocessing.Pool(PROCESSES) as pool:
        results = pool.map(_process, [(host, port, path, headers, until, per)] * PROCESSES)
    elapsed = time.perf_counter() - start
    latencies = sorted(x for lat, _ in results for x in lat)
    errors = sum(e for _, e in results)
    if errors:
        raise SystemExit(f"{errors} requests to {path} failed")
    q = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50_ms": q[49] * 1000,
        "p99_ms": q[98] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=32)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        token = make_database(db)
        proc, host, port = start_server(db)
        try:
            auth = {"Authorization": f"Bearer {token}"}
            body = json.loads(_get(host, port, "/api/v1/entries?limit=50", auth))
            assert len(body["entries"]) == 50
            # Warm up both paths, then alternate so drift affects both alike.
            measure(host, port, "/api/v1/_constant", {}, 1.0, args.clients)
            runs: dict[str, list[dict[str, float]]] = {"constant": [], "entries": []}
            for _ in range(2):
                runs["constant"].append(
                    measure(host, port, "/api/v1/_constant", {}, args.seconds / 2, args.clients)
                )
                runs["entries"].append(
                    measure(
                        host, port, "/api/v1/entries?limit=50", auth, args.seconds / 2, args.clients
                    )
                )
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    summary = {
        name: {
            "rps": statistics.mean(r["rps"] for r in rs),
            "p50_ms": statistics.mean(r["p50_ms"] for r in rs),
            "p99_ms": statistics.mean(r["p99_ms"] for r in rs),
            "requests": sum(r["requests"] for r in rs),
        }
        for name, rs in runs.items()
    }
    ratio = summary["entries"]["rps"] / summary["constant"]["rps"]
    for name, s in summary.items():
        print(
            f"{name:9s} {s['rps']:8.0f} req/s  p50 {s['p50_ms']:6.1f} ms  "
            f"p99 {s['p99_ms']:6.1f} ms  ({s['requests']:.0f} requests, {args.clients} clients)"
        )
    print(f"ratio entries/constant: {ratio:.2f} (target >= 0.8)")
    print(json.dumps({"ratio": round(ratio, 3), **summary}))


def _get(host: str, port: int, path: str, headers: dict[str, str]) -> bytes:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.request("GET", path, headers=headers)
    data = conn.getresponse().read()
    conn.close()
    return data


if __name__ == "__main__":
    main()
