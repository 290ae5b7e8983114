"""Stances stated as idioms rather than with a trigger verb: threats ("America and Britain will
pay a heavy price", "I will not hesitate to ..."), refusals ("it will not cede any territory")
and accusations ("Moscow regarded the attack as a violation of Syria's sovereignty").

The table data/en/idiom_triggers.tsv names the type, the verb and its word, and whether the idiom
needs a negation and the future. events.py turns a match into a mention whose agent is the
speaker (the claimant) and whose target is what the `subject` column says."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy import symbols as sym
from spacy.tokens import Token

from .. import rules


@dataclass(frozen=True)
class IdiomRow:
    """One row of idiom_triggers.tsv (the fields are its columns)."""
    idiom: str
    type: str
    verb: str
    word: str
    negated: str
    ahead: str
    subject: str


def _by_verb(rows: list[IdiomRow]) -> dict[str, list[IdiomRow]]:
    out: dict[str, list[IdiomRow]] = {}
    for row in rows:
        out.setdefault(row.verb, []).append(row)
    return out


IDIOMS = _by_verb([IdiomRow(**row) for row in rules.filled("idiom_triggers", ("type", "verb")).values()])
NEGATIVE_DETS = rules.words("determiners", tag="negative")
AHEAD_AUX = rules.words("future_aux") | rules.words("modal_aux")   # "will", "would", "must", ...
SUBJECT_TARGET, SUBJECT_ACTS, SUBJECT_SAYS = "target", "agent_of", "agent"   # the subject column's values
ARGUMENT_DEPS = (sym.dobj, sym.acomp, sym.advmod, sym.oprd, sym.attr, sym.xcomp)


@dataclass(frozen=True)
class Idiom:
    verb: Token
    type: str
    subject_role: str   # SUBJECT_TARGET, SUBJECT_ACTS, SUBJECT_SAYS or ""


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _words_after(verb: Token) -> dict[str, Token]:
    """The verb's object, complement or particle and the objects of its prepositions, by lemma."""
    out = {}
    for c in verb.children:
        if c.dep in ARGUMENT_DEPS:
            out[_lemma(c)] = c
        elif c.dep == sym.prep:
            out.update((_lemma(o), o) for o in c.children if o.dep == sym.pobj)
    return out


def _negated(verb: Token, word: Optional[Token]) -> bool:
    """'will not cede', 'will never surrender', 'has no intention'."""
    if any(c.dep == sym.neg for c in verb.children):
        return True
    return word is not None and any(c.dep == sym.det and c.lower_ in NEGATIVE_DETS for c in word.children)


def _clause_head(verb: Token) -> Token:
    """Climb 'have to prepare to pay' to the verb carrying the auxiliaries."""
    tok = verb
    while tok.dep == sym.xcomp and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _ahead(verb: Token) -> bool:
    """In the future or under a modal: 'will pay', 'would not go', 'will have to prepare to pay'."""
    for tok in {verb, _clause_head(verb)}:
        if any(c.dep in (sym.aux, sym.auxpass) and c.lower_ in AHEAD_AUX for c in tok.children):
            return True
    return False


def match(tok: Token) -> Optional[Idiom]:
    """The idiom a verb token begins, if its clause says it is ahead."""
    rows = IDIOMS.get(_lemma(tok)) if tok.pos in (sym.VERB, sym.AUX) else None
    if not rows:
        return None
    words = _words_after(tok)
    for row in rows:
        word = words.get(row.word) if row.word else None
        if row.word and word is None:
            continue
        if row.negated and not _negated(tok, word):
            continue
        if not row.ahead or _ahead(tok):
            return Idiom(verb=tok, type=row.type, subject_role=row.subject)
    return None


def subject_of(idiom: Idiom) -> Optional[Token]:
    """The verb's subject, shared down an xcomp chain ('will have to prepare to pay')."""
    tok = idiom.verb
    for _ in range(4):
        subj = next((c for c in tok.children if c.dep in (sym.nsubj, sym.nsubjpass)), None)
        if subj is not None:
            return subj
        if tok.dep != sym.xcomp:
            return None
        tok = tok.head
    return None
