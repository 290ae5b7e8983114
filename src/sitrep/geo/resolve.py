"""Article-level toponym resolution: resolve all place names of one text together.

Pass 1 ranks each name with the countries the article names as hints; pass 2
re-ranks with the other names' pass-1 locations (and admin1 units) as context,
so "Alexandria" next to "Louisiana" lands in Louisiana. A name never hints
itself: "Georgia" alone does not make Georgia-the-country likelier.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Iterable, Optional, Sequence

from .gazetteer import Candidate, geocode
from .normalize import norm

# features whose location says little about where nearby small places are
_NOT_ANCHORS = {"PCLI", "CONT", "REGION"}
NOTABLE_FEATURES = {"PCLI", "CONT", "REGION", "ADM1", "PPLC"}
NOTABLE_POPULATION = 100_000


def _country_named(name: str) -> Optional[str]:
    from .countries import lookup as country_lookup
    info = country_lookup(name)
    return info.iso3 if info else None


def demonym_place(name: str) -> Optional[Candidate]:
    """'Russian' -> the country Russia (adjectival toponyms)."""
    from .countries import by_demonym
    info = by_demonym(name)
    if not info:
        return None
    hits = [c for c in geocode(info.name) if c.feature == "PCLI" and c.country == info.iso3]
    return replace(hits[0], main_name=False) if hits else None


# what the text calls a place ("Baringo county", "the village of Boulgou") -> precisions that fit
KIND_PRECISIONS = {"admin": {"admin1", "admin2", "region"}, "settlement": {"city", "village", "point"}}


def _best(name: str, kind: Optional[str] = None, **kw) -> Optional[Candidate]:
    ranked = geocode(name, limit=10 if kind else 1, **kw)
    fitting = [c for c in ranked if c.precision in KIND_PRECISIONS.get(kind or "", ())]
    if fitting:
        return fitting[0]
    if ranked and not _notable(ranked[0]):
        # 'Canadian' is Canada, not a hamlet called Canadian
        return demonym_place(name) or ranked[0]
    return ranked[0] if ranked else demonym_place(name)


def resolve_all(names: Sequence[str], country_hint: Iterable[str] = (),
                kinds: Optional[Sequence[Optional[str]]] = None) -> list[Optional[Candidate]]:
    """Best candidate per name (None where the gazetteer has nothing).

    kinds: per name, "admin" or "settlement" where the text says which it is.
    """
    kinds = list(kinds) if kinds else [None] * len(names)
    external = [h for h in country_hint if h]
    keys = [norm(n) for n in names]
    named = {k: _country_named(n) for k, n in zip(keys, names)}

    def hints_for(i: int) -> list[str]:
        own = [iso for k, iso in named.items() if iso and k != keys[i]]
        return list(dict.fromkeys(external + own))

    first = [_best(n, kinds[i], country_hint=hints_for(i)) for i, n in enumerate(names)]
    # the country most names land in, when it recurs, is a hint for the rest
    counts = Counter(c.country for c in {k: c for k, c in zip(keys, first)}.values() if c and c.country)
    dominant = [iso for iso, n in counts.most_common(1) if n >= 2]
    out: list[Optional[Candidate]] = []
    for i, n in enumerate(names):
        if first[i] is None:
            out.append(None)
            continue
        near = [(c.lat, c.lon) for j, c in enumerate(first)
                if c and keys[j] != keys[i] and c.feature not in _NOT_ANCHORS]
        admins = sorted({norm(c.name) for j, c in enumerate(first)
                         if c and keys[j] != keys[i] and c.feature == "ADM1"})
        out.append(_best(n, kinds[i], country_hint=list(dict.fromkeys(hints_for(i) + dominant)),
                         near=near or None, admin1_hint=admins) or first[i])
    focus = set(external) | {iso for iso in named.values() if iso} | set(dominant)
    focus |= {c.country for c in out if c and c.country and _notable(c)}
    # a minor place abroad, in a country the article never points at, is a namesake:
    # "Fino, Mandera county" is not Fino Mornasco in Italy; better unresolved than 5,000 km off
    return [None if c and (_acronym_alias(n, c) or focus and c.country not in focus and not _notable(c)) else c
            for n, c in zip(names, out)]


def _acronym_alias(name: str, c: Candidate) -> bool:
    """'ODM' matching an alternate code of a hamlet is a party, not a place."""
    return name.isupper() and len(name) <= 5 and not c.main_name and not _notable(c)


def _notable(c: Candidate) -> bool:
    return (c.source == "curated" or c.feature in NOTABLE_FEATURES
            or (c.main_name and c.population >= NOTABLE_POPULATION))
