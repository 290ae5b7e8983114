"""API latency while `sitrep ingest` writes to the same store (issues 8 and 12).

Starts `sitrep serve` and `sitrep ingest INPUT` as two processes on one SQLite store (the
ingest keeps writing while the server answers) and sends read requests to 127.0.0.1 until
the ingest ends, in a bounded loop.  Prints one JSON object: requests, errors (non-200 or
failed), p50/p95/p99 in ms overall and per endpoint, and how many articles the ingest stored.

    python benchmarks/bench_serve_during_ingest.py ../shared/eval/news_dev/articles.jsonl [--seed samples]
        [--store FILE]   # start from a copy of a bigger SQLite store (bench_ledger.py --db keeps one)
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ENDPOINTS = ("/healthz", "/api/stats", "/api/events?limit=20", "/api/events?limit=20&offset=20",
             "/api/claims?limit=20", "/api/contradictions?limit=20", "/api/articles?limit=20")
MAX_REQUESTS = 20_000
MAX_SECONDS = 900


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def _get(url: str) -> tuple[bool, float]:
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            r.read()
            ok = r.status == 200
    except Exception:  # noqa: BLE001 - counted as an error, the loop goes on
        ok = False
    return ok, (time.perf_counter() - t0) * 1000


def _count(db: str) -> int:
    import sqlite3
    with sqlite3.connect(db[len("sqlite:///"):]) as conn:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("input", help="what the concurrent ingest reads (file or folder)")
    ap.add_argument("--seed", default=str(Path(__file__).resolve().parents[1] / "src" / "sitrep" / "samples"),
                    help="ingested first, so the server starts on a store that has a ledger")
    ap.add_argument("--store", type=Path, help="an SQLite store file to start from (copied; --seed is not used)")
    args = ap.parse_args()
    sitrep = [sys.executable, "-m", "sitrep.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{tmp}/serve.db"
        if args.store:
            shutil.copyfile(args.store, f"{tmp}/serve.db")   # a closed store: its WAL is checkpointed
        else:
            subprocess.run([*sitrep, "ingest", args.seed, "--db", db], check=True, capture_output=True)
        articles_before = _count(db)
        port = _free_port()
        env = {**os.environ, "SITREP_ALLOWED_HOSTS": "127.0.0.1"}
        server = subprocess.Popen([*sitrep, "serve", "--db", db, "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(120):  # wait for the server
                if _get(base + "/healthz")[0]:
                    break
                time.sleep(0.5)
            ingest = subprocess.Popen([*sitrep, "ingest", args.input, "--db", db],
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            lat: dict[str, list[float]] = {e: [] for e in ENDPOINTS}
            errors, n, t0 = 0, 0, time.perf_counter()
            while ingest.poll() is None and n < MAX_REQUESTS and time.perf_counter() - t0 < MAX_SECONDS:
                endpoint = ENDPOINTS[n % len(ENDPOINTS)]
                ok, ms = _get(base + endpoint)
                errors += not ok
                lat[endpoint].append(ms)
                n += 1
            ingest_out = ingest.communicate(timeout=600)[0] if ingest.poll() is None else ingest.stdout.read()
            with urllib.request.urlopen(base + "/api/stats", timeout=30) as r:
                stats = json.loads(r.read())
        finally:
            server.terminate()
            server.wait(timeout=30)
    every = [ms for v in lat.values() for ms in v]
    print(json.dumps({
        "requests": n, "errors": errors, "seconds": round(time.perf_counter() - t0, 1),
        "p50_ms": _pct(every, 0.50), "p95_ms": _pct(every, 0.95), "p99_ms": _pct(every, 0.99),
        "max_ms": round(max(every), 1) if every else None,
        "per_endpoint_p99_ms": {e: _pct(v, 0.99) for e, v in lat.items()},
        "articles_before": articles_before, "articles_after": stats.get("articles"), "ledger_events_after": stats.get("ledger_events"),
        "ingest_tail": ingest_out.strip().splitlines()[-1:] if ingest_out else [],
        "median_ms": round(statistics.median(every), 1) if every else None,
    }, indent=2))


if __name__ == "__main__":
    main()
