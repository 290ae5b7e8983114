"""SQLAlchemy 2 schema: the same tables on SQLite (WAL) and PostgreSQL.

articles hold the full ArticleResult JSON (the source of truth); events,
casualties, quotes, places and actors are flattened copies for SQL queries;
sources record ingest progress (resume) and failures; ledger_events and
ledger_event_sources hold the cross-article merge.  The merge is maintained at
write time (ledger/incremental.py): ledger_items holds each report with the
state the merge rules read, ledger_item_keys its candidate-index postings (type
block, day, map cell, place name), so a new report finds its candidates with one
indexed query.  claim_points / claim_series / contradictions hold the claim
series and contradictions, ledger_daily the day x country x type counts;
ledger_state records the merge rules the tables were built with.
"""
from __future__ import annotations

from sqlalchemy import (JSON, BigInteger, Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer,
                        MetaData, String, Table, Text)

metadata = MetaData()
WRITER_LOCK = 80808   # PostgreSQL advisory lock key: one writer at a time changes the ledger

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
    Column("status", String(10), nullable=False, index=True),   # done | failed (indexed: stats count failures)
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
    Column("mention_start", Integer), Column("mention_end", Integer), Column("mention_text", Text),
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

# the claims table's order (dated first, by date, article, index): a page is read off these two
Index("ix_articles_order", articles.c.published.is_(None), articles.c.published, articles.c.id)
Index("ix_casualties_article_idx", casualties.c.article_id, casualties.c.idx)
# the articles page's order (published, id): a page of ids is read off the index, not the JSON rows
Index("ix_articles_published_id", articles.c.published, articles.c.id)

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
    # summary columns kept at write time
    Column("leader", String(120), unique=True),            # ledger_items.sort of the earliest report
    Column("date_min", Date), Column("date_max", Date),    # the range the sources' dates span
    Column("status_set", String(200)),                     # every status a source reported, sorted
    Column("undated", Integer),                            # 1 when date is NULL: dated events sort first
)
Index("ix_ledger_events_order", ledger_events.c.undated, ledger_events.c.date, ledger_events.c.type,
      ledger_events.c.id)
# a page of one type in a date range read as one index range, in page order (no scan of the type)
Index("ix_ledger_events_type_order", ledger_events.c.type, ledger_events.c.undated, ledger_events.c.date,
      ledger_events.c.id)

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

ledger_items = Table(  # one row per report (an article's event) in the merge
    "ledger_items", metadata,
    Column("sort", String(120), primary_key=True),         # the merge's total order: when|published|article|idx
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("leader", String(120), nullable=False, index=True),  # sort of its group's earliest report
    Column("state", JSON, nullable=False),                 # what the merge rules read (incremental.encode)
)

ledger_item_keys = Table(  # candidate-index postings of each report
    "ledger_item_keys", metadata,
    Column("key", String(300), primary_key=True),
    Column("sort", String(120), ForeignKey("ledger_items.sort", ondelete="CASCADE"), primary_key=True),
)

claim_points = Table(  # one casualty claim per article and claim key (claims.article_claims)
    "claim_points", metadata,
    Column("key", String(400), primary_key=True),          # the series key, JSON
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True,
           index=True),
    Column("sort", String(90), nullable=False),            # published|article_id: the series order
    Column("kind", String(10), nullable=False),            # place | side
    Column("scope", String(400), nullable=False, index=True),
    Column("series", String(500), nullable=False, index=True),  # claim_series.id
    Column("published", Date), Column("low", Integer), Column("high", Integer),
    Column("cumulative", Boolean), Column("claimant", Text), Column("claimant_country", String(3)),
    Column("outlet", String(200)),
    Column("point", JSON, nullable=False),                 # the ClaimPoint
    Column("casualty", JSON, nullable=False),              # the Casualty and its place, for the series label
    Column("place", JSON),
)
Index("ix_claim_points_key_sort", claim_points.c.key, claim_points.c.sort)
Index("ix_claim_points_scope_published", claim_points.c.scope, claim_points.c.published)

claim_series = Table(  # one row per claim series; its points are claim_points rows with this series id
    "claim_series", metadata,
    Column("id", String(500), primary_key=True),           # key + "#" + the sort of its first point
    Column("key", String(400), nullable=False, index=True),
    Column("scope", String(400), nullable=False),
    Column("label", Text), Column("outcome", String(20)), Column("population", String(20)),
    Column("side", String(100)), Column("place", Text), Column("claimant_country", String(3)),
    Column("n_points", Integer, nullable=False), Column("trend", String(10)),
    Column("data", JSON, nullable=False),                  # the ClaimSeries without its points
)
Index("ix_claim_series_order", claim_series.c.n_points, claim_series.c.label)
# the API's order (longest first, by label, id) read off the index, no sort of every series
Index("ix_claim_series_rank", claim_series.c.n_points.desc(), claim_series.c.label, claim_series.c.id)
# a series' first points in order without sorting all of a war-wide toll's points
Index("ix_claim_points_series_sort", claim_points.c.series, claim_points.c.sort)
# a toll's running counts next to a new one (claimstore._add_toll_point): by claimant country
# (one per toll key) or, where that is unknown, by claimant name
Index("ix_claim_points_key_running", claim_points.c.key, claim_points.c.cumulative, claim_points.c.sort)
Index("ix_claim_points_key_claimant", claim_points.c.key, claim_points.c.cumulative, claim_points.c.claimant,
      claim_points.c.sort)

contradictions = Table(  # maintained with the claim series and ledger events they come from
    "contradictions", metadata,
    Column("id", String(40), primary_key=True),            # hash of kind and the two items
    Column("kind", String(20), nullable=False, index=True),
    Column("owner", String(500), nullable=False, index=True),  # claim key, scope or ledger leader it belongs to
    Column("sort", String(200), nullable=False),           # display order: date of the first item
    Column("data", JSON, nullable=False),                  # the Contradiction
    # its two items, for the API's filters: the ledger event is found at read time from the
    # sentence of either item (ledger_event_sources), so it follows later merges
    Column("event_id", String(32)),                        # event_status: the event it was found on
    Column("place", Text),                                 # the incident's or event's place
    Column("article_a", String(64)), Column("start_a", Integer), Column("article_b", String(64)),
    Column("start_b", Integer), Column("published_a", Date), Column("published_b", Date),
    Column("claimant_a", Text), Column("country_a", String(3)), Column("claimant_b", Text),
    Column("country_b", String(3)),
)

Index("ix_contradictions_order", contradictions.c.sort, contradictions.c.id)   # a page without sorting them all

ledger_daily = Table(  # day x country x type: the dashboard's map and timeline without the ledger
    "ledger_daily", metadata,
    Column("day", Date, primary_key=True),
    Column("country", String(3), primary_key=True),        # "" when the event has no country
    Column("type", String(40), primary_key=True),
    Column("events", Integer, nullable=False),
    Column("fatalities", Integer, nullable=False),
)

row_counts = Table(  # rows per table, kept by triggers (rowcounts.py): unfiltered totals without count(*)
    "row_counts", metadata,
    Column("name", String(40), primary_key=True),
    Column("n", BigInteger, nullable=False),
)

ledger_state = Table(  # one row: the rules the ledger tables were built with
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
