"""Article in, ArticleResult out: parse once, run the declared stages (sitrep/stages.py)."""
from __future__ import annotations

import datetime as dt
import functools
from typing import Iterable, Iterator, Optional

from .chunking import CHUNK_CHARS, extract_chunked
from .extract.context import Context
from .ingest import article_from_text
from .records import Article, ArticleResult
from .stages import Pipeline


@functools.lru_cache(maxsize=1)
def full_pipeline() -> Pipeline:
    """Every registered stage, in contract order (built and checked once)."""
    return Pipeline()


def to_result(ctx: Context) -> ArticleResult:
    return ArticleResult(
        article=ctx.article, actors=ctx.actors, places=ctx.places, dates=ctx.dates,
        events=ctx.events, casualties=ctx.casualties, quotes=ctx.quotes,
    )


def _extract_whole(article: Article) -> ArticleResult:
    return to_result(full_pipeline().parse_and_run(article))


def extract(article: Article) -> ArticleResult:
    """A long article is extracted in paragraph-bounded chunks, so time stays linear in length."""
    if len(article.text) > CHUNK_CHARS:
        return extract_chunked(article, _extract_whole, limit=CHUNK_CHARS)
    return _extract_whole(article)


def extract_many(articles: Iterable[Article], batch_size: int = 16) -> Iterator[ArticleResult]:
    """Batch through nlp.pipe; yields results in input order (long articles one by one, chunked)."""
    articles = list(articles)
    short = full_pipeline().pipe([a for a in articles if len(a.text) <= CHUNK_CHARS], batch_size=batch_size)
    for article in articles:
        yield to_result(next(short)) if len(article.text) <= CHUNK_CHARS else extract(article)


def extract_text(text: str, published: Optional[dt.date] = None, outlet: Optional[str] = None) -> ArticleResult:
    return extract(article_from_text(text, published=published, outlet=outlet))
