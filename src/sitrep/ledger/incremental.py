"""The ledger merge kept at write time: a new article's reports join their groups in SQL.

merge.merge() defines the ledger: reports in a total order (event day, publication
date, article id, event index), each joining the first earlier group (by its
earliest report) that every member is compatible with.  That result depends only
on the set of reports, never on the order articles arrive in, and the same holds
here: an arriving report is decided where it falls in that order, and every later
report whose candidate groups it changed is decided again, in order, until
nothing more changes (a worklist).  Reports arriving in date order change
nothing after them, so the usual cost is one indexed candidate lookup and the
compatibility checks against the candidate groups' members.

Candidate lookup uses the same index as merge._Index, as rows: each report
posts keys (type block, day, map cell, place name) in ledger_item_keys; a report
looks up the keys its candidates would have posted ("lookups"), and a changed
report finds the later reports that may look it up through "dependents", a
superset of the reverse relation.  Each report's state (what the merge rules
read, merge._Item) is stored as JSON so that no article is re-parsed.
"""
from __future__ import annotations

import datetime as dt
import gc
import hashlib
import heapq
import math
import types
import typing
from collections import OrderedDict
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Callable, Iterable, Optional

from pydantic import BaseModel
from pydantic_core import from_json
from sqlalchemy import Text, bindparam, cast, delete, insert, select, update

from .. import records
from . import merge, models, overlay
from .contradictions import status_conflicts
from .models import LedgerEvent
from .schema import (contradictions, ledger_daily, ledger_event_sources, ledger_events, ledger_item_keys,
                     ledger_items)

CHUNK = 400   # keys per IN (...) list
# the candidate keys' format, part of the ledger's signature: a store filed under other keys is rebuilt
INDEX = "3"


# -- a report's stored state -----------------------------------------------------------------------
def sort_key(it: merge._Item) -> str:
    """merge.merge's total order as a string that sorts the same way."""
    when, pub = it.when, it.published
    return (f"{when.isoformat() if when else '0000-00-00'}|{pub.isoformat() if pub else '9999-12-31'}"
            f"|{it.result.article.id}|{it.index:06d}")


def _enc(v):
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, BaseModel):
        return {"$m": type(v).__name__, "v": v.model_dump(mode="json")}
    if isinstance(v, dt.date):
        return {"$d": v.isoformat()}
    if isinstance(v, tuple):
        return {"$t": [_enc(x) for x in v]}
    if isinstance(v, (set, frozenset)):
        return {"$s": sorted((_enc(x) for x in v), key=repr)}
    if isinstance(v, list):
        return [_enc(x) for x in v]
    raise TypeError(f"cannot store merge state of type {type(v).__name__}")


def _model(name: str):
    return getattr(records, name, None) or getattr(models, name)


def _plan(cls) -> dict[str, Any]:
    """How a lazy record answers each field: "plain" (the JSON value is the value: text,
    whole numbers, flags, literals), float, a record class (a nested lazy record), or absent
    (dates, lists: from the validated record)."""
    out: dict[str, Any] = {}
    for name, field in cls.model_fields.items():
        ann = field.annotation
        args = [a for a in typing.get_args(ann) if a is not type(None)] \
            if typing.get_origin(ann) in (typing.Union, types.UnionType) else [ann]
        if len(args) != 1:
            continue
        arg = args[0]
        if arg in (str, int, bool) or typing.get_origin(arg) is typing.Literal:
            out[name] = "plain"
        elif arg is float:
            out[name] = float
        elif isinstance(arg, type) and issubclass(arg, BaseModel):
            out[name] = arg
    return out


_PLANS: dict[type, dict[str, Any]] = {}


