"""Incidents: one event record per real happening in an article, as an analyst codes it.

The events extractor finds predicate mentions sentence by sentence; here they become
incidents:

* coreference: a definite event noun ("the attack", "that assault", "its capture",
  "the incident") refers back to the nearest compatible earlier incident; the lede
  restating the headline joins it; a bare toll ("were killed") joins the violent incident
  it follows.  Compatible: one type family (ASSAULT/FIGHT are one), planned apart from
  reported, no conflicting anchored day, no two different towns, no conflicting parties.
  Same-type non-violent mentions (captures, talks, ceasefires, protests) merge when
  nothing conflicts, as before.
* arguments pooled over the mentions: a named party beats a nominal, a nominal beats
  none; unnamed armed nominals ("the rebels", "its fighters") take the named armed group
  mentioned before them; the most specific place; the event's own date anchor before the
  date of the statement that reports it ("said on Friday"); a year alone is no anchor.
* roles: the target of a capture is the side that held the place; the target of an
  attack on soldiers, a base or a checkpoint is that state; a place is not a party.
  Violence is coded as the dyad: a fighter's or spokesman's act is his group's; unidentified
  attackers ("gunmen") are left uncoded; a side the text leaves out is the other side of the
  war the article reports (the state against the armed group it names at least twice).
  Codability counts only the parties the text names, not the inferred ones.
* status: a capture one side claims and another side denies is contested (status
  "denied", as SOURCE.md codes it); a denial's target is the claimant of the denied claim.
* codability: incidents with no concrete place, anchored date, toll or named party, and
  states of affairs ("the war", "violence"), are kept as background.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional, TypeGuard

from .. import rules
from ..codes import ClaimantKind, Kind, Plover, Sector, Status
from ..geo import countries
from ..records import ActorRef, Event, Place, Span, TimeExpr

INCIDENT_WORDS = rules.Tagged("incident_words")   # data/en/incident_words.tsv
EVENT_TYPES = "event_types"   # data/en/event_types.tsv
EVENT_TAGS = rules.Tagged(EVENT_TYPES)
ACTOR_KINDS = rules.Tagged("actor_kinds")
PLACE_PRECISIONS = "place_precisions"   # data/en/place_precisions.tsv
FAMILY = {t: f for t, f in rules.mapping(EVENT_TYPES, "family").items() if f}
VIOLENCE = FAMILY[Plover.ASSAULT]   # the family of attacks and fighting
VIOLENT_TYPES = EVENT_TAGS.violent
STATE_KINDS = ACTOR_KINDS.state
STATE_SECTORS = frozenset({Sector.GOV, Sector.MIL, Sector.COP})   # a person of these sectors acts for the state
COREF_TYPES = EVENT_TAGS.coref   # same-type mentions merge when nothing conflicts
# states of affairs, not incidents
BACKGROUND_NOUNS = INCIDENT_WORDS.background
# a target with this word is the state's forces or property ("a Malian army checkpoint")
STATE_TARGET_WORDS = INCIDENT_WORDS.state_target
CIVILIAN_WORDS = INCIDENT_WORDS.civilian
# nominals that name a side of the war ("the rebels", "insurgent force"), not anonymous attackers
SIDE_NOMINALS = INCIDENT_WORDS.side_nominal
OTHER_PARTY = rules.Tagged("armed_group_words").other_party
NUMBER_WORDS = rules.words("number_words")
# words that leave a place a place: "the village of X", "X town", "Gezira state's capital"
PLACE_WORDS = INCIDENT_WORDS.place_word | {""}
TOWN_DEGREES = 0.08   # about 9 km: closer than this, two named places are one scene
SCENE_CHARS = 400     # a violent mention this close after an incident's last one continues it
DENIAL_WINDOW = 600   # characters after a claim within which a denial answers it
RANK = {p: float(r) for p, r in rules.mapping(PLACE_PRECISIONS, "rank").items()}
COARSE = rules.Tagged(PLACE_PRECISIONS).coarse
YEAR = re.compile(r"^\d{4}$")
OWN_FORCE_TYPES = EVENT_TAGS.own_forces   # RETREAT, MOBILIZE
PHYSICAL_TYPES = EVENT_TAGS.physical


@dataclass
class Mention:
    """One event mention with what coreference needs to know about its wording."""
    event: Event
    own_date: bool = True        # the date hangs on the event, not on the verb reporting it
    anaphoric: bool = False      # definite singular event noun: "the attack", "its capture"
    generic: bool = False        # a state of affairs or a bare plural: "the war", "attacks"
    outcome: bool = False        # only a toll: "two people were killed"
    toll: bool = False           # says people were killed or wounded ("killed in an ambush")
    claimed: bool = False        # under "claim": "rebels claimed they captured"
    denial: bool = False         # a denial: "the government denied this"
    aimed: bool = False          # the predicate has an object or target, coded as a party or not


@dataclass
class _Incident:
    mentions: list[Mention] = field(default_factory=list)
    stated: tuple = (None, None)   # agent and target as the text gives them, before the dyad's inference

    @property
    def head(self) -> Mention:
        return self.mentions[0]

    @property
    def type(self) -> str:
        return self.head.event.type


# --- parties ------------------------------------------------------------------------------

def is_state(ref: Optional[ActorRef]) -> bool:
    return ref is not None and (ref.kind in STATE_KINDS or (ref.kind == Kind.PERSON and ref.sector in STATE_SECTORS))


def _lexicon(name: str) -> Optional[ActorRef]:
    from .actors import _lexicon_ref  # the actor dictionary: a listed name is a named party

    return _lexicon_ref(name)


def named_armed(ref: Optional[ActorRef]) -> TypeGuard[ActorRef]:
    from .actors import is_proper_group  # listed, or named like one: "Karen National Liberation Army"

    return is_proper_group(ref)


def is_named(ref: Optional[ActorRef]) -> TypeGuard[ActorRef]:
    """A party an analyst can code: a state body of a known country, a listed group, an IGO,
    a named person."""
    if ref is None:
        return False
    if ref.kind in STATE_KINDS:
        return bool(ref.country)
    if ref.kind == Kind.ARMED_GROUP:
        return named_armed(ref)
    if ref.kind in (Kind.IGO, Kind.NGO, Kind.PARTY, Kind.MEDIA):
        return _lexicon(ref.name) is not None
    if ref.kind == Kind.PERSON:   # "Uba Sani", a person of a known country, or one with an office ("Governor Sani")
        caps = [w for w in ref.name.split() if w[:1].isupper()]
        return len(caps) >= 2 or bool(ref.country) or (bool(caps) and bool(ref.title))
    return False


def _rank(ref: Optional[ActorRef]) -> int:
    return 0 if ref is None else (2 if is_named(ref) else 1)


def _state_ref(iso3: Optional[str], span: Optional[Span] = None) -> Optional[ActorRef]:
    info = countries.by_iso3(iso3) if iso3 else None
    if info is None:
        return None
    return ActorRef(name=f"Government of {info.name}", kind=Kind.GOVERNMENT, country=info.iso3, sector=Sector.GOV,
                    span=span)


def _at(ref: ActorRef, span: Optional[Span]) -> ActorRef:
    """The same party, at another mention: the named group a nominal ('the rebels') stands for."""
    return ref.model_copy(update={"span": span})


def _words(ref: ActorRef) -> set[str]:
    text = ref.span.text if ref.span else ref.name
    return {w.casefold().strip("“”\"'’") for w in text.split()}


class _Parties:
    """The article's named armed groups in text order, for nominals that refer to them."""

    def __init__(self, actors, places=()):
        self.groups = [a for a in actors if named_armed(a.ref)]
        counts: dict[str, int] = {}
        for p in places:
            if p.country:
                counts[p.country] = counts.get(p.country, 0) + 1
        self.country = max(counts, key=lambda c: counts[c]) if counts else None   # where the article is set

    def inside(self, span: Span) -> Optional[ActorRef]:
        """A named group inside the nominal: 'a JNIM fighter', 'RSF fighters'."""
        hit = [a for a in self.groups if span.start <= a.mention.start and a.mention.end <= span.end]
        return hit[0].ref if hit else None

    def before(self, pos: int) -> Optional[ActorRef]:
        prior = [a for a in self.groups if a.mention.start < pos]
        return prior[-1].ref if prior else None

    def akin(self, span: Span) -> Optional[ActorRef]:
        """The named group a people's or region's adjective points to: 'Tigrayan forces' ->
        Tigray People's Liberation Front, 'Karen rebels' -> Karen National Union."""
        stems = {w[:STEM] for w in _capitalised(span.text) if len(w) >= STEM}
        if not stems:
            return None
        counts: dict[str, list] = {}
        for a in self.groups:
            if stems & {w[:STEM] for w in _capitalised(a.ref.name) if len(w) >= STEM}:
                counts.setdefault(a.ref.name, []).append(a)
        return max(counts.values(), key=len)[0].ref if counts else None

    def main(self, opposition: bool = False) -> Optional[ActorRef]:
        """The group the article names most (with `opposition`: the side fighting the state
        that the article is about, named at least twice, not a pro-government militia such as
        the VDP, nor a group named once in the background)."""
        counts: dict[str, list] = {}
        for a in self.groups:
            if opposition and a.ref.sector == Sector.MIL:
                continue
            counts.setdefault(a.ref.name, []).append(a)
        if not counts:
            return None
        best = max(counts.values(), key=len)
        if opposition and len(best) < MAIN_MENTIONS:
            return None
        return best[0].ref


