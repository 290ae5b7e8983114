import csv
import datetime as dt
import json

import pytest

from builders import claimant, result
from sitrep.exports import ACLED_COLUMNS, export
from sitrep.ledger.store import Store
from sitrep.records import ActorRef, ArticleResult

TUE, MON = dt.date(2024, 3, 5), dt.date(2024, 3, 4)


@pytest.fixture
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'x.db'}")
    for outlet, n in (("Sahel Wire", 12), ("Agence Ouest", 15)):
        text = f"Attack on Arbinda\nGunmen attacked Arbinda on Monday and killed {n} civilians, officials said."
        s.add_result(result(text, outlet, TUE, day=MON, count=n, count_part=f"{n} civilians",
                            who=claimant("officials", "BFA"),
                            place_args=(text, "Arbinda", "Arbinda", 14.23, -0.87, "BFA", "city", "Sahel"),
                            agent=ActorRef(name="gunmen", kind="armed_group", sector="REB")))
    return s


def test_jsonl_round_trip(store, tmp_path):
    out = tmp_path / "a.jsonl"
    assert export(store, "jsonl", out) == 2
    rows = [ArticleResult.model_validate_json(line) for line in out.read_text().splitlines()]
    assert {r.article.outlet for r in rows} == {"Sahel Wire", "Agence Ouest"}


