"""Who asserted a clause: reporting verbs, 'according to', quotes, channels ('on Twitter').

  claimant_for(ctx, start, end) -> Claimant   (falls back to the outlet's own voice)
  speaker_of(ctx, verb_token) -> ActorRef|None (subject of a reporting verb, pronouns resolved)
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ..nlp import chunk_of
from ..records import ActorRef, Claimant
from .context import Context

REPORT_VERBS = {
    "say", "claim", "report", "announce", "state", "tell", "add", "acknowledge", "accuse", "deny",
    "insist", "confirm", "allege", "boast", "warn", "urge", "disclose", "tweet", "write", "note",
    "declare", "estimate", "reveal", "assert", "maintain", "explain", "stress", "argue", "quote",
    "cite", "indicate", "admit", "concede", "post", "publish", "describe", "suggest", "believe",
}
PLATFORMS = {"twitter": "Twitter", "facebook": "Facebook", "telegram": "Telegram", "x": "X",
             "instagram": "Instagram", "youtube": "YouTube", "whatsapp": "WhatsApp",
             "television": "television", "tv": "television", "radio": "radio", "website": "website"}
VIA_NOUNS = {"statement", "interview", "briefing", "conference", "communique", "communiqué",
             "speech", "address", "post", "tweet", "message", "video", "broadcast", "report"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "it", "we", "them"}


def _outlet(ctx: Context) -> Claimant:
    return Claimant(name=ctx.article.outlet or "article", kind="outlet")


def _subject(verb: Token) -> Optional[Token]:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:  # "Nineteen killed ..., residents say": the subject next to the verb
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    if verb.dep_ == "acl":  # "Pashinyan, ruling out ..." / "the minister quoted by"
        return verb.head
    return None


def resolve_token(ctx: Context, tok: Token) -> Optional[ActorRef]:
    """ActorRef for a subject token: the actor covering it, else a pronoun's antecedent."""
    low = tok.lower_
    if low in PERSON_PRONOUNS | GROUP_PRONOUNS:
        want_person = low in PERSON_PRONOUNS
        earlier = [a for a in ctx.actors if a.mention.end <= tok.idx]
        for a in reversed(earlier):
            if (a.ref.kind == "person") == want_person and a.ref.kind not in ("media",):
                return a.ref
        return None
    hit = ctx.actor_at(tok.idx, tok.idx + len(tok))
    if hit:
        return hit.ref
    left, right = tok.left_edge, tok.right_edge
    start, end = left.idx, right.idx + len(right)
    inside = ctx.actors_in(start, end)
    if inside:  # nearest to the head: "the head of an ICRC mission" -> ICRC
        inside.sort(key=lambda a: abs(a.mention.start - tok.idx))
        return inside[0].ref
    text = ctx.text[start:end]
    if len(text.split()) > 6:  # a long clause: keep its noun phrase only
        text = chunk_of(tok).text
    return ActorRef(name=text, kind="unknown")


def speaker_of(ctx: Context, verb: Token) -> Optional[ActorRef]:
    subj = _subject(verb)
    if subj is None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        return resolve_token(ctx, pobj) if pobj is not None else None
    return resolve_token(ctx, subj)


def via_of(ctx: Context, verb: Token) -> Optional[str]:
    """Channel of a statement: 'on Twitter', 'in a statement', 'in an interview with AFP', 'told AFP'."""
    candidates = list(verb.children)
    sent = verb.sent
    candidates += [t for t in sent if t.dep_ == "prep" and t.head.i == sent.root.i and t not in candidates]
    for prep in candidates:
        if prep.dep_ != "prep":
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        low = pobj.lower_
        if prep.lower_ in ("on", "via") and low in PLATFORMS:
            return PLATFORMS[low]
        if prep.lower_ in ("in", "during", "at") and pobj.lemma_.lower() in VIA_NOUNS:
            span = ctx.text[pobj.left_edge.idx:pobj.right_edge.idx + len(pobj.right_edge)].rstrip(" ,;:")
            return span.removeprefix("a ").removeprefix("an ").removeprefix("the ")
    if verb.lemma_ == "tell":
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None:
            return f"told {obj.text}"
    return None


def _cue_claimant(ctx: Context, verb: Token) -> Optional[Claimant]:
    ref = speaker_of(ctx, verb)
    if ref is None:
        return None
    end = verb.idx + len(verb)
    return Claimant(name=ref.name, kind="actor" if ref.kind != "unknown" else "unknown", actor=ref,
                    via=via_of(ctx, verb), cue=ctx.span(verb.idx, end))


def _according_to(ctx: Context, sent) -> Optional[Claimant]:
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
            obj = next((c for c in tok.nbor().children if c.dep_ == "pobj"), None) or \
                next((c for c in tok.children if c.dep_ == "pobj"), None)
            if obj is None and tok.nbor().i + 1 < len(tok.doc):
                obj = tok.doc[tok.nbor().i + 1]
                while obj.head.i > obj.i and obj.head.i < sent.end and obj.dep_ in ("det", "compound", "amod"):
                    obj = obj.head
            if obj is not None:
                ref = resolve_token(ctx, obj)
                if ref:
                    return Claimant(name=ref.name, kind="actor" if ref.kind != "unknown" else "unknown",
                                    actor=ref, cue=ctx.span(tok.idx, tok.nbor().idx + 2))
    return None


def claimant_for(ctx: Context, start: int, end: int) -> Claimant:
    """Who asserted the clause at [start, end): the reporter of the enclosing clause, else the outlet."""
    inside = [q for q in ctx.quotes if q.content.start <= start and end <= q.content.end and q.speaker]
    if inside:  # the innermost report: "X says Y denies that ..." -> Y
        q = min(inside, key=lambda q: q.content.end - q.content.start)
        return Claimant(name=q.speaker.name, kind="actor", actor=q.speaker, via=q.via, cue=q.cue)
    sent = ctx.sentence_of(start)
    if sent is None:
        return _outlet(ctx)
    tokens = [t for t in sent if t.idx < end and start < t.idx + len(t)]
    if not tokens:
        return _outlet(ctx)
    head = min(tokens, key=lambda t: len(list(t.ancestors)))
    node = head
    if node.lemma_.lower() in REPORT_VERBS and node.pos_ == "VERB":
        node = node.head if node.head.i != node.i else None  # the report itself is the fact
    while node is not None:
        if node.lemma_.lower() in REPORT_VERBS and node.pos_ in ("VERB", "AUX") and node.i != head.i:
            found = _cue_claimant(ctx, node)
            if found:
                return found
        if node.head.i == node.i:
            break
        node = node.head
    return _according_to(ctx, sent) or _outlet(ctx)
