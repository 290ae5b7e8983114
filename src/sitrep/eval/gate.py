"""The accuracy gate: eval results against committed floors (eval/floors.json).

floors.json holds, per suite, the scores the code has reached:
  {"tolerance": 0.005,
   "suites": {"plover": {"tolerance": 0.004,          # optional, per suite
                         "min": {"accuracy": 0.7733},  # higher is better: fail below floor - tolerance
                         "max": {"kenya.fatalities.mae": 1.11}}}}  # lower is better
Metric paths are dotted keys into a suite's result dict. A metric that is missing, not a
number, or a suite that errored fails the gate. Floors move up with `raise_floors`; moving
one down needs allow_lower=True (`sitrep eval --update-floors --allow-lower`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from ..errors import GateError

FLOORS_PATH = Path(__file__).with_name("floors.json")
DEFAULT_TOLERANCE = 0.005
BOUNDS = ("min", "max")


@dataclass(frozen=True)
class Failure:
    suite: str
    metric: str
    value: Optional[float]
    bound: Optional[float]
    reason: str

    def __str__(self) -> str:
        return f"{self.suite}.{self.metric}: {self.reason}"


def load_floors(path: Path = FLOORS_PATH) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GateError("E201", path=path, problem="file not found") from None
    except json.JSONDecodeError as exc:
        raise GateError("E201", path=path, problem=f"not JSON ({exc})") from None
    validate(data, path)
    return data


def validate(data: Any, path: Path | str = "floors") -> None:
    def bad(problem: str) -> GateError:
        return GateError("E201", path=path, problem=problem)
    if not isinstance(data, dict) or not isinstance(data.get("suites"), dict):
        raise bad("expected an object with a 'suites' object")
    if not _is_number(data.get("tolerance", DEFAULT_TOLERANCE)):
        raise bad("'tolerance' must be a number")
    for suite, spec in data["suites"].items():
        if not isinstance(spec, dict) or set(spec) - {"tolerance", *BOUNDS}:
            raise bad(f"suite '{suite}' may hold only 'tolerance', 'min' and 'max'")
        if not _is_number(spec.get("tolerance", 0)):
            raise bad(f"suite '{suite}': 'tolerance' must be a number")
        for bound in BOUNDS:
            for metric, value in spec.get(bound, {}).items():
                if not _is_number(value):
                    raise bad(f"{suite}.{metric}: {bound} must be a number, got {value!r}")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def metric(result: dict, path: str) -> Any:
    node: Any = result
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def tolerance(floors: dict, suite: str) -> float:
    return float(floors["suites"][suite].get("tolerance", floors.get("tolerance", DEFAULT_TOLERANCE)))


def check(results: dict, floors: dict) -> list[Failure]:
    """Every floor/ceiling broken by `results`, for the suites that ran and have floors."""
    failures = []
    for suite, result in results.items():
        spec = floors["suites"].get(suite)
        if spec is None:
            continue
        if "error" in result:
            failures.append(Failure(suite, "error", None, None, f"suite failed: {result['error']}"))
            continue
        tol = tolerance(floors, suite)
        for bound in BOUNDS:
            for path, limit in spec.get(bound, {}).items():
                value = metric(result, path)
                if not _is_number(value):
                    failures.append(Failure(suite, path, None, limit, f"missing (expected a number, got {value!r})"))
                elif bound == "min" and value < limit - tol:
                    failures.append(Failure(suite, path, value, limit,
                                            f"{value} is below its floor {limit} (tolerance {tol})"))
                elif bound == "max" and value > limit + tol:
                    failures.append(Failure(suite, path, value, limit,
                                            f"{value} is above its ceiling {limit} (tolerance {tol})"))
    return failures


def ungated(results: dict, floors: dict) -> list[str]:
    """Suites that ran but have no floors yet."""
    return [s for s in results if s not in floors["suites"]]


def raise_floors(floors: dict, results: dict, allow_lower: bool = False) -> tuple[dict, list[str]]:
    """New floors with each existing metric moved to its current value where that is better
    (or wherever it differs, with allow_lower); returns (floors, changes). Suites that errored
    and metrics that are missing are left as they are."""
    out = json.loads(json.dumps(floors))
    changes = []
    for suite, result in results.items():
        spec = out["suites"].get(suite)
        if spec is None or "error" in result:
            continue
        for bound in BOUNDS:
            for path, limit in spec.get(bound, {}).items():
                value = metric(result, path)
                if not _is_number(value) or value == limit:
                    continue
                better = value > limit if bound == "min" else value < limit
                if better or allow_lower:
                    spec[bound][path] = value
                    changes.append(f"{suite}.{path}: {limit} -> {value}")
    return out, changes


def save_floors(floors: dict, path: Path = FLOORS_PATH) -> None:
    validate(floors, path)
    Path(path).write_text(json.dumps(floors, indent=2) + "\n", encoding="utf-8")


def enforce(results: dict, console, floors_path: Optional[Path] = None, gate: bool = True,
            update: bool = False, allow_lower: bool = False, limited: bool = False) -> int:
    """The CLI's gate step: report, optionally move floors, and return the exit status."""
    path = Path(floors_path) if floors_path else FLOORS_PATH
    if limited:
        console.print("[red]gate: floors hold full-dataset scores; run without --limit[/]")
        return 2
    if allow_lower and not update:
        console.print("[red]gate: --allow-lower only goes with --update-floors[/]")
        return 2
    floors = load_floors(path)
    if update:
        floors, changes = raise_floors(floors, results, allow_lower=allow_lower)
        save_floors(floors, path)
        for change in changes:
            console.print(f"gate: floor {change}")
        console.print(f"gate: {len(changes)} floor(s) moved in {path}")
    status = 0
    if gate:
        failures = check(results, floors)
        for name in ungated(results, floors):
            console.print(f"[yellow]gate: suite {name} has no floors in {path.name}[/]")
        for failure in failures:
            console.print(f"[red]gate FAIL[/] {failure}")
        gated = [s for s in results if s in floors["suites"]]
        if failures:
            console.print(f"[red]gate: {len(failures)} metric(s) below their floors[/]")
            status = 1
        else:
            console.print(f"[green]gate: passed[/] ({', '.join(gated) or 'no gated suites ran'})")
    return status
