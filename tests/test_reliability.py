"""Issue 12: bad input never stops a batch, nothing is lost, the API only reads and resists abuse.

One regression test per repro: each builds the bad input next to a good one and checks the
good one is stored and the bad one is recorded as a failure naming it.
"""
import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest

from builders import result
from sitrep import pipeline
from sitrep.chunking import extract_chunked, pieces
from sitrep.ingest import article_from_text, read_path
from sitrep.ingest.formats import parse_date
from sitrep.ingest_runner import run_ingest
from sitrep.invariants import violations
from sitrep.ledger.store import Store
from sitrep.records import ActorRef, Article, IngestError

BODY = ("Rebels seized the town of Kidal on Monday after two days of fighting with the army, "
        "officials said. The regional governor said at least nine soldiers were killed in the clashes "
        "and many residents fled towards the border with Algeria.")
GOOD = f"Rebels seize Kidal\n{BODY}\n"
HUGE_YEAR = "Mon, 01 Jan 99999999999 00:00:00 +0000"
SAMPLES = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "samples"


def rss(pub_date: str) -> str:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Clash</title>'
            f"<pubDate>{pub_date}</pubDate><description>{BODY}</description></item></channel></rss>")


@pytest.fixture
def store(tmp_path_factory):
    return Store(f"sqlite:///{tmp_path_factory.mktemp('db') / 'r.db'}")  # not inside the folder ingested


def failures(store) -> dict[str, str]:
    return {Path(f.source).name: f.reason for f in store.failures()}


# -- 1. one bad file no longer loses the batch -----------------------------------------------------
def test_huge_rss_year_next_to_good_text_stores_the_good_one_and_resumes(tmp_path, store):
    (tmp_path / "feed.xml").write_text(rss(HUGE_YEAR))
    (tmp_path / "good.txt").write_text(GOOD)
    first = run_ingest([tmp_path], store)
    assert first["stored"] == 1 and first["failed"] == 1
    assert "date out of range" in failures(store)["feed.xml#1"]
    again = run_ingest([tmp_path], store)                          # a re-run resumes, no crash
    assert again["stored"] == 0 and again["skipped"] == 1 and again["failed"] == 1
    assert store.failures()[0].attempts == 2


@pytest.mark.parametrize("name,data", [
    ("date.json", json.dumps({"text": BODY, "date": "99999999999-01-01"})),
    ("date.jsonl", json.dumps({"text": BODY, "published": HUGE_YEAR})),
    ("date.csv", f'text,date\n"{BODY}","{HUGE_YEAR}"\n'),
    ("date.txt", f"Published: {HUGE_YEAR}\nClash\n{BODY}"),
])
def test_huge_year_in_any_date_field_is_that_items_failure(tmp_path, name, data):
    (tmp_path / name).write_text(data)
    [err] = read_path(tmp_path / name)
    assert isinstance(err, IngestError) and "date out of range" in err.reason and name in err.source


def test_parse_date_never_overflows():
    for value in (HUGE_YEAR, "99999999999-01-01", "Mon, 01 Jan 10000 00:00:00 +0000", "0001-01-01"):
        with pytest.raises(ValueError, match="out of range"):
            parse_date(value)
    assert parse_date("x" * 10_000) is None and parse_date("not a date") is None
    assert parse_date("Wed, 15 Nov 2023 10:00:00 GMT") == dt.date(2023, 11, 15)


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl"])
def test_json_nested_past_the_recursion_limit(tmp_path, name):
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / name).write_text(deep + ("\n" + json.dumps({"text": BODY}) if name.endswith("l") else ""))
    items = list(read_path(tmp_path / name))
    assert isinstance(items[0], IngestError) and "nested too deeply" in items[0].reason
    assert all(isinstance(i, Article) for i in items[1:]) and len(items) == (2 if name.endswith("l") else 1)


