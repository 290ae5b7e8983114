"""Extraction time against article length: is it linear up to the article limit?

Articles are built by repeating the bundled sample articles' paragraphs (one headline, then
paragraphs) to each length.  For each length it prints wall and CPU seconds and microseconds
of CPU per character; CPU time is the figure to compare on a shared machine, wall time what a
user waits.  Each length runs in a fresh subprocess so that one run's memory does not carry
over; peak RSS is reported.  Usage:

    python benchmarks/bench_long_article.py [--sizes 25000,50000,100000,200000] [--json]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def article_text(n: int) -> str:
    from sitrep.ingest import read_path
    from sitrep.records import Article
    paragraphs = [p for a in read_path(ROOT / "src" / "sitrep" / "samples") if isinstance(a, Article)
                  for p in a.text.split("\n")[1:]]
    out, size, i = ["Long report on the fighting"], 0, 0
    while size < n:
        out.append(paragraphs[i % len(paragraphs)])
        size += len(out[-1]) + 1
        i += 1
    return "\n".join(out)[:n].rsplit(" ", 1)[0]


def measure(n: int) -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    from sitrep.ingest import article_from_text
    from sitrep.invariants import violations
    from sitrep.nlp import get_nlp
    from sitrep.pipeline import extract

    get_nlp()
    article = article_from_text(article_text(n))
    wall, cpu = time.perf_counter(), time.process_time()
    result = extract(article)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"chars": len(article.text), "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
            "cpu_us_per_char": round(cpu / len(article.text) * 1e6, 1), "events": len(result.events),
            "casualties": len(result.casualties), "span_errors": len(violations(result)),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="25000,50000,100000,200000")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    rows = []
    for n in map(int, args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        if not args.json:
            r = rows[-1]
            print(f"{r['chars']:>9,} chars  wall {r['wall_s']:7.2f} s  cpu {r['cpu_s']:7.2f} s  "
                  f"{r['cpu_us_per_char']:6.1f} us/char  events {r['events']:5}  span errors {r['span_errors']}  "
                  f"peak RSS {r['peak_rss_mb']} MB", flush=True)
    if args.json:
        print(json.dumps(rows))
    else:
        per = [r["cpu_us_per_char"] for r in rows]
        print(f"CPU per character, largest / smallest size: {per[-1] / per[0]:.2f}x (1.00 = linear)")


if __name__ == "__main__":
    main()
