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

import re
from typing import Optional

from ..records import Quote
from .attribution import REPORT_VERBS, _according_to, resolve_token, set_off_preps, speaker_of, via_of
from .context import Context
from .cues import speech_cues

_QUOTED = re.compile(
    r"[\"“]([^\"“”\n]{2,}?)[\"”]"                 # double quotes, straight or curly
    r"|``([^`\n]{2,}?)''"                          # PTB-style ``quotes'' (wire archives)
    r"|(?<!\w)''([^'\n]{2,}?)''"                    # NYT-style ''quotes''
    r"|‘([^‘’\n]{2,}?)’(?![A-Za-z])"              # curly single quotes (’ inside words skipped)
    r"|(?<![\w'])'([^'\n]{2,}?[^\s'])'(?![\w])"   # straight single quotes, word-bounded
)
INDIRECT_VERBS = {"say", "claim", "tell", "acknowledge", "insist", "warn", "urge", "announce",
                  "accuse", "deny", "confirm", "allege", "state", "add", "report", "boast", "declare",
                  "call", "demand", "stress", "note", "admit", "argue"} | speech_cues("indirect")
DIRECT_CUES = REPORT_VERBS | speech_cues("direct")
SPEAKER_KEY = "sitrep_speakers"  # doc.user_data: speakers found so far, for pronouns and documents
ADDRESSEE_VERBS = {"tell", "warn", "inform", "assure", "remind"}  # "told reporters that ..."
MIN_DIRECT_WORDS = 4


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
    return tok.lemma_.lower() in DIRECT_CUES and tok.pos_ == "VERB"


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
    first = ctx.sentence_of(start)  # "He told reporters:\n“...”" / "X said: “...”" split by the parser
    if first is not None and first.start_char > 0:
        prev = ctx.sentence_of(first.start_char - 1)
        if prev is not None and ctx.text[prev.start_char:prev.end_char].rstrip().endswith(":"):
            return next((t for t in reversed(prev) if _is_cue(t)), None)
    return None


def _governs(verb, start: int, end: int) -> bool:
    """The quoted span lies inside the verb's syntactic subtree."""
    return verb.left_edge.idx <= start and end <= verb.right_edge.idx + len(verb.right_edge) + 1


def _governor(ctx: Context, start: int, end: int):
    """The verb whose clause holds a quotation ("Carson called the system 'rotten to the core'")."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    node = span.root.head
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    if node.pos_ not in ("VERB", "AUX") or start <= node.idx < end:
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
    """The resolved subject of a non-reporting verb governing a quote, only when it is a named actor."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    ref = resolve_token(ctx, subj)
    if ref is None or ref.kind == "unknown" and subj.pos_ != "PROPN":
        return None
    return ref


def _direct(ctx: Context) -> list[Quote]:
    quotes: list[Quote] = []
    speakers = ctx.doc.user_data[SPEAKER_KEY] = []
    for m in _QUOTED.finditer(ctx.text):
        group = next(g for g in (1, 2, 3, 4, 5) if m.group(g) is not None)
        c_start = m.start(group)
        content = ctx.text[c_start:m.end(group)].rstrip(" ,")
        c_end = c_start + len(content)
        words = len(content.split())
        if words < MIN_DIRECT_WORDS and group > 3:
            continue  # 'victory' in a headline: a scare quote
        cue = _cue_near(ctx, m.start(), m.end())
        sents = _sents_over(ctx, m.start(), m.end())
        speaker, via, cue_span = None, None, None
        if cue is not None:
            if words < MIN_DIRECT_WORDS and not _governs(cue, m.start(), m.end()):
                cue = None  # a short quote the reporting verb does not govern: a scare quote
            else:
                speaker = speaker_of(ctx, cue)
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
        if speaker is None:
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
        quotes.append(Quote(
            content=ctx.span(c_start, c_end), direct=True, speaker=speaker,
            cue=cue_rec, via=via, evidence=ctx.span(ev_start, ev_end),
        ))
        speakers.append(speaker)
    return quotes


def _complement(verb) -> Optional[tuple[int, int]]:
    """Character range of what a reporting verb reports."""
    comp = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    if verb.lemma_ in ("urge", "call", "accuse", "warn") or (verb.lemma_ == "tell" and not comp):
        comp += [c for c in verb.children if c.dep_ in ("dobj", "prep") and c.i > verb.i
                 and not (c.dep_ == "prep" and c.lower_ in ("in", "on", "during", "at"))]
    if not comp:
        return None
    doc = verb.doc
    left = min(c.left_edge.i for c in comp)
    right = max(c.right_edge.i for c in comp)
    for c in comp:  # "Officials said 14 died; the toll rose to 21, the governor said": drop the other report
        for inner in c.children:
            if inner.i < c.i and _is_cue(inner) and any(x.dep_ in ("nsubj", "nsubjpass") for x in inner.children):
                left = max(left, inner.right_edge.i + 1)
    for prep in set_off_preps(verb):  # "..., in a post on Telegram": the channel, not the content
        if prep.right_edge.i >= right:
            right = min(right, prep.i - 1)
    while left <= right and (doc[left].is_punct or doc[left].is_space or
                             (doc[left].lower_ in ("that", "to") and doc[left].dep_ in ("mark", "aux", "prep"))):
        left += 1
    while right >= left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    if right < left:
        return None
    return doc[left].idx, doc[right].idx + len(doc[right])


def _indirect(ctx: Context, direct: list[Quote]) -> list[Quote]:
    out = []
    for tok in ctx.doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in INDIRECT_VERBS:
            continue
        rng = _complement(tok)
        if rng is None or rng[1] - rng[0] < 12:
            continue
        if any(q.content.start <= tok.idx < q.content.end for q in direct):
            continue  # speech reported inside a quote belongs to the quote ("I told you ...")
        overlapping = [q for q in direct if q.content.start < rng[1] and rng[0] < q.content.end]
        if any(not (rng[0] < q.content.start - 1 or q.content.end + 1 < rng[1]) for q in overlapping):
            continue  # the complement is the direct quote itself (or lies inside one)
        if any(q.content.start < rng[0] or q.content.end > rng[1] for q in overlapping):
            continue  # straddles a quote: a cue of the direct quote
        if tok.lemma_ == "call" and not any(c.lower_ in ("on", "for") for c in tok.children):
            continue
        speaker = speaker_of(ctx, tok)
        if speaker is None:
            continue
        out.append(Quote(
            content=ctx.span(*rng), direct=False, speaker=speaker,
            cue=ctx.span(tok.idx, tok.idx + len(tok)), via=via_of(ctx, tok), evidence=ctx.of(tok.sent),
        ))
    return out


def extract(ctx: Context) -> list[Quote]:
    direct = _direct(ctx)
    quotes = direct + _indirect(ctx, direct)
    return sorted(quotes, key=lambda q: q.content.start)
