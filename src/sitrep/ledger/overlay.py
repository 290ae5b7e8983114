"""What a merged event gains on its way into the ledger tables, and what reads add to it.

At write time (incremental.write_groups, whenever a group is written or rewritten):
* independent_sources: its source articles with near-duplicate copies counted once, from
  the MinHash signatures stored with each article (ingest/minhash.py);
* field corrections: every analyst correction of one of its fields, in the order made.
So a corrected field stays corrected when a later article joins the event, and no read
has to apply anything for it.

Merge and split corrections change which events exist, which the write-time merge
decides report by report, so they are applied where events are read
(Store.ledger_page / ledger_event): an absorbed event is left out in SQL and its sources
are shown under the event that absorbed it; a split-off event is shown beside the event
it came from.  Analysts make few of them, so a read loads them all (one small query).
"""
from __future__ import annotations

from sqlalchemy import select

from .corrections import Correction, apply_corrections
from .models import LedgerEvent
from .schema import corrections, minhash_signatures

STRUCTURAL = ("merge", "split")


def independent_sources(conn, e: LedgerEvent) -> int:
    from ..ingest.minhash import NUM_PERM, from_bytes, independent_count
    ids = list(dict.fromkeys(s.article_id for s in e.sources))
    rows = conn.execute(select(minhash_signatures).where(minhash_signatures.c.article_id.in_(ids))).all()
    sigs = {r.article_id: from_bytes(r.hashvalues, r.num_perm) for r in rows if r.num_perm == NUM_PERM}
    return independent_count(ids, sigs)


def finish(conn, e: LedgerEvent) -> LedgerEvent:
    """The event as the ledger stores it: independent sources counted, field corrections applied."""
    e = e.model_copy(update={"independent_sources": independent_sources(conn, e)})
    rows = conn.execute(select(corrections).where(corrections.c.event_id == e.id, corrections.c.action == "field")
                        .order_by(corrections.c.id)).all()
    if not rows:
        return e
    return apply_corrections([e], [Correction.model_validate(dict(r._mapping)) for r in rows])[0]


def structural(conn) -> list[Correction]:
    rows = conn.execute(select(corrections).where(corrections.c.action.in_(STRUCTURAL))
                        .order_by(corrections.c.id)).all()
    return [Correction.model_validate(dict(r._mapping)) for r in rows]


def absorbed(found: list[Correction]) -> set[str]:
    return {o for c in found if c.action == "merge" for o in c.value if o != c.event_id}


def on_read(events: list[LedgerEvent], found: list[Correction], load) -> list[LedgerEvent]:
    """Merge and split corrections applied to the events a read returns; `load(ids)` fetches
    the stored events they absorb."""
    if not found:
        return events
    have = {e.id for e in events}
    involved = {c.event_id for c in found} & have
    if not involved:
        return events
    extra = [x for c in found if c.action == "merge" and c.event_id in involved for x in c.value]
    others = [e for e in load([x for x in dict.fromkeys(extra) if x not in have])]
    mine = [c for c in found if c.event_id in involved or c.event_id in {o.id for o in others}]
    out = apply_corrections(events + others, mine)
    keep = have | {e.id for e in out if e.id not in {o.id for o in others}}
    return [e for e in out if e.id in keep]
