"""Ledger views across articles: merged events, claim series, contradictions, failures."""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import BaseModel, Field

from ..records import ActorRef, Span


class PlaceRef(BaseModel):
    name: str                       # gazetteer name
    mention: Optional[str] = None   # as the article wrote it ("Arbinda" for Aribinda)
    lat: Optional[float] = None
    lon: Optional[float] = None
    country: Optional[str] = None
    admin1: Optional[str] = None
    precision: Optional[str] = None


class EventSource(BaseModel):
    article_id: str
    outlet: Optional[str] = None
    published: Optional[dt.date] = None
    event_index: int
    status: str
    evidence: Span
    trigger: Span
    claimant: Optional[str] = None
    claimant_country: Optional[str] = None


class LedgerEvent(BaseModel):
    id: str
    type: str
    mode: Optional[str] = None
    status: str
    statuses: list[str] = Field(default_factory=list)   # every status a source reported
    date: Optional[dt.date] = None
    place: Optional[PlaceRef] = None
    agent: Optional[ActorRef] = None
    target: Optional[ActorRef] = None
    acled_event_type: Optional[str] = None
    acled_sub_event_type: Optional[str] = None
    conflict: Optional[str] = None                      # sorted ISO3 of the parties, e.g. "ARM-AZE"
    fatalities: Optional[int] = None                    # lowest killed count any source links to it
    contested: bool = False                             # claimed by one side, denied by another
    sources: list[EventSource] = Field(default_factory=list)
    # source articles once near-duplicate copies (wire reprints) count as one (MinHash, ingest/minhash.py)
    independent_sources: Optional[int] = None
    corrections: list[int] = Field(default_factory=list)  # ids of the analyst corrections applied


class ClaimPoint(BaseModel):
    published: Optional[dt.date] = None
    article_id: str
    outlet: Optional[str] = None
    low: int
    high: int
    cumulative: bool
    approximate: bool = False
    claimant: Optional[str] = None
    claimant_country: Optional[str] = None
    evidence: Span


class ClaimSeries(BaseModel):
    key: str                                            # readable: "killed civilian at Arbinda"
    scope: str = ""                                     # series with the same scope count the same thing
    outcome: str
    population: Optional[str] = None
    side: Optional[str] = None                          # whose losses (ISO3 or name)
    place: Optional[str] = None                         # the incident's place
    claimant_country: Optional[str] = None              # who claims a war-wide toll (None for incidents)
    points: list[ClaimPoint]
    n_points: Optional[int] = None                      # all its points, where `points` is a page of them
    trend: Literal["rising", "falling", "stable", "mixed", "single"]


class Contradiction(BaseModel):
    kind: Literal["casualty_count", "event_status", "falling_toll"]
    description: str
    items: list[ClaimPoint | EventSource]
    event_id: Optional[str] = None      # the ledger event it is about, where there is one
    place: Optional[str] = None         # the event's or the incident's place


class Failure(BaseModel):
    source: str
    reason: str
    attempts: int = 1
    updated_at: Optional[dt.datetime] = None
