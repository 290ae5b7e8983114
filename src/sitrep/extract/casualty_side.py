"""Whose losses a count is when the count itself names no country.

news_dev's convention (and UCDP's): civilians and the state's forces killed in a country are
that country's losses ("civilians killed in Mariupol" are Ukraine's).  With no country in the
count, its side is the country of the place named in its sentence, else the country the
article's places mostly lie in (a place inside a compound modifier, "U.S.-led strikes", is whose
strikes, not where).  Non-state fighters ("several attackers were killed") and
foreigners named as such keep no side: the place says nothing about whose they are.
"""
from __future__ import annotations

from collections import Counter
from typing import Optional

from spacy.tokens import Token
from spacy import symbols as sym

from .context import Context
from .casualty_labels import CUES
from .syntax import ATTRIBUTIVE_DEPS, COUNT_DEPS

NON_STATE = CUES.non_state
FOREIGN = CUES.foreign


def article_country(ctx: Context) -> Optional[str]:
    counts = Counter(p.country for p in ctx.places if p.country)
    return counts.most_common(1)[0][0] if counts else None


def place_side(ctx: Context, noun: Token, sent) -> Optional[str]:
    """The side implied by where the count's sentence (else the article) happens."""
    if (noun.dep in (sym.amod, sym.det) or noun.dep_ in COUNT_DEPS) and noun.head.pos == sym.NOUN:
        noun = noun.head   # "several attackers": the count hangs on the noun
    if noun.lemma_.lower() in NON_STATE or any(c.lemma_.lower() in NON_STATE for c in noun.children
                                               if c.dep_ in ATTRIBUTIVE_DEPS):
        return None
    if any(c.lower_ in FOREIGN for c in noun.subtree) or noun.lemma_.lower() == "foreigner":
        return None
    in_sentence = [p.country for p in ctx.places_in(sent.start_char, sent.end_char) if p.country
                   and not ctx.text.startswith("-", p.mention.end)]   # "U.S.-led strikes" happen elsewhere
    if in_sentence:
        return Counter(in_sentence).most_common(1)[0][0]
    return article_country(ctx)
