"""A real browser (Debian's Chromium through Playwright) against `streamlit run`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import ARGS, CHROMIUM, IDLE, require_chromium, streamlit_server

pytestmark = pytest.mark.browser


def test_headline_page_shows_cards_for_a_shared_link(app_url: str, tmp_path: Path) -> None:
    require_chromium()
    from playwright.sync_api import sync_playwright

    base = app_url
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        outside: list[str] = []  # a meeting room may have no internet: nothing may leave localhost
        page.on("request", lambda r: outside.append(r.url) if "127.0.0.1" not in r.url else None)
        page.goto(f"{base}/?kota=Kota+Medan", timeout=60_000)
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        # "/" switches to Ringkasan and its cards arrive one by one: wait for the population card
        # (not just the first card; CI once read the cards when 2 of them had arrived)
        page.locator(".kda-hc-value", has_text="jiwa").first.wait_for(timeout=60_000)
        assert page.get_by_role("heading", name="Ringkasan Kota Medan").is_visible()
        values = page.locator(".kda-hc-value").all_inner_texts()
        assert "2.510.147 jiwa" in values
        assert page.get_by_text("Sumber: BPS, [Metode Baru] IPM", exact=False).first.is_visible()
        assert page.locator('[data-testid="stException"]').count() == 0
        page.wait_for_timeout(1000)  # let late requests (fonts, icons) start
        assert outside == []
        page.screenshot(path=str(tmp_path / "ringkasan.png"), full_page=True)
        browser.close()


def test_a_shared_page_link_opens_first_on_a_fresh_server(full_warehouse: Path) -> None:
    """With a pages/ folder, Streamlit's legacy router would run the page file alone for the
    first session of a server; the app reroutes it through app.py (navigation, sidebar, city)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with streamlit_server(full_warehouse) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(f"{base}/tren?kota=Kota+Medan&lang=English", timeout=60_000)
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        page.get_by_role("heading", name="Trend of Kota Medan").wait_for(timeout=60_000)
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.get_by_role("link", name="Overview").wait_for(timeout=60_000)
        sidebar.get_by_text("City/regency").wait_for(timeout=60_000)  # English labels
        assert sidebar.get_by_text("Kota/kabupaten", exact=False).count() == 0
        # navigating keeps the city and the language in the URL
        sidebar.get_by_role("link", name="Overview").click()
        page.get_by_role("heading", name="Overview of Kota Medan").wait_for(timeout=60_000)
        assert "kota=1275" in page.url and "lang=en" in page.url  # codes, rewritten from the old link
        browser.close()
