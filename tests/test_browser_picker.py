"""The pickers (ui.picker): a button naming the current choice opens a popover with the select
box. A real browser changes the indicator and the city with them, by mouse and by keyboard, and
the page's first screen draws no select box at all (issue 14: the costliest widget of a first
view is loaded only when a reader opens a picker)."""

from __future__ import annotations

import pytest

from tests.browser import ARGS, CHROMIUM, IDLE, require_chromium

pytestmark = pytest.mark.browser

VIEWS = ("tren?kota=1671&ind=ipm", "bandingkan?kota=1671&ind=ipm", "peta?kota=1671")


def test_pickers_change_the_view_and_the_first_screen_has_no_select_box(app_url: str) -> None:
    require_chromium()
    from playwright.sync_api import Page, sync_playwright

    def settle(page: Page) -> None:
        page.wait_for_timeout(300)
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        page.wait_for_selector(".vega-embed svg", timeout=60_000)
        assert page.locator('[data-testid="stException"]').count() == 0

    def picker(page: Page, text: str) -> object:
        return page.locator('[data-testid="stPopoverButton"]', has_text=text).first

    base = app_url
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        for view in VIEWS:
            page.goto(f"{base}/{view}", timeout=60_000)
            settle(page)
            # no select box is drawn until a picker is opened (not even hidden)
            assert page.locator('[data-testid="stSelectbox"]').count() == 0, view
            assert picker(page, "Kota Palembang").is_visible(), view

        page.goto(f"{base}/tren?kota=1671&ind=ipm", timeout=60_000)
        settle(page)
        # the indicator, by mouse: the button names it, the popover holds the select box. Once, on
        # a loaded CI machine, the first pick did not reach the URL (not reproduced with the
        # browser's CPU slowed 6x); a second try is allowed, two failures fail. In session 23 both
        # tries missed 20 s once in two CI runs (not reproduced in 9 runs alone, with both cores
        # busy, or after the other browser tests): each try now waits 45 s for the rerun
        for attempt in range(2):
            picker(page, "Indikator: IPM").click()
            page.get_by_role("combobox", name="Indikator", exact=True).click()
            option = page.get_by_role("option", name="TPT", exact=True)
            option.wait_for(timeout=30_000)
            option.click()
            try:
                page.wait_for_function("() => location.search.includes('ind=tpt')", timeout=45_000)
                break
            except Exception:
                if attempt:
                    raise
                page.goto(f"{base}/tren?kota=1671&ind=ipm", timeout=60_000)  # start again
                settle(page)
        settle(page)
        assert picker(page, "Indikator: TPT").is_visible()
        titles = " ".join(page.locator(".vega-embed svg .role-title-text").all_text_contents())
        assert "Tingkat pengangguran terbuka (TPT)" in titles, titles

        # the city, by keyboard: focus the sidebar's button, open it, type, Enter
        picker(page, "Kota Palembang").focus()
        page.keyboard.press("Enter")
        box = page.get_by_role("combobox", name="Kota/kabupaten", exact=True)
        box.wait_for(timeout=30_000)
        box.focus()
        page.keyboard.type("Kota Medan")
        page.keyboard.press("Enter")
        page.wait_for_function("() => location.search.includes('kota=1275')", timeout=30_000)
        settle(page)
        assert page.get_by_role("heading", name="Tren Kota Medan").is_visible()
        assert picker(page, "Kota Medan").is_visible()
        assert "ind=tpt" in page.url  # the indicator stays
        browser.close()
