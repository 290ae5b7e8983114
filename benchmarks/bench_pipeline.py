"""Throughput and memory: full sitrep pipeline vs raw spaCy nlp.pipe on the same texts.

Each mode runs in its own subprocess so peak RSS is measured separately.
Texts: TempEval-3 news documents from ../shared/eval when present (real wire
copy), else the bundled samples repeated.  Usage:
    python benchmarks/bench_pipeline.py [--n 200] [--shared ../shared]
"""
from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_texts(n: int, shared: Path) -> tuple[list[str], str]:
    docs = shared / "eval" / "timeml_tempeval3" / "documents_plain.csv"
    if docs.exists():
        csv.field_size_limit(10**8)
        with docs.open(encoding="utf-8") as f:
            texts = [row["plain_text"].strip() for row in csv.DictReader(f)]
        return (texts * (n // len(texts) + 1))[:n], f"TempEval-3 documents ({docs})"
    sys.path.insert(0, str(ROOT / "src"))
    from sitrep.ingest import read_path
    from sitrep.records import Article
    arts = [a.text for a in read_path(ROOT / "src" / "sitrep" / "samples") if isinstance(a, Article)]
    return (arts * (n // max(len(arts), 1) + 1))[:n], "bundled samples (repeated)"


def worker(mode: str, n: int, shared: Path) -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    from sitrep.nlp import get_nlp
    texts, origin = load_texts(n, shared)
    nlp = get_nlp()
    list(nlp.pipe(texts[:2]))  # warm-up: model load excluded from timing
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    if mode == "spacy":
        for _ in nlp.pipe(texts, batch_size=16):
            pass
    else:
        from sitrep import pipeline
        from sitrep.ingest import article_from_text
        import datetime as dt
        arts = [article_from_text(t, published=dt.date(2020, 10, 22)) for t in texts]
        for _ in pipeline.extract_many(arts, batch_size=16):
            pass
    secs = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mode": mode, "articles": len(texts), "words": words, "seconds": round(secs, 2),
            "articles_per_s": round(len(texts) / secs, 1), "words_per_s": round(words / secs),
            "peak_rss_mb": round(rss_mb), "texts": origin}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--mode", choices=["spacy", "sitrep"])
    args = ap.parse_args()
    if args.mode:
        print(json.dumps(worker(args.mode, args.n, args.shared)))
        return
    rows = []
    for mode in ("spacy", "sitrep"):
        proc = subprocess.run([sys.executable, __file__, "--mode", mode, "--n", str(args.n),
                               "--shared", str(args.shared)], capture_output=True, text=True, check=True)
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    print(f"texts: {rows[0]['texts']}; {rows[0]['articles']} articles, {rows[0]['words']} words, one process each")
    print(f"{'mode':<8}{'articles/s':>12}{'words/s':>10}{'seconds':>9}{'peak RSS MB':>13}")
    for r in rows:
        print(f"{r['mode']:<8}{r['articles_per_s']:>12}{r['words_per_s']:>10}{r['seconds']:>9}{r['peak_rss_mb']:>13}")
    ratio = rows[1]["seconds"] / rows[0]["seconds"]
    print(f"sitrep / raw spaCy time ratio: {ratio:.2f}x (extraction overhead on top of parsing)")


if __name__ == "__main__":
    main()
