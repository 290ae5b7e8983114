"""PLOVER gold sentences (CAMEO-manual GSR, PLOVER 0.5 labels) -> main event class.

Data: ../shared/eval/plover_gsr_cameo/plover_gsr_flat.csv. Each sentence goes
through the pipeline up to events; the most salient event (root predicate first) is the
prediction. Our PLOVER 2.0 labels are normalised to the gold's 0.5 label set:
  REQUEST -> DEMAND, ACCUSE -> DISAPPROVE (mode investigate -> INVESTIGATE),
  SEIZE and conventional ASSAULT (shelling, air, firearms) -> FIGHT,
  intent (status planned) to cooperate/meet/aid -> AGREE, to coerce/attack -> THREATEN
(the 0.5 readme codes announced intentions under AGREE/THREATEN),
  ASSAULT on property (mode destroy) and abduction/hostage-taking (mode abduct) -> COERCE
(CAMEO 171 "seize or damage property" is a COERCE root code; the 0.5 gold codes
kidnapping and human shields as COERCE, mode detain).
Source/target country accuracy is scored on records whose gold actor has a
3-letter country code.

    python -m sitrep.eval.plover ../shared [limit]
"""
from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Optional

from ..extract import events
from ..records import Article, Event
from ..stages import Pipeline
from .acled_events import f1_scores, sample

NON_COUNTRY_CODES = {"IGO", "NGO", "UAF", "REB", "MNC", "UNO", "JAP"}
CONVENTIONAL = {"shelling", "air", "firearms"}
PROPERTY_OR_DETENTION = {"destroy", "abduct"}
COOPERATIVE = {"CONSULT", "SUPPORT", "AID", "COOPERATE", "RETREAT", "CONCEDE", "AGREE"}
HOSTILE = {"ASSAULT", "FIGHT", "COERCE", "SANCTION", "SEIZE", "MOBILIZE", "PROTEST"}


def gold_label_of(event: Event) -> str:
    """Our PLOVER 2.0 event in the gold file's PLOVER 0.5 label set."""
    t = event.type
    if event.status == "planned":
        if t in COOPERATIVE:
            return "AGREE"
        if t in HOSTILE:
            return "THREATEN"
    if t == "REQUEST":
        return "DEMAND"
    if t == "ACCUSE":
        return "INVESTIGATE" if event.mode == "investigate" else "DISAPPROVE"
    if t == "SEIZE" or (t == "ASSAULT" and event.mode in CONVENTIONAL):
        return "FIGHT"
    if t == "ASSAULT" and event.mode in PROPERTY_OR_DETENTION:
        return "COERCE"
    return t


def load_rows(shared: Path) -> list[dict]:
    path = Path(shared) / "eval" / "plover_gsr_cameo" / "plover_gsr_flat.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if r.get("event") and r.get("text", "").strip()]


def _codes(cell: str) -> list[str]:
    try:
        items = json.loads(cell) if cell else []
    except json.JSONDecodeError:
        return []
    return [i.get("code", "") for i in items if isinstance(i, dict)]


def _country_codes(cell: str) -> set[str]:
    return {c for c in _codes(cell) if len(c) == 3 and c.isalpha() and c not in NON_COUNTRY_CODES}


def evaluate(rows: list[dict], batch_size: int = 64) -> dict:
    pipeline = Pipeline(["events"])
    gold, pred = [], []
    no_event = 0
    src: Counter[str] = Counter()
    tgt: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    texts = [r["text"].strip() for r in rows]
    articles = [Article(id=row["id"], text=text) for row, text in zip(rows, texts)]
    for row, ctx in zip(rows, pipeline.pipe(articles, batch_size=batch_size)):
        main = events.main_event(ctx, ctx.events)
        label = gold_label_of(main) if main else "NONE"
        no_event += main is None
        gold.append(row["event"])
        pred.append(label)
        if label != row["event"]:
            confusion[(row["event"], label)] += 1
        for cell, ref, counter in ((row["source"], main and main.agent, src),
                                   (row["target"], main and main.target, tgt)):
            codes = _country_codes(cell)
            if codes:
                counter["n"] += 1
                counter["correct"] += bool(ref and ref.country in codes)
    scores = f1_scores(gold, pred)
    return {
        "n": len(rows),
        "no_event": no_event,
        "accuracy": scores["accuracy"],
        "macro_f1": scores["macro_f1"],
        "weighted_f1": scores["weighted_f1"],
        "per_class_f1": scores["per_class_f1"],
        "source_country_accuracy": round(src["correct"] / src["n"], 4) if src["n"] else None,
        "source_country_n": src["n"],
        "target_country_accuracy": round(tgt["correct"] / tgt["n"], 4) if tgt["n"] else None,
        "target_country_n": tgt["n"],
        "top_confusions": [f"{g} -> {p}: {n}" for (g, p), n in confusion.most_common(8)],
    }


def run(shared: Path, limit: Optional[int] = None) -> dict:
    rows = load_rows(Path(shared))
    if not rows:
        return {"error": "PLOVER gold absent under shared/eval/plover_gsr_cameo"}
    return evaluate(sample(rows, limit))


if __name__ == "__main__":  # pragma: no cover
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared")
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
    print(json.dumps(run(shared, limit), indent=1))
