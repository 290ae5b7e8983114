"""ledger.estimates: one number per incident, UCDP-style best/low/high."""
from types import SimpleNamespace as NS

import pytest

from sitrep.extract.casualty_numbers import read_numbers
from sitrep.ledger.estimates import Figure, estimate, incident_count, sentence_totals, unarmed_count


def claim(sentence: str, mention: str, low: int, high=None, outcome="killed", approximate=False, at=0, cumulative=False,
          population="unknown"):
    start = sentence.index(mention)
    return NS(evidence=NS(start=at, end=at + len(sentence), text=sentence),
              mention=NS(start=at + start, end=at + start + len(mention), text=mention),
              low=low, high=high if high is not None else low, outcome=outcome,
              approximate=approximate, cumulative=cumulative, population=population)


def test_estimate_best_low_high():
    assert estimate([]) is None
    assert estimate([Figure(10, 10), Figure(14, 14), Figure(12, 12)]) == (14, 10, 14)
    # a vague range only informs low/high while a specific figure exists
    assert estimate([Figure(24, 99, True), Figure(22, 22, True)]) == (22, 22, 99)
    assert estimate([Figure(24, 99, True)]) == (24, 24, 99)
    # further victims are added to the total
    assert estimate([Figure(2, 2), Figure(2, 2, additional=True), Figure(4, 4, additional=True)])[0] == 8


def test_total_and_breakdown_are_not_added():
    s1 = "A blast killed at least 13 people, including seven children, and wounded more than 100."
    s2 = "Later, we received 13 dead children."
    claims = [claim(s1, "at least 13 people", 13, approximate=True), claim(s1, "seven children", 7),
              claim(s2, "13 dead children", 13, at=len(s1) + 1)]
    assert [f.low for f in sentence_totals(claims)] == [13, 13]
    assert incident_count(claims) == 13


def test_coordinated_counts_add_and_repeats_count_once():
    s = "Insurgents killed three soldiers and eight civilians."
    claims = [claim(s, "three soldiers", 3), claim(s, "eight civilians", 8), claim(s, "eight civilians", 8)]
    assert incident_count(claims) == 11


def test_parenthesised_breakdown_and_other_outcomes():
    s = "15 persons died (13 civilians) and 53 were injured."
    claims = [claim(s, "15 persons", 15), claim(s, "13 civilians", 13), claim(s, "53", 53, outcome="wounded")]
    assert incident_count(claims, "killed") == 15
    assert incident_count(claims, "wounded") == 53
    assert incident_count(claims, "missing") == 0


def test_further_victims_in_a_later_sentence_are_added():
    s1 = "A husband and wife were killed when a shell hit their home."
    s2 = "Two other civilians were also killed."
    claims = [claim(s1, "A husband", 1), claim(s1, "wife", 1), claim(s2, "Two other civilians", 2, at=len(s1) + 1)]
    assert incident_count(claims) == 4


def test_running_toll_only_when_nothing_else():
    s1 = "Five people were killed in the attack."
    s2 = "The toll in the war has reached 300."
    toll = claim(s2, "300", 300, at=len(s1) + 1, cumulative=True)
    assert incident_count([claim(s1, "Five people", 5), toll]) == 5
    assert incident_count([toll]) == 300


@pytest.mark.parametrize("tokens,like,expected", [
    (["Twenty", "-", "four"], [True, False, True], ([24], False)),   # regression: was a 4-20 range
    (["twenty", "five"], [True, True], ([25], False)),
    (["10", "-", "15"], [True, False, True], ([10, 15], True)),
    (["10", "to", "15"], [True, False, True], ([10, 15], True)),
    (["1", "200"], [True, True], ([1200], False)),
    (["²"], [True], ([], False)),
])
def test_read_numbers(tokens, like, expected):
    assert read_numbers(tokens, like) == expected


def test_part_named_after_the_count_is_a_breakdown():
    s = "Six children - three of them from one family - were killed in air strikes."
    claims = [claim(s, "Six children", 6), claim(s, "three", 3)]
    assert incident_count(claims) == 6


def test_digits_with_a_scale_word():
    assert read_numbers(["7", "million"], [True, True]) == ([7_000_000], False)


def test_others_after_a_count_of_another_outcome_are_not_further_victims():
    s1 = "Raiders shot dead nine villagers and wounded 20."
    s2 = "Bombers then killed eight people."
    s3 = "12 others sustained injuries."
    claims = [claim(s1, "nine villagers", 9), claim(s1, "20", 20, outcome="wounded"),
              claim(s2, "eight people", 8, at=100), claim(s3, "12 others", 12, outcome="wounded", at=200)]
    assert incident_count(claims, "wounded") == 20
    s4 = "Separately, a bomb wounded 5 others."
    assert incident_count(claims + [claim(s4, "5 others", 5, outcome="wounded", at=300)], "wounded") == 25


def test_a_count_over_several_attacks_is_not_added_to_its_parts():
    s1 = "Gunmen killed 15 people in two separate attacks on Monday."
    s2 = "Eight were killed in the first village."
    s3 = "Seven other people were killed later in the second."
    claims = [claim(s1, "15 people", 15), claim(s2, "Eight", 8, at=100), claim(s3, "Seven other people", 7, at=200)]
    assert incident_count(claims) == 15


def test_unarmed_count_leaves_the_armed_out_of_the_total():
    s1 = "Seven people were killed in the clash."
    s2 = "Six civilians and one soldier died."
    claims = [claim(s1, "Seven people", 7), claim(s2, "Six civilians", 6, at=100, population="civilian"),
              claim(s2, "one soldier", 1, at=100, population="military")]
    assert unarmed_count(claims) == 6
    s3 = "Troops killed 12 insurgents in the hills."
    s4 = "Four villagers were killed in the raid."
    other = [claim(s3, "12 insurgents", 12, population="military"), claim(s4, "Four villagers", 4, at=100)]
    assert unarmed_count(other) == 4
    assert unarmed_count([claim(s3, "12 insurgents", 12, population="military")]) == 12
