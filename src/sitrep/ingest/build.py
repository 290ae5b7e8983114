"""Article construction: cleaning, size and language checks, stable id."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from ..records import Article
from .clean import clean, clean_field, english_ratio, looks_english, text_id

MAX_ARTICLE_CHARS = 1_000_000
MAX_OUTLET_CHARS, MAX_URL_CHARS = 200, 2000   # metadata from feeds is untrusted: one line, bounded


class ArticleError(ValueError):
    """The content cannot become an article (empty, not English, too long)."""


def make_article(text: str, *, title: Optional[str] = None, published: Optional[dt.date] = None,
                 outlet: Optional[str] = None, url: Optional[str] = None,
                 source_path: Optional[str] = None) -> Article:
    cleaned, removed = clean(text)
    outlet, url = clean_field(outlet, MAX_OUTLET_CHARS), clean_field(url, MAX_URL_CHARS)
    if title:
        title, _ = clean(title)
        title = title.replace("\n", " ")
        if title and not cleaned.startswith(title):
            cleaned = f"{title}\n{cleaned}" if cleaned else title
    if not cleaned.strip():
        raise ArticleError("empty article: no text after cleaning")
    if len(cleaned) > MAX_ARTICLE_CHARS:
        raise ArticleError(f"article too long: {len(cleaned):,} characters (limit {MAX_ARTICLE_CHARS:,})")
    if not looks_english(cleaned):
        raise ArticleError(f"not English (English function-word ratio {english_ratio(cleaned):.2f})")
    first = cleaned.split("\n", 1)[0]
    return Article(id=text_id(cleaned), text=cleaned, title=title or first, published=published,
                   outlet=outlet, url=url, source_path=source_path, language="en", removed_lines=removed)
