"""Places: toponym mentions, geocoded offline and disambiguated per article.

Mentions come from spaCy NER (GPE/LOC/FAC, plus ORG/PERSON/NORP entities the
small model mislabels when the gazetteer knows them as a strong place) and from
capitalised n-grams NER missed, accepted only with place-indicating context
("a settlement named X", "in X") or a strong gazetteer entry. Metonymic actors
("Baku says") and bare demonyms ("Armenian") are not places.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy import symbols as sym
from spacy.tokens import Span as SpacySpan

from .. import rules
from ..codes import Precision
from .syntax import MISLABEL_ENTS, NOT_PLACE_ENTS, PLACE_ENTS
from ..geo import countries
from ..geo.gazetteer import Candidate, lookup
from ..geo.resolve import NOTABLE_FEATURES, NOTABLE_POPULATION, resolve_all
from ..records import Place
from ..stages import stage
from .context import Context

PLACE_PREPS = rules.words("place_preps")
PLACE_NOUN_TAGS = rules.Tagged("place_nouns")
PLACE_NOUNS = PLACE_NOUN_TAGS.place
RESIDENT_NOUNS = rules.words("resident_nouns")   # "Mt Elgon residents"
NAMING_WORDS = rules.words("naming_words")
STRONG_FEATURES = NOTABLE_FEATURES   # one list of GeoNames codes of well-known places
STRONG_POPULATION = NOTABLE_POPULATION
MAX_NGRAM = 4
COMPASS = rules.words("compass_words")
ARTICLES = rules.words("determiners", tag="article")
ADMIN_NOUNS = PLACE_NOUN_TAGS.admin
SETTLEMENT_NOUNS = PLACE_NOUN_TAGS.settlement
PARTY_KINDS = rules.Tagged("actor_kinds").not_place   # a mention the actors extractor coded as one is no place
LIST_PUNCT = {"(", ")", ",", "-", "/"}
# what the text says a place is ('Baringo county', 'the village of Boulgou'), for geo.resolve's kinds
ADMIN, SETTLEMENT = "admin", "settlement"


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    sent: SpacySpan


def _strong(cands: tuple[Candidate, ...]) -> bool:
    """A name the gazetteer knows as a notable place (not just some hamlet)."""
    return any(c.source == "curated" or c.feature in STRONG_FEATURES
               or (c.main_name and c.population >= STRONG_POPULATION) for c in cands)


def _place_context(doc, start_tok: int, end_tok: int) -> bool:
    """'in X', 'a village named X', 'the X settlement'."""
    prev = doc[start_tok - 1] if start_tok > 0 else None
    if prev is not None and prev.lower_ == "the" and start_tok > 1:
        prev = doc[start_tok - 2]
    if prev is not None:
        if prev.lower_ in PLACE_PREPS:
            return True
        if prev.lower_ in NAMING_WORDS and start_tok >= 2 and doc[start_tok - 2].lemma_.lower() in PLACE_NOUNS:
            return True
        if prev.lemma_.lower() in PLACE_NOUNS:
            return True
    nxt = doc[end_tok] if end_tok < len(doc) else None
    return nxt is not None and (nxt.lemma_.lower() in PLACE_NOUNS or nxt.lemma_.lower() in RESIDENT_NOUNS)


def _not_a_name(text: str) -> bool:
    """'bush', 'South', 'Central': lowercase words and bare compass points are not toponyms."""
    return not any(ch.isupper() for ch in text) or text.lower() in COMPASS


def _is_demonym(text: str) -> bool:
    return bool(countries.by_demonym(text)) and not countries.lookup(text)


def _strip_the(doc, span: SpacySpan) -> SpacySpan:
    while len(span) > 1 and span[0].lower_ in ARTICLES:
        span = doc[span.start + 1:span.end]
    return span


def _capitalised(tok) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha


def _ner_mentions(ctx: Context, taken: list[bool]) -> list[_Mention]:
    doc = ctx.doc
    out = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_ENTS | MISLABEL_ENTS:
            continue
        span = _strip_the(doc, ent)
        text = span.text.rstrip()
        if not text or "\n" in text or _is_demonym(text) or _not_a_name(text):
            continue
        if ent.label_ not in PLACE_ENTS:
            # ORG/PERSON/NORP: a notable gazetteer place, or any known place in place context
            # ("the town of Arbinda"), unless the actors extractor coded it as an organisation
            cands = lookup(text)
            actor = ctx.actor_at(span.start_char, span.start_char + len(text))
            if actor and actor.ref.kind in PARTY_KINDS:
                continue
            if not cands and not _named_settlement(doc, span.start):
                continue   # ("the city of Maraat al Numan" is a town even where the gazetteer lacks it)
            if cands and not (_strong(cands) or _place_context(doc, span.start, span.end)):
                continue
        out.append(_Mention(span.start_char, span.start_char + len(text), text, ent.sent))
        for i in range(ent.start, ent.end):
            taken[i] = True
    return out


def _repeated_mentions(ctx: Context, taken: list[bool], known: set[str]) -> list[_Mention]:
    """A name the article already uses as a place stays one where NER calls it a person or an
    organisation ('in Wad Madani' ... 'enabled the RSF to capture Wad Madani'), unless the actors
    extractor coded that mention as a party."""
    doc = ctx.doc
    out = []
    for ent in doc.ents:
        if ent.label_ not in MISLABEL_ENTS or any(taken[i] for i in range(ent.start, ent.end)):
            continue
        span = _strip_the(doc, ent)
        text = span.text.rstrip()
        if text not in known:
            continue
        actor = ctx.actor_at(span.start_char, span.start_char + len(text))
        if actor and actor.ref.kind in PARTY_KINDS:
            continue
        out.append(_Mention(span.start_char, span.start_char + len(text), text, ent.sent))
        for i in range(ent.start, ent.end):
            taken[i] = True
    return out


def _named_settlement(doc, start_tok: int) -> bool:
    """'the town of X', 'the village of X': the text itself says X is a settlement."""
    return start_tok >= 3 and doc[start_tok - 1].lower_ == "of" and \
        doc[start_tok - 2].lemma_.lower() in SETTLEMENT_NOUNS and doc[start_tok - 3].lower_ in ("the", "a")


def _list_context(doc, start_tok: int, end_tok: int) -> bool:
    """'(Bourzanga, Bam)', 'the axis Kongoussi-Djibo': an item of a place list or pair."""
    prev = doc[start_tok - 1].text if start_tok > 0 else ""
    nxt = doc[end_tok].text if end_tok < len(doc) else ""
    return prev in LIST_PUNCT or nxt in LIST_PUNCT


def _ngram_mentions(ctx: Context, taken: list[bool], focus: frozenset[str] = frozenset()) -> list[_Mention]:
    """Capitalised token n-grams NER missed, with place context or a strong entry.

    In a list or pair context a name also counts when the gazetteer has it in a
    country the article is about (focus).
    """
    doc = ctx.doc
    blocked = list(taken)
    for ent in doc.ents:  # people, orgs, dates are not scanned inside
        if ent.label_ not in MISLABEL_ENTS | NOT_PLACE_ENTS:
            continue
        for i in range(ent.start, ent.end):
            blocked[i] = True
    out = []
    headline_end = _title_case_headline(ctx.text)
    i = 0
    while i < len(doc):
        if blocked[i] or not _capitalised(doc[i]):
            i += 1
            continue
        found = None
        for n in range(MAX_NGRAM, 0, -1):
            j = i + n
            if j > len(doc) or any(blocked[k] for k in range(i, j)) or not _capitalised(doc[j - 1]):
                continue
            if doc[i].sent.start != doc[j - 1].sent.start:
                continue
            span = doc[i:j]
            if n == 1 and (doc[i].is_sent_start and doc[i].pos != sym.PROPN or doc[i].is_stop):
                continue
            if n == 1 and doc[i].idx < headline_end and doc[i].text not in ctx.text[headline_end:] \
                    and not _place_context(doc, i, j):
                continue   # "In A Surprise Offensive": title case capitalises words; the body does not name it
            text = span.text
            cands = lookup(text)
            in_focus = any(c.country in focus for c in cands) and _list_context(doc, i, j)
            if cands and not _is_demonym(text) and not _not_a_name(text) and (_place_context(doc, i, j) or _strong(cands) or in_focus):
                found = span
                break
            if not cands and not _not_a_name(text) and _named_settlement(doc, i):
                found = span   # "the city of Maraat al Numan": a town the gazetteer lacks
                break
        if found is None:
            i += 1
            continue
        out.append(_Mention(found.start_char, found.end_char, found.text, found.sent))
        for k in range(found.start, found.end):
            taken[k] = True
        i = found.end
    return out


TITLE_CASE_SHARE = 0.8   # of a headline's longer words capitalised: capitals tell no names there
TITLE_WORD_LEN = 4


def _title_case_headline(text: str) -> int:
    """Where a title-cased first line ends ('Insurgents Breach Syria's Aleppo'); 0 when the
    text has none."""
    end = text.find("\n")
    words = [w for w in text[:max(end, 0)].split() if len(w) >= TITLE_WORD_LEN and w[:1].isalpha()]
    if end <= 0 or len(words) < 3:
        return 0
    return end if sum(w[:1].isupper() for w in words) >= TITLE_CASE_SHARE * len(words) else 0


def _kind(doc, m: _Mention) -> Optional[str]:
    """'Baringo county' -> admin; 'the village of Boulgou', 'Ijara town' -> settlement."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return None
    nxt = doc[span.end].lower_ if span.end < len(doc) else ""
    before = [t.lower_ for t in doc[max(0, span.start - 3):span.start]]
    if nxt in ADMIN_NOUNS:
        return ADMIN
    if nxt in SETTLEMENT_NOUNS or (len(before) >= 2 and before[-1] == "of" and before[-2] in SETTLEMENT_NOUNS):
        return SETTLEMENT
    if len(before) >= 2 and before[-1] == "of" and before[-2] in ADMIN_NOUNS:
        return ADMIN
    return None


def _fallback_name(text: str) -> str:
    """'Islamic Republic of Iran' -> 'Iran' when the full name is unknown."""
    if lookup(text):
        return text
    tail = text.rsplit(" of ", 1)[-1]
    return tail if tail != text and lookup(tail) else text


def _article_countries(ctx: Context) -> list[str]:
    """Countries the article points at: actors' countries and demonyms."""
    hints = [a.ref.country for a in ctx.actors if a.ref.country]
    for ent in ctx.doc.ents:
        if ent.label == sym.NORP:
            info = countries.by_demonym(ent.text)
            if info:
                hints.append(info.iso3)
    return list(dict.fromkeys(hints))


def _place(ctx: Context, m: _Mention, c: Optional[Candidate], kind: Optional[str] = None) -> Place:
    base = dict(mention=ctx.span(m.start, m.end), evidence=ctx.of(m.sent), claimant=None)
    if c is None:   # not in the gazetteer; 'Tudun Biri village' still says what it is
        return Place(name=m.text, precision=Precision.VILLAGE if kind == SETTLEMENT else Precision.UNKNOWN, **base)
    return Place(name=c.name, lat=c.lat, lon=c.lon, country=c.country, admin1=c.admin1,
                 precision=c.precision, feature=c.feature, geonameid=c.geonameid, source=c.source, **base)


@stage("places", requires=("actors",))
def extract(ctx: Context) -> list[Place]:
    doc = ctx.doc
    taken = [False] * len(doc)
    ner = _ner_mentions(ctx, taken)
    focus = frozenset(_article_countries(ctx)) | frozenset(
        c.country for m in ner for c in lookup(_fallback_name(m.text)) if c.country and _strong((c,)))
    mentions = ner + _ngram_mentions(ctx, taken, focus)
    mentions += _repeated_mentions(ctx, taken, {m.text for m in mentions})
    metonymic = [(a.mention.start, a.mention.end) for a in ctx.actors if a.metonymy]
    mentions = [m for m in mentions if not any(s < m.end and m.start < e for s, e in metonymic)]
    seen: set[tuple[int, int]] = set()
    unique = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if (m.start, m.end) not in seen and not any(s <= m.start and m.end <= e for s, e in seen):
            seen.add((m.start, m.end))
            unique.append(m)
    names = [_fallback_name(m.text) for m in unique]
    kinds = [_kind(doc, m) for m in unique]
    resolved = resolve_all(names, country_hint=_article_countries(ctx), kinds=kinds)
    return [_place(ctx, m, c, k) for m, c, k in zip(unique, resolved, kinds)]
