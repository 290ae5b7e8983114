"""Offline geocoding against the SQLite gazetteer built by sitrep.geo.build.

`geocode("Paris")` -> ranked Candidates. Ranking is feature-based: name match
quality, feature class (country/admin1/capital over villages), population
prior, curated conflict places, country hints and proximity to other places.
"""
from __future__ import annotations

import functools
import logging
import math
import re
import sqlite3
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Optional, Sequence, cast

from .normalize import name_keys, norm
from .paths import gazetteer_path

log = logging.getLogger(__name__)

# feature-class prior, in "log10 population" units
FEATURE_BONUS = {"PCLI": 3.0, "CONT": 1.0, "ADM1": 4.5, "PPLC": 2.0, "PPLA": 1.0,
                 "PPLA2": 0.5, "REGION": 5.0}
CURATED_BONUS = 5.0
MAIN_NAME_BONUS = 2.0
COUNTRY_HINT_BONUS = 4.5
ADMIN1_HINT_BONUS = 2.0
NEAR_BONUS = 5.0
NEAR_SCALE_KM = 250.0
SAME_PLACE_KM = 15.0
NOTABLE_FEATURES = {"PCLI", "ADM1", "REGION", "CONT"}
MINOR_POPULATION = 50_000
MINOR_NAMESAKE_PENALTY = 5.0
DWARF_RATIO = 1000
# AP-style US state abbreviations ("Ky.", "W.Va."): only matched with their periods
US_STATE_ABBREVIATIONS = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California",
    "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida",
    "Ga.": "Georgia", "Ill.": "Illinois", "Ind.": "Indiana", "Kan.": "Kansas", "Kans.": "Kansas",
    "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland", "Mass.": "Massachusetts",
    "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri",
    "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire",
    "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee",
    "Tex.": "Texas", "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington",
    "W.Va.": "West Virginia", "W. Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}


@dataclass(frozen=True)
class Candidate:
    name: str
    lat: float
    lon: float
    country: Optional[str]          # ISO3
    admin1: Optional[str]
    feature: str                    # PCLI, ADM1, PPLC, PPL, REGION, CONT, ...
    precision: str                  # country/admin1/region/city/village
    population: int
    geonameid: Optional[int]
    source: str                     # curated / geonames / countrystatecity / countries
    main_name: bool = False         # query matched the primary name, not an alternate
    score: float = 0.0


def _candidate(name, lat, lon, country, admin1, feature, precision, population, geonameid, source,
               main) -> Candidate:
    """One row of the lookup query (the place's columns, then whether a primary name matched)."""
    return Candidate(name, lat, lon, country, admin1, feature, precision, population, geonameid, source,
                     main_name=bool(main))


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2)
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


_lock = threading.Lock()


@functools.lru_cache(maxsize=4)
def _connect(path: str) -> sqlite3.Connection:
    p = Path(path)
    with _lock:
        if not p.exists():
            from .build import build
            log.warning("gazetteer cache %s missing: building it now (one-off, ~15 s)", p)
            build(p)
    return sqlite3.connect(f"file:{p}?mode=ro", uri=True, check_same_thread=False)


def connection() -> sqlite3.Connection:
    return _connect(str(gazetteer_path()))


def query_keys(name: str) -> set[str]:
    keys = set(name_keys(name))
    for k in list(keys):
        first, _, rest = k.partition(" ")
        if rest and first in _ABBREVIATIONS:
            keys.add(f"{_ABBREVIATIONS[first]} {rest}")
    return {k for k in keys if k}


ADMIN_SUFFIX = re.compile(
    r"^(.+?)\s+(?:county|sub[- ]?county|district|province|region|state|governorate|prefecture|division|"
    r"location|department|municipality|oblast|rayon|raion|commune|constituency)$", re.IGNORECASE)


SETTLEMENT_SUFFIX = re.compile(
    r"^(.+?)\s+(?:town|township|village|ward|centre|center|market|trading centre|estate|camp)$", re.IGNORECASE)


_DIRECTIONS = r"(?:north|south|east|west|central|north[- ]?east|north[- ]?west|south[- ]?east|south[- ]?west)"
DIRECTION_SUFFIX = re.compile(rf"^(?P<base>.+?)\s+{_DIRECTIONS}$", re.IGNORECASE)
DIRECTION_PREFIX = re.compile(rf"^(?:{_DIRECTIONS}(?:ern)?|upper|lower)\s+(?P<base>.+)$", re.IGNORECASE)


