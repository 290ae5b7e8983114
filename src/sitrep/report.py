"""Human-readable rendering of one ArticleResult (rich)."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .records import ArticleResult


def _who(claimant) -> str:
    if claimant is None:
        return ""
    country = f" [{claimant.actor.country}]" if claimant.actor and claimant.actor.country else ""
    via = f" via {claimant.via}" if claimant.via else ""
    return f"{claimant.name}{country}{via}"


def _ref(ref) -> str:
    if ref is None:
        return ""
    return f"{ref.name}" + (f" [{ref.country}]" if ref.country else "")


def print_result(console: Console, r: ArticleResult) -> None:
    a = r.article
    console.rule(f"[bold]{a.title or a.id[:12]}")
    console.print(f"published {a.published or '?'}  outlet {a.outlet or '?'}  source {a.source_path or '-'}")

    t = Table(title="Events")
    for column in ("type", "status", "agent", "target", "place", "date", "claimant", "evidence"):
        t.add_column(column, overflow="fold")
    for e in r.events:
        t.add_row(f"{e.type}{'/' + e.mode if e.mode else ''}" + (f" x{e.count}" if e.count else ""),
                  e.status, _ref(e.agent), _ref(e.target),
                  f"{e.place.name} [{e.place.country}]" if e.place else "",
                  str(e.date.value) if e.date else "", _who(e.claimant), e.trigger.text)
    console.print(t)

    t = Table(title="Casualties")
    for column in ("count", "outcome", "population", "side", "cumulative", "claimant", "mention"):
        t.add_column(column, overflow="fold")
    for c in r.casualties:
        count = str(c.low) if c.low == c.high else f"{c.low}-{c.high}"
        t.add_row(count, c.outcome, c.population, c.side or "", "yes" if c.cumulative else "no",
                  _who(c.claimant), c.mention.text)
    console.print(t)

    t = Table(title="Places")
    for column in ("mention", "name", "country", "admin1", "lat", "lon", "precision"):
        t.add_column(column)
    for p in r.places:
        t.add_row(p.mention.text, p.name, p.country or "", p.admin1 or "",
                  f"{p.lat:.3f}" if p.lat is not None else "", f"{p.lon:.3f}" if p.lon is not None else "",
                  p.precision)
    console.print(t)

    t = Table(title="Dates")
    for column in ("mention", "value", "tense"):
        t.add_column(column)
    for d in r.dates:
        t.add_row(d.mention.text, d.value or "", d.tense or "")
    console.print(t)

    t = Table(title="Quotes")
    for column in ("speaker", "direct", "via", "content"):
        t.add_column(column, overflow="fold")
    for q in r.quotes:
        t.add_row(_ref(q.speaker), "direct" if q.direct else "indirect", q.via or "", q.content.text)
    console.print(t)

    t = Table(title="Actors")
    for column in ("mention", "name", "kind", "country", "sector"):
        t.add_column(column)
    for x in r.actors:
        t.add_row(x.mention.text, x.ref.name + (" (metonymy)" if x.metonymy else ""), x.ref.kind,
                  x.ref.country or "", x.ref.sector or "")
    console.print(t)
