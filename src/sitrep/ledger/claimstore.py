"""Claim series and their contradictions kept at write time (claims.py and contradictions.py
define them; this module keeps their rows current as articles arrive).

Every article contributes one claim_points row per series key (claims.article_claims).
A touched key is refreshed from its own rows only:
* an incident (place) key: its points are split into incidents (a gap of more than
  claims.INCIDENT_GAP_DAYS starts one), each series with the count conflicts and
  falling tolls inside it; a new point can only join or split the incidents of the
  points before and after it, so only those are rebuilt;
* a war-wide toll (side) key is one series, which grows with the store: a new
  point updates it from its neighbours only (the counts before and after it, the
  same claimant's running counts before and after it), and count conflicts with
  other claimants of the same toll are found between the new article and the
  articles published within a day of it, one per pair of articles.  A removed
  point has the toll recomputed from its points.
All of it depends only on the stored points, not on the order they arrived in.
"""
from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace
from typing import Optional

from sqlalchemy import case, delete, func, insert, select, update

from ..records import Article, Casualty, Place
from . import claims, contradictions as rules
from .incremental import contradiction_rows
from .models import ClaimPoint, ClaimSeries
from .schema import claim_points, claim_series, contradictions

NO_DAY = "0000-00-00"


def key_str(key: tuple) -> str:
    return json.dumps(list(key))


def _family(key: tuple) -> str:
    """What casualty_conflicts compares within: an incident place, or a toll across claimants."""
    if key[1] == "place":
        return f"{key[0]}|place|{key[2]}"
    return f"{key[0]}|side|{key[2]}|{key[3] or ''}"


def add_article(conn, result) -> None:
    contributed = claims.article_claims(result)
    if not contributed:
        return
    aid, pub = result.article.id, result.article.published
    rows = []
    for key, (r, c, place) in sorted(contributed.items(), key=lambda kv: key_str(kv[0])):
        p = claims.point(r, c)
        rows.append(dict(
            key=key_str(key), article_id=aid, sort=f"{pub or NO_DAY}|{aid}", kind=key[1], scope=_family(key),
            series=_toll_series(key_str(key)) if key[1] == "side" else "", published=pub, low=p.low, high=p.high, cumulative=p.cumulative, claimant=p.claimant,
            claimant_country=p.claimant_country, outlet=p.outlet, point=p.model_dump(mode="json"),
            casualty=c.model_dump(mode="json"), place=place.model_dump(mode="json") if place else None))
    conn.execute(insert(claim_points), rows)
    for key, row in zip(sorted(contributed, key=key_str), rows):
        if key[1] == "side":
            _add_toll_point(conn, key, row)
        else:
            _add_place_point(conn, key, row)
    for family in sorted({_family(k) for k in contributed if k[1] == "side"}):
        toll_conflicts(conn, family, aid)


def remove_article(conn, article_id: str) -> None:
    keys = conn.execute(select(claim_points.c.key).where(claim_points.c.article_id == article_id)).scalars().all()
    conn.execute(delete(claim_points).where(claim_points.c.article_id == article_id))
    conn.execute(delete(contradictions).where(contradictions.c.owner.like(f"pair:%{article_id}%")))
    for k in keys:
        refresh_key(conn, tuple(json.loads(k)))


def _owned_by_key(ks: str):
    """A key's contradictions: the toll's (owner key:KEY) or its incidents' (key:KEY#FIRST)."""
    o, prefix = contradictions.c.owner, f"key:{ks}#"
    return (o == f"key:{ks}") | (func.substr(o, 1, len(prefix)) == prefix)   # no LIKE: names hold % and _


def refresh_key(conn, key: tuple) -> None:
    ks = key_str(key)
    conn.execute(delete(claim_series).where(claim_series.c.key == ks))
    conn.execute(delete(contradictions).where(_owned_by_key(ks)))
    if key[1] == "place":
        _refresh_incidents(conn, key, ks)
    else:
        _refresh_toll(conn, key, ks)


def _toll_series(ks: str) -> str:
    """A war-wide toll key is one series."""
    return f"{ks}#"


def _member(row) -> tuple:
    art = SimpleNamespace(article=Article(id=row.article_id, text="", published=row.published, outlet=row.outlet))
    return (art, Casualty.model_validate(row.casualty), Place.model_validate(row.place) if row.place else None)


def _series_row(ks: str, sid: str, s: ClaimSeries, n: int) -> dict:
    return dict(id=sid, key=ks, scope=s.scope, label=s.key, outcome=s.outcome, population=s.population,
                side=s.side, place=s.place, claimant_country=s.claimant_country, n_points=n, trend=s.trend,
                data=s.model_copy(update={"points": []}).model_dump(mode="json"))


