"""ACLED notes -> main event -> (event_type, sub_event_type), scored against the coders.

Data: ../shared/eval/acled_kenya_2004_2019/acled_data.csv (tuning set) and
acled_burkina_faso_1997_2020/acled_Burkina_Faso.csv (held out). Each note is run
through the pipeline up to events (actors, places, dates, quotes, events); acled_map.report_acled decides the note's main event
from the extracted events, the actors' sectors and codebook cues over the whole
note (protest + tear gas -> Protest with intervention, mob/lynch -> Mob violence,
armed actors on both sides -> Armed clash). Notes with neither a cue nor a
mappable event get a fixed fallback, counted in `fallback`.

    python -m sitrep.eval.acled_events ../shared [limit]
"""
from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Optional

from ..acled_map import report_acled
from ..extract import events
from ..extract.context import Context
from ..records import Article
from ..stages import Pipeline

DATASETS = {
    "kenya": ("acled_kenya_2004_2019", "acled_data.csv", "%d-%m-%y"),
    "burkina_faso": ("acled_burkina_faso_1997_2020", "acled_Burkina_Faso.csv", "%d %B %Y"),
}
FALLBACK = ("Violence against civilians", "Attack")
PUBLISHED_ANCHOR = {"sub_event_weighted_f1": 0.839}


def load_rows(shared: Path, name: str) -> list[dict]:
    folder, filename, date_format = DATASETS[name]
    path = Path(shared) / "eval" / folder / filename
    if not path.exists():
        return []
    with path.open(encoding="utf-8", errors="replace", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r.get("notes", "").strip()]
    for r in rows:
        try:
            r["date"] = dt.datetime.strptime(r["event_date"].strip(), date_format).date()
        except ValueError:
            r["date"] = None
    return rows


def sample(rows: list[dict], limit: Optional[int], seed: int = 13) -> list[dict]:
    if limit is None or limit >= len(rows):
        return rows
    return random.Random(seed).sample(rows, limit)


def _article(text: str, published) -> Article:
    return Article(id=str(hash(text)), text=text, published=published)


def predict_note(ctx: Context) -> tuple[tuple[str, str], bool]:
    """Note-level ACLED (type, sub-type) and whether it fell back (no usable event or cue)."""
    found = ctx.events
    mapped = [e for e in found if e.acled_event_type]
    main = events.main_event(ctx, mapped) if mapped else None
    sectors = {a.ref.sector for a in ctx.actors if a.ref.sector}
    pred = report_acled(ctx.article.text, found, sectors, main)
    if pred is None:
        return FALLBACK, True
    return pred, False


# --- metrics ------------------------------------------------------------------------

def f1_scores(gold: list, pred: list) -> dict:
    labels = sorted(set(gold))
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, pred):
        if g == p:
            tp[g] += 1
        else:
            fp[p] += 1
            fn[g] += 1
    per, support = {}, Counter(gold)
    for lab in labels:
        prec = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        rec = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
        per[lab] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    n = len(gold) or 1
    return {
        "accuracy": round(sum(tp.values()) / n, 4),
        "macro_f1": round(sum(per.values()) / (len(labels) or 1), 4),
        "weighted_f1": round(sum(per[lab] * support[lab] for lab in labels) / n, 4),
        "per_class_f1": {str(lab): round(v, 3) for lab, v in per.items()},
    }


def evaluate(rows: list[dict], batch_size: int = 64) -> dict:
    pipeline = Pipeline(["events"])
    gold_t, gold_s, pred_t, pred_s = [], [], [], []
    fallback = 0
    confusion: Counter[tuple[str, str]] = Counter()
    articles = [_article(r["notes"], r["date"]) for r in rows]
    for row, ctx in zip(rows, pipeline.pipe(articles, batch_size=batch_size)):
        pred, fell_back = predict_note(ctx)
        fallback += fell_back
        gold = (row["event_type"], row["sub_event_type"])
        gold_t.append(gold[0])
        pred_t.append(pred[0])
        gold_s.append(" / ".join(gold))
        pred_s.append(" / ".join(pred))
        if gold != pred:
            confusion[(gold_s[-1], pred_s[-1])] += 1
    return {
        "n": len(rows),
        "fallback": fallback,
        "event_type": f1_scores(gold_t, pred_t),
        "sub_event_type": f1_scores(gold_s, pred_s),
        "top_confusions": [f"{g} -> {p}: {n}" for (g, p), n in confusion.most_common(8)],
    }


def run_datasets(shared: Path, limit: Optional[int], evaluate_rows, anchor: dict) -> dict:
    """Score both ACLED datasets with `evaluate_rows`; shared by the ACLED evaluations."""
    out: dict = {"published_anchor": anchor}
    for name in DATASETS:
        rows = load_rows(Path(shared), name)
        out[name] = evaluate_rows(sample(rows, limit)) if rows else {"error": "data absent"}
    if all("error" in out[n] for n in DATASETS):
        return {"error": "ACLED data absent under shared/eval"}
    return out


def run(shared: Path, limit: Optional[int] = None) -> dict:
    return run_datasets(shared, limit, evaluate, PUBLISHED_ANCHOR)


if __name__ == "__main__":  # pragma: no cover
    import json
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared")
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
    print(json.dumps(run(shared, limit), indent=1))
