import datetime as dt

import pytest

from sitrep.extract.timex_values import normalise
from sitrep.records import Article
from sitrep.stages import Pipeline

THU = dt.date(2020, 10, 22)  # a Thursday


def found(text, published=THU):
    ctx = Pipeline(["dates"]).parse_and_run(Article(id="t", text=text, published=published))
    out = ctx.dates
    for d in out:
        assert ctx.text[d.mention.start:d.mention.end] == d.mention.text
        assert ctx.text[d.evidence.start:d.evidence.end] == d.evidence.text
        assert d.evidence.start <= d.mention.start and d.mention.end <= d.evidence.end
    return {d.mention.text: d for d in out}


def test_karabakh_style_sentences():
    got = found("Georgia on Thursday said it had taken full control of the valley. "
                "The rebels have boasted of gains in the more than three weeks of fighting and on Wednesday "
                "the prime minister acknowledged a difficult situation. "
                "The two envoys are to meet separately with the mediator in Vienna on Friday. "
                "Two truces agreed over the last fortnight collapsed. The war erupted again last month.")
    assert got["Thursday"].date == THU and got["Thursday"].tense == "past"
    assert got["Wednesday"].date == dt.date(2020, 10, 21)
    assert got["Friday"].date == dt.date(2020, 10, 23) and got["Friday"].tense == "future"
    assert got["Friday"].value == "2020-10-23"
    assert (got["last month"].value, got["last month"].start_date, got["last month"].end_date) == \
        ("2020-09", dt.date(2020, 9, 1), dt.date(2020, 9, 30))
    fortnight = next(v for k, v in got.items() if "fortnight" in k)
    assert (fortnight.type, fortnight.value) == ("DURATION", "P2W")
    assert (fortnight.start_date, fortnight.end_date) == (dt.date(2020, 10, 8), THU)
    weeks = next(v for k, v in got.items() if "three weeks" in k)
    assert (weeks.type, weeks.value) == ("DURATION", "P3W")


@pytest.mark.parametrize("sentence, day, tense", [
    ("The minister said on Monday that talks had failed.", dt.date(2020, 10, 19), "past"),
    ("Soldiers were killed on Monday near the border.", dt.date(2020, 10, 19), "past"),
    ("The leaders will meet on Monday.", dt.date(2020, 10, 26), "future"),
    ("The envoy plans to visit Kabul on Monday.", dt.date(2020, 10, 26), "future"),
    ("The vote is scheduled for Monday.", dt.date(2020, 10, 26), "future"),
    ("The summit opens next Monday.", dt.date(2020, 10, 26), None),
    ("The ceasefire collapsed last Thursday.", dt.date(2020, 10, 15), None),
])
def test_weekday_direction_follows_tense(sentence, day, tense):
    got = found(sentence)
    expr = next(v for k, v in got.items() if "Monday" in k or "Thursday" in k)
    assert expr.date == day and expr.value == day.isoformat()
    if tense:
        assert expr.tense == tense


def test_deictic_days_and_parts_of_day():
    got = found("Shelling resumed yesterday. Officials said today that a curfew starts tonight. "
                "Two people died on Wednesday night.")
    assert got["yesterday"].date == dt.date(2020, 10, 21)
    assert got["today"].value == "2020-10-22"
    assert got["tonight"].value == "2020-10-22TNI"
    assert got["Wednesday night"].value == "2020-10-21TNI" and got["Wednesday night"].type == "TIME"


def test_absolute_dates_months_years():
    got = found("The attack on 9 May 2020 was followed by raids on December 31 2019. "
                "Talks collapsed in 2019. The feud dates from the 1990s. The next round starts next week.")
    assert got["9 May 2020"].date == dt.date(2020, 5, 9)
    assert got["December 31 2019"].date == dt.date(2019, 12, 31)
    assert got["2019"].value == "2019" and got["2019"].end_date == dt.date(2019, 12, 31)
    assert got["1990s"].value == "199"
    assert got["next week"].value == "2020-W44" and got["next week"].start_date == dt.date(2020, 10, 26)


def test_month_day_without_year_uses_anchor_and_tense():
    got = found("The attack took place on December 31, officials said.", published=dt.date(2021, 1, 3))
    assert got["December 31"].date == dt.date(2020, 12, 31)
    got = found("Elections will be held on May 9.")
    assert got["May 9"].date == dt.date(2021, 5, 9)


def test_durations_ago_and_vague():
    got = found("Rebels took the town three weeks ago. The siege lasted several months. "
                "Aid has been blocked in recent weeks. Prices are now rising. Earlier this year the army withdrew.")
    assert got["three weeks ago"].value == "2020-W40"
    assert got["several months"].value == "PXM"
    assert got["recent weeks"].value == "PXW"
    assert "now" not in got  # bare adverbs only on request (TempEval)
    assert got["this year"].value == "2020"


