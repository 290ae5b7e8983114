"""PLOVER event -> ACLED (event_type, sub_event_type), after ACLED's codebook.

Decided from the event type and mode, the trigger word (shell -> Shelling,
airstrike/drone -> Air/drone strike, IED/landmine -> Remote explosive), and the
sectors of agent and target (a state actor retaking ground -> Government regains
territory; civilians targeted -> Violence against civilians). Events in the same
sentence refine protests (police firing tear gas -> Protest with intervention).
Verbal events (REQUEST, ACCUSE, CONSULT, ...) have no ACLED type: None.
"""
from __future__ import annotations

import re
from typing import AbstractSet, Iterable, Optional

from .records import ActorRef, Event

BATTLES, ERV, VAC = "Battles", "Explosions/Remote violence", "Violence against civilians"
PROTESTS, RIOTS, SD = "Protests", "Riots", "Strategic developments"

STATE = {"GOV", "MIL", "COP"}
ARMED = {"MIL", "COP", "REB", "UAF"}
CIVILIAN = {"CVL", "REF", "MED", "EDU", "NGO", "BUS", "REL", "HLH", "AGR", "LAB"}
PROTESTERS = {"OPP"}

ERV_MODES = {
    "shelling": "Shelling/artillery/missile attack",
    "air": "Air/drone strike",
    "explosives": "Remote explosive/landmine/IED",
    "suicide": "Suicide bomb",
    "grenade": "Grenade",
}
MOB_WORDS = ("lynch", "mob", "vigilante")
PROTEST_WORDS = ("protest", "demonstrat", "rally", "march")
VIOLENT_PROTEST_WORDS = ("riot", "burn", "barricade", "stone", "loot", "torch", "destroy",
                         "clash", "storm", "smash", "vandal", "throw", "block", "engage",
                         "hurl", "pelt", "damage", "set fire", "running battle")


def _sector(ref: Optional[ActorRef]) -> Optional[str]:
    return ref.sector if ref is not None else None


def _trigger_word(e: Event) -> str:
    return e.trigger.text.lower()


def _words(e: Event) -> str:
    return e.evidence.text.lower()


def _is_mob(e: Event) -> bool:
    return _sector(e.agent) in PROTESTERS and any(w in _words(e) for w in MOB_WORDS) or \
        any(w in _trigger_word(e) for w in MOB_WORDS) or \
        (e.agent is not None and any(w in e.agent.name.lower() for w in MOB_WORDS))


def _violence(e: Event, others: list[Event]) -> tuple[str, str]:
    if e.mode in ERV_MODES:
        return ERV, ERV_MODES[e.mode]
    if e.mode == "abduct":
        return VAC, "Abduction/forced disappearance"
    if e.mode == "sexual":
        return VAC, "Sexual violence"
    if _is_mob(e):
        return RIOTS, "Mob violence"
    agent, target = _sector(e.agent), _sector(e.target)
    if target in PROTESTERS or agent in STATE and _protest_nearby(others):
        return PROTESTS, "Excessive force against protesters"
    unorganised = PROTESTERS | CIVILIAN
    if agent in unorganised or e.type == "FIGHT" and target in unorganised:
        # rioters, crowds, residents or rival supporters using violence
        if _protest_nearby(others) or any(w in _words(e) for w in PROTEST_WORDS):
            return RIOTS, "Violent demonstration"
        return RIOTS, "Mob violence"
    if e.mode == "destroy":
        if agent in PROTESTERS or _protest_nearby(others):
            return RIOTS, "Violent demonstration"
        if target in ARMED:
            return BATTLES, "Armed clash"
        return SD, "Looting/property destruction"
    if e.type == "FIGHT":
        if agent in PROTESTERS or target in PROTESTERS:
            return RIOTS, "Violent demonstration"
        return BATTLES, "Armed clash"
    if target in ARMED and (agent is None or agent in ARMED or agent not in CIVILIAN):
        return BATTLES, "Armed clash"
    if target in CIVILIAN or target is None:
        if agent in CIVILIAN and target in CIVILIAN and "clash" in _words(e):
            return RIOTS, "Mob violence"
        return VAC, "Attack"
    if agent in ARMED and target in STATE:
        return BATTLES, "Armed clash"
    return VAC, "Attack"


