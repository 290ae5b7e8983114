"""Events: PLOVER-typed predicates with agent, target, place, date, status and ACLED type.

Per sentence: find trigger predicates (verb/noun lemmas, phrasal verbs, light verb
+ event noun), drop triggers that are only wanted/refused/hoped for (complements of
"urged", "refused", "hopes of"), merge triggers of one predicate ("two truces
agreed", "killed in an attack"), then fill the slots from the dependency parse and
the earlier extractors (ctx.actors, ctx.places, ctx.dates). Finally, mentions of one
event across the article ("took control" / "the capture of Agbend" / "liberation
of Agbend") are merged when nothing conflicts.

Status: "claimed" is not used: an event asserted by one side stays "occurred" and
the `claimant` records who asserts it (attribution.claimant_for).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Optional

from spacy import symbols as sym
from spacy.tokens import Span as SpacySpan, Token

from .. import rules
from .syntax import (ACTOR_ENTS, ANY_SUBJECT_DEPS, COMPOUND_DEPS, COUNT_DEPS, DATIVE_DEPS, FINITE_TAGS, GERUND_TAGS, GROUP_ENTS,
                     NOUN_MODIFIERS, NOUN_POS, PAST_TENSE_TAGS, PLACE_ENTS, PLURAL_NOUN_TAGS, PRED_POS, PRESENT_TENSE_TAGS,
                     ROOT_DEPS, VERB_TAGS, WH_TAGS)
from ..acled_map import to_acled
from ..codes import Kind, Mode, Plover, Precision, Sector, Status, Tense, Timex
from ..nlp import chunk_of, ents_in
from ..records import ActorRef, Claimant, Event, Place, Span, TimeExpr
from . import attribution, event_lexicon as lex, incidents, threats
from .actors import armed_nominal
from .speakers import FEMALE_PRONOUNS, MALE_PRONOUNS, SPEAKER_KEY, is_dateline, pronoun_antecedent
from ..stages import stage
from .context import Context

if TYPE_CHECKING:
    from ..geo.countries import CountryInfo

CUES = rules.Tagged("event_cues")
INCIDENT_WORDS = rules.Tagged("incident_words")
PREPS = rules.Tagged("prepositions")
PLACE_NOUNS = rules.Tagged("place_nouns")
PRONOUNS = rules.Tagged("pronouns")
DETERMINERS = rules.Tagged("determiners")
ACTOR_KINDS = rules.Tagged("actor_kinds")
EVENT_TYPES = rules.Tagged("event_types")
OUTCOME_TABLE = rules.Tagged("outcome_verbs")
MODAL_AUX = rules.Tagged("modal_aux")
PRECISION_GROUPS = rules.Tagged("place_precisions")
ATTACK_PREPS = PREPS.attack_target   # "strikes on Yemen", "sanctions against"
GENITIVE = PREPS.genitive               # "the city of Aleppo", "the head of the ICRC"
ENTRY_PREPS = PREPS.entry               # "marched into Goma"
DATIVE_PREPS = PREPS.dative             # "offered troops to Lebanon", "fell to the RSF"
DIRECTION_PREPS = PREPS.direction       # "to", "toward", "towards"
BENEFICIARY_PREPS = PREPS.beneficiary   # "aid for Romania"
AGENT_PREPS = PREPS.agent_of            # "the attack by JNIM"
SCENE_PREPS = PREPS.ordered("scene")    # "demonstrated in Serbia"
SPAN_START_PREPS = PREPS.span_start     # "the 27th attack since Nov. 19"
BAD_PLACE_PREPS = PREPS.bad_place  # "of" only when it heads an actor ("minister of X")


@dataclass
class _Cand:
    tokens: list[Token]          # trigger tokens (predicate first)
    type: str
    mode: Optional[str]
    pred: Token                  # the token carrying the predicate's arguments
    extra: list[Token] = field(default_factory=list)  # merged triggers' tokens
    merged: list[_Cand] = field(default_factory=list)
    idiom: Optional[threats.Idiom] = None  # a stance said as an idiom ("will pay a heavy price")

    @property
    def all_tokens(self) -> list[Token]:
        return self.tokens + self.extra


# --- trigger detection -------------------------------------------------------

def _child(tok: Token, *deps: int) -> Optional[Token]:
    return next((c for c in tok.children if c.dep in deps), None)


def _child_labelled(tok: Token, labels: frozenset[str]) -> Optional[Token]:
    """The first child whose dependency is in a label group (for labels spacy.symbols lacks)."""
    return next((c for c in tok.children if c.dep_ in labels), None)


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _noun_lemma(tok: Token) -> str:
    """Lower-case lemma; capitalised plurals ('Rioters') keep their 's' in spaCy."""
    lem = _lemma(tok)
    if tok.pos == sym.PROPN and lem.endswith("s") and lem[:-1] in lex.FALLBACK_SECTORS:
        return lem[:-1]
    return lem


def _fallback_sector(tok: Token) -> Optional[str]:
    return lex.FALLBACK_SECTORS.get(_noun_lemma(tok))


def _in_name(tok: Token) -> bool:
    """Trigger-looking word inside a name: 'Ceasefire Violations Committee', 'Red Cross', or a
    date: 'March 2020'."""
    return (tok.ent_type_ in ACTOR_ENTS or tok.ent_type == sym.DATE) and tok.pos == sym.PROPN


def _compounds(tok: Token) -> set[str]:
    return {_lemma(c) for c in tok.children if c.dep_ in NOUN_MODIFIERS}


def _strike_reading(tok: Token, compounds: set[str]) -> Optional[lex.T]:
    """What a 'strike' noun's own words make it: an air strike ('drone strike', 'military strikes',
    'US-led strikes', 'strikes on Yemen', '73 strikes'), a hunger strike, or undecided (None)."""
    if compounds & AIR_STRIKE:
        return (Plover.ASSAULT, Mode.AIR)
    if compounds & CUES.hunger_strike:
        return (Plover.PROTEST, Mode.HUNGER)
    named = any(c.ent_type_ in GROUP_ENTS or _lemma(c) == "lead" or c.lower_.endswith("-led")
                for c in tok.children if c.dep_ in NOUN_MODIFIERS)   # "US-led strikes"
    if compounds & MILITARY_STRIKE or named or _pobj(tok, *ATTACK_PREPS) is not None \
            or _child_labelled(tok, COUNT_DEPS) is not None:
        return (Plover.ASSAULT, Mode.AIR)
    return None


def _military_strike(tok: Token) -> bool:
    """'airstrike', or a 'strike' its own words make an air strike."""
    lem = _lemma(tok)
    if lex.NOUN_TRIGGERS.get(lem) == (Plover.ASSAULT, Mode.AIR):
        return True
    return lem in CUES.strike and tok.pos == sym.NOUN and \
        _strike_reading(tok, _compounds(tok)) == (Plover.ASSAULT, Mode.AIR)


def _reports_military_strike(doc) -> bool:
    """Whether the article reports a military strike anywhere (cached on the doc): its bare
    'the strike' then refers to it rather than to a labour strike."""
    key = "sitrep_military_strike"
    if key not in doc.user_data:
        doc.user_data[key] = any(_military_strike(t) for t in doc)
    return bool(doc.user_data[key])


def _type_of(entry: Optional[lex.T]) -> Optional[str]:
    return entry[0] if entry else None


def _noun_entry(tok: Token) -> Optional[lex.T]:
    lem = _lemma(tok)
    compounds = _compounds(tok)
    if lem in CUES.strike:
        reading = _strike_reading(tok, compounds)
        if reading is not None:
            return reading
        if not compounds and _reports_military_strike(tok.doc):
            return (Plover.ASSAULT, Mode.AIR)   # "the strike", "the strikes" after "a drone strike": that strike
        return (Plover.PROTEST, Mode.STRIKE)
    if lem in SUICIDE_HEADS and compounds & CUES.suicide:
        return (Plover.ASSAULT, Mode.SUICIDE)
    if lem in BOMB_HEADS and compounds & BOMB_KINDS:
        return (Plover.ASSAULT, Mode.EXPLOSIVES)
    if lem in AIR_RAID_HEADS and compounds & AIR_RAID:
        return (Plover.ASSAULT, Mode.AIR)
    if lem in CUES.tear_gas_head and compounds & CUES.tear_gas:
        return (Plover.COERCE, Mode.DISPERSE)
    if lem in CUES.tear_gas_word:
        return (Plover.COERCE, Mode.DISPERSE)
    if lem in CUES.light_verb_object_only:
        return None  # only with a light verb: "took control"
    if compounds & NON_EVENT_COMPOUNDS:
        return None  # "(Screen capture/X)", a photo credit
    return lex.NOUN_TRIGGERS.get(lem)


IMPACT_VERBS = CUES.impact_verb
PROJECTILES = CUES.projectile


def _verb_entry(tok: Token) -> tuple[Optional[lex.T], list[Token]]:
    """(type, mode) for a verb and the extra tokens forming its trigger."""
    lem = _lemma(tok)
    prt = _child(tok, sym.prt)
    obj = _child(tok, sym.dobj)
    if obj is not None and (lem, _object_lemma(obj)) in lex.LIGHT_VERB_OBJECTS:
        return lex.LIGHT_VERB_OBJECTS[(lem, _object_lemma(obj))], [obj]
    passive = _child(tok, sym.nsubjpass)   # "fingers were pointed at the air force"
    if obj is None and passive is not None and (lem, _object_lemma(passive)) in lex.LIGHT_VERB_OBJECTS:
        return lex.LIGHT_VERB_OBJECTS[(lem, _object_lemma(passive))], [passive]
    if prt is not None and (lem, prt.lower_) in lex.PHRASAL:
        return lex.PHRASAL[(lem, prt.lower_)], [prt]
    prep = _phrasal_prep(tok, lem)
    if prep is not None:   # "called on the parties to stop": the particle parsed as a preposition
        return lex.PHRASAL[(lem, prep.lower_)], [prep]
    if obj is not None:
        olem = _lemma(obj)
        if (lem, olem) in lex.LIGHT_VERB_OBJECTS:
            return lex.LIGHT_VERB_OBJECTS[(lem, olem)], [obj]
        if olem in CUES.tear_gas_head and any(_lemma(c) in CUES.tear_gas for c in obj.children):
            return (Plover.COERCE, Mode.DISPERSE), [obj]
        if lem in lex.LIGHT_VERBS and olem not in CUES.light_verb_object_only:
            entry = _noun_entry(obj)
            if entry:
                return entry, [obj]
        heads = {olem} | {_lemma(t) for t in obj.lefts if (t.dep_ in COMPOUND_DEPS or t.dep == sym.nmod)}   # "a video showing fighters"
        if heads & lex.NON_EVENT_OBJECTS and _type_of(lex.VERB_TRIGGERS.get(lem)) in (Plover.AID, Plover.RETREAT, Plover.COERCE, Plover.COOPERATE):
            return None, []
    if lem in IMPACT_VERBS:
        subj = _child(tok, sym.nsubj)
        if subj is not None and _noun_lemma(subj) in PROJECTILES:   # "munitions landed in the camps"
            return (Plover.ASSAULT, lex.WEAPON_MODES.get(_noun_lemma(subj))), []
    if lem in CUES.fire_verb:
        if obj is not None and _lemma(obj) in lex.WEAPON_MODES:
            return (Plover.ASSAULT, lex.WEAPON_MODES[_lemma(obj)]), []
        if obj is None or _child(tok, sym.prep) is not None:
            return (Plover.ASSAULT, Mode.FIREARMS), []
        return None, []
    if lem in CUES.strike:
        subj = _child(tok, sym.nsubj)
        on_strike = any(c.lower_ == "on" for c in tok.children)
        if obj is None and (on_strike or (subj is not None and _lemma(subj) in lex.LABOUR_STRIKE_SUBJECTS)):
            return (Plover.PROTEST, Mode.STRIKE), []
        return (Plover.ASSAULT, None), []
    if lem in CUES.march_verb and (obj is not None or _armed(_subject(tok))):
        if obj is None and _is_town(_pobj(tok, *ENTRY_PREPS)):
            return (Plover.SEIZE, Mode.TERRITORY), []   # "M23 rebels have marched into Goma"
        return None, []   # armed men marching are no protest
    taken = _entry_into_place(tok, lem, obj)
    if taken:
        return taken, []
    entry = lex.VERB_TRIGGERS.get(lem)
    if entry and entry[0] == Plover.SEIZE and lem in SEIZE_VERBS and obj is not None:
        entry = _seized_object(obj) or entry
    if entry and (entry[1] == Mode.DEPORT or lem in CUES.expel_verb) and obj is not None and _is_mission(obj):
        entry = (Plover.SANCTION, Mode.EXPEL)   # CAMEO 166: expel/withdraw diplomats, inspectors, peacekeepers
    if entry and lem in REFUSED_IF_NEGATED and _negated(tok):
        entry = (Plover.REJECT, None)        # "will not accept refugees" is a refusal (CAMEO 12)
    return entry, []


MILITARY_STRIKE = INCIDENT_WORDS.military_strike
NON_EVENT_COMPOUNDS = INCIDENT_WORDS.non_event_compound
REPORTER_ASKS = INCIDENT_WORDS.reporter_request
ARMED_HEADS = INCIDENT_WORDS.armed_head
SEIZE_VERBS = CUES.seize_verb
REFUSED_IF_NEGATED = CUES.refused_if_negated
AIR_STRIKE = CUES.air_strike
AIR_RAID_HEADS = CUES.air_raid_head
AIR_RAID = CUES.air_raid
SUICIDE_HEADS = CUES.suicide_head
BOMB_HEADS = CUES.bomb_head
BOMB_KINDS = CUES.bomb_kind
STORM_VERBS = CUES.storm_verb
STATE_OF = CUES.state_of
MUST_REPORT = CUES.must_report


def _phrasal_prep(tok: Token, lem: str) -> Optional[Token]:
    """The preposition of a phrasal trigger ('call on X', 'call for calm'), not a time phrase
    ('called on Monday')."""
    for prep in (c for c in tok.children if c.dep == sym.prep and (lem, c.lower_) in lex.PHRASAL):
        obj = _child(prep, sym.pobj)
        if obj is not None and obj.ent_type not in (sym.DATE, sym.TIME, sym.CARDINAL):
            return prep
    return None


def _finite_acl(tok: Token) -> bool:
    """A past-tense verb the parser hung on the subject's name ('Mahamat, the chairman, recently
    called on ...'): a predicate, not a description."""
    return tok.dep == sym.acl and tok.tag_ in PAST_TENSE_TAGS and tok.head.pos == sym.PROPN