def test_ranges_split_and_ages_ignored():
    got = found("The war of 1991-1994 killed thousands. A 6-year-old girl was hurt.")
    assert got["1991"].value == "1991" and got["1994"].value == "1994"
    assert not any("old" in k for k in got)


def test_without_publication_date_relative_values_stay_open():
    got = found("The talks resumed on Tuesday in Doha after fighting last month, in March 2019.", published=None)
    assert got["Tuesday"].value is None and got["Tuesday"].date is None
    assert got["last month"].value is None
    assert got["March 2019"].value == "2019-03"


@pytest.mark.parametrize("text, tense, value", [
    ("last May", "past", "2020-05"), ("next March", None, "2021-03"), ("the 20th century", None, "19"),
    ("nineteen ninety-six", None, "1996"), ("every Thursday", None, "XXXX-WXX-4"), ("daily", None, "P1D"),
    ("the next few days", "future", "PXD"), ("24 hours", None, "PT24H"), ("a decade", None, "P10Y"),
    ("the third quarter", "past", "2020-Q3"), ("10:35 a.m. Friday", "past", "2020-10-16T10:35"),
])
def test_normalise(text, tense, value):
    assert normalise(text, THU, tense).value == value


def test_karabakh(karabakh_text):
    from sitrep.ingest import article_from_text
    a = article_from_text(karabakh_text, published=THU)
    got = found(a.text)
    assert got["Thursday"].date == THU and got["Wednesday"].date == dt.date(2020, 10, 21)
    assert got["Friday"].date == dt.date(2020, 10, 23) and got["last month"].value == "2020-09"
    fortnight = next(v for k, v in got.items() if "fortnight" in k)
    assert (fortnight.value, fortnight.start_date, fortnight.end_date) == ("P2W", dt.date(2020, 10, 8), THU)
    assert next(v for k, v in got.items() if "three weeks" in k).value == "P3W"


def test_tempeval_runs_on_a_few_documents(shared_dir):
    from sitrep.eval import timex
    out = timex.run(shared_dir, limit=2)
    if "error" in out:
        pytest.skip(out["error"])
    for split in ("te3-platinum", "training"):
        assert out[split]["docs"] == 2 and out[split]["gold"] > 0
        assert 0 < out[split]["relaxed"]["f1"] <= 1


def test_tempeval_absent_data(tmp_path):
    from sitrep.eval import timex
    assert "error" in timex.run(tmp_path)


def test_bare_adverbs_on_request():
    text = "Prices are now rising."
    ctx = Pipeline(["dates"], config={"dates": {"bare_adverbs": True}}).parse_and_run(
        Article(id="t", text=text, published=THU))
    got = {d.mention.text: d for d in ctx.dates}
    assert got["now"].value == "PRESENT_REF"


def test_clock_time_takes_the_day_named_in_its_sentence():
    got = found("The blast occurred at about 10:35 a.m. on Monday, police said.")
    assert got["10:35 a.m."].value == "2020-10-19T10:35" and got["Monday"].date == dt.date(2020, 10, 19)


def test_year_ago_is_a_date_and_takes_the_quarter_under_discussion():
    oct89 = dt.date(1989, 10, 26)
    assert normalise("a year ago", oct89, "past").value == "1988"  # not the SET "a year"
    assert normalise("a month ago", oct89, "past").value == "1989-09"
    assert normalise("the year-earlier third quarter", oct89, "past").value == "1988-Q3"
    assert normalise("fourth-quarter", oct89, "past").value == "1989-Q4"  # the current quarter
    got = found("Acme said third-quarter profit rose to $5 million. Sales were $80 million, up from "
                "$70 million a year earlier. The company was founded a year ago.", published=oct89)
    assert got["a year earlier"].value == "1988-Q3"
    assert got["a year earlier"].start_date == dt.date(1988, 7, 1)
    assert got["a year earlier"].end_date == dt.date(1988, 9, 30)
    assert got["a year ago"].value == "1988"


def test_month_name_in_past_clause_looks_back():
    got = found("In January, the firm hired a new chief executive.", published=dt.date(1989, 10, 27))
    assert got["January"].value == "1989-01"
    assert found("The talks will resume in January.", published=dt.date(1989, 10, 27))["January"].value == "1990-01"


def test_ranges_between_named_days_and_stretches_of_a_year_split():
    got = found("Shares can be tendered from today through Nov. 17.", published=dt.date(1989, 10, 27))
    assert got["today"].value == "1989-10-27" and got["Nov. 17"].value == "1989-11-17"
    got = found("Profit fell in the first nine months of 1997.", published=dt.date(1998, 2, 1))
    assert got["the first nine months"].value == "P9M" and got["1997"].value == "1997"
    got = found("Costs rose in recent years and will rise at year-end.", published=dt.date(1998, 2, 1))
    assert got["recent years"].value == "PAST_REF" and got["year-end"].value == "1998"