def _refresh_incidents(conn, key: tuple, ks: str, where=None) -> None:
    """Split a place key's points (those matching `where`: a run of whole incidents, else all)
    into incidents and write each one's series and contradictions."""
    t = claim_points
    q = select(t.c.sort, t.c.article_id, t.c.published, t.c.outlet, t.c.casualty, t.c.place).where(t.c.key == ks)
    rows = conn.execute((q if where is None else q.where(where)).order_by(t.c.sort)).all()
    members = [_member(r) + (r.sort,) for r in rows]
    out = []
    for chunk in claims._incidents(members):
        sid = f"{ks}#{chunk[0][3]}"
        s = claims._series(key, [m[:3] for m in chunk])
        out.append(_series_row(ks, sid, s, len(chunk)))
        conn.execute(update(t).where(t.c.key == ks, t.c.sort.in_([m[3] for m in chunk])).values(series=sid))
        _insert(conn, f"key:{sid}", rules.casualty_conflicts([s]) + rules.falling_tolls([s]))
    if out:
        conn.execute(insert(claim_series), out)


def _add_place_point(conn, key: tuple, row: dict) -> None:
    """A new point of an incident key: whether a point starts an incident depends only on the
    point before it, so the new one can only change the incidents of its two neighbours (join
    them, or split one); those are rebuilt, not the place's every incident."""
    t, ks, x = claim_points, row["key"], row["sort"]
    if conn.execute(select(contradictions.c.id).where(contradictions.c.owner == f"key:{ks}").limit(1)).first():
        refresh_key(conn, key)   # a key written before incidents owned their contradictions
        return
    near = {conn.execute(select(t.c.series).where(t.c.key == ks, t.c.sort < x).order_by(t.c.sort.desc())
                         .limit(1)).scalar(),
            conn.execute(select(t.c.series).where(t.c.key == ks, t.c.sort > x).order_by(t.c.sort).limit(1)).scalar()}
    sids = sorted(near - {None, ""})
    if sids:
        conn.execute(delete(claim_series).where(claim_series.c.id.in_(sids)))
        conn.execute(delete(contradictions).where(contradictions.c.owner.in_([f"key:{sid}" for sid in sids])))
    _refresh_incidents(conn, key, ks, where=t.c.series.in_(sids) | (t.c.sort == x))


def _refresh_toll(conn, key: tuple, ks: str) -> None:
    t = claim_points
    sid = _toll_series(ks)
    # points get their toll's series id when written; only points written before that need it
    # (an index lookup of series "", not a scan of the toll's points, which grow with the store)
    conn.execute(update(t).where(t.c.series == "", t.c.key == ks).values(series=sid))
    # the trend from the steps between consecutive counts, summed by the database
    steps = select(t.c.low, func.lag(t.c.low).over(order_by=t.c.sort).label("prev")).where(t.c.key == ks).subquery()
    n, ups, downs = conn.execute(select(func.count(), func.sum(case((steps.c.low > steps.c.prev, 1), else_=0)),
                                        func.sum(case((steps.c.low < steps.c.prev, 1), else_=0)))).one()
    if not n:
        return
    first = conn.execute(select(t.c.article_id, t.c.published, t.c.outlet, t.c.casualty, t.c.place)
                         .where(t.c.key == ks).order_by(t.c.sort).limit(1)).one()
    s = claims._series(key, [_member(first)])
    trend = "single" if n < 2 else "stable" if not ups and not downs else "rising" if not downs \
        else "falling" if not ups else "mixed"   # claims.trend over the counts in order
    s = s.model_copy(update={"trend": trend})
    conn.execute(insert(claim_series), [_series_row(ks, sid, s, n)])
    nums = conn.execute(select(t.c.sort, t.c.published, t.c.low, t.c.high, t.c.cumulative, t.c.claimant,
                               t.c.claimant_country).where(t.c.key == ks, t.c.cumulative.is_(True),
                                                           t.c.published.is_not(None)).order_by(t.c.sort)).all()
    pairs = rules.falling_pairs(nums)
    if pairs:
        points = _points(conn, ks, {x.sort for pair in pairs for x in pair})
        _insert(conn, f"key:{ks}", [rules.falling_toll(s, points[a.sort], points[b.sort]) for a, b in pairs])


# the trend is over the steps between consecutive counts; which kinds of step it has (up, down)
TREND_STEPS = {"single": (False, False), "stable": (False, False), "rising": (True, False),
               "falling": (False, True), "mixed": (True, True)}


def _trend(n: int, up: bool, down: bool) -> str:
    return "single" if n < 2 else "stable" if not up and not down else "rising" if not down \
        else "falling" if not up else "mixed"


