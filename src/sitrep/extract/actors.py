"""Actors: people, governments, militaries, armed groups, IGOs/NGOs, civilians.

Each mention is coded to a country (ISO3) and a PLOVER/CAMEO-style sector.
Countries and capitals in an actor role (subject, "backed by X", "X's") are
metonymy for the state: "Baku says" -> Government of Azerbaijan.
"""
from __future__ import annotations

import bisect
import functools
import re
import sys
from collections import Counter
from types import SimpleNamespace
from typing import Optional, TypeGuard

from spacy.tokens import Span as SpacySpan, Token
from spacy import symbols as sym

from .. import rules
from ..codes import Kind, Precision, Sector
from .syntax import GROUP_NAME_ENTS, NOUN_MODIFIERS, SUBJECT_DEPS
from ..geo import countries
from ..nlp import ents_in
from ..records import Actor, ActorRef
from ..stages import stage
from .context import Context
from .speakers import is_dateline

# head noun lemma -> (kind, sector)
GROUP_NOUNS = {w: (r["kind"], r["sector"] or None)
               for w, r in rules.filled("party_nouns", ("kind",), tag="group").items()}
TITLES = rules.Tagged("titles")
GOV_TITLES = TITLES.government
MIL_TITLES = TITLES.military
QUANTIFIERS = rules.words("quantifiers")
PLATFORMS = rules.Tagged("channels").platform
CONFLICT_WORDS = rules.words("conflict_words")
TITLE_WORDS = {w for t in GOV_TITLES | MIL_TITLES for w in t.split()} | rules.words("title_words")
HEAD_NOUN_TAGS = rules.Tagged("head_nouns")
HEAD_NOUNS = HEAD_NOUN_TAGS.person
PLACE_NOUNS = rules.Tagged("place_nouns").place
ARMED_WORDS = rules.Tagged("armed_group_words")
SIDE_MODIFIERS = ARMED_WORDS.side_modifier
NOT_SIDE = ARMED_WORDS.not_side
NAME_HEADS = ARMED_WORDS.name_head
INSURGENT_WORDS = ARMED_WORDS.insurgent_word
COLLECTIVES = ARMED_WORDS.collective
COLLECTIVE_MODIFIERS = ARMED_WORDS.collective_modifier
NAME_LINKS = rules.words("name_links")
KINDS = rules.Tagged("actor_kinds")
PREPS = rules.Tagged("prepositions")
NAMED_KINDS = KINDS.named   # armed groups, IGOs, NGOs: kept as the listed or named actor
STATE_KINDS = KINDS.state
FORCE_KINDS = KINDS.force   # military, police
CONFLICT_PREPS = PREPS.conflict_party
AFFILIATION_PREPS = PREPS.affiliation
HOME_PREPS = PREPS.home
# "the", "an", "a" and capitalised, longest first: what a group's name does not begin with
ARTICLES = tuple(d for a in sorted(rules.Tagged("determiners").ordered("article"), key=len, reverse=True)
                 for d in (f"{a} ", f"{a.capitalize()} "))
AREA_PRECISIONS = rules.Tagged("place_precisions").area
RX = SimpleNamespace(**rules.patterns("actor_patterns"))
APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict[str, ActorRef]:
    """Alias (exact case) -> ActorRef from data/en/actors.tsv."""
    out: dict[str, ActorRef] = {}
    for name, row in rules.filled("actors", ("kind",)).items():
        ref = ActorRef(name=name, kind=row["kind"], sector=row["sector"] or None, country=row["country"] or None)
        for alias in [name, *filter(None, row["aliases"].split("|"))]:
            alias = alias.translate(APOSTROPHES)
            out[alias] = ref
            if alias.lower().startswith("the "):
                out[alias[4:]] = ref
    return out


