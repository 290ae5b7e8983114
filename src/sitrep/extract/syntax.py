"""The named groups of the English model's labels (data/en/syntax_labels.tsv, whose header says
what each group is), loaded once here so that every extractor tests the same sets."""
from __future__ import annotations

from functools import partial

from .. import rules

_group = partial(rules.words, "syntax_labels")

PRED_POS = _group("pred_pos")               # VERB, AUX
NOUN_POS = _group("noun_pos")               # NOUN, PROPN
SUBJECT_DEPS = _group("verb_subject")       # nsubj, nsubjpass
ANY_SUBJECT_DEPS = _group("subject")
AUX_DEPS = _group("aux_dep")                # aux, auxpass
COMPLEMENT_DEPS = _group("complement")      # acomp, xcomp
CLAUSE_DEPS = _group("clause_dep")          # a new clause or list item
OWN_CLAUSE_DEPS = _group("clause")          # a clause of its own (casualty cues)
NOUN_MODIFIERS = _group("noun_modifier")    # compound, amod, nmod
NOUN_DEPENDENTS = _group("noun_dependent")  # amod, compound, nmod, poss
SPECIFIERS = _group("specifier")            # det, poss
PERSON_ENTS = _group("person_ent")
GROUP_ENTS = _group("group_ent")            # GPE, NORP, ORG
GROUP_NAME_ENTS = _group("group_name_ent")
ACTOR_ENTS = _group("actor_ent")
PLACE_ENTS = _group("place_ent")
MISLABEL_ENTS = _group("mislabel_ent")
NOT_PLACE_ENTS = _group("not_place_ent")
COUNT_DEPS = _group("count_dep")                   # nummod
COMPOUND_DEPS = _group("compound_dep")             # compound
ATTRIBUTIVE_DEPS = _group("attributive_dep")       # amod, compound
NAME_PART_DEPS = _group("name_part_dep")           # compound, flat
ROOT_DEPS = _group("root_dep")                     # ROOT
DATIVE_DEPS = _group("dative_dep")                 # dative
PAST_PARTICIPLE_TAGS = _group("past_participle_tag")   # VBN
PAST_TENSE_TAGS = _group("past_tense_tag")             # VBD
GERUND_TAGS = _group("gerund_tag")                     # VBG
PRESENT_TENSE_TAGS = _group("present_tense_tag")       # VBP, VBZ
VERB_TAGS = _group("verb_tag")                         # VB, VBD, VBG, VBN, VBP, VBZ
ADJECTIVE_TAGS = _group("adjective_tag")               # JJ
SUPERLATIVE_TAGS = _group("superlative_tag")           # JJS
SINGULAR_NOUN_TAGS = _group("singular_noun_tag")       # NN
PLURAL_NOUN_TAGS = _group("plural_noun_tag")           # NNS
SINGULAR_NAME_TAGS = _group("singular_name_tag")       # NNP
WH_ADVERB_TAGS = _group("wh_adverb_tag")               # WRB
WH_TAGS = _group("wh_tag")                             # WDT, WP
FINITE_TAGS = PAST_TENSE_TAGS | PRESENT_TENSE_TAGS     # VBD, VBP, VBZ: a verb with tense
OBJECT_DEPS = _group("object_dep")                 # dobj, dative: what or whom a verb (of saying) takes