def _is_place_arg(tok: Optional[Token]) -> bool:
    """'Wad Madani', 'the city of Aleppo', 'large parts of Aleppo city'."""
    if tok is None:
        return False
    if tok.ent_type_ in PLACE_ENTS or _noun_lemma(tok) in lex.TERRITORY_NOUNS:
        return True
    of = _pobj(tok, *GENITIVE)
    return of is not None and _is_place_arg(of)


def _is_town(tok: Optional[Token]) -> bool:
    """A town or city, not a village or a compound that raiders enter and leave."""
    if tok is None or _noun_lemma(tok) in RAIDED_PLACES:
        return False
    if tok.ent_type == sym.GPE or _noun_lemma(tok) in TOWN_NOUNS:
        return True
    if tok.pos == sym.PROPN and _gazetteer_city(tok):
        return True
    of = _pobj(tok, *GENITIVE)
    return of is not None and _is_town(of)


def _gazetteer_city(tok: Token) -> bool:
    """A name the parser took for a person's ('entered Wad Madani') that the gazetteer has as a city."""
    from ..geo import gazetteer

    words = [c for c in tok.children if c.pos_ == tok.pos_ and c.i < tok.i] + [tok]   # "Wad" of "Wad Madani"
    name = tok.doc[words[0].i:tok.i + 1].text
    return any(c.precision == Precision.CITY for c in gazetteer.lookup(name))


RAIDED_PLACES = INCIDENT_WORDS.raided_place
TOWN_NOUNS = PLACE_NOUNS.town


def _armed(tok: Optional[Token]) -> bool:
    if tok is None:
        return False
    return _noun_lemma(tok) in ARMED_HEADS or tok.ent_type in (sym.ORG, sym.NORP) or \
        any(_noun_lemma(c) in ARMED_HEADS for c in tok.children if c.dep_ in COMPOUND_DEPS)


def _entry_into_place(tok: Token, lem: str, obj: Optional[Token]) -> Optional[lex.T]:
    """Armed forces entering, sweeping into or controlling a town take it (SEIZE), as ACLED
    codes a non-state group overtaking territory; a town 'falls to' its captors."""
    if lem in CUES.enter_verb and _is_town(obj) and _armed(_subject(tok)):
        return (Plover.SEIZE, Mode.TERRITORY)
    if lem in STORM_VERBS and _armed(_subject(tok)) and _is_place_arg(_pobj(tok, *ENTRY_PREPS)):
        return (Plover.SEIZE, Mode.TERRITORY)
    if lem in CUES.occupy_verb and tok.pos == sym.VERB and _is_place_arg(obj) and _armed(_subject(tok)):
        return (Plover.SEIZE, Mode.TERRITORY)
    if lem in CUES.fall_verb and _is_place_arg(_subject(tok)) and _pobj(tok, *DATIVE_PREPS) is not None:
        return (Plover.SEIZE, Mode.TERRITORY)
    return None


def _object_lemma(obj: Token) -> str:
    """Object noun that carries the meaning: 'state of emergency' -> emergency,
    'martial law' -> emergency."""
    olem = _lemma(obj)
    if olem == "state":
        of = _pobj(obj, *GENITIVE)
        if of is not None and _lemma(of) in STATE_OF:
            return _lemma(of)
    if olem == "law" and any(_lemma(c) == "martial" for c in obj.children):
        return "emergency"
    return olem


def _is_mission(obj: Token) -> bool:
    words = {_lemma(obj)} | {_lemma(c) for c in obj.children if (c.dep_ in COMPOUND_DEPS or c.dep == sym.amod)}
    return bool(words & lex.MISSION_NOUNS)


def _seized_object(obj: Token) -> Optional[lex.T]:
    """'seized three motorbikes' is property, 'seized weapons' disrupts weapons use."""
    olem = _noun_lemma(obj)
    if olem in lex.TERRITORY_NOUNS or obj.ent_type_ in PLACE_ENTS:
        return None
    if olem in lex.WEAPON_NOUNS:
        return (Plover.COERCE, Mode.DEFUSE)
    if obj.pos in (sym.NOUN,) and olem not in lex.FALLBACK_SECTORS:
        return (Plover.COERCE, Mode.SEIZE)
    return None


def _must_clause(tok: Token) -> bool:
    if _lemma(tok) not in lex.REPORT_VERBS | MUST_REPORT:
        return False
    return any(c.dep == sym.ccomp and any(a.dep == sym.aux and a.lower_ == "must" for a in c.children)
               for c in tok.children)


