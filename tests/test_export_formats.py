"""ACLED (codebook-validated), UCDP GED and PLOVER/POLECAT exports."""
import csv
import datetime as dt
import json

import pytest
from pydantic import ValidationError

from builders import claimant, result
from sitrep.export.codebook import COLUMNS, AcledRow, interaction
from sitrep.export.common import source_scale, state_period
from sitrep.export.plover import FIELDS
from sitrep.export.ucdp import COLUMNS as UCDP_COLUMNS, priogrid_gid
from sitrep.exports import export
from sitrep.records import ActorRef

TUE, MON = dt.date(2024, 3, 5), dt.date(2024, 3, 4)
GUNMEN = ActorRef(name="gunmen", kind="armed_group", sector="REB")


def _arbinda(outlet="Sahel Wire", n=12, **kw):
    text = f"Attack on Arbinda\nGunmen attacked Arbinda on Monday and killed {n} civilians, officials said."
    kw.setdefault("agent", GUNMEN)
    return result(text, outlet, TUE, day=MON, count=n, count_part=f"{n} civilians", who=claimant("officials", "BFA"),
                  place_args=(text, "Arbinda", "Arbinda", 14.23, -0.87, "BFA", "city", "Sahel"), **kw)


def _rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory):
    from sitrep.cli import SAMPLES
    from sitrep.ingest_runner import run_ingest
    from sitrep.ledger.store import Store
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('samples') / 's.db'}")
    run_ingest([SAMPLES], store)
    return store


