import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from sitrep.cli import SAMPLES, app

runner = CliRunner()


def test_extract_json(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Army retakes Kidal\nMalian soldiers retook Kidal on Tuesday, the army said. "
                 "Nine soldiers were killed in the fighting.\nFollow us on Twitter")
    res = runner.invoke(app, ["extract", str(f), "--published", "2023-11-15", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["article"]["published"] == "2023-11-15"
    assert "Follow us" not in data["article"]["text"]
    assert any(c["low"] == 9 and c["outcome"] == "killed" for c in data["casualties"])


def test_extract_bad_file_names_it(tmp_path):
    f = tmp_path / "junk.txt"
    f.write_bytes(b"\x00\x01\x02binary")
    res = runner.invoke(app, ["extract", str(f)])
    assert res.exit_code == 2 and "junk.txt" in res.output and "binary" in res.output


def test_ingest_samples_records_failures_and_is_idempotent(tmp_path):
    db = f"sqlite:///{tmp_path / 's.db'}"
    first = runner.invoke(app, ["ingest", str(SAMPLES), "--db", db])
    assert first.exit_code == 0, first.output
    assert "stored 7 new" in first.output and "3 failed" in first.output
    again = runner.invoke(app, ["ingest", str(SAMPLES), "--db", db])
    assert "stored 0 new, 7 already done" in again.output
    failures = runner.invoke(app, ["failures", "--db", db]).output
    assert "empty.txt: empty file" in failures and "broken.jsonl#1" in failures
    listed = json.loads(runner.invoke(app, ["failures", "--db", db, "--json"]).output)
    assert {"source", "reason", "attempts"} <= set(listed[0]) and len(listed) == 3
    assert "casualty_count" in runner.invoke(app, ["contradictions", "--db", db]).output
    out = tmp_path / "events.csv"
    assert runner.invoke(app, ["export", "--db", db, "--format", "acled-csv", "--out", str(out)]).exit_code == 0
    assert out.read_text().startswith("event_id_cnty,")


def test_kill_9_during_ingest_loses_nothing(tmp_path):
    feed = tmp_path / "feed"
    feed.mkdir()
    for i in range(40):
        (feed / f"a{i:02d}.txt").write_text(
            f"Clash number {i}\nSoldiers clashed with rebels near Gao on Monday, the army said. "
            f"{i + 2} fighters were killed in clash number {i}.")
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "sitrep.cli", "ingest", str(feed), "--db", f"sqlite:///{db}", "--batch-size", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")})
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db) as conn:
                    stored = conn.execute("select count(*) from articles").fetchone()[0]
            except sqlite3.Error:
                continue
            if stored >= 4:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as conn:
        partial = conn.execute("select count(*) from articles").fetchone()[0]
        orphans = conn.execute("select count(*) from events where article_id not in (select id from articles)").fetchone()[0]
    assert 0 < partial < 40 and orphans == 0
    done = subprocess.run(cmd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")})
    assert done.returncode == 0, done.stderr
    assert f"{partial} already done" in done.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == 40
        assert conn.execute("select count(*) from sources where status='done'").fetchone()[0] == 40
