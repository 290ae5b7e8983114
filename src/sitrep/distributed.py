"""Scale-out on a Dask cluster: batches of articles extracted on workers.

The spaCy model is loaded once per worker process: `sitrep.nlp.get_nlp` is
cached per process, and a worker plugin warms it when the worker joins so the
first batch does not pay for it.  Results come back in input order.
"""
from __future__ import annotations

import os
from typing import Iterable, Iterator

from .records import Article, ArticleResult


def _extract_batch(articles: list[Article]) -> list[ArticleResult]:
    from .pipeline import extract_many
    return list(extract_many(articles))


def model_loads() -> dict:
    """(pid, number of model loads in this process) -- proves one load per worker."""
    from .nlp import get_nlp
    return {"pid": os.getpid(), "loads": get_nlp.cache_info().misses}


class WarmModel:
    """Dask worker plugin: load the model when a worker starts."""

    name = "sitrep-warm-model"

    def setup(self, worker=None):
        from .nlp import get_nlp
        get_nlp()


def client_for(address):
    from distributed import Client
    return address if not isinstance(address, str) else Client(address)


def extract_on_dask(articles: Iterable[Article], address, batch_size: int = 8) -> Iterator[ArticleResult]:
    """Extract on the cluster at `address` ('tcp://host:port' or a Client)."""
    client = client_for(address)
    own_client = isinstance(address, str)
    try:
        try:
            client.register_plugin(WarmModel(), name=WarmModel.name)
        except Exception:  # noqa: BLE001 - older distributed: the first batch loads the model instead
            pass
        items = list(articles)
        futures = [client.submit(_extract_batch, items[i:i + batch_size], pure=False)
                   for i in range(0, len(items), batch_size)]
        for fut in futures:
            yield from fut.result()
    finally:
        if own_client:
            client.close()
