"""Casualty claim series across articles: the same toll as reported over time (14 -> 21).

Claims are grouped by outcome and scope: the most specific place named in the
claim's sentence (an incident), or, for war-wide tolls without a place, the
population and side.  Populations only split a place's series when both are known
and differ.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Optional

from ..records import ArticleResult, Casualty, Place
from .models import ClaimPoint, ClaimSeries

PRECISION = {"point": 0, "village": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 4, "unknown": 5}


def claim_place(result: ArticleResult, c: Casualty) -> Optional[Place]:
    """Most specific sub-country place named in the claim's sentence."""
    ev = c.evidence
    inside = [p for p in result.places if ev.start <= p.mention.start and p.mention.end <= ev.end
              and p.precision not in ("country", "unknown")]
    return min(inside, key=lambda p: (PRECISION.get(p.precision, 5), p.mention.start)) if inside else None


def point(result: ArticleResult, c: Casualty) -> ClaimPoint:
    return ClaimPoint(
        published=result.article.published, article_id=result.article.id, outlet=result.article.outlet,
        low=c.low, high=c.high, cumulative=c.cumulative,
        claimant=c.claimant.name if c.claimant else None,
        claimant_country=c.claimant.actor.country if c.claimant and c.claimant.actor else None,
        evidence=c.evidence)


def _trend(values: list[int]) -> str:
    if len(values) < 2:
        return "single"
    if values[-1] > values[0] and all(b >= a for a, b in zip(values, values[1:])):
        return "rising"
    if values[-1] < values[0] and all(b <= a for a, b in zip(values, values[1:])):
        return "falling"
    if len(set(values)) == 1:
        return "stable"
    return "mixed"


def _article_country(result: ArticleResult) -> Optional[str]:
    counts: dict[str, int] = defaultdict(int)
    for p in result.places:
        if p.country:
            counts[p.country] += 1
    return max(counts, key=counts.get) if counts else None


def series(results: list[ArticleResult], min_points: int = 1) -> list[ClaimSeries]:
    """One point per article and series: the body's claim wins over the headline's."""
    groups: dict[tuple, dict[str, tuple[ArticleResult, Casualty, Optional[Place]]]] = defaultdict(dict)
    for r in results:
        headline_end = len(r.article.title or "")
        body = {(c.outcome, c.low) for c in r.casualties if c.evidence.start >= headline_end}
        for c in r.casualties:
            if c.evidence.start < headline_end and (c.outcome, c.low) in body:
                continue  # the headline repeats a claim the body makes with its context
            place = claim_place(r, c)
            if place is not None:
                key = (c.outcome, "place", place.name.casefold())
            else:
                key = (c.outcome, "side", c.population, c.side or _article_country(r))
            kept = groups[key].get(r.article.id)
            in_headline = c.evidence.start < headline_end
            if kept is None or (kept[1].evidence.start < headline_end and not in_headline):
                groups[key][r.article.id] = (r, c, place)
    groups = {k: list(v.values()) for k, v in groups.items()}
    out = []
    for key, members in groups.items():
        members.sort(key=lambda m: (m[0].article.published or m[0].article.id, m[1].evidence.start))
        if len(members) < min_points:
            continue
        outcome = key[0]
        pops = {m[1].population for m in members} - {"unknown"}
        place = members[0][2].mention.text if key[1] == "place" else None
        side = None if key[1] == "place" else (members[0][1].side or None)
        population = (next(iter(pops)) if len(pops) == 1 else None) if key[1] == "place" else key[2]
        label = " ".join(x for x in (outcome, population if population != "unknown" else None,
                                     f"at {place}" if place else None, f"side {side}" if side else None) if x)
        pts = [point(r, c) for r, c, _ in members]
        out.append(ClaimSeries(key=label, outcome=outcome, population=population, side=side, place=place,
                               points=pts, trend=_trend([p.low for p in pts])))
    out.sort(key=lambda s: (-len(s.points), s.key))
    return out
