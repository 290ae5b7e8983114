"""Row counts kept at write time, so that unfiltered totals do not scan their table.

PostgreSQL's count(*) reads every row (MVCC keeps no row count), so the events page and
/api/stats grew linearly with the store.  Here triggers on each counted table add and subtract
the rows a statement inserts or deletes in `row_counts`, in the writer's own transaction, so
every write path (article writes, the merge, rebuilds, deletions, foreign-key cascades) keeps
them exact without the Python code having to remember.  Reads take a total from `row_counts`
only for a table whose row is there; a store made before this table existed, opened read-only,
falls back to count(*).

Installing is a write: it happens where a writable store is opened (Store.__init__), creates
the triggers and the table's first count in one transaction, and does nothing when they are
already there, so opening a current store read-only writes nothing.
"""
from __future__ import annotations

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, ProgrammingError

from .schema import (WRITER_LOCK, actors, articles, casualties, claim_series, contradictions, events, ledger_events,
                     places, quotes, row_counts)

COUNTED: tuple[Table, ...] = (articles, events, casualties, quotes, places, actors, ledger_events, claim_series,
                              contradictions)

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION sitrep_row_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE row_counts SET n = n + (SELECT count(*) FROM changed_rows) WHERE name = TG_TABLE_NAME;
  ELSE
    UPDATE row_counts SET n = n - (SELECT count(*) FROM changed_rows) WHERE name = TG_TABLE_NAME;
  END IF;
  RETURN NULL;
END $$
"""


def _pg_triggers(name: str) -> list[str]:
    # statement-level with a transition table: one counter update per statement, not per row
    return [f"CREATE OR REPLACE TRIGGER row_counts_{op.lower()} AFTER {op} ON {name} "
            f"REFERENCING {side} TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION sitrep_row_counts()"
            for op, side in (("INSERT", "NEW"), ("DELETE", "OLD"))]


def _sqlite_triggers(name: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS row_counts_{name}_{op.lower()}" for op in ("INSERT", "DELETE")] + [
        f"CREATE TRIGGER row_counts_{name}_{op.lower()} AFTER {op} ON {name} "
        f"BEGIN UPDATE row_counts SET n = n {sign} 1 WHERE name = '{name}'; END"
        for op, sign in (("INSERT", "+"), ("DELETE", "-"))]


def _names(conn: Connection) -> set[str]:
    return set(conn.execute(select(row_counts.c.name)).scalars())


def counted(engine: Engine) -> set[str]:
    """The tables whose totals row_counts keeps: none when the store predates it (read-only)."""
    with engine.connect() as conn:
        try:
            return _names(conn)
        except (OperationalError, ProgrammingError) as exc:   # no row_counts table: count(*) it is
            if "row_counts" not in str(exc):
                raise
            return set()


def install(engine: Engine) -> None:
    """Triggers and first counts for the counted tables that lack them (a writable store only)."""
    if counted(engine) >= {t.name for t in COUNTED}:
        return
    postgres = engine.dialect.name == "postgresql"
    with engine.begin() as conn:
        if postgres:   # the writers' lock: no article is written between a trigger and its count
            conn.execute(text(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})"))
            conn.execute(text(_PG_FUNCTION))
        have = _names(conn)
        for table in COUNTED:
            if table.name in have:
                continue
            for ddl in (_pg_triggers if postgres else _sqlite_triggers)(table.name):
                conn.execute(text(ddl))
            n = conn.execute(select(func.count()).select_from(table)).scalar_one()
            conn.execute(insert(row_counts), [dict(name=table.name, n=n)])


def total(conn: Connection, table: Table, have: set[str]) -> int:
    """The table's row count: kept by the triggers where they are installed, else counted."""
    if table.name in have:
        return conn.execute(select(row_counts.c.n).where(row_counts.c.name == table.name)).scalar_one()
    return conn.execute(select(func.count()).select_from(table)).scalar_one()
