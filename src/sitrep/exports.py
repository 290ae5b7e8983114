"""Exports of a store (or a list of ArticleResults): JSONL (one ArticleResult per line),
ACLED CSV, UCDP GED-style CSV, PLOVER/POLECAT JSONL and GeoJSON (one row/feature per ledger
event), Parquet (a folder with one file per table: events, casualties, quotes, places,
actors, ledger_events).

The ACLED, UCDP and PLOVER formats follow those datasets' columns and vocabularies (see
sitrep.export.acled, .ucdp, .plover); every ACLED row is validated against the codebook
model (sitrep.export.codebook) before it is written.  What an export leaves out, and why,
is counted in the `summary` dict export() fills (the CLI prints it).

Every writer streams: articles come a page at a time (Store.iter_results), ledger events a
page at a time with only their source articles (Store.ledger_event_pages, results_for), and
the CSV formats, written in date order, sort their rows in a temporary file
(export/spill.py), so an export's memory does not grow with the store."""
from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

from .ledger import merge
from .ledger.models import LedgerEvent
from .ledger.store import Store, flatten
from .export.codebook import COLUMNS as CODEBOOK_COLUMNS
from .records import ArticleResult

FORMATS = ("jsonl", "acled-csv", "ucdp-csv", "plover-jsonl", "geojson", "parquet")
ACLED_COLUMNS = CODEBOOK_COLUMNS


PAGE = 500   # ledger events per page: an export holds one page and its source articles


class ResultsView:
    """What the exporters need from a store, computed from results in memory."""

    def __init__(self, results: Iterable[ArticleResult]):
        self._results = sorted(results, key=lambda r: (r.article.published or dt.date.min, r.article.id))
        self._by_id = {r.article.id: r for r in self._results}
        self._ledger: Optional[list[LedgerEvent]] = None

    def results(self) -> list[ArticleResult]:
        return self._results

    def iter_results(self) -> Iterator[ArticleResult]:
        return iter(self._results)

    def results_for(self, ids: Iterable[str]) -> dict[str, ArticleResult]:
        return {i: self._by_id[i] for i in ids if i in self._by_id}

    def ledger_events(self) -> list[LedgerEvent]:
        if self._ledger is None:
            self._ledger = sorted(merge.merge(self._results), key=lambda e: (e.date or dt.date.min, e.type, e.id))
        return self._ledger

    def ledger_event_pages(self, batch: int = PAGE, key=None) -> Iterator[list[LedgerEvent]]:
        events = sorted(self.ledger_events(), key=key) if key else self.ledger_events()
        for i in range(0, len(events), batch):
            yield events[i:i + batch]


def _pages(store, acled_order: bool = False) -> Iterator[list[LedgerEvent]]:
    """The store's ledger events a page at a time, in the ledger's order or in the order ACLED
    rows claim fatalities in (export.acled.order_key), sorted by the database."""
    from .export.acled import TYPE_ORDER, order_key
    if isinstance(store, ResultsView):
        yield from store.ledger_event_pages(key=order_key if acled_order else None)
        return
    order = ()
    if acled_order:
        from sqlalchemy import case

        from .ledger.schema import ledger_events as t
        rank = case({name: i for i, name in enumerate(TYPE_ORDER)}, value=t.c.acled_event_type, else_=9)
        order = (rank, t.c.date.is_(None), t.c.date, t.c.id)
    for page in store.ledger_event_pages(batch=PAGE, order=order):
        yield sorted(page, key=order_key) if acled_order else page   # corrections read back may reorder


def _with_articles(store, pages) -> Iterator[tuple[list[LedgerEvent], dict]]:
    """Each page of events with the stored articles its sources come from: one page in memory."""
    for events in pages:
        yield events, store.results_for({s.article_id for e in events for s in e.sources})


def export_jsonl(store: Store, out: Path, summary: dict, include_unrealised: bool = True) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for r in store.iter_results():
            f.write(r.model_dump_json() + "\n")
            n += 1
    return n


def _write_csv(out: Path, columns: list[str], rows: Iterable[dict]) -> int:
    n = 0
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            n += 1
    return n


