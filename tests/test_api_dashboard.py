"""The API the dashboard pages and filters through (TestClient, no browser): dated events first,
limit/offset with X-Total-Count, the event filters on claims and contradictions, event_id links,
daily counts and CSV downloads, on 1,102 hand-built ledger events."""
import csv
import io

import pytest
from fastapi.testclient import TestClient

import web_stores
from sitrep.api import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('dash') / 'dash.db'}"
    web_stores.build_synthetic(url)
    return TestClient(create_app(url))


def total(r) -> int:
    return int(r.headers["x-total-count"])


def test_events_page_dated_first(client):
    r = client.get("/api/events?limit=20&offset=20")
    assert r.status_code == 200 and len(r.json()) == 20 and total(r) == 1102
    days = [e["date"] for e in client.get("/api/events?limit=5000").json()]
    assert None not in days and days == sorted(days)


def test_claims_follow_the_event_filters(client):
    every = total(client.get("/api/claims?limit=1"))
    rebels = client.get("/api/claims?actor=the%20rebels").json()
    assert [c["low"] for c in rebels["claims"]] == [40]
    assert {p["claimant"] for s in rebels["series"] for p in s["points"]} == {"the rebels"}
    djibo = client.get("/api/claims?place=Djibo&limit=5000")
    assert 0 < total(djibo) < every and {c["place"] for c in djibo.json()["claims"]} == {"Djibo"}
    mli = client.get("/api/claims?conflict=MLI&limit=5000").json()["claims"]
    assert mli and all("MLI" in (c["side"], c["claimant_country"]) for c in mli)
    paged = client.get("/api/claims?limit=10&offset=10")
    assert len(paged.json()["claims"]) == 10 and total(paged) == every


def test_contradictions_filter_and_carry_event_ids(client):
    every = client.get("/api/contradictions").json()
    assert {c["kind"] for c in every} == {"casualty_count", "event_status"}
    assert all(c["event_id"] for c in every)
    seytenga = client.get("/api/contradictions?place=Seytenga").json()
    assert [c["kind"] for c in seytenga] == ["casualty_count"]
    assert client.get("/api/contradictions?place=Djibo").json() == []
    assert [c["kind"] for c in client.get("/api/contradictions?actor=rebels&conflict=MLI").json()] == ["event_status"]
    assert client.get("/api/contradictions?since=2024-01-01").json() == []
    kidal = next(c for c in every if c["kind"] == "event_status")
    e = client.get(f"/api/events/{kidal['event_id']}").json()
    assert sorted(s["status"] for s in e["sources"]) == ["denied", "occurred"]
    assert client.get(f"/api/contradictions?event_id={kidal['event_id']}").json() == [kidal]


def test_event_claims(client):
    c = client.get("/api/contradictions?place=Seytenga").json()[0]
    claims = client.get(f"/api/claims?event_id={c['event_id']}").json()
    assert sorted(x["low"] for x in claims["claims"]) == [14, 19, 21, 40]
    assert client.get("/api/claims?event_id=nosuchevent").status_code == 404


def test_daily_counts_and_csv(client):
    daily = client.get("/api/daily").json()
    assert sum(d["events"] for d in daily) == 1102
    gao = client.get("/api/daily?place=Gao").json()
    assert {d["country"] for d in gao} == {"MLI"} and sum(d["events"] for d in gao) == \
        total(client.get("/api/events?place=Gao&limit=1"))
    r = client.get("/api/events.csv?type=PROTEST")
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == total(client.get("/api/events?type=PROTEST&limit=1")) and {x["type"] for x in rows} == {"PROTEST"}
    contested = list(csv.DictReader(io.StringIO(client.get("/api/events.csv?place=Kidal").text)))
    assert [x["contested"] for x in contested] == ["True"]
    claims = list(csv.DictReader(io.StringIO(client.get("/api/claims.csv?actor=ministry").text)))
    assert sorted(int(x["low"]) for x in claims) == [14, 19, 21]
    assert len(list(csv.DictReader(io.StringIO(client.get("/api/contradictions.csv").text)))) == 2
