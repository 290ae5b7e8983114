"""Trigger lexicon for PLOVER event typing: lemma -> (type, mode).

Verb and noun triggers are looked up by spaCy lemma (lower-cased). Phrasal verbs
("rule out", "call on") and light-verb + noun predicates ("take control",
"open fire", "stage a protest") are matched from the parse in events.py.
Modes follow PLOVER where it names one; for violence they also record the
weapon/means ACLED needs (shelling, air, explosives, ...).
"""
from __future__ import annotations

from .. import rules

T = tuple[str, str | None]


def _many(words: str, value: T) -> dict[str, T]:
    return dict.fromkeys(words.split(), value)


VERB_TRIGGERS: dict[str, T] = {
    # ASSAULT: violence by one side against a target
    **_many("attack kill murder slay shoot gun ambush raid storm hit strike target "
            "massacre slaughter execute behead lynch stab hack machete injure wound maim "
            "assassinate butcher", ("ASSAULT", None)),
    **_many("shell bombard pound", ("ASSAULT", "shelling")),
    **_many("bomb", ("ASSAULT", "explosives")),
    **_many("stone pelt hurl", ("ASSAULT", "beat")),
    **_many("defuse", ("COERCE", "defuse")),
    **_many("airstrike", ("ASSAULT", "air")),
    **_many("abduct kidnap hijack", ("ASSAULT", "abduct")),
    **_many("rape defile", ("ASSAULT", "sexual")),
    **_many("torture", ("ASSAULT", "torture")),
    **_many("beat whip flog assault", ("ASSAULT", "beat")),
    **_many("burn torch vandalize vandalise destroy demolish raze", ("ASSAULT", "destroy")),
    # FIGHT: two-sided armed engagement
    **_many("clash fight battle skirmish", ("FIGHT", None)),
    # COERCE
    **_many("arrest detain apprehend jail imprison nab", ("COERCE", "arrest")),
    **_many("deport expel", ("COERCE", "deport")),
    **_many("ban outlaw prohibit proscribe", ("COERCE", "ban")),
    **_many("censor", ("COERCE", "censor")),
    **_many("disperse teargas", ("COERCE", "disperse")),
    **_many("confiscate loot steal rob rustle pillage plunder", ("COERCE", "seize")),
    **_many("blockade besiege", ("COERCE", "restrict")),
    # SEIZE: territorial control
    **_many("capture seize recapture retake reclaim liberate occupy overrun conquer annex",
            ("SEIZE", "territory")),
    # MOBILIZE
    **_many("mobilize mobilise deploy reinforce mass recruit", ("MOBILIZE", "troops")),
    # THREATEN
    **_many("threaten warn vow swear", ("THREATEN", None)),
    # PROTEST
    **_many("protest demonstrate rally march picket", ("PROTEST", "demo")),
    **_many("riot", ("PROTEST", "riot")),
    **_many("boycott", ("PROTEST", "boycott")),
    # CAMEO 144 "obstruct passage, block" is dissent; by police/army it is COERCE (events.py)
    **_many("block barricade obstruct", ("PROTEST", "obstruct")),
    # AGREE / CONSULT / SUPPORT / COOPERATE / AID
    **_many("agree promise pledge offer accept", ("AGREE", None)),
    **_many("sign", ("SUPPORT", None)),
    **_many("meet visit host negotiate mediate telephone phone", ("CONSULT", "meet")),
    **_many("praise welcome endorse defend back commend congratulate apologize apologise "
            "forgive recognize recognise", ("SUPPORT", None)),
    **_many("cooperate collaborate extradite", ("COOPERATE", None)),
    **_many("donate deliver provide supply evacuate grant", ("AID", None)),
    **_many("share", ("COOPERATE", None)),
    **_many("support", ("SUPPORT", None)),
    # CONCEDE / RETREAT
    **_many("concede ease lift relax yield allow permit", ("CONCEDE", None)),
    **_many("withdraw retreat surrender resign release free demobilize demobilise",
            ("RETREAT", None)),
    # Verbal conflict and requests
    **_many("urge appeal ask plead request", ("REQUEST", None)),
    **_many("demand insist", ("DEMAND", None)),
    **_many("accuse blame allege charge indict sue", ("ACCUSE", "allege")),
    **_many("investigate probe", ("ACCUSE", "investigate")),
    **_many("prevent thwart foil", ("COERCE", "restrict")),
    **_many("deface", ("ASSAULT", "destroy")),
    **_many("invade", ("FIGHT", "invasion")),
    **_many("condemn denounce criticize criticise complain deplore slam", ("DISAPPROVE", None)),
    **_many("reject refuse deny decline dismiss veto oppose renege", ("REJECT", None)),
    **_many("sanction suspend halt cut sever embargo", ("SANCTION", None)),
}

