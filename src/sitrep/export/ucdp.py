"""Ledger events -> UCDP GED-style rows (GED 24.1 column names and order).

GED records organised violence with at least one death, so rows are the ledger's Battles,
Explosions/Remote violence and Violence against civilians events with a killed count:
* type_of_violence: 1 state-based (a state on side A), 2 non-state (two organised
  non-state groups), 3 one-sided (an organised actor against civilians);
* side_a / side_b: the government ("Government of Sudan") or the group's canonical name,
  "Civilians" on side B of one-sided violence;
* best / low / high: `ledger.estimates.estimate` over the sources' killed counts for the
  event's sentence (each source's count is its sentence total: coordinated counts add up, a
  breakdown does not): low the lowest figure, high the highest, best the highest specific
  figure; deaths_a / deaths_b / deaths_civilians / deaths_unknown: the best report's counts by
  whose dead they are, deaths_unknown taking what the breakdown leaves (they sum to best, as
  in GED);
* where_prec 1 (exact) ... 6 (country), date_prec 1 (exact day) or 2 (within the
  6 days up to the first report);
* source_original: who made the claim (the claimants), source_office the outlets.
UCDP's own identifiers (conflict, dyad and side ids, Gleditsch-Ward numbers) are left empty:
they exist only for conflicts UCDP has coded.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
import re
from collections import Counter
from typing import Optional

from ..ledger.estimates import estimate, sentence_totals
from ..ledger.models import LedgerEvent
from .acled import _location, parties, realised
from .common import stable_number, ucdp_region

COLUMNS = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
    "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
    "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
    "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
    "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec", "date_start",
    "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
    "gwnoa", "gwnob",
]
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
WHERE_PREC = {"point": 1, "village": 1, "city": 1, "admin2": 3, "admin1": 4, "region": 5, "country": 6}
ORGANISED = {1, 2, 3, 4, 8}


def priogrid_gid(lat: float, lon: float) -> int:
    """PRIO-GRID cell (0.5 degree, numbered row by row from the south-west corner, from 1)."""
    row = min(int((lat + 90) / 0.5), 359)
    col = min(int((lon + 180) / 0.5), 719)
    return row * 720 + col + 1


STATE_NAME = re.compile(r"^(Military Forces|Police Forces|Government) of (.+?)(?: \(\d{4}-(?:\d{4})?\))?$")


def _side(name: str) -> tuple[str, Optional[str]]:
    """(UCDP side name, ISO3 of a state side): UCDP names a state's forces by its government."""
    m = STATE_NAME.match(name)
    if not m:
        return name, None
    from ..geo.countries import lookup
    info = lookup(m.group(2))
    return f"Government of {m.group(2)}", info.iso3 if info else None


@dataclass
class Total:
    """One source's killed count for the event, as `estimate` reads a claim."""
    low: int
    high: int
    approximate: bool = False