DEFINITE_LEAD = tuple(w + " " for w in rules.ordered("determiners", tag="lead"))
MAIN_MENTIONS = 2   # an armed group the article is about is named more than once
STEM = 5   # letters a people's adjective shares with a group's name: "Tigra(yan)" ~ "Tigra(y)"


def _capitalised(text: str) -> list[str]:
    return [w.casefold().strip("“”\"'’,.") for w in text.split() if w[:1].isupper()]


PARTY_KINDS = ACTOR_KINDS.party


def antecedent(ctx, pos: int, window: int = 400) -> Optional[ActorRef]:
    """The party a pronoun ('they', 'its') stands for: the nearest named state body, armed group
    or IGO mentioned shortly before it."""
    prior = [a for a in ctx.actors if a.mention.end <= pos and pos - a.mention.end <= window
             and a.ref.kind in PARTY_KINDS and is_named(a.ref) and not a.metonymy]
    return prior[-1].ref if prior else None


def anonymous(ref: Optional[ActorRef]) -> bool:
    """Unidentified attackers ('gunmen', 'heavily armed attackers', 'suspected militants'): an
    unnamed armed nominal that names no side of the war, as analysts leave the actor uncoded."""
    return ref is not None and ref.kind == Kind.ARMED_GROUP and not named_armed(ref) and ref.span is not None \
        and not (_words(ref) & SIDE_NOMINALS) and not ref.span.text.casefold().startswith(DEFINITE_LEAD)


