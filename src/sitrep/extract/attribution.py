"""Who asserted a clause: reporting verbs, 'according to', quotes, channels ('on Twitter').

  claimant_for(ctx, start, end) -> Claimant   (falls back to the outlet's own voice)
  speaker_of(ctx, verb_token) -> ActorRef|None (subject of a reporting verb, pronouns resolved)
  resolve_token(ctx, token) -> ActorRef|None   (an actor mention, pronoun or role nominal)
  via_of(ctx, verb_token) -> str|None          ("Twitter", "interview with AFP", "told reporters")
  reporting_cue(sent) -> Token|None            (the sentence's main reporting verb)

Speakers are resolved through ctx.actors (the actors extractor).  Without actors
the code degrades to spaCy entities and the raw subject text (kind "unknown").
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Token
from spacy import symbols as sym

from .. import rules
from ..codes import ClaimantKind, Kind
from .syntax import (ATTRIBUTIVE_DEPS, CLAUSE_DEPS, GERUND_TAGS, GROUP_ENTS, NOUN_MODIFIERS, NOUN_POS, OBJECT_DEPS,
                     PAST_PARTICIPLE_TAGS, PERSON_ENTS, PRED_POS, SUBJECT_DEPS)
from ..nlp import chunk_of
from ..records import ActorRef, Claimant, Span
from . import speakers
from .context import Context
from .cues import speech_cues

REPORT_VERBS = rules.Tagged("report_verbs").attribution
PASSIVE_SPEAKER_VERBS = speech_cues("passive_speaker")  # "X was quoted as saying"
PLATFORMS = rules.mapping("channels", "display", tag="via")
VIA_NOUNS = speakers.STATEMENT_NOUNS.via
PERSON_PRONOUNS = speakers.PRONOUNS.person  # gendered: speakers.MALE/FEMALE_PRONOUNS
GROUP_PRONOUNS = speakers.PRONOUNS.group
RELATIVE_PRONOUNS = speakers.PRONOUNS.relative
# role nouns that name one person by office: "the minister said", "the head of the mission"
ROLE_NOUNS = rules.Tagged("head_nouns").role
PREPS = rules.Tagged("prepositions")
# and every one-word title of data/en/titles.tsv ("the senator", "the colonel")
ROLE_NOUNS = ROLE_NOUNS | {t for t in rules.words("titles") if " " not in t and not t.endswith(".")}


def _outlet(ctx: Context) -> Claimant:
    return Claimant(name=ctx.article.outlet or "article", kind=ClaimantKind.OUTLET)


def _claimant(ref: ActorRef, cue=None, via: Optional[str] = None) -> Claimant:
    return Claimant(name=ref.name, kind=ClaimantKind.ACTOR if ref.kind != Kind.UNKNOWN else ClaimantKind.UNKNOWN,
                    actor=ref, via=via, cue=cue)


def _subject(verb: Token) -> Optional[Token]:
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if subjects:  # "Nineteen killed ..., residents say": the subject next to the verb
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    chained = verb.dep in (sym.advcl, sym.xcomp, sym.conj)  # a verb hanging from another one's clause
    if verb.tag_ in GERUND_TAGS and chained:
        # "He said the capture was ..., claiming it ...": the participle's speaker is the reporter
        # of the clause it hangs from, not that clause's own subject
        for anc in verb.ancestors:
            if anc.lemma_.lower() in REPORT_VERBS and anc.pos == sym.VERB and \
                    any(c.dep_ in SUBJECT_DEPS for c in anc.children):
                return _subject(anc)
    prev = verb.doc[verb.i - 1] if verb.i > 0 else None
    if (verb.dep in (sym.conj, sym.ccomp) or verb.head.i == verb.i) and prev is not None and prev.dep == sym.conj \
            and prev.pos_ in NOUN_POS and prev.head.i not in (verb.i, verb.head.i) and "\n" not in prev.whitespace_:
        return prev  # "X claimed ... among its people and Congo's government said": the noun joined to the object
    if chained and verb.head.pos_ in PRED_POS:
        inherited = _subject(verb.head)
        if verb.dep == sym.conj and inherited is not None and inherited.pos == sym.NOUN and not inherited.ent_type_:
            # "He said his attacks have given ... and said that ...": a verb of saying the parser joined to a
            # reported clause speaks for the reporter, not for that clause's subject
            outer = next((a for a in verb.head.ancestors if a.lemma_.lower() in REPORT_VERBS and a.pos_ in PRED_POS), None)
            speaker = _subject(outer) if outer is not None else None
            if speaker is not None:
                return speaker
        return inherited
    if verb.dep == sym.acl:  # "Pashinyan, ruling out ..." / "the minister quoted by"
        return verb.head
    if prev is not None and prev.head.i == prev.i and prev.pos in (sym.PROPN, sym.NOUN, sym.PRON) \
            and "\n" not in prev.whitespace_:
        return prev  # a parser slip leaves "Israel | accused ..." as two roots (or two sentences)
    return None




def _mention_range(tok: Token) -> tuple[int, int]:
    """The noun phrase of a subject, without relative clauses or appositions."""
    right = tok
    for c in tok.rights:
        if c.dep_ not in CLAUSE_DEPS and c.right_edge.i > right.i:
            right = c.right_edge
    return tok.left_edge.idx, right.idx + len(right)


def _preceding_words(ctx: Context, ref: ActorRef, n: int = 5) -> str:
    """A few words before a person's mention: 'Defence Minister' in 'Defence Minister X Y'."""
    if ref.span is None:
        return ""
    return " ".join(ctx.text[max(0, ref.span.start - 60):ref.span.start].lower().split()[-n:])


