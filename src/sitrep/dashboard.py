"""What the dashboard asks of the API beyond the plain lists: the same filters on claims and
contradictions as on events, an event's own claims and contradictions, day x country x type
counts for the map and timeline, and CSV downloads of any filtered view.

Filters are applied to what the Store returns today; the ledger issue (#8) moves them into
SQL with summary tables, behind the same parameters.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from typing import Optional

from fastapi import Depends, FastAPI, HTTPException, Query, Response
from pydantic import BaseModel, Field

from .ledger import claims as claim_rules
from .ledger.models import Contradiction, LedgerEvent
from .ledger.store import Store


DAY = r"^\d{4}-\d{2}-\d{2}$"


def day(value: Optional[str]) -> Optional[dt.date]:
    """YYYY-MM-DD (the Query pattern has checked the shape) or 400."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"not a valid date {value[:20]!r} (YYYY-MM-DD)") from None


class DailyCount(BaseModel):
    day: dt.date
    country: str = Field(description="ISO3 of the event's place; empty when unknown")
    type: str
    events: int
    fatalities: int


def matches(needle: Optional[str], *values: Optional[str]) -> bool:
    """An ISO3 code in capitals ("ARM") matches exactly; anything else is a case-insensitive
    substring of a name ("arm" also finds "army")."""
    if not needle:
        return True
    if re.fullmatch(r"[A-Z]{3}", needle):
        return needle in values
    n = needle.casefold()
    return any(v and n in v.casefold() for v in values)


def in_range(day: Optional[dt.date], since: Optional[dt.date], until: Optional[dt.date]) -> bool:
    if since is None and until is None:
        return True
    return day is not None and (since is None or day >= since) and (until is None or day <= until)


def codes(conflict: Optional[str]) -> set[str]:
    return {c.strip() for c in (conflict or "").upper().replace(",", "-").split("-") if c.strip()}


def dated_first(events: list[LedgerEvent]) -> list[LedgerEvent]:
    """Dated events by date, then the undated (as #8 orders them in SQL)."""
    return sorted(events, key=lambda e: (e.date is None, e.date or dt.date.min, e.type, e.id))


def claim_matches(claim, conflict: Optional[str], actor: Optional[str], place: Optional[str],
                  sentence_place: Optional[str] = None) -> bool:
    """A claim is in a conflict when the side whose losses it counts or its claimant's country is
    one of the parties; actor matches the claimant or the side; place the claim's place."""
    parties = codes(conflict)
    if parties and not parties & {claim.side, claim.claimant_country}:
        return False
    return matches(actor, claim.claimant, claim.claimant_country, claim.side) and \
        matches(place, claim.place, sentence_place)


def sentence_place(result, casualty) -> Optional[str]:
    p = claim_rules.claim_place(result, casualty)
    return p.name if p else None


def event_matches(e: Optional[LedgerEvent], conflict, actor, place) -> bool:
    if e is None:
        return not (conflict or actor or place)
    parties = codes(conflict)
    return (not parties or parties <= set((e.conflict or "").split("-"))) and \
        matches(actor, *(x for r in (e.agent, e.target) if r for x in (r.name, r.country))) and \
        matches(place, e.place.name if e.place else None, e.place.mention if e.place else None)


def contradiction_matches(c: Contradiction, event: Optional[LedgerEvent], conflict, actor, place,
                          since, until) -> bool:
    """Filters on its event where it has one, else on its claims (claimant, their countries,
    the incident's place); dates are the items' publication dates (any in range)."""
    if not any(in_range(i.published, since, until) for i in c.items):
        return False
    if event_matches(event, conflict, actor, place) and event is not None:
        return True
    countries = {i.claimant_country for i in c.items}
    parties = codes(conflict)
    return (not parties or bool(parties & countries)) and \
        (not actor or any(matches(actor, i.claimant, i.claimant_country) for i in c.items)) and \
        matches(place, c.place)


def filtered_contradictions(s: Store, kind=None, conflict=None, actor=None, place=None, since=None, until=None,
                            event_id=None) -> list[Contradiction]:
    found = [c for c in s.contradictions(kind=kind) if event_id is None or c.event_id == event_id]
    if not (conflict or actor or place or since or until):
        return found
    events: dict[str, Optional[LedgerEvent]] = {}
    for eid in {c.event_id for c in found if c.event_id}:
        events[eid] = s.ledger_event(eid)
    return [c for c in found if contradiction_matches(c, events.get(c.event_id) if c.event_id else None,
                                                      conflict, actor, place, since, until)]


def event_claims(s: Store, e: LedgerEvent) -> list[tuple]:
    """The incident's casualty claims: in its sources' articles, those in a source's sentence, at the
    event's place, or naming no place in an article that reports no other event (a one-incident
    report such as an ACLED note).  Returns (article result, casualty) pairs."""
    out, seen = [], set()
    here = {x.casefold() for x in (e.place.name, e.place.mention) if x} if e.place else set()
    for src in e.sources:
        if src.article_id in seen:
            continue
        seen.add(src.article_id)
        r = s.article(src.article_id)
        if r is None:
            continue
        mine = [x for x in e.sources if x.article_id == src.article_id]
        sentences = {x.evidence.start for x in mine}
        only_this = {x.event_index for x in mine} >= set(range(len(r.events)))
        for c in r.casualties:
            where = {x.casefold() for x in (c.place.name if c.place else None, sentence_place(r, c)) if x}
            if c.evidence.start in sentences or (here and here & where and not c.cumulative) \
                    or (only_this and not where and not c.cumulative):
                out.append((r, c))
    return out


