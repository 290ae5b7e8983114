"""A casualty claimant named only by its role resolved to an organisation and its country.

"a spokesman for the ministry", "the ministry statement", "the army said": the claimant is
the state body (of the country the body's own words or the article name), so that the claim's
country is known; "the statement" alone is the organisation whose statement the article
reported before it.  Claimants that already carry a country are left as they are.
"""
from __future__ import annotations

from typing import Optional

from .. import rules
from ..geo import countries
from ..records import ActorRef, Claimant
from .casualty_side import article_country
from .context import Context

STATE_BODIES = rules.mapping("casualty_cues", "outcome", tag="state_body")   # head word -> actor kind
STATEMENT_WORDS = rules.words("statement_nouns", tag="claim")

def _words(name: str) -> list[str]:
    return [w.strip(".,'’\"").lower() for w in name.split()]


def _named_country(name: str) -> Optional[str]:
    for w in name.split():
        info = countries.by_demonym(w.strip(".,")) or countries.lookup(w.strip(".,"))
        if info:
            return info.iso3
    return None


def resolve(ctx: Context, claimant: Claimant, earlier: list[Claimant]) -> Claimant:
    """`earlier`: the claimants of the article's casualty counts before this one."""
    if claimant.kind == "outlet" or (claimant.actor is not None and claimant.actor.country):
        return claimant
    words = _words(claimant.name)
    body = next((w for w in reversed(words) if w in STATE_BODIES), None)
    if body is None and words and set(words) <= STATEMENT_WORDS | {"the", "a", "its", "their", "in"}:
        prior = next((c for c in reversed(earlier) if c.actor is not None and c.actor.country), None)
        return prior or claimant   # "the statement said": whoever issued it before
    if body is None:
        return claimant
    country = _named_country(claimant.name) or article_country(ctx)
    if country is None:
        return claimant
    ref = ActorRef(name=claimant.name, kind=STATE_BODIES[body], country=country,
                   span=claimant.actor.span if claimant.actor else None)
    return claimant.model_copy(update={"actor": ref, "kind": "actor"})
