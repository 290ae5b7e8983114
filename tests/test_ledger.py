import datetime as dt

import pytest
from sqlalchemy import func, select

from builders import claimant, result, span
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


# -- persisted ledger, batches, migration -------------------------------------------------
from sqlalchemy import text  # noqa: E402

from sitrep.ledger.schema import ledger_event_sources, ledger_events, quotes  # noqa: E402
from sitrep.records import ActorRef, Casualty, Claimant, Span  # noqa: E402


def _count(store, table):
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_ledger_tables_persisted_and_seen_by_another_process(store, tmp_path):
    store.add_result(attack("Sahel Wire", 12))
    [e] = store.ledger_events()
    assert _count(store, ledger_events) == 1 and _count(store, ledger_event_sources) == 1
    reader = Store(store.url)                       # a second process on the same file
    assert [x.id for x in reader.ledger_events()] == [e.id]
    store.add_result(attack("Agence Ouest", 15, who="residents", published=THU))
    [merged] = reader.ledger_events()               # the reader notices the new article
    assert merged.id == e.id and len(merged.sources) == 2
    assert _count(reader, ledger_event_sources) == 2
    assert reader.ledger_event(e.id).sources[1].outlet in {"Sahel Wire", "Agence Ouest"}
    assert reader.ledger_event("nope") is None
    assert reader.rebuild_ledger() == 1 and reader.ledger_events()[0].id == e.id  # stable ids


def test_add_results_batch_keeps_good_articles(store, monkeypatch):
    import sitrep.ledger.store as mod
    good = [attack("Wire A", 12), attack("Wire B", 13)]
    bad = attack("Wire C", 14)
    real = mod.flatten

    def broken(res):
        rows = real(res)
        if res.article.id == bad.article.id:
            rows["casualties"] = [{"article_id": res.article.id, "no_such_column": 1}]
        return rows
    monkeypatch.setattr(mod, "flatten", broken)
    with pytest.raises(Exception):
        store.add_results([good[0], bad, good[1]], sources=["f#1", "f#2", "f#3"])
    assert store.pending(["f#1", "f#2", "f#3"]) == ["f#2"]
    assert store.stats()["articles"] == 2 and store.stats()["casualties"] == 2
    monkeypatch.setattr(mod, "flatten", real)
    assert store.add_results([good[0], bad], sources=["f#1", "f#2"]) == 1   # only the new one


