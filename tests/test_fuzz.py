"""Hypothesis fuzzing of extract_text and of every reader, bounded in time (about 30 s in all).

Invariants on every output: each span's text equals article.text[start:end] and
0 <= start <= end <= len(text); every count has 0 <= low <= high; readers never raise and
yield only Articles (clean text: no control characters) or IngestErrors naming the file.
The one-off 100,000-input run is benchmarks/fuzz_100k.py (README, "Input").
"""
import datetime as dt
import json

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from sitrep.ingest import read_path  # noqa: E402
from sitrep.ingest.build import ArticleError  # noqa: E402
from sitrep.invariants import violations  # noqa: E402
from sitrep.pipeline import extract_text  # noqa: E402
from sitrep.records import Article, IngestError  # noqa: E402

SENTENCES = [
    "Gunmen killed 14 civilians in Arbinda on Monday, the regional governor said.",
    "The army said at least 20 militants were killed and several others wounded.",
    "\"We will not abandon the people,\" President Ilham Aliyev said on Twitter.",
    "Armenia and Azerbaijan agreed to a ceasefire that failed within hours.",
    "Between 10 and 15 soldiers are missing after the attack, according to residents.",
    "Rebels seized the town of Kidal after two days of fighting with the army.",
    "The death toll rose to 21 on Wednesday, officials told AFP.",
]
ODD = st.sampled_from(["²", "٣", "１２", "\u0000", "\x1b", "\u2028", "\ud800", "\ufeff", "\u202e", "9" * 30,
                       "between 20 and 3", "\"", "“", "(", "—", "<b>", "&amp;", "\n", "\r\n", "½", "-5"])
FRAGMENT = st.one_of(st.sampled_from(SENTENCES), ODD, st.text(max_size=30),
                     st.from_regex(r"[0-9,.]{1,12} (killed|wounded|dead|soldiers|civilians)", fullmatch=True))
ARTICLE = st.tuples(st.sampled_from(["Attack", "Clashes in Gao", "", "²", "Talks"]),
                    st.lists(FRAGMENT, min_size=1, max_size=8)).map(lambda t: t[0] + "\n" + " ".join(t[1]))
DATES = st.one_of(st.none(), st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31)))
FAST = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@FAST
@given(ARTICLE, DATES)
def test_extract_text_invariants(text, published):
    try:
        result = extract_text(text, published=published)
    except ArticleError:  # the documented refusals: empty, not English, too long
        return
    assert violations(result) == []
    assert "\x00" not in result.article.text


def _clean(text: str) -> bool:
    return not any(ord(c) < 32 and c != "\n" or 0xD800 <= ord(c) < 0xE000 for c in text)


def _check_reader(tmp_path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    items = list(read_path(path))  # must not raise
    assert items
    for item in items:
        assert isinstance(item, (Article, IngestError))
        if isinstance(item, IngestError):
            assert name in item.source and item.reason
        else:
            assert _clean(item.text) and item.text.strip() and (item.outlet is None or len(item.outlet) <= 200)


TEXTY = st.one_of(st.text(max_size=300), ARTICLE)
VALUES = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXTY),
                      lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                      max_leaves=8)
ITEM = st.fixed_dictionaries({}, optional={
    "text": st.one_of(ARTICLE, VALUES), "title": TEXTY, "published": st.one_of(st.text(max_size=40), VALUES),
    "outlet": st.one_of(TEXTY, VALUES), "url": TEXTY, "date": st.sampled_from(
        ["Mon, 01 Jan 99999999999 00:00:00 +0000", "99999-01-01", "2024-02-30", "yesterday", "0"])})
READ = settings(max_examples=25, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _damage(data: bytes, cuts: list[int]) -> bytes:
    out = bytearray(data)
    for c in cuts:
        if out:
            out[c % len(out)] = c % 256
    return bytes(out)


@READ
@given(st.lists(ITEM, max_size=3), st.sampled_from(["utf-8", "utf-16", "utf-16-le"]), st.lists(st.integers(0, 10**6), max_size=3))
def test_json_and_jsonl_readers(tmp_path, items, codec, cuts):
    _check_reader(tmp_path, "f.json", _damage(json.dumps(items).encode(codec, "surrogatepass"), cuts))
    lines = "\n".join(json.dumps(i) for i in items) or "{}"
    _check_reader(tmp_path, "f.jsonl", _damage(lines.encode(codec, "surrogatepass"), cuts))


@READ
@given(st.lists(st.tuples(TEXTY, TEXTY, st.text(max_size=40)), min_size=1, max_size=3), st.booleans(),
       st.lists(st.integers(0, 10**6), max_size=3))
def test_csv_reader(tmp_path, rows, quote_left_open, cuts):
    q = lambda s: '"' + s.replace('"', '""') + '"'
    body = "title,text,date\n" + "\n".join(",".join(map(q, r)) for r in rows) + ('\n"open' if quote_left_open else "")
    _check_reader(tmp_path, "f.csv", _damage(body.encode("utf-8", "surrogatepass"), cuts))


@READ
@given(TEXTY, TEXTY, st.text(max_size=40), st.sampled_from(["rss", "atom"]), st.lists(st.integers(0, 10**6), max_size=3))
def test_feed_reader(tmp_path, title, text, date, kind, cuts):
    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;")
    if kind == "rss":
        doc = (f"<rss><channel><title>{esc(title)}</title><item><title>{esc(title)}</title><pubDate>{esc(date)}"
               f"</pubDate><description>{esc(text)}</description></item></channel></rss>")
    else:
        doc = (f'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>{esc(title)}</title>'
               f"<updated>{esc(date)}</updated><content>{esc(text)}</content></entry></feed>")
    _check_reader(tmp_path, "f.xml", _damage(doc.encode("utf-8", "surrogatepass"), cuts))


@READ
@given(TEXTY, TEXTY, st.sampled_from(["txt", "html"]), st.sampled_from(["utf-8", "utf-16", "utf-16-be"]),
       st.lists(st.integers(0, 10**6), max_size=3))
def test_text_and_html_readers(tmp_path, title, text, kind, codec, cuts):
    if kind == "txt":
        doc = f"Published: {title[:20]}\nOutlet: {title[:10]}\n{title}\n{text}"
    else:
        doc = f"<html><head><title>{title}</title></head><body><article><p>{text}</p></article></body></html>"
    _check_reader(tmp_path, f"f.{kind}", _damage(doc.encode(codec, "surrogatepass"), cuts))


@READ
@given(st.binary(max_size=2000), st.sampled_from(["txt", "json", "jsonl", "csv", "xml", "html", "md"]))
def test_any_bytes_in_any_format(tmp_path, data, ext):
    _check_reader(tmp_path, f"f.{ext}", data or b"\x00")
