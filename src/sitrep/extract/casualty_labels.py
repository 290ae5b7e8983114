"""Names for the labels the casualty rules test most often: the rules table they read, the
outcomes they assign (`records.Casualty.outcome`) and the spaCy dependency labels they walk.
One spelling each, so a condition reads as words and a typo is a NameError."""
from __future__ import annotations

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
