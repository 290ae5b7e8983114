"""Rules as data: word lists and small tables under data/<lang>/<name>.tsv.

File format (UTF-8, tab-separated):
  - lines starting with '#' and blank lines are comments;
  - the first other line is the header and names the columns; the first column is the key;
  - each entry is one line; trailing empty cells may be left out;
  - an optional `tags` column holds comma-separated uses, for lists whose consumers need
    different subsets of one list (one copy, the subsets named where they differ).

Each file is read and validated once (keys unique and non-empty, no more cells than columns,
no empty tags) and cached; asking for a column or tag it lacks raises a coded RulesError.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Optional

from .errors import RulesError

DEFAULT_LANG = "en"


@dataclass(frozen=True)
class Table:
    name: str
    path: str
    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]

    def column(self, column: str) -> str:
        if column not in self.columns:
            raise RulesError("E005", path=self.path, column=column, columns=", ".join(self.columns))
        return column

    def tagged(self, tag: Optional[str]) -> list[dict[str, str]]:
        """Rows carrying `tag` (all rows when tag is None)."""
        if tag is None:
            return list(self.rows)
        self.column("tags")
        rows = [r for r in self.rows if tag in _tags(r)]
        if not rows:
            used = sorted({t for r in self.rows for t in _tags(r)})
            raise RulesError("E006", path=self.path, tag=tag, tags=", ".join(used) or "none")
        return rows


def _tags(row: dict[str, str]) -> set[str]:
    return {t.strip() for t in row.get("tags", "").split(",") if t.strip()}


def parse(text: str, name: str, path: str) -> Table:
    """Parse and validate one rules file's text (kept separate from I/O for tests)."""
    columns: Optional[tuple[str, ...]] = None
    rows: list[dict[str, str]] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if columns is None:
            if any(not c for c in cells):
                raise RulesError("E003", path=path, problem="an empty column name")
            if len(set(cells)) != len(cells):
                raise RulesError("E003", path=path, problem="a column name used twice")
            columns = tuple(cells)
            continue
        key = cells[0]
        if not key:
            raise RulesError("E004", path=path, line=number, problem="empty entry")
        if len(cells) > len(columns):
            raise RulesError("E004", path=path, line=number,
                             problem=f"{len(cells)} cells but {len(columns)} columns ({', '.join(columns)})")
        if key in seen:
            raise RulesError("E004", path=path, line=number,
                             problem=f"duplicate entry '{key}' (first on line {seen[key]})")
        seen[key] = number
        row = dict(zip(columns, cells + [""] * (len(columns) - len(cells))))
        if "tags" in row and row["tags"] and any(not t.strip() for t in row["tags"].split(",")):
            raise RulesError("E004", path=path, line=number, problem="an empty tag")
        rows.append(row)
    if columns is None:
        raise RulesError("E002", path=path)
    return Table(name=name, path=path, columns=columns, rows=tuple(rows))


@functools.lru_cache(maxsize=None)
def table(name: str, lang: str = DEFAULT_LANG) -> Table:
    """The validated table data/<lang>/<name>.tsv (read once)."""
    ref = resources.files("sitrep.data").joinpath(lang).joinpath(f"{name}.tsv")
    path = f"sitrep/data/{lang}/{name}.tsv"
    if not ref.is_file():
        raise RulesError("E001", path=path, lang=lang, name=name)
    return parse(ref.read_text(encoding="utf-8"), name, path)


@functools.lru_cache(maxsize=None)
def words(name: str, tag: Optional[str] = None, lang: str = DEFAULT_LANG) -> frozenset[str]:
    """The keys of a table (only those carrying `tag` if given)."""
    t = table(name, lang)
    return frozenset(r[t.columns[0]] for r in t.tagged(tag))


def mapping(name: str, column: str, tag: Optional[str] = None, lang: str = DEFAULT_LANG) -> dict[str, str]:
    """key -> value of `column`, in file order (only rows carrying `tag` if given)."""
    t = table(name, lang)
    t.column(column)
    return {r[t.columns[0]]: r[column] for r in t.tagged(tag)}


def records(name: str, tag: Optional[str] = None, lang: str = DEFAULT_LANG) -> dict[str, dict[str, str]]:
    """key -> the whole row (all columns; empty cells are ''), in file order."""
    t = table(name, lang)
    return {r[t.columns[0]]: dict(r) for r in t.tagged(tag)}


def filled(name: str, columns: tuple[str, ...], tag: Optional[str] = None,
           lang: str = DEFAULT_LANG) -> dict[str, dict[str, str]]:
    """Like records(), but every row must have a value in each of `columns` (E007 otherwise)."""
    t = table(name, lang)
    for column in columns:
        t.column(column)
    rows = records(name, tag, lang)
    for key, row in rows.items():
        for column in columns:
            if not row[column]:
                raise RulesError("E007", path=t.path, key=key, problem=f"no value in column '{column}'")
    return rows