class _Lazy:
    """A stored record read without validating it: what the merge rules read of a stored
    report (type, status, place, parties, evidence text) are plain JSON values or nested
    records; anything else comes from the record validated on first use.  Validating every
    neighbour's event, place and article was most of a late arrival's cost."""

    def __init__(self, cls, data: dict):
        self._cls, self._data, self._full = cls, data, None

    def model(self):
        if self._full is None:
            self._full = self._cls.model_validate(self._data)
        return self._full

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        plan = _PLANS.get(self._cls)
        if plan is None:
            plan = _PLANS[self._cls] = _plan(self._cls)
        how = plan.get(name)
        if how is None or name not in self._data:
            return getattr(self.model(), name)
        v = self._data[name]
        if how is float and v is not None:
            v = float(v)
        elif how != "plain" and v is not None:
            v = _Lazy(how, v) if isinstance(v, dict) else getattr(self.model(), name)
        self.__dict__[name] = v   # read once: the next read is a plain attribute
        return v


def _real(v):
    return v.model() if isinstance(v, _Lazy) else v


def _dec(v):
    if isinstance(v, list):
        return [_dec(x) for x in v]
    if not isinstance(v, dict):
        return v
    if "$m" in v:
        return _Lazy(_model(v["$m"]), v["v"])
    if "$d" in v:
        return dt.date.fromisoformat(v["$d"])
    if "$t" in v:
        return tuple(_dec(x) for x in v["$t"])
    return {_dec(x) for x in v["$s"]}


_LOADER: ContextVar[Callable] = ContextVar("sitrep_ledger_loader")   # the running write's article loader


class _LightResult:
    """Stands in for the ArticleResult of a stored report: the article without its text, and the
    casualties of the event's own sentence (what _fatalities reads).  Anything else a rule asks
    for is loaded from the stored article, in the running write's transaction."""

    def __init__(self, article: records.Article, casualties: list):
        self.article, self.casualties = article, casualties

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(_LOADER.get()(self.article.id), name)


class States:
    """Decoded report states of one store by sort key, least recently used dropped: a state does
    not change while its article is stored, and a new report's neighbours are mostly recent."""

    def __init__(self, size: int = 4096):
        self.size = size
        self.data: OrderedDict[str, Any] = OrderedDict()

    def get(self, s: str):
        it = self.data.get(s)
        if it is not None:
            self.data.move_to_end(s)
        return it

    def put(self, s: str, it) -> None:
        if self.size <= 0:
            return
        self.data[s] = it
        if len(self.data) > self.size:
            self.data.popitem(last=False)

    def clear(self) -> None:
        self.data.clear()


def encode(it: merge._Item) -> dict:
    state = {}
    for name, value in vars(it).items():
        if name == "result":
            ev = it.event
            cas = [c for c in value.casualties if c.evidence.start == ev.evidence.start
                   or c.evidence.start <= ev.trigger.start < c.evidence.end]
            art = value.article.model_dump(mode="json", exclude={"text", "removed_lines"})
            state[name] = {"article": art, "casualties": [c.model_dump(mode="json") for c in cas]}
        else:
            state[name] = _enc(value)
    return state


def decode(state: dict) -> merge._Item:
    """A stored report's state; its records stay lazy (_Lazy) until materialise()."""
    it = merge._Item.__new__(merge._Item)
    for name, value in state.items():
        if name == "result":
            art = _Lazy(records.Article, {**value["article"], "text": ""})
            cas = [_Lazy(records.Casualty, c) for c in value["casualties"]]
            setattr(it, name, _LightResult(art, cas))   # type: ignore[arg-type]
        else:
            setattr(it, name, _dec(value))
    return it


def materialise(it: merge._Item) -> merge._Item:
    """A decoded report with its records validated: what a ledger event is built from."""
    for name, value in list(vars(it).items()):
        if isinstance(value, _Lazy):
            setattr(it, name, value.model())
        elif isinstance(value, _LightResult) and isinstance(value.article, _Lazy):
            setattr(it, name, _LightResult(value.article.model(), [_real(c) for c in value.casualties]))
    return it


# -- candidate index as rows -----------------------------------------------------------------------
def _block(it) -> str:
    return f"{it.family}|{merge._status_class(it.event.status)}"


def _near(days: list[dt.date]) -> list[dt.date]:
    return sorted({d + dt.timedelta(days=k) for d in days for k in range(-merge.VAGUE_DAYS, merge.VAGUE_DAYS + 1)})


