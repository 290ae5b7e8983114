"""Scale-out on a Dask cluster: batches of articles extracted on workers.

The spaCy model is loaded once per worker process: `sitrep.nlp.get_nlp` is
cached per process, and the `WarmModel` worker plugin loads it when a worker
joins, so no batch pays for it and every task reuses it.  Results come back
in input order.  Workers need sitrep installed (the same environment).
"""
from __future__ import annotations

import atexit
import os
from typing import Iterable, Iterator, Union

from distributed import Client
from distributed.diagnostics.plugin import WorkerPlugin

from .records import Article, ArticleResult

_clients: dict[str, Client] = {}


def _extract_batch(articles: list[Article]) -> list[ArticleResult]:
    from .pipeline import extract_many
    return list(extract_many(articles))


def model_loads() -> dict:
    """pid and number of model loads in this process: proves one load per worker."""
    from .nlp import get_nlp
    return {"pid": os.getpid(), "loads": get_nlp.cache_info().misses}


class WarmModel(WorkerPlugin):
    """Load the spaCy model when a worker starts (also on workers that join later)."""

    name = "sitrep-warm-model"
    idempotent = True  # registering again (every ingest batch) does not re-run setup

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


def extract_on_dask(articles: Iterable[Article], address: Union[str, Client],
                    batch_size: int = 8) -> Iterator[ArticleResult]:
    """Extract on the cluster at `address` ('tcp://host:port' or a Client), in input order."""
    client = client_for(address)
    client.register_plugin(WarmModel())
    items = list(articles)
    futures = [client.submit(_extract_batch, items[i:i + batch_size], pure=False)
               for i in range(0, len(items), batch_size)]
    try:
        for fut in futures:
            yield from fut.result()
    finally:
        client.cancel([f for f in futures if not f.done()])