def test_acled_csv(store, tmp_path):
    out = tmp_path / "acled.csv"
    export(store, "acled-csv", out)
    with out.open() as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ACLED_COLUMNS
        [row] = list(reader)
    assert row["event_date"] == "2024-03-04" and row["location"] == "Arbinda" and row["admin1"] == "Sahel"
    assert row["fatalities"] == "12" and row["source"] == "Agence Ouest; Sahel Wire"
    assert row["inter1"] == "3" and row["iso"] == "854" and row["country"] == "Burkina Faso"
    assert row["region"] == "Western Africa" and row["interaction"] == "37"
    assert row["actor1"] == "Unidentified Armed Group (Burkina Faso)"  # 'gunmen' is no actor name
    # no ACLED type on the extracted events: mapped from PLOVER (gunmen killing civilians)
    assert (row["event_type"], row["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert row["notes"].startswith("Gunmen attacked Arbinda on Monday") and row["time_precision"] == "1"
    # the victims are not a coded actor on the event: ACLED's codebook name and category
    assert (row["actor2"], row["inter2"]) == ("Civilians (Burkina Faso)", "7")


def test_geojson(store, tmp_path):
    out = tmp_path / "e.geojson"
    export(store, "geojson", out)
    data = json.loads(out.read_text())
    [feat] = data["features"]
    assert data["type"] == "FeatureCollection" and feat["geometry"]["coordinates"] == [-0.87, 14.23]
    # flat properties: one value per attribute column, the sources as one JSON string
    assert all(not isinstance(v, (dict, list)) for v in feat["properties"].values())
    assert len(json.loads(feat["properties"]["sources"])) == 2


def test_parquet(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "pq"
    export(store, "parquet", out)
    assert pq.read_table(out / "casualties.parquet").num_rows == 2
    ledger = pq.read_table(out / "ledger_events.parquet").to_pylist()
    assert len(ledger) == 1 and ledger[0]["place"] == "Arbinda"


def test_unknown_format(store, tmp_path):
    with pytest.raises(ValueError, match="unknown format"):
        export(store, "xlsx", tmp_path / "x")


def test_export_from_results_without_a_store(store, tmp_path):
    results = store.results()
    a, b = tmp_path / "from_store.csv", tmp_path / "from_list.csv"
    export(store, "acled-csv", a)
    assert export(results, "acled-csv", b) == 1
    drop_timestamp = lambda p: [{k: v for k, v in r.items() if k != "timestamp"} for r in csv.DictReader(p.open())]
    assert drop_timestamp(a) == drop_timestamp(b)
    out = tmp_path / "list.geojson"
    export(iter(results), "geojson", out)
    [feat] = json.loads(out.read_text())["features"]
    assert feat["properties"]["claimants"] == "officials"
    assert feat["properties"]["outlets"] == "Agence Ouest; Sahel Wire"
    assert {s["claimant"] for s in json.loads(feat["properties"]["sources"])} == {"officials"}


def test_parquet_of_empty_store_keeps_columns(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    export([], "parquet", tmp_path / "pq")
    events = pq.read_table(tmp_path / "pq" / "events.parquet")
    assert events.num_rows == 0 and {"article_id", "type", "claimant", "evidence_start"} <= set(events.column_names)
    ledger = pq.read_table(tmp_path / "pq" / "ledger_events.parquet")
    assert {"conflict", "fatalities", "sources"} <= set(ledger.column_names)


def test_planned_events_are_not_acled_rows(tmp_path):
    text = "Talks\nThe ministers are to meet in Arbinda on Monday."
    r = result(text, "Wire", TUE, event_type="CONSULT", status="planned", day=MON,
               place_args=(text, "Arbinda", "Arbinda", 14.23, -0.87))
    assert export([r], "acled-csv", tmp_path / "a.csv") == 0
    assert export([r], "geojson", tmp_path / "a.geojson") == 1


# -- streaming: exports hold one page, never the whole store ---------------------------------------
PLACES = [("Arbinda", 14.23, -0.87), ("Djibo", 14.10, -1.63), ("Dori", 14.03, -0.03), ("Kaya", 13.09, -1.08),
          ("Gorom", 14.44, -0.23)]


@pytest.fixture
def spread_store(tmp_path):
    """Five incidents on five days at five towns, one article each: five ledger events."""
    s = Store(f"sqlite:///{tmp_path / 'spread.db'}")
    for i, (town, lat, lon) in enumerate(PLACES):
        day = MON + dt.timedelta(days=7 * i)
        text = f"Attack on {town}\nGunmen attacked {town} on Monday and killed {i + 3} civilians, officials said."
        s.add_result(result(text, "Sahel Wire", day + dt.timedelta(days=1), day=day, count=i + 3,
                            count_part=f"{i + 3} civilians", who=claimant("officials", "BFA"),
                            place_args=(text, town, town, lat, lon, "BFA", "city", "Sahel"),
                            agent=ActorRef(name="gunmen", kind="armed_group", sector="REB")))
    return s


def test_iter_results_reads_one_page_at_a_time(spread_store):
    from sqlalchemy import event
    pages = []
    event.listen(spread_store.engine, "before_cursor_execute",
                 lambda conn, cur, stmt, *a: pages.append(stmt) if "result_json" in stmt else None)
    it = spread_store.iter_results(batch=2)
    assert pages == []                         # a generator: nothing read before it is asked
    first = next(it)
    assert len(pages) == 1
    rest = list(it)
    assert len(pages) == 3                     # 5 articles in pages of 2
    dates = [r.article.published for r in [first, *rest]]
    assert dates == sorted(dates) and len(set(r.article.id for r in [first, *rest])) == 5


def test_every_export_streams_pages(spread_store, tmp_path, monkeypatch):
    import sitrep.exports as exports
    monkeypatch.setattr(exports, "PAGE", 2)

    def forbidden(*a, **k):
        raise AssertionError("an export loaded the whole store")
    monkeypatch.setattr(Store, "results", forbidden)
    monkeypatch.setattr(Store, "ledger_events", forbidden)
    monkeypatch.setattr(Store, "ledger_page", forbidden)
    asked, pages = [], []
    real_for, real_pages = Store.results_for, Store.ledger_event_pages
    monkeypatch.setattr(Store, "results_for", lambda self, ids: asked.append(set(ids)) or real_for(self, ids))

    def counted_pages(self, *a, **k):
        for page in real_pages(self, *a, **k):
            pages.append(len(page))
            yield page
    monkeypatch.setattr(Store, "ledger_event_pages", counted_pages)
    counts = {}
    for fmt in ("jsonl", "acled-csv", "ucdp-csv", "plover-jsonl", "geojson", "parquet"):
        counts[fmt] = export(spread_store, fmt, tmp_path / f"out.{fmt}")
    assert counts["jsonl"] == 5 and counts["geojson"] == 5 and counts["plover-jsonl"] == 5
    assert counts["acled-csv"] == 5
    assert pages and max(pages) <= 2                     # ledger events a page of 2 at a time
    assert asked and max(len(ids) for ids in asked) <= 2  # and only their source articles
    rows = list(csv.DictReader((tmp_path / "out.acled-csv").open()))
    assert [r["event_date"] for r in rows] == sorted(r["event_date"] for r in rows)
    assert sorted(int(r["fatalities"]) for r in rows) == [3, 4, 5, 6, 7]


def test_streamed_exports_equal_the_in_memory_ones(spread_store, tmp_path):
    results = list(spread_store.iter_results())
    for fmt in ("acled-csv", "ucdp-csv", "plover-jsonl"):
        a, b = tmp_path / f"store.{fmt}", tmp_path / f"list.{fmt}"
        assert export(spread_store, fmt, a) == export(results, fmt, b)
        if fmt == "plover-jsonl":
            assert sorted(a.read_text().splitlines()) == sorted(b.read_text().splitlines())
        else:
            drop = lambda p: [{k: v for k, v in r.items() if k != "timestamp"} for r in csv.DictReader(p.open())]
            assert drop(a) == drop(b)


def test_spill_sorts_on_disk_and_remembers():
    from sitrep.export.spill import Spill
    with Spill() as spill:
        for key, row in [(("2024-03-05", 7), {"n": 1}), (("2024-03-04", 12), {"n": 2}),
                         (("2024-03-04", 9), {"n": 3}), (("2024-03-05", 7), {"n": 4})]:
            spill.add(key, row)
        assert [r["n"] for r in spill.rows()] == [3, 2, 1, 4]   # by key, ties as added
        seen = spill.set()
        assert ("a", 1) not in seen
        seen.add(("a", 1))
        assert ("a", 1) in seen and ("a", 2) not in seen
        with pytest.raises(TypeError):
            spill.add((1.5,), {})