def _resolve_nominal(ref: Optional[ActorRef], parties: _Parties, pos: int,
                     other: Optional[ActorRef] = None) -> Optional[ActorRef]:
    """'the rebels', 'its fighters', 'Syrian rebel forces', 'the insurgent force' -> the named armed
    group the article is about (the one sharing its people's name, 'Tigrayan' ~ Tigray People's
    Liberation Front; the one named before; else the one it names most); anonymous attackers
    ('gunmen', 'armed assailants') and 'another group' are not resolved (see anonymous())."""
    if ref is None or ref.kind != Kind.ARMED_GROUP or named_armed(ref) or ref.span is None:
        return ref
    own = parties.inside(ref.span) or parties.akin(ref.span)
    if own is not None:
        return _at(own, ref.span)
    if _words(ref) & OTHER_PARTY or any(w.isdigit() or w in NUMBER_WORDS for w in _words(ref)):
        return ref   # "another al-Qaeda linked group", "three ethnic rebel groups": a party of their own
    definite = ref.span.text.casefold().startswith(DEFINITE_LEAD)
    side = bool(_words(ref) & SIDE_NOMINALS)   # "rebels", "insurgents": a side of the war, acting or hit
    if not (definite or side):
        return ref
    named = parties.before(ref.span.start) or (parties.main() if side else None)
    if named is None or (other is not None and named.name == other.name):
        return ref
    return _at(named, ref.span)


# --- compatibility ------------------------------------------------------------------------

def _family(t: str) -> str:
    return FAMILY.get(t, t)


def _day(d: Optional[TimeExpr]) -> Optional[str]:
    if d is None:
        return None
    if d.date is not None:
        return d.date.isoformat()
    if d.start_date is not None and d.start_date == d.end_date:
        return d.start_date.isoformat()
    return None


def _interval(d: Optional[TimeExpr]):
    if d is None:
        return None
    if d.date is not None:
        return d.date, d.date
    if d.start_date is not None and d.end_date is not None:
        return d.start_date, d.end_date
    return None


def _dates_overlap(a: Optional[TimeExpr], b: Optional[TimeExpr]) -> bool:
    ia, ib = _interval(a), _interval(b)
    return ia is None or ib is None or (ia[0] <= ib[1] and ib[0] <= ia[1])


def _refs_ok(a: Optional[ActorRef], b: Optional[ActorRef]) -> bool:
    """Two mentions' parties can be one: a state and an armed group are two sides even in one country."""
    if a is None or b is None:
        return True
    if (is_state(a) and named_armed(b)) or (is_state(b) and named_armed(a)):
        return False
    if a.country and b.country:
        return a.country == b.country
    if is_named(a) and is_named(b):
        return a.name == b.name
    return True


def _armed_side(ref: ActorRef) -> bool:
    """A named armed group, or a nominal of the side fighting the state ('the rebels')."""
    return named_armed(ref) or (ref.kind == Kind.ARMED_GROUP and bool(_words(ref) & SIDE_NOMINALS))


def _unnamed_armed(ref: ActorRef) -> bool:
    return ref.kind == Kind.ARMED_GROUP and not named_armed(ref)


def _two_sides(a: ActorRef, b: ActorRef) -> bool:
    return (is_state(a) and _armed_side(b)) or (is_state(b) and _armed_side(a))


