"""The dashboard in headless Debian Chromium (Playwright): renders, highlights, no XSS, no outside requests.
The scale tests (paging, filters, claim series, a contested event page) are in test_web_scale.py."""
import datetime as dt
import shutil
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip("Debian chromium not installed", allow_module_level=True)

import web_stores  # noqa: E402
from sitrep import pipeline  # noqa: E402
from sitrep.ingest import article_from_text  # noqa: E402
from sitrep.ledger.store import Store  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(__file__).resolve().parents[1] / "benchmarks" / "screenshots"
XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
TEXTS = [
    ("Rebels seize Kidal\nTuareg rebels seized the town of Kidal in northern Mali on Monday, the army said. "
     "Nine soldiers were killed in the fighting, a military source said.", "Wire A", dt.date(2023, 11, 14)),
    ("Army retakes Kidal " + XSS + "\nMalian soldiers retook Kidal on Tuesday after rebels seized the town "
     "on Monday, officials said. Twelve soldiers were killed in the fighting, the rebels said.",
     "Wire B", dt.date(2023, 11, 15)),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("web") / "web.db"
    store = Store(f"sqlite:///{db}")
    for text, outlet, published in TEXTS:
        store.add_result(pipeline.extract(article_from_text(text, published=published, outlet=outlet)))
    srv, thread, base = web_stores.serve(f"sqlite:///{db}")
    yield base
    srv.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def page(server):
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page(viewport={"width": 1280, "height": 1400})
        pg.requests = []
        pg.on("request", lambda r: pg.requests.append(r.url))
        yield pg
        browser.close()


def test_dashboard_renders_offline(page, server):
    page.goto(server + "/")
    page.wait_for_selector("#map .geolayer path", timeout=20000)     # world map drawn from local topojson
    page.wait_for_selector("#timeline .bars path")                   # daily counts (/api/daily)
    page.wait_for_selector("#events tbody tr")
    page.wait_for_selector("#claims tbody tr")
    assert page.locator("#claims tbody tr").count() >= 2
    page.wait_for_selector("#series-chart .scatterlayer .point")      # claim points over time
    assert page.locator("#series-chart .scatterlayer .point").count() >= 2
    assert page.locator("#contradictions li").count() >= 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "small-dashboard.png"), full_page=True)
    outside = [u for u in page.requests if not u.startswith(server) and not u.startswith("data:")]
    assert outside == []


def test_filters_narrow_events_and_claims(page, server):
    page.goto(server + "/")
    page.wait_for_selector("#events tbody tr")
    page.fill("#filters input[name=since]", "2030-01-01")
    page.click("#filters button")
    # locator waits, not wait_for_function: the page's CSP forbids evaluating strings
    playwright_api.expect(page.locator("#events tbody tr:not(.empty)")).to_have_count(0)
    playwright_api.expect(page.locator("#claims tbody tr:not(.empty)")).to_have_count(0)
    page.fill("#filters input[name=since]", "")
    page.fill("#filters input[name=place]", "kidal")
    page.click("#filters button")
    page.wait_for_selector("#events tbody tr")


def test_event_page_highlights_evidence_without_xss(page, server):
    page.goto(server + "/")
    page.wait_for_selector("#events tbody tr")
    rows = page.locator("#events tbody tr")
    for i in range(rows.count()):
        rows.nth(i).click()
        page.wait_for_selector("#event-sources .source")
        if "Kidal" in page.inner_text("#event-view"):
            break
        page.go_back()
        page.wait_for_selector("#events tbody tr")
    mark = page.locator("mark.evidence").first
    assert page.locator("#dashboard").is_hidden() and page.locator("#event-view").is_visible()
    assert "Kidal" in page.inner_text("#event-view") and mark.inner_text().strip()
    assert page.locator("mark.evidence mark.trigger").count() >= 1
    assert page.evaluate("window.__xss") is None
    assert page.evaluate("window.__xss") is None
    outside = [u for u in page.requests if not u.startswith(server) and not u.startswith("data:")]
    assert outside == []


def test_xss_title_rendered_as_text(page, server):
    page.goto(server + "/")
    page.wait_for_selector("#events tbody tr")
    data = page.evaluate("fetch('/api/events').then(r => r.json())")
    xss_events = [e for e in data if any('Wire B' == s.get('outlet') for s in e["sources"])]
    assert xss_events
    page.evaluate(f"location.hash = '#event/{xss_events[0]['id']}'")
    page.locator("#event-sources .source h4", has_text="Army retakes").first.wait_for()
    titles = page.locator("#event-sources .source h4").all_inner_texts()
    assert any("<script>" in t for t in titles)   # shown literally
    assert any(XSS in t for t in page.locator("#event-sources .article-text").all_inner_texts())
    assert page.locator("#event-view img, #event-view script").count() == 0   # no elements were made
    page.screenshot(path=str(SHOTS / "small-event-xss.png"), full_page=True)
    assert page.evaluate("window.__xss") is None


def test_chart_labels_are_text_not_markup(page, server):
    """Plotly renders <a href>/<b> in labels; names from feeds must show literally."""
    page.goto(server + "/")
    page.wait_for_selector("#series-chart .scatterlayer .point")
    link = '<a href="https://evil.example/">click</a><b style="color:red">bold</b>'
    page.evaluate("""(label) => Plotly.newPlot('series-chart', [{type: 'bar', x: [plain(label)], y: [3],
                                                   name: plain(label)}], {showlegend: true})""", link)
    page.wait_for_selector("#series-chart .bars path")
    assert page.locator("#series-chart a").count() == 0 and page.locator("#series-chart b").count() == 0
    assert 'click</a>' in page.inner_text("#series-chart")   # shown as the characters it is made of
    headers = page.request.get(server + "/").headers
    assert "script-src 'self'" in headers["content-security-policy"] and headers["x-frame-options"] == "DENY"


def test_api_docs_offline(page, server):
    page.goto(server + "/docs")
    # Swagger UI when scripts/fetch_web_assets.sh fetched it, else the built-in page
    page.wait_for_selector(".opblock-summary-path, #ops section.card", timeout=20000)
    assert "/api/events" in page.inner_text("body")
    page.wait_for_load_state("networkidle")
    outside = [u for u in page.requests if not u.startswith(server) and not u.startswith("data:")]
    assert outside == []
