"""What the dashboard asks of the API beyond the plain lists: the same filters on claims and
contradictions as on events, an event's own claims and contradictions, day x country x type
counts for the map and timeline, and CSV downloads of any filtered view.

Lists are filtered, ordered and paged by the Store in SQL; an event's own claims are found in
its sources' articles only; CSV downloads read the filtered view a page at a time.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any, Optional

from fastapi import Depends, FastAPI, Query, Response
from fastapi.responses import StreamingResponse

from .ledger import claims as claim_rules
from .ledger.models import LedgerEvent
from .ledger.store import Store


DAY = r"^\d{4}-\d{2}-\d{2}$"


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


PAGE = 1000   # rows read per query while a download streams


def to_csv(columns: list[str], pages) -> StreamingResponse:
    """pages: an iterator of lists of rows, written as they are read."""
    def lines():
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(columns)
        for rows in pages:
            w.writerows(["" if v is None else v for v in row] for row in rows)
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
        yield buf.getvalue()
    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8")


def paged(read, convert):
    """read(limit, offset) -> (items, total) until a short page."""
    offset = 0
    while True:
        items, _ = read(PAGE, offset)
        yield [convert(x) for x in items]
        if len(items) < PAGE:
            return
        offset += PAGE


EVENT_COLUMNS = ["id", "date", "type", "mode", "status", "statuses", "contested", "agent", "agent_country",
                 "target", "target_country", "place", "country", "admin1", "lat", "lon", "conflict",
                 "acled_event_type", "acled_sub_event_type", "fatalities", "sources", "outlets"]


def event_row(e: LedgerEvent) -> list:
    p = e.place
    return [e.id, e.date, e.type, e.mode, e.status, ";".join(e.statuses), e.contested,
            e.agent.name if e.agent else None, e.agent.country if e.agent else None,
            e.target.name if e.target else None, e.target.country if e.target else None,
            p.name if p else None, p.country if p else None, p.admin1 if p else None,
            p.lat if p else None, p.lon if p else None, e.conflict, e.acled_event_type, e.acled_sub_event_type,
            e.fatalities, len(e.sources), ";".join(sorted({s.outlet or "" for s in e.sources}))]


def register(app: FastAPI, store_dep: Any, filtered_claims) -> None:
    """Adds the CSV downloads.  filtered_claims(s, limit=, offset=, **filters) is the claims
    endpoint's own filtering, so a download holds what the table shows; store_dep is the API's
    Depends(...) marker for its Store."""
    from .api import _day  # the API's date check (api imports this module: imported at call time)

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
        return dict(conflict=conflict, actor=actor, place=place, since=_day("since", since), until=_day("until", until), type=type)

    def claim_filters(conflict: Optional[str] = Query(None, max_length=60),
                      actor: Optional[str] = Query(None, max_length=200),
                      place: Optional[str] = Query(None, max_length=200),
                      since: Optional[str] = Query(None, description="Published on or after", pattern=DAY),
                      until: Optional[str] = Query(None, description="Published on or before", pattern=DAY)) -> dict:
        return dict(conflict=conflict, actor=actor, place=place, since=_day("since", since), until=_day("until", until))

    @app.get("/api/events.csv", tags=["ledger"], summary="The filtered events as CSV (every page)",
             response_class=Response, responses={200: {"content": {"text/csv": {}}}})
    def events_csv(f: dict = Depends(event_filters), s: Store = store_dep):
        return to_csv(EVENT_COLUMNS, paged(lambda n, o: s.ledger_page(limit=n, offset=o, **f), event_row))

    @app.get("/api/claims.csv", tags=["ledger"], summary="The filtered casualty claims as CSV",
             response_class=Response, responses={200: {"content": {"text/csv": {}}}})
    def claims_csv(f: dict = Depends(claim_filters),
                   event_id: Optional[str] = Query(None, max_length=64), s: Store = store_dep):
        filtered_claims(s, event_id=event_id, limit=1, **f)   # a missing event is a 404 before streaming
        cols = ["article_id", "outlet", "published", "claimant", "claimant_country", "side", "low", "high",
                "outcome", "population", "cumulative", "place", "evidence"]
        return to_csv(cols, paged(lambda n, o: filtered_claims(s, event_id=event_id, limit=n, offset=o, **f),
                                  lambda c: [c.article_id, c.outlet, c.published, c.claimant, c.claimant_country,
                                             c.side, c.low, c.high, c.outcome, c.population, c.cumulative, c.place,
                                             c.evidence.text]))

    @app.get("/api/contradictions.csv", tags=["ledger"], summary="The filtered contradictions as CSV",
             response_class=Response, responses={200: {"content": {"text/csv": {}}}})
    def contradictions_csv(f: dict = Depends(claim_filters), s: Store = store_dep):
        return to_csv(["kind", "event_id", "place", "description"],
                      paged(lambda n, o: s.contradictions(limit=n, offset=o, with_total=True, **f),
                            lambda c: [c.kind, c.event_id, c.place, c.description]))
