"""Word lists and small converters shared by the temporal-expression modules."""
from __future__ import annotations

import calendar
import re
from typing import Optional

WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
NUM_WORDS = {"a": 1, "an": 1, "one": 1, "couple": 2, "hundred": 100, "thousand": 1000, **ONES, **TEENS, **TENS}
VAGUE_COUNTS = {"several", "few", "some", "many", "recent", "coming", "numerous", "the"}
# unit -> (TIMEX3 code, is a time-of-day unit, days for arithmetic)
UNITS = {"second": ("S", True, 0), "minute": ("M", True, 0), "hour": ("H", True, 0), "day": ("D", False, 1),
         "night": ("D", False, 1), "week": ("W", False, 7), "fortnight": ("W", False, 14),
         "month": ("M", False, 30), "quarter": ("Q", False, 91), "year": ("Y", False, 365),
         "decade": ("DE", False, 3652), "century": ("CE", False, 36524)}
PARTS_OF_DAY = {"night": "TNI", "morning": "TMO", "afternoon": "TAF", "evening": "TEV"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# "daily" and friends: TIMEX3 SET values
SET_WORDS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
             "yearly": "P1Y", "hourly": "PT1H"}
FUTURE_HEADS = {"plan", "schedule", "due", "expect", "set", "intend", "prepare", "hope", "aim", "agree",
                "propose", "vow", "pledge", "promise", "threaten", "want", "seek", "decide"}
PRESENT_WORDS = {"now", "right now", "currently", "nowadays", "these days", "at present", "at the moment",
                 "at this time", "present", "the present"}
PAST_WORDS = {"recently", "previously", "formerly", "earlier", "the past", "in the past", "lately", "once",
              "more recently", "at the time", "recent"}
FUTURE_WORDS = {"the future", "future", "the near future", "the distant future", "soon", "the coming",
                "in the future", "the near term", "the short term", "the long term"}

_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
        r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_NUM = (r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
        r"thirty|forty|fifty|several|few|a few|couple of|a couple of)")
_UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies))"


def number(word: str) -> Optional[float]:
    """'3', 'three', 'twenty four', 'a couple of' -> number; None for vague counts."""
    w = word.lower().strip().removeprefix("a couple of").strip() or "couple"
    w = re.sub(r"\s+of$", "", w)
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    total = 0
    for part in re.split(r"[\s-]+", w):
        if part in ("and",):
            continue
        if part not in NUM_WORDS:
            return None
        value = NUM_WORDS[part]
        total = total * value if value in (100, 1000) and total else total + value
    return float(total) if total else None


_YEAR_WORDS = re.compile(
    r"\b(nineteen|twenty)[\s-]+(" + "|".join(list(TENS) + list(TEENS) + ["hundred", "oh"]) + r")"
    r"(?:[\s-]+(" + "|".join(ONES) + r"))?\b|\btwo thousand(?:\s+and)?(?:[\s-]+(" + "|".join(ONES) + r"))?\b",
    re.IGNORECASE)


def spoken_years(text: str) -> str:
    """'nineteen ninety-six' -> '1996'; 'the year two thousand' -> 'the year 2000'."""
    def repl(m: re.Match) -> str:
        if m.group(0).lower().startswith("two thousand"):
            return str(2000 + (ONES.get((m[4] or "").lower(), 0)))
        century = 19 if m[1].lower() == "nineteen" else 20
        decade = m[2].lower()
        tens = 0 if decade in ("hundred", "oh") else NUM_WORDS[decade]
        return str(century * 100 + tens + ONES.get((m[3] or "").lower(), 0))
    return _YEAR_WORDS.sub(repl, text)
