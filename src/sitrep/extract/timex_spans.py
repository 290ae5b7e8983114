"""Where the temporal expressions are: spaCy DATE/TIME entities plus patterns the small model misses.

`candidates(doc)` -> [(start, end, text_to_normalise)], character offsets into doc.text.
Boundaries follow TimeML: leading prepositions and hedges ("on", "about",
"earlier") and trailing possessives stay outside; ranges ("between 1994 and 1997",
"2009-2010", "Thursday, Jan. 6") become one expression per endpoint.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Doc

from .. import rules
from .timex_lexicon import number


class Candidate(NamedTuple):
    start: int
    end: int
    norm: str  # the text to normalise (a range endpoint may borrow its partner's unit)


# the regexes are data (data/en/timex_patterns.tsv), compiled once
_RX = rules.patterns("timex_patterns")
_PARTS = rules.pattern_parts("timex_patterns")
_WD, _MON, _NUM, _UNIT, _YEAR = _PARTS["WD"], _PARTS["MON"], _PARTS["NUM"], _PARTS["UNIT"], _PARTS["YEAR"]
PATTERNS = list(rules.patterns("timex_patterns", tag="span").values())
LEADING, THE_BEFORE, TRAILING = _RX["leading"], _RX["the_before"], _RX["trailing"]
AGE, NOT_TIME, TITLE = _RX["age"], _RX["not_time"], _RX["title"]  # TITLE: "60 Minutes", not a duration
_NAMED_DAY, _UNIT_WORD = _RX["named_day"], _RX["unit_word"]


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
        if "\n" in chunk:
            e = s + chunk.index("\n")
            continue
        return s, e




def _split(text: str, s: int, e: int) -> list[Candidate]:
    """Ranges and lists become one candidate per endpoint."""
    chunk = text[s:e]
    # "1994, 1995 and 1997", "between 1982 and 1992", "2009-2010", "1957-58"
    years = list(re.finditer(rf"(?<!\d){_YEAR}(?:[-–/](\d\d)(?!\d))?(?!\d)", chunk))
    rest = re.sub(rf"(?<!\d){_YEAR}(?:[-–/]\d\d(?!\d))?", "", chunk)
    if (len(years) > 1 or (years and years[0][1])) and re.fullmatch(
            r"[\s,\-–/]*(?:(?:between|from|and|to|through|or|until)[\s,\-–/]*)*", rest, re.IGNORECASE):
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
    m = re.fullmatch(r"(?:between\s+|from\s+)?(\S+)\s+(?:and|to|-)\s+(\S+\s+(" + _UNIT_WORD.pattern[2:-2] + r"))",
                     chunk, re.IGNORECASE)
    if m and not _UNIT_WORD.search(m[1]) and number(m[1]) is not None:
        return [Candidate(s + m.start(1), s + m.end(1), f"{m[1]} {m[3]}"),
                Candidate(s + m.start(2), s + m.end(2), m[2])]
    # "Thursday, Jan. 6", "the quarter ended Sept. 30", "eight years from now"
    m = re.fullmatch(rf"({_MON}\s+)(\d{{1,2}})\s+(?:and|to|-|through)\s+(\d{{1,2}})((?:,?\s+\d{{4}})?)", chunk, re.IGNORECASE)
    if m:  # "April 24 and 25": the second day borrows the month (and year)
        return [Candidate(s, s + m.end(2), m[1] + m[2] + m[4]),
                Candidate(s + m.start(3), s + m.end(3), m[1] + m[3] + m[4])]
    # "today through Nov. 17", "Sept. 14 to Thursday": one expression per named endpoint
    m = re.fullmatch(r"(.+?)\s+(?:to|through|until|till)\s+(.+)", chunk, re.IGNORECASE)
    if m and _NAMED_DAY.search(m[1]) and _NAMED_DAY.search(m[2]):
        return [Candidate(s + m.start(1), s + m.end(1), m[1]), Candidate(s + m.start(2), s + m.end(2), m[2])]
    # "the first nine months of 1997", "the first half of the year": a stretch, then the year it lies in
    m = re.fullmatch(r"(.+?\b(?:days|weeks|months|quarters))\s+of\s+((?:the|this|last|next)\s+year|" + _YEAR + ")",
                     chunk, re.IGNORECASE)
    if m:
        return [Candidate(s + m.start(1), s + m.end(1), m[1]), Candidate(s + m.start(2), s + m.end(2), m[2])]
    for pattern in (rf"(.+?)\s+(?:ended|ending|ends|that ended)\s+({_MON}\s+\d{{1,2}}(?:,\s+\d{{4}})?)",
                    r"(.+?)\s+from\s+(now)"):
        m = re.fullmatch(pattern, chunk, re.IGNORECASE)
        if m:
            return [Candidate(s + m.start(1), s + m.end(1), m[1]), Candidate(s + m.start(2), s + m.end(2), m[2])]
    return [Candidate(s, e, chunk)]


def candidates(doc: Doc) -> list[Candidate]:
    text = doc.text
    spans = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in ("DATE", "TIME")]
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
