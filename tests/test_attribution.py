"""claimant_for / speaker_of on hand-made Contexts (hand-built actors) and on the karabakh article."""
import datetime as dt

from sitrep.extract import attribution
from sitrep.ingest import article_from_text
from sitrep.records import Actor, ActorRef
from sitrep.stages import Pipeline

# quotes on hand-built actors: the actors stage is replaced by the test's own records
QUOTES_ON_GIVEN_ACTORS = Pipeline(["quotes"], exclude=["actors"], given=["actors"])


def bare_ctx(text, outlet="Wire"):
    a = article_from_text(text, published=dt.date(2023, 5, 4), outlet=outlet)
    return Pipeline([]).parse_and_run(a)


def actor(ctx, mention, name, kind, country=None, sector=None, title=None, nth=0):
    """An Actor record for the nth occurrence of `mention` in the cleaned text."""
    i = -1
    for _ in range(nth + 1):
        i = ctx.text.index(mention, i + 1)
    span = ctx.span(i, i + len(mention))
    ref = ActorRef(name=name, kind=kind, country=country, sector=sector, title=title, span=span)
    return Actor(mention=span, evidence=span, ref=ref)


def claim(ctx, part):
    i = ctx.text.rindex(part)
    return attribution.claimant_for(ctx, i, i + len(part))


def token(ctx, word):
    i = ctx.text.rindex(word)
    return next(t for t in ctx.doc if t.idx == i)


BAKU = dict(name="Government of Azerbaijan", kind="government", country="AZE", sector="GOV")


def test_reporting_verb_with_the_fact_as_object():
    ctx = bare_ctx("Toll rises\nBaku has reported 63 civilian casualties but has yet to disclose military losses.")
    ctx.actors = [actor(ctx, "Baku", **BAKU)]
    c = claim(ctx, "63 civilian casualties")
    assert c.name == "Government of Azerbaijan" and c.kind == "actor"
    assert c.actor.country == "AZE" and c.cue.text == "reported"


def test_clause_final_reporter_and_sentence_initial_says():
    ctx = bare_ctx("Clashes\nFive soldiers were killed in the attack, the army said on state TV.\n"
                   "Moscow says drones hit an oil depot.")
    ctx.actors = [actor(ctx, "the army", "Nigerian Army", "military", "NGA", "MIL"),
                  actor(ctx, "Moscow", "Government of Russia", "government", "RUS", "GOV")]
    c = claim(ctx, "Five soldiers")
    assert c.name == "Nigerian Army" and c.cue.text == "said" and c.via == "television"
    c = claim(ctx, "drones hit")
    assert c.actor.country == "RUS" and c.cue.text == "says"


def test_according_to_with_a_statement_source():
    ctx = bare_ctx("Floods\nFive people died in the clashes, according to a statement from the Kenya Red Cross.")
    ctx.actors = [actor(ctx, "Kenya Red Cross", "Kenya Red Cross", "ngo", "KEN", "NGO")]
    c = claim(ctx, "Five people")
    assert c.name == "Kenya Red Cross" and c.via == "statement" and c.cue.text == "according to"


def test_pronoun_after_a_quote_resolves_to_the_named_person():
    ctx = bare_ctx("Border\nPresident Ilham Aliyev visited the region on Monday, a day after the army advanced.\n"
                   "\u201cThe border has been completely secured,\u201d he said on Twitter.")
    ctx.actors = [actor(ctx, "Ilham Aliyev", "Ilham Aliyev", "person", "AZE", "GOV", "President"),
                  actor(ctx, "the army", "Military of Azerbaijan", "military", "AZE", "MIL")]
    said = token(ctx, "said")
    assert attribution.speaker_of(ctx, said).name == "Ilham Aliyev"
    QUOTES_ON_GIVEN_ACTORS.apply(ctx)
    c = claim(ctx, "completely secured")
    assert c.name == "Ilham Aliyev" and c.via == "Twitter" and c.cue.text == "said"


