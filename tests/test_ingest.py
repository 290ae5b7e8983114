import datetime as dt
import json

import pytest

from sitrep.ingest import IngestFailure, article_from_text, read_file, read_path
from sitrep.ingest.dedup import DuplicateIndex, near_duplicates
from sitrep.records import Article, IngestError

BODY = ("Rebels seized the town of Kidal on Monday after two days of fighting with the army, "
        "officials said. The regional governor said at least nine soldiers were killed in the clashes "
        "and many residents fled towards the border with Algeria.")


def test_headline_first_line_and_boilerplate_removed():
    a = article_from_text(f"Rebels seize Kidal\n\n{BODY}\nRead more: Mali's long war\nFollow us on Twitter",
                          published=dt.date(2023, 11, 14), outlet="Wire")
    assert a.title == "Rebels seize Kidal"
    assert a.text.startswith("Rebels seize Kidal\nRebels seized")
    assert "Read more" not in a.text and "Follow us" not in a.text
    assert a.removed_lines == ["Read more: Mali's long war", "Follow us on Twitter"]
    assert a.id == article_from_text(a.text).id  # id depends on cleaned text only


def test_text_header_metadata(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(f"Published: 2023-11-14\nOutlet: Sahel Wire\n\nRebels seize Kidal\n{BODY}\n", encoding="utf-8")
    [a] = read_file(f)
    assert a.published == dt.date(2023, 11, 14) and a.outlet == "Sahel Wire" and a.title == "Rebels seize Kidal"


def test_html_with_boilerplate(tmp_path):
    page = f"""<html><head><title>Rebels seize Kidal</title></head><body>
    <nav><a href="/">Home</a> | <a href="/world">World</a></nav>
    <article><h1>Rebels seize Kidal</h1><p>{BODY}</p><p>{BODY.replace('Kidal', 'Gao')}</p></article>
    <footer>Copyright 2023 Sahel Wire. All rights reserved.</footer></body></html>"""
    f = tmp_path / "page.html"
    f.write_text(page, encoding="utf-8")
    [a] = read_file(f, published=dt.date(2023, 11, 14))
    assert "Rebels seized the town of Kidal" in a.text
    assert "Home" not in a.text and "All rights reserved" not in a.text


def test_jsonl_feed_continues_past_bad_line(tmp_path):
    f = tmp_path / "feed.jsonl"
    good = {"title": "Clashes in Gao", "text": BODY, "published": "2023-11-15", "outlet": "A"}
    f.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({**good, "outlet": "B", "title": "Other"}) + "\n")
    items = list(read_path(f))
    assert [type(i) for i in items] == [Article, IngestError, Article]
    assert items[1].source.endswith("feed.jsonl#2") and "malformed JSON" in items[1].reason
    assert items[0].outlet == "A" and items[0].published == dt.date(2023, 11, 15)
    assert items[0].source_path.endswith("#1")


def test_csv_and_rss(tmp_path):
    c = tmp_path / "feed.csv"
    c.write_text('headline,body,date,source\n"Clashes in Gao","' + BODY + '",2023-11-15,Wire\n')
    [a] = read_path(c)
    assert a.title == "Clashes in Gao" and a.outlet == "Wire"
    r = tmp_path / "feed.xml"
    r.write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Sahel Wire</title>
      <item><title>Clashes in Gao</title><link>http://example.org/1</link>
      <pubDate>Wed, 15 Nov 2023 10:00:00 GMT</pubDate><description>&lt;p&gt;{BODY}&lt;/p&gt;</description></item>
      </channel></rss>""")
    [b] = read_path(r)
    assert b.outlet == "Sahel Wire" and b.published == dt.date(2023, 11, 15) and "<p>" not in b.text


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty"),
    ("junk.txt", bytes(range(256)) * 4, "binary"),
    ("fr.txt", ("Les rebelles ont pris la ville de Kidal lundi après deux jours de combats avec "
                "l'armée malienne, selon des sources locales et des responsables de la région du nord.").encode(),
     "not English"),
    ("bad.json", b'{"title": "x", ', "malformed JSON"),
    ("bad.xml", b"<rss><channel><item>", "malformed XML"),
    ("bad.html", b"just some text without any markup at all", "malformed HTML"),
])
def test_bad_input_named_and_batch_continues(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "zz-good.txt").write_text(f"Rebels seize Kidal\n{BODY}")
    items = list(read_path(tmp_path))
    errors = [i for i in items if isinstance(i, IngestError)]
    assert len(errors) == 1 and errors[0].source.endswith(name) and reason in errors[0].reason
    assert any(isinstance(i, Article) for i in items)
    with pytest.raises(IngestFailure, match=name):
        read_file(tmp_path / name)


def test_huge_article_rejected():
    with pytest.raises(ValueError, match="too long"):
        article_from_text("Title\n" + "word " * 300_000)


def test_exact_and_near_duplicates():
    a = article_from_text(f"Rebels seize Kidal\n{BODY} {BODY}")
    edited = article_from_text(f"Rebels seize Kidal\n{BODY} {BODY.replace('residents', 'villagers')}")
    other = article_from_text("Floods hit Niamey\nHeavy rain flooded parts of the capital on Sunday, "
                              "destroying hundreds of homes and forcing families to shelter in schools.")
    idx = DuplicateIndex()
    assert idx.add(a)[0] == "new"
    assert idx.add(a)[0] == "exact"
    kind, other_id, sim = idx.add(edited)
    assert kind == "near" and other_id == a.id and sim >= 0.8
    assert idx.add(other)[0] == "new"
    assert len(near_duplicates([a, edited, other])) == 1


def test_karabakh_cleaning(karabakh_text):
    a = article_from_text(karabakh_text, published=dt.date(2020, 10, 22))
    assert a.title.startswith("Azerbaijan claims 'full control'")
    assert len(a.removed_lines) == 2 and "Read more" in a.removed_lines[0]
