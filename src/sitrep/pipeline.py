"""Article in, ArticleResult out: parse once, run the extractors in order."""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Iterator, Optional

from .chunking import CHUNK_CHARS, extract_chunked
from .extract import actors, casualties, dates, events, places, quotes
from .extract.context import Context
from .ingest import article_from_text
from .nlp import get_nlp
from .records import Article, ArticleResult


def _run(article: Article, doc) -> ArticleResult:
    ctx = Context(article=article, doc=doc)
    ctx.actors = actors.extract(ctx)
    ctx.places = places.extract(ctx)
    ctx.dates = dates.extract(ctx)
    ctx.quotes = quotes.extract(ctx)
    ctx.events = events.extract(ctx)
    found_casualties = casualties.extract(ctx)
    return ArticleResult(
        article=article, actors=ctx.actors, places=ctx.places, dates=ctx.dates,
        events=ctx.events, casualties=found_casualties, quotes=ctx.quotes,
    )


def _extract_whole(article: Article) -> ArticleResult:
    return _run(article, get_nlp()(article.text))


def extract(article: Article) -> ArticleResult:
    """A long article is extracted in paragraph-bounded chunks, so time stays linear in length."""
    if len(article.text) > CHUNK_CHARS:
        return extract_chunked(article, _extract_whole)
    return _extract_whole(article)


def extract_many(articles: Iterable[Article], batch_size: int = 16) -> Iterator[ArticleResult]:
    """Batch through nlp.pipe; yields results in input order."""
    articles = list(articles)
    docs = get_nlp().pipe((a.text for a in articles if len(a.text) <= CHUNK_CHARS), batch_size=batch_size)
    for article in articles:
        yield _run(article, next(docs)) if len(article.text) <= CHUNK_CHARS else extract(article)


def extract_text(text: str, published: Optional[dt.date] = None, outlet: Optional[str] = None) -> ArticleResult:
    return extract(article_from_text(text, published=published, outlet=outlet))
