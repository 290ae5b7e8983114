"""Article in, ArticleResult out: parse once, run the declared stages (sitrep/stages.py)."""
from __future__ import annotations

import datetime as dt
import functools
from typing import Iterable, Iterator, Optional

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


def extract(article: Article) -> ArticleResult:
    return to_result(full_pipeline().parse_and_run(article))


def extract_many(articles: Iterable[Article], batch_size: int = 16) -> Iterator[ArticleResult]:
    """Batch through nlp.pipe; yields results in input order."""
    for ctx in full_pipeline().pipe(articles, batch_size=batch_size):
        yield to_result(ctx)


def extract_text(text: str, published: Optional[dt.date] = None, outlet: Optional[str] = None) -> ArticleResult:
    return extract(article_from_text(text, published=published, outlet=outlet))