def test_an_undated_article_counts_from_the_latest_full_date_it_states():
    from sitrep.stages import Pipeline
    from sitrep.records import Article
    text = "BAMAKO, September 17, 2024 - Gunmen attacked a police school on Tuesday."
    ctx = Pipeline(["dates"]).parse_and_run(Article(id="t", text=text, published=None))
    got = {d.mention.text: d for d in ctx.dates}
    assert got["Tuesday"].value == "2024-09-17"


def test_a_past_event_this_week_ends_by_the_publication_day():
    import datetime as dt
    from sitrep.stages import Pipeline
    from sitrep.records import Article
    text = "The offensive began earlier this week."
    ctx = Pipeline(["dates"]).parse_and_run(Article(id="t", text=text, published=dt.date(2024, 11, 30)))
    week = next(d for d in ctx.dates if d.mention.text == "this week")
    assert week.start_date == dt.date(2024, 11, 25) and week.end_date == dt.date(2024, 11, 30)


def test_an_undated_weekday_date_falls_in_the_first_fitting_year_from_the_latest_named():
    from sitrep.stages import Pipeline
    from sitrep.records import Article
    text = ("Gunmen struck the capital early Tuesday morning, September 17. "
            "In 2022, gunmen struck a checkpoint outside the city.")
    ctx = Pipeline(["dates"]).parse_and_run(Article(id="t", text=text, published=None))
    got = {d.mention.text: d.value for d in ctx.dates}
    assert got.get("September 17") == "2024-09-17" or got.get("Tuesday morning, September 17") == "2024-09-17", got


def test_an_undated_article_without_a_year_stays_unresolved():
    from sitrep.stages import Pipeline
    from sitrep.records import Article
    text = "Gunmen struck the capital on Tuesday, September 17."
    ctx = Pipeline(["dates"]).parse_and_run(Article(id="t", text=text, published=None))
    assert all(d.date is None for d in ctx.dates)


@pytest.mark.parametrize("text, tense, kind, value", [
    # time_units.tsv: a unit's multiple of its code and the smaller unit of a fraction
    ("two fortnights", None, "DURATION", "P4W"), ("three decades", None, "DURATION", "P30Y"),
    ("2.5 years", None, "DURATION", "P2Y6M"), ("0.5 years", None, "DURATION", "P6M"),
    ("1.5 hours", None, "DURATION", "PT1H30M"), ("three hours ago", "past", "TIME", "PAST_REF"),
    ("two fortnights ago", "past", "DATE", "2020-09-24"),
    # vague_counts.tsv with its filler words; decade_words.tsv (only the listed decades)
    ("a few weeks", None, "DURATION", "PXW"), ("a couple of days", None, "DURATION", "P2D"),
    ("the sixties", None, "DATE", "196"), ("the twenties", None, "DATE", None),
    # day_words.tsv: the shift and part of day a day word names
    ("tonight", None, "TIME", "2020-10-22TNI"), ("last night", None, "TIME", "2020-10-21TNI"),
    ("yesterday morning", "past", "TIME", "2020-10-21TMO"), ("overnight", "past", "DATE", "2020-10-22"),
    ("noon tomorrow", "future", "TIME", "2020-10-23T12:00"),
    ("10 in the evening yesterday", "past", "TIME", "2020-10-21T22:00"),
    ("11 at night", "past", "TIME", "2020-10-22T23:00"), ("5 at night", "past", "TIME", "2020-10-22T05:00"),
    # the readings of timex_patterns.tsv: reference words, uncounted stretches, looser phrasing
    ("at present", None, "DATE", "PRESENT_REF"), ("in the near future", "future", "DATE", "FUTURE_REF"),
    ("recent years", None, "DATE", "PAST_REF"), ("annual meetings", None, "DATE", None),
    ("this past week", "past", "DATE", "2020-W42"), ("every week", None, "SET", "P1W"),
    # months.tsv, with 'may' and 'march' read as months only where they are
    ("may 9", "past", "DATE", "2020-05-09"), ("march on washington", None, "DATE", None),
    ("the year two thousand", None, "DATE", "2000"),
])
def test_normalise_reads_the_data_tables(text, tense, kind, value):
    got = normalise(text, THU, tense)
    assert (got.type, got.value) == (kind, value)


def test_months_that_are_other_words_name_their_pattern():
    from sitrep import rules
    from sitrep.errors import RulesError
    from sitrep.extract import timex_lexicon
    assert set(timex_lexicon.MONTH_ONLY_WITH) == {"may", "march"}
    assert normalise("march 3", THU, "past").value == "2020-03-03"
    assert normalise("may meet", THU, None).value is None
    bad = rules.parse("word\tvalue\tonly_with\nmay\t5\tno_such_row\n", "months", "months.tsv")
    with pytest.raises(RulesError, match=r"\[E007\].*entry 'may': no timex pattern no_such_row"):
        timex_lexicon._named_patterns(bad, "only_with")
