"""Casualty counts: number, low/high, outcome, population, side, cumulative, claimant.

A count is a number phrase ("874 Armenian soldiers", "at least 14 people",
"dozens", "one civilian") whose clause says what happened to them (killed,
wounded, missing, captured, displaced; "casualties" stays ambiguous).  Coordinated
counts share the verb and, when one lacks it, the side of their sibling.
Conventions: exact counts have low == high; "at least N"/"more than N" give
low = high = N with approximate=True (ACLED's conservative reading); vague
quantities ("dozens") give a range.  Side is the ISO3 code whose losses these are.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token
from spacy import symbols as sym

from .. import rules
from ..geo import countries
from ..records import Casualty
from .attribution import REPORT_VERBS, claimant_for
from . import casualty_rules as cr
from .casualty_claimant import headline_claimants, outlet_of, resolve as resolve_claimant
from .casualty_incident import incident_population, share_restated
from .casualty_numbers import read_numbers
from .casualty_side import place_side
from ..stages import stage
from .context import Context
from .casualty_breakdown import attach_parts, named_among
from ..codes import ClaimantKind, Kind, Outcome, Population
from .casualty_labels import (ARTICLE_ONE, CUES, HARM, HARM_WORD_TAGS, OUTCOME_VERBS, OUTCOME_WORDS, PAST_TAGS, STATE_TAGS,
                              VERB_FORM_TAGS)
from .syntax import (ATTRIBUTIVE_DEPS, AUX_DEPS, COMPOUND_DEPS, COUNT_DEPS, GERUND_TAGS, NOUN_DEPENDENTS, PAST_PARTICIPLE_TAGS,
                     PRED_POS, ROOT_DEPS, SINGULAR_NAME_TAGS, SINGULAR_NOUN_TAGS, SPECIFIERS, SUBJECT_DEPS)

UNDERGONE_VERBS = rules.words("outcome_verbs", tag="undergone")   # their subject is the victim
PERSON_PRONOUNS = rules.Tagged("pronouns").person   # 'he', 'she': one person
PARTY_NOUNS = rules.Tagged("party_nouns")
MILITARY = PARTY_NOUNS.combatant
CIVILIAN = PARTY_NOUNS.civilian
PEOPLE = PARTY_NOUNS.people
VAGUE = {w: (int(r["low"]), int(r["high"]))
         for w, r in rules.filled("vague_numbers", ("low", "high"), tag="vague").items()}
APPROX = CUES.approx
TOLL_RISE_VERBS = CUES.toll_rise
TOLL_SPAN_PREPS = cr.PREPOSITIONS.toll_span
BETWEEN_AUX = CUES.between_aux
FORCE_WORDS = CUES.force_word
BURN_FATES = CUES.burn_fate
CUMULATIVE_CUES = CUES.cumulative
CIVILIAN = CIVILIAN | cr.CIVILIAN_NOUNS   # roles kept in data/en/casualty_cues.tsv
VICTIMS = MILITARY | CIVILIAN | PEOPLE | cr.PERSON_NOUNS   # nouns that can name a victim
NUMBER_JOINTS = CUES.number_joint
AGE_MARKS = CUES.age_mark
CLAUSE_STOPS = CUES.clause_stop
BACKGROUND_PREPS = CUES.background_prep
DETERMINERS = rules.Tagged("determiners")
INDEFINITE = DETERMINERS.indefinite
NEGATIVE_DETS = DETERMINERS.negative | DETERMINERS.no_count   # 'no one', 'neither man', 'if any policeman': no count at all
COUNT_KEEPING = DETERMINERS.count_keeping   # 'all four were killed'
DEFINITE = DETERMINERS.definite
COUNT_NOUNS = CUES.count_noun
CIVIL_WORDS = CUES.civil_word
ONE_MODIFIERS = SPECIFIERS | ATTRIBUTIVE_DEPS   # det, poss, amod, compound: 'the young man' is one
NUMBER_WORDS = rules.Tagged("number_words")
PAIR = NUMBER_WORDS.pair   # 'both men', 'both were killed': two
PAIR_NOUNS = NUMBER_WORDS.pair_noun   # 'a couple': two
COLLECTIVE = PARTY_NOUNS.collective   # 'a family of six': six


def _value(tok: Token) -> Optional[int]:
    text = tok.text.replace(",", "")
    if text.isdigit():  # isdecimal, not isdigit: '²' is a digit but not a number int() reads
        return int(text) if text.isdecimal() and len(text) <= 9 else None
    try:
        from text_to_num import text2num
        value = int(text2num(tok.lower_, "en"))
        return value if value < 10**9 else None  # larger is no casualty count (and no SQL INTEGER)
    except (ValueError, ImportError):
        return None


def _number_tokens(noun: Token) -> list[Token]:
    if noun.lower_ in VAGUE:   # "a dozen" is 12, read off the vague word itself
        return [c for c in noun.children if c.dep_ in COUNT_DEPS]
    numbers = [c for c in noun.children if c.dep_ in COUNT_DEPS]
    if numbers:
        return numbers   # "an additional 12 civilians": the article belongs to the number
    return [c for c in noun.children if c.dep == sym.det and (c.lower_ in ARTICLE_ONE or c.lower_ in PAIR)]


def _bounds(noun: Token, num: Optional[Token]) -> Optional[tuple[int, int, bool, int]]:
    """(low, high, approximate, leftmost token index) for the count on a noun."""
    if num is None:
        return None
    if num.lower_ in PAIR:
        return 2, 2, False, num.i   # "both men were killed"
    if noun.lower_ in PAIR_NOUNS and cr.of_objects(noun):
        return None   # "a couple of days": a rough quantity of what follows, no victim
    if noun.lower_ in PAIR_NOUNS and (num.lower_ in ARTICLE_ONE or num.dep == sym.poss or num.i == noun.i):
        return 2, 2, False, num.i   # "a Chinese couple abducted in Quetta have been killed": two
    if noun.lemma_.lower() in COLLECTIVE and (num.lower_ in ARTICLE_ONE or num.dep == sym.poss):
        size = next((_value(g) for g in cr.of_objects(noun) if g.like_num), None)
        if size:
            return size, size, False, num.i   # "killing a family of six"
    if num.lower_ in ARTICLE_ONE and not any(c.like_num for c in num.children) or num.dep == sym.poss:
        return 1, 1, False, num.i   # (not the 'one' of "Twenty-one", parsed as a compound)
    if num.lower_ in cr.NO_NUMBER:
        return None   # "several attackers were killed": no figure an analyst would code; "killed none"
    if num.i == noun.i and not num.like_num and num.lower_ not in VAGUE:  # a singular victim
        before = [c.i for c in num.children if c.dep_ in ONE_MODIFIERS and c.i < num.i]
        return 1, 1, False, min(before + [num.i])
    if num.lower_ in VAGUE and num.i > 0 and num.nbor(-1).like_num:
        return None   # "two dozen": counted on the number before it
    if num.lower_ in VAGUE:
        lo, hi = VAGUE[num.lower_]
        scale = cr.vague_scale(num) * cr.number_factor([num])   # "tens of thousands"; "half a dozen"
        return int(lo * scale), int(hi * scale), True, num.i
    # multi-token numbers: "thirty six", "1 200"; and ranges "between 10 and 15", "10 to 15"
    group = sorted([num] + [c for c in num.subtree if c.i != num.i and abs(c.i - num.i) <= 3
                            and (noun.i == num.i or c.i < noun.i)
                            and (c.like_num or c.lower_ in NUMBER_JOINTS)], key=lambda t: t.i)
    group = cr.range_group(group, num)
    values, is_range = read_numbers([t.text for t in group], [t.like_num for t in group])
    if not values:
        return None
    low, high = (min(values), max(values)) if is_range else (values[0], values[0])
    factor = cr.number_factor(group)   # "two dozen" (x 12), "half a million" (x 1/2)
    low, high = int(low * factor), int(high * factor)
    mods = {c.lower_ for c in num.subtree} | {num.nbor(-1).lower_ if num.i > 0 else ""}
    approx = bool(mods & APPROX)
    left = min([num.left_edge.i] + [t.i for t in group])
    return low, high, approx, left


def _is_age_or_time(num: Token, counts_people: bool = False) -> bool:
    nxt = num.doc[num.i + 1] if num.i + 1 < len(num.doc) else None
    after = num.doc[num.i + 2] if num.i + 2 < len(num.doc) else None
    if nxt is not None and nxt.text == "-" and after is not None and after.like_num:
        return False   # "5-6 people": a range
    if nxt is not None and nxt.text in AGE_MARKS or "year" in num.text.lower():
        return True
    v = _value(num)
    if v is not None and 1900 <= v <= 2100 and not counts_people:
        return True
    # the small model tags "between 10 and 15 civilians" as DATE: trust the counted noun instead
    return not counts_people and num.ent_type in (sym.DATE, sym.TIME, sym.MONEY, sym.PERCENT, sym.ORDINAL)


def _clause_verb(tok: Token) -> Optional[Token]:
    """Governing verb or adjective of a noun, climbing through conjunctions and prepositions."""
    node = tok
    for _ in range(6):
        if node.pos == sym.AUX and node.dep_ in AUX_DEPS and node.head.pos == sym.VERB:
            return node.head   # "29 persons, mainly women, were, yesterday, killed": the subject hangs on 'were'
        if node.pos_ in PRED_POS or (node.pos == sym.ADJ and (node.dep in (sym.acomp, sym.conj) or node.dep_ in ROOT_DEPS)):
            return node  # a coordinated verb is its own clause: "attacked X and killed three"
        if node.dep == sym.conj:
            node = node.head
            continue
        if node.head.i == node.i:
            return node if node.pos in (sym.VERB, sym.AUX, sym.ADJ) else None
        node = node.head
    return None


def _following_outcome(noun: Token) -> Optional[str]:
    """'one person severely wounded', 'dozens are missing', 'eight others injured'."""
    doc = noun.doc
    for tok in doc[noun.i + 1:min(noun.i + 5, noun.sent.end)]:
        low = tok.lemma_.lower()
        if tok.pos in (sym.AUX, sym.ADV, sym.PART) or tok.lower_ in BETWEEN_AUX:
            continue
        if tok.tag_ in HARM_WORD_TAGS and (low in OUTCOME_WORDS or low in OUTCOME_VERBS):
            if low == "shoot":
                return None
            return OUTCOME_WORDS.get(tok.lower_) or OUTCOME_WORDS.get(low) or OUTCOME_VERBS.get(low)
        return None
    return None


def _preceding_outcome(noun: Token) -> Optional[str]:
    """'killing two people and wounding 11 others': the verb just before the count."""
    doc = noun.doc
    i = min(t.i for t in noun.subtree if t.i <= noun.i) - 1
    while i >= noun.sent.start and doc[i].pos in (sym.ADV, sym.DET, sym.ADP) and doc[i].lower_ not in CLAUSE_STOPS:
        i -= 1
    if i >= noun.sent.start and doc[i].tag_ in VERB_FORM_TAGS and doc[i].i != noun.head.i:
        return OUTCOME_VERBS.get(doc[i].lemma_.lower())
    return None


def _burned_to_death(verb: Optional[Token]) -> bool:
    return verb is not None and verb.lemma_.lower() == "burn" and any(
        t.lower_ in BURN_FATES for t in verb.subtree)


def _outcome(noun: Token, verb: Optional[Token]) -> Optional[str]:
    lemma = noun.lemma_.lower()
    if (lemma in cr.BODY_NOUNS or noun.lower_ in cr.BODY_NOUNS) and any(c.dep_ in COUNT_DEPS for c in noun.children):
        return Outcome.KILLED   # "images of three bodies"
    if cr.either_outcome(verb, OUTCOME_VERBS):
        return Outcome.CASUALTIES   # "killed or wounded about 53 people": neither count
    counted = _counted(noun)
    if counted.i != noun.i and counted.lemma_.lower() in OUTCOME_WORDS and counted.lemma_.lower() not in cr.BODY_NOUNS:
        return OUTCOME_WORDS[counted.lemma_.lower()]   # "12 others wounded among dozens of casualties": its own word
    if lemma in OUTCOME_WORDS and lemma not in ("body",):
        harm = cr.verb_harm(verb, OUTCOME_VERBS, OUTCOME_WORDS) if OUTCOME_WORDS[lemma] == Outcome.CAPTURED else None
        return harm or OUTCOME_WORDS[lemma]   # "16 prisoners died" were killed
    named_outcome = cr.of_outcome(noun) or cr.special_harm(_counted(noun), verb, OUTCOME_VERBS) \
        or cr.displacement(verb) or cr.treated_participle(noun) or cr.refuge_for(noun) or named_among(noun)
    if named_outcome:
        return named_outcome   # "resulting in the death of at least 42 people", "lost their lives"
    if cr.with_injuries(noun):
        return Outcome.WOUNDED   # "and 19 others with severe machete injuries"
    if noun.lower_ in VAGUE and noun.dep == sym.amod and noun.head.pos == sym.NOUN:
        noun = noun.head   # "several others injured": the outcome hangs on "others"
    own = next((c for c in noun.children if c.dep in (sym.acl, sym.amod) and c.tag_ in STATE_TAGS
                and not cr.active_participle(c) and OUTCOME_VERBS.get(c.lemma_.lower(), OUTCOME_WORDS.get(c.lemma_.lower()))), None)
    if noun.dep == sym.conj and own is not None:   # "three killed and several others injured"
        return OUTCOME_VERBS.get(own.lemma_.lower()) or OUTCOME_WORDS.get(own.lemma_.lower())
    if noun.dep == sym.conj and any(c.lower_ == "dead" for c in noun.head.children) and not _following_outcome(noun):
        return Outcome.KILLED   # "shot dead Anil Parihar ... and his brother"
    if noun.dep == sym.conj:
        before = _preceding_outcome(noun)
        if before:
            return before
    if own is not None and noun.dep == sym.pobj and noun.head.lower_ == "with":
        return OUTCOME_VERBS.get(own.lemma_.lower()) or OUTCOME_WORDS.get(own.lemma_.lower())   # "confirmed dead with scores injured"
    if _burned_to_death(verb) or cr.to_death(verb):
        return Outcome.KILLED   # "stabbed to death", "shot dead"
    if noun.dep in (sym.dobj, sym.nsubjpass) and verb is not None and noun.head.i == verb.i and (
            cr.harm_passive(verb, OUTCOME_VERBS) or not any(
            c.dep in (sym.amod, sym.acl) and (c.lemma_.lower() in OUTCOME_WORDS or c.lemma_.lower() in OUTCOME_VERBS)
            and not cr.active_participle(c) for c in noun.children)):   # "One dead, ... injured", "8 SLDF killed, 4 injured"
        # (but a finite passive is the clause's own: "a couple abducted in Quetta have been killed")
        harm = cr.verb_harm(verb, OUTCOME_VERBS, OUTCOME_WORDS)
        if harm:
            return harm   # "beheaded seven loggers they kidnapped": the verb, not the relative clause
    following = _following_outcome(noun)
    if following:
        return following
    for child in noun.children:  # "12 people dead", "three wounded soldiers", "people killed"
        low = child.lemma_.lower()
        if child.dep in (sym.amod, sym.acl, sym.appos, sym.relcl) and (low in OUTCOME_WORDS or low in OUTCOME_VERBS) \
                and not cr.active_participle(child):
            return OUTCOME_WORDS.get(low) or OUTCOME_VERBS.get(low)
        if child.dep == sym.relcl:
            for g in child.subtree:
                if g.lemma_.lower() in OUTCOME_VERBS and g.pos == sym.VERB:
                    return OUTCOME_VERBS[g.lemma_.lower()]
    if verb is None:
        return None
    suffered = cr.suffered_harm(verb) or cr.marching_victims(noun, verb, OUTCOME_VERBS)
    if suffered:
        return suffered   # "five others sustained injuries", "1,340 were treated for injuries"
    low = verb.lemma_.lower()
    if low in OUTCOME_VERBS:
        if verb.lemma_ == "claim":
            # "the attack claimed 12 lives" only; "X claimed 12 ..." is a report
            return Outcome.KILLED if noun.lemma_.lower() in cr.LIVES else None
        if low == "shoot" and not cr.to_death(verb) \
                and not any(c.dep == sym.conj and OUTCOME_VERBS.get(c.lemma_.lower()) == Outcome.KILLED
                            for c in verb.children):   # "shot and killed"
            return Outcome.KILLED if cr.later_died(verb) else Outcome.WOUNDED
        if low == "miss" and verb.tag_ not in GERUND_TAGS:
            return None
        return OUTCOME_VERBS[low]
    if noun.dep in (sym.nsubj, sym.nsubjpass) and noun.head.i == verb.i:
        shared = cr.conj_harm(verb, OUTCOME_VERBS)
        if shared:
            return shared   # "Two brothers returning from the market were ambushed and killed"
    care = cr.in_care(verb) or cr.reported_as(verb, OUTCOME_VERBS, OUTCOME_WORDS)
    if care:
        return care   # "69 people are in hospital", "64 were reported as injured"
    if low == "be":  # "12 were dead/missing"
        for c in verb.children:
            if c.dep in (sym.acomp, sym.attr) and c.lemma_.lower() in OUTCOME_WORDS:
                return OUTCOME_WORDS[c.lemma_.lower()]
    for c in verb.children:  # "left 12 dead", "remain missing"
        if c.dep in (sym.oprd, sym.acomp, sym.xcomp, sym.ccomp) and c.lemma_.lower() in OUTCOME_WORDS:
            return OUTCOME_WORDS[c.lemma_.lower()]
    for c in verb.children:  # "was found murdered", "were feared killed" (also parsed as advcl; but not "six were civilians, while 20 were injured")
        if (c.dep in (sym.oprd, sym.xcomp) or c.dep == sym.advcl and cr.passive_frame(verb)) and c.tag_ in PAST_PARTICIPLE_TAGS and OUTCOME_VERBS.get(c.lemma_.lower()) in HARM \
                and c.lemma_.lower() not in cr.WEAK_HARM_VERBS and not any(g.dep == sym.dobj or g.dep_ in SUBJECT_DEPS for g in c.children):
            return OUTCOME_VERBS[c.lemma_.lower()]
    if cr.displaced_noun(_counted(noun)):
        return Outcome.DISPLACED   # "home to more than 61,000 refugees"
    return None


def _population(noun: Token) -> str:
    lemmas = {noun.lemma_.lower(), noun.lower_} | {c.lemma_.lower() for c in noun.children if c.dep_ in ATTRIBUTIVE_DEPS}
    if lemmas & CIVIL_WORDS or noun.lemma_.lower() in CIVILIAN or cr.sheltering(noun):
        return Population.CIVILIAN
    if noun.lemma_.lower() == "member" and not lemmas & (MILITARY - {"member"}):
        if (lemmas - {"member"}) & CIVILIAN or cr.of_object_in(noun, CIVILIAN):
            return Population.CIVILIAN   # "34 of his family members", "members of a farming family"
        if cr.of_object_in(noun, MILITARY - {"member"}):
            return Population.MILITARY   # "14 members of the Rapid Support Forces", "members of the security forces"
        lemmas = lemmas - {"member"}   # "members of a family" are no troops; "militia members" are
    if lemmas & MILITARY or lemmas & FORCE_WORDS:
        return Population.MILITARY
    return Population.UNKNOWN


def _side(ctx: Context, noun: Token) -> Optional[str]:
    for c in noun.children:
        if c.dep_ in NOUN_DEPENDENTS:
            info = countries.by_demonym(c.text) or countries.lookup(c.text) or countries.by_capital(c.text)
            if info:
                return info.iso3
        if c.dep == sym.prep and c.lower_ in cr.SOURCE_PREPS:
            for g in c.children:
                info = countries.lookup(g.text) or countries.by_demonym(g.text)
                if info:
                    return info.iso3
    actor = ctx.actor_at(noun.idx, noun.idx + len(noun))
    if actor and actor.ref.country and actor.ref.kind not in (Kind.CIVILIANS,):
        return actor.ref.country
    return None


ANIMALS = CUES.animal


def _is_perpetrator(noun: Token, verb: Optional[Token]) -> bool:
    """'two gunmen killed a trader': the active subject of a harming verb is not a victim."""
    node = noun
    while node.dep == sym.conj:
        node = node.head
    if cr.harming_child(node, OUTCOME_VERBS) is not None or cr.harming_relative(node, OUTCOME_VERBS):
        return True  # "A gunman killed 10 civilians" read as a participle; "two bombs that killed six"
    if verb is not None and verb.tag_ in PAST_PARTICIPLE_TAGS and not any(c.lemma_ == "have" for c in verb.children if c.dep == sym.aux) \
            and not (any(c.dep == sym.dobj for c in verb.children) and node.dep == sym.nsubj):
        return False  # reduced passive: "1 killed", "three killed" (a passive has no object)
    if verb is not None and not any(c.dep == sym.dobj for c in verb.children):
        return False  # "eight others wounded": no other victim named
    return (verb is not None and node.dep == sym.nsubj and node.head.i == verb.i
            and (verb.lemma_.lower() in OUTCOME_VERBS or cr.to_death(verb))   # "a mob stoned to death ..."
            and verb.lemma_.lower() not in UNDERGONE_VERBS)


def _victim_role(noun: Token, verb: Optional[Token], outcome: Optional[str]) -> bool:
    """The counted noun is what the harm happened to, whoever they were: 'thieves were
    burnt to death', 'rustlers shot dead by police', '2 suspects killed'."""
    harmed = {Outcome.KILLED, Outcome.WOUNDED}
    if cr.of_outcome(noun) in harmed:
        return True   # "the killing of at least eleven protestors"
    if noun.dep in (sym.nsubjpass, sym.dobj):
        return OUTCOME_VERBS.get(noun.head.lemma_.lower()) in harmed or (noun.head == verb and outcome in harmed)
    if any(c.dep == sym.acl and c.tag_ in PAST_PARTICIPLE_TAGS and OUTCOME_VERBS.get(c.lemma_.lower()) in harmed
           and not cr.active_participle(c) for c in noun.children):
        return True
    head = noun.head
    if noun.dep == sym.nsubj and head.lemma_.lower() in cr.SUCCUMB_VERBS:
        return True   # "an 80-year-old sheikh has died": who dies is the victim
    if noun.dep == sym.nsubj and cr.headline_passive(head, OUTCOME_VERBS):
        return True   # "Six Rohingya Muslims killed and nine wounded in an aerial attack"
    return (noun.dep == sym.nsubj and head.tag_ in PAST_PARTICIPLE_TAGS and OUTCOME_VERBS.get(head.lemma_.lower()) in harmed
            and not any(c.lemma_ == "have" for c in head.children if c.dep == sym.aux))


