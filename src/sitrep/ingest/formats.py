"""Readers for each input format; each yields Article or IngestError and never raises."""
from __future__ import annotations

import csv
import datetime as dt
import email.utils
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator, Optional

from ..records import Article, IngestError
from .build import ArticleError, make_article

TEXT_FIELDS = ("text", "body", "content", "article", "full_text", "description", "summary")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("published", "date", "pubDate", "pub_date", "published_at", "publication_date", "datetime")
OUTLET_FIELDS = ("outlet", "source", "site", "publisher", "sitename", "domain")
_HEADER = re.compile(r"^(published|date|outlet|source|url|link|title)\s*:\s*(.+)$", re.IGNORECASE)


MIN_YEAR, MAX_YEAR = 1800, 2200   # a publication date outside this is a broken field


_HUGE_ISO_YEAR = re.compile(r"[+-]?\d{5,}-\d{1,2}-\d{1,2}\b")


class DateError(ArticleError):
    """A date field that parses but cannot be a publication date (year 99999999999)."""


def _in_range(day: dt.date, raw) -> dt.date:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise DateError(f"date out of range: {str(raw)[:80]!r} (years {MIN_YEAR}-{MAX_YEAR})")
    return day


def parse_date(value) -> Optional[dt.date]:
    """ISO, RFC 822 (RSS) or free text ('22 October 2020'); None when unparseable.
    Raises DateError for a recognisable date whose year is out of range."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return _in_range(value.date(), value)
    if isinstance(value, dt.date):
        return _in_range(value, value)
    s = str(value).strip()
    if len(s) > 200:  # no date field is this long; dateparser would take seconds on it
        return None
    try:
        return _in_range(dt.date.fromisoformat(s[:10]), s)
    except ValueError:
        if _HUGE_ISO_YEAR.match(s):
            raise DateError(f"date out of range: {s[:80]!r} (years {MIN_YEAR}-{MAX_YEAR})") from None
    rfc = email.utils.parsedate_tz(s)  # the tuple, before datetime() can overflow on the year
    if rfc is not None:
        year, month, day = rfc[:3]
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise DateError(f"date out of range: {s[:80]!r} (years {MIN_YEAR}-{MAX_YEAR})")
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass
    import dateparser
    try:
        parsed = dateparser.parse(s, languages=["en"], settings={"PREFER_DATES_FROM": "current_period"})
    except (ValueError, OverflowError, TypeError, RecursionError):  # dateparser's own failures
        return None
    return _in_range(parsed.date(), s) if parsed else None


def decode_bytes(data: bytes, declared: Optional[str] = None) -> str:
    """Text of bytes: UTF-8 (BOM stripped), else the declared charset, else what charset-normalizer
    detects (Windows-1252 news pages, Latin-1 feeds).  Raises UnicodeDecodeError when nothing fits."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_error = exc
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    if best is None:
        raise first_error
    return str(best)


def _first(item: dict, fields) -> Optional[str]:
    for f in fields:
        for key in (f, f.lower(), f.capitalize()):
            v = item.get(key)
            if v not in (None, ""):
                if isinstance(v, dict):  # {"source": {"name": "AFP"}}
                    v = v.get("name") or v.get("title")
                return str(v) if v is not None else None
    return None


