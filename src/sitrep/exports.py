"""Exports of a store (or a list of ArticleResults): JSONL (one ArticleResult per line),
ACLED-style CSV and GeoJSON (one row/feature per ledger event), Parquet (a folder with
one file per table: events, casualties, quotes, places, actors, ledger_events).

ACLED rows: planned events are left out; event_date is the event's day (else the
first report's publication date, time_precision 2); notes are the evidence
sentences; fatalities the lowest killed count any source links to the incident
(ACLED's conservative rule), else 0; source the outlets joined by "; "."""
from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Iterable, Optional, Union

from .acled_map import acled_inter
from .ledger import merge
from .ledger.models import LedgerEvent
from .ledger.store import Store, flatten
from .records import ArticleResult

FORMATS = ("jsonl", "acled-csv", "geojson", "parquet")
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "country", "admin1",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
    "timestamp", "iso3",
]
GEO_PRECISION = {"point": 1, "village": 1, "city": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 3}


def _inter(ref, acled_type, role, sub_type=None) -> str:
    code = acled_inter(ref, acled_type, role, sub_type)
    return str(code) if code else ""


def _actor_name(ref) -> str:
    if ref is None or ref.kind == "country" and not ref.sector:   # a place standing in for the party
        return ""
    if ref.kind in ("government", "military", "police") and ref.country:
        from .geo.countries import by_iso3
        info = by_iso3(ref.country)
        kind = {"military": "Military Forces", "police": "Police Forces"}.get(ref.kind, "Government")
        return f"{kind} of {info.name if info else ref.country}"
    if ref.kind == "civilians" and ref.country:
        from .geo.countries import by_iso3
        info = by_iso3(ref.country)
        return f"Civilians ({info.name if info else ref.country})"
    return ref.name


def _unnamed(inter: str, country) -> str:
    """ACLED's names for a party the report leaves unnamed (see acled_map's codebook defaults)."""
    label = {"3": "Unidentified Armed Group", "7": "Civilians", "1": "Police Forces"}.get(inter)
    if not label:
        return ""
    return f"{label} of {country.name}" if label == "Police Forces" and country else \
        f"{label} ({country.name})" if country else label


def acled_row(e: LedgerEvent, n: int) -> dict:
    first = min(e.sources, key=lambda s: (s.published or dt.date.max))
    when = e.date or first.published
    i1, i2 = _inter(e.agent, e.acled_event_type, "agent"), _inter(e.target, e.acled_event_type, "target", e.acled_sub_event_type)
    country_code = (e.place.country if e.place and e.place.country else None) or \
        (e.agent.country if e.agent and e.agent.country else "") or ""
    from .geo.countries import by_iso3
    info = by_iso3(country_code) if country_code else None
    return {
        "event_id_cnty": f"{country_code or 'XXX'}{n}", "event_date": when.isoformat() if when else "",
        "year": when.year if when else "", "time_precision": 1 if e.date else 2,
        "event_type": e.acled_event_type or "", "sub_event_type": e.acled_sub_event_type or "",
        "actor1": _actor_name(e.agent) or _unnamed(i1, info), "assoc_actor_1": "", "inter1": i1,
        "actor2": _actor_name(e.target) or _unnamed(i2, info), "assoc_actor_2": "", "inter2": i2,
        "interaction": "".join(sorted(x for x in (i1, i2) if x)) if i1 or i2 else "",
        "country": info.name if info else "", "admin1": e.place.admin1 or "" if e.place else "",
        "location": e.place.name if e.place else "",
        "latitude": e.place.lat if e.place and e.place.lat is not None else "",
        "longitude": e.place.lon if e.place and e.place.lon is not None else "",
        "geo_precision": GEO_PRECISION.get(e.place.precision or "", 3) if e.place else "",
        "source": "; ".join(sorted({s.outlet or "unknown" for s in e.sources})),
        "source_scale": "", "notes": " ".join(dict.fromkeys(s.evidence.text for s in e.sources)),
        "fatalities": e.fatalities or 0, "timestamp": int(dt.datetime.now().timestamp()),
        "iso3": country_code,
    }


