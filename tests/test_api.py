"""REST API over a temp SQLite store of hand-built records (FastAPI TestClient, no extractors)."""
import datetime as dt
import re

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from builders import claimant, result  # noqa: E402
from sitrep.api import create_app  # noqa: E402
from sitrep.ledger.store import Store  # noqa: E402
from sitrep.records import ActorRef  # noqa: E402

MON, TUE, WED, THU = dt.date(2024, 3, 4), dt.date(2024, 3, 5), dt.date(2024, 3, 6), dt.date(2024, 3, 7)
JNIM = ActorRef(name="JNIM", kind="armed_group", sector="REB")


def attack(outlet, n, who, country="BFA", published=TUE):
    text = f"Attack on Arbinda\nGunmen attacked Arbinda on Monday and killed {n} civilians, {who} said."
    return result(text, outlet, published, day=MON, count=n, count_part=f"{n} civilians", agent=JNIM,
                  who=claimant(who, country), place_args=(text, "Arbinda", "Arbinda", 14.23, -0.87))


def talks():
    text = "Talks in Niamey\nDelegates are to meet in Niamey on Monday, the ministry said."
    return result(text, "Wire C", THU, event_type="CONSULT", status="planned", day=dt.date(2024, 3, 11),
                  place_args=(text, "Niamey", "Niamey", 13.51, 2.11, "NER"))


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'api.db'}"
    store = Store(url)
    for r in (attack("Wire A", 14, "a regional official"), attack("Wire B", 19, "residents", None, WED), talks()):
        store.add_result(r)
    store.record_failure("bad.bin", "binary file, not text")
    return url, store


@pytest.fixture
def client(db):
    with TestClient(create_app(db[0])) as c:
        yield c


def test_health_and_stats(client):
    assert client.get("/healthz").json() == {"ok": True, "database": "sqlite"}
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 3 and stats["casualties"] == 2 and stats["ledger_events"] == 2


def test_events_filters_and_paging(client):
    r = client.get("/api/events")
    events = r.json()
    assert r.headers["x-total-count"] == "2" and len(events) == 2
    assault = next(e for e in events if e["type"] == "ASSAULT")
    assert len(assault["sources"]) == 2 and assault["fatalities"] == 14        # merged across outlets
    assert [e["type"] for e in client.get("/api/events", params={"type": "consult"}).json()] == ["CONSULT"]
    assert [e["type"] for e in client.get("/api/events", params={"actor": "jnim"}).json()] == ["ASSAULT"]
    assert [e["type"] for e in client.get("/api/events", params={"place": "niamey"}).json()] == ["CONSULT"]
    assert [e["date"] for e in client.get("/api/events", params={"since": "2024-03-10"}).json()] == ["2024-03-11"]
    assert client.get("/api/events", params={"until": "2024-03-01"}).json() == []
    page = client.get("/api/events", params={"limit": 1, "offset": 1})
    assert page.headers["x-total-count"] == "2" and [e["id"] for e in page.json()] == [events[1]["id"]]
    assert client.get("/api/events", params={"limit": 0}).status_code == 400
    assert client.get("/api/events", params={"since": "not a date"}).status_code == 400


def test_event_detail_has_sources_with_evidence(client):
    [assault] = client.get("/api/events", params={"type": "ASSAULT"}).json()
    detail = client.get(f"/api/events/{assault['id']}").json()
    assert detail == assault
    for src in detail["sources"]:
        text = client.get(f"/api/articles/{src['article_id']}").json()["article"]["text"]
        ev = src["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"] and "Gunmen attacked" in ev["text"]
    assert {s["claimant"] for s in detail["sources"]} == {"a regional official", "residents"}
    assert client.get("/api/events/nope").status_code == 404


