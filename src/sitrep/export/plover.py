"""Ledger events -> PLOVER records under POLECAT's field names (one JSON object per line).

POLECAT (the PLOVER-coded global event dataset) publishes these fields; sitrep fills those
it extracts and leaves the others null: Intensity, Contexts, the COW country codes and the
Wikipedia ids are not produced.  Quad Code follows the quad classes of event data
(1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict).
Failed, planned and denied events are left out unless asked for.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from .. import __version__
from ..ledger.models import LedgerEvent
from .acled import realised
from .codebook import is_common_noun

FIELDS = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW",
    "Primary Recipient Sector", "Recipient Sectors", "Recipient Title", "Recipient Name Raw",
    "Wikipedia Recipient ID", "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
    "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People",
    "Story Organizations", "Story Locations", "Language", "Version",
]
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
        "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4,
        "COERCE": 4, "ASSAULT": 4, "SEIZE": 4, "FIGHT": 4}
CITY_LIKE = {"point", "village", "city"}


def _actor(ref, prefix: str) -> dict:
    if ref is None:
        return {f"{prefix} Name": None, f"{prefix} Country": None, f"{prefix} COW": None,
                f"Primary {prefix} Sector": None, f"{prefix} Sectors": None, f"{prefix} Title": None,
                f"{prefix} Name Raw": None, f"Wikipedia {prefix} ID": None}
    return {f"{prefix} Name": ref.name, f"{prefix} Country": ref.country, f"{prefix} COW": None,
            f"Primary {prefix} Sector": ref.sector, f"{prefix} Sectors": ref.sector, f"{prefix} Title": ref.title,
            f"{prefix} Name Raw": ref.span.text if ref.span else ref.name, f"Wikipedia {prefix} ID": None}


class PloverRecords:
    def __init__(self, results, include_unrealised: bool = False):
        self.by_article = {r.article.id: r for r in results}
        self.include_unrealised = include_unrealised
        self.left_out: Counter = Counter()

    def records(self, events) -> list[dict]:
        out = []
        for e in events:
            if not realised(e, self.include_unrealised, self.left_out):
                continue
            out.append(self.record(e))
        return out

    def record(self, e: LedgerEvent) -> dict:
        first = min(e.sources, key=lambda s: (s.published or dt.date.max))
        result = self.by_article.get(first.article_id)
        source_event = result.events[first.event_index] if result and first.event_index < len(result.events) else None
        place = source_event.place if source_event is not None else None
        p = e.place
        story = result if result is not None else None
        day = e.date or first.published
        rec: dict[str, Any] = {"Event ID": e.id, "Event Date": day.isoformat() if day else None,
               "Event Type": e.type, "Event Mode": e.mode, "Intensity": None, "Quad Code": QUAD.get(e.type),
               "Contexts": None}
        rec.update(_actor(e.agent, "Actor"))
        rec.update(_actor(e.target, "Recipient"))
        rec.update({
            "Placename": p.name if p else None,
            "City": p.name if p and p.precision in CITY_LIKE else None, "District": None,
            "Province": p.admin1 if p else None, "Country": p.country if p else None,
            "Latitude": p.lat if p else None, "Longitude": p.lon if p else None,
            "GeoNames ID": place.geonameid if place is not None and place.name == (p.name if p else None) else None,
            "Raw Placename": p.mention if p else None,
            "Feature Type": (place.feature if place is not None and place.feature else p.precision) if p else None,
            "Source": "; ".join(sorted({s.outlet for s in e.sources if s.outlet})) or None,
            "Publication Date": first.published.isoformat() if first.published else None,
            "Story People": sorted({a.ref.name for a in story.actors if a.ref.kind == "person"}) if story else [],
            "Story Organizations": sorted({a.ref.name for a in story.actors
                                           if a.ref.kind not in ("person", "country", "civilians", "unknown")
                                           and not is_common_noun(a.ref.name)}) if story else [],
            "Story Locations": sorted({pl.name for pl in story.places}) if story else [],
            "Language": "en", "Version": f"sitrep {__version__}",
        })
        return {k: rec.get(k) for k in FIELDS}
