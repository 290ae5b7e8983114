"""A count's breakdown by who the victims were, linked to the count (`Casualty.parts`).

"Nine people including two FARDC soldiers were killed", "at least 15 people, eight of them
civilians", "15 persons died (13 civilians)", and in a later sentence "At least two of those
killed were police", "Among those killed, at least 10 were civilians and four were police
officers", "One of the fatalities was a UN soldier".  A part is kept on the total it breaks
down, never as a count of its own, so that nothing summing counts (ACLED fatalities, sentence
totals) adds it twice; a consumer that counts one population (WAD codes noncombatant victims,
`eval.wad.victim_count`) reads it there.  A part is never larger than its total, and a part
with a pronoun or outcome word pointing back ("of those killed", "of them", "among the dead")
may follow its total in a later sentence; one introduced by "including" or an apposition
belongs to a total earlier in its own sentence.
"""
from __future__ import annotations

from typing import Callable, Iterator, Optional

from spacy.tokens import Token
from spacy import symbols as sym

from ..records import Casualty, CasualtyPart
from .casualty_labels import ARTICLE_ONE, CUES, OUTCOME_VERBS, OUTCOME_WORDS
from .syntax import COUNT_DEPS, NOUN_POS, PAST_PARTICIPLE_TAGS, SUBJECT_DEPS as SUBJECTS
from .context import Context
from .casualty_rules import copula

INCLUDING = CUES.breakdown
PRONOUNS = CUES.part_pronoun
LIST_OPENERS = CUES.list_opener   # ',' or ':' before a list that breaks a count down
PREPS = CUES.part_prep
NO_REFERENCE = object()   # a phrase that points back to no counted victims

Bounds = Callable[[Token, Optional[Token]], Optional[tuple[int, int, bool, int]]]
Population = Callable[[Token], str]


def _reference(p: Token):
    """What a back-reference says of the victims it points to: their outcome ("those killed",
    "the fatalities"), None for a bare pronoun ("of them"), NO_REFERENCE when it is none."""
    if p.lower_ in PRONOUNS:
        named = next((OUTCOME_VERBS.get(c.lemma_.lower()) for c in p.children if c.tag_ in PAST_PARTICIPLE_TAGS), None)
        return named   # "those killed", "those injured"; "them": None
    if p.lemma_.lower() in OUTCOME_WORDS or p.lower_ in OUTCOME_WORDS:
        return OUTCOME_WORDS.get(p.lemma_.lower()) or OUTCOME_WORDS[p.lower_]   # "the dead", "the fatalities"
    return NO_REFERENCE


def _pointer(tok: Token):
    """The back-reference in tok's own 'of'/'among' phrase ("two of those killed")."""
    for prep in (c for c in tok.children if c.dep == sym.prep and c.lower_ in PREPS):
        for p in (c for c in prep.children if c.dep == sym.pobj):
            ref = _reference(p)
            if ref is not NO_REFERENCE:
                return ref
    return NO_REFERENCE


def named_among(noun: Token) -> Optional[str]:
    """The outcome of victims named through a back-reference, with or without a total to
    break down: 'The dead included a journalist and a teacher', 'Two women and a child were
    among those killed'."""
    node = noun
    while node.dep == sym.conj and node.head.i != node.i:
        node = node.head
    head = node.head
    ref = NO_REFERENCE
    if node.dep in (sym.dobj, sym.attr) and head.lower_ in INCLUDING and head.pos == sym.VERB:
        subject = next((c for c in head.children if c.dep == sym.nsubj), None)
        ref = _reference(subject) if subject is not None else NO_REFERENCE
    elif node.dep in (sym.nsubj, sym.attr) and copula(head):   # "Among those killed was a local chief"
        ref = _pointer(head)
    return ref if isinstance(ref, str) else None


def _count_token(noun: Token) -> Optional[Token]:
    number = next((c for c in noun.children if c.dep_ in COUNT_DEPS), None)
    if number is not None:
        return number
    return next((c for c in noun.children if c.lower_ in ARTICLE_ONE and c.i < noun.i), None)


def _listed(noun: Token) -> Iterator[Token]:
    yield noun
    for c in noun.children:
        if c.dep == sym.conj:
            yield from _listed(c)


