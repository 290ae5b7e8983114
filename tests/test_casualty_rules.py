"""Casualty patterns from real text (issue #10): outcomes, victims, tolls, side, claimant."""
import datetime as dt

from sitrep.pipeline import extract_text
from sitrep.ledger.estimates import incident_count


def found(text):
    return [(c.low, c.high, c.outcome) for c in extract_text(text, published=dt.date(2020, 5, 1)).casualties]


def count(text, outcome="killed"):
    return incident_count(extract_text(text, published=dt.date(2020, 5, 1)).casualties, outcome)


def test_hyphenated_number_word_is_one_number():
    assert found("Twenty-four people were killed in the attack.") == [(24, 24, "killed")]


def test_deaths_without_a_number_phrase():
    assert count("Multiple explosions rocked the town resulting in the death of about 15 persons.") == 15
    assert count("Gunmen killed Benjamin Okulto, 47, a candidate for vice mayor.") == 1
    assert count("Flora Resendiz Gonzalez was stabbed to death at her home.") == 1
    assert count("ISIS shot to death 20 civilians in the base.") == 20
    assert count("A woman was sentenced to death for killing her husband.") == 0


def test_bare_numbers_after_a_verb():
    assert count("Rebels killed 18 civilians and wounded 44, he said.", "wounded") == 44
    assert count("A car bomb went off, killing at least eight civilians, and wounding at least 30.", "wounded") == 30
    assert count("10 people were killed in a blast, with another 93 being wounded.", "wounded") == 93


def test_present_perfect_is_not_a_running_toll():
    r = extract_text("Assailants in DR Congo have killed 15 civilians in revenge for army offensives.")
    assert [(c.low, c.cumulative) for c in r.casualties] == [(15, False)]
    r = extract_text("At least 30 miners died in clashes in the far north of Chad.")
    assert [(c.low, c.cumulative) for c in r.casualties] == [(30, False)]


def test_victim_noun_does_not_set_the_outcome():
    assert found("At least 16 prisoners died in the riot.") == [(16, 16, "killed")]
    assert found("Five hostages taken during the attack were later found dead.") == [(5, 5, "killed")]


def test_perpetrators_and_named_victims():
    assert count("A gunman killed at least 10 civilians on Friday.") == 10
    assert count("A large explosion at a warehouse killed at least 13 people, including seven children.") == 13
    assert count("Ahmed and two others were killed.") == 3
    assert count("Jose Chan, a reporter for a news website, has been shot dead, police said.") == 1


def test_side_from_the_place_and_claimant_from_the_role():
    text = ("Niger soldiers ambushed\nAt least 10 soldiers died in an ambush near Banibangou in Niger, "
            "the defence ministry said in a statement. Nine civilians were killed in Tillaberi on Sunday.")
    r = extract_text(text, published=dt.date(2023, 2, 12))
    by = {c.low: c for c in r.casualties}
    assert by[10].side == "NER" and by[9].side == "NER"
    assert by[10].claimant.actor.country == "NER" and by[10].claimant.actor.kind == "government"


def test_non_state_fighters_get_no_side_from_the_place():
    r = extract_text("Several attackers were killed near Banibangou in Niger, the army said.")
    assert all(c.side is None for c in r.casualties)


def test_people_sheltering_in_a_theatre_are_civilians():
    r = extract_text("Russian forces bombed a theatre, killing 300 people sheltering in the theatre in Mariupol.")
    killed = [c for c in r.casualties if c.low == 300]
    assert killed and killed[0].population == "civilian" and killed[0].side == "UKR"


def test_singular_victims_named_by_their_role():
    assert count("Gunmen killed the head of a village near the river on Sunday.") == 1
    assert count("The district head of Farada, Musa Bello, was killed by bandits.") == 1
    assert count("An elderly cleric has died in detention after he was beaten.") == 1
    assert count("Fighting broke out at the market, with the village chief killed by a stray bullet.") == 1
    assert count("The regional director was abducted and killed by militants.") == 1
    assert count("A reporter was found murdered near the port, the third journalist killed this year.") == 1
    assert count("Raiders drove off 200 head of cattle and killed a herder.") == 1


def test_coordinated_counts_of_any_person_noun():
    assert count("Gunmen killed two women and three minors in the town.") == 5
    assert count("A bomb killed 12 local administrators and four foreign technicians.") == 16
    assert count("Two men, a trader and a farmer, were shot dead in the village.") == 2
    assert count("Six people, two doctors and four nurses, were confirmed killed.") == 6
    assert count("Fighters killed three soldiers, eight civilians in the raid.") == 11


def test_breakdown_under_a_group_is_not_added():
    assert count("At least 16 members of the family of a local imam were killed in the strike.") == 16
    assert count("Youths killed about 200 pigs, which led to a clash that left five women dead.") == 5


def test_wounded_who_later_died_are_killed():
    assert found("A former mayor was injured in the attack and later succumbed to his wounds.") == [(1, 1, "killed")]
    assert count("At least 40 villagers were feared killed when soldiers opened fire.") == 40


