"""A real browser (Debian's Chromium through Playwright) on the Peta page opened from a shared URL:
the kecamatan choropleth is drawn (one SVG path per kecamatan, no tile or topojson requests), a
click on a kecamatan opens its profile, and the national view draws all 514 kab/kota."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.browser import ARGS, CHROMIUM, IDLE, PHONE, require_chromium

pytestmark = pytest.mark.browser
SHOTS = (
    Path(os.environ.get("DALAMANGKA_SCREENSHOTS", "")) if os.environ.get("DALAMANGKA_SCREENSHOTS") else None
)
# the map is Vega-Lite (issue 14): its first layer draws one SVG path per region, each with an
# aria-label of its own (name, value and year, rank, share, class: vegamap.DESCRIPTION)
SHAPES = ".vega-embed svg g.layer_0_marks path"
OUTLINE = ".vega-embed svg g.role-mark:not(.layer_0_marks) path"


def _equal_interval_labels(warehouse: Path) -> list[str]:
    import duckdb

    from dalamangka import maps, sql

    con = duckdb.connect(str(warehouse), read_only=True)
    values = sql.run(
        con, "map_kecamatan_values", kota="1671", indicator="penduduk_sp2010_olah_cepat", tahun=2010
    )
    con.close()
    return maps.legend_labels(maps.classify(values.nilai, "equal", 5), 0, "id")


def test_peta_shared_url_draws_the_choropleth(app_url: str, full_warehouse: Path, tmp_path: Path) -> None:
    require_chromium()
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    base = app_url
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1300})
        page.on(
            "request",
            lambda r: outside.append(r.url) if not r.url.startswith((base, "data:", "blob:")) else None,
        )
        query = (
            "kota=Kota+Palembang&peta_indikator=Penduduk+SP2010+%28olah+cepat%29"
            "&peta_klasifikasi=Interval+sama"
        )
        url = f"{base}/peta?{query}"
        page.goto(url, timeout=60_000)
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        page.wait_for_selector(SHAPES, state="attached", timeout=60_000)
        # 16 kecamatan with a figure in their class traces + 2 "tidak ada data" = 18, each drawn once
        assert page.locator(SHAPES).count() == 18
        assert page.get_by_text("tidak ada data (2 wilayah)").first.is_visible()
        assert page.get_by_text("Sumber: BPS, Hasil Olah Cepat SP2010", exact=False).first.is_visible()
        assert page.get_by_text("Jakabaring, Ilir Timur Tiga", exact=False).first.is_visible()
        assert page.locator('[data-testid="stException"]').count() == 0
        # the classification came from the URL: the legend shows mapclassify's equal intervals
        assert page.get_by_text(_equal_interval_labels(full_warehouse)[0]).first.is_visible()
        page.screenshot(path=str((SHOTS or tmp_path) / "peta_palembang.png"), full_page=True)

        # click a kecamatan: its profile opens beside/under the map
        page.locator(SHAPES).first.click(force=True)
        page.get_by_role("heading", name="Kecamatan ", exact=False).wait_for(timeout=60_000)
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        assert page.get_by_text("kelurahan", exact=False).first.is_visible()

        boundaries: list[int] = []  # the national boundaries come as a file, fetched once
        page.on(
            "response",
            lambda r: boundaries.append(r.status) if "/app/static/geo/batas-" in r.url else None,
        )
        page.goto(f"{base}/peta?kota=Kota+Medan&peta_tampilan=Kab%2Fkota+se-Indonesia", timeout=60_000)
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        page.wait_for_selector(SHAPES, state="attached", timeout=60_000)
        assert boundaries == [200]
        assert page.locator(SHAPES).count() == 514  # every kab/kota, once
        assert page.locator(OUTLINE).count() == 1  # Medan's outline
        assert page.locator(".js-plotly-plot").count() == 0
        page.screenshot(path=str((SHOTS or tmp_path) / "peta_nasional.png"), full_page=True)

        # click Kota Palembang on the national map: it becomes the chosen city, kecamatan view
        palembang = page.locator(f'{SHAPES}[aria-label^="Kota Palembang; "]')
        assert palembang.count() == 1
        palembang.click(force=True)
        page.get_by_role("heading", name="Peta Kota Palembang").wait_for(timeout=60_000)
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        assert "kota=1671" in page.url
        page.wait_for_selector(SHAPES, state="attached", timeout=60_000)
        assert page.locator(SHAPES).count() == 18
        browser.close()
    # the map itself asks nothing from outside: no basemap tiles, no topojson from plotly's CDN
    # (other parts of the app may, e.g. an icon font; they are not this test's business)
    map_hosts = ("plot.ly", "topojson", "tile", "carto", "mapbox")
    map_requests = [u for u in outside if any(w in u for w in map_hosts)]
    assert not map_requests, map_requests[:5]


def test_a_wide_city_map_on_a_phone_has_no_blank_band(app_url: str, tmp_path: Path) -> None:
    """Kota Pangkal Pinang is wider than tall: on a 390 px phone its map is drawn 450 px tall (the
    kecamatan and the legend), not 671 px with ~220 px blank; the first-paint picture has the same
    height, so nothing moves when the map replaces it. On a laptop the map column is wider and
    the map taller; a tall city (Medan) keeps the whole height (dalamangka.mapfit)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    def drawn(page: Any, url: str) -> tuple[int, int, list[int]]:
        page.goto(url, timeout=60_000)
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        page.wait_for_selector(SHAPES, state="attached", timeout=60_000)
        box = page.locator('[data-testid="stVegaLiteChart"]').first.bounding_box()
        pictures = page.evaluate("[...document.querySelectorAll('img.kda-fp')].map(i => i.naturalHeight)")
        return round(box["width"]), round(box["height"]), pictures

    base = app_url
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        phone = browser.new_page(**PHONE)
        width, height, pictures = drawn(phone, f"{base}/peta?kota=1971")
        assert (width, height) == (358, 450)
        assert pictures in ([], [450])  # the picture, when there was one in time, is as tall
        phone.screenshot(path=str((SHOTS or tmp_path) / "peta_pangkalpinang_phone.png"))
        assert drawn(phone, f"{base}/peta?kota=1275")[:2] == (358, 671)
        laptop = browser.new_page(viewport={"width": 1366, "height": 900})
        width, height, _ = drawn(laptop, f"{base}/peta?kota=1971")
        assert width > 358 and 450 < height <= 671
        browser.close()


