"""A real browser (Debian's Chromium through Playwright) opens a shared link of Tren and of
Bandingkan and sees the same selection and chart the link describes."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.browser import ARGS, CHROMIUM, IDLE, require_chromium

pytestmark = pytest.mark.browser

TREN = {
    "kota": "Kota Palembang",
    "tren_indikator": "TPT",
    "tren_set": "Kota se-provinsi",
    "tren_mode": "Perubahan dari tahun sebelumnya",
}
BANDINGKAN = {
    "kota": "Kota Tanjung Pinang",
    "bandingkan_indikator": "TPT",
    "bandingkan_tahun": "2023",
    "bandingkan_set": "Kota berpenduduk serupa",
    "bandingkan_pita": "±25 %",
}


def test_shared_links_reopen_the_same_views(app_url: str, tmp_path: Path) -> None:
    require_chromium()
    from playwright.sync_api import Page, sync_playwright

    def open_link(page: Page, url: str) -> None:
        page.goto(url, timeout=60_000)
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        page.wait_for_selector(".js-plotly-plot, .vega-embed svg", timeout=60_000)
        assert page.locator('[data-testid="stException"]').count() == 0

    def picked(page: Page, label: str) -> str:
        """The choice a picker shows on its button ("Indikator: TPT", ui.picker)."""
        button = page.locator('[data-testid="stPopoverButton"]', has_text=f"{label}:").first
        return button.inner_text().split(":", 1)[1].splitlines()[0].strip()  # then the icon's name

    def pressed(page: Page) -> list[str]:
        """Labels of the active buttons of every segmented control."""
        return page.locator('[data-testid="stButtonGroup"] button[aria-checked="true"]').all_inner_texts()

    base = app_url
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 2200})

        open_link(page, f"{base}/tren?{urlencode(TREN)}")
        assert page.get_by_role("heading", name="Tren Kota Palembang").is_visible()
        assert picked(page, "Indikator") == "TPT"
        assert "Kota se-provinsi" in pressed(page)
        page.get_by_role("button", name="Pengaturan lain").click()  # mode, base year, regions
        page.wait_for_timeout(300)
        assert "Perubahan dari tahun sebelumnya" in pressed(page)
        page.keyboard.press("Escape")
        chart = page.locator(".vega-embed svg").first  # Tren draws Vega-Lite (issue 14)
        titles = chart.locator(".role-title-text").all_text_contents()
        assert any("Tingkat pengangguran terbuka (TPT)" in t for t in titles), titles
        assert "Perubahan (poin)" in chart.locator(".role-axis-title").all_text_contents()
        legend = chart.locator(".role-legend-label").all_text_contents()
        assert "Kota Palembang" in legend and "Kota Lubuk Linggau" in legend
        assert page.get_by_text("Sumber: BPS", exact=False).first.is_visible()
        # the view, as codes; the old set= quick pick rewritten to the comparison group (grup=)
        for part in ("kota=1671", "ind=tpt", "grup=provinsi", "mode=perubahan"):
            assert part in page.url
        assert "set=" not in page.url
        page.screenshot(path=str(tmp_path / "tren.png"), full_page=True)

        open_link(page, f"{base}/bandingkan?{urlencode(BANDINGKAN)}")
        for part in ("kota=2172", "ind=tpt", "tahun=2023", "grup=mirip-25"):  # old set= link, rewritten
            assert part in page.url
        assert picked(page, "Tahun") == "2023"  # the year in a picker, as the indicator
        bar = page.locator(".vega-embed svg").first  # Bandingkan draws Vega-Lite (issue 14)
        titles = " ".join(bar.locator(".role-title-text, .role-title-subtitle").all_text_contents())
        assert "TPT 2023" in titles and "±25 %" in titles, titles
        assert "Kota Tanjung Pinang" in " ".join(bar.locator(".role-axis-label text").all_text_contents())
        assert page.get_by_text("TPT Kota Tanjung Pinang 2023 sebesar 4,76 %", exact=False).first.is_visible()
        page.screenshot(path=str(tmp_path / "bandingkan.png"), full_page=True)
        # Grafik / Peta / Tabel: a click on a tab writes tab= and draws that tab (the table's grid)
        page.get_by_role("tab", name="Tabel").click()
        page.wait_for_function("() => location.search.includes('tab=tabel')", timeout=30_000)
        page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
        page.get_by_role("tab", name="Peta").click()
        page.wait_for_function("() => location.search.includes('tab=peta')", timeout=30_000)
        page.get_by_text("TPT 2023 di peta", exact=False).first.wait_for(timeout=60_000)
        browser.close()


SEED_CODES = ("1971", "1671", "1275", "3375", "2172")
CHART = '[data-testid="stVegaLiteChart"], .vega-embed'


@pytest.mark.parametrize("size", [(1366, 900), (390, 844)], ids=["laptop", "phone"])
def test_tren_chart_starts_in_the_upper_third(app_url: str, size: tuple[int, int]) -> None:
    """Issue 15: the chart's top edge is in the upper third of the first screen for each seed
    city (on a phone Streamlit collapses the sidebar by itself)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    width, height = size
    base = app_url
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        for kode in SEED_CODES:
            page.goto(f"{base}/tren?kota={kode}&ind=ipm&lang=id", timeout=60_000)
            page.wait_for_selector(IDLE, state="attached", timeout=60_000)
            page.wait_for_selector(".vega-embed svg", timeout=60_000)
            assert page.locator('[data-testid="stException"]').count() == 0
            box = page.locator(CHART).first.bounding_box()
            assert box is not None
            assert box["y"] < height / 3, (kode, size, box)
            # the year axis keeps distinct year labels (no "2 2 2" at 390 px)
            years = [t for t in page.locator(".vega-embed svg .role-axis-label text").all_text_contents()
                     if t.isdigit() and len(t) == 4]  # fmt: skip
            assert len(years) >= 2 and len(set(years)) == len(years), (kode, years)
        browser.close()