def _protest_nearby(others: Iterable[Event]) -> bool:
    return any(o.type == "PROTEST" for o in others)


def _protest(e: Event, others: list[Event]) -> tuple[str, str]:
    words = _words(e)
    if e.mode == "riot" or _is_mob(e) or any(w in words for w in VIOLENT_PROTEST_WORDS):
        if _is_mob(e):
            return RIOTS, "Mob violence"
        return RIOTS, "Violent demonstration"
    state_violence = [o for o in others if o.type in ("ASSAULT", "FIGHT") and _sector(o.agent) in STATE]
    lethal = any(w in words for w in ("killed", "shot dead", "killing", "live bullets", "live ammunition"))
    if state_violence and lethal:
        return PROTESTS, "Excessive force against protesters"
    if state_violence or any(o.type == "COERCE" for o in others) or \
            any(w in words for w in ("tear gas", "teargas", "dispersed", "disperse", "arrested")):
        return PROTESTS, "Protest with intervention"
    return PROTESTS, "Peaceful protest"


def to_acled(event: Event, same_sentence: Iterable[Event] = ()) -> Optional[tuple[str, str]]:
    """(event_type, sub_event_type) or None for events ACLED does not record."""
    others = list(same_sentence)
    t, mode = event.type, event.mode
    agent = _sector(event.agent)
    if t in ("ASSAULT", "FIGHT"):
        return _violence(event, others)
    if t == "PROTEST":
        return _protest(event, others)
    if t == "SEIZE":
        if agent in STATE:
            return BATTLES, "Government regains territory"
        if agent in ("REB", "UAF") or agent is None and event.agent is not None:
            return BATTLES, "Non-state actor overtakes territory"
        return BATTLES, "Non-state actor overtakes territory" if agent else "Government regains territory"
    if t == "COERCE":
        if mode == "arrest":
            return SD, "Arrests"
        if mode == "disperse":
            if _protest_nearby(others) or _sector(event.target) in PROTESTERS:
                return PROTESTS, "Protest with intervention"
            return PROTESTS, "Protest with intervention"
        if mode == "defuse":
            return SD, "Disrupted weapons use"
        if mode == "seize":
            if agent in PROTESTERS or _protest_nearby(others):
                return RIOTS, "Violent demonstration"
            return SD, "Looting/property destruction"
        if mode in ("curfew", "ban", "restrict", "deport", "censor"):
            return SD, "Other"
        return SD, "Other"
    if t == "AGREE":
        return SD, "Agreement"
    if t == "MOBILIZE":
        if mode == "base":
            return SD, "Headquarters or base established"
        return SD, "Change to group/activity"
    if t == "RETREAT":
        if mode in ("withdraw", "disarm") or "withdr" in _trigger_word(event) or "retreat" in _trigger_word(event):
            return SD, "Non-violent transfer of territory"
        return None
    return None


# --- one short report -> its main ACLED event ----------------------------------------------
# A brief incident report (an ACLED note, a wire brief) describes one main event; later
# clauses add the response ("police fired tear gas") or the toll. The codebook decides
# the sub-type from cues over the whole report: who acted (a mob, protesters, an armed
# group), against whom (civilians, security forces) and how (IED, grenade, rape).



def _rx(*parts: str) -> re.Pattern:
    return re.compile("|".join(parts), re.I)