NOUN_TRIGGERS: dict[str, T] = {
    **_many("attack assault killing murder shooting ambush raid massacre slaughter execution "
            "assassination lynching stabbing violence gunfire atrocity", ("ASSAULT", None)),
    **_many("shelling bombardment artillery mortar rocket missile", ("ASSAULT", "shelling")),
    **_many("airstrike air-strike airstrikes", ("ASSAULT", "air")),
    **_many("bombing", ("ASSAULT", "explosives")),
    **_many("bomb explosion blast ied landmine grenade", ("ASSAULT", "explosives")),
    **_many("abduction kidnapping hijacking", ("ASSAULT", "abduct")),
    **_many("rape", ("ASSAULT", "sexual")),
    **_many("torture", ("ASSAULT", "torture")),
    **_many("arson", ("ASSAULT", "destroy")),
    **_many("defilement", ("ASSAULT", "sexual")),
    **_many("recruitment", ("MOBILIZE", "troops")),
    # an offensive is one side's attack (PLOVER ASSAULT), not a two-sided battle
    **_many("offensive counteroffensive counter-offensive", ("ASSAULT", None)),
    **_many("clash fighting battle gunfight gunbattle firefight skirmish war "
            "hostility hostilities shootout shoot-out confrontation melee fight scuffle",
            ("FIGHT", None)),
    **_many("arrest detention crackdown", ("COERCE", "arrest")),
    **_many("curfew", ("COERCE", "curfew")),
    **_many("ban", ("COERCE", "ban")),
    **_many("deportation expulsion", ("COERCE", "deport")),
    **_many("looting theft robbery", ("COERCE", "seize")),
    **_many("blockade siege", ("COERCE", "restrict")),
    **_many("capture seizure recapture liberation occupation takeover", ("SEIZE", "territory")),
    **_many("mobilization mobilisation deployment reinforcement", ("MOBILIZE", "troops")),
    **_many("invasion", ("FIGHT", "invasion")),
    **_many("threat ultimatum warning", ("THREATEN", None)),
    **_many("protest demonstration rally march riot sit-in picket demo", ("PROTEST", "demo")),
    **_many("riot unrest", ("PROTEST", "riot")),
    **_many("boycott", ("PROTEST", "boycott")),
    **_many("ceasefire cease-fire truce armistice", ("AGREE", "ceasefire")),
    **_many("agreement deal accord treaty pact", ("AGREE", None)),
    **_many("meeting talk talks summit visit negotiation negotiations mediation consultation",
            ("CONSULT", "meet")),
    **_many("aid assistance relief asylum grant", ("AID", None)),
    **_many("withdrawal retreat surrender resignation release pullout", ("RETREAT", None)),
    **_many("appeal plea request", ("REQUEST", None)),
    **_many("demand", ("DEMAND", None)),
    **_many("accusation allegation charge lawsuit", ("ACCUSE", "allege")),
    **_many("investigation probe inquiry inquest hearing", ("ACCUSE", "investigate")),
    **_many("condemnation criticism complaint", ("DISAPPROVE", None)),
    **_many("rejection refusal denial veto", ("REJECT", None)),
    **_many("sanction sanctions embargo suspension", ("SANCTION", None)),
}

