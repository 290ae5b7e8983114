"""The news_dev scorer on hand-built records, and one real run when ../shared is present."""
import datetime as dt

from sitrep.eval import news
from sitrep.records import ActorRef, Casualty, Claimant, Event, Place, Quote, Span, TimeExpr

TEXT = "Rebels seized Goma on Monday, the army said.\nThe army denied it."


def _span(part, text=TEXT):
    i = text.index(part)
    return Span(start=i, end=i + len(part), text=part)


def _event(trigger="seized", type="SEIZE", **kw):
    return Event(evidence=_span(TEXT.split("\n")[0]), type=type, trigger=_span(trigger), **kw)


def test_event_matches_only_inside_gold_evidence_and_of_the_same_type():
    gold = [{"type": "SEIZE", "evidence": "Rebels seized Goma"}]
    assert news.match_events(TEXT, gold, [_event()])[0][0][1] is not None
    assert news.match_events(TEXT, gold, [_event(type="ASSAULT")])[0][0][1] is None
    assert news.match_events(TEXT, gold, [_event(trigger="denied", type="SEIZE")])[0][0][1] is None


def test_one_prediction_matches_one_gold_event():
    gold = [{"type": "SEIZE", "evidence": "Rebels seized Goma"}] * 2
    pairs, _ = news.match_events(TEXT, gold, [_event()])
    assert [e is not None for _, e in pairs] == [True, False]


def test_state_parties_by_country_non_state_by_name():
    army = ActorRef(name="Military Forces of Sudan", kind="military", country="SDN")
    rsf = ActorRef(name="Rapid Support Forces", kind="armed_group", country="SDN")
    assert news.party_matches("SDN", army)
    assert not news.party_matches("SDN", rsf)
    assert news.party_matches("Rapid Support Forces", rsf)
    assert news.party_matches("RSF", rsf)  # through the actor dictionary's aliases
    assert news.party_matches("Sudanese army", army)
    assert not news.party_matches("M23", rsf)
    assert news.party_matches(None, None) and not news.party_matches(None, rsf)


def test_place_and_date_slots():
    goma = Place(mention=_span("Goma"), evidence=_span("Rebels seized Goma"), name="Goma", country="COD",
                 precision="city")
    assert news.place_matches("Goma", "COD", goma)
    assert not news.place_matches("Bukavu", "COD", goma)
    assert news.place_matches(None, "COD", None)
    monday = TimeExpr(mention=_span("Monday"), evidence=_span("Rebels seized Goma"), value="2025-01-27",
                      date=dt.date(2025, 1, 27))
    unresolved = TimeExpr(mention=_span("Monday"), evidence=_span("Rebels seized Goma"))
    assert news.date_matches("2025-01-27", _event(date=monday))
    assert news.date_matches("2025-01", _event(date=monday))  # a day inside the month gold gives
    assert not news.date_matches("2025-02", _event(date=monday))
    assert not news.date_matches("2025-01-28", _event(date=monday))
    assert news.date_matches(None, _event(date=unresolved))


def test_casualty_figures_and_claimants():
    c = Casualty(mention=_span("Rebels"), evidence=_span("Rebels seized Goma"), low=10, high=12,
                 claimant=Claimant(name="outlet", kind="outlet"))
    assert news.figure_matches({"outcome": "killed", "low": 11, "high": 11, "approximate": True}, c)
    assert not news.figure_matches({"outcome": "killed", "low": 11, "high": 11}, c)
    assert news.claimant_matches("outlet", c)
    assert len(news.distinct_figures([c, c])) == 1


def test_quote_start_ignores_quote_marks():
    q = Quote(content=_span("Rebels seized Goma on Monday"), evidence=_span("Rebels seized Goma"))
    assert news.quote_matches({"start": "“Rebels seized"}, q)
    assert not news.quote_matches({"start": "seized Goma"}, q)


def test_quote_start_does_not_require_the_comma_inside_the_closing_mark():
    q = Quote(content=_span("Rebels seized Goma on Monday"), evidence=_span("Rebels seized Goma"))
    assert news.quote_matches({"start": "Rebels seized Goma on Monday,"}, q)
    assert not news.quote_matches({"start": "Rebels seized Goma on Tuesday,"}, q)


def test_news_suite_runs_on_news_dev(shared_dir):
    out = news.run(shared_dir, limit=6)
    assert out["articles"] == 6
    assert 0 < out["events"]["recall"] <= 1
    assert out["clusters"]["pairs"] > 0
