"""Hand-built records for ledger and export tests (no extractors involved), and `coded`, which
filters an extraction's events as the ledger does."""
import datetime as dt

from sitrep.records import (ActorRef, Article, ArticleResult, Casualty, Claimant, Event, Place, Span,
                            TimeExpr)


def coded(result, type_):
    """A result's events of one type that the ledger codes (not background)."""
    return [e for e in result.events if e.type == type_ and not e.background]


def span(text, part):
    i = text.rindex(part)  # the body's mention, not the headline's
    return Span(start=i, end=i + len(part), text=part)


def article(text, outlet, published, title=None):
    from sitrep.ingest.clean import text_id
    return Article(id=text_id(text + outlet), text=text, title=title or text.split("\n")[0], outlet=outlet,
                   published=published)


def place(text, part, name, lat, lon, country="BFA", precision="city", admin1=None):
    return Place(mention=span(text, part), evidence=span(text, text.split("\n")[-1]), name=name, lat=lat, lon=lon,
                 country=country, precision=precision, admin1=admin1)


def claimant(name, country=None, kind="government"):
    return Claimant(name=name, actor=ActorRef(name=name, kind=kind, country=country))


def result(text, outlet, published, *, event_type="ASSAULT", status="occurred", day=None, count=None,
           count_part=None, who=None, cumulative=False, place_args=None, agent=None):
    a = article(text, outlet, published)
    sentence = span(text, text.split("\n")[-1])
    plc = place(*place_args) if place_args else None
    date = TimeExpr(mention=span(text, "Monday"), evidence=sentence, value=day.isoformat(), date=day,
                    start_date=day, end_date=day) if day else None
    events = [Event(evidence=sentence, claimant=who, type=event_type, trigger=span(text, text.split()[2]),
                    status=status, place=plc, date=date, agent=agent)] if event_type else []
    cas = []
    if count is not None:
        cas = [Casualty(mention=span(text, count_part), evidence=sentence, claimant=who, low=count, high=count,
                        outcome="killed", population="civilian", cumulative=cumulative, place=plc)]
    return ArticleResult(article=a, events=events, casualties=cas, places=[plc] if plc else [],
                         dates=[date] if date else [])
