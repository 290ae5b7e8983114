"""ACLED notes in, ACLED CSV out: how conformant is the export? (reads ../shared/eval in place)

Each sampled note is ingested as an article (published on its event date), the store is
exported as acled-csv, and the export is compared with the notes' own coding: rows written,
rows with an empty event_type, total fatalities against the coders' total, rows failing the
codebook model, and rows whose actor1/actor2 is not an ACLED-style name.

    python scripts/acled_export_check.py ../shared [n] [kenya|burkina_faso]
"""
from __future__ import annotations

import csv
import sys
import tempfile
from pathlib import Path


def main(shared: str, n: int = 150, dataset: str = "kenya") -> None:
    from sitrep.eval.acled_events import load_rows, sample
    from sitrep.exports import export
    from sitrep.ingest import article_from_text
    from sitrep.ledger.store import Store
    from sitrep.pipeline import extract

    rows = sample(load_rows(Path(shared), dataset), n)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/a.db")
        gold = 0
        for i, row in enumerate(rows):
            day = row["date"]
            try:
                art = article_from_text(f"Report {i}\n{row['notes']}", published=day,
                                        outlet=row.get("source") or None, source_path=f"note{i}")
            except ValueError:   # too short or not English for the ingest checks: not an article
                continue
            gold += int(row.get("fatalities") or 0)
            store.add_result(extract(art), source=f"note{i}")
        out = Path(tmp) / "a.csv"
        summary: dict = {}
        try:
            export(store, "acled-csv", out, summary=summary)
        except TypeError:     # an export without the summary argument (before the codebook model)
            export(store, "acled-csv", out)
        with out.open(newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            written = list(reader)
            columns = reader.fieldnames
    try:
        from sitrep.export.codebook import AcledRow, is_common_noun
        invalid = sum(1 for r in written if not _valid(AcledRow, r))
        common = sum(1 for r in written for k in ("actor1", "actor2") if r.get(k) and is_common_noun(r[k]))
    except ImportError:   # before the codebook model existed
        invalid = common = None
    print(f"notes {len(rows)}  columns {len(columns)}  rows {len(written)}  "
          f"empty event_type {sum(1 for r in written if not r.get('event_type'))}  "
          f"fatalities {sum(int(r['fatalities'] or 0) for r in written)} (coders {gold})  "
          f"one-digit interaction {sum(1 for r in written if len(r.get('interaction') or '') == 1)}  "
          f"blank inter {sum(1 for r in written for k in ('inter1', 'inter2') if r.get(k) == '')}  "
          f"invalid {invalid}  common-noun actors {common}  left out {summary.get('left_out')}")


def _valid(model, row) -> bool:
    try:
        model.model_validate(row)
        return True
    except Exception:  # noqa: BLE001
        return False


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 150, sys.argv[3] if len(sys.argv) > 3 else "kenya")
