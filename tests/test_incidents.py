"""Incidents: coreference, pooled arguments, codability and contested captures."""
import datetime as dt

from sitrep.ledger import merge
from builders import coded
from sitrep.pipeline import extract_text

DAY = dt.date(2024, 3, 6)


def test_definite_noun_refers_back_to_the_attack():
    r = extract_text("Gunmen attacked a police post in Arbinda on Tuesday, killing four officers. "
                     "The attack was the third this month, residents said.", published=DAY)
    attacks = coded(r, "ASSAULT")
    assert len(attacks) == 1, [(e.trigger.text, e.mentions) for e in r.events]
    assert any(m.text == "attack" for m in attacks[0].mentions)
    assert attacks[0].place is not None and attacks[0].place.name.startswith("Ar")


def test_state_of_affairs_is_background():
    r = extract_text("The war has displaced millions of people across the region.", published=DAY)
    wars = [e for e in r.events if e.trigger.text == "war"]
    assert wars and all(e.background for e in wars)
    assert all(merge.codable(e) is False for e in wars)


def test_capture_claimed_and_denied_is_contested():
    r = extract_text("Rebels of the M23 said on Sunday that they had captured Goma. "
                     "The Congolese government denied the claim.", published=dt.date(2025, 1, 27))
    seize = coded(r, "SEIZE")
    assert seize and seize[0].status == "denied"
    assert seize[0].target is not None and seize[0].target.country == "COD"
    led = merge.merge([r])
    assert any(e.contested for e in led if e.type == "SEIZE")


def test_capture_target_is_the_side_that_held_the_place():
    r = extract_text("M23 rebels captured the town of Sake in eastern Congo on Monday.", published=dt.date(2025, 1, 27))
    seize = coded(r, "SEIZE")
    assert seize and seize[0].target is not None and seize[0].target.country == "COD"
    assert seize[0].target.kind == "government"


def test_background_mentions_stay_out_of_the_ledger():
    r = extract_text("Violence continues. Gunmen attacked a police post in Arbinda on Tuesday.", published=DAY)
    led = merge.merge([r])
    triggers = {s.trigger.text for e in led for s in e.sources}
    assert "Violence" not in triggers
    assert any(e.type == "ASSAULT" for e in led)


def test_background_mentions_stay_out_of_the_stored_ledger(tmp_path):
    from sitrep.ledger.store import Store
    r = extract_text("Violence continues. Gunmen attacked a police post in Arbinda on Tuesday.", published=DAY)
    store = Store(f"sqlite:///{tmp_path / 'b.db'}")
    store.add_result(r)
    triggers = {s.trigger.text for e in store.ledger_events() for s in e.sources}
    assert "Violence" not in triggers and triggers


def test_undated_reports_never_merge_on_place_alone():
    from sitrep.records import ActorRef
    from builders import result

    args = lambda t: (t, "Arbinda", "Aribinda", 14.23, -0.86)  # noqa: E731
    t1, t2 = "x\nGunmen attacked Arbinda.", "y\nAn attack hit Arbinda."
    a = result(t1, "A", dt.date(2024, 3, 5), place_args=args(t1))
    b = result(t2, "B", dt.date(2024, 3, 5), place_args=args(t2))
    assert len(merge.merge([a, b])) == 2   # same town, same day of publication, nothing else shared
    jnim = ActorRef(name="JNIM", kind="armed_group", country="MLI")
    a = result(t1, "A", dt.date(2024, 3, 5), place_args=args(t1), agent=jnim)
    b = result(t2, "B", dt.date(2024, 3, 5), place_args=args(t2), agent=jnim)
    assert len(merge.merge([a, b])) == 1   # the same party too


def test_dated_reports_still_merge_on_day_and_place():
    from builders import result

    args = lambda t: (t, "Arbinda", "Aribinda", 14.23, -0.86)  # noqa: E731
    t1, t2 = "x\nGunmen attacked Arbinda on Monday.", "y\nAn attack hit Arbinda on Monday."
    day = dt.date(2024, 3, 4)
    a = result(t1, "A", dt.date(2024, 3, 5), place_args=args(t1), day=day)
    b = result(t2, "B", dt.date(2024, 3, 5), place_args=args(t2), day=day)
    assert len(merge.merge([a, b])) == 1


