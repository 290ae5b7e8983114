"""Gazetteer build, normalisation and ranked geocoding (real index, built once per session)."""
import os

import pytest

from sitrep.geo import gazetteer
from sitrep.geo.normalize import name_keys, norm
from sitrep.geo.resolve import resolve_all


def ensure_gazetteer(tmp_path_factory):
    """Point SITREP_CACHE at one session folder; build lazily there (~15 s, once)."""
    folder = tmp_path_factory.getbasetemp() / "sitrep-cache"
    folder.mkdir(exist_ok=True)
    os.environ["SITREP_CACHE"] = str(folder)
    gazetteer._connect.cache_clear()
    gazetteer.lookup.cache_clear()
    gazetteer.connection()
    return folder


@pytest.fixture(scope="module", autouse=True)
def gaz(tmp_path_factory):
    return ensure_gazetteer(tmp_path_factory)


def test_normalisation_and_transliteration_variants():
    assert norm("Nagorno-Karabakh") == "nagorno karabakh"
    assert norm("São Paulo") == "sao paulo"
    assert {"agbend", "aghband", "agband"} <= name_keys("Ağbənd")
    assert "khankendi" in name_keys("Xankəndi")


def test_index_built_in_cache_dir(gaz):
    assert list(gaz.glob("gazetteer-*.sqlite"))


@pytest.mark.parametrize("spelling", ["Agbend", "Ağbənd", "Aghband"])
def test_agbend_spellings_are_the_azerbaijani_village(spelling):
    top = gazetteer.geocode(spelling)[0]
    assert top.country == "AZE" and top.precision == "village"
    assert abs(top.lat - 38.87) < 0.2 and abs(top.lon - 46.55) < 0.2


def test_stepanakert_and_khankendi_are_one_place():
    a, b = gazetteer.geocode("Khankendi")[0], gazetteer.geocode("Stepanakert")[0]
    assert a.country == b.country == "AZE"
    assert gazetteer.km((a.lat, a.lon), (b.lat, b.lon)) < 5


def test_region_geocodes_as_region():
    top = gazetteer.geocode("Nagorno-Karabakh")[0]
    assert (top.country, top.precision, top.source) == ("AZE", "region", "curated")


def test_paris_needs_a_hint_to_leave_france():
    assert gazetteer.geocode("Paris")[0].country == "FRA"
    texan = gazetteer.geocode("Paris", country_hint=["USA"])[0]
    assert texan.country == "USA" and texan.admin1


def test_capitals_outrank_namesakes_and_carry_admin1():
    top = gazetteer.geocode("Washington")[0]
    assert (top.country, top.feature) == ("USA", "PPLC")
    milan = gazetteer.geocode("Milan")[0]
    assert milan.country == "ITA" and milan.admin1 == "Lombardy"


def test_near_pulls_towards_other_places():
    # Alexandria next to a point in Louisiana: the Louisiana town, not Egypt
    top = gazetteer.geocode("Alexandria", near=(31.0, -92.0))[0]
    assert top.country == "USA" and top.admin1 == "Louisiana"


def test_ap_state_abbreviation():
    top = gazetteer.geocode("Ky.")[0]
    assert (top.name, top.feature) == ("Kentucky", "ADM1")


def test_resolve_all_uses_the_article_as_context():
    got = resolve_all(["Dublin", "Georgia", "Atlanta", "Macon"])
    assert [c.country for c in got] == ["USA"] * 4
    assert resolve_all(["Russian"])[0].country == "RUS"  # demonym as adjectival toponym
    assert resolve_all(["Qwxzyplonk"]) == [None]


def test_administrative_and_settlement_suffixes():
    county = gazetteer.lookup("Bomet County")
    assert county and all(c.precision in ("admin1", "admin2", "region") for c in county)
    town = gazetteer.lookup("Molo Township")
    assert town and all(c.precision in ("city", "village", "point") for c in town)
    assert gazetteer.lookup("Nowhere Township") == ()