def _candidates(sent: SpacySpan) -> list[_Cand]:
    used: set[int] = set()
    out: list[_Cand] = []
    for tok in sent:
        if tok.i in used or _in_name(tok):
            continue
        entry: Optional[lex.T] = None
        extra: list[Token] = []
        if tok.pos_ in PRED_POS and tok.dep == sym.amod:
            continue   # "alleged bombers", "wounded soldiers": modifiers, not predicates
        idiom = threats.match(tok) if tok.pos_ in PRED_POS else None
        if idiom is not None:
            out.append(_Cand(tokens=[tok], type=idiom.type, mode=None, pred=tok, idiom=idiom))
            continue
        if tok.pos_ in PRED_POS and _must_clause(tok):
            entry = (Plover.DEMAND, None)   # "X said Y must ..." is a demand by X
        elif tok.pos_ in PRED_POS or (tok.pos == sym.NOUN and tok.dep_ in ROOT_DEPS and tok.tag_ in PAST_TENSE_TAGS):
            entry, extra = _verb_entry(tok)
        elif tok.pos_ in NOUN_POS and tok.dep_ not in COMPOUND_DEPS:
            entry = _noun_entry(tok)
        if not entry:
            continue
        used.update(t.i for t in extra)
        out.append(_Cand(tokens=[tok, *extra], type=entry[0], mode=entry[1], pred=tok))
    # a noun claimed later as a light verb's object must not stand alone
    return [c for c in out if not (len(c.tokens) == 1 and c.tokens[0].i in used)]


# --- filtering and merging -----------------------------------------------------

def _governors(tok: Token) -> Iterable[Token]:
    """Heads above tok inside its sentence."""
    while tok.head.i != tok.i:
        yield tok.head
        tok = tok.head


def _embedded_in(c: _Cand, cands: list[_Cand]) -> bool:
    """Only wanted, refused, threatened or hoped for: complement of such a trigger or noun."""
    if c.idiom is not None:
        return False   # "insists it will not cede territory": the refusal is what is said
    by_tok = {t.i: o for o in cands if o is not c for t in o.tokens}
    tok = c.pred
    while tok.head.i != tok.i:
        head = tok.head
        if tok is c.pred and tok.dep == sym.dobj and head.pos_ in PRED_POS and _lemma(head) not in lex.LIGHT_VERBS \
                and (head.i not in by_tok or by_tok[head.i].type not in lex.DIRECTIVE_TYPES) and _definite_noun(tok):
            return False   # "vows to investigate the withdrawal": the withdrawal took place
        if tok.dep not in (sym.xcomp, sym.ccomp, sym.pcomp, sym.pobj, sym.prep, sym.acl, sym.dobj, sym.advcl):
            return False
        other = by_tok.get(head.i)
        if other is not None and _lemma(head) in lex.DENY_VERBS and tok.dep == sym.ccomp:
            return False   # "denied that it had shelled": kept, status denied
        if other is not None and other.type in lex.DIRECTIVE_TYPES and other.type != c.type \
                and tok.dep in (sym.xcomp, sym.ccomp, sym.pcomp, sym.pobj, sym.prep, sym.dobj, sym.acl):
            return True
        if head.pos == sym.NOUN and _lemma(head) in lex.IRREALIS_NOUNS and tok.dep in (sym.acl, sym.prep, sym.xcomp):
            return True
        if other is not None and other.type == Plover.ACCUSE and other.mode != Mode.INVESTIGATE and c.type != Plover.ACCUSE \
                and tok.dep == sym.prep and tok.lower_ in GENITIVE:
            return True   # "accused of looting homes and killings": what the accusation says, not events
        if tok.dep == sym.advcl:
            return False
        tok = head
    return False


OUTCOME_VERBS = OUTCOME_TABLE.attack_outcome


def _merge_linked(cands: list[_Cand]) -> list[_Cand]:
    """One event per predicate: same-type triggers in one dependency chain, and
    outcomes ("killed in an attack") folded into the event that caused them."""
    cands = sorted(cands, key=lambda c: c.pred.i)
    alive = list(cands)
    changed = True
    while changed:
        changed = False
        for a in alive:
            for b in alive:
                if a is b:
                    continue
                # b is the outcome "killed/wounded" of event a ("killed in clashes")
                if _is_outcome(b, a):
                    a.extra += b.all_tokens
                    a.merged.append(b)
                    alive.remove(b)
                    changed = True
                    break
                linked = b.pred in a.pred.subtree and _near_in_tree(a.pred, b.pred)
                modes_ok = a.mode == b.mode or not ({a.mode, b.mode} & DISTINCT_MODES)
                if a.type == b.type and linked and modes_ok:
                    a.mode = a.mode or b.mode
                    a.extra += b.all_tokens
                    a.merged.append(b)
                    alive.remove(b)
                    changed = True
                    break
            if changed:
                break
    return alive


OUTCOME_PREPS = PREPS.outcome
DISTINCT_MODES = {Mode.ABDUCT, Mode.SEXUAL, Mode.DESTROY, Mode.SEIZE}   # triggers with these modes stay apart


def _is_outcome(b: _Cand, a: _Cand) -> bool:
    """b ('killed', 'wounded') only reports the toll of violent event a."""
    if _lemma(b.pred) not in OUTCOME_VERBS or a.type not in (Plover.ASSAULT, Plover.FIGHT):
        return False
    if b.pred.head.i == a.pred.i and b.pred.dep in (sym.advcl, sym.conj, sym.xcomp) and b.type == Plover.ASSAULT:
        return True   # "militants attacked the village, killing two"
    tok, steps = a.pred, 0
    while tok.i != b.pred.i and steps < 6:
        if tok.dep not in (sym.pobj, sym.prep, sym.pcomp, sym.agent, sym.advcl) and \
                not (tok.dep == sym.dobj and _lemma(tok.head) in lex.LIGHT_VERBS):
            return False
        if tok.dep in (sym.prep, sym.agent) and tok.lower_ not in OUTCOME_PREPS:
            return False
        tok, steps = tok.head, steps + 1
    return tok.i == b.pred.i


def _near_in_tree(head: Token, dep: Token) -> bool:
    """dep is at most three arcs below head without crossing a new clause subject."""
    steps, tok = 0, dep
    while tok.i != head.i and steps < 4:
        if tok.dep in (sym.ccomp, sym.advcl, sym.conj, sym.relcl) and steps > 0:
            return False
        tok = tok.head
        steps += 1
    return tok.i == head.i and steps <= 3


# --- slots -----------------------------------------------------------------------

def _chunk_of(tok: Token) -> SpacySpan:
    return chunk_of(tok)


PARTY_PRONOUNS = PRONOUNS.party
GROUP_PRONOUNS = PRONOUNS.nonhuman
TITLE_WORDS = frozenset(t for t in rules.words("titles") if " " not in t)
SECTOR_KINDS = rules.mapping("sector_kinds", "kind")


def _ref(ctx: Context, tok: Optional[Token]) -> Optional[ActorRef]:
    """Actor coded for this argument token (actors extractor first, then a sector guess)."""
    if tok is None:
        return None
    if tok.lower_.endswith("-led"):   # "U.S.-led strikes": the state leading them
        from ..geo import countries
        info = countries.lookup(tok.text[:-4]) or countries.by_demonym(tok.text[:-4])
        if info is not None:
            return _government(info, ctx.span(tok.idx, tok.idx + len(tok) - 4))
    if tok.pos == sym.PRON and _lemma(tok) in PARTY_PRONOUNS:
        hit = ctx.actor_at(tok.idx, tok.idx + len(tok))
        if hit:
            return hit.ref
        found = _resolve_pronoun(ctx, tok)
        if found is None:   # "they raided villages": the party named before; "he appealed": the governor
            found = (incidents.antecedent(ctx, tok.idx) if _lemma(tok) in GROUP_PRONOUNS else None) or \
                (pronoun_antecedent(ctx, tok, True, tok.doc.user_data.get(SPEAKER_KEY))   # the speakers in view
                 if tok.lower_ in MALE_PRONOUNS | FEMALE_PRONOUNS
                 and tok.dep_ in ANY_SUBJECT_DEPS and tok.dep != sym.nsubjpass else None)   # "he appealed", not the victim "he was shot"
            if found is not None:
                found = found.model_copy(update={"span": ctx.span(tok.idx, tok.idx + len(tok))})
        return found
    hit = ctx.actor_at(tok.idx, tok.idx + len(tok))
    if hit is None:
        chunk = _chunk_of(tok)
        hit = ctx.actor_at(chunk.start_char, chunk.end_char)
    if hit is None and tok.pos == sym.PROPN:
        hit = _known_person(ctx, tok)
    if hit is None and tok.pos == sym.NOUN:
        titled = _titled_person(ctx, tok)
        if titled is not None:
            return titled.ref.model_copy(update={"span": ctx.of(_chunk_of(tok))})
    if hit is not None and hit.ref.kind == Kind.ARMED_GROUP:
        hit = _affiliate(ctx, hit)
    if hit is None:
        # "the head of an ICRC mission", "residents of X": the organisation named under "of"
        for prep in (c for c in tok.children if c.dep == sym.prep and c.lower_ in GENITIVE):
            obj = _child(prep, sym.pobj)
            if obj is not None and (_lemma(tok) in lex.HEAD_NOUNS or _lemma(tok) in lex.FALLBACK_SECTORS):
                sub = list(obj.subtree)
                named = ctx.actors_in(sub[0].idx, sub[-1].idx + len(sub[-1]))
                if named and _lemma(tok) in lex.HEAD_NOUNS:
                    return named[0].ref.model_copy(update={"span": ctx.of(_chunk_of(tok))})
    sector = _fallback_sector(tok)
    if hit is None:
        hit_ref = _country_ref(ctx, tok, sector)
        if hit_ref is not None:
            return hit_ref
    if hit is not None:
        if hit.ref.sector is None and sector:
            return hit.ref.model_copy(update={"sector": sector})
        return hit.ref
    if sector:
        chunk = _chunk_of(tok)
        if tok.i < chunk.root.i and _noun_entry(chunk.root) is not None:
            chunk = tok.doc[tok.i:tok.i + 1]   # "Sunday's military air strike": the military, not the strike
        name = _without_article(chunk.text)
        kind = SECTOR_KINDS[sector]
        if kind == Kind.MILITARY and armed_nominal(tok, chunk):   # "Tigrayan Forces Say ..." in a headline
            kind, sector = Kind.ARMED_GROUP, Sector.REB
        return ActorRef(name=name, kind=kind, sector=sector, span=ctx.of(chunk))
    return None


