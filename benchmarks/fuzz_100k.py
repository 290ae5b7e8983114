"""Fuzz the whole input path with N generated inputs and count crashes (run once; see README).

Every input is built from the bundled sample articles and mutated at random (Unicode and
superscript digits, control characters, NULs, lone surrogates, huge or inverted numbers and
ranges, impossible dates, quotes and brackets left open, cut/duplicated/shuffled pieces,
random bytes).  Nine in ten go through `article_from_text` and `extract_many` (what `extract_text` does, batched) with a random publication date (or none);
one in ten is written as a file of a random format (txt, html, json, jsonl, csv, rss, with
byte-level damage) and goes through `read_path`, each article it yields through `extract`.

A crash is any exception other than the refusals the API documents (ArticleError: empty,
not English, too long).  Every output is checked with `sitrep.invariants.violations`.
Work is done in chunks appended to a JSONL log, so the run can stop and resume; it ends
by itself after N inputs and prints the totals.

    nice -n 19 python benchmarks/fuzz_100k.py --total 100000 --procs 2 --log /tmp/fuzz.jsonl
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

ODD_CHARS = ["²", "³", "¹", "½", "٣", "۴", "७", "१२", "１２", "𝟝", "Ⅻ", "\u0000", "\x01", "\x1b", "\x7f",
             "\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\u200f", "\u202e", "\ud800", "\udfff", "\ufffe",
             "\u0301", "\u0336", "🔥", "💀", "\t", "\r", "\r\n", "\n\n", "\x0c", "\u00a0", "\u3000", "ß", "İ",
             "ﬁ", "'", '"', "“", "”", "«", "»", "(", ")", "[", "—", "-", "/", "&", "<", ">", "%", "_", "#"]
ODD_NUMBERS = ["9" * 30, "99999999999", "1,000,000,000,000", "-5", "0", "3.5", "10-15", "15 to 10",
               "between 20 and 3", "a dozen", "thousands", "2²", "½", "one hundred and twelve", "zero",
               "a trillion", "1e309", "007", "IV", "10,000,000,000", "-1"]
ODD_WORDS = ["killed", "wounded", "dead", "injured", "missing", "captured", "displaced", "said", "says",
             "according to", "told AFP", "on Monday", "last week", "next Friday", "on 31 February 2020",
             "in the year 99999", "on 1 January 10000", "since 1066", "in 2024", "by the army",
             "militants", "soldiers", "civilians", "the government of", "Burkina Faso", "Arbinda", "Mali",
             "ceasefire", "attacked", "seized", "denied", "would", "toll rose to", "at least", "up to",
             "\"", "he said.", "Reuters", "Yerevan says", "backed by Baku", "President", "who", "which"]


def corpus() -> list[str]:
    from sitrep.ingest import read_path
    from sitrep.records import Article
    texts = [a.text for a in read_path(ROOT / "src" / "sitrep" / "samples") if isinstance(a, Article)]
    sents = []
    for t in texts:
        for line in t.split("\n"):
            sents += [s.strip() + "." for s in line.split(". ") if s.strip()]
    return sents


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(0, 8)):
        pos = rng.randint(0, len(text))
        op = rng.randrange(10)
        if op == 0:
            text = text[:pos] + rng.choice(ODD_CHARS) * rng.randint(1, 3) + text[pos:]
        elif op == 1:
            text = text[:pos] + " " + rng.choice(ODD_NUMBERS) + " " + rng.choice(ODD_WORDS) + text[pos:]
        elif op == 2:
            text = text[:pos] + " " + rng.choice(ODD_WORDS) + " " + text[pos:]
        elif op == 3:
            end = min(len(text), pos + rng.randint(1, 40))
            text = text[:pos] + text[end:]
        elif op == 4:
            end = min(len(text), pos + rng.randint(1, 80))
            text = text[:end] + text[pos:end] * rng.randint(1, 4) + text[end:]
        elif op == 5:
            words = text.split(" ")
            rng.shuffle(words) if len(words) < 12 else None
            text = " ".join(words)
        elif op == 6:
            text = text[:pos] + "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(1, 12))) + text[pos:]
        elif op == 7:
            text = text[:pos] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 16))).decode("latin-1") + text[pos:]
        elif op == 8:
            text = text.upper() if rng.random() < 0.5 else text.lower()
        else:
            import re
            text = re.sub(r"\d+", lambda m: rng.choice(ODD_NUMBERS), text, count=rng.randint(1, 3))
    return text


def make_text(rng: random.Random, sents: list[str]) -> str:
    head = rng.choice(sents)[:80]
    body = " ".join(rng.choice(sents) for _ in range(rng.randint(1, 3)))
    if rng.random() < 0.3:
        body = "\n".join(body.split(". "))
    return mutate(rng, f"{head}\n{body}")


def make_date(rng: random.Random):
    r = rng.random()
    if r < 0.3:
        return None
    if r < 0.4:
        return rng.choice([dt.date(1800, 1, 1), dt.date(2200, 12, 31), dt.date(2024, 2, 29), dt.date(1999, 12, 31)])
    return dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(-20000, 20000))


def make_file(rng: random.Random, sents: list[str], folder: Path) -> Path:
    text, title = make_text(rng, sents), rng.choice(sents)[:60]
    date = rng.choice(["2024-03-05", "Mon, 01 Jan 99999999999 00:00:00 +0000", "99999-01-01", "yesterday",
                       "not a date", "2024-02-30", "0001-01-01", "Tue, 05 Mar 2024 10:00:00 GMT", ""])
    item = {rng.choice(["text", "body", "content", "description"]): rng.choice([text, text, 5, None, [text], {"a": 1}]),
            "title": title, rng.choice(["published", "date", "pubDate"]): date,
            "outlet": rng.choice(["Wire", "\u0000", "x" * 500, None, 7])}
    kind = rng.choice(["txt", "html", "json", "jsonl", "csv", "xml"])
    if kind == "txt":
        data = f"Published: {date}\nOutlet: Wire\n{title}\n{text}"
    elif kind == "html":
        data = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p></article></body></html>"
    elif kind == "json":
        data = json.dumps(rng.choice([item, [item, item], {"articles": [item]}, "[" * rng.randint(1, 3000)]))
    elif kind == "jsonl":
        data = "\n".join(json.dumps(item) for _ in range(rng.randint(1, 3)))
    elif kind == "csv":
        q = text.replace('"', '""')
        data = f'title,text,date\n"{title}","{q}",{date}\n' + rng.choice(["", f'x,"unterminated {q}\n'])
    else:
        esc = text.replace("&", "&amp;").replace("<", "&lt;")
        data = (f'<?xml version="1.0"?><rss><channel><title>Feed</title><item><title>{title}</title>'
                f"<pubDate>{date}</pubDate><description>{esc}</description></item></channel></rss>")
    raw = bytearray(data.encode(rng.choice(["utf-8", "utf-8", "utf-8", "utf-16", "utf-16-le"]), "surrogatepass"))
    for _ in range(rng.choice([0, 0, 1, 3])):  # byte-level damage
        if raw:
            raw[rng.randrange(len(raw))] = rng.randrange(256)
    path = folder / f"f.{kind}"
    path.write_bytes(bytes(raw))
    return path


def _check(out: dict, i: int, results) -> None:
    from sitrep.invariants import violations
    for r in results:
        out["extracted"] += 1
        bad = violations(r)
        if bad:
            out["violations"] += 1
            if len(out["examples"]) < 5:
                out["examples"].append({"input": i, "violation": bad[0]})


def _crash(out: dict, i: int, exc: BaseException) -> None:
    out["crashes"] += 1
    if len(out["examples"]) < 5:
        out["examples"].append({"input": i, "crash": f"{type(exc).__name__}: {exc}",
                                "where": traceback.format_exc().splitlines()[-3].strip()})


def run_chunk(args: tuple[int, int]) -> dict:
    """Inputs [start, start+n), each seeded by its index: the run is reproducible.  Texts go
    through extract_many in batches of 25 (extract_text's path, batched through nlp.pipe); a
    batch that raises is re-run one input at a time so that the crash is pinned on its input."""
    start, n = args
    from sitrep.ingest import article_from_text, read_path
    from sitrep.ingest.build import ArticleError
    from sitrep.pipeline import extract, extract_many
    from sitrep.records import Article

    sents = corpus()
    out = {"start": start, "inputs": n, "extracted": 0, "refused": 0, "files": 0, "crashes": 0,
           "violations": 0, "examples": []}
    t0 = time.time()
    batch: list[tuple[int, Article]] = []

    def flush():
        try:
            results = list(extract_many([a for _, a in batch]))
        except Exception:  # noqa: BLE001 - find the input
            for i, a in batch:
                try:
                    _check(out, i, [extract(a)])
                except Exception as exc:  # noqa: BLE001 - what we count
                    _crash(out, i, exc)
        else:
            for (i, _), r in zip(batch, results):
                _check(out, i, [r])
        batch.clear()

    with tempfile.TemporaryDirectory() as tmp:
        for i in range(start, start + n):
            rng = random.Random(i)
            try:
                if i % 10 == 9:
                    out["files"] += 1
                    arts = [a for a in read_path(make_file(rng, sents, Path(tmp))) if isinstance(a, Article)]
                    _check(out, i, [extract(a) for a in arts])
                    continue
                text, published = make_text(rng, sents), make_date(rng)
                try:
                    batch.append((i, article_from_text(text, published=published)))
                except ArticleError:
                    out["refused"] += 1
            except Exception as exc:  # noqa: BLE001 - what we count
                _crash(out, i, exc)
            if len(batch) >= 25:
                flush()
        flush()
    out["seconds"] = round(time.time() - t0, 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--total", type=int, default=100_000)
    ap.add_argument("--chunk", type=int, default=500)
    ap.add_argument("--procs", type=int, default=1)
    ap.add_argument("--log", type=Path, default=Path("fuzz-log.jsonl"))
    args = ap.parse_args()
    done = set()
    if args.log.exists():
        done = {json.loads(line)["start"] for line in args.log.read_text().splitlines() if line.strip()}
    todo = [(s, min(args.chunk, args.total - s)) for s in range(0, args.total, args.chunk) if s not in done]
    with mp.get_context("spawn").Pool(args.procs) as pool, args.log.open("a") as log:
        for res in pool.imap_unordered(run_chunk, todo):
            log.write(json.dumps(res) + "\n")
            log.flush()
    rows = [json.loads(line) for line in args.log.read_text().splitlines() if line.strip()]
    total = {k: sum(r[k] for r in rows) for k in ("inputs", "extracted", "refused", "files", "crashes", "violations")}
    print(json.dumps(total))
    for r in rows:
        for ex in r["examples"]:
            print(json.dumps(ex, ensure_ascii=True))


if __name__ == "__main__":
    main()
