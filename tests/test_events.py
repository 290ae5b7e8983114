"""Events: PLOVER typing, slots, status, ACLED mapping, and the two evaluations."""
from __future__ import annotations

import datetime as dt

import pytest

from sitrep.acled_map import to_acled
from sitrep.extract import events
from sitrep.extract.context import Context
from sitrep.records import ActorRef, Article, Event, Place, Span, TimeExpr
from sitrep.stages import Pipeline

PUBLISHED = dt.date(2020, 10, 22)


def _span(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start=start, end=start + len(needle), text=needle)


def make_ctx(text: str, places: dict | None = None, dates: dict | None = None) -> Context:
    """The events stage's Context: real actors and quotes; places/dates hand-made where given
    (name -> attributes), else the real stages."""
    article = Article(id="t", text=text, published=PUBLISHED)
    given = {}
    if places is not None:
        given["places"] = []
        for name, (country, precision) in places.items():
            m = _span(text, name)
            given["places"].append(Place(evidence=m, mention=m, name=name, country=country, precision=precision))
    if dates is not None:
        given["dates"] = []
        for mention, (value, tense) in dates.items():
            m = _span(text, mention)
            day = dt.date.fromisoformat(value) if len(value) == 10 else None
            given["dates"].append(TimeExpr(evidence=m, mention=m, value=value, date=day, tense=tense))
    return Pipeline(["events"], exclude=list(given), given=list(given)).parse_and_run(article, **given)


def only(evs, type_):
    found = [e for e in evs if e.type == type_]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in evs]
    return found[0]


def test_seize_with_place_date_and_state_agent():
    text = "The Malian army recaptured the town of Tessit from jihadists on Monday."
    ctx = make_ctx(text, places={"Tessit": ("MLI", "city")}, dates={"Monday": ("2020-10-19", "past")})
    e = only(ctx.events, "SEIZE")
    assert e.mode == "territory" and e.status == "occurred"
    assert e.place.name == "Tessit" and e.date.value == "2020-10-19"
    assert e.agent.sector == "MIL"
    assert (e.acled_event_type, e.acled_sub_event_type) == ("Battles", "Government regains territory")


def test_capture_noun_gives_place_of_object_and_agent_of_clause():
    text = "With the capture of a village named Kodo, the rebels now hold the whole valley."
    ctx = make_ctx(text, places={"Kodo": (None, "village")})
    e = only(ctx.events, "SEIZE")
    assert e.place.name == "Kodo"
    assert e.agent is not None and e.agent.sector == "REB"
    assert e.acled_sub_event_type == "Non-state actor overtakes territory"


def test_planned_meeting_with_target_and_place():
    text = "The foreign ministers of Chad and Niger are to meet with the French president in Paris on Monday."
    ctx = make_ctx(text, places={"Paris": ("FRA", "city")}, dates={"Monday": ("2020-10-26", "future")})
    e = only(ctx.events, "CONSULT")
    assert e.status == "planned" and e.mode == "meet"
    assert e.place.name == "Paris" and e.date.value == "2020-10-26"
    assert e.agent.country == "TCD"


def test_failed_truces_are_counted_and_merged():
    text = "Three truces agreed last month never showed any sign of holding."
    evs = make_ctx(text).events
    e = only(evs, "AGREE")
    assert e.count == 3 and e.status == "failed" and e.mode == "ceasefire"
    assert "truces" in e.trigger.text


def test_collapsed_ceasefire_is_failed():
    e = only(make_ctx("The ceasefire collapsed within hours.").events, "AGREE")
    assert e.status == "failed"


def test_request_keeps_its_complement_out():
    text = "The Red Cross urged all parties to stop shelling civilians."
    evs = make_ctx(text).events
    assert [e.type for e in evs] == ["REQUEST"]


def test_reject_phrasal_verb_with_agent():
    evs = make_ctx("Prime Minister Nikol Pashinyan ruled out any diplomatic solution.").events
    e = only(evs, "REJECT")
    assert e.trigger.text == "ruled out" and e.agent.name == "Nikol Pashinyan"


def test_denied_shelling_maps_to_explosions():
    text = "The army denied that it had shelled the village."
    e = only(make_ctx(text).events, "ASSAULT")
    assert e.status == "denied" and e.mode == "shelling"
    assert e.acled_sub_event_type == "Shelling/artillery/missile attack"


