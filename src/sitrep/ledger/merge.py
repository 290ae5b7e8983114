"""Cross-article event merge: one LedgerEvent per real-world event, with all its sources.

Two reports are the same event when the PLOVER type matches, planned and
non-planned statuses are not mixed, the dates agree within a day (a missing
date falls back to the article's publication date with two days' slack), the
places agree (same name or within 25 km; a missing place needs matching
parties), and the parties' countries do not conflict.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
from typing import Optional

from ..records import ArticleResult, Event
from .models import EventSource, LedgerEvent, PlaceRef

PLACE_KM = 25.0


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def event_day(e: Event) -> Optional[dt.date]:
    if e.date is None:
        return None
    return e.date.date or (e.date.start_date if e.date.start_date == e.date.end_date else None)


IMPLICIT_WINDOW = 400  # characters back to look for the place an event without one refers to


def implicit_place(result: ArticleResult, e: Event):
    """The event's place, else the last sub-country place named shortly before it."""
    if e.place is not None:
        return e.place
    before = [p for p in result.places if p.mention.end <= e.trigger.start
              and e.trigger.start - p.mention.end <= IMPLICIT_WINDOW
              and p.precision not in ("country", "region", "unknown")]
    return before[-1] if before else None


class _Item:
    def __init__(self, result: ArticleResult, index: int, event: Event):
        self.result, self.index, self.event = result, index, event
        self.place = implicit_place(result, event)
        self.day = event_day(event)
        self.published = result.article.published

    @property
    def when(self) -> Optional[dt.date]:
        return self.day or self.published


def _same_place(pa, pb) -> Optional[bool]:
    """True/False when both have places, None when one is missing."""
    if pa is None or pb is None:
        return None
    if pa.name.casefold() == pb.name.casefold():
        return True
    for wide, narrow in ((pa, pb), (pb, pa)):  # a town inside the province the other report names
        if wide.precision in ("admin1", "region") and narrow.admin1 and \
                narrow.admin1.casefold() == wide.name.casefold():
            return True
    if None not in (pa.lat, pa.lon, pb.lat, pb.lon):
        return km((pa.lat, pa.lon), (pb.lat, pb.lon)) <= PLACE_KM
    return False


def _parties(e: Event) -> set[str]:
    return {x.country for x in (e.agent, e.target) if x is not None and x.country}


def _status_class(status: str) -> str:
    return "planned" if status == "planned" else "factual"


def compatible(a: _Item, b: _Item) -> bool:
    ea, eb = a.event, b.event
    if a.result.article.id == b.result.article.id:
        return False  # within one article the events extractor has already merged mentions
    if ea.type != eb.type or _status_class(ea.status) != _status_class(eb.status):
        return False
    if a.day and b.day:
        if abs((a.day - b.day).days) > 1:
            return False
    elif a.when and b.when and abs((a.when - b.when).days) > 2:
        return False
    place = _same_place(a.place, b.place)
    if place is False:
        return False
    pa, pb = _parties(ea), _parties(eb)
    if pa and pb and not (pa & pb):
        return False
    if place is None and not (pa and pb):
        return False  # nothing but the type and date in common
    return True


def _conflict(events: list[Event]) -> Optional[str]:
    codes = set()
    for e in events:
        codes |= _parties(e)
        if e.place and e.place.country:
            codes.add(e.place.country)
    return "-".join(sorted(codes)) or None


def _fatalities(item: _Item) -> Optional[int]:
    """Killed counts in the event's own sentence (not running tolls)."""
    ev = item.event.evidence
    counts = [c.low for c in item.result.casualties if c.outcome == "killed" and not c.cumulative
              and c.evidence.start == ev.start]
    return sum(counts) if counts else None


def merge(results: list[ArticleResult]) -> list[LedgerEvent]:
    items = [_Item(r, i, e) for r in results for i, e in enumerate(r.events)]
    items.sort(key=lambda it: (it.when or dt.date.min, it.result.article.id, it.index))
    groups: list[list[_Item]] = []
    for it in items:
        home = next((g for g in groups if all(compatible(it, other) for other in g)), None)
        if home is None:
            groups.append([it])
        else:
            home.append(it)
    return [_ledger_event(g) for g in groups]


def _ledger_event(group: list[_Item]) -> LedgerEvent:
    first = group[0]
    events = [it.event for it in group]
    places = [it.place for it in group if it.place is not None]
    rank = {"point": 0, "village": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 4}
    places.sort(key=lambda p: (p.lat is None, rank.get(p.precision, 5)))
    located = places[0] if places else None
    day = next((it.day for it in group if it.day), None)
    agent = next((e.agent for e in events if e.agent and e.agent.country), None) or next((e.agent for e in events if e.agent), None)
    target = next((e.target for e in events if e.target and e.target.country), None) or next((e.target for e in events if e.target), None)
    statuses = sorted({e.status for e in events})
    status = "denied" if statuses == ["denied"] else next((s for s in ("occurred", "failed", "ongoing", "planned", "claimed", "denied") if s in statuses))
    fatal = [f for f in (_fatalities(it) for it in group) if f is not None]
    key = f"{first.event.type}|{day}|{located.name if located else ''}|{first.result.article.id}|{first.index}"
    return LedgerEvent(
        id=hashlib.sha1(key.encode()).hexdigest()[:16], type=first.event.type,
        mode=next((e.mode for e in events if e.mode), None), status=status, statuses=statuses, date=day,
        place=PlaceRef(name=located.name, mention=located.mention.text, lat=located.lat, lon=located.lon, country=located.country,
                       admin1=located.admin1, precision=located.precision) if located else None,
        agent=agent, target=target,
        acled_event_type=next((e.acled_event_type for e in events if e.acled_event_type), None),
        acled_sub_event_type=next((e.acled_sub_event_type for e in events if e.acled_sub_event_type), None),
        conflict=_conflict(events), fatalities=min(fatal) if fatal else None,
        sources=[EventSource(
            article_id=it.result.article.id, outlet=it.result.article.outlet, published=it.published,
            event_index=it.index, status=it.event.status, evidence=it.event.evidence, trigger=it.event.trigger,
            claimant=it.event.claimant.name if it.event.claimant else None,
            claimant_country=it.event.claimant.actor.country if it.event.claimant and it.event.claimant.actor else None,
        ) for it in group],
    )