def test_the_headline_event_joins_the_body_incident_it_announces():
    from sitrep.records import Article
    from sitrep.stages import Pipeline
    import datetime as dt
    text = ("Suspected jihadists kill 10 Niger soldiers: ministry\n"
            "The defence ministry said on Saturday that at least ten soldiers were killed in an ambush "
            "by armed terrorists near the town of Banibangou.")
    ctx = Pipeline(["events"]).parse_and_run(Article(id="t", text=text, published=dt.date(2023, 2, 12)))
    coded = [e for e in ctx.events if e.type == "ASSAULT" and not e.background]
    assert len(coded) == 1, [(e.trigger.text, e.mentions) for e in coded]
    starts = [coded[0].trigger.start, *(m.start for m in coded[0].mentions)]
    assert min(starts) < text.index("\n") < max(starts)


def test_a_headline_incident_joins_the_first_body_incident_of_its_type_that_fits():
    from sitrep.extract import incidents
    from sitrep.records import ActorRef, Event, Span

    def mention(start, type_, agent=None):
        span = Span(start=start, end=start + 4, text="xxxx")
        return incidents.Mention(event=Event(evidence=span, trigger=span, type=type_, status="occurred",
                                             agent=agent))
    army = ActorRef(name="Myanmar army", kind="military", country="MMR", sector="MIL")
    knla = ActorRef(name="Royal Thai Army", kind="military", country="THA", sector="MIL")
    head = incidents._Incident([mention(5, "SEIZE", army)])
    other = incidents._Incident([mention(100, "SEIZE", knla)])
    fight = incidents._Incident([mention(150, "FIGHT")])
    body = incidents._Incident([mention(200, "SEIZE")])
    out = incidents._join_headlines([head, other, fight, body], headline_end=50)
    assert [id(i) for i in out] == [id(other), id(fight), id(body)]
    assert body.mentions[-1] is head.mentions[0] and len(other.mentions) == 1


def test_descriptions_and_reporters_requests_are_background():
    from sitrep.records import Article
    from sitrep.stages import Pipeline
    import datetime as dt
    text = ("M23 rebels, reportedly supported by Rwandan troops, entered Goma. "
            "The spokesman Lawrence Kanyuka did not respond to requests for comment.")
    ctx = Pipeline(["events"]).parse_and_run(Article(id="t", text=text, published=dt.date(2025, 1, 27)))
    coded = {e.type for e in ctx.events if not e.background}
    assert "SUPPORT" not in coded and "REQUEST" not in coded


def test_an_ungazetteered_village_takes_the_country_the_other_mentions_name():
    from sitrep.extract import incidents
    from sitrep.records import Event, Place, Span

    def mention(start, place):
        span = Span(start=start, end=start + 4, text="xxxx")
        return incidents.Mention(event=Event(evidence=span, trigger=span, type="ASSAULT", status="occurred",
                                             place=place))
    village = Place(name="Zorkutuba", precision="village", mention=Span(start=0, end=9, text="Zorkutuba"),
                    evidence=Span(start=0, end=9, text="Zorkutuba"))
    state = Place(name="Kaduna", precision="admin1", country="NGA", mention=Span(start=20, end=26, text="Kaduna"),
                  evidence=Span(start=20, end=26, text="Kaduna"))
    inc = incidents._Incident([mention(5, village), mention(30, state)])
    pooled = incidents._with_country(incidents._pool_place(inc), inc)
    assert pooled.name == "Zorkutuba" and pooled.country == "NGA"


# --- parties at the incident level (made-up sentences) --------------------------------------

def test_state_strike_with_no_named_victim_hits_the_group_the_article_is_about():
    r = extract_text("Zarundi Liberation Front fighters took the town of Goma in Congo on Monday. "
                     "The Zarundi Liberation Front said it would hold the town. "
                     "On Tuesday Congolese warplanes bombed the town of Goma.", published=DAY)
    strikes = [e for e in coded(r, "ASSAULT") if e.trigger.text.startswith("bomb")]
    assert strikes and strikes[0].target is not None and strikes[0].target.name == "Zarundi Liberation Front"


