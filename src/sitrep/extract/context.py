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
        if self._sents is None:  # built once: long articles stay linear
            self._sents = list(self.doc.sents)
            self._starts = [s.start_char for s in self._sents]
        i = bisect.bisect_right(self._starts, char) - 1
        if i >= 0 and char < self._sents[i].end_char:
            return self._sents[i]
        return None

    @staticmethod
    def _within(items, start: int, end: int):
        return [x for x in items if x.mention.start >= start and x.mention.end <= end]

    def actors_in(self, start: int, end: int) -> list[Actor]:
        return self._within(self.actors, start, end)

    def places_in(self, start: int, end: int) -> list[Place]:
        return self._within(self.places, start, end)

    def dates_in(self, start: int, end: int) -> list[TimeExpr]:
        return self._within(self.dates, start, end)

    def actor_at(self, start: int, end: int) -> Optional[Actor]:
        """The actor whose mention overlaps [start, end), longest first."""
        hits = [a for a in self.actors if a.mention.start < end and start < a.mention.end]
        return max(hits, key=lambda a: a.mention.end - a.mention.start) if hits else None

    def place_at(self, start: int, end: int) -> Optional[Place]:
        hits = [p for p in self.places if p.mention.start < end and start < p.mention.end]
        return hits[0] if hits else None