ARTICLES = DETERMINERS.article


def _government(info: CountryInfo, span: Span) -> ActorRef:
    """A state as a party: 'U.S.-led strikes', 'visited Russia' -> Government of <country>."""
    return ActorRef(name=f"Government of {info.name}", kind=Kind.GOVERNMENT, country=info.iso3,
                    sector=Sector.GOV, span=span)


def _without_article(text: str) -> str:
    """'the Sudanese army' -> 'Sudanese army'."""
    first, _, rest = text.partition(" ")
    return rest if rest and first.casefold() in ARTICLES else text


def _country_ref(ctx: Context, tok: Token, sector: Optional[str]) -> Optional[ActorRef]:
    """A country, capital or demonym the actor extractor left alone, as an argument:
    'visited Russia' -> Government of Russia; 'Palestinian refugees' -> PSE refugees."""
    try:
        from ..geo import countries
    except ImportError:   # pragma: no cover
        return None
    chunk = _chunk_of(tok)
    for ent in ents_in(chunk) or [chunk]:
        if ent.label not in (sym.GPE, sym.NORP, sym.ORG, 0) or not ent.text.strip() or is_dateline(ctx, ctx.of(ent)):
            continue
        name = _without_article(ent.text)
        info = countries.lookup(name) or countries.by_demonym(name) or countries.by_capital(name)
        if info is None:
            continue
        if ent.root.i == tok.i:
            return _government(info, ctx.of(ent))
        return ActorRef(name=_without_article(chunk.text), country=info.iso3,
                        sector=sector, span=ctx.of(chunk))
    return None


def _titled_person(ctx: Context, tok: Token):
    """'the general', 'the governor': the person last named with that title before it."""
    if _lemma(tok) not in TITLE_WORDS or not any(d.dep == sym.det and d.lower_ in DEFINITE for d in tok.children):
        return None
    prior = [a for a in ctx.actors if a.ref.kind == Kind.PERSON and a.mention.end <= tok.idx
             and _lemma(tok) in str(a.ref.title).casefold().split()]
    return prior[-1] if prior else None


def _known_person(ctx: Context, tok: Token):
    """A bare surname the NER missed: 'Pashinyan' after 'Nikol Pashinyan'."""
    for a in ctx.actors:
        if a.ref.kind == Kind.PERSON and a.mention.start < tok.idx and a.ref.name.split()[-1] == tok.text:
            return a
    return None


def _resolve_pronoun(ctx: Context, pron: Token) -> Optional[ActorRef]:
    """'Azerbaijan said it had taken ...': the pronoun is the reporting subject."""
    for gov in _governors(pron):
        if _lemma(gov) in lex.REPORT_VERBS:
            subj = _child(gov, sym.nsubj)
            if subj is None and gov.dep == sym.acl and gov.head.pos_ in NOUN_POS:
                subj = gov.head   # "Tigrayan forces, announcing that they had captured ..."
            if subj is not None and subj.i != pron.i and subj.pos != sym.PRON:
                return _ref(ctx, subj)
            if subj is not None:
                return None   # the nearest reporter is itself a pronoun: no guess from further up
    return None


def _subject(tok: Token) -> Optional[Token]:
    """Subject of a verb, climbing xcomp/conj/relcl when it is shared."""
    for _ in range(4):
        s = _child(tok, sym.nsubj, sym.csubj)
        if s is not None:
            if s.tag_ in WH_TAGS and tok.dep == sym.relcl:
                return tok.head
            return s
        if tok.dep == sym.relcl or _finite_acl(tok):
            return tok.head
        if tok.dep == sym.pcomp and tok.head.head.pos_ in PRED_POS and _child(tok.head.head, sym.dobj) is None:
            tok = tok.head.head   # "they succeeded in shooting down a MiG": the verb's subject acts
            continue
        if tok.dep == sym.advcl:
            lost = _subject_taken_as_object(tok)
            if lost is not None:
                return lost
        if tok.dep in (sym.xcomp, sym.conj, sym.advcl) and tok.head.pos_ in PRED_POS:
            if tok.dep in (sym.conj, sym.advcl) and _lemma(tok.head) in lex.REPORT_VERBS:
                return None   # "5 killed in strikes, rebels say": who says it did not do it
            if tok.dep == sym.xcomp:
                obj = _child(tok.head, sym.dobj)
                if obj is not None:   # "urged parties to stop": object control
                    return obj
            tok = tok.head
            continue
        return None
    return None


REACTION_PREPS = PREPS.reaction
SUBORDINATORS = PREPS.subordinator


def _subject_taken_as_object(verb: Token) -> Optional[Token]:
    """'vowed retaliation after the US and the UK launched strikes': the parser made the clause's
    subject the object of 'after'; it is the subject of the verb right after it."""
    if verb.i == 0:
        return None
    prev = verb.doc[verb.i - 1]
    while prev.dep == sym.conj and prev.head.i < prev.i:
        prev = prev.head
    if (prev.pos_ in NOUN_POS or prev.pos == sym.PRON) and prev.dep == sym.pobj and prev.head.lower_ in SUBORDINATORS \
            and prev.right_edge.i == verb.i - 1:
        return prev
    return None


def _lost_subject(tok: Token) -> bool:
    """'after the US and the UK launched strikes': the parser made the clause's subject the
    object of 'after' (see _subject_taken_as_object)."""
    nxt = tok.right_edge.i + 1
    return tok.dep == sym.pobj and tok.head.lower_ in SUBORDINATORS and nxt < len(tok.doc) \
        and tok.doc[nxt].pos_ in PRED_POS


def _by_agent(tok: Token) -> Optional[Token]:
    agent = _child(tok, sym.agent)
    return _child(agent, sym.pobj) if agent is not None else None


def _pobj(tok: Token, *preps: str) -> Optional[Token]:
    for p in tok.children:
        if p.dep == sym.prep and p.lower_ in preps:
            o = _child(p, sym.pobj)
            if o is not None:
                return o
    return None


TARGET_PREPS = {t: tuple(r["target_preps"].split()) for t, r in rules.records("event_types").items()}


def _agent_target(c: _Cand) -> tuple[Optional[Token], Optional[Token]]:
    p = c.pred
    agent = target = None
    if c.type == Plover.SEIZE and _lemma(p) in CUES.fall_verb:
        return _pobj(p, *DATIVE_PREPS), None   # "the city has fallen to the RSF": the city is the place
    if p.pos_ in PRED_POS or p.tag_ in VERB_TAGS:
        sp = _child(p, sym.nsubjpass)
        if sp is not None or _by_agent(p) is not None:
            target, agent = sp, _by_agent(p)
            if target is None and p.dep in (sym.acl, sym.relcl):
                target = p.head
        else:
            agent = _subject(p)
            target = _child(p, sym.dobj)
            if target is not None and len(c.tokens) > 1 and target.i == c.tokens[1].i:
                noun = target   # light-verb object: arguments hang on the noun
                target = _pobj(noun, *TARGET_PREPS.get(c.type, ()), *ATTACK_PREPS)
        if target is None:
            target = _pobj(p, *TARGET_PREPS.get(c.type, ()))
        if target is None:  # recipients: "give Tanzania a grant", "offered troops to Lebanon"
            target = _child_labelled(p, DATIVE_DEPS) or _pobj(p, *DIRECTION_PREPS)
        if target is None:  # "agreed to provide aid for Romania"
            for v in (p, _child(p, sym.xcomp)):
                obj = _child(v, sym.dobj) if v is not None else None
                target = target or (_pobj(obj, *BENEFICIARY_PREPS) if obj is not None else None)
                if v is not p and v is not None:
                    target = target or _child_labelled(v, DATIVE_DEPS) or _pobj(v, *DATIVE_PREPS)
        if target is None:   # "attack and kill a police officer": shared object
            for v in [*(x for x in p.children if x.dep == sym.conj and x.pos_ in PRED_POS),
                      *([p.head] if p.dep == sym.conj else [])]:
                target = target or _child(v, sym.dobj)
        if target is None and agent is not None and c.type == Plover.FIGHT:
            # "police and refugees clashed": the other party
            target = next((x for x in agent.children if x.dep == sym.conj), None)
        if p.dep == sym.acl and target is None and agent is None:
            target = p.head if _lemma(p) not in OUTCOME_VERBS else None
        if agent is None and p.dep == sym.pcomp and p.head.head.pos_ in PRED_POS:
            # "accused the police of killing him": the accused is the agent
            agent = _child(p.head.head, sym.dobj)
    else:  # noun trigger
        agent = _child(p, sym.poss)
        if agent is not None and agent.ent_type == sym.DATE:
            agent = None   # "Sunday's air strike": when, not who
        agent = agent or _by_agent(p) or _pobj(p, *AGENT_PREPS)
        for acl in (ch for ch in p.children if ch.dep == sym.acl and agent is None):
            agent = _by_agent(acl)   # "the attack, carried out by JNIM"
        between = _pobj(p, *BETWEEN)
        if between is None and p.dep in (sym.nsubj, sym.nsubjpass) and _lemma(p) not in incidents.BACKGROUND_NOUNS:
            between = _clause_between(p)   # "a ceasefire took effect in Lebanon between Israel and Hezbollah"
        if between is not None:
            agent = agent or between
            target = next((c2 for c2 in between.children if c2.dep == sym.conj), None)
        target = target or _pobj(p, *ATTACK_PREPS, *TARGET_PREPS.get(c.type, ()))
        if target is None and c.type in (Plover.ASSAULT, Plover.COERCE) and _pobj(p, *GENITIVE) is not None:
            target = _pobj(p, *GENITIVE)
        if agent is None and c.type == Plover.ASSAULT:   # not "the Syrian civil war": both sides fight it
            agent = _modifier_agent(p)   # before the governing verb's subject: "X ordered a probe into Israeli strikes"
        if agent is None:
            gov = p.head
            if p.dep == sym.pobj:
                gov = p.head.head
            if (p.dep == sym.dobj or (p.dep == sym.pobj and p.head.lower_ not in REACTION_PREPS)) \
                    and gov.pos_ in PRED_POS:
                agent = _child(gov, sym.nsubj)   # not "VDP fighters responded to the attack"
    if agent is not None and agent.tag_ in WH_TAGS:
        agent = None
    if agent is not None and agent.pos == sym.NOUN and _type_of(_noun_entry(agent)) == Plover.ASSAULT:
        # "U.S.-led airstrikes on Houthi targets killed five": the attack is no party; who launched it is
        attack = agent
        agent = _modifier_agent(attack) or _child(attack, sym.poss) or _by_agent(attack) or _pobj(attack, *AGENT_PREPS)
        aimed = _pobj(attack, *ATTACK_PREPS)
        if aimed is not None and _is_party_noun(aimed):
            target = aimed
    return agent, target


