"""The store: articles, their records and ingest bookkeeping, on SQLite (WAL) or PostgreSQL.

Each article is written in one transaction together with its source row, so an
ingest killed at any point leaves either the whole article or nothing, and a
re-run skips sources already done.  The ledger (merged events) is rebuilt from
the stored results into ledger_events / ledger_event_sources when the article
set has changed since the last build (checked on every read, so a reader sees
what another process ingested); claim series and contradictions are computed
from the same results and cached per article set.  Only the WAL listener is
SQLite-specific; all other SQL is SQLAlchemy Core and runs on PostgreSQL.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Optional

from sqlalchemy import (create_engine, delete, event, func, insert, inspect, or_, select, text,
                        update)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.schema import CreateColumn

from ..records import Article, ArticleResult
from . import claims, contradictions, merge
from .models import ClaimSeries, Contradiction, Failure, LedgerEvent
from .schema import (actors, articles, casualties, events, ledger_event_sources, ledger_events,
                     ledger_state, metadata, places, quotes, sources)

LEDGER_RULES = "3"  # bump when merge rules change: stored ledgers are rebuilt


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


def _add_missing_columns(engine: Engine) -> None:
    """Stores created by an older schema gain the new nullable columns (ALTER TABLE ADD COLUMN)."""
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
            side=c.side, cumulative=c.cumulative, place=c.place.name if c.place else None))
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


class Store:
    def __init__(self, url: str = "sqlite:///sitrep.db"):
        self.url = url
        self.engine = make_engine(url)
        metadata.create_all(self.engine)
        _add_missing_columns(self.engine)
        self._cache: dict = {}

    # -- writing ---------------------------------------------------------------
    def _write(self, conn, result: ArticleResult, source: Optional[str]) -> bool:
        a = result.article
        exists = conn.execute(select(articles.c.id).where(articles.c.id == a.id)).first() is not None
        if not exists:
            conn.execute(insert(articles), [dict(
                id=a.id, title=a.title, outlet=a.outlet, published=a.published, url=a.url,
                source_path=a.source_path, text=a.text, result_json=result.model_dump(mode="json"),
                ingested_at=_now())])
            for name, rows in flatten(result).items():
                if rows:
                    conn.execute(insert(TABLES[name]), rows)  # executemany through the driver
        self._mark(conn, source or a.source_path or a.id, "done", article_id=a.id)
        return not exists

    def add_result(self, result: ArticleResult, source: Optional[str] = None) -> bool:
        """Store one article atomically; False when it was already stored (idempotent)."""
        try:
            with self.engine.begin() as conn:
                return self._write(conn, result, source)
        finally:
            self._cache.clear()

    def add_results(self, results: Iterable[ArticleResult], sources: Optional[Iterable[str]] = None,
                    batch_size: int = 200) -> int:
        """Store many articles, one transaction per batch; a failing batch is retried one article
        at a time so that one bad article costs only itself (it raises after the others are in)."""
        results = list(results)
        keys = list(sources) if sources is not None else [None] * len(results)
        if len(keys) != len(results):
            raise ValueError("sources must match results one to one")
        stored, error = 0, None
        for i in range(0, len(results), batch_size):
            batch = list(zip(results[i:i + batch_size], keys[i:i + batch_size]))
            try:
                with self.engine.begin() as conn:
                    stored += sum(self._write(conn, r, k) for r, k in batch)
            except (IntegrityError, DBAPIError):
                for r, k in batch:
                    try:
                        stored += self.add_result(r, source=k)
                    except (IntegrityError, DBAPIError) as exc:
                        error = error or exc
        self._cache.clear()
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
        with self.engine.begin() as conn:
            conn.execute(delete(ledger_event_sources).where(ledger_event_sources.c.article_id == article_id))
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

    # -- reading ---------------------------------------------------------------
    def article(self, article_id: str) -> Optional[ArticleResult]:
        with self.engine.connect() as conn:
            row = conn.execute(select(articles.c.result_json).where(articles.c.id == article_id)).first()
        return ArticleResult.model_validate(row.result_json) if row else None

    def articles(self, since: Optional[dt.date] = None, until: Optional[dt.date] = None,
                 outlet: Optional[str] = None) -> list[Article]:
        q = select(articles.c.result_json).order_by(articles.c.published, articles.c.id)
        if since:
            q = q.where(articles.c.published >= since)
        if until:
            q = q.where(articles.c.published <= until)
        if outlet:
            q = q.where(_like(articles.c.outlet, outlet))
        with self.engine.connect() as conn:
            return [ArticleResult.model_validate(r.result_json).article for r in conn.execute(q)]

    def _signature(self) -> str:
        """Identifies the stored article set (and the merge rules) the ledger must reflect."""
        with self.engine.connect() as conn:
            n, last = conn.execute(select(func.count(), func.max(articles.c.ingested_at))).one()
        return f"rules {LEDGER_RULES}|{n}|{last}|{self._corrections_mark()}"

    def _fresh(self) -> str:
        sig = self._signature()
        if self._cache.get("sig") != sig:
            self._cache = {"sig": sig}
        return sig

    def results(self) -> list[ArticleResult]:
        self._fresh()
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
        self._ensure_ledger()
        with self.engine.connect() as conn:
            counts["ledger_events"] = conn.execute(select(func.count()).select_from(ledger_events)).scalar_one()
        return counts

    # -- the ledger ------------------------------------------------------------
    def rebuild_ledger(self) -> int:
        """Merge all stored events and rewrite the ledger tables in one transaction."""
        sig = self._fresh()
        merged = self.after_merge(merge.merge(self.results()))
        rows, links = [], []
        for e in merged:
            row, ls = ledger_rows(e)
            rows.append(row)
            links.extend(ls)
        try:
            with self.engine.begin() as conn:
                conn.execute(delete(ledger_event_sources))
                conn.execute(delete(ledger_events))
                if rows:
                    conn.execute(insert(ledger_events), rows)
                    conn.execute(insert(ledger_event_sources), links)
                conn.execute(delete(ledger_state).where(ledger_state.c.name == "ledger"))
                conn.execute(insert(ledger_state), [dict(name="ledger", signature=sig, built_at=_now())])
        except IntegrityError:
            pass  # another process rebuilt the same ledger concurrently; its tables are read
        self._cache["ledger"] = sorted(merged, key=lambda e: (e.date or dt.date.min, e.type, e.id))
        return len(merged)

    def _ensure_ledger(self) -> str:
        sig = self._fresh()
        if "ledger_built" not in self._cache:
            with self.engine.connect() as conn:
                built = conn.execute(select(ledger_state.c.signature)
                                     .where(ledger_state.c.name == "ledger")).scalar_one_or_none()
            if built != sig:
                self.rebuild_ledger()
            self._cache["ledger_built"] = True
        return sig

    def _all_ledger(self) -> list[LedgerEvent]:
        if "ledger" not in self._cache:
            self._cache["ledger"] = self.ledger_events()
        return self._cache["ledger"]

    def ledger_events(self, conflict: Optional[str] = None, actor: Optional[str] = None,
                      place: Optional[str] = None, since: Optional[dt.date] = None,
                      until: Optional[dt.date] = None, type: Optional[str] = None) -> list[LedgerEvent]:
        """Merged events, filtered in SQL.  conflict: every ISO3 code given ("ARM-AZE") is a party;
        actor: agent or target name contains it, or its ISO3 country equals it; place: name or the
        article's spelling contains it; since/until: event day (undated events excluded)."""
        self._ensure_ledger()
        t = ledger_events
        q = select(t.c.data)
        for code in filter(None, (conflict or "").upper().replace(",", "-").split("-")):
            q = q.where(t.c.conflict.like(f"%{code.strip()}%"))
        if actor:
            q = q.where(or_(_like(t.c.agent, actor), _like(t.c.target, actor),
                            func.upper(t.c.agent_country) == actor.upper(),
                            func.upper(t.c.target_country) == actor.upper()))
        if place:
            q = q.where(or_(_like(t.c.place, place), _like(t.c.place_mention, place)))
        if since:
            q = q.where(t.c.date >= since)
        if until:
            q = q.where(t.c.date <= until)
        if type:
            q = q.where(t.c.type == type.upper())
        with self.engine.connect() as conn:
            out = [LedgerEvent.model_validate(r.data) for r in conn.execute(q)]
        return sorted(out, key=lambda e: (e.date or dt.date.min, e.type, e.id))

    def ledger_event(self, event_id: str) -> Optional[LedgerEvent]:
        self._ensure_ledger()
        with self.engine.connect() as conn:
            data = conn.execute(select(ledger_events.c.data).where(ledger_events.c.id == event_id)).scalar_one_or_none()
        return LedgerEvent.model_validate(data) if data is not None else None

    def claim_series(self, min_points: int = 1, outcome: Optional[str] = None, side: Optional[str] = None,
                     place: Optional[str] = None, claimant: Optional[str] = None) -> list[ClaimSeries]:
        """Casualty claim series; claimant matches a point's claimant name (contains) or ISO3 country."""
        self._fresh()
        if "series" not in self._cache:
            self._cache["series"] = claims.series(self.results())
        out = []
        for s in self._cache["series"]:
            if len(s.points) < min_points or (outcome and s.outcome != outcome):
                continue
            if side and (s.side or "").upper() != side.upper():
                continue
            if place and place.casefold() not in (s.place or "").casefold():
                continue
            if claimant and not any(claimant.casefold() in (p.claimant or "").casefold()
                                    or (p.claimant_country or "") == claimant.upper() for p in s.points):
                continue
            out.append(s)
        return out

    def contradictions(self, kind: Optional[str] = None) -> list[Contradiction]:
        """casualty_count, event_status and falling_toll contradictions (see contradictions.py)."""
        self._fresh()
        if "contradictions" not in self._cache:
            self._cache["contradictions"] = contradictions.find(self._all_ledger(), self.claim_series())
        return [c for c in self._cache["contradictions"] if kind is None or c.kind == kind]

    # -- corrections, re-processing, deletion, near-duplicate signatures (issue 13) ------------
    # Additive block: the ledger read path calls after_merge() on freshly merged events.
    def after_merge(self, merged: list[LedgerEvent]) -> list[LedgerEvent]:
        """Analyst corrections applied, and independent_sources counted, on merged events."""
        from .corrections import apply_corrections
        from ..ingest.minhash import independent_count
        events = apply_corrections(merged, self.corrections())
        sigs = self.signatures()
        return [e.model_copy(update={"independent_sources": independent_count(
            (s.article_id for s in e.sources), sigs)}) for e in events]

    def _corrections_mark(self) -> str:
        from .schema import corrections
        with self.engine.connect() as conn:
            n, last = conn.execute(select(func.count(), func.max(corrections.c.id))).one()
        return f"c{n}.{last}"

    def corrections(self, event_id: Optional[str] = None) -> list:
        from .corrections import Correction
        from .schema import corrections
        q = select(corrections).order_by(corrections.c.id)
        if event_id:
            q = q.where(corrections.c.event_id == event_id)
        with self.engine.connect() as conn:
            return [Correction.model_validate(dict(r._mapping)) for r in conn.execute(q)]

    def add_correction(self, action: str, event_id: str, field: Optional[str] = None, value=None,
                       analyst: Optional[str] = None, note: Optional[str] = None):
        """Record one correction in the audit table (it is applied on the next ledger read)."""
        from .corrections import Correction, CorrectionError
        from .schema import corrections
        if self.ledger_event(event_id) is None:
            raise CorrectionError(f"no ledger event {event_id}")
        if action == "merge":
            missing = [o for o in value if self.ledger_event(o) is None]
            if missing or not value:
                raise CorrectionError(f"no ledger event {', '.join(missing)}" if missing else "nothing to merge")
        if action == "split":
            have = {f"{s.article_id}:{s.event_index}" for s in self.ledger_event(event_id).sources}
            bad = [v for v in value if v not in have]
            if bad or not value or set(value) >= have:
                raise CorrectionError(f"sources {', '.join(bad)} are not sources of {event_id}" if bad else
                                      "a split must leave at least one source on each side")
        row = dict(created_at=_now(), analyst=analyst, action=action, event_id=event_id, field=field,
                   value=value, note=note)
        with self.engine.begin() as conn:
            new_id = conn.execute(insert(corrections).values(**row)).inserted_primary_key[0]
        self._cache.clear()
        return Correction(id=new_id, **row)

    def signatures(self) -> dict:
        """MinHash of every stored article: stored ones, computed in memory for older articles."""
        from ..ingest.minhash import NUM_PERM, from_bytes, signature
        from .schema import minhash_signatures as sigs
        self._fresh()
        if "signatures" not in self._cache:
            with self.engine.connect() as conn:
                out = {r.article_id: from_bytes(r.hashvalues, r.num_perm)
                       for r in conn.execute(select(sigs)) if r.num_perm == NUM_PERM}
                for aid, text in conn.execute(select(articles.c.id, articles.c.text)):
                    if aid not in out:   # stored before signatures were kept: computed, not written
                        out[aid] = signature(text)
            self._cache["signatures"] = out
        return self._cache["signatures"]

    def save_signature(self, article_id: str, m) -> None:
        from ..ingest.minhash import NUM_PERM, to_bytes
        from .schema import minhash_signatures as sigs
        with self.engine.begin() as conn:
            conn.execute(delete(sigs).where(sigs.c.article_id == article_id))
            conn.execute(insert(sigs), [dict(article_id=article_id, num_perm=NUM_PERM, hashvalues=to_bytes(m))])

    def source_article(self, key: str) -> Optional[Article]:
        """The stored article a done source key produced."""
        with self.engine.connect() as conn:
            aid = conn.execute(select(sources.c.article_id).where(
                sources.c.key == key, sources.c.status == "done")).scalar_one_or_none()
        found = self.article(aid) if aid else None
        return found.article if found else None

    def ingested_at(self) -> dict:
        """When each stored article was (last) ingested: ACLED's `timestamp` of the rows it supports."""
        with self.engine.connect() as conn:
            return {r.id: r.ingested_at for r in conn.execute(select(articles.c.id, articles.c.ingested_at))}

    def _delete_rows(self, conn, article_id: str) -> None:
        from .schema import minhash_signatures
        conn.execute(delete(ledger_event_sources).where(ledger_event_sources.c.article_id == article_id))
        conn.execute(delete(minhash_signatures).where(minhash_signatures.c.article_id == article_id))
        for table in TABLES.values():
            conn.execute(delete(table).where(table.c.article_id == article_id))
        conn.execute(delete(articles).where(articles.c.id == article_id))

    def replace_result(self, old_article_id: Optional[str], result: ArticleResult, source: str) -> None:
        """Re-processing: the source's old article gives way to the new result, in one transaction."""
        try:
            with self.engine.begin() as conn:
                for aid in {old_article_id, result.article.id} - {None}:
                    self._delete_rows(conn, aid)
                self._write(conn, result, source)
        finally:
            self._cache.clear()

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
        with self.engine.begin() as conn:
            for aid in article_ids:
                self._delete_rows(conn, aid)
                conn.execute(delete(sources).where(sources.c.article_id == aid))
                n += 1
        self._cache.clear()
        return n