class UcdpRows:
    def __init__(self, results, include_unrealised: bool = False):
        self.by_article = {r.article.id: r for r in results}
        self.include_unrealised = include_unrealised
        self.left_out: Counter = Counter()

    def _deaths(self, e: LedgerEvent, side_a_country, side_b_country) -> list[tuple[int, int, int, int, int]]:
        """Per source: (total, deaths_a, deaths_b, civilians, unknown) killed in the event's sentence."""
        out = []
        for s in e.sources:
            r = self.by_article.get(s.article_id)
            if r is None:
                continue
            counts = [c for c in r.casualties if c.outcome == "killed" and not c.cumulative
                      and c.evidence.start == s.evidence.start]
            if not counts:
                continue
            a = b = civ = 0
            for c in counts:
                if c.population == "civilian":
                    civ += c.low
                elif c.side and side_a_country and c.side == side_a_country:
                    a += c.low
                elif c.side and side_b_country and c.side == side_b_country:
                    b += c.low
            total = sentence_totals(counts)[0].low   # "44 people, including 8 civilians" is 44
            out.append((total, a, b, civ, max(total - a - b - civ, 0)))
        return out

    def rows(self, events) -> list[dict]:
        out = []
        for e in events:
            if not realised(e, self.include_unrealised, self.left_out):
                continue
            if e.acled_event_type not in VIOLENT:
                self.left_out["not organised violence"] += 1
                continue
            row = self.row(e)
            if row is not None:
                out.append(row)
        return sorted(out, key=lambda r: (r["date_start"], r["id"]))

    def row(self, e: LedgerEvent) -> Optional[dict]:
        first = min(e.sources, key=lambda s: (s.published or dt.date.max))
        when = e.date or first.published
        c, admin1, location, lat, lon, _ = _location(e, self.by_article)
        if when is None or c is None or lat is None or lon is None:
            self.left_out["undated or without a country"] += 1
            return None
        a_name, a_inter, _, b_name, b_inter, _ = parties(e, c, when)
        (a_name, a_state), (b_name, b_state) = _side(a_name), _side(b_name)
        if b_state and not a_state:                               # the state is side A
            a_name, a_inter, a_state, b_name, b_inter, b_state = b_name, b_inter, b_state, a_name, a_inter, a_state
        if b_inter == 7 or e.acled_event_type == "Violence against civilians":
            violence, b_name = 3, "Civilians"
        elif a_state:
            violence = 1
        elif a_inter in ORGANISED and b_inter in ORGANISED:
            violence = 2
        else:
            self.left_out["sides not organised actors"] += 1
            return None
        if not a_name:
            self.left_out["no side A"] += 1
            return None
        reports = self._deaths(e, a_state, b_state)
        if not reports or max(r[0] for r in reports) < 1:
            self.left_out["no deaths reported (GED records lethal events)"] += 1
            return None
        estimated = estimate(Total(r[0], r[0]) for r in reports)
        assert estimated is not None   # reports is not empty
        best_total, low, high = estimated
        best = max((r for r in reports if r[0] <= best_total), key=lambda r: r[0])
        exact = e.date is not None
        start = when if exact else when - dt.timedelta(days=5)
        articles = [self.by_article.get(s.article_id) for s in e.sources]
        headlines = [a.article.title for a in articles if a is not None and a.article.title]
        outlets = sorted({s.outlet for s in e.sources if s.outlet})
        claimants = sorted({s.claimant for s in e.sources if s.claimant})
        precision = WHERE_PREC.get(e.place.precision or "", 6) if e.place is not None and e.place.lat is not None else 6
        return {
            "id": stable_number(e.id), "relid": e.id, "year": when.year, "active_year": "",
            "code_status": "Clear", "type_of_violence": violence, "conflict_dset_id": "", "conflict_new_id": "",
            "conflict_name": "", "dyad_dset_id": "", "dyad_new_id": "",
            "dyad_name": f"{a_name} - {b_name}" if b_name else a_name, "side_a_dset_id": "", "side_a_new_id": "",
            "side_a": a_name, "side_b_dset_id": "", "side_b_new_id": "", "side_b": b_name,
            "number_of_sources": len({s.article_id for s in e.sources}),
            "source_article": "; ".join(f"{s.outlet or 'Unknown'} {s.published or ''}".strip() for s in e.sources),
            "source_office": "; ".join(outlets), "source_date": "; ".join(sorted({str(s.published) for s in e.sources if s.published})),
            "source_headline": "; ".join(dict.fromkeys(headlines)), "source_original": "; ".join(claimants),
            "where_prec": precision, "where_coordinates": f"{location}, {c.name}" if location != c.name else c.name,
            "where_description": e.place.mention or "" if e.place else "", "adm_1": admin1, "adm_2": "",
            "latitude": lat, "longitude": lon, "geom_wkt": f"POINT ({lon} {lat})",
            "priogrid_gid": priogrid_gid(lat, lon), "country": c.name, "country_id": "",
            "region": ucdp_region(c), "event_clarity": 1 if set(e.statuses) <= {"occurred"} else 2,
            "date_prec": 1 if exact else 2, "date_start": start.isoformat(), "date_end": when.isoformat(),
            "deaths_a": best[1], "deaths_b": best[2], "deaths_civilians": best[3], "deaths_unknown": best[4],
            "best": best_total, "high": high, "low": low,
            "gwnoa": "", "gwnob": "",
        }
