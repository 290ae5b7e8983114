"""A casualty claimant named only by its role resolved to an organisation and its country.

"a spokesman for the ministry", "the ministry statement", "the army said": the claimant is
the state body (of the country the body's own words or the article name), so that the claim's
country is known; "the statement" alone is the organisation whose statement the article
reported before it.  Claimants that already carry a country are left as they are.
"""
from __future__ import annotations

from spacy import symbols as sym

from typing import Optional

from .. import rules
from ..codes import ClaimantKind, Kind
from ..geo import countries
from ..records import ActorRef, Claimant
from .casualty_numbers import token_value
from .casualty_rules import NOT_PERSON
from .casualty_side import article_country
from .context import Context
from .casualty_labels import CUES, CUES_TABLE

STATE_BODIES = rules.mapping(CUES_TABLE, "outcome", tag="state_body")   # head word -> actor kind
STATE_KINDS = set(STATE_BODIES.values())
STATEMENT_WORDS = rules.words("statement_nouns", tag="claim")
SPEAKS_FOR = CUES.speaks_for
STATEMENT_FILLER = CUES.statement_filler
SPEAKER_PREPS = CUES.speaker_prep


def _words(name: str) -> list[str]:
    return [w.strip(".,'’\"").lower() for w in name.split()]


def _named_country(name: str) -> Optional[str]:
    for w in name.split():
        info = countries.by_demonym(w.strip(".,")) or countries.lookup(w.strip(".,"))
        if info:
            return info.iso3
    return None


def headline_country(ctx: Context) -> Optional[str]:
    """The one country the headline names ('Jihadists kill 10 Niger soldiers: ministry'): whose
    ministry or army an unnamed 'the ministry' in the story is.  None when it names several."""
    first_line = ctx.text.split("\n", 1)[0]
    if len(first_line) > 200:
        return None   # no headline line
    named = set()
    for w in first_line.replace("-", " ").split():
        w = w.strip(".,:;'’\"()")
        if w[:1].isupper():
            info = countries.by_demonym(w) or countries.lookup(w)
            if info:
                named.add(info.iso3)
    return named.pop() if len(named) == 1 else None


def _no_source(claimant: Claimant, start: int, end: int) -> bool:
    """'That attack claimed nine lives', 'Two dozen people are reported dead': what the parse
    took for a reporter is a thing or the count itself."""
    span = claimant.actor.span if claimant.actor is not None else None
    if span is not None and span.start < end and start < span.end:
        return True
    words = _words(claimant.name)
    if any(token_value(w) is not None for w in words if w.isdigit() or len(w) > 2):
        return True   # "More than two dozen people": a count, not who reports it
    return bool(words) and words[-1] in NOT_PERSON and words[-1] not in STATE_BODIES


def outlet_of(ctx: Context) -> Claimant:
    return Claimant(name=ctx.article.outlet or "article", kind=ClaimantKind.OUTLET)


def resolve(ctx: Context, claimant: Claimant, earlier: list[Claimant], start: int = -1, end: int = -1) -> Claimant:
    """`earlier`: the claimants of the article's casualty counts before this one; [start, end):
    the count's own span."""
    if claimant.kind == ClaimantKind.UNKNOWN and _no_source(claimant, start, end):
        return outlet_of(ctx)
    if claimant.kind == ClaimantKind.OUTLET:
        return claimant
    org = spoken_for(ctx, claimant.actor) if claimant.actor is not None else None
    if org is not None:   # "the group's military spokesman, Yahya Saree": the group claims it
        return claimant.model_copy(update={"name": org.name, "kind": ClaimantKind.ACTOR, "actor": org})
    words = _words(claimant.name)
    if claimant.actor is not None and claimant.actor.country:
        headline = headline_country(ctx)
        if headline and headline != claimant.actor.country and claimant.actor.kind in STATE_KINDS \
                and words and words[-1] in STATE_BODIES and not _named_country(claimant.name):
            ref = claimant.actor.model_copy(update={"country": headline})   # "the defence ministry" of the headline's country
            return claimant.model_copy(update={"actor": ref})
        return claimant
    body = next((w for w in reversed(words) if w in STATE_BODIES), None)
    if body is None and words and set(words) <= STATEMENT_WORDS | STATEMENT_FILLER:
        prior = next((c for c in reversed(earlier) if c.actor is not None and c.actor.country), None)
        return prior or claimant   # "the statement said": whoever issued it before
    if body is None:
        return claimant
    country = _named_country(claimant.name) or headline_country(ctx) or article_country(ctx)
    if country is None:
        return claimant
    ref = ActorRef(name=claimant.name, kind=STATE_BODIES[body], country=country,
                   span=claimant.actor.span if claimant.actor else None)
    return claimant.model_copy(update={"actor": ref, "kind": ClaimantKind.ACTOR})


