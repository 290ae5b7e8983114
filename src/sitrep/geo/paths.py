"""Where the gazetteer cache lives: $SITREP_CACHE or ~/.cache/sitrep."""
from __future__ import annotations

import os
from pathlib import Path

GAZETTEER_VERSION = "1"


def cache_dir() -> Path:
    root = os.environ.get("SITREP_CACHE")
    return Path(root) if root else Path.home() / ".cache" / "sitrep"


def gazetteer_path() -> Path:
    return cache_dir() / f"gazetteer-{GAZETTEER_VERSION}.sqlite"