def _pairs(it) -> list[str]:
    """The report's conflict dyads: every two of its conflict codes ("ARM-AZE")."""
    codes = sorted(it.conflict)
    return [f"{a}-{b}" for i, a in enumerate(codes) for b in codes[i + 1:]]


def _toll(it) -> Optional[int]:
    """The killed count a shared toll is matched on (merge._same_toll), None below its minimum."""
    return it.killed if it.killed is not None and it.killed >= merge.TOLL_MIN else None


def _ties(it, day, kinds: str = "DT") -> list[str]:
    """Keys of the report's dyads and toll on one day: a report without a place matches
    another only through a shared dyad or toll (placeless_tie), so these are all it looks up."""
    b, toll = _block(it), _toll(it)
    out = [f"{kinds[0]}|{b}|{day}|{pair}" for pair in _pairs(it)]
    return out + ([f"{kinds[1]}|{b}|{day}|{toll}"] if toll is not None else [])


def placeless_tie(a, b) -> bool:
    """What merge.compatible asks of two reports when one has no place below a country (place
    level NO_PLACE, or None for two countries): a shared conflict dyad or the same toll
    (merge.enough); the placeless keys rely on it, and tests check it against merge.compatible."""
    return len(a.conflict & b.conflict) >= 2 or merge._same_toll(a, b)


def placeless(it) -> bool:
    """Whether the report is filed as one without a place: it has none, or only a country with
    no province (to any other place a country is another country's, or no place below country
    level: merge.place_level never gives SAME_PLACE or INSIDE), so it too matches only through a
    tie.  A late country-level report then looks up and re-decides the reports it shares a dyad
    or toll with, not every report with a place on its days."""
    p = it.place
    return p is None or (p.precision == "country" and not p.admin1)


def postings(it) -> list[str]:
    """The keys a report is filed under.  merge._Index's (type block, day, map cell, place name),
    except that a report without a place (or only a country: placeless) files its dyads and
    toll (Z, Y) instead of a loose place (L), and every dated report files its dyads and toll
    (D, T) for the placeless ones to look up: they can match only through them (placeless_tie), so it
    is compared with those reports rather than every report of its days."""
    b = _block(it)
    days = merge._days(it)
    if days is None:
        return [f"E|{b}", f"U|{b}"]
    out = [f"E|{b}"]
    home = merge._home_cell(it.place)
    for d in days:
        out.append(f"A|{b}|{d}")
        if placeless(it):
            out += _ties(it, d, "ZY")
        elif home is None:
            out.append(f"L|{b}|{d}")
        else:
            out += [f"C|{b}|{d}|{home[0]}|{home[1]}", f"N|{b}|{d}|{it.place.name.casefold()}"]
        out += _ties(it, d)
    return out


def lookups(it) -> list[str]:
    """The keys a report's candidates may have posted: merge._Index.candidates's, with a
    placeless report's dyads and toll (D, T; Z, Y from a point-like one) for the loose place (L)
    or any place (A) that links it with another report."""
    b = _block(it)
    days = merge._days(it)
    if days is None:
        return [f"E|{b}"]
    cells = merge._cells(it.place)
    out = [f"U|{b}"]
    for d in _near(days):
        if placeless(it):
            out += _ties(it, d)
            continue
        if cells is None:
            out.append(f"A|{b}|{d}")
            continue
        out += [f"L|{b}|{d}", f"N|{b}|{d}|{it.place.name.casefold()}"]
        out += [f"C|{b}|{d}|{cy}|{cx}" for cy, cx in cells]
        out += _ties(it, d, "ZY")
    return out


