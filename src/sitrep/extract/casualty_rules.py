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
from spacy import symbols as sym

from .. import rules
from ..codes import Outcome, Population
from .casualty_labels import (CUES, CUES_TABLE, HARM, NOUN_OR_GERUND_TAGS, NOUN_OR_NAME_TAGS, OUTCOME_VERBS, OUTCOME_WORDS,
                              PAST_TAGS, STATE_TAGS)
from .syntax import (ATTRIBUTIVE_DEPS, AUX_DEPS, COUNT_DEPS, FINITE_TAGS, GERUND_TAGS, GROUP_ENTS, NAME_PART_DEPS, NOUN_POS, OWN_CLAUSE_DEPS,
                     PAST_PARTICIPLE_TAGS, PAST_TENSE_TAGS, PLACE_ENTS, PRED_POS, PRESENT_TENSE_TAGS, ROOT_DEPS,
                     SINGULAR_NOUN_TAGS, SUBJECT_DEPS, SUPERLATIVE_TAGS, WH_ADVERB_TAGS, WH_TAGS)

OF_OUTCOME = rules.mapping(CUES_TABLE, "outcome", tag="of_outcome")
RESULT_VERBS = CUES.result_verb
SHELTER_PLACES = CUES.shelter_place
SHELTER_VERBS = CUES.shelter_verb
UNITS = CUES.unit
BODY_VERBS = CUES.body_verb
BODY_NOUNS = CUES.body
NOT_PERSON = CUES.not_person
SUFFIXES = rules.Tagged("noun_suffixes")
THING_SUFFIXES = SUFFIXES.ordered("thing")
PERSON_SUFFIXES = SUFFIXES.ordered("person")   # technician, administrator, minor
DEATH_WORDS = CUES.death_word
NOT_DEATH_VERBS = CUES.not_death_verb   # "sentenced to death": no one died
CIVILIAN_NOUNS = CUES.civilian_noun
PERSON_NOUNS = CUES.person_noun
SUCCUMB_VERBS = CUES.succumb_verb
NO_NUMBER = CUES.no_number
LIVES = CUES.lives   # "lost their lives"
FATAL_ADVERBS = CUES.fatal_adverb
PREPOSITIONS = rules.Tagged("prepositions")
INCIDENT_PREPS = PREPOSITIONS.incident
SHELTER_PREPS = PREPOSITIONS.shelter
SINGULAR_AUX = CUES.singular_aux
PART_HEADS = CUES.part_head
RESULT_PREPS = CUES.result_prep
TOLL_PREPS = CUES.toll_prep
SOURCE_PREPS = CUES.source_prep
EXPEL_PREPS = CUES.expel_prep
LIST_JOINTS = CUES.list_joint
ASIDE_PUNCT = CUES.aside_punct
SO_FAR_ADVERBS = CUES.so_far_adverb
CLAIM_VERBS = CUES.claim_verb
GROUP_OR_PLACE_ENTS = GROUP_ENTS | PLACE_ENTS   # ORG GPE NORP FAC LOC
PLACE_RELATIVES = {"where"}   # the relative adverb that describes a place (place_description, earlier_clause)


def _have_aux(verb: Token) -> list:
    return [c for c in verb.children if c.dep == sym.aux and c.lemma_ == "have"]


def present_perfect(verb: Token) -> bool:
    """'have been killed', 'has forced': a finite 'have' auxiliary (not 'had', not 'having')."""
    return any(c.tag_ in PRESENT_TENSE_TAGS for c in _have_aux(verb))


def copula(verb: Token) -> bool:
    return verb.lemma_ == "be"


def of_objects(noun: Token) -> list:
    """The objects of the noun's 'of' phrases ('a family of six', 'the number of people')."""
    return [g for c in noun.children if c.dep == sym.prep and c.lower_ == "of" for g in c.children if g.dep == sym.pobj]


def active_participle(tok: Token) -> bool:
    """'gunman killed 10 civilians' parsed as acl: the participle has its own object."""
    return tok.dep == sym.acl and any(c.dep == sym.dobj for c in tok.children)


def harming_child(noun: Token, outcome_verbs: dict) -> Optional[Token]:
    """An active harming participle hanging on the noun: the noun is the perpetrator."""
    return next((c for c in noun.children if active_participle(c)
                 and outcome_verbs.get(c.lemma_.lower()) in HARM), None)


def of_outcome(noun: Token) -> Optional[str]:
    """'the death of at least 42 people', 'the killing of five villagers'."""
    node = noun
    while node.dep == sym.conj:
        node = node.head
    if node.dep == sym.pobj and node.head.lower_ == "of" and node.head.head.i != node.head.i:
        death = node.head.head
        if any(c.ent_type == sym.ORDINAL or c.tag_ in SUPERLATIVE_TAGS for c in death.children if c.dep == sym.amod):
            return None   # "the third killing of a cleric this month": a series, not this event
        outcome = OF_OUTCOME.get(death.lemma_.lower()) or OF_OUTCOME.get(death.lower_) \
            or (Outcome.KILLED if death.tag_ in GERUND_TAGS and to_death(death) else None)   # "the hacking to death of"
        return outcome if outcome and _this_event(death) else None
    return None