def _places_ok(a: Optional[Place], b: Optional[Place]) -> bool:
    if a is None or b is None or a.name == b.name:
        return True
    if a.precision in COARSE or b.precision in COARSE:
        return not (a.country and b.country) or a.country == b.country
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None:
        # two towns 20 km apart (Dessie, Kombolcha) are two incidents; one town's two spellings are one
        return abs(a.lat - b.lat) < TOWN_DEGREES and abs(a.lon - b.lon) < TOWN_DEGREES
    return False


def _mention_ok(inc: _Incident, m: Mention, anaphor: bool = False) -> bool:
    """With `anaphor` ('the targets of the attack were ... in X'), a place in the same country is
    no conflict: the definite noun names the incident, the place may be a part or a neighbour."""
    e = m.event
    for o in inc.mentions:
        x = o.event
        if _family(x.type) != _family(e.type):
            return False
        if (x.status == Status.PLANNED) != (e.status == Status.PLANNED):
            return False
        if o.own_date and m.own_date and not _dates_overlap(x.date, e.date):
            return False
        if not _places_ok(x.place, e.place) and not (anaphor and _same_country(x.place, e.place)):
            return False
        if not (_refs_ok(x.agent, e.agent) and _refs_ok(x.target, e.target)):
            return False
    return True


def _same_country(a: Optional[Place], b: Optional[Place]) -> bool:
    return a is not None and b is not None and a.country is not None and a.country == b.country


def _strict_ok(inc: _Incident, m: Mention) -> bool:
    """The same-type merge of the events extractor: same type, mode and status, every slot agrees."""
    e = m.event
    for o in inc.mentions:
        x = o.event
        if x.type != e.type or x.type not in COREF_TYPES or x.status != e.status:
            return False
        if x.mode and e.mode and x.mode != e.mode:
            return False
        if x.date is not None and e.date is not None and _day(x.date) and _day(e.date) \
                and x.date.value != e.date.value:
            return False
    return _mention_ok(inc, m)


def _same_scene(inc: _Incident, m: Mention) -> bool:
    """Another sentence about the same violence: the same named place, or no place of its own
    right after the incident's last mention."""
    last = inc.mentions[-1].event
    agent = m.event.agent
    if agent is not None and not any(o.event.agent is not None and (o.event.agent.name == agent.name or (
            is_named(agent) and _refs_ok(o.event.agent, agent) and not _two_sides(o.event.agent, agent))
            or (_unnamed_armed(o.event.agent) and _unnamed_armed(agent) and m.event.date is None))
            for o in inc.mentions):   # "suspected militants" ... "a group of armed terrorists", not "in 2022, gunmen"
        return False   # someone else acting: another incident ("Russian warplanes" after "the rebels")
    near = m.event.trigger.start - last.trigger.start < SCENE_CHARS
    place = m.event.place
    if place is not None and place.precision not in COARSE:
        if not near and agent is not None and not any(o.event.agent is not None and o.event.agent.name == agent.name
                                                      for o in inc.mentions):
            return False   # "HTS shelled a residence in Aleppo" paragraphs after "the rebels' offensive": its own act
        return any(o.event.place is not None and o.event.place.name == place.name for o in inc.mentions)
    return near


# --- grouping -----------------------------------------------------------------------------

def _group(mentions: list[Mention], headline_end: int) -> list[_Incident]:
    incidents: list[_Incident] = []
    for m in sorted(mentions, key=lambda m: m.event.trigger.start):
        home = None
        violent = _family(m.event.type) == VIOLENCE
        for inc in reversed(incidents):   # nearest first
            if m.generic:
                break
            lede = all(o.event.trigger.start < headline_end for o in inc.mentions)
            # within a sentence the extractor has already joined what belongs together
            later = all(o.event.evidence.start != m.event.evidence.start for o in inc.mentions)
            toll_only = violent and m.outcome and m.event.agent is None   # "two were killed"
            refers = m.anaphoric or (later and (toll_only or lede or (violent and _same_scene(inc, m))))
            if refers and _mention_ok(inc, m, anaphor=m.anaphoric):
                home = inc
                break
            if _strict_ok(inc, m):
                home = inc
                break
            if m.anaphoric and _family(inc.type) == _family(m.event.type):
                break   # the nearest incident of its kind is the antecedent, or none is
        if home is None:
            incidents.append(_Incident([m]))
        else:
            home.mentions.append(m)
    return incidents


