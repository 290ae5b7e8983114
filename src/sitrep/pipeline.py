"""Article in, ArticleResult out: parse once, run the declared stages (sitrep/stages.py)."""
from __future__ import annotations

import datetime as dt
import functools
from typing import Iterable, Iterator, Optional

from .extract.context import Context
from .ingest import article_from_text
from .nlp import get_nlp
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


def _run(article: Article, doc) -> ArticleResult:
    return to_result(full_pipeline().run(article, doc))


def extract(article: Article) -> ArticleResult:
    return _run(article, get_nlp()(article.text))


def extract_many(articles: Iterable[Article], batch_size: int = 16) -> Iterator[ArticleResult]:
    """Batch through nlp.pipe; yields results in input order."""
    articles = list(articles)
    docs = get_nlp().pipe((a.text for a in articles), batch_size=batch_size)
    for article, doc in zip(articles, docs):
        yield _run(article, doc)


def extract_text(text: str, published: Optional[dt.date] = None, outlet: Optional[str] = None) -> ArticleResult:
    return extract(article_from_text(text, published=published, outlet=outlet))