def test_fighting_with_no_parties_is_the_group_against_the_state():
    r = extract_text("The M23 rebel group seized the town of Sake in Congo on Monday. "
                     "Fierce fighting broke out in Sake on Tuesday, the M23 said.", published=dt.date(2025, 1, 27))
    fights = coded(r, "FIGHT")
    assert fights, [(e.type, e.trigger.text) for e in r.events]
    assert fights[0].agent is not None and fights[0].agent.name == "M23"
    assert fights[0].target is not None and fights[0].target.country == "COD" and fights[0].target.kind == "government"


def test_people_adjective_force_is_the_named_group_of_that_people():
    r = extract_text("The Tigray People's Liberation Front said it was advancing. "
                     "Tigrayan forces said they captured the town of Dessie in Ethiopia on Saturday.",
                     published=dt.date(2021, 10, 31))
    seize = coded(r, "SEIZE")
    assert seize and seize[0].agent is not None and seize[0].agent.name == "Tigray People's Liberation Front"


def test_rebel_nominal_as_victim_is_the_named_group():
    r = extract_text("Hayat Tahrir al-Sham fighters entered Aleppo in Syria on Friday. "
                     "Syrian warplanes targeted insurgents in an Aleppo suburb on Saturday.",
                     published=dt.date(2024, 11, 30))
    hits = [e for e in coded(r, "ASSAULT") if e.trigger.text == "targeted"]
    assert hits and hits[0].target is not None and hits[0].target.name == "Hayat Tahrir al-Sham"


def test_attack_on_someone_no_party_codes_gets_no_state_target():
    r = extract_text("JNIM militants killed a local councillor in Arbinda, Burkina Faso, on Tuesday.",
                     published=DAY)
    attacks = coded(r, "ASSAULT")
    assert attacks and not (attacks[0].target is not None and attacks[0].target.kind == "government")


def test_pro_government_militia_is_not_the_states_opponent():
    r = extract_text("Soldiers and the VDP killed members of a community in Kouna, Burkina Faso, on Monday.",
                     published=DAY)
    attacks = coded(r, "ASSAULT")
    assert attacks and (attacks[0].target is None or attacks[0].target.name != "Volunteers for the Defense of the Homeland")


def test_group_named_once_in_the_background_is_no_side_of_the_attack():
    r = extract_text("Gunmen attacked a police post in Arbinda on Tuesday. The region has faced attacks "
                     "by groups linked to Islamic State.", published=DAY)
    attacks = [e for e in coded(r, "ASSAULT") if e.trigger.text.startswith("attacked")]
    assert attacks and (attacks[0].agent is None or attacks[0].agent.name != "Islamic State")


def test_unidentified_attackers_are_left_uncoded():
    r = extract_text("Heavily armed attackers stormed a camp housing refugees in Tahoua, Niger, on Monday, "
                     "killing nine people.", published=DAY)
    attacks = coded(r, "ASSAULT")
    assert attacks and attacks[0].agent is None


def test_unidentified_attackers_in_an_attack_the_article_attributes_are_that_group():
    r = extract_text("JNIM claimed an attack on Bamako in Mali on Tuesday. Armed assailants targeted a "
                     "gendarmerie school in Bamako on Tuesday, JNIM said.", published=DAY)
    hits = [e for e in coded(r, "ASSAULT") if "targeted" in [e.trigger.text, *(m.text for m in e.mentions)]]
    assert hits and hits[0].agent is not None and hits[0].agent.name.startswith("Jama")


def test_state_property_hit_by_a_named_domestic_group_is_that_states():
    r = extract_text("The Karen National Liberation Army destroyed military vehicles near the border on Tuesday.",
                     published=DAY)
    attacks = coded(r, "ASSAULT")
    assert attacks and attacks[0].target is not None and attacks[0].target.country == "MMR"
    assert attacks[0].target.kind == "government"


def test_arrested_suspects_are_the_target():
    r = extract_text("At least 15 suspects have been arrested in Bamako, Mali, over the attack.", published=DAY)
    arrests = [e for e in r.events if e.type == "COERCE"]
    assert arrests and arrests[0].target is not None and "suspects" in arrests[0].target.name