CUES = {
    "protest": _rx(r"\bprotest", r"\bdemonstrat", r"(?-i:\bmarch(ed|ing|es)?\b)", r"\bpicket",
                   r"took to the streets?", r"\bsit-?in\b", r"\bprocession", r"\bpetition",
                   r"\bwent on (a )?strike", r"\bon strike\b", r"\bstrik(e|ing) (workers|teachers|doctors|nurses|lecturers)",
                   r"\bboycott", r"\bwalk(ed)? ?out\b", r"\bmanifest", r"\bmarche\b"),
    "rally": _rx(r"\brall(y|ies)\b"),
    "riot_word": _rx(r"(?<!anti-)\briot", r"\brampage", r"\bviolent(ly)? (\w+ ){0,2}(protest|demonstration)",
                     r"\bturn(s|ed|ing)? violent"),
    "demo_tactic": _rx(r"\bbarricad", r"\bbonfire",
                       r"\b(burn(t|ed|ing|s)?|lit|light(ing|s)?|set(s|ting)?) (\w+ ){0,2}(tyres|tires|tyers)",
                       r"\b(tyres|tires) (\w+ ){0,2}(on fire|ablaze|alight)",
                       r"\bblock(ed|ing|s)? (off )?(the |a |several |major )?(\w+ )?(road|highway|street|route)"),
    "riot_act": _rx(r"\bston(ed|es|ing)\b", r"\bpelt", r"\bloot", r"running battles?", r"\bhurl",
                    r"\bvandali[sz]", r"\bsmash", r"\bchaos", r"\bchaotic", r"\browdy", r"\bforcibly",
                    r"\b(clash\w*|fought|engag\w*|battl\w*)( \w+)? with (the )?(police|security|anti-riot)",
                    r"\bclash\w* between (\w+ ){0,4}(the )?(police|security|anti-riot)",
                    r"\b(police|officers|security forces) (\w+ ){0,2}(clash\w*|battl\w*|fought|confront\w*)\b",
                    r"\b(lit|light|lighting|set) (\w+ )?fires?\b", r"\bparaly[sz]",
                    r"\bset(s|ting)? (\w+ ){0,3}(ablaze|on fire)", r"\btorch", r"\bstorm(ed|ing)?\b"),
    # violence that makes a protest a riot (only read in a protest context)
    "protest_violence": _rx(r"\b(destroyed|burnt|burned|blockaded|broke into|stole|looted|clashed|beat up|beating up|injured (a|an|the|two|\d)|attacked (a|an|the)|damaged|threw|hurled|violently)\b"),
    "crowd_size": _rx(r"\[size="),   # crowd size noted: a protest or riot
    "peaceful": _rx(r"\bpeaceful(ly)? (protest|demonstration|march|rally|sit-?in|celebration|procession|strike)",
                    r"\b(protest|demonstrat|march)\w* peacefully"),
    "mob": _rx(r"\bmob\b", r"\bmobs\b", r"\blynch", r"\bvigilante", r"\bjungle justice",
               r"\bsuspected (\w+ )?(thie|robber|criminal|murderer|witch|rapist|cattle thie|burglar)",
               r"\bwitch", r"\b(beaten|stoned|burnt|burned|hacked|clobbered) to death by (\w+ )?(residents|locals|villagers|youths?|members of the public|a crowd)",
               r"\b(angry|irate|enraged) (\w+ )?(residents|locals|villagers|youths?|crowd|members)"),
    "supporters": _rx(r"\bsupporters\b", r"\brival (groups|factions|camps|parties)", r"\bfaction"),
    "sexual": _rx(r"\brap(e|ed|es|ing|ist)\b", r"\bgang-?rap", r"\bdefil(e|ed|ement)", r"\bsexual(ly)? (assault|abuse|violence)",
                  r"\bsexually"),
    "abduct": _rx(r"\babduct", r"\bkidnap", r"\bhostage", r"\bforcibly disappear", r"\benlev"),
    "disrupt": _rx(r"\bdefus", r"\bdisposed of", r"\bcontrolled (explosion|detonation)", r"\bfailed to (explode|detonate|go off)",
                   r"\bbefore it could (be )?(detonat|explod)", r"\b(found|discovered|recovered|seized|intercepted|uncovered) (\w+ ){0,4}(explosive|ied|bomb|device|grenade|weapon|arms|ammunition|firearm|rifle|gun)",
                   r"\b(explosive|ied|bomb|device|grenade|weapons?|arms|ammunition|firearms?|rifles?|guns?)s? (\w+ ){0,3}(was|were|is|are|has been|have been) (found|discovered|recovered|seized|intercepted|uncovered|defused|detonated by)",
                   r"\b(explosive|device|bomb)s? (\w+ ){0,3}(went off|exploded|detonated) (prematurely|while|as they|during (assembly|construction))",
                   r"\bwhile (assembling|making|carrying|planting) (a |an |the )?(bomb|explosive|device|ied)"),
    "grenade": _rx(r"\bgrenade"),
    "suicide": _rx(r"\bsuicide (bomb|attack|vest|car)", r"\bsuicide bomber"),
    "ied": _rx(r"\bied\b", r"\bieds\b", r"\bimprovised explosive", r"\blandmine", r"\bland mine", r"\bexplosive",
               r"\broadside bomb", r"\bcar bomb", r"\bbomb(s|ed|ing)?\b", r"\bexplosion", r"\bblast\b", r"\bmine\b"),
    "shelling": _rx(r"\bshell(ed|ing|s)\b", r"\bmortar", r"\bartillery", r"\brocket", r"\bmissile"),
    "air": _rx(r"\bair ?strike", r"\bair-strike", r"\bdrone", r"\bairstrike", r"\bbombard(ed|ment) from the air",
               r"\b(jets?|aircraft|helicopters?|gunships?|warplanes?) (\w+ )?(bomb|strik|attack|fir|struck)"),
    "clash": _rx(r"\bclash", r"\bbattl", r"\bexchang(e|ed|ing)( of)? (\w+ )?(fire|gunfire|shots|bullets)", r"\bfire ?fight",
                 r"\bgun ?fight", r"\bshoot-?out", r"\bfought\b", r"\bfighting\b(?! for (his|her|their) li)", r"\bfight(s)?\b", r"\bengag(ed|ing) (in )?(a )?(gun|fire|battle|fight)",
                 r"\bcross-?fire", r"\bskirmish", r"\brepulsed", r"\brepelled", r"\bfought off", r"\bcounter-?attack"),
    "state_engaged": _rx(
        r"\b(police|policemen|officers?|soldiers?|troops|army|military|kdf|gsu|navy|security (forces|officers|personnel|agents)|gendarmes?|reservists?)\b( \w+){0,3} (shot|kill|fired|open(ed)? fire|pursu|respond|intervened|exchang|engag|repuls|repell|battl|raid|gunned|ambush|stormed|killing|neutrali)",
        r"\b(attack|ambush|raid|fired at|fired on|shot at|shot|killed|kill|targeted|overran)\w*( \w+){0,3} (a |the )?(police|policem[ae]n|officers?|soldiers?|troops|kdf|gsu|patrol|convoy|camp|station|post|security|military|army|reservists?|gendarmes?|base)",
        r"\b(police|policem[ae]n|officers?|soldiers?|troops|kdf|gsu|reservists?|gendarmes?)( \w+){0,2} (were |was )?(killed|injured|wounded|shot|died)",
        r"\b(killed|shot dead|gunned down|shot) by (the )?(\w+ )?(police|kdf|security|soldiers|army|navy|military|officers|gendarmes)"),
    "nonstate_armed": _rx(r"\bmilitant", r"\bal.?shabaa?b", r"\bmilitia", r"\braiders?\b", r"\bbandits?\b", r"\bgang(s|sters?)?\b",
                          r"\bpirates?\b", r"\brebels?\b", r"\binsurgents?\b", r"\bjihadist", r"\bterroris", r"\bgunm[ae]n",
                          r"\barmed (men|group|individuals|assailants|attackers)", r"\bassailants?", r"\battackers?\b",
                          r"\bsuspected (\w+ )?(criminals?|robbers?|thugs?|members|militants)", r"\bthugs?\b", r"\brobbers?\b",
                          r"\bsect\b", r"\bextremist", r"\bpoachers?\b", r"\bjnim\b", r"\bisgs\b", r"\bansarul", r"\bkoglweogo"),
    "communal": _rx(r"\bethnic", r"\btribal", r"\binter-?(clan|communal|community|ethnic|tribal)", r"\bcommunal",
                    r"\bclans?\b", r"\bcommunities\b", r"\bretaliat", r"\brevenge", r"\breprisal"),
    "violence": _rx(r"\bkill", r"\bshot\b", r"\bshoot", r"\bmurder", r"\battack", r"\bambush", r"\braid",
                    r"\bhack(ed|ing)\b", r"\bstab", r"\bbeat(en|ing)?\b", r"\bassault", r"\binjur", r"\bwound",
                    r"\bmachete", r"\bslash", r"\bbehead", r"\bexecut", r"\bmassacre", r"\bdead\b", r"\bdied\b",
                    r"\bbody\b", r"\btortur", r"\bgun(man|men)", r"\bopened fire", r"\bfired (at|on)", r"\bviolence"),
    "arrest": _rx(r"\barrest", r"\bdetain", r"\bapprehend", r"\bnabbed", r"\bin custody", r"\bcrackdown", r"\brounded up"),
    "property": _rx(r"\bloot", r"\btorch", r"\bset (\w+ ){0,2}(ablaze|on fire|alight)", r"\bburn(t|ed|ing)? (down )?(\w+ ){0,2}(houses?|homes?|huts?|shops?|vehicles?|offices?|buildings?|propert|school|church|market|billboard)",
                       r"\b(destroy|demolish|vandali[sz])", r"\bsteal|\bstole", r"\brobb", r"\brustl", r"\bproperty destruction",
                       r"\bpetrol-?bomb", r"\barson", r"\bbreak into|\bbroke into"),
    "change": _rx(r"\brecruit", r"\boath", r"\bsighted\b", r"\bspotted\b", r"\bmovement of (forces|troops|fighters)",
                  r"\bmobili[sz]", r"\bdeploy", r"\btraining camp", r"\bregroup", r"\bsecurity (measures|alert)",
                  r"\balert\b", r"\barming\b", r"\bgather(ed|ing)? (\w+ ){0,3}(weapons|arms)", r"\bsplinter", r"\bdefect",
                  r"\bnew (leader|commander)", r"\bestablish(ed)? a (base|camp)", r"\bpatrol"),
    "agreement": _rx(r"\bagreement", r"\bpeace (deal|accord|pact|treaty)", r"\bceasefire", r"\bcease-fire", r"\btruce",
                     r"\breconcil", r"\bsigned (a|an|the) (\w+ ){0,2}(deal|accord|pact|treaty|agreement)", r"\bpeace meeting"),
    "territory_gov": _rx(r"\b(regain|retook|retake|recaptur|liberat)\w*"),
    "territory_nsa": _rx(r"\b(overran|overrun|took control|seized control|captured the (town|village|city|area|base|camp|post))"),
    "intervention": _rx(r"\btear.?gas", r"\bdispers", r"\bwater cannon", r"\barrest", r"\bdetain", r"\bintervened",
                        r"\brubber bullets", r"\bbroke up\b", r"\bbreak up\b", r"\bshot in the air", r"\bfired (shots )?in(to)? the air",
                        r"\bwarning shots", r"\bbaton", r"\bclobber", r"\bcharged at", r"\bchased (away|off)", r"\bcaned",
                        r"\bbeaten by (the )?police", r"\bscuffle", r"\bgaz lacrymog", r"\bdispersed"),
    "lethal_state": _rx(
        r"\b(police|policem[ae]n|officers?|soldiers?|security forces|gsu|army|military|guards?|kdf|gendarmes?)(\s+\w+){0,3}\s+(shot|killed|kill|shoot|opened fire|open fire|fatally)",
        r"\b(shot|killed|shot dead|fatally wounded|died of gunshot|gunshot wounds?)(\s+\w+){0,4}\s+by (the )?(police|officers?|soldiers?|security|gsu|army|guards?)",
        r"\blive (bullets|ammunition|rounds)", r"\b(protesters?|demonstrators?|mourners)(\s+\w+){0,3}\s+(were |was )?(shot|killed)",
        r"\b(shot|killed|shoot|fire on)(\s+\w+){0,3}\s+(protesters?|demonstrators?|mourners)",
        r"\b(killed|shot|shot dead)(\s+\w+){0,6}\s+(during|in) (\w+\s+){0,3}(protests?|demonstrations?)\b"),
}