def _phrases(sent, bounds: Bounds) -> Iterator[tuple[Token, Token, Token, object, bool]]:
    """(counted noun, number token, anchor, outcome named by the back-reference, may follow in a
    later sentence) for each part phrase of the sentence."""
    for tok in sent:
        if tok.lower_ in INCLUDING:   # "nine people including two soldiers", "those killed included ..."
            subject = next((c for c in tok.children if c.dep == sym.nsubj), None)
            ref = _reference(subject) if subject is not None else NO_REFERENCE
            for obj in (c for c in tok.children if c.dep in (sym.pobj, sym.dobj)):
                for noun in _listed(obj):
                    if noun.like_num:   # "two of its security guards"
                        of = next((g for c in noun.children if c.dep == sym.prep for g in c.children if g.dep == sym.pobj), noun)
                        yield of, noun, tok, None if ref is NO_REFERENCE else ref, ref is not NO_REFERENCE
                    elif (number := _count_token(noun)) is not None:
                        yield noun, number, tok, None if ref is NO_REFERENCE else ref, ref is not NO_REFERENCE
        number = _count_token(tok) if tok.dep == sym.appos else None
        if number is not None and _pointer(number) is not NO_REFERENCE:
            yield tok, number, tok, _pointer(number), False   # "15 people, eight of them civilians"
        elif number is not None:
            yield from _enumeration(tok, bounds)   # "Seven people were killed: six civilians and one soldier"
        if tok.dep == sym.conj and tok.i > 0 and tok.doc[tok.left_edge.i - 1].text in LIST_OPENERS \
                and tok.head.dep != sym.conj and _count_token(tok.head) is not None and _count_token(tok) is not None:
            yield from _enumeration(tok, bounds)   # "Six people, two Turkish nationals and four Somalis, were killed"
        if copula(tok):   # "two of those killed were police", "among those killed, 10 were civilians"
            subject = next((c for c in tok.children if c.dep == sym.nsubj and c.like_num), None)
            attr = next((c for c in tok.children if c.dep == sym.attr), None)
            if subject is None and attr is not None and not any(c.dep_ in SUBJECTS for c in tok.children) \
                    and _pointer(tok) is not NO_REFERENCE:   # "Among the dead were six children and a policeman"
                for noun in _listed(attr):
                    number = _count_token(noun)
                    if number is not None:   # all of the list break down a count before it
                        yield noun, number, _count_token(attr) or attr, _pointer(tok), True
                continue
            if subject is None or attr is None:
                continue
            ref = _pointer(subject)
            if ref is NO_REFERENCE:
                ref = _pointer(tok)
            if ref is NO_REFERENCE and tok.dep == sym.conj:   # "... and four were police officers"
                first = next((c for c in tok.head.children if c.dep == sym.nsubj), None)
                ref = _pointer(tok.head) if first is None or _pointer(first) is NO_REFERENCE else _pointer(first)
            if ref is not NO_REFERENCE:
                yield attr, subject, subject, ref, True


def _enumeration(first: Token, bounds: Bounds) -> Iterator[tuple[Token, Token, Token, object, bool]]:
    """'Six people, two Turkish nationals and four Somalis, were killed' (parsed as a list or
    an apposition), 'Seven people were killed: six civilians and one soldier': counted nouns
    listed after a count and a comma or colon are its breakdown where their numbers add up to
    it exactly."""
    head = first.head
    total = _count_token(head)
    listed = [(noun, number) for noun in _listed(first) if (number := _count_token(noun)) is not None]
    if total is None or len(listed) < 2 or len(listed) != len(list(_listed(first))):
        return
    whole = bounds(head, total)
    values = [v for noun, number in listed if (v := bounds(noun, number)) is not None]
    if whole is None or len(values) != len(listed) or whole[0] != whole[1] \
            or sum(v[0] for v in values) != whole[0] or any(v[0] != v[1] for v in values):
        return
    for noun, number in listed:
        yield noun, number, first, None, False


def _total(found: list[Casualty], at: int, sent_start: int, outcome, later: bool, low: int) -> Optional[int]:
    """Index of the nearest count before `at` that the part can belong to."""
    for i in range(len(found) - 1, -1, -1):
        c = found[i]
        if c.mention.end > at or (not later and c.mention.start < sent_start):
            continue
        if (outcome is None or c.outcome == outcome) and c.low >= low:
            return i
        if not later:
            return None   # "including" breaks down the count just before it
    return None


def attach_parts(ctx: Context, found: list[Casualty], bounds: Bounds, population: Population) -> list[Casualty]:
    """The counts with their breakdowns attached (`found` sorted by position)."""
    parts: dict[int, list[CasualtyPart]] = {}
    for sent in ctx.doc.sents:
        for noun, number, anchor, outcome, later in _phrases(sent, bounds):
            counted = bounds(noun, number) if number.i != noun.i or number.like_num else None
            if counted is None:
                continue
            low, high, approx, left = counted
            i = _total(found, anchor.idx, sent.start_char, outcome, later, low)
            if i is None:
                continue
            first, last = sorted((ctx.doc[left], noun), key=lambda t: t.i)
            mention = ctx.span(first.idx, last.idx + len(last))
            if found[i].mention.start <= mention.start < found[i].mention.end:
                continue   # the total itself
            parts.setdefault(i, []).append(CasualtyPart(mention=mention, low=low, high=high,
                                                         population=population(noun), approximate=approx))
    for i, total in enumerate(found):   # "15 persons died (13 civilians)", "ten people (one policeman and ...)"
        opened = ctx.text.find("(", total.mention.end, total.evidence.end)
        if opened < 0 or len(ctx.text[total.mention.end:opened].split()) > 2:
            continue   # the parenthesis follows the count or its verb ("15 persons died (13 ...")
        closed = ctx.text.find(")", opened, total.evidence.end)
        inside = ctx.doc.char_span(opened + 1, closed if closed > opened else total.evidence.end, alignment_mode="expand")
        for noun in (t for t in inside or () if t.pos_ in NOUN_POS):
            count = _count_token(noun)
            counted = bounds(noun, count) if count is not None and opened < count.idx else None
            if counted is None or counted[0] > total.low or any(
                    p.mention.start <= noun.idx < p.mention.end for p in parts.get(i, [])):
                continue   # larger than the total, or found already ("(including one policeman)")
            low, high, approx, left = counted
            mention = ctx.span(ctx.doc[left].idx, noun.idx + len(noun))
            parts.setdefault(i, []).append(CasualtyPart(mention=mention, low=low, high=high,
                                                         population=population(noun), approximate=approx))
    return [c.model_copy(update={"parts": c.parts + parts[i]}) if i in parts else c for i, c in enumerate(found)]