def _this_event(death: Token) -> bool:
    """'resulting in / led to / caused the death of', a sentence about the killing itself, or
    'responsibility for the killing of'; not background ('protest over the killing of')."""
    while death.dep == sym.conj and death.head.i != death.i:
        death = death.head   # "led to the death of five and the injury of six others"
        if death.dep == sym.pobj and death.head.lower_ == "of" and death.head.head.i != death.head.i:
            death = death.head.head   # the injury parsed as coordinated with the five
    if death.dep in (sym.nsubj, sym.nsubjpass) or death.dep_ in ROOT_DEPS:
        return True
    head = death.head
    if death.dep == sym.dobj:   # "resulted in the death of"; "found the bodies of three men"
        return head.lemma_.lower() in RESULT_VERBS or death.lemma_.lower() in BODY_NOUNS and head.lemma_.lower() in BODY_VERBS
    if death.dep == sym.pobj:
        if head.lower_ == "to" and head.i > 0 and head.nbor(-1).tag_ in NOUN_OR_GERUND_TAGS \
                and head.nbor(-1).lower_.endswith("ing") and head.nbor(-1).i != death.i:
            return _this_event(head.nbor(-1))   # "responsibility for the hacking to death of"
        if head.lower_ in RESULT_PREPS:
            return head.head.lemma_.lower() in RESULT_VERBS
        return head.lower_ == "for" and any(t.lemma_.lower() == "responsibility" for t in [head.head] + [
            c for c in head.head.children if c.dep == sym.dobj])   # "claimed responsibility Tuesday for"
    return False


def to_death(verb: Optional[Token]) -> bool:
    """'shot dead', 'shot to death', 'stabbed to death'."""
    if verb is None or verb.lemma_.lower() in NOT_DEATH_VERBS:
        return False
    for c in verb.children:
        if c.lower_ == "dead" and c.dep in (sym.acomp, sym.oprd, sym.advmod, sym.xcomp, sym.ccomp, sym.dobj, sym.npadvmod, sym.prep):
            return True   # "shot dead" ("death" alone is an object: "following the death of")
        if c.dep == sym.prep and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children):
            return True
    return False


def verb_harm(verb: Optional[Token], outcome_verbs: dict, outcome_words: dict) -> Optional[str]:
    """killed/wounded when the verb itself says so ('died', 'were killed', 'found dead')."""
    if verb is None:
        return None
    said = outcome_verbs.get(verb.lemma_.lower())
    if said in HARM and verb.lemma_.lower() not in WEAK_HARM_VERBS:
        return said
    if to_death(verb):
        return Outcome.KILLED
    for c in verb.children:
        if c.dep in (sym.oprd, sym.acomp) and outcome_words.get(c.lemma_.lower()) in HARM:
            return outcome_words[c.lemma_.lower()]
    return None


def named_victim(tok: Token, counted: set[int]) -> bool:
    """A person's name coordinated with a counted noun: 'Ahmed and two others were killed'."""
    if tok.ent_type not in (sym.PERSON, 0) or tok.pos != sym.PROPN:
        return False
    if tok.head.ent_type == sym.PERSON and tok.head.i != tok.i and tok.dep_ in NAME_PART_DEPS:
        return False  # only the name's head token
    if tok.dep == sym.conj and tok.head.i in counted:
        return _coordinated(tok.head, tok)   # "Chief X, Pa Moses Elutilo, the Akannare": one man named twice
    return any(c.dep == sym.conj and c.i in counted and _coordinated(tok, c) for c in tok.children)


def listed_name(tok: Token) -> bool:
    """A person's name in a list joined by a conjunction ('Ahmed Ali, Hassan Musa and Ibrahim
    Bello'); a name after a comma alone may be an apposition ('Chief X, Pa Moses Elutilo')."""
    if tok.pos != sym.PROPN or tok.ent_type != sym.PERSON or tok.dep != sym.conj:
        return False
    first = tok
    while first.dep == sym.conj and first.head.i != first.i:
        first = first.head
    chain = [first] + [t for t in first.subtree if t.dep == sym.conj and t.i > first.i]
    return first.ent_type == sym.PERSON and any(c.dep == sym.cc for t in chain for c in t.children)


def _coordinated(first: Token, second: Token) -> bool:
    """A conjunction joins the two ('Ahmed and two others'); a comma alone is an apposition."""
    lo, hi = sorted((first.i, second.i))
    return any(t.dep == sym.cc for t in first.doc[lo + 1:hi])


def unlabelled_name(tok: Token) -> bool:
    """A capitalised name the tagger gave no entity type and no organisation or place inside
    it ('Mbele', 'Secretary-General'): may be a person."""
    return tok.ent_type == 0 and tok.text[:1].isupper() and not any(
        c.ent_type_ in GROUP_OR_PLACE_ENTS for c in tok.children if c.dep_ in NAME_PART_DEPS)


def singular_verb(noun: Token) -> bool:
    """'Secretary-General of X and imam of Y was shot dead': one person with two titles."""
    verb = noun.head
    while verb.dep == sym.conj and verb.head.i != verb.i:
        verb = verb.head
    return any(c.dep_ in AUX_DEPS and c.lower_ in SINGULAR_AUX for c in verb.children)


def place_description(noun: Token, report_verbs: AbstractSet[str]) -> bool:
    """'Tigrayan forces said they had seized Dessie, where tens of thousands have sought refuge':
    a count in a present-perfect 'where' clause describing a place inside a report is the
    writer's background, not part of what the reporter claims ('the market where 12 people were
    killed' is the claim itself)."""
    for anc in noun.ancestors:
        if anc.dep == sym.relcl and any(c.tag_ in WH_ADVERB_TAGS and c.lower_ in PLACE_RELATIVES for c in anc.children) \
                and present_perfect(anc):
            return any(a.lemma_.lower() in report_verbs and a.pos == sym.VERB for a in anc.ancestors)
    return False


IDENTITY_VERBS = CUES.identity_verb


def identified_as(noun: Token) -> Optional[Token]:
    """'three bodies, believed to be attackers', 'five locals identified as IDPs': the noun after
    'to be'/'as' says who the counted were."""
    doc = noun.doc
    i = noun.i + 1
    while i < noun.sent.end and doc[i].text in ASIDE_PUNCT:
        i += 1
    if i >= noun.sent.end or doc[i].lemma_.lower() not in IDENTITY_VERBS or doc[i].tag_ not in PAST_TAGS:
        return None
    rest = doc[i + 1:min(i + 6, noun.sent.end)]
    words = [t.lower_ for t in rest]
    skip = 2 if words[:2] == ["to", "be"] else 1 if words[:1] == ["as"] else None
    if skip is None:
        return None
    return next((t for t in rest[skip:] if t.pos_ in NOUN_POS), None)


