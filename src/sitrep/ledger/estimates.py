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
    best = the highest specific figure (exact or "at least N"), plus the figures that say
           they are further victims ("two other civilians were also killed", "another
           three people died"); vague quantities ("dozens") only when nothing specific is
           given, then their low end.
  The highest specific figure is best because within and across reports a toll only
  grows as bodies are counted, while a repeat or a breakdown is never larger than the
  total ("killed 10 children ... we received 10 dead children" is 10, not 20).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Optional, Protocol, Sequence

from .. import rules


def _cue_pattern(tag: str) -> re.Pattern:
    words = sorted(rules.words("casualty_cues", tag=tag), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


MULTI_INCIDENT = re.compile(r"\b(?:" + "|".join(sorted((re.escape(w) for w in rules.words("casualty_cues", tag="multi_incident")),
                                                   key=len, reverse=True))
                            + r"|two|three|four|five|\d+)\s+(?:\w+\s+)?(?:"
                            + "|".join(re.escape(w) for w in sorted(rules.words("casualty_cues", tag="incident_plural")))
                            + r")\b", re.IGNORECASE)
BREAKDOWN = re.compile(_cue_pattern("breakdown").pattern + r"|[(:]", re.IGNORECASE)
ADDITIONAL = _cue_pattern("additional")
PART_OF = re.compile(r"\s*(?:of (?:them|whom|those|the dead|the victims)|from (?:the same|one|a single))\b", re.IGNORECASE)
MORE = re.compile(r"\S\s+more\b(?!\s+than)", re.IGNORECASE)
WOUNDED_WORDS = sorted((w for w, o in rules.mapping("casualty_cues", "outcome", tag="outcome_word").items() if o == "wounded"),
                       key=len, reverse=True)
OF_THE_WOUNDED = re.compile(r"\s*of (?:the|those) (?:" + "|".join(re.escape(w) for w in WOUNDED_WORDS) + r")\b", re.IGNORECASE)


class Claim(Protocol):
    # read-only, so that frozen records and Figures both are Claims
    @property
    def low(self) -> int: ...
    @property
    def high(self) -> int: ...
    @property
    def approximate(self) -> bool: ...


@dataclass(frozen=True)
class Figure:
    """A total built from one or more claims."""
    low: int
    high: int
    approximate: bool = False
    additional: bool = False    # "two other civilians were also killed": beyond the total so far

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
    extra = [c for c in specific if getattr(c, "additional", False)]
    main = [c for c in specific if not getattr(c, "additional", False)]
    if specific:
        best = (max(c.low for c in main) if main else 0) + sum(c.low for c in extra)
    else:
        best = min(c.low for c in claims)
    low = min(c.low for c in claims)
    high = max(max(c.high for c in claims), best)
    return best, low, high


def _after(c) -> str:
    return c.evidence.text[c.mention.end - c.evidence.start:][:40]


def _between(text: str, a, b) -> str:
    return text[a.mention.end - a.evidence.start:b.mention.start - a.evidence.start]


OTHERS = re.compile(r"\bothers?\b", re.IGNORECASE)
SEPARATE = _cue_pattern("separate_event")



DEFINITE = rules.words("determiners", tag="definite")


def _word_before(c) -> str:
    """The word just before a count's mention in its sentence ('Another' in 'Another two people');
    none after a definite determiner ('the other three passengers' are the rest of a group
    counted before)."""
    words = c.evidence.text[:c.mention.start - c.evidence.start].split()
    if len(words) > 1 and words[-2].casefold() in DEFINITE:
        return ""
    return words[-1] if words else ""


def _additional(c, before=None) -> bool:
    """'two other civilians', 'four more civilians' (not 'more than 100'), '... were also killed'.
    `before`: the count just before this one in the article (any outcome); 'others' after a
    count of another outcome are others than those ('11 were killed. 15 others sustained
    injuries'), not further victims of this outcome."""
    if re.search(r"\balso\b", c.evidence.text, re.IGNORECASE) or MORE.search(c.mention.text) \
            or SEPARATE.search(c.evidence.text):
        return True   # "... were also killed", "Separately, a bomb killed two"
    if getattr(c, "outcome", None) == "killed" and OF_THE_WOUNDED.match(_after(c)):
        return True   # "One of the injured later died": a death beyond those killed outright
    cue = ADDITIONAL.search(c.mention.text) or ADDITIONAL.fullmatch(_word_before(c))   # "Another two people died"
    if cue and OTHERS.fullmatch(cue.group(0)) and before is not None and before.outcome != c.outcome:
        return False
    return bool(cue)


def sentence_totals(claims: Sequence, context: Sequence = ()) -> list[Figure]:
    """Casualty records (with `mention` and `evidence` spans) of one outcome -> one Figure a sentence.
    `context`: all the article's casualty records (any outcome), to read 'others' against the count
    before it.  A sentence total that says it covers several attacks ('killed 17 in two separate
    attacks') is the sum of the later sentences, which then add nothing."""
    by_sentence: dict[int, dict[tuple[int, int], Any]] = {}
    for c in claims:
        by_sentence.setdefault(c.evidence.start, {}).setdefault((c.mention.start, c.mention.end), c)
    out: list[Figure] = []
    for _, mentions in sorted(by_sentence.items()):
        ordered = sorted(mentions.values(), key=lambda c: c.mention.start)
        added: list[Any] = []
        for c in ordered:
            if added and (BREAKDOWN.search(_between(c.evidence.text, added[-1], c)) or PART_OF.match(_after(c))) \
                    and c.high <= sum(a.high for a in added):
                continue  # "killed 44 people, including 8 civilians", "six children - three of them ...": part of the total
            added.append(c)
        first = added[0]
        before = max((o for o in context if o.mention.start < first.mention.start), key=lambda o: o.mention.start,
                     default=None)
        out.append(Figure(low=sum(c.low for c in added), high=sum(c.high for c in added),
                          approximate=any(c.approximate for c in added),
                          additional=bool(out) and _additional(first, before)))
    summary = next((i for i, (_, mentions) in enumerate(sorted(by_sentence.items()))
                    if any(MULTI_INCIDENT.search(c.evidence.text) for c in mentions.values())), None)
    if summary is not None:   # the later sentences break the summary down
        out = [f if i <= summary else Figure(f.low, f.high, f.approximate) for i, f in enumerate(out)]
    return out


def incident_count(casualties: Sequence, outcome: str = "killed") -> int:
    """The best count of one incident's `outcome` in one article (0 when none is stated);
    running tolls ("so far", "in the war") are not the incident's."""
    claims = [c for c in casualties if c.outcome == outcome]
    claims = [c for c in claims if not c.cumulative] or claims
    result = estimate(sentence_totals(claims, casualties))
    return result[0] if result else 0


NONCOMBATANT_WORDS = rules.words("casualty_cues", tag="noncombatant")


def _names_noncombatants(c) -> bool:
    """The count says in so many words that its victims are noncombatants ('18 civilians')."""
    mention = getattr(c, "mention", None)
    return mention is not None and any(w.strip("(),.").casefold() in NONCOMBATANT_WORDS for w in mention.text.split())


def unarmed_count(casualties: Sequence, outcome: str = "killed") -> int:
    """The incident's count of `outcome` less the armed among them (soldiers, police, fighters
    counted as such): 'Seven people were killed: six civilians and one soldier' is 6, 'three
    soldiers and eight civilians' is 8.  Where only the armed are counted, their count."""
    claims = [c for c in casualties if c.outcome == outcome]
    armed = [c for c in claims if getattr(c, "population", None) == "military"]
    if not armed or len(armed) == len(claims):
        return incident_count(casualties, outcome)
    unarmed = [c for c in casualties if c.outcome != outcome or c.population != "military"]
    armed_only = {c.evidence.start for c in armed} - {c.evidence.start for c in claims if c not in armed}
    if armed_only and max(c.low for c in armed if c.evidence.start in armed_only) > max(
            c.low for c in claims if c not in armed):
        return incident_count(unarmed, outcome)   # "12 insurgents were killed" on their own: not among the victims
    total, armed_total = incident_count(casualties, outcome), incident_count(armed, outcome)
    if any(c.low == total and _names_noncombatants(c) for c in claims if c not in armed):
        return incident_count(unarmed, outcome)   # "Armed men killed 18 civilians": no soldier among them
    if total > armed_total:
        return total - armed_total   # the armed are part of the total
    return incident_count(unarmed, outcome)
