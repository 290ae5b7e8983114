"""Rules live in data files (data/<lang>/*.tsv), not in extractor code: the string literals left in
src/sitrep/extract (scripts/count_literals.py, docstrings excluded) may only go down.

Issue 9's target was 1,200; the count is now below it. Record codes come from sitrep.codes,
spaCy labels are integer symbols or named groups (extract/syntax.py, data/en/syntax_labels.tsv),
and each table is named once per module (rules.Tagged). What remains is mostly table and column
names, model field names and single grammar words. CEILING is lowered as those move. It was
raised once, from 2035 to 2577, when the incident, casualty and quote rules of issues 7, 10 and 11
were merged: their new conditions sit inside function bodies (no module-level list, which the
test below forbids)."""
import ast
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1200
CEILING = 751


def _counter():
    spec = importlib.util.spec_from_file_location("count_literals", ROOT / "scripts" / "count_literals.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_extractor_literals_do_not_grow():
    counts = _counter().counts()
    total = sum(counts.values())
    assert total <= CEILING, f"{total} string literals in src/sitrep/extract (ceiling {CEILING}, target {TARGET}): " \
                             f"move word lists to data/en/*.tsv; largest: {sorted(counts.items(), key=lambda kv: -kv[1])[:5]}"


def test_counter_skips_docstrings_only(tmp_path):
    (tmp_path / "m.py").write_text('"""doc"""\nX = {"a", "b"}\n\ndef f():\n    """doc"""\n    return "c"\n')
    assert _counter().counts(tmp_path) == {"m.py": 3}


def test_no_module_level_word_list_in_extractors():
    """A module-level set/tuple/list/dict of three or more words is a word list: it belongs in data."""
    found = []
    for path in sorted((ROOT / "src" / "sitrep" / "extract").glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            for x in ast.walk(node):
                items = x.keys if isinstance(x, ast.Dict) else getattr(x, "elts", None)
                if not isinstance(x, (ast.Set, ast.Tuple, ast.List, ast.Dict)) or items is None:
                    continue
                words = [e.value for e in items if isinstance(e, ast.Constant) and isinstance(e.value, str)
                         and e.value.isalpha()]
                if len(words) >= 3:
                    found.append(f"{path.name}:{x.lineno} {words[:4]}")
    assert not found, found