def _pronoun_antecedent(ctx: Context, tok: Token) -> Optional[ActorRef]:
    """Most recent compatible mention: a person for he/she, a group or state for they/it."""
    want_person = tok.lower_ in PERSON_PRONOUNS
    if ctx.actors:  # gender, salience and quotation marks: extract/speakers.py
        return speakers.pronoun_antecedent(ctx, tok, want_person, tok.doc.user_data.get(speakers.SPEAKER_KEY))
    # no actors extracted: fall back on spaCy's entities
    labels = PERSON_ENTS if want_person else GROUP_ENTS
    ents = [e for e in tok.doc.ents if e.end_char <= tok.idx and e.label_ in labels]
    subjects = [e for e in ents if e.root.dep in (sym.nsubj, sym.nsubjpass, sym.appos)]  # not "in Goma"
    for ent in reversed(subjects or ents):
        return ActorRef(name=ent.text, kind=Kind.PERSON if want_person else Kind.UNKNOWN,
                        span=ctx.span(ent.start_char, ent.end_char))
    return None


def _role_antecedent(ctx: Context, tok: Token, org: Optional[ActorRef]) -> Optional[ActorRef]:
    """A definite role nominal ('the minister', 'the head of an ICRC mission') -> a named person.

    Backwards: the latest person whose title or preceding words hold the role noun.
    Forwards (cataphora, the usual news pattern "the head of X said ... 'quote,' Name said"):
    a person first named as a speaker in the next sentence, of the same sector as X.
    """
    role = tok.lemma_.lower()
    if role not in ROLE_NOUNS or not any(c.lower_ == "the" for c in tok.children if c.dep == sym.det):
        return None
    # "the Florida senator": a holder must be named with the modifier too
    mods = [c.text for c in tok.children if c.dep_ in NOUN_MODIFIERS and c.pos == sym.PROPN]
    def near(ref: ActorRef) -> bool:  # "Florida Sen. Marco Rubio" / "Rubio, the Florida senator"
        spans = [a.mention for a in ctx.actors if a.ref.name == ref.name] or ([ref.span] if ref.span else [])
        def around(s) -> str:  # a few words either side, within the mention's sentence
            sent = ctx.sentence_of(s.start)
            lo, hi = (sent.start_char, sent.end_char) if sent is not None else (0, len(ctx.text))
            return ctx.text[max(lo, s.start - 30):min(hi, s.end + 40)]
        return not mods or any(all(m in around(s) for m in mods) for s in spans)
    for a in reversed([a for a in ctx.actors if a.mention.end <= tok.idx and a.ref.kind == Kind.PERSON]):
        if role in (a.ref.title or "").lower() or role in _preceding_words(ctx, a.ref).split():
            if (org is None or a.ref.sector in (None, org.sector)) and near(a.ref):
                return a.ref
    titled = _titled_person(ctx, tok, role)
    if titled is not None and near(titled):
        return titled
    sent = tok.sent
    nxt = ctx.sentence_of(sent.end_char + 1) if sent.end_char < len(ctx.text) else None
    if nxt is None or org is None:
        return None
    named_before = {a.ref.name for a in ctx.actors if a.mention.start < nxt.start_char}
    for verb in nxt:
        if verb.lemma_.lower() not in REPORT_VERBS or verb.pos != sym.VERB:
            continue
        subj = _subject(verb)
        hit = ctx.actor_at(subj.idx, subj.idx + len(subj)) if subj is not None else None
        if (hit and hit.ref.kind == Kind.PERSON and hit.ref.name not in named_before
                and hit.ref.sector is not None and hit.ref.sector == org.sector):
            return hit.ref
    return None


