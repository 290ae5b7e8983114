"""Types and lint are part of the test suite: `python -m mypy src/sitrep` and `ruff check src`
must report nothing (configured in pyproject.toml). Skipped where the test extra is not installed."""
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900)


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy not installed (test extra)")
def test_mypy_finds_no_errors():
    done = _run(sys.executable, "-m", "mypy", "src/sitrep")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def _ruff() -> list[str]:
    if importlib.util.find_spec("ruff") is not None:
        return [sys.executable, "-m", "ruff"]
    exe = shutil.which("ruff")
    return [exe] if exe else []


@pytest.mark.skipif(not _ruff(), reason="ruff not installed (test extra)")
def test_ruff_finds_nothing():
    done = _run(*_ruff(), "check", "src")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
