"""The store and ledger as they grow: write-time merge cost, API read latency, memory.

Builds a store of N synthetic articles: real extractions (the bundled samples,
and ../shared/articles when present, read in place) are extracted once, in a
subprocess, and their stored records are cloned with shifted dates and places
(no NLP per clone).  Clones come in threes, from three outlets, with the same
shift, so each incident is reported by several sources as in real coverage; a
clone's places are renamed and moved to another map cell.  They arrive in date
order, 60 a day, so a bigger store covers a longer period at the same density.
Then it measures:

* ingest_articles_per_s: storing the N articles (ledger kept at write time);
* add_article_ms_p95: adding one more article (ledger updated) to the store of
  N, over 60 additions, a third of them dated at random inside the covered
  period (late arrivals), the others after it;
* query_ms_p95: API reads through FastAPI's TestClient on a read-only
  connection (SQLite mode=ro, PostgreSQL default_transaction_read_only), so a
  read that writes fails: filtered events, a page of events, one event,
  claims, contradictions, stats;
* rebuild_on_read: whether any read failed or changed the ledger tables;
* peak_rss_mb: this process's peak resident memory (the extraction runs in a
  subprocess and is not counted);
* on a shared machine, the CPU time of this process per stored article and per
  added article (ingest_cpu_s_per_article, add_article_cpu_ms_p95) shows the
  cost without the waiting for a core.

--checkpoints 2000 also measures adds and reads at 2,000 on the way to N, in the
same process (the figures under "at", with N's ratio to them); --measure-only and
--reads-only measure a store kept by an earlier run (--db) without building it.

    python benchmarks/bench_ledger.py --articles 20000 --checkpoints 2000 [--db URL] [--templates FILE] --json
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

PER_DAY = 60      # articles a day: a few dozen outlets covering one war; the period grows with N
START = dt.date(2024, 1, 1)
PROBE = 10**7   # ids and clusters of the measured additions: apart from the build's


def extract_templates(out: Path) -> None:
    """Extract the template articles in a subprocess (its memory is not this process's)."""
    code = f"""
import json, sys
sys.path.insert(0, {str(ROOT / 'src')!r})
from pathlib import Path
from sitrep import pipeline
from sitrep.ingest import read_path
from sitrep.records import Article
paths = [Path({str(ROOT / 'src' / 'sitrep' / 'samples')!r})]
shared = Path({str(ROOT.parent / 'shared' / 'articles')!r})
if shared.is_dir():
    paths.append(shared)
arts = [a for p in paths for a in read_path(p) if isinstance(a, Article)]
with open({str(out)!r}, 'w') as f:
    for r in pipeline.extract_many(arts):
        if hasattr(r, 'article'):
            f.write(r.model_dump_json() + '\\n')
"""
    subprocess.run([sys.executable, "-c", code], check=True)


def _shift_dates(obj, days: int):
    if isinstance(obj, dict):
        out = {}
        for k, v in obj.items():
            if k in ("published", "date", "start_date", "end_date") and isinstance(v, str) and len(v) == 10:
                out[k] = (dt.date.fromisoformat(v) + dt.timedelta(days=days)).isoformat()
            else:
                out[k] = _shift_dates(v, days)
        return out
    if isinstance(obj, list):
        return [_shift_dates(x, days) for x in obj]
    return obj


def _move_places(obj, tag: str, dlat: float, dlon: float):
    if isinstance(obj, dict):
        out = {k: _move_places(v, tag, dlat, dlon) for k, v in obj.items()}
        if obj.get("record") == "place" and obj.get("precision") not in ("country", "region", "unknown"):
            out["name"] = f"{obj['name']} {tag}"
            if obj.get("lat") is not None and obj.get("lon") is not None:
                out["lat"] = max(-80.0, min(80.0, obj["lat"] + dlat))
                out["lon"] = (obj["lon"] + dlon + 180.0) % 360.0 - 180.0
        return out
    if isinstance(obj, list):
        return [_move_places(x, tag, dlat, dlon) for x in obj]
    return obj


class Cloner:
    def __init__(self, templates: list[dict]):
        self.templates = templates

    def clone(self, i: int, cluster: int, day: int):
        from sitrep.records import ArticleResult
        t = self.templates[cluster % len(self.templates)]
        base = dt.date.fromisoformat(t["article"]["published"]) if t["article"].get("published") else START
        rng = random.Random(cluster)
        data = _shift_dates(t, (START - base).days + day)
        data = _move_places(data, f"c{cluster}", rng.uniform(-25, 25), rng.uniform(-90, 90))
        art = data["article"]
        art["id"] = hashlib.sha256(f"clone {i}".encode()).hexdigest()
        art["outlet"] = f"Outlet {i % 3}"
        art["source_path"] = f"synthetic/{i}"
        if not art.get("published"):   # an undated template would be compared with every report
            art["published"] = (START + dt.timedelta(days=day)).isoformat()
        return ArticleResult.model_validate(data)

    def article(self, i: int):
        cluster = i // 3
        return self.clone(i, cluster, i // PER_DAY)   # in date order, PER_DAY articles a day


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(0.95 * len(values)))], 1)


