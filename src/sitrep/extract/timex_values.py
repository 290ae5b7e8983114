"""TIMEX3 values for one temporal expression, given the anchor (publication date) and tense.

`normalise(text, anchor, tense)` -> Value(type, value, date, start_date, end_date).
Relative expressions need the anchor; without one their value stays None.
Tense decides direction: a past clause looks back ("said on Thursday" = the latest
Thursday on or before the anchor), a future/planned one looks ahead.
"""
from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from typing import Optional

from .. import rules
from ..codes import Tense, Timex
from .timex_lexicon import (DAY_WORDS, DECADES, MONTH_ONLY_WITH, MONTHS, ORDINALS, PARTS_OF_DAY, RX, SEASONS, SET_WORDS,
                            TIMEX_PATTERNS, UNITS, VAGUE_COUNTS, WEEKDAYS, number, spoken_years)



@dataclasses.dataclass
class Value:
    """One expression's TIMEX3 reading: its type and value (None where it has none), the day it names
    and the first and last day of the stretch it names; extract/dates.py may still narrow them."""
    type: str
    value: Optional[str] = None
    date: Optional[dt.date] = None
    start_date: Optional[dt.date] = None
    end_date: Optional[dt.date] = None


YEAR_AGO = RX.year_ago


def _readings(kind: str) -> list[tuple[re.Pattern, Value]]:
    """The vague readings of one kind (timex_patterns.tsv), in file order: pattern -> TIMEX3 type and value."""
    rows = rules.records(TIMEX_PATTERNS)
    return [(rx, Value(type=rows[name]["type"], value=rows[name]["value"] or None))
            for name, rx in rules.patterns(TIMEX_PATTERNS, tag=kind).items()]


# a whole expression that is a reference word, an uncounted stretch, then looser phrasing
WORD_READINGS, STRETCH_READINGS, LOOSE_READINGS = _readings("word"), _readings("stretch"), _readings("loose")


def _reading(readings: list[tuple[re.Pattern, Value]], t: str) -> Optional[Value]:
    return next((dataclasses.replace(value) for rx, value in readings if rx.search(t)), None)


def _clean(text: str) -> str:
    t = spoken_years(text.lower().strip())
    t = RX.end_marks.sub("", t).strip()
    while True:
        stripped = RX.value_leading.sub("", t, count=1)
        if stripped == t:
            return t
        t = stripped


UNKNOWN_YEAR = "XXXX"   # TIMEX3: a year the text leaves open
UNKNOWN_DAY = "XXXX-XX-XX"   # a day the text leaves open (a clock time or part of day without its date)
PAST_REF = "PAST_REF"   # TIMEX3 value of a past the text does not date


def _calendar(year: Optional[int], month: int, day: Optional[int] = None) -> str:
    """The TIMEX3 value of a month or a day: YYYY-MM, YYYY-MM-DD, with XXXX for a year left open."""
    value = f"{UNKNOWN_YEAR if year is None else year}-{month:02d}"
    return value if day is None else f"{value}-{day:02d}"


def _at_clock(clock: tuple[int, int]) -> str:
    """A time of day as the end of a TIMEX3 TIME value: (14, 5) -> 'T14:05'."""
    return f"T{clock[0]:02d}:{clock[1]:02d}"


def _quarter(year: object, q: int) -> Value:
    """The TIMEX3 value of a year's quarter: 1996-Q3."""
    return Value(type=Timex.DATE, value=f"{year}-Q{q}")


def _century(c: int) -> Value:
    """The TIMEX3 value of a century: its first two digits ('the 20th century' -> 19)."""
    return Value(type=Timex.DATE, value=f"{c:02d}")


def _day(d: dt.date, suffix: str = "") -> Value:
    return Value(type=Timex.TIME if suffix else Timex.DATE, value=d.isoformat() + suffix, date=d)


def _month(y: int, m: int) -> Value:
    return Value(type=Timex.DATE, value=_calendar(y, m), start_date=dt.date(y, m, 1),
                 end_date=dt.date(y, m, calendar.monthrange(y, m)[1]))


