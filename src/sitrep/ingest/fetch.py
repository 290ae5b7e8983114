"""URLs in: web pages (trafilatura) and RSS/Atom feeds (feedparser), items' links followed.

A feed item becomes the article its link points to, with the item's own `<source>` as its
outlet where it has one (an aggregator's item from Reuters is Reuters'), else the feed's
title; the item's date is the publication date.  When the linked page cannot be fetched or
has no article text, the item's own content or summary stands in; when it has neither, the
item is an IngestError naming the feed and the link.  Each article's source key is its URL,
so a feed polled again (`sitrep watch`) ingests only new items.  Conditional requests
(ETag / Last-Modified) let an unchanged feed answer 304 without a body.  Text not in UTF-8
is decoded by its declared charset, else by charset-normalizer's detection.
"""
from __future__ import annotations

import datetime as dt
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Iterator, Optional

from ..records import Article, IngestError
from .build import ArticleError, make_article
from .formats import decode_bytes, parse_date, read_html, read_txt, strip_html

USER_AGENT = "sitrep/0.1 (+https://example.org/sitrep; conflict news research)"
TIMEOUT_S = 20
MAX_BYTES = 20 * 1024 * 1024
FEED_TYPES = ("rss", "atom", "rdf", "/xml", "+xml")


def is_url(value) -> bool:
    return isinstance(value, str) and re.match(r"^https?://", value, re.I) is not None


@dataclass
class Response:
    url: str
    status: int
    body: bytes = b""
    headers: dict = field(default_factory=dict)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").lower()

    def text(self) -> str:
        m = re.search(r"charset=([\w-]+)", self.content_type)
        return decode_bytes(self.body, m.group(1) if m else None)


class FetchError(Exception):
    pass


def fetch(url: str, etag: Optional[str] = None, last_modified: Optional[str] = None,
          timeout: float = TIMEOUT_S) -> Response:
    """GET url; 304 when the ETag / Last-Modified given still match. Raises FetchError."""
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html, application/rss+xml, application/atom+xml, */*"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    req = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                raise FetchError(f"response larger than {MAX_BYTES:,} bytes")
            return Response(resp.geturl(), resp.status, body, {k.lower(): v for k, v in resp.headers.items()})
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Response(url, 304, b"", {k.lower(): v for k, v in exc.headers.items()})
        raise FetchError(f"HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(f"cannot fetch: {reason}") from None


def looks_like_feed(resp: Response, text: str) -> bool:
    if any(t in resp.content_type for t in FEED_TYPES) and "html" not in resp.content_type:
        return True
    head = text.lstrip()[:500].lower()
    return head.startswith("<?xml") and re.search(r"<(rss|feed|rdf:rdf)\b", text[:2000], re.I) is not None


def _with_url(item, url: str):
    if isinstance(item, Article):
        return item.model_copy(update={"url": item.url or url, "source_path": url})
    return item


def read_page(url: str, resp: Response, published=None, outlet=None, title=None) -> Iterator[Article | IngestError]:
    text = resp.text()
    reader = read_html if "html" in resp.content_type or re.search(r"<\s*html\b", text[:2000], re.I) else read_txt
    for item in reader(url, text, published, outlet):  # type: ignore[arg-type]  # a URL names the source
        if isinstance(item, Article) and title and not item.title:
            item = item.model_copy(update={"title": title})
        yield _with_url(item, url)


def _entry_date(entry) -> Optional[dt.date]:
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if t:
            return dt.date(t.tm_year, t.tm_mon, t.tm_mday)
    return parse_date(entry.get("published") or entry.get("updated"))


def _entry_outlet(entry, feed_title: Optional[str]) -> Optional[str]:
    src = entry.get("source")
    name = (src.get("title") if hasattr(src, "get") else None) if src else None
    return (name or "").strip() or feed_title


def feed_items(feed_url: str, text: str, published=None, outlet=None,
               is_done=lambda key: False) -> Iterator[Article | IngestError]:
    """The articles a feed's items link to (items already done are skipped)."""
    import feedparser

    parsed = feedparser.parse(text)
    if parsed.bozo and not parsed.entries:
        yield IngestError(source=feed_url, reason=f"malformed feed: {parsed.get('bozo_exception')}")
        return
    if not parsed.entries:
        yield IngestError(source=feed_url, reason="no RSS <item> or Atom <entry> elements")
        return
    feed_title = parsed.feed.get("title") or outlet
    for n, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link")
        key = link or f"{feed_url}#{n}"
        if is_done(key):
            continue
        day = _entry_date(entry) or published
        who = _entry_outlet(entry, feed_title)
        title = entry.get("title")
        yield from _entry_article(feed_url, n, key, link, entry, day, who, title)


def _entry_article(feed_url, n, key, link, entry, day, who, title) -> Iterator[Article | IngestError]:
    reason = None
    if link and is_url(link):
        try:
            resp = fetch(link)
            items = list(read_page(link, resp, published=day, outlet=who, title=title))
            good = [i for i in items if isinstance(i, Article)]
            if good:
                # the feed's metadata is the item's; the page's own wins only where the item has none
                yield good[0].model_copy(update={"outlet": who or good[0].outlet,
                                                 "published": day or good[0].published,
                                                 "source_path": key, "url": link})
                return
            reason = next((i.reason for i in items if isinstance(i, IngestError)), "no article text")
        except FetchError as exc:
            reason = str(exc)
    body = next((c.get("value") for c in entry.get("content", []) if c.get("value")), None) or entry.get("summary")
    if body:
        try:
            yield make_article(strip_html(body), title=title, published=day, outlet=who, url=link, source_path=key)
            return
        except ArticleError as exc:
            reason = str(exc)
    yield IngestError(source=f"{feed_url} item {n} ({link or 'no link'})", reason=reason or "item has no text or link")


def read_url(url: str, published=None, outlet=None, is_done=lambda key: False,
             etag: Optional[str] = None, last_modified: Optional[str] = None,
             state: Optional[dict] = None) -> Iterator[Article | IngestError]:
    """A page or a feed URL. `state` (a dict) receives the response's etag/last_modified/status."""
    try:
        resp = fetch(url, etag=etag, last_modified=last_modified)
    except FetchError as exc:
        yield IngestError(source=url, reason=str(exc))
        return
    if state is not None:
        state.update(status=resp.status, etag=resp.headers.get("etag"),
                     last_modified=resp.headers.get("last-modified"))
    if resp.status == 304:
        return
    text = resp.text()
    if looks_like_feed(resp, text):
        yield from feed_items(url, text, published=published, outlet=outlet, is_done=is_done)
    elif not is_done(url):
        yield from read_page(url, resp, published=published, outlet=outlet)
