"""Command line: extract, ingest (files, folders, URLs), watch feeds, query the ledger, correct
it, export, serve, eval.

Conventions: one default store for every command (--db, else $SITREP_DB, else
sqlite:///sitrep.db); commands that only read refuse a store that does not exist instead of
creating an empty one; expected errors print one line on stderr and exit 2, unexpected ones
exit 1 without a traceback (SITREP_DEBUG=1 shows it)."""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
import os
import sys
import time
from pathlib import Path
from typing import Literal, Optional

import click
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .eval.runner import SUITES as EVAL_SUITES

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="sitrep: conflict news into a sourced, structured record.")
# piped output (CI logs, files) gets wide tables instead of rich's 80-column default
out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 160)

DEFAULT_DB = "sqlite:///sitrep.db"
DbOpt = typer.Option(None, "--db", help="Store URL or SQLite file (default $SITREP_DB or sqlite:///sitrep.db)")
LimitOpt = typer.Option(None, "--limit", "-n", min=1, help="Show at most this many")
JsonOpt = typer.Option(False, "--json", help="Print JSON instead of a table")
SAMPLES = Path(__file__).parent / "samples"
ExportFormat = Literal["jsonl", "acled-csv", "ucdp-csv", "plover-jsonl", "geojson", "parquet"]
ContradictionKind = Literal["casualty_count", "event_status", "falling_toll"]


class UserError(Exception):
    """An error the user can fix: printed as one line, exit status 2."""


