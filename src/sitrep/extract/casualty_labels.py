"""Names for the labels the casualty rules test most often: the rules table they read, the
outcomes they assign (`records.Casualty.outcome`) and the spaCy dependency labels they walk.
One spelling each, so a condition reads as words and a typo is a NameError."""
from __future__ import annotations

from .. import rules

CUES = "casualty_cues"        # data/en/casualty_cues.tsv
KILLED = "killed"
WOUNDED = "wounded"
DISPLACED = "displaced"
CONJ = "conj"                 # ClearNLP dependency labels of the English spaCy model
POBJ = "pobj"
DOBJ = "dobj"
PREP = "prep"
NSUBJ = "nsubj"
NUMMOD = "nummod"
AMOD = "amod"
ATTR = "attr"
VBN = "VBN"               # Penn tag of a past participle
SYNTAX = "syntax_labels"     # data/en/syntax_labels.tsv: named groups of labels
NOUN_POS = rules.words(SYNTAX, tag="noun_pos")     # NOUN, PROPN
PRED_POS = rules.words(SYNTAX, tag="pred_pos")     # VERB, AUX
AUX_DEPS = rules.words(SYNTAX, tag="aux_dep")      # aux, auxpass
NOUN_DEPENDENTS = rules.words(SYNTAX, tag="noun_dependent")   # amod, compound, nmod, poss
SPECIFIERS = rules.words(SYNTAX, tag="specifier")  # det, poss