def export_acled_csv(store: Store, out: Path, summary: dict, include_unrealised: bool = False) -> int:
    """Rows claim fatalities in order_key order (the database sorts), then are written by date
    and id from a spill file: memory is one page of events whatever the store's size."""
    from .export.acled import AcledRows
    from .export.spill import Spill

    builder = AcledRows(include_unrealised=include_unrealised)
    with Spill() as spill:
        counted, seen_ids = spill.set(), spill.set()
        for events, by_article in _with_articles(store, _pages(store, acled_order=True)):
            builder.by_article = by_article
            if hasattr(store, "ingested_at"):   # a Store: timestamps are its sources' ingest times
                builder.ingested_at = store.ingested_at(by_article)
            for e in events:
                if builder.chosen(e):
                    row = builder.checked_row(e, counted, seen_ids)
                    if row is not None:
                        spill.add((row["event_date"], row["event_id_cnty"]), row)
        n = _write_csv(out, ACLED_COLUMNS, spill.rows())
    summary["left_out"] = dict(builder.left_out)
    summary["invalid"] = builder.invalid
    return n


def export_ucdp_csv(store: Store, out: Path, summary: dict, include_unrealised: bool = False) -> int:
    from .export.spill import Spill
    from .export.ucdp import COLUMNS, UcdpRows

    builder = UcdpRows([], include_unrealised=include_unrealised)
    with Spill() as spill:
        for events, by_article in _with_articles(store, _pages(store)):
            builder.by_article = by_article
            for row in builder.rows(events):
                spill.add((row["date_start"], row["id"]), row)
        n = _write_csv(out, COLUMNS, spill.rows())
    summary["left_out"] = dict(builder.left_out)
    return n


def export_plover_jsonl(store: Store, out: Path, summary: dict, include_unrealised: bool = False) -> int:
    from .export.plover import PloverRecords

    builder = PloverRecords([], include_unrealised=include_unrealised)
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for events, by_article in _with_articles(store, _pages(store)):
            builder.by_article = by_article
            for rec in builder.records(events):
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    summary["left_out"] = dict(builder.left_out)
    return n


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
    """One FeatureCollection, written a feature at a time."""
    n, unplaced = 0, []
    with out.open("w", encoding="utf-8") as f:
        f.write('{"type": "FeatureCollection", "features": [')
        for events in _pages(store):
            for e in events:
                if not e.place or e.place.lat is None or e.place.lon is None:
                    unplaced.append(e.id)
                    continue
                feature = {"type": "Feature", "id": e.id,
                           "geometry": {"type": "Point", "coordinates": [e.place.lon, e.place.lat]},
                           "properties": geojson_properties(e)}
                f.write((", " if n else "") + json.dumps(feature))
                n += 1
        f.write("]}")
    summary["left_out"] = {"no coordinates": len(unplaced)} if unplaced else {}
    summary["left_out_ids"] = unplaced
    return n


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
    schemas = {name: _arrow_schema(t) for name, t in TABLES.items()}
    schemas["ledger_events"] = _arrow_schema(ledger_events, drop={"data"}, extra=("statuses", "sources"))
    writers = {name: pq.ParquetWriter(out / f"{name}.parquet", schema) for name, schema in schemas.items()}
    n = 0

    def write(name: str, rows: list[dict]) -> None:
        nonlocal n
        if rows:   # one row group per page: memory is one page
            writers[name].write_table(pa.Table.from_pylist(rows, schema=schemas[name]))
            n += len(rows)
    try:
        page: dict[str, list[dict]] = {name: [] for name in TABLES}
        for i, r in enumerate(store.iter_results(), 1):
            for name, rows in flatten(r).items():
                page[name].extend(rows)
            if i % PAGE == 0:
                for name in TABLES:
                    write(name, page[name])
                page = {name: [] for name in TABLES}
        for name in TABLES:
            write(name, page[name])
        for events in _pages(store):
            ledger = []
            for e in events:
                row, _ = ledger_rows(e)
                row.pop("data")
                row["statuses"] = ",".join(e.statuses)
                row["sources"] = json.dumps([src.model_dump(mode="json") for src in e.sources])
                ledger.append(row)
            write("ledger_events", ledger)
    finally:
        for w in writers.values():   # empty tables keep their columns
            w.close()
    return n


def export(source: Union[Store, Iterable[ArticleResult]], fmt: str, out_path, *,
           include_unrealised: bool = False, summary: Optional[dict] = None) -> int:
    """Write `source` (a Store, or ArticleResults) as fmt to out_path; returns the number of rows.

    include_unrealised: also write failed, planned and denied events (ACLED, UCDP, PLOVER
    formats leave them out by default).  summary: filled with what was left out, by reason."""
    out = Path(out_path)
    store: Any = source if hasattr(source, "ledger_event_pages") and hasattr(source, "iter_results") \
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