# Phrasal verbs (lemma, particle) override the verb's own entry.
PHRASAL: dict[tuple[str, str], T] = {
    ("rule", "out"): ("REJECT", None),
    ("turn", "down"): ("REJECT", None),
    ("call", "on"): ("REQUEST", None),
    ("call", "for"): ("REQUEST", None),
    ("call", "upon"): ("REQUEST", None),
    ("take", "over"): ("SEIZE", "territory"),
    ("blow", "up"): ("ASSAULT", "explosives"),
    ("beat", "up"): ("ASSAULT", "beat"),
    ("shoot", "down"): ("ASSAULT", "air"),
    ("pull", "out"): ("RETREAT", "withdraw"),
    ("crack", "down"): ("COERCE", None),
    ("set", "up"): ("MOBILIZE", "base"),
    ("hand", "over"): ("RETREAT", "release"),
    ("call", "off"): ("CONCEDE", None),
    ("break", "up"): ("COERCE", "disperse"),
    ("gun", "down"): ("ASSAULT", "firearms"),
    ("round", "up"): ("COERCE", "arrest"),
    ("hack", "into"): ("COERCE", "cyber"),
    ("force", "out"): ("COERCE", "deport"),
    ("drive", "out"): ("COERCE", "deport"),
    ("ship", "out"): ("SANCTION", "expel"),
    ("cut", "off"): ("SANCTION", None),
    ("step", "up"): ("MOBILIZE", None),
    ("beef", "up"): ("MOBILIZE", None),
}

# Light verb + object noun -> event (the noun carries the meaning).
LIGHT_VERB_OBJECTS: dict[tuple[str, str], T] = {
    **{(v, "control"): ("SEIZE", "territory")
       for v in ("take", "gain", "seize", "regain", "wrest", "claim", "assume", "establish", "retake",
                 "have")},
    **{(v, "fire"): ("ASSAULT", "firearms") for v in ("open", "fire")},
    ("exchange", "fire"): ("FIGHT", "firearms"),
    ("exchange", "gunfire"): ("FIGHT", "firearms"),
    ("exchange", "blow"): ("FIGHT", None),
    ("engage", "police"): ("FIGHT", None),
    # "launched strikes on Yemen" is decided by the noun (events._noun_entry), not by the verb
    **{(v, "strike"): ("PROTEST", "strike") for v in ("stage", "hold", "go", "call", "begin",
                                                          "start", "continue", "organize")},
    ("hunger", "strike"): ("PROTEST", "hunger"),
    ("sign", "agreement"): ("AGREE", None),
    ("declare", "ceasefire"): ("RETREAT", "ceasefire"),
    ("declare", "truce"): ("RETREAT", "ceasefire"),
    ("hold", "talks"): ("CONSULT", "meet"),
    ("fire", "teargas"): ("COERCE", "disperse"),
    ("fire", "gas"): ("COERCE", "disperse"),
    ("lob", "teargas"): ("COERCE", "disperse"),
    ("use", "teargas"): ("COERCE", "disperse"),
    ("use", "gas"): ("COERCE", "disperse"),
    ("impose", "curfew"): ("COERCE", "curfew"),
    ("impose", "sanction"): ("SANCTION", None),
    ("lift", "curfew"): ("CONCEDE", None),
    ("lift", "ban"): ("CONCEDE", None),
    ("break", "relation"): ("SANCTION", None),
    ("set", "fire"): ("ASSAULT", "destroy"),
    ("establish", "base"): ("MOBILIZE", "base"),
    ("defuse", "bomb"): ("COERCE", "defuse"),
    ("defuse", "ied"): ("COERCE", "defuse"),
    ("seize", "weapon"): ("COERCE", "defuse"),
    ("seize", "arm"): ("COERCE", "defuse"),
    ("seize", "ammunition"): ("COERCE", "defuse"),
    # CAMEO 114 "complain officially": a lodged protest is a verbal accusation, not a street protest
    **{(v, n): ("ACCUSE", "allege") for v in ("lodge", "file", "register", "submit")
       for n in ("protest", "complaint")},
    # CAMEO 083 accede to demands
    **{(v, n): ("CONCEDE", None) for v in ("accept", "meet", "grant", "satisfy")
       for n in ("demand", "request")},
    # CAMEO 128 defy norms, law
    **{(v, n): ("REJECT", "defy") for v in ("violate", "defy", "flout", "breach", "ignore")
       for n in ("ban", "law", "order", "curfew", "ruling", "embargo", "rule", "resolution")},
    # CAMEO 050/054/161: diplomatic ties established / broken
    **{(v, n): ("SUPPORT", "recognize") for v in ("establish", "restore", "resume", "normalize", "normalise")
       for n in ("tie", "relation")},
    **{(v, n): ("SANCTION", "withdraw") for v in ("break", "sever", "cut", "suspend", "downgrade", "freeze")
       for n in ("tie", "relation", "link")},
    **{("recall", n): ("SANCTION", "withdraw") for n in ("ambassador", "envoy", "diplomat")},
    **{(v, n): ("COERCE", "censor") for v in ("suspend", "close", "shut", "halt", "stop")
       for n in ("publication", "newspaper", "broadcast", "website")},
    # CAMEO 1033 demand humanitarian aid
    **{(v, n): ("REQUEST", "assist") for v in ("seek", "request", "ask")
       for n in ("refuge", "asylum", "shelter", "protection")},
    # CAMEO 15: increase police/military power
    **{(v, n): ("MOBILIZE", "police") for v in ("order", "increase", "intensify", "step", "mount",
                                                 "launch", "conduct", "begin", "double", "reinforce")
       for n in ("patrol",)},
    **{(v, n): ("MOBILIZE", "troops") for v in ("strengthen", "bolster", "increase", "boost", "reinforce",
                                                 "double", "beef", "build")
       for n in ("force", "troop", "presence", "garrison", "army")},
    # CAMEO 1724 state of emergency / martial law (object noun "law"/"siege"/"emergency")
    **{(v, n): ("COERCE", "martial-law") for v in ("declare", "impose", "proclaim", "reimpose", "extend")
       for n in ("emergency", "siege")},
    **{(v, n): ("CONCEDE", None) for v in ("lift", "ease", "end", "relax", "shorten", "cancel", "scrap",
                                           "reduce", "suspend")
       for n in ("curfew", "ban", "restriction", "emergency", "measure", "sanction", "embargo")},
    # CAMEO 0872 ease military blockade
    **{(v, n): ("RETREAT", "withdraw") for v in ("lift", "ease", "end", "relax", "break")
       for n in ("blockade", "siege")},
    # CAMEO 16: halting cooperation (visits, talks, aid) reduces relations
    **{(v, n): ("SANCTION", "discontinue") for v in ("cancel", "end", "halt", "suspend", "stop", "cut",
                                                     "reduce", "freeze", "postpone", "call")
       for n in ("visit", "talk", "mediation", "negotiation", "aid", "assistance", "supply", "cooperation",
                 "link", "contact", "program", "programme", "loan", "trade")},
}
# Light verbs whose noun object is the event ("carry out an attack", "stage a protest").
LIGHT_VERBS = {"carry", "launch", "stage", "hold", "conduct", "mount", "make", "take", "begin",
               "start", "organize", "organise", "reach", "sign", "give", "issue", "lodge",
               "file", "have", "continue", "resume", "announce", "declare", "impose", "engage",
               "join", "lead", "call"}

