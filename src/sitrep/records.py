"""Typed, frozen records: the one model giving Python types and the JSON Schema.

Every fact carries `evidence` (character offsets into the cleaned article text)
and, where someone asserted it, a `claimant`.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Frozen):
    """Half-open character range [start, end) into Article.text."""
    start: int
    end: int
    text: str


ActorKind = Literal[
    "person", "government", "military", "police", "armed_group", "igo", "ngo",
    "civilians", "media", "party", "country", "organization", "unknown",
]
# PLOVER/CAMEO-style sector codes: GOV MIL COP REB CVL IGO NGO MED REF JUD LEG OPP BUS EDU UAF
Sector = str


class ActorRef(Frozen):
    """A resolved actor: who, coded to country (ISO3) and sector."""
    name: str                       # canonical, e.g. "Government of Azerbaijan", "Ilham Aliyev"
    kind: ActorKind = "unknown"
    country: Optional[str] = None   # ISO 3166-1 alpha-3
    sector: Optional[Sector] = None # GOV, MIL, REB, CVL, IGO, NGO, ...
    title: Optional[str] = None     # "President", "Foreign Minister"
    span: Optional[Span] = None     # the mention this ref was resolved from


class Claimant(Frozen):
    """Who asserted a fact. kind='outlet' when the article states it in its own voice."""
    name: str
    kind: Literal["actor", "outlet", "unknown"] = "actor"
    actor: Optional[ActorRef] = None
    via: Optional[str] = None       # channel: "Twitter", "interview with AFP", "statement"
    cue: Optional[Span] = None      # reporting expression: "says", "according to"


class Record(Frozen):
    evidence: Span                  # the sentence or clause supporting the fact
    claimant: Optional[Claimant] = None


class Actor(Record):
    record: Literal["actor"] = "actor"
    mention: Span
    ref: ActorRef
    metonymy: bool = False          # "Baku says" -> Government of Azerbaijan


class Place(Record):
    record: Literal["place"] = "place"
    mention: Span
    name: str                       # gazetteer name
    lat: Optional[float] = None
    lon: Optional[float] = None
    country: Optional[str] = None   # ISO3
    admin1: Optional[str] = None
    precision: Literal["point", "village", "city", "admin2", "admin1", "region", "country", "unknown"] = "unknown"
    feature: Optional[str] = None   # GeoNames feature code or curated class
    geonameid: Optional[int] = None
    source: Optional[str] = None    # "curated", "geonames", "countrystatecity", "countries"


class TimeExpr(Record):
    record: Literal["date"] = "date"
    mention: Span
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    value: Optional[str] = None     # TIMEX3-style: 2020-10-23, 2020-09, 2020-W42, P3W
    date: Optional[dt.date] = None  # resolved day where the value is a day
    start_date: Optional[dt.date] = None  # resolved interval (for months, weeks, "last fortnight")
    end_date: Optional[dt.date] = None
    tense: Optional[Literal["past", "present", "future"]] = None


EventStatus = Literal["occurred", "planned", "failed", "denied", "claimed", "ongoing"]


class Event(Record):
    record: Literal["event"] = "event"
    type: str                       # PLOVER: ASSAULT, SEIZE, AGREE, CONSULT, ACCUSE, REQUEST, REJECT, PROTEST, ...
    mode: Optional[str] = None      # PLOVER mode, e.g. "ceasefire", "meet", "territory"
    trigger: Span
    status: EventStatus = "occurred"
    agent: Optional[ActorRef] = None
    target: Optional[ActorRef] = None
    place: Optional[Place] = None
    date: Optional[TimeExpr] = None
    count: Optional[int] = None     # "two truces" -> 2
    acled_event_type: Optional[str] = None
    acled_sub_event_type: Optional[str] = None
    mentions: list[Span] = Field(default_factory=list)  # further mentions of the incident ("the attack")
    background: bool = False        # not an incident an analyst would code: kept out of the ledger


class CasualtyPart(Frozen):
    """A part of a count by population: "including two soldiers" of "nine people",
    "three of those killed were policemen"; its outcome is the count's."""
    mention: Span                   # "two FARDC soldiers"
    low: int
    high: int
    population: Literal["military", "civilian", "mixed", "unknown"] = "unknown"
    approximate: bool = False


class Casualty(Record):
    record: Literal["casualty"] = "casualty"
    mention: Span                   # the number phrase "874 Armenian soldiers"
    low: int
    high: int
    outcome: Literal["killed", "wounded", "missing", "captured", "casualties", "displaced"] = "killed"
    population: Literal["military", "civilian", "mixed", "unknown"] = "unknown"
    side: Optional[str] = None      # ISO3 or actor name whose losses these are
    cumulative: bool = False        # running toll ("have been killed", "toll") vs one incident
    approximate: bool = False
    date: Optional[TimeExpr] = None
    place: Optional[Place] = None
    parts: list[CasualtyPart] = Field(default_factory=list)   # its breakdown, linked: part of this count, never added to it


class Quote(Record):
    record: Literal["quote"] = "quote"
    content: Span                   # the quoted or reported words
    direct: bool = True
    speaker: Optional[ActorRef] = None
    cue: Optional[Span] = None      # "said", "urged"
    via: Optional[str] = None       # "on Twitter", "in an interview with AFP"


class Article(Frozen):
    id: str                         # sha256 of cleaned text (idempotency key)
    text: str                       # cleaned text; all offsets point into it
    title: Optional[str] = None
    published: Optional[dt.date] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    source_path: Optional[str] = None
    language: Optional[str] = None
    removed_lines: list[str] = Field(default_factory=list)  # boilerplate dropped in cleaning


class ArticleResult(Frozen):
    schema_version: str = SCHEMA_VERSION
    article: Article
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    dates: list[TimeExpr] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    casualties: list[Casualty] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)


class IngestError(Frozen):
    source: str                     # file (and line/item) that failed
    reason: str


def json_schema() -> dict:
    return ArticleResult.model_json_schema()
