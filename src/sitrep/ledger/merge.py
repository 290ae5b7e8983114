"""Cross-article event merge: one LedgerEvent per real-world event, with all its sources.

Two reports (from different articles) are the same event when
* the PLOVER type matches;
* statuses are compatible: a planned event never merges with a reported one
  (a meeting announced for Friday and the meeting held are two records; the
  planned one stays as the announcement), while occurred/claimed/ongoing/
  failed/denied all describe the same happening and merge, so that a denial
  can be flagged as a contradiction;
* the dates agree: the same day when both reports give an exact day; within
  two days when one is vague (no day: the publication date stands in, or an
  interval such as "this week", which must overlap with two days' slack);
* the places agree: same name, within 25 km, or a town inside the province the
  other names.  An event without a place takes the last sub-country place named
  shortly before it (not one where the article puts another type of event);
  when a report still has no place, the parties must match;
* the parties' countries (agent and target) do not conflict.
Reports within one article are not merged again (the events extractor has
done that), except that a headline event joins the body's report of the same
event: a headline restates the body.

Merging is complete-linkage and greedy in date order (each report joins the
first group that every member is compatible with), with candidates looked up by
type, day and place (0.5-degree cells, place names) so the cost stays
near-linear in the number of reports.

Conflict key: the sorted ISO3 codes of the event's parties: agent, target,
the country of the event's own place and the sides of casualties counted in the event's sentence.  When
that names fewer than two countries, the article's main dyad (the two countries
most often named as event parties or casualty sides in the article) is added
if it contains the event's country, so "Azerbaijani shelling of Tartar" in an
Armenia-Azerbaijan article is keyed "ARM-AZE".

The ledger id is the first 16 hex digits of SHA-1 over the type, day, place
and the earliest source (by event day, then publication date, then article id):
stable across rebuilds, and under additions of later reports.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter, defaultdict
from typing import Optional

from ..acled_map import to_acled
from ..records import ArticleResult, Event
from .models import EventSource, LedgerEvent, PlaceRef

PLACE_KM = 25.0
VAGUE_DAYS = 2          # slack when one side has no exact day
IMPLICIT_WINDOW = 400   # characters back to look for the place an event without one refers to
ISO3 = re.compile(r"^[A-Z]{3}$")
RANK = {"point": 0, "village": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 4}


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def event_day(e: Event) -> Optional[dt.date]:
    if e.date is None:
        return None
    return e.date.date or (e.date.start_date if e.date.start_date == e.date.end_date else None)


def implicit_place(result: ArticleResult, e: Event):
    """The event's place, else the last sub-country place named shortly before it, unless that
    place is where the article puts another kind of event (a meeting in Washington does not
    locate the fighting reported next)."""
    if e.place is not None:
        return e.place
    taken = {o.place.mention.start for o in result.events if o.place is not None and o.type != e.type}
    before = [p for p in result.places if p.mention.end <= e.trigger.start
              and e.trigger.start - p.mention.end <= IMPLICIT_WINDOW
              and p.precision not in ("country", "region", "unknown") and p.mention.start not in taken]
    return before[-1] if before else None


def _iso3(value: Optional[str]) -> Optional[str]:
    return value if value and ISO3.match(value) else None


def _parties(e: Event) -> set[str]:
    return {code for x in (e.agent, e.target) if x is not None and (code := _iso3(x.country))}


VIOLENT = {"ASSAULT", "FIGHT", "SEIZE", "COERCE", "RETREAT", "MOBILIZE"}


def main_dyad(result: ArticleResult) -> set[str]:
    """The two countries the article names most often as parties to violence or casualty sides
    (a mediator or a host of talks is not a party)."""
    counts: Counter = Counter()
    for e in result.events:
        if e.type in VIOLENT and not getattr(e, "background", False):
            counts.update(_parties(e))
    counts.update(c.side for c in result.casualties if _iso3(c.side))
    return {code for code, _ in counts.most_common(2)}


def conflict_codes(result: ArticleResult, e: Event) -> set[str]:
    codes = _parties(e)
    place_code = _iso3(e.place.country) if e.place is not None else None
    if place_code and e.type in VIOLENT:
        codes.add(place_code)  # where fighting happens, not the venue of talks; inferred places do not count
    codes |= {side for c in result.casualties
              if (side := _iso3(c.side)) and c.evidence.start <= e.trigger.start < c.evidence.end}
    if len(codes) < 2:
        dyad = main_dyad(result)
        if len(dyad) == 2 and (not codes or codes <= dyad):
            codes |= dyad
    return codes


class _Item:
    def __init__(self, result: ArticleResult, index: int, event: Event):
        self.result, self.index, self.event = result, index, event
        self.place = implicit_place(result, event)
        self.day = event_day(event)
        self.published = result.article.published
        start, end = (event.date.start_date, event.date.end_date) if event.date else (None, None)
        self.interval = (start, end) if start is not None and end is not None else None
        self.parties = _parties(event)
        self.conflict = conflict_codes(result, event)
        self.headline = event.evidence.start < len(result.article.title or "")

    @property
    def when(self) -> Optional[dt.date]:
        return self.day or (self.interval[0] if self.interval else None) or self.published


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


def _status_class(status: str) -> str:
    return "planned" if status == "planned" else "reported"


TERRITORIAL = {"SEIZE", "RETREAT"}   # a town changes hands once: outlets' days may differ by one
TERRITORIAL_SLACK = 1


def _dated(it: _Item) -> bool:
    """The report gives the event's own day or interval (the publication date is not one)."""
    return bool(it.day or it.interval)


