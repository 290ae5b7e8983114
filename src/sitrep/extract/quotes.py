"""Quotes: direct (in quotation marks) and indirect (reported clauses), speakers resolved.

A direct quote is attributed to the reporting verb outside the marks in the same
sentence (“...,” he said / X said: “...”); a quote with no cue continues the
previous quote's speaker.  Indirect speech is the clausal complement of a
reporting verb ("X said that ...", "urged all parties to ...").  Scare quotes of
a few words without a reporting verb are not quotes.
"""
from __future__ import annotations

import re
from typing import Optional

from ..records import Quote
from .attribution import REPORT_VERBS, speaker_of, via_of
from .context import Context

_QUOTED = re.compile(r"[\"“]([^\"“”]{2,}?)[\"”]|‘([^‘’]{12,}?)’")
INDIRECT_VERBS = {"say", "claim", "tell", "acknowledge", "insist", "warn", "urge", "announce",
                  "accuse", "deny", "confirm", "allege", "state", "add", "report", "boast", "declare",
                  "call", "demand", "stress", "note", "admit", "argue"}
MIN_DIRECT_WORDS = 4


def _cue_near(ctx: Context, start: int, end: int):
    """Reporting verb of the sentence(s) around a quote, outside the quoted span."""
    sents = [s for s in ctx.doc.sents if s.start_char < end and start < s.end_char]
    best = None
    for sent in sents:
        for tok in sent:
            if start <= tok.idx < end or tok.lemma_.lower() not in REPORT_VERBS or tok.pos_ != "VERB":
                continue
            dist = tok.idx - end if tok.idx >= end else start - tok.idx
            if best is None or dist < best[0]:
                best = (dist, tok)
    return best[1] if best else None


def _direct(ctx: Context) -> list[Quote]:
    quotes: list[Quote] = []
    for m in _QUOTED.finditer(ctx.text):
        group = 1 if m.group(1) is not None else 2
        c_start, c_end = m.start(group), m.end(group)
        content = ctx.text[c_start:c_end].rstrip(" ,")
        c_end = c_start + len(content)
        if "\n" in content:
            continue
        cue = _cue_near(ctx, m.start(), m.end())
        words = len(content.split())
        if cue is None:
            prev = quotes[-1] if quotes else None
            sent = ctx.sentence_of(m.start())
            whole = sent is not None and len(ctx.text[sent.start_char:sent.end_char].strip()) <= len(m.group(0)) + 2
            if prev and whole and words >= MIN_DIRECT_WORDS and m.start() - prev.evidence.end < 3:
                quotes.append(prev.model_copy(update={"content": ctx.span(c_start, c_end),
                                                      "evidence": ctx.of(sent)}))
            continue  # scare quotes or an unattributed title
        speaker = speaker_of(ctx, cue)
        if speaker is None:
            continue
        sent = ctx.sentence_of(m.start())
        quotes.append(Quote(
            content=ctx.span(c_start, c_end), direct=True, speaker=speaker,
            cue=ctx.span(cue.idx, cue.idx + len(cue)), via=via_of(ctx, cue),
            evidence=ctx.of(sent) if sent is not None else ctx.span(m.start(), m.end()),
            claimant=None,
        ))
    return quotes


def _complement(verb) -> Optional[tuple[int, int]]:
    """Character range of what a reporting verb reports."""
    comp = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    if verb.lemma_ in ("urge", "call", "tell", "accuse", "warn"):
        comp += [c for c in verb.children if c.dep_ in ("dobj", "prep") and c.i > verb.i]
    if not comp:
        return None
    left = min(c.left_edge.i for c in comp)
    right = max(c.right_edge.i for c in comp)
    doc = verb.doc
    while left <= right and doc[left].lower_ in ("that", ",", "to") and doc[left].dep_ in ("mark", "punct", "aux", "prep"):
        left += 1
    while right >= left and doc[right].is_punct:
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
        if any(q.content.start < rng[1] and rng[0] < q.content.end for q in direct):
            continue  # the complement is (or contains) a direct quote
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