class ResultsView:
    """What the exporters need from a store, computed from results in memory."""

    def __init__(self, results: Iterable[ArticleResult]):
        self._results = sorted(results, key=lambda r: (r.article.published or dt.date.min, r.article.id))
        self._ledger: Optional[list[LedgerEvent]] = None

    def results(self) -> list[ArticleResult]:
        return self._results

    def ledger_events(self) -> list[LedgerEvent]:
        if self._ledger is None:
            self._ledger = sorted(merge.merge(self._results), key=lambda e: (e.date or dt.date.min, e.type, e.id))
        return self._ledger


def export_jsonl(store: Store, out: Path) -> int:
    results = store.results()
    with out.open("w", encoding="utf-8") as f:
        for r in results:
            f.write(r.model_dump_json() + "\n")
    return len(results)


def export_acled_csv(store: Store, out: Path) -> int:
    events = [e for e in store.ledger_events() if e.status != "planned"]
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        for n, e in enumerate(events, start=1):
            writer.writerow(acled_row(e, n))
    return len(events)


def export_geojson(store: Store, out: Path) -> int:
    features = []
    for e in store.ledger_events():
        if not e.place or e.place.lat is None or e.place.lon is None:
            continue
        props = e.model_dump(mode="json", exclude={"place"})
        props["place"] = e.place.name
        props["country"] = e.place.country
        props["outlets"] = sorted({src.outlet for src in e.sources if src.outlet})
        props["claimants"] = sorted({src.claimant for src in e.sources if src.claimant})
        features.append({"type": "Feature", "id": e.id,
                         "geometry": {"type": "Point", "coordinates": [e.place.lon, e.place.lat]},
                         "properties": props})
    out.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return len(features)


def _arrow_schema(table, drop=(), extra=()):
    import pyarrow as pa
    from sqlalchemy import Boolean, Date, DateTime, Float, Integer

    def arrow_type(sql_type):
        for sa_type, pa_type in ((Boolean, pa.bool_()), (Integer, pa.int64()), (Float, pa.float64()),
                                 (DateTime, pa.timestamp("us", tz="UTC")), (Date, pa.date32())):
            if isinstance(sql_type, sa_type):
                return pa_type
        return pa.string()
    fields = [pa.field(c.name, arrow_type(c.type)) for c in table.columns if c.name not in drop]
    return pa.schema(fields + [pa.field(name, pa.string()) for name in extra])


def export_parquet(store: Store, out: Path) -> int:
    """A folder with one Parquet file per table; empty tables keep their columns."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .ledger.schema import ledger_events
    from .ledger.store import TABLES, ledger_rows

    out.mkdir(parents=True, exist_ok=True)
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    for r in store.results():
        for name, rows in flatten(r).items():
            tables[name].extend(rows)
    schemas = {name: _arrow_schema(t) for name, t in TABLES.items()}
    ledger = []
    for e in store.ledger_events():
        row, _ = ledger_rows(e)
        row.pop("data")
        row["statuses"] = ",".join(e.statuses)
        row["sources"] = json.dumps([src.model_dump(mode="json") for src in e.sources])
        ledger.append(row)
    tables["ledger_events"] = ledger
    schemas["ledger_events"] = _arrow_schema(ledger_events, drop={"data"}, extra=("statuses", "sources"))
    for name, rows in tables.items():
        pq.write_table(pa.Table.from_pylist(rows, schema=schemas[name]), out / f"{name}.parquet")
    return sum(len(v) for v in tables.values())


def export(source: Union[Store, Iterable[ArticleResult]], fmt: str, out_path) -> int:
    """Write `source` (a Store, or ArticleResults) as fmt to out_path; returns the number of rows."""
    out = Path(out_path)
    store = source if hasattr(source, "ledger_events") and hasattr(source, "results") else ResultsView(source)
    writers = {"jsonl": export_jsonl, "acled-csv": export_acled_csv, "geojson": export_geojson,
               "parquet": export_parquet}
    if fmt not in writers:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt != "parquet":
        out.parent.mkdir(parents=True, exist_ok=True)
    return writers[fmt](store, out)
