"""One number per incident: totals, breakdowns and UCDP-style best/low/high.

Two steps, both pure functions over casualty claims (anything with `low`, `high`,
`approximate`; `Casualty` records and ledger `ClaimPoint`s both qualify):

* `sentence_totals`: within one sentence, coordinated counts of one outcome add up
  ("three soldiers and eight civilians" is 11); a count introduced as a breakdown of an
  earlier one ("at least 44 people, including 8 civilians", "15 persons died (13
  civilians)") is part of it and is not added; the same mention read twice counts once.
* `estimate`: the claims of one incident (the sentence totals of one article, or the
  figures several sources give) -> (best, low, high):
    low  = the lowest figure (a vague range contributes its low end);
    high = the highest figure (a vague range contributes its high end);
    best = the highest specific figure (exact or "at least N"); vague quantities
           ("dozens") only when nothing specific is given, then their low end.
  The highest specific figure is best because within and across reports a toll only
  grows as bodies are counted, while a repeat or a breakdown is never larger than the
  total ("killed 10 children ... we received 10 dead children" is 10, not 20).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional, Protocol, Sequence

BREAKDOWN = re.compile(r"\b(?:including|includ(?:es|ed)|among (?:them|whom|those|the dead|the victims|the)|"
                       r"of (?:whom|them|those)|mostly|mainly|most of them|such as)\b|[(:]", re.IGNORECASE)


class Claim(Protocol):
    low: int
    high: int
    approximate: bool


@dataclass(frozen=True)
class Figure:
    """A total built from one or more claims."""
    low: int
    high: int
    approximate: bool = False

    @property
    def vague(self) -> bool:
        return self.low != self.high and self.approximate


def _is_vague(c: Claim) -> bool:
    return c.low != c.high and bool(c.approximate)


def estimate(claims: Iterable[Claim]) -> Optional[tuple[int, int, int]]:
    """(best, low, high) for the claims of one incident; None when there are none."""
    claims = list(claims)
    if not claims:
        return None
    specific = [c for c in claims if not _is_vague(c)]
    best = max(c.low for c in specific) if specific else min(c.low for c in claims)
    return best, min(c.low for c in claims), max(c.high for c in claims)


def _between(text: str, a, b) -> str:
    return text[a.mention.end - a.evidence.start:b.mention.start - a.evidence.start]


def sentence_totals(claims: Sequence) -> list[Figure]:
    """Casualty records (with `mention` and `evidence` spans) of one outcome -> one Figure a sentence."""
    by_sentence: dict[int, dict[tuple[int, int], object]] = {}
    for c in claims:
        by_sentence.setdefault(c.evidence.start, {}).setdefault((c.mention.start, c.mention.end), c)
    out = []
    for _, mentions in sorted(by_sentence.items()):
        ordered = sorted(mentions.values(), key=lambda c: c.mention.start)
        added = []
        for c in ordered:
            if added and BREAKDOWN.search(_between(c.evidence.text, added[-1], c)) and c.high <= sum(
                    a.high for a in added):
                continue  # "killed 44 people, including 8 civilians": part of the total
            added.append(c)
        out.append(Figure(low=sum(c.low for c in added), high=sum(c.high for c in added),
                          approximate=any(c.approximate for c in added)))
    return out


def incident_count(casualties: Sequence, outcome: str = "killed") -> int:
    """The best count of one incident's `outcome` in one article (0 when none is stated);
    running tolls ("so far", "in the war") are not the incident's."""
    claims = [c for c in casualties if c.outcome == outcome]
    claims = [c for c in claims if not c.cumulative] or claims
    result = estimate(sentence_totals(claims))
    return result[0] if result else 0