CARE_STATES = CUES.care_state


def in_care(verb: Token) -> Optional[str]:
    """'69 people are in hospital', 'the cousin was in critical condition': wounded."""
    if not copula(verb):
        return None
    for c in verb.children:
        if c.dep == sym.prep and c.lower_ == "in" and any(
                g.dep == sym.pobj and g.lemma_.lower() in CARE_STATES for g in c.children):
            return Outcome.WOUNDED
    return None


def reported_as(verb: Token, outcome_verbs: dict, outcome_words: dict) -> Optional[str]:
    """'64 were reported as injured', 'listed as missing'."""
    for c in verb.children:
        if c.dep in (sym.advcl, sym.prep, sym.oprd) and any(g.lower_ == "as" for g in c.children if g.dep == sym.mark) \
                or c.dep == sym.prep and c.lower_ == "as":
            for g in [c] + list(c.children):
                said = outcome_verbs.get(g.lemma_.lower()) or outcome_words.get(g.lemma_.lower())
                if said and g.tag_ in STATE_TAGS:
                    return said
    return None


def is_reporter(noun: Token, report_verbs: AbstractSet[str]) -> bool:
    """'a witness at the scene and an official in Puntland said': who reports is no victim."""
    if noun.tag_ not in SINGULAR_NOUN_TAGS or not any(c.dep == sym.det for c in noun.children):
        return False   # only a singular person ("23 people injured, ... revealed": a count the parse misplaced)
    node = noun
    while node.dep == sym.conj and node.head.i != node.i:
        node = node.head
    if node.dep == sym.nsubj and node.head.lemma_.lower() in report_verbs and node.head.pos == sym.VERB:
        return True
    # a broken parse: "and an official in neighboring Puntland said": a singular person's own
    # phrase, with no punctuation, runs into 'said'
    after = noun.right_edge.i + 1
    return after < len(noun.doc) and noun.doc[after].lemma_.lower() in report_verbs \
        and noun.doc[after].tag_ in FINITE_TAGS \
        and not any(t.is_punct for t in noun.doc[noun.i:after])


def listed_after(noun: Token, found: list) -> Optional[str]:
    """'killing 12 Iraqi administrators and engineers and four Iranian technicians', the last
    count parsed onto another noun: a count right after 'and' that closes a counted phrase takes
    that count's outcome.  `found`: (noun, low, high, approx, left, verb, outcome) tuples."""
    left = noun.left_edge.i
    if left < 2 or noun.doc[left - 1].lower_ not in LIST_JOINTS:
        return None
    for f in found:
        if f[0].right_edge.i == left - 2 and f[0].i < noun.i:
            return f[6]
    return None


def restated_in_report(found: list, report_verbs: AbstractSet[str]) -> list:
    """'IS has claimed to have killed two Christian priests ..., stating that two Christian priests
    were killed': the same count restated in a report clause of its own sentence is one count."""
    out: list = []
    for f in found:
        noun = f[0]
        reports = {a.i for a in noun.ancestors if a.lemma_.lower() in report_verbs and a.pos == sym.VERB}
        if any(o[0].i < noun.i and (o[1], o[2], o[6]) == (f[1], f[2], f[6])
               and o[0].lemma_.lower() == noun.lemma_.lower()
               and reports - {a.i for a in o[0].ancestors} for o in out):
            continue
        out.append(f)
    return out


def later_died(verb: Token) -> bool:
    """'was shot on Wednesday, and later died in hospital': a subjectless death verb later in the
    sentence says the shot victim died."""
    doc = verb.doc
    for t in doc[verb.i + 1:]:
        if t.is_sent_start and t.text[:1].isupper():
            return False   # a new sentence ("[28 September], and later died" is none: the parser's split)
        if t.lemma_.lower() in SUCCUMB_VERBS and t.pos == sym.VERB \
                and not any(c.dep in (sym.nsubj, sym.nsubjpass) for c in t.children):
            return True
    return False


def headline_passive(verb: Token, outcome_verbs: dict) -> bool:
    """'Six Rohingya Muslims killed and nine wounded in ...': a harm verb the tagger read as a
    past tense (VBD) with no object and no auxiliary is a headline's reduced passive."""
    if verb.tag_ not in PAST_TENSE_TAGS or outcome_verbs.get(verb.lemma_.lower()) not in HARM:
        return False
    if any(c.dep in (sym.dobj, sym.aux, sym.auxpass, sym.ccomp, sym.xcomp) for c in verb.children):
        return False
    return any(c.dep == sym.conj and c.tag_ in PAST_PARTICIPLE_TAGS and outcome_verbs.get(c.lemma_.lower()) for c in verb.children) \
        or any(c.dep == sym.prep and c.lower_ in INCIDENT_PREPS for c in verb.children)


def so_far(sent) -> bool:
    """'so far' / 'thus far' (not 'the far north')."""
    return any(t.lower_ == "far" and t.i > sent.start and t.nbor(-1).lower_ in SO_FAR_ADVERBS for t in sent)


def span_object(prep: Token, span_nouns: AbstractSet[str]) -> bool:
    """The preposition's own object is a span of time or fighting ('in the new round of
    fighting', 'during the war'), not anything below it ('in revenge for army offensives')."""
    for obj in (c for c in prep.children if c.dep == sym.pobj):
        heads = [obj] + [c for c in obj.children if c.dep == sym.conj]
        if any(h.lemma_.lower() in span_nouns for h in heads):
            return True
        for of in (c for c in obj.children if c.dep == sym.prep and c.lower_ == "of"):
            if any(g.lemma_.lower() in span_nouns for g in of.children if g.dep == sym.pobj):
                return True   # "in the new round of fighting"
    return False


