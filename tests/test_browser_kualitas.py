"""A real browser (Debian's Chromium through Playwright) on the Kualitas Data page and the
Tentang data panel, against `streamlit run` on a built warehouse."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest

from tests.browser import ARGS, CHROMIUM, IDLE, require_chromium

pytestmark = pytest.mark.browser
SHOTS = (
    Path(os.environ.get("DALAMANGKA_SCREENSHOTS", "")) if os.environ.get("DALAMANGKA_SCREENSHOTS") else None
)


def _shot(page, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    page.screenshot(path=str((SHOTS or tmp_path) / name), full_page=True)


def test_kualitas_page_and_about_panel(app_url: str, tmp_path: Path) -> None:
    require_chromium()
    from playwright.sync_api import sync_playwright

    base = app_url
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(f"{base}/?kota=Kota+Medan", timeout=60_000)
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        page.get_by_role("link", name="Kualitas data").click()
        page.wait_for_url("**/kualitas**", timeout=60_000)
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        page.wait_for_selector("table.kda-rt", timeout=60_000)  # the summary
        page.get_by_role("heading", name="Kualitas data Kota", exact=False).wait_for(timeout=60_000)
        page.wait_for_selector(".vega-embed svg .role-mark", timeout=60_000)  # the heat map, drawn
        assert page.locator(".vega-embed").count() == 1 and page.locator(".js-plotly-plot").count() == 0
        assert page.locator('[data-testid="stDataFrame"]').count() == 0  # no table JS on the first screen
        assert page.locator(".vega-embed svg .mark-rect path").count() > 20  # one cell per indicator-year
        # every row of the heat map is labelled: none of its row labels is hidden as overlapping
        # (Vega hid every other one in the browser; the server-drawn picture showed them all)
        rows = page.evaluate(
            """() => [...document.querySelectorAll('.vega-embed svg text')]
                 .filter(t => t.textContent.includes(' · '))
                 .map(t => t.getAttribute('opacity') === '0' ? 0 : 1)"""
        )
        assert len(rows) > 40 and sum(rows) == len(rows), f"{len(rows) - sum(rows)} row labels hidden"
        assert page.get_by_text("Sumber: semua sumber di gudang data", exact=False).first.is_visible()
        assert page.get_by_text("Unduh laporan kualitas data (XLSX)").is_visible()
        assert page.locator('[data-testid="stException"]').count() == 0
        _shot(page, tmp_path, "kualitas.png")
        chart = page.locator(".vega-embed").first
        chart.screenshot(path=str((SHOTS or tmp_path) / "heatmap.png"))

        with page.expect_download(timeout=60_000) as download:
            page.get_by_text("Unduh laporan kualitas data (XLSX)").click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert saved.name.startswith("kualitas_data_") and saved.suffix == ".xlsx"
        book = openpyxl.load_workbook(saved, read_only=True)
        assert book.sheetnames[0] == "Ringkasan"
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)

        page.get_by_role("tab", name="Konsistensi").click()
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=60_000)  # drawn when opened
        assert "tab=cek" in page.url
        page.get_by_text("semua wilayah", exact=True).click()
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        page.get_by_text("Jumlah kecamatan ≠ total kab/kota (9)").wait_for(timeout=60_000)
        assert "cakupan=semua" in page.url
        assert page.get_by_text("Kota/kabupaten").first.is_visible()  # the app's sidebar stays
        _shot(page, tmp_path, "kualitas_konsistensi.png")

        page.goto(f"{base}/?kota=Kota+Palembang", timeout=60_000)
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        page.wait_for_selector(".kda-hc-value", timeout=60_000)
        # a card's "Tentang data": a native disclosure in the card (issue 14), opened by a click
        page.locator("details.kda-about > summary", has_text="Tentang data").first.click()
        page.get_by_text("Sumber (publikasi dan tabel)").first.wait_for(timeout=30_000)
        assert page.get_by_text("Definisi").first.is_visible()
        assert page.locator('[data-testid="stException"]').count() == 0
        _shot(page, tmp_path, "ringkasan_tentang_data.png")
        browser.close()
