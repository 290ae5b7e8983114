"""A count's breakdown by population is linked to the count (`Casualty.parts`), never a count of its own."""
import datetime as dt

from sitrep.eval.acled import predict_fatalities
from sitrep.eval.wad import victim_count
from sitrep.ingest import article_from_text
from sitrep.stages import Pipeline


def run(text):
    a = article_from_text(text, published=dt.date(2023, 5, 4), outlet="Wire")
    return Pipeline(["casualties"]).parse_and_run(a).casualties


def parts(text, outcome="killed"):
    return [(p.low, p.population) for c in run(text) if c.outcome == outcome for p in c.parts]


def test_including_a_singular_or_counted_part():
    assert parts("Clash\nNo fewer than six persons, including a police inspector, were killed.") == [(1, "military")]
    assert parts("Raid\nNine people including two soldiers were killed by assailants.") == [(2, "military")]


def test_apposition_and_parenthesis():
    assert parts("Strikes\nTurkish bombardment killed at least 15 people, eight of them civilians.") == [(8, "civilian")]
    assert parts("Blast\n15 persons died (13 civilians) and 53 were injured when two bombers attacked.") == [(13, "civilian")]
    text = "Attack\nAt least ten people (one policeman and the rest civilians) were killed when militants stormed it."
    assert parts(text) == [(1, "military")] and victim_count(run(text), "killed") == 9


def test_a_later_sentence_pointing_back():
    text = ("Bombing\nAfghan officials say 14 people were killed in a car bombing in Kabul. "
            "Among those killed, at least 10 were civilians and four were police officers.")
    assert parts(text) == [(10, "civilian"), (4, "military")]
    assert parts("Attack\n27 people were killed in the operation. One of the fatalities was a UN soldier.") == [(1, "military")]
    text = "Attack\nAt least eight people were killed and nine more were injured. Two of those injured were policemen."
    assert parts(text) == [] and parts(text, "wounded") == [(2, "military")]


def test_parts_are_not_counted_twice():
    found = run("Attack\nAt least nine people were killed in the attack. At least two of those killed were police.")
    assert [(c.low, len(c.parts)) for c in found if c.outcome == "killed"] == [(9, 1)]
    assert predict_fatalities(found) == 9


def test_wad_counts_the_noncombatant_victims():
    assert victim_count(run("Strikes\nTurkish bombardment killed at least 15 people, eight of them civilians."),
                        "killed") == 8
    assert victim_count(run("Raid\nNine people including two soldiers were killed by assailants."),
                        "killed") == 7
    text = "Attack\nAt least nine people were killed in the attack. At least two of those killed were police."
    assert victim_count(run(text), "killed") == 7
    # a part not named as civilians leaves the total as it is: "including 5 women" are among the victims
    assert victim_count(run("Raid\nGunmen killed 20 people, including five women."), "killed") == 20


def test_feared_killed_parsed_as_adverbial_clause():
    # the parser hangs "killed" on "feared" as advcl, not xcomp: the count is still of the dead
    found = run("Border\nAt least 40 villagers in Gwadale border community were feared killed on Monday.")
    assert [(c.low, c.outcome) for c in found] == [(40, "killed")]
    found = run("Attack\nThree of those killed were policemen and six were civilians, while twenty people were injured.")
    assert [(c.low, c.outcome) for c in found] == [(20, "wounded")]
    # an action's adverbial participle is another clause: the protest is no victim
    assert [c.mention.text for c in run("Protest\nSex workers staged a protest after a colleague was murdered.")] \
        == ["a colleague"]


def test_members_of_the_forces_are_military():
    found = run("Ambush\nFive members of the security forces were killed in the ambush.")
    assert [(c.low, c.population) for c in found] == [(5, "military")]
    found = run("Ambush\nFive members of a farming family were killed in the ambush.")
    assert [(c.low, c.population) for c in found] == [(5, "civilian")]