def _counted(noun: Token) -> Token:
    """'dozens of RSF fighters' -> fighters: the noun that says who was counted."""
    if noun.lower_ in VAGUE or noun.like_num:
        objs = cr.of_objects(noun)
        if objs:
            return objs[0]
    return noun


INTENT = CUES.intent
BACKGROUND = CUES.background


def _in_by_phrase(noun: Token) -> bool:
    """'killed by a mob': the by-phrase names the perpetrator."""
    node = noun
    while node.dep == sym.conj:
        node = node.head
    return node.dep == sym.pobj and node.head.lower_ == "by"


def _hypothetical(verb: Optional[Token]) -> bool:
    """'seeking to kill X', 'sentenced for killing X': no one was killed in this event."""
    if verb is None:
        return False
    if verb.dep == sym.xcomp and verb.head.lemma_.lower() in INTENT:
        return True
    if verb.dep == sym.pcomp and verb.head.lower_ in BACKGROUND_PREPS and verb.head.head.lemma_.lower() in BACKGROUND:
        return True
    return False


def _accident(sent) -> bool:
    return any(t.lemma_.lower() == "accident" for t in sent)


SPAN_NOUNS = CUES.span


def _cumulative(verb: Optional[Token], sent, ctx: Optional[Context] = None) -> bool:
    """A running toll ('toll', 'so far', 'since', 'have been killed in the war') vs one incident.

    A perfect tense alone is not enough: 'a driver has been shot dead' is one incident.  The
    cue must be in the count's own clause ('the toll could rise because 16 people are still
    missing': the 16 are no toll), and 'since' a day of this week is the incident's own span.
    """
    clause = cr.clause_tokens(sent, verb)
    words = {t.lemma_.lower() for t in clause}
    if ctx is not None and cr.recent_since(ctx, clause):
        words.discard("since")
    if words & (CUMULATIVE_CUES - {"far"} - cr.incident_total(sent)) or cr.so_far(sent):
        return True
    if verb is not None:
        if cr.present_perfect(verb) and verb.tag_ in PAST_PARTICIPLE_TAGS:
            for prep in (c for c in verb.children if c.dep == sym.prep and c.lower_ in TOLL_SPAN_PREPS):
                if cr.span_object(prep, SPAN_NOUNS):
                    return True  # "have been killed in the new round of fighting"
    return False


