"""Scale-out: articles per second with 1 and with 2 local Dask workers, in one run.

For each worker count a LocalCluster (one process per worker, one thread each) is started and
warmed (the WarmModel plugin loads spaCy on every worker) before the clock starts; then N
articles go through `sitrep.distributed.extract_batches_on_dask` (bounded batches in flight,
results taken as they finish) and, with --ingest, through `run_ingest(..., dask_address=...)`
into a fresh SQLite store (read, extract on the workers, store as results arrive).  Prints
articles/s for each worker count and the ratio 2 workers / 1 worker, and the CPU count and
load average, since on a shared machine the ratio is bounded by the cores actually free.

    python benchmarks/bench_dask.py [--n 96] [--batch 4] [--ingest] [--json]
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def texts(n: int) -> tuple[list[str], str]:
    docs = ROOT.parent / "shared" / "eval" / "timeml_tempeval3" / "documents_plain.csv"
    if docs.exists():  # real wire copy, read in place
        csv.field_size_limit(10**8)
        with docs.open(encoding="utf-8") as f:
            found = [row["plain_text"].strip() for row in csv.DictReader(f)]
        origin = "TempEval-3 documents"
    else:
        from sitrep.ingest import read_path
        from sitrep.records import Article
        found = [a.text for a in read_path(ROOT / "src" / "sitrep" / "samples") if isinstance(a, Article)]
        origin = "bundled samples"
    # a numbered first line keeps every article distinct (no duplicate skipped in --ingest)
    return [f"Report {i}\n{found[i % len(found)]}" for i in range(n)], origin


def run(workers: int, arts: list, batch: int, ingest_dir) -> dict:
    from distributed import Client, LocalCluster

    from sitrep.distributed import close_clients, extract_batches_on_dask, extract_on_dask

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=40) as cluster, Client(cluster) as client:
        list(extract_on_dask(arts[:workers], client, batch_size=1))   # warm: model loaded, code imported
        t = time.perf_counter()
        batches = [arts[i:i + batch] for i in range(0, len(arts), batch)]
        done = sum(len(results) for _, results in extract_batches_on_dask(batches, client))
        out = {"workers": workers, "extract_articles_per_s": round(done / (time.perf_counter() - t), 2)}
        if ingest_dir:
            from sitrep.ingest_runner import run_ingest
            from sitrep.ledger.store import Store
            with tempfile.TemporaryDirectory() as tmp:
                store = Store(f"sqlite:///{tmp}/bench.db")
                t = time.perf_counter()
                summary = run_ingest([ingest_dir], store, dask_address=cluster.scheduler_address, batch_size=batch)
                out["ingest_articles_per_s"] = round(summary["stored"] / (time.perf_counter() - t), 2)
        close_clients()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=96, help="articles per measurement")
    ap.add_argument("--batch", type=int, default=4, help="articles per Dask task")
    ap.add_argument("--ingest", action="store_true", help="also time run_ingest --dask into SQLite")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    from sitrep.ingest import article_from_text
    raw, origin = texts(args.n)
    arts = [article_from_text(t) for t in raw]
    with tempfile.TemporaryDirectory() as folder:
        if args.ingest:
            for i, t in enumerate(raw):
                Path(folder, f"a{i:04d}.txt").write_text(t, encoding="utf-8")
        rows = [run(w, arts, args.batch, folder if args.ingest else None) for w in (1, 2)]
    report = {"articles": args.n, "texts": origin, "batch": args.batch, "cpus": os.cpu_count(),
              "load_average_1min": round(os.getloadavg()[0], 2), "runs": rows,
              "extract_speedup_2_vs_1": round(rows[1]["extract_articles_per_s"] / rows[0]["extract_articles_per_s"], 2)}
    if args.ingest:
        report["ingest_speedup_2_vs_1"] = round(rows[1]["ingest_articles_per_s"] / rows[0]["ingest_articles_per_s"], 2)
    if args.json:
        print(json.dumps(report))
        return
    print(f"{args.n} articles ({origin}), {args.batch} per task, {report['cpus']} CPUs, "
          f"load average {report['load_average_1min']}")
    for r in rows:
        line = f"  {r['workers']} worker(s): extract {r['extract_articles_per_s']} articles/s"
        if args.ingest:
            line += f", ingest {r['ingest_articles_per_s']} articles/s"
        print(line)
    print(f"  2 workers / 1 worker: extract {report['extract_speedup_2_vs_1']}x"
          + (f", ingest {report['ingest_speedup_2_vs_1']}x" if args.ingest else ""))


if __name__ == "__main__":
    main()
