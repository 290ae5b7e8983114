"""Who a death verb's victims are where the parse hides them, and counts that are no deaths
(issue: WAD victim counts read with general rules)."""
import datetime as dt

import pytest

from sitrep.pipeline import extract_text
from sitrep.ledger.estimates import incident_count


def casualties(text):
    return extract_text(text, published=dt.date(2020, 5, 1)).casualties


def count(text, outcome="killed"):
    return incident_count(casualties(text), outcome)


@pytest.mark.parametrize("text,expected", [
    # the relative pronoun stands for the named man
    ("Police are hunting the killers of the chairman of the association, Alhaji Musa Bello, "
     "who was killed by unidentified gunmen in his house.", 1),
    # a verbless parse: the passive hangs on 'newspaper' with the paper's name as its subject
    ("A prominent journalist working for the online investigative newspaper Ukrayinska Pravda "
     "was killed in central Kiev by a bomb planted in his car.", 1),
    # 'wanted' read as the verb: the subjectless 'were killed' is the suspects'
    ("Six suspects wanted over unrest in the Shiite stronghold of Qatif were killed in a police raid this week, "
     "the secret service said.", 6),
])
def test_a_finite_passive_without_its_subject_takes_the_noun_it_hangs_under(text, expected):
    assert count(text) == expected


def test_a_finite_passive_is_the_clause_own_outcome_over_a_participle_and_a_couple_is_two():
    text = "Officials confirmed that a Chinese couple abducted at gunpoint in the city have been killed."
    assert [(c.low, c.outcome) for c in casualties(text)] == [(2, "killed")]
    # "a couple of days" is no one
    assert [(c.low, c.outcome) for c in casualties("A couple of days later, two people were killed.")] \
        == [(2, "killed")]


def test_the_subject_of_coordinated_harm_verbs_with_one_object_is_no_victim():
    assert [(c.low, c.outcome) for c in casualties(
        "Al-Shabaab militatns shot and killed eight charcoal traders near the town.")] == [(8, "killed")]


def test_killed_or_wounded_is_a_count_of_neither():
    text = ("A bomb blast killed seven people at a mosque. The group said in a statement that more than "
            "40 Shia Muslims had been either killed or wounded in the bombing.")
    assert count(text) == 7
    assert ("casualties", 40) in {(c.outcome, c.low) for c in casualties(text)}


@pytest.mark.parametrize("text,expected", [
    ("Less than 48 hours after two priests and 17 worshipers were killed by herdsmen at Mbalon, the marauders "
     "launched a coordinated attack on three communities, killing no fewer than 39 persons.", 39),
    ("A mayor was fatally shot on Tuesday afternoon, one day after a gunman killed another mayor.", 1),
    ("Hours after a prominent lawyer was gunned down in Quetta, at least 74 people were killed in a bombing "
     "at the hospital.", 74),
    # alone in its sentence, a count in an 'after' clause is the sentence's own
    ("Two people were killed after gunmen opened fire on a bus, and the army said 3 soldiers died after "
     "the ambush.", 5),
])
def test_deaths_in_an_after_clause_beside_deaths_outside_it_are_an_earlier_event(text, expected):
    assert count(text) == expected


def test_an_adverbial_participle_with_its_own_subject_is_not_what_befell_the_subject():
    found = casualties("A family of five was attacked overnight the day after their son, a bus conductor, "
                       "was murdered by a gang.")
    assert [(c.mention.text, c.low, c.outcome) for c in found] == [("their son", 1, "killed")]


@pytest.mark.parametrize("text,expected", [
    # a 'where' clause in a perfect tense describes the place by its past
    ("At least seven people were shot dead during local elections in the hill district, where a low level "
     "insurgency has left dozens killed in recent years.", 7),
    # ... and one dated more than a week before the article is an earlier event on its own
    ("Six people were killed when herders battled farmers. The clashes happened on Sunday in the Numan "
     "district, where militia from the farming community killed at least 30 herders last November.", 6),
    # a 'where' clause of this event is its own
    ("A bomb went off at the market, where 12 people were killed.", 12),
])
def test_a_where_clause_telling_the_place_past_is_an_earlier_event(text, expected):
    assert count(text) == expected


def test_a_series_a_free_choice_determiner_and_things_counted_are_no_victims():
    assert count("A Salafist imam was shot dead by gunmen early on Saturday in Aden, witnesses and local officials "
                 "said, the third killing of a Salafist imam this month.") == 1
    assert count("He said no policeman was killed, and if any policeman was killed it was not in the town. "
                 "Not less than twenty people were killed.") == 20
    found = casualties("The company said one Briton and four Afghans were killed in an attack on one of its "
                       "compounds in Kabul.")
    assert sorted((c.low, c.outcome) for c in found) == [(1, "killed"), (4, "killed")]
    # a number's 'of' object that can be a person is counted
    assert count("A member of a pro-government militia killed six of his comrades in the district.") == 6


def test_a_vague_count_of_an_outcome_word_takes_that_word():
    text = "At least five civilians were killed and 12 others wounded among dozens of casualties in the fighting."
    assert count(text, "wounded") == 12


def test_a_toll_noun_as_the_subject_of_be_states_the_toll():
    from sitrep.eval.wad import victim_count
    found = casualties("More than 80 people lost their lives in an attack on Friday. The number of people who were "
                       "killed in both sides is 86.")
    assert (86, "killed", True) in {(c.low, c.outcome, c.cumulative) for c in found}
    assert victim_count(found, "killed") == 86   # the event's final total
    assert count("The number of injured is 23.", "wounded") == 23
    assert count("The number of attackers is 40.") == 0


