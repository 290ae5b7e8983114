import datetime as dt

from sitrep.extract import attribution
from sitrep.ingest import article_from_text
from sitrep.stages import Pipeline


def ctx_for(text, outlet="Wire"):
    a = article_from_text(text, published=dt.date(2023, 5, 4), outlet=outlet)
    return Pipeline(["quotes"]).parse_and_run(a)


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


def quotes_of(ctx, direct):
    return [q for q in ctx.quotes if q.direct is direct]


def test_colon_intro_single_marks_and_continued_quote():
    ctx = ctx_for("Aid\nThe convoy reached the city on Monday.\n"
                  "Amina Yusuf, a resident of Goma, said: \u201cWe have lost everything in the fire.\u201d\n"
                  "'Our units will hold the line at any cost,' the commander told state TV.\n"
                  "President Joe Biden spoke on Monday.\n"
                  "\u201cWe stand with Ukraine. We will not waver,\u201d he told reporters in Warsaw. "
                  "\u201cThe alliance is stronger than ever before.\u201d")
    by_text = {q.content.text: q for q in quotes_of(ctx, True)}
    assert by_text["We have lost everything in the fire."].speaker.name == "Amina Yusuf"
    commander = by_text["Our units will hold the line at any cost"]
    assert commander.cue.text == "told" and commander.via == "told state TV"
    biden = by_text["We stand with Ukraine. We will not waver"]
    assert biden.speaker.name == "Joe Biden" and biden.via == "told reporters"
    assert "We will not waver" in biden.evidence.text
    # a whole-sentence quote with no cue continues the previous speaker
    assert by_text["The alliance is stronger than ever before."].speaker.name == "Joe Biden"
    for q in ctx.quotes:
        assert ctx.text[q.content.start:q.content.end] == q.content.text


def test_fragment_with_its_reported_clause():
    ctx = ctx_for("Front\nOn Wednesday, Prime Minister Nikol Pashinyan acknowledged his country was facing "
                  "\"a difficult situation\" on the frontline.")
    # a mixed quote: the reported clause holding the fragment is the quote (news_dev SOURCE.md),
    # direct because it carries the speaker's own words; the fragment is not a quote of its own
    [mixed] = ctx.quotes
    assert mixed.direct and mixed.cue.text == "acknowledged"
    assert mixed.content.text == "his country was facing \"a difficult situation\" on the frontline"
    assert mixed.speaker.name == "Nikol Pashinyan"


def test_mixed_quote_with_punctuation_inside_the_closing_mark():
    ctx = ctx_for("Claims\nLegesse Tulu, the government spokesperson, said claims by the rebels were "
                  "\u201cfabricated propaganda.\u201d")
    [q] = ctx.quotes
    assert q.content.text.startswith("claims by the rebels were") and "fabricated propaganda" in q.content.text
    assert q.speaker.name == "Legesse Tulu"


def test_indirect_content_leaves_out_addressee_channel_and_other_reports():
    ctx = ctx_for("Claims\nThe rebels told reporters that 20 soldiers were captured.\n"
                  "Russia's defence ministry claimed its forces had destroyed three tanks, in a post on Telegram.\n"
                  "Officials in Kyiv said at least 14 people were killed; the toll later rose to 21, "
                  "the governor said.")
    contents = {q.content.text: q for q in quotes_of(ctx, False)}
    assert contents["20 soldiers were captured"].via == "told reporters"
    assert contents["its forces had destroyed three tanks"].via == "Telegram"
    assert contents["the toll later rose to 21"].cue.text == "said"
    assert "at least 14 people were killed" in contents


def test_karabakh_speakers_and_fragments(karabakh_text):
    ctx = ctx_for(karabakh_text, outlet="AFP")
    fragment = next(q for q in quotes_of(ctx, True) if "a difficult situation" in q.content.text)
    assert fragment.speaker.name == "Nikol Pashinyan" and fragment.cue.text == "acknowledged"
    assert fragment.content.text.startswith("his country was facing")
    aliyev = [q for q in quotes_of(ctx, False) if q.speaker.name == "Ilham Aliyev"]
    assert aliyev and aliyev[0].content.text.startswith("with the capture of a settlement named Agbend")
    moloeznik = next(q for q in quotes_of(ctx, True) if "humanitarian law" in q.content.text)
    assert moloeznik.cue.text == "said" and moloeznik.speaker.sector == "IGO"
    assert moloeznik.content.text.startswith("We insist that")
    urged = next(q for q in ctx.quotes if q.cue.text == "urged")
    assert urged.speaker.name == "Gerardo Moloeznik" and urged.via == "interview with AFP"
    assert not any(q.content.text == "full control" for q in ctx.quotes)  # the headline's scare quote


def test_relative_pronoun_speaker_wire_quotes_and_speech_inside_a_quote():
    ctx = ctx_for("Custody\nThe case angered the boy's relatives in Miami, who are fighting the ruling and who "
                  "have said the government is acting under pressure.\n"
                  "``I told you that this decision would be made on the law,'' Janet Reno told reporters.")
    relatives = next(q for q in quotes_of(ctx, False) if q.content.text.startswith("the government"))
    assert "relatives" in relatives.speaker.name
    [reno] = quotes_of(ctx, True)
    assert reno.content.text.startswith("I told you") and reno.speaker.name == "Janet Reno"
    assert all(q.speaker.name not in ("I", "who") for q in ctx.quotes)  # "I told you" stays inside