def _headline_fits(head: _Incident, body: _Incident, headline_end: int = 0) -> bool:
    """The body incident a headline announces: one type family, planned apart from reported, no
    two different towns or days, no two differently named agents (the headline's parse is poor,
    so victims are only compared where the lede joined it: civilians hit are not the state's forces)."""
    if head.type != body.type:
        return False   # an attack joined to a battle would lose its own type
    for h in head.mentions:
        for b in body.mentions:
            x, y = h.event, b.event
            if x.trigger.start >= headline_end and _victims_differ(x.target, y.target):
                return False
            if _family(x.type) != _family(y.type) or (x.status == Status.PLANNED) != (y.status == Status.PLANNED):
                return False
            if not _places_ok(x.place, y.place) or not _dates_overlap(x.date, y.date):
                return False
            if is_named(x.agent) and is_named(y.agent) and not _refs_ok(x.agent, y.agent):
                return False
            if x.agent is not None and y.agent is not None and _two_sides(x.agent, y.agent):
                return False   # "the rebels' offensive" is not "Russian warplanes launched raids"
    return True


def _victims_differ(a: Optional[ActorRef], b: Optional[ActorRef]) -> bool:
    """One hit civilians, the other the state's forces: two incidents."""
    if a is None or b is None:
        return False
    civ_a, civ_b = bool(_words(a) & CIVILIAN_WORDS), bool(_words(b) & CIVILIAN_WORDS)
    return (civ_a and is_state(b) and not civ_b) or (civ_b and is_state(a) and not civ_a)


def _join_headlines(incidents: list[_Incident], headline_end: int) -> list[_Incident]:
    """A headline event is the article's news: it joins the first body incident it fits, whose
    own wording then leads the record."""
    out = list(incidents)
    for inc in incidents:
        if inc.head.event.trigger.start >= headline_end or all(m.generic for m in inc.mentions):
            continue
        body = next((b for b in out if b.head.event.trigger.start >= headline_end
                     and not all(m.generic for m in b.mentions) and _headline_fits(inc, b, headline_end)), None)
        if body is not None:
            body.mentions.extend(inc.mentions)
            out = [i for i in out if i is not inc]
    return out


# --- pooling ------------------------------------------------------------------------------

def _month_or_finer(d: Optional[TimeExpr]) -> bool:
    if d is None or (d.date is None and d.start_date is None):
        return False
    return not (d.value and YEAR.match(d.value))


def _pool_date(inc: _Incident) -> Optional[TimeExpr]:
    own = [m.event.date for m in inc.mentions if m.own_date and _month_or_finer(m.event.date)]
    if own:
        return min(own, key=lambda d: 0 if _day(d) else 1)
    reported = [m.event.date for m in inc.mentions if _month_or_finer(m.event.date)]
    return reported[0] if reported else None


def _pool_place(inc: _Incident) -> Optional[Place]:
    """The most specific place among the mentions that name one; the first mention's own town
    stands unless a later mention names a finer place."""
    places = [m.event.place for m in inc.mentions if m.event.place is not None and not m.outcome] or \
        [m.event.place for m in inc.mentions if m.event.place is not None]   # a bare toll's place last:
    if not places:                                                       # "the injured were taken to X"
        return None
    first = places[0]
    if first.precision not in COARSE:
        finer = [p for p in places[1:] if RANK.get(p.precision, 6) < RANK.get(first.precision, 6)
                 and p.country == first.country and first.admin1 and p.admin1 == first.admin1
                 and not _within(p, first)]
        return finer[0] if finer else first
    return min(places, key=lambda p: RANK.get(p.precision, 6))


def _within(part: Place, city: Place) -> bool:
    """A quarter of the city ('the gendarme school in Faladié', in Bamako): analysts code the city."""
    if part.lat is None or part.lon is None or city.lat is None or city.lon is None:
        return False
    return abs(part.lat - city.lat) < TOWN_DEGREES and abs(part.lon - city.lon) < TOWN_DEGREES


def _with_country(place: Optional[Place], inc: _Incident, home: Optional[str] = None) -> Optional[Place]:
    """A place the gazetteer lacks ('Tudun Biri village') lies in the country the incident's other
    mentions name, where they name one, else in the country the article is set in (`home`)."""
    if place is None or place.country or place.lat is not None:   # located without a country: a sea, a region
        return place
    named = {m.event.place.country for m in inc.mentions if m.event.place is not None and m.event.place.country}
    country = named.pop() if len(named) == 1 else (home if not named else None)
    return place.model_copy(update={"country": country}) if country else place


UNNAMED_FORCE_KINDS = STATE_KINDS - {Kind.GOVERNMENT, Kind.COUNTRY}


def _located_state(ref: Optional[ActorRef], place: Optional[Place]) -> Optional[ActorRef]:
    """An unnamed state body ('the military', 'the troops', 'security forces') acts for the state
    where it acts, not for the country the article names most ('near the Mali border')."""
    if ref is None or ref.kind not in STATE_KINDS or place is None or not place.country \
            or ref.country == place.country or _says_country(ref):
        return ref
    return ref.model_copy(update={"country": place.country})