def test_group_attacking_an_unnamed_armed_party_keeps_it_as_target():
    r = extract_text("ISGS militants ambushed and killed three volunteer fighters (VDP) in Dandantili, "
                     "Burkina Faso, on 17 September 2020.", published=dt.date(2020, 9, 20))
    attacks = coded(r, "ASSAULT")
    assert attacks and not (attacks[0].target is not None and attacks[0].target.kind == "government")


# --- issue 7, session 3: agents named through an affiliation, dates and places of the incident ---

def test_affiliated_group_named_after_its_parent_is_the_agent():
    r = extract_text("The attack, claimed by the al-Qaeda-affiliated group Jama'at Nusrat al-Islam wal-Muslimin "
                     "(JNIM), hit a gendarmerie school in Bamako on Tuesday.", published=dt.date(2024, 9, 17))
    attacks = coded(r, "ASSAULT")
    assert attacks and attacks[0].agent is not None
    assert attacks[0].agent.name.startswith("Jama'at Nusrat"), attacks[0].agent


def test_a_dated_possessive_is_no_agent_and_the_military_is_the_state_where_it_struck():
    r = extract_text("The governor of Kaduna State ordered an investigation into Sunday's military air strike "
                     "at Tudun Biri village which killed over 50 people.", published=dt.date(2023, 12, 4))
    strikes = coded(r, "ASSAULT")
    assert strikes and strikes[0].agent is not None, [(e.trigger.text, e.agent) for e in r.events]
    assert strikes[0].agent.kind == "military" and strikes[0].agent.country == "NGA"
    assert "strike" not in strikes[0].agent.name   # the modifier is the party, not the attack it modifies
    assert strikes[0].place is not None and strikes[0].place.country == "NGA"   # the village the gazetteer lacks


def test_the_clause_saying_when_the_incident_occurred_dates_it():
    r = extract_text("A resident said 34 of his family members were killed in the tragic incident that occurred "
                     "on Sunday, December 3, in the village.", published=dt.date(2023, 12, 5))
    killed = coded(r, "ASSAULT")
    assert killed and killed[0].date is not None and killed[0].date.date == dt.date(2023, 12, 3)


def test_where_the_injured_were_taken_is_not_where_the_attack_was():
    r = extract_text("A military drone bombed worshippers in Tudun Biri on December 3, 2023, killing 80 people. "
                     "The injured were later taken to hospitals in the state capital, Kaduna.",
                     published=dt.date(2024, 6, 3))
    attacks = coded(r, "ASSAULT")
    assert len(attacks) == 1, [(e.trigger.text, e.place) for e in attacks]
    assert attacks[0].place is not None and attacks[0].place.name == "Tudun Biri"


def test_fighters_entering_a_city_the_parser_takes_for_a_person_capture_it():
    r = extract_text("Sudan RSF enters Wad Madani, aid hub where many were displaced\n"
                     "Fighters from a paramilitary force, on Monday, entered Wad Madani, witnesses said.",
                     published=dt.date(2023, 12, 18))
    seize = coded(r, "SEIZE")
    assert seize, [(e.type, e.trigger.text) for e in r.events]
    assert {seize[0].trigger.text, *(m.text for m in seize[0].mentions)} & {"entered", "enters"}


def test_the_modifier_names_who_struck_not_the_subject_of_the_probe_into_it():
    r = extract_text("The governor ordered a probe into the Nigerian military air strike on the village of "
                     "Tudun Biri, which killed 85 people on Sunday.", published=dt.date(2023, 12, 4))
    strikes = coded(r, "ASSAULT")
    assert strikes and strikes[0].agent is not None, [(e.trigger.text, e.agent) for e in r.events]
    assert strikes[0].agent.kind in ("government", "military") and strikes[0].agent.country == "NGA"
    assert "governor" not in strikes[0].agent.name.casefold()


