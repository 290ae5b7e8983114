"""Contradictions between sources.

casualty_count: the same incident or toll, reported within a day by different
  claimants or outlets with counts that do not overlap (14 vs 19 killed);
event_status: one merged event that one source reports as having happened and
  another denies (or reports as failed);
falling_toll: a cumulative toll from the same claimant that goes down over time.
"""
from __future__ import annotations

from itertools import combinations

from .models import ClaimSeries, Contradiction, LedgerEvent


def _who(p) -> str:
    return f"{p.claimant or 'unattributed'} ({p.outlet or 'unknown outlet'}, {p.published or 'undated'})"


def casualty_conflicts(all_series: list[ClaimSeries]) -> list[Contradiction]:
    out = []
    for s in all_series:
        seen = set()
        for a, b in combinations(s.points, 2):
            if a.article_id == b.article_id or a.published is None or b.published is None:
                continue
            if abs((a.published - b.published).days) > 1:
                continue
            if a.high < b.low or b.high < a.low:
                if (a.claimant, a.outlet) == (b.claimant, b.outlet):
                    continue
                key = tuple(sorted((a.article_id, b.article_id)))
                if key in seen:
                    continue
                seen.add(key)
                out.append(Contradiction(
                    kind="casualty_count",
                    description=f"{s.key}: {a.low if a.low == a.high else f'{a.low}-{a.high}'} according to {_who(a)}"
                                f" vs {b.low if b.low == b.high else f'{b.low}-{b.high}'} according to {_who(b)}",
                    items=[a, b]))
    return out


def falling_tolls(all_series: list[ClaimSeries]) -> list[Contradiction]:
    out = []
    for s in all_series:
        cumulative = [p for p in s.points if p.cumulative and p.published]
        for a, b in zip(cumulative, cumulative[1:]):
            if a.claimant == b.claimant and b.published > a.published and b.low < a.low:
                out.append(Contradiction(kind="falling_toll",
                                         description=f"{s.key}: {a.claimant} gave {a.low} on {a.published} "
                                                     f"but {b.low} on {b.published}", items=[a, b]))
    return out


def status_conflicts(events: list[LedgerEvent]) -> list[Contradiction]:
    out = []
    for e in events:
        happened = [s for s in e.sources if s.status in ("occurred", "claimed", "ongoing")]
        denied = [s for s in e.sources if s.status in ("denied", "failed")]
        if happened and denied:
            where = f" at {e.place.name}" if e.place else ""
            out.append(Contradiction(
                kind="event_status",
                description=f"{e.type}{where}{' on ' + str(e.date) if e.date else ''}: reported as {happened[0].status} by "
                            f"{happened[0].claimant or happened[0].outlet} but {denied[0].status} by "
                            f"{denied[0].claimant or denied[0].outlet}",
                items=[happened[0], denied[0]]))
    return out


def find(events: list[LedgerEvent], all_series: list[ClaimSeries]) -> list[Contradiction]:
    return casualty_conflicts(all_series) + status_conflicts(events) + falling_tolls(all_series)