def test_the_national_list_scrolls_beside_the_map_and_the_controls_stay_on_the_first_screen(
    app_url: str, tmp_path: Path
) -> None:
    """The national map's ranked list scrolls in a box as tall as the map beside it (pages/peta.py,
    ``LIST_HEIGHT``): on a 1366x900 laptop the controls under the map (indicator, year) are on
    the first screen, and "Daftar lengkap" puts all 514 kab/kota in that box, not down the page
    (whole labels of its download buttons: tests/test_browser_labels.py)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(f"{app_url}/peta?kota=1275&tampilan=nasional", timeout=60_000)
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        page.wait_for_selector(SHAPES, state="attached", timeout=60_000)
        box = page.locator(".st-key-peta_daftar")
        picker = page.get_by_role("button", name="Indikator: ", exact=False).first
        assert picker.bounding_box()["y"] + picker.bounding_box()["height"] <= 900
        assert box.get_by_text("26. Kota Medan", exact=False).is_visible()
        page.get_by_text("Daftar lengkap").click()
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        box.get_by_text("514. ", exact=False).wait_for(state="attached", timeout=60_000)
        size = box.evaluate("b => [b.clientHeight, b.scrollHeight]")
        assert size[0] <= 400 < size[1], size  # the 514 lines scroll inside the box
        assert picker.bounding_box()["y"] + picker.bounding_box()["height"] <= 900
        page.screenshot(path=str((SHOTS or tmp_path) / "peta_nasional_laptop.png"))
        browser.close()