def test_number_phrases_read_whole():
    assert count("More than two dozen people are reported dead.") == 24
    assert count("Rebels left about 30 killed and 12 others with severe machete injuries.") == 30
    assert found("Villagers spoke of between four and 10 people killed.") == [(4, 10, "killed")]
    assert found("5-6 people were killed by gunfire in the capital.") == [(5, 6, "killed")]
    r = extract_text("While half a million had sought refuge in the province, aid was scarce.")
    assert [c.low for c in r.casualties if c.outcome == "displaced"] == [500000]


def test_vague_quantities_of_things_or_side_clauses_are_no_counts():
    assert count("At least 22 people died during the clashes in several areas of the state.") == 22
    assert count("At least seven people were killed as tens of thousands protested in the capital.") == 7
    assert count("Seven people were shot dead and a dozen injured during the vote.", "wounded") == 12


def test_bare_counts_after_coordinated_verbs():
    assert count("A car bomb hit a square, killing at least 30 people and wounding 101, officials said.", "wounded") == 101
    assert count("Four civilians were killed and nine wounded Sunday in an air raid.", "wounded") == 9
    assert count("Three people were killed. Seven others sustained injuries in the fighting.", "wounded") == 7
    assert count("Clashes erupted, leaving four dead and at least 60 wounded.") == 4


def test_weapons_that_killed_are_no_victims():
    assert count("The attackers detonated two bombs that killed five persons at the market.") == 5


def test_a_toll_cue_outside_the_counts_clause_is_no_running_toll():
    r = extract_text("The toll from the ambush could rise because 12 people are still missing, the army said.")
    assert [(c.low, c.outcome, c.cumulative) for c in r.casualties] == [(12, "missing", False)]
    r = extract_text("More than 2,000 people have been killed since the war began in 2019.")
    assert [c.cumulative for c in r.casualties] == [True]


def test_one_citys_displacement_is_no_war_stock():
    r = extract_text("The fall of the town has forced up to 200,000 people to flee.", published=dt.date(2023, 12, 20))
    assert [(c.outcome, c.cumulative) for c in r.casualties] == [("displaced", False)]
    r = extract_text("The war has forced more than 5 million people to flee their homes.")
    assert [(c.outcome, c.cumulative) for c in r.casualties] == [("displaced", True)]


def test_a_thing_or_the_count_itself_is_no_claimant():
    r = extract_text("That raid, which residents blamed on bandits, claimed seven lives.")
    assert [(c.low, c.claimant.kind) for c in r.casualties] == [(7, "outlet")]


def test_headline_figure_takes_the_claimant_of_the_body():
    text = ("Gunmen kill 12 soldiers in border attack\n"
            "The defence ministry of Chad said on Sunday that 12 soldiers were killed in an attack near the border.")
    r = extract_text(text, published=dt.date(2023, 5, 1))
    assert {c.claimant.kind for c in r.casualties if c.low == 12} == {"actor"}


def test_family_members_are_civilians():
    r = extract_text("Nine members of one family were killed when a shell hit their house.")
    assert [(c.low, c.population) for c in r.casualties] == [(9, "civilian")]


def test_counts_without_their_own_verb():
    # a part after "including" is no count of its own (a sum of the records would count it twice)
    assert found("Militants killed five people including one woman in the village.") == [(5, 5, "killed")]
    assert count("The strikes led to the death of four fighters and the injury of nine others.", "wounded") == 9
    assert [(c.low, c.cumulative) for c in extract_text("The monitor raised the death toll in days of clashes to 140.").casualties] \
        == [(140, True)]
    assert count("Television showed images of three bodies near the base.") == 3
    assert count("The strike claimed the lives of over 50 people.") == 50
    r = extract_text("According to the United Nations, the region is home to more than 40,000 Malian refugees.")
    assert [(c.outcome, c.cumulative, c.side) for c in r.casualties] == [("displaced", True, "MLI")]


def test_names_and_aircraft_are_no_counts():
    r = extract_text("The rebels said they had seized Battalion 318 and captured 12 soldiers.")
    assert [(c.low, c.outcome) for c in r.casualties] == [(12, "captured")]
    assert extract_text("The group claimed that it shot down a MiG on Sunday morning.").casualties == []


def test_an_unnamed_ministry_is_the_headline_countrys():
    text = ("Jihadists kill 8 Chad soldiers: ministry\n"
            "The defence ministry said on Sunday that eight soldiers were killed near the Niger border. "
            "Troops from Niger and Nigeria were deployed in the area, and Niger's army patrols it.")
    r = extract_text(text, published=dt.date(2023, 5, 1))
    assert {c.claimant.actor.country for c in r.casualties if c.claimant.actor} == {"TCD"}


def test_demonym_counts_and_others_after_a_count():
    r = extract_text("Gunmen attacked a hotel in Bamako. One American was killed in the attack.")
    assert [(c.low, c.side) for c in r.casualties] == [(1, "USA")]
    r = extract_text("Fighting raged in Goma, and 13 South African soldiers were killed.")
    assert [(c.low, c.side) for c in r.casualties] == [(13, "ZAF")]
    r = extract_text("The strikes led to the death of five Houthi fighters and the injury of six others in Yemen.")
    assert [(c.low, c.population) for c in r.casualties if c.outcome == "wounded"] == [(6, "military")]


def test_things_listed_with_victims_are_no_victims():
    assert count("Troops said 24 militants were killed, 64 motorbikes and 100 phones were seized.") == 24