def test_old_store_gains_new_columns(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    Store(url).engine.dispose()
    old = Store(url)
    with old.engine.begin() as conn:
        conn.execute(text("ALTER TABLE quotes DROP COLUMN claimant"))
    old.engine.dispose()
    again = Store(url)
    assert "claimant" in {c["name"] for c in __import__("sqlalchemy").inspect(again.engine).get_columns("quotes")}
    assert again.add_result(attack("Wire", 3)) and _count(again, quotes) == 0


def test_old_store_gains_new_indexes_and_claims_pages_use_them(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = Store(url)
    for i in range(3):
        old.add_result(attack(f"Wire {i}", 10 + i, published=TUE + dt.timedelta(days=i)))
    with old.engine.begin() as conn:
        for name in ("ix_articles_order", "ix_casualties_article_idx", "ix_claim_points_series_sort"):
            conn.execute(text(f"DROP INDEX {name}"))
    old.engine.dispose()
    again = Store(url)   # an expression index too (the inspector does not list those on SQLite)
    with again.engine.connect() as conn:
        names = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars())
        assert {"ix_articles_order", "ix_casualties_article_idx", "ix_claim_points_series_sort"} <= names
        plan = " ".join(str(r) for r in conn.execute(text(
            "EXPLAIN QUERY PLAN SELECT point FROM claim_points WHERE series = 'x' ORDER BY sort LIMIT 5")))
        assert "ix_claim_points_series_sort" in plan and "TEMP B-TREE" not in plan
    Store(url).engine.dispose()   # opening a current store changes nothing
    rows, total = again.casualty_claims(limit=2, offset=1)
    assert total == 3 and [r["low"] for r in rows] == [11, 12]          # dated order, paged in SQL
    assert rows[0]["evidence_text"].startswith("Gunmen attacked Arbinda")
    series, n = again.claim_series(limit=1, points_limit=2, with_total=True, raw=True)
    assert n >= 1 and isinstance(series[0], dict) and 1 <= len(series[0]["points"]) <= 2
    from sitrep.ledger.models import ClaimSeries
    import json
    parsed = {**series[0], "points": [json.loads(p) for p in series[0]["points"]]}   # the stored texts
    assert again.claim_series(limit=1, points_limit=2) == [ClaimSeries.model_validate(parsed)]


# -- merge rules -----------------------------------------------------------------------------
def test_exact_days_must_match_but_vague_dates_have_slack(store):
    store.add_result(attack("Wire A", 12))                       # Monday
    tue = attack("Wire B", 12)
    e = tue.events[0]
    tue_date = e.date.model_copy(update=dict(value=TUE.isoformat(), date=TUE, start_date=TUE, end_date=TUE))
    store.add_result(tue.model_copy(update=dict(events=[e.model_copy(update=dict(date=tue_date))])))
    assert sorted(len(x.sources) for x in store.ledger_events()) == [1, 1]
    undated = attack("Wire C", 7)
    store.add_result(undated.model_copy(update=dict(events=[undated.events[0].model_copy(update=dict(date=None))])))
    # published Tuesday, no day, nothing but the town in common: an undated report never joins on
    # place alone (issue 7); with a shared party it would join Monday's group (test_incidents.py)
    assert sorted(len(x.sources) for x in store.ledger_events()) == [1, 1, 1]
    same_toll = attack("Wire D", 12)   # its article's lede, and Monday's toll of 12 in the same town
    store.add_result(same_toll.model_copy(update=dict(events=[same_toll.events[0].model_copy(update=dict(date=None))])))
    assert sorted(len(x.sources) for x in store.ledger_events()) == [1, 1, 2]


def test_planned_and_occurred_stay_separate(store):
    text_ = "Talks\nThe ministers met in Arbinda on Monday."
    for outlet, status in (("Wire A", "occurred"), ("Wire B", "planned")):
        store.add_result(result(text_, outlet, TUE, event_type="CONSULT", status=status, day=MON,
                                place_args=(text_,) + ARBINDA))
    assert sorted(e.status for e in store.ledger_events()) == ["occurred", "planned"]


def _with(r, **changes):
    return r.model_copy(update=dict(events=[r.events[0].model_copy(update=changes)]))


def test_an_attack_and_clashes_are_one_incident_family(store):
    t = "Fighting in Arbinda\nGunmen and soldiers clashed in Arbinda on Monday, officials said."
    store.add_result(attack("Wire A", 12))
    for outlet in ("Wire B", "Wire C"):
        store.add_result(result(t, outlet, TUE, event_type="FIGHT", day=MON, place_args=(t,) + ARBINDA))
    [e] = store.ledger_events()
    assert len(e.sources) == 3 and e.type == "FIGHT"     # the type most sources give
    store.add_result(result(t, "Wire D", TUE, event_type="PROTEST", day=MON, place_args=(t,) + ARBINDA))
    assert len(store.ledger_events()) == 2               # another family stays apart


def test_a_report_published_before_the_event_day_is_another_incident(store):
    store.add_result(_with(attack("Wire A", 12, published=THU), date=attack("x", 1, published=THU).events[0].date
                           .model_copy(update=dict(date=THU, start_date=THU, end_date=THU))))
    store.add_result(_with(attack("Wire B", 12, published=TUE), date=None))   # its lede, same town, same toll
    assert sorted(len(e.sources) for e in store.ledger_events()) == [1, 1]


def test_a_named_group_is_no_place_but_a_toll_with_it_is_evidence(store):
    jnim = ActorRef(name="Jama'at Nusrat al-Islam wal-Muslimin", kind="armed_group", sector="REB")
    store.add_result(_with(attack("Wire A", 3), agent=jnim))
    store.add_result(_with(attack("Wire B", 4), agent=jnim, place=None))   # same day, no town, no shared toll
    assert sorted(len(e.sources) for e in store.ledger_events()) == [1, 1]
    store.add_result(_with(attack("Wire C", 3), agent=jnim, place=None))   # toll of 3: too common to tell
    assert len(store.ledger_events()) == 3
    store.add_result(_with(attack("Wire D", 12), agent=jnim))
    store.add_result(_with(attack("Wire E", 12), agent=jnim, place=None))  # the group, and the same 12 dead
    assert sorted(len(e.sources) for e in store.ledger_events()) == [1, 1, 1, 2]


def test_an_undated_passing_mention_does_not_join_but_the_news_of_an_article_does(store):
    store.add_result(attack("Wire A", 12))                                  # Monday, Arbinda, 12 killed
    t = "Talks in Ouagadougou\nMinisters met in Ouagadougou. Gunmen attacked Arbinda and killed 12 civilians."
    later = result(t, "Wire B", TUE, count=12, count_part="12 civilians", place_args=(t,) + ARBINDA)
    clause = span(t, "Gunmen attacked Arbinda and killed 12 civilians.")
    meeting = later.events[0].model_copy(update=dict(type="CONSULT", evidence=span(t, "Ministers met in Ouagadougou."),
                                                     trigger=span(t, "met"), place=None))
    later = later.model_copy(update=dict(events=[later.events[0].model_copy(update=dict(evidence=clause))],
                                         casualties=[later.casualties[0].model_copy(update=dict(evidence=clause))]))
    store.add_result(later.model_copy(update=dict(events=[meeting, later.events[0]])))
    assert sorted(len(e.sources) for e in store.ledger_events() if e.type == "ASSAULT") == [1, 1]
    reprint = later.model_copy(update=dict(events=[meeting, later.events[0]], article=later.article.model_copy(
        update=dict(id="c" * 64, outlet="Wire C"))))
    store.add_result(reprint)                                             # the same sentence: a wire copy
    assert sorted(len(e.sources) for e in store.ledger_events() if e.type == "ASSAULT") == [1, 2]
    store.delete_article(reprint.article.id)
    again = _with(later, mentions=[span(t, "attacked")])                    # mentioned again: its news
    store.add_result(again.model_copy(update=dict(article=again.article.model_copy(update=dict(id="b" * 64)))))
    assert sorted(len(e.sources) for e in store.ledger_events() if e.type == "ASSAULT") == [1, 2]


def test_report_dates_and_country_wide_places_ask_for_the_dyad():
    from sitrep.ledger import merge
    from sitrep.records import Place
    t = "Strikes on Yemen\nUS forces struck Houthi targets in Yemen on Monday, officials said."
    yemen = Place(mention=span(t, "Yemen"), evidence=span(t, "Yemen"), name="Yemen", country="YEM", precision="country")
    us = ActorRef(name="Government of United States", kind="government", country="USA", sector="GOV")
    houthis = ActorRef(name="Houthis", kind="armed_group", country="YEM", sector="REB")
    a = _with(result(t, "Wire A", TUE, day=TUE), place=yemen, agent=us, target=houthis)
    b = _with(result(t + " ", "Wire B", TUE), place=yemen, agent=us, target=houthis)   # report date only
    assert len(merge.merge([a, b])) == 1
    c = _with(result(t + "  ", "Wire C", TUE), place=yemen, target=houthis)            # one country only
    assert len(merge.merge([a, c])) == 2


def _war(outlet, published, agent, side, n, who, country, cumulative=True):
    t = f"War\nShelling hit Tartar on Monday and {n} soldiers have been killed, {who} said."
    r = result(t, outlet, published, day=MON, place_args=(t, "Tartar", "Tartar", 40.34, 46.93, "AZE"),
               agent=ActorRef(name=f"Armed Forces of {agent}", kind="military", country=agent, sector="MIL"))
    cas = Casualty(mention=Span(start=t.index(f"{n} soldiers"), end=t.index(f"{n} soldiers") + len(f"{n} soldiers"),
                                text=f"{n} soldiers"),
                   evidence=r.events[0].evidence, low=n, high=n, outcome="killed", population="military",
                   side=side, cumulative=cumulative,
                   claimant=Claimant(name=who, actor=ActorRef(name=who, kind="government", country=country)))
    return r.model_copy(update=dict(casualties=[cas], places=[]))  # no place in the claim: a war-wide toll


def test_conflict_key_from_parties_and_casualty_sides(store):
    store.add_result(_war("Wire", TUE, "ARM", "AZE", 5, "Baku", "AZE"))
    [e] = store.ledger_events()
    assert e.conflict == "ARM-AZE"
    assert store.ledger_events(conflict="AZE-ARM") == [e] and store.ledger_events(conflict="ARM-USA") == []
    assert store.ledger_events(actor="arm") == [e] and store.ledger_events(actor="USA") == []
    assert store.ledger_events(type="assault", since=MON, until=MON) == [e]


# -- claim series and contradictions -----------------------------------------------------------
def test_claim_series_rising(store):
    store.add_result(attack("Sahel Wire", 14))
    toll = "Toll rises\nThe toll from Monday's attack on Arbinda has risen to 21 civilians, the governor said."
    store.add_result(result(toll, "Sahel Wire", THU, event_type=None, count=21, count_part="21 civilians",
                            who=claimant("governor", "BFA"), cumulative=True, place_args=(toll,) + ARBINDA))
    [s] = store.claim_series(place="arbinda")
    assert [p.low for p in s.points] == [14, 21] and s.trend == "rising"
    assert [p.claimant for p in s.points] == ["regional official", "governor"]
    assert store.claim_series(claimant="governor") == [s] and store.claim_series(outcome="wounded") == []
    assert store.contradictions() == []             # a rising toll is no contradiction


def test_same_place_weeks_apart_is_another_incident(store):
    store.add_result(attack("Sahel Wire", 14))
    store.add_result(attack("Sahel Wire", 3, published=TUE + dt.timedelta(days=30)))
    assert sorted(len(s.points) for s in store.claim_series(place="Arbinda")) == [1, 1]


def test_tolls_by_claimant_country_and_conflicting_sides(store):
    store.add_result(_war("Armenpress", TUE, "AZE", "ARM", 874, "Yerevan", "ARM"))
    store.add_result(_war("Azertac", TUE, "AZE", "ARM", 2000, "Baku", "AZE"))
    store.add_result(_war("Armenpress", THU, "AZE", "ARM", 900, "Yerevan", "ARM"))
    by_claimant = {s.claimant_country: s for s in store.claim_series(side="ARM")}
    assert [p.low for p in by_claimant["ARM"].points] == [874, 900] and by_claimant["ARM"].trend == "rising"
    assert [p.low for p in by_claimant["AZE"].points] == [2000]
    [c] = store.contradictions(kind="casualty_count")
    assert {p.low for p in c.items} == {874, 2000}
    assert "Yerevan [ARM]" in c.description and "Baku [AZE]" in c.description


def test_indexed_merge_equals_brute_force(monkeypatch):
    import random

    from sitrep.ledger import merge
    from sitrep.records import Place, TimeExpr
    rng = random.Random(7)
    spots = [("Arbinda", 14.23, -0.87, "city", None), ("Djibo", 14.10, -1.63, "city", "Sahel"),
             ("Near Djibo", 14.15, -1.55, "village", "Sahel"), ("Sahel", 14.0, -0.5, "admin1", None),
             ("Nameless", None, None, "city", None), ("Far North", 69.9, 25.0, "city", None),
             ("Far North 2", 69.95, 25.5, "city", None),
             ("East of 180", -16.80, 179.95, "village", None), ("West of 180", -16.82, -179.95, "village", None)]
    results = []
    for i in range(160):
        t = f"Report {i}\nGunmen attacked the town on Monday and killed civilians, officials said."
        base = result(t, f"Outlet {i % 5}", MON + dt.timedelta(days=rng.randrange(8)), event_type=rng.choice(
            ["ASSAULT", "SEIZE"]), status=rng.choice(["occurred", "denied", "planned"]))
        e = base.events[0]
        spot = rng.choice(spots + [None])
        plc = None if spot is None else Place(mention=span(t, "town"), evidence=e.evidence, name=spot[0],
                                              lat=spot[1], lon=spot[2], precision=spot[3], admin1=spot[4])
        kind = rng.randrange(3)
        day = MON + dt.timedelta(days=rng.randrange(6))
        date = None if kind == 0 else TimeExpr(
            mention=span(t, "Monday"), evidence=e.evidence, date=day if kind == 1 else None,
            start_date=day, end_date=day if kind == 1 else day + dt.timedelta(days=rng.randrange(1, 10)))
        agent = rng.choice([None, ActorRef(name="army", country="BFA"), ActorRef(name="army", country="MLI")])
        results.append(base.model_copy(update=dict(events=[e.model_copy(update=dict(
            place=plc, date=date, agent=agent))])))

    results_by_id = {r.article.id: r for r in results}

    def partition():
        return sorted(sorted((s.article_id, s.event_index) for s in le.sources) for le in merge.merge(results))
    indexed = partition()
    across = [g for g in merge.merge(results) if {"East of 180", "West of 180"} <= {
        results_by_id[s.article_id].events[0].place.name for s in g.sources if results_by_id[s.article_id].events[0].place}]
    assert across, "reports 10 km apart across the antimeridian merge"
    monkeypatch.setattr(merge._Index, "candidates", lambda self, block, it: self.every[block])
    assert indexed == partition()
    assert len(indexed) < len(results)  # some reports did merge


def test_context_place_not_borrowed_from_another_kind_of_event():
    from sitrep.ledger.merge import implicit_place
    from sitrep.records import Event, Place
    t = "Talks\nThe ministers will meet in Geneva on Friday. Fighting continued near Agdam. Shelling went on."
    ev = lambda trigger, typ, plc=None, status="occurred": Event(
        evidence=span(t, trigger), trigger=span(t, trigger), type=typ, status=status, place=plc)
    geneva = Place(mention=span(t, "Geneva"), evidence=span(t, "Geneva"), name="Geneva", precision="city")
    agdam = Place(mention=span(t, "Agdam"), evidence=span(t, "Agdam"), name="Agdam", precision="city")
    meet, fight, shell = ev("meet", "CONSULT", geneva, "planned"), ev("Fighting", "FIGHT", agdam), ev("Shelling", "FIGHT")
    r = result(t, "Wire", TUE, event_type=None).model_copy(update=dict(places=[geneva, agdam], events=[meet, fight]))
    assert implicit_place(r, shell).name == "Agdam"             # same kind of event: same place
    r2 = r.model_copy(update=dict(places=[geneva], events=[meet]))
    assert implicit_place(r2, ev("Fighting", "FIGHT")) is None   # not the meeting's Geneva
    assert implicit_place(r2, ev("Shelling", "CONSULT")).name == "Geneva"
