"""Throughput and latency of `GET /api/v1/entries` (50 entries) on the real waitress process.

The figure that matters is the ratio of its requests per second to a constant-JSON endpoint on the
same server, measured by the same client with the same headers in the same run (target: at least
0.8): it shows what the API's own work costs, whatever the machine. Both are warmed up, then
measured in alternating pairs; the ratio reported is the median of the pairs'. Latency p50 and p99
are with 32 concurrent keep-alive clients. Traffic stays on loopback and every loop is bounded in
time.

Run: .venv/bin/python bench/api_throughput.py [--seconds 3] [--rounds 5] [--clients 32]
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
from multiprocessing.pool import Pool
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


def start_server(db: Path, *extra: str) -> tuple[subprocess.Popen[str], str, int]:
    proc = subprocess.Popen(
        [
            sys.executable,
            *("-m", "heartline", "serve", "--bench", "--db", str(db), "--port", "0"),
            *extra,
        ],
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
    window: tuple[float, float],
    out: list[float],
    errors: list[int],
) -> None:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.connect()
    start_at, until = window
    time.sleep(max(0.0, start_at - time.perf_counter()))
    while time.perf_counter() < until:
        start = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        out.append(time.perf_counter() - start)
        if response.status != 200:
            errors.append(response.status)
    conn.close()


def _process(
    args: tuple[str, int, str, dict[str, str], tuple[float, float], int],
) -> tuple[list[float], int, float]:
    host, port, path, headers, window, threads = args
    latencies: list[float] = []
    errors: list[int] = []
    workers = [
        threading.Thread(
            target=_client, args=(host, port, path, headers, window, latencies, errors)
        )
        for _ in range(threads)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return latencies, len(errors), time.perf_counter()


def measure(
    pool: Pool,
    host: str,
    port: int,
    path: str,
    headers: dict[str, str],
    seconds: float,
    clients: int,
) -> dict[str, float]:
    """Requests per second and latency percentiles (ms) for `clients` concurrent clients.

    Every client connects first and starts at the same moment; the rate is over the time from
    that moment until the last answer (perf_counter is the system's monotonic clock, the same in
    every process), so starting the client threads is not counted.
    """
    start_at = time.perf_counter() + 0.3
    window = (start_at, start_at + seconds)
    per = clients // PROCESSES
    results = pool.map(_process, [(host, port, path, headers, window, per)] * PROCESSES)
    elapsed = max(end for _, _, end in results) - start_at
    latencies = sorted(x for lat, _, _ in results for x in lat)
    errors = sum(e for _, e, _ in results)
    if errors:
        raise SystemExit(f"{errors} requests to {path} failed")
    q = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50_ms": q[49] * 1000,
        "p99_ms": q[98] * 1000,
    }


ENDPOINTS = {"constant": "/api/v1/_constant", "entries": "/api/v1/entries?limit=50"}


SERVERS = {"kept": (), "nothing kept": ("--no-keep",)}
"""The server as shipped, which keeps answers until the next commit, and with that turned off:
every request then authenticates and reads its page from SQLite, as right after a commit."""


def run_server(
    pool: Pool, db: Path, token: str, extra: tuple[str, ...], args: argparse.Namespace
) -> tuple[dict[str, dict[str, float]], list[float]]:
    """Medians per endpoint, and the ratio of each constant/entries pair, on one server."""
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in ENDPOINTS}
    ratios: list[float] = []
    proc, host, port = start_server(db, *extra)
    try:
        # The same headers for both: the baseline differs from entries only by its path.
        auth = {"Authorization": f"Bearer {token}"}
        body = json.loads(_get(host, port, ENDPOINTS["entries"], auth))
        assert len(body["entries"]) == 50
        # Warm up both paths (every worker thread: its connection and page cache).
        for path in ENDPOINTS.values():
            measure(pool, host, port, path, auth, 1.0, args.clients)
        # Pairs in alternating order (A B, B A, ...), so drift in the machine's load
        # affects both alike; the figure is the median of the pairs' ratios.
        for n in range(args.rounds):
            order = list(ENDPOINTS) if n % 2 == 0 else list(reversed(ENDPOINTS))
            pair = {
                name: measure(pool, host, port, ENDPOINTS[name], auth, args.seconds, args.clients)
                for name in order
            }
            for name, result in pair.items():
                runs[name].append(result)
            ratios.append(pair["entries"]["rps"] / pair["constant"]["rps"])
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    summary = {
        name: {
            "rps": statistics.median(r["rps"] for r in rs),
            "p50_ms": statistics.median(r["p50_ms"] for r in rs),
            "p99_ms": statistics.median(r["p99_ms"] for r in rs),
            "requests": sum(r["requests"] for r in rs),
        }
        for name, rs in runs.items()
    }
    return summary, ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="each measurement")
    parser.add_argument("--rounds", type=int, default=5, help="constant/entries pairs")
    parser.add_argument("--clients", type=int, default=32)
    args = parser.parse_args()
    report: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp, multiprocessing.Pool(PROCESSES) as pool:
        db = Path(tmp) / "bench.db"
        token = make_database(db)
        for server, extra in SERVERS.items():
            summary, ratios = run_server(pool, db, token, extra, args)
            ratio = statistics.median(ratios)
            print(f"server: {server}")
            for name, s in summary.items():
                print(
                    f"  {name:9s} {s['rps']:8.0f} req/s  p50 {s['p50_ms']:6.1f} ms  "
                    f"p99 {s['p99_ms']:6.1f} ms  (medians of {args.rounds}; "
                    f"{s['requests']:.0f} requests, {args.clients} clients)"
                )
            target = " (target >= 0.8)" if not extra else ""
            print(
                f"  ratio entries/constant: median {ratio:.2f} of "
                f"{', '.join(f'{r:.2f}' for r in ratios)}{target}"
            )
            report[server] = {
                "ratio": round(ratio, 3),
                "ratios": [round(r, 3) for r in ratios],
                **summary,
            }
    print(json.dumps(report))


def _get(host: str, port: int, path: str, headers: dict[str, str]) -> bytes:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.request("GET", path, headers=headers)
    data = conn.getresponse().read()
    conn.close()
    return data


if __name__ == "__main__":
    main()