def pairs(name: str, columns: tuple[str, ...] = (), tag: Optional[str] = None,
          lang: str = DEFAULT_LANG) -> dict[tuple[str, str], dict[str, str]]:
    """Rows keyed by two words ("rule out", "take control") -> (first, second) -> row."""
    t = table(name, lang)
    out: dict[tuple[str, str], dict[str, str]] = {}
    for key, row in filled(name, columns, tag, lang).items():
        words = key.split()
        if len(words) != 2:
            raise RulesError("E007", path=t.path, key=key, problem=f"{len(words)} words, expected two")
        out[(words[0], words[1])] = row
    return out


def ordered(name: str, tag: Optional[str] = None, lang: str = DEFAULT_LANG) -> tuple[str, ...]:
    """The keys of a table in file order, for lists whose order is a preference."""
    t = table(name, lang)
    return tuple(r[t.columns[0]] for r in t.tagged(tag))


_PART = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_WORDS = re.compile(r"\{@([a-z][a-z0-9_]*)(?::([a-z][a-z0-9_]*))?\}")
_FLAGS = {"i": re.IGNORECASE}


@functools.lru_cache(maxsize=None)
def _pattern_table(name: str, lang: str) -> tuple[dict[str, str], dict[str, tuple[re.Pattern, str]]]:
    """Regex tables: columns name, flags, pattern, tags. A row tagged 'part' is a named piece the
    other rows use as {NAME} (regex quantifiers like {2,4} are digits, never names); parts may use
    earlier parts. {@table} or {@table:tag} stands for the words of another table (its keys, in file
    order, escaped, as one group), so a regex is built from the one copy of a word list.
    Every other row is compiled once; its flags are letters ('i' = IGNORECASE)."""
    t = table(name, lang)
    for column in ("flags", "pattern"):
        t.column(column)
    parts: dict[str, str] = {}
    compiled: dict[str, tuple[re.Pattern, str]] = {}

    def expand(key: str, pattern: str) -> str:
        def part(m: re.Match) -> str:
            if m[1] not in parts:
                raise RulesError("E008", path=t.path, key=key, problem=f"no part named {{{m[1]}}} before it")
            return parts[m[1]]
        def word_list(m: re.Match) -> str:
            try:
                keys = ordered(m[1], m[2], lang)
            except RulesError as exc:
                raise RulesError("E008", path=t.path, key=key, problem=f"{{@{m[0][2:-1]}}}: {exc}") from None
            return "(?:" + "|".join(re.escape(k) for k in keys) + ")"
        return _WORDS.sub(word_list, _PART.sub(part, pattern))

    for row in t.rows:
        key, pattern = row[t.columns[0]], row["pattern"]
        if not pattern:
            raise RulesError("E008", path=t.path, key=key, problem="an empty pattern")
        flags = 0
        for letter in row["flags"]:
            if letter not in _FLAGS:
                raise RulesError("E008", path=t.path, key=key, problem=f"unknown flag '{letter}' (known: i)")
            flags |= _FLAGS[letter]
        text = expand(key, pattern)
        try:
            regex = re.compile(text, flags)
        except re.error as exc:
            raise RulesError("E008", path=t.path, key=key, problem=f"not a valid regex: {exc}") from None
        if "part" in _tags(row):
            parts[key] = text
        else:
            compiled[key] = (regex, row.get("tags", ""))
    return parts, compiled


def pattern_parts(name: str, lang: str = DEFAULT_LANG) -> dict[str, str]:
    """The expanded text of a regex table's parts, for code that builds patterns from them."""
    return dict(_pattern_table(name, lang)[0])


def patterns(name: str, tag: Optional[str] = None, lang: str = DEFAULT_LANG) -> dict[str, re.Pattern]:
    """name -> compiled regex of a regex table (only rows carrying `tag` if given), in file order."""
    compiled = _pattern_table(name, lang)[1]
    if tag is None:
        return {k: rx for k, (rx, _) in compiled.items()}
    tagged = {k: (rx, {x.strip() for x in tags.split(",") if x.strip()}) for k, (rx, tags) in compiled.items()}
    out = {k: rx for k, (rx, tags) in tagged.items() if tag in tags}
    if not out:
        used = sorted({x for _, tags in tagged.values() for x in tags})
        raise RulesError("E006", path=table(name, lang).path, tag=tag, tags=", ".join(used) or "none")
    return out


class Tagged:
    """A table's tag subsets as attributes, so a module names its table once:
    CUES = rules.Tagged("event_cues"); CUES.seize_verb is words("event_cues", "seize_verb").
    An unknown tag raises the same coded RulesError (E006) as words() does."""

    def __init__(self, name: str, lang: str = DEFAULT_LANG) -> None:
        self._name = name
        self._lang = lang
        table(name, lang).column("tags")   # fail at import when the table has no tags at all

    def __getattr__(self, tag: str) -> frozenset[str]:
        if tag.startswith("_"):
            raise AttributeError(tag)
        return words(self._name, tag, self._lang)

    def ordered(self, tag: str) -> tuple[str, ...]:
        """The tag's keys in file order (for lists whose order is a preference)."""
        return ordered(self._name, tag, self._lang)
