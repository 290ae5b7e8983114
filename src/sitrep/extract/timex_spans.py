"""Where the temporal expressions are: spaCy DATE/TIME entities plus patterns the small model misses.

`candidates(doc)` -> [(start, end, text_to_normalise)], character offsets into doc.text.
Boundaries follow TimeML: leading prepositions and hedges ("on", "about",
"earlier") and trailing possessives stay outside; ranges ("between 1994 and 1997",
"2009-2010", "Thursday, Jan. 6") become one expression per endpoint.
"""
from __future__ import annotations

from typing import NamedTuple

from spacy import symbols as sym
from spacy.tokens import Doc

from .. import rules
from .timex_lexicon import RX, TIMEX_PATTERNS, number


class Candidate(NamedTuple):
    start: int
    end: int
    norm: str  # the text to normalise (a range endpoint may borrow its partner's unit)


# the regexes are data (data/en/timex_patterns.tsv), compiled once
PATTERNS = list(rules.patterns(TIMEX_PATTERNS, tag="span").values())
LEADING, THE_BEFORE, TRAILING = RX.leading, RX.the_before, RX.trailing
AGE, NOT_TIME, TITLE = RX.age, RX.not_time, RX.title  # TITLE: "60 Minutes", not a duration


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Apply the TimeML boundary conventions to [s, e)."""
    while True:
        chunk = text[s:e]
        m = LEADING.match(chunk) or THE_BEFORE.match(chunk)
        if m and m.end() < len(chunk):
            s += m.end()
            continue
        m = TRAILING.search(chunk)
        if m and m.start() > 0:
            e = s + m.start()
            continue
        line_end = chunk.find("\n")
        if line_end >= 0:
            e = s + line_end
            continue
        return s, e




def _split(text: str, s: int, e: int) -> list[Candidate]:
    """Ranges and lists become one candidate per endpoint."""
    chunk = text[s:e]
    # "1994, 1995 and 1997", "between 1982 and 1992", "2009-2010", "1957-58"
    years = list(RX.year_list.finditer(chunk))
    rest = RX.year_piece.sub("", chunk)
    if (len(years) > 1 or (years and years[0][1])) and RX.year_joiners_alone.fullmatch(rest):
        out = []
        for y in years:
            if y[1]:  # "1957-58": two endpoints, the second borrowing the century
                first = y.group(0)[:4]
                out.append(Candidate(s + y.start(), s + y.start() + 4, first))
                out.append(Candidate(s + y.start(1), s + y.end(1), first[:2] + y[1]))
            else:
                out.append(Candidate(s + y.start(), s + y.end(), y.group(0)))
        return out
    # "between 12 and 18 months", "two to six days"
    m = RX.count_range_alone.fullmatch(chunk)
    if m and not RX.unit_word.search(m[1]) and number(m[1]) is not None:
        return [Candidate(s + m.start(1), s + m.end(1), f"{m[1]} {m[3]}"),
                Candidate(s + m.start(2), s + m.end(2), m[2])]
    # "Thursday, Jan. 6", "the quarter ended Sept. 30", "eight years from now"
    m = RX.day_range_alone.fullmatch(chunk)
    if m:  # "April 24 and 25": the second day borrows the month (and year)
        return [Candidate(s, s + m.end(2), m[1] + m[2] + m[4]),
                Candidate(s + m.start(3), s + m.end(3), m[1] + m[3] + m[4])]
    # "today through Nov. 17", "Sept. 14 to Thursday": one expression per named endpoint
    m = RX.named_range_alone.fullmatch(chunk)
    if m and RX.named_day.search(m[1]) and RX.named_day.search(m[2]):
        return [Candidate(s + m.start(1), s + m.end(1), m[1]), Candidate(s + m.start(2), s + m.end(2), m[2])]
    # "the first nine months of 1997", "the first half of the year": a stretch, then the year it lies in
    m = RX.stretch_of_year_alone.fullmatch(chunk)
    if m:
        return [Candidate(s + m.start(1), s + m.end(1), m[1]), Candidate(s + m.start(2), s + m.end(2), m[2])]
    for rx in (RX.ended_alone, RX.from_now_alone):
        m = rx.fullmatch(chunk)
        if m:
            return [Candidate(s + m.start(1), s + m.end(1), m[1]), Candidate(s + m.start(2), s + m.end(2), m[2])]
    return [Candidate(s, e, chunk)]


def candidates(doc: Doc) -> list[Candidate]:
    text = doc.text
    spans = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label in (sym.DATE, sym.TIME)]
    for pat in PATTERNS:
        for m in pat.finditer(text):
            s, e = m.start(), m.end()
            overlapping = [k for k, (a, b) in enumerate(spans) if a < e and s < b]
            if not overlapping:
                spans.append((s, e))
            for k in overlapping:  # a pattern covering an entity fully extends it ("Thursday" -> "Thursday night")
                a, b = spans[k]
                if s <= a and e >= b:
                    spans[k] = (s, e)
    out: list[Candidate] = []
    for s, e in sorted(set(spans)):
        s, e = _trim(text, s, e)
        chunk = text[s:e]
        if e <= s or AGE.search(chunk) or NOT_TIME.match(chunk) or TITLE.match(chunk):
            continue
        for cand in _split(text, s, e):
            if out and cand.start < out[-1].end:
                continue  # overlaps the previous expression
            out.append(cand)
    return out
