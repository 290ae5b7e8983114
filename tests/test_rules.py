"""Rules files: one copy of each list, validated on load, coded errors for bad files."""
import re
from importlib import resources

import pytest

from sitrep import rules
from sitrep.errors import RulesError


def _parse(text):
    return rules.parse(text, "t", "t.tsv")


def test_comments_header_and_optional_cells():
    t = _parse("# a comment\n\nword\tvalue\ttags\nkill\tkilled\tx,y\n# another\ndie\n")
    assert t.columns == ("word", "value", "tags")
    assert [r["word"] for r in t.rows] == ["kill", "die"]
    assert t.rows[1] == {"word": "die", "value": "", "tags": ""}


@pytest.mark.parametrize("text, code", [
    ("# only comments\n", "E002"),
    ("word\t\n", "E003"),
    ("word\tword\n", "E003"),
    ("word\nkill\nkill\n", "E004"),
    ("word\tvalue\n\tkilled\n", "E004"),
    ("word\nkill\tkilled\n", "E004"),
    ("word\ttags\nkill\ta,,b\n", "E004"),
])
def test_bad_files_raise_coded_errors(text, code):
    with pytest.raises(RulesError) as info:
        _parse(text)
    assert info.value.code == code and str(info.value).startswith(f"[{code}]")
    assert "t.tsv" in str(info.value)


def test_duplicate_names_the_first_line():
    with pytest.raises(RulesError, match="line 3: duplicate entry 'kill' \\(first on line 2\\)"):
        _parse("word\nkill\nkill\n")


def test_missing_file_column_and_tag_are_errors():
    with pytest.raises(RulesError) as info:
        rules.table("no_such_table")
    assert info.value.code == "E001"
    with pytest.raises(RulesError) as info:
        rules.mapping("future_aux", "display")
    assert info.value.code == "E005"
    with pytest.raises(RulesError) as info:
        rules.words("report_verbs", tag="no_such_use")
    assert info.value.code == "E006"


def test_tagged_subsets():
    assert "show" in rules.words("report_verbs", tag="report_frame")
    assert "show" not in rules.words("report_verbs", tag="attribution")
    assert rules.words("report_verbs") == (rules.words("report_verbs", tag="attribution")
                                           | rules.words("report_verbs", tag="report_frame")
                                           | rules.words("report_verbs", tag="indirect"))
    # quotes' indirect-speech verbs are a tagged subset of the one list, not a second copy
    assert {"say", "demand"} <= rules.words("report_verbs", tag="indirect")
    assert "according" not in rules.words("report_verbs", tag="indirect")
    assert rules.mapping("outcome_verbs", "outcome")["abduct"] == "captured"


def test_every_shipped_file_loads():
    folder = resources.files("sitrep.data").joinpath("en")
    names = [p.name[:-4] for p in folder.iterdir() if p.name.endswith(".tsv")]
    assert {"report_verbs", "outcome_verbs", "future_aux", "channels", "head_nouns"} <= set(names)
    for name in names:
        assert rules.table(name).rows, name


def test_lists_have_one_copy():
    """The extractors read the data files' lists, not their own copies."""
    from sitrep.extract import actors, attribution, casualties, dates, event_lexicon, events, quotes
    assert attribution.REPORT_VERBS is quotes.REPORT_VERBS
    assert attribution.REPORT_VERBS == rules.words("report_verbs", tag="attribution")
    assert event_lexicon.REPORT_VERBS == rules.words("report_verbs", tag="report_frame")
    assert dates.FUTURE_AUX is event_lexicon.FUTURE_AUX
    assert set(events.OUTCOME_VERBS) <= set(casualties.OUTCOME_VERBS)
    assert actors.HEAD_NOUNS <= event_lexicon.HEAD_NOUNS
    assert set(actors.PLATFORMS) == rules.words("channels", tag="platform")
    assert attribution.PLATFORMS["tv"] == "television"


def test_filled_and_pair_tables_are_checked(monkeypatch):
    tables = {"ok": _parse("phrase\ttype\tmode\nrule out\tREJECT\n"),
              "no_type": _parse("phrase\ttype\nrule out\n"),
              "three": _parse("phrase\ttype\ncall upon it\tREQUEST\n")}
    monkeypatch.setattr(rules, "table", lambda name, lang="en": tables[name])
    assert rules.pairs("ok", ("type",)) == {("rule", "out"): {"phrase": "rule out", "type": "REJECT", "mode": ""}}
    with pytest.raises(RulesError, match=r"\[E007\].*entry 'rule out': no value in column 'type'"):
        rules.filled("no_type", ("type",))
    with pytest.raises(RulesError, match=r"\[E007\].*entry 'call upon it': 3 words, expected two"):
        rules.pairs("three", ("type",))
    with pytest.raises(RulesError) as info:
        rules.filled("ok", ("weight",))
    assert info.value.code == "E005"


def test_event_lexicon_reads_one_copy():
    from sitrep.extract import event_lexicon as lex, timex_lexicon
    assert lex.VERB_TRIGGERS["shell"] == ("ASSAULT", "shelling") and lex.VERB_TRIGGERS["clash"] == ("FIGHT", None)
    assert lex.PHRASAL[("rule", "out")] == ("REJECT", None)
    assert lex.LIGHT_VERB_OBJECTS[("lodge", "complaint")] == ("ACCUSE", "allege")
    # one list of governors: the time-expression subset is tagged, not copied
    assert timex_lexicon.FUTURE_HEADS < lex.PLAN_GOVERNORS and "refuse" not in timex_lexicon.FUTURE_HEADS
    # one list of number words: 'both' counts parties, never a time expression
    assert lex.NUMBER_WORDS["both"] == 2 and "both" not in timex_lexicon.NUM_WORDS
    assert all(timex_lexicon.NUM_WORDS[w] == n for w, n in lex.NUMBER_WORDS.items() if w != "both")