def test_a_capture_reported_days_later_by_another_outlet_joins_it_but_a_recapture_does_not():
    from builders import result
    from sitrep.records import ActorRef

    rsf = ActorRef(name="Rapid Support Forces", kind="armed_group", country="SDN")
    army = ActorRef(name="Sudanese Armed Forces", kind="military", country="SDN")
    town = ("Wad Madani", "Wad Madani", 14.4, 33.52, "SDN")

    def report(text, outlet, published, agent, day=None):
        return result(text, outlet, published, event_type="SEIZE", day=day, agent=agent, place_args=(text, *town))

    first = report("RSF takes Wad Madani\nRSF fighters took Wad Madani on Monday.", "A", dt.date(2023, 12, 19),
                   rsf, day=dt.date(2023, 12, 18))
    later = report("Army chief scolds commanders\nThe RSF conquest of Wad Madani shook the army.", "B",
                   dt.date(2023, 12, 23), rsf)
    retaken = report("Army retakes Wad Madani\nThe army retook Wad Madani from the RSF.", "C",
                     dt.date(2023, 12, 23), army)
    led = merge.merge([first, later, retaken])
    by_outlet = {s.outlet: e.id for e in led for s in e.sources}
    assert by_outlet["A"] == by_outlet["B"]
    assert by_outlet["C"] != by_outlet["A"]


def test_a_title_cased_headline_word_the_body_never_names_is_no_place():
    r = extract_text("In A Surprise Offensive, Insurgents Breach Syria's Aleppo\n"
                     "The rebels have pressed a lightning surprise offensive against government forces since "
                     "Wednesday, residents of Aleppo said.", published=dt.date(2024, 11, 30))
    assert "Surprise" not in {p.mention.text for p in r.places}
    assert "Aleppo" in {p.mention.text for p in r.places}


def test_foreign_warplanes_striking_after_the_rebels_offensive_are_another_incident():
    r = extract_text("Rebels Launch Offensive On Aleppo\n"
                     "The rebels have pressed a lightning offensive against government forces since Wednesday. "
                     "Overnight, Russian warplanes launched raids on areas of Aleppo city, a monitor said.",
                     published=dt.date(2024, 11, 30))
    attacks = coded(r, "ASSAULT")
    raids = [e for e in attacks if "raids" in e.trigger.text or any("raids" in m.text for m in e.mentions)]
    assert raids and all("offensive" not in e.trigger.text.casefold() for e in raids), \
        [(e.trigger.text, [m.text for m in e.mentions]) for e in attacks]


def test_an_attack_a_country_witnessed_is_not_the_countrys_attack():
    r = extract_text("Mali had witnessed similar attacks in the recent past, including a 2022 assault on a Malian "
                     "army checkpoint outside the city.", published=dt.date(2024, 9, 17))
    assaults = [e for e in r.events if e.trigger.text == "assault"]
    assert assaults and (assaults[0].agent is None or assaults[0].agent.kind != "government")


def test_two_wordings_of_unidentified_attackers_continue_one_ambush():
    r = extract_text("Suspected militants kill 10 Niger soldiers, defense ministry says\n"
                     "At least 10 soldiers died in an ambush in southwestern Niger, the ministry said. "
                     "The troops were on patrol in the northern part of the Banibangou department when they came "
                     "under a complex ambush by a group of armed terrorists.", published=dt.date(2023, 2, 11))
    attacks = coded(r, "ASSAULT")
    assert len(attacks) == 1, [(e.trigger.text, e.agent) for e in attacks]
    assert attacks[0].place is not None and attacks[0].place.name == "Banibangou"


def test_unnamed_troops_belong_to_the_state_where_they_are_hit_not_the_country_named_most():
    r = extract_text("At least ten soldiers were killed in an ambush in southwest Niger, not far from the Mali "
                     "border. Mali has long faced jihadist attacks, and Mali's junta blames Mali's neighbours.",
                     published=dt.date(2023, 2, 11))
    attacks = coded(r, "ASSAULT")
    assert attacks and attacks[0].target is not None and attacks[0].target.country == "NER", attacks[0].target


def test_he_as_the_agent_of_an_appeal_is_the_person_named_before():
    r = extract_text("Kaduna State Governor Nasir El-Rufai visited Tudun Biri on Monday. "
                     "He appealed to residents to remain calm.", published=dt.date(2023, 12, 4))
    appeals = [e for e in r.events if e.type == "REQUEST"]
    assert appeals and appeals[0].agent is not None, [(e.type, e.trigger.text, e.agent) for e in r.events]
    assert "El-Rufai" in appeals[0].agent.name and not appeals[0].background