def test_ingest_stores_as_it_reads(tmp_path, store):
    """The first file's article is in the store before the second input is even opened."""
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text(GOOD.replace("Kidal", "Gao"))
    seen = []

    def inputs():
        yield tmp_path / "a.txt"
        seen.append(store.stats()["articles"])
        yield tmp_path / "b.txt"
    assert run_ingest(inputs(), store, batch_size=1)["stored"] == 2
    assert seen == [1]


def test_extraction_and_database_errors_cost_one_article(tmp_path, store, monkeypatch):
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(GOOD.replace("Kidal", f"Kidal-{name}"))
    real_run, real_add = pipeline.full_pipeline().run, store.add_result

    def run(article, doc, **kw):
        if "Kidal-b" in article.text:
            raise RuntimeError("extractor bug")
        return real_run(article, doc, **kw)

    def add(res, source=None):
        if "Kidal-c" in res.article.text:
            from sqlalchemy.exc import DataError
            raise DataError("INSERT INTO articles ...", {}, ValueError("A string literal cannot contain NUL"))
        return real_add(res, source=source)
    monkeypatch.setattr(pipeline.full_pipeline(), "run", run)
    monkeypatch.setattr(store, "add_result", add)
    summary = run_ingest([tmp_path], store)
    assert summary["stored"] == 1 and summary["failed"] == 2
    reasons = failures(store)
    assert "extractor bug" in reasons["b.txt"] and "database error" in reasons["c.txt"] and "NUL" in reasons["c.txt"]


def test_a_reader_bug_costs_its_file_only(tmp_path, store, monkeypatch):
    from sitrep.ingest import formats

    def broken(path, text, published, outlet):
        raise KeyError("reader bug")
    monkeypatch.setitem(formats.READERS, ".csv", broken)
    (tmp_path / "a.csv").write_text("text\nx\n")
    (tmp_path / "b.txt").write_text(GOOD)
    assert run_ingest([tmp_path], store)["stored"] == 1
    assert "reader bug" in failures(store)["a.csv"]


# -- 2. NULs and control characters ----------------------------------------------------------------
def test_nul_and_control_characters_removed_everywhere(tmp_path):
    dirty = BODY[:40] + "\u0000\x07\x1b\ud800\ufffe" + BODY[40:]
    (tmp_path / "n.json").write_text(json.dumps({"text": dirty, "outlet": "Wire\u0000 A", "url": "http://x/\u0000"}))
    (tmp_path / "n.txt").write_bytes((GOOD + "\n" * 9000 + "Later\x00line of text here.").encode())  # past 8 KB
    for a in read_path(tmp_path):
        assert isinstance(a, Article)
        for field in (a.text, a.outlet or "", a.url or ""):
            assert not any(ord(c) < 32 and c != "\n" or 0xD800 <= ord(c) < 0xE000 for c in field)
    r = pipeline.extract_text("Clash\n" + dirty)
    assert violations(r) == [] and "\x00" not in r.article.text


# -- 3. Unicode digits -----------------------------------------------------------------------------
@pytest.mark.parametrize("count", ["²", "٣", "１２", "𝟝", "9" * 40])
def test_unicode_and_huge_digits_do_not_crash(count):
    r = pipeline.extract_text(f"Attack\nMilitants killed {count} soldiers in the town.")
    assert violations(r) == []
    assert all(c.high < 10**9 for c in r.casualties)


def test_issue_repro_superscript_two():
    pipeline.extract_text("Attack\nMilitants killed ² soldiers in the town.")


# -- 10. casualty spans ----------------------------------------------------------------------------
def test_casualty_mention_spans_are_never_inverted():
    texts = ["Attack\nMilitants killed soldiers 5 in the town.", "Clash\nSoldiers 10 were killed.",
             "Clash\nTwo killed, soldiers 3 wounded.", "Clash\nsoldiers ten killed near Gao"]
    for t in texts:
        for c in pipeline.extract_text(t).casualties:
            assert c.mention.start <= c.mention.end and t[c.mention.start:c.mention.end] == c.mention.text


