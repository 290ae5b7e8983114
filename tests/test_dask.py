"""Scale-out on an in-process LocalCluster: same results as the local pipeline, one model load per worker."""
import datetime as dt
import os

import pytest

distributed = pytest.importorskip("distributed")

from sitrep import pipeline  # noqa: E402
from sitrep.distributed import WarmModel, close_clients, extract_on_dask, model_loads  # noqa: E402
from sitrep.ingest import article_from_text  # noqa: E402

TEXTS = [
    "Clashes in Gao\nMalian soldiers clashed with rebels near Gao on Monday, the army said. Five soldiers were killed.",
    "Talks in Doha\nDelegations are to meet in Doha on Friday, Qatar's foreign ministry said.",
    "Strike on Idlib\nAn air strike killed 7 civilians in Idlib on Sunday, according to rescuers.",
]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as c:
        with distributed.Client(c) as client:
            yield c, client
        close_clients()


def articles(n):
    return [article_from_text(TEXTS[i % len(TEXTS)], published=dt.date(2024, 3, 4)) for i in range(n)]


def test_model_loaded_once_per_worker(cluster):
    c, client = cluster
    assert all(info["loads"] == 0 for info in client.run(model_loads).values())   # fresh workers
    assert list(extract_on_dask([], client)) == []          # registers the warm-up plugin only
    warmed = client.run(model_loads)
    assert len(warmed) == 2 and all(info["loads"] == 1 for info in warmed.values())
    assert WarmModel.name in client.run(lambda dask_worker: list(dask_worker.plugins)).popitem()[1]
    results = list(extract_on_dask(articles(12), client, batch_size=1))   # 12 tasks over 2 workers
    assert len(results) == 12
    after = client.run(model_loads)
    assert after == warmed                                   # same processes, still one load each
    assert {info["pid"] for info in after.values()}.isdisjoint({os.getpid()})


def test_dask_results_equal_local(cluster):
    c, _client = cluster
    arts = articles(6)
    remote = list(extract_on_dask(arts, c.scheduler_address, batch_size=2))   # by address, as the CLI does
    again = list(extract_on_dask(arts[:1], c.scheduler_address))              # the Client is reused
    local = [pipeline.extract(a) for a in arts]
    assert [r.model_dump() for r in remote] == [r.model_dump() for r in local]
    assert again[0] == local[0]