@functools.lru_cache(maxsize=1)
def _armed_alias_pattern() -> re.Pattern:
    """Listed armed groups' names and acronyms (3+ characters), for the ones NER leaves untagged:
    'Hayat Tahrir al-Sham (HTS)' inside a quote, 'HTS, a jihadist alliance'."""
    names = sorted((a for a, r in _lexicon().items() if _is_armed(r) and len(a) >= 3),
                   key=len, reverse=True)
    return _whole_words(names)


def _whole_words(names) -> re.Pattern:
    """Any of `names` where no word character or hyphen joins it on either side."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")


def _without_the(text: str) -> str:
    return text.removeprefix("the ").removeprefix("The ")


def is_armed_name(name: str) -> bool:
    """An organisation name that is an armed group's: 'Karen National Liberation Army',
    'Border Guard Force', 'Sudan People's Liberation Army', not 'the Nigerian Army' or
    'Ethiopian National Defense Force' (a state's own forces) and not 'rebel forces'."""
    words = _without_the(name.translate(APOSTROPHES)).split()
    if len(words) < 2 or words[-1].lower() not in NAME_HEADS:
        return False
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in NAME_LINKS for w in words):
        return False
    if _country_of(words[0]) and not any(w.lower() in INSURGENT_WORDS for w in words):
        return False
    proper = [w for w in words[:-1] if w.lower() not in NAME_LINKS and not _country_of(w)
              and w.lower() not in GROUP_NOUNS and w.lower() not in SIDE_MODIFIERS]
    if len(words) == 2 and proper and proper[0].lower().endswith(DEMONYM_ENDINGS):
        return False   # 'Tigrayan Forces' in a headline: a people's adjective and a force noun
    return bool(proper)


DEMONYM_ENDINGS = tuple(rules.Tagged("noun_suffixes").ordered("demonym"))


def is_proper_group(ref: Optional[ActorRef]) -> bool:
    """A named armed group an analyst codes: listed, or named like one ('... Liberation Army')."""
    return _is_armed(ref) and (
        _lexicon_ref(ref.name) is not None or is_armed_name(ref.name))


def _is_armed(ref: Optional[ActorRef]) -> TypeGuard[ActorRef]:
    return ref is not None and ref.kind == Kind.ARMED_GROUP


def _armed_ref(name: str, country: Optional[str] = None, span=None) -> ActorRef:
    """An armed group is coded as the rebel sector unless its listing says otherwise."""
    return ActorRef(name=name, kind=Kind.ARMED_GROUP, sector=Sector.REB, country=country, span=span)


def _armed_noun(t: Token) -> bool:
    """'rebel', 'militant', 'insurgent': a party noun of an armed group."""
    return _noun_kind(t) == Kind.ARMED_GROUP


def _noun_kind(t: Token) -> str:
    return GROUP_NOUNS.get(t.lemma_.lower(), ("",))[0]


def _at(ref: ActorRef, span) -> ActorRef:
    return ref.model_copy(update={"span": span})


def _country_of(text: str) -> Optional[countries.CountryInfo]:
    return countries.lookup(text) or countries.by_demonym(text)


def _actor_role(tok: Token) -> bool:
    """Is this (head) token used as an actor: subject, agent, possessor, party to a conflict?"""
    while tok.dep == sym.conj:
        tok = tok.head
    if tok.dep == sym.poss:
        # not "Ethiopia's strategic town of Dessie", "Mali's capital": where, not who; nor
        # "Sudan's RSF", "Sudan's paramilitary Rapid Support Forces": the group's home
        return not (tok.head.lemma_.lower() in PLACE_NOUNS or _owns_group(tok))
    if tok.dep_ in SUBJECT_DEPS:
        return True
    if tok.dep == sym.pobj:
        prep = tok.head
        if prep.lower_ == "by" and prep.dep == sym.agent:
            return True
        if prep.lower_ in CONFLICT_PREPS and prep.head.lemma_.lower() in CONFLICT_WORDS:
            return True
    if tok.dep == sym.dobj and tok.head.pos == sym.VERB:
        return True
    return False


