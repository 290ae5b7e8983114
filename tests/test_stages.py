"""Stages declare what they require and assign; the runner orders and checks them."""
import datetime as dt

import pytest

from sitrep import stages
from sitrep.errors import StageError
from sitrep.extract.context import Context
from sitrep.nlp import get_nlp
from sitrep.records import Article
from sitrep.stages import Pipeline

TEXT = "Azerbaijani forces shelled Stepanakert on Tuesday, killing two civilians, officials said."


def _article():
    return Article(id="t", text=TEXT, published=dt.date(2020, 10, 22))


def test_full_pipeline_order():
    assert Pipeline().names == ("actors", "places", "dates", "quotes", "events", "casualties")


def test_upstream_stages_are_added():
    assert Pipeline(["events"]).names == ("actors", "places", "dates", "quotes", "events")
    assert Pipeline(["places"]).names == ("actors", "places")
    assert Pipeline(["dates"]).names == ("dates",)


def test_missing_input_fails_before_any_text_runs():
    with pytest.raises(StageError) as info:
        Pipeline(["events"], exclude=["dates"])
    assert info.value.code == "E103" and "'dates'" in str(info.value)


def test_given_fields_replace_stages():
    p = Pipeline(["places"], exclude=["actors"], given=["actors"])
    assert p.names == ("places",)
    ctx = p.run(_article(), get_nlp()(TEXT), actors=[])
    assert ctx.actors == [] and any(pl.mention.text == "Stepanakert" for pl in ctx.places)
    with pytest.raises(StageError) as info:
        p.run(_article(), get_nlp()(TEXT))
    assert info.value.code == "E108"


def test_unknown_stage_and_variant():
    with pytest.raises(StageError) as info:
        Pipeline(["sentiment"])
    assert info.value.code == "E101"
    with pytest.raises(StageError) as info:
        Pipeline(variants={"events": "no-such-model"})
    assert info.value.code == "E102"


def test_run_matches_pipeline_extract():
    from sitrep import pipeline
    ctx = Pipeline().run(_article(), get_nlp()(TEXT))
    result = pipeline.extract(_article())
    assert ctx.events == result.events and ctx.casualties == result.casualties
    assert ctx.casualties, "the fixture sentence reports casualties"


@pytest.fixture
def scratch_registry(monkeypatch):
    stages.load_builtin()
    copy = {k: dict(v) for k, v in stages._REGISTRY.items()}
    monkeypatch.setattr(stages, "_REGISTRY", copy)
    return copy


def test_variant_is_chosen_by_name(scratch_registry):
    calls = []

    @stages.stage("events", variant="learned", requires=("actors",))
    def learned(ctx: Context):
        calls.append(len(ctx.actors))
        return []

    p = Pipeline(["events"], variants={"events": "learned"})
    assert p.names == ("actors", "events")   # the variant's own contract decides upstream
    ctx = p.run(_article(), get_nlp()(TEXT))
    assert ctx.events == [] and calls == [len(ctx.actors)]
    assert Pipeline(["events"]).stages[-1].variant == stages.DEFAULT_VARIANT


def test_a_stage_with_only_a_learned_variant(scratch_registry):
    """A new stage need not have a rules variant; it does not run unless asked for."""
    stages.register("casualties", lambda ctx: [], variant="learned")  # beside the rules one
    stages.register("quotes", lambda ctx: [], variant="learned")

    @stages.stage("events", variant="only-learned", requires=("actors",))
    def events_model(ctx):
        return []
    assert Pipeline().names == ("actors", "places", "dates", "quotes", "events", "casualties")
    del stages._REGISTRY["events"]["rules"]
    assert Pipeline(["events"]).stages[-1].variant == "only-learned"


def test_contract_errors(scratch_registry):
    with pytest.raises(StageError) as info:
        stages.register("sentiment", lambda ctx: [], assigns="sentiment")
    assert info.value.code == "E105"
    with pytest.raises(StageError) as info:
        stages.register("events", lambda ctx: [], assigns="quotes", variant="odd")
    assert info.value.code == "E107"
    with pytest.raises(StageError) as info:
        stages.register("events", lambda ctx: [], requires=("actors",))
    assert info.value.code == "E104"
    stages.register("quotes", lambda ctx: None, variant="broken")
    with pytest.raises(StageError) as info:
        Pipeline(["quotes"], variants={"quotes": "broken"}).run(_article(), get_nlp()(TEXT))
    assert info.value.code == "E106"


def test_cycle_is_reported(scratch_registry):
    stages.register("dates", lambda ctx: [], requires=("events",), variant="cyclic")
    with pytest.raises(StageError) as info:
        Pipeline(["events"], variants={"dates": "cyclic"})
    assert info.value.code == "E103"