def _says_country(ref: ActorRef) -> bool:
    """The mention names whose body it is ('Malian soldiers', 'the U.S.', 'Moscow', 'his forces'),
    or it is a government, whose country is never a guess; 'the troops', 'soldiers' name none."""
    words = (ref.span.text if ref.span else ref.name).split()
    first = words[0].split("-") if words else []   # "Vietnamese-led forces"
    whose = bool(words) and words[0].casefold() + " " in DEFINITE_LEAD and words[0].casefold() != "the"
    return ref.kind not in UNNAMED_FORCE_KINDS or whose or any(w[:1].isupper() for w in words[1:]) \
        or any(countries.lookup(w) or countries.by_demonym(w) or countries.by_capital(w) for w in first)


def _pool_ref(refs: list[Optional[ActorRef]]) -> Optional[ActorRef]:
    best = None
    for r in refs:
        if _rank(r) > _rank(best):
            best = r
    return best


# --- roles --------------------------------------------------------------------------------

def place_like(ref: Optional[ActorRef], places: list[Place]) -> bool:
    """A 'target' that is only the place attacked or taken ('Wad Madani', 'Tudun Biri village')."""
    if ref is None or ref.span is None or ref.kind in STATE_KINDS | {Kind.ARMED_GROUP, Kind.IGO, Kind.NGO}:
        return False
    for p in places:
        if p.mention.start >= ref.span.start and p.mention.end <= ref.span.end:
            rest = (ref.span.text[:p.mention.start - ref.span.start] + " "
                    + ref.span.text[p.mention.end - ref.span.start:]).casefold().split()
            if all(w.strip(",'’s") in PLACE_WORDS for w in rest):
                return True
    return False


def _seize_target(agent: Optional[ActorRef], target: Optional[ActorRef], place: Optional[Place],
                  parties: _Parties) -> Optional[ActorRef]:
    """The side that held the place: the state where a non-state party takes it, the armed
    group a state takes it back from."""
    if is_named(target) and target.kind != Kind.PERSON and target != agent:
        return target
    if agent is None:
        return _state_ref(place.country) if place is not None else None
    if not is_state(agent):   # a town the gazetteer lacks has no country: the group's own state held it
        return _state_ref((place.country if place is not None else None) or agent.country)
    if place is not None and place.country and agent.country and place.country != agent.country:
        return _state_ref(place.country)
    return parties.main(opposition=True)


def _member_group(ref: Optional[ActorRef]) -> Optional[ActorRef]:
    """The armed group a person fights or speaks for ('Mohamed Hussein, a fighter with HTS'),
    or the group a nominal of its people stands for ('a rebel spokesman' resolved before)."""
    if ref is None or ref.kind != Kind.PERSON or not ref.title:
        return None
    _office, of, name = ref.title.partition(" of ")
    if not of:
        return None
    from .actors import is_armed_name

    group = _lexicon(name)
    if group is None and is_armed_name(name):
        group = ActorRef(name=name, kind=Kind.ARMED_GROUP, sector=Sector.REB, country=ref.country)
    if group is None or group.kind != Kind.ARMED_GROUP:
        return None
    return _at(group, ref.span)


def _claimed_by_main(target: Optional[ActorRef], parties: _Parties) -> Optional[ActorRef]:
    """'the capture of the garrison' with no captor named: the armed group the article is about
    took it from the state."""
    if target is not None and not is_state(target):
        return None
    return parties.main(opposition=True)


def _dyad(agent: Optional[ActorRef], target: Optional[ActorRef], place: Optional[Place],
          parties: _Parties, aimed: bool = False) -> tuple[Optional[ActorRef], Optional[ActorRef]]:
    """Fill the missing side of violence in a war between a state and an armed group, as ACLED
    codes the dyad: the state's forces attack the armed group the article is about ('warplanes
    pounded their positions', 'strikes on Yemen' where the group holds it), the group attacks
    the state where it happens ('an offensive', 'fierce fighting'). An attack on someone the
    text names but no party codes (`aimed`: 'assassinated a municipal councillor') stays open."""
    main = parties.main(opposition=True)
    home = place.country if place is not None and place.country else parties.country
    if agent is None and main is not None and (target is None or is_state(target)):
        agent = main   # "hit by a terrorist attack", "gun battles raged": the group fighting there
    if agent is None:
        return agent, target
    open_target = (target is None and not aimed) or (target is not None and target.kind == Kind.ARMED_GROUP
                                                      and not is_named(target))
    if is_state(agent) and main is not None and main.name != agent.name:
        foreign_land = (target is not None and target.kind == Kind.GOVERNMENT and target.country == main.country
                        and agent.country and agent.country != target.country and target.span is not None
                        and countries.lookup(target.span.text.removeprefix("the ")) is not None)
        if open_target or foreign_land:
            target = _at(main, target.span if target is not None else None)
    elif named_armed(agent) and target is None and not aimed and (agent.country or home):
        target = _state_ref(agent.country or home)   # the state the group fights at home
    return agent, target