def test_role_nominal_refers_back_to_the_office_holder():
    ctx = bare_ctx("Drones\nOn Monday, Defence Minister Oleksii Reznikov visited Kharkiv.\n"
                   "The minister said 40 drones had been shot down overnight.")
    ctx.actors = [actor(ctx, "Oleksii Reznikov", "Oleksii Reznikov", "person", "UKR", "GOV"),
                  actor(ctx, "The minister", "minister", "government", "UKR", "GOV")]
    assert claim(ctx, "40 drones").name == "Oleksii Reznikov"


def test_role_nominal_resolved_forward_to_the_speaker_of_the_next_sentence():
    ctx = bare_ctx("Appeal\nThe head of a United Nations mission in the region urged both sides to stop "
                   "the shelling.\n\u201cWe ask the parties to respect the law,\u201d John Smith said.")
    ctx.actors = [actor(ctx, "United Nations", "United Nations", "igo", None, "IGO"),
                  actor(ctx, "John Smith", "John Smith", "person", None, "IGO")]
    assert claim(ctx, "stop the shelling").name == "John Smith"
    # a speaker of another sector is not the head of the mission: the organisation claims it
    ctx.actors[1] = actor(ctx, "John Smith", "John Smith", "person", "USA", "GOV")
    assert claim(ctx, "stop the shelling").name == "United Nations"


def test_without_actors_the_raw_subject_and_entities_are_used():
    ctx = bare_ctx("Army claims\nThe army said that it had repelled an attack near the airport.\n"
                   "On Monday, Amina Yusuf spoke to reporters in Goma.\n"
                   "\u201cWe have lost everything in the fire,\u201d she said.")
    assert ctx.actors == []
    c = claim(ctx, "repelled an attack")
    assert c.name == "army" and c.kind == "unknown" and c.actor.kind == "unknown"
    assert attribution.speaker_of(ctx, token(ctx, "said")).name == "Amina Yusuf"


def test_outlet_voice_when_nobody_reports_it():
    ctx = bare_ctx("Clashes\nThe fighting continued on Tuesday near the border.", outlet="Reuters")
    c = claim(ctx, "fighting continued")
    assert c.kind == "outlet" and c.name == "Reuters" and c.actor is None
    assert claim(bare_ctx("Clashes\nThe fighting continued.", outlet=None), "fighting").name == "article"


def test_reporting_cue_and_told_reporters():
    ctx = bare_ctx("Capture\nThe rebels told reporters that 20 soldiers were captured.")
    sent = ctx.sentence_of(ctx.text.index("rebels"))
    cue = attribution.reporting_cue(sent)
    assert cue is not None and cue.text == "told"
    assert attribution.via_of(ctx, cue) == "told reporters"
    assert attribution.reporting_cue(ctx.sentence_of(0)) is None  # the headline reports nothing


def test_karabakh_claimants(karabakh_text):
    a = article_from_text(karabakh_text, published=dt.date(2020, 10, 22), outlet="AFP")
    ctx = Pipeline(["quotes"]).parse_and_run(a)
    armenia = claim(ctx, "874 Armenian soldiers")
    assert armenia.actor.country == "ARM" and armenia.cue.text == "says"
    azerbaijan = claim(ctx, "63 civilian casualties")
    assert azerbaijan.actor.country == "AZE" and azerbaijan.cue.text == "reported"
    appeal = claim(ctx, "stop shelling civilians")
    assert appeal.name == "Gerardo Moloeznik" and appeal.via == "interview with AFP"
    i = ctx.text.index("Baku now had full control")
    control = attribution.claimant_for(ctx, i, i + 25)
    assert control.name == "Ilham Aliyev" and control.actor.country == "AZE"
    assert claim(ctx, "two truces").kind == "outlet"


def test_a_verb_of_saying_joined_to_a_reported_clause_speaks_for_the_reporter():
    from sitrep.pipeline import extract_text
    res = extract_text("Ohio campaign stop\nMarco Rubio spoke to supporters in Ohio on Monday. He said his recent "
                       "attacks on Trump have given his campaign momentum and said that Trump did not represent "
                       "the legacy of the party.")
    second = next(q for q in res.quotes if q.content.text.startswith("Trump did not represent"))
    assert second.speaker is not None and "attacks" not in second.speaker.name
    first = next(q for q in res.quotes if q.content.text.startswith("his recent attacks"))
    assert second.speaker.name == first.speaker.name
