"""Ledger events -> ACLED CSV rows (columns, names and vocabularies of ACLED's 2023 export).

* Only events with an ACLED event type from the codebook are rows; PLOVER types ACLED does
  not record (CONSULT, REQUEST, ...) are left out and counted.
* Failed, planned and denied events are left out unless asked for (include_unrealised).
* Actors get ACLED's names: state forces "Military Forces of Kenya (2013-2022)" (the period
  from data/acled_state_periods.csv, none where the table has no row), foreign state forces
  inter 8, civilians "Civilians (Kenya)", rioters and protesters "Rioters (Kenya)" /
  "Protesters (Kenya)" with a named group as the associated actor, named armed groups by
  their canonical name; a pronoun or common noun ("its fighters", "gunmen") is resolved to
  the claimant it refers to ("RSF said its fighters ...") or named as ACLED names unknown
  parties ("Unidentified Armed Group (Kenya)").
* Fatalities are counted once per incident: a sentence's killed count goes to the first row
  (Battles, then Explosions/Remote violence, Violence against civilians, ...) that reports it,
  the other rows from the same sentence get 0.
* event_id_cnty is stable: the country code and a number derived from the ledger id.
* source_scale comes from the curated outlet table (data/outlets.csv).
* timestamp is the latest ingest time of the event's sources (the export time without a store).
Every row is validated against export.codebook.AcledRow before it is written.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Iterable, Optional

from pydantic import ValidationError

from ..acled_map import acled_inter
from ..ledger.models import LedgerEvent
from .codebook import GENERIC_WORDS, AcledRow, disorder_type, interaction, is_common_noun
from .common import Country, country, outlet_country, source_scale, stable_number, state_period

UNREALISED = {"planned", "failed", "denied"}


def realised(e, include_unrealised: bool, left_out) -> bool:
    """Whether an export writes the event: planned, failed and denied ones only on request;
    each one left out is counted in left_out."""
    if e.status in UNREALISED and not include_unrealised:
        left_out[f"{e.status} (not an event that happened)"] += 1
        return False
    return True
TYPE_ORDER = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests",
              "Strategic developments"]
GEO_PRECISION = {"point": 1, "village": 1, "city": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 3}
STATE_LABEL = {"military": "Military Forces", "police": "Police Forces", "government": "Government",
               "MIL": "Military Forces", "COP": "Police Forces", "GOV": "Government"}
POSSESSIVE = re.compile(r"^(its|their)\b", re.I)


def _state_name(kind: str, iso3: str, day: Optional[dt.date]) -> str:
    c = country(iso3)
    name = c.name if c else iso3
    label = STATE_LABEL[kind]
    period = state_period(iso3, day)
    base = f"Government of {name}" if label == "Government" else f"{label} of {name}"
    return f"{base} {period}".strip()


def _labelled(label: str, c: Optional[Country]) -> str:
    return f"{label} ({c.name})" if c else label


def _party(ref, role: str, e: LedgerEvent, place_country: Optional[Country], day) -> tuple[str, int, str]:
    """(actor name, inter code, associated actor) of the agent or target; ('', 0, '') if none."""
    acled_type, sub = e.acled_event_type, e.acled_sub_event_type
    inter = acled_inter(ref, acled_type, role, sub) or 0
    home = country(ref.country) if ref is not None and ref.country else place_country
    named = ref is not None and not is_common_noun(ref.name) and ref.kind != "country"
    if inter in (5, 6):                                     # rioters and protesters, by the codebook
        label = "Rioters" if inter == 5 else "Protesters"
        assoc = ref.name if named and ref.kind not in ("civilians", "person") else ""
        return _labelled(label, home), inter, assoc
    if ref is None or ref.kind == "country" and not ref.sector:
        return _unnamed(inter, place_country), inter, ""
    state_kind = ref.kind if ref.kind in ("military", "police", "government") else \
        ref.sector if ref.sector in ("MIL", "COP", "GOV") and (not named or ref.kind == "person") else None
    if state_kind and ref.kind != "person" and not is_state_name(ref.name):
        # a named force that is not the state's ("the Rapid Support Forces"): by its own name
        known = _known_group(ref.name)
        return known or ref.name, 2, ""
    if state_kind and ref.country:
        foreign = place_country is not None and ref.country != place_country.iso3
        return _state_name(state_kind, ref.country, day), 8 if foreign else 1, ""
    if ref.kind == "civilians" or inter == 7 or ref.kind == "person" and not ref.sector:
        return _labelled("Civilians", home), 7, ""
    if not named:
        claimed = _claimant_party(ref, e)
        if claimed:
            return claimed, inter or 2, ""
        if inter == 4:
            return _labelled("Unidentified Communal Militia", home), 4, ""
        if inter in (2, 3) or ref.sector in ("REB", "UAF"):
            return _labelled("Unidentified Armed Group", home), 3, ""
        name = _unnamed(inter, place_country)
        return name, inter if name else 0, ""
    if not inter:
        return _unnamed(0, place_country), 0, ""
    return ref.name, inter, ""


# words that name a state's forces or government in general, not one named force
STATE_WORDS = GENERIC_WORDS | {
    "national", "defence", "defense", "armed", "air", "navy", "naval", "gendarmerie", "gendarmes", "border",
    "guard", "guards", "special", "riot", "presidential", "republican", "ministry", "interior", "official",
    "spokesman", "spokesperson", "president", "minister", "prime", "cabinet", "intelligence", "service",
    "services", "state", "federal", "regime", "junta", "of", "and", "s", "commanders", "commander", "units",
    "unit", "brigade", "battalion", "command", "staff", "general", "chief", "head", "personnel", "agents",
    "kdf", "gsu", "administration", "administrator", "governor", "county", "provincial", "regional", "district",
    "local", "leaders", "leader", "ministers", "office", "department", "agency", "paramilitary", "coast"}


def is_state_name(name: str) -> bool:
    """'Sudanese army', "Burkina Faso's army", 'Military Forces of Sudan', 'traffic police': the state's
    own forces; 'Rapid Support Forces' is a named force of its own."""
    from ..geo.countries import by_demonym, lookup
    text = re.sub(r"\(\d{4}-(\d{4})?\)", " ", name).replace("'s", " ").replace("\u2019s", " ")
    # lowercase words are modifiers ("traffic police"); capitalised ones that are neither generic nor
    # (part of) a country name or demonym make a name of its own
    words = re.findall(r"[A-Za-z]+", text)
    i = 0
    while i < len(words):
        span = next((n for n in (6, 5, 4, 3, 2, 1) if i + n <= len(words) and lookup(" ".join(words[i:i + n]))), 0)
        if span:
            i += span
            continue
        w = words[i]
        if w[0].isupper() and w.lower() not in STATE_WORDS and not by_demonym(w):
            return False
        i += 1
    return True


def _known_group(name: str) -> Optional[str]:
    from ..extract.actors import _lexicon_ref
    known = _lexicon_ref(name) or _lexicon_ref(name.removeprefix("the ").removeprefix("The "))
    return known.name if known is not None and known.kind == "armed_group" else None


def _claimant_party(ref, e: LedgerEvent) -> Optional[str]:
    """'RSF said its fighters had taken the town': the possessive refers to the claimant of the
    report it is written in, when the claimant is a known named group."""
    if not POSSESSIVE.match(ref.name):
        return None
    from ..extract.actors import _lexicon_ref
    mention = ref.span.text if ref.span else ref.name
    for s in e.sources:
        if s.claimant and mention in s.evidence.text:
            known = _lexicon_ref(s.claimant)
            if known is not None and known.kind == "armed_group":
                return known.name
    return None


def parties(e: LedgerEvent, c: Optional[Country], day) -> tuple[str, int, str, str, int, str]:
    """(actor1, inter1, assoc_actor_1, actor2, inter2, assoc_actor_2) as the codebook places them:
    actor1 always filled when there is a party; violence against civilians has civilians as
    actor2 and an unknown perpetrator as 'Unidentified Armed Group'; a battle has two sides
    (the unnamed one an 'Unidentified Armed Group')."""
    a1, i1, assoc1 = _party(e.agent, "agent", e, c, day)
    a2, i2, assoc2 = _party(e.target, "target", e, c, day)
    if e.acled_event_type == "Violence against civilians":
        if i1 == 7:                      # the victims named as agent: the perpetrator is unknown
            a1, i1, assoc1 = _unnamed(3, c), 3, ""
        if i2 != 7:
            a2, i2, assoc2 = _labelled("Civilians", c), 7, ""
    if not a1 and a2:
        a1, i1, assoc1, a2, i2, assoc2 = a2, i2, assoc2, "", 0, ""
    if a2 == a1:
        a2, i2, assoc2 = "", 0, ""
    if e.acled_event_type == "Battles":   # two armed sides; an unnamed one is an unidentified group
        if not a1:
            a1, i1, assoc1 = a2, i2, assoc2
            a2, i2, assoc2 = "", 0, ""
        if not a1:
            a1, i1 = _unnamed(3, c), 3
        if not a2:
            a2, i2 = _unnamed(3, c), 3
    if not a2:
        i2 = 0
    return a1, i1, assoc1, a2, i2, assoc2


def _unnamed(inter: int, c: Optional[Country]) -> str:
    """ACLED's names for a party the report leaves unnamed (see acled_map's codebook defaults)."""
    if inter == 3:
        return _labelled("Unidentified Armed Group", c)
    if inter == 7:
        return _labelled("Civilians", c)
    if inter == 1 and c:
        return f"Police Forces of {c.name} {state_period(c.iso3, None)}".strip()
    return ""


STATE_KINDS = {"military", "police", "government"}


def event_country(e: LedgerEvent, results_by_article: Optional[dict] = None) -> Optional[str]:
    """Where the event happened: its place's country; else the country most of its reports' places are
    in; else the country of the state forces involved (they act at home far more often than abroad);
    else its only party country; else the country its national outlets cover; else the country
    of most people and bodies its reports name."""
    if e.place is not None and e.place.country:
        return e.place.country
    votes: Counter = Counter()
    for s in e.sources:
        r = (results_by_article or {}).get(s.article_id)
        if r is not None:
            votes.update(p.country for p in r.places if p.country)
    if votes:
        return votes.most_common(1)[0][0]
    refs = [r for r in (e.agent, e.target) if r is not None and r.country]
    state = [r.country for r in refs if r.kind in STATE_KINDS or r.sector in ("MIL", "COP", "GOV")]
    if len(set(state)) == 1:
        return state[0]
    codes = {r.country for r in refs}
    if len(codes) == 1:
        return next(iter(codes))
    home = {outlet_country(s.outlet) for s in e.sources} - {None}
    if len(home) == 1:
        return next(iter(home))
    # last: the country most of its reports' people and bodies belong to ("a Kenyan driver");
    # armed groups are left out, they cross borders
    for s in e.sources:
        r = (results_by_article or {}).get(s.article_id)
        if r is not None:
            votes.update(a.ref.country for a in r.actors if a.ref.country and a.ref.kind != "armed_group")
    return votes.most_common(1)[0][0] if votes else None


def _location(e: LedgerEvent, results_by_article: Optional[dict] = None
              ) -> tuple[Optional[Country], str, str, Optional[float], Optional[float], int]:
    """(country, admin1, location, lat, lon, geo_precision); an event without a geocoded place is put
    at the centroid of the country it happened in (event_country) with precision 3, as ACLED codes
    events known only to a larger area."""
    p = e.place
    if p is not None and p.country and p.lat is not None and p.lon is not None:
        return country(p.country), p.admin1 or "", p.name, p.lat, p.lon, GEO_PRECISION.get(p.precision or "", 3)
    c = country(event_country(e, results_by_article))
    if c is None:
        return None, "", "", None, None, 3
    from ..geo.countries import by_iso3
    info = by_iso3(c.iso3)
    return c, "", c.name, info.lat if info else None, info.lon if info else None, 3


def order_key(e: LedgerEvent) -> tuple:
    """The order rows claim their sentences' fatalities in: codebook type order, then date, id."""
    return (TYPE_ORDER.index(e.acled_event_type) if e.acled_event_type in TYPE_ORDER else 9,
            e.date or dt.date.max, e.id)