def test_headline_label_names_a_person_of_the_body():
    ctx = ctx_for("Ortega: The Water Plan Will Not Be Delayed\n"
                  "Mayor Lucia Ortega told the council on Monday that the works would start in June.")
    q = next(q for q in ctx.quotes if q.content.text.startswith("The Water Plan"))
    assert q.speaker.name == "Lucia Ortega"


def test_transcript_labels_in_capitals():
    ctx = ctx_for("Interview\nHOLT: Do you think the bridge will reopen before the winter?\n"
                  "MORALES: I think the engineers need another month at least.")
    q = next(q for q in ctx.quotes if q.content.text.startswith("I think the engineers"))
    assert q.speaker.name == "MORALES"


def test_no_indirect_copy_of_a_direct_quote_it_follows():
    ctx = ctx_for("Port\nThe navy spokesman Ivo Brandt spoke on Monday.\n"
                  "Navy \u201cpatrols will continue along the whole coast until the ships are safe,\u201d he said.")
    found = [q for q in ctx.quotes if "patrols will continue" in q.content.text]
    assert len(found) == 1 and found[0].direct


def test_content_starts_after_the_cue_and_keeps_a_date_before_according_to():
    ctx = ctx_for("Raid\nFive people died in the raid, which a local official said was carried out by gunmen.\n"
                  "Early on Monday, shots were heard across the town, according to two residents.\n"
                  "The army said earlier that its units had secured the main road.")
    texts = [q.content.text for q in ctx.quotes]
    assert any(t.startswith("was carried out by gunmen") for t in texts)
    assert any(t.startswith("Early on Monday, shots were heard") for t in texts)
    assert any(t.startswith("its units had secured") for t in texts)


def test_a_subject_the_parser_took_for_an_object_stays_in_the_content():
    from spacy.tokens import Doc
    from sitrep.extract import quotes
    from sitrep.nlp import get_nlp
    words = ["Residents", "said", "gunmen", "from", "the", "militia", ",", "backed", "by", "trucks", ",",
             "were", "at", "the", "market", "."]
    heads = [1, 1, 1, 2, 5, 3, 5, 5, 7, 8, 1, 1, 11, 14, 12, 1]
    deps = ["nsubj", "ROOT", "dobj", "prep", "det", "pobj", "punct", "acl", "agent", "pobj", "punct",
            "ccomp", "prep", "det", "pobj", "punct"]
    pos = ["NOUN", "VERB", "NOUN", "ADP", "DET", "NOUN", "PUNCT", "VERB", "ADP", "NOUN", "PUNCT",
           "AUX", "ADP", "DET", "NOUN", "PUNCT"]
    lemmas = ["resident", "say", "gunman", "from", "the", "militia", ",", "back", "by", "truck", ",",
              "be", "at", "the", "market", "."]
    doc = Doc(get_nlp().vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    start, end = quotes._complement(doc[1])
    assert doc.text[start:end].startswith("gunmen from the militia")


def test_nyt_double_apostrophe_quotes_with_an_apostrophe_inside():
    ctx = ctx_for("Rates\nMr. Halvorsen spoke to investors on Monday.\n"
                  "''We're in a bubble, and it's going to burst when rates rise,'' Mr. Halvorsen said.")
    q = next(q for q in ctx.quotes if q.direct)
    assert q.content.text == "We're in a bubble, and it's going to burst when rates rise"
    assert q.speaker.name.endswith("Halvorsen")


def test_a_speech_verb_in_a_purpose_infinitive_states_an_aim_not_a_quote():
    from sitrep.pipeline import extract_text
    res = extract_text("Attack\nGeneral Oumar Diarra visited the camp on Monday to urge the people to stay calm "
                       "and to warn against divisive tactics.\n"
                       "He went on television to say that the army had repelled the attackers.")
    contents = [q.content.text for q in res.quotes]
    assert not any("stay calm" in c or "divisive" in c for c in contents)
    assert any("repelled the attackers" in c for c in contents)


def test_a_conjoined_verb_of_saying_with_its_own_clause_ends_the_first_report():
    from sitrep.pipeline import extract_text
    res = extract_text("Court\nGinsburg said in an interview last week that she did not want to think about "
                       "the possibility that Trump would be president and predicted that Clinton will win.")
    first = next(q for q in res.quotes if q.content.text.startswith("she did not want"))
    assert "predicted" not in first.content.text and first.content.text.endswith("president")
    assert any(q.content.text == "Clinton will win" for q in res.quotes)


def test_an_embedded_question_is_what_was_asked():
    from sitrep.pipeline import extract_text
    res = extract_text("Campaign stop in Nevada\nBernie Sanders shook hands and asked workers if they planned to "
                       "attend the caucuses.\nThen Mr. Rubin asked the students whether they were always so serious.")
    contents = [q.content.text for q in res.quotes]
    assert "if they planned to attend the caucuses" in contents
    assert "whether they were always so serious" in contents
