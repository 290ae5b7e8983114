"""Name keys for gazetteer lookup: casefold, strip diacritics, transliteration variants.

`name_keys("Ağbənd")` -> {"agband", "agbend", "aghband", "aghbend"} so the
Azerbaijani/Turkish spelling, its ASCII fold and the common English
transliteration all meet on one key.
"""
from __future__ import annotations

import functools
import itertools
import re
import unicodedata

# letters NFKD does not decompose into base + mark
_FOLD = str.maketrans({
    "ə": "a", "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss",
    "æ": "ae", "œ": "oe", "ħ": "h", "ŀ": "l", "ʻ": "", "ʼ": "", "’": "", "'": "", "`": "",
    "‘": "", "-": " ", "‐": " ", "–": " ", ".": "", ",": " ",
})
# transliteration alternatives for letters that English spells differently
_VARIANTS = {"ə": ("a", "e"), "ğ": ("g", "gh"), "x": ("x", "kh"), "ş": ("s", "sh"),
             "ç": ("c", "ch"), "ü": ("u", "ue"), "ö": ("o", "oe"), "ä": ("a", "ae")}
_MAX_VARIANTS = 8
_NON_LATIN = re.compile(r"[^a-z0-9 ]")


@functools.lru_cache(maxsize=65536)
def norm(s: str) -> str:
    """Casefold, fold diacritics and punctuation, collapse spaces; drop a leading 'the'."""
    s = s.casefold().translate(_FOLD)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = " ".join(s.split())
    return s[4:] if s.startswith("the ") else s


def is_latin(key: str) -> bool:
    return bool(key) and not _NON_LATIN.search(key)


def name_keys(s: str) -> set[str]:
    """The normalised key plus transliteration variants (x->kh only for names with other Azeri letters)."""
    base = norm(s)
    low = s.casefold()
    special = [c for c in low if c in _VARIANTS and c != "x"]
    if not special:
        return {base} if base else set()
    # rebuild with each special letter taking each of its renderings
    slots = [_VARIANTS[c] if c in _VARIANTS else (c,) for c in low]
    keys = {base}
    for combo in itertools.islice(itertools.product(*slots), 64):
        k = norm("".join(combo))
        if k:
            keys.add(k)
        if len(keys) >= _MAX_VARIANTS:
            break
    return keys
