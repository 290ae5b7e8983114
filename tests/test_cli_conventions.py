"""CLI conventions, re-processing, deletion, corrections and near-duplicates across runs."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep import __version__
from sitrep.cli import DEFAULT_DB, app
from sitrep.ledger.store import Store

runner = CliRunner()
SRC = str(Path(__file__).parents[1] / "src")
BODY = ("Malian soldiers retook the town of Kidal on Monday after two days of fighting with rebels, the army "
        "said. Nine soldiers were killed in the fighting, a military source told reporters.")


def _invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def kidal(tmp_path):
    f = tmp_path / "kidal.txt"
    f.write_text(f"Army retakes Kidal\n{BODY}")
    return f


@pytest.fixture
def db(tmp_path, kidal):
    url = f"sqlite:///{tmp_path / 's.db'}"
    res = _invoke("ingest", kidal, "--db", url, "--published", "2023-11-14")
    assert res.exit_code == 0, res.output
    return url


def test_version():
    res = _invoke("--version")
    assert res.exit_code == 0 and res.output.strip() == f"sitrep {__version__}"


def test_demo_uses_the_default_store():
    from sitrep.cli import demo
    import inspect
    default = inspect.signature(demo).parameters["db"].default
    assert default.default is None and DEFAULT_DB == "sqlite:///sitrep.db"   # no separate demo store


@pytest.mark.parametrize("command", [["events"], ["claims"], ["contradictions"], ["failures"],
                                     ["export", "-f", "jsonl", "-o", "x.jsonl"], ["correct", "list"],
                                     ["delete", "abc", "--yes"]])
def test_read_commands_refuse_a_missing_store(tmp_path, command):
    missing = tmp_path / "typo.db"
    res = _invoke(*command, "--db", f"sqlite:///{missing}")
    assert res.exit_code == 2 and "no store at" in res.output
    assert not missing.exists()


def test_every_option_has_help_and_formats_are_listed():
    import typer.main
    group = typer.main.get_command(app)
    for name, cmd in group.commands.items():
        if name == "eval":   # its options belong to the eval work (--gate); checked there
            continue
        subs = cmd.commands.values() if hasattr(cmd, "commands") else [cmd]
        for sub in subs:
            for param in sub.params:
                if param.param_type_name == "option":
                    assert param.help, f"{name} {sub.name} {param.name} has no help"
    res = _invoke("export", "--help")
    assert "acled-csv" in res.output and "ucdp-csv" in res.output and "plover-jsonl" in res.output


def test_unknown_format_is_a_usage_error_not_a_traceback(db, tmp_path):
    res = _invoke("export", "--db", db, "--format", "xlsx", "--out", tmp_path / "x")
    assert res.exit_code == 2 and "xlsx" in res.output and "Traceback" not in res.output


def test_unexpected_errors_have_no_traceback(tmp_path):
    bad = tmp_path / "not-a-db.db"
    bad.write_text("this is not sqlite")
    proc = subprocess.run([sys.executable, "-m", "sitrep.cli", "events", "--db", f"sqlite:///{bad}"],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": SRC}, timeout=120)
    assert proc.returncode == 1 and "error:" in proc.stderr and "Traceback" not in proc.stderr


def test_filters_and_limit(db):
    res = _invoke("events", "--db", db, "--json", "--limit", "1")
    assert res.exit_code == 0 and len(json.loads(res.output)) == 1
    everything = json.loads(_invoke("events", "--db", db, "--json").output)
    assert len(everything) > 1
    by_claimant = json.loads(_invoke("events", "--db", db, "--json", "--claimant", "army").output)
    assert by_claimant and all(any("army" in (s["claimant"] or "").lower() for s in e["sources"])
                               for e in by_claimant)
    assert _invoke("claims", "--db", db, "--side", "MLI").exit_code == 0
    assert _invoke("claims", "--db", db, "--outcome", "exploded").exit_code == 2
    assert _invoke("contradictions", "--db", db, "--kind", "event_status").exit_code == 0


def test_undated_warning_and_reprocess_with_a_date(tmp_path, kidal):
    url = f"sqlite:///{tmp_path / 'u.db'}"
    first = _invoke("ingest", kidal, "--db", url)
    assert "without a publication date" in first.output and "--reprocess" in first.output
    store = Store(url)
    assert store.articles()[0].published is None
    assert not any(d.date for d in store.article(store.articles()[0].id).dates)  # "Monday" of what week?
    dated = _invoke("ingest", kidal, "--db", url, "--published", "2023-11-14")
    assert "not re-processed" in dated.output and "published None -> 2023-11-14" in dated.output
    res = _invoke("ingest", kidal, "--db", url, "--published", "2023-11-14", "--reprocess")
    assert res.exit_code == 0 and "1 re-processed" in res.output
    [art] = Store(url).articles()
    assert str(art.published) == "2023-11-14"
    # re-extracted: "on Monday" resolves against the publication date now
    assert [str(d.date) for d in Store(url).article(art.id).dates if d.date] == ["2023-11-13"]


def test_delete(db, kidal):
    store = Store(db)
    [art] = store.articles()
    assert _invoke("delete", "deadbeefdeadbeef", "--db", db, "--yes").exit_code == 2
    res = _invoke("delete", art.id[:12], "--db", db, "--yes")
    assert res.exit_code == 0 and "deleted 1" in res.output
    assert Store(db).articles() == [] and Store(db).ledger_events() == []
    again = _invoke("ingest", kidal, "--db", db)       # its source is no longer done
    assert "stored 1 new" in again.output


def test_correct_field_merge_split_and_audit(db, tmp_path):
    events = Store(db).ledger_events()
    target = next(e for e in events if e.type in ("SEIZE", "FIGHT", "ASSAULT"))
    res = _invoke("correct", "field", target.id, "fatalities", "12", "--db", db, "--analyst", "ana",
                  "--note", "hospital figures")
    assert res.exit_code == 0, res.output
    fixed = Store(db).ledger_event(target.id)
    assert fixed.fatalities == 12 and fixed.corrections == [1]
    assert _invoke("correct", "field", target.id, "date", "yesterday", "--db", db).exit_code == 2
    assert _invoke("correct", "field", "nosuchevent", "fatalities", "3", "--db", db).exit_code == 2

    other = next(e for e in events if e.id != target.id)
    assert _invoke("correct", "merge", target.id, other.id, "--db", db).exit_code == 0
    merged = Store(db).ledger_events()
    assert len(merged) == len(events) - 1 and Store(db).ledger_event(other.id) is None
    both = Store(db).ledger_event(target.id)
    assert len(both.sources) == len(target.sources) + len(other.sources)

    moved = f"{other.sources[0].article_id}:{other.sources[0].event_index}"
    assert _invoke("correct", "split", target.id, moved, "--db", db).exit_code == 0
    after = Store(db).ledger_events()
    assert len(after) == len(events)
    split_off = next(e for e in after if e.id not in {x.id for x in events})
    assert [f"{s.article_id}:{s.event_index}" for s in split_off.sources] == [moved]

    audit = json.loads(_invoke("correct", "list", "--db", db, "--json").output)
    assert [c["action"] for c in audit] == ["field", "merge", "split"]
    assert audit[0]["analyst"] == "ana" and audit[0]["note"] == "hospital figures" and audit[0]["value"] == 12


def test_corrections_are_read_only_in_the_api(db):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient
    from sitrep.api import create_app
    event = Store(db).ledger_events()[0]
    Store(db).add_correction("field", event.id, field="status", value="denied", analyst="ana")
    client = TestClient(create_app(db))
    [c] = client.get("/api/corrections").json()
    assert c["event_id"] == event.id and c["value"] == "denied"
    assert client.get(f"/api/events/{event.id}").json()["status"] == "denied"
    assert client.post("/api/corrections", json={}).status_code == 405
    Store(db).add_correction("field", event.id, field="fatalities", value=7)   # while the server runs
    assert client.get(f"/api/events/{event.id}").json()["fatalities"] == 7
    assert len(client.get("/api/corrections").json()) == 2


def test_wire_copy_in_a_later_run_is_not_an_independent_source(tmp_path):
    url = f"sqlite:///{tmp_path / 'd.db'}"
    a = tmp_path / "wire.txt"
    a.write_text(f"Outlet: Wire\nArmy retakes Kidal\n{BODY} The rebels have not commented.")
    b = tmp_path / "copy.txt"   # the same wire story, reprinted later with a new last line
    b.write_text(f"Outlet: Daily Paper\nArmy retakes Kidal\n{BODY} The rebels have not yet commented.")
    c = tmp_path / "own.txt"    # an outlet's own report of the same event
    c.write_text("Outlet: Sahel Radio\nKidal back in army hands\nThe army took back Kidal on Monday after "
                 "fighting rebels for two days, a military official said. Nine soldiers died, he added.")
    assert "stored 1 new" in _invoke("ingest", a, "--db", url, "--published", "2023-11-14").output
    later = _invoke("ingest", b, c, "--db", url, "--published", "2023-11-14")
    assert "near-duplicate" in later.output and "copy.txt" in later.output
    store = Store(url)
    from sqlalchemy import func, select
    from sitrep.ledger.schema import minhash_signatures
    with store.engine.connect() as conn:   # kept in the store, not recomputed per run
        assert conn.execute(select(func.count()).select_from(minhash_signatures)).scalar_one() == 3
    seize = [e for e in store.ledger_events() if len({s.article_id for s in e.sources}) == 3]
    assert seize, "the three reports should merge into one event"
    assert all(e.independent_sources == 2 for e in seize)


def test_progress_on_reading_and_on_the_gazetteer_build(kidal, tmp_path, monkeypatch):
    res = _invoke("ingest", kidal, "--db", f"sqlite:///{tmp_path / 'p.db'}")
    assert "ingesting" in res.output            # rich progress on stderr
    import sitrep.geo.build as geo_build
    steps = []

    def fake_build(out=None, step=None):        # the real build takes minutes; its stages call step()
        for name in ("countries", "admin1 regions", "GeoNames cities", "towns", "curated", "writing"):
            step(name)
            steps.append(name)
        path = tmp_path / "g.sqlite"
        path.write_bytes(b"x")
        return path
    monkeypatch.setattr(geo_build, "build", fake_build)
    res = _invoke("build-gazetteer")
    assert res.exit_code == 0, res.output
    assert len(steps) == geo_build.BUILD_STEPS and "gazetteer" in res.output and "g.sqlite" in res.output


def test_gazetteer_build_reports_each_stage():
    import inspect
    import sitrep.geo.build as geo_build
    source = inspect.getsource(geo_build.build)
    assert source.count("    step(\"") == geo_build.BUILD_STEPS   # the bar's total matches its stages


def test_delete_by_folder_matches_only_that_folder(tmp_path):
    url = f"sqlite:///{tmp_path / 'f.db'}"
    for folder in ("a_b", "axb"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "k.txt").write_text(f"Army retakes Kidal in {folder}\n{BODY} ({folder})")
    assert "stored 2 new" in _invoke("ingest", tmp_path / "a_b", tmp_path / "axb", "--db", url).output
    res = _invoke("delete", tmp_path / "a_b", "--db", url, "--yes")
    assert "deleted 1" in res.output
    [left] = Store(url).articles()
    assert "axb" in left.source_path