ROLE_NOUNS = HEAD_NOUN_TAGS.of_org | GOV_TITLES | MIL_TITLES


def _titled(tok: Token) -> bool:
    """A name in apposition with a role: 'Moussa Faki Mahamat, the commission's chairman'."""
    return any(c.dep == sym.appos and c.lemma_.lower() in ROLE_NOUNS for c in tok.children)


def _owns_group(tok: Token) -> bool:
    """The possessor is followed by a named armed group: 'Sudan's RSF', even where a headline's
    parse hangs the possessive elsewhere."""
    doc = tok.doc
    after = [t for t in doc[tok.i + 1:min(len(doc), tok.i + 8)] if t.tag != sym.POS]
    for i in range(min(len(after), 3)):   # "Sudan's paramilitary Rapid Support Forces"
        for n in range(i + 1, len(after) + 1):
            text = " ".join(t.text for t in after[i:n])
            ref = _lexicon_ref(text)
            if _is_armed(ref) or is_armed_name(text):
                return True
    return False


def _ents_by_token(doc) -> dict[int, SpacySpan]:
    return {t.i: e for e in doc.ents for t in e}


class _Resolver:
    """Per-article state: people seen so far (surname -> ref), country salience."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.people: dict[str, ActorRef] = {}
        self.salience: Counter[str] = Counter()
        for ent in ctx.doc.ents:
            info = _country_of(ent.text) or (countries.by_capital(ent.text))
            if info:
                self.salience[info.iso3] += 1

    def dominant_country(self) -> Optional[str]:
        if not self.salience:
            return None
        (top, n), *rest = self.salience.most_common(2) + [(None, 0)]
        return top if not rest or n > rest[0][1] else None

    def sentence_country(self, sent: SpacySpan, exclude: SpacySpan) -> Optional[str]:
        """First country, capital or demonym in the sentence outside `exclude`."""
        for ent in ents_in(sent):
            if ent.start < exclude.end and exclude.start < ent.end:
                continue
            info = _country_of(ent.text) or countries.by_capital(ent.text)
            if info:
                return info.iso3
        return None

    def person(self, ent: SpacySpan) -> ActorRef:
        name = ent.text.strip()
        surname = name.split()[-1]
        if surname in self.people and len(name.split()) == 1:
            known = self.people[surname]
            return _at(known, self.ctx.of(ent))
        title, iso3, sector = self._title(ent)
        if iso3 is None and sector is None:
            linked = self._affiliation(ent) or self._appositive_group(ent)
            if linked:
                title, iso3, sector = linked
        if iso3 is None and sector in (Sector.GOV, Sector.MIL):
            iso3 = self.sentence_country(ent.sent, ent) or self.dominant_country()
        ref = ActorRef(name=name, kind=Kind.PERSON, country=iso3, sector=sector, title=title,
                       span=self.ctx.of(ent))
        self.people[surname] = ref
        return ref

    def _title(self, ent: SpacySpan):
        """Title and country from the words before a name: 'Armenian Prime Minister X'."""
        doc = ent.doc
        i = ent.start - 1
        words: list[Token] = []
        while i >= ent.sent.start and ent.start - i <= 7:
            t = doc[i]
            if t.lower_ in TITLE_WORDS or ((t.is_title or t.is_upper) and _country_of(t.text)):
                words.insert(0, t)
                i -= 1
            else:
                break
        while words and words[0].lower_ == "of":
            words.pop(0)
        text = " ".join(w.text for w in words)
        low = text.lower()
        iso3 = None
        for w in words:
            info = _country_of(w.text)
            if info:
                iso3 = info.iso3
                break
        title_words = [w.text for w in words if not _country_of(w.text)]
        title = " ".join(title_words).strip() or None
        sector = None
        if any(t in low for t in MIL_TITLES):
            sector = Sector.MIL
        elif any(t in low for t in GOV_TITLES):
            sector = Sector.GOV
        if title and sector is None:
            title = None
        return title, iso3, sector

    def _affiliation(self, ent: SpacySpan):
        """'the head of an ICRC mission ... "...," Name said.' -> Name works for ICRC.

        A discourse link common in wires: a role noun with an organisation in the
        previous sentence introduces the named speaker of the next one.
        """
        sent = ent.doc[ent.start].sent  # not list(doc.sents): that is quadratic over an article
        if sent.start == 0:
            return None
        prev = ent.doc[sent.start - 1].sent
        for tok in prev:
            if tok.lemma_.lower() in HEAD_NOUNS and tok.dep_ in SUBJECT_DEPS:
                for ref in self._orgs_under(tok):
                    return f"{tok.text} of {ref.name}", ref.country, ref.sector
        return None

    def _appositive_group(self, ent: SpacySpan):
        """'Mohamed Hussein, a fighter with Hayat Tahrir al-Sham', 'X, spokesperson for the TPLF':
        the armed group a named person fights or speaks for."""
        for app in (c for c in ent.root.children if c.dep == sym.appos):
            for prep in (c for c in app.children if c.dep == sym.prep and c.lower_ in AFFILIATION_PREPS):
                obj = next((c for c in prep.children if c.dep == sym.pobj), None)
                if obj is None:
                    continue
                words = [t for t in obj.subtree if t.dep != sym.det and t.tag_ != "-LRB-"]
                name = ent.doc[words[0].i:obj.i + 1].text if words else obj.text
                ref = _lexicon_ref(name) or _lexicon_ref(obj.text)
                if ref is None and is_armed_name(name):
                    ref = _armed_ref(name)
                if _is_armed(ref):
                    return f"{app.text} of {ref.name}", ref.country, ref.sector
        return None

    def _orgs_under(self, tok: Token):
        lex = _lexicon()
        for ent in tok.sent.ents:  # an ancestor is in the same sentence; not every entity of the doc
            if ent.root.is_ancestor(tok) or not tok.is_ancestor(ent.root):
                continue
            ref = lex.get(ent.text) or lex.get(ent.text.removeprefix("the ").removeprefix("an "))
            if ref:
                yield ref


def _lexicon_ref(text: str) -> Optional[ActorRef]:
    lex = _lexicon()
    text = text.translate(APOSTROPHES)
    for cand in (text, text.removeprefix("the "), text.removeprefix("The "),
                 text.removeprefix("an "), text.removeprefix("a ")):
        if cand in lex:
            return lex[cand]
    return None


def _state_ref(info: countries.CountryInfo, span) -> ActorRef:
    return ActorRef(name=f"Government of {info.name}", kind=Kind.GOVERNMENT, country=info.iso3,
                    sector=Sector.GOV, span=span)


def _group_ref(ctx: Context, head: Token, chunk: SpacySpan, res: _Resolver) -> Optional[ActorRef]:
    """'Armenian forces', 'the foreign ministers of Azerbaijan', 'police' -> coded group."""
    lemma = head.lemma_.lower()
    if lemma in COLLECTIVES and _armed_collective(head, chunk):
        named = _named_inside(ctx, head, chunk, res)
        if named is not None:   # "the M23 rebel group"
            return named
        name = ctx.text[chunk.start_char:head.right_edge.idx + len(head.right_edge)] \
            if _child_of(head) is not None else chunk.text
        for article in ARTICLES:
            name = name.removeprefix(article)
        return _armed_ref(name, res.dominant_country(), ctx.of(chunk))
    if lemma not in GROUP_NOUNS:
        return None
    kind, sector = GROUP_NOUNS[lemma]
    named = _named_inside(ctx, head, chunk, res)
    if named is not None:
        return named
    iso3 = None
    for t in chunk:
        if t.i == head.i:
            continue
        info = _country_of(t.text)
        if info:
            iso3 = info.iso3
            break
    if iso3 is None:
        for prep in (c for c in head.children if c.dep == sym.prep and c.lower_ in HOME_PREPS):
            for obj in (c for c in prep.children if c.dep == sym.pobj):
                info = _country_of(obj.text) or countries.by_capital(obj.text)
                if info:
                    iso3 = info.iso3
    if iso3 is None and kind in STATE_KINDS:
        iso3 = res.dominant_country()
    if kind == Kind.MILITARY and armed_nominal(head, chunk):
        kind, sector = Kind.ARMED_GROUP, Sector.REB
    elif kind == Kind.GOVERNMENT and any(_armed_noun(t) for t in chunk if t.i != head.i):
        kind, sector = Kind.ARMED_GROUP, Sector.REB   # "a rebel spokesman", "militant leaders": the group's people
    words = [t for t in chunk if not (t.like_num or t.dep == sym.det or t.lower_ in QUANTIFIERS)]
    name = "".join(t.text_with_ws for t in words).strip() or chunk.text  # keeps "Sudan's army"
    of = _child_of(head)
    if of is not None and any(_country_of(t.text) or countries.by_capital(t.text) for t in of.subtree):
        name = f"{name} {ctx.text[of.idx:of.right_edge.idx + len(of.right_edge)]}"
    return ActorRef(name=name, kind=kind, country=iso3, sector=sector, span=ctx.of(chunk))


def _named_inside(ctx: Context, head: Token, chunk: SpacySpan, res: _Resolver) -> Optional[ActorRef]:
    """The named group in a nominal: 'Al-Shabaab militants', 'Zarundi Liberation Front fighters',
    'Houthi leaders' (a listed name NER missed or ran into the head)."""
    for ent in ents_in(chunk):
        named = _lexicon_ref(ent.text)
        if named is None and ent.end <= head.i and is_armed_name(ent.text):
            named = _armed_ref(_without_the(ent.text), res.dominant_country())
        if named and named.kind in NAMED_KINDS:
            return _at(named, ctx.of(chunk))
    start = next((t.i for t in chunk if t.dep != sym.det), head.i)
    for i in range(start, head.i):
        named = _lexicon_ref(chunk.doc[i:head.i].text) if chunk.doc[i].text[:1].isupper() else None
        if _is_armed(named):
            return _at(named, ctx.of(chunk))
    return None


def _child_of(head: Token) -> Optional[Token]:
    return next((c for c in head.children if c.dep == sym.prep and c.lower_ == "of"), None)


def _armed_collective(head: Token, chunk: SpacySpan) -> bool:
    """'armed groups', 'jihadist factions', 'an alliance of three ethnic rebel groups'."""
    def armed_word(t: Token) -> bool:
        low = t.lower_
        return low in SIDE_MODIFIERS or low in COLLECTIVE_MODIFIERS or _armed_noun(t)
    if any(armed_word(t) for t in chunk if t.i != head.i and t.dep != sym.det):
        return True
    of = _child_of(head)
    return of is not None and any(armed_word(t) for t in of.subtree)


def armed_nominal(head: Token, chunk: SpacySpan) -> bool:
    """A force noun whose modifier names the armed opposition, not the state: 'rebel forces',
    'the rival force', 'Tigrayan forces', 'Karen fighters' (an ethnic or regional people, no
    country's demonym)."""
    for t in chunk:
        if t.i == head.i or t.dep == sym.det:
            continue
        low = t.lower_.translate(APOSTROPHES)
        if low in SIDE_MODIFIERS or _armed_noun(t):
            return True
        if t.i < head.i and t.text[:1].isupper() and t.dep_ in NOUN_MODIFIERS \
                and (t.ent_type == sym.NORP or low.endswith(DEMONYM_ENDINGS)) and low not in NOT_SIDE \
                and not _country_of(t.text) and not countries.by_capital(t.text):
            return True
    return False


def _listed_tail(ent: SpacySpan) -> Optional[tuple[SpacySpan, ActorRef]]:
    """A listed armed group or organisation at the end of a longer entity, after descriptors."""
    for i in range(ent.start + 1, ent.end):
        ref = _lexicon_ref(ent.doc[i:ent.end].text)
        if ref is not None and ref.kind in NAMED_KINDS:
            return ent.doc[i:ent.end], ref
    return None


@functools.lru_cache(maxsize=4096)
def _known_place(name: str) -> bool:
    """A region or a sizeable town in the gazetteer (a one-word 'person' that is one)."""
    from ..geo import gazetteer

    found = gazetteer.lookup(name)   # built at install time, like the places stage needs it
    return any(c.precision in AREA_PRECISIONS
               or (c.precision == Precision.CITY and (c.population or 0) >= TOWN_POPULATION) for c in found)


TOWN_POPULATION = 20000


def _dateline(ctx: Context, span: SpacySpan) -> bool:
    """'BANGKOK (AP) —' (speakers.is_dateline), and the title-case 'Niamey, Niger –' that
    heads a line: the place a story is filed from, not an actor."""
    if is_dateline(ctx, ctx.of(span)):
        return True
    line_start = ctx.text.rfind("\n", 0, span.start_char) + 1
    return span.start_char == line_start and bool(RX.title_dateline.match(ctx.text, line_start))


def _state_force_ref(ctx: Context, ent: SpacySpan, res: _Resolver) -> Optional[ActorRef]:
    """An ORG that is only a country word and a force noun ("the Nigerian Army") is that
    state's force; a longer name ("Karen National Liberation Army") is not."""
    head = ent.root
    if _noun_kind(head) not in FORCE_KINDS:
        return None
    rest = [t for t in ent if t.i != head.i and t.dep != sym.det]
    if len(rest) != 1 or not _country_of(rest[0].text):
        return None
    return _group_ref(ctx, head, ent, res)


@stage("actors")
def extract(ctx: Context) -> list[Actor]:
    doc = ctx.doc
    res = _Resolver(ctx)
    found: dict[tuple[int, int], Actor] = {}
    keys: list[tuple[int, int]] = []  # found's keys, sorted: containment checks by bisection, not a scan
    longest = 0

    def add(span: SpacySpan, ref: ActorRef, metonymy: bool = False):
        nonlocal longest
        key = (span.start_char, span.end_char)
        around = keys[bisect.bisect_left(keys, (key[1] - longest, -1)):bisect.bisect_right(keys, (key[0], sys.maxsize))]
        if any(s <= key[0] and key[1] <= e and (s, e) != key for s, e in around):
            return  # already inside a longer actor mention
        inner = keys[bisect.bisect_left(keys, (key[0], -1)):bisect.bisect_right(keys, (key[1], sys.maxsize))]
        for k in [k for k in inner if k[1] <= key[1]]:
            del found[k]
            keys.remove(k)
        bisect.insort(keys, key)
        longest = max(longest, key[1] - key[0])
        mention = ctx.of(span)
        found[key] = Actor(mention=mention, ref=_at(ref, mention),
                           metonymy=metonymy, evidence=ctx.of(span.sent))

    for ent in doc.ents:
        if len(ent) > 1 and ent[-1].tag == sym.POS:  # "the Nigerian Army’s" -> "the Nigerian Army"
            ent = SpacySpan(doc, ent.start, ent.end - 1, label=ent.label_)
        text = ent.text.strip()
        if text.lower() in PLATFORMS or "\n" in text or _dateline(ctx, ent):
            continue
        lex = _lexicon_ref(text)
        if lex:
            add(ent, lex)
            continue
        named = _listed_tail(ent)
        if named is not None:   # "the Islamist Hayat Tahrir al-Sham" -> the listed name within
            add(named[0], named[1])
            continue
        if ent.label_ in GROUP_NAME_ENTS and is_armed_name(text):
            add(ent, _armed_ref(_without_the(text), res.dominant_country()))
            continue
        capital = countries.by_capital(text)
        country = countries.lookup(text)
        state = country or capital
        if state:
            if _actor_role(ent.root):
                add(ent, _state_ref(state, None), metonymy=True)
            continue
        if ent.label == sym.NORP:
            info = countries.by_demonym(text)
            if info and text.endswith("s") and _actor_role(ent.root):
                add(ent, ActorRef(name=text, kind=Kind.UNKNOWN, country=info.iso3))
            continue
        if ent.label == sym.PERSON:
            prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if len(ent) == 1 and (prev == "of" or prev not in TITLE_WORDS) and _known_place(text):
                continue   # 'Dessie', 'Aleppo': a town NER took for a person
            add(ent, res.person(ent))
        elif ent.label == sym.ORG and _titled(ent.root):
            add(ent, res.person(ent))   # "Moussa Faki Mahamat, the AU Commission's chairman": NER's ORG is a person
        elif ent.label == sym.ORG and _actor_role(ent.root):
            add(ent, _state_force_ref(ctx, ent, res) or ActorRef(name=text.removeprefix("the "), kind=Kind.ORGANIZATION))

    _scan_names(ctx, found, add)

    for chunk in doc.noun_chunks:
        if _dateline(ctx, chunk):
            continue
        bare = _without_the(chunk.text)
        if chunk.root.pos == sym.PROPN and not ents_in(chunk) and _actor_role(chunk.root):
            listed = _lexicon_ref(bare)
            state = countries.lookup(bare) or countries.by_capital(bare)
            if listed:
                add(chunk, listed)
            elif state:  # NER missed it: "Kyiv says"
                add(chunk, _state_ref(state, None), metonymy=True)
            continue
        ref = _group_ref(ctx, chunk.root, chunk, res)
        if ref:
            add(chunk, ref)
    for tok in doc:  # known acronyms NER left untagged: "5 SLDF members shot dead"
        if tok.is_upper and len(tok.text) >= 4 and tok.is_alpha and not tok.ent_type_:
            acronym = _lexicon_ref(tok.text)
            if acronym and acronym.kind in NAMED_KINDS:
                add(doc[tok.i:tok.i + 1], acronym)
    for tok in doc:  # bare surnames of people named earlier: "Pashinyan ruled out"
        if tok.text in res.people and tok.pos == sym.PROPN:
            known = res.people[tok.text]
            if known.span and known.span.start < tok.idx:
                add(doc[tok.i:tok.i + 1], known)
    return [found[k] for k in sorted(found)]


def _scan_names(ctx: Context, found: dict[tuple[int, int], Actor], add) -> None:
    """Armed groups NER missed or split: listed names anywhere in the text, and acronyms the
    article introduces for a group ('the Karen National Liberation Army, or KNLA', 'Rapid
    Support Forces (RSF)'), wherever the acronym recurs."""
    doc, text = ctx.doc, ctx.text.translate(APOSTROPHES)
    aliases: dict[str, ActorRef] = {}
    for (_, end), actor in list(found.items()):
        if not _is_armed(actor.ref):
            continue
        m = RX.acronym_after.match(text, end)
        if m and _lexicon_ref(m.group(1)) in (None, _lexicon_ref(actor.ref.name)):
            aliases[m.group(1)] = actor.ref
    spans: list[tuple[int, int, Optional[ActorRef]]] = [
        (m.start(), m.end(), _lexicon_ref(m.group(0))) for m in _armed_alias_pattern().finditer(text)]
    for acr, alias_of in aliases.items():
        spans += [(m.start(), m.end(), alias_of) for m in _whole_words([acr]).finditer(text)]
    for start, end, ref in spans:
        if ref is None or any(s <= start and end <= e for s, e in found):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            add(span, ref)