class Reach:
    """What lookups(it) holds, as a test of one key rather than the list (a report is checked
    against a few keys of a changed group; its lookups run to hundreds of keys)."""

    def __init__(self, it):
        self.block = _block(it)
        days = merge._days(it)
        self.dated = days is not None
        self.lo, self.hi = "9", "0"   # no day
        if days:   # _near(days) is one run of days
            slack = dt.timedelta(days=merge.VAGUE_DAYS)
            self.lo, self.hi = (min(days) - slack).isoformat(), (max(days) + slack).isoformat()
        self.placeless = placeless(it)
        cells = merge._cells(it.place) if self.dated else None
        self.cells = None if cells is None else {f"{cy}|{cx}" for cy, cx in cells}
        self.name = it.place.name.casefold() if self.cells is not None else None
        toll = _toll(it)
        self.ties = (set(_pairs(it)), None if toll is None else str(toll))
        self.tie_kinds = "DT" if self.placeless else "ZY" if self.cells is not None else ""

    def __contains__(self, key: str) -> bool:
        kind, b = key[:1], self.block
        if key[2:2 + len(b)] != b:
            return False
        tail = key[3 + len(b):]
        if len(key) == 2 + len(b):
            return (kind == "E") != self.dated if kind in ("E", "U") else False
        if not self.dated or not (self.lo <= tail[:10] <= self.hi) or key[2 + len(b)] != "|":
            return False
        rest = tail[11:]
        if kind in self.tie_kinds:
            return rest in self.ties[0] if kind == self.tie_kinds[0] else rest == self.ties[1]
        if self.placeless:
            return False
        if kind == "A":
            return self.cells is None and not rest
        if self.cells is None:
            return False
        if kind == "L":
            return not rest
        if kind == "N":
            return rest == self.name
        return kind == "C" and rest in self.cells


