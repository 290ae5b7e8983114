"""Quotes: direct (in quotation marks) and indirect (reported clauses), speakers resolved.

Direct: text in “curly”, "straight" or ‘single’ marks, attributed to the reporting verb
outside the marks in the sentence(s) it spans (“...,” he said / X said: “...” /
“...” X said), or to a verb ending the previous sentence with a colon.  A whole-sentence
quote with no cue continues the previous quote's speaker.

Fragments and scare quotes: a quote of fewer than MIN_DIRECT_WORDS words is kept only
in double quotes and only when a reporting verb governs it syntactically
(acknowledged his country was facing "a difficult situation" -> fragment of Pashinyan).
Headline scare quotes in single marks (claims 'full control') are never quotes: the
claim itself is attributed by attribution.claimant_for.

Indirect: the clausal complement of a reporting verb ("X said that ...", "urged all
parties to ..."), without the addressee ("told reporters that") or a trailing channel
(", in a post on Telegram").  A complement holding a quoted fragment is kept as well;
one that is a direct quote as a whole is not repeated.
"""
from __future__ import annotations

from spacy import symbols as sym

import re
from typing import Optional

from .. import rules
from ..codes import Kind
from ..records import ActorRef, Quote
from .syntax import GERUND_TAGS, OBJECT_DEPS, PRED_POS, SUBJECT_DEPS
from .attribution import REPORT_VERBS, _according_to, passive_report, resolve_token, set_off_preps, speaker_of, via_of
from ..stages import stage
from .context import Context
from . import speakers as speakers_mod
from .speakers import SPEAKER_KEY, plain_name

_QUOTED = re.compile(
    r"[\"“]([^\"“”\n]{2,}?)[\"”]"                 # double quotes, straight or curly
    r"|``([^`\n]{2,}?)''"                          # PTB-style ``quotes'' (wire archives)
    r"|(?<!\w)''((?:[^'\n]|'(?!'))(?:[^'\n]|'(?!')){1,}?)''"  # NYT-style ''quotes'' (an apostrophe inside)
    r"|‘([^‘’\n]{2,}?)’(?![A-Za-z])"              # curly single quotes (’ inside words skipped)
    r"|(?<![\w'])'([^'\n]{2,}?[^\s'])'(?![\w])"   # straight single quotes, word-bounded
    r"|(?<![^\n])[\"“]([^\"“”\n]{2,})(?=\n+[\"“])"  # a paragraph of a quote that goes on in the next one
)
DOUBLE_GROUPS = (1, 2, 3, 6)
SPEECH_CUES = rules.Tagged("speech_cues")   # cues.speech_cues(tag) is SPEECH_CUES.<tag>
PREPS = rules.Tagged("prepositions")
ADDRESSEE = rules.Tagged("addressee_verbs")
REPORT_VERB_USES = rules.Tagged("report_verbs")
INDIRECT_VERBS = REPORT_VERB_USES.indirect | SPEECH_CUES.indirect
DIRECT_CUES = REPORT_VERBS | SPEECH_CUES.direct
OBJECT_CUES = SPEECH_CUES.object
OBJECT_PREPS = PREPS.object  # "criticized X for ...", "described X as ..."
ADDRESSEE_VERBS = ADDRESSEE.told  # "told reporters that ..."
MIN_DIRECT_WORDS = 4
UNNAMED_KINDS = (Kind.COUNTRY, Kind.UNKNOWN)  # actors that name no one who speaks in a label or set-off phrase


def _sents_over(ctx: Context, start: int, end: int) -> list:
    out, pos = [], start
    while pos < end:
        sent = ctx.sentence_of(pos)
        if sent is None:
            pos += 1
            continue
        out.append(sent)
        pos = max(sent.end_char, pos + 1)
    return out


def _is_cue(tok) -> bool:
    return tok.lemma_.lower() in DIRECT_CUES and tok.pos == sym.VERB


