"""Batch ingest: read, skip what is done, extract, store, as one stream; failures recorded.

Inputs are files, folders and http(s) URLs (pages and feeds, see ingest.fetch).  They are
read one item at a time and extracted in small batches, and each result is stored as soon
as it comes back, so a batch of any size holds only a few articles in memory and a good
article is never lost to a bad one later in the batch.  Every exception while reading,
extracting or storing one item becomes that item's failure record (`sitrep failures`) and
the batch goes on.

Every article is stored in its own transaction under a source key
("folder/feed.jsonl#3", or the article's URL), so a run killed at any point resumes where
it stopped and a re-run of the same inputs stores nothing twice.

Re-processing: a source already done is skipped, unless `reprocess` is set: then it is
read and extracted again (new metadata such as --published, or new extraction rules) and
its stored article is replaced.  A skipped source whose metadata now differs (a date given
this time) is reported in summary["changed"], so the re-ingest is never silently ignored.
Near-duplicates are found against every stored article (MinHash signatures kept in the
store, ingest.minhash), not only within the run.
"""
from __future__ import annotations

import datetime as dt
import os
from itertools import islice
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

from .ingest import read_path
from .records import Article, ArticleResult, IngestError

MAX_KEY_CHARS = 1000          # the sources table's key column
MAX_REASON_CHARS = 500        # a database error quotes the whole statement; keep the cause
MAX_STORE_ERRORS_IN_A_ROW = 20  # then the store itself is broken, not the articles: stop


class StoreUnavailable(RuntimeError):
    """Storing failed for many articles in a row: the database, not the input, is the problem."""