def _titled_person(ctx: Context, tok: Token, role: str) -> Optional[ActorRef]:
    """'Governor Uba Sani ... the governor said': the latest name the text gives that title (a
    capitalised title word followed by proper nouns), for names the actors extractor left out."""
    doc = tok.doc
    for t in reversed(doc[max(0, tok.i - 400):tok.i]):
        if t.lower_ != role or not t.text[:1].isupper():
            continue
        end = t.i + 1
        while end < tok.i and end - t.i <= 4 and doc[end].pos == sym.PROPN and doc[end].text[:1].isupper():
            end += 1
        if end == t.i + 1:
            continue
        name = doc[t.i + 1:end]
        hit = ctx.actor_at(name.start_char, name.end_char)
        if (hit is not None and hit.ref.kind != Kind.PERSON) or ctx.place_at(name.start_char, name.end_char):
            continue
        return ActorRef(name=name.text, kind=Kind.PERSON, title=t.text,
                        span=ctx.span(name.start_char, name.end_char))
    return None


def _issuer_phrase(tok: Token) -> Optional[Token]:
    """'a statement from the army's media office' / 'X's statement': the head of the issuer's phrase."""
    for c in tok.children:
        if c.dep == sym.poss and c.lower_ not in PERSON_PRONOUNS | GROUP_PRONOUNS | speakers.PRONOUNS.possessive:
            return c
        if c.dep == sym.prep and c.lower_ in speakers.ISSUER_PREPS:
            return next((g for g in c.children if g.dep == sym.pobj), None)
    return None


