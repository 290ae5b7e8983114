"""Cross-article event merge: one LedgerEvent per real-world event, with all its sources.

Two reports (from different articles) are the same event when
* their PLOVER types are of one family (an attack one outlet calls clashes: incidents.FAMILY);
  the ledger event takes the type most of its sources give;
* statuses are compatible: a planned event never merges with a reported one
  (a meeting announced for Friday and the meeting held are two records; the
  planned one stays as the announcement), while occurred/claimed/ongoing/
  failed/denied all describe the same happening and merge, so that a denial
  can be flagged as a contradiction;
* nothing conflicts: two different days (a town taken may be dated a day apart), a
  report published before the day of the event it reports or more than two days after it
  (a week for a capture or withdrawal by the same named side), two different places (not the
  same name, not within 25 km, not a town inside the province the other names, another
  country), parties of different countries in the same role;
* and the evidence suffices (enough()): the same day and place suffice; weaker dates ask
  for more of the rest.  The report date is not the event date: a report with only its
  publication date, or none, joins only as its article's news (in the headline or
  mentioned again), and then on the same place with a shared party or toll.  An undated
  incident never merges on place alone.  Parties count within the conflict dyad: a named
  armed group, a shared two-country dyad, a shared party country (not mediators, not the
  venue of talks); a shared toll is five or more killed in the event's own sentence.
  An event without a place takes the last sub-country place named
  shortly before it (not one where the article puts another type of event).
Reports within one article are not merged again (the events extractor has
done that), except that a headline event joins the body's report of the same
event: a headline restates the body.

Merging is complete-linkage and greedy in date order (each report joins the
first group that every member is compatible with), with candidates looked up by
type family, day and place (0.5-degree cells, place names) so the cost stays
near-linear in the number of reports.

Conflict key: the sorted ISO3 codes of the event's parties: agent, target,
the country of the event's own place and the sides of casualties counted in the event's sentence.  When
that names fewer than two countries, the article's main dyad (the two countries
most often named as event parties or casualty sides in the article) is added
if it contains the event's country, so "Azerbaijani shelling of Tartar" in an
Armenia-Azerbaijan article is keyed "ARM-AZE".

The ledger id is the first 16 hex digits of SHA-1 over the first type, day, place
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


NON_STATE_PARTIES = {"armed_group", "organization", "party"}   # a mediator (igo, ngo) or an outlet is no party


def named_parties(e: Event) -> frozenset[str]:
    """Non-state parties the report names ("M23", "Rapid Support Forces", "JNIM"), not nominals
    ("gunmen", "the rebels") or states (their country is the party, compared as such)."""
    from ..extract.actors import _lexicon_ref  # the pipeline's alias table: a listed name is a name

    out = set()
    for ref in (e.agent, e.target):
        if ref is not None and ref.kind in NON_STATE_PARTIES and _lexicon_ref(ref.name) is not None:
            out.add(ref.name.casefold())
    return frozenset(out)


def family(event_type: str) -> str:
    """Types one incident is reported under: an attack one outlet calls clashes (incidents.FAMILY)."""
    from ..extract.incidents import FAMILY

    return FAMILY.get(event_type, event_type)


def lede(result: ArticleResult) -> Optional[int]:
    """Where the first sentence of the body that reports an incident starts (a news article's
    lede, under its headline); None without a headline."""
    title = len(result.article.title or "")
    starts = [e.evidence.start for e in result.events if e.evidence.start >= title and codable(e)]
    return min(starts) if title and starts else None


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
        self.family = family(event.type)
        self.named = named_parties(event)
        self.killed = _fatalities(self)
        # the article's news: in the headline, in the lede, or mentioned again (incident coreference)
        self.salient = self.headline or bool(event.mentions) or event.evidence.start == lede(result)

    @property
    def when(self) -> Optional[dt.date]:
        return self.day or (self.interval[0] if self.interval else None) or self.published


WIDE = {"country", "region"}
PROVINCE = {"admin1", "admin2"}
SAME_PLACE, INSIDE, NO_PLACE = 3, 2, 1


def place_level(pa, pb) -> Optional[int]:
    """How well two reports' places agree: SAME_PLACE (one town, or within 25 km), INSIDE (a town
    in the province the other names, or one province), NO_PLACE (no sub-country place on one side: nothing known,
    a country or a region, an unresolved name), None: two different places."""
    if pa is None or pb is None:
        return NO_PLACE
    if pa.name.casefold() == pb.name.casefold():
        kinds = {pa.precision, pb.precision}
        return NO_PLACE if kinds & WIDE else INSIDE if kinds & PROVINCE else SAME_PLACE
    if None not in (pa.lat, pa.lon, pb.lat, pb.lon) and pa.precision not in WIDE and pb.precision not in WIDE \
            and km((pa.lat, pa.lon), (pb.lat, pb.lon)) <= PLACE_KM:
        return SAME_PLACE
    if pa.country and pb.country and pa.country != pb.country:
        return None
    for wide, narrow in ((pa, pb), (pb, pa)):  # a town inside the province the other report names
        if wide.precision in ("admin1", "region") and narrow.admin1 and \
                narrow.admin1.casefold() == wide.name.casefold():
            return INSIDE
    if pa.precision in WIDE or pb.precision in WIDE:
        return NO_PLACE
    if "unknown" in (pa.precision, pb.precision) and None in (pa.lat, pb.lat):
        return NO_PLACE   # a name the gazetteer could not place is neither the same town nor another
    return None


def _same_place(pa, pb) -> Optional[bool]:
    """True/False when both have places, None when one is missing."""
    if pa is None or pb is None:
        return None
    return place_level(pa, pb) == SAME_PLACE


def _status_class(status: str) -> str:
    return "planned" if status == "planned" else "reported"


TERRITORIAL = {"SEIZE", "RETREAT"}   # a town changes hands once: outlets' days may differ by one
TERRITORIAL_SLACK = 1
SHORT_DAYS = 7          # an interval up to a week ("this week") dates an event; a month only roughly
SAME_DAY, OWN_DATES, REPORT_DATES, NO_DATE = 3, 2, 1, 0


def _own(it: "_Item") -> Optional[tuple[dt.date, dt.date]]:
    """The event's own day or interval; None when it has none, or only one vaguer than a month
    ("this year"), which is indexed at the publication date and compared as such."""
    if it.day:
        return it.day, it.day
    if it.interval and 0 <= (it.interval[1] - it.interval[0]).days <= MAX_INDEXED_DAYS:
        return it.interval
    return None


def time_level(a: "_Item", b: "_Item") -> Optional[int]:
    """How well two reports' dates agree: SAME_DAY (both give the event's day), OWN_DATES (their
    own days or intervals overlap, with slack), REPORT_DATES (only publication dates, and the
    report is not older than the event it reports), NO_DATE (one report has no date at all),
    None: they disagree.  The report date is not the event date: it counts only as weak evidence."""
    ra, rb = _own(a), _own(b)
    slack = dt.timedelta(days=VAGUE_DAYS)
    if ra and rb:
        if a.day and b.day:
            if a.day == b.day:
                return SAME_DAY
            near = abs((a.day - b.day).days) <= TERRITORIAL_SLACK
            return SAME_DAY if near and a.event.type in TERRITORIAL and _same_place(a.place, b.place) else None
        if not (ra[0] - slack <= rb[1] and rb[0] - slack <= ra[1]):
            return None
        short = max((r[1] - r[0]).days for r in (ra, rb)) <= SHORT_DAYS
        return OWN_DATES if short else REPORT_DATES
    own, other = (ra, b) if ra else (rb, a)
    if own is not None:
        if other.published is None:
            return NO_DATE
        p, one = other.published, dt.timedelta(days=1)
        if other.event.status == "planned":   # an announcement comes before the event
            return REPORT_DATES if own[0] - slack <= p <= own[1] + slack else None
        if _same_captor(a, b):   # a town taken is news for days: later reports of the same side's capture
            slack = dt.timedelta(days=SHORT_DAYS)
        return REPORT_DATES if own[0] - one <= p <= own[1] + slack else None  # no report before the event
    if a.published and b.published:
        return REPORT_DATES if abs((a.published - b.published).days) <= VAGUE_DAYS else None
    return NO_DATE


def _same_captor(a: "_Item", b: "_Item") -> bool:
    """Both report a capture by the same named side (not a recapture by the other)."""
    ea, eb = a.event, b.event
    return ea.type in TERRITORIAL and eb.type in TERRITORIAL and ea.agent is not None and eb.agent is not None \
        and ea.agent.name.casefold() == eb.agent.name.casefold() and bool(a.named & b.named)


def shared_parties(a: "_Item", b: "_Item") -> Optional[frozenset[str]]:
    """What two reports' parties have in common: "named" (a non-state party both name), "dyad"
    (both conflict keys hold the same two countries: "USA-YEM"), "party" (a party country);
    None when they conflict: no party country in common, and the two agents, or the two
    targets, are of different countries.  Mediators and venues are no parties (conflict_codes)."""
    ea, eb = a.event, b.event
    if a.parties and b.parties and not (a.parties & b.parties):
        for x, y in ((ea.agent, eb.agent), (ea.target, eb.target)):
            if x is not None and y is not None and _iso3(x.country) and _iso3(y.country) and x.country != y.country:
                return None
    out = set()
    if a.named & b.named:
        out.add("named")
    if len(a.conflict & b.conflict) >= 2:
        out.add("dyad")
    if a.parties & b.parties:
        out.add("party")
    if a.place and b.place and a.place.country and a.place.country == b.place.country:
        out.add("country")   # not a party: only what makes a toll in one country comparable
    return frozenset(out)


TOLL_MIN = 5   # one or two dead are too common a count to tell two incidents apart


def _same_toll(a: "_Item", b: "_Item") -> bool:
    return a.killed is not None and a.killed >= TOLL_MIN and a.killed == b.killed


def enough(t: int, p: int, shared: frozenset[str], toll: bool, salient: bool) -> bool:
    """Whether the evidence suffices, weaker time or place asking for more of the rest:

    ============  ====================  ================  =====================================
    dates         same place            town in province  no place below country level
    ============  ====================  ================  =====================================
    same day      yes                   yes               dyad, or toll and a party
    own dates     yes                   a party or toll   dyad and toll
    report dates  salient: party/toll   salient: toll     salient: dyad, or toll in one country
    no date       salient: party/toll   salient: toll     salient: toll and a party
    ============  ====================  ================  =====================================

    (a party: any shared party; dyad: the same two-country conflict; toll: the same killed
    count, five or more, in the event's sentence; salient: each report without a date of its
    own is in its headline or lede or mentioned again in its article: the article's news, not
    a passing reference; or the two report it in the same sentence, a wire copy.)  A named armed group is no place: it fights in many towns on one day."""
    party = bool(shared - {"country"})
    some = party or toll
    if t == SAME_DAY:
        return p >= INSIDE or "dyad" in shared or (toll and party)
    if t == OWN_DATES:
        return p == SAME_PLACE or (p == INSIDE and some) or ("dyad" in shared and toll)
    if not salient:
        return False
    if p == SAME_PLACE:
        return some
    if p == INSIDE:
        return toll
    if t == REPORT_DATES and ("dyad" in shared or (toll and "country" in shared)):
        return True
    return toll and bool(shared - {"country"})


def compatible(a: _Item, b: _Item) -> bool:
    ea, eb = a.event, b.event
    if a.result.article.id == b.result.article.id and a.headline == b.headline:
        return False  # within one article the events extractor has already merged mentions
    if a.family != b.family or _status_class(ea.status) != _status_class(eb.status):
        return False
    t = time_level(a, b)
    if t is None:
        return False
    p = place_level(a.place, b.place)
    if p is None:
        return False
    shared = shared_parties(a, b)
    if shared is None:
        return False
    # the reports without a date of their own are their articles' news, or one sentence reprinted (a wire copy)
    salient = all(it.salient for it in (a, b) if _own(it) is None) or _reprint(ea, eb)
    return enough(t, p, shared, _same_toll(a, b), salient)


def _reprint(ea: Event, eb: Event) -> bool:
    return " ".join(ea.evidence.text.split()).casefold() == " ".join(eb.evidence.text.split()).casefold()


MAX_INDEXED_DAYS = 31   # longer intervals ("this year") are indexed at their publication day


def _days(it: _Item) -> Optional[list[dt.date]]:
    """The days a report is indexed under: its own day or interval (_own), else its publication
    day; None when it has no date at all (then it is compared with every group of its type).
    A report vaguer than a month is indexed at its publication day, so it meets the reports
    of the days around it rather than every report of its type; an undated capture or withdrawal
    also at the week before it, where the capture it reports may lie."""
    own = _own(it)
    if own:
        return [own[0] + dt.timedelta(days=d) for d in range((own[1] - own[0]).days + 1)]
    if it.published and it.event.type in TERRITORIAL:   # a capture is reported for days after (_same_captor)
        return [it.published - dt.timedelta(days=d) for d in range(SHORT_DAYS, -1, -1)]
    return [it.published] if it.published else None


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
    """Candidate groups for a report: same type family and status class, near in time, near in space."""

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
        block = (it.family, _status_class(it.event.status))
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


def group_type(events: list[Event]) -> str:
    """The type most sources report (a family holds attacks and clashes), the earliest's on a tie."""
    counts = Counter(e.type for e in events)
    return max(counts, key=lambda t: (counts[t], -next(i for i, e in enumerate(events) if e.type == t)))


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
        id=hashlib.sha1(key.encode()).hexdigest()[:16], type=group_type(events),
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