def sheltering(noun: Token) -> bool:
    """People sheltering/queuing, or in a theatre, hospital or market, are civilians."""
    for c in noun.children:
        if c.dep in (sym.acl, sym.relcl) and c.lemma_.lower() in SHELTER_VERBS:
            return True
        if c.dep == sym.prep and c.lower_ in SHELTER_PREPS:
            if any(g.lemma_.lower() in SHELTER_PLACES for g in c.children if g.dep == sym.pobj):
                return True
    return False


def is_unit(noun: Token) -> bool:
    """'about 20 kilometers', '10 hours': measures, not people."""
    return noun.lemma_.lower() in UNITS or noun.lower_ in UNITS


def drop_repeats(found: list, general: AbstractSet[str] = frozenset()) -> list:
    """Counts whose noun restates another's: an appositive ('Jose Chan, a reporter') or the
    group another count is taken from ('eleven members of an Afghan family', 'seven from
    one family').  `found` holds tuples (counted noun token, low, ...).

    `general`: nouns of no kind ('people'), whose coordinated list is a breakdown when it adds up
    to them exactly.  An appositive list is a breakdown of its head only when it does not add up to more:
    'Six people, two Turks and four Somalis' is six; 'three soldiers, eight civilians' is 11."""
    nouns = {f[0].i for f in found}
    low = {f[0].i: f[1] for f in found}
    out = []
    for f in found:
        noun = f[0]
        top = noun
        while top.dep == sym.conj and top.head.i in nouns:
            top = top.head
        if top.dep == sym.appos and top.head.i in nouns:
            group = [top] + [t for t in top.conjuncts if t.i in nouns]
            if sum(low[t.i] for t in group) <= low[top.head.i]:
                continue
        if _of_chain(noun) & (nouns - {noun.i}):
            continue
        top = noun
        while top.dep == sym.conj and top.head.i in nouns:
            top = top.head
        if top.i != noun.i and top.lemma_.lower() in general and top.lemma_.lower() != noun.lemma_.lower():
            parts = [t for t in top.conjuncts if t.i in nouns]
            if sum(low[t.i] for t in parts) == low[top.i]:
                continue   # "Six people, two doctors and four nurses": the list breaks the six down
        out.append(f)
    return out


def _of_chain(noun: Token) -> set[int]:
    """The nouns a noun hangs under through 'of'/'from' ('16 members of the family of an
    imam': imam -> family -> members)."""
    out, node = set(), noun
    for _ in range(4):
        if node.dep != sym.pobj or node.head.lower_ not in SOURCE_PREPS or node.head.head.i == node.head.i:
            break
        node = node.head.head
        out.add(node.i)
    return out


def bare_victim_number(num: Token, outcome_verbs: dict) -> bool:
    """A bare number that is the harming verb's own argument: 'and wounded 44', 'wounding at
    least 30', 'another 93 being wounded'; the model often tags these DATE."""
    if not num.like_num or num.dep not in (sym.dobj, sym.nsubjpass, sym.npadvmod) and num.dep_ not in COUNT_DEPS:
        return False
    if num.dep_ in COUNT_DEPS and num.head.pos != sym.VERB:
        return False   # "and wounding 125" (the number parsed as the verb's nummod)
    nxt = num.doc[num.i + 1] if num.i + 1 < len(num.doc) else None
    if nxt is not None and (nxt.lemma_.lower() in UNITS or nxt.text == "-"):
        return False
    return outcome_verbs.get(num.head.lemma_.lower()) in HARM


def special_harm(noun: Token, verb: Optional[Token], outcome_verbs: dict) -> Optional[str]:
    """Deaths a verb's own outcome misses: 'lost their lives', 'fatally shot', 'kidnapped and
    killed' (the harm of a shared coordinated verb wins), '36 bodies were found'."""
    if verb is None:
        return None
    low = verb.lemma_.lower()
    if low == "lose" and (any(c.dep == sym.dobj and c.lemma_.lower() in LIVES for c in verb.children)
                          or noun.dep == sym.nsubjpass and noun.head.i == verb.i and noun.lemma_.lower() in LIVES):
        return Outcome.KILLED   # "lost their lives", "Eighteen lives were lost"
    if any(c.lower_ in FATAL_ADVERBS for c in verb.children) and outcome_verbs.get(low) in HARM:
        return Outcome.KILLED
    if outcome_verbs.get(low) in (Outcome.CAPTURED, Outcome.WOUNDED):
        later = conj_harm(verb, outcome_verbs)
        if later:
            return later   # "were kidnapped and killed", "was injured and later succumbed to his wounds"
    if noun.lemma_.lower() in BODY_NOUNS and low in BODY_VERBS:
        return Outcome.KILLED
    return None


def person_like(noun: Token, ctx, people: AbstractSet[str]) -> bool:
    """Can a singular noun be a victim?  Anything but a thing: 'a total', 'a second mosque',
    'an attack', 'a region', a place name, abstract nouns ('-tion', '-ment', '-ness')."""
    lemma = noun.lemma_.lower()
    if lemma in people or noun.ent_type in (sym.PERSON, sym.NORP):
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
REFUGE = CUES.refuge
EXPEL_VERBS = CUES.expel_verb
FLEE_VERBS = CUES.flee_verb
HOME_NOUNS = CUES.home_noun
SEEK_VERBS = CUES.seek_verb
RUN_VERBS = CUES.run_verb
WEAK_HARM_VERBS = CUES.weak_harm_verb
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
            if c.dep in (sym.xcomp, sym.ccomp) and c.lemma_.lower() in FLEE_VERBS:
                return Outcome.DISPLACED
            if c.dep == sym.prep and c.lower_ in EXPEL_PREPS and any(
                    g.lemma_.lower() in HOME_NOUNS for g in c.children):
                return Outcome.DISPLACED
    if low in SEEK_VERBS and any(
            c.dep == sym.dobj and c.lemma_.lower() in REFUGE for c in verb.children):
        return Outcome.DISPLACED
    if low in RUN_VERBS and any(
            c.dep == sym.prep and c.lower_ == "for" and any(g.lemma_.lower() in REFUGE for g in c.children)
            for c in verb.children):
        return Outcome.DISPLACED
    return None


