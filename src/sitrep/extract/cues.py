"""Speech cues as data: data/en/speech_cues.tsv (lemma, inflected forms, uses)."""
from __future__ import annotations

import functools
from importlib import resources


@functools.lru_cache(maxsize=1)
def _rows() -> tuple[dict[str, str], ...]:
    text = resources.files("sitrep.data").joinpath("en", "speech_cues.tsv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    header = lines[0].split("\t")
    return tuple(dict(zip(header, ln.split("\t"))) for ln in lines[1:])


@functools.lru_cache(maxsize=None)
def speech_cues(tag: str) -> frozenset[str]:
    """Lemmas carrying a use tag: 'direct' or 'indirect'."""
    return frozenset(r["word"] for r in _rows() if tag in r.get("tags", "").split(","))


@functools.lru_cache(maxsize=1)
def speech_cue_forms() -> frozenset[str]:
    """Every listed form (lemmas and inflections), lower case."""
    return frozenset({r["word"] for r in _rows()} | {f for r in _rows() for f in r.get("forms", "").split(",") if f})
