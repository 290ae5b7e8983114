"""PLOVER event -> ACLED (event_type, sub_event_type), after ACLED's codebook.

Decided from the event type and mode, the trigger word (shell -> Shelling,
airstrike/drone -> Air/drone strike, IED/landmine -> Remote explosive), and the
sectors of agent and target (a state actor retaking ground -> Government regains
territory; civilians targeted -> Violence against civilians). Events in the same
sentence refine protests (police firing tear gas -> Protest with intervention).
Verbal events (REQUEST, ACCUSE, CONSULT, ...) have no ACLED type: None.
"""
from __future__ import annotations

from typing import Iterable, Optional

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
