"""Temporal expressions, normalised to TIMEX3 values against the publication date and tense.

Candidates are spaCy DATE/TIME entities plus patterns the small model misses
(weekdays, "last month", "three weeks ago").  Relative expressions are resolved
with the tense of the governing clause: "said on Thursday" is the latest
Thursday on or before publication, "are to meet on Friday" the next Friday.
Conventions: "the last fortnight" is a DURATION P2W with start/end ending at
publication; bare weekdays in the present tense take the nearest such day.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Optional

from spacy.tokens import Span as SpacySpan, Token

from ..records import TimeExpr
from .context import Context

WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
NUM_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3,
             "couple": 2, "fifteen": 15, "twenty": 20, "thirty": 30, "hundred": 100}
UNITS = {"day": "D", "week": "W", "fortnight": "2W", "month": "M", "year": "Y", "decade": "10Y",
         "hour": "H", "minute": "MIN", "century": "100Y"}
PARTS_OF_DAY = {"night": "TNI", "morning": "TMO", "afternoon": "TAF", "evening": "TEV"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
ORDINAL_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
SETS = {"daily": "XXXX-XX-XX", "weekly": "XXXX-WXX", "monthly": "XXXX-XX", "annually": "XXXX", "yearly": "XXXX",
        "annual": "XXXX", "quarterly": "XXXX-QX"}
FUTURE_HEADS = {"plan", "schedule", "due", "expect", "set", "intend", "prepare", "go", "hope", "aim", "agree"}

_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|couple of)"
PATTERNS = [re.compile(p, re.IGNORECASE) for p in (
    rf"\b(?:last|next|this|on|since|until|by)?\s*{_WD}(?:\s+(?:night|morning|afternoon|evening))?\b",
    r"\b(?:yesterday|today|tonight|tomorrow|last night)\b",
    r"\b(?:the\s+)?(?:last|past|next|this|coming|previous)\s+(?:week|month|year|fortnight|weekend|decade)\b",
    rf"\b{_NUM}\s+(?:days?|weeks?|months?|years?|decades?)\s+(?:ago|earlier|later)\b",
    rf"\b\d{{1,2}}\s+{_MON}(?:\s+\d{{4}})?\b",
    rf"\b{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b",
    r"\b\d{4}-\d{2}-\d{2}\b",
    r"\b\d{1,2}/\d{1,2}/\d{4}\b",
)]


def _int(word: str) -> Optional[int]:
    word = word.lower().removesuffix(" of")
    if word.isdigit():
        return int(word)
    return NUM_WORDS.get(word)


def _tense(span: SpacySpan) -> Optional[str]:
    """Tense/modality of the clause governing the expression."""
    node: Optional[Token] = span.root
    for _ in range(6):
        if node is None:
            return None
        if node.pos_ in ("VERB", "AUX") and node.dep_ != "aux":
            break
        if node.head.i == node.i:
            break
        node = node.head
    if node is None or node.pos_ not in ("VERB", "AUX"):
        return None
    aux = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "'ll", "shall", "wo"}:
        return "future"
    head = node.head
    if "to" in aux and (head.lemma_ == "be" or head.lemma_ in FUTURE_HEADS or
                        any(c.lemma_ in FUTURE_HEADS for c in head.children if c.dep_ == "acomp")):
        return "future"  # "are to meet", "plans to visit", "is due to"
    if node.lemma_ in FUTURE_HEADS and node.tag_ in ("VBZ", "VBP", "VBG"):
        return "future"
    if node.tag_ in ("VBD",) or (node.tag_ == "VBN" and (aux & {"was", "were", "had", "has", "have", "been"} or not aux)):
        return "past"
    if aux & {"did", "was", "were", "had"}:
        return "past"
    if node.tag_ == "VBG" and aux & {"is", "are", "am"}:
        return "future" if node.lemma_ in ("meet", "visit", "hold", "travel", "leave", "arrive") else "present"
    return "present"


def _weekday(anchor: dt.date, wd: int, tense: Optional[str], text: str) -> dt.date:
    delta = (anchor.weekday() - wd) % 7
    past = anchor - dt.timedelta(days=delta)
    future = anchor + dt.timedelta(days=(wd - anchor.weekday()) % 7)
    if "next" in text:
        return future if future != anchor else anchor + dt.timedelta(days=7)
    if "last" in text:
        return past if past != anchor else anchor - dt.timedelta(days=7)
    if tense == "future":
        return future
    return past  # news reports mostly look back: a bare weekday is the latest one


def _shift_month(d: dt.date, months: int) -> tuple[int, int]:
    m = d.month - 1 + months
    return d.year + m // 12, m % 12 + 1


def _month_bounds(y: int, m: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])


class Value(dict):
    """type, value, date, start_date, end_date"""


def normalise(text: str, anchor: Optional[dt.date], tense: Optional[str]) -> Value:
    t = text.lower().strip()
    t = re.sub(r"^(?:on|since|until|by|in|during|from|the|about|around|early|late|mid)\s+", "", t)
    t = re.sub(r"^(?:the\s+)", "", t)
    # absolute dates first
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return Value(type="DATE", value=d.isoformat(), date=d)
    m = re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", t)
    if m:
        try:
            d = dt.date(int(m[3]), int(m[2]), int(m[1]))
            return Value(type="DATE", value=d.isoformat(), date=d)
        except ValueError:
            pass
    mon = next((MONTHS[w] for w in re.findall(r"[a-z]+", t) if w in MONTHS and w != "may" or
                (w == "may" and re.search(r"\bmay\s+\d|\d\s+may\b|may\s+\d{4}|^may$", t))), None)
    year_m = re.search(r"\b(1[89]\d\d|20\d\d)\b", t)
    day_m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b(?!\d)", re.sub(r"\b(1[89]\d\d|20\d\d)\b", "", t))
    if mon:
        year = int(year_m[1]) if year_m else None
        if day_m and 1 <= int(day_m[1]) <= 31:
            if year is None and anchor:
                year = anchor.year
                cand = dt.date(year, mon, min(int(day_m[1]), calendar.monthrange(year, mon)[1]))
                if tense == "past" and cand > anchor + dt.timedelta(days=1):
                    year -= 1
                elif tense == "future" and cand < anchor - dt.timedelta(days=1):
                    year += 1
            if year:
                try:
                    d = dt.date(year, mon, int(day_m[1]))
                    return Value(type="DATE", value=d.isoformat(), date=d)
                except ValueError:
                    pass
            return Value(type="DATE", value=f"XXXX-{mon:02d}-{int(day_m[1]):02d}")
        if year is None and anchor:
            year = anchor.year - (1 if tense == "past" and mon > anchor.month else 0)
        if year:
            s, e = _month_bounds(year, mon)
            return Value(type="DATE", value=f"{year}-{mon:02d}", start_date=s, end_date=e)
    if re.fullmatch(r"(1[89]\d\d|20\d\d)", t):
        return Value(type="DATE", value=t, start_date=dt.date(int(t), 1, 1), end_date=dt.date(int(t), 12, 31))
    m = re.fullmatch(r"(1[89]\d|20\d)0s", t)
    if m:
        return Value(type="DATE", value=m[1])
    m = re.fullmatch(r"fiscal\s+(1[89]\d\d|20\d\d)", t)
    if m:
        return Value(type="DATE", value=m[1])
    if t in SETS:
        return Value(type="SET", value=SETS[t])
    m = re.search(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter\b", t)
    if m or re.fullmatch(r"(?:latest|last|past|most recent|previous)?\s*quarter", t):
        if anchor is None:
            return Value(type="DATE", value=None)
        current = (anchor.month - 1) // 3 + 1
        q = ORDINAL_QUARTERS[m[1]] if m else (current - 1 or 4)
        year = int(year_m[1]) if year_m else anchor.year - (1 if (q >= current and tense == "past") or
                                                          (not m and current == 1) else 0)
        return Value(type="DATE", value=f"{year}-Q{q}")
    season = next((code for word, code in SEASONS.items() if re.search(rf"\b{word}\b", t)), None)
    if season and anchor is not None and len(t.split()) <= 3:
        year = int(year_m[1]) if year_m else anchor.year - (1 if t.startswith(("last", "past")) else 0)
        return Value(type="DATE", value=f"{year}-{season}")
    m = re.fullmatch(r"(?:this|last|past|the)?\s*weekend", t)
    if m and anchor is not None:
        back = 7 if t.startswith(("last", "past")) or (tense == "past" and anchor.weekday() < 5) else 0
        d = anchor - dt.timedelta(days=back)
        iso = d.isocalendar()
        return Value(type="DATE", value=f"{iso[0]}-W{iso[1]:02d}-WE")
    m = re.fullmatch(r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|\w+teen|twenty|thirty)"
                     r"-(hour|day|week|month|year|minute)(?:-long|-old)?", t)
    if m and _int(m[1]):
        code = {"hour": "TnH", "minute": "TnM", "day": "nD", "week": "nW", "month": "nM", "year": "nY"}[m[2]]
        return Value(type="DURATION", value="P" + code.replace("n", str(_int(m[1]))))
    m = re.fullmatch(r"(?:several|many|some|few)?\s*(days|weeks|months|years|decades|hours)", t)
    if m:
        code = {"days": "D", "weeks": "W", "months": "M", "years": "Y", "decades": "DE", "hours": "TH"}[m[1]]
        return Value(type="DURATION", value="PX" + code if code != "TH" else "PTXH")
    # relative to the anchor
    wd = next((WEEKDAYS[w] for w in re.findall(r"[a-z]+", t) if w in WEEKDAYS), None)
    if wd is not None:
        if anchor is None:
            return Value(type="DATE", value=None)
        d = _weekday(anchor, wd, tense, t)
        part = next((code for word, code in PARTS_OF_DAY.items() if word in t), "")
        return Value(type="TIME" if part else "DATE", value=d.isoformat() + part, date=d)
    simple = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "last night": -1}
    if t in simple:
        if anchor is None:
            return Value(type="DATE", value=None)
        d = anchor + dt.timedelta(days=simple[t])
        return Value(type="DATE", value=d.isoformat(), date=d)
    m = re.search(r"\b(last|past|next|this|coming|previous)\s+(week|month|year|fortnight|weekend|decade)\b", t)
    if m and not re.search(r"\d|\b(two|three|four|five|six|several|few)\b", t):
        rel, unit = m[1], m[2]
        if anchor is None:
            return Value(type="DATE", value=None)
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0}[rel]
        if unit == "fortnight":
            s, e = (anchor - dt.timedelta(days=14), anchor) if step <= 0 else (anchor, anchor + dt.timedelta(days=14))
            return Value(type="DURATION", value="P2W", start_date=s, end_date=e)
        if unit == "month":
            y, mo = _shift_month(anchor, step)
            s, e = _month_bounds(y, mo)
            return Value(type="DATE", value=f"{y}-{mo:02d}", start_date=s, end_date=e)
        if unit == "year":
            y = anchor.year + step
            return Value(type="DATE", value=str(y), start_date=dt.date(y, 1, 1), end_date=dt.date(y, 12, 31))
        if unit in ("week", "weekend"):
            d = anchor + dt.timedelta(days=7 * step)
            iso = d.isocalendar()
            s = d - dt.timedelta(days=d.weekday())
            suffix = "-WE" if unit == "weekend" else ""
            return Value(type="DATE", value=f"{iso[0]}-W{iso[1]:02d}{suffix}", start_date=s,
                         end_date=s + dt.timedelta(days=6))
        if unit == "decade":
            return Value(type="DURATION", value="P10Y")
    m = re.search(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|couple(?: of)?)"
                  r"\s+(day|week|month|year|decade|hour|minute|fortnight)s?\b(?:\s+(ago|earlier|later))?", t)
    if m:
        n, unit, direction = _int(m[1]), m[2], m[3]
        if direction == "ago" and anchor and n:
            days = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365, "decade": 3650}.get(unit)
            if days:
                d = anchor - dt.timedelta(days=n * days)
                if unit in ("day", "week"):
                    return Value(type="DATE", value=d.isoformat(), date=d)
                if unit == "month":
                    return Value(type="DATE", value=f"{d.year}-{d.month:02d}")
                return Value(type="DATE", value=str(d.year))
        if n:
            code = UNITS[unit]
            if code.endswith("W") and code[:-1].isdigit():
                n, code = n * int(code[:-1]), "W"
            prefix = "PT" if code in ("H", "MIN") else "P"
            code = "M" if code == "MIN" else code
            value = f"{prefix}{n}{code}" if not code[:-1].isdigit() else f"P{n * int(code[:-1])}{code[-1]}"
            return Value(type="DURATION", value=value)
    if re.search(r"\b(now|currently|present|nowadays)\b", t):
        return Value(type="DATE", value="PRESENT_REF")
    if re.search(r"\b(recent|recently|past|previously|former|earlier|ago)\b", t):
        return Value(type="DATE", value="PAST_REF")
    if re.search(r"\b(future|soon|coming)\b", t):
        return Value(type="DATE", value="FUTURE_REF")
    if re.search(r"\b(weekly|daily|monthly|annually|every|each)\b", t):
        return Value(type="SET", value=None)
    return Value(type="DATE", value=None)


def _candidates(doc) -> list[tuple[int, int]]:
    spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    text = doc.text
    for pat in PATTERNS:
        for m in pat.finditer(text):
            s, e = m.start(), m.end()
            while s < e and text[s].isspace():
                s += 1
            if not any(a < e and s < b for a, b in spans):
                spans.append((s, e))
            else:  # extend an entity that the pattern covers more fully ("Thursday" -> "Thursday night")
                for k, (a, b) in enumerate(spans):
                    if a < e and s < b and s <= a and e >= b:
                        spans[k] = (s, e)
    out = []
    for s, e in sorted(set(spans)):
        chunk = text[s:e]
        lead = re.match(r"(?:on|since|until|by)\s+", chunk, re.IGNORECASE)
        if lead:
            s += lead.end()
        if "\n" in text[s:e]:
            e = s + text[s:e].index("\n")
        if e > s and not (out and out[-1][0] <= s < out[-1][1]):
            out.append((s, e))
    return out


def extract(ctx: Context) -> list[TimeExpr]:
    anchor = ctx.article.published
    doc = ctx.doc
    out = []
    for start, end in _candidates(doc):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        text = ctx.text[start:end]
        if re.fullmatch(r"\d{1,3}", text.strip()):
            continue  # bare small numbers mis-tagged as dates
        tense = _tense(span)
        v = normalise(text, anchor, tense)
        sent = span.sent
        out.append(TimeExpr(
            mention=ctx.span(start, end), type=v.get("type", "DATE"), value=v.get("value"),
            date=v.get("date"), start_date=v.get("start_date") or v.get("date"),
            end_date=v.get("end_date") or v.get("date"), tense=tense, evidence=ctx.of(sent),
        ))
    return out
