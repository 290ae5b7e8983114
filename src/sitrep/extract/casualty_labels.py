"""Names the casualty modules share: the rules table they read (data/en/casualty_cues.tsv, a tag
subset as CUES.breakdown), the harm a victim suffers (`records.Casualty.outcome`, from
sitrep.codes) and the groups of Penn tags they test, composed from extract/syntax.py's groups.
Dependency labels are spaCy's integer symbols (`tok.dep == sym.pobj`)."""
from __future__ import annotations

from .. import rules
from ..codes import Outcome
from .syntax import (ADJECTIVE_TAGS, GERUND_TAGS, PAST_PARTICIPLE_TAGS, PAST_TENSE_TAGS,
                     SINGULAR_NAME_TAGS, SINGULAR_NOUN_TAGS)

CUES_TABLE = "casualty_cues"      # data/en/casualty_cues.tsv
CUES = rules.Tagged(CUES_TABLE)
HARM = (Outcome.KILLED, Outcome.WOUNDED)               # bodily harm, not capture or flight
STATE_TAGS = PAST_PARTICIPLE_TAGS | ADJECTIVE_TAGS     # VBN, JJ: 'killed', 'dead'
HARM_WORD_TAGS = STATE_TAGS | GERUND_TAGS              # VBN, JJ, VBG
PAST_TAGS = PAST_PARTICIPLE_TAGS | PAST_TENSE_TAGS     # VBN, VBD
VERB_FORM_TAGS = PAST_TAGS | GERUND_TAGS               # VBN, VBD, VBG
NOUN_OR_GERUND_TAGS = SINGULAR_NOUN_TAGS | GERUND_TAGS     # NN, VBG
NOUN_OR_NAME_TAGS = SINGULAR_NOUN_TAGS | SINGULAR_NAME_TAGS   # NN, NNP
OUTCOME_VERBS = rules.mapping("outcome_verbs", "outcome")   # harming verb lemma -> outcome
OUTCOME_WORDS = rules.mapping(CUES_TABLE, "outcome", tag="outcome_word")   # 'dead', 'fatalities'
ARTICLE_ONE = rules.words("determiners", tag="one")   # 'a soldier', 'one civilian'
