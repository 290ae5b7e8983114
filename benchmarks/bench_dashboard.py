"""Latency of the requests the dashboard makes, through the API (FastAPI TestClient, no browser),
on a synthetic store of N ledger events (tests/web_stores.py: hand-built records, no NLP).

Prints one JSON object: events, build_s (store + first ledger build), and p50/p95 milliseconds
per request over --repeat runs (the ledger already built, so these are the steady-state reads).
Usage:  python benchmarks/bench_dashboard.py [--events 2000] [--repeat 20]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

REQUESTS = {
    "events_page": "/api/events?limit=25&offset=100",
    "events_filtered": "/api/events?limit=25&place=Djibo&since=2023-06-01",
    "daily": "/api/daily",
    "claims_page": "/api/claims?limit=15&place=Djibo",
    "contradictions_page": "/api/contradictions?limit=10&conflict=MLI",
    "event": None,   # one event, filled in below
    "event_claims": None,
    "events_csv": "/api/events.csv?type=PROTEST",
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    import web_stores
    from fastapi.testclient import TestClient
    from sitrep.api import create_app
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        t = time.perf_counter()
        web_stores.build_synthetic(url, args.events).stats()
        build_s = time.perf_counter() - t
        client = TestClient(create_app(url))
        eid = client.get("/api/events?limit=1&place=Kidal").json()[0]["id"]
        REQUESTS["event"] = f"/api/events/{eid}"
        REQUESTS["event_claims"] = f"/api/claims?event_id={eid}"
        out = {"events": int(client.get("/api/events?limit=1").headers["x-total-count"]), "build_s": round(build_s, 1)}
        for name, path in REQUESTS.items():
            client.get(path)   # the first read builds the server's snapshot
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                assert client.get(path).status_code == 200, path
                times.append((time.perf_counter() - t) * 1000)
            times.sort()
            out[name] = {"p50_ms": round(statistics.median(times), 1),
                         "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
