import datetime as dt

from sitrep.extract import actors, attribution, quotes
from sitrep.extract.context import Context
from sitrep.ingest import article_from_text
from sitrep.nlp import get_nlp


def ctx_for(text, outlet="Wire"):
    a = article_from_text(text, published=dt.date(2023, 5, 4), outlet=outlet)
    ctx = Context(article=a, doc=get_nlp()(a.text))
    ctx.actors = actors.extract(ctx)
    ctx.quotes = quotes.extract(ctx)
    return ctx


def test_direct_quote_pronoun_resolved_and_channel():
    ctx = ctx_for("Talks stall\nUkrainian President Volodymyr Zelensky spoke in Kyiv on Monday.\n"
                  "\"We will not give up a single village to the invaders,\" he said on Telegram.")
    [q] = [q for q in ctx.quotes if q.direct]
    assert q.content.text == "We will not give up a single village to the invaders"
    assert q.speaker.name == "Volodymyr Zelensky" and q.speaker.country == "UKR"
    assert q.via == "Telegram" and q.cue.text == "said"
    assert ctx.text[q.content.start:q.content.end] == q.content.text


def test_indirect_speech_and_scare_quotes():
    ctx = ctx_for("Army claims 'victory' in north\nThe Sudanese army said that its forces had "
                  "recaptured the bridge after heavy fighting.")
    assert not [q for q in ctx.quotes if q.direct]  # 'victory' is a scare quote
    [q] = [q for q in ctx.quotes if not q.direct]
    assert q.content.text.startswith("its forces had recaptured the bridge")
    assert q.speaker.country == "SDN" and q.speaker.sector == "MIL"


def test_claimant_of_a_reported_clause_and_according_to():
    ctx = ctx_for("Clashes\nMoscow says Ukrainian drones hit an oil depot overnight.\n"
                  "Twelve people were wounded, according to the United Nations.\n"
                  "The fighting continued on Tuesday.")
    text = ctx.text
    i = text.index("drones hit")
    c = attribution.claimant_for(ctx, i, i + 10)
    assert c.actor.country == "RUS" and c.cue.text == "says"
    i = text.index("Twelve people")
    assert attribution.claimant_for(ctx, i, i + 13).name == "United Nations"
    i = text.index("fighting continued")
    fallback = attribution.claimant_for(ctx, i, i + 10)
    assert fallback.kind == "outlet" and fallback.name == "Wire"


def test_karabakh_quotes(karabakh_text):
    ctx = ctx_for(karabakh_text, outlet="AFP")
    direct = {q.speaker.name: q for q in ctx.quotes if q.direct and len(q.content.text.split()) > 5}
    assert direct["Ilham Aliyev"].via == "Twitter"
    assert "Agbend settlement" in direct["Ilham Aliyev"].content.text
    assert "international humanitarian law" in direct["Gerardo Moloeznik"].content.text
    assert all(q.speaker.name.lower() not in ("he", "she") for q in ctx.quotes)
    urged = [q for q in ctx.quotes if q.cue and q.cue.text == "urged"]
    assert urged and "stop shelling civilians" in urged[0].content.text


def test_nested_reports_credit_the_innermost_speaker():
    ctx = ctx_for("Claims\nThe army says the rebels claimed they had captured the town of Gao.")
    i = ctx.text.index("captured")
    claimant = attribution.claimant_for(ctx, i, i + len("captured"))
    assert claimant.name.lower() == "rebels"
