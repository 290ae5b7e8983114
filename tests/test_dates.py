import datetime as dt

import pytest

from sitrep.extract import dates
from sitrep.extract.context import Context
from sitrep.nlp import get_nlp
from sitrep.records import Article

THU = dt.date(2020, 10, 22)


def found(text, published=THU):
    ctx = Context(article=Article(id="t", text=text, published=published), doc=get_nlp()(text))
    out = dates.extract(ctx)
    for d in out:
        assert text[d.mention.start:d.mention.end] == d.mention.text
    return {d.mention.text: d for d in out}


def test_weekdays_by_tense():
    got = found("Kyiv on Thursday said its troops advanced. On Wednesday the minister resigned. "
                "The envoys are to meet in Geneva on Friday. Officials will travel to Rome on Monday.")
    assert got["Thursday"].date == THU                       # same day as publication
    assert got["Wednesday"].date == dt.date(2020, 10, 21)    # past
    assert got["Friday"].date == dt.date(2020, 10, 23)       # planned: next Friday
    assert got["Monday"].date == dt.date(2020, 10, 26)       # future
    assert got["Friday"].tense == "future"


def test_months_weeks_durations_and_ago():
    got = found("Fighting erupted last month. Two truces agreed over the last fortnight collapsed. "
                "The siege lasted three weeks. Rebels took the town two days ago. It happened on 9 May 2020.")
    assert got["last month"].value == "2020-09"
    assert got["last month"].start_date == dt.date(2020, 9, 1) and got["last month"].end_date == dt.date(2020, 9, 30)
    fortnight = next(v for k, v in got.items() if "fortnight" in k)
    assert (fortnight.type, fortnight.value, fortnight.start_date) == ("DURATION", "P2W", dt.date(2020, 10, 8))
    assert got["three weeks"].value == "P3W" and got["three weeks"].type == "DURATION"
    assert got["two days ago"].date == dt.date(2020, 10, 20)
    assert got["9 May 2020"].date == dt.date(2020, 5, 9)


def test_without_publication_date_relative_values_stay_open():
    got = found("The talks resumed on Tuesday in Doha.", published=None)
    assert got["Tuesday"].value is None and got["Tuesday"].date is None


def test_month_day_without_year_uses_anchor_and_tense():
    got = found("The attack took place on December 31, officials said.", published=dt.date(2021, 1, 3))
    assert got["December 31"].date == dt.date(2020, 12, 31)


def test_karabakh(karabakh_text):
    from sitrep.ingest import article_from_text
    a = article_from_text(karabakh_text, published=THU)
    got = found(a.text)
    assert got["Thursday"].date == THU and got["Wednesday"].date == dt.date(2020, 10, 21)
    assert got["Friday"].date == dt.date(2020, 10, 23) and got["last month"].value == "2020-09"
