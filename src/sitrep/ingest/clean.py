"""Text normalisation and boilerplate removal; language check."""
from __future__ import annotations

import hashlib
import re
from typing import Optional

BOILERPLATE = re.compile(
    r"""^(?:
        (?:read|see)\s+(?:more|also)\b | also\s+read\b | related\s*(?:stories|articles|coverage)?\s*: |
        more\s*: | recommended\s*: | follow\s+us\b | subscribe\b | sign\s+up\b | click\s+here\b |
        share\s+(?:this|on)\b | (?:share|tweet|email|print)\s*$ | advertisement\s*$ | ad\s*$ |
        image\s+caption\b | (?:photo|image|picture)\s*(?:credit)?\s*: | getty\s+images\s*$ |
        copyright\b | ©.* | all\s+rights\s+reserved | \(?reporting\s+by\b.*\)?\s*$ |
        (?:editing|writing|additional\s+reporting)\s+by\b | listen\s+to\s+this\s+article |
        download\s+(?:our|the)\s+app | join\s+our\s+(?:telegram|whatsapp|newsletter) |
        this\s+story\s+has\s+been\s+(?:updated|corrected)\s*\.?\s*$
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Control characters (NUL included: PostgreSQL rejects it), lone surrogates (not encodable) and
# non-characters are dropped; the other line separators Unicode knows become newlines.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_BREAKS = re.compile("[\x0b\x0c\x1c-\x1f\x85\u2028\u2029]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

# Frequent English function words: a cheap language check that needs no model.
_EN = set("""the a an of to in and or for on at by with from that this is are was were be been has have
had it its as not but he she they we you his her their our will would said says after over into than
who which when while about more also there after before during against""".split())


def normalise_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    text = _BREAKS.sub("\n", _CONTROL.sub("", text))
    return [_SPACES.sub(" ", line).strip() for line in text.split("\n")]


def clean_field(value: Optional[str], limit: int) -> Optional[str]:
    """A one-line metadata value (outlet, URL): no control characters, at most `limit` characters."""
    if value is None:
        return None
    value = " ".join(normalise_lines(value)).strip()[:limit].strip()
    return value or None


def clean(text: str) -> tuple[str, list[str]]:
    """Cleaned text (one paragraph per line, no blank lines) and the dropped boilerplate lines."""
    kept: list[str] = []
    removed: list[str] = []
    for line in normalise_lines(text):
        if not line:
            continue
        (removed if BOILERPLATE.match(line) else kept).append(line)
    return "\n".join(kept), removed


def text_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def english_ratio(text: str) -> float:
    words = re.findall(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff\u0600-\u06ff]+", text.lower())
    return sum(w in _EN for w in words) / len(words) if words else 0.0


def looks_english(text: str) -> bool:
    """False for clearly non-English text; short snippets get the benefit of the doubt."""
    words = text.split()
    if len(words) < 15:
        return True
    return english_ratio(text) >= 0.12
