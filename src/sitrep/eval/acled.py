"""ACLED notes -> fatalities, location and actors, scored against the coders' fields.

Each note (an analyst's 1-3 sentence summary) goes through the full pipeline with its
event date as the publication date.  Predictions:
  fatalities = sum of distinct killed counts that are not running tolls (ACLED
               codes the lowest reported figure of the incident);
  location   = the most specific geocoded place in the note (village/city before
               admin1 before country), error in km to the coded coordinates;
  actors     = ACLED actor category (inter1/inter2, acled_map.acled_inter) of the
               main event's agent and target, and name overlap with actor1.
Event types are scored separately in sitrep.eval.acled_events.

    python -m sitrep.eval.acled ../shared [limit]
"""
from __future__ import annotations

import re
import statistics
import sys
from pathlib import Path
from typing import Optional

from ..extract import events
from ..geo import km
from ..records import Article, Casualty, Place
from ..stages import Pipeline
from ..acled_map import acled_inter
from .acled_events import predict_note, run_datasets

PUBLISHED_ANCHOR = {"fatalities_exact": 0.81}
PRECISION_ORDER = {"point": 0, "village": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 4,
                   "unknown": 5}
GENERIC = {"forces", "of", "the", "group", "unidentified", "armed", "military", "police", "kenya",
           "burkina", "faso", "civilians", "(2013-)", "(2015-)", "and"}


def predict_fatalities(found: list[Casualty]) -> int:
    seen, total = set(), 0
    for c in found:
        if c.outcome != "killed" or c.cumulative:
            continue
        key = (c.low, c.mention.text.lower())
        if key in seen:
            continue
        seen.add(key)
        total += c.low
    return total


def best_place(found: list[Place]) -> Optional[Place]:
    located = [p for p in found if p.lat is not None]
    return min(located, key=lambda p: (PRECISION_ORDER.get(p.precision, 5), p.mention.start)) if located else None


def _gold_point(row: dict) -> Optional[tuple[float, float]]:
    try:
        return float(row["latitude"]), float(row["longitude"])
    except (KeyError, ValueError):
        return None


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z'-]+", name.lower()) if w not in GENERIC and len(w) > 2}


def _article(row: dict) -> Article:
    return Article(id=row.get("event_id_cnty") or str(hash(row["notes"])), text=row["notes"], published=row["date"])


def evaluate(rows: list[dict]) -> dict:
    pipeline = Pipeline(["events", "casualties"])
    exact = 0
    abs_err: list[int] = []
    dist: list[float] = []
    inter1: list[bool] = []
    inter2: list[bool] = []
    name_hits = name_n = 0
    exact_pos = n_pos = exact_zero = n_zero = 0
    located = 0
    for row, ctx in zip(rows, pipeline.pipe([_article(r) for r in rows], batch_size=64)):
        gold = int(row.get("fatalities") or 0)
        pred = predict_fatalities(ctx.casualties)
        exact += pred == gold
        abs_err.append(abs(pred - gold))
        if gold > 0:
            n_pos += 1
            exact_pos += pred == gold
        else:
            n_zero += 1
            exact_zero += pred == gold
        place = best_place(ctx.places)
        gold_point = _gold_point(row)
        if gold_point is not None:
            if place is not None and place.lat is not None and place.lon is not None:
                located += 1
                dist.append(km((place.lat, place.lon), gold_point))
            else:
                dist.append(float("inf"))
        main = events.main_event(ctx, ctx.events)
        predicted, _ = predict_note(ctx)
        for gold_inter, ref, role, bucket in ((row.get("inter1"), main.agent if main else None, "agent", inter1),
                                              (row.get("inter2"), main.target if main else None, "target", inter2)):
            if gold_inter and gold_inter.strip().isdigit() and int(gold_inter) > 0:
                bucket.append(acled_inter(ref, predicted[0], role, predicted[1]) == int(gold_inter))
        if row.get("actor1") and main is not None and main.agent is not None:
            gold_words = _words(row["actor1"])
            if gold_words:
                name_n += 1
                name_hits += bool(gold_words & _words(main.agent.name))
    n = len(rows)
    finite = [d for d in dist if d != float("inf")]

    def within(k):
        return round(sum(d <= k for d in dist) / len(dist), 3) if dist else None
    return {
        "n": n,
        "fatalities": {"exact": round(exact / n, 3) if n else None, "mae": round(statistics.mean(abs_err), 3) if n else None,
                       "exact_when_gold_positive": round(exact_pos / n_pos, 3) if n_pos else None,
                       "exact_when_gold_zero": round(exact_zero / n_zero, 3) if n_zero else None},
        "location": {"located_share": round(located / len(dist), 3) if dist else None,
                     "within_25km": within(25), "within_50km": within(50), "within_100km": within(100),
                     "median_km_when_located": round(statistics.median(finite), 1) if finite else None},
        "actors": {"inter1_accuracy": round(sum(inter1) / len(inter1), 3) if inter1 else None,
                   "inter2_accuracy": round(sum(inter2) / len(inter2), 3) if inter2 else None,
                   "actor1_name_overlap": round(name_hits / name_n, 3) if name_n else None},
    }


def run(shared: Path, limit: Optional[int] = None) -> dict:
    return run_datasets(shared, limit, evaluate, PUBLISHED_ANCHOR)


if __name__ == "__main__":  # pragma: no cover
    import json
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared")
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
    print(json.dumps(run(shared, limit), indent=1))