ARMED_NOTE_SECTORS = {"MIL", "COP", "REB", "UAF"}


def cues_in(text: str) -> dict[str, int]:
    """Cue name -> character offset of its first match in text."""
    out = {}
    for name, rx in CUES.items():
        m = rx.search(text)
        if m:
            out[name] = m.start()
    return out


def _protest_subtype(cues: dict[str, int]) -> tuple[str, str]:
    if "mob" in cues:
        return RIOTS, "Mob violence"
    violence_by_protesters = "protest_violence" in cues and "lethal_state" not in cues \
        and "intervention" not in cues
    said_peaceful = "peaceful" in cues and "riot_word" not in cues   # "a peaceful march", "marched peacefully"
    if not said_peaceful and (cues.keys() & {"riot_word", "demo_tactic", "riot_act"} or violence_by_protesters):
        return RIOTS, "Violent demonstration"
    if "lethal_state" in cues:
        return PROTESTS, "Excessive force against protesters"
    if "intervention" in cues:
        return PROTESTS, "Protest with intervention"
    return PROTESTS, "Peaceful protest"


def _leads(cues: dict[str, int], cue: str, other: str, slack: int = 80) -> bool:
    """cue is present and not merely background to an earlier `other` ("... after clashes")."""
    return cue in cues and (other not in cues or cues[cue] <= cues[other] + slack)