def _year(y: int) -> Value:
    return Value(type=Timex.DATE, value=str(y), start_date=dt.date(y, 1, 1), end_date=dt.date(y, 12, 31))


def _week(d: dt.date, weekend: bool = False) -> Value:
    iso = d.isocalendar()
    monday = d - dt.timedelta(days=d.weekday())
    start = monday + dt.timedelta(days=5) if weekend else monday
    return Value(type=Timex.DATE, value=f"{iso[0]}-W{iso[1]:02d}" + ("-WE" if weekend else ""), start_date=start,
                 end_date=monday + dt.timedelta(days=6))


def weekday_date(anchor: dt.date, wd: int, tense: Optional[str], text: str = "") -> dt.date:
    """The weekday meant: 'next'/future -> after the anchor; otherwise the latest on or before it."""
    back = anchor - dt.timedelta(days=(anchor.weekday() - wd) % 7)
    ahead = anchor + dt.timedelta(days=(wd - anchor.weekday()) % 7)
    if RX.ahead.search(text):
        return ahead if ahead != anchor else anchor + dt.timedelta(days=7)
    if RX.back.search(text):
        return back if back != anchor else anchor - dt.timedelta(days=7)
    if tense == Tense.FUTURE:
        return ahead
    return back  # news mostly looks back: a bare weekday is the latest one


def _duration(n: Optional[float], unit: str) -> str:
    u = UNITS[unit]
    prefix = "PT" if u.clock else "P"
    if n is None:
        return f"{prefix}X{u.code}"
    n *= u.times  # TIMEX3 practice: "a decade" = P10Y, "a fortnight" = P2W
    if n != int(n) and u.small:  # "2.5 years", "1.5 hours": the fraction in the next smaller unit
        whole = int(n)
        if whole:
            return f"{prefix}{whole}{u.code}{round((n - whole) * u.per)}{u.small}"
        return f"{prefix}{round(n * u.per)}{u.small}"
    return f"{prefix}{int(n)}{u.code}"


def _nearest_year(anchor: dt.date, month: int, day: int, tense: Optional[str]) -> int:
    """Year for 'May 9' without a year: the tense's direction, else the nearest such date."""
    def cand(y: int) -> dt.date:
        return dt.date(y, month, min(day, calendar.monthrange(y, month)[1]))
    def cost(y: int) -> int:  # distance from the anchor, doubled against the tense's direction
        days = (cand(y) - anchor).days
        against = (tense == Tense.PAST and days > 1) or (tense == Tense.FUTURE and days < -1)
        return abs(days) * (3 if against else 1)
    return min((anchor.year - 1, anchor.year, anchor.year + 1), key=cost)


def _month_year(anchor: dt.date, month: int, t: str, tense: Optional[str]) -> int:
    if RX.back.search(t):
        return anchor.year - (1 if month >= anchor.month else 0)
    if RX.ahead.search(t):
        return anchor.year + (1 if month <= anchor.month else 0)
    if RX.this.search(t):
        return anchor.year
    if tense == Tense.PAST and (month - anchor.month) % 12 > 1:
        # "in January, he resigned": the latest January; only next month may still lie ahead
        return anchor.year - (1 if month > anchor.month else 0)
    return _nearest_year(anchor, month, 15, tense)


def _clock(t: str) -> Optional[tuple[int, int]]:
    m = RX.clock12.search(t)  # groups: hour, minute, then a.m., p.m. or "at night"
    if m:
        h, mi = int(m[1]) % 12, int(m[2] or 0)
        if m[4] or (m[5] and h >= 6):
            h += 12
        return h, mi
    m = RX.clock24.search(t)
    if m:
        return int(m[1]), int(m[2])
    if RX.noon.search(t):
        return 12, 0
    if RX.midnight.search(t):
        return 0, 0
    return None


