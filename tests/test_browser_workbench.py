"""The workbench in a real browser: Playwright driving Debian's Chromium against a live server.

Flow: open the workbench, pick CHN–RUS, see the chart render, click a point,
reach the highlighted passage; a document holding a <script> must not run it.
Screenshots go to test-output/screenshots/.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest_web import HIGHLIGHT_SENTENCE, SCRIPT_DOC, TRIANGLE_PAIRS, build_store, running_server

from entente.store import db
from entente.views.api import create_app

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[1] / "test-output" / "screenshots"
NOTES_SHOTS = Path(os.environ.get("ENTENTE_SCREENS", "/work/notes/screens-10"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _require_chromium() -> str:
    if CHROMIUM:
        return CHROMIUM
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail("CI is set but no chromium executable was found on PATH (apt-get install chromium)")
    pytest.skip("chromium is not installed (apt-get install -y chromium); browser tests need it")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    path = build_store(tmp_path_factory.mktemp("browser") / "t.duckdb", pairs=TRIANGLE_PAIRS)
    with running_server(create_app(str(path))) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    exe = _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=["--headless=new", "--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1360, "height": 900})
    ctx.set_default_timeout(15_000)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.errors = errors
    # Offline: any request that leaves the app's origin fails the test.
    outside: list[str] = []
    pg.route("**/*", lambda route: (outside.append(route.request.url), route.abort())
             if not route.request.url.startswith("http://127.0.0.1") else route.continue_())
    pg.outside = outside
    yield pg
    ctx.close()


def _shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / name), full_page=True)
    if NOTES_SHOTS.parent.is_dir():  # a copy for the note, when the notes folder exists
        NOTES_SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(SHOTS / name, NOTES_SHOTS / name)


def test_pick_dyad_click_point_reach_highlighted_passage(page, base_url):
    page.goto(base_url + "/")
    assert "documents" in page.inner_text("#store-summary")
    _shot(page, "01_home.png")
    page.click("a.dyad-link:text('CHN–RUS')")
    page.wait_for_selector("#chart-index .scatterlayer .trace .points path.point")
    points = page.locator("#chart-index .scatterlayer .trace .points path.point")
    assert points.count() >= 10  # one per year, zero years included
    page.wait_for_selector("#chart-breakdown .barlayer .point", state="attached")
    assert page.locator("#chart-breakdown .barlayer .point").count() >= 4
    _shot(page, "02_dyad_chart.png")

    # The 2001 point (first on the time axis) holds the treaty sentence.
    box = points.first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/evidence?*")
    assert "label=2001" in page.url
    mark = page.locator("blockquote.passage mark").filter(has_text=HIGHLIGHT_SENTENCE)
    assert mark.count() == 1
    _shot(page, "03_evidence.png")

    # From the passage into its document, scrolled to the sentence.
    page.locator("article.evidence", has=mark).locator("a.doc-link").click()
    page.wait_for_url("**/document/*")
    assert page.inner_text("mark#hl") == HIGHLIGHT_SENTENCE
    _shot(page, "04_document.png")
    assert page.errors == [] and page.outside == []


def test_script_in_document_never_runs(page, base_url):
    doc_id = db.short_hash(SCRIPT_DOC)
    page.goto(f"{base_url}/document/{doc_id}")
    text = page.inner_text("#doctext")
    assert "<script>window.__pwned=1</script>" in text  # shown as text
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.goto(f"{base_url}/search?q=pwned")
    page.wait_for_selector("blockquote.passage mark")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    _shot(page, "05_script_document.png")
    assert page.errors == [] and page.outside == []


def test_milestone_and_quotes_pages(page, base_url):
    page.goto(f"{base_url}/dyad?source=CHN&target=RUS&period=year&undirected=true")
    page.wait_for_selector("#chart-index .scatterlayer path.point")
    links = page.locator("a.milestone-link")
    assert links.count() >= 1
    links.first.click()
    page.wait_for_url("**/evidence?ids=*")
    assert page.locator("article.evidence").count() >= 1
    page.goto(f"{base_url}/quotes?speaker=putin")
    assert "Our relations are at their best" in page.inner_text("table.quotes")
    _shot(page, "06_quotes.png")
    assert page.errors == [] and page.outside == []


_HIGHEST = """() => {
  const gd = document.getElementById('chart-index'), t = gd._fullData[0];
  let bi = -1;
  t.y.forEach((v, i) => { if (v !== null && (bi < 0 || v > t.y[bi])) bi = i; });
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, r = gd.getBoundingClientRect();
  const x = r.left + xa._offset + xa.l2p(xa.d2l(t.x[bi])), y = r.top + ya._offset + ya.l2p(t.y[bi]);
  const hit = document.elementFromPoint(x, y);
  return {x, y, label: t.customdata[bi], underToolbar: !!(hit && hit.closest('.modebar'))};
}"""


def test_highest_point_of_chn_rus_is_clickable(page, base_url):
    page.goto(f"{base_url}/dyad?source=CHN&target=RUS&period=year&undirected=true")
    page.wait_for_selector("#chart-index .scatterlayer .trace .points path.point")
    page.hover("#chart-index")  # the toolbar shows on hover: it must not cover the peak
    top = page.evaluate(_HIGHEST)
    assert not top["underToolbar"]
    _shot(page, "10_highest_point.png")
    page.mouse.move(top["x"], top["y"])
    page.mouse.click(top["x"], top["y"])
    page.wait_for_url("**/evidence?*")
    assert f"label={top['label']}" in page.url
    assert page.locator("article.evidence").count() >= 1
    assert page.errors == [] and page.outside == []


_BIGGEST_BAR = """() => {
  const gd = document.getElementById('chart-breakdown');
  let best = null;
  gd._fullData.forEach((t, ti) => t.x.forEach((v, i) => {
    if (!best || v > best.v) best = {ti, i, v};
  }));
  let base = 0;
  for (let k = 0; k < best.ti; k++) base += gd._fullData[k].x[best.i];
  const t = gd._fullData[best.ti], xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const r = gd.getBoundingClientRect();
  return {x: r.left + xa._offset + xa.l2p(base + best.v / 2), y: r.top + ya._offset + ya.l2p(ya.d2l(t.y[best.i]))};
}"""


def test_dimension_bar_count_equals_its_list(page, base_url):
    page.goto(f"{base_url}/dyad?source=CHN&target=RUS&period=year&undirected=true")
    page.wait_for_selector("#chart-breakdown .barlayer .point path", state="attached")
    breakdown = page.evaluate("() => JSON.parse(document.getElementById('breakdown-data').textContent)")
    _shot(page, "11_dimension_bars.png")
    page.locator("#chart-breakdown").scroll_into_view_if_needed()
    pos = page.evaluate(_BIGGEST_BAR)
    page.mouse.move(pos["x"], pos["y"])
    page.mouse.click(pos["x"], pos["y"])
    page.wait_for_url("**/events?*")
    from urllib.parse import parse_qs, urlparse

    qs = parse_qs(urlparse(page.url).query)
    row = next(r for r in breakdown if r["dimension"] == qs["dimension"][0])
    key = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"][int(qs["quad_class"][0]) - 1]
    assert row[key] > 0
    assert page.locator("table.events-table tbody tr").count() == row[key]
    _shot(page, "12_dimension_list.png")
    assert page.errors == [] and page.outside == []


def test_phrase_search(page, base_url):
    page.goto(base_url + "/")
    page.fill("header form.search input", '"Power of Siberia"')
    page.press("header form.search input", "Enter")
    page.wait_for_url("**/search?*")
    assert "1 passage contains" in page.inner_text("#search-count")
    assert page.locator("blockquote.passage mark").all_inner_texts() == ["Power of Siberia"]
    _shot(page, "13_phrase_search.png")
    assert page.errors == [] and page.outside == []


def test_bad_date_and_unknown_actor_read_as_messages(page, base_url):
    page.goto(f"{base_url}/events?start=2024-13-45")
    msg = page.inner_text("section.error")
    assert "start" in msg and "YYYY-MM-DD" in msg and '"loc"' not in msg
    _shot(page, "14_bad_date.png")
    page.goto(f"{base_url}/dyad?source=XXX&target=RUS")
    msg = page.inner_text("section.error")
    assert "unknown actor code 'XXX'" in msg and "CHN" in msg
    _shot(page, "15_unknown_actor.png")
    assert page.errors == [] and page.outside == []


def test_csv_export_downloads_the_rows_on_screen(page, base_url):
    page.goto(f"{base_url}/events?source=CHN&target=RUS&limit=12")
    dates = page.locator("table.events-table tbody tr td:first-child").all_inner_texts()
    with page.expect_download() as dl:
        page.click("#csv-events")
    import csv

    rows = list(csv.DictReader(open(dl.value.path(), encoding="utf-8")))
    assert len(rows) == len(dates) == 12
    assert [r["date"] for r in rows] == [d.strip() for d in dates]
    _shot(page, "16_csv_export.png")
    assert page.errors == [] and page.outside == []


def test_triangle_chart_renders_six_series(page, base_url):
    page.goto(f"{base_url}/compare?triangle=true")
    page.wait_for_selector("#chart-compare .scatterlayer .trace")
    assert page.locator("#chart-compare .scatterlayer .trace").count() == 6
    assert page.locator("#chart-compare .legend .traces").count() == 6
    _shot(page, "17_triangle.png")
    assert page.errors == [] and page.outside == []


def test_api_docs_load_offline(page, base_url):
    page.goto(f"{base_url}/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    assert page.locator(".swagger-ui .opblock").count() > 5
    _shot(page, "18_api_docs.png")
    assert page.outside == []


def test_flag_an_event_as_wrong_and_undo_it(page, tmp_path):
    path = build_store(tmp_path / "rw.duckdb", n_imported=20)
    con = db.connect(path, read_only=True)
    eid = con.execute("SELECT event_id FROM events WHERE cameo = '057' AND date = '2001-07-16'").fetchall()[0][0]
    con.close()
    from playwright.sync_api import expect

    with running_server(create_app(str(path), token="s3cret")) as url:
        def n_2001() -> int:
            rows = page.request.get(url + "/api/index?source=CHN&target=RUS&period=year").json()["rows"]
            return next(r["n_events"] for r in rows if r["period"] == "2001")

        n0 = n_2001()
        page.goto(f"{url}/event/{eid}")
        page.fill("form.flag-form input[name=reason]", "treaty misdated")
        page.fill("form.flag-form input[name=token]", "wrong-token")
        page.click("button.flag-button")
        # a locator assertion, not wait_for_function: the page's CSP forbids evaluating strings
        expect(page.locator(".flag-status")).to_contain_text("token")
        assert n_2001() == n0  # a wrong token changes nothing
        page.fill("form.flag-form input[name=token]", "s3cret")
        with page.expect_navigation():
            page.click("button.flag-button")
        note = page.inner_text(".flagged-note")
        assert "Flagged as wrong" in note and "treaty misdated" in note
        assert n_2001() == n0 - 1
        _shot(page, "19_flagged_event.png")
        with page.expect_navigation():  # the token was kept for this tab
            page.click("button.unflag-button")
        assert page.locator(".flagged-note").count() == 0 and n_2001() == n0
    assert not page.errors and not page.outside