def _assault_target(target: Optional[ActorRef], place: Optional[Place],
                    home: Optional[str] = None) -> Optional[ActorRef]:
    """Victims by what they are: civilians, or the state whose forces or property were hit (its
    country from the target, the place, else `home`: the state a named domestic group fights)."""
    if target is None or is_named(target):
        return target
    words = _words(target)
    if words & CIVILIAN_WORDS:
        return ActorRef(name="civilians", kind=Kind.CIVILIANS, country=target.country, sector=Sector.CVL,
                        span=target.span)
    if words & STATE_TARGET_WORDS:
        iso3 = target.country or (place.country if place is not None else None) or home
        return _state_ref(iso3, target.span) if iso3 else target
    return target


# --- status -------------------------------------------------------------------------------

def _side(ref: Optional[ActorRef]) -> Optional[str]:
    if ref is None:
        return None
    return ("state:" + (ref.country or "")) if is_state(ref) else "nonstate"   # the state or those fighting it


def _contested(seize: Event, denials: list[Event], claimed: bool) -> bool:
    """Only claimed ('rebels claimed they captured'), or asserted by one party and denied by
    another right after ('..., but the government denied this')."""
    if seize.agent is None:
        return False
    if claimed:
        return True
    asserted_by = {seize.agent.name, seize.claimant.name if seize.claimant else ""}
    for d in denials:
        if d.agent is None or d.agent.name in asserted_by:
            continue
        if 0 <= d.trigger.start - seize.trigger.start <= DENIAL_WINDOW or _side(d.agent) != _side(seize.agent):
            return True
    return False


# --- assembly -----------------------------------------------------------------------------

def _background(e: Event, inc: _Incident) -> bool:
    if all(m.generic and (m.event.trigger.text.casefold().split() or [""])[-1].rstrip("s") in
           {n.rstrip("s") for n in BACKGROUND_NOUNS} for m in inc.mentions):
        return True
    concrete_place = e.place is not None and e.place.precision not in COARSE
    dated = _month_or_finer(e.date)
    toll = any(m.toll for m in inc.mentions) or e.count is not None
    agent, target = inc.stated   # a side inferred from the war the article reports names no one
    named = is_named(agent) or is_named(target)
    generic = all(m.generic for m in inc.mentions)
    if generic and e.status == Status.PLANNED:
        return True   # "the capture of Dessie would be a strategic gain": a hypothetical
    if e.type in PHYSICAL_TYPES:
        if generic:   # a bare plural or a hypothetical: only with its actor named, and where or when
            return not (is_named(agent) and (concrete_place or dated))
        return not (concrete_place or dated or toll or named)
    return generic or not is_named(e.agent)   # "forces backed by Russia" describes, "requests for comment" ask


def _claimant_rank(c) -> tuple:
    if c is None:
        return (0, 0, 0)
    return (c.kind == ClaimantKind.ACTOR, c.via is not None, bool(c.actor and c.actor.kind == Kind.PERSON))


def _build(inc: _Incident, parties: _Parties, places: list[Place]) -> Event:
    head = inc.head.event
    events = [m.event for m in inc.mentions]
    pos = head.trigger.start
    victim = _pool_ref([e.target for e in events])
    victim = victim if is_named(victim) else None
    agent = _pool_ref([_resolve_nominal(e.agent, parties, pos, other=victim) for e in events])
    targets = [_resolve_nominal(e.target, parties, pos, other=agent) for e in events]
    targets = [None if place_like(t, places) else t for t in targets]
    target = _pool_ref(targets)
    place = _with_country(_pool_place(inc), inc)
    located = _with_country(place, inc, parties.country)   # a village the gazetteer lacks: the article's country
    date = _pool_date(inc)
    if agent is None and head.type == Plover.COERCE and head.mode == "arrest":
        agent = _state_ref(place.country if place is not None else parties.country)   # arrests are the state's
    if head.type == Plover.SEIZE or _family(head.type) == VIOLENCE:
        agent = _member_group(agent) or agent   # "we liberated" by an HTS fighter: HTS did
        if anonymous(agent):
            agent = None   # "gunmen", "armed assailants": unidentified, coded only as the group the article names
    generic = all(m.generic for m in inc.mentions)
    if head.type == Plover.SEIZE:
        inc.stated = (agent, _seize_target(agent, target, place, parties))
        if not generic:   # not "the capture of X would be a gain"
            agent = agent or _claimed_by_main(target, parties)
        target = _seize_target(agent, target, place, parties)
    elif _family(head.type) == VIOLENCE:
        target = _assault_target(target, place, agent.country if named_armed(agent) else None)
        inc.stated = (agent, target)
        if not generic:   # "the war" is a state of affairs, not a dyad's act
            aimed = head.type == Plover.ASSAULT and any(m.aimed for m in inc.mentions)
            agent, target = _dyad(agent, target, place, parties, aimed)
    else:
        inc.stated = (agent, target)
    place = located   # violence's roles read only the text's countries: a located guard stays a civilian
    agent, target = _located_state(agent, place), _located_state(target, place)
    if agent is not None and target is not None and agent.name == target.name:
        target = None
    if head.type in OWN_FORCE_TYPES and agent is not None and target is not None and is_state(agent) \
            and is_state(target) and target.country == agent.country:
        target = None   # "its forces have withdrawn from positions", "increased patrols": their own side
    mode = next((e.mode for e in events if e.mode), None) if head.mode is None else head.mode
    claimant = max((e.claimant for e in events), key=_claimant_rank)
    count = next((e.count for e in events if e.count is not None), None)
    mentions = [e.trigger for e in events[1:]]
    return head.model_copy(update=dict(agent=agent, target=target, place=place, date=date, mode=mode,
                                       claimant=claimant, count=count, mentions=mentions))