@functools.lru_cache(maxsize=20000)
def lookup(name: str) -> tuple[Candidate, ...]:
    """All gazetteer entries whose (normalised) name or alternate equals `name`, unranked."""
    state = US_STATE_ABBREVIATIONS.get(name.strip())
    if state:
        return tuple(c for c in lookup(state) if c.country == "USA" and c.feature == "ADM1")
    keys = sorted(query_keys(name))
    if not keys:
        return ()
    marks = ",".join("?" * len(keys))
    rows = connection().execute(
        f"SELECT p.name, p.lat, p.lon, p.country, p.admin1, p.feature, p.precision, p.population,"
        f" p.geonameid, p.source, MAX(n.main) FROM names n JOIN places p ON p.id = n.place"
        f" WHERE n.key IN ({marks}) GROUP BY p.id", keys).fetchall()
    found = tuple(_candidate(*r) for r in rows)
    if not found:
        m = ADMIN_SUFFIX.match(name.strip())
        if m:  # "Bomet County", "Laikipia East sub-county", "Mopti Region" -> the named unit
            base = lookup(m.group(1))
            admin = tuple(c for c in base if c.precision in ("admin1", "admin2", "region"))
            return admin or base
        m = SETTLEMENT_SUFFIX.match(name.strip())
        if m:  # "Molo Township", "Mbaaini village", "Kawangware market" -> the settlement
            base = lookup(m.group(1))
            towns = tuple(c for c in base if c.precision in ("city", "village", "point"))
            return towns or base
        m = DIRECTION_SUFFIX.match(name.strip()) or DIRECTION_PREFIX.match(name.strip())
        if m:  # "Baringo North", "Lamu West", "northern Mali" -> the unit it is part of
            return tuple(c for c in lookup(m.group("base"))
                         if c.precision in ("country", "admin1", "admin2", "region"))
    return found


def prior(c: Candidate) -> float:
    """Context-free plausibility of a candidate."""
    s = math.log10(c.population + 10) + FEATURE_BONUS.get(c.feature, 0.0)
    if c.source == "curated":
        s += CURATED_BONUS
    if c.main_name:
        s += MAIN_NAME_BONUS
    return s


def score(c: Candidate, country_hint: Sequence[str] = (), near: Sequence[tuple[float, float]] = (),
          admin1_hint: Sequence[str] = ()) -> float:
    s = prior(c)
    if c.country and c.country in country_hint:
        s += COUNTRY_HINT_BONUS
    if c.admin1 and admin1_hint and norm(c.admin1) in admin1_hint:
        s += ADMIN1_HINT_BONUS
    if near and c.feature not in ("PCLI", "CONT"):
        d = min(km((c.lat, c.lon), p) for p in near)
        s += NEAR_BONUS * math.exp(-d / NEAR_SCALE_KM)
    return s


def _dedupe(ranked: list[Candidate]) -> list[Candidate]:
    """Drop lower-ranked entries that are the same place from another source."""
    kept: list[Candidate] = []
    for c in ranked:
        if any(k.country == c.country and k.precision == c.precision
               and km((k.lat, k.lon), (c.lat, c.lon)) < SAME_PLACE_KM for k in kept):
            continue
        kept.append(c)
    return kept


def geocode(name: str, *, country_hint: Optional[Iterable[str]] = None,
            near: Optional[tuple[float, float] | Sequence[tuple[float, float]]] = None,
            admin1_hint: Optional[Iterable[str]] = None, limit: int = 10) -> list[Candidate]:
    """Ranked candidates for a place name.

    country_hint: ISO3 codes of countries the article mentions; near: one (lat, lon)
    or several points (other places in the article); admin1_hint: state/province names.
    """
    hints = tuple(h.upper() for h in country_hint or ())
    points: tuple = ()
    if near:
        if isinstance(near[0], (int, float)):
            points = (tuple(near),)
        else:
            points = tuple(tuple(p) for p in cast(Sequence[tuple[float, float]], near))
    admins = tuple(norm(a) for a in admin1_hint or ())
    scored = [replace(c, score=round(score(c, hints, points, admins), 3)) for c in lookup(name)]
    ranked = sorted(_demote_minor_namesakes(_prefer_namesake_seat(scored)), key=lambda c: -c.score)
    return _dedupe(ranked)[:limit]


def _prefer_namesake_seat(cands: list[Candidate]) -> list[Candidate]:
    """'Mandera': the town rather than the county named after it (same country)."""
    seats: dict[tuple[Optional[str], str], float] = {}
    for c in cands:
        if c.precision in ("city", "village") and c.admin1 and norm(c.admin1) == norm(c.name):
            seats[(c.country, norm(c.name))] = max(c.score, seats.get((c.country, norm(c.name)), -1e9))
    out = []
    for c in cands:
        seat = seats.get((c.country, norm(c.name)))
        if c.precision == "admin1" and seat is not None and c.score >= seat:
            c = replace(c, score=round(seat - 0.01, 3))
        out.append(c)
    return out


def _demote_minor_namesakes(cands: list[Candidate]) -> list[Candidate]:
    """'California', 'Florida': a town sharing the name of a state of its own country is
    rarely the one meant, however close it lies to the article's other places; nor is
    a hamlet named after a nation a thousand times its size ('Mexico', Missouri).
    A town named after its own province ("Baringo" in Baringo) is not demoted; towns
    named after foreign places (Paris, Texas) are left to the article's context."""
    states = {c.country for c in cands if c.main_name and c.feature in NOTABLE_FEATURES}
    nations = [c.population for c in cands if c.main_name and c.feature == "PCLI"]
    if not states:
        return cands
    out = []
    for c in cands:
        dwarfed = any(c.population * DWARF_RATIO < p for p in nations)
        minor = (c.precision in ("city", "village") and c.population < MINOR_POPULATION
                 and c.source != "curated" and (c.country in states or dwarfed))
        seat = c.admin1 and norm(c.admin1) == norm(c.name)
        out.append(replace(c, score=round(c.score - MINOR_NAMESAKE_PENALTY, 3)) if minor and not seat else c)
    return out