# -- 11. input handling ----------------------------------------------------------------------------
@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_with_and_without_bom(tmp_path, codec):
    (tmp_path / "w.txt").write_bytes(GOOD.encode(codec))
    [a] = read_path(tmp_path / "w.txt")
    assert isinstance(a, Article) and a.title == "Rebels seize Kidal"


def test_symlink_loop_and_dangling_link_are_failures(tmp_path, store):
    (tmp_path / "good.txt").write_text(GOOD)
    os.symlink(tmp_path / "loop-b", tmp_path / "loop-a")
    os.symlink(tmp_path / "loop-a", tmp_path / "loop-b")
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    assert run_ingest([tmp_path], store)["stored"] == 1
    reasons = failures(store)
    assert reasons["loop-a"] == "symbolic link loop" and "dangling" in reasons["dangling.txt"]


@pytest.mark.parametrize("value,kind", [(5, "int"), ([BODY], "list"), ({"a": 1}, "dict"), (True, "bool")])
def test_text_field_must_be_a_string(tmp_path, value, kind):
    (tmp_path / "x.json").write_text(json.dumps({"text": value}))
    [err] = read_path(tmp_path / "x.json")
    assert isinstance(err, IngestError) and f"must be a string, not {kind}" in err.reason


def test_csv_unterminated_quote_is_an_error_after_the_good_rows(tmp_path):
    (tmp_path / "f.csv").write_text(f'title,text\nGood,"{BODY}"\nBad,"{BODY} and no closing quote\nx,y\n')
    good, err = read_path(tmp_path / "f.csv")
    assert isinstance(good, Article) and good.source_path.endswith("#2")
    assert isinstance(err, IngestError) and err.source.endswith("#3") and "malformed CSV" in err.reason


def test_long_outlet_and_url_bounded(tmp_path):
    (tmp_path / "x.json").write_text(json.dumps({"text": BODY, "outlet": "O" * 5000, "url": "u" * 50_000}))
    [a] = read_path(tmp_path / "x.json")
    assert len(a.outlet) == 200 and len(a.url) == 2000


