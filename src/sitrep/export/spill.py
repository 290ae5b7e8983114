"""Rows and seen-sets of an export kept on disk, so that its memory is one page of events
whatever the size of the store: a temporary SQLite file (deleted on close) sorts the rows
(its sorter spills to disk too) and answers `in` for the sets."""
from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path
from typing import Iterator


class DiskSet:
    """`x in s` and s.add(x) for strings or tuples of str/int, one indexed table."""

    def __init__(self, db: sqlite3.Connection, name: str):
        self.db, self.name = db, name
        db.execute(f"CREATE TABLE {name} (k TEXT PRIMARY KEY) WITHOUT ROWID")

    @staticmethod
    def _key(x) -> str:
        return json.dumps(list(x) if isinstance(x, tuple) else x)

    def __contains__(self, x) -> bool:
        return self.db.execute(f"SELECT 1 FROM {self.name} WHERE k = ?", (self._key(x),)).fetchone() is not None

    def add(self, x) -> None:
        self.db.execute(f"INSERT OR IGNORE INTO {self.name} VALUES (?)", (self._key(x),))


class Spill:
    """Rows added with a sort key (a tuple of str/int/float), read back in key order (ties in the
    order they were added)."""

    def __init__(self):
        self._dir = tempfile.TemporaryDirectory(prefix="sitrep-export-")
        self.db = sqlite3.connect(Path(self._dir.name) / "spill.db")
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("CREATE TABLE rows (k TEXT, row TEXT)")
        self._sets = 0

    def set(self) -> DiskSet:
        self._sets += 1
        return DiskSet(self.db, f"seen{self._sets}")

    def add(self, key: tuple, row: dict) -> None:
        # a JSON array of the key sorts as the tuple only for strings of one width; encode each
        # part so that text order is tuple order
        self.db.execute("INSERT INTO rows VALUES (?, ?)", (_sortable(key), json.dumps(row)))

    def rows(self) -> Iterator[dict]:
        for (row,) in self.db.execute("SELECT row FROM rows ORDER BY k, rowid"):
            yield json.loads(row)

    def close(self) -> None:
        self.db.close()
        self._dir.cleanup()

    def __enter__(self) -> "Spill":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _sortable(key: tuple) -> str:
    """Text whose order is the tuple's: strings as they are, separated by \\x01 (below any
    character they hold); non-negative integers zero-padded to 20 digits."""
    parts = []
    for x in key:
        if isinstance(x, bool) or not isinstance(x, (int, str)):
            raise TypeError(f"spill keys are strings and integers, not {type(x).__name__}")
        if isinstance(x, int):
            if x < 0:
                raise ValueError("spill keys' integers are not negative")
            parts.append(f"{x:020d}")
        else:
            parts.append(x)
    return "\x01".join(parts)