def test_killed_in_ambush_is_one_battle_event():
    text = "Five soldiers were killed in an ambush by militants near the border."
    evs = [e for e in make_ctx(text).events if e.type in ("ASSAULT", "FIGHT")]
    assert len(evs) == 1
    e = evs[0]
    assert e.target is not None and e.target.sector == "MIL"
    assert (e.acled_event_type, e.acled_sub_event_type) == ("Battles", "Armed clash")


def test_attack_on_villagers_is_violence_against_civilians():
    e = only(make_ctx("Gunmen killed three villagers in the night.").events, "ASSAULT")
    assert (e.acled_event_type, e.acled_sub_event_type) == ("Violence against civilians", "Attack")


def test_drone_strike_and_labour_strike():
    air = only(make_ctx("A drone strike hit a convoy of fighters.").events, "ASSAULT")
    assert air.acled_sub_event_type == "Air/drone strike"
    labour = only(make_ctx("Teachers went on strike over unpaid salaries.").events, "PROTEST")
    assert labour.acled_event_type == "Protests"


def test_protest_with_tear_gas_is_intervention():
    text = "Police fired tear gas to disperse students protesting against fees."
    evs = make_ctx(text).events
    e = only(evs, "PROTEST")
    assert e.acled_sub_event_type == "Protest with intervention"


def test_to_acled_uses_sectors():
    span = Span(start=0, end=7, text="seized")
    def ev(**kw):
        return Event(evidence=span, trigger=span, **kw)
    mil = ActorRef(name="army", sector="MIL")
    reb = ActorRef(name="rebels", sector="REB")
    cvl = ActorRef(name="villagers", sector="CVL")
    assert to_acled(ev(type="SEIZE", mode="territory", agent=mil)) == ("Battles", "Government regains territory")
    assert to_acled(ev(type="SEIZE", mode="territory", agent=reb)) == ("Battles", "Non-state actor overtakes territory")
    assert to_acled(ev(type="ASSAULT", agent=reb, target=cvl)) == ("Violence against civilians", "Attack")
    assert to_acled(ev(type="ASSAULT", agent=reb, target=mil)) == ("Battles", "Armed clash")
    assert to_acled(ev(type="ASSAULT", mode="abduct", agent=reb)) == ("Violence against civilians", "Abduction/forced disappearance")
    assert to_acled(ev(type="COERCE", mode="arrest", agent=mil)) == ("Strategic developments", "Arrests")
    assert to_acled(ev(type="REQUEST")) is None


def _karabakh_ctx(text: str) -> Context:
    from sitrep.ingest import article_from_text
    return Pipeline(["events"]).parse_and_run(article_from_text(text, published=PUBLISHED, outlet="AFP"))


def test_karabakh_article(karabakh_text):
    ctx = _karabakh_ctx(karabakh_text)
    evs = ctx.events
    seize = [e for e in evs if e.type == "SEIZE" and e.place and e.place.name == "Agbend"]
    assert seize, [(e.type, e.trigger.text) for e in evs]
    s = seize[0]
    assert s.status == "occurred" and s.agent.country == "AZE"
    assert s.date is not None and s.date.date == dt.date(2020, 10, 22)
    meet = next(e for e in evs if e.type == "CONSULT")
    assert meet.status == "planned" and meet.date.date == dt.date(2020, 10, 23)
    assert meet.place.name == "Washington"
    truce = next(e for e in evs if e.type == "AGREE" and e.count == 2)
    assert truce.status == "failed"
    req = next(e for e in evs if e.type == "REQUEST")
    assert req.agent is not None and "Red Cross" in req.agent.name
    rej = next(e for e in evs if e.type == "REJECT")
    assert "Pashinyan" in rej.agent.name


def test_plover_eval(shared_dir):
    from sitrep.eval import plover
    res = plover.run(shared_dir, limit=80)
    assert res["n"] == 80 and 0.0 <= res["macro_f1"] <= 1.0
    assert res["accuracy"] > 0.4


def test_acled_events_eval(shared_dir):
    from sitrep.eval import acled_events
    res = acled_events.run(shared_dir, limit=60)
    for country in ("kenya", "burkina_faso"):
        sub = res[country]["sub_event_type"]
        assert res[country]["n"] == 60
        assert sub["weighted_f1"] > 0.4
        assert set(sub) >= {"accuracy", "macro_f1", "weighted_f1"}