VIOLENT = EVENT_TYPES.violent
NO_HOME_KINDS = ACTOR_KINDS.no_home   # the UN or the ICRC acting in a country stay international
RECIPIENT_PREPS = PREPS.ordered("recipient")


def _is_party_noun(tok: Token) -> bool:
    """An attack's object that names a side ('Houthi targets', 'rebel positions'), not a place."""
    return tok.ent_type_ not in PLACE_ENTS and any(
        c.ent_type in (sym.ORG, sym.NORP) or _fallback_sector(c) == Sector.REB for c in tok.subtree if c.i != tok.i)


BETWEEN = PREPS.pair   # "clashes between the army and the RSF"


def _clause_between(subject: Token) -> Optional[Token]:
    """The first of two parties in a 'between X and Y' that the parser hung elsewhere in the
    clause of which the event noun is the subject ('fighting broke out in Goma between ...')."""
    own = {t.i for t in subject.subtree}
    for t in subject.head.subtree:
        if t.i in own or t.lower_ not in BETWEEN or t.dep != sym.prep:
            continue
        first = next((o for o in t.children if o.dep == sym.pobj), None)
        if first is not None and any(c.dep == sym.conj for c in first.children):
            return first
    return None


def _modifier_agent(noun: Token) -> Optional[Token]:
    """Who a violent noun's modifier says did it: 'U.S.-led airstrikes', 'Israeli strikes',
    'Sunday's military air strike'."""
    for c in noun.children:
        if c.dep_ not in NOUN_MODIFIERS or c.i > noun.i:
            continue
        if c.lower_.endswith("-led") or c.ent_type in (sym.GPE, sym.NORP) or _fallback_sector(c) == Sector.MIL:
            return c
        if c.lower_ == "led":   # "US-led" split by the tokenizer: US - led
            leader = next((x for x in c.children if x.ent_type_ in GROUP_ENTS), None)
            if leader is not None:
                return leader
    return None


def _target_fallbacks(c: _Cand, target: Optional[Token]) -> Iterable[Token]:
    """Where PLOVER finds the target when the direct argument is not an actor:
    the object's complement ("action against Russia", "ban on the FIS"), the subject
    of a wanted clause ("demanded that Hamas renounce"), the complement's own
    arguments ("threatened to break relations with Russia"), the predicate's
    recipients ("withdraw troops from Lebanon") and the country where it happens
    ("demonstrated in Serbia"). Not used for violence, whose targets are victims."""
    p = c.pred
    if target is not None:
        yield from _pobjs(target, RECIPIENT_PREPS)
    if c.type in lex.DIRECTIVE_TYPES | {Plover.ACCUSE, Plover.SUPPORT}:
        for comp in (x for x in p.children if x.dep in (sym.ccomp, sym.xcomp) and x.pos_ in PRED_POS):
            if comp.dep == sym.ccomp:
                subj = _child(comp, sym.nsubj, sym.nsubjpass)
                if subj is not None:
                    yield subj
            obj = _child(comp, sym.dobj)
            yield from _pobjs(comp, RECIPIENT_PREPS)
            if obj is not None:
                yield from _pobjs(obj, RECIPIENT_PREPS)
                yield obj
    yield from _pobjs(p, RECIPIENT_PREPS)
    yield from _pobjs(p, SCENE_PREPS)
    if target is not None:
        yield from _pobjs(target, SCENE_PREPS)


def _pobjs(tok: Token, preps: tuple[str, ...]) -> Iterable[Token]:
    for prep in preps:
        for ch in tok.children:
            if ch.dep == sym.prep and ch.lower_ == prep:
                yield from (o for o in ch.children if o.dep == sym.pobj)


def _place(ctx: Context, c: _Cand, sent: SpacySpan, exclude: list[tuple[int, int]]) -> Optional[Place]:
    cands = []
    subtree = {t.i for t in c.pred.subtree}
    for pl in ctx.places_in(sent.start_char, sent.end_char):
        if any(s < pl.mention.end and pl.mention.start < e for s, e in exclude):
            continue
        tok = _token_at(sent, pl.mention.start)
        if tok is None:
            continue
        head = _phrase_head(tok)
        if _hosts(c, head):
            cands.append((0, 0, 0, pl))   # "close to the Tahoua region, where gunmen raided a camp"
            continue
        if head.dep == sym.pobj and head.head.lower_ in BAD_PLACE_PREPS:
            if not (head.head.lower_ in GENITIVE and _lemma(head.head.head) not in lex.FALLBACK_SECTORS
                    and head.head.head.ent_type != sym.PERSON):
                continue
        if tok.ent_type in (sym.DATE, sym.EVENT) or _lemma(tok.head) == "day" and tok.dep_ in COMPOUND_DEPS:
            continue   # "Independence Day": a holiday, not a place
        if _dateline(ctx.text, pl.mention.start, pl.mention.end):
            continue   # "NAIROBI — Tigrayan rebels said ...": where the report was filed
        if _hyphen_modifier(ctx.text, pl.mention.end):
            continue   # "the Britain-based Observatory", "Iran-backed militias": says who, not where
        actor = ctx.actor_at(pl.mention.start, pl.mention.end)
        if actor is not None and (actor.metonymy or actor.ref.kind in PARTY_NOT_PLACE):
            continue   # "Baku says", "M23 fighters": a party, not where it happens
        if head.dep == sym.pobj and head.head.lower_ == "from" and c.type not in (Plover.RETREAT, Plover.SEIZE):
            continue   # "withdrew from X", "took it from X" happen at X; "aid from X" does not
        if (head.dep_ in ANY_SUBJECT_DEPS or head.dep == sym.poss or _lost_subject(head)) and not _subject_is_scene(c, head):
            continue   # "Baku said", "vowed retaliation after the US and the UK launched strikes"
        nested = tok.i in subtree and _under_other_event(tok, c)
        if nested and c.type not in incidents.PHYSICAL_TYPES:
            continue   # "scolded commanders following the conquest of Wad Madani": the conquest's place
        if tok.i in subtree and _in_relative_clause(tok, c.pred, frozenset(t.i for t in c.all_tokens)):
            continue   # "that attack, by terrorists who escaped back into Mali": the escape's place
        in_tree = 0 if tok.i in subtree and not nested else 1
        cands.append((in_tree, _coarse(pl), abs(tok.i - c.pred.i), pl))
    cut = _cut_object(ctx, c, sent)
    if cut is not None:
        cands.append((0, 0, len(sent), cut))
    if not cands:
        cands.extend((1, _coarse(pl), len(sent) + i, pl) for i, pl in enumerate(_continued_places(ctx, sent)))
    best = min(cands, key=lambda x: x[:3]) if cands else None
    if best is None or best[1]:
        return _anaphoric_town(ctx, c) or (best[3] if best else None)
    return best[3]


def _cut_object(ctx: Context, c: _Cand, sent: SpacySpan) -> Optional[Place]:
    """A line broken inside the sentence ('captured the town of' / 'Kombolcha, ...'): the place
    opening the next line completes the predicate's own phrase."""
    words = [t for t in sent if not t.is_space]
    if not words or words[-1].pos not in (sym.ADP, sym.DET) or not any(t.i == words[-1].i for t in c.pred.subtree):
        return None
    nxt = [p for p in ctx.places_in(sent.end_char, sent.end_char + 40) if not ctx.text[sent.end_char:p.mention.start].strip()]
    return nxt[0] if nxt else None


def _coarse(pl: Place) -> int:
    return 1 if pl.precision in incidents.COARSE - {Precision.UNKNOWN} else 0


def _phrase_head(tok: Token) -> Token:
    """The word a name's phrase hangs on: 'Bamako' in 'in Bamako, Mali', 'X' in 'X city'."""
    head = tok
    while (head.dep_ in COMPOUND_DEPS or head.dep in (sym.conj, sym.appos, sym.amod, sym.nmod)) and head.head.i != head.i:
        head = head.head
    return head


def _continued_places(ctx: Context, sent: SpacySpan) -> list[Place]:
    """A sentence the parser broke off mid-line ('... group Jama'a Nusrat' / 'ul-Islam ... occurred
    in Bamako'): the places its continuation puts the predicate in ('in Bamako'), as a last resort."""
    doc = sent.doc
    words = [t for t in sent if not t.is_space]
    if not words or words[-1].is_punct or sent.end >= len(doc):
        return []
    nxt = doc[sent.end].sent
    if not nxt.text[:1].islower() or len(ctx.text[words[-1].idx:nxt.start_char + 1].splitlines()) > 1:
        return []
    out = []
    for pl in ctx.places_in(nxt.start_char, nxt.end_char):
        tok = _token_at(nxt, pl.mention.start)
        head = _phrase_head(tok) if tok is not None else None
        if head is None or head.dep_ in ANY_SUBJECT_DEPS or head.head.lower_ in BAD_PLACE_PREPS:
            continue
        actor = ctx.actor_at(pl.mention.start, pl.mention.end)
        if actor is None or not (actor.metonymy or actor.ref.kind in PARTY_NOT_PLACE):
            out.append(pl)
    return out