def spoken_for(ctx: Context, person: ActorRef) -> Optional[ActorRef]:
    """The organisation a named spokesperson speaks for, read off any mention of the person in
    apposition to a spokesman noun with 'for/of X' or 'X's': 'The military spokesman for
    Houthis, Yahya Saree' -> Houthis.  None for anyone else."""
    if person.kind != Kind.PERSON or person.country:
        return None
    for actor in ctx.actors:
        if actor.ref.name != person.name:
            continue
        span = ctx.doc.char_span(actor.mention.start, actor.mention.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        roles = [root.head] if root.dep == sym.appos else []
        if root.dep == sym.appos and root.head.dep == sym.pobj and root.head.head.dep == sym.prep:
            roles.append(root.head.head.head)   # "The spokesman for Houthis, Yahya Saree" (parsed on Houthis)
        roles += [c for c in root.children if c.dep == sym.appos]
        for role in roles:
            if role.lemma_.lower() not in SPEAKS_FOR:
                continue
            owners = [g for c in role.children if c.dep == sym.prep and c.lower_ in SPEAKER_PREPS
                      for g in c.children if g.dep == sym.pobj]
            owners += [c for c in role.children if c.dep == sym.poss]
            for owner in owners:
                found = ctx.actor_at(owner.idx, owner.idx + len(owner))
                if found is not None and found.ref.kind not in (Kind.PERSON, Kind.UNKNOWN) \
                        and not found.mention.start <= role.idx < found.mention.end:   # not the role itself
                    return found.ref
    return None


def _title_line(ctx: Context, start: int) -> bool:
    """A line with no closing punctuation: the headline, or a headline repeated in page noise."""
    line_start = ctx.text.rfind("\n", 0, start) + 1
    line_end = ctx.text.find("\n", start)
    line = ctx.text[line_start:line_end if line_end >= 0 else len(ctx.text)].strip()
    return 0 < len(line) <= 200 and line[-1] not in ".!?\"'”’:;)"


def headline_claimants(ctx: Context, casualties: list) -> list:
    """A headline figure stated in the outlet's voice takes the claimant of the same figure in
    the body ('Jihadists kill 10 soldiers: ministry' ... 'the ministry said ten soldiers were
    killed'): the headline restates the body's claim.  So does a headline repeated further down
    (page noise: a related-story title line), from the same figure after it."""
    first_line_end = len(ctx.text.split("\n", 1)[0])
    out = []
    for c in casualties:
        headline = c.mention.end <= first_line_end
        if c.claimant.kind == ClaimantKind.OUTLET and (headline or _title_line(ctx, c.mention.start)):
            body = next((b for b in casualties if b.mention.start > (first_line_end if headline else c.mention.end)
                         and b.outcome == c.outcome and (b.low, b.high) == (c.low, c.high)
                         and b.claimant.kind != ClaimantKind.OUTLET and not _title_line(ctx, b.mention.start)), None)
            if body is not None:
                c = c.model_copy(update={"claimant": body.claimant})
        out.append(c)
    return out
