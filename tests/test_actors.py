import datetime as dt

import pytest

from sitrep.records import Article
from sitrep.stages import Pipeline


def run(text):
    return Pipeline(["actors"]).parse_and_run(Article(id="t", text=text, published=dt.date(2021, 3, 4))).actors


def by_mention(found):
    return {a.mention.text: a for a in found}


def test_capital_as_subject_is_metonymy_for_government():
    found = by_mention(run("Kyiv says Russian troops shelled the city overnight."))
    kyiv = found["Kyiv"]
    assert kyiv.metonymy and kyiv.ref.country == "UKR" and kyiv.ref.sector == "GOV"
    assert found["Russian troops"].ref.country == "RUS"
    assert found["Russian troops"].ref.sector == "MIL"


def test_capital_as_location_is_not_an_actor():
    found = by_mention(run("The talks were held in Moscow on Monday."))
    assert "Moscow" not in found


def test_person_title_and_country_from_demonym():
    found = by_mention(run("Ukrainian Foreign Minister Dmytro Kuleba said the talks failed."))
    ref = found["Dmytro Kuleba"].ref
    assert (ref.kind, ref.country, ref.sector) == ("person", "UKR", "GOV")
    assert ref.title == "Foreign Minister"


def test_person_country_from_sentence_context_and_surname_reuse():
    found = run("President Emmanuel Macron said Paris would send aid. Later, Macron spoke again.")
    refs = [a.ref for a in found if a.ref.kind == "person"]
    assert [r.country for r in refs] == ["FRA", "FRA"]
    assert refs[1].name == "Emmanuel Macron"


def test_lexicon_groups_and_igos():
    found = by_mention(run("Al-Shabaab militants attacked a police post, the United Nations said."))
    un = found["the United Nations"].ref
    assert un.sector == "IGO" and un.kind == "igo"
    assert any(a.ref.name == "Al-Shabaab" and a.ref.country == "SOM" for a in found.values())


def test_offsets_index_the_text():
    text = "Yesterday Baku accused Yerevan of shelling civilians."
    for a in run(text):
        assert text[a.mention.start:a.mention.end] == a.mention.text


def test_karabakh_actors(karabakh_text):
    found = run(karabakh_text)
    people = {a.ref.name: a.ref for a in found if a.ref.kind == "person"}
    assert people["Ilham Aliyev"].country == "AZE"
    assert people["Nikol Pashinyan"].country == "ARM"
    assert people["Mike Pompeo"].country == "USA"
    assert people["Gerardo Moloeznik"].sector == "IGO"
    yerevan = [a for a in found if a.mention.text == "Yerevan"]
    assert yerevan and all(a.ref.country == "ARM" and a.metonymy for a in yerevan)


def test_regular_demonyms_are_derived():
    from sitrep.geo.countries import by_demonym
    assert by_demonym("Fijian").iso3 == "FJI" and by_demonym("Ugandans").iso3 == "UGA"
    assert by_demonym("Christian") is None and by_demonym("London") is None


def test_armed_groups_known_by_name_or_untagged_acronym():
    refs = {a.mention.text: a.ref for a in run("Mungiki members clashed with police in Nakuru.")}
    assert refs["Mungiki"].kind == "armed_group" and refs["Mungiki"].country == "KEN"
    refs = {a.mention.text: a.ref for a in run("5 SLDF members shot dead near Mt Elgon.")}
    assert refs["SLDF"].name == "Sabaot Land Defence Force"


def test_possessive_state_force_is_that_states_military():
    found = by_mention(run("The Nigerian Army’s aerial bombardment on the village killed 85 people."))
    ref = found["The Nigerian Army"].ref
    assert (ref.kind, ref.country, ref.sector) == ("military", "NGA", "MIL")


def test_named_force_of_a_group_is_not_the_states_army():
    found = run("The Karen National Liberation Army said it captured the garrison.")
    assert [a.ref.country for a in found if "Karen" in a.mention.text] == [None]
