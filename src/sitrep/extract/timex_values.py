"""TIMEX3 values for one temporal expression, given the anchor (publication date) and tense.

`normalise(text, anchor, tense)` -> Value(type, value, date, start_date, end_date).
Relative expressions need the anchor; without one their value stays None.
Tense decides direction: a past clause looks back ("said on Thursday" = the latest
Thursday on or before the anchor), a future/planned one looks ahead.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any, Optional

from .timex_lexicon import (FUTURE_WORDS, MONTHS, ORDINALS, PARTS_OF_DAY, PAST_WORDS, PRESENT_WORDS, SEASONS,
                            SET_WORDS, UNITS, VAGUE_COUNTS, WEEKDAYS, number, spoken_years)

Value = dict[str, Any]  # keys: type, value, date, start_date, end_date
YEAR_AGO = re.compile(r"^(?:the\s+)?(?:comparable\s+|corresponding\s+)?(?:year[\s-](?:ago|earlier)|a year (?:ago|earlier))")

LEADING = re.compile(r"^(?:more than|less than|at least|at most|no more than|as long as|as early as|as soon as|"
                     r"as late as|up to|this coming|on|since|until|till|by|in|during|from|at|for|of|over|through|"
                     r"throughout|about|around|nearly|almost|only|just|roughly|approximately|some|early|late|mid|"
                     r"earlier|later|the)[\s-]+")


def _clean(text: str) -> str:
    t = spoken_years(text.lower().strip())
    t = re.sub(r"(?:'s|’s|[.,;:!?'\"])+$", "", t).strip()
    while True:
        stripped = LEADING.sub("", t, count=1)
        if stripped == t:
            return t
        t = stripped


def _day(d: dt.date, suffix: str = "") -> Value:
    return Value(type="TIME" if suffix else "DATE", value=d.isoformat() + suffix, date=d)


def _month(y: int, m: int) -> Value:
    return Value(type="DATE", value=f"{y}-{m:02d}", start_date=dt.date(y, m, 1),
                 end_date=dt.date(y, m, calendar.monthrange(y, m)[1]))


def _year(y: int) -> Value:
    return Value(type="DATE", value=str(y), start_date=dt.date(y, 1, 1), end_date=dt.date(y, 12, 31))


def _week(d: dt.date, weekend: bool = False) -> Value:
    iso = d.isocalendar()
    monday = d - dt.timedelta(days=d.weekday())
    start = monday + dt.timedelta(days=5) if weekend else monday
    return Value(type="DATE", value=f"{iso[0]}-W{iso[1]:02d}" + ("-WE" if weekend else ""), start_date=start,
                 end_date=monday + dt.timedelta(days=6))


def weekday_date(anchor: dt.date, wd: int, tense: Optional[str], text: str = "") -> dt.date:
    """The weekday meant: 'next'/future -> after the anchor; otherwise the latest on or before it."""
    back = anchor - dt.timedelta(days=(anchor.weekday() - wd) % 7)
    ahead = anchor + dt.timedelta(days=(wd - anchor.weekday()) % 7)
    if re.search(r"\bnext\b|\bcoming\b", text):
        return ahead if ahead != anchor else anchor + dt.timedelta(days=7)
    if re.search(r"\blast\b|\bpast\b|\bprevious\b", text):
        return back if back != anchor else anchor - dt.timedelta(days=7)
    if tense == "future":
        return ahead
    return back  # news mostly looks back: a bare weekday is the latest one


def _duration(n: Optional[float], unit: str) -> str:
    code, clock, _ = UNITS[unit]
    if unit == "fortnight" and n is not None:
        n *= 2
    prefix = "PT" if clock else "P"
    if unit in ("decade", "century"):  # TIMEX3 practice: "a decade" = P10Y
        return f"P{int(n * (10 if unit == 'decade' else 100))}Y" if n is not None else "PXY"
    if n is None:
        return f"{prefix}X{code}"
    if n != int(n):  # "2.5 years", "1.5 hours": fall back to the next smaller unit
        if unit == "year":
            return f"P{int(n)}Y{round((n - int(n)) * 12)}M" if int(n) else f"P{round(n * 12)}M"
        if unit == "hour":
            return f"PT{int(n)}H{round((n - int(n)) * 60)}M" if int(n) else f"PT{round(n * 60)}M"
    return f"{prefix}{int(n)}{code}"


def _nearest_year(anchor: dt.date, month: int, day: int, tense: Optional[str]) -> int:
    """Year for 'May 9' without a year: the tense's direction, else the nearest such date."""
    def cand(y: int) -> dt.date:
        return dt.date(y, month, min(day, calendar.monthrange(y, month)[1]))
    def cost(y: int) -> int:  # distance from the anchor, doubled against the tense's direction
        days = (cand(y) - anchor).days
        against = (tense == "past" and days > 1) or (tense == "future" and days < -1)
        return abs(days) * (3 if against else 1)
    return min((anchor.year - 1, anchor.year, anchor.year + 1), key=cost)


