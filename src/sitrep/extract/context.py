"""Shared state for one article's extraction: the Doc plus earlier extractors' records.

Each extractor is a stage (sitrep/stages.py) that declares which of these fields it
requires and which one it assigns; it reads what earlier stages found through the lookups here.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Span as SpacySpan

from ..records import Actor, Article, Casualty, Place, Quote, Span, TimeExpr, Event


@dataclass
class Context:
    article: Article
    doc: Doc
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    _sents: Optional[list] = field(default=None, repr=False)
    _starts: Optional[list] = field(default=None, repr=False)
    _indexes: dict = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        return self.article.text

    def span(self, start: int, end: int) -> Span:
        return Span(start=start, end=end, text=self.article.text[start:end])

    def of(self, s: SpacySpan) -> Span:
        """Record Span for a spaCy span/sentence (whitespace-trimmed)."""
        start, end = s.start_char, s.end_char
        t = self.article.text
        while end > start and t[end - 1].isspace():
            end -= 1
        return self.span(start, end)

    def sentence_of(self, char: int) -> Optional[SpacySpan]:
        if self._sents is None or self._starts is None:  # built once: long articles stay linear
            self._sents = list(self.doc.sents)
            self._starts = [s.start_char for s in self._sents]
        sents, starts = self._sents, self._starts
        i = bisect.bisect_right(starts, char) - 1
        if i >= 0 and char < sents[i].end_char:
            return sents[i]
        return None

    def _index(self, items: list) -> _MentionIndex:
        """A sorted index of `items` by mention, rebuilt when the list changes: lookups per
        sentence stay logarithmic, so long articles stay linear."""
        idx = self._indexes.get(id(items))
        if idx is None or idx.items is not items or idx.size != len(items):
            idx = self._indexes[id(items)] = _MentionIndex(items)
        return idx

    def _within(self, items, start: int, end: int):
        return self._index(items).within(start, end)

    def actors_in(self, start: int, end: int) -> list[Actor]:
        return self._within(self.actors, start, end)

    def places_in(self, start: int, end: int) -> list[Place]:
        return self._within(self.places, start, end)

    def dates_in(self, start: int, end: int) -> list[TimeExpr]:
        return self._within(self.dates, start, end)

    def actor_at(self, start: int, end: int) -> Optional[Actor]:
        """The actor whose mention overlaps [start, end), longest first."""
        hits = self._index(self.actors).overlapping(start, end)
        return max(hits, key=lambda a: a.mention.end - a.mention.start) if hits else None

    def place_at(self, start: int, end: int) -> Optional[Place]:
        hits = self._index(self.places).overlapping(start, end)
        return hits[0] if hits else None


class _MentionIndex:
    """Records sorted by mention start; answers keep the list's own order."""

    def __init__(self, items: list):
        self.items, self.size = items, len(items)
        order = sorted(range(len(items)), key=lambda i: items[i].mention.start)
        self.order = order
        self.starts = [items[i].mention.start for i in order]
        self.longest = max((x.mention.end - x.mention.start for x in items), default=0)

    def _pick(self, lo: int, hi: int, keep) -> list:
        found = sorted(i for i in self.order[lo:hi] if keep(self.items[i].mention))
        return [self.items[i] for i in found]

    def within(self, start: int, end: int) -> list:
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_right(self.starts, end)
        return self._pick(lo, hi, lambda m: m.end <= end)

    def overlapping(self, start: int, end: int) -> list:
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return self._pick(lo, hi, lambda m: m.start < end and start < m.end)
