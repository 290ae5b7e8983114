"""Speech cues as data: data/en/speech_cues.tsv (lemma, inflected forms, uses), read through sitrep.rules."""
from __future__ import annotations

import functools

from .. import rules


SPEECH_CUES = "speech_cues"   # data/en/speech_cues.tsv


def speech_cues(tag: str) -> frozenset[str]:
    """Lemmas carrying a use tag: 'direct' or 'indirect'."""
    return rules.words(SPEECH_CUES, tag=tag)


@functools.lru_cache(maxsize=1)
def speech_cue_forms() -> frozenset[str]:
    """Every listed form (lemmas and inflections), lower case."""
    forms = rules.mapping(SPEECH_CUES, "forms")
    return frozenset(set(forms) | {f for v in forms.values() for f in v.split(",") if f})
