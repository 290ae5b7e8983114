"""Where the gazetteer cache lives: $SITREP_CACHE or ~/.cache/sitrep."""
from __future__ import annotations

import hashlib
import os
from importlib import resources
from pathlib import Path

GAZETTEER_VERSION = "2"   # bump when the build changes


def _curated_digest() -> str:
    """Editing the curated places table gives a new cache file (rebuilt on first use)."""
    data = resources.files("sitrep.data").joinpath("conflict_places.csv").read_bytes()
    return hashlib.sha1(data).hexdigest()[:8]


def cache_dir() -> Path:
    root = os.environ.get("SITREP_CACHE")
    return Path(root) if root else Path.home() / ".cache" / "sitrep"


def gazetteer_path() -> Path:
    return cache_dir() / f"gazetteer-{GAZETTEER_VERSION}-{_curated_digest()}.sqlite"
