"""Clause-level rules of casualty counts kept out of casualties.py's main loop.

* who did the harm: the small model parses "A gunman killed 10 civilians" as a noun with
  an `acl` participle; a participle with its own object is the noun's action, not its fate;
* outcomes named outside the verb: "resulting in the death of 42 people", "shot to death";
* the victim noun does not override the verb: "16 prisoners died" were killed;
* named victims: "Ahmed and two others were killed" counts Ahmed;
* a running toll needs a toll cue ("so far", "since", "in the war"), not a perfect tense.
"""
from __future__ import annotations

from typing import AbstractSet, Optional

from spacy.tokens import Token

from .. import rules

OF_OUTCOME = rules.mapping("casualty_cues", "outcome", tag="of_outcome")
RESULT_VERBS = rules.words("casualty_cues", tag="result_verb")
SHELTER_PLACES = rules.words("casualty_cues", tag="shelter_place")
SHELTER_VERBS = rules.words("casualty_cues", tag="shelter_verb")
UNITS = rules.words("casualty_cues", tag="unit")
BODY_VERBS = rules.words("casualty_cues", tag="body_verb")
BODY_NOUNS = rules.words("casualty_cues", tag="body")
NOT_PERSON = rules.words("casualty_cues", tag="not_person")
THING_SUFFIXES = rules.ordered("thing_suffixes")
DEATH_WORDS = rules.words("casualty_cues", tag="death_word")
NOT_DEATH_VERBS = rules.words("casualty_cues", tag="not_death_verb")   # "sentenced to death": no one died


def active_participle(tok: Token) -> bool:
    """'gunman killed 10 civilians' parsed as acl: the participle has its own object."""
    return tok.dep_ == "acl" and any(c.dep_ == "dobj" for c in tok.children)


def harming_child(noun: Token, outcome_verbs: dict) -> Optional[Token]:
    """An active harming participle hanging on the noun: the noun is the perpetrator."""
    return next((c for c in noun.children if active_participle(c)
                 and outcome_verbs.get(c.lemma_.lower()) in ("killed", "wounded")), None)


def of_outcome(noun: Token) -> Optional[str]:
    """'the death of at least 42 people', 'the killing of five villagers'."""
    node = noun
    while node.dep_ == "conj":
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.i != node.head.i:
        death = node.head.head
        outcome = OF_OUTCOME.get(death.lemma_.lower()) or OF_OUTCOME.get(death.lower_)
        return outcome if outcome and _this_event(death) else None
    return None


def _this_event(death: Token) -> bool:
    """'resulting in / led to / caused the death of', a sentence about the killing itself, or
    'responsibility for the killing of'; not background ('protest over the killing of')."""
    if death.dep_ in ("nsubj", "nsubjpass", "ROOT"):
        return True
    head = death.head
    if death.dep_ == "dobj":
        return head.lemma_.lower() in RESULT_VERBS
    if death.dep_ == "pobj":
        if head.lower_ in ("in", "to"):
            return head.head.lemma_.lower() in RESULT_VERBS
        return head.lower_ == "for" and head.head.lemma_.lower() == "responsibility"
    return False


def to_death(verb: Optional[Token]) -> bool:
    """'shot dead', 'shot to death', 'stabbed to death'."""
    if verb is None or verb.lemma_.lower() in NOT_DEATH_VERBS:
        return False
    for c in verb.children:
        if c.lower_ == "dead" and c.dep_ in ("acomp", "oprd", "advmod", "xcomp", "ccomp", "dobj", "npadvmod"):
            return True   # "shot dead" ("death" alone is an object: "following the death of")
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children):
            return True
    return False


def verb_harm(verb: Optional[Token], outcome_verbs: dict, outcome_words: dict) -> Optional[str]:
    """killed/wounded when the verb itself says so ('died', 'were killed', 'found dead')."""
    if verb is None:
        return None
    said = outcome_verbs.get(verb.lemma_.lower())
    if said in ("killed", "wounded") and verb.lemma_.lower() not in WEAK_HARM_VERBS:
        return said
    if to_death(verb):
        return "killed"
    for c in verb.children:
        if c.dep_ in ("oprd", "acomp") and outcome_words.get(c.lemma_.lower()) in ("killed", "wounded"):
            return outcome_words[c.lemma_.lower()]
    return None