def test_acled_export_of_the_samples_passes_the_codebook(samples_store, tmp_path):
    out, summary = tmp_path / "acled.csv", {}
    n = export(samples_store, "acled-csv", out, summary=summary)
    with open(out, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == COLUMNS and len(COLUMNS) == 31
        rows = list(reader)
    assert n == len(rows) > 5 and summary["invalid"] == []
    for row in rows:
        AcledRow.model_validate(row)           # every written row, read back as text, is codebook-valid
        assert len(row["interaction"]) == 2 and row["inter2"] in "012345678"
    ids = [r["event_id_cnty"] for r in rows]
    assert len(set(ids)) == len(ids)
    # non-ACLED PLOVER types and events that did not happen (planned, failed, denied) are left out, and counted
    assert any("no ACLED event type" in k for k in summary["left_out"])
    assert any(k.startswith(("planned", "failed", "denied")) and k.endswith("(not an event that happened)")
               for k in summary["left_out"])
    # ids are stable across exports
    again = tmp_path / "again.csv"
    export(samples_store, "acled-csv", again)
    assert [r["event_id_cnty"] for r in _rows(again)] == ids
    assert _rows(again) == rows      # same store, same file: timestamps are the sources' ingest times


def test_unrealised_events_only_on_request(tmp_path):
    r = _arbinda(status="failed")
    assert export([r], "acled-csv", tmp_path / "a.csv") == 0
    assert export([r], "acled-csv", tmp_path / "b.csv", include_unrealised=True) == 1


def test_fatalities_counted_once_per_incident(tmp_path):
    r = _arbinda(n=12)
    fight = r.events[0].model_copy(update={"type": "FIGHT", "target": ActorRef(
        name="Military Forces of Burkina Faso", kind="military", country="BFA", sector="MIL")})
    r = r.model_copy(update={"events": [r.events[0], fight]})
    out = tmp_path / "a.csv"
    assert export([r], "acled-csv", out) == 2
    rows = _rows(out)
    assert sorted(int(x["fatalities"]) for x in rows) == [0, 12]
    assert next(x for x in rows if x["event_type"] == "Battles")["fatalities"] == "12"


def test_actor_names_follow_acled():
    assert state_period("KEN", dt.date(2019, 6, 1)) == "(2013-2022)"
    assert state_period("SDN", dt.date(2024, 3, 1)) == "(2019-)"
    assert state_period("KEN", dt.date(1990, 1, 1)) == "" and state_period("ZZZ", dt.date(2020, 1, 1)) == ""


def test_possessive_agent_is_the_claimant_group_and_foreign_forces_are_external(tmp_path):
    text = "Town falls\nThe RSF said its fighters attacked Arbinda on Monday."
    r = result(text, "Wire", TUE, day=MON, who=claimant("RSF", None, kind="armed_group"),
               place_args=(text, "Arbinda", "Arbinda", 14.23, -0.87, "BFA", "city", "Sahel"),
               agent=ActorRef(name="its fighters", kind="armed_group", sector="REB"))
    ev = r.events[0].model_copy(update={"target": ActorRef(name="French army", kind="military", country="FRA",
                                                           sector="MIL")})
    out = tmp_path / "a.csv"
    export([r.model_copy(update={"events": [ev]})], "acled-csv", out)
    [row] = _rows(out)
    assert row["actor1"] == "Rapid Support Forces" and row["inter1"] == "2"
    assert row["actor2"] == "Military Forces of France (2017-)" and row["inter2"] == "8"
    assert row["interaction"] == "28" and row["event_type"] == "Battles"


@pytest.mark.parametrize("change, message", [
    ({"actor1": "its fighters"}, "pronoun or a common noun"),
    ({"actor1": "market"}, "pronoun or a common noun"),
    ({"sub_event_type": "Armed clash"}, "not a sub-type"),
    ({"interaction": "7"}, "interaction"),
    ({"inter2": 9}, "less than or equal to 8"),
    ({"region": "Africa"}, "region"),
    ({"source_scale": "Planetary"}, "source_scale"),
])
def test_codebook_model_rejects(change, message):
    good = dict(event_id_cnty="BFA1", event_date="2024-03-04", year=2024, time_precision=1,
                disorder_type="Political violence", event_type="Violence against civilians", sub_event_type="Attack",
                actor1="Unidentified Armed Group (Burkina Faso)", inter1=3, actor2="Civilians (Burkina Faso)",
                inter2=7, interaction="37", civilian_targeting="Civilian targeting", iso=854, region="Western Africa",
                country="Burkina Faso", location="Arbinda", latitude=14.2, longitude=-0.9, geo_precision=1,
                source="Reuters", source_scale="International", notes="", fatalities=3, timestamp=1)
    AcledRow.model_validate(good)
    with pytest.raises(ValidationError, match=message):
        AcledRow.model_validate({**good, **change})


def test_interaction_and_source_scale():
    assert interaction(6, 0) == "60" and interaction(7, 1) == "17" and interaction(3, 3) == "33"
    assert source_scale(["Reuters", "Daily Nation"]) == "National-International"
    assert source_scale(["Twitter", "Star (Kenya)"]) == "New media-National"
    assert source_scale(["Some Blog"]) == ""


def test_ucdp_csv(tmp_path):
    out = tmp_path / "ged.csv"
    assert export([_arbinda("Sahel Wire", 12), _arbinda("Agence Ouest", 15)], "ucdp-csv", out) == 1
    with open(out, newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == UCDP_COLUMNS
        [row] = list(reader)
    assert row["type_of_violence"] == "3" and row["side_b"] == "Civilians"
    # best/low/high by ledger.estimates (issue 10): the highest specific figure is best
    assert (row["low"], row["best"], row["high"]) == ("12", "15", "15")
    deaths = sum(int(row[k]) for k in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"))
    assert deaths == int(row["best"]) and row["deaths_civilians"] == "15"
    assert row["source_original"] == "officials" and row["where_prec"] == "1" and row["date_prec"] == "1"
    assert row["number_of_sources"] == "2" and row["region"] == "Africa"
    assert row["priogrid_gid"] == str(priogrid_gid(14.23, -0.87))


def test_ucdp_best_low_high_come_from_the_estimates(tmp_path):
    out = tmp_path / "ged.csv"
    sources = [_arbinda("Sahel Wire", 14), _arbinda("Agence Ouest", 9), _arbinda("Radio Nord", 11)]
    assert export(sources, "ucdp-csv", out) == 1
    [row] = _rows(out)
    assert (row["low"], row["best"], row["high"]) == ("9", "14", "14")
    assert row["deaths_civilians"] == "14" and row["deaths_unknown"] == "0"


def test_priogrid():
    assert priogrid_gid(-89.9, -179.9) == 1 and priogrid_gid(89.9, 179.9) == 259200


def test_plover_jsonl_uses_polecat_names(tmp_path):
    out = tmp_path / "p.jsonl"
    assert export([_arbinda()], "plover-jsonl", out) == 1
    [rec] = [json.loads(line) for line in out.read_text().splitlines()]
    assert list(rec) == FIELDS
    assert rec["Event Type"] == "ASSAULT" and rec["Quad Code"] == 4 and rec["Placename"] == "Arbinda"
    assert rec["Actor Name"] == "gunmen" and rec["Primary Actor Sector"] == "REB" and rec["Country"] == "BFA"


def test_geojson_reports_what_it_leaves_out(tmp_path):
    text = "Attack\nGunmen attacked a village on Monday."
    unplaced = result(text, "Wire", TUE, day=MON, agent=GUNMEN)
    summary = {}
    assert export([_arbinda(), unplaced], "geojson", tmp_path / "g.geojson", summary=summary) == 1
    assert summary["left_out"] == {"no coordinates": 1} and len(summary["left_out_ids"]) == 1


def test_a_named_force_is_not_the_state(tmp_path):
    rsf = ActorRef(name="Rapid Support Forces", kind="military", country="SDN", sector="MIL")
    army = ActorRef(name="Sudanese army", kind="military", country="SDN", sector="MIL")
    text = "Shelling\nThe Rapid Support Forces shelled Arbinda on Monday, killing 12 civilians."
    rows = []
    for agent in (rsf, army):
        r = result(text, "Wire", TUE, day=MON, count=12, count_part="12 civilians",
                   place_args=(text, "Arbinda", "Umm Ruwaba", 12.9, 31.2, "SDN", "city", "North Kordofan"), agent=agent)
        export([r], "acled-csv", tmp_path / "a.csv")
        rows += _rows(tmp_path / "a.csv")
    assert (rows[0]["actor1"], rows[0]["inter1"]) == ("Rapid Support Forces", "2")
    assert (rows[1]["actor1"], rows[1]["inter1"]) == ("Military Forces of Sudan (2019-)", "1")
