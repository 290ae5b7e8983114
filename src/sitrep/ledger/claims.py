"""Casualty claim series across articles: the same count as reported over time (14 -> 21).

A claim's scope is what it counts:
* an incident: the most specific sub-country place named in the claim's
  sentence (its outcome and place); reports of one place more than
  INCIDENT_GAP_DAYS apart are separate incidents unless the later one is a
  running toll;
* otherwise a war-wide toll: outcome, population and side (whose losses; the
  article's most-named country when the extractor gave none).  Tolls are split
  further by the claimant's country, so Armenia's count of its own dead and
  Azerbaijan's claim about Armenian dead are two series with one scope (compared
  by contradictions.py, never mixed into one trend).

One point per article and series: a body claim wins over the headline's.
Points are ordered by publication date; the trend is over the low counts.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Optional

from ..records import ArticleResult, Casualty, Place
from .models import ClaimPoint, ClaimSeries

PRECISION = {"point": 0, "village": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 4, "unknown": 5}
INCIDENT_GAP_DAYS = 10


def claim_place(result: ArticleResult, c: Casualty) -> Optional[Place]:
    """Most specific sub-country place named in the claim's sentence."""
    ev = c.evidence
    inside = [p for p in result.places if ev.start <= p.mention.start and p.mention.end <= ev.end
              and p.precision not in ("country", "unknown")]
    return min(inside, key=lambda p: (PRECISION.get(p.precision, 5), p.mention.start)) if inside else None


def point(result: ArticleResult, c: Casualty) -> ClaimPoint:
    return ClaimPoint(
        published=result.article.published, article_id=result.article.id, outlet=result.article.outlet,
        low=c.low, high=c.high, cumulative=c.cumulative, approximate=c.approximate,
        claimant=c.claimant.name if c.claimant else None,
        claimant_country=c.claimant.actor.country if c.claimant and c.claimant.actor else None,
        evidence=c.evidence)


def trend(values: list[int]) -> str:
    if len(values) < 2:
        return "single"
    if len(set(values)) == 1:
        return "stable"
    if all(b >= a for a, b in zip(values, values[1:])):
        return "rising"
    if all(b <= a for a, b in zip(values, values[1:])):
        return "falling"
    return "mixed"


def _article_country(result: ArticleResult) -> Optional[str]:
    counts = Counter(p.country for p in result.places if p.country)
    return counts.most_common(1)[0][0] if counts else None


def _key(r: ArticleResult, c: Casualty, place: Optional[Place]) -> tuple:
    if place is not None:
        return (c.outcome, "place", place.name.casefold(), None)
    country = c.claimant.actor.country if c.claimant and c.claimant.actor else None
    return (c.outcome, "side", c.population, c.side or _article_country(r), country)


def _incidents(members: list) -> list[list]:
    """Split one place's reports where they are too far apart to be the same incident."""
    out: list[list] = []
    for m in members:
        prev = out[-1][-1] if out else None
        gap = (m[0].article.published - prev[0].article.published).days \
            if prev and m[0].article.published and prev[0].article.published else 0
        if prev is None or (gap > INCIDENT_GAP_DAYS and not m[1].cumulative):
            out.append([m])
        else:
            out[-1].append(m)
    return out


def article_claims(r: ArticleResult) -> dict[tuple, tuple[ArticleResult, Casualty, Optional[Place]]]:
    """The one claim an article contributes to each series key it reports."""
    headline_end = len(r.article.title or "")
    body = {(c.outcome, c.low) for c in r.casualties if c.evidence.start >= headline_end}
    out: dict[tuple, tuple[ArticleResult, Casualty, Optional[Place]]] = {}
    for c in r.casualties:
        in_headline = c.evidence.start < headline_end
        if in_headline and (c.outcome, c.low) in body:
            continue  # the headline repeats a claim the body makes with its context
        place = claim_place(r, c)
        key = _key(r, c, place)
        kept = out.get(key)
        if kept is None or (kept[1].evidence.start < headline_end and not in_headline):
            out[key] = (r, c, place)
    return out


def series(results: list[ArticleResult], min_points: int = 1) -> list[ClaimSeries]:
    groups: dict[tuple, dict[str, tuple[ArticleResult, Casualty, Optional[Place]]]] = defaultdict(dict)
    for r in results:
        for key, member in article_claims(r).items():
            groups[key][r.article.id] = member
    out = []
    for key, by_article in groups.items():
        members = sorted(by_article.values(),
                         key=lambda m: (m[0].article.published or dt.date.min, m[0].article.id))
        chunks = _incidents(members) if key[1] == "place" else [members]
        for chunk in chunks:
            if len(chunk) >= min_points:
                out.append(_series(key, chunk))
    out.sort(key=lambda s: (-len(s.points), s.key))
    return out


def _series(key: tuple, members: list) -> ClaimSeries:
    outcome, kind = key[0], key[1]
    pts = [point(r, c) for r, c, _ in members]
    if kind == "place":
        pops = {m[1].population for m in members} - {"unknown"}
        population = next(iter(pops)) if len(pops) == 1 else None
        place, side, claimant_country = members[0][2].mention.text, None, None
        first = pts[0].published
        scope = f"{outcome}|place|{key[2]}|{first or ''}"
    else:
        population, side, claimant_country, place = key[2], key[3], key[4], None
        scope = f"{outcome}|side|{population}|{side or ''}"
    label = " ".join(x for x in (
        outcome, population if population != "unknown" else None, f"at {place}" if place else None,
        f"side {side}" if side else None, f"claimed by {claimant_country}" if claimant_country else None) if x)
    return ClaimSeries(key=label, scope=scope, outcome=outcome, population=population, side=side, place=place,
                       claimant_country=claimant_country, points=pts, trend=trend([p.low for p in pts]))