def _friendly(fn):
    """Expected errors as one line on stderr (exit 2); anything else exits 1 without a traceback."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from .ledger.corrections import CorrectionError
        try:
            return fn(*args, **kwargs)
        except (typer.Exit, typer.Abort, click.exceptions.ClickException):
            raise
        except (UserError, CorrectionError, ValueError) as exc:
            err.print(f"[red]error:[/] {exc}", markup=True, highlight=False)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except Exception as exc:  # noqa: BLE001 - the CLI's last line of defence
            if os.environ.get("SITREP_DEBUG"):
                raise
            err.print(f"[red]error:[/] {type(exc).__name__}: {exc} (SITREP_DEBUG=1 shows the traceback)",
                      markup=True, highlight=False)
            raise typer.Exit(1) from None
    return wrapper


def command(*args, **kwargs):
    def deco(fn):
        return app.command(*args, **kwargs)(_friendly(fn))
    return deco


def _version(value: bool):
    if value:
        out.print(f"sitrep {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit")):
    """sitrep: conflict news into a sourced, structured record."""


def _db(url: Optional[str]) -> str:
    url = url or os.environ.get("SITREP_DB") or DEFAULT_DB
    return url if "://" in url else f"sqlite:///{url}"


def _date(value: Optional[str]) -> Optional[dt.date]:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


def _matches(needle: str, *values: Optional[str]) -> bool:
    """As the API's filters: an ISO3 code in capitals ("ARM") matches exactly; anything else
    is a case-insensitive substring of a name ("arm" also finds "army")."""
    if re.fullmatch(r"[A-Z]{3}", needle):
        return needle in values
    return any(v and needle.casefold() in v.casefold() for v in values)


def _store(url: Optional[str], must_exist: bool = False):
    """The store; must_exist for commands that only read, so a mistyped --db is an error,
    not a new empty database."""
    from .ledger.store import Store
    resolved = _db(url)
    if must_exist and not _store_exists(resolved):
        raise UserError(f"no store at {resolved} (ingest something first: `sitrep ingest PATH --db ...`, "
                        f"or `sitrep demo`)")
    return Store(resolved)


def _store_exists(url: str) -> bool:
    from sqlalchemy.engine import make_url
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        return u.database is not None and u.database not in ("", ":memory:") and Path(u.database).is_file()
    from sqlalchemy import create_engine, inspect
    try:
        engine = create_engine(url)
        with engine.connect() as conn:
            return inspect(conn).has_table("articles")
    except Exception:  # noqa: BLE001 - unreachable server: the store does not exist for us
        return False


@command()
def extract(
    path: Path = typer.Argument(..., help="Article file (text with headline first line, HTML, JSONL, CSV, RSS)"),
    published: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD"),
    outlet: Optional[str] = typer.Option(None, help="Outlet name"),
    format: Literal["text", "json", "jsonl"] = typer.Option("text", "--format", "-f", help="Output format"),
):
    """Extract records from one file and print them (nothing is stored)."""
    from . import pipeline
    from .ingest import IngestFailure, read_file

    try:
        articles = read_file(path, published=_date(published), outlet=outlet)
    except IngestFailure as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    results = list(pipeline.extract_many(articles))
    if format == "json":
        payload = [r.model_dump(mode="json") for r in results]
        out.print_json(json.dumps(payload[0] if len(payload) == 1 else payload))
    elif format == "jsonl":
        for r in results:
            sys.stdout.write(r.model_dump_json() + "\n")
    else:
        from .report import print_result
        for r in results:
            print_result(out, r)


def _progress() -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=False)


def _print_ingest(summary: dict, store_url: str) -> None:
    out.print(f"stored {summary['stored']} new, {summary['skipped']} already done, "
              f"{summary['duplicates']} duplicates, {summary['failed']} failed"
              + (f", {summary['reprocessed']} re-processed" if summary.get("reprocessed") else ""))
    for source, other, sim in summary["near_duplicates"]:
        out.print(f"near-duplicate: {source} (Jaccard {sim} with article {other[:12]})")
    for source, reason in summary["failures"]:
        err.print(f"[yellow]failed:[/] {source}: {reason}", highlight=False)
    if summary.get("undated"):
        n = len(summary["undated"])
        err.print(f"[yellow]warning:[/] {n} article{'s' if n > 1 else ''} without a publication date "
                  f"(e.g. {summary['undated'][0]}): events the text does not date will be undated. "
                  f"Give one with --published YYYY-MM-DD and --reprocess to re-extract them.", highlight=False)
    for source, change in summary.get("changed", []):
        err.print(f"[yellow]not re-processed:[/] {source} is already stored; this time {change}. "
                  f"Run again with --reprocess to replace it.", highlight=False)


@command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders or http(s) URLs of pages and RSS/Atom feeds"),
    db: Optional[str] = DbOpt,
    published: Optional[str] = typer.Option(None, help="Default publication date YYYY-MM-DD"),
    outlet: Optional[str] = typer.Option(None, help="Default outlet"),
    reprocess: bool = typer.Option(False, "--reprocess", help="Re-extract sources already stored (new "
                                   "metadata such as --published, or new extraction rules) and replace them"),
    dask: Optional[str] = typer.Option(None, "--dask", help="Dask scheduler address tcp://host:port"),
    batch_size: int = typer.Option(16, min=1, help="Articles per extraction batch"),
):
    """Extract and store articles; idempotent and resumable (done sources are skipped)."""
    from .ingest_runner import run_ingest

    summary = run_ingest(paths, _store(db), published=_date(published), outlet=outlet,
                         dask_address=dask, batch_size=batch_size, progress=_progress(), reprocess=reprocess)
    _print_ingest(summary, _db(db))


@command()
def watch(
    feeds: list[str] = typer.Argument(..., help="RSS/Atom feed URLs to poll"),
    db: Optional[str] = DbOpt,
    interval: float = typer.Option(300.0, "--interval", min=0.0, help="Seconds between polls"),
    max_polls: Optional[int] = typer.Option(None, "--max-polls", min=1,
                                            help="Stop after this many polls (default: run until stopped)"),
    outlet: Optional[str] = typer.Option(None, help="Outlet for items with no <source> and feeds with no title"),
):
    """Poll feeds and ingest new items until stopped (Ctrl-C).

    Conditional requests (ETag, Last-Modified) keep unchanged feeds cheap; items already
    stored are not fetched again."""
    from .ingest.watch import Watcher

    watcher = Watcher(feeds, _store(db), outlet=outlet)
    polls = 0
    try:
        while max_polls is None or polls < max_polls:
            for feed, summary in watcher.poll():
                if summary is None:
                    out.print(f"{feed}: not modified")
                    continue
                out.print(f"{feed}: ", end="")
                _print_ingest(summary, _db(db))
            polls += 1
            if max_polls is None or polls < max_polls:
                time.sleep(interval)
    except KeyboardInterrupt:
        out.print("stopped")


@command()
def demo(db: Optional[str] = DbOpt):
    """The main job on the bundled sample articles: ingest them, then show the ledger."""
    from .ingest_runner import run_ingest

    store = _store(db)
    summary = run_ingest([SAMPLES], store, progress=_progress())
    out.print(f"[bold]{summary['stored']} articles stored[/] ({summary['skipped']} already done, "
              f"{summary['failed']} failed) in {_db(db)}")
    for source, reason in summary["failures"]:
        err.print(f"[yellow]failed:[/] {source}: {reason}")
    _print_events(store.ledger_events())
    _print_claims(store.claim_series())
    _print_contradictions(store.contradictions())


def _print_events(events, total: Optional[int] = None):
    shown = f"{len(events)} of {total}" if total is not None and total != len(events) else f"{len(events)}"
    t = Table(title=f"Ledger events ({shown})")
    for col in ("id", "date", "type", "status", "agent", "target", "place", "sources", "independent"):
        t.add_column(col)
    for e in events:
        t.add_row(e.id, str(e.date or ""), f"{e.type}{'/' + e.mode if e.mode else ''}", e.status,
                  _name(e.agent), _name(e.target), _name(e.place), str(len(e.sources)),
                  str(e.independent_sources if e.independent_sources is not None else ""))
    out.print(t)


def _name(x) -> str:
    if x is None:
        return ""
    if isinstance(x, str):
        return x
    return getattr(x, "name", None) or str(x)


def _print_claims(series):
    t = Table(title=f"Casualty claim series ({len(series)})")
    for col in ("claim", "points"):
        t.add_column(col)
    for s in series:
        pts = " -> ".join(f"{p.low if p.low == p.high else f'{p.low}-{p.high}'} ({p.published}, {p.outlet or '?'})"
                          for p in s.points)
        t.add_row(s.key, pts)
    out.print(t)


def _print_contradictions(items):
    t = Table(title=f"Contradictions ({len(items)})")
    t.add_column("kind")
    t.add_column("description")
    for c in items:
        t.add_row(c.kind, c.description)
    out.print(t)


def _limited(items: list, limit: Optional[int]) -> list:
    return items[:limit] if limit else items


@command()
def events(db: Optional[str] = DbOpt,
           conflict: Optional[str] = typer.Option(None, help="Parties' ISO3 codes, e.g. ARM-AZE"),
           actor: Optional[str] = typer.Option(None, help="Agent or target name (substring) or ISO3"),
           place: Optional[str] = typer.Option(None, help="Place name (gazetteer or as written)"),
           since: Optional[str] = typer.Option(None, help="Event date on or after YYYY-MM-DD"),
           until: Optional[str] = typer.Option(None, help="Event date on or before YYYY-MM-DD"),
           type: Optional[str] = typer.Option(None, help="PLOVER type, e.g. ASSAULT"),
           claimant: Optional[str] = typer.Option(None, help="A source's claimant: name (substring) or ISO3"),
           limit: Optional[int] = LimitOpt, json_out: bool = JsonOpt,
           offset: int = typer.Option(0, min=0, help="Skip this many (dated first, by date)")):
    """Merged ledger events, each with all its sources."""
    store = _store(db, must_exist=True)
    filters = dict(conflict=conflict, actor=actor, place=place, since=_date(since), until=_date(until), type=type)
    if claimant:   # a source-level filter: applied to the matching events, then paged
        items = [e for e in store.ledger_events(**filters)
                 if any(_matches(claimant, s.claimant, s.claimant_country) for s in e.sources)][offset:]
    else:
        items, _ = store.ledger_page(**filters, limit=limit, offset=offset)
    shown = _limited(items, limit)
    if json_out:
        out.print_json(json.dumps([e.model_dump(mode="json") for e in shown]))
    else:
        _print_events(shown, total=len(items))


@command()
def claims(db: Optional[str] = DbOpt,
           side: Optional[str] = typer.Option(None, help="Whose losses: ISO3 (exact) or name"),
           claimant: Optional[str] = typer.Option(None, help="Claimant name (substring) or ISO3 (exact)"),
           outcome: Optional[Literal["killed", "wounded", "missing", "captured", "casualties", "displaced"]] =
           typer.Option(None, help="Outcome counted"),
           place: Optional[str] = typer.Option(None, help="The incident's place (substring)"),
           min_points: int = typer.Option(1, min=1, help="Only series with at least this many claims"),
           limit: Optional[int] = LimitOpt, json_out: bool = JsonOpt):
    """Casualty claim series across articles (who claimed what, when)."""
    items = _store(db, must_exist=True).claim_series(min_points=min_points, outcome=outcome, side=side,
                                                     place=place, claimant=claimant, limit=limit)   # paged in SQL
    if json_out:
        out.print_json(json.dumps([s.model_dump(mode="json") for s in items]))
    else:
        _print_claims(items)


@command()
def contradictions(db: Optional[str] = DbOpt,
                   kind: Optional[ContradictionKind] = typer.Option(
                       None, help="Only this kind of contradiction"),
                   limit: Optional[int] = LimitOpt, json_out: bool = JsonOpt):
    """Conflicting claims between sources."""
    items = _store(db, must_exist=True).contradictions(kind=kind, limit=limit)   # paged in SQL
    if json_out:
        out.print_json(json.dumps([c.model_dump(mode="json") for c in items]))
    else:
        _print_contradictions(items)


ledger_app = typer.Typer(no_args_is_help=True, help="The merged ledger: maintenance.")
app.add_typer(ledger_app, name="ledger")


@ledger_app.command("rebuild")
def ledger_rebuild(db: Optional[str] = DbOpt,
                   batch_size: int = typer.Option(200, help="Articles per transaction (memory is one batch)")):
    """Re-derive the ledger, claim series and contradictions from the stored articles (after a
    change of the merge rules); streams the articles in batches."""
    store = _store(db, must_exist=True)
    with _progress() as progress:
        task = progress.add_task("rebuild", total=None)
        n = store.rebuild_ledger(batch_size=batch_size,
                                 progress=lambda done, total: progress.update(task, completed=done, total=total))
    out.print(f"ledger rebuilt: {n} events from {store.stats()['articles']} articles")


@command()
def failures(db: Optional[str] = DbOpt, limit: Optional[int] = LimitOpt, json_out: bool = JsonOpt):
    """Inputs that failed ingest, with the reason."""
    items = _limited(_store(db, must_exist=True).failures(), limit)
    if json_out:
        out.print_json(json.dumps([f.model_dump(mode="json") for f in items]))
        return
    for f in items:
        out.print(f"{f.source}: {f.reason}", highlight=False)


@command()
def export(format: ExportFormat = typer.Option(..., "--format", "-f", help="Output format"),
           out_path: Path = typer.Option(..., "--out", "-o", help="Output file (folder for parquet)"),
           include_unrealised: bool = typer.Option(
               False, "--include-unrealised", help="Also export failed, planned and denied events "
               "(acled-csv, ucdp-csv and plover-jsonl leave them out)"),
           db: Optional[str] = DbOpt):
    """Export the store."""
    from .exports import export as do_export

    summary: dict = {}
    n = do_export(_store(db, must_exist=True), format, out_path, include_unrealised=include_unrealised,
                  summary=summary)
    out.print(f"wrote {n} rows to {out_path}")
    for reason, count in sorted(summary.get("left_out", {}).items()):
        err.print(f"left out {count}: {reason}", highlight=False)
    for event_id, reason in summary.get("invalid", []):
        err.print(f"[yellow]invalid, not written:[/] event {event_id}: {reason}", highlight=False)


@command()
def delete(targets: list[str] = typer.Argument(..., help="Article ids (or 8+ character prefixes), source "
                                               "keys, file paths or folders as they were ingested"),
           db: Optional[str] = DbOpt,
           yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation")):
    """Delete stored articles with their records; the ledger is rebuilt without them."""
    store = _store(db, must_exist=True)
    ids: list[str] = []
    for target in targets:
        found = store.resolve_articles(target)
        if not found:
            raise UserError(f"nothing stored matches {target!r}")
        ids.extend(i for i in found if i not in ids)
    if not yes:
        typer.confirm(f"delete {len(ids)} article{'s' if len(ids) != 1 else ''}?", abort=True)
    out.print(f"deleted {store.delete_articles(ids)} articles")


correct_app = typer.Typer(no_args_is_help=True, help="Record an analyst's correction of the ledger "
                          "(an audit table; applied to the ledger, shown read-only by the API)")
app.add_typer(correct_app, name="correct")
AnalystOpt = typer.Option(os.environ.get("USER"), "--analyst", help="Who makes the correction (default $USER)")
NoteOpt = typer.Option(None, "--note", help="Why (kept in the audit table)")


def _recorded(c) -> None:
    out.print(f"correction {c.id} recorded: {c.action} {c.event_id}"
              + (f" {c.field}={c.value!r}" if c.action == "field" else f" {c.value}"), highlight=False)


@correct_app.command("field")
@_friendly
def correct_field(event_id: str = typer.Argument(..., help="Ledger event id (see `sitrep events`)"),
                  field: str = typer.Argument(..., help="date, type, mode, status, fatalities, acled_event_type, "
                                              "acled_sub_event_type, conflict, agent, target or place"),
                  value: str = typer.Argument(..., help="New value ('none' clears it)"),
                  db: Optional[str] = DbOpt, analyst: Optional[str] = AnalystOpt, note: Optional[str] = NoteOpt):
    """Set one field of a ledger event."""
    from .ledger.corrections import parse_value
    store = _store(db, must_exist=True)
    _recorded(store.add_correction("field", event_id, field=field, value=parse_value(field, value),
                                   analyst=analyst, note=note))


@correct_app.command("merge")
@_friendly
def correct_merge(event_id: str = typer.Argument(..., help="The ledger event that remains"),
                  others: list[str] = typer.Argument(..., help="Ledger events that are the same event"),
                  db: Optional[str] = DbOpt, analyst: Optional[str] = AnalystOpt, note: Optional[str] = NoteOpt):
    """Merge ledger events the automatic merge kept apart."""
    _recorded(_store(db, must_exist=True).add_correction("merge", event_id, value=list(others),
                                                         analyst=analyst, note=note))


@correct_app.command("split")
@_friendly
def correct_split(event_id: str = typer.Argument(..., help="The ledger event to split"),
                  sources: list[str] = typer.Argument(..., help="Sources that form a separate event, as "
                                                      "ARTICLE_ID:EVENT_INDEX (see `sitrep events --json`)"),
                  db: Optional[str] = DbOpt, analyst: Optional[str] = AnalystOpt, note: Optional[str] = NoteOpt):
    """Split sources off a ledger event the automatic merge joined wrongly."""
    _recorded(_store(db, must_exist=True).add_correction("split", event_id, value=list(sources),
                                                         analyst=analyst, note=note))


@correct_app.command("list")
@_friendly
def correct_list(db: Optional[str] = DbOpt, event: Optional[str] = typer.Option(None, help="Only this event"),
                 limit: Optional[int] = LimitOpt, json_out: bool = JsonOpt):
    """The audit table of corrections, oldest first."""
    items = _limited(_store(db, must_exist=True).corrections(event_id=event), limit)
    if json_out:
        out.print_json(json.dumps([c.model_dump(mode="json") for c in items]))
        return
    t = Table(title=f"Corrections ({len(items)})")
    for col in ("id", "when", "analyst", "action", "event", "change", "note"):
        t.add_column(col)
    for c in items:
        t.add_row(str(c.id), c.created_at.strftime("%Y-%m-%d %H:%M"), c.analyst or "", c.action, c.event_id,
                  f"{c.field} = {c.value}" if c.action == "field" else ", ".join(map(str, c.value or [])),
                  c.note or "")
    out.print(t)


@command()
def schema():
    """Print the JSON Schema of the per-article output."""
    from .records import json_schema
    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


@command()
def serve(db: Optional[str] = DbOpt, host: str = typer.Option("127.0.0.1", help="Interface to listen on"),
          port: int = typer.Option(8000, help="Port"),
          allowed_host: Optional[list[str]] = typer.Option(
              None, "--allowed-host", help="Host name the server may be reached by (repeatable; "
                                           "localhost and --host are always allowed; also $SITREP_ALLOWED_HOSTS)")):
    """REST API (OpenAPI at /docs) and web dashboard over the store."""
    from .api import serve as run_server
    _store(db, must_exist=True)
    run_server(_db(db), host=host, port=port, hosts=allowed_host)


@app.command("eval")
def evaluate(limit: Optional[int] = typer.Option(None, help="Items per dataset (deterministic sample)"),
             only: Optional[str] = typer.Option(None, help="Comma list of suites: " + ", ".join(EVAL_SUITES)),
             shared: Path = typer.Option(Path("../shared"), help="Folder holding eval/"),
             out_file: Path = typer.Option(Path("eval-results.json"), "--out"),
             gate: bool = typer.Option(False, "--gate", help="Exit 1 naming each metric below its floor"),
             floors: Optional[Path] = typer.Option(None, "--floors", help="Floors file (default: eval/floors.json)"),
             update_floors: bool = typer.Option(False, "--update-floors", help="Raise floors to higher scores"),
             allow_lower: bool = typer.Option(False, "--allow-lower", help="With --update-floors: lower them too")):
    """Score the pipeline on ../shared/eval and print a table; writes JSON. --gate checks floors."""
    from .eval.runner import print_table, run_all

    if not (shared / "eval").is_dir():
        err.print(f"[yellow]no evaluation data at {shared / 'eval'}; nothing to score[/]")
        raise typer.Exit(0)
    suites = [s.strip() for s in only.split(",") if s.strip()] if only else None
    unknown = [s for s in suites or [] if s not in EVAL_SUITES]
    if unknown:
        raise typer.BadParameter(f"unknown suite {', '.join(unknown)}; choose from {', '.join(EVAL_SUITES)}",
                                 param_hint="--only")
    results = run_all(shared, limit=limit, only=suites, console=err)
    out_file.write_text(json.dumps(results, indent=2, default=str))
    print_table(out, results)
    out.print(f"wrote {out_file}")
    if gate or update_floors or allow_lower:
        from .eval.gate import enforce
        raise typer.Exit(enforce(results, err, floors, gate=gate, update=update_floors, allow_lower=allow_lower,
                                 limited=limit is not None))


@command("build-gazetteer")
def build_gazetteer():
    """Build the offline gazetteer index (done lazily on first use otherwise)."""
    from .geo.build import BUILD_STEPS, build

    with _progress() as progress:
        task = progress.add_task("gazetteer", total=BUILD_STEPS)
        started: list[str] = []

        def step(description: str):
            if started:
                progress.advance(task)
            started.append(description)
            progress.update(task, description=f"gazetteer: {description}")
        path = build(step=step)
        progress.update(task, completed=BUILD_STEPS, description="gazetteer")
    out.print(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")


def main():
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - no tracebacks for users (SITREP_DEBUG=1 shows them)
        if os.environ.get("SITREP_DEBUG"):
            raise
        err.print(f"[red]error:[/] {type(exc).__name__}: {exc}")
        sys.exit(1)


if __name__ == "__main__":
    main()