def _coordinated_persons(sent, seen_nouns: set):
    """'a man and his son', 'a husband and wife', 'Ahmed Ali, Hassan Musa and Ibrahim Bello': a
    coordinated person without a number counts one."""
    for tok in sent:
        if tok.dep == sym.conj and (tok.tag_ in SINGULAR_NOUN_TAGS and (tok.lemma_.lower() in CIVILIAN | MILITARY or (
                tok.lemma_.lower() in cr.PERSON_NOUNS and any(c.dep_ in SPECIFIERS for c in tok.children)))
                or cr.listed_name(tok)) \
                and tok.head.i in seen_nouns and tok.i not in seen_nouns \
                and not any(c.dep_ in COUNT_DEPS for c in tok.children) and not cr.singular_verb(tok.head):
            seen_nouns.add(tok.i)
            yield tok, next((c for c in tok.children if c.dep_ in SPECIFIERS), tok)


def _candidates(sent):
    """(noun, number token) pairs: counted nouns and bare counts ('killing 14')."""
    seen, seen_nouns = set(), set()
    for tok in sent:
        if tok.pos in (sym.NOUN, sym.PROPN, sym.PRON, sym.ADJ) or tok.lower_ in COUNT_NOUNS:
            for num in _number_tokens(tok):
                if num.i not in seen:
                    seen.add(num.i)
                    if tok.ent_type in (sym.DATE, sym.TIME) and _following_outcome(num):
                        yield num, num   # "and eight wounded Monday": the number is the count
                        continue
                    seen_nouns.add(tok.i)
                    yield tok, num
        if tok.lower_ in VAGUE and tok.dep_ not in COUNT_DEPS and tok.i not in seen and not cr.is_scale(tok) \
                and not (tok.i > tok.sent.start and tok.nbor(-1).like_num) \
                and not cr.vague_thing(tok, VICTIMS | set(OUTCOME_WORDS)):
            seen.add(tok.i)
            seen_nouns.add(tok.i)
            yield tok, tok
    for tok in sent:  # parser misses: "Thirteen soldiers ..." with the number left unattached
        if tok.like_num and tok.i not in seen and tok.dep not in (sym.conj, sym.quantmod) and tok.dep_ not in COUNT_DEPS and _value(tok) is not None \
                and not (tok.head.i != tok.i and tok.head.like_num):
            for nxt in tok.doc[tok.i + 1:min(tok.i + 4, len(tok.doc))]:
                if nxt.i in seen_nouns:
                    break
                if nxt.pos == sym.NOUN and nxt.lemma_.lower() in VICTIMS:
                    seen.add(tok.i)
                    seen_nouns.add(nxt.i)
                    yield nxt, tok
                    break
                if nxt.pos not in (sym.ADJ, sym.PROPN):
                    break
    yield from _coordinated_persons(sent, seen_nouns)
    for tok in sent:  # a named victim beside a count: "Ahmed and two others were killed"
        if tok.i not in seen_nouns and cr.named_victim(tok, seen_nouns):
            seen_nouns.add(tok.i)
            yield tok, tok
    for tok in sent:  # a singular victim: "a chief was gunned down", "teenage boy killed by raiders"
        headline_noun = tok.tag_ in SINGULAR_NAME_TAGS and tok.lower_ in MILITARY | CIVILIAN | cr.PERSON_NOUNS   # "Policeman killed after ambush"
        stranded = cr.stranded_passive(tok, OUTCOME_VERBS)   # "Abubakar, who was killed by gunmen"
        named = tok.pos == sym.PROPN and (tok.dep in (sym.nsubjpass, sym.dobj) or stranded is not None) and (
            tok.ent_type == sym.PERSON or cr.unlabelled_name(tok))   # "Mbele and his cousin were shot dead"
        named = named or tok.lower_ in PERSON_PRONOUNS and tok.dep == sym.nsubjpass   # "He was killed along with his two bodyguards"
        if (tok.pos == sym.NOUN and tok.tag_ in SINGULAR_NOUN_TAGS or headline_noun or named) and tok.i not in seen_nouns \
                and not cr.is_animal(tok, ANIMALS) \
                and not any(c.dep_ in COUNT_DEPS or c.lower_ in NEGATIVE_DETS for c in tok.children):
            head = stranded if stranded is not None else tok.head
            passive_subject = stranded is not None or tok.dep == sym.nsubjpass or cr.harmed_by_participle(tok, OUTCOME_VERBS) \
                or (tok.dep == sym.nsubj and head.lemma_.lower() in cr.SUCCUMB_VERBS) \
                or (tok.dep == sym.nsubj and head.tag_ in PAST_TAGS and head.lemma_.lower() in OUTCOME_VERBS
                    and not any(c.dep in (sym.dobj, sym.aux) for c in head.children)
                    and not cr.shares_object(head))  # "ODM official killed at home" (not "militants shot and killed eight")
            victim_object = tok.dep == sym.dobj and head.lemma_.lower() in OUTCOME_VERBS and head.lemma_.lower() != "claim"
            harm = head.lemma_.lower() in OUTCOME_VERBS or cr.to_death(head) or any(
                c.dep == sym.acl and c.lemma_.lower() in OUTCOME_VERBS for c in tok.children)
            verb_outcome = (Outcome.KILLED if cr.to_death(head) else None) or cr.conj_harm(head, OUTCOME_VERBS) \
                or OUTCOME_VERBS.get(head.lemma_.lower()) or next(
                (OUTCOME_VERBS.get(c.lemma_.lower()) for c in tok.children if c.dep == sym.acl), None)
            cared = tok.dep == sym.nsubj and cr.in_care(head) is not None   # "The cousin was in critical condition"
            if ((passive_subject or victim_object) and harm and verb_outcome in HARM or cared) \
                    and tok.lemma_.lower() not in PEOPLE - {"person", "victim"}:
                seen_nouns.add(tok.i)
                yield tok, tok.doc[tok.i]  # the noun itself stands for "one"
    yield from _coordinated_persons(sent, seen_nouns)   # "Anil Parihar ... and his brother"
    for tok in sent:  # "three civilians dead ..., and another was wounded": one more victim
        if tok.lower_ == "another" and (tok.dep == sym.nsubjpass or tok.dep == sym.nsubj and tok.head.tag_ in PAST_PARTICIPLE_TAGS) \
                and tok.i not in seen_nouns \
                and tok.head.dep == sym.conj and OUTCOME_VERBS.get(tok.head.lemma_.lower()) in HARM \
                and seen_nouns:
            seen_nouns.add(tok.i)
            yield tok, tok
    for tok in sent:  # a bare number as the argument: "killing 14", "the toll rose to 21"
        if tok.dep == sym.pobj and tok.head.lower_ == "of":
            continue  # "a father of four"
        if any(c.dep == sym.det and c.lower_ != "another" and not (
                c.lower_ in COUNT_KEEPING or c.lower_ in DEFINITE and tok.dep in (sym.nsubj, sym.nsubjpass) and (_value(tok) or 0) > 1
                and all(g.dep == sym.det for g in tok.children))   # not "the remaining 45": the rest of a count
               for c in tok.children):
            continue  # "the one given by officials" (but "another 93 being wounded", "all four were killed", "the two were shot dead")
        if tok.like_num and cr.designation(tok):
            continue  # "Battalion 257", "Camp 101": a name, not a count
        if tok.like_num and tok.i not in seen and tok.i + 1 < len(tok.doc) and \
                tok.nbor().lemma_.lower() in set(OUTCOME_WORDS) | set(OUTCOME_VERBS) and tok.nbor().tag_ in STATE_TAGS:
            seen.add(tok.i)
            yield tok, tok  # "2 killed", "three dead"
            continue
        if (tok.like_num or tok.lower_ in PAIR and tok.pos == sym.PRON) and tok.i not in seen and (tok.dep in (sym.dobj, sym.nsubj, sym.nsubjpass, sym.pobj, sym.attr)
                                                   or tok.dep == sym.conj and tok.head.i in seen_nouns   # "his wife and three of their children"
                                                   or cr.gapped_count(tok, OUTCOME_VERBS)
                                                   or cr.bare_victim_number(tok, OUTCOME_VERBS)):
            seen.add(tok.i)
            yield tok, tok