REPORTS = [
    ("Residents lynched a suspected thief at the market.", ("Riots", "Mob violence")),
    ("Teachers marched to the county offices over unpaid salaries. Police fired tear gas to disperse them.",
     ("Protests", "Protest with intervention")),
    ("Students protested against fee increases, lit bonfires and blocked the highway.",
     ("Riots", "Violent demonstration")),
    ("Police shot dead two protesters during demonstrations over fuel prices.",
     ("Protests", "Excessive force against protesters")),
    ("Nurses demonstrated peacefully outside the hospital.", ("Protests", "Peaceful protest")),
    ("Police defused an explosive device found near the bus station.",
     ("Strategic developments", "Disrupted weapons use")),
    ("Militants ambushed a police patrol, killing two officers.", ("Battles", "Armed clash")),
    ("On 5 March, gunmen killed three villagers and torched their huts.", ("Violence against civilians", "Attack")),
    ("A woman was raped by armed men near the camp.", ("Violence against civilians", "Sexual violence")),
    ("Gunmen abducted two teachers on the road to the town.",
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("Supporters of the two candidates clashed after the rally.", ("Riots", "Mob violence")),
    ("One killed as farmers protest turns violent.", ("Riots", "Violent demonstration")),
    ("A crowd sets tyres on fire to protest the presidential election vote.", ("Riots", "Violent demonstration")),
    ("Residents staged a peaceful march; the celebrations were devoid of running battles.",
     ("Protests", "Peaceful protest")),
    ("Supporters of a rival candidate attacked the former MP on his way home.",
     ("Violence against civilians", "Attack")),
    ("Clashes between the Ogiek and Kipsigi communities; twelve houses were torched.",
     ("Battles", "Armed clash")),
]


@pytest.mark.parametrize("text,expected", REPORTS)
def test_report_acled_main_event(text, expected):
    from sitrep.acled_map import report_acled
    ctx = make_ctx(text)
    evs = ctx.events
    mapped = [e for e in evs if e.acled_event_type]
    main = events.main_event(ctx, mapped) if mapped else None
    sectors = {a.ref.sector for a in ctx.actors if a.ref.sector}
    assert report_acled(text, evs, sectors, main) == expected


def test_report_without_cues_keeps_event_mapping():
    from sitrep.acled_map import report_acled
    text = "The army recaptured the town from the rebels."
    ctx = make_ctx(text)
    evs = ctx.events
    main = events.main_event(ctx, [e for e in evs if e.acled_event_type])
    assert report_acled(text, evs, {"MIL", "REB"}, main) == ("Battles", "Government regains territory")


# --- CAMEO-grounded distinctions (PLOVER GSR) -------------------------------------

@pytest.mark.parametrize("text, type_, mode", [
    ("Norway expelled two Russian diplomats on Monday.", "SANCTION", "expel"),        # CAMEO 166
    ("Norway expelled two Russian smugglers on Monday.", "COERCE", "deport"),         # CAMEO 174
    ("The army lifted the blockade of the port on Friday.", "RETREAT", "withdraw"),   # CAMEO 0872
    ("The government lifted the ban on the opposition party.", "CONCEDE", None),      # CAMEO 081
    ("The ministry lodged an official protest with Kenya.", "ACCUSE", "allege"),      # CAMEO 114
    ("The president declared a state of emergency in the north.", "COERCE", "martial-law"),
    ("Syria says it will not accept any more refugees.", "REJECT", None),
    ("Angry farmers blocked the highway for three hours.", "PROTEST", "obstruct"),    # CAMEO 144
    ("The government cancelled the visit of the French minister.", "SANCTION", "discontinue"),
])
def test_cameo_distinctions(text, type_, mode):
    main = events.main_event(ctx := make_ctx(text), ctx.events)
    assert main is not None and (main.type, main.mode) == (type_, mode)


def test_police_roadblock_is_coercion_not_protest():
    main = events.main_event(ctx := make_ctx("Police blocked the road to the stadium."), ctx.events)
    assert (main.type, main.mode) == ("COERCE", "restrict")


def test_reported_past_event_is_not_planned():
    text = "Soldiers beat up the detainees, a court was told on Monday."
    beat = only(make_ctx(text).events, "ASSAULT")
    assert beat.status == "occurred"


def test_target_of_demand_is_subject_of_wanted_clause():
    text = "The United States demanded that Iran release the sailors."
    main = events.main_event(ctx := make_ctx(text), ctx.events)
    assert main.type == "DEMAND" and main.target is not None and main.target.country == "IRN"


def test_unresolved_now_does_not_split_coreferent_mentions():
    text = ("Azerbaijan said on Thursday it had captured the town of Agbend. "
            "With the capture of Agbend, Baku now controls the border.")
    ctx = make_ctx(text, places={"Agbend": ("AZE", "village")},
                   dates={"Thursday": ("2020-10-22", "past"), "now": ("PRESENT_REF", "present")})
    seize = [e for e in ctx.events if e.type == "SEIZE"]
    assert len(seize) == 1 and seize[0].date.date == dt.date(2020, 10, 22)


def test_uncoded_parties_take_the_country_of_the_event_place():
    # unidentified "gunmen" are now left uncoded (issue 7: as analysts code them); a side nominal keeps the check
    ctx = make_ctx("Rebels attacked farmers near Ganja on Tuesday.", places={"Ganja": ("AZE", "city")})
    ev = next(e for e in ctx.events if e.type == "ASSAULT")
    assert ev.agent.country == "AZE" and ev.target.country == "AZE"
    # an international organisation acting in a country stays international
    ctx = make_ctx("The United Nations delivered food aid to refugees in Liberia.",
                   places={"Liberia": ("LBR", "country")})
    ev = next(e for e in ctx.events if e.type == "AID")
    assert ev.agent.country is None and ev.target.country == "LBR"


def test_acled_inter_of_an_unnamed_target_follows_the_codebook():
    from sitrep.acled_map import acled_inter
    assert acled_inter(None, "Violence against civilians", "target", "Attack") == 7
    assert acled_inter(None, "Protests", "target", "Protest with intervention") == 1
    assert acled_inter(None, "Battles", "target", "Armed clash") is None   # two armed sides: no default
    assert acled_inter(None, "Violence against civilians", "agent", "Attack") == 3   # unidentified armed group
    assert acled_inter(None, "Battles", "agent", "Armed clash") == 3   # a battle's unnamed side, as the export codes it


def test_with_no_party_named_the_country_acted_in_is_the_target():
    ctx = make_ctx("The president on Thursday lifted the curfew imposed in Sudan.",
                   places={"Sudan": ("SDN", "country")})
    ev = next(e for e in ctx.events if e.target is not None)
    assert ev.target.country == "SDN" and ev.target.kind == "country"
    # violence keeps its victims: a place is not a target of an attack
    ctx = make_ctx("Gunmen attacked in Sudan on Thursday.", places={"Sudan": ("SDN", "country")})
    assert all(e.target is None for e in ctx.events if e.type in ("ASSAULT", "FIGHT"))


def test_conjunct_of_a_plan_verb_lemma_is_not_planned():
    # "set" (up) is a planning governor only when it governs the action ("set to attack"),
    # not when the action is coordinated with it.
    text = "Activists said the fighters had set up checkpoints and were looting homes and cars."
    loot = only(make_ctx(text).events, "COERCE")
    assert loot.status != "planned"


def test_modal_of_a_clause_above_does_not_make_the_attack_planned():
    text = ("Thirteen soldiers were hurt in the attack on Friday, thus the death toll could go up.")
    hurt = [e for e in make_ctx(text).events if e.type == "ASSAULT"]
    assert hurt and all(e.status != "planned" for e in hurt)


def test_subject_the_parser_hung_on_after_is_the_clause_subject():
    from sitrep.pipeline import extract_text
    r = extract_text("Rebel leaders have vowed retaliation after the US and the UK launched military strikes "
                     "against rebel targets in Yemen.", published=dt.date(2024, 1, 12))
    strikes = [e for e in r.events if e.type == "ASSAULT"]
    assert strikes and strikes[0].agent is not None and strikes[0].agent.country == "USA"


def test_a_definite_town_noun_takes_the_town_named_before():
    text = "Rebels entered Kodo on Monday. The army said it withdrew its garrison from the town."
    ctx = make_ctx(text, places={"Kodo": ("MLI", "village")})
    assert only(ctx.events, "RETREAT").place.name == "Kodo"


def test_a_town_only_measured_from_is_not_the_place():
    text = "Rebels entered Kodo on Monday. Gunmen attacked a checkpoint 60 kilometres outside the town."
    ctx = make_ctx(text, places={"Kodo": ("MLI", "village")})
    assert only(ctx.events, "ASSAULT").place is None


def test_a_place_that_suffers_or_hosts_the_event_is_its_place():
    for text in ("The capital, Bamako, experienced a rare dawn attack on a police school.",
                 "The town of Kodo was shelled by the rebels."):
        name = "Bamako" if "Bamako" in text else "Kodo"
        ctx = make_ctx(text, places={name: ("MLI", "city")})
        assert only(ctx.events, "ASSAULT").place.name == name, text


def test_a_place_that_speaks_is_not_the_place():
    text = "Bamako said rebels attacked a police school."
    ctx = make_ctx(text, places={"Bamako": ("MLI", "city")})
    assert only(ctx.events, "ASSAULT").place is None


def test_a_date_under_since_is_not_the_events_day():
    text = "Rebels fired a missile at a ship, their 27th attack since Nov. 19."
    ctx = make_ctx(text)
    assert any(d.mention.text == "Nov. 19" for d in ctx.dates)
    assert all(e.date is None for e in ctx.events if e.type == "ASSAULT")


def test_the_day_a_since_clause_describes_is_the_events_day():
    text = "The army has faced setbacks since last October, when rebels launched an offensive in the north."
    ctx = make_ctx(text)
    assert only(ctx.events, "ASSAULT").date.value == "2019-10"


def test_a_particle_parsed_as_a_preposition_still_makes_the_phrasal_trigger():
    text = "The AU chairman, Moussa Faki Mahamat, recently called on the army and the RSF to cease hostilities."
    ctx = make_ctx(text)
    assert any(e.type == "REQUEST" for e in ctx.events)
    text = "The minister called on Monday."
    assert not any(e.type == "REQUEST" for e in make_ctx(text).events)


def test_new_triggers_from_the_data_files():
    cases = {"The army was forced to redeploy from the city.": "RETREAT",
             "Rebels launched an incursion into a dozen villages.": "ASSAULT",
             "The Security Council will convene on Monday.": "CONSULT",
             "The foreign ministry condemned the attack.": "ACCUSE",
             "The army chief scolded negligent commanders.": "ACCUSE",
             "Thailand has increased border security.": "MOBILIZE",
             "The air force issued a rebuttal of the claims.": "REJECT"}
    for text, type_ in cases.items():
        assert type_ in {e.type for e in make_ctx(text).events}, text


def test_violent_noun_modifier_names_the_attacker():
    from sitrep.pipeline import extract_text
    r = extract_text("U.S.-led airstrikes on rebel positions in Yemen killed five people on Thursday.",
                     published=dt.date(2024, 1, 12))
    strikes = [e for e in r.events if e.type == "ASSAULT"]
    assert strikes and strikes[0].agent is not None and strikes[0].agent.country == "USA"


def test_war_of_a_country_has_no_attacker_from_its_adjective():
    from sitrep.pipeline import extract_text
    r = extract_text("The Syrian civil war has displaced millions.", published=dt.date(2024, 1, 12))
    assert all(e.agent is None for e in r.events if e.type == "FIGHT")


def test_side_behind_an_attacked_object_is_the_target():
    from sitrep.pipeline import extract_text
    r = extract_text("The United States carried out strikes against targets linked to the Houthis in Yemen.",
                     published=dt.date(2024, 1, 12))
    strikes = [e for e in r.events if e.type == "ASSAULT"]
    assert strikes and strikes[0].target is not None and strikes[0].target.name == "Houthis"


def test_reporter_of_a_toll_is_not_its_agent():
    from sitrep.pipeline import extract_text
    r = extract_text("Five killed in US-led strikes in Yemen, rebels say", published=dt.date(2024, 1, 12))
    hits = [e for e in r.events if e.type == "ASSAULT"]
    assert hits and hits[0].agent is not None and hits[0].agent.country == "USA"


def test_attack_carried_out_by_a_group_has_it_as_agent():
    from sitrep.pipeline import extract_text
    r = extract_text("The attack, carried out by JNIM, targeted a gendarmerie school in Bamako.",
                     published=dt.date(2024, 9, 17))
    hits = [e for e in r.events if e.type == "ASSAULT"]
    assert hits and all(e.agent is not None and e.agent.name.startswith("Jama") for e in hits)


def test_a_date_in_a_since_clause_is_not_the_events_day():
    text = ("The United States began carrying out strikes on the Houthis for the first time since the group "
            "started targeting shipping after the October 7 onslaught.")
    ctx = make_ctx(text)
    strikes = [e for e in ctx.events if e.type == "ASSAULT" and e.trigger.text.endswith("strikes")]
    assert strikes and strikes[0].date is None


def test_a_where_clause_takes_the_place_it_hangs_on():
    text = "The area is close to the Tahoua region, where last week gunmen raided a camp."
    ctx = make_ctx(text, places={"Tahoua": ("NER", "admin1")})
    assert only(ctx.events, "ASSAULT").place.name == "Tahoua"


def test_a_statement_does_not_take_the_place_of_an_event_noun_under_it():
    text = "The army chief scolded commanders following the conquest of Kodo by the rebels."
    ctx = make_ctx(text, places={"Kodo": ("SDN", "city")})
    assert only(ctx.events, "ACCUSE").place is None


def test_a_place_in_a_relative_clause_of_another_verb_is_not_the_events():
    text = "Nine people were killed in that assault by terrorists on motorcycles who escaped back into Mali."
    ctx = make_ctx(text, places={"Mali": ("MLI", "country")})
    assert all(e.place is None for e in ctx.events if e.type == "ASSAULT")


def test_a_dateline_is_not_the_event_place():
    text = "Rebels take town\nNAIROBI — Rebels said on Sunday they had captured the town of Kombolcha."
    ctx = make_ctx(text, places={"NAIROBI": ("KEN", "city"), "Kombolcha": ("ETH", "city")})
    assert only(ctx.events, "SEIZE").place.name == "Kombolcha"
    assert events._dateline("AMMAN, Jordan – The army said", 7, 13)
    assert not events._dateline("Fighting in Goma - the city - went on", 12, 16)


def test_a_line_broken_after_of_continues_on_the_next_line():
    text = "Rebels said on Sunday they had captured the northern town of\nKombolcha, marking a rapid advance."
    ctx = make_ctx(text, places={"Kombolcha": ("ETH", "city")})
    assert only(ctx.events, "SEIZE").place.name == "Kombolcha"


def test_a_passive_light_verb_still_triggers():
    text = "Fingers were pointed at the Nigerian Air Force after the strike."
    assert "ACCUSE" in {e.type for e in make_ctx(text).events}


def test_what_an_accusation_says_is_not_an_event_of_its_own():
    text = "In Khartoum, the RSF has been accused of looting homes."
    types = {e.type for e in make_ctx(text).events}
    assert "ACCUSE" in types and "COERCE" not in types


def test_an_inquiry_into_an_event_keeps_the_event():
    text = "The army has opened an inquiry into the withdrawal of the garrison from the city."
    assert "RETREAT" in {e.type for e in make_ctx(text).events}


def test_what_talks_or_a_deadline_aim_at_is_not_an_event():
    text = "Talks for the surrender of the battalion failed on Tuesday."
    assert "RETREAT" not in {e.type for e in make_ctx(text).events}


def test_a_holiday_name_is_not_the_event_place():
    text = "The attack comes a few days before the country's Independence Day."
    ctx = make_ctx(text, places={"Independence": ("USA", "city")})
    assert all(e.place is None for e in ctx.events)


def test_welcoming_a_statement_is_support_and_a_demanded_truce_keeps_its_place():
    text = "The German government today welcomed the latest policy statement of the president."
    assert "SUPPORT" in {e.type for e in make_ctx(text).events}
    text = "Serb leaders demanded a truce with Moslem forces in east Bosnia."
    ctx = make_ctx(text, places={"Bosnia": ("BIH", "country")})
    assert only(ctx.events, "DEMAND").place is not None


def test_who_responded_to_an_attack_did_not_carry_it_out():
    from sitrep.pipeline import extract_text
    r = extract_text("JNIM militants raided the village of Thiou on Monday. Soldiers responded to the attack "
                     "and killed two militants.", published=dt.date(2020, 8, 20))
    attack = [e for e in r.events if e.type == "ASSAULT" and e.trigger.text == "attack"]
    assert not attack or attack[0].agent is None or attack[0].agent.sector != "MIL"