def _month_year(anchor: dt.date, month: int, t: str, tense: Optional[str]) -> int:
    if re.search(r"\blast\b|\bpast\b|\bprevious\b", t):
        return anchor.year - (1 if month >= anchor.month else 0)
    if re.search(r"\bnext\b|\bcoming\b", t):
        return anchor.year + (1 if month <= anchor.month else 0)
    if re.search(r"\bthis\b", t):
        return anchor.year
    if tense == "past" and (month - anchor.month) % 12 > 1:
        # "in January, he resigned": the latest January; only next month may still lie ahead
        return anchor.year - (1 if month > anchor.month else 0)
    return _nearest_year(anchor, month, 15, tense)


def _clock(t: str) -> Optional[tuple[int, int]]:
    m = re.search(r"\b(\d{1,2})(?::(\d{2}))?(?::\d{2})?\s*(a\.?m\.?|p\.?m\.?|in the morning|in the evening|"
                  r"at night|in the afternoon)", t)
    if m:
        h, mi = int(m[1]) % 12, int(m[2] or 0)
        if m[3].startswith("p") or m[3] in ("in the evening", "in the afternoon") or \
                (m[3] == "at night" and h >= 6):
            h += 12
        return h, mi
    m = re.search(r"\b([01]?\d|2[0-3]):(\d{2})\b", t)
    if m:
        return int(m[1]), int(m[2])
    if re.search(r"\b(?:noon|midday)\b", t):
        return 12, 0
    if re.search(r"\bmidnight\b", t):
        return 0, 0
    return None