def test_a_list_adding_up_to_the_count_before_it_is_its_breakdown():
    from sitrep.eval.wad import victim_count
    found = casualties("Six people, two Turkish nationals and four Somalis, were confirmed killed in Mogadishu today.")
    assert victim_count(found, "killed") == 6
    found = casualties("Seven people were killed: six civilians and one soldier.")
    assert victim_count(found, "killed") == 6
    # a list that does not add up is counts of their own
    found = casualties("Gunmen killed 12 people, three policemen and two civilians in the village.")
    assert not any(c.parts for c in found)


def test_a_count_naming_civilians_holds_no_soldier_counted_elsewhere():
    from sitrep.eval.wad import victim_count
    found = casualties("Armed men killed 18 civilians in two ambushes on a Dogon community. Twelve were killed as they "
                       "went towards a blast that killed a soldier.")
    assert victim_count(found, "killed") == 18


def test_singular_victims_in_care_raised_from_a_report_passive_and_under_a_claim_for_their_killing():
    assert count("The activist and his cousin were attacked with daggers. The cousin was in critical condition.",
                 "wounded") == 1
    assert count("A lady passenger in the vehicle was said to have been shot in the leg and abandoned.", "wounded") == 1
    assert count("The group claimed responsibility Tuesday for the killing of a gay rights activist and his friend, "
                 "who were hacked to death on Monday in their apartment.") == 2
    assert count("Rebels attacked and killed a priest and his colleague near the church.") == 2


@pytest.mark.parametrize("text,expected", [
    ("Gunmen killed Ahmed Ali, Hassan Musa and Ibrahim Bello in the village.", 3),
    ("An airstrike hit a house, killing a family of six.", 6),
    ("The rebels slaughtered 14 villagers with machetes.", 14),
    ("Militants decapitated two farmers near the border.", 2),
])
def test_listed_names_a_family_of_n_and_killing_verbs(text, expected):
    assert count(text) == expected


def test_half_a_dozen_none_and_further_victims():
    from sitrep.eval.wad import victim_count
    assert count("Half a dozen villagers were killed by gunmen.") == 6
    assert count("A bomb wounded 15 people and killed none.") == 0
    assert count("A bomb killed five people at a market. Another two people died in hospital.") == 7
    assert count("The shelling killed three people and injured eight. One of the injured later died.") == 4
    # 'the other three' are the rest of a group counted before, not further victims
    assert count("A bomb killed the driver and four passengers. The driver and one of the passengers were "
                 "officials. The other three passengers killed were engineers.") == 5
    found = casualties("At least 20 people were killed in the attack. Among the dead were six children and a policeman.")
    assert victim_count(found, "killed") == 19


@pytest.mark.parametrize("text,expected", [
    ("Police found the bodies of three men who had been abducted last week.", 3),
    ("Two brothers returning from the market were ambushed and killed.", 2),
    ("Gunmen killed a former mayor and his bodyguard.", 2),
    ("Assailants killed a village chief, his wife and three of their children.", 5),
])
def test_bodies_found_shared_harm_verbs_and_listed_numbers(text, expected):
    assert count(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("The dead included a journalist and a teacher.", 2),
    ("Two women and a child were among those killed.", 3),
    ("He was killed along with his two bodyguards.", 3),
])
def test_victims_named_through_a_back_reference_and_a_personal_pronoun(text, expected):
    assert count(text) == expected


@pytest.mark.parametrize("text,expected,outcome", [
    ("Twenty-one people were killed and dozens wounded.", 21, "killed"),
    ("Forty-one villagers were killed.", 41, "killed"),
    ("Both men were killed.", 2, "killed"),
    ("Two journalists were abducted. Both were killed.", 2, "killed"),
    ("All four were killed in the attack.", 4, "killed"),
    ("Two journalists were abducted on Monday. The two were shot dead.", 2, "killed"),
    ("One person was killed and another wounded.", 1, "wounded"),
    ("A teacher was stabbed and seriously injured.", 1, "wounded"),
    ("Another hostage was seriously beaten.", 1, "wounded"),
    # the rest of a count is no count of its own
    ("67 people were killed; 22 of the victims died in the fire while the remaining 45 were killed by wardens.",
     67, "killed"),
])
def test_compound_numbers_pairs_kept_counts_gapped_others_and_wounding_verbs(text, expected, outcome):
    assert count(text, outcome) == expected


@pytest.mark.parametrize("text,expected", [
    ("Fifteen people were killed in the first attack and ten in the second.", 25),
    ("Gunmen killed 6 people in Kauru and 4 in Kajuru.", 10),
    ("Among those killed was a local chief.", 1),
])
def test_gapped_counts_and_a_victim_after_among(text, expected):
    assert count(text) == expected


def test_a_list_after_among_breaks_down_the_total_before_it_all_together():
    from sitrep.eval.wad import victim_count
    found = casualties("At least 20 people were killed in the attack. Among the dead were six children and a policeman.")
    total = next(c for c in found if c.low == 20)
    assert [(p.low, p.population) for p in total.parts] == [(6, "civilian"), (1, "military")]
    assert victim_count(found, "killed") == 19


def test_lives_lost_and_an_after_clause_beside_armed_deaths():
    assert count("Eighteen lives were lost in the attack.") == 18
    from sitrep.eval.wad import victim_count
    found = casualties("Three gunmen were killed by villagers after they killed two farmers.")
    assert victim_count(found, "killed") == 2   # the gunmen's deaths do not make the farmers' an earlier event