def _shift(word: str) -> int:
    """Days from the anchor a day word names: yesterday -1, tomorrow 1, other words 0."""
    return int(DAY_WORDS[word]["shift"]) if word in DAY_WORDS else 0


def normalise(text: str, anchor: Optional[dt.date], tense: Optional[str] = None) -> Value:
    t = _clean(text)
    words = RX.word.findall(t)
    relative = Value(type=Timex.DATE, value=None)  # what a relative expression gets without an anchor

    # sets: "daily", "every week", "each Thursday"
    if t in SET_WORDS:
        return Value(type=Timex.SET, value=SET_WORDS[t])
    m = RX.every_alone.fullmatch(t)
    if m and (m[2] is None or m[2] in PARTS_OF_DAY) and (m[1] in WEEKDAYS or m[1] in MONTHS or m[1] in PARTS_OF_DAY or m[1].rstrip("s") in UNITS or
              m[1] in SEASONS):
        w = m[1]
        if w in WEEKDAYS:
            return Value(type=Timex.SET, value=f"XXXX-WXX-{WEEKDAYS[w] + 1}")
        if w in MONTHS:
            return Value(type=Timex.SET, value=_calendar(None, MONTHS[w]))
        if w in PARTS_OF_DAY:
            return Value(type=Timex.SET, value=UNKNOWN_DAY + PARTS_OF_DAY[w])
        if w in SEASONS:
            return Value(type=Timex.SET, value=f"{UNKNOWN_YEAR}-{SEASONS[w]}")
        return Value(type=Timex.SET, value=_duration(1, w.rstrip("s")))

    # vague references: "currently", "in the past", "the near future"
    reading = _reading(WORD_READINGS, t)
    if reading:
        return reading

    # "a year ago", "year-earlier", "the year-ago period": the previous year (dates.py may narrow it to
    # the quarter under discussion); "the year-ago third quarter" is that quarter of the previous year
    if anchor and YEAR_AGO.search(t):
        ago_q = RX.quarter.search(t)
        if ago_q:
            return _quarter(anchor.year - 1, ORDINALS[ago_q[1]])
        if RX.year_ago_alone.fullmatch(t):
            return _year(anchor.year - 1)
    # "the end of the year", "year-end", "the full year", "the current fiscal year": the year itself
    if anchor and RX.year_end_alone.fullmatch(t):
        return _year(anchor.year)

    # absolute numeric dates
    m = RX.iso_date.search(t)
    if m:
        try:
            return _day(dt.date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            pass
    m = RX.slash_date.search(t)
    if m:
        y = int(m[3]) + (1900 if len(m[3]) == 2 and int(m[3]) > 30 else 2000 if len(m[3]) == 2 else 0)
        for mo, dd in ((int(m[1]), int(m[2])), (int(m[2]), int(m[1]))):  # US order first
            try:
                return _day(dt.date(y, mo, dd))
            except ValueError:
                continue

    clock = _clock(t)
    wd = next((WEEKDAYS[w] for w in words if w in WEEKDAYS), None)
    year_m = RX.year.search(t)
    # "may" and "march" are also a verb: a month only where months.tsv's pattern for them matches
    mon = next((MONTHS[w] for w in words if w in MONTHS and (w not in MONTH_ONLY_WITH or MONTH_ONLY_WITH[w].search(t))),
               None)
    if mon and not RX.week.search(t):
        day_m = RX.day_number.search(RX.any_year.sub("", t))
        ord_m = RX.ordinal.search(t) if not day_m else None
        day = int(day_m[1]) if day_m else (ORDINALS[ord_m[1]] if ord_m else None)
        year = int(year_m[1]) if year_m else None
        if year is None and RX.last_year.search(t) and anchor:
            year = anchor.year - 1
        elif year is None and RX.next_year.search(t) and anchor:
            year = anchor.year + 1
        if day and 1 <= day <= 31:
            if year is None and anchor:
                year = _nearest_year(anchor, mon, day, tense)
            if year is None:
                return Value(type=Timex.DATE, value=_calendar(None, mon, day))
            try:
                d = dt.date(year, mon, day)
            except ValueError:
                return Value(type=Timex.DATE, value=None)
            if clock:
                return _day(d, _at_clock(clock))
            return _day(d)
        if year is None:
            if anchor is None:
                return Value(type=Timex.DATE, value=_calendar(None, mon))
            year = _month_year(anchor, mon, t, tense)
        return _month(year, mon)

    # clock times, on a weekday or the anchor day
    if clock and (anchor or wd is None):
        if anchor is None:
            return Value(type=Timex.TIME, value=UNKNOWN_DAY + _at_clock(clock))
        if RX.clock_units.search(t):
            pass  # "3:07:35" style durations fall through
        else:  # on the weekday named, else the anchor day shifted by "yesterday" or "tomorrow"
            d = weekday_date(anchor, wd, tense, t) if wd is not None else \
                anchor + dt.timedelta(days=next((_shift(w) for w in words if _shift(w)), 0))
            return _day(d, _at_clock(clock))

    # years, decades, centuries
    if year_m and RX.year_alone.fullmatch(t):
        return _year(int(year_m[1]))
    unquoted = t.replace("'", "")
    m = RX.decade_alone.fullmatch(unquoted)
    if m and RX.decade_digits_alone.fullmatch(unquoted):
        digits = unquoted[:-1]
        return Value(type=Timex.DATE, value=digits[:3] if len(digits) == 4 else ("19" + digits[0]))
    m = RX.decade_words_alone.fullmatch(t)
    if m:
        return Value(type=Timex.DATE, value=f"19{DECADES[m[1]]}")
    m = RX.century_number.search(t) or RX.century_word.search(t)
    if m:
        century = int(m[1]) if m[1].isdigit() else ORDINALS[m[1]]
        return _century(century - 1)

    # quarters, halves, seasons
    m = RX.quarter.search(t)
    if m or RX.quarter_alone.fullmatch(t):
        if year_m and m:
            return _quarter(year_m[1], ORDINALS[m[1]])
        if anchor is None:
            return relative
        current = (anchor.month - 1) // 3 + 1
        q = ORDINALS[m[1]] if m else (current - 1 or 4)
        year = anchor.year - (1 if (q > current and tense == Tense.PAST) or (not m and current == 1) else 0)
        year += 1 if RX.next_year_on.search(t) else -1 if RX.last_year_on.search(t) else 0
        return _quarter(year, q)
    m = RX.half.search(t)
    if m:
        year = int(year_m[1]) if year_m else (anchor.year if anchor else None)
        return Value(type=Timex.DATE, value=f"{year}-H{ORDINALS[m[1]]}" if year else None)
    season = next((code for word, code in SEASONS.items() if re.search(rf"\b{word}\b", t)), None)
    if season and len(t.split()) <= 4:
        if year_m:
            return Value(type=Timex.DATE, value=f"{year_m[1]}-{season}")
        if anchor is None:
            return relative
        year = anchor.year - (1 if RX.back.search(t) else 0) + (1 if RX.next.search(t) else 0)
        return Value(type=Timex.DATE, value=f"{year}-{season}")
    if year_m and len(t) <= 12:  # "mid-1996", "1996 period"
        return _year(int(year_m[1]))

    # weekdays ("Thursday", "Thursday night", "last Friday")
    if wd is not None:
        if anchor is None:
            return relative
        d = weekday_date(anchor, wd, tense, t)
        part = next((code for word, code in PARTS_OF_DAY.items() if word in words), "")
        return _day(d, part)

    # deictic days
    m = RX.day_word_alone.fullmatch(t)
    if m:
        if anchor is None:
            return relative
        named = DAY_WORDS.get(t) or DAY_WORDS.get(words[0]) or {}  # "last night", "yesterday morning"; "this ..."
        part = named.get("part") or next((code for word, code in PARTS_OF_DAY.items() if word in words), "")
        return _day(anchor + dt.timedelta(days=_shift(t) or _shift(words[0])), part)

    # last/next/this week, month, year, fortnight, weekend, decade
    m = RX.relative_unit_alone.fullmatch(t)
    if m:
        if anchor is None:
            return relative
        rel, unit = m[1], m[2]
        step = -1 if RX.back.search(rel) else 1 if RX.ahead.search(rel) else 0  # "this past": back
        if unit == "fortnight":  # a stretch of two weeks up to (or from) the anchor
            s, e = (anchor - dt.timedelta(days=14), anchor) if step <= 0 else (anchor, anchor + dt.timedelta(14))
            return Value(type=Timex.DURATION, value="P2W", start_date=s, end_date=e)
        if unit == "month":
            mm = anchor.month - 1 + step
            return _month(anchor.year + mm // 12, mm % 12 + 1)
        if unit == "year":
            return _year(anchor.year + step)
        if unit in ("week", "weekend"):
            return _week(anchor + dt.timedelta(days=7 * step), weekend=unit == "weekend")
        if unit == "decade":
            return Value(type=Timex.DURATION, value="P10Y") if step else Value(type=Timex.DATE, value=str(anchor.year)[:3])
        return _century(anchor.year // 100 + step)
    if t == "weekend":
        if anchor is None:
            return relative
        back = 7 if tense == Tense.PAST and anchor.weekday() < 5 else 0
        return _week(anchor - dt.timedelta(days=back), weekend=True)

    # "three weeks ago", "a year earlier"
    m = RX.ago_alone.fullmatch(t)  # groups: count, unit, then "ago", "earlier"/"before" or "later"/"after"/...
    if m:
        n = number(m[1].split()[-1] if m[1].split()[-1] not in ("of",) else m[1])
        if n is None:
            n = number(m[1])
        if n is None:
            return Value(type=Timex.DATE, value="FUTURE_REF" if m[5] else PAST_REF)
        if not m[3]:
            return Value(type=Timex.DURATION, value=_duration(n, m[2]))
        if anchor is None:
            return relative
        d = anchor - dt.timedelta(days=int(n * UNITS[m[2]].days))
        if m[2] in ("day",):
            return _day(d)
        if m[2] in ("week", "fortnight"):
            return _week(d) if m[2] == "week" and n > 1 else _day(d)
        if m[2] == "month":
            return _month(d.year, d.month)
        if UNITS[m[2]].clock:
            return Value(type=Timex.TIME, value=PAST_REF)
        return _year(d.year)

    # uncounted stretches read as vague references: "in recent years", "future quarters"
    reading = _reading(STRETCH_READINGS, t)
    if reading:
        return reading

    # durations: "three weeks", "the last fortnight", "several months", "recent years", "24 hours"
    m = RX.count_unit_alone.fullmatch(t)
    if m:
        count = m[1].strip()
        unit = "century" if m[2].startswith("centur") else m[2]
        n = number(count) if count else None
        if count and n is None and not set(count.split()) <= VAGUE_COUNTS:
            frac = RX.fraction_alone.fullmatch(count)
            n = int(frac[1]) + int(frac[2]) / int(frac[3]) if frac else None
            if n is None:
                return Value(type=Timex.DATE, value=None)
        plural = t.rstrip().endswith("s") or bool(re.search(rf"{m[2]}s\b", t))
        if not count and not plural:
            n = 1  # "the past year", "the last week" as a stretch
            if RX.back_stretch.search(t) and anchor and unit == "week":
                return _week(anchor - dt.timedelta(days=7))  # "in the last week": the previous calendar week
        value = Value(type=Timex.DURATION, value=_duration(n, unit))
        if anchor and n and RX.back_stretch.search(t):  # a stretch ending at the anchor
            value.start_date, value.end_date = anchor - dt.timedelta(days=int(n * UNITS[unit].days)), anchor
        return value

    # fallbacks for looser phrasing
    return _reading(LOOSE_READINGS, t) or Value(type=Timex.DATE, value=None)
