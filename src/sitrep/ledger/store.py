"""The store: articles, their records and ingest bookkeeping, on SQLite (WAL) or PostgreSQL.

Each article is written in one transaction together with its source row, so an
ingest killed at any point leaves either the whole article or nothing, and a
re-run skips sources already done.  The ledger (merged events, claim series,
contradictions) is computed from the stored results and cached until the next
write.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Optional

from sqlalchemy import create_engine, delete, event, func, insert, select, update
from sqlalchemy.engine import Engine

from ..records import Article, ArticleResult
from . import claims, contradictions, merge
from .models import ClaimSeries, Contradiction, Failure, LedgerEvent
from .schema import actors, articles, casualties, events, metadata, places, quotes, sources


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _sqlite_pragmas(dbapi_conn, _record):
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def make_engine(url: str) -> Engine:
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _claim(rec) -> tuple[Optional[str], Optional[str]]:
    c = rec.claimant
    return (c.name if c else None, c.actor.country if c and c.actor else None)


def flatten(result: ArticleResult) -> dict[str, list[dict]]:
    """Rows for the query tables of one article."""
    aid = result.article.id
    rows: dict[str, list[dict]] = {"events": [], "casualties": [], "quotes": [], "places": [], "actors": []}
    for i, e in enumerate(result.events):
        who, country = _claim(e)
        rows["events"].append(dict(
            article_id=aid, idx=i, type=e.type, mode=e.mode, status=e.status,
            date=merge.event_day(e), place=e.place.name if e.place else None,
            lat=e.place.lat if e.place else None, lon=e.place.lon if e.place else None,
            country=e.place.country if e.place else None,
            agent=e.agent.name if e.agent else None, agent_country=e.agent.country if e.agent else None,
            target=e.target.name if e.target else None, target_country=e.target.country if e.target else None,
            acled_event_type=e.acled_event_type, acled_sub_event_type=e.acled_sub_event_type,
            claimant=who, claimant_country=country, evidence_start=e.evidence.start, evidence_end=e.evidence.end))
    for i, c in enumerate(result.casualties):
        who, country = _claim(c)
        rows["casualties"].append(dict(
            article_id=aid, idx=i, low=c.low, high=c.high, outcome=c.outcome, population=c.population,
            side=c.side, cumulative=c.cumulative, place=c.place.name if c.place else None, claimant=who,
            claimant_country=country, evidence_start=c.evidence.start, evidence_end=c.evidence.end))
    for i, q in enumerate(result.quotes):
        rows["quotes"].append(dict(
            article_id=aid, idx=i, speaker=q.speaker.name if q.speaker else None,
            speaker_country=q.speaker.country if q.speaker else None, direct=q.direct, content=q.content.text,
            via=q.via, evidence_start=q.evidence.start, evidence_end=q.evidence.end))
    for i, p in enumerate(result.places):
        rows["places"].append(dict(
            article_id=aid, idx=i, mention=p.mention.text, name=p.name, lat=p.lat, lon=p.lon, country=p.country,
            admin1=p.admin1, precision=p.precision, start=p.mention.start, end=p.mention.end))
    for i, a in enumerate(result.actors):
        rows["actors"].append(dict(
            article_id=aid, idx=i, mention=a.mention.text, name=a.ref.name, kind=a.ref.kind,
            country=a.ref.country, sector=a.ref.sector, metonymy=a.metonymy,
            start=a.mention.start, end=a.mention.end))
    return rows


TABLES = {"events": events, "casualties": casualties, "quotes": quotes, "places": places, "actors": actors}


class Store:
    def __init__(self, url: str = "sqlite:///sitrep.db"):
        self.url = url
        self.engine = make_engine(url)
        metadata.create_all(self.engine)
        self._cache: dict = {}

    # -- writing ---------------------------------------------------------------
    def add_result(self, result: ArticleResult, source: Optional[str] = None) -> bool:
        """Store one article atomically; False when it was already stored (idempotent)."""
        a = result.article
        key = source or a.source_path or a.id
        with self.engine.begin() as conn:
            exists = conn.execute(select(articles.c.id).where(articles.c.id == a.id)).first() is not None
            if not exists:
                conn.execute(insert(articles), [dict(
                    id=a.id, title=a.title, outlet=a.outlet, published=a.published, url=a.url,
                    source_path=a.source_path, text=a.text, result_json=result.model_dump(mode="json"),
                    ingested_at=_now())])
                for name, rows in flatten(result).items():
                    if rows:
                        conn.execute(insert(TABLES[name]), rows)  # executemany through the driver
            self._mark(conn, key, "done", article_id=a.id)
        self._cache.clear()
        return not exists

    def add_results(self, results: Iterable[ArticleResult]) -> int:
        return sum(self.add_result(r) for r in results)

    def record_failure(self, source: str, reason: str) -> None:
        with self.engine.begin() as conn:
            self._mark(conn, source, "failed", error=reason)

    def _mark(self, conn, key: str, status: str, article_id: Optional[str] = None, error: Optional[str] = None):
        row = conn.execute(select(sources.c.attempts, sources.c.status).where(sources.c.key == key)).first()
        values = dict(status=status, article_id=article_id, error=error, updated_at=_now())
        if row is None:
            conn.execute(insert(sources), [dict(key=key, attempts=1, **values)])
        else:
            conn.execute(update(sources).where(sources.c.key == key).values(attempts=row.attempts + 1, **values))

    def delete_article(self, article_id: str) -> None:
        with self.engine.begin() as conn:
            for table in TABLES.values():
                conn.execute(delete(table).where(table.c.article_id == article_id))
            conn.execute(delete(articles).where(articles.c.id == article_id))
            conn.execute(delete(sources).where(sources.c.article_id == article_id))
        self._cache.clear()

    # -- bookkeeping -----------------------------------------------------------
    def source_done(self, key: str) -> bool:
        with self.engine.connect() as conn:
            row = conn.execute(select(sources.c.status).where(sources.c.key == key)).first()
        return row is not None and row.status == "done"

    def pending(self, keys: Iterable[str]) -> list[str]:
        return [k for k in keys if not self.source_done(k)]

    def failures(self) -> list[Failure]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(sources).where(sources.c.status == "failed").order_by(sources.c.key)).all()
        return [Failure(source=r.key, reason=r.error or "", attempts=r.attempts, updated_at=r.updated_at) for r in rows]

    # -- reading ---------------------------------------------------------------
    def article(self, article_id: str) -> Optional[ArticleResult]:
        with self.engine.connect() as conn:
            row = conn.execute(select(articles.c.result_json).where(articles.c.id == article_id)).first()
        return ArticleResult.model_validate(row.result_json) if row else None

    def articles(self, since: Optional[dt.date] = None, until: Optional[dt.date] = None) -> list[Article]:
        q = select(articles.c.result_json).order_by(articles.c.published, articles.c.id)
        if since:
            q = q.where(articles.c.published >= since)
        if until:
            q = q.where(articles.c.published <= until)
        with self.engine.connect() as conn:
            return [ArticleResult.model_validate(r.result_json).article for r in conn.execute(q)]

    def results(self) -> list[ArticleResult]:
        if "results" not in self._cache:
            with self.engine.connect() as conn:
                rows = conn.execute(select(articles.c.result_json).order_by(articles.c.published, articles.c.id))
                self._cache["results"] = [ArticleResult.model_validate(r.result_json) for r in rows]
        return self._cache["results"]

    def stats(self) -> dict:
        with self.engine.connect() as conn:
            counts = {name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                      for name, t in {"articles": articles, **TABLES}.items()}
            counts["failures"] = conn.execute(
                select(func.count()).select_from(sources).where(sources.c.status == "failed")).scalar_one()
        counts["ledger_events"] = len(self._ledger())
        return counts

    # -- the ledger ------------------------------------------------------------
    def _ledger(self) -> list[LedgerEvent]:
        if "ledger" not in self._cache:
            self._cache["ledger"] = merge.merge(self.results())
        return self._cache["ledger"]

    def ledger_events(self, conflict: Optional[str] = None, actor: Optional[str] = None,
                      place: Optional[str] = None, since: Optional[dt.date] = None,
                      until: Optional[dt.date] = None, type: Optional[str] = None) -> list[LedgerEvent]:
        out = []
        for e in self._ledger():
            if conflict and (e.conflict is None or not set(conflict.upper().split("-")) <= set(e.conflict.split("-"))):
                continue
            if actor and not _actor_match(e, actor):
                continue
            if place and not (e.place and any(place.casefold() in (n or "").casefold()
                                              for n in (e.place.name, e.place.mention))):
                continue
            if since and (e.date is None or e.date < since):
                continue
            if until and (e.date is None or e.date > until):
                continue
            if type and e.type != type.upper():
                continue
            out.append(e)
        return sorted(out, key=lambda e: (e.date or dt.date.min, e.type, e.id))

    def claim_series(self, min_points: int = 1) -> list[ClaimSeries]:
        if "series" not in self._cache:
            self._cache["series"] = claims.series(self.results())
        return [s for s in self._cache["series"] if len(s.points) >= min_points]

    def contradictions(self) -> list[Contradiction]:
        return contradictions.find(self._ledger(), self.claim_series())


def _actor_match(e: LedgerEvent, needle: str) -> bool:
    n = needle.casefold()
    for ref in (e.agent, e.target):
        if ref and (n in ref.name.casefold() or (ref.country or "").casefold() == n):
            return True
    return False
