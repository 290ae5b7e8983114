"""Toponym evaluation on GeoWebNews / LGL / TR-News (Gritta et al.).

(a) geotagging: span P/R/F1 (exact and overlap) of the places extractor on LGL and GWN;
(b) geocoding given gold spans: accuracy@161 km, mean/median error (km), for LGL,
    GWN and TR-News; names the gazetteer lacks count as misses (error = 20,038 km).
    Resolving to the gold GeoNames entity itself counts as 0 km (a country's point
    differs between sources by more than 161 km); same_geonameid is the share of
    such exact resolutions, the measure Mordecai3's 79.4% on LGL uses.

    python -m sitrep.eval.geo [--limit N]
"""
from __future__ import annotations

import csv
import datetime as dt
import statistics
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Optional

from ..geo.gazetteer import km
from ..geo.resolve import resolve_all

FOLDER = ("eval", "geoparsing_news_gritta")
# GWN types that denote a location (Gritta et al.); Metonymic, Demonym, Non_Toponym... do not
GWN_LOCATIONS = {"Literal", "Literal_Modifier", "Mixed", "Coercion", "Embedded_Literal"}
ACCURATE_KM = 161.0
MISS_KM = 20038.0
CORPORA = {"lgl": "lgl.xml", "GWN": "GWN.xml", "TR-News": "TR-News.xml"}


def _texts(path: Path) -> dict[str, str]:
    out = {}
    for art in ET.parse(path).getroot().iter("article"):
        doc_id = art.get("docid") or art.get("file")
        node = art.find("text")
        if doc_id is not None and node is not None:
            out[doc_id] = node.text or ""
    return out


def _gold(folder: Path) -> dict[str, dict[str, list[dict]]]:
    """corpus -> doc_id -> toponym rows."""
    out: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    with open(folder / "toponyms_flat.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[row["corpus"]][row["doc_id"]].append(row)
    return out


def _locate(text: str, row: dict) -> Optional[tuple[int, int]]:
    """Gold span; where offsets are off, the nearest occurrence of the mention."""
    start, end, mention = int(row["start"]), int(row["end"]), row["mention"]
    if row.get("offset_matches_text") == "True" or text[start:end] == mention:
        return start, end
    hits, i = [], text.find(mention)
    while i >= 0:
        hits.append(i)
        i = text.find(mention, i + 1)
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h - start))
    return best, best + len(mention)


def _is_location(corpus: str, row: dict) -> bool:
    return row["type_or_fcode"] in GWN_LOCATIONS if corpus == "GWN" else True


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> dict:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _extract_places(texts: list[str]):
    from ..records import Article
    from ..stages import Pipeline
    articles = [Article(id="eval", text=text, published=dt.date(2000, 1, 1)) for text in texts]
    for ctx in Pipeline(["places"]).pipe(articles, batch_size=32):
        yield ctx.places


def geotagging(corpus: str, texts: dict[str, str], gold: dict[str, list[dict]], limit=None) -> dict:
    ids = [d for d in texts if d in gold][:limit]
    n_pred = n_gold = exact = ov_pred = ov_gold = 0
    for doc_id, found in zip(ids, _extract_places([texts[d] for d in ids])):
        text = texts[doc_id]
        spans = [_locate(text, r) for r in gold[doc_id] if _is_location(corpus, r)]
        golds = {s for s in spans if s}
        preds = {(p.mention.start, p.mention.end) for p in found}
        n_pred += len(preds)
        n_gold += len(golds)
        exact += len(preds & golds)
        ov_pred += sum(any(s < ge and gs < e for gs, ge in golds) for s, e in preds)
        ov_gold += sum(any(s < ge and gs < e for s, e in preds) for gs, ge in golds)
    return {"docs": len(ids), "gold": n_gold, "predicted": n_pred,
            "exact": _prf(exact, n_pred, exact, n_gold), "overlap": _prf(ov_pred, n_pred, ov_gold, n_gold)}


def geocoding(corpus: str, texts: dict[str, str], gold: dict[str, list[dict]], limit=None) -> dict:
    ids = [d for d in texts if d in gold][:limit]
    errors: list[float] = []
    misses = same_entity = 0
    for doc_id in ids:
        rows = [r for r in gold[doc_id] if r["lat"] and r["lon"] and _is_location(corpus, r)]
        names = []
        for r in rows:
            span = _locate(texts[doc_id], r)
            names.append(texts[doc_id][span[0]:span[1]] if span else r["mention"])
        for r, c in zip(rows, resolve_all(names)):
            if c is None:
                misses += 1
                errors.append(MISS_KM)
            elif c.geonameid and str(c.geonameid) == r.get("geonameid"):
                same_entity += 1   # the gold entity itself: correct whatever point each side uses
                errors.append(0.0)
            else:
                errors.append(km((c.lat, c.lon), (float(r["lat"]), float(r["lon"]))))
    if not errors:
        return {"docs": len(ids), "toponyms": 0}
    found = [e for e in errors if e < MISS_KM]
    return {
        "docs": len(ids), "toponyms": len(errors), "not_in_gazetteer": misses,
        "acc_161km": round(sum(e <= ACCURATE_KM for e in errors) / len(errors), 4),
        "same_geonameid": round(same_entity / len(errors), 4),
        "mean_km": round(statistics.fmean(errors), 1), "median_km": round(statistics.median(errors), 1),
        "acc_161km_found": round(sum(e <= ACCURATE_KM for e in found) / len(found), 4) if found else 0.0,
    }


def run(shared: Path, limit: Optional[int] = None, tagging: bool = True) -> dict:
    folder = Path(shared).joinpath(*FOLDER)
    if not (folder / "toponyms_flat.csv").exists():
        return {"error": f"missing {folder / 'toponyms_flat.csv'}"}
    gold = _gold(folder)
    out: dict = {"geotagging": {}, "geocoding": {}}
    for corpus, fname in CORPORA.items():
        if not (folder / fname).exists():
            continue
        texts = _texts(folder / fname)
        if tagging and corpus in ("lgl", "GWN"):
            out["geotagging"][corpus] = geotagging(corpus, texts, gold[corpus], limit)
        out["geocoding"][corpus] = geocoding(corpus, texts, gold[corpus], limit)
    return out


if __name__ == "__main__":
    import argparse
    import json

    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[4] / "shared")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--only", choices=["geocoding", "all"], default="all")
    a = ap.parse_args()
    print(json.dumps(run(a.shared, a.limit, tagging=a.only == "all"), indent=2))
