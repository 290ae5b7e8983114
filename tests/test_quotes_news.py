"""Quote boundaries and speakers on patterns of real conflict news (issue 11)."""
import datetime as dt

from sitrep.ingest import article_from_text
from sitrep.stages import Pipeline


def quotes_of(text, outlet="Wire"):
    a = article_from_text(text, published=dt.date(2024, 1, 12), outlet=outlet)
    return Pipeline(["quotes"]).parse_and_run(a).quotes


def starting(quotes, words):
    return [q for q in quotes if q.content.text.startswith(words)]


def test_a_passive_subject_is_not_the_speaker_of_a_quoted_phrase():
    qs = quotes_of("Raid on base\nAt least 15 suspects were arrested, and \u201call the fighters\u201d who "
                   "stormed the base were neutralized.")
    assert not starting(qs, "all the fighters")


def test_a_report_that_is_only_a_quotation_is_the_direct_quote_alone():
    qs = quotes_of("Aleppo\nThe army promised to \u201cdrive them out and restore the "
                   "control of the state over the whole province.\u201d")
    assert [q.direct for q in qs] == [True]
    assert qs[0].content.text.startswith("drive them out") and qs[0].speaker.name.endswith("army")


def test_according_to_inside_a_relative_clause_reports_that_clause():
    qs = quotes_of("Village life\nOur reporter travelled to the village to see how life goes on after the air "
                   "strike which killed 40 people with several others injured according to hospital records.")
    [q] = [q for q in qs if q.cue and q.cue.text == "according to"]
    assert q.content.text.startswith("which killed 40 people")
    assert q.speaker.name == "hospital records"


def test_according_to_inside_a_reported_clause_adds_no_second_quote():
    qs = quotes_of("Raid\nOfficials said the militants attacked the village at dawn according to witnesses.")
    assert not starting(qs, "Officials said")
    [q] = starting(qs, "the militants attacked the village")
    assert q.speaker.name.lower() == "officials"


def test_a_leading_participle_is_not_part_of_the_according_to_content():
    qs = quotes_of("Exodus\nDeepening the humanitarian crisis, the fighting has forced 20,000 people to flee "
                   "the region, according to the United Nations.")
    [q] = [q for q in qs if q.cue and q.cue.text == "according to"]
    assert q.content.text.startswith("the fighting has forced")


def test_another_speakers_report_ends_the_content():
    qs = quotes_of("City falls\nThe rebels claimed they captured the city of Goma early on Monday, as the "
                   "United Nations described a mass panic among its two million residents.")
    [q] = starting(qs, "they captured the city of Goma")
    assert "United Nations" not in q.content.text and q.content.text.endswith("Monday")


def test_a_joined_noun_before_a_second_verb_of_saying_is_its_speaker():
    qs = quotes_of("City falls\nThe rebels claimed they captured the city, as aid groups described a panic among "
                   "its people and Congo's government said the rebel advance was an act of war.")
    [q] = starting(qs, "the rebel advance")
    assert "government" in q.speaker.name


def test_a_country_named_in_full_speaks_as_that_state():
    qs = quotes_of("No talks\nThe Democratic Republic of the Congo insists it will not cede any territory to the "
                   "rebels.")
    [q] = starting(qs, "it will not cede")
    assert q.speaker.kind == "country" and q.speaker.country == "COD"


def test_a_headline_statement_the_body_repeats_is_reported_once():
    qs = quotes_of("Sudanese army says its forces withdrew from Wad Madani\n"
                   "The Sudanese army said on Tuesday its forces had withdrawn from positions in the city.")
    assert [q.content.text.split()[0] for q in qs] == ["its"] and qs[0].content.start > 60
    kept = quotes_of("Sudanese army says its forces withdrew from Wad Madani\n"
                     "Residents said fighters were at the centre of the city on Monday.")
    assert any(q.content.start < 60 for q in kept)  # no body statement by the army: the headline's stays


def test_a_headline_speaker_matches_the_body_speaker_by_case_and_head_noun():
    qs = quotes_of("Tigrayan Forces Say They Have Seized Strategic Town\n"
                   "Tigrayan forces said on Monday they had seized the town of Dessie after days of fighting.")
    assert all(q.content.start > 60 for q in qs) and qs
    qs = quotes_of("Suspected militants kill 10 Niger soldiers, defense ministry says\n"
                   "At least ten soldiers died in an ambush near the Mali border, the ministry said on Saturday.")
    assert all(q.content.start > 65 for q in qs) and qs  # past the headline


def test_a_descriptive_subject_is_the_organisation_its_apposition_names():
    qs = quotes_of("Border town\nThe ethnic group's leading political body, the Karen National Union, said its "
                   "armed wing had captured an army garrison before dawn.")
    [q] = starting(qs, "its armed wing")
    assert q.speaker.name == "Karen National Union"


def test_as_the_outlet_reported_sources_the_host_clause():
    qs = quotes_of("Budget\nAs the International Business Times noted, Clinton raised more than $1.1 million "
                   "from the industry for her campaign.\n"
                   "Roger Ailes also met with the candidate that day, as The New York Times reported on Tuesday.\n"
                   "The airport was briefly shut down as security forces responded to the attack.")
    [q] = starting(qs, "Clinton raised")
    assert q.speaker.name == "International Business Times"
    assert starting(qs, "Roger Ailes also met")
    assert not starting(qs, "The airport")  # 'as' of time, with a complement of its own: no report