def test_the_general_is_the_general_named_before():
    r = extract_text("General Oumar Diarra, chief of staff of the army, visited the camp on Tuesday. "
                     "The general also called on the residents to provide information to the authorities.",
                     published=dt.date(2024, 9, 17))
    calls = [e for e in r.events if e.type == "REQUEST" and e.trigger.text.startswith("called")]
    assert calls and calls[0].agent is not None and calls[0].agent.name == "Oumar Diarra", \
        [(e.type, e.trigger.text, e.agent) for e in r.events]
    assert not calls[0].background


def test_arrests_after_the_attack_are_located_at_its_scene():
    r = extract_text("Gunmen attack police academy in Bamako\n"
                     "Gunmen attacked a police academy in Bamako on Tuesday, killing several students. "
                     "Malian authorities have arrested at least 15 suspects, the army said.",
                     published=dt.date(2024, 9, 17))
    arrests = [e for e in r.events if e.type == "COERCE"]
    assert arrests and arrests[0].place is not None and arrests[0].place.name == "Bamako", \
        [(e.type, e.trigger.text, e.place) for e in r.events]


def test_a_clause_subject_the_parser_hung_under_after_is_no_place():
    r = extract_text("Houthi leaders have vowed retaliation after the US and the UK launched military strikes "
                     "against the group.", published=dt.date(2024, 1, 12))
    vows = [e for e in r.events if e.type == "THREATEN"]
    assert vows and (vows[0].place is None or vows[0].place.country != "USA"), vows[0].place


def test_forces_led_by_a_named_country_keep_it_where_they_fight():
    r = extract_text("Vietnamese-led forces have retaken a strategic village in Western Cambodia after fierce "
                     "fighting with guerrillas.", published=dt.date(1985, 3, 1))
    seize = [e for e in r.events if e.type == "SEIZE"]
    assert seize and seize[0].agent is not None and seize[0].agent.country == "VNM", seize[0].agent


def test_someones_forces_are_not_moved_to_the_state_where_they_fight():
    from sitrep.extract.incidents import _located_state
    from sitrep.records import ActorRef, Place, Span

    goma = Place(mention=Span(start=0, end=4, text="Goma"), evidence=Span(start=0, end=4, text="Goma"), name="Goma",
                 lat=-1.68, lon=29.22, country="COD", precision="city")
    his = ActorRef(name="his forces", kind="military", country="RWA", span=Span(start=0, end=10, text="his forces"))
    troops = ActorRef(name="troops", kind="military", country="RWA", span=Span(start=0, end=10, text="the troops"))
    assert _located_state(his, goma).country == "RWA"
    assert _located_state(troops, goma).country == "COD"


def test_a_civilian_guard_shot_by_militants_stays_a_civilian_victim():
    r = extract_text("On 29 April 2020, presumed JNIM or ISGS militants shot dead a civilian school guard and "
                     "burned two schools in Logobou (Logobou, Tapoa).", published=dt.date(2020, 4, 29))
    shot = [e for e in r.events if e.trigger.text == "shot"]
    assert shot and shot[0].target is not None and shot[0].target.kind == "civilians", shot[0].target


def test_an_attack_on_a_gendarmerie_post_in_an_unlocated_village_stays_on_the_forces():
    r = extract_text("Reports of attack against gendarmerie post in Mentao, south of Djibo",
                     published=dt.date(2018, 4, 29))
    attacks = [e for e in r.events if e.type == "ASSAULT"]
    assert attacks and attacks[0].target is not None and attacks[0].target.kind != "government", attacks[0].target


# --- issue 7, incidents not mentions: wrapped lines, places, separate acts, capture targets ---

def test_hard_wrapped_line_keeps_its_agent():
    r = extract_text("State media reported that four civilians were killed on Friday when Hayat Tahrir al-Sham\n"
                     "shelled a student residence in Aleppo.", published=DAY)
    attacks = coded(r, "ASSAULT")
    assert attacks and attacks[0].agent is not None and attacks[0].agent.name == "Hayat Tahrir al-Sham"


def test_blank_line_still_ends_a_sentence():
    from sitrep.nlp import parse
    assert len(list(parse("Fighting resumed in Goma on Monday\n\nthe next day was calm.").sents)) == 2
    assert len(list(parse("Fighting resumed in Goma on Monday when the\nrebels advanced.").sents)) == 1


