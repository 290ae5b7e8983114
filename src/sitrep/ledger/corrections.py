"""Analyst corrections of the ledger: an audit table, applied to the merged events.

A correction is one of
* field: set one field of a ledger event (date, type, status, fatalities, agent, ...);
* merge: the event absorbs other events (their sources join it, they disappear);
* split: some sources of an event (article_id:event_index) become an event of their own.
Corrections are never edited or removed: each is a row with who made it, when and why,
applied in the order they were made, so the ledger can be rebuilt from the articles and the
audit table at any time.  apply_corrections() is what the ledger's read path calls on the
merged events; a correction whose event no longer exists is skipped (and reported by
`stale`).
"""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, Iterable, Literal, Optional

from pydantic import BaseModel

from ..records import ActorRef
from .models import LedgerEvent, PlaceRef

FIELDS = ("date", "type", "mode", "status", "fatalities", "acled_event_type", "acled_sub_event_type",
          "conflict", "agent", "target", "place")


class Correction(BaseModel):
    id: int
    created_at: dt.datetime
    analyst: Optional[str] = None
    action: Literal["field", "merge", "split"]
    event_id: str
    field: Optional[str] = None
    value: Any = None
    note: Optional[str] = None


class CorrectionError(ValueError):
    """A correction that cannot be recorded (unknown event, field or value)."""


def parse_value(field: str, raw: str, current: Optional[LedgerEvent] = None) -> Any:
    """The JSON-able value of `sitrep correct EVENT FIELD VALUE`; raises CorrectionError."""
    if field not in FIELDS:
        raise CorrectionError(f"cannot correct {field!r}; fields: {', '.join(FIELDS)}")
    if raw.lower() in ("", "none", "null"):
        return None
    if field == "date":
        try:
            return dt.date.fromisoformat(raw).isoformat()
        except ValueError:
            raise CorrectionError(f"date must be YYYY-MM-DD, got {raw!r}") from None
    if field == "fatalities":
        if not raw.isdigit():
            raise CorrectionError(f"fatalities must be a whole number, got {raw!r}")
        return int(raw)
    if field == "status":
        allowed = ("occurred", "planned", "failed", "denied", "claimed", "ongoing")
        if raw not in allowed:
            raise CorrectionError(f"status must be one of {', '.join(allowed)}")
    if field == "acled_sub_event_type":
        from ..export.codebook import SUB_EVENT_TYPES
        if not any(raw in subs for subs in SUB_EVENT_TYPES.values()):
            raise CorrectionError(f"{raw!r} is not an ACLED sub-event type")
    if field == "acled_event_type":
        from ..export.codebook import SUB_EVENT_TYPES
        if raw not in SUB_EVENT_TYPES:
            raise CorrectionError(f"{raw!r} is not an ACLED event type ({', '.join(SUB_EVENT_TYPES)})")
    if field == "type":
        return raw.upper()
    return raw


def _set(e: LedgerEvent, field: str, value: Any) -> LedgerEvent:
    if field in ("agent", "target"):
        old = getattr(e, field)
        if value is None:
            new = None
        elif isinstance(value, dict):
            new = ActorRef(**value)
        else:
            new = old.model_copy(update={"name": value}) if old is not None else ActorRef(name=value)
        return e.model_copy(update={field: new})
    if field == "place":
        if value is None:
            return e.model_copy(update={"place": None})
        if isinstance(value, dict):
            return e.model_copy(update={"place": PlaceRef(**value)})
        old = e.place
        return e.model_copy(update={"place": old.model_copy(update={"name": value}) if old else PlaceRef(name=value)})
    if field == "date" and value is not None:
        value = dt.date.fromisoformat(value)
    return e.model_copy(update={field: value})


def split_id(event_id: str, sources: list[str]) -> str:
    return hashlib.sha1(f"{event_id}|split|{'|'.join(sorted(sources))}".encode()).hexdigest()[:16]


def _key(s) -> str:
    return f"{s.article_id}:{s.event_index}"


def apply_corrections(events: Iterable[LedgerEvent], corrections: Iterable[Correction],
                      stale: Optional[list[int]] = None) -> list[LedgerEvent]:
    """The merged events with every correction applied in order; each corrected event lists the
    ids of the corrections applied to it in `corrections`."""
    by_id = {e.id: e for e in events}
    order = list(by_id)

    def mark(e: LedgerEvent, c: Correction) -> LedgerEvent:
        return e.model_copy(update={"corrections": [*e.corrections, c.id]})

    for c in sorted(corrections, key=lambda c: c.id):
        e = by_id.get(c.event_id)
        if e is None:
            if stale is not None:
                stale.append(c.id)
            continue
        if c.action == "field" and c.field:
            by_id[e.id] = mark(_set(e, c.field, c.value), c)
        elif c.action == "merge":
            others = [by_id.pop(o) for o in c.value if o in by_id and o != e.id]
            if not others and stale is not None:
                stale.append(c.id)
            sources = e.sources + [s for o in others for s in o.sources]
            statuses = sorted(set(e.statuses).union(*(o.statuses for o in others)))
            by_id[e.id] = mark(e.model_copy(update={"sources": sources, "statuses": statuses}), c)
        elif c.action == "split":
            moving = set(c.value)
            kept = [s for s in e.sources if _key(s) not in moving]
            moved = [s for s in e.sources if _key(s) in moving]
            if not moved or not kept:
                if stale is not None:
                    stale.append(c.id)
                continue
            new_id = split_id(e.id, [_key(s) for s in moved])
            by_id[e.id] = mark(e.model_copy(update={"sources": kept, "statuses": sorted({s.status for s in kept})}), c)
            by_id[new_id] = mark(e.model_copy(update={"id": new_id, "sources": moved,
                                                      "statuses": sorted({s.status for s in moved})}), c)
            order.append(new_id)
    return [by_id[i] for i in order if i in by_id]