def _printable(text: str) -> str:
    """A path from the file system may hold undecodable bytes (surrogate escapes) that no
    database accepts; show them as \\x escapes instead."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")


def _source_key(article: Article) -> str:
    return _printable(article.source_path or article.id)[:MAX_KEY_CHARS]


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _reason(exc: BaseException) -> str:
    cause = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    text = f"{type(cause).__name__}: {cause}".strip()
    return text.splitlines()[0][:MAX_REASON_CHARS] if text else type(cause).__name__


class _Recorder:
    """Writes outcomes to the store and the summary; a database error costs one article."""

    def __init__(self, store, progress=None):
        self.store = store
        self.summary: dict[str, Any] = {"stored": 0, "skipped": 0, "duplicates": 0, "near_duplicates": [],
                        "failed": 0, "failures": [], "reprocessed": 0, "undated": [], "changed": []}
        self.replaces: dict[str, Optional[str]] = {}  # source key -> the stored article it replaces
        self.progress, self.task = progress, progress.add_task("ingesting", total=None) if progress else None
        self.store_errors = 0

    def fail(self, source: str, reason: str) -> None:
        source = _printable(source)[:MAX_KEY_CHARS]
        self.summary["failed"] += 1
        self.summary["failures"].append((source, reason))
        try:
            self.store.record_failure(source, reason)
        except Exception as exc:  # noqa: BLE001 - reported in the summary; the run goes on
            self.summary["failures"].append((source, f"failure not recorded: {_reason(exc)}"))
            self._store_error()

    def stored(self, article: Article, result) -> None:
        key = _source_key(article)
        if isinstance(result, BaseException):
            why = str(result) if isinstance(result, ExtractionError) else _reason(result)
            self.fail(key, f"extraction failed: {why}")
        else:
            try:
                if key in self.replaces:
                    self.store.replace_result(self.replaces.pop(key), result, key)
                    outcome = "reprocessed"
                else:
                    outcome = "stored" if self.store.add_result(result, source=key) else "duplicates"
                self.store_errors = 0
            except Exception as exc:  # noqa: BLE001 - e.g. a DataError on one row
                self.fail(key, f"not stored: database error: {_reason(exc)}")
                self._store_error()
            else:
                self.summary[outcome] += 1
        if self.progress:
            self.progress.advance(self.task)

    def _store_error(self) -> None:
        self.store_errors += 1
        if self.store_errors >= MAX_STORE_ERRORS_IN_A_ROW:
            raise StoreUnavailable(f"{self.store_errors} articles in a row could not be stored; "
                                   f"last: {self.summary['failures'][-1][1]}")


def read_inputs(paths: Iterable[Union[str, Path]], *, published=None, outlet=None, is_done=lambda key: False):
    """Articles and IngestErrors from files, folders and URLs, in order."""
    from .ingest.fetch import is_url, read_url
    for path in paths:
        try:  # a reader's unforeseen error ends that input only, after the items it gave
            if is_url(str(path)):
                yield from read_url(str(path), published=published, outlet=outlet, is_done=is_done)
            else:
                yield from read_path(Path(path), published=published, outlet=outlet)
        except StoreUnavailable:
            raise
        except Exception as exc:  # noqa: BLE001 - recorded; the next input is read
            yield IngestError(source=str(path), reason=f"reading stopped: {_reason(exc)}")


def _changed(old: Optional[Article], new: Article) -> Optional[str]:
    if old is None:
        return None
    diffs = [f"{name} {getattr(old, name)} -> {getattr(new, name)}" for name in ("published", "outlet")
             if getattr(new, name) is not None and getattr(new, name) != getattr(old, name)]
    return ", ".join(diffs) or None


def _to_extract(items: Iterable, rec: _Recorder, reprocess: bool) -> Iterator[Article]:
    """New articles, one at a time; read failures, done sources and exact duplicates recorded."""
    from .ingest.minhash import NearDuplicates, signature

    store, summary = rec.store, rec.summary
    near = NearDuplicates(store.signatures() if hasattr(store, "signatures") else {})
    seen: set[str] = set()
    for item in items:
        if isinstance(item, IngestError):
            rec.fail(item.source, item.reason)
            continue
        key = _source_key(item)
        try:
            done = store.source_done(key)
            old = store.source_article(key) if done else None
        except Exception as exc:  # noqa: BLE001 - the item is retried on the next run
            rec.fail(key, f"cannot check the store: {_reason(exc)}")
            continue
        if done:
            if not reprocess:
                summary["skipped"] += 1
                change = _changed(old, item)
                if change:
                    summary["changed"].append((key, change))
                continue
            rec.replaces[key] = old.id if old else None
        if item.id in seen:
            summary["duplicates"] += 1
            continue
        seen.add(item.id)
        other, sim = near.add(item.id, signature(item.text))  # the store keeps it with the article
        if other is not None and key not in rec.replaces:  # kept: a copy from another outlet is a source
            summary["near_duplicates"].append((key, other, round(sim, 2)))
        if item.published is None:
            summary["undated"].append(key)
        yield item


def run_ingest(paths: Iterable[Union[str, Path]], store, *, published: Optional[dt.date] = None,
               outlet: Optional[str] = None, dask_address: Optional[str] = None,
               batch_size: int = 16, progress=None, in_flight: Optional[int] = None,
               reprocess: bool = False, items=None) -> dict:
    """Ingest files/folders into `store`; returns counts and the failures.  With a Dask
    scheduler address, up to `in_flight` batches (default: two per worker) are extracted at
    once and stored in the order they finish."""
    rec = _Recorder(store, progress)

    def done_before(key: str) -> bool:  # lets a feed skip fetching items already stored
        if not reprocess and store.source_done(key):
            rec.summary["skipped"] += 1
            return True
        return False

    if items is None:
        items = read_inputs(paths, published=published, outlet=outlet, is_done=done_before)
    batches = _batches(_to_extract(items, rec, reprocess), batch_size)
    if dask_address:
        from .distributed import extract_batches_on_dask
        done = extract_batches_on_dask(batches, dask_address, in_flight=in_flight)
    else:
        done = ((batch, extract_isolated(batch)) for batch in batches)
    with progress if progress else _NullCtx():
        for batch, results in done:
            for article, result in zip(batch, results):
                rec.stored(article, result)
    return rec.summary


class ExtractionError(RuntimeError):
    """One article's extraction failed; the message names the exception (picklable for Dask)."""


def extract_isolated(batch: list[Article]) -> list[ArticleResult | ExtractionError]:
    """Results in input order; an article whose extraction raises gets an ExtractionError in
    its place and costs only itself."""
    from .pipeline import extract, extract_many

    try:
        return list(extract_many(batch))
    except Exception:  # noqa: BLE001 - isolate the bad article: one at a time, errors recorded below
        out: list[ArticleResult | ExtractionError] = []
        for article in batch:
            try:
                out.append(extract(article))
            except Exception as exc:  # noqa: BLE001 - recorded as a failure
                out.append(ExtractionError(f"{type(exc).__name__}: {exc}"))
        return out


class _NullCtx:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
