"""URLs and feeds, against a local HTTP server on 127.0.0.1 only."""
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.ingest.fetch import read_url
from sitrep.ledger.store import Store
from sitrep.records import Article, IngestError

runner = CliRunner()

PAGE = """<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>{body}</p><p>The army said in a statement on Tuesday that the operation was continuing and that
more troops had been sent to the area, while residents said that many families had fled.</p>
</article></body></html>"""
ARTICLES = {
    "/kidal.html": ("Army retakes Kidal", "Malian soldiers retook the town of Kidal on Monday after heavy "
                    "fighting with rebels, the army said. Nine soldiers were killed in the fighting."),
    "/gao.html": ("Rebels attack Gao", "Rebels attacked an army post near Gao on Sunday and killed four "
                  "soldiers, officials said. The attackers fled towards the border."),
}


def feed_xml(base, items):
    entries = "".join(
        f"<item><title>{t}</title><link>{base}{path}</link><pubDate>Tue, 14 Nov 2023 10:00:00 GMT</pubDate>"
        f"{f'<source url={chr(34)}{base}/src{chr(34)}>{src}</source>' if src else ''}"
        f"<description>{t}</description></item>" for path, t, src in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Sahel Aggregator</title>'
            f"<link>{base}</link><description>news</description>{entries}</channel></rss>").encode()


class Site:
    """A tiny web site: path -> (content type, body); the feed honours If-None-Match."""

    def __init__(self):
        self.pages: dict[str, tuple[str, bytes]] = {}
        self.hits: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.hits.append(self.path)
                if self.path not in site.pages:
                    self.send_error(404)
                    return
                ctype, body = site.pages[self.path]
                etag = f'"{hash(body) & 0xffffffff:x}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def page(self, path, title, body, charset="utf-8"):
        self.pages[path] = (f"text/html; charset={charset}", PAGE.format(title=title, body=body).encode(charset))


@pytest.fixture
def site():
    s = Site()
    for path, (title, body) in ARTICLES.items():
        s.page(path, title, body)
    s.pages["/feed.xml"] = ("application/rss+xml", feed_xml(s.base, [
        ("/kidal.html", "Army retakes Kidal", "Reuters"), ("/gao.html", "Rebels attack Gao", None)]))
    yield s
    s.server.shutdown()
    s.server.server_close()


def test_ingest_feed_url_stores_the_linked_articles(site, tmp_path):
    db = f"sqlite:///{tmp_path / 'f.db'}"
    res = runner.invoke(app, ["ingest", f"{site.base}/feed.xml", "--db", db])
    assert res.exit_code == 0, res.output
    assert "stored 2 new" in res.output
    arts = {a.title: a for a in Store(db).articles()}
    assert set(arts) == {"Army retakes Kidal", "Rebels attack Gao"}
    kidal = arts["Army retakes Kidal"]
    assert "Nine soldiers were killed" in kidal.text            # the linked page, not the feed's summary
    assert kidal.outlet == "Reuters"                            # the item's own <source>
    assert arts["Rebels attack Gao"].outlet == "Sahel Aggregator"   # else the feed's title
    assert kidal.url == f"{site.base}/kidal.html" and str(kidal.published) == "2023-11-14"
    again = runner.invoke(app, ["ingest", f"{site.base}/feed.xml", "--db", db])
    assert "stored 0 new, 2 already done" in again.output
    assert site.hits.count("/kidal.html") == 1                  # done items are not fetched again


def test_ingest_page_url_and_windows_1252(site, tmp_path):
    site.page("/cp.html", "Clashes in Mopti", "Soldiers clashed with militants near Mopti on Friday – "
              "“heavy fighting”, the governor’s office said. Three soldiers were killed.", charset="cp1252")
    site.pages["/cp.html"] = ("text/html", site.pages["/cp.html"][1])    # no charset declared
    [art] = list(read_url(f"{site.base}/cp.html"))
    assert isinstance(art, Article) and "“heavy fighting”" in art.text and "governor’s" in art.text
    assert art.source_path == f"{site.base}/cp.html"


def test_windows_1252_file_is_decoded(tmp_path):
    from sitrep.ingest import read_path
    f = tmp_path / "a.txt"
    f.write_bytes("Army retakes Kidal\nMalian soldiers retook Kidal on Monday – “a victory”, the army’s "
                  "spokesman said. Nine soldiers were killed in the fighting.".encode("cp1252"))
    [art] = list(read_path(f))
    assert isinstance(art, Article) and "“a victory”" in art.text


def test_bad_urls_are_named_and_the_batch_continues(site, tmp_path):
    site.pages["/feed.xml"] = ("application/rss+xml", feed_xml(site.base, [
        ("/missing.html", "Gone", None), ("/kidal.html", "Army retakes Kidal", None)]))
    items = list(read_url(f"{site.base}/feed.xml"))
    errors = [i for i in items if isinstance(i, IngestError)]
    assert len(items) == 2 and len(errors) == 0   # the missing page falls back to the item's text ...
    [dead] = list(read_url(f"{site.base}/nothing-here"))
    assert isinstance(dead, IngestError) and "404" in dead.reason and dead.source.endswith("/nothing-here")
    [refused] = list(read_url("http://127.0.0.1:9/feed.xml"))
    assert isinstance(refused, IngestError) and "cannot fetch" in refused.reason


def test_watch_polls_with_etag_and_ingests_new_items_only(site, tmp_path):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    res = runner.invoke(app, ["watch", f"{site.base}/feed.xml", "--db", db, "--interval", "0", "--max-polls", "2"])
    assert res.exit_code == 0, res.output
    assert "stored 2 new" in res.output and "not modified" in res.output    # second poll: 304
    site.page("/timbuktu.html", "Drone strike near Timbuktu", "A drone strike hit a militant camp near "
              "Timbuktu on Wednesday, killing six fighters, the army said.")
    site.pages["/feed.xml"] = ("application/rss+xml", feed_xml(site.base, [
        ("/timbuktu.html", "Drone strike near Timbuktu", None), ("/kidal.html", "Army retakes Kidal", "Reuters")]))
    kidal_hits = site.hits.count("/kidal.html")
    res = runner.invoke(app, ["watch", f"{site.base}/feed.xml", "--db", db, "--interval", "0", "--max-polls", "1"])
    assert "stored 1 new, 1 already done" in res.output
    assert site.hits.count("/kidal.html") == kidal_hits and len(Store(db).articles()) == 3


def test_rss_file_item_keeps_its_own_source(tmp_path):
    from sitrep.ingest import read_path
    f = tmp_path / "feed.xml"
    f.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Aggregator</title>'
                 '<item><title>Army retakes Kidal</title><source url="https://reuters.example">Reuters</source>'
                 f'<description>{ARTICLES["/kidal.html"][1]}</description></item>'
                 f'<item><title>Rebels attack Gao</title><description>{ARTICLES["/gao.html"][1]}</description></item>'
                 '</channel></rss>', encoding="utf-8")
    first, second = list(read_path(f))
    assert first.outlet == "Reuters" and second.outlet == "Aggregator"
