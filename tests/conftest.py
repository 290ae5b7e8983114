import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))
# FastAPI's TestClient sends "Host: testserver"; the API answers only allowed host names.
os.environ.setdefault("SITREP_ALLOWED_HOSTS", "testserver")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (research data, never copied into the repo); skip when absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture(scope="session")
def karabakh_text(shared_dir) -> str:
    p = shared_dir / "articles" / "karabakh-2020-10-22.txt"
    if not p.exists():
        pytest.skip("sample article absent")
    return p.read_text(encoding="utf-8")