def resolve_token(ctx: Context, tok: Token) -> Optional[ActorRef]:
    """ActorRef for a subject token: the actor covering it, a pronoun's antecedent, a role's holder."""
    if tok.lower_ in RELATIVE_PRONOUNS:  # "the lawyers, who (... and who) said ..." -> the lawyers
        clause = tok.head
        while clause.dep == sym.conj and clause.head.i != clause.i:
            clause = clause.head
        return resolve_token(ctx, clause.head) if clause.dep == sym.relcl else None
    if tok.lower_ in speakers.PRONOUNS.author:
        return None  # the author (outside quotes): the outlet's own voice
    if tok.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
        return _pronoun_antecedent(ctx, tok)
    hit = ctx.actor_at(tok.idx, tok.idx + len(tok))
    # the subject's words, an actor or not (a dateline capital need not be one)
    words = hit.mention if hit else Span(start=tok.idx, end=tok.idx + len(tok), text=tok.text)
    if speakers.is_dateline(ctx, words):  # "BANGKOK (AP) — Guerrillas from ... claim"
        after = [c for c in tok.children if c.dep == sym.appos and c.i > tok.i and c.idx > words.end + 3
                 and c.pos_ in NOUN_POS]
        return resolve_token(ctx, after[-1]) if after else None
    if hit and hit.ref.kind == Kind.PERSON:
        return speakers.as_mentioned(ctx, hit)
    named = speakers.appositive_person(ctx, tok)  # "The military spokesman for X, Yahya Saree, said"
    if named is not None:
        return named
    if not hit and tok.text.islower():  # "The group's leading political body, the Karen National Union, said"
        for c in (c for c in tok.children if c.dep == sym.appos and c.i > tok.i):
            body = ctx.actor_at(c.idx, c.idx + len(c))
            if body is not None and body.ref.kind not in (Kind.PERSON, Kind.UNKNOWN, Kind.MEDIA):
                return body.ref
    if not hit and tok.lemma_.lower() in speakers.DOCUMENT_NOUNS:  # "the statement said" -> its issuer
        phrase = _issuer_phrase(tok)
        issuer = resolve_token(ctx, phrase) if phrase is not None else None
        if issuer is not None:
            return issuer
        in_name = [a for a in ctx.actors_in(tok.left_edge.idx, tok.idx) if a.ref.kind != Kind.MEDIA]
        if in_name:  # "a United Nations report", "the army's statement"
            return in_name[-1].ref
        issuer = speakers.document_issuer(ctx, tok, tok.doc.user_data.get(speakers.SPEAKER_KEY))
        if issuer is not None:
            return issuer
    start, end = _mention_range(tok)
    inside = sorted((a for a in ctx.actors_in(start, end) if not speakers.is_dateline(ctx, a.mention)),
                    key=lambda a: abs(a.mention.start - tok.idx))
    org = inside[0].ref if inside and not hit else (hit.ref if hit else None)
    holder = _role_antecedent(ctx, tok, org)
    if holder is not None:
        return holder
    if hit:
        return hit.ref
    if tok.pos == sym.PROPN and tok.text[:1].isupper():  # "Trump at the time said": the Donald Trump named elsewhere
        same = [a.ref for a in ctx.actors if a.ref.kind == Kind.PERSON and a.ref.name.split()[-1] == tok.text
                and not speakers.is_dateline(ctx, a.mention)]
        if same and len({r.name for r in same}) == 1:
            return same[0]
    person = next((e for e in tok.doc.ents if e.label_ in PERSON_ENTS and e.start <= tok.i < e.end), None) \
        if tok.ent_type_ in PERSON_ENTS else None  # the scan of every entity only for a person's token
    if person is not None:  # "Amina Yusuf, a resident of Goma": the person, coded by the apposition
        appos = [a for c in tok.children if c.dep == sym.appos
                 for a in ctx.actors_in(c.left_edge.idx, c.right_edge.idx + len(c.right_edge))]
        code = appos[0].ref if appos else None
        return ActorRef(name=person.text, kind=Kind.PERSON, span=ctx.span(person.start_char, person.end_char),
                        country=code.country if code else None, sector=code.sector if code else None)
    if inside:  # nearest to the head: "the head of an ICRC mission" -> ICRC
        return inside[0].ref
    text = ctx.text[start:end]
    det = re.match(r"(?i)(?:the|an?) (?=\S)", text)
    if det:
        start, text = start + det.end(), text[det.end():]
    if len(text.split()) > 6:  # a long clause: keep its noun phrase only
        text = chunk_of(tok).text
    return ActorRef(name=text, kind=Kind.UNKNOWN, span=ctx.span(start, end))


def passive_report(verb: Token) -> bool:
    """A passive verb of saying whose subject is what or who was spoken about or to ('Residents
    were urged to ...'), not the speaker ('X was quoted as saying' aside)."""
    return verb.lemma_.lower() not in PASSIVE_SPEAKER_VERBS and \
        any(c.dep == sym.nsubjpass for c in verb.children) and not any(c.dep == sym.nsubj for c in verb.children)


