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