def test_town_beats_the_province_named_after_it():
    top = gazetteer.geocode("Mandera", country_hint=["KEN"])[0]
    assert top.precision == "city" and top.country == "KEN"
    # an explicit province still resolves to the province
    assert gazetteer.geocode("Mandera County")[0].precision in ("admin1", "admin2")


def test_compass_qualified_units_resolve_to_the_unit():
    assert [c.name for c in gazetteer.lookup("Baringo North")] == ["Baringo"]
    assert gazetteer.lookup("northern Mali")[0].country == "MLI"
    # names that exist as such are not split, and plain towns are not reached through a compass word
    assert gazetteer.lookup("North Horr")[0].name == "North Horr"
    assert gazetteer.lookup("Central Bank") == ()


def test_minor_namesake_abroad_is_left_unresolved():
    # Fino exists only as an Italian alternate name; the article is about Kenya
    fino, mandera = resolve_all(["Fino", "Mandera County"], country_hint=["KEN"])
    assert fino is None and mandera.country == "KEN"
    # without anything pointing elsewhere the namesake stands
    assert resolve_all(["Fino"])[0] is not None
    # a notable place abroad is kept
    assert resolve_all(["Mandera County", "Paris"], country_hint=["KEN"])[1].country == "FRA"


def test_acronym_matching_a_hamlet_alias_is_not_a_place():
    assert resolve_all(["ODM"]) == [None]


def test_what_the_text_calls_a_place_picks_the_feature():
    county, = resolve_all(["Baringo"], kinds=["admin"])
    town, = resolve_all(["Baringo"], kinds=["settlement"])
    assert county.precision == "admin1" and town.precision in ("city", "village")


def test_a_state_outranks_a_hamlet_of_its_own_country_named_after_it():
    # Florida, New York (a hamlet) lies next to the article's other places; the state is still meant
    assert resolve_all(["Florida", "Orange County", "New York"])[0].feature == "ADM1"
    # a town named after a foreign place still wins when the article is local
    assert resolve_all(["Paris", "Lamar County", "Texas"])[0].country == "USA"


def test_a_demonym_beats_a_hamlet_of_that_name():
    assert resolve_all(["Canadian"])[0].country == "CAN"


def test_seas_and_regions_of_conflict_reporting():
    sea, ghouta = resolve_all(["Black Sea", "Ghouta"])
    assert sea.feature == "SEA" and ghouta.country == "SYR"
    assert resolve_all(["Atlantic", "Mexico", "Texas"])[0].name == "Atlantic Ocean"


def test_cache_name_follows_the_curated_table():
    from sitrep.geo import paths
    assert paths._curated_digest() in paths.gazetteer_path().name


def test_us_states_carry_their_geonames_id():
    ohio = [c for c in gazetteer.lookup("Ohio") if c.feature == "ADM1"][0]
    assert ohio.geonameid == 5165418


def test_acronym_country_names_need_capitals():
    """'CAR', 'US', 'UK' name countries; 'a car', 'told us', 'uk' in lower case do not."""
    from sitrep.geo import countries
    assert countries.lookup("CAR").iso3 == "CAF"
    assert countries.lookup("the US").iso3 == "USA" and countries.lookup("U.S.").iso3 == "USA"
    assert countries.by_demonym("US").iso3 == "USA"
    assert countries.lookup("car") is None and countries.lookup("Car") is None
    assert countries.lookup("us") is None and countries.by_demonym("us") is None
    assert countries.lookup("Iran").iso3 == "IRN" and countries.lookup("iran").iso3 == "IRN"


def test_a_car_is_no_government():
    import datetime as dt
    from sitrep.pipeline import extract_text
    r = extract_text("Kenya attack\n\nAl Shabaab hijacked a car carrying five passengers in Lamu county.",
                     published=dt.date(2020, 3, 1))
    assert all(e.target is None or e.target.country != "CAF" for e in r.events)