def test_anaphoric_attack_with_a_place_in_the_same_country_is_the_same_incident():
    r = extract_text("JNIM fighters attacked a police school in Bamako on Tuesday. "
                     "The targets of the attack were the school and a base in Faladié.", published=DAY)
    attacks = coded(r, "ASSAULT")
    assert len(attacks) == 1, [(e.trigger.text, e.place and e.place.name) for e in attacks]
    assert attacks[0].place is not None and attacks[0].place.name == "Bamako"


def test_a_later_act_with_its_own_agent_is_its_own_incident():
    filler = ("The fighting has displaced thousands of families, aid groups said, and the United Nations called "
              "for calm. Schools and markets across the region were closed as residents fled towards the border, "
              "carrying what they could. Food prices rose sharply and fuel was scarce. The government said "
              "reinforcements were on their way to the front lines north of the city.\n")
    r = extract_text("Rebels launch offensive on Aleppo\nThe rebels of Hayat Tahrir al-Sham launched an offensive "
                     "against government forces in Aleppo on Wednesday. " + filler +
                     "State media reported that four civilians were killed when HTS shelled a student residence "
                     "in Aleppo.", published=DAY)
    violent = [e for e in r.events if e.type in ("ASSAULT", "FIGHT") and not e.background]
    assert len(violent) == 2, [(e.trigger.text, [m.text for m in e.mentions]) for e in violent]
    shelling = next(e for e in violent if "shelled" in e.trigger.text or any("shelled" in m.text for m in e.mentions))
    assert shelling.target is not None and shelling.target.kind == "civilians"


def test_place_in_a_hyphenated_modifier_is_not_the_scene():
    r = extract_text("The rebels took control of most government buildings in the city, said the Britain-based "
                     "Syrian Observatory for Human Rights.", published=DAY)
    assert all(e.place is None or e.place.country != "GBR" for e in r.events)
    assert all(e.target is None or e.target.country != "GBR" for e in r.events)


def test_capture_of_a_town_the_gazetteer_lacks_targets_the_groups_state():
    r = extract_text("Rebels of Hayat Tahrir al-Sham captured the city of Zabrunia on Friday.", published=DAY)
    seize = coded(r, "SEIZE")
    assert seize and seize[0].target is not None and seize[0].target.country == "SYR"


def test_forces_withdrawing_at_home_do_not_target_their_country():
    r = extract_text("Mali's army said its troops withdrew from Gao on Monday.", published=DAY)
    retreat = [e for e in r.events if e.type == "RETREAT"]
    assert retreat and retreat[0].target is None


def test_he_is_the_speaker_in_view_and_an_office_holder_is_a_named_party():
    r = extract_text("Governor Sani of Plateau State has ordered an investigation into the strike.\n\n"
                     "The villagers were observing Maulud celebration and were mistakenly killed.\n\n"
                     "In a statement, the governor said his administration is determined to prevent a repeat of "
                     "the incident.\n\nHe appealed to the affected community to be calm and to support the "
                     "security forces.", published=DAY)
    appeals = coded(r, "REQUEST")
    assert appeals and appeals[0].agent is not None and appeals[0].agent.name == "Sani"


def test_placeless_attack_happens_in_the_state_partys_country():
    r = extract_text("Warplanes of the Sudanese army bombarded Rapid Support Forces positions on Monday. "
                     "The war in Sudan has displaced millions.", published=DAY)
    attacks = coded(r, "ASSAULT")
    assert attacks and attacks[0].place is not None
    assert (attacks[0].place.country, attacks[0].place.precision) == ("SDN", "country")


def test_a_states_own_forces_are_no_target_of_its_deployment():
    r = extract_text("Thailand has increased border security in response to the fighting, deploying more "
                     "patrols in Mae Sot.", published=DAY)
    mobilize = [e for e in r.events if e.type == "MOBILIZE"]
    assert mobilize and mobilize[0].target is None


def test_a_gerund_under_a_preposition_takes_the_verbs_subject():
    r = extract_text("The M23 claimed that they succeeded in shooting down an army helicopter near Goma on Monday.",
                     published=DAY)
    attacks = [e for e in r.events if e.type == "ASSAULT"]
    assert attacks and attacks[0].agent is not None and attacks[0].agent.name == "M23"