def _add_toll_point(conn, key: tuple, row: dict) -> None:
    """A new point of a war-wide toll, from its neighbours, not the toll's every point.

    Trend: a point between counts p and q replaces the step p -> q by p -> x -> q; when p > q,
    p > x or x > q, so the kinds of step a series has only grow and the new ones decide.
    Falling tolls: a running count is compared with the same claimant's one before it (one
    toll key has one claimant country; without one, the claimant's name), so only the pairs
    around the new point change."""
    t, ks = claim_points, row["key"]
    sid = _toll_series(ks)
    cur = conn.execute(select(claim_series.c.n_points, claim_series.c.trend, claim_series.c.data,
                              claim_series.c.label, claim_series.c.place).where(claim_series.c.id == sid)).first()
    if cur is None or cur.trend not in TREND_STEPS:
        refresh_key(conn, key)    # the toll's first point (or a series written otherwise)
        return
    x = row["sort"]
    near = [conn.execute(select(t.c.low).where(t.c.key == ks, t.c.sort < x).order_by(t.c.sort.desc()).limit(1))
            .scalar(),
            conn.execute(select(t.c.low).where(t.c.key == ks, t.c.sort > x).order_by(t.c.sort).limit(1)).scalar()]
    up, down = TREND_STEPS[cur.trend]
    for a, b in ((near[0], row["low"]), (row["low"], near[1])):
        if a is not None and b is not None:
            up, down = up or b > a, down or b < a
    n = cur.n_points + 1
    trend = _trend(n, up, down)
    conn.execute(update(claim_series).where(claim_series.c.id == sid)
                 .values(n_points=n, trend=trend, data={**cur.data, "trend": trend}))
    if not (row["cumulative"] and row["published"] is not None):
        return
    same = [t.c.key == ks, t.c.cumulative.is_(True), t.c.published.is_not(None)]
    if not key[4]:   # no claimant country: the same claimant by name, none without one
        if row["claimant"] is None:
            return
        same.append(t.c.claimant == row["claimant"])
    cols = select(t.c.sort, t.c.point).where(*same)
    before = conn.execute(cols.where(t.c.sort < x).order_by(t.c.sort.desc()).limit(1)).first()
    after = conn.execute(cols.where(t.c.sort > x).order_by(t.c.sort).limit(1)).first()
    owner, s = f"key:{ks}", SimpleNamespace(key=cur.label, place=cur.place)
    mine = ClaimPoint.model_validate(row["point"])
    a, b = (ClaimPoint.model_validate(r.point) if r is not None else None for r in (before, after))
    if a is not None and b is not None and _falls(a, b):   # no longer consecutive
        gone = contradiction_rows(owner, [rules.falling_toll(s, a, b)])
        conn.execute(delete(contradictions).where(contradictions.c.id.in_([r["id"] for r in gone])))
    _insert(conn, owner, [rules.falling_toll(s, p, q) for p, q in ((a, mine), (mine, b))
                          if p is not None and q is not None and _falls(p, q)])


def _falls(a: ClaimPoint, b: ClaimPoint) -> bool:
    """rules.falling_pairs' test of a running count b after the same claimant's a."""
    return bool(rules.falling_pairs([a, b]))


def _points(conn, ks: str, sorts: set[str]) -> dict[str, ClaimPoint]:
    t = claim_points
    rows = conn.execute(select(t.c.sort, t.c.point).where(t.c.key == ks, t.c.sort.in_(sorted(sorts))))
    return {r.sort: ClaimPoint.model_validate(r.point) for r in rows}


def toll_conflicts(conn, family: str, article_id: str) -> None:
    """Count conflicts between one article and the others within a day in one toll family: for
    each pair of articles, the first disagreeing pair of their points in (date, article, key)
    order, as casualty_conflicts would find it."""
    t = claim_points
    mine = conn.execute(select(t.c.key, t.c.article_id, t.c.published, t.c.point)
                        .where(t.c.scope == family, t.c.article_id == article_id, t.c.published.is_not(None))).all()
    if not mine:
        return
    lo = min(r.published for r in mine) - dt.timedelta(days=rules.SAME_DAYS)
    hi = max(r.published for r in mine) + dt.timedelta(days=rules.SAME_DAYS)
    others = conn.execute(select(t.c.key, t.c.article_id, t.c.published, t.c.point)
                          .where(t.c.scope == family, t.c.article_id != article_id,
                                 t.c.published >= lo, t.c.published <= hi)).all()
    by_article: dict[str, list] = {}
    for r in others:
        by_article.setdefault(r.article_id, []).append(r)
    found_series = conn.execute(select(claim_series.c.key, claim_series.c.label, claim_series.c.place)
                                .where(claim_series.c.key.in_({r.key for r in mine + others}))).all()
    labels = {r.key: r.label for r in found_series}
    places = {r.key: r.place for r in found_series}
    for other in sorted(by_article):
        pair = sorted(mine + by_article[other], key=lambda r: (r.published, r.article_id, r.key))
        points = [(r, ClaimPoint.model_validate(r.point)) for r in pair]
        found = _first_conflict(points, labels, places)
        if found is not None:
            _insert(conn, f"pair:{family}|{'|'.join(sorted((article_id, other)))}", [found])


def _first_conflict(points, labels, places) -> Optional[object]:
    for i, (ra, a) in enumerate(points):
        for rb, b in points[i + 1:]:
            if rules.comparable(a, b) and rules.disagree(a, b):
                label = labels.get(ra.key, "")
                return rules.casualty_conflict(label if ra.key == rb.key else label.split(" claimed by ")[0], a, b,
                                              places.get(ra.key))
    return None


def _insert(conn, owner: str, found) -> None:
    rows = contradiction_rows(owner, found)
    if rows:
        conn.execute(delete(contradictions).where(contradictions.c.id.in_([r["id"] for r in rows])))
        conn.execute(insert(contradictions), rows)
