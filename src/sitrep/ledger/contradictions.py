"""Contradictions between sources, each with the evidence of both sides.

casualty_count: the same incident or toll (claim series of one scope, so
  different claimants' series of the same toll are compared) reported within
  a day by different claimants or outlets with counts that do not overlap,
  approximate counts ("about 12") widened by 10%;
event_status: one merged event that one source reports as having happened and
  another denies (or reports as failed);
falling_toll: a cumulative toll from the same claimant (same name, or same
  country when both are known) that goes down over time.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Optional

from .models import ClaimPoint, ClaimSeries, Contradiction, LedgerEvent

SAME_DAYS = 1
APPROX = 0.10


def _who(p: ClaimPoint) -> str:
    country = f" [{p.claimant_country}]" if p.claimant_country else ""
    return f"{p.claimant or 'unattributed'}{country} ({p.outlet or 'unknown outlet'}, {p.published or 'undated'})"


def _count(p: ClaimPoint) -> str:
    return str(p.low) if p.low == p.high else f"{p.low}-{p.high}"


def _range(p: ClaimPoint) -> tuple[float, float]:
    slack = max(1.0, APPROX * p.high) if p.approximate else 0.0
    return p.low - slack, p.high + slack


def disagree(a: ClaimPoint, b: ClaimPoint) -> bool:
    (alo, ahi), (blo, bhi) = _range(a), _range(b)
    return ahi < blo or bhi < alo


def casualty_conflicts(all_series: list[ClaimSeries]) -> list[Contradiction]:
    by_scope: dict[str, list[tuple[dt.date, ClaimSeries, ClaimPoint]]] = defaultdict(list)
    for s in all_series:
        by_scope[s.scope or s.key].extend((p.published, s, p) for p in s.points if p.published is not None)
    out = []
    for members in by_scope.values():
        members.sort(key=lambda m: m[0])
        seen = set()
        for i, (day_a, sa, a) in enumerate(members):
            for day_b, sb, b in members[i + 1:]:
                if (day_b - day_a).days > SAME_DAYS:
                    break
                if a.article_id == b.article_id or (a.claimant, a.outlet) == (b.claimant, b.outlet):
                    continue
                pair = tuple(sorted((a.article_id, b.article_id)))
                if pair in seen or not disagree(a, b):
                    continue
                seen.add(pair)
                out.append(casualty_conflict(sa.key if sa is sb else sa.key.split(' claimed by ')[0], a, b, sa.place))
    return out


def comparable(a: ClaimPoint, b: ClaimPoint) -> bool:
    """Two points of one scope that casualty_conflicts compares (a published no later than b)."""
    if a.published is None or b.published is None:
        return False
    return (b.published - a.published).days <= SAME_DAYS and a.article_id != b.article_id \
        and (a.claimant, a.outlet) != (b.claimant, b.outlet)


def casualty_conflict(label: str, a: ClaimPoint, b: ClaimPoint, place: Optional[str] = None) -> Contradiction:
    return Contradiction(kind="casualty_count",
                         description=f"{label}: {_count(a)} according to {_who(a)} vs {_count(b)} according to {_who(b)}",
                         items=[a, b], place=place)


def _same_claimant(a: ClaimPoint, b: ClaimPoint) -> bool:
    if a.claimant_country and b.claimant_country:
        return a.claimant_country == b.claimant_country
    return a.claimant is not None and a.claimant == b.claimant


def falling_pairs(points) -> list[tuple]:
    """(earlier, later) running tolls of one claimant where the later is lower; points in series
    order, anything with the ClaimPoint attributes."""
    cumulative = [p for p in points if p.cumulative and p.published]
    out = []
    for i, b in enumerate(cumulative):
        a = next((p for p in reversed(cumulative[:i]) if _same_claimant(p, b)), None)
        if a is not None and b.published > a.published and b.high < a.low:
            out.append((a, b))
    return out


def falling_toll(s, a: ClaimPoint, b: ClaimPoint) -> Contradiction:
    return Contradiction(
        kind="falling_toll",
        description=f"{s.key}: {a.claimant} gave {_count(a)} on {a.published} "
                    f"({a.outlet or 'unknown outlet'}) but {b.claimant} gave {_count(b)} "
                    f"on {b.published} ({b.outlet or 'unknown outlet'})",
        items=[a, b], place=s.place)


def falling_tolls(all_series: list[ClaimSeries]) -> list[Contradiction]:
    return [falling_toll(s, a, b) for s in all_series for a, b in falling_pairs(s.points)]


def status_conflicts(events: list[LedgerEvent]) -> list[Contradiction]:
    out = []
    for e in events:
        happened = [s for s in e.sources if s.status in ("occurred", "claimed", "ongoing")]
        denied = [s for s in e.sources if s.status in ("denied", "failed")]
        if happened and denied:
            a, b = happened[0], denied[0]
            where = f" at {e.place.name}" if e.place else ""
            out.append(Contradiction(
                kind="event_status",
                description=f"{e.type}{where}{' on ' + str(e.date) if e.date else ''}: reported as {a.status} by "
                            f"{a.claimant or a.outlet} ({a.outlet}) but {b.status} by "
                            f"{b.claimant or b.outlet} ({b.outlet})",
                items=[a, b], event_id=e.id, place=e.place.name if e.place else None))
    return out


def link_events(found: list[Contradiction], events: list[LedgerEvent]) -> list[Contradiction]:
    """A count contradiction is about the ledger event reported in the sentence of one of its
    claims (the sentence that links a killed count to an event, as merge._fatalities does)."""
    by_sentence = {(s.article_id, s.evidence.start): e for e in events for s in e.sources}
    for c in found:
        if c.event_id is None:
            e = next((by_sentence[k] for k in ((p.article_id, p.evidence.start) for p in c.items)
                      if k in by_sentence), None)
            if e is not None:
                c.event_id = e.id
                c.place = c.place or (e.place.name if e.place else None)
    return found


def find(events: list[LedgerEvent], all_series: list[ClaimSeries]) -> list[Contradiction]:
    return link_events(casualty_conflicts(all_series) + status_conflicts(events) + falling_tolls(all_series),
                       events)
