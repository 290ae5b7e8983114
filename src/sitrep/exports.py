"""Exports of a store (or a list of ArticleResults): JSONL (one ArticleResult per line),
ACLED CSV, UCDP GED-style CSV, PLOVER/POLECAT JSONL and GeoJSON (one row/feature per ledger
event), Parquet (a folder with one file per table: events, casualties, quotes, places,
actors, ledger_events).

The ACLED, UCDP and PLOVER formats follow those datasets' columns and vocabularies (see
sitrep.export.acled, .ucdp, .plover); every ACLED row is validated against the codebook
model (sitrep.export.codebook) before it is written.  What an export leaves out, and why,
is counted in the `summary` dict export() fills (the CLI prints it)."""
from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any, Iterable, Optional, Union

from .ledger import merge
from .ledger.models import LedgerEvent
from .ledger.store import Store, flatten
from .export.codebook import COLUMNS as CODEBOOK_COLUMNS
from .records import ArticleResult

FORMATS = ("jsonl", "acled-csv", "ucdp-csv", "plover-jsonl", "geojson", "parquet")
ACLED_COLUMNS = CODEBOOK_COLUMNS


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


def export_jsonl(store: Store, out: Path, summary: dict, include_unrealised: bool = True) -> int:
    results = store.results()
    with out.open("w", encoding="utf-8") as f:
        for r in results:
            f.write(r.model_dump_json() + "\n")
    return len(results)


def _write_csv(out: Path, columns: list[str], rows: list[dict]) -> int:
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def export_acled_csv(store: Store, out: Path, summary: dict, include_unrealised: bool = False) -> int:
    from .export.acled import AcledRows

    builder = AcledRows(include_unrealised=include_unrealised, results=store.results(),
                        ingested_at=store.ingested_at() if hasattr(store, "ingested_at") else None)
    rows = builder.rows(store.ledger_events())
    summary["left_out"] = dict(builder.left_out)
    summary["invalid"] = builder.invalid
    return _write_csv(out, ACLED_COLUMNS, rows)


def export_ucdp_csv(store: Store, out: Path, summary: dict, include_unrealised: bool = False) -> int:
    from .export.ucdp import COLUMNS, UcdpRows

    builder = UcdpRows(store.results(), include_unrealised=include_unrealised)
    rows = builder.rows(store.ledger_events())
    summary["left_out"] = dict(builder.left_out)
    return _write_csv(out, COLUMNS, rows)


def export_plover_jsonl(store: Store, out: Path, summary: dict, include_unrealised: bool = False) -> int:
    from .export.plover import PloverRecords

    builder = PloverRecords(store.results(), include_unrealised=include_unrealised)
    records = builder.records(store.ledger_events())
    summary["left_out"] = dict(builder.left_out)
    with out.open("w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return len(records)


def geojson_properties(e: LedgerEvent) -> dict:
    """Flat properties (strings and numbers only), so GIS tools show them as attribute columns;
    the full sources stay available as one JSON string."""
    def ref(prefix, r):
        return {f"{prefix}": r.name if r else None, f"{prefix}_country": r.country if r else None,
                f"{prefix}_sector": r.sector if r else None}
    first = min(e.sources, key=lambda s: (s.published or dt.date.max))
    return {
        "id": e.id, "type": e.type, "mode": e.mode, "status": e.status, "statuses": ",".join(e.statuses),
        "date": e.date.isoformat() if e.date else None,
        "first_published": first.published.isoformat() if first.published else None,
        **ref("agent", e.agent), **ref("target", e.target),
        "place": e.place.name if e.place else None, "place_mention": e.place.mention if e.place else None,
        "country": e.place.country if e.place else None, "admin1": e.place.admin1 if e.place else None,
        "precision": e.place.precision if e.place else None,
        "acled_event_type": e.acled_event_type, "acled_sub_event_type": e.acled_sub_event_type,
        "conflict": e.conflict, "fatalities": e.fatalities, "n_sources": len(e.sources),
        "independent_sources": getattr(e, "independent_sources", None),
        "outlets": "; ".join(sorted({src.outlet for src in e.sources if src.outlet})),
        "claimants": "; ".join(sorted({src.claimant for src in e.sources if src.claimant})),
        "sources": json.dumps([src.model_dump(mode="json") for src in e.sources], ensure_ascii=False),
    }


def export_geojson(store: Store, out: Path, summary: dict, include_unrealised: bool = True) -> int:
    features, unplaced = [], []
    for e in store.ledger_events():
        if not e.place or e.place.lat is None or e.place.lon is None:
            unplaced.append(e.id)
            continue
        features.append({"type": "Feature", "id": e.id,
                         "geometry": {"type": "Point", "coordinates": [e.place.lon, e.place.lat]},
                         "properties": geojson_properties(e)})
    summary["left_out"] = {"no coordinates": len(unplaced)} if unplaced else {}
    summary["left_out_ids"] = unplaced
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


def export_parquet(store: Store, out: Path, summary: dict, include_unrealised: bool = True) -> int:
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


def export(source: Union[Store, Iterable[ArticleResult]], fmt: str, out_path, *,
           include_unrealised: bool = False, summary: Optional[dict] = None) -> int:
    """Write `source` (a Store, or ArticleResults) as fmt to out_path; returns the number of rows.

    include_unrealised: also write failed, planned and denied events (ACLED, UCDP, PLOVER
    formats leave them out by default).  summary: filled with what was left out, by reason."""
    out = Path(out_path)
    store: Any = source if hasattr(source, "ledger_events") and hasattr(source, "results") \
        else ResultsView(source)  # duck-typed: what the writers use of a Store
    writers = {"jsonl": export_jsonl, "acled-csv": export_acled_csv, "ucdp-csv": export_ucdp_csv,
               "plover-jsonl": export_plover_jsonl, "geojson": export_geojson, "parquet": export_parquet}
    if fmt not in writers:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt != "parquet":
        out.parent.mkdir(parents=True, exist_ok=True)
    summary = {} if summary is None else summary
    if fmt in ("jsonl", "geojson", "parquet"):
        return writers[fmt](store, out, summary)
    return writers[fmt](store, out, summary, include_unrealised=include_unrealised)
