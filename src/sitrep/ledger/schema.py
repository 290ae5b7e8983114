"""SQLAlchemy 2 schema: the same tables on SQLite (WAL) and PostgreSQL.

articles hold the full ArticleResult JSON (the source of truth); events,
casualties, quotes, places and actors are flattened copies for SQL queries;
sources record ingest progress (resume) and failures; ledger_events and
ledger_event_sources hold the cross-article merge, rebuilt from the articles
(ledger_state records which articles it was built from).
"""
from __future__ import annotations

from sqlalchemy import (JSON, Boolean, Column, Date, DateTime, Float, ForeignKey, Integer, MetaData,
                        String, Table, Text)

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", String(64), primary_key=True),            # sha256 of the cleaned text
    Column("title", Text), Column("outlet", String(200)), Column("published", Date),
    Column("url", Text), Column("source_path", Text), Column("text", Text, nullable=False),
    Column("result_json", JSON, nullable=False),           # the full ArticleResult
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

sources = Table(  # one row per input item: resume and failure records
    "sources", metadata,
    Column("key", String(1000), primary_key=True),
    Column("status", String(10), nullable=False),          # done | failed
    Column("article_id", String(64)),
    Column("error", Text), Column("attempts", Integer, nullable=False, default=1),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


def _fk():
    return Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True)


events = Table(
    "events", metadata, _fk(), Column("idx", Integer, nullable=False),
    Column("type", String(40), index=True), Column("mode", String(40)), Column("status", String(20)),
    Column("date", Date, index=True), Column("place", Text), Column("lat", Float), Column("lon", Float),
    Column("country", String(3)), Column("agent", Text), Column("agent_country", String(3)),
    Column("target", Text), Column("target_country", String(3)),
    Column("acled_event_type", Text), Column("acled_sub_event_type", Text),
    Column("claimant", Text), Column("claimant_country", String(3)),
    Column("evidence_start", Integer), Column("evidence_end", Integer),
)

casualties = Table(
    "casualties", metadata, _fk(), Column("idx", Integer, nullable=False),
    Column("low", Integer), Column("high", Integer), Column("outcome", String(20)),
    Column("population", String(20)), Column("side", String(100)), Column("cumulative", Boolean),
    Column("place", Text), Column("claimant", Text), Column("claimant_country", String(3)),
    Column("evidence_start", Integer), Column("evidence_end", Integer),
)

quotes = Table(
    "quotes", metadata, _fk(), Column("idx", Integer, nullable=False),
    Column("speaker", Text), Column("speaker_country", String(3)), Column("direct", Boolean),
    Column("content", Text), Column("via", Text),
    Column("claimant", Text), Column("claimant_country", String(3)),
    Column("evidence_start", Integer), Column("evidence_end", Integer),
)

places = Table(
    "places", metadata, _fk(), Column("idx", Integer, nullable=False),
    Column("mention", Text), Column("name", Text), Column("lat", Float), Column("lon", Float),
    Column("country", String(3)), Column("admin1", Text), Column("precision", String(20)),
    Column("start", Integer), Column("end", Integer),
    Column("claimant", Text), Column("claimant_country", String(3)),
    Column("evidence_start", Integer), Column("evidence_end", Integer),
)

actors = Table(
    "actors", metadata, _fk(), Column("idx", Integer, nullable=False),
    Column("mention", Text), Column("name", Text), Column("kind", String(20)), Column("country", String(3)),
    Column("sector", String(10)), Column("metonymy", Boolean), Column("start", Integer), Column("end", Integer),
    Column("claimant", Text), Column("claimant_country", String(3)),
    Column("evidence_start", Integer), Column("evidence_end", Integer),
)

ledger_events = Table(  # one row per merged real-world event
    "ledger_events", metadata,
    Column("id", String(32), primary_key=True),            # hash of the earliest source
    Column("type", String(40), index=True), Column("mode", String(40)), Column("status", String(20)),
    Column("date", Date, index=True),
    Column("place", Text), Column("place_mention", Text), Column("lat", Float), Column("lon", Float),
    Column("country", String(3)), Column("admin1", Text),
    Column("agent", Text), Column("agent_country", String(3)),
    Column("target", Text), Column("target_country", String(3)),
    Column("acled_event_type", Text), Column("acled_sub_event_type", Text),
    Column("conflict", String(100), index=True),           # "ARM-AZE"
    Column("fatalities", Integer), Column("n_sources", Integer, nullable=False),
    Column("data", JSON, nullable=False),                  # the full LedgerEvent
)

ledger_event_sources = Table(  # which article's event (by index) reports which ledger event
    "ledger_event_sources", metadata,
    Column("ledger_event_id", String(32), ForeignKey("ledger_events.id", ondelete="CASCADE"),
           primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True,
           index=True),
    Column("event_idx", Integer, primary_key=True),
    Column("outlet", String(200)), Column("published", Date), Column("status", String(20)),
    Column("evidence_start", Integer), Column("evidence_end", Integer), Column("evidence_text", Text),
    Column("claimant", Text), Column("claimant_country", String(3)),
)

ledger_state = Table(  # one row: the article set the ledger tables were built from
    "ledger_state", metadata,
    Column("name", String(20), primary_key=True),
    Column("signature", String(200), nullable=False),
    Column("built_at", DateTime(timezone=True), nullable=False),
)


# -- analyst corrections and near-duplicate signatures (additive; see ledger/corrections.py) ------
from sqlalchemy import LargeBinary  # noqa: E402

corrections = Table(  # audit trail: every analyst correction, applied by the ledger in id order
    "corrections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("analyst", String(200)),
    Column("action", String(10), nullable=False),          # field | merge | split
    Column("event_id", String(32), nullable=False, index=True),
    Column("field", String(40)),                           # action=field: which LedgerEvent field
    Column("value", JSON),                                 # field: the new value; merge: other ids; split: sources
    Column("note", Text),
)

minhash_signatures = Table(  # MinHash of each stored article's text, kept across runs
    "minhash_signatures", metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("num_perm", Integer, nullable=False),
    Column("hashvalues", LargeBinary, nullable=False),     # uint64 array, little-endian
)