def displaced_population(outcome: str, population: str) -> str:
    """People who flee are civilians unless the count says otherwise (UNHCR, news_dev)."""
    return Population.CIVILIAN if outcome == Outcome.DISPLACED and population == Population.UNKNOWN else population



WAR_SCALE = 1000   # UCDP's threshold of a war-year; one incident rarely reaches it


DISPLACEMENT_WAR_SCALE = 1_000_000   # one city's fall may displace hundreds of thousands


def war_scale_perfect(verb: Optional[Token], low: int, outcome: str = Outcome.KILLED) -> bool:
    """'more than 12,000 people have been killed', 'has forced 7 million people to flee':
    a perfect tense alone is no toll, but with a war-scale figure it is the war's stock
    (for displacement, millions: 'up to 300,000 people have fled the city' is one event's)."""
    if verb is None or low < (DISPLACEMENT_WAR_SCALE if outcome == Outcome.DISPLACED else WAR_SCALE):
        return False
    node = verb
    for _ in range(3):   # "has forced ... to flee": the perfect may sit on the governing verb
        if present_perfect(node):
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


def is_animal(tok: Token, animals: AbstractSet[str]) -> bool:
    """'about 200 pigs', '200 head of cattle'; but 'the village head', 'the head of a village'
    are people."""
    lemma = tok.lemma_.lower()
    if lemma not in animals and tok.lower_ not in animals:
        return False
    if lemma == "head":   # "200 head of cattle" (singular with a number), not "two village heads"
        return tok.lower_ == "head" and any(c.dep_ in COUNT_DEPS for c in tok.children) or any(
            g.lemma_.lower() in animals - {"head"} for c in tok.children if c.dep == sym.prep and c.lower_ == "of"
            for g in c.children)
    return True


def harmed_by_participle(tok: Token, outcome_verbs: dict) -> bool:
    """'with the village chief killed at a fair': a passive harming participle on the noun."""
    return any(c.dep == sym.acl and c.tag_ in PAST_PARTICIPLE_TAGS and outcome_verbs.get(c.lemma_.lower()) in HARM
               and not active_participle(c) for c in tok.children)


def conj_harm(verb: Optional[Token], outcome_verbs: dict) -> Optional[str]:
    """'was abducted and killed', 'was shot and later died': the harm of a coordinated verb
    that shares the subject (it has none of its own)."""
    if verb is None:
        return None
    for c in verb.children:
        if c.dep == sym.conj and c.pos == sym.VERB and not any(g.dep in (sym.nsubj, sym.nsubjpass, sym.dobj) for g in c.children):
            said = outcome_verbs.get(c.lemma_.lower())
            if said == Outcome.KILLED and c.lemma_.lower() not in WEAK_HARM_VERBS or to_death(c):
                return Outcome.KILLED
    return None


def coordinated_with(noun: Token, victims: AbstractSet[str]) -> bool:
    """'12 Iraqi administrators and ... four Iranian technicians': a counted noun coordinated
    with a victim noun is a victim whatever its own word."""
    if not any(c.dep_ in COUNT_DEPS for c in noun.children):
        return False   # "between nomads and a village": a singular thing stays a thing
    if not noun.lemma_.lower().endswith(PERSON_SUFFIXES):
        return False   # "24 militants killed or captured, 64 motorbikes, 100 phones": things
    node = noun
    while node.dep == sym.conj:
        node = node.head
        if node.lemma_.lower() in victims:
            return True
    return any(c.dep == sym.conj and c.lemma_.lower() in victims for c in noun.children)


def series_member(noun: Token) -> bool:
    """'the third mayor to be killed', 'the first reporter killed this year', 'the third killing of
    a Salafist imam this month' (the victim again, or others before)."""
    if noun.dep == sym.pobj and noun.head.head.i != noun.head.i and noun in of_objects(noun.head.head) \
            and series_member(noun.head.head):
        return True
    return any(c.dep == sym.amod and c.ent_type == sym.ORDINAL for c in noun.children)


def counted_things(noun: Token, counted: Token, ctx, people: AbstractSet[str]) -> bool:
    """'an attack on one of its compounds': a bare number counting an 'of' object that names a
    thing (`person_like`) is no count of people ('six of his comrades', 'two of them' are)."""
    return counted.i != noun.i and counted.pos == sym.NOUN and not person_like(counted, ctx, people)


def range_group(group: list, num: Token) -> list:
    """'between 10 and 15' is a range, 'about 32 killed and 19 others' two counts: 'and' joins
    the ends of a range only after 'between'."""
    ands = [t for t in group if t.lower_ == "and"]
    if not ands:
        return group
    first = group[0]
    if first.i > 0 and first.doc[first.i - 1].lower_ == "between":
        return group
    cut = ands[0].i
    return [t for t in group if (t.i < cut) == (num.i < cut) and t.lower_ != "and"]


def number_factor(group: list) -> float:
    """'two dozen people' is 24; 'half a million' is 500,000."""
    doc = group[0].doc
    last, first = group[-1], group[0]
    factor = 1.0
    if last.i + 1 < len(doc) and doc[last.i + 1].lower_ == "dozen":
        factor *= 12
    before = [t.lower_ for t in doc[max(first.i - 2, 0):first.i]]
    if before[-1:] == ["half"] or before == ["half", "a"]:
        factor /= 2
    return factor


def vague_thing(tok: Token, people: AbstractSet[str]) -> bool:
    """'in several areas', 'a few days': a vague quantity of things is no count of people."""
    head = tok.head
    return ((tok.dep in (sym.amod, sym.det, sym.quantmod) or tok.dep_ in COUNT_DEPS) and head.i != tok.i and head.pos == sym.NOUN
            and head.lemma_.lower() not in people and head.lower_ not in people and head.lower_ not in SCALES)