def _cue_near(ctx: Context, start: int, end: int):
    """Reporting verb of the sentence(s) around a quote, outside the quoted span."""
    best = None
    for sent in _sents_over(ctx, start, end):
        for tok in sent:
            if start <= tok.idx < end or not _is_cue(tok):
                continue
            dist = tok.idx - end if tok.idx >= end else start - tok.idx
            if best is None or dist < best[0]:
                best = (dist, tok)
    if best:
        return best[1]
    after = ctx.doc.char_span(end, min(len(ctx.text), end + 160), alignment_mode="contract")
    for k, tok in enumerate(after or []):  # '"...," TPLF spokesman | Getachew Reda said': split off
        if k >= 10 or tok.text in (".", "!", "?", "\"", "“") or "\n\n" in tok.whitespace_:
            break
        if _is_cue(tok):
            return tok
    first = ctx.sentence_of(start)  # "He told reporters:\n“...”" / "X said: “...”" split by the parser
    if first is not None and first.start_char > 0:
        prev = ctx.sentence_of(first.start_char - 1)
        if prev is not None and ctx.text[prev.start_char:prev.end_char].rstrip().endswith(":"):
            return next((t for t in reversed(prev) if _is_cue(t)), None)
    return None


def _split_subject(ctx: Context, cue):
    """'"...," declared | RSF commander Gen Mohamed Dagalo ...': an inverted subject the parser put
    into the next sentence; the first actor there, named within its first words."""
    if any(c.dep_ in SUBJECT_DEPS for c in cue.children) or cue.i + 1 >= len(cue.doc):
        return None
    nxt = cue.doc[cue.i + 1]
    if not nxt.is_sent_start or "\n" in cue.whitespace_:
        return None
    window_end = nxt.sent[min(len(nxt.sent) - 1, 6)].idx + 1
    hits = [a for a in ctx.actors_in(nxt.idx, window_end + 40) if a.mention.start < window_end]
    people = [a for a in hits if a.ref.kind == Kind.PERSON] or hits
    return people[0].ref if people else None


def _governs(verb, start: int, end: int) -> bool:
    """The quoted span lies inside the verb's syntactic subtree (closing punctuation aside)."""
    text = verb.doc.text
    while end > start and text[end - 1] in ".,;:!?\"”’' ":
        end -= 1
    return verb.left_edge.idx <= start and end <= verb.right_edge.idx + len(verb.right_edge) + 1