def _hyphen_modifier(text: str, end: int) -> bool:
    return text[end:end + 1] == "-" and text[end + 1:end + 2].islower()


DATELINE_LEAD = re.compile(r"\s*[A-Z][\w.'’ -]{0,40},\s*")   # "AMMAN, " before "Jordan –"
DATELINE_TAIL = re.compile(r"(?:,\s*[A-Z][\w.'’ -]{0,40}?)?\s*(?:[—–:]|-\s)")


def _dateline(text: str, start: int, end: int) -> bool:
    """A place opening a line and closed by a dash or colon, a country between: 'NAIROBI —',
    'AMMAN, Jordan –', 'Dubai:'."""
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start:start]
    return (not lead.strip() or DATELINE_LEAD.fullmatch(lead) is not None) and DATELINE_TAIL.match(text, end) is not None


def _hosts(c: _Cand, place_head: Token) -> bool:
    """The predicate is a 'where' clause on this place: 'the Tahoua region, where gunmen raided'."""
    p = c.pred
    return p.dep == sym.relcl and p.head.i == place_head.i and \
        any(ch.lower_ == "where" for ch in p.children if ch.dep == sym.advmod)


def _under_other_event(tok: Token, c: _Cand) -> bool:
    """Between the place and the predicate stands an event noun of its own ('the conquest of X')."""
    own = {t.i for t in c.all_tokens}
    for g in _governors(tok):
        if g.i == c.pred.i:
            return False
        if g.i not in own and g.pos == sym.NOUN and _noun_entry(g) is not None:
            # the act's own object ("demanded a truce in east Bosnia") is what it is about
            return not (g.dep == sym.dobj and g.head.i == c.pred.i)
    return False


def _subject_is_scene(c: _Cand, subj: Token) -> bool:
    """A place as subject is where it happens when it suffers the event ('Bamako was hit', 'the
    city has fallen to') or hosts it ('Bamako experienced an attack'); otherwise it is metonymy
    ('Baku said') or a party."""
    if c.type == Plover.SEIZE and _lemma(c.pred) in CUES.fall_verb:
        return True
    if subj.dep == sym.nsubjpass and subj.head.i == c.pred.i and c.type in VIOLENT:
        return True
    p = c.pred
    return subj.dep == sym.nsubj and p.pos_ in NOUN_POS and p.dep == sym.dobj and p.head.i == subj.head.i \
        and _lemma(p.head) in HOST_VERBS


def _anaphoric_town(ctx: Context, c: _Cand) -> Optional[Place]:
    """'withdrew from the city', 'checkpoints throughout the town': a definite town noun under the
    predicate names the town last mentioned before it, unless it only measures a distance
    ('60 km outside the city')."""
    under = sorted({t for x in c.all_tokens for t in x.subtree}, key=lambda t: t.i)
    rest = [t for t in c.pred.sent if t not in set(under)]   # then the rest of the sentence
    for tok in under + rest:
        if _lemma(tok) not in SETTLEMENT_NOUNS or not any(d.dep == sym.det and d.lower_ in DEFINITE for d in tok.children):
            continue
        if any(ch.dep_ in COMPOUND_DEPS or ch.dep == sym.appos or (ch.dep == sym.prep and ch.lower_ in GENITIVE) for ch in tok.children):
            continue   # "the city of Aleppo", "the town Kombolcha": the name is the place
        if tok.dep == sym.pobj and (tok.head.lower_ in DISTANCE_PREPS or _child_labelled(tok.head.head, COUNT_DEPS) is not None):
            continue   # "outside the city", "60 km from the town"
        prior = [p for p in ctx.places if p.mention.end <= tok.idx and p.precision in TOWN_PRECISIONS
                 and not _dateline(ctx.text, p.mention.start, p.mention.end)]
        if prior:
            return prior[-1]
    return None


HOST_VERBS = INCIDENT_WORDS.host_verb
SETTLEMENT_NOUNS = PLACE_NOUNS.settlement
PARTY_NOT_PLACE = ACTOR_KINDS.not_place
TOWN_PRECISIONS = PRECISION_GROUPS.town
DISTANCE_PREPS = PREPS.distance


def _token_at(sent: SpacySpan, char: int) -> Optional[Token]:
    for t in sent:
        if t.idx <= char < t.idx + max(len(t), 1):
            return t
    return None


def _date(ctx: Context, c: _Cand, sent: SpacySpan) -> Optional[TimeExpr]:
    dates = [d for d in ctx.dates_in(sent.start_char, sent.end_char) if d.type != Timex.SET]
    if not dates:
        return None
    subtree = {t.i for t in c.pred.subtree}
    ancestors = {t.i for t in _governors(c.pred)}
    scored = []
    for d in dates:
        tok = _token_at(sent, d.mention.start)
        if tok is None:
            continue
        root = tok
        while root.head.i != root.i and d.mention.start <= root.head.idx < d.mention.end:
            root = root.head   # "last October": October carries the date's own clauses
        if _since(root, c.pred):
            continue   # "the 27th attack since Nov. 19": where a span starts, not this event's day
        att = tok
        while att.head.i != att.i and att.i not in ancestors and att.i not in subtree:
            att = att.head
        if tok.i in subtree and _in_relative_clause(tok, c.pred):
            continue   # "entered Aleppo in an attack that began this week": the other clause's day
        if tok.i in subtree:
            score = 0
        elif att.i in ancestors:
            score = 1
        else:
            score = 2
        scored.append((score, abs(tok.i - c.pred.i), d))
    if not scored:
        return None
    best = min(scored, key=lambda x: x[:2])
    if best[0] == 2 and len(scored) > 1:
        return None
    return best[2]


def _since(tok: Token, pred: Token) -> bool:
    """The date hangs under 'since' before it reaches the predicate; not where the predicate
    describes the date ('since October, when rebels launched an offensive')."""
    if any(t.i == pred.i for t in tok.subtree):
        return False
    for g in [tok, *_governors(tok)]:
        if g.i == pred.i:
            return False
        if g.lower_ in SPAN_START_PREPS and g.dep in (sym.prep, sym.mark):
            return True
        if any(ch.lower_ in SPAN_START_PREPS and ch.dep == sym.mark for ch in g.children):
            return True   # in a clause "since the group started ... after the October 7 onslaught"
    return False


def _in_relative_clause(tok: Token, pred: Token, own: frozenset = frozenset()) -> bool:
    """Between the token and the predicate lies a relative clause of its own (not one of the
    event's own trigger words, nor one that says when or where it happened: 'killed in the
    incident that occurred on Sunday')."""
    for g in [tok, *_governors(tok)]:
        if g.i == pred.i:
            return False
        if g.dep == sym.relcl and g.pos_ in PRED_POS and g.i not in own and _lemma(g) not in OCCURRENCE_VERBS:
            return True
    return False


OCCURRENCE_VERBS = INCIDENT_WORDS.occurrence_verb
AFFILIATION = INCIDENT_WORDS.affiliation
AFFILIATE_REACH = 120   # characters after "X-affiliated group" within which the group's own name follows


def _affiliate(ctx: Context, hit):
    """'the al-Qaeda-affiliated group Jama'at Nusrat al-Islam wal-Muslimin', 'the Al-Qaeda affiliate
    group JNIM': the group named after the affiliation is the actor, not its parent."""
    after = ctx.text[hit.mention.end:hit.mention.end + 16].casefold()
    word = re.match(r"[\s-]*([a-z]+)", after)
    if word is None or word.group(1) not in AFFILIATION:
        return hit
    line_end = ctx.text.find("\n", hit.mention.end)   # the parser may split a long foreign name off
    end = min(hit.mention.end + AFFILIATE_REACH, line_end if line_end >= 0 else len(ctx.text))
    later = [a for a in ctx.actors_in(hit.mention.end, end) if a.ref.kind == hit.ref.kind and a.ref.name != hit.ref.name]
    return later[0] if later else hit


def _count(c: _Cand) -> Optional[int]:
    for t in c.all_tokens:
        if t.pos_ not in NOUN_POS:
            continue
        num = _child_labelled(t, COUNT_DEPS)
        if num is None:
            continue
        word = num.lower_.replace(",", "")
        if word.isdecimal() and len(word) <= 9:  # not isdigit: int('²') fails
            return int(word)
        if word in lex.NUMBER_WORDS:
            return lex.NUMBER_WORDS[word]
    return None


# --- status --------------------------------------------------------------------------

def _negated(tok: Token) -> bool:
    return any(c.dep == sym.neg for c in tok.children)


def _clause_verb(c: _Cand) -> Token:
    p = c.pred
    if p.pos_ in NOUN_POS and p.head.i != p.i:
        return p.head.head if p.dep == sym.pobj else p.head
    return p


