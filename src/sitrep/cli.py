"""Command line: extract, ingest, query the ledger, export, serve, eval."""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="sitrep: conflict news into a sourced, structured record.")
# piped output (CI logs, files) gets wide tables instead of rich's 80-column default
out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 160)

DEFAULT_DB = "sqlite:///sitrep.db"
DbOpt = typer.Option(None, "--db", help="Store URL (default $SITREP_DB or sqlite:///sitrep.db)")
SAMPLES = Path(__file__).parent / "samples"


def _db(url: Optional[str]) -> str:
    url = url or os.environ.get("SITREP_DB") or DEFAULT_DB
    return url if "://" in url else f"sqlite:///{url}"


def _date(value: Optional[str]) -> Optional[dt.date]:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}")


def _store(url: Optional[str]):
    from .ledger.store import Store
    return Store(_db(url))


@app.command()
def extract(
    path: Path = typer.Argument(..., help="Article file (text with headline first line, HTML, JSONL, CSV, RSS)"),
    published: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD"),
    outlet: Optional[str] = typer.Option(None, help="Outlet name"),
    format: str = typer.Option("text", "--format", "-f", help="text | json | jsonl"),
):
    """Extract records from one file and print them (nothing is stored)."""
    from . import pipeline
    from .ingest import IngestFailure, read_file

    try:
        articles = read_file(path, published=_date(published), outlet=outlet)
    except IngestFailure as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2)
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


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders"),
    db: Optional[str] = DbOpt,
    published: Optional[str] = typer.Option(None, help="Default publication date YYYY-MM-DD"),
    outlet: Optional[str] = typer.Option(None, help="Default outlet"),
    dask: Optional[str] = typer.Option(None, "--dask", help="Dask scheduler address tcp://host:port"),
    batch_size: int = typer.Option(16, help="Articles per extraction batch"),
):
    """Extract and store articles; idempotent and resumable (done sources are skipped)."""
    from .ingest_runner import run_ingest

    summary = run_ingest(paths, _store(db), published=_date(published), outlet=outlet,
                         dask_address=dask, batch_size=batch_size, progress=_progress())
    out.print(f"stored {summary['stored']} new, {summary['skipped']} already done, "
              f"{summary['duplicates']} duplicates, {summary['failed']} failed")
    for source, other, sim in summary["near_duplicates"]:
        out.print(f"near-duplicate: {source} (Jaccard {sim} with article {other[:12]})")
    for source, reason in summary["failures"]:
        err.print(f"[yellow]failed:[/] {source}: {reason}")


@app.command()
def demo(db: Optional[str] = typer.Option("sqlite:///sitrep-demo.db", "--db")):
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


def _print_events(events):
    t = Table(title=f"Ledger events ({len(events)})")
    for col in ("date", "type", "status", "agent", "target", "place", "sources"):
        t.add_column(col)
    for e in events:
        t.add_row(str(e.date or ""), f"{e.type}{'/' + e.mode if e.mode else ''}", e.status,
                  _name(e.agent), _name(e.target), _name(e.place), str(len(e.sources)))
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


@app.command()
def events(db: Optional[str] = DbOpt, conflict: Optional[str] = None, actor: Optional[str] = None,
           place: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
           type: Optional[str] = None, json_out: bool = typer.Option(False, "--json"),
           limit: Optional[int] = typer.Option(None, help="At most this many (dated first, by date)"),
           offset: int = typer.Option(0, help="Skip this many")):
    """Merged ledger events, each with all its sources."""
    items, _ = _store(db).ledger_page(conflict=conflict, actor=actor, place=place, since=_date(since),
                                      until=_date(until), type=type, limit=limit, offset=offset)
    if json_out:
        out.print_json(json.dumps([e.model_dump(mode="json") for e in items]))
    else:
        _print_events(items)


@app.command()
def claims(db: Optional[str] = DbOpt, json_out: bool = typer.Option(False, "--json")):
    """Casualty claim series across articles (who claimed what, when)."""
    items = _store(db).claim_series()
    if json_out:
        out.print_json(json.dumps([s.model_dump(mode="json") for s in items]))
    else:
        _print_claims(items)


@app.command()
def contradictions(db: Optional[str] = DbOpt, json_out: bool = typer.Option(False, "--json")):
    """Conflicting claims between sources."""
    items = _store(db).contradictions()
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
    store = _store(db)
    with _progress() as progress:
        task = progress.add_task("rebuild", total=None)
        n = store.rebuild_ledger(batch_size=batch_size,
                                 progress=lambda done, total: progress.update(task, completed=done, total=total))
    out.print(f"ledger rebuilt: {n} events from {store.stats()['articles']} articles")


@app.command()
def failures(db: Optional[str] = DbOpt):
    """Inputs that failed ingest, with the reason."""
    for f in _store(db).failures():
        out.print(f"{f.source}: {f.reason}" if hasattr(f, "source") else str(f))


@app.command()
def export(format: str = typer.Option(..., "--format", "-f", help="jsonl | acled-csv | geojson | parquet"),
           out_path: Path = typer.Option(..., "--out", "-o", help="Output file (folder for parquet)"),
           db: Optional[str] = DbOpt):
    """Export the store."""
    from .exports import export as do_export

    do_export(_store(db), format, out_path)
    out.print(f"wrote {out_path}")


@app.command()
def schema():
    """Print the JSON Schema of the per-article output."""
    from .records import json_schema
    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


@app.command()
def serve(db: Optional[str] = DbOpt, host: str = "127.0.0.1", port: int = 8000):
    """REST API (OpenAPI at /docs) and web dashboard over the store."""
    from .api import serve as run_server
    run_server(_db(db), host=host, port=port)


@app.command("eval")
def evaluate(limit: Optional[int] = typer.Option(None, help="Items per dataset (deterministic sample)"),
             only: Optional[str] = typer.Option(None, help="Comma list: acled,acled_events,plover,timex,geo"),
             shared: Path = typer.Option(Path("../shared"), help="Folder holding eval/"),
             out_file: Path = typer.Option(Path("eval-results.json"), "--out")):
    """Score the pipeline on ../shared/eval and print a table; writes JSON."""
    from .eval.runner import print_table, run_all

    if not (shared / "eval").is_dir():
        err.print(f"[yellow]no evaluation data at {shared / 'eval'}; nothing to score[/]")
        raise typer.Exit(0)
    results = run_all(shared, limit=limit, only=only.split(",") if only else None, console=err)
    out_file.write_text(json.dumps(results, indent=2, default=str))
    print_table(out, results)
    out.print(f"wrote {out_file}")


@app.command("build-gazetteer")
def build_gazetteer():
    """Build the offline gazetteer index (done lazily on first use otherwise)."""
    from .geo.build import main as build_main
    build_main([])


def main():
    app()


if __name__ == "__main__":
    main()
