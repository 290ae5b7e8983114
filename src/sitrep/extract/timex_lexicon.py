"""Word lists and small converters shared by the temporal-expression modules.

The lists are data/en/*.tsv and the regexes data/en/timex_patterns.tsv, read once through
sitrep.rules; RX holds those regexes under their row names."""
from __future__ import annotations

import re
from types import SimpleNamespace
from typing import NamedTuple, Optional

from .. import rules
from ..errors import RulesError

TIMEX_PATTERNS = "timex_patterns"
_PATTERNS = rules.patterns(TIMEX_PATTERNS)
RX = SimpleNamespace(**_PATTERNS)


def _ints(name: str, tag: Optional[str] = None) -> dict[str, int]:
    return {w: int(v) for w, v in rules.mapping(name, "value", tag=tag).items()}


NUMBER_WORDS = "number_words"   # data/en/number_words.tsv
ONES = _ints(NUMBER_WORDS, tag="one")
TEENS = _ints(NUMBER_WORDS, tag="teen")
TENS = _ints(NUMBER_WORDS, tag="ten")
NUM_WORDS = {**ONES, **TEENS, **TENS, **_ints(NUMBER_WORDS, tag="count")}  # not event-only 'both'
VAGUE_COUNTS = rules.words("vague_counts")


class Unit(NamedTuple):
    code: str      # TIMEX3 duration code
    clock: bool    # a time-of-day unit: PT...
    days: int      # for date arithmetic
    times: int     # how many of the code one unit is (fortnight: 2 W)
    small: str     # the code a fraction is given in ("2.5 years" = P2Y6M), and how many make one
    per: int


UNITS = {w: Unit(r["code"], r["clock"] == "yes", int(r["days"]), int(r["times"] or 1), r["small"], int(r["per"] or 0))
         for w, r in rules.records("time_units").items()}
PARTS_OF_DAY = rules.mapping("parts_of_day", "code")
SEASONS = rules.mapping("seasons", "code")
ORDINALS = _ints("ordinals")
WEEKDAYS = _ints("weekdays")  # monday = 0, as date.weekday()
MONTHS = _ints("months")


def _named_patterns(table: rules.Table, column: str) -> dict[str, re.Pattern]:
    """key -> the timex_patterns row named in `column` (keys with an empty cell left out)."""
    out = {}
    for row in table.tagged(None):
        key, name = row[table.columns[0]], row[table.column(column)]
        if name and name not in _PATTERNS:
            raise RulesError("E007", path=table.path, key=key, problem=f"no timex pattern {name}")
        if name:
            out[key] = _PATTERNS[name]
    return out


# 'may', 'march': month names that are also other words, a month only where their pattern matches
MONTH_ONLY_WITH = _named_patterns(rules.table("months"), "only_with")
DECADES = _ints("decade_words")
# yesterday -> -1: the shift in days and the part of day a day word names
DAY_WORDS = rules.records("day_words")
# "daily" and friends: TIMEX3 SET values
SET_WORDS = rules.mapping("set_words", "value")
FUTURE_HEADS = rules.words("future_heads", tag="future")


def number(word: str) -> Optional[float]:
    """'3', 'three', 'twenty four', 'a couple of' -> number; None for vague counts."""
    w = word.lower().strip().removeprefix("a couple of").strip() or "couple"
    w = RX.of_end.sub("", w)
    if RX.digits_alone.fullmatch(w):
        return float(w)
    total = 0
    for part in RX.number_parts.split(w):
        if part in ("and",):
            continue
        if part not in NUM_WORDS:
            return None
        value = NUM_WORDS[part]
        total = total * value if value in (100, 1000) and total else total + value
    return float(total) if total else None


def spoken_years(text: str) -> str:
    """'nineteen ninety-six' -> '1996'; 'the year two thousand' -> 'the year 2000'."""
    def repl(m: re.Match) -> str:
        if m[1] is None:  # "two thousand (and) five"
            return str(2000 + (ONES.get((m[4] or "").lower(), 0)))
        century = NUM_WORDS[m[1].lower()]  # nineteen, twenty
        tens = TENS.get(m[2].lower()) or TEENS.get(m[2].lower(), 0)  # "hundred", "oh": no tens
        return str(century * 100 + tens + ONES.get((m[3] or "").lower(), 0))
    return RX.spoken_years.sub(repl, text)
