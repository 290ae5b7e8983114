"""Exact and near-duplicate articles: word 5-gram shingles, MinHash + LSH, Jaccard check."""
from __future__ import annotations

import re
import zlib
from collections import defaultdict
from typing import Iterable, Literal, Optional

from ..records import Article

_PERMS = 32
_BANDS = 8            # 8 bands x 4 rows: candidates from Jaccard ~0.6 up
_ROWS = _PERMS // _BANDS
_MASK = (1 << 32) - 1
_SALTS = [(0x9E3779B1 * (i + 1)) & _MASK for i in range(_PERMS)]


def shingles(text: str, k: int = 5) -> set[int]:
    words = re.findall(r"\w+", text.lower())
    if len(words) < k:
        return {zlib.crc32(" ".join(words).encode())}
    return {zlib.crc32(" ".join(words[i:i + k]).encode()) for i in range(len(words) - k + 1)}


def _signature(sh: set[int]) -> list[int]:
    return [min(((h ^ s) * 0x01000193) & _MASK for h in sh) for s in _SALTS]


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


class DuplicateIndex:
    """Streaming index: add() says whether an article is new, an exact or a near duplicate."""

    def __init__(self, threshold: float = 0.8):
        self.threshold = threshold
        self.ids: set[str] = set()
        self.sets: dict[str, set[int]] = {}
        self.buckets: dict[tuple, list[str]] = defaultdict(list)

    def add(self, article: Article) -> tuple[Literal["new", "exact", "near"], Optional[str], float]:
        if article.id in self.ids:
            return "exact", article.id, 1.0
        sh = shingles(article.text)
        sig = _signature(sh)
        keys = [(b, tuple(sig[b * _ROWS:(b + 1) * _ROWS])) for b in range(_BANDS)]
        best, best_sim = None, 0.0
        for other in {o for k in keys for o in self.buckets.get(k, ())}:
            sim = jaccard(sh, self.sets[other])
            if sim > best_sim:
                best, best_sim = other, sim
        self.ids.add(article.id)
        self.sets[article.id] = sh
        for k in keys:
            self.buckets[k].append(article.id)
        if best is not None and best_sim >= self.threshold:
            return "near", best, best_sim
        return "new", None, 0.0


def near_duplicates(articles: Iterable[Article], threshold: float = 0.8) -> list[tuple[str, str, float]]:
    index = DuplicateIndex(threshold)
    pairs = []
    for a in articles:
        kind, other, sim = index.add(a)
        if kind != "new" and other is not None:  # a duplicate always names the article it repeats
            pairs.append((a.id, other, round(sim, 3)))
    return pairs