def speaker_of(ctx: Context, verb: Token) -> Optional[ActorRef]:
    """The resolved subject (or passive agent: 'was quoted by X') of a reporting verb."""
    agent = next((c for c in verb.children if c.dep == sym.agent), None)
    if agent is not None and verb.tag_ in PAST_PARTICIPLE_TAGS:  # "Asked by Stephanopoulos ..., Carson said": the asker
        pobj = next((c for c in agent.children if c.dep == sym.pobj), None)
        if pobj is not None and verb.lemma_.lower() not in PASSIVE_SPEAKER_VERBS:
            return resolve_token(ctx, pobj)
    subj = _subject(verb)
    if passive_report(verb):
        subj = None  # "Residents were urged to ...", "The situation was declared ...": not the speaker
    if subj is None:
        pobj = next((c for c in agent.children if c.dep == sym.pobj), None) if agent is not None else None
        return resolve_token(ctx, pobj) if pobj is not None else None
    return resolve_token(ctx, subj)


def _channel(ctx: Context, prep: Token) -> Optional[str]:
    """'on Twitter' -> Twitter; 'in a statement' -> statement; 'in an interview with AFP'."""
    pobj = next((c for c in prep.children if c.dep == sym.pobj), None)
    if pobj is None:
        return None
    low = pobj.lower_
    if prep.lower_ in PREPS.platform_prep and low in PLATFORMS:
        return PLATFORMS[low]
    if prep.lower_ in PREPS.channel_prep and pobj.lemma_.lower() in VIA_NOUNS:
        inner = [_channel(ctx, c) for c in pobj.children if c.dep == sym.prep and c.lower_ in PREPS.platform_prep]
        inner = [x for x in inner if x]
        if inner and pobj.lemma_.lower() in speakers.STATEMENT_NOUNS.post:
            return inner[0]  # "in a post on Telegram" -> Telegram
        span = ctx.text[pobj.left_edge.idx:pobj.right_edge.idx + len(pobj.right_edge)].rstrip(" ,;:")
        return span.removeprefix("a ").removeprefix("an ").removeprefix("the ")
    return None


def set_off_preps(verb: Token) -> list[Token]:
    """Prepositions inside a report's complement set off by a comma: '..., in a post on Telegram'."""
    out = []
    for comp in (c for c in verb.children if c.dep in (sym.ccomp, sym.parataxis)):
        for prep in comp.children:
            if prep.dep == sym.prep and prep.i > 0 and prep.doc[prep.i - 1].text == "," \
                    and prep.right_edge.i + 1 >= comp.right_edge.i:
                out.append(prep)
    return out


def via_of(ctx: Context, verb: Token) -> Optional[str]:
    """Channel of a statement: 'on Twitter', 'in a statement', 'in an interview with AFP', 'told AFP'."""
    sent = verb.sent
    candidates = [c for c in verb.children if c.dep == sym.prep]
    candidates += [t for t in sent if t.dep == sym.prep and t.head.i == sent.root.i and t not in candidates]
    candidates += set_off_preps(verb)
    for prep in candidates:
        found = _channel(ctx, prep)
        if found:
            return found
    if verb.lemma_ == "tell":
        obj = next((c for c in verb.children if c.dep_ in OBJECT_DEPS), None)
        if obj is not None:  # "told reporters", "told AFP", "told state TV"
            words = [t.text for t in obj.subtree if t.dep != sym.det and not t.is_punct]
            return "told " + " ".join(words)
    return None


def _cue_claimant(ctx: Context, verb: Token) -> Optional[Claimant]:
    ref = speaker_of(ctx, verb)
    if ref is None:
        return None
    return _claimant(ref, ctx.span(verb.idx, verb.idx + len(verb)), via_of(ctx, verb))