@stage("casualties", requires=("actors", "places", "dates", "quotes", "events"))
def extract(ctx: Context) -> list[Casualty]:
    out: list[Casualty] = []
    tolls: set[int] = set()
    named_sides: dict[str, str] = {}   # counted noun -> the side a count of it named ("10 Niger soldiers")
    for sent in ctx.doc.sents:
        found: list[tuple] = []
        for noun, num in _candidates(sent):
            people = noun.i != num.i and noun.lemma_.lower() in VICTIMS \
                or cr.bare_victim_number(num, OUTCOME_VERBS) \
                or num.dep == sym.attr and cr.stated_toll(num.head) is not None   # "wounded 44" (tagged DATE by the model); "the number killed is 11"
            if num.like_num and _is_age_or_time(num, people):
                continue
            if num.like_num and num.i > noun.i and cr.designation(num):
                continue  # "Battalion 257"
            if noun.dep_ in COMPOUND_DEPS and noun.head.pos == sym.NOUN and noun.lower_ in ANIMALS:
                noun = noun.head   # "9 cattle rustlers": the rustlers are counted, not the cattle
            verb = cr.stranded_passive(noun, OUTCOME_VERBS) or _clause_verb(noun)
            if cr.in_side_clause(noun, verb):
                continue   # "killed as tens of thousands protested"
            outcome = _outcome(noun, verb)
            if cr.is_animal(_counted(noun), ANIMALS):
                continue   # "the killing of about 200 pigs"
            if noun.i == num.i and cr.counted_things(noun, _counted(noun), ctx, VICTIMS | set(OUTCOME_WORDS)):
                continue   # "an attack on one of its compounds"
            victim_role = _victim_role(noun, verb, outcome)
            # "killed 20 people, including one American": a part of another country is a figure of
            # its own (whose losses differ); other parts stay inside their count (ACLED sums records)
            part_of = cr.demonym_side(_counted(noun)) and cr.breakdown_head(
                noun, {f[0].i: f[6] for f in found}, {f[5].i: f[6] for f in found if f[5] is not None})
            if outcome is None and part_of:
                outcome = part_of
            if noun.i != num.i and noun.lemma_.lower() in cr.NOT_PERSON:
                continue   # "two bombs", "three suicide car bombs"
            if noun.i != num.i and noun.lemma_.lower() not in VICTIMS | set(OUTCOME_WORDS) | cr.BODY_NOUNS \
                    and noun.lower_ not in cr.BODY_NOUNS \
                    and not victim_role and not part_of and not cr.coordinated_with(noun, VICTIMS) \
                    and not cr.treated_participle(noun) \
                    and not ctx.actor_at(noun.idx, noun.idx + len(noun)):
                continue
            bounds = _bounds(noun, num)
            if bounds is None or cr.is_unit(noun):
                continue
            low, high, approx, left = bounds
            if noun.i == num.i and outcome is None and verb is not None and verb.lemma_ in TOLL_RISE_VERBS:
                subj = next((c for c in verb.children if c.dep == sym.nsubj), None)
                if subj is not None and subj.lemma_.lower() in cr.TOLL_NOUNS:
                    outcome = Outcome.KILLED if any(c.lower_ == "death" for c in subj.children) or subj.lemma_ == "toll" else None
            listed = outcome is None and noun.dep == sym.conj and cr.listed_after(noun, found)
            if listed:
                outcome = listed   # "killing 12 Iraqi engineers and four Iranian technicians"
            toll = outcome is None and noun.i == num.i and cr.toll_value(num, verb)
            if toll:
                outcome = toll   # "raised the death toll to 311": a running toll
            if outcome is None:
                continue
            if cr.is_reporter(noun, REPORT_VERBS):
                continue   # "... and an official in Puntland said"
            if (_is_perpetrator(noun, verb) and not listed) or _in_by_phrase(noun) or _hypothetical(verb) or _accident(sent):
                continue
            if cr.shot_down(verb) and noun.lemma_.lower() not in VICTIMS and noun.ent_type != sym.PERSON:
                continue  # "shooting down a MiG": an aircraft
            if num.lower_ in INDEFINITE and outcome not in HARM:
                continue  # "a trader who fled" is a witness, not a displacement count
            if low == 1 and num.lower_ in ARTICLE_ONE and noun.lemma_.lower() in PEOPLE - {"person"}:
                continue
            singular = num.lower_ in INDEFINITE or (num.i == noun.i and not num.like_num and num.lower_ not in VAGUE)
            if singular and cr.series_member(noun):
                continue  # "the third journalist killed this year": the victim again, or others before
            if singular and not cr.person_like(noun, ctx, VICTIMS):
                continue  # "A total of ten", "a second mosque", "three suicide car bombs" are no victims
            found.append((noun, low, high, approx, left, verb, outcome))
            if toll:
                tolls.add(noun.i)
        found = cr.drop_earlier(cr.restated_in_report(cr.drop_repeats(found, PEOPLE), REPORT_VERBS), ctx,
                                lambda f: _population(_counted(f[0])) == Population.MILITARY)
        sides: dict[int, Optional[str]] = {}
        for noun, *_ in found:
            counted = _counted(noun)
            lemma = counted.lemma_.lower()
            bare = not any(c.dep_ in NOUN_DEPENDENTS or c.dep == sym.prep for c in counted.children)
            if bare and lemma in MILITARY and lemma in named_sides:
                sides[noun.i] = named_sides[lemma]   # "13 soldiers were hurt": the Niger soldiers named before
                continue
            own = cr.demonym_side(counted) or _side(ctx, counted)
            sides[noun.i] = own
            if own and not bare:
                named_sides.setdefault(lemma, own)
        for noun, low, high, approx, left, verb, outcome in found:
            side = sides[noun.i]
            if side is None:  # coordinated sibling: "874 Armenian soldiers and 36 civilians"
                for other, *_ in found:
                    if other.i != noun.i and sides[other.i] and (other.head.i == noun.i or noun.head.i == other.i):
                        side = sides[other.i]
            first, last = sorted((ctx.doc[left], noun), key=lambda t: t.i)  # the count may follow the noun
            start, end = first.idx, last.idx + len(last)
            claimant = resolve_claimant(ctx, claimant_for(ctx, start, end),
                                         [c.claimant for c in out if c.claimant is not None], start, end)
            if claimant.kind != ClaimantKind.OUTLET and cr.place_description(noun, REPORT_VERBS):
                claimant = outlet_of(ctx)   # "..., where tens of thousands have sought refuge"
            if side is None and claimant.actor and claimant.actor.kind == Kind.GOVERNMENT and claimant.actor.country:
                side = claimant.actor.country  # a government reporting its own losses
            cumulative = _cumulative(verb, sent, ctx) or cr.war_scale_perfect(verb, low, outcome) \
                or cr.earlier_stock(verb, outcome) or noun.i in tolls or (
                    outcome == Outcome.DISPLACED and cr.displaced_noun(_counted(noun))
                    and OUTCOME_VERBS.get(verb.lemma_.lower() if verb is not None else "") != Outcome.DISPLACED)   # refugees: a stock
            population = cr.displaced_population(outcome, _population(_counted(noun)))
            identity = cr.identified_as(noun)
            if population == Population.UNKNOWN and identity is not None:
                population = _population(identity)   # "three bodies, believed to be attackers"
            if population == Population.UNKNOWN and noun.lemma_.lower() == "other" and out and out[-1].evidence == ctx.of(sent):
                population = out[-1].population   # "the death of five fighters and the injury of six others"
                side = side or out[-1].side
            if side is None:
                side = place_side(ctx, _counted(noun), sent)
            dates = ctx.dates_in(sent.start_char, sent.end_char)
            places = ctx.places_in(sent.start_char, sent.end_char)
            found_count = Casualty(
                mention=ctx.span(start, end), low=low, high=high, outcome=outcome,
                population=population, side=side, cumulative=cumulative,
                approximate=approx, date=dates[0] if dates else None, place=places[0] if places else None,
                evidence=ctx.of(sent), claimant=claimant,
            )
            if population == Population.UNKNOWN and _counted(noun).lemma_.lower() in PEOPLE | {"other", "life"}:
                incident = incident_population(ctx, found_count, sent.start_char, sent.end_char)
                if incident:   # "Nine people were killed in that assault" on civilians
                    found_count = found_count.model_copy(update={"population": incident})
            out.append(found_count)
    out = attach_parts(ctx, share_restated(sorted(out, key=lambda c: c.mention.start)), _bounds, _population)
    return headline_claimants(ctx, out)