def _wide_cells(place) -> list[tuple]:
    """merge._cells of any place one cell row away: the longitude reach at the more poleward row."""
    home = merge._home_cell(place)
    if home is None:
        raise ValueError(f"place {getattr(place, 'name', place)!r} is not point-like: it has no cells")
    cy, cx = home
    lat = min(abs(place.lat) + 3 * merge.CELL_DEG, 89.9)
    lon_km = 111.32 * merge.CELL_DEG * max(math.cos(math.radians(lat)), 1e-3)
    k = min(int(math.ceil(merge.PLACE_KM / lon_km)) + 1, merge.LON_CELLS // 2)
    return sorted({(cy + dy, (cx + dx) % merge.LON_CELLS) for dy in (-1, 0, 1) for dx in range(-k, k + 1)})


def dependents(it) -> list[str]:
    """Postings of every report whose lookups can include this report's postings."""
    b = _block(it)
    days = merge._days(it)
    if days is None:
        return [f"E|{b}"]
    home = merge._home_cell(it.place)
    out = [f"U|{b}"]
    for d in _near(days):
        if placeless(it):   # reports with a loose place (A), those sharing a dyad or toll (D, T)
            out.append(f"L|{b}|{d}")
            out += _ties(it, d)
        elif home is None:
            out.append(f"A|{b}|{d}")           # every dated report with a place looks up loose places (L) or days (A)
        else:
            out += [f"L|{b}|{d}", f"N|{b}|{d}|{it.place.name.casefold()}"]
            out += [f"C|{b}|{d}|{cy}|{cx}" for cy, cx in _wide_cells(it.place)]
            out += _ties(it, d, "ZY")
    return out


def _chunks(keys: list[str]) -> Iterable[list[str]]:
    keys = sorted(set(keys))
    for i in range(0, len(keys), CHUNK):
        yield keys[i:i + CHUNK]


@contextmanager
def cycles_uncollected():
    """The cyclic garbage collector paused while a write merges.  Deciding a late report
    decodes hundreds of stored states; each batch of allocations set off collections that
    walk the process's whole heap (measured: 762 decodes took 361 ms CPU with it, 51 ms
    without, in a process that had built a 2,000-article store), a cost that grows with the
    process, not with the write.  The states hold no reference cycles; the next collection
    after the write finds whatever is left."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


# -- the worklist ----------------------------------------------------------------------------------
def _posted_query(direction: str):
    k, i = ledger_item_keys, ledger_items
    where = k.c.sort < bindparam("s") if direction == "before" else k.c.sort > bindparam("s")
    return select(k.c.sort, i.c.leader).join(i, i.c.sort == k.c.sort) \
        .where(k.c.key.in_(bindparam("keys", expanding=True)), where).distinct()


# built once: the hot statements are compiled and cached by SQLAlchemy, not rebuilt per call
POSTED = {"before": _posted_query("before"), "after": _posted_query("after")}
# the state as its JSON text, parsed by pydantic-core (faster than the JSON type's json.loads)
STATES_OF = select(ledger_items.c.sort, cast(ledger_items.c.state, Text).label("state")).where(
    ledger_items.c.sort.in_(bindparam("sorts", expanding=True)))
MEMBERS_OF = select(ledger_items.c.sort, ledger_items.c.leader).where(
    ledger_items.c.leader.in_(bindparam("leaders", expanding=True)))
SET_LEADER = update(ledger_items).where(ledger_items.c.sort == bindparam("s")).values(leader=bindparam("lead"))

class Merger:
    """One write transaction's view of the ledger: decides reports, then writes what changed."""

    def __init__(self, conn, loader: Callable, states: Optional["States"] = None):
        self.conn, self.states = conn, states if states is not None else States(0)
        _LOADER.set(loader)
        self.items: dict[str, merge._Item] = {}       # sort -> state, decoded on demand
        self.stored: dict[str, Optional[str]] = {}    # sort -> leader in the tables (None: new)
        self.override: dict[str, str] = {}            # sort -> leader decided now
        self.joined: dict[str, set[str]] = {}         # leader -> sorts decided into it now
        self.members: dict[str, set[str]] = {}        # leader -> sorts in the tables
        self.dirty: set[str] = set()                  # leaders whose membership changed
        self.removed: set[str] = set()                # reports taken out (delete_article)
        self.triggers: dict[str, set[str]] = {}       # queued report -> changed groups that queued it
        self._postings: dict[str, frozenset[str]] = {}  # sort -> postings(), computed once per write
        self._reach: dict[str, Reach] = {}               # sort -> its lookups, as a test

    # state
    def _load(self, sorts: Iterable[str]) -> None:
        need = []
        for s in set(sorts):
            if s not in self.items:
                cached = self.states.get(s)
                if cached is None:
                    need.append(s)
                else:
                    self.items[s] = cached
        for chunk in _chunks(need):
            for row in self.conn.execute(STATES_OF, {"sorts": chunk}):
                state = row.state
                self.items[row.sort] = decode(from_json(state) if isinstance(state, (str, bytes)) else state)
                self.states.put(row.sort, self.items[row.sort])

    def item(self, s: str) -> merge._Item:
        self._load([s])
        return self.items[s]

    def posted_keys(self, s: str) -> frozenset[str]:
        keys = self._postings.get(s)
        if keys is None:
            keys = self._postings[s] = frozenset(postings(self.item(s)))
        return keys

    def looked_up(self, s: str) -> Reach:
        reach = self._reach.get(s)
        if reach is None:
            reach = self._reach[s] = Reach(self.item(s))
        return reach

    def _candidate(self, look: Reach, members: list[str]) -> bool:
        """Whether a member posts a key the report looks up (the group is one of its candidates)."""
        return any(key in look for m in members for key in self.posted_keys(m))

    def _settled(self, s: str) -> bool:
        """Whether a queued report's decision cannot change, known without its state: its group
        is unchanged and live and no changed group comes before it (groups are tried in order)."""
        lead, trig = self.stored.get(s), self.triggers.get(s)
        return lead is not None and trig is not None and lead not in trig and self._live(lead) \
            and not any(g < lead and self._live(g) for g in trig)

    def leader(self, s: str) -> str:
        lead = self.override.get(s) or self.stored[s]
        if lead is None:  # every report seen was fetched with its leader; a new one is decided in order
            raise KeyError(f"ledger report {s} has no leader yet")
        return lead

    def _set(self, s: str, lead: str) -> None:
        prev = self.override.get(s)
        if prev is not None:
            self.joined[prev].discard(s)
        self.override[s] = lead
        self.joined.setdefault(lead, set()).add(s)

    def _live(self, lead: str) -> bool:
        return self.override.get(lead, lead) == lead and lead not in self.removed

    def _fetch_groups(self, leaders: Iterable[str]) -> None:
        need = [lead for lead in set(leaders) if lead not in self.members]
        for lead in need:
            self.members[lead] = set()
        for chunk in _chunks(need):
            for row in self.conn.execute(MEMBERS_OF, {"leaders": chunk}):
                self.members[row.leader].add(row.sort)
                self.stored.setdefault(row.sort, row.leader)

    def group(self, leader: str) -> list[str]:
        """Current members of the group led by leader, in merge order."""
        self._fetch_groups([leader])
        out = {s for s in self.members[leader] if self.override.get(s, leader) == leader}
        return sorted(out | self.joined.get(leader, set()))

    def _posted(self, keys: list[str], before: Optional[str] = None, after: Optional[str] = None):
        found: dict[str, str] = {}
        q, bound = (POSTED["before"], before) if before is not None else (POSTED["after"], after)
        for chunk in _chunks(keys):
            for row in self.conn.execute(q, {"keys": chunk, "s": bound}):
                found[row.sort] = row.leader
        for s, lead in found.items():
            self.stored.setdefault(s, lead)
        return sorted(found)

    # adding
    def add(self, items: list[merge._Item]) -> None:
        """File new reports (all of one write) and decide them and whatever they change."""
        rows: list[dict[str, Any]] = []
        keys: list[dict[str, Any]] = []
        for it in items:
            s = sort_key(it)
            self.items[s], self.stored[s] = it, None
            rows.append(dict(sort=s, article_id=it.result.article.id, idx=it.index, leader=s, state=encode(it)))
            keys += [dict(key=key, sort=s) for key in dict.fromkeys(postings(it))]
        if not rows:
            return
        self.conn.execute(insert(ledger_items), rows)
        self.conn.execute(insert(ledger_item_keys), keys)
        self._run(sorted(r["sort"] for r in rows))

    def remove(self, article_id: str) -> None:
        """Take an article's reports out; the reports after them that they affected are decided again."""
        rows = self.conn.execute(select(ledger_items.c.sort, ledger_items.c.leader)
                                 .where(ledger_items.c.article_id == article_id)).all()
        if not rows:
            return
        gone = [r.sort for r in rows]
        self.states.clear()   # its article may come back with other records under the same keys
        leaders = {r.sort: r.leader for r in rows}
        self.stored.update(leaders)
        self._load(gone)
        affected = set()
        for s in gone:
            lead = leaders[s]
            self.dirty.add(lead)
            members = self.group(lead)
            affected |= {m for m in members if m > s}
            # a later report s kept out of its group (complete linkage) had the group as a
            # candidate through any member, not only through s
            self._load(members)
            reach = [key for m in members for key in dependents(self.items[m])]
            affected |= set(self._posted(reach, after=s))
        self.conn.execute(delete(ledger_item_keys).where(ledger_item_keys.c.sort.in_(gone)))
        self.conn.execute(delete(ledger_items).where(ledger_items.c.sort.in_(gone)))
        self.removed = set(gone)
        for lead in list(self.members):
            self.members[lead] -= self.removed
        self._run(sorted(affected - self.removed))

    def _decide(self, s: str) -> str:
        if self._settled(s):
            self.triggers.pop(s)
            return self.stored[s]   # type: ignore[return-value]
        y = self.item(s)
        lead, trig = self.stored.get(s), self.triggers.pop(s, None)
        if lead is None or trig is None or not self._live(lead):
            return self._decide_full(s, y)
        look = self.looked_up(s)
        if lead != s and lead in trig:   # its own group changed before it: still a candidate it fits?
            members = [m for m in self.group(lead) if m < s]
            self._load(members)
            if not (self._candidate(look, members) and all(merge.compatible(y, self.items[m]) for m in members)):
                return self._decide_full(s, y)
        # Only the changed groups can change this decision: the unchanged candidates before its
        # group still reject it, and its group still takes it.  A changed group before its group
        # that is a candidate (a member before it posted a key it looks up) and that it fits
        # now takes it.
        self._fetch_groups(trig)
        for d in sorted(g for g in trig if g < lead and self._live(g)):
            members = [m for m in self.group(d) if m < s]
            self._load(members)
            if members and self._candidate(look, members) \
                    and all(merge.compatible(y, self.items[m]) for m in members):
                return d
        return lead

    def _decide_full(self, s: str, y) -> str:
        near = self._posted(lookups(y), before=s)
        leaders = sorted({self.leader(z) for z in near})
        self._fetch_groups(leaders)
        for lead in leaders:
            if not self._live(lead):
                continue  # that group's earliest report has moved (cannot happen in order; kept safe)
            members = [m for m in self.group(lead) if m < s]
            self._load(members)
            if all(merge.compatible(y, self.items[m]) for m in members):
                return lead
        return s

    def _run(self, start: list[str]) -> None:
        heap, queued, expanded = list(start), set(start), set()
        heapq.heapify(heap)
        while heap:
            s = heapq.heappop(heap)
            chosen = self._decide(s)
            old = self.stored.get(s)
            if chosen == old:
                continue
            self._set(s, chosen)
            changed = [chosen] + ([old] if old else [])
            self.dirty |= set(changed)
            self._fetch_groups(changed)
            for g in changed:   # queue the later reports that may have g as a candidate
                if g == chosen:
                    # A group that gained s: a later report outside it that already had it as a
                    # candidate was refused by a member it still has, so only s can make it a
                    # new candidate; its members after s must now fit s.
                    grown = set() if (g, s) in expanded else {s}
                    for w in self.group(g):
                        if w > s:
                            self.triggers.setdefault(w, set()).add(g)
                            if w not in queued:
                                queued.add(w)
                                heapq.heappush(heap, w)
                else:         # a group that lost s: whatever s kept out of it may fit now
                    grown = {m for m in self.group(g) + [g] + sorted(self.members.get(g, ()))
                             if (g, m) not in expanded}
                grown -= self.removed
                expanded |= {(g, m) for m in grown}
                self._load(grown)
                reach = [key for m in grown for key in dependents(self.items[m])]
                for w in self._posted(reach, after=s) if reach else ():
                    self.triggers.setdefault(w, set()).add(g)
                    if w not in queued:
                        queued.add(w)
                        heapq.heappush(heap, w)
            # the states the queued reports will need, in one query rather than one each
            self._load([w for w in queued if w not in self.items and w in self.triggers and not self._settled(w)])

    # writing
    def touch_events(self, event_ids: Iterable[str]) -> None:
        """Have these ledger events written again (an analyst corrected them)."""
        ids = list(dict.fromkeys(event_ids))
        for chunk in _chunks(ids):
            leaders = self.conn.execute(select(ledger_events.c.leader).where(ledger_events.c.id.in_(chunk)))
            self.dirty |= {lead for lead in leaders.scalars() if lead}

    def flush(self) -> None:
        if self.override:
            self.conn.execute(SET_LEADER, [{"s": s, "lead": lead} for s, lead in self.override.items()])
        if self.dirty:
            groups = {}
            for lead in sorted(self.dirty):
                live = self._live(lead)
                groups[lead] = [materialise(self.items[m]) for m in self._full(lead)] if live else []
            write_groups(self.conn, groups)

    def _full(self, lead: str) -> list[str]:
        members = self.group(lead)
        self._load(members)
        return members


# -- ledger rows, summaries and status contradictions for changed groups --------------------------
def _range(items) -> tuple[Optional[dt.date], Optional[dt.date]]:
    lows = [it.day or (it.interval[0] if it.interval else None) for it in items]
    highs = [it.day or (it.interval[1] if it.interval else None) for it in items]
    known_lows, known_highs = [d for d in lows if d], [d for d in highs if d]
    return (min(known_lows) if known_lows else None, max(known_highs) if known_highs else None)


def event_rows(e: LedgerEvent, leader: Optional[str], items) -> tuple[dict, list[dict]]:
    from .store import ledger_rows
    row, links = ledger_rows(e)
    lo, hi = _range(items) if items else (None, None)
    row.update(leader=leader, date_min=lo, date_max=hi, status_set=",".join(e.statuses),
               undated=1 if e.date is None else 0)
    return row, links


def _cid(kind: str, owner: str, c) -> str:
    refs = "|".join(f"{getattr(i, 'article_id', '')}:{getattr(i, 'event_index', '')}:{i.evidence.start}"
                    for i in c.items)
    return hashlib.sha1(f"{kind}|{owner}|{refs}".encode()).hexdigest()[:32]


def _item_columns(items) -> dict:
    out = {}
    for suffix, i in zip("ab", (list(items) + [None, None])[:2]):
        out.update({f"article_{suffix}": getattr(i, "article_id", None),
                    f"start_{suffix}": i.evidence.start if i is not None else None,
                    f"published_{suffix}": getattr(i, "published", None),
                    f"claimant_{suffix}": getattr(i, "claimant", None),
                    f"country_{suffix}": getattr(i, "claimant_country", None)})
    return out


def contradiction_rows(owner: str, found) -> list[dict]:
    rows = {}
    for c in found:
        published = [p for i in c.items if (p := getattr(i, "published", None))]
        first = min(published) if published else None
        cid = _cid(c.kind, owner, c)
        rows[cid] = dict(id=cid, kind=c.kind, owner=owner, sort=f"{first or '9999-12-31'}|{cid}",
                         data=c.model_dump(mode="json"), event_id=c.event_id, place=c.place,
                         **_item_columns(c.items))
    return list(rows.values())


def write_groups(conn, groups: dict[str, list]) -> None:
    """Rewrite the ledger rows of these groups (leader -> members in merge order; [] deletes)."""
    delta: dict[tuple, list[int]] = {}
    leaders = list(groups)
    for chunk in _chunks(leaders):
        old = conn.execute(select(ledger_events.c.id, ledger_events.c.date, ledger_events.c.country,
                                  ledger_events.c.type, ledger_events.c.fatalities)
                           .where(ledger_events.c.leader.in_(chunk))).all()
        for o in old:
            if o.date is not None:
                d = delta.setdefault((o.date, o.country or "", o.type), [0, 0])
                d[0] -= 1
                d[1] -= o.fatalities or 0
        ids = [o.id for o in old]
        if ids:
            conn.execute(delete(ledger_event_sources).where(ledger_event_sources.c.ledger_event_id.in_(ids)))
            conn.execute(delete(ledger_events).where(ledger_events.c.id.in_(ids)))
        conn.execute(delete(contradictions).where(contradictions.c.owner.in_([f"event:{x}" for x in chunk])))
    rows, links, found = [], [], []
    for lead, items in groups.items():
        if not items:
            continue
        e = overlay.finish(conn, merge._ledger_event(items))
        row, ls = event_rows(e, lead, items)
        rows.append(row)
        links += ls
        found += contradiction_rows(f"event:{lead}", status_conflicts([e]))
        if e.date is not None:
            d = delta.setdefault((e.date, row["country"] or "", e.type), [0, 0])
            d[0] += 1
            d[1] += e.fatalities or 0
    if rows:
        conn.execute(insert(ledger_events), rows)
        conn.execute(insert(ledger_event_sources), links)
    if found:
        conn.execute(insert(contradictions), found)
    _apply_daily(conn, delta)


def _apply_daily(conn, delta: dict[tuple, list[int]]) -> None:
    t = ledger_daily
    for (day, country, typ), (n, fatal) in sorted(delta.items()):
        if n == 0 and fatal == 0:
            continue
        where = (t.c.day == day) & (t.c.country == country) & (t.c.type == typ)
        done = conn.execute(update(t).where(where).values(events=t.c.events + n, fatalities=t.c.fatalities + fatal))
        if done.rowcount == 0:
            conn.execute(insert(t), [dict(day=day, country=country, type=typ, events=n, fatalities=fatal)])
        else:
            conn.execute(delete(t).where(where & (t.c.events <= 0)))
