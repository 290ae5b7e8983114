"""Long articles in chunks: the per-article budget that keeps extraction linear in length.

An article longer than CHUNK_CHARS is cut at paragraph boundaries (a paragraph longer than
that at sentence ends, then at spaces) into pieces of at most CHUNK_CHARS.  Each piece is
extracted as an article of its own with the headline line in front, so extractors that read
the headline still see it, and every span is mapped back to the full text.  Records the
headline yields are kept from the first piece only.  Cost: at most CHUNK_CHARS of context per
piece (a pronoun whose antecedent is in the previous piece stays unresolved), in exchange for
time that grows linearly with length (benchmarks/bench_long_article.py).
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from pydantic import BaseModel

from .records import Article, ArticleResult, Span

CHUNK_CHARS = 20_000
MAX_HEADLINE_CHARS = 1_000  # a longer first line is a paragraph, not a headline
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
RECORD_LISTS = ("actors", "places", "dates", "events", "casualties", "quotes")


def _cuts(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """[start, end) cut into ranges of at most `limit`: at newlines, else sentence ends, else spaces."""
    out: list[tuple[int, int]] = []
    limit = max(limit, 1)
    while end - start > limit:
        window = text[start:start + limit + 1]
        cut = window.rfind("\n")
        if cut <= 0:
            ends = [m.start() for m in _SENTENCE_END.finditer(window)]
            cut = ends[-1] if ends and ends[-1] > 0 else window.rfind(" ")
        if cut <= 0:
            cut = limit  # one unbroken run of characters: a hard cut
        out.append((start, start + cut))
        start += cut
        while start < end and text[start] in " \n":  # the separator belongs to neither piece
            start += 1
    if start < end:
        out.append((start, end))
    return out


def pieces(text: str, limit: int = CHUNK_CHARS) -> tuple[int, list[tuple[int, int]]]:
    """(headline length, body ranges): the headline is text[:headline length], 0 when none."""
    first = text.find("\n")
    head = first if 0 < first <= min(MAX_HEADLINE_CHARS, limit // 2) else 0  # room left for the body
    body_start = head + 1 if head else 0
    return head, _cuts(text, body_start, len(text), limit - head - 1 if head else limit)


class _Straddles(Exception):
    """A span covers the headline and the body piece: it has no place in the full text."""


def _remap(node, move: Callable[[int, int], tuple[int, int]]):
    if isinstance(node, Span):
        start, end = move(node.start, node.end)
        return node if (start, end) == (node.start, node.end) else Span(start=start, end=end, text=node.text)
    if isinstance(node, BaseModel):
        changed = {}
        for name in type(node).model_fields:
            value = getattr(node, name)
            new = _remap(value, move)
            if new is not value:
                changed[name] = new
        return node.model_copy(update=changed) if changed else node
    if isinstance(node, list):
        new = [_remap(x, move) for x in node]
        return new if any(a is not b for a, b in zip(new, node)) else node
    return node


def _main_span(record) -> Optional[Span]:
    return getattr(record, "mention", None) or getattr(record, "trigger", None) or getattr(record, "content", None)


def extract_chunked(article: Article, run: Callable[[Article], ArticleResult],
                    limit: int = CHUNK_CHARS) -> ArticleResult:
    """`run` on each piece of `article`; one ArticleResult with offsets into the full text."""
    text = article.text
    head, ranges = pieces(text, limit)
    merged: dict[str, list] = {name: [] for name in RECORD_LISTS}
    for k, (start, end) in enumerate(ranges):
        prefix = head + 1 if head else 0
        if k == 0 and head:  # the first piece runs on from the headline as in the full text
            chunk_text, offset, prefix = text[:end], 0, 0
        else:
            chunk_text, offset = (text[:head] + "\n" if head else "") + text[start:end], start - prefix

        def move(s: int, e: int, offset=offset, prefix=prefix) -> tuple[int, int]:
            if s >= prefix:
                return s + offset, e + offset
            if e <= prefix:  # inside the headline, which sits at the same place in the full text
                return s, e
            raise _Straddles

        piece = article.model_copy(update={"text": chunk_text})
        result = run(piece)
        for name in RECORD_LISTS:
            for record in getattr(result, name):
                main = _main_span(record)
                try:
                    moved = _remap(record, move)
                except _Straddles:
                    continue
                if k and prefix and main is not None and main.end <= prefix:
                    if name == "events":   # the headline's incident gains this piece's mentions of it
                        _add_mentions(merged["events"], moved)
                    continue  # the headline's records come from the first piece
                merged[name].append(moved)
    return ArticleResult(article=article, **merged)


def _add_mentions(events: list, again) -> None:
    """The first piece's record of a headline event takes the mentions another piece found."""
    for i, e in enumerate(events):
        if e.type == again.type and (e.trigger.start, e.trigger.end) == (again.trigger.start, again.trigger.end):
            have = {(m.start, m.end) for m in e.mentions}
            extra = [m for m in again.mentions if (m.start, m.end) not in have]
            if extra:
                events[i] = e.model_copy(update={"mentions": sorted([*e.mentions, *extra], key=lambda m: m.start)})
            return
