import datetime as dt

import pytest

distributed = pytest.importorskip("distributed")

from sitrep import pipeline  # noqa: E402
from sitrep.distributed import extract_on_dask, model_loads  # noqa: E402
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


def test_dask_results_equal_local(cluster):
    c, _client = cluster
    arts = [article_from_text(t, published=dt.date(2024, 3, 4)) for t in TEXTS * 2]
    remote = list(extract_on_dask(arts, c.scheduler_address, batch_size=2))
    local = [pipeline.extract(a) for a in arts]
    assert [r.model_dump() for r in remote] == [r.model_dump() for r in local]


def test_model_loaded_once_per_worker(cluster):
    c, client = cluster
    arts = [article_from_text(t, published=dt.date(2024, 3, 4)) for t in TEXTS * 4]
    list(extract_on_dask(arts, client, batch_size=1))
    per_worker = client.run(model_loads)
    assert len(per_worker) == 2
    assert all(info["loads"] == 1 for info in per_worker.values())