def _status(ctx: Context, c: _Cand, date: Optional[TimeExpr]) -> str:
    toks = c.all_tokens
    verb = _clause_verb(c)
    verbs = {verb.i: verb, **{t.i: t for t in toks if t.pos_ in PRED_POS}}
    for t in toks:  # "two truces agreed ... never showed" : the noun's acl verb too
        for ch in t.children:
            if ch.dep in (sym.acl, sym.relcl) and ch.pos_ in PRED_POS:
                verbs[ch.i] = ch
    around = dict(verbs)
    for v in list(verbs.values()):
        for ch in v.children:
            if ch.pos_ in PRED_POS and ch.dep in (sym.dep, sym.conj, sym.xcomp, sym.advcl) and ch.i not in verbs:
                if not any(x.dep_ in ANY_SUBJECT_DEPS for x in ch.children) or ch.dep == sym.dep:
                    around[ch.i] = ch
        if v.head.pos_ in PRED_POS and v.dep in (sym.xcomp,):
            around[v.head.i] = v.head
    trig_ids = {t.i for t in toks}
    for v in around.values():
        if v.i in trig_ids and c.type != Plover.AGREE:
            continue
        if _lemma(v) in lex.FAIL_VERBS and v.i not in trig_ids:
            return Status.FAILED
        if _negated(v) and (_lemma(v) in lex.HOLD_VERBS or
                            any(_lemma(x) in lex.HOLD_VERBS for x in v.subtree if x.i not in trig_ids)):
            return Status.FAILED
    for g in _governors(c.pred):
        if _lemma(g) in lex.DENY_VERBS:
            return Status.DENIED
        if g.pos == sym.NOUN and _lemma(g) in lex.DENY_NOUNS and g.head.pos_ in PRED_POS \
                and _lemma(g.head) in lex.DENY_VERBS:
            return Status.DENIED
        if _lemma(g) in lex.REPORT_VERBS or g.dep_ in ROOT_DEPS:
            break
    if any(_negated(v) for v in verbs.values()):
        return Status.DENIED
    if _planned(c, verb):
        return Status.PLANNED
    if date is not None and date.tense == Tense.FUTURE and verb.tag_ not in PAST_TENSE_TAGS:
        return Status.PLANNED   # a past-tense verb ("lifted Friday") outweighs the date's guess
    if _ongoing(c, verb):
        return Status.ONGOING
    return Status.OCCURRED


def _planned(c: _Cand, verb: Token) -> bool:
    chain = [verb]
    via_conj = set()  # heads reached from a conjunct: "had set up checkpoints and were looting"
    # A modal scopes over the action only through xcomp or a subjectless conjunct ("will meet
    # and sign"); one on a clause above ("hurt in the attack, thus the toll could go up") does not.
    modal_scope = {verb.i}
    tok = verb
    while tok.dep in (sym.xcomp, sym.conj, sym.ccomp, sym.acl) and tok.head.i != tok.i and len(chain) < 4:
        if tok.dep == sym.conj:
            via_conj.add(tok.head.i)
        if tok.i in modal_scope and (tok.dep == sym.xcomp or (
                tok.dep == sym.conj and not any(x.dep_ in ANY_SUBJECT_DEPS for x in tok.children))):
            modal_scope.add(tok.head.i)
        tok = tok.head
        chain.append(tok)
        if tok.dep == sym.ccomp:
            break
    for v in chain:
        if v.i in modal_scope and any(a.dep == sym.aux and a.lower_ in lex.FUTURE_AUX | HYPOTHETICAL_AUX
                                      for a in v.children):
            return True
        if v is not verb and v.i not in via_conj and _lemma(v) in lex.PLAN_GOVERNORS and not (
                _lemma(v) in lex.REPORT_VERBS and any(x.dep == sym.ccomp for x in chain)):
            return True
    # "are to meet": be + to-infinitive
    if verb.dep == sym.xcomp and _lemma(verb.head) == "be" and any(a.lower_ == "to" for a in verb.children):
        return True
    if verb.dep == sym.xcomp and verb.head.lower_ == "going":
        return True
    for t in c.all_tokens:
        if t.pos_ in NOUN_POS and any(_lemma(m) in PLAN_MODIFIERS or m.lower_ in PLAN_PARTICIPLES
                                      for m in t.children if (m.dep in (sym.amod, sym.acl) or m.dep_ in COMPOUND_DEPS)):
            return True
    return False


PLAN_MODIFIERS = CUES.plan_modifier
PLAN_PARTICIPLES = CUES.plan_participle
ONGOING_VERBS = CUES.ongoing_verb
ONGOING_GOVERNORS = CUES.ongoing_governor


def _ongoing(c: _Cand, verb: Token) -> bool:
    if verb.tag_ in GERUND_TAGS and any(a.lemma_ == "be" and a.tag_ in PRESENT_TENSE_TAGS for a in verb.children):
        return True
    gov = verb if c.pred.pos_ in NOUN_POS else c.pred.head
    if c.pred.dep == sym.nsubj and _lemma(gov) in ONGOING_VERBS and gov.tag_ in PRESENT_TENSE_TAGS:
        return True
    if c.pred.pos_ in PRED_POS:
        head = c.pred.head
        if c.pred.dep == sym.pcomp and any(_lemma(x) in ONGOING_GOVERNORS and x.tag_ in PRESENT_TENSE_TAGS
                                          for x in head.head.children):
            return True
    return False


# --- modes -------------------------------------------------------------------------

FIREARM_TRIGGERS = CUES.firearm_trigger


def _refine_mode(c: _Cand, sent: SpacySpan) -> Optional[str]:
    if c.type == Plover.ASSAULT and c.mode in (None, Mode.FIREARMS, Mode.EXPLOSIVES):
        near = {t.i for t in c.pred.subtree} | {t.i for t in c.all_tokens}
        for t in sent:
            m = lex.WEAPON_MODES.get(_lemma(t))
            if m and (t.i in near or t.head.i in near):
                if c.mode == Mode.EXPLOSIVES and m not in (Mode.SUICIDE, Mode.GRENADE, Mode.EXPLOSIVES):
                    continue
                return m
        for t in c.all_tokens:
            if _lemma(t) in FIREARM_TRIGGERS:
                return Mode.FIREARMS
    return c.mode


# --- claimant --------------------------------------------------------------------------

def _claimant(ctx: Context, start: int, end: int) -> Optional[Claimant]:
    return attribution.claimant_for(ctx, start, end)


# --- assembly ---------------------------------------------------------------------------

def _trigger_span(ctx: Context, c: _Cand):
    toks = sorted(c.tokens, key=lambda t: t.i)
    extra = [t for t in c.extra if abs(t.i - c.pred.i) <= 3]
    toks = sorted(toks + extra, key=lambda t: t.i)
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    if end - start > 60:
        start, end = c.pred.idx, c.pred.idx + len(c.pred)
    return ctx.span(start, end)


def _idiom_parties(ctx: Context, c: _Cand) -> tuple[Optional[ActorRef], Optional[Token]]:
    """A threat idiom's speaker threatens; its subject is the one threatened, or the author of the
    act that is its subject ('any US attack ... would not go without a response': the US)."""
    assert c.idiom is not None
    claimant = _claimant(ctx, c.pred.idx, c.pred.idx + len(c.pred))
    speaker = claimant.actor if claimant is not None and claimant.kind == "actor" else None
    subj = threats.subject_of(c.idiom)
    if subj is None or not c.idiom.subject_role:
        return speaker, None
    if c.idiom.subject_role == threats.SUBJECT_SAYS:   # "Moscow regarded the attack as a violation"
        obj = _child(c.pred, sym.dobj)
        return _ref(ctx, subj) or speaker, (_modifier_agent(obj) or _child(obj, sym.poss)) if obj is not None else None
    if c.idiom.subject_role == threats.SUBJECT_ACTS:
        return speaker, _modifier_agent(subj) or _child(subj, sym.poss)
    return speaker, subj


def _build(ctx: Context, c: _Cand, sent: SpacySpan) -> Event:
    if c.idiom is not None:
        speaker, target_tok = _idiom_parties(ctx, c)
        return _built(ctx, c, sent, speaker, _ref(ctx, target_tok))
    agent_tok, target_tok = _agent_target(c)
    for other in c.merged:   # "five militants were killed by KDF during a raid"
        if agent_tok is not None and target_tok is not None:
            break
        a2, t2 = _agent_target(other)
        agent_tok, target_tok = agent_tok or a2, target_tok or t2
    agent, target = _ref(ctx, agent_tok), _ref(ctx, target_tok)
    if target is None and target_tok is not None and c.type in VIOLENT:
        target = _party_behind(ctx, target_tok, agent)
    if target is None and c.type not in VIOLENT:
        target = next((r for r in map(lambda t: _ref(ctx, t), _target_fallbacks(c, target_tok))
                       if r is not None and r != agent), None)
    return _built(ctx, c, sent, agent, target)


def _built(ctx: Context, c: _Cand, sent: SpacySpan, agent: Optional[ActorRef],
           target: Optional[ActorRef]) -> Event:
    """The event of a candidate whose parties are known: place, date, status and mode."""
    if agent is not None and target is not None and agent == target:
        target = None
    if incidents.place_like(target, ctx.places):
        target = None   # "took over Wad Madani", "bombed Tudun Biri village": the place, not a party
    exclude = [(r.span.start, r.span.end) for r in (agent, target) if r is not None and r.span]
    place = _place(ctx, c, sent, exclude)
    agent, target = (_located(agent, place), _located(target, place))
    if target is None and c.type not in VIOLENT and place is not None and _in_clause(c, sent, place) \
            and not _own_ground(c, agent, place):
        target = _place_as_target(place, agent)
    date = _date(ctx, c, sent)
    mode = _refine_mode(c, sent)
    ev_type = c.type
    if ev_type == Plover.PROTEST and mode == Mode.OBSTRUCT and agent is not None \
            and agent.sector in (Sector.MIL, Sector.COP, Sector.GOV):
        ev_type, mode = Plover.COERCE, Mode.RESTRICT   # roadblocks by the state restrict movement
    trigger = _trigger_span(ctx, c)
    event = Event(
        evidence=ctx.of(sent), claimant=_claimant(ctx, trigger.start, trigger.end),
        type=ev_type, mode=mode, trigger=trigger, status=Status.OCCURRED if c.idiom else _status(ctx, c, date),
        agent=agent, target=target, place=place, date=date, count=_count(c),
    )
    return event


