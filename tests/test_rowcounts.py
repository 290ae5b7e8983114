"""Unfiltered totals come from row counts the database keeps at write time (ledger/rowcounts.py)."""
import sqlite3

from sqlalchemy import func, select

from sitrep.ledger import rowcounts
from sitrep.ledger.store import Store
from test_incremental import corpus


def scanned(store):
    with store.engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in rowcounts.COUNTED}


def kept(store):
    with store.engine.connect() as conn:
        return {t.name: rowcounts.total(conn, t, {t.name}) for t in rowcounts.COUNTED}


def check_counts_follow_every_write(store):
    """Adds, a re-add, deletions (events, claims and ledger cascade) and a rebuild: the kept
    counts equal count(*) after each, and the reads' totals are those counts."""
    results = corpus(40)
    store.add_results(results[:30])
    assert kept(store) == scanned(store) and scanned(store)["ledger_events"] > 0
    store.add_result(results[0])   # idempotent: stored once, counted once
    for r in results[30:]:
        store.add_result(r)
    assert kept(store) == scanned(store)
    store.delete_articles([r.article.id for r in results[:5]])
    assert kept(store) == scanned(store)
    store.rebuild_ledger(batch_size=7)
    counts = scanned(store)
    assert kept(store) == counts
    stats = store.stats()
    assert {k: stats[k] for k in ("articles", "events", "casualties", "ledger_events")} == \
        {k: counts[k] for k in ("articles", "events", "casualties", "ledger_events")}
    assert store.ledger_page(limit=3)[1] == counts["ledger_events"]
    assert store.article_page(limit=3)[1] == counts["articles"]
    assert store.casualty_claims(limit=3)[1] == counts["casualties"]
    assert store.claim_series(limit=3, with_total=True)[1] == counts["claim_series"]
    assert store.contradictions(limit=3, with_total=True)[1] == counts["contradictions"]


def test_counts_follow_every_write_on_sqlite(tmp_path):
    check_counts_follow_every_write(Store(f"sqlite:///{tmp_path / 's.db'}"))


def test_an_older_store_is_counted_read_only_and_gains_the_counts_when_written(tmp_path):
    path = tmp_path / "old.db"
    Store(f"sqlite:///{path}").add_results(corpus(12))
    con = sqlite3.connect(path)   # the store as an earlier version left it: no row_counts, no triggers
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        con.execute(f"DROP TRIGGER {name}")
    con.execute("DROP TABLE row_counts")
    con.commit()
    con.close()
    before = path.read_bytes()
    ro = Store(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert ro.stats()["ledger_events"] == scanned(ro)["ledger_events"] > 0
    assert ro.ledger_page(limit=2)[1] == scanned(ro)["ledger_events"]
    assert path.read_bytes() == before   # the read-only open wrote nothing
    rw = Store(f"sqlite:///{path}")
    assert kept(rw) == scanned(rw)
    rw.add_results(corpus(20)[12:])
    assert kept(rw) == scanned(rw)


def test_a_merge_correction_is_left_out_of_the_unfiltered_total(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    store.add_results(corpus(20))
    page, total = store.ledger_page(limit=2)
    store.add_correction("merge", page[0].id, value=[page[1].id])
    assert store.ledger_page(limit=1000)[1] == total - 1 == len(store.ledger_page(limit=1000)[0])
