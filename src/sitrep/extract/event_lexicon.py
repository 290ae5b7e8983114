"""Trigger lexicon for PLOVER event typing: lemma -> (type, mode), and the cue words around it.

The tables live in data/en/*.tsv (verb_triggers, noun_triggers, phrasal_triggers,
light_verb_objects, weapon_modes, event_cues, ...), read once through sitrep.rules.
Verb and noun triggers are looked up by spaCy lemma (lower-cased). Phrasal verbs
("rule out", "call on") and light-verb + noun predicates ("take control",
"open fire", "stage a protest") are matched from the parse in events.py.
Modes follow PLOVER where it names one; for violence they also record the
weapon/means ACLED needs (shelling, air, explosives, ...).
"""
from __future__ import annotations

from .. import rules

T = tuple[str, str | None]
_TYPE_MODE = ("type",)


def _entry(row: dict[str, str]) -> T:
    return (row["type"], row["mode"] or None)


def _triggers(name: str) -> dict[str, T]:
    return {k: _entry(r) for k, r in rules.filled(name, _TYPE_MODE).items()}


def _pair_triggers(name: str) -> dict[tuple[str, str], T]:
    return {k: _entry(r) for k, r in rules.pairs(name, _TYPE_MODE).items()}


CUES = rules.Tagged("event_cues")

VERB_TRIGGERS = _triggers("verb_triggers")
NOUN_TRIGGERS = _triggers("noun_triggers")
# Phrasal verbs (lemma, particle) override the verb's own entry.
PHRASAL = _pair_triggers("phrasal_triggers")
# Light verb + object noun -> event (the noun carries the meaning).
LIGHT_VERB_OBJECTS = _pair_triggers("light_verb_objects")
# Light verbs whose noun object is the event ("carry out an attack", "stage a protest").
LIGHT_VERBS = CUES.light_verb
# "strike" (no object) by workers -> PROTEST strike; a target -> ASSAULT.
LABOUR_STRIKE_SUBJECTS = CUES.strike_subject
# Weapon cues anywhere in the trigger's clause refine ASSAULT modes.
WEAPON_MODES = rules.mapping("weapon_modes", "mode")

# --- status cues -----------------------------------------------------------
FUTURE_AUX = rules.words("future_aux")
# CAMEO 166: expelling/withdrawing these from a country is SANCTION (expel), not deportation
MISSION_NOUNS = CUES.mission
MODAL_AUX = rules.words("modal_aux")
# verbs/adjs/nouns whose complement is not (yet) a fact: "plans to meet", "due to visit"
PLAN_GOVERNORS = rules.words("future_heads")
FAIL_VERBS = CUES.fail
HOLD_VERBS = CUES.hold
DENY_VERBS = CUES.deny_verb
DENY_NOUNS = CUES.deny_noun
REPORT_VERBS = rules.Tagged("report_verbs").report_frame

# Event types whose clausal complement is only wanted, refused or threatened.
DIRECTIVE_TYPES = rules.Tagged("event_types").directive
NUMBER_WORDS = {w: int(v) for w, v in rules.mapping("number_words", "value", tag="small").items()}

# Fallback sectors for target/agent nouns the actor extractor did not code.
FALLBACK_SECTORS = {w: r["fallback"] or r["sector"]
                    for w, r in rules.filled("party_nouns", ("sector",), tag="fallback").items()}

# Objects that make a trigger verb non-eventive: "released a statement", "delivered a speech".
NON_EVENT_OBJECTS = CUES.non_event_object
# Nouns whose complement is hoped for, not an event: "hopes of a ceasefire", "desire to regain".
IRREALIS_NOUNS = CUES.irrealis

# Role nouns that stand for the organisation under "of": "the head of the ICRC mission".
HEAD_NOUNS = rules.Tagged("head_nouns").of_org

# Objects that make "seize/capture/take" territorial; others are property or weapons.
TERRITORY_NOUNS = CUES.territory
WEAPON_NOUNS = CUES.weapon
