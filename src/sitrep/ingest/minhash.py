"""Near-duplicate articles across runs: datasketch MinHash signatures, kept in the store.

Each stored article's text (word 5-gram shingles, as ingest.dedup) gets a 128-permutation
MinHash, written next to the article; an ingest loads the stored signatures into an LSH
index, so a wire copy ingested weeks after the original is recognised.  The ledger counts
an event's *independent* sources: its source articles grouped by near-duplicate text
(estimated Jaccard >= THRESHOLD), one per group.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
THRESHOLD = 0.8
SHINGLE = 5
SCHEME = "affine32"   # datasketch 2 hashing scheme; stored signatures are only comparable within one


@lru_cache(maxsize=4)
def _permutations(num_perm: int):
    """The seed's permutations, drawn once: MinHash() draws them anew for every signature."""
    return MinHash(num_perm=num_perm, scheme=SCHEME).permutations


def signature(text: str) -> MinHash:
    words = re.findall(r"\w+", text.lower())
    grams = [" ".join(words[i:i + SHINGLE]) for i in range(max(len(words) - SHINGLE + 1, 1))]
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_permutations(NUM_PERM))
    m.update_batch(g.encode("utf-8") for g in grams)
    return m


def to_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype="<u8").tobytes()


def from_bytes(data: bytes, num_perm: int = NUM_PERM) -> MinHash:
    return MinHash(num_perm=num_perm, scheme=SCHEME, hashvalues=np.frombuffer(data, dtype="<u8").astype(np.uint64),
                   permutations=_permutations(num_perm))


class NearDuplicates:
    """LSH over the stored signatures plus those added in this run."""

    def __init__(self, stored: Optional[dict[str, MinHash]] = None, threshold: float = THRESHOLD):
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.sigs: dict[str, MinHash] = {}
        for article_id, m in (stored or {}).items():
            self._insert(article_id, m)

    def _insert(self, article_id: str, m: MinHash) -> None:
        if article_id not in self.sigs:
            self.sigs[article_id] = m
            self.lsh.insert(article_id, m)

    def match(self, article_id: str, m: MinHash) -> tuple[Optional[str], float]:
        """The most similar other article at or above the threshold, and the estimated Jaccard."""
        best, best_sim = None, 0.0
        for other in self.lsh.query(m):
            if other == article_id:
                continue
            sim = m.jaccard(self.sigs[other])
            if sim > best_sim:
                best, best_sim = other, sim
        return (best, best_sim) if best_sim >= self.threshold else (None, 0.0)

    def add(self, article_id: str, m: MinHash) -> tuple[Optional[str], float]:
        found = self.match(article_id, m)
        self._insert(article_id, m)
        return found


def independent_count(article_ids: Iterable[str], sigs: dict[str, MinHash], threshold: float = THRESHOLD) -> int:
    """Number of groups of near-duplicate articles among article_ids (single linkage)."""
    ids = list(dict.fromkeys(article_ids))
    parent = {a: a for a in ids}

    def root(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            if a in sigs and b in sigs and sigs[a].jaccard(sigs[b]) >= threshold:
                parent[root(a)] = root(b)
    return len({root(a) for a in ids})