# Objects that turn a generic verb into a specific one: "strike" a target -> ASSAULT,
# "strike" (no object) by workers -> PROTEST strike.
LABOUR_STRIKE_SUBJECTS = {"worker", "teacher", "doctor", "nurse", "employee", "staff",
                          "union", "lecturer", "driver", "trader", "student", "miner", "operator"}

# Weapon cues anywhere in the trigger's clause refine ASSAULT modes.
WEAPON_MODES: dict[str, str] = {
    **dict.fromkeys("shell shelling artillery mortar rocket missile katyusha howitzer".split(), "shelling"),
    **dict.fromkeys("airstrike air-strike airstrikes aircraft jet warplane helicopter drone gunship "
                    "predator airplane plane".split(), "air"),
    **dict.fromkeys("ied landmine mine roadside explosive device".split(), "explosives"),
    **dict.fromkeys("grenade".split(), "grenade"),
    **dict.fromkeys("suicide".split(), "suicide"),
}

# --- status cues -----------------------------------------------------------
FUTURE_AUX = rules.words("future_aux")
# CAMEO 166: expelling/withdrawing these from a country is SANCTION (expel), not deportation
MISSION_NOUNS = {"diplomat", "ambassador", "envoy", "inspector", "observer", "monitor", "peacekeeper",
                 "peacekeeping", "embassy", "consul", "attache", "mission", "staff", "aid", "agency"}
