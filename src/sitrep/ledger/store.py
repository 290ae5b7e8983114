"""The store: articles, their records and ingest bookkeeping, on SQLite (WAL) or PostgreSQL.

Each article is written in one transaction together with its source row and its
place in the ledger: its events join their merged events (incremental.py), its
casualty claims their series and contradictions (claimstore.py), and the day x
country x type counts follow.  An ingest killed at any point leaves either the
whole article or nothing, and a re-run skips sources already done.  Reads only
read: they filter, order, page and count in SQL and never write, so a server
can use a read-only database or role while another process ingests.  After a
change of the merge rules (LEDGER_RULES) the stored ledger is stale until
`sitrep ledger rebuild` (or the next write) re-derives it from the articles.
Only the WAL listener and the PostgreSQL writer lock are dialect-specific; all
other SQL is SQLAlchemy Core.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Iterable, Iterator, Optional, Sequence

from sqlalchemy import (String, Text, and_, bindparam, cast, create_engine, delete, event, exists, func, insert, inspect,
                        or_, select, text, update)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.schema import CreateColumn

from ..records import Article, ArticleResult
from . import claimstore, incremental, merge, overlay, rowcounts
from .models import ClaimSeries, Contradiction, Failure, LedgerEvent
from .schema import (WRITER_LOCK, actors, articles, casualties, claim_points, claim_series, contradictions, events,
                     ledger_daily, ledger_event_sources, ledger_events, ledger_item_keys, ledger_items,
                     ledger_state, metadata, minhash_signatures, places, quotes, sources)
from .schema import corrections as corrections_table

LEDGER_RULES = "6"  # bump when merge rules change: the ledger is re-derived by `sitrep ledger rebuild`
LEDGER_TABLES = (contradictions, claim_series, claim_points, ledger_daily, ledger_event_sources, ledger_events,
                 ledger_item_keys, ledger_items)
log = logging.getLogger(__name__)


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


def _index_names(conn, table: str) -> set[str]:
    """Index names of a table, expression indexes included (the inspector skips those on SQLite)."""
    if conn.dialect.name == "sqlite":
        q = text("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = :t")
    else:
        q = text("SELECT indexname FROM pg_indexes WHERE tablename = :t AND schemaname = current_schema()")
    return set(conn.execute(q, {"t": table}).scalars())


def _add_missing_columns(engine: Engine) -> None:
    """Stores created by an older schema gain the new nullable columns (ALTER TABLE ADD COLUMN);
    nothing is written when the schema is current (a read-only store opens as it is)."""
    have = inspect(engine)
    names = set(have.get_table_names())
    if any(t.name not in names for t in metadata.sorted_tables):
        metadata.create_all(engine)
        have = inspect(engine)
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            if not have.has_table(table.name):
                continue
            existing = {c["name"] for c in have.get_columns(table.name)}
            for column in table.columns:
                if column.name not in existing and column.nullable:
                    ddl = CreateColumn(column).compile(dialect=engine.dialect)
                    conn.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {ddl}"))
            indexes = _index_names(conn, table.name)
            for index in table.indexes:   # indexes added to the schema after the store was made
                if index.name not in indexes:
                    index.create(conn)


def _claim(rec) -> tuple[Optional[str], Optional[str]]:
    c = rec.claimant
    return (c.name if c else None, c.actor.country if c and c.actor else None)


def _common(aid: str, i: int, rec) -> dict:
    who, country = _claim(rec)
    return dict(article_id=aid, idx=i, claimant=who, claimant_country=country,
                evidence_start=rec.evidence.start, evidence_end=rec.evidence.end)


def flatten(result: ArticleResult) -> dict[str, list[dict]]:
    """Rows for the query tables of one article."""
    aid = result.article.id
    rows: dict[str, list[dict]] = {"events": [], "casualties": [], "quotes": [], "places": [], "actors": []}
    for i, e in enumerate(result.events):
        rows["events"].append(dict(
            _common(aid, i, e), type=e.type, mode=e.mode, status=e.status,
            date=merge.event_day(e), place=e.place.name if e.place else None,
            lat=e.place.lat if e.place else None, lon=e.place.lon if e.place else None,
            country=e.place.country if e.place else None,
            agent=e.agent.name if e.agent else None, agent_country=e.agent.country if e.agent else None,
            target=e.target.name if e.target else None, target_country=e.target.country if e.target else None,
            acled_event_type=e.acled_event_type, acled_sub_event_type=e.acled_sub_event_type))
    for i, c in enumerate(result.casualties):
        rows["casualties"].append(dict(
            _common(aid, i, c), low=c.low, high=c.high, outcome=c.outcome, population=c.population,
            side=c.side, cumulative=c.cumulative, place=c.place.name if c.place else None,
            mention_start=c.mention.start, mention_end=c.mention.end, mention_text=c.mention.text))
    for i, q in enumerate(result.quotes):
        rows["quotes"].append(dict(
            _common(aid, i, q), speaker=q.speaker.name if q.speaker else None,
            speaker_country=q.speaker.country if q.speaker else None, direct=q.direct, content=q.content.text,
            via=q.via))
    for i, p in enumerate(result.places):
        rows["places"].append(dict(
            _common(aid, i, p), mention=p.mention.text, name=p.name, lat=p.lat, lon=p.lon, country=p.country,
            admin1=p.admin1, precision=p.precision, start=p.mention.start, end=p.mention.end))
    for i, a in enumerate(result.actors):
        rows["actors"].append(dict(
            _common(aid, i, a), mention=a.mention.text, name=a.ref.name, kind=a.ref.kind,
            country=a.ref.country, sector=a.ref.sector, metonymy=a.metonymy,
            start=a.mention.start, end=a.mention.end))
    return rows


TABLES = {"events": events, "casualties": casualties, "quotes": quotes, "places": places, "actors": actors}


def ledger_rows(e: LedgerEvent) -> tuple[dict, list[dict]]:
    p = e.place
    row = dict(
        id=e.id, type=e.type, mode=e.mode, status=e.status, date=e.date,
        place=p.name if p else None, place_mention=p.mention if p else None,
        lat=p.lat if p else None, lon=p.lon if p else None, country=p.country if p else None,
        admin1=p.admin1 if p else None,
        agent=e.agent.name if e.agent else None, agent_country=e.agent.country if e.agent else None,
        target=e.target.name if e.target else None, target_country=e.target.country if e.target else None,
        acled_event_type=e.acled_event_type, acled_sub_event_type=e.acled_sub_event_type,
        conflict=e.conflict, fatalities=e.fatalities, n_sources=len(e.sources), data=e.model_dump(mode="json"))
    links = [dict(ledger_event_id=e.id, article_id=s.article_id, event_idx=s.event_index, outlet=s.outlet,
                  published=s.published, status=s.status, evidence_start=s.evidence.start,
                  evidence_end=s.evidence.end, evidence_text=s.evidence.text, claimant=s.claimant,
                  claimant_country=s.claimant_country) for s in e.sources]
    return row, links


def _like(column, needle: str):
    """Case-insensitive substring match; % and _ in the needle are literal characters."""
    escaped = needle.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def matches(needle: Optional[str], *columns):
    """An ISO3 code in capitals ("ARM") equals a column; anything else is a case-insensitive
    substring of one ("arm" also finds "army").  None: no condition."""
    if not needle:
        return None
    if re.fullmatch(r"[A-Z]{3}", needle):
        return or_(*(c == needle for c in columns))
    return or_(*(_like(c, needle) for c in columns))


def _where(q, *conditions):
    for c in conditions:
        if c is not None:
            q = q.where(c)
    return q




def _event_filters(t, conflict=None, actor=None, place=None, since=None, until=None, type=None) -> list:
    out = [t.c.conflict.like(f"%{code.strip()}%")
           for code in filter(None, (conflict or "").upper().replace(",", "-").split("-"))]
    if actor:
        out.append(or_(_like(t.c.agent, actor), _like(t.c.target, actor),
                       func.upper(t.c.agent_country) == actor.upper(),
                       func.upper(t.c.target_country) == actor.upper()))
    if place:
        out.append(or_(_like(t.c.place, place), _like(t.c.place_mention, place)))
    if since or until:   # only dated events have a day: said as the index's leading column
        out.append(t.c.undated == 0)
    if since:
        out.append(t.c.date >= since)
    if until:
        out.append(t.c.date <= until)
    if type:
        out.append(t.c.type == type.upper())
    return out


class Store:
    def __init__(self, url: str = "sqlite:///sitrep.db"):
        self.url = url
        self.engine = make_engine(url)
        try:
            _add_missing_columns(self.engine)
            rowcounts.install(self.engine)
            self._stamp_empty()
        except (OperationalError, ProgrammingError) as exc:   # a read-only database or role
            log.info("store %s opened without schema changes: %s", url, exc)
        self._counted = rowcounts.counted(self.engine)   # tables whose totals the triggers keep
        self._current = False
        self._states = incremental.States()   # this store's decoded report states (merge cache)

    def _stamp_empty(self) -> None:
        """A store without articles or ledger state starts with the current rules."""
        with self.engine.connect() as conn:
            state = conn.execute(select(ledger_state.c.signature).where(ledger_state.c.name == "ledger")).first()
            if state is not None or conn.execute(select(articles.c.id).limit(1)).first() is not None:
                return
        with self.engine.begin() as conn:
            conn.execute(insert(ledger_state), [dict(name="ledger", signature=self._rules(), built_at=_now())])

    @staticmethod
    def _rules() -> str:
        return f"rules {LEDGER_RULES} index {incremental.INDEX}"

    def ledger_current(self) -> bool:
        """Whether the ledger tables were derived with the current merge rules."""
        with self.engine.connect() as conn:
            sig = conn.execute(select(ledger_state.c.signature).where(ledger_state.c.name == "ledger")).scalar()
        return sig == self._rules()

    # -- writing ---------------------------------------------------------------
    def _lock(self, conn) -> None:
        """Writers attach one article at a time: the merge reads the neighbourhood it changes."""
        if conn.dialect.name == "postgresql":
            conn.execute(text(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})"))

    def _loader(self, conn):
        def load(article_id: str) -> ArticleResult:
            data = conn.execute(select(articles.c.result_json).where(articles.c.id == article_id)).scalar_one()
            return ArticleResult.model_validate(data)
        return load

    def _attach(self, conn, result: ArticleResult) -> None:
        """The article's events into the ledger, its claims into their series (same transaction)."""
        with incremental.cycles_uncollected():
            m = incremental.Merger(conn, self._loader(conn), self._states)
            m.add([merge._Item(result, i, e) for i, e in enumerate(result.events) if merge.codable(e)])
            m.flush()
            claimstore.add_article(conn, result)

    def _write(self, conn, result: ArticleResult, source: Optional[str]) -> bool:
        a = result.article
        exists_ = conn.execute(select(articles.c.id).where(articles.c.id == a.id)).first() is not None
        if not exists_:
            conn.execute(insert(articles), [dict(
                id=a.id, title=a.title, outlet=a.outlet, published=a.published, url=a.url,
                source_path=a.source_path, text=a.text, result_json=result.model_dump(mode="json"),
                ingested_at=_now())])
            for name, rows in flatten(result).items():
                if rows:
                    conn.execute(insert(TABLES[name]), rows)  # executemany through the driver
            self._save_signature(conn, a)
            self._attach(conn, result)
        self._mark(conn, source or a.source_path or a.id, "done", article_id=a.id)
        return not exists_

    def _ready(self) -> None:
        if not self._current:
            if not self.ledger_current():
                self.rebuild_ledger()
            self._current = True

    def add_result(self, result: ArticleResult, source: Optional[str] = None) -> bool:
        """Store one article atomically; False when it was already stored (idempotent)."""
        self._ready()
        with self.engine.begin() as conn:
            self._lock(conn)
            return self._write(conn, result, source)

    def add_results(self, results: Iterable[ArticleResult], sources: Optional[Iterable[str]] = None,
                    batch_size: int = 200) -> int:
        """Store many articles, one transaction per batch; a failing batch is retried one article
        at a time so that one bad article costs only itself (it raises after the others are in)."""
        results = list(results)
        keys = list(sources) if sources is not None else [None] * len(results)
        if len(keys) != len(results):
            raise ValueError("sources must match results one to one")
        self._ready()
        stored, error = 0, None
        for i in range(0, len(results), batch_size):
            batch = list(zip(results[i:i + batch_size], keys[i:i + batch_size]))
            try:
                with self.engine.begin() as conn:
                    self._lock(conn)
                    stored += sum(self._write(conn, r, k) for r, k in batch)
            except (IntegrityError, DBAPIError):
                for r, k in batch:
                    try:
                        stored += self.add_result(r, source=k)
                    except (IntegrityError, DBAPIError) as exc:
                        error = error or exc
        if error is not None:
            raise error
        return stored

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
        """Remove an article; the reports after its events are decided again without it."""
        self._ready()
        with self.engine.begin() as conn:
            self._lock(conn)
            self._remove(conn, article_id)   # drops the merge cache: the id may come back re-extracted
            conn.execute(delete(sources).where(sources.c.article_id == article_id))

    def _remove(self, conn, article_id: str) -> None:
        """The article, its records and signature, and its place in the ledger (its source rows stay)."""
        with incremental.cycles_uncollected():
            m = incremental.Merger(conn, self._loader(conn), self._states)
            m.remove(article_id)
            m.flush()
        claimstore.remove_article(conn, article_id)
        for table in TABLES.values():
            conn.execute(delete(table).where(table.c.article_id == article_id))
        conn.execute(delete(minhash_signatures).where(minhash_signatures.c.article_id == article_id))
        conn.execute(delete(articles).where(articles.c.id == article_id))

    def rebuild_ledger(self, batch_size: int = 200, progress=None) -> int:
        """Re-derive the ledger, claim series and contradictions (and the flattened query tables)
        from the stored articles, after a change of the rules.  Articles stream in batches in
        (published, id) order, one transaction per batch, so memory stays bounded; the order
        does not change the result."""
        self._states.clear()
        with self.engine.begin() as conn:
            self._lock(conn)
            for table in LEDGER_TABLES:
                conn.execute(delete(table))
            conn.execute(delete(ledger_state).where(ledger_state.c.name == "ledger"))
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(articles)).scalar_one()
        pub = func.coalesce(articles.c.published, dt.date.min)
        done, last = 0, None
        while True:   # keyset pages in (published, id) order: memory is one batch
            q = select(articles.c.id, pub.label("pub"), articles.c.result_json).order_by(pub, articles.c.id)
            if last is not None:
                q = q.where(or_(pub > last[0], and_(pub == last[0], articles.c.id > last[1])))
            with self.engine.begin() as conn:
                self._lock(conn)
                rows = conn.execute(q.limit(batch_size)).all()
                for row in rows:
                    result = ArticleResult.model_validate(row.result_json)
                    for table in TABLES.values():
                        conn.execute(delete(table).where(table.c.article_id == row.id))
                    for name, frows in flatten(result).items():
                        if frows:
                            conn.execute(insert(TABLES[name]), frows)
                    self._attach(conn, result)
            if not rows:
                break
            last = (rows[-1].pub, rows[-1].id)
            done += len(rows)
            if progress:
                progress(done, total)
        with self.engine.begin() as conn:
            conn.execute(insert(ledger_state), [dict(name="ledger", signature=self._rules(), built_at=_now())])
            n = conn.execute(select(func.count()).select_from(ledger_events)).scalar_one()
        self._current = True
        return n

    # -- bookkeeping -----------------------------------------------------------
    def source_done(self, key: str) -> bool:
        with self.engine.connect() as conn:
            row = conn.execute(select(sources.c.status).where(sources.c.key == key)).first()
        return row is not None and row.status == "done"

    def pending(self, keys: Iterable[str]) -> list[str]:
        """The keys not yet stored (new or failed), in their order: what a resumed ingest must do."""
        keys = list(keys)
        done: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                done |= set(conn.execute(select(sources.c.key).where(
                    sources.c.key.in_(chunk), sources.c.status == "done")).scalars())
        return [k for k in keys if k not in done]

    def failures(self) -> list[Failure]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(sources).where(sources.c.status == "failed").order_by(sources.c.key)).all()
        return [Failure(source=r.key, reason=r.error or "", attempts=r.attempts, updated_at=r.updated_at) for r in rows]

    # -- reading (never writes) --------------------------------------------------
    def article(self, article_id: str) -> Optional[ArticleResult]:
        with self.engine.connect() as conn:
            row = conn.execute(select(articles.c.result_json).where(articles.c.id == article_id)).first()
        return ArticleResult.model_validate(row.result_json) if row else None

    def _article_query(self, since=None, until=None, outlet=None):
        q = select(articles.c.id).order_by(articles.c.published, articles.c.id)
        return _where(q, articles.c.published >= since if since else None,
                      articles.c.published <= until if until else None, matches(outlet, articles.c.outlet))

    def article_page(self, since: Optional[dt.date] = None, until: Optional[dt.date] = None,
                     outlet: Optional[str] = None, limit: Optional[int] = None, offset: int = 0
                     ) -> tuple[list[dict], int]:
        """Article summaries (no JSON parsed) and the total matching, oldest first."""
        ids = self._article_query(since, until, outlet)
        counts = {name: select(func.count()).select_from(t).where(t.c.article_id == articles.c.id)
                  .scalar_subquery() for name, t in (("events", events), ("casualties", casualties),
                                                     ("quotes", quotes))}
        # page the ids first (an index scan), then read the summaries of that page only
        page = ids.offset(offset).limit(limit) if limit else ids.offset(offset)
        q = select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.published, articles.c.url,
                   articles.c.source_path, *(c.label(n) for n, c in counts.items())) \
            .where(articles.c.id.in_(page.scalar_subquery())).order_by(articles.c.published, articles.c.id)
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(ids.subquery())).scalar_one() \
                if since or until or outlet else self._total(conn, articles)
            rows = conn.execute(q).all()
        return [dict(r._mapping) for r in rows], total

    def articles(self, since: Optional[dt.date] = None, until: Optional[dt.date] = None,
                 outlet: Optional[str] = None) -> list[Article]:
        with self.engine.connect() as conn:
            ids = list(conn.execute(self._article_query(since, until, outlet)).scalars())
        return [r.article for r in self._results(ids)]

    def _results(self, ids: list[str], batch: int = 200) -> Iterator[ArticleResult]:
        for i in range(0, len(ids), batch):
            with self.engine.connect() as conn:
                rows = dict(conn.execute(select(articles.c.id, articles.c.result_json)
                                         .where(articles.c.id.in_(ids[i:i + batch]))).all())
            for aid in ids[i:i + batch]:
                yield ArticleResult.model_validate(rows[aid])

    def iter_results(self, batch: int = 200) -> Iterator[ArticleResult]:
        """Every stored article, undated first, then by (published, id): keyset pages of `batch`,
        so memory is one page whatever the store's size (exports)."""
        pub = func.coalesce(articles.c.published, dt.date.min)
        last = None
        while True:
            q = select(articles.c.id, pub.label("pub"), articles.c.result_json).order_by(pub, articles.c.id)
            if last is not None:
                q = q.where(or_(pub > last[0], and_(pub == last[0], articles.c.id > last[1])))
            with self.engine.connect() as conn:
                rows = conn.execute(q.limit(batch)).all()
            for row in rows:
                yield ArticleResult.model_validate(row.result_json)
            if len(rows) < batch:
                return
            last = (rows[-1].pub, rows[-1].id)

    def results_for(self, ids: Iterable[str]) -> dict[str, ArticleResult]:
        """The stored articles with these ids (those stored), by id."""
        return {r.article.id: r for r in self._results(self._stored_ids(ids))}

    def ingested_at(self, ids: Iterable[str]) -> dict[str, dt.datetime]:
        """When each of these stored articles was (last) ingested: ACLED's `timestamp` of the rows
        it supports."""
        ids = sorted(set(ids))
        out: dict[str, dt.datetime] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                out.update(conn.execute(select(articles.c.id, articles.c.ingested_at)
                                        .where(articles.c.id.in_(ids[i:i + 500]))).all())
        return out

    def _stored_ids(self, ids: Iterable[str]) -> list[str]:
        ids = sorted(set(ids))
        found: list[str] = []
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                found += conn.execute(select(articles.c.id).where(articles.c.id.in_(ids[i:i + 500]))).scalars()
        return found

    def ledger_event_pages(self, batch: int = 500, order: Sequence = ()) -> Iterator[list[LedgerEvent]]:
        """Every merged event as reads show them (corrections applied), a page of `batch` at a time
        from one streaming query (one snapshot).  order: SQL order terms over ledger_events
        (default the API's: dated first, by date, type, id)."""
        t = ledger_events
        q = select(t.c.data).order_by(*(order or (t.c.undated, t.c.date, t.c.type, t.c.id)))
        with self.engine.connect() as conn:
            found = overlay.structural(conn)
            gone = overlay.absorbed(found)
            if gone:
                q = q.where(t.c.id.not_in(gone))
            for part in conn.execution_options(yield_per=batch).execute(q).scalars().partitions(batch):
                items = [LedgerEvent.model_validate(data) for data in part]
                with self.engine.connect() as other:
                    yield overlay.on_read(items, found, lambda ids: self._stored_events(other, ids))

    def results(self) -> list[ArticleResult]:
        """Every stored article in memory: for exports of a small store, never for serving."""
        return list(self.iter_results())

    def _total(self, conn, table, where: Sequence = ()) -> int:
        """Rows matching where, counted; with no condition, the total kept at write time where
        the store has row_counts (rowcounts.py)."""
        if where:
            return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()
        return rowcounts.total(conn, table, self._counted)

    def stats(self) -> dict:
        with self.engine.connect() as conn:
            counts = {name: self._total(conn, t)
                      for name, t in {"articles": articles, **TABLES, "ledger_events": ledger_events}.items()}
            counts["failures"] = conn.execute(
                select(func.count()).select_from(sources).where(sources.c.status == "failed")).scalar_one()
        counts["ledger_current"] = int(self.ledger_current())
        return counts

    # -- the ledger ------------------------------------------------------------
    def ledger_page(self, conflict: Optional[str] = None, actor: Optional[str] = None,
                    place: Optional[str] = None, since: Optional[dt.date] = None,
                    until: Optional[dt.date] = None, type: Optional[str] = None,
                    limit: Optional[int] = None, offset: int = 0) -> tuple[list[LedgerEvent], int]:
        """Merged events and the number matching, filtered, ordered (dated first, by date, type,
        id) and paged in SQL.  conflict: every ISO3 code given ("ARM-AZE") is a party; actor:
        agent or target name contains it, or its ISO3 country equals it; place: name or the
        article's spelling contains it; since/until: event day (undated events excluded)."""
        t = ledger_events
        where = _event_filters(t, conflict, actor, place, since, until, type)
        order = (t.c.undated, t.c.date, t.c.type, t.c.id)
        with self.engine.connect() as conn:
            found = overlay.structural(conn)
            gone = overlay.absorbed(found)   # events an analyst merged into another: shown only under that one
            # the page's ids first, off the order index alone (an offset skips index entries, not
            # rows and their JSON), then that page's rows
            shown_where = [*where, *([t.c.id.not_in(gone)] if gone else [])]
            ids = select(t.c.id).where(*shown_where).order_by(*order).offset(offset)
            ids = ids.limit(limit) if limit else ids
            q = select(t.c.data).where(t.c.id.in_(ids.scalar_subquery())).order_by(*order)
            if where:
                total = self._total(conn, t, shown_where)
            else:   # the whole ledger: its kept count, less the absorbed events (found by key)
                total = self._total(conn, t) - (self._total(conn, t, [t.c.id.in_(gone)]) if gone else 0)
            items = [LedgerEvent.model_validate(data) for data in conn.execute(q).scalars()]
            shown = overlay.on_read(items, found, lambda ids: self._stored_events(conn, ids))
        return shown, total + len(shown) - len(items)

    @staticmethod
    def _stored_events(conn, ids: list[str]) -> list[LedgerEvent]:
        rows = conn.execute(select(ledger_events.c.data).where(ledger_events.c.id.in_(ids))).scalars() if ids else []
        return [LedgerEvent.model_validate(d) for d in rows]

    def ledger_events(self, **filters) -> list[LedgerEvent]:
        """Every matching merged event (ledger_page without paging)."""
        return self.ledger_page(**filters)[0]

    def ledger_event(self, event_id: str) -> Optional[LedgerEvent]:
        """One merged event as reads show it (merge and split corrections applied); None for an
        event an analyst merged into another."""
        from .corrections import split_id
        with self.engine.connect() as conn:
            found = overlay.structural(conn)
            if event_id in overlay.absorbed(found):
                return None
            parents = [c.event_id for c in found if c.action == "split" and split_id(c.event_id, c.value) == event_id]
            stored = self._stored_events(conn, [event_id, *parents])
            shown = overlay.on_read(stored, found, lambda ids: self._stored_events(conn, ids))
        return next((e for e in shown if e.id == event_id), None)

    def daily(self, since: Optional[dt.date] = None, until: Optional[dt.date] = None,
              country: Optional[str] = None, type: Optional[str] = None, conflict: Optional[str] = None,
              actor: Optional[str] = None, place: Optional[str] = None) -> list[dict]:
        """Dated ledger events per day, country (ISO3 of the place, "" when unknown) and type: from
        the ledger_daily summary table, or, with conflict/actor/place (which it does not hold),
        counted by the database over the ledger events those filters match."""
        if conflict or actor or place:
            t = ledger_events
            where = [t.c.date.is_not(None), *_event_filters(t, conflict, actor, place, since, until, type)]
            if country:
                where.append(t.c.country == country.upper())
            ctry = func.coalesce(t.c.country, "")
            q = select(t.c.date.label("day"), ctry.label("country"), t.c.type,
                       func.count().label("events"), func.coalesce(func.sum(t.c.fatalities), 0).label("fatalities")) \
                .where(*where).group_by(t.c.date, ctry, t.c.type).order_by(t.c.date, ctry, t.c.type)
            with self.engine.connect() as conn:
                return [dict(r._mapping) for r in conn.execute(q)]
        t = ledger_daily
        q = _where(select(t).order_by(t.c.day, t.c.country, t.c.type),
                   t.c.day >= since if since else None, t.c.day <= until if until else None,
                   t.c.country == country.upper() if country else None,
                   t.c.type == type.upper() if type else None)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    # -- claims ------------------------------------------------------------------
    def casualty_claims(self, side=None, claimant=None, outcome=None, population=None, since=None, until=None,
                        limit: Optional[int] = None, offset: int = 0, conflict: Optional[str] = None,
                        actor: Optional[str] = None, place: Optional[str] = None) -> tuple[list[dict], int]:
        """Casualty claims as reported, with their article's date and outlet, and the total; dated
        first.  conflict: the side or the claimant's country is one of the ISO3 codes; actor: the
        claimant or the side (as matches()); place: the claim's place contains it."""
        c, a = casualties, articles
        parties = [x.strip() for x in (conflict or "").upper().replace(",", "-").split("-") if x.strip()]
        where = [x for x in (matches(side, c.c.side), matches(claimant, c.c.claimant, c.c.claimant_country),
                             c.c.outcome == outcome if outcome else None,
                             c.c.population == population if population else None,
                             a.c.published >= since if since else None,
                             a.c.published <= until if until else None,
                             or_(c.c.side.in_(parties), c.c.claimant_country.in_(parties)) if parties else None,
                             matches(actor, c.c.claimant, c.c.claimant_country, c.c.side),
                             _like(c.c.place, place) if place else None) if x is not None]
        order = (a.c.published.is_(None), a.c.published, c.c.article_id, c.c.idx)
        # the page's keys first (ix_articles_order, ix_casualties_article_idx), then its rows: the
        # evidence is cut from only the page's article texts
        keys = select(c.c.article_id, c.c.idx).select_from(a).join(c, a.c.id == c.c.article_id) \
            .where(*where).order_by(*order).offset(offset)
        page = (keys.limit(limit) if limit else keys).subquery()
        evidence = func.substr(a.c.text, c.c.evidence_start + 1, c.c.evidence_end - c.c.evidence_start)
        q = select(c, a.c.published, a.c.outlet, evidence.label("evidence_text")) \
            .join(page, and_(page.c.article_id == c.c.article_id, page.c.idx == c.c.idx)) \
            .join(a, a.c.id == c.c.article_id).order_by(*order)
        # every claim's article is stored (foreign key): the join is needed only to filter on it
        counted = select(func.count()).select_from(c.join(a, a.c.id == c.c.article_id) if since or until else c) \
            .where(*where)
        with self.engine.connect() as conn:
            total = conn.execute(counted).scalar_one() if where else self._total(conn, c)   # since/until are in where
            rows = conn.execute(q).all()
        return [dict(r._mapping) for r in rows], total

    def claim_series(self, min_points: int = 1, outcome: Optional[str] = None, side: Optional[str] = None,
                     place: Optional[str] = None, claimant: Optional[str] = None,
                     population: Optional[str] = None, since: Optional[dt.date] = None,
                     until: Optional[dt.date] = None, point_claimant: Optional[str] = None,
                     limit: Optional[int] = None, offset: int = 0, points_limit: Optional[int] = None,
                     with_total: bool = False, point_actor: Optional[str] = None,
                     point_conflict: Optional[str] = None, point_articles: Optional[list[str]] = None,
                     raw: bool = False):
        """Casualty claim series, longest first.  claimant: a point's claimant name contains it
        or its ISO3 country equals it (the whole series is returned); since/until and
        point_claimant (as matches()) keep only the points that match, and series left without
        points are dropped.  points_limit: at most that many points per series, earliest first
        (n_points has the total).  point_actor: the point's claimant or the series' side (as
        matches()); point_conflict: the point's claimant country or the series' side is one of the
        ISO3 codes; point_articles: points from these articles only.  raw: each series as the dict
        ClaimSeries.model_dump(mode="json") gives, its points as their stored JSON texts, not
        validated models."""
        s, p = claim_series, claim_points
        parties = [x.strip() for x in (point_conflict or "").upper().replace(",", "-").split("-") if x.strip()]

        def point_where_for(side_col):
            """side_col: the series' side column, or its value (literal) once the series is read."""
            return [x for x in (
                p.c.published >= since if since else None,
                p.c.published <= until if until else None,
                matches(point_claimant, p.c.claimant, p.c.claimant_country),
                p.c.article_id.in_(point_articles) if point_articles is not None else None,
                or_(matches(point_actor, p.c.claimant, p.c.claimant_country), matches(point_actor, side_col))
                if point_actor else None,
                or_(p.c.claimant_country.in_(parties), side_col.in_(parties)) if parties else None)
                if x is not None]

        point_where = point_where_for(s.c.side)
        where = [x for x in (
            s.c.n_points >= min_points if min_points > 1 else None,
            s.c.outcome == outcome if outcome else None,
            func.upper(s.c.side) == side.upper() if side and not re.fullmatch(r"[A-Z]{3}", side) else None,
            s.c.side == side if side and re.fullmatch(r"[A-Z]{3}", side) else None,
            _like(s.c.place, place) if place else None,
            s.c.population == population if population else None,
            exists().where(p.c.series == s.c.id, or_(_like(p.c.claimant, claimant),
                                                     p.c.claimant_country == claimant.upper()))
            if claimant else None,
            exists().where(p.c.series == s.c.id, *point_where) if point_where else None) if x is not None]
        q = select(s.c.id, s.c.data, s.c.n_points).where(*where) \
            .order_by(s.c.n_points.desc(), s.c.label, s.c.id).offset(offset)   # ix_claim_series_rank
        # a page's points in few statements: series with at most points_limit points (most of
        # them) in one IN query, the longer ones (war-wide tolls) one each, their first points off
        # ix_claim_points_series_sort; the series' side is a parameter of the point filters
        side_param = bindparam("side", type_=String)
        mine = point_where_for(side_param) if point_actor or parties else point_where
        point = cast(p.c.point, Text) if raw else p.c.point   # raw: the stored JSON text, not parsed
        one = select(point).where(p.c.series == bindparam("sid"), *mine).order_by(p.c.sort)
        if points_limit:
            one = one.limit(points_limit)
        with self.engine.connect() as conn:
            rows = conn.execute(q.limit(limit) if limit else q).all()
            total = self._total(conn, s, where) if with_total else None
            points: dict[str, list] = {r.id: [] for r in rows}
            short = [r for r in rows if not points_limit or r.n_points <= points_limit]
            for side in sorted({r.data.get("side") for r in short}, key=lambda x: (x is None, x or "")):
                ids = [r.id for r in short if r.data.get("side") == side]
                for i in range(0, len(ids), 500):
                    many = select(p.c.series, point.label("point")).where(p.c.series.in_(ids[i:i + 500]), *mine) \
                        .order_by(p.c.series, p.c.sort)
                    for x in conn.execute(many, {"side": side}):
                        points[x.series].append(x.point)
            for r in rows:
                if points_limit and r.n_points > points_limit:
                    points[r.id] = list(conn.execute(one, {"sid": r.id, "side": r.data.get("side")}).scalars())
            out = []
            for r in rows:
                # the stored JSON is ClaimSeries / ClaimPoint.model_dump(mode="json"): raw readers
                # (the API) send it as it is, without parsing or a pydantic round trip per point
                found = {**r.data, "points": points[r.id], "n_points": r.n_points}
                out.append(found if raw else ClaimSeries.model_validate(found))
        return (out, total) if with_total else out

    def contradictions(self, kind: Optional[str] = None, limit: Optional[int] = None, offset: int = 0,
                       with_total: bool = False, conflict: Optional[str] = None, actor: Optional[str] = None,
                       place: Optional[str] = None, since: Optional[dt.date] = None,
                       until: Optional[dt.date] = None, event_id: Optional[str] = None):
        """casualty_count, event_status and falling_toll contradictions (see contradictions.py),
        kept at write time; ordered by the date of their first item.  Each carries the ledger
        event reported in the sentence of one of its items (found in SQL when read, so it follows
        later merges) and that event's place where it has none of its own.  conflict/actor/place
        filter on that event (as ledger_page), else on the items' claimants and the place;
        since/until: an item published in range."""
        t, les, le = contradictions, ledger_event_sources, ledger_events.alias("ce")

        def sentence_event(art, start):
            return select(les.c.ledger_event_id).where(les.c.article_id == art, les.c.evidence_start == start) \
                .order_by(les.c.ledger_event_id).limit(1).scalar_subquery()

        eid = func.coalesce(t.c.event_id, sentence_event(t.c.article_a, t.c.start_a),
                            sentence_event(t.c.article_b, t.c.start_b))
        at = func.coalesce(t.c.place, select(ledger_events.c.place).where(ledger_events.c.id == eid)
                           .scalar_subquery())
        where = [x for x in (t.c.kind == kind if kind else None, eid == event_id if event_id else None) if x is not None]
        if since or until:
            where.append(or_(*(and_(d.is_not(None), *([d >= since] if since else []), *([d <= until] if until else []))
                               for d in (t.c.published_a, t.c.published_b))))
        if conflict or actor or place:
            parties = [x.strip() for x in (conflict or "").upper().replace(",", "-").split("-") if x.strip()]
            by_claims = [x for x in (
                or_(t.c.country_a.in_(parties), t.c.country_b.in_(parties)) if parties else None,
                matches(actor, t.c.claimant_a, t.c.country_a, t.c.claimant_b, t.c.country_b),
                _like(at, place) if place else None) if x is not None]
            where.append(or_(exists().where(le.c.id == eid, *_event_filters(le, conflict, actor, place)),
                             and_(*by_claims)))
        q = select(t.c.data, eid.label("eid"), at.label("at")).where(*where).order_by(t.c.sort, t.c.id).offset(offset)
        with self.engine.connect() as conn:
            items = [Contradiction.model_validate({**r.data, "event_id": r.eid, "place": r.at})
                     for r in conn.execute(q.limit(limit) if limit else q)]
            total = self._total(conn, t, where) if with_total else None
        return (items, total) if with_total else items

    # -- corrections, re-processing, deletion, near-duplicate signatures (issue 13) ------------
    def corrections(self, event_id: Optional[str] = None) -> list:
        from .corrections import Correction
        q = select(corrections_table).order_by(corrections_table.c.id)
        if event_id:
            q = q.where(corrections_table.c.event_id == event_id)
        with self.engine.connect() as conn:
            return [Correction.model_validate(dict(r._mapping)) for r in conn.execute(q)]

    def add_correction(self, action: str, event_id: str, field: Optional[str] = None, value=None,
                       analyst: Optional[str] = None, note: Optional[str] = None):
        """Record one correction in the audit table and apply it to the ledger rows it touches,
        in one transaction (see ledger/overlay.py: corrections stay applied when the write-time
        merge later rewrites those events)."""
        from .corrections import Correction, CorrectionError
        event = self.ledger_event(event_id)
        if event is None:
            raise CorrectionError(f"no ledger event {event_id}")
        if action == "merge":
            missing = [o for o in value if self.ledger_event(o) is None]
            if missing or not value:
                raise CorrectionError(f"no ledger event {', '.join(missing)}" if missing else "nothing to merge")
        if action == "split":
            have = {f"{s.article_id}:{s.event_index}" for s in event.sources}
            bad = [v for v in value if v not in have]
            if bad or not value or set(value) >= have:
                raise CorrectionError(f"sources {', '.join(bad)} are not sources of {event_id}" if bad else
                                      "a split must leave at least one source on each side")
        row = dict(created_at=_now(), analyst=analyst, action=action, event_id=event_id, field=field,
                   value=value, note=note)
        with self.engine.begin() as conn:
            self._lock(conn)
            key = conn.execute(insert(corrections_table).values(**row)).inserted_primary_key
            if key is None:  # an INSERT always returns its key; a driver that does not cannot store corrections
                raise CorrectionError("the database returned no id for the correction")
            new_id = key[0]
            m = incremental.Merger(conn, self._loader(conn), self._states)
            m.touch_events([event_id, *(value if action == "merge" else [])])
            m.flush()
        return Correction(id=new_id, **row)

    def signatures(self) -> dict:
        """MinHash of every stored article (ingest's near-duplicate index); articles stored
        before signatures were kept get theirs computed in memory, not written."""
        from ..ingest.minhash import NUM_PERM, from_bytes, signature
        with self.engine.connect() as conn:
            out = {r.article_id: from_bytes(r.hashvalues, r.num_perm)
                   for r in conn.execute(select(minhash_signatures)) if r.num_perm == NUM_PERM}
            missing = select(articles.c.id, articles.c.text).where(
                ~exists().where(minhash_signatures.c.article_id == articles.c.id))
            for aid, text_ in conn.execute(missing):
                out[aid] = signature(text_)
        return out

    @staticmethod
    def _save_signature(conn, article: Article) -> None:
        """Kept with the article: the ledger counts independent sources from it at write time."""
        from ..ingest.minhash import NUM_PERM, signature, to_bytes
        conn.execute(delete(minhash_signatures).where(minhash_signatures.c.article_id == article.id))
        conn.execute(insert(minhash_signatures), [dict(article_id=article.id, num_perm=NUM_PERM,
                                                       hashvalues=to_bytes(signature(article.text)))])

    def source_article(self, key: str) -> Optional[Article]:
        """The stored article a done source key produced."""
        with self.engine.connect() as conn:
            aid = conn.execute(select(sources.c.article_id).where(
                sources.c.key == key, sources.c.status == "done")).scalar_one_or_none()
        found = self.article(aid) if aid else None
        return found.article if found else None

    def replace_result(self, old_article_id: Optional[str], result: ArticleResult, source: str) -> None:
        """Re-processing: the source's old article gives way to the new result, in one
        transaction; the ledger drops the old article's reports and takes the new ones."""
        self._ready()
        with self.engine.begin() as conn:
            self._lock(conn)
            for aid in {a for a in (old_article_id, result.article.id) if a is not None}:
                self._remove(conn, aid)
            self._write(conn, result, source)

    def resolve_articles(self, target: str) -> list[str]:
        """Article ids named by an id (or a prefix of 8+ characters), a source key, or a path
        (every source key under it)."""
        with self.engine.connect() as conn:
            if len(target) >= 8:
                ids = list(conn.execute(select(articles.c.id).where(
                    articles.c.id.startswith(target, autoescape=True))).scalars())
                if ids:
                    return ids
            q = select(sources.c.article_id).where(
                or_(sources.c.key == target, sources.c.key.startswith(f"{target}#", autoescape=True),
                    sources.c.key.startswith(f"{target.rstrip('/')}/", autoescape=True)),
                sources.c.article_id.is_not(None))
            return list(dict.fromkeys(conn.execute(q).scalars()))

    def delete_articles(self, article_ids: Iterable[str]) -> int:
        """Remove articles with their records, source rows and signatures; the ledger follows."""
        n = 0
        for aid in article_ids:
            self.delete_article(aid)
            n += 1
        return n
