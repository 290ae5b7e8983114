"""Checks every extraction output must pass, whatever the input (used by the fuzz tests).

Each span indexes the article's cleaned text (its `text` equals `article.text[start:end]`,
0 <= start <= end <= len(text)); every count has 0 <= low <= high.
"""
from __future__ import annotations

from pydantic import BaseModel

from .records import ArticleResult, Span


def _walk(node, path: str):
    if isinstance(node, BaseModel):
        yield path, node
        for name in type(node).model_fields:
            yield from _walk(getattr(node, name), f"{path}.{name}")
    elif isinstance(node, (list, tuple)):
        for i, item in enumerate(node):
            yield from _walk(item, f"{path}[{i}]")


def violations(result: ArticleResult) -> list[str]:
    """What is wrong with `result` (empty when nothing is)."""
    text = result.article.text
    bad = []
    for path, node in _walk(result, "result"):
        if isinstance(node, Span):
            if not 0 <= node.start <= node.end <= len(text):
                bad.append(f"{path}: span [{node.start}, {node.end}) outside 0..{len(text)} or inverted")
            elif text[node.start:node.end] != node.text:
                bad.append(f"{path}: span text {node.text[:40]!r} != article text {text[node.start:node.end][:40]!r}")
        low, high = getattr(node, "low", None), getattr(node, "high", None)
        if isinstance(low, int) and isinstance(high, int) and not 0 <= low <= high:
            bad.append(f"{path}: low {low} > high {high} or negative")
    return bad