SUFFER_VERBS = CUES.suffer_verb
INJURY_NOUNS = CUES.injury_noun


def suffered_harm(verb: Token) -> Optional[str]:
    """'sustained injuries', 'suffered gunshot wounds', 'were treated for injuries'."""
    if verb.lemma_.lower() not in SUFFER_VERBS:
        return None
    for c in verb.children:
        objs = [c] if c.dep == sym.dobj else [g for g in c.children if g.dep == sym.pobj] if c.dep == sym.prep and c.lower_ == "for" else []
        if any(o.lemma_.lower() in INJURY_NOUNS for o in objs):
            return Outcome.WOUNDED
    return None


def treated_participle(noun: Token) -> Optional[str]:
    """'66 loved ones receiving medical care': a participle on the count says they are wounded."""
    return next((suffered_harm(c) for c in noun.children if c.dep == sym.acl and suffered_harm(c)), None)


def refuge_for(noun: Token) -> Optional[str]:
    """'a refuge for thousands of Myanmar villagers': who a refuge is for are displaced."""
    return Outcome.DISPLACED if noun.dep == sym.pobj and noun.head.lower_ == "for" \
        and noun.head.head.lemma_.lower() in REFUGE and noun.head.head.pos == sym.NOUN else None


def harming_relative(noun: Token, outcome_verbs: dict) -> bool:
    """'two bombs that killed six persons', 'gunmen who wounded 10': the noun did the harm."""
    return any(c.dep == sym.relcl and outcome_verbs.get(c.lemma_.lower()) in HARM
               and any(g.dep == sym.dobj for g in c.children) for c in noun.children)


SIDE_CLAUSE = PREPOSITIONS.side_clause


def in_side_clause(noun: Token, verb: Optional[Token]) -> bool:
    """'were killed as tens of thousands protested': the count sits in a clause beside the harm."""
    node = noun
    for _ in range(6):
        if verb is None or node.i == verb.i or node.head.i == node.i:
            return False
        if node.dep == sym.pobj and node.head.lower_ in SIDE_CLAUSE:
            return True
        node = node.head
    return False


def with_injuries(noun: Token) -> bool:
    """'19 others with severe gunshot injuries'."""
    return any(c.dep == sym.prep and c.lower_ == "with" and any(
        g.dep == sym.pobj and g.lemma_.lower() in INJURY_NOUNS for g in c.children) for c in noun.children)


CLAUSE_DEPS = OWN_CLAUSE_DEPS


def clause_tokens(sent, verb: Optional[Token]) -> list:
    """The tokens of a count's own clause: its verb's subtree without the clauses hanging on it
    (but with their subordinator: 'since' in 'killed since the war began')."""
    if verb is None:
        return list(sent)
    out = []
    stack = [verb]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for c in tok.children:
            if c.dep_ in CLAUSE_DEPS and c.pos_ in PRED_POS:
                out.extend(g for g in c.children if g.dep == sym.mark)
                continue
            stack.append(c)
    return out


RECENT_DAYS = 7


def _published(ctx):
    """The article's publication date, where the context has an article that has one."""
    return getattr(getattr(ctx, "article", None), "published", None)


def recent_since(ctx, clause: list) -> bool:
    """'since Friday': a span of this week, the incident's own, not a running toll."""
    for tok in clause:
        if tok.lower_ != "since":
            continue
        end = tok.right_edge.idx + len(tok.right_edge)
        for d in ctx.dates_in(tok.idx, end):
            published = _published(ctx)
            if d.date is not None and published is not None and 0 <= (published - d.date).days <= RECENT_DAYS:
                return True
    return False


def earlier_stock(verb: Optional[Token], outcome: str) -> bool:
    """'half a million had sought refuge in Gezira': people displaced before the reported event
    (the past perfect) are a stock, not this event's displacement."""
    return outcome == Outcome.DISPLACED and verb is not None and any(
        c.dep == sym.aux and c.lower_ == "had" for c in verb.children)


def of_object_in(noun: Token, words: AbstractSet[str]) -> bool:
    """'members of a family': the noun's 'of' object is one of `words`."""
    return any(g.lemma_.lower() in words for g in of_objects(noun))


TOLL_VERBS = CUES.toll_verb
TOLL_NOUNS = CUES.toll_noun


def toll_value(num: Token, verb: Optional[Token]) -> Optional[str]:
    """'the toll rose to 21', 'raised the death toll to 311', 'put the death toll at 11'."""
    if (verb is None or verb.lemma_.lower() not in TOLL_VERBS) and num.dep == sym.pobj and num.head.lower_ in TOLL_PREPS:
        verb = next((t.head for t in num.sent if t.i < num.i and t.lemma_.lower() in TOLL_NOUNS
                     and t.head.lemma_.lower() in TOLL_VERBS), None)   # "raised the death toll in days of clashes to 311"
    if verb is not None and copula(verb) and num.dep == sym.attr:
        return stated_toll(verb)   # "the number of people who were killed ... is 86"
    if verb is None or verb.lemma_.lower() not in TOLL_VERBS:
        return None
    toll = next((c for c in verb.children if c.dep in (sym.nsubj, sym.dobj) and c.lemma_.lower() in TOLL_NOUNS), None)
    if toll is None:
        return None
    return Outcome.KILLED if _death_toll(toll) else None


def _death_toll(toll: Token) -> bool:
    """'the toll', 'the death toll', 'the number of dead' (a death word on the toll noun)."""
    return toll.lemma_.lower() == "toll" or any(c.lower_ in DEATH_WORDS for c in toll.children)


