"""Count the string literals left in the extractor code (issue 9: at most 1,200).

A literal is an ast.Constant holding a str in src/sitrep/extract/*.py; docstrings (the first
statement of a module, class or function) are not counted. Word lists belong in
src/sitrep/data/<lang>/*.tsv. Prints one line per file, largest first, then the total.

    python scripts/count_literals.py [folder]
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

EXTRACT = Path(__file__).resolve().parent.parent / "src" / "sitrep" / "extract"
LIMIT = 1200


def _docstrings(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                ids.add(id(first.value))
    return ids


def count_file(path: Path) -> int:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    skip = _docstrings(tree)
    return sum(1 for node in ast.walk(tree)
               if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip)


def counts(folder: Path = EXTRACT) -> dict[str, int]:
    return {p.name: count_file(p) for p in sorted(folder.glob("*.py"))}


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else EXTRACT
    per_file = counts(folder)
    for name, n in sorted(per_file.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{n:6d}  {name}")
    total = sum(per_file.values())
    print(f"{total:6d}  total (limit {LIMIT})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
