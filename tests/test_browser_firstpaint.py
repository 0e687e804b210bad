"""A real browser: on a phone, Tren and the national map show the chart's first paint (Vega's own
SVG, drawn on the server) before the interactive chart, at the chart's place and size, and hide it
once the interactive chart has drawn; a laptop never shows it (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import ARGS, CHROMIUM, IDLE, PHONE, require_chromium, streamlit_server

pytestmark = pytest.mark.browser

# every DOM change and every 20 ms (an image finishing its decoding changes no DOM): is a first
# paint shown (and decoded), is the interactive chart drawn yet
WATCH = """
window.__fp = []; window.__box = null;
const check = () => {
  const img = document.querySelector('img.kda-fp');
  const shown = !!img && img.checkVisibility() && img.complete && img.naturalWidth > 0;
  const drawn = !!document.querySelector('.vega-embed svg, .vega-embed canvas');
  if (shown) { const r = img.getBoundingClientRect(); window.__box = [r.top + scrollY, r.height]; }
  const last = window.__fp[window.__fp.length - 1];
  if (!last || last[0] !== shown || last[1] !== drawn) window.__fp.push([shown, drawn]);
};
new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true});
setInterval(check, 20);
"""
PAGES = ("tren?kota=1671&lang=id", "peta?kota=1275&tampilan=nasional&lang=id")


def test_phone_sees_the_first_paint_then_the_interactive_chart_in_its_place(full_warehouse: Path) -> None:
    require_chromium()
    from playwright.sync_api import sync_playwright

    fp = {"DALAMANGKA_FIRSTPAINT": "1", "DALAMANGKA_FIRSTPAINT_WAIT_S": "120"}
    with streamlit_server(full_warehouse, **fp) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        for path in PAGES:
            ctx = browser.new_context(**PHONE)
            page = ctx.new_page()
            cdp = ctx.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 6})  # a phone: Vega compiles slowly
            page.add_init_script(WATCH)
            page.goto(f"{base}/{path}", timeout=60_000)
            page.wait_for_selector(IDLE, state="attached", timeout=60_000)
            page.wait_for_selector(".vega-embed svg, .vega-embed canvas", state="visible", timeout=60_000)
            page.wait_for_timeout(500)
            states = [tuple(s) for s in page.evaluate("window.__fp")]
            # the picture was on screen before the interactive chart, and gone once it drew
            assert (True, False) in states, (path, states)
            assert states[-1] == (False, True), (path, states)
            assert states.index((True, False)) < states.index((False, True))
            img = page.locator("img.kda-fp")
            assert img.count() == 1 and not img.is_visible()
            assert len(img.get_attribute("alt") or "") > 10  # the view's title, for screen readers
            # same place and height: the page does not jump when the chart replaces the picture
            top, height = page.evaluate("window.__box")
            chart = page.evaluate(
                "(() => { const r = document.querySelector('.vega-embed').getBoundingClientRect();"
                " return [r.top + scrollY, r.height]; })()"
            )
            assert abs(top - chart[0]) <= 2 and abs(height - chart[1]) <= 2, (top, height, chart)
            assert page.locator('[data-testid="stException"]').count() == 0
            ctx.close()

        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.add_init_script(WATCH)
        page.goto(f"{base}/{PAGES[0]}", timeout=60_000)
        page.wait_for_selector(".vega-embed svg", state="visible", timeout=60_000)
        page.wait_for_timeout(300)
        # a laptop draws Vega itself: it is not sent the picture (0.4 MB for the national map)
        assert page.locator("img.kda-fp").count() == 0
        assert all(not shown for shown, _ in page.evaluate("window.__fp"))
        browser.close()
