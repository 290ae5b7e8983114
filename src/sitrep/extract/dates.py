"""Temporal expressions, normalised to TIMEX3 values against the publication date and tense.

Candidates come from timex_spans (spaCy DATE/TIME entities plus patterns for what
the small model misses); values from timex_values.  Here we find the tense of
the clause governing each expression, which decides the direction of relative
expressions: "said on Thursday" is the latest Thursday on or before publication,
"are to meet on Friday" the next Friday.
Conventions: "the last fortnight" is a DURATION P2W ending at publication; a bare
weekday in the present tense is read as the latest such day.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from spacy import symbols as sym
from spacy.tokens import Span as SpacySpan, Token

from .. import rules
from ..codes import Tense, Timex
from .syntax import AUX_DEPS, COMPLEMENT_DEPS, PRED_POS, SUBJECT_DEPS
from ..records import TimeExpr
from ..stages import stage
from .context import Context
from .timex_lexicon import FUTURE_HEADS, RX, WEEKDAYS
from .timex_spans import candidates
from .timex_values import YEAR_AGO, normalise

FUTURE_AUX = rules.words("future_aux")
BARE_FUTURE_AUX = rules.words("modal_aux", tag="bare_future")  # "would meet"
PAST_AUX = rules.words("past_aux")
# after these a past participle is perfect or present passive ("has killed"), a present one progressive
TENSE_AUX = rules.Tagged("tense_aux")
PERFECT_AUX, PROGRESSIVE_AUX = TENSE_AUX.perfect, TENSE_AUX.progressive
# present progressive of these verbs is a plan: "are meeting on Friday"
SCHEDULED_VERBS = rules.words("scheduled_verbs")


FUTURE_LEAD = RX.future_lead


def _governing_verb(span: SpacySpan) -> Optional[Token]:
    node: Token = span.root
    for _ in range(8):
        if node.pos_ in PRED_POS and node.dep_ not in AUX_DEPS:
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _aux(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in AUX_DEPS}


def _verb_tense(verb: Token) -> str:
    aux = _aux(verb)
    if aux & FUTURE_AUX or (aux & BARE_FUTURE_AUX and verb.tag_ == "VB"):
        return Tense.FUTURE
    head = verb.head
    if "to" in aux and head.i != verb.i:
        # "are to meet", "plans to visit", "is due to", "is going to", "was scheduled to" (still future)
        if (head.lemma_ == "be" and head.i < verb.i) or head.lemma_ in FUTURE_HEADS or head.lemma_ == "go" or \
                any(c.lemma_ in FUTURE_HEADS for c in head.children if c.dep_ in COMPLEMENT_DEPS):
            return Tense.FUTURE if head.tag_ not in ("VBD",) or head.lemma_ in FUTURE_HEADS else Tense.PAST
        return _verb_tense(head) if head.pos_ in PRED_POS else Tense.PRESENT
    if verb.lemma_ in FUTURE_HEADS and verb.tag_ in ("VBZ", "VBP", "VBG", "VBN") and \
            any(c.dep == sym.xcomp for c in verb.children):
        return Tense.FUTURE  # "plans to meet on Friday"
    if verb.tag_ == "VBD" or aux & PAST_AUX:
        return Tense.PAST
    if verb.tag_ == "VBN" and not aux & PERFECT_AUX:
        return Tense.PAST  # "killed on Monday"; perfect and present passive stay present
    if verb.tag_ == "VBG" and aux & PROGRESSIVE_AUX:
        return Tense.FUTURE if verb.lemma_ in SCHEDULED_VERBS else Tense.PRESENT
    if verb.tag_ == "VB" and not aux and verb.dep_ == "ROOT" and not any(
            c.dep_ in SUBJECT_DEPS for c in verb.children):
        return Tense.FUTURE  # imperative: "call me Sunday night"
    return Tense.PRESENT


def tense_of(span: SpacySpan) -> Optional[str]:
    """Tense/modality of the clause governing the expression: past, present or future."""
    # the 30 characters before the span, from nearby tokens (Doc.text rebuilds the whole text)
    before = span.doc[max(0, span.start - 12):span.start].text[-30:]
    verb = _governing_verb(span)
    tense = _verb_tense(verb) if verb is not None else None
    if FUTURE_LEAD.search(before) and tense != Tense.PAST:
        return Tense.FUTURE
    if RX.planned_for.search(before):
        return Tense.FUTURE
    if RX.since_before.search(before):
        return Tense.PAST
    return tense


# Bare deictic adverbs are TIMEX3 (PRESENT_REF/PAST_REF) but anchor no event: the pipeline leaves them out
# so that events and casualties attach real dates; the TempEval scorer asks for them.
BARE_ADVERBS = rules.words("time_reference_words", tag="adverb")
DAY_WORDS = RX.day_named  # a weekday, day word, year or month


def _on_nearby_day(found: list) -> None:
    """A clock time without its own day ('at 10:35 a.m.') takes the closest day named in its sentence."""
    for cand, span, _tense, v in found:
        if v.type != Timex.TIME or not v.value or "T" not in v.value or DAY_WORDS.search(cand.norm):
            continue
        days = [(abs(c.start - cand.start), o.date) for c, sp, _, o in found
                if o.date and sp.sent.start == span.sent.start and c is not cand and o.type == Timex.DATE]
        if days:
            day = min(days)[1]
            v.date, v.value = day, day.isoformat() + v.value[v.value.index("T"):]


QUARTER_VALUE = re.compile(r"^\d{4}-Q([1-4])$")


def _about_quarter(span: SpacySpan) -> bool:
    """The sentence compares quarterly results: it names a quarter, or reports figures in a text that just did."""
    sent = span.sent.text
    before = span.doc.text[max(0, span.sent.start_char - 1500):span.sent.start_char]
    return bool(RX.quarter_talk.search(sent) or (RX.results_talk.search(sent) and RX.quarter_named.search(before)))


def _year_ago_quarters(found: list, anchor) -> None:
    """'a year ago' in a sentence about quarterly results is the same quarter a year before: the quarter last
    named in the text, else the last completed one ('earned $1.2 million, up from $1 million a year earlier')."""
    if anchor is None:
        return
    last_q = (anchor.month - 1) // 3 or 4
    for cand, span, _tense, v in found:
        q = QUARTER_VALUE.match(v.value or "")
        if q:
            last_q = int(q[1])
        elif YEAR_AGO.search(cand.norm.lower().strip()) and v.value == str(anchor.year - 1) and \
                _about_quarter(span):
            start = dt.date(anchor.year - 1, 3 * last_q - 2, 1)
            end = dt.date(anchor.year - 1 + (last_q == 4), (3 * last_q) % 12 + 1, 1) - dt.timedelta(days=1)
            v.value, v.start_date, v.end_date = f"{anchor.year - 1}-Q{last_q}", start, end


FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


YEARLESS_DAY = re.compile(r"^XXXX-(\d{2})-(\d{2})$")
YEAR_OF = re.compile(r"^(\d{4})(?:-\d{2})?$")
WEEKDAY_WORD = RX.weekday_word
YEARS_AHEAD = 12   # how far past the latest year it names an article's weekday date is looked for


def _text_anchor(found: list) -> Optional[dt.date]:
    """An article without a publication date is read as of the latest full date it states
    ('September 17, 2024', '11/30/2024'): a dateline or the day of the news, what its 'Tuesday'
    and 'yesterday' count from.  Without one, a weekday date ('Tuesday, September 17') falls in
    the first year, from the latest year the article names, where that day is that weekday."""
    days = [v.date for _c, _s, _t, v in found if v.date and FULL_DATE.match(v.value or "")]
    if days:
        return max(days)
    years = [int(m[1]) for _c, _s, _t, v in found if (m := YEAR_OF.match(v.value or ""))]
    if not years:
        return None
    for cand, span, _t, v in found:
        before = span.doc[max(0, span.start - 4):span.start].text   # "Tuesday morning, September 17"
        md, wd = YEARLESS_DAY.match(v.value or ""), WEEKDAY_WORD.search(before + " " + cand.norm)
        if not (md and wd):
            continue
        for year in range(max(years), max(years) + YEARS_AHEAD):
            try:
                day = dt.date(year, int(md[1]), int(md[2]))
            except ValueError:
                continue
            if day.weekday() == WEEKDAYS[wd[1].lower()]:
                return day
    return None


def _past_in_current(found: list, anchor: Optional[dt.date]) -> None:
    """What happened 'this week' or 'earlier this month' happened by the publication day: the
    interval ends there ('began earlier this week', published on a Saturday: Monday to Saturday)."""
    if anchor is None:
        return
    for _cand, _span, tense, v in found:
        if tense == Tense.PAST and not v.date and v.start_date and v.end_date and v.start_date <= anchor < v.end_date:
            v.end_date = anchor


@stage("dates")
def extract(ctx: Context, bare_adverbs: bool = False) -> list[TimeExpr]:
    anchor = ctx.article.published
    doc = ctx.doc
    found = []
    for cand in candidates(doc):
        if not bare_adverbs and ctx.text[cand.start:cand.end].lower() in BARE_ADVERBS:
            continue
        span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        tense = tense_of(span)
        found.append((cand, span, tense, normalise(cand.norm, anchor, tense)))
    if anchor is None:
        anchor = _text_anchor(found)
        if anchor is not None:
            found = [(c, sp, t, normalise(c.norm, anchor, t)) for c, sp, t, _v in found]
    _past_in_current(found, anchor)
    _on_nearby_day(found)
    _year_ago_quarters(found, anchor)
    return [TimeExpr(
        mention=ctx.span(cand.start, cand.end), type=v.type, value=v.value,
        date=v.date, start_date=v.start_date or v.date,
        end_date=v.end_date or v.date, tense=tense, evidence=ctx.of(span.sent),
    ) for cand, span, tense, v in found]
