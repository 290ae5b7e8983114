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