# -- bad-input corpus: every bad file recorded, every good one stored --------------------------------
def bad_corpus(folder: Path) -> set[str]:
    shutil.copytree(SAMPLES / "bad", folder, dirs_exist_ok=True)
    bad = {
        "binary.txt": bytes(range(256)) * 8, "empty.txt": b"", "spaces.txt": b"   \n\n\t ",
        "deep.json": b"[" * 50_000, "five.json": b'{"text": 5}', "list.json": b"[1, 2]",
        "trunc.json": b'{"text": "abc', "bad.xml": b"<rss><channel><item>", "noitems.xml": b"<rss></rss>",
        "year.xml": rss(HUGE_YEAR).encode(), "plain.html": b"no markup at all",
        "quote.csv": b'text\n"never closed\n', "fr.txt": ("Les rebelles ont pris la ville de Kidal lundi apres "
                                                        "deux jours de combats avec l'armee malienne, selon "
                                                        "des sources locales et des responsables.").encode(),
        "odd16.txt": GOOD.encode("utf-16-le")[:-1], "unknown.bin": b"x",
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    os.symlink(folder / "nowhere", folder / "dangling.txt")
    by_item = {"list.json": ["list.json#1", "list.json#2"], "five.json": ["five.json#1"],
               "year.xml": ["year.xml#1"], "quote.csv": ["quote.csv#2"]}
    names = {n for name in bad for n in by_item.get(name, [name])}
    return names | {"dangling.txt", "broken.jsonl#1", "not-an-article.txt"}


def test_bad_input_corpus(tmp_path, store):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    expected_bad = bad_corpus(corpus)
    good = {"good.txt": GOOD.encode(), "good.jsonl": json.dumps({"text": BODY.replace("Kidal", "Gao")}).encode(),
            "good16.txt": GOOD.replace("Kidal", "Timbuktu").encode("utf-16")}
    for name, data in good.items():
        (corpus / name).write_bytes(data)
    summary = run_ingest([corpus], store)
    assert set(failures(store)) == expected_bad
    assert summary["stored"] == 3 and store.stats()["articles"] == 3
    assert all(f.reason for f in store.failures())


# -- 4. per-article budget: chunks with offsets into the full text ----------------------------------
def test_chunks_cut_at_paragraphs_then_sentences():
    text = "Headline\n" + "\n".join(f"Paragraph {i} says something. " * 3 for i in range(40))
    head, ranges = pieces(text, 500)
    assert head == len("Headline") and all(e - s <= 500 - head - 1 for s, e in ranges)
    assert all(text[s - 1] == "\n" or text[s - 1] == " " for s, _ in ranges)      # cut at a boundary
    one_line = "Headline\n" + "A sentence of some length. " * 200
    assert all(one_line[e - 1] == "." for _, e in pieces(one_line, 400)[1][:-1])


def test_chunked_extraction_maps_spans_to_the_full_text():
    paragraphs = [f"Gunmen killed {i + 2} soldiers in Kidal on Monday, the army said." for i in range(30)]
    article = article_from_text("Attack on Kidal kills soldiers\n" + "\n".join(paragraphs),
                                published=dt.date(2024, 3, 5))
    chunked = extract_chunked(article, pipeline._extract_whole, limit=600)
    assert violations(chunked) == [] and chunked.article == article
    counts = sorted(c.low for c in chunked.casualties if c.mention.start > len(article.title))
    assert counts == [i + 2 for i in range(30)]                                    # every piece's records
    whole = pipeline._extract_whole(article)
    in_head = lambda r: [x.model_dump() for x in r.events if x.trigger.end <= len(article.title)]
    assert in_head(chunked) == in_head(whole)                                      # headline once, as whole


def test_long_article_goes_through_chunks(monkeypatch):
    from sitrep import chunking
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 300)
    calls = []
    monkeypatch.setattr(chunking, "CHUNK_CHARS", 300)
    real = pipeline._extract_whole
    monkeypatch.setattr(pipeline, "_extract_whole", lambda a: calls.append(len(a.text)) or real(a))
    a = article_from_text("Clash\n" + "\n".join([BODY] * 4))
    r = next(pipeline.extract_many([a]))
    assert len(calls) == 4 and max(calls) <= 300 and violations(r) == []


# -- 5. the API: bounded filters, literal wildcards, host check, headers, no paths ------------------
fastapi = pytest.importorskip("fastapi")


@pytest.fixture
def api(tmp_path):
    from fastapi.testclient import TestClient
    from sitrep.api import create_app
    url = f"sqlite:///{tmp_path / 'api.db'}"
    s = Store(url)
    text = "Attack on Arbinda\nGunmen attacked Arbinda on Monday and killed 14 civilians, officials said."
    r = result(text, "Wire A", dt.date(2024, 3, 5), day=dt.date(2024, 3, 4),
               agent=ActorRef(name="JNIM", kind="armed_group"), place_args=(text, "Arbinda", "Arbinda", 14.23, -0.87))
    at_server = r.article.model_copy(update={"source_path": "/srv/feeds/wire-a/a.txt"})
    s.add_result(r.model_copy(update={"article": at_server}), source="/srv/feeds/wire-a/a.txt")
    text2 = "Protest in Dori\nProtesters marched in Dori on Monday against the curfew, residents said."
    s.add_result(result(text2, "Wire_B", dt.date(2024, 3, 11), event_type="PROTEST", day=dt.date(2024, 3, 10),
                        agent=ActorRef(name="Group_X", kind="armed_group")))
    s.record_failure("/srv/feeds/bad.bin", "/srv/feeds/bad.bin: binary file, not text")
    with TestClient(create_app(url), base_url="http://localhost") as c:
        yield c, url