MODAL_AUX = {"would", "could", "may", "might", "should", "must", "can"}
# verbs/adjs/nouns whose complement is not (yet) a fact: "plans to meet", "due to visit"
PLAN_GOVERNORS = {"plan", "intend", "schedule", "due", "expect", "prepare", "prepared", "set", "aim",
                  "want", "hope", "seek", "desire", "wish", "propose", "going", "ready",
                  "willing", "able", "struggle", "decide", "vow", "swear", "pledge", "promise", "agree",
                  "offer", "threaten", "urge", "ask", "call", "demand", "refuse", "reject",
                  "decline", "fail", "need", "order", "tell", "allow", "permit", "committed",
                  "determined"}
FAIL_VERBS = {"collapse", "fail", "falter", "unravel", "crumble", "break", "violate", "breach",
              "flout", "shatter"}
HOLD_VERBS = {"hold", "work", "last", "stick", "survive", "show"}
DENY_VERBS = {"deny", "dismiss", "refute", "reject"}
DENY_NOUNS = {"report", "claim", "allegation", "rumour", "rumor", "accusation"}
REPORT_VERBS = rules.words("report_verbs", tag="report_frame")

# Event types whose clausal complement is only wanted, refused or threatened.
DIRECTIVE_TYPES = {"REQUEST", "DEMAND", "REJECT", "THREATEN", "AGREE"}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "both": 2}

# Fallback sectors for target/agent nouns the actor extractor did not code.
FALLBACK_SECTORS: dict[str, str] = {
    **dict.fromkeys("village villager civilian people person man men woman women child children "
                    "boy girl resident family farmer herder trader driver passenger worker "
                    "teacher pupil student worshipper pastor imam priest chief household home "
                    "house school church mosque market shop hospital bus vehicle motorist "
                    "businessman miner individual victim son daughter wife husband "
                    "mother father elder hamlet settlement civilians parent rider "
                    "operator voter clerk delegate "
                    "journalist".split(), "CVL"),
    **dict.fromkeys("soldier army military troop force camp base convoy position post patrol "
                    "barrack barracks unit battalion brigade serviceman servicemen kdf "
                    "vdp volunteer outpost".split(), "MIL"),
    **dict.fromkeys("police policeman policemen officer gendarme gendarmerie station "
                    "constable ranger guard reservist".split(), "COP"),
    **dict.fromkeys("militant rebel insurgent jihadist terrorist gunman gunmen assailant "
                    "attacker bandit militia fighter extremist raider kidnapper robber rustler gang "
                    "thug poacher criminal separatist secessionist".split(), "REB"),
    **dict.fromkeys("protester demonstrator rioter mob crowd supporter youth vigilante".split(), "OPP"),
}

# Objects that make a trigger verb non-eventive: "released a statement", "delivered a speech".
NON_EVENT_OBJECTS = {"statement", "report", "video", "result", "figure", "data", "list", "photo",
                     "image", "speech", "address", "detail", "message", "communique", "verdict",
                     "document", "footage", "name", "update"}
# Nouns whose complement is hoped for, not an event: "hopes of a ceasefire", "desire to regain".
IRREALIS_NOUNS = {"hope", "prospect", "chance", "desire", "possibility", "bid", "ambition",
                  "fear", "risk", "threat", "plan", "proposal", "call", "demand", "appeal",
                  "attempt", "effort", "offer", "willingness", "intention", "goal", "aim"}

# Role nouns that stand for the organisation under "of": "the head of the ICRC mission".
HEAD_NOUNS = rules.words("head_nouns", tag="of_org")

# Objects that make "seize/capture/take" territorial; others are property or weapons.
TERRITORY_NOUNS = {"town", "village", "city", "area", "base", "camp", "post", "position", "territory",
                   "district", "region", "border", "hill", "settlement", "control", "locality",
                   "stronghold", "province", "airport", "port", "capital", "outpost", "garrison",
                   "checkpoint", "headquarters", "valley", "ridge", "island", "enclave", "zone",
                   "county", "neighbourhood", "neighborhood", "suburb", "road", "highway", "bridge",
                   "battalion", "brigade", "compound", "command", "barracks"}
WEAPON_NOUNS = {"weapon", "arm", "ammunition", "gun", "rifle", "explosive", "bomb", "ied",
                "grenade", "cache", "firearm", "munition", "pistol", "rocket", "missile"}
