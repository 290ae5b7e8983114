import datetime as dt

import pytest
from sqlalchemy import func, select

from builders import claimant, result
from sitrep.ledger.schema import articles, events
from sitrep.ledger.store import Store

MON, TUE, THU = dt.date(2024, 3, 4), dt.date(2024, 3, 5), dt.date(2024, 3, 7)
ARBINDA = ("Arbinda", "Arbinda", 14.23, -0.87)


def attack(outlet, n, published=TUE, who="regional official", cumulative=False, text=None):
    text = text or f"Attack on Arbinda\nGunmen attacked Arbinda on Monday and killed {n} civilians, {who} said."
    return result(text, outlet, published, day=MON, count=n, count_part=f"{n} civilians",
                  who=claimant(who, "BFA"), cumulative=cumulative, place_args=(text,) + ARBINDA)


@pytest.fixture
def store(tmp_path):
    return Store(f"sqlite:///{tmp_path / 'ledger.db'}")


def test_idempotent_and_wal(store):
    r = attack("Sahel Wire", 12)
    assert store.add_result(r, source="a.txt") is True
    assert store.add_result(r, source="a.txt") is False
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(articles)).scalar_one() == 1
        assert conn.execute(select(func.count()).select_from(events)).scalar_one() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
    assert store.article(r.article.id) == r


def test_atomic_article_write(store, monkeypatch):
    import sitrep.ledger.store as mod
    real = mod.flatten

    def broken(res):
        rows = real(res)
        rows["casualties"] = [{"article_id": res.article.id, "no_such_column": 1}]
        return rows
    monkeypatch.setattr(mod, "flatten", broken)
    with pytest.raises(Exception):
        store.add_result(attack("Sahel Wire", 12), source="a.txt")
    monkeypatch.setattr(mod, "flatten", real)
    assert store.stats()["articles"] == 0 and store.stats()["events"] == 0
    assert not store.source_done("a.txt")


def test_resume_and_failures(store):
    store.add_result(attack("Sahel Wire", 12), source="feed.jsonl#1")
    store.record_failure("feed.jsonl#2", "malformed JSON on line 2")
    store.record_failure("feed.jsonl#2", "malformed JSON on line 2")
    assert store.pending(["feed.jsonl#1", "feed.jsonl#2", "feed.jsonl#3"]) == ["feed.jsonl#2", "feed.jsonl#3"]
    [f] = store.failures()
    assert f.source == "feed.jsonl#2" and f.attempts == 2


def test_same_event_from_two_outlets_is_merged(store):
    store.add_result(attack("Sahel Wire", 12))
    store.add_result(attack("Agence Ouest", 15, who="residents"))
    other = "Attack on Djibo\nGunmen attacked Djibo on Monday and killed 3 civilians, police said."
    store.add_result(result(other, "Wire", TUE, day=MON, count=3, count_part="3 civilians",
                            who=claimant("police", "BFA"), place_args=(other, "Djibo", "Djibo", 14.1, -1.63)))
    ledger = store.ledger_events()
    assert sorted(len(e.sources) for e in ledger) == [1, 2]
    merged = next(e for e in ledger if len(e.sources) == 2)
    assert {s.outlet for s in merged.sources} == {"Sahel Wire", "Agence Ouest"}
    assert merged.fatalities == 12          # ACLED's conservative lowest count
    assert store.ledger_events(place="djibo")[0].place.name == "Djibo"
    assert store.ledger_events(since=THU) == []


def test_claim_series_rising_and_contradiction(store):
    store.add_result(attack("Sahel Wire", 14))
    toll = "Toll rises\nThe toll from Monday's attack on Arbinda has risen to 21 civilians, the governor said."
    store.add_result(result(toll, "Sahel Wire", THU, event_type=None, count=21, count_part="21 civilians",
                            who=claimant("governor", "BFA"), cumulative=True, place_args=(toll,) + ARBINDA))
    store.add_result(attack("Agence Ouest", 19, who="residents"))
    [series] = [s for s in store.claim_series() if s.place == "Arbinda"]
    assert [p.low for p in series.points] in ([14, 19, 21], [19, 14, 21])
    [c] = [c for c in store.contradictions() if c.kind == "casualty_count"]
    assert {p.low for p in c.items} == {14, 19}
    assert "residents" in c.description and "regional official" in c.description


def test_status_conflict_flagged(store):
    took = "Town falls\nRebels said they took Arbinda on Monday."
    denied = "Army denies\nThe army denied rebels took Arbinda on Monday."
    store.add_result(result(took, "Wire A", TUE, event_type="SEIZE", day=MON, place_args=(took,) + ARBINDA,
                            who=claimant("rebels", "BFA", "armed_group")))
    store.add_result(result(denied, "Wire B", TUE, event_type="SEIZE", status="denied", day=MON,
                            place_args=(denied,) + ARBINDA, who=claimant("army", "BFA", "military")))
    [c] = [c for c in store.contradictions() if c.kind == "event_status"]
    assert "occurred" in c.description and "denied" in c.description


def test_falling_toll_from_same_claimant(store):
    for n, day in ((30, TUE), (25, THU)):
        t = f"Toll\nThe ministry said {n} civilians have been killed in Arbinda since January."
        store.add_result(result(t, "Wire", day, event_type=None, count=n, count_part=f"{n} civilians",
                                who=claimant("ministry", "BFA"), cumulative=True, place_args=(t,) + ARBINDA))
    assert [c.kind for c in store.contradictions()] == ["falling_toll"]