def _governor(ctx: Context, start: int, end: int):
    """The verb whose clause holds a quotation ("Carson called the system 'rotten to the core'")."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    node = span.root.head
    while node.pos_ not in PRED_POS and node.head.i != node.i:
        node = node.head
    if node.pos_ not in PRED_POS or start <= node.idx < end:
        return None
    return node


def _colon_speaker(ctx: Context, open_at: int):
    """'Bernie Sanders: "..."' / 'TAPPER: ...': a named actor right before a colon that opens the quote."""
    before = ctx.text[max(0, open_at - 3):open_at].rstrip()
    if not before.endswith(":"):
        return None
    colon = ctx.text.rfind(":", 0, open_at)
    hit = ctx.actor_at(max(0, colon - 1), colon)
    if hit is None or hit.mention.end < colon - 1:
        return None
    line_start = ctx.text.rfind("\n", 0, hit.mention.start) + 1
    if ctx.text[line_start:hit.mention.start].strip():  # "... the group said of X: '...'" has a verb
        return None
    return hit.ref


def _subject_speaker(ctx: Context, verb):
    """The resolved subject of a non-reporting verb governing a quote, only when it is a named actor.
    A passive subject is what was acted on, not who spoke ('"all the terrorists" were neutralized')."""
    subj = next((c for c in verb.children if c.dep == sym.nsubj), None)
    if subj is None:
        return None
    ref = resolve_token(ctx, subj)
    if ref is None or ref.kind == Kind.UNKNOWN and subj.pos != sym.PROPN:
        return None
    return ref


def _named_speakers(ctx: Context) -> list:
    """(position, speaker) for every verb of saying outside quotation marks whose subject names an
    actor (not a pronoun), in text order: the discourse's speakers, whom a later "he said" most
    often continues ("Semira said she ... '...,' she told AFP")."""
    ranges = speakers_mod.quoted_ranges(ctx)
    out = []
    for tok in ctx.doc:
        if tok.pos != sym.VERB or tok.lemma_.lower() not in DIRECT_CUES | INDIRECT_VERBS:
            continue
        subj = next((c for c in tok.children if c.dep == sym.nsubj), None)
        if subj is None or subj.pos == sym.PRON or any(s < tok.idx < e for s, e in ranges):
            continue
        ref = resolve_token(ctx, subj)
        place = ctx.place_at(subj.idx, subj.idx + len(subj))
        if ref is not None and ref.kind == Kind.UNKNOWN and subj.pos == sym.PROPN and \
                (place is None or place.lat is None):
            ref = ref.model_copy(update={"kind": Kind.PERSON})  # "Semira, 36, said": a name that speaks
        if ref is not None and ref.kind not in (Kind.UNKNOWN, Kind.MEDIA):
            out.append((subj.idx, ref))
        if tok.lemma_.lower() == "ask":  # "X asked Rubio which states ...": the one asked answers next
            asked = next((c for c in tok.children if c.dep_ in OBJECT_DEPS and c.pos == sym.PROPN), None)
            hit = ctx.actor_at(asked.idx, asked.idx + len(asked)) if asked is not None else None
            if asked is not None and hit is not None and hit.ref.kind == Kind.PERSON:
                out.append((asked.idx, hit.ref))
    return out


def _direct(ctx: Context) -> list[Quote]:
    quotes: list[Quote] = []
    speakers = ctx.doc.user_data[SPEAKER_KEY] = _named_speakers(ctx)
    for m in _QUOTED.finditer(ctx.text):
        group = next(g for g in (1, 2, 3, 4, 5, 6) if m.group(g) is not None)
        c_start = m.start(group)
        content = ctx.text[c_start:m.end(group)].rstrip(" ,")
        c_end = c_start + len(content)
        words = len(content.split())
        if words < MIN_DIRECT_WORDS and group not in DOUBLE_GROUPS:
            continue  # 'victory' in a headline: a scare quote
        cue = _cue_near(ctx, m.start(), m.end())
        sents = _sents_over(ctx, m.start(), m.end())
        speaker, via, cue_span = None, None, None
        if cue is not None:
            if words < MIN_DIRECT_WORDS and not _governs(cue, m.start(), m.end()):
                cue = None  # a short quote the reporting verb does not govern: a scare quote
            else:
                speaker = speaker_of(ctx, cue) or _split_subject(ctx, cue)
                via = via_of(ctx, cue) if speaker is not None else None
        if speaker is None and sents:
            according = _according_to(ctx, sents[0])  # 'According to X, "..."'
            if according is not None and according.actor is not None:
                speaker, via = according.actor, according.via
                cue = None
                cue_span = according.cue
        if speaker is None:
            colon = _colon_speaker(ctx, m.start())
            if colon is not None:
                speaker = colon
        if speaker is None and words >= 2:
            verb = _governor(ctx, m.start(), m.end())
            if verb is not None:  # "X decried the 'systemic racism'": the subject's words
                speaker = _subject_speaker(ctx, verb)
                if speaker is not None and words < MIN_DIRECT_WORDS and not _governs(verb, m.start(), m.end()):
                    speaker = None
                if speaker is not None:
                    cue = verb
        if speaker is None and cue is not None and passive_report(cue):
            pass  # "she was asked: '...'": a quote whose speaker the sentence does not give
        elif speaker is None:
            prev = quotes[-1] if quotes else None
            opens = bool(sents) and ctx.text[sents[0].start_char:m.start()].strip() == ""
            if prev and prev.direct and opens and words >= MIN_DIRECT_WORDS \
                    and m.start() - prev.evidence.end < 3:
                quotes.append(prev.model_copy(update={
                    "content": ctx.span(c_start, c_end),
                    "evidence": ctx.span(sents[0].start_char, ctx.of(sents[-1]).end)}))
            continue  # scare quotes or an unattributed title
        around = sents + ([cue.sent] if cue is not None else [])
        ev_start = min(s.start_char for s in around) if around else m.start()
        ev_end = max(ctx.of(s).end for s in around) if around else m.end()
        cue_rec = ctx.span(cue.idx, cue.idx + len(cue)) if cue is not None else cue_span
        speaker = speakers_mod.canonical(ctx, plain_name(speaker))
        quotes.append(Quote(
            content=ctx.span(c_start, c_end), direct=True, speaker=speaker,
            cue=cue_rec, via=via, evidence=ctx.span(ev_start, ev_end),
        ))
        if words >= MIN_DIRECT_WORDS:  # a fragment's speaker ("his 'people'") does not take the floor
            speakers.append((m.start(), speaker))
    return quotes


ADDRESSEE_CUES = ADDRESSEE.cue
DATE_OPENERS = rules.words("date_openers")


def _leading_date(doc, left: int, right: int) -> int:
    """'said on Friday he ordered ...': the date belongs to the report, not to what was said."""
    i = left
    if i <= right and doc[i].lower_ in DATE_OPENERS and i + 1 <= right:
        i += 1
    j = i
    while j <= right and doc[j].ent_type in (sym.DATE, sym.TIME):
        j += 1
    if j == i or j > right:
        return left
    nxt = doc[j]
    if nxt.text == ",":
        return j + 1
    if nxt.dep_ in SUBJECT_DEPS or any(t.dep_ in SUBJECT_DEPS and t.left_edge.i == j
                                                 for t in doc[j:min(right + 1, j + 6)]):
        return j
    return left


def _strip(doc, left: int, right: int, keep_to: bool, dates: bool = True) -> Optional[tuple[int, int]]:
    if dates:
        left = _leading_date(doc, left, right)
    if left < right and doc[left].pos == sym.ADV and doc[left + 1].lower_ == "that" and doc[left + 1].dep == sym.mark:
        left += 1  # "said earlier that ...": the adverb goes with the report
    while left <= right and (doc[left].is_punct or doc[left].is_space or doc[left].lower_ == "that" and
                             doc[left].dep == sym.mark or (doc[left].lower_ == "to" and not keep_to and
                                                          doc[left].dep in (sym.aux, sym.prep))):
        left += 1
    while right >= left and (doc[right].is_space or doc[right].is_punct and doc[right].text not in QUOTE_CLOSERS):
        right -= 1
    if right < left:
        return None
    return doc[left].idx, doc[right].idx + len(doc[right])


QUOTE_CLOSERS = {"\"", "”", "’", "''"}


def _complement(verb) -> Optional[tuple[int, int]]:
    """Character range of what a reporting verb reports.

    An infinitive keeps its "to" ("claimed to have captured", "urged the parties to stop"), and
    an addressee in a preposition is left out ("called on all parties | to stop shelling").  A clause-final
    cue set off by commas ("In three years, Barden says, far too many ...") or opened by "as" ("As the
    Post reported, ...") reports its host clause.
    """
    comp = [c for c in verb.children if c.dep in (sym.ccomp, sym.xcomp)]
    doc = verb.doc
    if not comp and verb.lemma_.lower() in ADDRESSEE_CUES:  # "asked workers if they planned to attend"
        comp = [c for c in verb.children if c.dep == sym.advcl and c.i > verb.i and
                any(m.dep == sym.mark and m.lower_ in PREPS.question for m in c.children)]
    if not comp:
        after = [t for t in verb.subtree if t.i > verb.i][:12]
        mark = next((t for t in after if t.lower_ == "that" and t.dep == sym.mark), None)
        if mark is not None:  # 'told Reuters in a text message that ...' parsed as a relative clause
            return _strip(doc, mark.i + 1, mark.head.right_edge.i, keep_to=False)
    xcomp = [c for c in comp if c.dep == sym.xcomp and c.left_edge.lower_ == "to"]
    lemma = verb.lemma_.lower()
    prep_addressee = any(c.dep == sym.prep and c.i > verb.i and c.lower_ in PREPS.addressee_prep for c in verb.children)
    if lemma in ADDRESSEE_CUES and xcomp and prep_addressee:
        comp = xcomp  # "called on X to ...", "appealed to X to ...": the appeal, without the addressee
    elif lemma in REPORT_VERB_USES.object_report or (lemma == "tell" and not comp):
        comp += [c for c in verb.children if c.dep in (sym.dobj, sym.prep) and c.i > verb.i
                 and not (c.dep == sym.prep and c.lower_ in PREPS.report_setting)]
    if not comp:
        after = [t for t in verb.subtree if t.i > verb.i][:12]
        subj = next((t for t in after[:4] if t.dep_ in SUBJECT_DEPS and t.head.i > t.i), None)
        if subj is not None and lemma not in ADDRESSEE_CUES:  # 'said claims ... were "fabricated"'
            return _strip(doc, subj.left_edge.i, verb.right_edge.i, keep_to=False)
        if lemma in OBJECT_CUES:  # "criticized Clinton for ...", "announced his resignation", "joked about ..."
            objs = [c for c in verb.children if c.dep_ in OBJECT_DEPS and c.i > verb.i]
            preps = [c for c in verb.children if c.dep == sym.prep and c.i > verb.i and c.lower_ in OBJECT_PREPS]
            if objs:
                right = max([objs[-1].right_edge.i] + [p.right_edge.i for p in preps if p.i > objs[-1].i])
                return _strip(doc, objs[0].left_edge.i, right, keep_to=False)
            if preps:
                first = preps[0]
                return _strip(doc, first.i + 1, first.right_edge.i, keep_to=False)
        host = verb.head
        aside = verb.dep == sym.parataxis or verb.dep == sym.advcl and _bare_as(verb)
        if aside and host.i != verb.i and any(c.dep == sym.nsubj for c in verb.children):
            left, right = host.left_edge.i, host.right_edge.i
            if verb.left_edge.i > host.i:
                right = verb.left_edge.i - 1
            elif verb.right_edge.i < host.i:
                left = verb.right_edge.i + 1
            else:
                return None
            return _strip(doc, left, right, keep_to=False)
        return None
    left = min(c.left_edge.i for c in comp)
    right = max(c.right_edge.i for c in comp)
    obj = next((c for c in verb.children if c.dep == sym.dobj and verb.i < c.i < left), None)
    if obj is not None and lemma not in ADDRESSEE_CUES | ADDRESSEE_VERBS and any(
            c.dep == sym.ccomp and not any(x.dep in (sym.nsubj, sym.nsubjpass, sym.expl) for x in c.children)
            for c in comp):
        left = obj.left_edge.i  # "said fighters from the group, backed by ..., were at ...": the parser's object
    if left < verb.i < right:  # "which an official said was carried out by ...": from the verb on
        left = verb.i + 1
    for c in comp:  # "Officials said 14 died; the toll rose to 21, the governor said": drop the other report
        for inner in c.children:
            if inner.i < c.i and _is_cue(inner) and any(x.dep_ in SUBJECT_DEPS for x in inner.children):
                left = max(left, inner.right_edge.i + 1)
    for c in comp:  # "claimed they took X, as the UN described ...": another speaker's report ends the content
        for inner in c.subtree:
            if inner.i > c.i and inner.dep in (sym.advcl, sym.conj) and inner.left_edge.i > max(c.i, left) and \
                    inner.pos == sym.VERB and inner.lemma_.lower() in DIRECT_CUES | INDIRECT_VERBS and \
                    any(x.dep in (sym.dobj, sym.ccomp, sym.xcomp) for x in inner.children) and \
                    (any(x.dep == sym.nsubj for x in inner.children) or inner.dep == sym.conj and
                     any(x.dep == sym.ccomp for x in inner.children)):  # "... and predicted that ...": a second report
                cut = inner.left_edge.i - 1
                right = min(right, cut - 1 if cut > left and doc[cut].dep == sym.cc else cut)
    for prep in set_off_preps(verb):  # "..., in a post on Telegram": the channel, not the content
        if prep.right_edge.i >= right:
            right = min(right, prep.i - 1)
    keep_to = any(c.dep == sym.xcomp and c.left_edge.i == left for c in comp)
    return _strip(doc, left, right, keep_to)


def _bare_as(verb) -> bool:
    """'As the Post reported, ...' / '..., as The Times reported on Tuesday': a verb of saying opened by
    "as" with nothing of its own to report (no object; a preposition only for a date), unlike 'as
    security forces responded to the attack' or 'as agencies caution against ...'."""
    return any(c.dep == sym.mark and c.lower_ == "as" for c in verb.children) and \
        not any(c.dep_ in OBJECT_DEPS for c in verb.children) and \
        all(any(g.ent_type_ for g in c.subtree) for c in verb.children if c.dep == sym.prep)


def _according_content(ctx: Context, tok) -> Optional[tuple[int, int]]:
    """'X happened, according to Y' / 'According to Y, X happened': the clause without the phrase."""
    sent = tok.sent
    to = tok.nbor()
    phrase_end = max([t.i for t in to.subtree] + [to.i])
    phrase_start = tok.i
    doc = ctx.doc
    if phrase_start > sent.start and doc[phrase_start - 1].is_punct:
        phrase_start -= 1
    left = sent.start if phrase_start > sent.start else phrase_end + 1
    right = sent.end - 1 if phrase_end < sent.end - 2 else phrase_start - 1
    lead = next((t for t in doc[left:right] if t.dep == sym.advcl and t.tag_ in GERUND_TAGS and t.left_edge.i == left
                 and t.right_edge.i + 1 < right and doc[t.right_edge.i + 1].text == ","), None)
    if lead is not None:  # "Compounding the crisis, X happened, according to Y": the participle is the writer's
        left = lead.right_edge.i + 2
    clause = _clause_of(tok)
    if clause is not None and clause.dep == sym.ccomp and _is_cue(clause.head) and \
            any(c.dep_ in SUBJECT_DEPS for c in clause.head.children):
        return None  # "X said [they captured it, according to Y]": the phrase sources X's own report
    if clause is not None and clause.dep == sym.relcl and clause.left_edge.i < phrase_start:
        left, right = clause.left_edge.i, phrase_start - 1  # "the attack, which killed 80, according to Y"
    return _strip(doc, left, right, keep_to=False, dates=left > sent.start)  # "Early Monday, X happened, according to"


def _clause_of(tok):
    """The verb heading the clause a phrase hangs from ('injured' -> the relative clause's 'led')."""
    node = tok.head
    while node.i != node.head.i and (node.pos_ not in PRED_POS or node.dep in (sym.acl, sym.amod)):
        node = node.head
    return node if node.i != tok.i and node.pos_ in PRED_POS else None


def _mixed(rng: tuple[int, int], overlapping: list[Quote]) -> tuple[int, int]:
    """A complement ending in a quoted fragment whose punctuation sits inside the closing mark
    ('said the claims were "fabricated propaganda."'): the range grows to the end of the fragment."""
    end = rng[1]
    for q in overlapping:
        if rng[0] <= q.content.start and q.content.end > end and q.content.start < end:
            end = q.content.end
    return (rng[0], end)


_LABEL = re.compile(r"[A-Z][A-Za-z.'’ -]{1,60}?(?=:\s)")
_CAPS_LABEL = re.compile(r"[A-Z][A-Z.'’ -]+")


def _label_speaker(ctx: Context, start: int, end: int):
    """The speaker a line's label names ('Bernie Sanders', 'Lynch', 'TAPPER'), else None: an actor
    spanning the label, a person the article names in full later ('Lynch' -> 'Loretta Lynch'), a
    person or organisation entity spanning the label, or a capitals-only transcript label."""
    label = ctx.text[start:end]
    words = label.split()
    if len(words) > 4:
        return None
    own = ctx.actor_at(start, end)
    if own is not None and (own.mention.start, own.mention.end) != (start, end):
        own = None
    if own is not None and own.ref.kind in UNNAMED_KINDS:
        return None
    if all(w[:1].isupper() for w in words) and (own is None or len(own.ref.name.split()) == 1):
        for a in ctx.actors:
            if a.mention.start > end and a.ref.kind not in (Kind.COUNTRY, Kind.UNKNOWN, Kind.MEDIA) and \
                    (a.ref.name == label or a.ref.kind == Kind.PERSON and a.ref.name.split()[-1] == words[-1]):
                return a.ref
    if own is not None:
        return own.ref
    ent = next((e for e in ctx.doc.ents if e.start_char == start and e.end_char == end), None)
    if ent is not None and ent.label in (sym.PERSON, sym.ORG) and ctx.place_at(start, end) is None:
        return ActorRef(name=label, kind=Kind.PERSON if ent.label == sym.PERSON else Kind.UNKNOWN, span=ctx.span(start, end))
    if _CAPS_LABEL.fullmatch(label) and len(label) > 2 and ctx.place_at(start, end) is None:
        return ActorRef(name=label, kind=Kind.PERSON, span=ctx.span(start, end))
    return None


def _colon_lines(ctx: Context, direct: list[Quote]) -> list[Quote]:
    """'Bernie Sanders: It Is Not A Radical Idea ...' / 'TAPPER: Do you think ...': a line opened by a
    name and a colon reports that speaker's words."""
    out = []
    for m in re.finditer(r"(?m)^", ctx.text):
        line_start = m.start()
        label = _LABEL.match(ctx.text, line_start)
        if label is None:
            continue
        ref = _label_speaker(ctx, line_start, label.end())
        if ref is None:
            continue
        line_end = ctx.text.find("\n", label.end())
        line_end = len(ctx.text) if line_end < 0 else line_end
        start = label.end() + 1
        while start < line_end and ctx.text[start] in " \t\"“‘'":
            start += 1
        end = line_end
        while end > start and ctx.text[end - 1] in " .\t\"”’'":
            end -= 1
        if end - start < 12 or any(q.content.start <= start < q.content.end for q in direct):
            continue
        speaker = speakers_mod.canonical(ctx, plain_name(ref))
        out.append(Quote(content=ctx.span(start, end), direct=False, speaker=speaker,
                         cue=ctx.span(label.end(), label.end() + 1),
                         evidence=ctx.span(line_start, line_end)))
    return out


def _detached_speaker(ctx: Context, verb):
    """'The fighters pushed ..., Getachew Reda, spokesperson for the TPLF, told Reuters': the parser
    left the cue without a subject; the named actor set off by a comma just before it is the speaker.
    Returns the speaker and where the reported clause ends (before that comma)."""
    sent = verb.sent
    for a in reversed(ctx.actors_in(sent.start_char, verb.idx)):
        if a.ref.kind in UNNAMED_KINDS:
            continue
        between = ctx.text[a.mention.end:verb.idx].strip()
        if between and not (between.startswith(",") and between.endswith(",")):
            continue
        if between.count(",") > 2 or len(between) > 80:
            continue
        before = ctx.text[sent.start_char:a.mention.start].rstrip()
        if not before.endswith(","):
            continue
        return a.ref, sent.start_char + len(before) - 1
    return None


def _indirect(ctx: Context, direct: list[Quote]) -> tuple[list[Quote], set[int]]:
    """Reported statements, and the ids of direct fragments they absorb (mixed quotes)."""
    out: list[Quote] = []
    absorbed: set[int] = set()
    speakers = ctx.doc.user_data.setdefault(SPEAKER_KEY, [])
    for tok in ctx.doc:
        according = tok.lower_ == "according" and tok.i + 1 < len(ctx.doc) and tok.nbor().lower_ == "to"
        if not according and (tok.pos != sym.VERB or tok.lemma_.lower() not in INDIRECT_VERBS | OBJECT_CUES):
            continue
        if not according and _purpose(tok):
            continue
        rng = _according_content(ctx, tok) if according else _complement(tok)
        conj_speaker = None
        if not according and tok.dep == sym.conj and not any(c.dep_ in SUBJECT_DEPS for c in tok.children):
            detached = _detached_speaker(ctx, tok)  # "X drove ... and were heading to Y, Name, spokesman, told AFP"
            if detached is not None:
                conj_speaker, cut = detached
                before_cut = ctx.doc.char_span(0, cut, alignment_mode="contract")
                rng = _strip(ctx.doc, tok.head.left_edge.i, before_cut[-1].i, keep_to=False) if before_cut else None
        if rng is None or rng[1] - rng[0] < 12:
            continue
        if any(q.content.start <= tok.idx < q.content.end for q in direct):
            continue  # speech reported inside a quote belongs to the quote ("I told you ...")
        overlapping = [q for q in direct if q.content.start < rng[1] and rng[0] < q.content.end]
        rng = _mixed(rng, overlapping)
        if any(not (rng[0] < q.content.start - 1 or q.content.end + 1 < rng[1]) for q in overlapping):
            continue  # the complement is the direct quote itself (or lies inside one)
        if any(q.content.start < rng[0] or q.content.end > rng[1] for q in overlapping):
            continue  # straddles a quote: a cue of the direct quote
        if not according and any(len(q.content.text.split()) >= FRAGMENT_WORDS and q.content.end <= tok.idx and
                                 2 * (q.content.end - q.content.start) > rng[1] - rng[0] for q in overlapping):
            continue  # 'Houthi "targeting will go on ...," he said': the direct quote is the statement
        if _only_quoted(ctx, rng, overlapping):
            continue  # 'promised to "expel them ..."': the direct quote is the statement
        colon = ctx.text.rfind(":", rng[0], rng[1])
        if colon > rng[0] and any(q.content.start > colon and len(q.content.text.split()) >= FRAGMENT_WORDS
                                  for q in overlapping):
            rng = (rng[0], colon)  # 'claimed the attack a success: "The operation ..."': the quote is its own
            if rng[1] - rng[0] < 12:
                continue
        if not according and tok.lemma_ == "call" and not any(c.lower_ in PREPS.appeal_prep for c in tok.children):
            continue
        if according:
            claim = _according_to(ctx, tok.sent)
            speaker, via = (claim.actor, claim.via) if claim is not None else (None, None)
            cue = ctx.span(tok.idx, tok.nbor().idx + len(tok.nbor()))
        else:
            speaker = conj_speaker or speaker_of(ctx, tok)
            if speaker is None:
                detached = _detached_speaker(ctx, tok)
                if detached is not None:
                    speaker, cut = detached
                    rng = (rng[0], min(rng[1], cut))
                    if rng[1] - rng[0] < 12:
                        continue
            via = via_of(ctx, tok) if speaker is not None else None
            cue = ctx.span(tok.idx, tok.idx + len(tok))
        if speaker is None and not (not according and passive_report(tok)):
            continue
        speaker = speakers_mod.canonical(ctx, plain_name(speaker))
        fragments = [q for q in overlapping if len(q.content.text.split()) < FRAGMENT_WORDS]
        absorbed.update(id(q) for q in fragments)  # the reported statement is the quote
        out.append(Quote(
            content=ctx.span(*rng), direct=bool(fragments), speaker=speaker,
            cue=cue, via=via, evidence=ctx.of(tok.sent),
        ))
        speakers.append((tok.idx, speaker))
    return out, absorbed


def _purpose(verb) -> bool:
    """'visited the camp to urge the people to ...', '... and to warn against ...': a verb of saying in
    a purpose infinitive, with no clause of its own, states an aim, not what was said."""
    node = verb
    while node.dep in (sym.conj, sym.xcomp) and node.head.i != node.i:  # 'to urge X to stay calm and to warn'
        node = node.head
    return node.dep == sym.advcl and node.tag_ == "VB" and node.i > 0 and node.doc[node.i - 1].tag_ == "TO" \
        and not any(c.dep == sym.ccomp for c in verb.children)


def _only_quoted(ctx: Context, rng: tuple[int, int], quotes: list[Quote]) -> bool:
    """Nothing but function words ('to', 'that') outside the quotations in the range."""
    if not quotes:
        return False
    rest, pos = [], rng[0]
    for q in sorted(quotes, key=lambda q: q.content.start):
        rest.append(ctx.text[pos:max(pos, q.content.start)])
        pos = max(pos, q.content.end)
    rest.append(ctx.text[pos:rng[1]])
    words = re.findall(r"\w+", " ".join(rest).lower())
    return all(w in LINK_WORDS for w in words)


LINK_WORDS = PREPS.quote_link
FRAGMENT_WORDS = 8  # a quoted fragment this short inside a reported clause is part of that clause


@stage("quotes", requires=("actors",))
def extract(ctx: Context) -> list[Quote]:
    direct = _direct(ctx)
    indirect, absorbed = _indirect(ctx, direct)
    quotes = [q for q in direct if id(q) not in absorbed] + indirect
    quotes += _colon_lines(ctx, quotes)
    return sorted(_headline_repeats_dropped(ctx, quotes), key=lambda q: q.content.start)


def _headline_repeats_dropped(ctx: Context, quotes: list[Quote]) -> list[Quote]:
    """A headline's reported statement (a verb of saying) by a speaker the body quotes too is that speaker's lede told again
    ('Army says its forces withdrew' over 'The army said on Tuesday its forces had withdrawn ...'):
    one statement, kept where the article reports it in full."""
    title = ctx.article.title or ""
    head_end = len(title) if title and ctx.text.startswith(title) else 0
    if not head_end or "\n" not in ctx.text[head_end:head_end + 2]:
        return quotes
    body = [_name_words(q.speaker.name) for q in quotes if q.speaker is not None and q.content.start > head_end]
    return [q for q in quotes if q.content.start > head_end or q.speaker is None
            or not any(_same_speaker(_name_words(q.speaker.name), other) for other in body)
            or q.direct or (q.cue is not None and not q.cue.text.isalpha())]  # quoted words and 'Name: ...' stay


def _name_words(name: str) -> list[str]:
    return re.findall(r"\w+", re.sub(r"['’]s\b", "", name.casefold()))


def _same_speaker(a: list[str], b: list[str]) -> bool:
    """'Tigrayan Forces' and 'Tigrayan forces', 'defense ministry' and 'ministry', 'Rwanda-backed rebels'
    and 'rebels': one name's words within the other's."""
    return bool(a and b) and (set(a) <= set(b) or set(b) <= set(a))

