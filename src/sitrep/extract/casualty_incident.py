"""The population a count takes from its incident and from the article's other counts.

news_dev's convention: victims are civilians where the text *or the context* says so ("the
death of 80 people" after an air strike on villagers celebrating a festival).  The events stage
runs first and codes each incident's target; a count whose own words say nothing ("nine people",
"87 others") takes "civilian" from the incident it belongs to: an event whose target is the count
itself, or whose trigger or later mention ("killed in that assault") lies in the count's sentence,
where that event's target is civilians.  The same figure restated elsewhere in the article (same
outcome and number, above one) is one figure: a population known at one mention holds at the others.
"""
from __future__ import annotations

from typing import Optional

from ..records import Casualty, Event
from .context import Context
from ..codes import Kind, Outcome, Population

def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _linked(event: Event, c: Casualty, sent_start: int, sent_end: int) -> bool:
    target = event.target.span if event.target is not None else None
    if target is not None and _overlaps(target.start, target.end, c.mention.start, c.mention.end):
        return True
    return any(sent_start <= m.start < sent_end for m in [event.trigger, *event.mentions])


def _against_civilians(event: Event) -> bool:
    # the target, not ACLED's event type: "killed by the RSF" is coded violence against civilians
    # whoever the people were, and news_dev leaves such plain people unknown
    return event.target is not None and event.target.kind == Kind.CIVILIANS


def incident_population(ctx: Context, c: Casualty, sent_start: int, sent_end: int) -> Optional[str]:
    """'civilian' when the count's incident is violence against civilians, else None."""
    if c.outcome not in (Outcome.KILLED, Outcome.WOUNDED, Outcome.MISSING):
        return None
    for event in ctx.events:
        if not event.background and _against_civilians(event) and _linked(event, c, sent_start, sent_end):
            return Population.CIVILIAN
    return None


def share_restated(casualties: list[Casualty]) -> list[Casualty]:
    """A figure restated in the article keeps the population one mention gives it."""
    known: dict[tuple, dict] = {}
    for c in casualties:
        if c.low < 2:
            continue   # one victim is no restated figure: "a gunman ... killed the provost"
        slot = known.setdefault((c.outcome, c.low, c.high), {})
        if c.population != Population.UNKNOWN:
            slot.setdefault("population", c.population)
    out = []
    for c in casualties:
        slot = known.get((c.outcome, c.low, c.high), {})
        update = {}
        if c.population == Population.UNKNOWN and "population" in slot:
            update["population"] = slot["population"]
        if update:
            c = c.model_copy(update=update)
        out.append(c)
    return out