@pytest.mark.parametrize("params", [
    {"conflict": "-".join(["ARM"] * 999)}, {"conflict": "-".join(["ARM"] * 11)}, {"conflict": "A%Z"}, {"actor": "x" * 50_000},
    {"place": "x" * 50_000}, {"until": "0"}, {"since": "2024-02-30"}, {"type": "x" * 1000},
    {"limit": 10**9}, {"offset": -1},
])
def test_bad_event_filters_are_400(api, params):
    r = api[0].get("/api/events", params=params)
    assert r.status_code == 400, r.text


@pytest.mark.parametrize("path,params", [
    ("/api/articles", {"outlet": "x" * 50_000}), ("/api/articles", {"until": "0"}),
    ("/api/claims", {"claimant": "x" * 50_000}), ("/api/claims", {"side": "x" * 50_000}),
    ("/api/claims", {"since": "yesterday"}),
])
def test_bad_filters_elsewhere_are_400(api, path, params):
    assert api[0].get(path, params=params).status_code == 400


def test_like_wildcards_match_literally(api):
    client = api[0]
    assert [e["agent"]["name"] for e in client.get("/api/events", params={"actor": "_"}).json()] == ["Group_X"]
    assert client.get("/api/events", params={"actor": "%"}).json() == []
    assert len(client.get("/api/events", params={"actor": "group_x"}).json()) == 1
    assert client.get("/api/events", params={"conflict": "BFA"}).status_code == 200


def test_security_headers_on_every_response(api):
    client = api[0]
    for path in ("/healthz", "/api/events", "/api/events/nope", "/api/events?until=0", "/", "/static/app.js",
                 "/openapi.json"):
        h = client.get(path).headers
        assert "default-src 'self'" in h["content-security-policy"] and "frame-ancestors 'none'" in h[
            "content-security-policy"], path
        assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"
        assert h["referrer-policy"] == "no-referrer"


def test_host_check(api, monkeypatch):
    from fastapi.testclient import TestClient
    from sitrep.api import create_app
    client, url = api
    assert client.get("/healthz", headers={"host": "evil.example"}).status_code == 400     # DNS rebinding
    assert client.get("/healthz", headers={"host": "127.0.0.1:8000"}).status_code == 200
    monkeypatch.delenv("SITREP_ALLOWED_HOSTS", raising=False)
    with TestClient(create_app(url), base_url="http://testserver") as other:
        r = other.get("/healthz")
        assert r.status_code == 400 and r.headers["x-frame-options"] == "DENY"   # headers on the 400 too
    with TestClient(create_app(url, hosts=["sitrep.example.org"]), base_url="http://sitrep.example.org") as named:
        assert named.get("/healthz").status_code == 200


def test_no_server_paths_in_responses(api):
    client = api[0]
    arts = client.get("/api/articles").json()
    assert {a["source_path"] for a in arts} == {"a.txt", None}
    fails = client.get("/api/failures").json()
    assert fails[0]["source"] == "bad.bin" and "/srv" not in fails[0]["reason"] and "bad.bin" in fails[0]["reason"]
    for a in arts:
        body = client.get(f"/api/articles/{a['id']}").text
        assert "/srv/" not in body
    from sitrep.api import public_source
    assert public_source("/srv/feeds/x.jsonl#3") == "x.jsonl#3" and public_source("feeds/x.txt") == "feeds/x.txt"
    assert public_source("../../etc/x.txt") == "x.txt" and public_source("https://a.example/b") == "https://a.example/b"


def test_healthz_without_the_store_snapshot(api, monkeypatch):
    from sitrep import api as api_module
    monkeypatch.setattr(api_module._Reader, "__call__", lambda self: (_ for _ in ()).throw(RuntimeError("busy")))
    assert api[0].get("/healthz").json()["ok"] is True
