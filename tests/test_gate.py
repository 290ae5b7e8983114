"""The accuracy gate: floors from eval/floors.json against (synthetic) eval results."""
import json

import pytest
from typer.testing import CliRunner

from sitrep.errors import GateError
from sitrep.eval import gate

FLOORS = {"tolerance": 0.005, "suites": {
    "plover": {"min": {"accuracy": 0.77, "target_country_accuracy": 0.53}},
    "acled": {"tolerance": 0.002, "min": {"kenya.fatalities.exact": 0.834}, "max": {"kenya.fatalities.mae": 1.11}},
}}


def _results(**over):
    res = {"plover": {"accuracy": 0.7733, "target_country_accuracy": 0.5318, "seconds": 4.0},
           "acled": {"kenya": {"fatalities": {"exact": 0.834, "mae": 1.11}}},
           "geo": {"lgl": {"f1": 0.6}}}
    for path, value in over.items():
        suite, *keys = path.split("__")
        node = res[suite]
        for k in keys[:-1]:
            node = node[k]
        node[keys[-1]] = value
    return res


def test_current_results_pass():
    assert gate.check(_results(), FLOORS) == []


@pytest.mark.parametrize("path, value", [
    ("plover__accuracy", 0.7649),                 # below 0.77 - 0.005
    ("plover__target_country_accuracy", 0.52),
    ("acled__kenya__fatalities__exact", 0.831),   # suite tolerance 0.002 applies
    ("acled__kenya__fatalities__mae", 1.2),       # a ceiling: lower is better
])
def test_any_metric_past_its_bound_fails(path, value):
    failures = gate.check(_results(**{path: value}), FLOORS)
    assert len(failures) == 1
    assert failures[0].metric == path.split("__", 1)[1].replace("__", ".")
    assert str(value) in str(failures[0])


def test_within_tolerance_passes():
    assert gate.check(_results(plover__accuracy=0.7651, acled__kenya__fatalities__exact=0.8325), FLOORS) == []


def test_every_floor_of_every_suite_can_fail():
    """Each committed floor, pushed just past its tolerance, fails the gate."""
    floors = gate.load_floors()
    for suite, spec in floors["suites"].items():
        tol = gate.tolerance(floors, suite)
        for bound, metrics in spec.items():
            if bound not in gate.BOUNDS:
                continue
            for path, limit in metrics.items():
                result: dict = {}
                node = result
                *parents, last = path.split(".")
                for key in parents:
                    node = node.setdefault(key, {})
                node[last] = limit - tol - 0.001 if bound == "min" else limit + tol + 0.001
                failures = gate.check({suite: result}, {"suites": {suite: {bound: {path: limit}}}, "tolerance": tol})
                assert [f.metric for f in failures] == [path], (suite, path)


def test_errored_suite_and_missing_metric_fail():
    res = _results()
    res["plover"] = {"error": "FileNotFoundError: gold absent"}
    del res["acled"]["kenya"]["fatalities"]["mae"]
    reasons = [str(f) for f in gate.check(res, FLOORS)]
    assert any("plover.error: suite failed" in r for r in reasons)
    assert any("acled.kenya.fatalities.mae: missing" in r for r in reasons)


def test_suites_not_run_or_without_floors_are_not_failures():
    res = _results()
    del res["acled"]
    assert gate.check(res, FLOORS) == [] and gate.ungated(res, FLOORS) == ["geo"]


def test_floors_move_up_only_unless_allowed():
    res = _results(plover__accuracy=0.79, plover__target_country_accuracy=0.50, acled__kenya__fatalities__mae=1.0)
    raised, changes = gate.raise_floors(FLOORS, res)
    assert raised["suites"]["plover"]["min"] == {"accuracy": 0.79, "target_country_accuracy": 0.53}
    assert raised["suites"]["acled"]["max"]["kenya.fatalities.mae"] == 1.0
    assert len(changes) == 2 and FLOORS["suites"]["plover"]["min"]["accuracy"] == 0.77  # input untouched
    lowered, _ = gate.raise_floors(FLOORS, res, allow_lower=True)
    assert lowered["suites"]["plover"]["min"]["target_country_accuracy"] == 0.50


@pytest.mark.parametrize("text", ["{", "[]", '{"suites": {"plover": {"min": {"accuracy": "high"}}}}',
                                  '{"suites": {"plover": {"floor": {}}}}'])
def test_bad_floors_files_raise_coded_errors(tmp_path, text):
    path = tmp_path / "floors.json"
    path.write_text(text)
    with pytest.raises(GateError) as info:
        gate.load_floors(path)
    assert info.value.code == "E201" and str(path) in str(info.value)


def test_committed_floors_cover_the_current_suites():
    floors = gate.load_floors()
    assert {"acled", "acled_events", "plover", "timex", "geo"} <= set(floors["suites"])


@pytest.fixture
def fake_eval(tmp_path, monkeypatch):
    """The CLI's eval command on synthetic results (no data, no model)."""
    from sitrep.eval import runner
    (tmp_path / "eval").mkdir()
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps(FLOORS))
    state = {"results": _results()}
    monkeypatch.setattr(runner, "run_all", lambda *a, **k: json.loads(json.dumps(state["results"])))

    def invoke(*args):
        from sitrep.cli import app
        return CliRunner().invoke(app, ["eval", "--shared", str(tmp_path), "--out", str(tmp_path / "r.json"),
                                        "--floors", str(floors), *args])
    return invoke, state, floors


def test_cli_gate_exit_status(fake_eval):
    invoke, state, floors = fake_eval
    assert invoke("--gate").exit_code == 0
    assert invoke().exit_code == 0                       # without --gate eval never fails
    state["results"] = _results(plover__accuracy=0.70)
    result = invoke("--gate")
    assert result.exit_code == 1 and "plover.accuracy" in result.output
    assert invoke("--gate", "--limit", "10").exit_code == 2   # floors are full-dataset scores


def test_cli_update_floors_needs_allow_lower_to_lower(fake_eval):
    invoke, state, floors = fake_eval
    state["results"] = _results(plover__accuracy=0.70, plover__target_country_accuracy=0.60)
    assert invoke("--update-floors").exit_code == 0
    saved = json.loads(floors.read_text())["suites"]["plover"]["min"]
    assert saved == {"accuracy": 0.77, "target_country_accuracy": 0.60}
    assert invoke("--allow-lower").exit_code == 2
    assert invoke("--update-floors", "--allow-lower").exit_code == 0
    assert json.loads(floors.read_text())["suites"]["plover"]["min"]["accuracy"] == 0.70


def test_a_suite_that_errored_shows_its_error_in_the_table():
    from rich.console import Console

    from sitrep.eval.runner import print_table
    console = Console(record=True, width=200)
    long_error = "RulesError: [E001] Rules file sitrep/data/en/missing.tsv not found " + "x" * 60
    print_table(console, {"news": {"error": long_error, "seconds": 1.0}})
    assert "E001" in console.export_text()