def _dates_agree(a: _Item, b: _Item) -> bool:
    if a.day and b.day:
        if a.event.type in TERRITORIAL and _same_place(a.place, b.place):
            return abs((a.day - b.day).days) <= TERRITORIAL_SLACK
        return a.day == b.day
    slack = dt.timedelta(days=VAGUE_DAYS)
    ra = (a.day, a.day) if a.day else a.interval
    rb = (b.day, b.day) if b.day else b.interval
    if ra and rb:  # at least one interval: overlap with slack
        return ra[0] - slack <= rb[1] and rb[0] - slack <= ra[1]
    if a.when and b.when:
        return abs((a.when - b.when).days) <= VAGUE_DAYS
    return True


def compatible(a: _Item, b: _Item) -> bool:
    ea, eb = a.event, b.event
    if a.result.article.id == b.result.article.id and a.headline == b.headline:
        return False  # within one article the events extractor has already merged mentions
    if ea.type != eb.type or _status_class(ea.status) != _status_class(eb.status):
        return False
    if not _dates_agree(a, b):
        return False
    place = _same_place(a.place, b.place)
    if place is False:
        return False
    if a.parties and b.parties and not (a.parties & b.parties):
        return False
    if place is None and not (a.parties and b.parties):
        return False  # nothing but the type and date in common
    if not (_dated(a) and _dated(b)):
        if not _same_conflict(a, b):
            return False  # an undated report never joins on place alone: the same conflict too
    return True


def _same_conflict(a: _Item, b: _Item) -> bool:
    """The two reports share a party country (agent, target, casualty side, the article's
    dyad) beyond the country both happen in: the conflict key is noisy, so one such code
    suffices, but a shared place country alone is the place again."""
    shared = a.conflict & b.conflict
    where = {p.country for p in (a.place, b.place) if p is not None}
    return bool(shared - where) or bool(a.parties & b.parties)


MAX_INDEXED_DAYS = 31   # longer intervals ("this year") are indexed at their publication day


def _days(it: _Item) -> Optional[list[dt.date]]:
    """The days a report is indexed under; None when it has no date at all (then it is compared
    with every group of its type).  A report vaguer than a month is indexed at its publication
    day, so it meets the reports of the days around it rather than every report of its type."""
    when = it.when
    if when is not None and (it.day or not it.interval):
        return [when]
    if it.interval:
        n = (it.interval[1] - it.interval[0]).days
        if 0 <= n <= MAX_INDEXED_DAYS:
            return [it.interval[0] + dt.timedelta(days=d) for d in range(n + 1)]
        return [it.published or it.interval[0]]
    return None


CELL_DEG = 0.5          # spatial index cell; 25 km is less than one cell of latitude
POINTLIKE = {"point", "village", "city"}


LON_CELLS = int(360 / CELL_DEG)


def _pointlike(place) -> bool:
    return place is not None and place.lat is not None and place.lon is not None and place.precision in POINTLIKE


def _home_cell(place) -> Optional[tuple]:
    if not _pointlike(place):
        return None
    return math.floor(place.lat / CELL_DEG), math.floor(place.lon / CELL_DEG) % LON_CELLS