def _clash_or_attack(cues: dict[str, int], main: Optional[Event],
                     armed_sectors: AbstractSet[str] = frozenset()) -> tuple[str, str]:
    """Battles need organised armed actors on both sides; violence on unarmed people is VAC."""
    nonstate = "nonstate_armed" in cues or "REB" in armed_sectors   # named armed groups count too
    if "clash" in cues or "state_engaged" in cues and nonstate:
        return BATTLES, "Armed clash"
    if main is not None and main.type in ("ASSAULT", "FIGHT") and _sector(main.target) in ARMED \
            and _sector(main.agent) not in CIVILIAN | PROTESTERS:
        return BATTLES, "Armed clash"
    return VAC, "Attack"


def report_acled(text: str, events: list[Event], armed_sectors: AbstractSet[str] = frozenset(),
                 main: Optional[Event] = None) -> Optional[tuple[str, str]]:
    """(event_type, sub_event_type) of the main event of a short incident report.

    events: the report's extracted events; main: the most salient one with an ACLED type;
    armed_sectors: sectors of the actors named in the report.
    """
    cues = cues_in(text)
    mapped = [e for e in events if e.acled_event_type]
    main = main or (mapped[0] if mapped else None)
    # both are set or neither (to_acled); an unmapped main event gives no event-level prediction
    event_pred = (main.acled_event_type, main.acled_sub_event_type) \
        if main is not None and main.acled_event_type and main.acled_sub_event_type else None
    violent = any(k in cues for k in ("violence", "clash", "riot_act", "mob"))

    if cues.keys() & {"protest", "riot_word", "demo_tactic"}:
        return _protest_subtype(cues)
    communal_fight = "communal" in cues and "clash" in cues   # "clashes between two communities"
    if "mob" in cues or "riot_act" in cues and "REB" not in armed_sectors and not communal_fight:
        return RIOTS, "Mob violence"
    if "crowd_size" in cues:
        return (RIOTS, "Mob violence") if violent else (PROTESTS, "Peaceful protest")
    if "sexual" in cues:
        return VAC, "Sexual violence"
    if "disrupt" in cues:
        return SD, "Disrupted weapons use"
    for name, sub in (("suicide", "Suicide bomb"), ("air", "Air/drone strike"), ("grenade", "Grenade"),
                      ("ied", "Remote explosive/landmine/IED"), ("shelling", "Shelling/artillery/missile attack")):
        if name in cues and not ("clash" in cues and cues["clash"] < cues[name]):
            return ERV, sub
    # rival supporters fighting each other riot; supporters attacking a person is an attack
    if "rally" in cues and violent or "supporters" in cues and "clash" in cues:
        return RIOTS, "Mob violence"
    if "abduct" in cues and "kill" not in text.lower():
        return VAC, "Abduction/forced disappearance"
    if "territory_gov" in cues and armed_sectors & {"MIL", "COP"}:
        return BATTLES, "Government regains territory"
    if "territory_nsa" in cues and "REB" in armed_sectors:
        return BATTLES, "Non-state actor overtakes territory"
    if "clash" in cues or "violence" in cues:
        return _clash_or_attack(cues, main, armed_sectors)
    if "property" in cues:
        return SD, "Looting/property destruction"
    if "arrest" in cues:
        return SD, "Arrests"
    if "agreement" in cues:
        return SD, "Agreement"
    if "change" in cues:
        return SD, "Change to group/activity"
    return event_pred


