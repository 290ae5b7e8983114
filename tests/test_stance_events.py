"""Events an analyst codes that the trigger lexicon alone misses or mistypes (issue 7): threats and
refusals said as idioms, calls addressed to a named party, parties named by 'between' elsewhere in
the clause, a bare 'strike' in an article about an air strike, names NER took for organisations."""
import datetime as dt

from builders import coded
from sitrep.pipeline import extract_text

DAY = dt.date(2024, 1, 12)


def test_threat_idiom_in_a_quote_is_the_speakers_threat():
    r = extract_text("Houthis vow response\n“America and Britain will have to pay a heavy price for this "
                     "aggression,” Houthi official Hussein al-Ezzi said.", published=DAY)
    threats = coded(r, "THREATEN")
    assert len(threats) == 1, [(e.type, e.trigger.text) for e in r.events]
    t = threats[0]
    assert t.trigger.text == "pay" and t.status == "occurred"
    assert t.agent is not None and "Ezzi" in t.agent.name
    assert t.target is not None and t.target.country in ("USA", "GBR")


def test_the_same_words_in_the_past_are_no_threat():
    r = extract_text("Yemen\nThe Houthis paid a heavy price for the attacks, al-Ezzi said.", published=DAY)
    assert not [e for e in r.events if e.type == "THREATEN"]


def test_negated_idioms_need_their_negation():
    threat = extract_text("Strikes on Yemen\n“I will not hesitate to direct further measures,” US President Joe Biden "
                          "said.", published=DAY)
    assert [e.trigger.text for e in coded(threat, "THREATEN")] == ["hesitate"]
    plain = extract_text("Biden\n“I will hesitate before any new measure,” US President Joe Biden said.",
                         published=DAY)
    assert not [e for e in plain.events if e.type == "THREATEN"]


def test_refusals_said_as_idioms_are_rejections():
    r = extract_text("Congo fighting\nThe Democratic Republic of the Congo insists it will not cede any "
                     "territory. The Karen National Union said it has no intention of entering peace talks "
                     "with the junta.", published=DAY)
    rejections = coded(r, "REJECT")
    assert sorted(e.trigger.text for e in rejections) == ["cede", "has"]
    assert all(e.status == "occurred" for e in rejections)
    knu = next(e for e in rejections if e.trigger.text == "has")
    assert knu.agent is not None and knu.agent.name == "Karen National Union"
    ceded = extract_text("Congo\nThe government ceded territory to the rebels in 2012.", published=DAY)
    assert not [e for e in ceded.events if e.type == "REJECT"]


def test_a_call_addressed_to_named_parties_iscoded():
    r = extract_text("Sudan talks\nMoussa Faki Mahamat, the African Union Commission’s chairman, recently "
                     "called on Sudan’s Armed Forces and rival Rapid Support Forces, RSF, to immediately "
                     "cease hostilities.", published=DAY)
    calls = coded(r, "REQUEST")
    assert len(calls) == 1
    # NER labels the name an organisation; its apposition with a role makes it a person
    assert calls[0].agent is not None and calls[0].agent.name == "Moussa Faki Mahamat"
    assert calls[0].agent.kind == "person"


def test_between_elsewhere_in_the_clause_names_the_parties():
    r = extract_text("Ceasefire in Lebanon\nThe rebels attacked on Wednesday, the same day a fragile ceasefire "
                     "took effect in neighbouring Lebanon between Israel and Hezbollah group.", published=DAY)
    deals = coded(r, "AGREE")
    assert len(deals) == 1
    assert deals[0].agent is not None and deals[0].agent.country == "ISR"
    assert deals[0].target is not None and deals[0].target.name == "Hezbollah"


def test_a_definite_event_under_a_non_directive_verb_took_place():
    r = extract_text("Sudan\nThe army vows to investigate the surprise withdrawal from Wad Madani.", published=DAY)
    assert [e.trigger.text for e in r.events if e.type == "RETREAT"] == ["withdrawal"]
    wanted = extract_text("Sudan\nThe army vowed a withdrawal from Wad Madani.", published=DAY)
    assert not [e for e in wanted.events if e.type == "RETREAT"]


def test_bare_strike_in_an_article_about_an_air_strike_is_that_strike():
    r = extract_text("Drone strike kills 85 in Tudun Biri\nThe Nigerian Air Force said it was not responsible "
                     "for the strike in Tudun Biri.", published=dt.date(2023, 12, 5))
    assert not [e for e in r.events if e.type == "PROTEST"], [(e.type, e.trigger.text) for e in r.events]
    labour = extract_text("Nigeria\nThousands joined the strike in Lagos on Monday, union leaders said.",
                          published=dt.date(2023, 12, 5))
    assert [e.type for e in labour.events if "strike" in e.trigger.text] == ["PROTEST"]


def test_a_month_name_in_a_date_is_no_march():
    r = extract_text("Syria\nThe offensive is the largest since March 2020, officials said.", published=DAY)
    assert not [e for e in r.events if e.type == "PROTEST"]


def test_calling_an_act_a_breach_is_an_accusation():
    r = extract_text("Syria offensive\nKremlin spokesman Dmitry Peskov said Moscow regarded the rebel attack as "
                     "a violation of Syria’s sovereignty.", published=DAY)
    accusations = coded(r, "ACCUSE")
    assert [e.trigger.text for e in accusations] == ["regarded"]
    assert accusations[0].agent is not None and accusations[0].agent.country == "RUS"
    plain = extract_text("Syria\nMoscow regarded the rebel attack as a surprise, Peskov said.", published=DAY)
    assert not [e for e in plain.events if e.type == "ACCUSE"]


def test_support_under_another_verb_is_no_event():
    r = extract_text("Yemen\n“They were wrong if they thought that they would deter Yemen from supporting "
                     "Palestine,” Abdul-Salam said.", published=DAY)
    assert not coded(r, "SUPPORT"), [(e.type, e.trigger.text) for e in r.events]
    finite = extract_text("Syria\nTurkey supports some rebel groups in the region, officials said.", published=DAY)
    assert [e.type for e in finite.events if e.trigger.text.startswith("support")] == ["SUPPORT"]