@pytest.mark.parametrize("text, problem", [
    ("name\tflags\tpattern\ttags\nA\t\t(?:a\tpart\n", "not a valid regex"),
    ("name\tflags\tpattern\nx\t\t{NOPE}x\n", "no part named {NOPE}"),
    ("name\tflags\tpattern\nx\tq\tabc\n", "unknown flag 'q'"),
    ("name\tflags\tpattern\nx\ti\n", "an empty pattern"),
])
def test_bad_pattern_tables_raise_coded_errors(monkeypatch, text, problem):
    monkeypatch.setattr(rules, "table", lambda name, lang="en": _parse(text))
    rules._pattern_table.cache_clear()
    with pytest.raises(RulesError, match=r"\[E008\].*" + re.escape(problem)):
        rules.patterns("bad")
    rules._pattern_table.cache_clear()


def test_pattern_parts_expand_and_keep_quantifiers(monkeypatch):
    text = "name\tflags\tpattern\ttags\nD\t\t\\d{1,2}\tpart\nday\ti\t^{D}(?:st|nd)$\tspan\nword\t\tMon\n"
    monkeypatch.setattr(rules, "table", lambda name, lang="en": _parse(text))
    rules._pattern_table.cache_clear()
    found = rules.patterns("p")
    assert list(found) == ["day", "word"] and found["day"].pattern == "^\\d{1,2}(?:st|nd)$"
    assert found["day"].match("21ST") and not found["word"].match("mon")
    assert list(rules.patterns("p", tag="span")) == ["day"] and rules.pattern_parts("p") == {"D": "\\d{1,2}"}
    with pytest.raises(RulesError, match=r"\[E006\].*tags used: span"):
        rules.patterns("p", tag="clock")
    rules._pattern_table.cache_clear()


def test_timex_patterns_load():
    from sitrep.extract import timex_spans
    assert len(timex_spans.PATTERNS) == 16 and all(p.flags & re.IGNORECASE for p in timex_spans.PATTERNS)
    assert timex_spans.PATTERNS[0].search("on Monday morning") and not timex_spans.TITLE.flags & re.IGNORECASE


def test_pattern_word_lists_come_from_their_table(monkeypatch):
    """{@table} / {@table:tag} is another table's words (escaped, file order): one copy of the list."""
    tables = {"p": _parse("name\tflags\tpattern\nday\ti\t^{@days}$\nhalf\t\t\\b{@nth:half}\\b\nbad\t\t{@nope}\n"),
              "days": _parse("word\nmonday\nlast night\na.m.\n"),
              "nth": _parse("word\ttags\nfirst\thalf\nthird\n")}
    monkeypatch.setattr(rules, "table", lambda name, lang="en": tables[name] if name in tables else
                        (_ for _ in ()).throw(RulesError("E001", path=f"{name}.tsv", lang=lang, name=name)))
    rules._pattern_table.cache_clear()
    with pytest.raises(RulesError, match=r"\[E008\].*\{@nope\}"):
        rules.patterns("p")
    tables["p"] = _parse("name\tflags\tpattern\nday\ti\t^{@days}$\nhalf\t\t\\b{@nth:half}\\b\n")
    rules._pattern_table.cache_clear()
    found = rules.patterns("p")
    assert found["day"].pattern == r"^(?:monday|last\ night|a\.m\.)$"
    assert found["day"].match("Last night") and found["day"].match("a.m.") and not found["day"].match("aim.")
    assert found["half"].search("the first half") and not found["half"].search("the third half")
    rules._pattern_table.cache_clear()


def test_timex_lists_have_one_copy():
    """Weekdays, months and day words are tables; the regexes are built from them, not retyped."""
    from sitrep.extract import dates, timex_lexicon as tl, timex_spans
    assert tl.WEEKDAYS["monday"] == 0 and tl.MONTHS["sept"] == tl.MONTHS["sep"] == 9 and len(tl.WEEKDAYS) == 7
    assert set(tl.MONTHS.values()) == set(range(1, 13))
    assert "{@" not in "".join(rules.pattern_parts("timex_patterns").values())
    assert timex_spans.PATTERNS[1].search("tomorrow morning") and not timex_spans.PATTERNS[1].search("overnight")
    assert tl.RX.weekday_word.search("on Sunday") and dates.DAY_WORDS.search("Sept. 3")
    assert dates.BARE_ADVERBS <= rules.words("time_reference_words")
    assert tl.spoken_years("nineteen ninety-six and two thousand and five") == "1996 and 2005"


def test_tagged_attributes_are_the_tag_subsets():
    verbs = rules.Tagged("report_verbs")
    assert verbs.report_frame == rules.words("report_verbs", tag="report_frame")
    assert verbs.ordered("indirect") == rules.ordered("report_verbs", tag="indirect")
    with pytest.raises(RulesError) as info:
        verbs.no_such_use
    assert info.value.code == "E006"
    with pytest.raises(AttributeError):
        verbs._private
    with pytest.raises(RulesError) as info:
        rules.Tagged("no_such_table")
    assert info.value.code == "E001"
