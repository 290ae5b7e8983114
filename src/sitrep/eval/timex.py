"""TempEval-3: TIMEX3 detection and normalisation against the document creation time.

Each document's plain text is parsed with its DCT as publication date; only
spaCy and the dates extractor run (with bare adverbs such as "now", which
TimeML annotates and the pipeline leaves out).  Scores, per split (te3-platinum is the
official test set; TimeBank/AQUAINT the training data):
  span P/R/F1, strict (exact offsets) and relaxed (any overlap);
  value accuracy over relaxed matches (TempEval-3's attribute score), plus value F1;
  value accuracy on gold expressions with deictic cues (weekdays, yesterday,
  last/next, ago) -- the "on Thursday" resolution task.

    python -m sitrep.eval.timex ../shared [limit-per-split]
"""
from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Optional

from ..records import Article
from ..stages import Pipeline

FOLDER = ("eval", "timeml_tempeval3")
DEICTIC = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|"
                     r"tonight|last|next|ago|this|earlier|later)\b", re.IGNORECASE)
REFERENCE = {"HeidelTime te3-platinum value F1": 0.776, "HeidelTime te3-platinum strict span F1": 0.813}


def _dct(value: str) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def load(shared: Path) -> tuple[list[dict], dict[str, list[dict]]]:
    base = Path(shared).joinpath(*FOLDER)
    csv.field_size_limit(10**8)
    with (base / "documents_plain.csv").open(encoding="utf-8", newline="") as f:
        docs = list(csv.DictReader(f))
    gold: dict[str, list[dict]] = defaultdict(list)
    with (base / "timex3_flat.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            gold[row["doc"]].append(row)
    return docs, gold


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 3) if p + r else 0.0


def score(docs: list[dict], gold: dict[str, list[dict]]) -> dict:
    # bare adverbs ("now", "today") are TIMEX3 in TimeML, though the ledger does not want them
    pipeline = Pipeline(["dates"], config={"dates": {"bare_adverbs": True}})
    n_pred = n_gold = strict = relaxed_pred = relaxed_gold = 0
    value_ok = value_total = deictic_ok = deictic_total = 0
    articles = [Article(id=row["doc"], text=row["plain_text"], published=_dct(row["dct"])) for row in docs]
    for row, ctx in zip(docs, pipeline.pipe(articles, batch_size=8)):
        pred = ctx.dates
        golds = [g for g in gold.get(row["doc"], []) if g["start"].isdigit()]
        n_pred += len(pred)
        n_gold += len(golds)
        spans = {(p.mention.start, p.mention.end): p for p in pred}
        for g in golds:
            gs, ge = int(g["start"]), int(g["end"])
            strict += (gs, ge) in spans
            match = next((p for p in pred if p.mention.start < ge and gs < p.mention.end), None)
            if match is None:
                continue
            relaxed_gold += 1
            value_total += 1
            ok = (match.value or "") == g["value"]
            value_ok += ok
            if DEICTIC.search(g["text"]):
                deictic_total += 1
                deictic_ok += ok
        relaxed_pred += sum(any(p.mention.start < int(g["end"]) and int(g["start"]) < p.mention.end for g in golds)
                            for p in pred)
    sp, sr = (strict / n_pred if n_pred else 0), (strict / n_gold if n_gold else 0)
    rp, rr = (relaxed_pred / n_pred if n_pred else 0), (relaxed_gold / n_gold if n_gold else 0)
    vacc = value_ok / value_total if value_total else 0
    return {
        "docs": len(docs), "gold": n_gold, "predicted": n_pred,
        "strict": {"p": round(sp, 3), "r": round(sr, 3), "f1": _f1(sp, sr)},
        "relaxed": {"p": round(rp, 3), "r": round(rr, 3), "f1": _f1(rp, rr)},
        "value_accuracy": round(vacc, 3),
        "value_f1": _f1(rp * vacc, rr * vacc),
        "deictic_value_accuracy": round(deictic_ok / deictic_total, 3) if deictic_total else None,
        "deictic_n": deictic_total,
    }


def run(shared: Path, limit: Optional[int] = None) -> dict:
    base = Path(shared).joinpath(*FOLDER)
    if not (base / "documents_plain.csv").exists():
        return {"error": "TempEval-3 data absent under shared/eval"}
    docs, gold = load(shared)
    out: dict = {"reference": REFERENCE}
    for split, selector in (("te3-platinum", lambda s: s == "te3-platinum"),
                            ("training", lambda s: s != "te3-platinum")):
        chosen = [d for d in docs if selector(d["split"])]
        out[split] = score(chosen[:limit] if limit else chosen, gold)
    return out


if __name__ == "__main__":  # pragma: no cover
    import json
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared")
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
    print(json.dumps(run(shared, limit), indent=1))