def named_victim(tok: Token, counted: set[int]) -> bool:
    """A person's name coordinated with a counted noun: 'Ahmed and two others were killed'."""
    if tok.ent_type_ not in ("PERSON", "") or tok.pos_ != "PROPN":
        return False
    if tok.head.ent_type_ == "PERSON" and tok.head.i != tok.i and tok.dep_ in ("compound", "flat"):
        return False  # only the name's head token
    return (tok.dep_ == "conj" and tok.head.i in counted) or any(
        c.dep_ == "conj" and c.i in counted for c in tok.children)


def so_far(sent) -> bool:
    """'so far' / 'thus far' (not 'the far north')."""
    return any(t.lower_ == "far" and t.i > sent.start and t.nbor(-1).lower_ in ("so", "thus") for t in sent)


def span_object(prep: Token, span_nouns: AbstractSet[str]) -> bool:
    """The preposition's own object is a span of time or fighting ('in the new round of
    fighting', 'during the war'), not anything below it ('in revenge for army offensives')."""
    for obj in (c for c in prep.children if c.dep_ == "pobj"):
        heads = [obj] + [c for c in obj.children if c.dep_ == "conj"]
        if any(h.lemma_.lower() in span_nouns for h in heads):
            return True
        for of in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
            if any(g.lemma_.lower() in span_nouns for g in of.children if g.dep_ == "pobj"):
                return True   # "in the new round of fighting"
    return False


def sheltering(noun: Token) -> bool:
    """People sheltering/queuing, or in a theatre, hospital or market, are civilians."""
    for c in noun.children:
        if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in SHELTER_VERBS:
            return True
        if c.dep_ == "prep" and c.lower_ in ("in", "at", "inside"):
            if any(g.lemma_.lower() in SHELTER_PLACES for g in c.children if g.dep_ == "pobj"):
                return True
    return False


def is_unit(noun: Token) -> bool:
    """'about 20 kilometers', '10 hours': measures, not people."""
    return noun.lemma_.lower() in UNITS or noun.lower_ in UNITS


def drop_repeats(found: list) -> list:
    """Counts whose noun restates another's: an appositive ('Jose Chan, a reporter') or the
    group another count is taken from ('eleven members of an Afghan family', 'seven from
    one family').  `found` holds tuples whose first item is the counted noun token."""
    nouns = {f[0].i for f in found}
    out = []
    for f in found:
        noun = f[0]
        if noun.dep_ == "appos" and noun.head.i in nouns:
            continue
        if noun.dep_ == "pobj" and noun.head.lower_ in ("of", "from") and noun.head.head.i in nouns:
            continue
        out.append(f)
    return out


def bare_victim_number(num: Token, outcome_verbs: dict) -> bool:
    """A bare number that is the harming verb's own argument: 'and wounded 44', 'wounding at
    least 30', 'another 93 being wounded'; the model often tags these DATE."""
    if not num.like_num or num.dep_ not in ("dobj", "nsubjpass", "npadvmod"):
        return False
    nxt = num.doc[num.i + 1] if num.i + 1 < len(num.doc) else None
    if nxt is not None and (nxt.lemma_.lower() in UNITS or nxt.text == "-"):
        return False
    return outcome_verbs.get(num.head.lemma_.lower()) in ("killed", "wounded")


def special_harm(noun: Token, verb: Optional[Token], outcome_verbs: dict) -> Optional[str]:
    """Deaths a verb's own outcome misses: 'lost their lives', 'fatally shot', 'kidnapped and
    killed' (the harm of a shared coordinated verb wins), '36 bodies were found'."""
    if verb is None:
        return None
    low = verb.lemma_.lower()
    if low == "lose" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("life", "live") for c in verb.children):
        return "killed"
    if any(c.lower_ in ("fatally", "mortally") for c in verb.children) and outcome_verbs.get(low) in ("killed", "wounded"):
        return "killed"
    if outcome_verbs.get(low) == "captured":
        for c in verb.children:
            if c.dep_ == "conj" and outcome_verbs.get(c.lemma_.lower()) == "killed" and c.lemma_.lower() != "shoot" \
                    and not any(g.dep_ in ("nsubj", "nsubjpass", "dobj") for g in c.children):
                return "killed"   # "were kidnapped and killed"
    if noun.lemma_.lower() in BODY_NOUNS and low in BODY_VERBS:
        return "killed"
    return None


