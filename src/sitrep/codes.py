"""Named, typed values of the records' coded fields, so extractors write `Kind.PERSON` instead of
the string "person": mypy sees each as its Literal and a typo fails at import, not silently.

tests/test_codes.py checks that every class here holds exactly the values its records.py field
allows (or, for PLOVER, the types in data/en/event_types.tsv)."""
from __future__ import annotations

from typing import Final


class Kind:
    """ActorRef.kind (records.ActorKind)."""
    PERSON: Final = "person"
    GOVERNMENT: Final = "government"
    MILITARY: Final = "military"
    POLICE: Final = "police"
    ARMED_GROUP: Final = "armed_group"
    IGO: Final = "igo"
    NGO: Final = "ngo"
    CIVILIANS: Final = "civilians"
    MEDIA: Final = "media"
    PARTY: Final = "party"
    COUNTRY: Final = "country"
    ORGANIZATION: Final = "organization"
    UNKNOWN: Final = "unknown"


class ClaimantKind:
    """Claimant.kind."""
    ACTOR: Final = "actor"
    OUTLET: Final = "outlet"
    UNKNOWN: Final = "unknown"


class Sector:
    """ActorRef.sector: the PLOVER/CAMEO sector codes the extractors assign."""
    GOV: Final = "GOV"
    MIL: Final = "MIL"
    COP: Final = "COP"
    REB: Final = "REB"
    CVL: Final = "CVL"
    IGO: Final = "IGO"
    NGO: Final = "NGO"
    MED: Final = "MED"
    REF: Final = "REF"
    JUD: Final = "JUD"
    LEG: Final = "LEG"
    OPP: Final = "OPP"
    BUS: Final = "BUS"
    EDU: Final = "EDU"
    UAF: Final = "UAF"
    AID: Final = "AID"


class Plover:
    """Event.type: the PLOVER event types (data/en/event_types.tsv)."""
    ACCUSE: Final = "ACCUSE"
    AGREE: Final = "AGREE"
    ASSAULT: Final = "ASSAULT"
    COERCE: Final = "COERCE"
    CONCEDE: Final = "CONCEDE"
    CONSULT: Final = "CONSULT"
    DEMAND: Final = "DEMAND"
    FIGHT: Final = "FIGHT"
    MOBILIZE: Final = "MOBILIZE"
    PROTEST: Final = "PROTEST"
    REJECT: Final = "REJECT"
    REQUEST: Final = "REQUEST"
    RETREAT: Final = "RETREAT"
    SANCTION: Final = "SANCTION"
    SEIZE: Final = "SEIZE"
    THREATEN: Final = "THREATEN"
    # assigned by the trigger tables (verb_triggers, noun_triggers, light_verb_objects); their event_types rows
    # have no target prepositions, family or tags
    AID: Final = "AID"
    COOPERATE: Final = "COOPERATE"
    SUPPORT: Final = "SUPPORT"


class Status:
    """Event.status (records.EventStatus)."""
    OCCURRED: Final = "occurred"
    PLANNED: Final = "planned"
    FAILED: Final = "failed"
    DENIED: Final = "denied"
    CLAIMED: Final = "claimed"
    ONGOING: Final = "ongoing"


class Tense:
    """TimeExpr.tense."""
    PAST: Final = "past"
    PRESENT: Final = "present"
    FUTURE: Final = "future"


class Timex:
    """TimeExpr.type (TIMEX3 types)."""
    DATE: Final = "DATE"
    TIME: Final = "TIME"
    DURATION: Final = "DURATION"
    SET: Final = "SET"


class Population:
    """Casualty.population and CasualtyPart.population."""
    MILITARY: Final = "military"
    CIVILIAN: Final = "civilian"
    MIXED: Final = "mixed"
    UNKNOWN: Final = "unknown"


class Outcome:
    """Casualty.outcome."""
    KILLED: Final = "killed"
    WOUNDED: Final = "wounded"
    MISSING: Final = "missing"
    CAPTURED: Final = "captured"
    CASUALTIES: Final = "casualties"
    DISPLACED: Final = "displaced"


class Precision:
    """Place.precision."""
    POINT: Final = "point"
    VILLAGE: Final = "village"
    CITY: Final = "city"
    ADMIN2: Final = "admin2"
    ADMIN1: Final = "admin1"
    REGION: Final = "region"
    COUNTRY: Final = "country"
    UNKNOWN: Final = "unknown"


def values(cls: type) -> set[str]:
    """The values a codes class holds."""
    return {v for k, v in vars(cls).items() if k.isupper() and isinstance(v, str)}


class Mode:
    """Event.mode values the extractors name in code: PLOVER modes and the means of violence ACLED
    needs (the trigger tables and data/en/weapon_modes.tsv assign these and others)."""
    AIR: Final = "air"
    EXPLOSIVES: Final = "explosives"
    SUICIDE: Final = "suicide"
    GRENADE: Final = "grenade"
    FIREARMS: Final = "firearms"
    HUNGER: Final = "hunger"
    STRIKE: Final = "strike"
    DISPERSE: Final = "disperse"
    TERRITORY: Final = "territory"
    SEIZE: Final = "seize"
    DEFUSE: Final = "defuse"
    EXPEL: Final = "expel"
    DEPORT: Final = "deport"
    RESTRICT: Final = "restrict"
    OBSTRUCT: Final = "obstruct"
    INVESTIGATE: Final = "investigate"
    ABDUCT: Final = "abduct"
    SEXUAL: Final = "sexual"
    DESTROY: Final = "destroy"


class Gender:
    """A speaker's gender as extract/speakers.py infers it (pronouns.tsv tags, honorifics.tsv gender)."""
    MALE: Final = "male"
    FEMALE: Final = "female"