def daily(events: list[LedgerEvent]) -> list[DailyCount]:
    counts: Counter = Counter()
    killed: Counter = Counter()
    for e in events:
        if e.date is not None:
            key = (e.date, (e.place.country if e.place else None) or "", e.type)
            counts[key] += 1
            killed[key] += e.fatalities or 0
    return [DailyCount(day=d, country=c, type=t, events=n, fatalities=killed[(d, c, t)])
            for (d, c, t), n in sorted(counts.items())]


def to_csv(columns: list[str], rows: list[list]) -> Response:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(columns)
    w.writerows(["" if v is None else v for v in row] for row in rows)
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8")


EVENT_COLUMNS = ["id", "date", "type", "mode", "status", "statuses", "contested", "agent", "agent_country",
                 "target", "target_country", "place", "country", "admin1", "lat", "lon", "conflict",
                 "acled_event_type", "acled_sub_event_type", "fatalities", "sources", "outlets"]


def event_row(e: LedgerEvent) -> list:
    p = e.place
    contested = bool({"occurred", "claimed", "ongoing"} & set(e.statuses) and {"denied", "failed"} & set(e.statuses))
    return [e.id, e.date, e.type, e.mode, e.status, ";".join(e.statuses), contested,
            e.agent.name if e.agent else None, e.agent.country if e.agent else None,
            e.target.name if e.target else None, e.target.country if e.target else None,
            p.name if p else None, p.country if p else None, p.admin1 if p else None,
            p.lat if p else None, p.lon if p else None, e.conflict, e.acled_event_type, e.acled_sub_event_type,
            e.fatalities, len(e.sources), ";".join(sorted({s.outlet or "" for s in e.sources}))]


def register(app: FastAPI, store_dep: Depends, filtered_claims) -> None:
    """Adds /api/daily and the CSV downloads.  filtered_claims(s, **filters) is the claims
    endpoint's own filtering, so a download holds what the table shows."""

    def event_filters(conflict: Optional[str] = Query(None, description="Parties' ISO3 codes, e.g. ARM-AZE",
                                                      max_length=60),
                      actor: Optional[str] = Query(None, description="Agent or target name (substring) or ISO3",
                                                   max_length=200),
                      place: Optional[str] = Query(None, description="Place name (gazetteer or as written)",
                                                   max_length=200),
                      since: Optional[str] = Query(None, description="Event date on or after (YYYY-MM-DD)", pattern=DAY),
                      until: Optional[str] = Query(None, description="Event date on or before (YYYY-MM-DD)", pattern=DAY),
                      type: Optional[str] = Query(None, description="PLOVER type, e.g. ASSAULT", max_length=40,
                                                  pattern=r"^[A-Za-z_]+$")) -> dict:
        return dict(conflict=conflict, actor=actor, place=place, since=day(since), until=day(until), type=type)

    def claim_filters(conflict: Optional[str] = Query(None, max_length=60),
                      actor: Optional[str] = Query(None, max_length=200),
                      place: Optional[str] = Query(None, max_length=200),
                      since: Optional[str] = Query(None, description="Published on or after", pattern=DAY),
                      until: Optional[str] = Query(None, description="Published on or before", pattern=DAY)) -> dict:
        return dict(conflict=conflict, actor=actor, place=place, since=day(since), until=day(until))

    @app.get("/api/daily", response_model=list[DailyCount], tags=["ledger"],
             summary="Dated ledger events per day, country and type (the dashboard's map and timeline)")
    def daily_counts(country: Optional[str] = Query(None, description="ISO3 of the event's place"),
                     f: dict = Depends(event_filters), s: Store = store_dep):
        rows = daily(s.ledger_events(**f))
        return [r for r in rows if not country or r.country == country.upper()]

    @app.get("/api/events.csv", tags=["ledger"], summary="The filtered events as CSV (every page)",
             response_class=Response, responses={200: {"content": {"text/csv": {}}}})
    def events_csv(f: dict = Depends(event_filters), s: Store = store_dep):
        return to_csv(EVENT_COLUMNS, [event_row(e) for e in dated_first(s.ledger_events(**f))])

    @app.get("/api/claims.csv", tags=["ledger"], summary="The filtered casualty claims as CSV",
             response_class=Response, responses={200: {"content": {"text/csv": {}}}})
    def claims_csv(f: dict = Depends(claim_filters),
                   event_id: Optional[str] = Query(None, max_length=64), s: Store = store_dep):
        found = filtered_claims(s, event_id=event_id, **f)
        cols = ["article_id", "outlet", "published", "claimant", "claimant_country", "side", "low", "high",
                "outcome", "population", "cumulative", "place", "evidence"]
        return to_csv(cols, [[c.article_id, c.outlet, c.published, c.claimant, c.claimant_country, c.side, c.low,
                              c.high, c.outcome, c.population, c.cumulative, c.place, c.evidence.text]
                             for c in found])

    @app.get("/api/contradictions.csv", tags=["ledger"], summary="The filtered contradictions as CSV",
             response_class=Response, responses={200: {"content": {"text/csv": {}}}})
    def contradictions_csv(f: dict = Depends(claim_filters), s: Store = store_dep):
        found = filtered_contradictions(s, **f)
        return to_csv(["kind", "event_id", "place", "description"],
                      [[c.kind, c.event_id, c.place, c.description] for c in found])

