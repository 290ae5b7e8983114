"""The acceptance check: the canonical article through ingest + the full pipeline."""
import datetime as dt

import pytest

from sitrep import pipeline
from sitrep.ingest import article_from_text


@pytest.fixture(scope="module")
def result(karabakh_text):
    article = article_from_text(karabakh_text, published=dt.date(2020, 10, 22), outlet="AFP")
    return pipeline.extract(article)


def _claimant_country(record):
    c = record.claimant
    return c.actor.country if c and c.actor else None


def test_boilerplate_is_not_content(result):
    text = result.article.text
    assert "Read more:" not in text and "Follow us on" not in text
    assert result.article.title.startswith("Azerbaijan claims")


def test_offsets_index_the_cleaned_text(result):
    text = result.article.text
    for group in (result.actors, result.places, result.dates, result.casualties):
        for rec in group:
            assert text[rec.mention.start:rec.mention.end] == rec.mention.text
    for rec in result.events:
        assert text[rec.trigger.start:rec.trigger.end] == rec.trigger.text
        assert text[rec.evidence.start:rec.evidence.end] == rec.evidence.text


def test_agbend_seized_claimed_by_aliyev(result):
    agbend = [p for p in result.places if "Agbend" in p.mention.text]
    assert agbend and agbend[0].country == "AZE" and agbend[0].lat is not None
    seize = [e for e in result.events if e.type == "SEIZE" and e.place and "Agbend" in e.place.mention.text]
    assert seize, [(e.type, e.place) for e in result.events]
    ev = seize[0]
    assert ev.status == "occurred"
    assert ev.agent is not None and ev.agent.country == "AZE"
    claimed = [e for e in result.events if e.type == "SEIZE" and e.claimant and "Aliyev" in e.claimant.name]
    assert claimed, [(e.type, e.claimant) for e in result.events if e.type == "SEIZE"]
    dated = [e for e in result.events if e.type == "SEIZE" and e.date and e.date.date == dt.date(2020, 10, 22)]
    assert dated


def test_aliyev_quote_via_twitter(result):
    quotes = [q for q in result.quotes if q.direct and "Agbend settlement" in q.content.text]
    assert quotes
    q = quotes[0]
    assert q.speaker.name == "Ilham Aliyev" and q.speaker.country == "AZE"
    assert q.via and "Twitter" in q.via


def test_armenian_toll_claimed_by_yerevan(result):
    by_count = {c.low: c for c in result.casualties}
    soldiers, civilians = by_count[874], by_count[36]
    assert (soldiers.outcome, soldiers.population, soldiers.side) == ("killed", "military", "ARM")
    assert (civilians.outcome, civilians.population) == ("killed", "civilian")
    assert soldiers.cumulative
    assert _claimant_country(soldiers) == "ARM" and _claimant_country(civilians) == "ARM"


def test_azerbaijani_civilian_casualties_claimed_by_baku(result):
    c = next(c for c in result.casualties if c.low == 63)
    assert c.population == "civilian" and c.outcome in ("casualties", "killed")
    assert _claimant_country(c) == "AZE" and c.side == "AZE"


def test_pompeo_meetings_planned_for_friday(result):
    meet = [e for e in result.events if e.type == "CONSULT" and e.status == "planned"]
    assert meet
    e = meet[0]
    assert e.date and e.date.date == dt.date(2020, 10, 23)
    assert e.place and e.place.country == "USA"
    names = {x.name for x in (e.agent, e.target) if x}
    assert any("Pompeo" in n for n in names) or "Pompeo" in e.evidence.text


def test_two_failed_truces(result):
    truces = [e for e in result.events if e.type == "AGREE" and e.status == "failed"]
    assert truces and truces[0].count == 2


def test_icrc_appeal(result):
    appeals = [e for e in result.events if e.type == "REQUEST"]
    assert any(e.agent and e.agent.sector == "IGO" for e in appeals), appeals


def test_moloeznik_quote(result):
    q = [q for q in result.quotes if "international humanitarian law" in q.content.text]
    assert q and q[0].speaker.name == "Gerardo Moloeznik"