class AcledRows:
    """Builds validated rows; `left_out` counts the events that are not rows, by reason."""

    def __init__(self, include_unrealised: bool = False, timestamp: Optional[int] = None, results=(),
                 ingested_at: Optional[dict] = None):
        self.include_unrealised = include_unrealised
        self.ingested_at = ingested_at or {}
        self.by_article = {r.article.id: r for r in results}
        self.timestamp = timestamp or int(dt.datetime.now(dt.timezone.utc).timestamp())
        self.left_out: Counter = Counter()
        self.invalid: list[tuple[str, str]] = []

    def chosen(self, e: LedgerEvent) -> bool:
        """Whether the event can be an ACLED row at all (realised, with an ACLED event type)."""
        if not realised(e, self.include_unrealised, self.left_out):
            return False
        if not e.acled_event_type or not e.acled_sub_event_type:
            self.left_out[f"{e.type} (no ACLED event type)"] += 1
            return False
        return True

    def rows(self, events: Iterable[LedgerEvent]) -> list[dict]:
        chosen = sorted((e for e in events if self.chosen(e)), key=order_key)
        counted: set = set()
        seen_ids: set = set()
        out = [row for e in chosen if (row := self.checked_row(e, counted, seen_ids)) is not None]
        out.sort(key=lambda r: (r["event_date"], r["event_id_cnty"]))
        return out

    def checked_row(self, e: LedgerEvent, counted, seen_ids) -> Optional[dict]:
        """The validated row of one chosen event; events come in order_key order.  Fatalities
        once per incident: the first row none of whose sentences is in `counted` takes them and
        adds its sentences; one row per event_id_cnty (`seen_ids`).  Both need only `in` and
        add(), so a streaming export can keep them on disk."""
        keys = {(s.article_id, s.evidence.start) for s in e.sources}
        fatalities = 0
        if e.fatalities and not any(k in counted for k in keys):
            fatalities = e.fatalities
            for k in keys:
                counted.add(k)
        row = self.row(e, fatalities)
        if row is None:
            return None
        if row["event_id_cnty"] in seen_ids:
            self.invalid.append((e.id, "duplicate event_id_cnty"))
            return None
        try:
            AcledRow.model_validate(row)
        except ValidationError as exc:
            self.invalid.append((e.id, "; ".join(err["msg"] for err in exc.errors())))
            return None
        seen_ids.add(row["event_id_cnty"])
        return row

    def row(self, e: LedgerEvent, fatalities: int) -> Optional[dict]:
        first = min(e.sources, key=lambda s: (s.published or dt.date.max))
        when = e.date or first.published
        if when is None:
            self.left_out["undated"] += 1
            return None
        c, admin1, location, lat, lon, precision = _location(e, self.by_article)
        if c is None or lat is None or not c.region:
            self.left_out["no country or coordinates"] += 1
            return None
        a1, i1, assoc1, a2, i2, assoc2 = parties(e, c, when)
        if not a1 or not i1:
            self.left_out["no actor ACLED would name"] += 1
            return None
        event_type, sub = e.acled_event_type or "", e.acled_sub_event_type or ""
        civilian = e.acled_event_type == "Violence against civilians" or \
            e.acled_event_type == "Explosions/Remote violence" and i2 == 7
        demonstration = e.acled_event_type in ("Protests", "Riots")
        return {
            "event_id_cnty": f"{c.iso3}{stable_number(e.id)}", "event_date": when.isoformat(),
            "year": when.year, "time_precision": 1 if e.date else 2,
            "disorder_type": disorder_type(event_type, sub), "event_type": event_type,
            "sub_event_type": sub, "actor1": a1, "assoc_actor_1": assoc1, "inter1": i1,
            "actor2": a2, "assoc_actor_2": assoc2, "inter2": i2, "interaction": interaction(i1, i2),
            "civilian_targeting": "Civilian targeting" if civilian else "", "iso": c.numeric,
            "region": c.region, "country": c.name, "admin1": admin1, "admin2": "", "admin3": "",
            "location": location, "latitude": lat, "longitude": lon, "geo_precision": precision,
            "source": "; ".join(sorted({s.outlet or "Unknown" for s in e.sources})),
            "source_scale": source_scale(s.outlet for s in e.sources),
            "notes": " ".join(dict.fromkeys(s.evidence.text.replace("\n", " ") for s in e.sources)),
            "fatalities": fatalities, "tags": "crowd size=no report" if demonstration else "",
            "timestamp": self._timestamp(e),
        }

    def _timestamp(self, e: LedgerEvent) -> int:
        """ACLED's timestamp is when the row last changed: here the latest ingest of its sources
        (so re-exporting an unchanged store gives the same file, and `timestamp > last pull`
        finds what is new); without stored ingest times, the time of the export."""
        times = [self.ingested_at[s.article_id] for s in e.sources if s.article_id in self.ingested_at]
        times = [t if t.tzinfo else t.replace(tzinfo=dt.timezone.utc) for t in times if t is not None]
        return int(max(times).timestamp()) if times else self.timestamp