def normalise(text: str, anchor: Optional[dt.date], tense: Optional[str] = None) -> Value:
    t = _clean(text)
    words = re.findall(r"[a-z]+", t)
    relative = Value(type="DATE", value=None)  # what a relative expression gets without an anchor

    # sets: "daily", "every week", "each Thursday"
    if t in SET_WORDS:
        return Value(type="SET", value=SET_WORDS[t])
    m = re.fullmatch(r"(?:every|each|per|a)\s+(\w+)(?:\s+(\w+))?", t)
    if m and (m[2] is None or m[2] in PARTS_OF_DAY) and (m[1] in WEEKDAYS or m[1] in MONTHS or m[1] in PARTS_OF_DAY or m[1].rstrip("s") in UNITS or
              m[1] in SEASONS):
        w = m[1]
        if w in WEEKDAYS:
            return Value(type="SET", value=f"XXXX-WXX-{WEEKDAYS[w] + 1}")
        if w in MONTHS:
            return Value(type="SET", value=f"XXXX-{MONTHS[w]:02d}")
        if w in PARTS_OF_DAY:
            return Value(type="SET", value=f"XXXX-XX-XX{PARTS_OF_DAY[w]}")
        if w in SEASONS:
            return Value(type="SET", value=f"XXXX-{SEASONS[w]}")
        return Value(type="SET", value=_duration(1, w.rstrip("s")))

    # vague references
    if t in PRESENT_WORDS:
        return Value(type="DATE", value="PRESENT_REF")
    if t in PAST_WORDS:
        return Value(type="DATE", value="PAST_REF")
    if t in FUTURE_WORDS:
        return Value(type="DATE", value="FUTURE_REF")

    # "a year ago", "year-earlier", "the year-ago period": the previous year (dates.py may narrow it to
    # the quarter under discussion); "the year-ago third quarter" is that quarter of the previous year
    if anchor and YEAR_AGO.search(t):
        ago_q = re.search(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter\b", t)
        if ago_q:
            return Value(type="DATE", value=f"{anchor.year - 1}-Q{ORDINALS[ago_q[1]]}")
        if re.fullmatch(YEAR_AGO.pattern + r"(?:\s+(?:period|quarter|levels?|results))?", t):
            return _year(anchor.year - 1)
    # "the end of the year", "year-end", "the full year", "the current fiscal year": the year itself
    if anchor and re.fullmatch(r"(?:(?:around|at|by)\s+)?(?:the\s+)?(?:end of (?:the|this) (?:fiscal |calendar )?year|"
                               r"year[\s-]end|year's end|(?:full|current|current fiscal|current calendar) year)", t):
        return _year(anchor.year)

    # absolute numeric dates
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", t)
    if m:
        try:
            return _day(dt.date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            pass
    m = re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{2,4})\b", t)
    if m:
        y = int(m[3]) + (1900 if len(m[3]) == 2 and int(m[3]) > 30 else 2000 if len(m[3]) == 2 else 0)
        for mo, dd in ((int(m[1]), int(m[2])), (int(m[2]), int(m[1]))):  # US order first
            try:
                return _day(dt.date(y, mo, dd))
            except ValueError:
                continue

    clock = _clock(t)
    wd = next((WEEKDAYS[w] for w in words if w in WEEKDAYS), None)
    year_m = re.search(r"(?<![\d-])(1[5-9]\d\d|20\d\d)(?![\d]|s\b)", t)
    mon = next((MONTHS[w] for w in words if w in MONTHS and (w != "may" or re.search(
        r"\bmay\s+\d|\d\s+may\b|^may$|(?:last|next|this|early|late|in)\s+may\b", t))
        and not (w == "march" and "march on" in t)), None)
    if mon and not re.search(r"\b(?:week|weekend)\b", t):
        day_m = re.search(r"(?<![\d:])(\d{1,2})(?:st|nd|rd|th)?\b(?![\d:])",
                          re.sub(r"(1[5-9]\d\d|20\d\d)", "", t))
        ord_m = re.search(r"\b(" + "|".join(ORDINALS) + r")\b", t) if not day_m else None
        day = int(day_m[1]) if day_m else (ORDINALS[ord_m[1]] if ord_m else None)
        year = int(year_m[1]) if year_m else None
        if year is None and re.search(r"\blast year\b", t) and anchor:
            year = anchor.year - 1
        elif year is None and re.search(r"\bnext year\b", t) and anchor:
            year = anchor.year + 1
        if day and 1 <= day <= 31:
            if year is None and anchor:
                year = _nearest_year(anchor, mon, day, tense)
            if year is None:
                return Value(type="DATE", value=f"XXXX-{mon:02d}-{day:02d}")
            try:
                d = dt.date(year, mon, day)
            except ValueError:
                return Value(type="DATE", value=None)
            if clock:
                return Value(type="TIME", value=f"{d.isoformat()}T{clock[0]:02d}:{clock[1]:02d}", date=d)
            return _day(d)
        if year is None:
            if anchor is None:
                return Value(type="DATE", value=f"XXXX-{mon:02d}")
            year = _month_year(anchor, mon, t, tense)
        return _month(year, mon)

    # clock times, on a weekday or the anchor day
    if clock and (anchor or wd is None):
        if anchor is None:
            return Value(type="TIME", value=f"XXXX-XX-XXT{clock[0]:02d}:{clock[1]:02d}")
        if re.search(r"\b(?:hours?|minutes?|seconds?)\b", t):
            pass  # "3:07:35" style durations fall through
        else:
            d = weekday_date(anchor, wd, tense, t) if wd is not None else \
                anchor + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(next(
                    (w for w in words if w in ("yesterday", "tomorrow")), ""), 0))
            return Value(type="TIME", value=f"{d.isoformat()}T{clock[0]:02d}:{clock[1]:02d}", date=d)

    # years, decades, centuries
    if year_m and re.fullmatch(r"(?:fiscal|calendar|the year|year|fy)?\s*(1[5-9]\d\d|20\d\d)", t):
        return _year(int(year_m[1]))
    m = re.fullmatch(r"(?:the\s+)?'?(1[5-9]\d|20\d|\d0)0?'?s", t.replace("'", ""))
    if m and re.fullmatch(r"(?:1[5-9]\d|20\d)0s|\d0s", t.replace("'", "")):
        digits = t.replace("'", "")[:-1]
        return Value(type="DATE", value=digits[:3] if len(digits) == 4 else ("19" + digits[0]))
    m = re.fullmatch(r"(?:the\s+)?(nineteen|twenty|thirties|forties|fifties|sixties|seventies|eighties|"
                     r"nineties)", t)
    if m and m[1].endswith("ies"):
        tens = {"thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
                "nineties": 9}[m[1]]
        return Value(type="DATE", value=f"19{tens}")
    m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)[\s-]+century\b", t) or \
        re.search(r"\b(" + "|".join(ORDINALS) + r")[\s-]+century\b", t)
    if m:
        century = int(m[1]) if m[1].isdigit() else ORDINALS[m[1]]
        return Value(type="DATE", value=f"{century - 1:02d}")

    # quarters, halves, seasons
    m = re.search(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter\b", t)
    if m or re.fullmatch(r"(?:latest|last|past|most recent|previous|year-ago)?\s*quarter", t):
        if year_m and m:
            return Value(type="DATE", value=f"{year_m[1]}-Q{ORDINALS[m[1]]}")
        if anchor is None:
            return relative
        current = (anchor.month - 1) // 3 + 1
        q = ORDINALS[m[1]] if m else (current - 1 or 4)
        year = anchor.year - (1 if (q > current and tense == "past") or (not m and current == 1) else 0)
        year += 1 if re.search(r"\bnext year", t) else -1 if re.search(r"\blast year", t) else 0
        return Value(type="DATE", value=f"{year}-Q{q}")
    m = re.search(r"\b(first|second|1st|2nd)\s+half\b", t)
    if m:
        year = int(year_m[1]) if year_m else (anchor.year if anchor else None)
        return Value(type="DATE", value=f"{year}-H{ORDINALS[m[1]]}" if year else None)
    season = next((code for word, code in SEASONS.items() if re.search(rf"\b{word}\b", t)), None)
    if season and len(t.split()) <= 4:
        if year_m:
            return Value(type="DATE", value=f"{year_m[1]}-{season}")
        if anchor is None:
            return relative
        year = anchor.year - (1 if re.search(r"\b(?:last|past|previous)\b", t) else 0) + \
            (1 if re.search(r"\bnext\b", t) else 0)
        return Value(type="DATE", value=f"{year}-{season}")
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
    m = re.fullmatch(r"(yesterday|today|tonight|tomorrow|last night|this (?:morning|afternoon|evening)|"
                     r"(?:yesterday|tomorrow) (?:morning|afternoon|evening|night)|overnight)", t)
    if m:
        if anchor is None:
            return relative
        shift = -1 if "yesterday" in t or t == "last night" else 1 if "tomorrow" in t else 0
        part = "TNI" if t in ("tonight", "last night") else next(
            (code for word, code in PARTS_OF_DAY.items() if word in words), "")
        return _day(anchor + dt.timedelta(days=shift), part)

    # last/next/this week, month, year, fortnight, weekend, decade
    m = re.fullmatch(r"(?:the\s+)?(last|past|next|this|coming|previous|current|this past)\s+"
                     r"(week|month|year|fortnight|weekend|decade|century)", t)
    if m:
        if anchor is None:
            return relative
        rel, unit = m[1], m[2]
        step = {"last": -1, "past": -1, "previous": -1, "this past": -1, "next": 1, "coming": 1}.get(rel, 0)
        if unit == "fortnight":  # a stretch of two weeks up to (or from) the anchor
            s, e = (anchor - dt.timedelta(days=14), anchor) if step <= 0 else (anchor, anchor + dt.timedelta(14))
            return Value(type="DURATION", value="P2W", start_date=s, end_date=e)
        if unit == "month":
            mm = anchor.month - 1 + step
            return _month(anchor.year + mm // 12, mm % 12 + 1)
        if unit == "year":
            return _year(anchor.year + step)
        if unit in ("week", "weekend"):
            return _week(anchor + dt.timedelta(days=7 * step), weekend=unit == "weekend")
        if unit == "decade":
            return Value(type="DURATION", value="P10Y") if step else Value(type="DATE", value=str(anchor.year)[:3])
        return Value(type="DATE", value=f"{anchor.year // 100 + step:02d}")
    if t == "weekend":
        if anchor is None:
            return relative
        back = 7 if tense == "past" and anchor.weekday() < 5 else 0
        return _week(anchor - dt.timedelta(days=back), weekend=True)

    # "three weeks ago", "a year earlier"
    m = re.fullmatch(r"(.+?)\s+(second|minute|hour|day|week|fortnight|month|year|decade)s?\s+(ago|earlier|later|"
                     r"before|after|from now|hence)", t)
    if m:
        n = number(m[1].split()[-1] if m[1].split()[-1] not in ("of",) else m[1])
        if n is None:
            n = number(m[1])
        if n is None:
            return Value(type="DATE", value="PAST_REF" if m[3] in ("ago", "earlier", "before") else "FUTURE_REF")
        if m[3] != "ago":
            return Value(type="DURATION", value=_duration(n, m[2]))
        if anchor is None:
            return relative
        d = anchor - dt.timedelta(days=int(n * UNITS[m[2]][2]))
        if m[2] in ("day",):
            return _day(d)
        if m[2] in ("week", "fortnight"):
            return _week(d) if m[2] == "week" and n > 1 else _day(d)
        if m[2] == "month":
            return _month(d.year, d.month)
        if m[2] in ("second", "minute", "hour"):
            return Value(type="TIME", value="PAST_REF")
        return _year(d.year)

    # uncounted stretches read as vague references: "in recent years", "future quarters"
    if re.fullmatch(r"(?:recent|past) years", t):
        return Value(type="DATE", value="PAST_REF")
    if re.fullmatch(r"future (?:days|weeks|months|quarters|years)", t):
        return Value(type="DATE", value="FUTURE_REF")

    # durations: "three weeks", "the last fortnight", "several months", "recent years", "24 hours"
    m = re.fullmatch(r"(?:(?:the\s+)?(?:last|past|next|first|final|previous|coming|following|recent|current|"
                     r"latest|entire|whole|full|same|other)\s+)?(.*?)[\s-]*(second|minute|hour|day|night|week|"
                     r"fortnight|month|quarter|year|decade|centur(?:y|ie))s?(?:[\s-]+(?:long|old|period))?", t)
    if m:
        count = m[1].strip()
        unit = "century" if m[2].startswith("centur") else m[2]
        n = number(count) if count else None
        if count and n is None and not (set(count.split()) <= VAGUE_COUNTS | {"a", "of", "and"}):
            frac = re.fullmatch(r"(\d+)\s+(\d)/(\d)", count)
            n = int(frac[1]) + int(frac[2]) / int(frac[3]) if frac else None
            if n is None:
                return Value(type="DATE", value=None)
        plural = t.rstrip().endswith("s") or bool(re.search(rf"{m[2]}s\b", t))
        if not count and not plural:
            n = 1  # "the past year", "the last week" as a stretch
            if re.match(r"(?:the\s+)?(?:last|past)\s", t) and anchor and unit == "week":
                return _week(anchor - dt.timedelta(days=7))  # "in the last week": the previous calendar week
        value = Value(type="DURATION", value=_duration(n, unit))
        if anchor and n and re.match(r"(?:the\s+)?(?:last|past)\s", t):  # a stretch ending at the anchor
            value.update(start_date=anchor - dt.timedelta(days=int(n * UNITS[unit][2])), end_date=anchor)
        return value

    # fallbacks for looser phrasing
    if re.search(r"\b(now|currently|present|nowadays|current)\b", t):
        return Value(type="DATE", value="PRESENT_REF")
    if re.search(r"\b(recent|recently|past|previously|former|earlier|ago)\b", t):
        return Value(type="DATE", value="PAST_REF")
    if re.search(r"\b(future|soon|coming)\b", t):
        return Value(type="DATE", value="FUTURE_REF")
    if re.search(r"\b(weekly|daily|monthly|annually|every|each)\b", t):
        return Value(type="SET", value=None)
    return Value(type="DATE", value=None)