def _according_to(ctx: Context, sent) -> Optional[Claimant]:
    """'according to X' / 'according to a statement from X' (via: statement)."""
    for tok in sent:
        if tok.lower_ != "according" or tok.i + 1 >= sent.end or tok.nbor().lower_ != "to":
            continue
        to = tok.nbor()
        obj = next((c for c in to.children if c.dep == sym.pobj), None) or \
            next((c for c in tok.children if c.dep == sym.pobj), None)
        if obj is None and to.i + 1 < sent.end:
            obj = tok.doc[to.i + 1]
            while obj.head.i > obj.i and obj.head.i < sent.end and (obj.dep == sym.det or obj.dep_ in ATTRIBUTIVE_DEPS):
                obj = obj.head
        if obj is None:
            continue
        via = None
        if obj.lemma_.lower() in VIA_NOUNS:  # "a statement from/by the Red Cross"
            source = next((g for p in obj.children if p.dep == sym.prep and p.lower_ in speakers.ISSUER_PREPS
                           for g in p.children if g.dep == sym.pobj), None)
            if source is not None:
                via, obj = obj.lemma_.lower(), source
        ref = resolve_token(ctx, obj)
        if ref:
            return _claimant(ref, ctx.span(tok.idx, to.idx + len(to)), via)
    return None


def reporting_cue(sent) -> Optional[Token]:
    """The reporting verb governing a sentence: its root, or a clause-final 'X said' (parataxis)."""
    root = sent.root
    if root.lemma_.lower() in REPORT_VERBS and root.pos == sym.VERB:
        return root
    for tok in sent:
        if tok.dep in (sym.parataxis, sym.ccomp) and tok.head.i == root.i and \
                tok.lemma_.lower() in REPORT_VERBS and tok.pos == sym.VERB and _subject(tok) is not None \
                and not any(c.dep in (sym.ccomp, sym.dobj) for c in tok.children):
            return tok
    return None


def _sentence(ctx: Context, start: int, end: int):
    """The sentence(s) holding [start, end); a one-word 'sentence' the parser split off a line
    ("Five | people died ...") is joined to the rest of its line."""
    first = ctx.sentence_of(start)
    if first is None:
        return None
    last = ctx.sentence_of(max(start, end - 1)) or first
    while len(last) == 1 and "\n" not in last[-1].whitespace_ and last.end < len(ctx.doc):
        nxt = ctx.sentence_of(last.end_char + len(last[-1].whitespace_))
        if nxt is None or nxt.start != last.end:
            break
        last = nxt
    return ctx.doc[first.start:last.end]


def claimant_for(ctx: Context, start: int, end: int) -> Claimant:
    """Who asserted the clause at [start, end): the reporter of the enclosing clause, else the outlet."""
    inside = [q for q in ctx.quotes if q.content.start <= start and end <= q.content.end and q.speaker]
    if inside:  # the innermost report: "X says Y denies that ..." -> Y
        q = min(inside, key=lambda q: q.content.end - q.content.start)
        if q.speaker is not None:  # always: `inside` keeps quotes with a speaker
            return _claimant(q.speaker, q.cue, q.via)
    sent = _sentence(ctx, start, end)
    if sent is None:
        return _outlet(ctx)
    tokens = [t for t in sent if t.idx < end and start < t.idx + len(t)]
    if not tokens:
        return _outlet(ctx)
    detached = lambda t: t.head.i == t.i and t.i + 1 < len(t.doc) and t.doc[t.i + 1].is_sent_start
    head = min(tokens, key=lambda t: (detached(t) and len(tokens) > 1, len(list(t.ancestors))))
    node = head
    if node.lemma_.lower() in REPORT_VERBS and node.pos == sym.VERB:
        node = node.head if node.head.i != node.i else None  # the report itself is the fact
    while node is not None:
        if node.lemma_.lower() in REPORT_VERBS and node.pos_ in PRED_POS and node.i != head.i:
            found = _cue_claimant(ctx, node)
            if found:
                return found
        if node.head.i == node.i:
            break
        node = node.head
    according = _according_to(ctx, sent)
    if according:
        return according
    cue = reporting_cue(sent)  # "Five soldiers died, the army said": the fact is the root
    if cue is not None and cue.i != head.i and not (cue.idx <= start < cue.idx + len(cue)):
        found = _cue_claimant(ctx, cue)
        if found:
            return found
    return _outlet(ctx)