# ACLED actor categories ("inter" codes) for an event's agent or target.
INTER_BY_SECTOR = {"MIL": 1, "COP": 1, "GOV": 1, "REB": 2, "OPP": 6, "CVL": 7, "REF": 7, "MED": 7,
                   "IGO": 8, "NGO": 8}
IDENTITY_MILITIA = ("ethnic", "communal", "clan", "raider", "herder", "militia", "tribal", "pastoralist",
                    "vigilante", "koglweogo", "dozo")
UNIDENTIFIED = ("unidentified", "unknown", "gunmen", "gunman", "assailant", "attacker", "bandit", "armed men")


# the codebook defines who is on the receiving end of these, named or not
TARGET_BY_DEFINITION = {VAC: 7, "Protest with intervention": 1, "Excessive force against protesters": 1}
# an unknown perpetrator of one-sided or remote violence, or an unnamed side of a battle (the
# ACLED export codes it so too), is coded "Unidentified Armed Group"
AGENT_BY_DEFINITION = {VAC: 3, ERV: 3, BATTLES: 3}


def acled_inter(ref, acled_event_type: Optional[str] = None, role: str = "agent",
                sub_event_type: Optional[str] = None) -> Optional[int]:
    """1 state forces, 2 rebels, 3 political/unidentified militias, 4 identity militias,
    5 rioters, 6 protesters, 7 civilians, 8 external/other."""
    if role == "agent" and acled_event_type == "Protests":
        return 6
    if role == "agent" and acled_event_type == "Riots":
        return 5
    if ref is None or ref.kind == "country" and not ref.sector:   # a place standing in for the party
        if role == "target":
            return TARGET_BY_DEFINITION.get(sub_event_type or "") or TARGET_BY_DEFINITION.get(acled_event_type or "")
        return AGENT_BY_DEFINITION.get(acled_event_type or "")
    name = ref.name.lower()
    if ref.kind == "armed_group" or ref.sector == "REB":
        if any(w in name for w in IDENTITY_MILITIA):
            return 4
        if any(w in name for w in UNIDENTIFIED):
            return 3
        return 2
    if ref.kind == "civilians" and ref.sector == "OPP":
        return 5 if acled_event_type == "Riots" else 6
    return INTER_BY_SECTOR.get(ref.sector or "")
