"""Batch ingest: read inputs, skip what is done, extract, store; failures recorded.

Every article is stored in its own transaction under a source key
("folder/feed.jsonl#3"), so a run killed at any point resumes where it stopped
and a re-run of the same inputs stores nothing twice.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Optional

from .ingest import read_path
from .records import Article, IngestError


def _source_key(article: Article) -> str:
    return article.source_path or article.id


def _batches(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def run_ingest(paths: Iterable[Path], store, *, published: Optional[dt.date] = None,
               outlet: Optional[str] = None, dask_address: Optional[str] = None,
               batch_size: int = 16, progress=None) -> dict:
    from .ingest.dedup import DuplicateIndex

    summary = {"stored": 0, "skipped": 0, "duplicates": 0, "near_duplicates": [], "failed": 0, "failures": []}
    todo: list[Article] = []
    dedup = DuplicateIndex()
    for path in paths:
        for item in read_path(Path(path), published=published, outlet=outlet):
            if isinstance(item, IngestError):
                store.record_failure(item.source, item.reason)
                summary["failed"] += 1
                summary["failures"].append((item.source, item.reason))
                continue
            if store.source_done(_source_key(item)):
                summary["skipped"] += 1
                continue
            kind, other, sim = dedup.add(item)
            if kind == "exact":
                summary["duplicates"] += 1
                continue
            if kind == "near":  # kept: a copy from another outlet is a source for the ledger
                summary["near_duplicates"].append((_source_key(item), other, round(sim, 2)))
            todo.append(item)

    extract = _dask_extractor(dask_address) if dask_address else _local_extractor
    task = progress.add_task("extracting", total=len(todo)) if progress else None
    ctx = progress if progress else _NullCtx()
    with ctx:
        for batch in _batches(todo, batch_size):
            for article, result in zip(batch, extract(batch)):
                if isinstance(result, Exception):
                    store.record_failure(_source_key(article), f"extraction failed: {result}")
                    summary["failed"] += 1
                    summary["failures"].append((_source_key(article), str(result)))
                elif store.add_result(result, source=_source_key(article)):
                    summary["stored"] += 1
                else:
                    summary["duplicates"] += 1
                if progress:
                    progress.advance(task)
    return summary


def _local_extractor(batch: list[Article]) -> list:
    from .pipeline import extract, extract_many

    try:
        return list(extract_many(batch))
    except Exception:  # noqa: BLE001 - isolate the bad article: one at a time, errors recorded below
        out = []
        for article in batch:
            try:
                out.append(extract(article))
            except Exception as exc:  # noqa: BLE001 - recorded as a failure
                out.append(exc)
        return out


def _dask_extractor(address: str):
    from .distributed import extract_on_dask

    def run(batch: list[Article]) -> list:
        return list(extract_on_dask(batch, address))
    return run


class _NullCtx:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
