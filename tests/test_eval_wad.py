"""The WAD suite: deterministic halves, scoring, and a small run on the real file."""
from sitrep.eval import wad


def test_halves_are_deterministic_and_balanced():
    ids = [str(i) for i in range(2000)]
    assert [wad.half(i) for i in ids] == [wad.half(i) for i in ids]
    tune = sum(wad.half(i) == "tune" for i in ids)
    assert 900 < tune < 1100


def test_score_exact_and_mae_skip_missing_injuries():
    items = [{"row": "1", "half": "tune", "not_read": False, "gold_deaths": 3, "pred_deaths": 3,
              "gold_injured": None, "pred_injured": 5},
             {"row": "2", "half": "tune", "not_read": False, "gold_deaths": 0, "pred_deaths": 2,
              "gold_injured": 4, "pred_injured": 4}]
    s = wad.score(items)["tune"]
    assert s["deaths"] == {"n": 2, "exact": 0.5, "mae": 1}
    assert s["injured"] == {"n": 1, "exact": 1.0, "mae": 0}
    assert wad.score(items)["report"]["deaths"]["exact"] is None


def test_run_on_a_sample(shared_dir):
    res = wad.run(shared_dir, limit=12)
    assert res["all"]["n"] == 12
    assert 0 <= res["all"]["deaths"]["exact"] <= 1
    assert res["tune"]["n"] + res["report"]["n"] == 12