def _read_only(url: str) -> str:
    if url.startswith("sqlite:///"):
        return f"sqlite:///file:{url[len('sqlite:///'):]}?mode=ro&uri=true"
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-c%20default_transaction_read_only%3Don"


def _fingerprint(store) -> tuple:
    from sqlalchemy import func, select

    from sitrep.ledger.schema import claim_series, contradictions, ledger_events, ledger_state
    with store.engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar_one()
                     for t in (ledger_events, claim_series, contradictions)) + \
            (conn.execute(select(ledger_state.c.built_at)).scalar(),)


def _adds(store, cloner, n: int, rng) -> tuple[list[float], list[float]]:
    """Add 60 articles one at a time through the real write path (Store.add_result) to a store
    of n: a third dated at random inside the covered period (late arrivals), the others after
    it.  Their ids and clusters are not those of the build's clones."""
    add_ms, add_cpu = [], []
    span = max(1, n // PER_DAY)
    for k in range(60):
        day = rng.randrange(span) if k % 3 == 0 else span + k // 3
        r = cloner.clone(PROBE + n + k, PROBE + n + k, day)
        t, c = time.perf_counter(), time.process_time()
        store.add_result(r)
        add_ms.append((time.perf_counter() - t) * 1000)
        add_cpu.append((time.process_time() - c) * 1000)
    return add_ms, add_cpu


def _reads(url: str, store, n: int, rng) -> tuple[dict, int]:
    """API reads through TestClient on a read-only connection: p95 ms per kind, and failures."""
    from fastapi.testclient import TestClient

    from sitrep.api import create_app
    events_total = store.stats()["ledger_events"]
    some = store.ledger_page(limit=50, offset=rng.randrange(max(1, events_total - 50)))[0]
    ids = [e.id for e in some]
    failed = 0
    q: dict[str, list[float]] = {k: [] for k in ("filtered", "page", "event", "claims", "contradictions", "stats")}
    # TestClient sends Host "testserver"; the app answers only allowed hosts (localhost by default)
    with TestClient(create_app(_read_only(url), hosts=["testserver"])) as client:
        def get(kind, path, **params):
            nonlocal failed
            t = time.perf_counter()
            r = client.get(path, params=params)
            q[kind].append((time.perf_counter() - t) * 1000)
            failed += r.status_code != 200
        get("stats", "/api/stats")   # warm the connection pool
        q["stats"].clear()
        for _ in range(30):
            month = START + dt.timedelta(days=rng.randrange(max(1, n // PER_DAY - 30)))
            get("filtered", "/api/events", type=rng.choice(["ASSAULT", "FIGHT", "COERCE", "CONSULT"]),
                since=month.isoformat(), until=(month + dt.timedelta(days=30)).isoformat(), limit=100)
            get("page", "/api/events", limit=100, offset=rng.randrange(max(1, events_total - 100)))
            get("event", f"/api/events/{rng.choice(ids)}")
            get("claims", "/api/claims", limit=100, points_limit=100)
            get("contradictions", "/api/contradictions", limit=100)
            get("stats", "/api/stats")
    return {k: _p95(v) for k, v in q.items()}, failed


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run(n: int, url: str, templates_path: Path, checkpoints: tuple[int, ...] = ()) -> dict:
    """Build to n articles; at each checkpoint below n (and at n) measure adds and reads.
    The checkpoints' figures are under "at" (by size), n's at the top level."""
    from sitrep.ledger.store import Store

    templates = [json.loads(line) for line in templates_path.read_text().splitlines() if line.strip()]
    cloner = Cloner(templates)
    store = Store(url)
    rng = random.Random(1)
    stops = sorted({c for c in checkpoints if 0 < c < n} | {n})
    at: dict[int, dict] = {}
    built, ingest_s, ingest_cpu, batch = 0, 0.0, 0.0, 200
    for stop in stops:
        t0, c0 = time.perf_counter(), time.process_time()
        for start in range(built, stop, batch):
            store.add_results([cloner.article(i) for i in range(start, min(stop, start + batch))])
            if (start + batch) % 1000 == 0:
                print(f"stored {start + batch}: {ingest_s + time.perf_counter() - t0:.0f} s, "
                      f"cpu {ingest_cpu + time.process_time() - c0:.0f} s", file=sys.stderr, flush=True)
        ingest_s, ingest_cpu = ingest_s + time.perf_counter() - t0, ingest_cpu + time.process_time() - c0
        built = stop
        add_ms, add_cpu = _adds(store, cloner, stop, rng)
        before = _fingerprint(store)
        reads, failed = _reads(url, store, stop, rng)
        after = _fingerprint(store)
        stats = store.stats()
        at[stop] = {
            "articles": stats["articles"],
            "ledger_events": stats["ledger_events"],
            "ingest_articles_per_s": round(stop / ingest_s, 1),
            "add_article_ms_p95": _p95(add_ms),
            "query_ms_p95": reads,
            "rebuild_on_read": bool(failed) or before != after,
            # the machine is shared: CPU time of this process shows the cost without the waiting
            "ingest_cpu_s_per_article": round(ingest_cpu / max(stop, 1), 4),
            "add_article_cpu_ms_p95": _p95(add_cpu),
            "read_errors": failed,
            "peak_rss_mb": _rss_mb(),
        }
        print(f"at {stop}: {json.dumps(at[stop])}", file=sys.stderr, flush=True)
    out = dict(at.pop(n))
    out.update(database=store.engine.dialect.name, templates=len(templates))
    if at:
        out["at"] = {str(k): v for k, v in at.items()}
        first = at[min(at)]
        out["add_article_ms_p95_ratio"] = round(out["add_article_ms_p95"] / max(first["add_article_ms_p95"], 1e-9), 2)
        out["add_article_cpu_ms_p95_ratio"] = round(out["add_article_cpu_ms_p95"] /
                                                    max(first["add_article_cpu_ms_p95"], 1e-9), 2)
    return out


def measure_only(url: str, templates_path: Path, adds: bool) -> dict:
    """Adds (when `adds`) and reads on the existing store at url, built by an earlier run: a
    build stopped part way, or a store re-read after a change of the read paths.  The adds
    start with a cold merge cache (a new process), so they cost more than within a build."""
    from sitrep.ledger.store import Store
    store = Store(url)
    n = store.stats()["articles"]
    out: dict = {"articles_before_adds": n}
    rng = random.Random(1)
    if adds:
        templates = [json.loads(line) for line in templates_path.read_text().splitlines() if line.strip()]
        add_ms, add_cpu = _adds(store, Cloner(templates), n, rng)
        out.update(add_article_ms_p95=_p95(add_ms), add_article_cpu_ms_p95=_p95(add_cpu))
    before = _fingerprint(store)
    reads, failed = _reads(url, store, n, rng)
    out.update(articles=store.stats()["articles"], ledger_events=store.stats()["ledger_events"], query_ms_p95=reads,
               rebuild_on_read=bool(failed) or before != _fingerprint(store), read_errors=failed,
               peak_rss_mb=_rss_mb(), database=store.engine.dialect.name)
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, required=True)
    ap.add_argument("--db", help="store URL (default: a new SQLite file in a temp folder)")
    ap.add_argument("--templates", type=Path, help="JSONL of extracted ArticleResults to clone (made and kept "
                                                   "when missing)")
    ap.add_argument("--checkpoints", default="", help="comma-separated smaller sizes measured on the way to N "
                                                      "(e.g. 2000): the ratio of N's cost to theirs in one run")
    ap.add_argument("--reads-only", action="store_true", help="measure only the API reads of the existing store "
                                                              "at --db (a kept store, re-read after a read-path change)")
    ap.add_argument("--measure-only", action="store_true", help="no build: adds and reads on the existing store at "
                                                                "--db (a build stopped part way)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bench-ledger-"))
    templates = args.templates or tmp / "templates.jsonl"
    if not templates.exists():
        extract_templates(templates)
    url = args.db or f"sqlite:///{tmp / 'store.db'}"
    checkpoints = tuple(int(x) for x in args.checkpoints.split(",") if x.strip())
    if args.reads_only or args.measure_only:
        result = measure_only(url, templates, adds=args.measure_only)
    else:
        result = run(args.articles, url, templates, checkpoints)
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:>24}: {v}")
    if not args.db:
        for f in tmp.glob("store.db*"):
            os.remove(f)


if __name__ == "__main__":
    main()
