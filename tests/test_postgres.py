"""The same store on PostgreSQL: a throwaway cluster started with initdb/pg_ctl as the postgres user."""
import datetime as dt
import glob
import os
import shutil
import socket
import subprocess
import tempfile

import pytest

pytest.importorskip("psycopg")

from builders import claimant, result  # noqa: E402
from sitrep.ledger.store import Store  # noqa: E402


def _bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def pg_url():
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not initdb or not pg_ctl or not shutil.which("runuser"):
        pytest.skip("PostgreSQL server binaries (initdb/pg_ctl) or runuser not available")
    try:
        subprocess.run(["id", "postgres"], check=True, capture_output=True)
    except subprocess.CalledProcessError:
        pytest.skip("no postgres system user")
    root = tempfile.mkdtemp(prefix="sitrep-pg-")
    os.chmod(root, 0o777)
    data, sock = os.path.join(root, "data"), os.path.join(root, "sock")
    os.makedirs(sock)
    shutil.chown(root, "postgres")
    shutil.chown(sock, "postgres")
    as_pg = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    try:
        subprocess.run(as_pg + [initdb, "-D", data, "-A", "trust", "-U", "postgres", "--no-sync"],
                       check=True, capture_output=True)
        subprocess.run(as_pg + [pg_ctl, "-D", data, "-w", "-l", os.path.join(root, "log"), "-o",
                                f"-p {port} -k {sock} -c listen_addresses='' -c fsync=off", "start"],
                       check=True, capture_output=True)
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"could not start a PostgreSQL cluster: {exc.stderr.decode(errors='replace')[-300:]}")
    try:
        subprocess.run(as_pg + [_bin("createdb") or "createdb", "-h", sock, "-p", str(port), "sitrep"],
                       check=True, capture_output=True)
        yield f"postgresql+psycopg://postgres@/sitrep?host={sock}&port={port}"
    finally:
        subprocess.run(as_pg + [pg_ctl, "-D", data, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


MON, TUE = dt.date(2024, 3, 4), dt.date(2024, 3, 5)


def attack(outlet, n, who):
    text = f"Attack on Arbinda\nGunmen attacked Arbinda on Monday and killed {n} civilians, {who} said."
    return result(text, outlet, TUE, day=MON, count=n, count_part=f"{n} civilians", who=claimant(who, "BFA"),
                  place_args=(text, "Arbinda", "Arbinda", 14.23, -0.87))


def test_store_on_postgres(pg_url):
    store = Store(pg_url)
    results = [attack("Wire A", 14, "a regional official"), attack("Wire B", 19, "residents")]
    assert store.add_result(results[0], source="a.txt") is True
    assert store.add_result(results[0], source="a.txt") is False      # idempotent
    assert store.add_result(results[1], source="b.txt") is True
    assert store.source_done("a.txt") and not store.source_done("c.txt")
    store.record_failure("bad.bin", "binary file, not text")
    assert [f.source for f in store.failures()] == ["bad.bin"]
    assert store.article(results[1].article.id) == results[1]
    [event] = store.ledger_events()
    assert len(event.sources) == 2 and event.fatalities == 14          # both outlets, one event
    [c] = store.contradictions()                                       # 14 vs 19 killed
    assert c.kind == "casualty_count"
    assert store.stats()["casualties"] == 2


def test_api_on_postgres(pg_url):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient
    from sitrep.api import create_app
    store = Store(pg_url)
    store.add_result(attack("Wire A", 14, "a regional official"), source="a.txt")   # no-op after the test above
    store.add_result(attack("Wire C", 21, "the army"), source="c.txt")
    with TestClient(create_app(pg_url)) as client:
        assert client.get("/healthz").json()["database"] == "postgresql"
        [event] = client.get("/api/events", params={"place": "arbinda"}).json()
        assert {s["outlet"] for s in event["sources"]} >= {"Wire A", "Wire C"}
        assert sorted(c["high"] for c in client.get("/api/claims").json()["claims"])[-1] == 21
        before = client.get("/api/stats").json()["articles"]
        Store(pg_url).add_result(attack("Wire D", 25, "residents"), source="d.txt")   # another writer
        assert client.get("/api/stats").json()["articles"] == before + 1


def test_any_arrival_order_gives_the_batch_ledger_on_postgres(pg_url):
    import random

    from sqlalchemy import create_engine, text
    from test_incremental import _batch, _claims, _ledger, corpus
    results = corpus(n=40, seed=5)
    seen = None
    for seed in range(2):
        name = f"perm{seed}"
        admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}"))
        admin.dispose()
        store = Store(pg_url.replace("/sitrep?", f"/{name}?"))
        order = results[:]
        random.Random(seed).shuffle(order)
        for r in order:
            store.add_result(r)
        assert _ledger(store) == _batch(results)
        got = _claims(store)
        assert seen is None or got == seen
        seen = got
        store.engine.dispose()


def test_exports_stream_on_postgres(pg_url, tmp_path, monkeypatch):
    """Exports page through the store (a server-side cursor for the ledger events) on PostgreSQL
    too, and write what the in-memory export of the same results writes."""
    import csv

    import sitrep.exports as exports
    from sitrep.exports import export
    store = Store(pg_url)
    monkeypatch.setattr(exports, "PAGE", 1)
    results = list(store.iter_results(batch=1))
    assert len(results) == store.stats()["articles"] >= 2
    for fmt in ("acled-csv", "ucdp-csv", "jsonl", "plover-jsonl", "geojson"):
        assert export(store, fmt, tmp_path / f"pg.{fmt}") == export(results, fmt, tmp_path / f"mem.{fmt}")
    drop = lambda p: [{k: v for k, v in r.items() if k != "timestamp"} for r in csv.DictReader(p.open())]
    assert drop(tmp_path / "pg.acled-csv") == drop(tmp_path / "mem.acled-csv")


def test_row_counts_follow_every_write_on_postgres(pg_url):
    """The statement-level triggers keep each counted table's total exact (test_rowcounts.py)."""
    from sqlalchemy import create_engine, text
    from test_rowcounts import check_counts_follow_every_write
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE counted"))
    admin.dispose()
    store = Store(pg_url.replace("/sitrep?", "/counted?"))
    check_counts_follow_every_write(store)
    again = Store(store.url)   # a second open of a counted store installs nothing more
    assert again.stats() == store.stats()
    store.engine.dispose()
    again.engine.dispose()
