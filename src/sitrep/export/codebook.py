"""ACLED's codebook as a pydantic model: every ACLED CSV row is validated before it is written.

Follows the ACLED data export after the 20 March 2023 column change (ACLED, "Guide to 2023
ACLED Column Changes"): 31 columns, event_id_no_cnty, data_id and iso3 removed,
disorder_type, civilian_targeting and tags added.  Event and sub-event types are the
codebook's (2023 codebook, 25 sub-event types); inter codes are the numeric actor
categories 1-8 (0: no second actor) and interaction the two-digit pair, lower code first
("17"), a single actor followed by 0 ("60").
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]

SUB_EVENT_TYPES = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}

# the disorder category of each sub-event type (codebook 2023, "disorder_type")
DEMONSTRATION_SUBTYPES = {"Peaceful protest", "Protest with intervention", "Violent demonstration"}


def disorder_type(event_type: str, sub_event_type: str) -> str:
    if event_type == "Strategic developments":
        return "Strategic developments"
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if sub_event_type in DEMONSTRATION_SUBTYPES:
        return "Demonstrations"
    return "Political violence"


REGIONS = ("Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa",
           "South Asia", "Southeast Asia", "East Asia", "Middle East", "Europe", "Caucasus and Central Asia",
           "Central America", "South America", "Caribbean", "North America", "Oceania", "Antarctica")
SCALES = ("New media", "Local partner", "Other", "Subnational", "National", "Regional", "International")

# a party named by a pronoun or a bare common noun is not an ACLED actor name
PRONOUNS = {"he", "she", "it", "its", "they", "them", "their", "his", "her", "we", "our", "us", "who", "which",
            "this", "that", "these", "those", "one", "some", "others", "both"}
GENERIC_WORDS = PRONOUNS | {
    "the", "a", "an", "suspected", "unidentified", "unknown", "armed", "alleged", "several", "some", "many",
    "gunmen", "gunman", "attackers", "attacker", "assailants", "assailant", "militants", "militant",
    "fighters", "fighter", "jihadists", "jihadist", "rebels", "rebel", "insurgents", "insurgent", "men", "man",
    "group", "groups", "forces", "force", "soldiers", "soldier", "troops", "army", "police", "policemen",
    "officers", "security", "people", "residents", "villagers", "civilians", "civilian", "market", "town",
    "village", "city", "crowd", "mob", "youths", "bandits", "terrorists", "extremists", "side", "sides",
    "parties", "warring", "authorities", "officials", "government", "military", "protesters", "rioters",
    "local", "locals", "members", "supporters", "two", "both", "individuals", "persons", "person",
}


def is_common_noun(name: str) -> bool:
    """'its fighters', 'market', 'Gunmen', 'Suspected jihadists': not a name ACLED would write."""
    words = re.findall(r"[\w'-]+", name)
    if not words:
        return True
    if words[0].lower() in PRONOUNS or name[:1].islower():
        return True
    return all(w.lower() in GENERIC_WORDS for w in words)


class AcledRow(BaseModel):
    """One row of an ACLED export, with the codebook's vocabularies and consistency rules."""
    model_config = ConfigDict(extra="forbid")

    event_id_cnty: str = Field(pattern=r"^[A-Z]{3}\d+$")
    event_date: dt.date
    year: int
    time_precision: int = Field(ge=1, le=3)
    disorder_type: Literal["Political violence", "Demonstrations", "Strategic developments",
                           "Political violence; Demonstrations"]
    event_type: Literal["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
                        "Riots", "Strategic developments"]
    sub_event_type: str
    actor1: str = Field(min_length=1)
    assoc_actor_1: str = ""
    inter1: int = Field(ge=1, le=8)
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int = Field(ge=0, le=8)
    interaction: str = Field(pattern=r"^[1-8][0-8]$")
    civilian_targeting: Literal["", "Civilian targeting"]
    iso: int = Field(ge=0, le=999)
    region: Literal[REGIONS]  # type: ignore[valid-type]
    country: str = Field(min_length=1)
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    location: str = Field(min_length=1)
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    geo_precision: int = Field(ge=1, le=3)
    source: str = Field(min_length=1)
    source_scale: str = ""
    notes: str
    fatalities: int = Field(ge=0)
    tags: str = ""
    timestamp: int = Field(gt=0)

    @field_validator("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
    @classmethod
    def _named(cls, v: str) -> str:
        for name in filter(None, (x.strip() for x in v.split(";"))):
            if is_common_noun(name):
                raise ValueError(f"{name!r} is a pronoun or a common noun, not an actor name")
        return v

    @field_validator("source_scale")
    @classmethod
    def _scale(cls, v: str) -> str:
        if v and any(part not in SCALES for part in v.split("-")) and v not in SCALES:
            raise ValueError(f"source_scale {v!r} is not made of {', '.join(SCALES)}")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> "AcledRow":
        if self.sub_event_type not in SUB_EVENT_TYPES[self.event_type]:
            raise ValueError(f"sub_event_type {self.sub_event_type!r} is not a sub-type of {self.event_type!r}")
        if self.disorder_type != disorder_type(self.event_type, self.sub_event_type):
            raise ValueError(f"disorder_type {self.disorder_type!r} does not match {self.sub_event_type!r}")
        if self.year != self.event_date.year:
            raise ValueError("year differs from event_date")
        if bool(self.actor2) != bool(self.inter2):
            raise ValueError("inter2 must be 0 exactly when there is no actor2")
        for event_type, check, rule in (
                ("Violence against civilians", self.inter2 == 7, "has civilians (inter 7) as actor2"),
                ("Protests", self.inter1 == 6, "has protesters (inter 6) as actor1"),
                ("Riots", self.inter1 == 5, "has rioters (inter 5) as actor1"),
                ("Battles", bool(self.actor2), "has two actors")):
            if self.event_type == event_type and not check:
                raise ValueError(f"{event_type} {rule}")
        if self.interaction != interaction(self.inter1, self.inter2):
            raise ValueError(f"interaction {self.interaction} does not combine inter1 {self.inter1} and "
                             f"inter2 {self.inter2}")
        return self


def interaction(inter1: int, inter2: int) -> str:
    """Two digits, the lower code first; a lone actor's code followed by 0."""
    codes = sorted(c for c in (inter1, inter2) if c)
    return f"{codes[0]}0" if len(codes) == 1 else "".join(map(str, codes))