def test_claims_by_side_and_claimant(client):
    body = client.get("/api/claims").json()
    assert sorted((c["claimant"], c["high"]) for c in body["claims"]) == [("a regional official", 14),
                                                                           ("residents", 19)]
    [series] = body["series"]
    assert [p["high"] for p in series["points"]] == [14, 19] and series["trend"] == "rising"
    from sitrep.api import ClaimsResponse   # the stored JSON sent as it is still has the documented shape
    assert ClaimsResponse.model_validate(body).model_dump(mode="json") == body
    by_country = client.get("/api/claims", params={"claimant": "bfa"}).json()
    assert [c["claimant"] for c in by_country["claims"]] == ["a regional official"]
    assert [p["claimant"] for p in by_country["series"][0]["points"]] == ["a regional official"]
    assert client.get("/api/claims", params={"outcome": "wounded"}).json() == {"claims": [], "series": []}
    assert client.get("/api/claims", params={"since": "2024-03-07"}).json()["claims"] == []
    claim = body["claims"][0]
    text = client.get(f"/api/articles/{claim['article_id']}").json()["article"]["text"]
    assert text[claim["mention"]["start"]:claim["mention"]["end"]] == claim["mention"]["text"]


def test_contradictions(client):
    [c] = client.get("/api/contradictions").json()
    assert c["kind"] == "casualty_count" and "14" in c["description"] and "19" in c["description"]
    assert client.get("/api/contradictions", params={"kind": "event_status"}).json() == []
    assert client.get("/api/contradictions", params={"kind": "bogus"}).status_code == 400


def test_articles_and_failures(client):
    r = client.get("/api/articles")
    assert r.headers["x-total-count"] == "3"
    assert [a["outlet"] for a in r.json()] == ["Wire A", "Wire B", "Wire C"]
    assert [a["outlet"] for a in client.get("/api/articles", params={"outlet": "wire c"}).json()] == ["Wire C"]
    assert [a["outlet"] for a in client.get("/api/articles", params={"since": "2024-03-07"}).json()] == ["Wire C"]
    for offset in (0, 1, 2):   # a page is cut from the ordered, filtered list, and counts are per article
        page = client.get("/api/articles", params={"limit": 1, "offset": offset})
        assert page.headers["x-total-count"] == "3" and page.json() == r.json()[offset:offset + 1]
    page = client.get("/api/articles", params={"since": "2024-03-06", "limit": 1, "offset": 1})
    assert page.headers["x-total-count"] == "2" and [a["outlet"] for a in page.json()] == ["Wire C"]
    one = r.json()[0]
    full = client.get(f"/api/articles/{one['id']}").json()
    text = full["article"]["text"]
    for rec in full["events"] + full["casualties"] + full["places"]:
        assert text[rec["evidence"]["start"]:rec["evidence"]["end"]] == rec["evidence"]["text"]
    assert client.get("/api/articles/nope").status_code == 404
    assert [f["source"] for f in client.get("/api/failures").json()] == ["bad.bin"]


def test_sees_articles_added_by_another_process(client, db):
    assert client.get("/api/stats").json()["articles"] == 3
    other = Store(db[0])                                   # e.g. a running `sitrep ingest`
    other.add_result(attack("Wire D", 21, "the army", published=THU))
    assert client.get("/api/stats").json()["articles"] == 4
    assert len(client.get("/api/claims").json()["claims"]) == 3


def test_openapi_documented_and_docs_offline(client):
    spec = client.get("/openapi.json").json()
    assert {t["name"] for t in spec["tags"]} >= {"ledger", "articles", "meta"}
    for path in ("/api/events", "/api/events/{event_id}", "/api/claims", "/api/contradictions",
                 "/api/articles", "/api/articles/{article_id}", "/api/stats", "/healthz"):
        op = spec["paths"][path]["get"]
        assert op["tags"] and op["summary"]
        assert "schema" in op["responses"]["200"]["content"]["application/json"]
    params = {p["name"]: p for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"conflict", "actor", "place", "since", "until", "type", "limit", "offset"} <= set(params)
    assert params["conflict"]["description"]
    assert {"LedgerEvent", "ArticleResult", "ClaimsResponse", "Contradiction"} <= set(spec["components"]["schemas"])
    docs = client.get("/docs")
    assert docs.status_code == 200
    outside = [u for u in re.findall(r"""(?:src|href|url)\s*[=:]\s*["']([^"']+)""", docs.text)
               if re.match(r"(https?:)?//", u)]
    assert outside == []
    for asset in re.findall(r"""(?:src|href)="(/[^"]+)""", docs.text):
        assert client.get(asset).status_code == 200, asset


