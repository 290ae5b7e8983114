"""The PolNeAR scorer on hand-built BRAT standoff, and one real run when ../shared is present."""
import pytest

from sitrep.eval import polnear
from sitrep.records import ActorRef, ArticleResult, Article, Quote, Span

TEXT = ("Talks\nDonald Trump spoke on Monday. \u201cWe will win,\u201d he said. "
        "Hillary Clinton said the plan was reckless.\nPolls show a close race.")


def _span(part):
    i = TEXT.index(part)
    return Span(start=i, end=i + len(part), text=part)


def _ann():
    t = TEXT
    rows = []
    def add(n, kind, part, occurrence=0):
        i = t.index(part)
        for _ in range(occurrence):
            i = t.index(part, i + 1)
        rows.append(f"T{n}\t{kind} {i} {i + len(part)}\t{part}")
    add(1, "Content", "\u201cWe will win,\u201d")
    add(2, "Cue", "said")
    add(3, "Source", "he")
    add(4, "Source", "Donald Trump")
    add(5, "Content", "the plan was reckless")
    add(6, "Cue", "said", 1)
    add(7, "Source", "Hillary Clinton")
    add(8, "Content", "a close race")
    add(9, "Cue", "show")
    add(10, "Source", "Polls")
    rows += ["E1\tAttribution:T2 Content:T1 Cue:T2 Source:T3",
             "E2\tAttribution:T6 Content:T5 Cue:T6 Source:T7",
             "E3\tAttribution:T9 Content:T8 Cue:T9 Source:T10",
             "E4\tAttribution:T2 Content:T4 Cue:T2 Source:T4"]  # a relation for Trump's own mention
    return "\n".join(rows)


def _doc():
    return polnear.Doc(name="x", text=TEXT, relations=polnear.parse_ann(_ann(), TEXT, "x"))


def _result(quotes):
    return ArticleResult(article=Article(id="x", text=TEXT), quotes=quotes)


def _quote(content, speaker, direct):
    return Quote(evidence=_span(content), content=_span(content), direct=direct,
                 speaker=ActorRef(name=speaker, kind="person", span=_span(speaker)))


def test_parse_ann_ties_content_cue_and_source():
    rels = polnear.parse_ann(_ann(), TEXT, "x")
    direct = [r for r in rels if r.direct]
    assert len(direct) == 1 and direct[0].source_text == "he"
    with pytest.raises(ValueError, match="x.ann line 1"):
        polnear.parse_ann("T1\tContent x y\tfoo", TEXT, "x.ann")
    # a span's text running over a line break continues on the next line
    split = polnear.parse_ann(_ann().replace("\tDonald Trump", "\tDonald\nTrump", 1), TEXT, "x.ann")
    assert len(split) == len(rels)


def test_scores_partial_matches_speech_cues_and_pronoun_speakers():
    doc = _doc()
    good = _result([_quote("We will win", "Donald Trump", True),
                    _quote("the plan was", "Hillary Clinton", False)])
    s = polnear.score([doc], [good])
    assert s["direct"] == {"gold": 1, "predicted": 1, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert s["indirect_speech_cue"]["gold"] == 2  # "said" twice; "Polls show" is no speech cue
    assert s["indirect_speech_cue"]["recall"] == 0.5
    assert s["pronoun_speaker"] == {"matched": 1, "accuracy": 1.0}  # "he" -> Donald Trump
    wrong = _result([_quote("We will win", "Hillary Clinton", True)])  # a gender-incompatible name
    s = polnear.score([doc], [wrong])
    assert s["pronoun_speaker"]["accuracy"] == 0.0 and s["speaker"]["accuracy"] == 0.0
    none = polnear.score([doc], [_result([_quote("Polls show", "Donald Trump", True)])])
    assert none["direct"]["precision"] == 0.0 and none["direct"]["recall"] == 0.0


def test_gold_pronoun_resolves_by_gender():
    doc = _doc()
    rel = next(r for r in doc.relations if r.source_text == "he")
    assert polnear.gold_speaker(doc, rel) == "Donald Trump"
    assert polnear.is_speech_cue("according to", polnear.speech_cue_forms())
    assert not polnear.is_speech_cue("show", polnear.speech_cue_forms())


def test_real_polnear_dev_slice(shared_dir):
    if not (shared_dir / "eval" / "polnear_train_dev").is_dir():
        pytest.skip("polnear_train_dev absent")
    out = polnear.run(shared_dir, limit=3, splits=("dev",))["dev"]
    assert out["articles"] == 3 and out["direct"]["gold"] > 0
    assert 0 <= out["direct"]["f1"] <= 1 and out["speaker"]["matched"] > 0
