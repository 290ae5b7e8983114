"""Run every evaluation module and render one table."""
from __future__ import annotations

import importlib
import time
from pathlib import Path
from typing import Optional

from rich.table import Table

# module name -> what it measures
SUITES = {
    "acled": "ACLED notes: fatalities exact match / MAE",
    "acled_events": "ACLED notes: event type and sub-type",
    "plover": "PLOVER gold sentences: event class",
    "timex": "TempEval-3: TIMEX span and value",
    "geo": "GeoWebNews/LGL/TR-News: toponyms",
    "news": "news_dev real articles: events, casualties, quotes, cross-outlet clusters",
    "wad": "WAD atrocity descriptions: deaths and injuries exact match / MAE",
    "polnear": "PolNeAR train/dev political news: direct and indirect quotes, speakers",
}


HIDDEN = ("per_class_f1", "top_confusions", "published_anchor", "reference")


def run_all(shared: Path, limit: Optional[int] = None, only: Optional[list[str]] = None, console=None) -> dict:
    results = {}
    for name in only or SUITES:
        if console:
            console.print(f"[bold]eval[/] {name}: {SUITES.get(name, '')}")
        t0 = time.perf_counter()
        try:
            module = importlib.import_module(f"sitrep.eval.{name}")
            results[name] = module.run(Path(shared), limit=limit)
        except Exception as exc:  # noqa: BLE001 - one failing suite must not hide the others
            results[name] = {"error": f"{type(exc).__name__}: {exc}"}
        results[name]["seconds"] = round(time.perf_counter() - t0, 1)
    return results


def _flatten(prefix: str, value, rows: list):
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(f"{prefix}.{k}" if prefix else str(k), v, rows)
    elif isinstance(value, (int, float, str)) and not isinstance(value, bool):
        rows.append((prefix, value))


def print_table(console, results: dict) -> None:
    table = Table(title="sitrep eval")
    table.add_column("suite")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for suite, metrics in results.items():
        rows: list = []
        _flatten("", metrics, rows)
        for key, value in rows:
            if key == "error":   # a suite that failed says why, however long the message
                table.add_row(suite, key, f"[red]{value}[/red]")
                continue
            if (isinstance(value, str) and len(value) > 80) or any(k in key for k in HIDDEN):
                continue  # detail stays in the JSON file
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            table.add_row(suite, key, shown)
    console.print(table)
