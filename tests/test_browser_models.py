"""Model pages in a real Chromium: regimes on the CHN–RUS chart, the scenario page (four
scenarios against the baseline), forecast fan chart and triangle; the report's models section."""
from __future__ import annotations

import pytest
from conftest_web import build_store, running_server
from test_browser_workbench import _require_chromium, _shot  # noqa: F401  (same launch and screenshots)

from entente.views.api import create_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    path = build_store(tmp_path_factory.mktemp("browser-models") / "t.duckdb")
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
    ctx.set_default_timeout(90_000)  # the scenario page simulates on request
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.errors = errors
    yield pg
    ctx.close()


def test_regimes_scenarios_forecast_triangle_pages(page, base_url):
    page.goto(f"{base_url}/models/regimes?source=CHN&target=RUS&period=year")
    page.wait_for_selector("#chart-regimes .scatterlayer .trace", state="attached")
    assert page.locator("#chart-regimes .layer-below .shapelayer path").count() >= 1  # regime bands
    assert page.locator("table.regimes tr.regime").count() >= 1
    _shot(page, "m1_regimes.png")
    page.goto(f"{base_url}/models/scenarios?paths=2000")
    page.wait_for_selector("#chart-sc-5 .scatterlayer .trace", state="attached")
    assert page.locator("table.scenarios tr.scenario").count() == 4
    assert page.locator("#chart-sc-0 .legend .traces").count() >= 5  # baseline + four scenarios
    _shot(page, "m2_scenarios.png")
    page.goto(f"{base_url}/models/forecast?dyads=CHN-RUS")
    page.wait_for_selector("#chart-fc-0 .scatterlayer .trace", state="attached")
    page.goto(f"{base_url}/models/triangle")
    page.wait_for_selector("#chart-triangle .scatterlayer .trace", state="attached")
    assert page.locator("#chart-triangle .scatterlayer .trace").count() == 6
    assert page.errors == []


def test_report_has_regimes_and_scenarios(tmp_path):
    from entente.store import db
    from entente.views.report import write_report

    con = db.connect(build_store(tmp_path / "r.duckdb"), read_only=True)
    html = write_report(con, a="CHN", b="RUS", out=tmp_path / "r.html").read_text()
    con.close()
    assert "id=regimes" in html and "id=scenarios" in html
    assert "Taiwan crisis" in html and "Putin leaves office" in html
    assert "http" not in html.lower().replace("&#104;ttp", "")


def _store_with_collapse(path):
    """The web test store plus ten hostile years of CHN→RUS (2004–13) before its
    cooperative decade: one clear regime change for the dyad chart's bands."""
    from entente import codes
    from entente.store import db

    build_store(path)
    con = db.connect(path)
    rows = []
    for year in range(2004, 2014):
        for k in range(12):
            cameo = ("111", "130", "172")[k % 3]
            c, date = codes.lookup(cameo), f"{year}-{k + 1:02d}-10"
            rows.append((f"hx{year}{k:02d}", "gdelt", None, None, None, None, None, None, "CHN", "RUS", None, None,
                         cameo, cameo[:2], c.quad_class, c.plover or None, c.goldstein, date, "day",
                         db.date_start(date), "military", None, "gdelt", None, f"8{year}{k:02d}",
                         "https://example.org/b"))
    con.executemany(f"INSERT INTO events ({db.CODED_EVENT_COLUMNS}) VALUES (" + ", ".join(["?"] * 26) + ")", rows)
    con.close()
    return path


def test_dyad_chart_draws_regime_bands(page, tmp_path):
    path = _store_with_collapse(tmp_path / "collapse.duckdb")
    with running_server(create_app(str(path))) as url:
        page.goto(f"{url}/dyad?source=CHN&target=RUS&period=year")
        page.wait_for_selector("#chart-index .scatterlayer .trace", state="attached")
        rg = page.evaluate("JSON.parse(document.getElementById('regime-data').textContent)")
        assert "2014" in rg["breaks"]  # the hostile decade ends where the cooperative one starts
        labels = [b["label"] for b in rg["bands"]]
        held = [b for b in rg["bands"] if b["x0"] <= "2010-01-01" < b["x1"]]
        assert held[0]["label"] == "hostile" and labels[-1] == "cooperative"  # by mean Goldstein per event
        # the bands are drawn: one rect per regime in the layout and on screen, behind the traces
        shapes = page.evaluate("document.getElementById('chart-index').layout.shapes.filter(s => s.type === 'rect')")
        assert len(shapes) == len(rg["bands"]) >= 2
        first = [s for s in shapes if s["x0"].startswith("2014")]
        assert len(first) == 1 and first[0]["fillcolor"] == rg["colors"]["cooperative"]
        assert page.locator("#chart-index .layer-below .shapelayer path").count() >= len(rg["bands"])
        assert page.locator("#regime-note").count() == 1
        assert page.locator("#chart-index .scatterlayer .trace").count() >= 2  # net cooperation + milestones
        _shot(page, "m0_dyad_regimes.png")
        page.goto(f"{url}/dyad?source=CHN&target=RUS&period=decade")  # too few periods: chart without bands
        page.wait_for_selector("#chart-index .scatterlayer .trace", state="attached")
        assert page.evaluate("(document.getElementById('chart-index').layout.shapes || []).length") == 0
    assert page.errors == []
