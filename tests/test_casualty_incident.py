"""Population from the incident a count belongs to, and from the same figure restated."""
import datetime as dt

from sitrep.extract.casualty_incident import incident_population, share_restated
from sitrep.ingest import article_from_text
from sitrep.records import ActorRef, Casualty, Event, Span
from sitrep.stages import Pipeline


def _span(s, e, t="x"):
    return Span(start=s, end=e, text=t)


def _count(low, start=0, end=5, population="unknown", outcome="killed"):
    return Casualty(mention=_span(start, end), low=low, high=low, outcome=outcome,
                    population=population, evidence=_span(0, 50))


class _Ctx:
    def __init__(self, events):
        self.events = events


def _event(target_kind, trigger=(10, 15), target=None, mentions=(), background=False):
    ref = ActorRef(name="t", kind=target_kind, span=_span(*target) if target else None) if target_kind else None
    return Event(type="ASSAULT", trigger=_span(*trigger), target=ref, mentions=[_span(*m) for m in mentions],
                 evidence=_span(0, 50), background=background)


def test_a_count_linked_to_an_attack_on_civilians_is_civilian():
    c = _count(9, 60, 70)
    # the event's later mention ("killed in that assault") lies in the count's sentence
    assert incident_population(_Ctx([_event("civilians", mentions=[(72, 80)])]), c, 55, 90) == "civilian"
    # the count is the event's target
    assert incident_population(_Ctx([_event("civilians", target=(60, 70))]), c, 55, 90) == "civilian"
    # not linked, not civilians, or background: nothing
    assert incident_population(_Ctx([_event("civilians")]), c, 55, 90) is None
    assert incident_population(_Ctx([_event("military", mentions=[(72, 80)])]), c, 55, 90) is None
    assert incident_population(_Ctx([_event("civilians", mentions=[(72, 80)], background=True)]), c, 55, 90) is None
    # displacement is no harm done in the attack
    assert incident_population(_Ctx([_event("civilians", target=(60, 70))]), _count(9, 60, 70, outcome="displaced"),
                               55, 90) is None


def test_a_restated_figure_shares_its_population_but_one_victim_does_not():
    out = share_restated([_count(80), _count(80, population="civilian"), _count(1, population="military"), _count(1)])
    assert [c.population for c in out] == ["civilian", "civilian", "military", "unknown"]


def test_people_killed_in_an_assault_on_civilians_end_to_end():
    text = ("Raid\nGunmen stormed a village and killed civilians in their homes on Friday. "
            "Nine people were killed in that assault, officials said.")
    a = article_from_text(text, published=dt.date(2023, 5, 4), outlet="Wire")
    ctx = Pipeline(["casualties"]).parse_and_run(a)
    nine = [c for c in ctx.casualties if c.low == 9]
    assert nine and nine[0].population in ("civilian", "unknown")
    linked = any(e.target is not None and e.target.kind == "civilians" for e in ctx.events)
    assert (nine[0].population == "civilian") == linked
