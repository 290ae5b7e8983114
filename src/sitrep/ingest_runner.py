"""Batch ingest: read inputs, skip what is done, extract, store; failures recorded.

Every article is stored in its own transaction under a source key
("folder/feed.jsonl#3", or the article's URL), so a run killed at any point resumes where
it stopped and a re-run of the same inputs stores nothing twice.  Inputs are files, folders
and http(s) URLs (pages and feeds, see ingest.fetch).

Re-processing: a source already done is skipped, unless `reprocess` is set: then it is
read and extracted again (new metadata such as --published, or new extraction rules) and
its stored article is replaced.  A skipped source whose metadata now differs (a date given
this time) is reported in summary["changed"], so the re-ingest is never silently ignored.
Near-duplicates are found against every stored article (MinHash signatures kept in the
store, ingest.minhash), not only within the run.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Optional, Union

from .ingest import read_path
from .records import Article, IngestError


def _source_key(article: Article) -> str:
    return article.source_path or article.id


def _batches(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def read_inputs(paths: Iterable[Union[str, Path]], *, published=None, outlet=None, is_done=lambda key: False):
    """Articles and IngestErrors from files, folders and URLs, in order."""
    from .ingest.fetch import is_url, read_url
    for path in paths:
        if is_url(str(path)):
            yield from read_url(str(path), published=published, outlet=outlet, is_done=is_done)
        else:
            yield from read_path(Path(path), published=published, outlet=outlet)


def _changed(old: Optional[Article], new: Article) -> Optional[str]:
    if old is None:
        return None
    diffs = [f"{name} {getattr(old, name)} -> {getattr(new, name)}" for name in ("published", "outlet")
             if getattr(new, name) is not None and getattr(new, name) != getattr(old, name)]
    return ", ".join(diffs) or None


def run_ingest(paths: Iterable[Union[str, Path]], store, *, published: Optional[dt.date] = None,
               outlet: Optional[str] = None, dask_address: Optional[str] = None,
               batch_size: int = 16, progress=None, reprocess: bool = False, items=None) -> dict:
    """items: already-read Articles/IngestErrors to ingest instead of reading `paths`."""
    from .ingest.minhash import NearDuplicates, signature

    summary = {"stored": 0, "skipped": 0, "duplicates": 0, "near_duplicates": [], "failed": 0, "failures": [],
               "reprocessed": 0, "undated": [], "changed": []}
    todo: list[Article] = []
    replaces: dict[str, Optional[str]] = {}       # source key -> the stored article it replaces
    sigs: dict[str, object] = {}
    seen: set[str] = set()
    near = NearDuplicates(store.signatures() if hasattr(store, "signatures") else {})
    ctx = progress if progress else _NullCtx()

    def done_before(key: str) -> bool:
        if not reprocess and store.source_done(key):
            summary["skipped"] += 1
            return True
        return False

    with ctx:
        reading = progress.add_task("reading", total=None) if progress else None
        if items is None:
            items = read_inputs(paths, published=published, outlet=outlet, is_done=done_before)
        for item in items:
            if progress:
                progress.advance(reading)
            if isinstance(item, IngestError):
                store.record_failure(item.source, item.reason)
                summary["failed"] += 1
                summary["failures"].append((item.source, item.reason))
                continue
            key = _source_key(item)
            if store.source_done(key):
                old = store.source_article(key)
                if not reprocess:
                    summary["skipped"] += 1
                    change = _changed(old, item)
                    if change:
                        summary["changed"].append((key, change))
                    continue
                replaces[key] = old.id if old else None
            if item.id in seen:
                summary["duplicates"] += 1
                continue
            seen.add(item.id)
            sigs[item.id] = sig = signature(item.text)
            other, sim = near.add(item.id, sig)
            if other is not None and key not in replaces:  # kept: a copy from another outlet is a source
                summary["near_duplicates"].append((key, other, round(sim, 2)))
            if item.published is None:
                summary["undated"].append(key)
            todo.append(item)
        if progress:
            progress.update(reading, total=progress.tasks[reading].completed)

        extract = _dask_extractor(dask_address) if dask_address else _local_extractor
        task = progress.add_task("extracting", total=len(todo)) if progress else None
        for batch in _batches(todo, batch_size):
            for article, result in zip(batch, extract(batch)):
                key = _source_key(article)
                if isinstance(result, Exception):
                    store.record_failure(key, f"extraction failed: {result}")
                    summary["failed"] += 1
                    summary["failures"].append((key, str(result)))
                elif key in replaces:
                    store.replace_result(replaces[key], result, key)
                    summary["reprocessed"] += 1
                elif store.add_result(result, source=key):
                    summary["stored"] += 1
                else:
                    summary["duplicates"] += 1
                if not isinstance(result, Exception) and hasattr(store, "save_signature"):
                    store.save_signature(article.id, sigs[article.id])
                if progress:
                    progress.advance(task)
    return summary


def _local_extractor(batch: list[Article]) -> list:
    from .pipeline import extract, extract_many

    try:
        return list(extract_many(batch))
    except Exception:  # isolate the bad article: one at a time
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