def stated_toll(copula: Token) -> Optional[str]:
    """'The number of people who were killed in both sides is 86', 'the total number of people
    killed is 11', 'the death toll is 12': a toll noun as the subject of 'be' says what its
    number counts, by a death word on it or a harm participle on what it counts."""
    toll = next((c for c in copula.children if c.dep == sym.nsubj and c.lemma_.lower() in TOLL_NOUNS), None)
    if toll is None:
        return None
    if _death_toll(toll):
        return Outcome.KILLED
    counted = [toll] + of_objects(toll)
    for noun in counted:
        said = OUTCOME_WORDS.get(noun.lower_) or OUTCOME_WORDS.get(noun.lemma_.lower())
        if noun.i != toll.i and said in HARM:
            return said   # "the number of dead", "the number of injured"
        for c in noun.children:
            if c.dep in (sym.acl, sym.relcl) and c.tag_ in PAST_PARTICIPLE_TAGS and OUTCOME_VERBS.get(c.lemma_.lower()) in HARM \
                    and c.lemma_.lower() not in WEAK_HARM_VERBS and not any(g.dep == sym.dobj for g in c.children):
                return OUTCOME_VERBS[c.lemma_.lower()]
    return None


def breakdown_head(noun: Token, outcomes: dict, verbs: Optional[dict] = None) -> Optional[str]:
    """'killed at least 20 people, including one American': a part introduced by 'including'
    (or listed after a count) takes the outcome of the count it breaks down.  `outcomes`:
    counted noun index -> outcome for the counts found before it in the sentence."""
    node = noun
    while node.dep == sym.conj:
        node = node.head
    if node.dep == sym.pobj and node.head.lower_ in PART_HEADS:
        owner = node.head.head
        for _ in range(3):
            if owner.i in outcomes:
                return outcomes[owner.i]
            if verbs and owner.i in verbs:
                return verbs[owner.i]   # "... are reported dead, including 13 soldiers": the count's verb
            if owner.head.i == owner.i:
                break
            owner = owner.head
    if node.dep == sym.appos and node.head.i in outcomes:
        return outcomes[node.head.i]
    return None


DISPLACED_NOUNS = CUES.displaced_noun


def displaced_noun(noun: Token) -> bool:
    """'more than 61,000 Malian refugees': people counted as refugees are displaced."""
    return noun.lemma_.lower() in DISPLACED_NOUNS or noun.lower_ in DISPLACED_NOUNS


def marching_victims(noun: Token, verb: Optional[Token], outcome_verbs: dict) -> Optional[str]:
    """'killed more than 100 troops marching to the town' parsed with the troops as the subject
    of 'marching': the harm is the verb above it."""
    if verb is None or noun.dep != sym.nsubj or verb.tag_ not in GERUND_TAGS or verb.head.i == verb.i:
        return None
    said = outcome_verbs.get(verb.head.lemma_.lower())
    return said if said in HARM and verb.head.lemma_.lower() not in CLAIM_VERBS else None


def designation(num: Token) -> bool:
    """'Battalion 257', 'Camp 101', 'Route 7': a number right after a capitalised noun names it."""
    if num.i == 0 or num.i == num.sent.start:
        return False
    before = num.doc[num.i - 1]
    return before.pos_ in NOUN_POS and before.text[:1].isupper() and before.tag_ in NOUN_OR_NAME_TAGS


def shot_down(verb: Optional[Token]) -> bool:
    """'shot down a MiG', 'downed a drone'."""
    return verb is not None and verb.lemma_.lower() == "shoot" and any(
        c.dep == sym.prt and c.lower_ == "down" for c in verb.children)


def demonym_side(noun: Token) -> Optional[str]:
    """'one American', '13 South African soldiers': the noun or its multi-word modifier is a
    demonym."""
    from ..geo import countries
    mods = [c for c in noun.children if c.dep_ in ATTRIBUTIVE_DEPS and c.i < noun.i]
    start = min((m.left_edge.i for m in mods), default=noun.i)
    phrase = [t.text for t in noun.doc[start:noun.i] if t.pos in (sym.ADJ, sym.PROPN, sym.NOUN)]
    for text in ([" ".join(phrase)] if len(phrase) > 1 else []) + [noun.text]:   # "13 South African soldiers"
        info = countries.by_demonym(text)
        if info:
            return info.iso3
    return None


def passive_frame(verb: Token) -> bool:
    """A verb whose adverbial participle tells what befell its subject: a passive ("were feared
    killed") or a bare "were" ("were, on Friday night, killed"), not an action ("staged a protest
    after a colleague was murdered") nor a copula with its own attribute ("six were civilians,
    while twenty were injured")."""
    if verb.tag_ in PAST_PARTICIPLE_TAGS:
        return True
    return copula(verb) and not any(c.dep == sym.attr for c in verb.children)


def harm_passive(verb: Token, outcome_verbs: dict, weak: bool = False) -> bool:
    """A finite passive of a harming verb: 'was killed', 'have been executed' (a passive
    auxiliary on a past participle; 'shot' alone says no harm, WEAK_HARM_VERBS, unless `weak`)."""
    low = verb.lemma_.lower()
    return verb.pos == sym.VERB and verb.tag_ in PAST_PARTICIPLE_TAGS \
        and any(c.dep == sym.auxpass for c in verb.children) and outcome_verbs.get(low) in HARM \
        and (low not in WEAK_HARM_VERBS or weak)


def _subjects(verb: Token) -> list:
    return [c for c in verb.children if c.dep_ in SUBJECT_DEPS]


