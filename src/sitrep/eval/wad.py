"""WAD: victim counts in PITF World Atrocities Dataset descriptions (deaths, injuries).

Data: ../shared/eval/wad_dev/wad_dev.csv (see its SOURCE.md).  Each description goes through
the production pipeline (`extract_many` over `article_from_text`) as a one-paragraph article:
no headline is added (the pipeline needs none; the first line, here the whole description,
only serves as the article's title), published on the coded event date.  The description's
count per target is read off its casualty records by `sitrep.ledger.estimates.incident_count`
(one total per incident and outcome: coordinated counts add up, a breakdown or a repeat of a
total does not; the highest specific sentence total is the count; running tolls only where
nothing else is given; nothing found is 0), over the victims WAD codes (`victim_count`):
noncombatants. SOURCE.md calls the coded figure a victim count; on the tuning half the coders
leave out the armed and the perpetrators wherever a description counts them apart, so a total
broken down by population (`Casualty.parts`: "15 people, eight of them civilians", "nine people
including two soldiers") is read as its named civilians, else as the total less its armed parts,
and armed counts beside unarmed ones are left out; a larger exact running toll in the
description is read as the event's final total. Deaths are scored on every row, injuries where
the `injured` cell is a number; zero is a valid answer.

Rows are split deterministically by the SHA-256 of their `row` id into a tuning half (even
first byte) and a report half (odd); rules are tuned on the tuning half only and both halves
are reported.  Exact match and MAE per half and target.

    python -m sitrep.eval.wad ../shared [limit]
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import statistics
import sys
from pathlib import Path
from typing import Optional

from .. import rules
from ..ingest import article_from_text
from ..ingest.build import ArticleError
from ..extract.casualty_rules import WAR_SCALE
from ..ledger.estimates import unarmed_count

PUBLISHED_ANCHOR = {"deaths_exact": 0.813}   # Zhong, Dhuliawala and Stoehr, EACL 2023
TARGETS = {"deaths": "killed", "injured": "wounded"}


def half(row_id: str) -> str:
    return "tune" if hashlib.sha256(row_id.encode()).digest()[0] % 2 == 0 else "report"


def load(shared: Path, limit: Optional[int] = None) -> list[dict]:
    path = Path(shared) / "eval" / "wad_dev" / "wad_dev.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows.sort(key=lambda r: hashlib.sha256(r["row"].encode()).hexdigest())  # limit: a fair sample
    return rows[:limit] if limit else rows


def _date(row: dict) -> Optional[dt.date]:
    try:
        return dt.date(int(row["year"]), int(row["month"]), int(row["day"]))
    except (KeyError, ValueError):
        return None


def _gold(row: dict, target: str) -> Optional[int]:
    value = (row.get(target) or "").strip()
    if not value:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


NONCOMBATANT = rules.words("casualty_cues", tag="noncombatant")


def _named_noncombatant(part) -> bool:
    return any(w.strip("(),.").casefold() in NONCOMBATANT for w in part.mention.text.split())


def _victims_of(c):
    """A total broken down by population (`Casualty.parts`) as WAD counts it: the civilians where
    the breakdown names them in so many words ("at least 15 people, eight of them civilians",
    "15 persons died (13 civilians)": the rest are by implication no civilians), else the total
    less its armed parts ("nine people including two FARDC soldiers", "two of those killed
    were police")."""
    civilians = [p for p in c.parts if p.population == "civilian" and _named_noncombatant(p)]
    armed = [p for p in c.parts if p.population == "military"]
    if civilians:
        low, high = sum(p.low for p in civilians), sum(p.high for p in civilians)
    elif armed:
        low, high = max(0, c.low - sum(p.low for p in armed)), max(0, c.high - sum(p.low for p in armed))
    else:
        return c
    return c.model_copy(update={"low": low, "high": max(low, high), "population": "civilian", "parts": []})


def _within(c, spans) -> bool:
    return any(s.start <= c.mention.start < s.end for s in spans)


def victim_count(casualties, outcome: str) -> int:
    """WAD codes the victims of an atrocity, noncombatants: a total read through its
    breakdown (`_victims_of`), and where a
    description also counts soldiers, police or fighters beside other victims ("three soldiers,
    eight civilians"; "seven people, six civilians and one soldier"), the armed are left out
    (`estimates.unarmed_count`).  A count that is also a part of a total is read inside it."""
    part_spans = [p.mention for c in casualties if c.outcome == outcome for p in c.parts]
    casualties = [_victims_of(c) if c.outcome == outcome else c for c in casualties
                  if not (c.outcome == outcome and not c.parts and _within(c, part_spans))]
    claims = [c for c in casualties if c.outcome == outcome]
    count = unarmed_count(casualties, outcome)
    claims = [c for c in claims if c.population != "military"] or claims
    # a description summarises one event: a larger exact toll in it is that event's final
    # total ("Altogether 62 people were killed", "place the final total at 57")
    # ... but not a war-wide stock ("the conflict has killed more than 20,000"): no event's total
    tolls = [c.low for c in claims if c.cumulative and c.low == c.high and c.low < WAR_SCALE]
    return max([count] + tolls)


def predict(rows: list[dict]) -> list[dict]:
    """Per row: {row, half, gold_<target>, pred_<target>}."""
    from ..pipeline import extract_many

    articles, failed = {}, {}
    for r in rows:
        try:
            articles[r["row"]] = article_from_text(r["description"].strip(), published=_date(r),
                                                   source_path=f"wad#{r['row']}")
        except ArticleError as exc:  # empty or unreadable description: nothing found, predicted 0
            failed[r["row"]] = str(exc)
    results = dict(zip(articles, extract_many(articles.values())))
    out = []
    for row in rows:
        res = results.get(row["row"])
        item = {"row": row["row"], "half": half(row["row"]), "not_read": row["row"] in failed}
        for target, outcome in TARGETS.items():
            item[f"gold_{target}"] = _gold(row, target)
            item[f"pred_{target}"] = victim_count(res.casualties, outcome) if res else 0
        out.append(item)
    return out


def score(items: list[dict]) -> dict:
    out: dict = {}
    for part in ("tune", "report", "all"):
        chosen = [i for i in items if part == "all" or i["half"] == part]
        res = {"n": len(chosen), "not_read": sum(i["not_read"] for i in chosen)}
        for target in TARGETS:
            pairs = [(i[f"pred_{target}"], i[f"gold_{target}"]) for i in chosen if i[f"gold_{target}"] is not None]
            res[target] = {
                "n": len(pairs),
                "exact": round(sum(p == g for p, g in pairs) / len(pairs), 3) if pairs else None,
                "mae": round(statistics.mean(abs(p - g) for p, g in pairs), 3) if pairs else None,
            }
        out[part] = res
    return out


def run(shared: Path, limit: Optional[int] = None) -> dict:
    items = predict(load(shared, limit))
    result = score(items)
    result["published_anchor"] = PUBLISHED_ANCHOR
    return result


if __name__ == "__main__":  # pragma: no cover
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared")
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
    print(json.dumps(run(shared, limit), indent=1))