def person_like(noun: Token, ctx, people: AbstractSet[str]) -> bool:
    """Can a singular noun be a victim?  Anything but a thing: 'a total', 'a second mosque',
    'an attack', 'a region', a place name, abstract nouns ('-tion', '-ment', '-ness')."""
    lemma = noun.lemma_.lower()
    if lemma in people or noun.ent_type_ in ("PERSON", "NORP"):
        return True
    if lemma in NOT_PERSON or noun.lower_ in NOT_PERSON or lemma.endswith(THING_SUFFIXES):
        return False
    return ctx.place_at(noun.idx, noun.idx + len(noun)) is None


def incident_total(sent) -> set[str]:
    """{'total'} when 'total' only occurs as 'a total of N' (one incident's sum), else empty."""
    totals = [t for t in sent if t.lemma_.lower() == "total"]
    doc = sent.doc
    if totals and all(t.i > 0 and t.i + 1 < len(doc) and doc[t.i - 1].lower_ == "a" and doc[t.i + 1].lower_ == "of"
                      for t in totals):
        return {"total"}
    return set()


SCALES = {w: int(r["scale"]) for w, r in rules.filled("vague_numbers", ("scale",), tag="scale").items()}
REFUGE = rules.words("casualty_cues", tag="refuge")
EXPEL_VERBS = rules.words("casualty_cues", tag="expel_verb")
FLEE_VERBS = rules.words("casualty_cues", tag="flee_verb")
HOME_NOUNS = rules.words("casualty_cues", tag="home_noun")
SEEK_VERBS = rules.words("casualty_cues", tag="seek_verb")
RUN_VERBS = rules.words("casualty_cues", tag="run_verb")
WEAK_HARM_VERBS = rules.words("casualty_cues", tag="weak_harm_verb")
OF_SCALE = rules.words("vague_numbers", tag="of_scale")


def vague_scale(num: Token) -> int:
    """'tens of thousands' is tens x 1,000 (news_dev reads it 20,000)."""
    doc = num.doc
    if num.i + 2 < len(doc) and doc[num.i + 1].lower_ == "of" and doc[num.i + 2].lower_ in SCALES:
        return SCALES[doc[num.i + 2].lower_]
    return 1


def is_scale(tok: Token) -> bool:
    """'thousands' in 'tens of thousands' is the scale of the count before it."""
    doc = tok.doc
    return tok.lower_ in SCALES and tok.i >= 2 and doc[tok.i - 1].lower_ == "of" and doc[tok.i - 2].lower_ in OF_SCALE


def displacement(verb: Optional[Token]) -> Optional[str]:
    """'forced 7 million people to flee / from their homes', 'have sought refuge', 'run for
    safety', 'face displacement'."""
    if verb is None:
        return None
    low = verb.lemma_.lower()
    if low in EXPEL_VERBS:
        for c in verb.children:
            if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in FLEE_VERBS:
                return "displaced"
            if c.dep_ == "prep" and c.lower_ in ("from", "out") and any(
                    g.lemma_.lower() in HOME_NOUNS for g in c.children):
                return "displaced"
    if low in SEEK_VERBS and any(
            c.dep_ == "dobj" and c.lemma_.lower() in REFUGE for c in verb.children):
        return "displaced"
    if low in RUN_VERBS and any(
            c.dep_ == "prep" and c.lower_ == "for" and any(g.lemma_.lower() in REFUGE for g in c.children)
            for c in verb.children):
        return "displaced"
    return None


def displaced_population(outcome: str, population: str) -> str:
    """People who flee are civilians unless the count says otherwise (UNHCR, news_dev)."""
    return "civilian" if outcome == "displaced" and population == "unknown" else population



WAR_SCALE = 1000   # UCDP's threshold of a war-year; one incident rarely reaches it


def war_scale_perfect(verb: Optional[Token], low: int) -> bool:
    """'more than 12,000 people have been killed', 'has forced 7 million people to flee':
    a perfect tense alone is no toll, but with a war-scale figure it is the war's stock."""
    if verb is None or low < WAR_SCALE:
        return False
    node = verb
    for _ in range(3):   # "has forced ... to flee": the perfect may sit on the governing verb
        if any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ") for c in node.children):
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False
