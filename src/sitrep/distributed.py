"""Scale-out on a Dask cluster: batches of articles extracted on workers.

The spaCy model is loaded once per worker process: `sitrep.nlp.get_nlp` is
cached per process, and the `WarmModel` worker plugin (registered once per
Client) loads it when a worker joins, so no batch pays for it and every task
reuses it.  `extract_batches_on_dask` keeps a bounded number of batches in
flight and hands each back as it finishes, so the caller stores results while
the workers go on; `extract_on_dask` returns results in input order.  Workers
need sitrep installed (the same environment).
"""
from __future__ import annotations

import atexit
import os
from typing import Iterable, Iterator, Optional, Union

from distributed import Client, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from .records import Article, ArticleResult

_clients: dict[str, Client] = {}
_warmed: set[str] = set()   # ids of the Clients that registered WarmModel


def _extract_batch(articles: list[Article]) -> list:
    """On a worker: results in input order, an ExtractionError in place of a failed article."""
    from .ingest_runner import extract_isolated
    return extract_isolated(articles)


def model_loads() -> dict:
    """pid and number of model loads in this process: proves one load per worker."""
    from .nlp import get_nlp
    return {"pid": os.getpid(), "loads": get_nlp.cache_info().misses}


class WarmModel(WorkerPlugin):
    """Load the spaCy model when a worker starts (also on workers that join later)."""

    name = "sitrep-warm-model"
    idempotent = True  # a second Client registering it does not re-run setup

    def setup(self, worker):
        from .nlp import get_nlp
        get_nlp()


def client_for(address: Union[str, Client]) -> Client:
    """A Client for 'tcp://host:port', reused across calls; a Client passes through."""
    if isinstance(address, Client):
        return address
    client = _clients.get(address)
    if client is None or client.status not in ("running", "connecting"):
        client = _clients[address] = Client(address)
    return client


def close_clients() -> None:
    """Close the Clients opened for addresses (also done at exit)."""
    while _clients:
        _clients.popitem()[1].close()


atexit.register(close_clients)


def _warm(client: Client) -> None:
    if client.id not in _warmed:
        client.register_plugin(WarmModel())
        _warmed.add(client.id)


def _threads(client: Client) -> int:
    return sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()) or 1


def extract_batches_on_dask(batches: Iterable[list[Article]], address: Union[str, Client],
                            in_flight: Optional[int] = None) -> Iterator[tuple[list[Article], list]]:
    """(batch, results) pairs in the order the batches finish.  At most `in_flight` batches
    (default: two per worker thread, so a worker never waits for the caller) are on the cluster;
    the next is read from `batches` as one finishes.  A batch whose task fails (a lost worker)
    gets an ExtractionError for each of its articles."""
    from .ingest_runner import ExtractionError

    client = client_for(address)
    _warm(client)
    limit = max(1, in_flight or 2 * _threads(client))
    source = iter(batches)
    pending: dict = {}
    running = as_completed()

    def submit() -> None:
        batch = next(source, None)
        if batch:
            fut = client.submit(_extract_batch, batch, pure=False)
            pending[fut] = batch
            running.add(fut)

    try:
        for _ in range(limit):
            submit()
        for fut in running:
            batch = pending.pop(fut)
            try:
                results = fut.result()
            except Exception as exc:  # noqa: BLE001 - the batch's articles are recorded as failed
                results = [ExtractionError(f"worker task failed: {type(exc).__name__}: {exc}")] * len(batch)
            submit()  # refill before the caller stores this batch
            yield batch, results
    finally:
        client.cancel(list(pending))


def extract_on_dask(articles: Iterable[Article], address: Union[str, Client],
                    batch_size: int = 8) -> Iterator[ArticleResult]:
    """Extract on the cluster at `address` ('tcp://host:port' or a Client), in input order;
    raises the first article's extraction error."""
    from .ingest_runner import ExtractionError

    client = client_for(address)
    _warm(client)
    items = list(articles)
    futures = [client.submit(_extract_batch, items[i:i + batch_size], pure=False)
               for i in range(0, len(items), batch_size)]
    try:
        for fut in futures:
            for result in fut.result():
                if isinstance(result, ExtractionError):
                    raise result
                yield result
    finally:
        client.cancel([f for f in futures if not f.done()])