def test_dashboard_assets_served_locally(client):
    html = client.get("/").text
    assert not re.search(r"""(src|href)="(https?:)?//""", html)
    for asset in re.findall(r"""(?:src|href)="(/[^"]+)""", html):
        assert client.get(asset).status_code == 200, asset
    assert "topojsonURL: '/static/vendor/topojson/'" in client.get("/static/app.js").text
    assert client.get("/static/vendor/topojson/world_110m.json").json()["type"] == "Topology"


def test_docs_fallback_without_swagger_assets(db, monkeypatch):
    import sitrep.api as api
    monkeypatch.setattr(api, "swagger_dir", lambda: None)
    with TestClient(api.create_app(db[0])) as c:
        docs = c.get("/docs").text
        assert "fetch('/openapi.json')" in docs and not re.search(r"""(src|href)="(https?:)?//""", docs)
        assert c.get("/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 404


def test_claim_series_points_are_bounded_unless_asked(db, monkeypatch):
    import sitrep.api as api
    monkeypatch.setattr(api, "POINTS_PER_SERIES", 1)   # the default bound, read when the app is made
    with TestClient(api.create_app(db[0])) as c:
        [series] = c.get("/api/claims").json()["series"]
        assert series["n_points"] == 2 and len(series["points"]) == 1       # n_points tells there are more
        [every] = c.get("/api/claims", params={"points_limit": 2}).json()["series"]
        assert [p["low"] for p in every["points"]] == [14, 19]               # earliest first, all when asked


def test_iso3_in_capitals_matches_codes_only(client, db):
    db[1].add_result(attack("Wire E", 3, "the army", country="MLI", published=THU))
    names = lambda q: sorted(c["claimant"] for c in client.get("/api/claims", params={"claimant": q}).json()["claims"])
    assert names("MLI") == ["the army"]
    assert names("ARM") == []                       # Armenia, not "army"
    assert names("arm") == ["the army"]             # a name substring


def test_claim_evidence_and_series_totals(client):
    r = client.get("/api/claims", params={"limit": 1})
    body = r.json()
    assert r.headers["x-total-count"] == "2" and r.headers["x-series-total-count"] == "1"
    [claim] = body["claims"]
    text = client.get(f"/api/articles/{claim['article_id']}").json()["article"]["text"]
    ev = claim["evidence"]
    assert text[ev["start"]:ev["end"]] == ev["text"] and "killed" in ev["text"]
    [series] = body["series"]
    assert series["n_points"] == 2
    assert len(client.get("/api/claims", params={"points_limit": 1}).json()["series"][0]["points"]) == 1
    c = client.get("/api/contradictions", params={"limit": 1, "offset": 1})
    assert c.headers["x-total-count"] == "1" and c.json() == []


def test_daily_counts_and_healthz_without_the_ledger(client, db):
    rows = client.get("/api/daily").json()
    assert {(r["day"], r["type"], r["events"]) for r in rows} == {("2024-03-04", "ASSAULT", 1),
                                                                 ("2024-03-11", "CONSULT", 1)}
    assert client.get("/api/daily", params={"country": "NER"}).json()[0]["type"] == "CONSULT"
    from sqlalchemy import text
    with db[1].engine.begin() as conn:          # a store whose ledger tables are gone still answers /healthz
        conn.execute(text("ALTER TABLE ledger_events RENAME TO ledger_events_gone"))
    assert client.get("/healthz").json()["ok"] is True


def test_contested_capture_shows_each_source_status(tmp_path):
    """A capture one outlet reports and another reports denied is one contested event (issue 7)."""
    store = Store(f"sqlite:///{tmp_path / 'c.db'}")
    for outlet, status, who in (("Wire A", "occurred", "M23"), ("Wire B", "denied", "Congolese army")):
        text = f"Goma\nRebels took Goma on Monday, {who} said."
        store.add_result(result(text, outlet, TUE, event_type="SEIZE", status=status, day=MON, agent=JNIM,
                                who=claimant(who, "COD"), place_args=(text, "Goma", "Goma", -1.68, 29.22, "COD")))
    with TestClient(create_app(store.url)) as c:
        (event,) = c.get("/api/events").json()
        detail = c.get(f"/api/events/{event['id']}").json()
    assert detail["contested"] is True
    assert sorted((s["status"], s["claimant"]) for s in detail["sources"]) == [
        ("denied", "Congolese army"), ("occurred", "M23")]