class _Stripper(HTMLParser):
    BLOCK = {"p", "br", "div", "li", "h1", "h2", "h3", "h4", "tr", "blockquote"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def strip_html(fragment: str) -> str:
    if "<" not in fragment:
        return html.unescape(fragment)
    p = _Stripper()
    p.feed(fragment)
    return "".join(p.parts)


def _body(item: dict) -> str:
    for f in TEXT_FIELDS:
        for key in (f, f.lower(), f.capitalize()):
            v = item.get(key)
            if v not in (None, ""):
                if not isinstance(v, str):  # {"text": 5} is a broken item, not an article "5"
                    raise ArticleError(f"field {key!r} must be a string, not {type(v).__name__}")
                return v
    raise ArticleError(f"no text field (one of {', '.join(TEXT_FIELDS)})")


def _item_article(item: dict, source: str, published, outlet) -> Article:
    body = _body(item)
    return make_article(
        strip_html(body), title=_first(item, TITLE_FIELDS),
        published=parse_date(_first(item, DATE_FIELDS)) or published,
        outlet=_first(item, OUTLET_FIELDS) or outlet, url=_first(item, ("url", "link")), source_path=source,
    )


def _guard(source: str, build) -> Article | IngestError:
    """One item: any failure becomes that item's IngestError, so the rest of the file goes on."""
    try:
        return build()
    except ArticleError as exc:
        return IngestError(source=source, reason=str(exc))
    except Exception as exc:  # noqa: BLE001 - an unforeseen bug must cost one item, not the batch
        return IngestError(source=source, reason=f"cannot read item: {type(exc).__name__}: {exc}")


def read_txt(path: Path, text: str, published, outlet) -> Iterator[Article | IngestError]:
    lines = text.replace("\r\n", "\n").split("\n")
    meta = {}
    while lines and (m := _HEADER.match(lines[0].strip())):
        meta[m.group(1).lower()] = m.group(2).strip()
        lines.pop(0)
    body = "\n".join(lines)
    yield _guard(str(path), lambda: make_article(
        body, title=meta.get("title"),
        published=parse_date(meta.get("published") or meta.get("date")) or published,
        outlet=meta.get("outlet") or meta.get("source") or outlet, url=meta.get("url") or meta.get("link"),
        source_path=str(path)))


def read_html(path: Path, text: str, published, outlet) -> Iterator[Article | IngestError]:
    import trafilatura

    if "<" not in text or not re.search(r"<\s*(html|body|p|div|article)\b", text, re.IGNORECASE):
        yield IngestError(source=str(path), reason="malformed HTML: no document structure found")
        return
    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    if doc is None or isinstance(doc, dict) or not doc.text:
        yield IngestError(source=str(path), reason="no article text found in HTML")
        return
    body = doc.text
    yield _guard(str(path), lambda: make_article(
        body, title=doc.title, published=parse_date(doc.date) or published,
        outlet=doc.sitename or outlet, url=doc.url, source_path=str(path)))


def read_jsonl(path: Path, text: str, published, outlet) -> Iterator[Article | IngestError]:
    if not text.strip():
        yield IngestError(source=str(path), reason="no JSON lines (only blank lines)")
        return
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{path}#{n}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(source=source, reason=f"malformed JSON on line {n}: {exc.msg}")
            continue
        except RecursionError:
            yield IngestError(source=source, reason=f"JSON on line {n} is nested too deeply")
            continue
        if not isinstance(item, dict):
            yield IngestError(source=source, reason=f"line {n} is not a JSON object")
            continue
        yield _guard(source, lambda: _item_article(item, source, published, outlet))


def read_json(path: Path, text: str, published, outlet) -> Iterator[Article | IngestError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield IngestError(source=str(path), reason=f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")
        return
    except RecursionError:
        yield IngestError(source=str(path), reason="JSON nested too deeply")
        return
    if isinstance(data, dict):
        data = data.get("articles") or data.get("items") or [data]
    if not isinstance(data, list):
        yield IngestError(source=str(path), reason="JSON must be an object or a list of objects")
        return
    if not data:  # a file that gives nothing must say so
        yield IngestError(source=str(path), reason="no articles: the JSON list is empty")
        return
    for n, item in enumerate(data, start=1):
        source = f"{path}#{n}"
        if not isinstance(item, dict):
            yield IngestError(source=source, reason=f"item {n} is not a JSON object")
            continue
        yield _guard(source, lambda: _item_article(item, source, published, outlet))


def read_csv(path: Path, text: str, published, outlet) -> Iterator[Article | IngestError]:
    csv.field_size_limit(10**8)
    reader = csv.DictReader(io.StringIO(text), strict=True)  # strict: an unterminated quote is an error
    n = 1  # row numbers as lines of a one-line-per-row file: the header is 1
    while True:
        n += 1
        try:
            row = next(reader)
        except StopIteration:
            if n == 2:
                yield IngestError(source=str(path), reason="no rows after the CSV header")
            return
        except csv.Error as exc:  # the rest of the file cannot be split into rows reliably
            yield IngestError(source=f"{path}#{n}", reason=f"malformed CSV in row {n} (line 1 the header): {exc}")
            return
        source = f"{path}#{n}"
        if None in row:
            yield IngestError(source=source, reason=f"malformed CSV row on line {n}: too many fields")
            continue
        yield _guard(source, lambda: _item_article(row, source, published, outlet))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _child_text(el, *names) -> Optional[str]:
    for child in el:
        if _local(child.tag) in names:
            if _local(child.tag) == "link" and child.get("href"):
                return child.get("href")
            if child.text and child.text.strip():
                return child.text.strip()
    return None


def read_feed(path: Path, text: str, published, outlet) -> Iterator[Article | IngestError]:
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        yield IngestError(source=str(path), reason=f"malformed XML: {exc}")
        return
    channel = next((el for el in root.iter() if _local(el.tag) == "channel"), root)
    feed_title = _child_text(channel, "title")
    items = [el for el in root.iter() if _local(el.tag) in ("item", "entry")]
    if not items:
        yield IngestError(source=str(path), reason="no RSS <item> or Atom <entry> elements")
        return
    for n, item in enumerate(items, start=1):
        source = f"{path}#{n}"
        fields = {
            "title": _child_text(item, "title"),
            "text": _child_text(item, "encoded", "content", "description", "summary"),
            "published": _child_text(item, "pubdate", "published", "updated", "date"),
            "url": _child_text(item, "link", "guid"),
            "outlet": _child_text(item, "source"),   # the item's own outlet (an aggregator's Reuters item)
        }
        yield _guard(source, lambda: _item_article(
            {k: v for k, v in fields.items() if v}, source, published, feed_title or outlet))


READERS = {
    ".txt": read_txt, ".text": read_txt, ".md": read_txt, "": read_txt,
    ".html": read_html, ".htm": read_html,
    ".jsonl": read_jsonl, ".ndjson": read_jsonl, ".json": read_json,
    ".csv": read_csv,
    ".xml": read_feed, ".rss": read_feed, ".atom": read_feed,
}
