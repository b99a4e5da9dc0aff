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
from conftest_web import HIGHLIGHT_SENTENCE, SCRIPT_DOC, build_store, running_server

from entente.store import db
from entente.views.api import create_app

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[1] / "test-output" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _require_chromium() -> str:
    if CHROMIUM:
        return CHROMIUM
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail("CI is set but no chromium executable was found on PATH (apt-get install chromium)")
    pytest.skip("chromium is not installed (apt-get install -y chromium); browser tests need it")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    path = build_store(tmp_path_factory.mktemp("browser") / "t.duckdb")
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