def stranded_passive(noun: Token, outcome_verbs: dict) -> Optional[Token]:
    """The finite harm passive whose subject the noun is, where the parse does not say so.  A
    finite passive clause has a subject; when the parse gives it none, or only a relative
    pronoun, or a name that is no person, its subject is the noun it hangs under:
    * 'Ibrahim Abubakar, who was killed by gunmen': the relative pronoun stands for the noun;
    * 'A prominent journalist working for the newspaper Ukrayinska Pravda was killed' parsed
      as a verbless sentence with a relative clause on 'newspaper' whose subject is the
      paper's name: the sentence's root noun is the subject;
    * 'Six suspects wanted over unrest were killed' parsed with 'wanted' as the verb and the
      subjectless 'were killed' as its complement: that verb's subject is the subject."""
    for c in noun.children:
        if c.dep == sym.relcl and harm_passive(c, outcome_verbs) \
                and any(s.tag_ in WH_TAGS for s in _subjects(c)):
            return c
    if noun.dep_ in ROOT_DEPS and noun.pos == sym.NOUN:
        for t in noun.subtree:
            if t.dep in (sym.relcl, sym.acl) and t.i > noun.i and harm_passive(t, outcome_verbs) \
                    and all(s.ent_type_ in GROUP_OR_PLACE_ENTS for s in _subjects(t)):
                return t
    head = noun.head
    if noun.dep == sym.nsubj and head.pos == sym.VERB and outcome_verbs.get(head.lemma_.lower()) not in HARM:
        for c in head.children:
            if c.dep == sym.ccomp and c.i > noun.i and harm_passive(c, outcome_verbs) and not _subjects(c) \
                    and not any(g.dep == sym.mark for g in c.children):
                return c
    if noun.dep == sym.nsubjpass and head.pos == sym.VERB and outcome_verbs.get(head.lemma_.lower()) not in HARM:
        for c in head.children:   # "a passenger was said to have been shot in the leg": raised from the passive
            if c.dep == sym.xcomp and harm_passive(c, outcome_verbs, weak=True) and not _subjects(c):
                return c
    return None


def shares_object(verb: Token) -> bool:
    """'militants shot and killed eight traders': the object of the last of coordinated
    verbs is the object of them all, so their subject did the harm."""
    return any(c.dep == sym.conj and c.pos == sym.VERB and any(g.dep == sym.dobj for g in c.children)
               for c in verb.children)


def either_outcome(verb: Optional[Token], outcome_verbs: dict) -> bool:
    """'killed or wounded', 'either killed or injured': a count of one or the other is no
    count of either (a casualty count)."""
    if verb is None or outcome_verbs.get(verb.lemma_.lower()) not in HARM:
        return False
    pairs = [(verb, c) for c in verb.children if c.dep == sym.conj]
    if verb.dep == sym.conj:
        pairs.append((verb.head, verb))
    return any(outcome_verbs.get(a.lemma_.lower()) in HARM and outcome_verbs.get(b.lemma_.lower()) in HARM
               and outcome_verbs[a.lemma_.lower()] != outcome_verbs[b.lemma_.lower()]
               and any(t.lower_ == "or" for t in verb.doc[a.i + 1:b.i]) for a, b in pairs)


EARLIER_EVENT = PREPOSITIONS.earlier_event


def _perfect(verb: Token) -> bool:
    return bool(_have_aux(verb))


def _dated_before(ctx, clause: Token) -> bool:
    """The clause carries a date more than a week before the article ('last November')."""
    published = _published(ctx)
    if published is None:
        return False
    end = clause.right_edge.idx + len(clause.right_edge)
    for d in ctx.dates_in(clause.left_edge.idx, end):
        last = d.end_date or d.date   # 'last November': a month, over by its last day
        if last is not None and (published - last).days > RECENT_DAYS:
            return True
    return False


def earlier_clause(noun: Token, ctx=None) -> Optional[Token]:
    """The verb of the clause the noun is in when that clause tells an earlier event: an 'after'
    clause ('one day after a gunman killed another mayor', 'after the churchmen buried two
    victims', 'after killing two'), or a 'where' clause describing the place by its past, in a
    perfect tense or dated more than a week before ('where a low level insurgency has left dozens
    killed in recent years', 'where militia killed at least 30 herders last November'); not a
    clause coordinated with it ('Hours after a lawyer was gunned down, 74 people were killed'
    parsed with the 74 on a conjunct of 'gunned')."""
    prev = noun
    for anc in noun.ancestors:
        if prev.dep == sym.conj and anc.pos_ in PRED_POS:
            return None   # a clause of its own
        if any(c.dep == sym.mark and c.lower_ in EARLIER_EVENT for c in anc.children) \
                or anc.dep == sym.pcomp and anc.head.lower_ in EARLIER_EVENT:
            return anc
        if anc.dep == sym.relcl and any(c.tag_ in WH_ADVERB_TAGS and c.lower_ in PLACE_RELATIVES for c in anc.children) \
                and (_perfect(anc) or _dated_before(ctx, anc)):
            return anc
        prev = anc
    return None


def drop_earlier(found: list, ctx=None, armed=lambda f: False) -> list:
    """Counts in a clause telling an earlier event (`earlier_clause`) belong to that event, and
    are left out, where a count of the same outcome outside it is this event's ('Less than 48
    hours after two priests and 17 worshipers were killed ..., the marauders ... killed no fewer
    than 39') or the clause is dated more than a week before the article ('where militia killed
    at least 30 herders last November').  A count of the armed outside it (`armed`) is no event of
    its own victims ('Three gunmen were killed by villagers after they killed two farmers').
    `found`: (noun, low, high, approx, left, verb, outcome) tuples of one sentence."""
    clauses = {f[0].i: earlier_clause(f[0], ctx) for f in found}
    out = []
    for f in found:
        clause = clauses[f[0].i]
        if clause is not None and (any(g[6] == f[6] and clauses[g[0].i] is None and not armed(g) for g in found)
                                   or _dated_before(ctx, clause)):
            continue
        out.append(f)
    return out


def gapped_count(num: Token, outcome_verbs: dict) -> bool:
    """'Fifteen people were killed in the first attack and ten in the second', 'killed 6 people
    in Kauru and 4 in Kajuru': a number coordinated with a harm verb, with a phrase of its own
    and no verb, is a count the verb is gapped from."""
    head = num.head
    return num.dep == sym.conj and head.pos == sym.VERB and outcome_verbs.get(head.lemma_.lower()) in HARM \
        and any(c.dep == sym.prep for c in num.children) \
        and any(c.dep_ in SUBJECT_DEPS or c.dep == sym.dobj for c in head.children if c.i < num.i)