def _cells(place) -> Optional[list[tuple]]:
    """Grid cells a point-like place can match within PLACE_KM (longitude wraps at the
    antimeridian); None: the place is not point-like, compare with every place."""
    home = _home_cell(place)
    if home is None:
        return None
    cy, cx = home
    lon_km = 111.32 * CELL_DEG * max(math.cos(math.radians(min(abs(place.lat) + CELL_DEG, 89.9))), 1e-3)
    k = min(int(math.ceil(PLACE_KM / lon_km)), LON_CELLS // 2)
    return list({(cy + dy, (cx + dx) % LON_CELLS) for dy in (-1, 0, 1) for dx in range(-k, k + 1)})


class _Index:
    """Candidate groups for a report: same type and status class, near in time, near in space."""

    def __init__(self):
        self.every: dict[tuple, set[int]] = defaultdict(set)     # block -> all groups
        self.undated: dict[tuple, set[int]] = defaultdict(set)   # block -> groups with an unindexed day
        self.any_place: dict[tuple, set[int]] = defaultdict(set)  # (block, day) -> all groups that day
        self.loose: dict[tuple, set[int]] = defaultdict(set)     # (block, day) -> groups with a non-point place
        self.cell: dict[tuple, set[int]] = defaultdict(set)      # (block, day, cell) -> groups
        self.name: dict[tuple, set[int]] = defaultdict(set)      # (block, day, place name) -> groups

    def candidates(self, block: tuple, it: "_Item") -> set[int]:
        days = _days(it)
        if days is None:
            return self.every[block]
        near = [day + dt.timedelta(days=d) for day in days for d in range(-VAGUE_DAYS, VAGUE_DAYS + 1)]
        cells = _cells(it.place)
        out = set(self.undated[block])
        for day in near:
            if cells is None:
                out |= self.any_place.get((block, day), set())
                continue
            out |= self.loose.get((block, day), set())
            out |= self.name.get((block, day, it.place.name.casefold()), set())
            for c in cells:
                out |= self.cell.get((block, day, c), set())
        return out

    def add(self, block: tuple, it: "_Item", n: int) -> None:
        self.every[block].add(n)
        days = _days(it)
        if days is None:
            self.undated[block].add(n)
            return
        home = _home_cell(it.place)
        for day in days:
            self.any_place[(block, day)].add(n)
            if home is None:
                self.loose[(block, day)].add(n)
            else:
                self.cell[(block, day, home)].add(n)
                self.name[(block, day, it.place.name.casefold())].add(n)


def merge(results: list[ArticleResult]) -> list[LedgerEvent]:
    items = [_Item(r, i, e) for r in results for i, e in enumerate(r.events) if codable(e)]
    items.sort(key=lambda it: (it.when or dt.date.min, it.published or dt.date.max, it.result.article.id, it.index))
    groups: list[list[_Item]] = []
    index = _Index()
    for it in items:
        block = (it.event.type, _status_class(it.event.status))
        candidates = sorted(index.candidates(block, it))
        home = next((n for n in candidates if all(compatible(it, other) for other in groups[n])), None)
        if home is None:
            home = len(groups)
            groups.append([])
        groups[home].append(it)
        index.add(block, it, home)
    return [_ledger_event(g) for g in groups]


def codable(e: Event) -> bool:
    """Background mentions ('the war', an unplaced, undated, unnamed 'attack') stay in the
    article's record but are not reports of an incident the ledger collects."""
    return not getattr(e, "background", False)


def contested(events: list[Event]) -> bool:
    """One source reports the event, another reports it denied (or it is claimed and denied)."""
    statuses = {e.status for e in events}
    return "denied" in statuses and bool(statuses & {"occurred", "claimed", "ongoing"}) or \
        any(e.status == "denied" and e.type == "SEIZE" for e in events)


def _fatalities(item: _Item) -> Optional[int]:
    """Killed counts in the event's own sentence (not running tolls)."""
    ev = item.event.evidence
    counts = [c.low for c in item.result.casualties if c.outcome == "killed" and not c.cumulative
              and c.evidence.start == ev.start]
    return sum(counts) if counts else None


def _first_with(refs, has_country=True):
    return next((r for r in refs if r and (r.country or not has_country)), None)


def _ledger_event(group: list[_Item]) -> LedgerEvent:
    first = group[0]
    events = [it.event for it in group]
    places = sorted((it.place for it in group if it.place is not None),
                    key=lambda p: (p.lat is None, RANK.get(p.precision, 5)))
    located = places[0] if places else None
    day = next((it.day for it in group if it.day), None)
    agent = _first_with(e.agent for e in events) or _first_with((e.agent for e in events), False)
    target = _first_with(e.target for e in events) or _first_with((e.target for e in events), False)
    statuses = sorted({e.status for e in events})
    status = next(s for s in ("occurred", "failed", "ongoing", "planned", "claimed", "denied") if s in statuses)
    fatal = [f for f in (_fatalities(it) for it in group) if f is not None]
    key = f"{first.event.type}|{day}|{located.name if located else ''}|{first.result.article.id}|{first.index}"
    codes = set().union(*(it.conflict for it in group))
    acled = next(((e.acled_event_type, e.acled_sub_event_type) for e in events if e.acled_event_type), None) \
        or to_acled(first.event)  # the extractor's ACLED types, else the mapping of the earliest report
    return LedgerEvent(
        id=hashlib.sha1(key.encode()).hexdigest()[:16], type=first.event.type,
        mode=next((e.mode for e in events if e.mode), None), status=status, statuses=statuses, date=day,
        place=PlaceRef(name=located.name, mention=located.mention.text, lat=located.lat, lon=located.lon,
                       country=located.country, admin1=located.admin1, precision=located.precision)
        if located else None,
        agent=agent, target=target,
        acled_event_type=acled[0] if acled else None, acled_sub_event_type=acled[1] if acled else None,
        conflict="-".join(sorted(codes)) or None, fatalities=min(fatal) if fatal else None,
        contested=contested(events),
        sources=[EventSource(
            article_id=it.result.article.id, outlet=it.result.article.outlet, published=it.published,
            event_index=it.index, status=it.event.status, evidence=it.event.evidence, trigger=it.event.trigger,
            claimant=it.event.claimant.name if it.event.claimant else None,
            claimant_country=it.event.claimant.actor.country if it.event.claimant and it.event.claimant.actor else None,
        ) for it in group],
    )