def resolve(ctx, mentions: list[Mention]) -> list[Event]:
    """Mentions in, incidents out (in text order), background ones flagged."""
    text = ctx.article.text
    headline_end = max(text.find("\n"), 0)   # 0: no headline line
    parties = _Parties(ctx.actors, ctx.places)
    incidents = _join_headlines(_group(mentions, headline_end), headline_end) if headline_end else \
        _group(mentions, headline_end)
    built = [(inc, _build(inc, parties, ctx.places)) for inc in incidents]
    denials = [e for inc, e in built if e.type == Plover.REJECT and any(m.denial for m in inc.mentions)]
    out = []
    for inc, e in built:
        update: dict[str, object] = {}
        if e.type == Plover.SEIZE and e.status in (Status.OCCURRED, Status.CLAIMED) and \
                _contested(e, denials, any(m.claimed for m in inc.mentions)):
            update["status"] = Status.DENIED
        if e.type == Plover.REJECT and not is_named(e.target):
            claim = next((s for _, s in reversed(built) if s.type == Plover.SEIZE and s.trigger.start < e.trigger.start
                          and e.trigger.start - s.trigger.start < 600 and s.agent is not None), None)

            if claim is not None and _side(claim.agent) != _side(e.agent):
                update["target"] = claim.agent
        e = e.model_copy(update=update) if update else e
        out.append(e.model_copy(update={"background": _background(e, inc)}))
    out = _at_the_scene(sorted(out, key=lambda e: e.trigger.start), headline_end)
    return [_in_country(e, parties, ctx.places) for e in out]


GROUND_TYPES = VIOLENT_TYPES | OWN_FORCE_TYPES


def _in_country(e: Event, parties: _Parties, places: list[Place]) -> Event:
    """Fighting, attacks, captures, withdrawals and deployments the text places nowhere still happen in a country,
    as analysts code them: the state party's ('warplanes continue to bombard RSF sites': Sudan's),
    else the country the article is set in; the article's own mention of that country is the place."""
    if e.place is not None or e.background or e.type not in GROUND_TYPES:
        return e
    state = next((r.country for r in (e.target, e.agent) if is_state(r) and r is not None and r.country), None)
    country = state or parties.country
    named = next((p for p in places if p.country == country and countries.lookup(p.mention.text)
                  and not e.evidence.start <= p.mention.start < e.evidence.end), None)   # its sentence's were judged
    return e.model_copy(update=dict(place=named)) if named is not None else e


def _at_the_scene(events: list[Event], headline_end: int) -> list[Event]:
    """A domestic authority's response reported after the incident, naming no place of its own
    ('At least 15 suspects have been arrested', 'The general called on residents to help'), is
    located at the incident the article reports: the headline's violent incident, else its first
    one, in one town."""
    scenes = [e for e in events if not e.background and e.type in VIOLENT_TYPES and e.place is not None
              and e.place.precision not in COARSE and e.place.country]
    main = next((e for e in scenes if any(m.start < headline_end for m in [e.trigger, *e.mentions])),
                scenes[0] if scenes else None)
    if main is None or main.place is None:
        return events
    country = main.place.country
    reported = min((m.start for m in [main.trigger, *main.mentions] if m.start >= headline_end),
                   default=main.trigger.start)
    out = []
    for e in events:
        if e.type not in VIOLENT_TYPES and e.place is None and e.agent is not None and is_state(e.agent) and \
                e.agent.country == country and e.trigger.start > reported:
            e = e.model_copy(update={"place": main.place})
        out.append(e)
    return out
