"""Places extractor: NER + gazetteer n-grams, metonymy/demonym filtering, article context."""
import datetime as dt

import pytest

from sitrep.extract.context import Context
from sitrep.records import ActorRef, Actor, Article
from sitrep.stages import Pipeline

from test_geo import ensure_gazetteer


@pytest.fixture(scope="module", autouse=True)
def gaz(tmp_path_factory):
    return ensure_gazetteer(tmp_path_factory)


# places on the test's own actors (none, or hand-built) instead of the actors stage
PLACES_ON_GIVEN_ACTORS = Pipeline(["places"], exclude=["actors"], given=["actors"])


def context(text: str, actors=None) -> Context:
    """The places stage's Context: real actors unless the test gives its own."""
    article = Article(id="t", text=text, published=dt.date(2020, 10, 22))
    if actors is None:
        return Pipeline(["places"]).parse_and_run(article)
    return PLACES_ON_GIVEN_ACTORS.parse_and_run(article, actors=actors)


def by_text(found):
    return {p.mention.text: p for p in found}


def test_village_found_by_context_even_when_ner_misses_it():
    text = "Troops captured a village named Ağbənd near the border with Iran on Monday."
    got = by_text(context(text).places)
    assert got["Ağbənd"].country == "AZE" and got["Ağbənd"].precision == "village"
    assert got["Iran"].precision == "country" and got["Iran"].country == "IRN"
    for p in got.values():
        assert p.claimant is None and p.evidence.start <= p.mention.start < p.mention.end <= p.evidence.end
        assert text[p.mention.start:p.mention.end] == p.mention.text


def test_common_capitalised_words_are_not_places():
    text = "President Smith said Victory would come soon. Hope remains, he told Reuters."
    names = {p.mention.text for p in context(text, actors=[]).places}
    assert not names & {"President", "Victory", "Hope", "Reuters"}


def test_demonyms_are_not_places_and_mentions_are_unique():
    text = "Armenian forces shelled Shusha. Residents of Shusha fled to Yerevan."
    found = context(text).places
    spans = [(p.mention.start, p.mention.end) for p in found]
    assert len(spans) == len(set(spans))
    assert "Armenian" not in {p.mention.text for p in found}
    shusha = [p for p in found if p.mention.text == "Shusha"]
    assert len(shusha) == 2 and all(p.country == "AZE" for p in shusha)


def test_metonymic_actor_mentions_are_skipped():
    text = "Baku says the fighting near Tartar continues."
    ctx = context(text, actors=[])
    mention = ctx.span(0, 4)
    ctx.actors = [Actor(mention=mention, evidence=ctx.span(0, len(text)), metonymy=True,
                        ref=ActorRef(name="Government of Azerbaijan", kind="government", country="AZE"))]
    got = by_text(PLACES_ON_GIVEN_ACTORS.apply(ctx).places)
    assert "Baku" not in got
    assert got["Tartar"].country == "AZE"


def test_country_context_disambiguates():
    text = "Flooding hit Paris, Texas, and nearby towns in the United States."
    got = by_text(context(text, actors=[]).places)
    assert got["Paris"].country == "USA"


def test_karabakh_article(karabakh_text):
    found = context(karabakh_text).places
    got = by_text(found)
    assert got["Agbend"].country == "AZE"
    assert got["Washington"].country == "USA"
    nk = got["Nagorno-Karabakh"]
    assert (nk.country, nk.precision) == ("AZE", "region")
    baku = [p for p in found if p.mention.text == "Baku"]
    says = karabakh_text.index("Baku has reported")
    assert all(p.mention.start != says for p in baku)  # "Baku has reported" is the government


def test_lowercase_words_and_compass_points_are_not_places():
    found = by_text(context("Herders fled into the bush in Central Imenti, Meru, and South of the river.").places)
    assert "bush" not in found and "Central" not in found and "South" not in found


def test_list_items_in_the_article_country_are_places():
    # 'Bourzanga' has no place preposition; it sits in a parenthetical list of Burkinabe units
    text = "Suspected militants attacked the village of Namssiguia (Bourzanga, Bam) in Burkina Faso."
    found = by_text(context(text).places)
    assert found["Bourzanga"].country == "BFA"


def test_text_saying_county_or_village_picks_the_feature():
    found = by_text(context("Clashes continued in Baringo county, Kenya.").places)
    assert found["Baringo"].precision == "admin1"


def test_a_name_before_residents_is_a_place():
    found = by_text(context("Kiminini residents protested over poor roads.").places)
    assert found["Kiminini"].country == "KEN"


def test_a_name_used_as_a_place_stays_a_place_where_ner_calls_it_a_person():
    text = ("Fighters entered the city of Wad Madani on Monday. The army vows to investigate the withdrawal, "
            "which enabled the paramilitary Rapid Support Forces to capture Wad Madani.")
    doc_labels = {e.text: e.label_ for e in context(text).doc.ents}
    found = [p for p in context(text).places if p.mention.text == "Wad Madani"]
    assert doc_labels.get("Wad Madani") in ("PERSON", "ORG", "GPE")
    assert len(found) == 2 and all(p.country == "SDN" for p in found)