def _party_behind(ctx: Context, tok: Token, agent: Optional[ActorRef]) -> Optional[ActorRef]:
    """The side behind an attacked object: 'targets linked to the Houthis', 'Houthi sites',
    'rebel targets' (the rebels)."""
    sub = list(tok.subtree)
    for a in ctx.actors_in(sub[0].idx, sub[-1].idx + len(sub[-1])):
        if a.ref.kind in (Kind.ARMED_GROUP, Kind.GOVERNMENT, Kind.MILITARY, Kind.COUNTRY) and not a.metonymy \
                and (agent is None or a.ref.name != agent.name):
            return a.ref
    for c in tok.children:
        if (c.dep_ in COMPOUND_DEPS or c.dep == sym.amod) and c.i < tok.i and _fallback_sector(c) == Sector.REB:
            return ActorRef(name=c.text + "s" if not c.text.endswith("s") else c.text, kind=Kind.ARMED_GROUP,
                            sector=Sector.REB, span=ctx.span(c.idx, c.idx + len(c)))
    return None


def _located(ref: Optional[ActorRef], place: Optional[Place]) -> Optional[ActorRef]:
    """An uncoded party is coded to the country the event happens in, as ACLED and
    PLOVER coders do: 'refugees in Liberia', 'protesters in Baku', 'an embassy in Tehran'."""
    if ref is None or ref.country or place is None or not place.country or ref.kind in NO_HOME_KINDS:
        return ref
    return ref.model_copy(update={"country": place.country})


def _in_clause(c: _Cand, sent: SpacySpan, place: Place) -> bool:
    """The place is said of this predicate ('imposed in Sudan'), not of another phrase."""
    tok = _token_at(sent, place.mention.start)
    return tok is not None and any(t.i == tok.i for t in c.pred.subtree)


def _place_as_target(place: Optional[Place], agent: Optional[ActorRef]) -> Optional[ActorRef]:
    """With no party named, the country acted in is the target, as CAMEO/PLOVER code it:
    'lifted the curfew imposed in Sudan', 'eased emergency measures in Montenegro'."""
    if place is None or not place.country or place.precision == Precision.UNKNOWN:
        return None
    from ..geo.countries import by_iso3
    info = by_iso3(place.country)
    ref = ActorRef(name=info.name if info else place.country, kind=Kind.COUNTRY, country=place.country,
                   span=place.mention)
    return None if agent is not None and agent.name == ref.name else ref


def _own_ground(c: _Cand, agent: Optional[ActorRef], place: Optional[Place]) -> bool:
    """A state's forces withdrawing or deploying in their own country ('its forces have withdrawn
    from positions in Wad Madani') leave or hold ground, not a party."""
    return c.type in incidents.OWN_FORCE_TYPES and agent is not None and place is not None and agent.kind in incidents.UNNAMED_FORCE_KINDS \
        and agent.country == place.country


def _with_acled(events: list[Event]) -> list[Event]:
    out = []
    by_sentence: dict[tuple[int, int], list[Event]] = {}  # grouped once: a scan per event is quadratic
    for e in events:
        by_sentence.setdefault((e.evidence.start, e.evidence.end), []).append(e)
    for e in events:
        same_sentence = [o for o in by_sentence[(e.evidence.start, e.evidence.end)] if o is not e]
        mapped = to_acled(e, same_sentence)
        if mapped:
            e = e.model_copy(update={"acled_event_type": mapped[0], "acled_sub_event_type": mapped[1]})
        out.append(e)
    return out


def sentence_mentions(ctx: Context, sent: SpacySpan) -> list[incidents.Mention]:
    cands = _candidates(sent)
    cands = [c for c in cands if not _embedded_in(c, cands)]
    cands = _merge_linked(cands)
    out = []
    for c in sorted(cands, key=lambda c: c.pred.i):
        event = _build(ctx, c, sent)
        out.append(incidents.Mention(
            event=event, own_date=not _reported_date(c, sent, event.date), anaphoric=_anaphoric(c),
            generic=_generic(c), outcome=_lemma(c.pred) in OUTCOME_VERBS and not c.merged
            and _child(c.pred, sym.nsubj) is None,
            toll=any(_lemma(t) in OUTCOME_VERBS for t in c.all_tokens),
            claimed=any(_lemma(g) == "claim" for g in _governors(c.pred)),
            aimed=any(_aimed_at_someone(ctx, _agent_target(x)[1]) for x in [c, *c.merged]),
            denial=c.type == Plover.REJECT and _lemma(c.pred) in lex.DENY_VERBS))
    return out


def _aimed_at_someone(ctx: Context, target: Optional[Token]) -> bool:
    """The predicate names whom it hit ('assassinated a councillor'), coded as a party or not;
    a place hit ('bombed the town of Goma') is no one."""
    return target is not None and not _is_place_arg(target) and \
        not incidents.place_like(_ref(ctx, target), ctx.places)


def sentence_events(ctx: Context, sent: SpacySpan) -> list[Event]:
    return [m.event for m in sentence_mentions(ctx, sent)]


@stage("events", requires=("actors", "places", "dates", "quotes"))
def extract(ctx: Context) -> list[Event]:
    mentions: list[incidents.Mention] = []
    for sent in ctx.doc.sents:
        mentions.extend(sentence_mentions(ctx, sent))
    return _with_acled(incidents.resolve(ctx, mentions))


# --- what incident coreference needs to know about a mention ------------------------------

DEFINITE = DETERMINERS.definite


def _definite_noun(tok: Token) -> bool:
    """'the withdrawal', 'its capture', 'the attacks'."""
    return tok.pos == sym.NOUN and any((ch.dep == sym.det and ch.lower_ in DEFINITE) or ch.dep == sym.poss
                                       for ch in tok.children)


def _anaphoric(c: _Cand) -> bool:
    """A definite singular event noun refers back: 'the attack', 'that assault', 'its capture';
    so does a predicate whose subject is one ('The attack, carried out by JNIM, targeted ...')."""
    if any(m.pred.dep == sym.nsubj and m.pred.head.i == c.pred.i and _anaphoric(m) for m in c.merged):
        return True
    p = c.pred
    if p.pos != sym.NOUN or p.tag_ in PLURAL_NOUN_TAGS:
        return False
    return any((ch.dep == sym.det and ch.lower_ in DEFINITE) or ch.dep == sym.poss for ch in p.children)


HYPOTHETICAL_AUX = MODAL_AUX.hypothetical


FINITE_ONLY = EVENT_TYPES.finite_only


def _generic(c: _Cand) -> bool:
    """A state of affairs ('the war', 'violence'), a bare plural ('recent attacks'), a
    hypothetical ('the capture of X would be a gain'), a description ('Russian-backed forces',
    'supported by Rwandan troops') or the reporter's 'requests for comment'."""
    p = c.pred
    verb = _clause_verb(c)
    if any(a.dep == sym.aux and a.lower_ in HYPOTHETICAL_AUX for a in verb.children) and c.type in VIOLENT:
        return True
    if c.type in FINITE_ONLY and p.pos_ in PRED_POS and p.tag_ not in FINITE_TAGS:
        return True   # "deter Yemen from supporting Palestine", "or allow hostile actors to"
    if c.type not in VIOLENT and p.pos_ in PRED_POS and p.dep in (sym.acl, sym.amod) \
            and _child(p, sym.nsubj, sym.nsubjpass) is None and not _finite_acl(p):
        return True
    if c.type == Plover.REQUEST and any(o is not None and _lemma(o) in REPORTER_ASKS
                                   for o in (_pobj(p, "for"), _child(p, sym.dobj))):
        return True   # "requests for comment", "an official who requested anonymity"
    if c.type not in VIOLENT and p.pos_ in PRED_POS and p.dep == sym.relcl and p.tag_ in PRESENT_TENSE_TAGS:
        return True   # "Turkey, which backs some rebel groups": a standing description
    if p.pos == sym.PROPN and p.is_sent_start and _lemma(p) in incidents.BACKGROUND_NOUNS:
        return True   # "War broke out ...": a capital at the start of a sentence, not a name
    if p.pos != sym.NOUN:
        return False
    if _lemma(p) in incidents.BACKGROUND_NOUNS:
        return True
    return p.tag_ in PLURAL_NOUN_TAGS and not any((ch.dep in (sym.det, sym.poss) or ch.dep_ in COUNT_DEPS) for ch in p.children)


def _reported_date(c: _Cand, sent: SpacySpan, date: Optional[TimeExpr]) -> bool:
    """The date hangs on the verb reporting the event ('said on Friday that ...'), not on it."""
    if date is None:
        return False
    tok = _token_at(sent, date.mention.start)
    if tok is None or any(t.i == tok.i for t in c.pred.subtree):
        return False
    ancestors = {t.i for t in _governors(c.pred)}
    while tok.head.i != tok.i and tok.i not in ancestors:
        tok = tok.head
    return tok.i in ancestors and _lemma(tok) in lex.REPORT_VERBS


# --- salience (used by the evaluations) ----------------------------------------------------

def salience(ctx: Context, event: Event) -> tuple:
    """Sort key: earlier sentence, then shallower predicate (root first), then position."""
    sent = ctx.sentence_of(event.trigger.start)
    tok = _token_at(sent, event.trigger.start) if sent is not None else None
    depth = len(list(_governors(tok))) if tok is not None else 99
    if tok is not None and any(_lemma(g) in lex.REPORT_VERBS for g in _governors(tok)):
        depth -= 1   # the content of "X said that ..." is the news, not the saying
    return (sent.start if sent is not None else 0, depth, event.trigger.start)


def main_event(ctx: Context, events: list[Event]) -> Optional[Event]:
    return min(events, key=lambda e: salience(ctx, e)) if events else None
