"""Reading the number of a count phrase: '14', '1,200', 'Twenty-four', 'twenty five',
'10 to 15', 'between 10 and 15'.

A hyphen or a space joins number words into one number ("Twenty-four" is 24, not a range
4-20); 'to', 'and' and a hyphen between digits ("10-15") separate the ends of a range.
"""
from __future__ import annotations

from typing import Optional, Sequence

from .. import rules
from .casualty_labels import CUES

RANGE_WORDS = CUES.range_word
SCALE = {w: int(v) for w, v in rules.mapping("number_words", "value", tag="scale").items()}


def token_value(text: str) -> Optional[int]:
    """One token's value; None for what is not a count (Unicode digits such as '²' included)."""
    text = text.replace(",", "")
    if text.isdigit():  # isdecimal, not isdigit: '²' is a digit but not a number int() reads
        return int(text) if text.isdecimal() and len(text) <= 9 else None
    return words_value(text)


def words_value(text: str) -> Optional[int]:
    try:
        from text_to_num import text2num
        value = int(text2num(text.lower(), "en"))
        return value if value < 10**9 else None  # larger is no casualty count (and no SQL INTEGER)
    except (ValueError, ImportError):
        return None


def _is_word_number(text: str) -> bool:
    return text.isalpha() and words_value(text) is not None


def _run_value(run: list[str]) -> Optional[int]:
    """Adjacent number tokens of one number: 'twenty five', 'one hundred', '1 200'."""
    if len(run) == 1:
        return token_value(run[0])
    if all(t.replace(",", "").isdecimal() for t in run):
        tail_ok = all(len(t) == 3 for t in run[1:])   # '1 200' is 1200; '3 4' is no number
        return token_value("".join(run)) if tail_ok else token_value(run[0])
    head = token_value(run[0])
    if head is not None and run[0].replace(",", "").replace(".", "").isdecimal() and all(t.lower() in SCALE for t in run[1:]):
        value = head
        for t in run[1:]:
            value *= SCALE[t.lower()]
        return value if value < 10**9 else None   # "7 million", "2 million"
    joined = words_value(" ".join(run))
    return joined if joined is not None else token_value(run[0])


def read_numbers(tokens: Sequence[str], like_num: Sequence[bool]) -> tuple[list[int], bool]:
    """The values in a number group (token texts in order, and which are number-like) and
    whether they form a range."""
    runs: list[list[str]] = [[]]
    separated = False
    for k, (text, num) in enumerate(zip(tokens, like_num)):
        if num:
            runs[-1].append(text)
            continue
        low = text.lower()
        if low == "-" and runs[-1] and k + 1 < len(tokens) and _is_word_number(runs[-1][-1]) \
                and _is_word_number(tokens[k + 1]):
            continue  # 'Twenty-four': one number
        if low in RANGE_WORDS and runs[-1]:
            runs.append([])
            separated = True
    values = [v for v in (_run_value(r) for r in runs if r) if v is not None]
    return values, separated and len(values) >= 2
