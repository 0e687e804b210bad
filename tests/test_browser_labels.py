"""A real browser on every page at a laptop's and a projector's size: no button or link label is
cut short (an ellipsis, or text clipped by its column). A planner must read which indicator a
picker holds and which file a download gives; found cut in session 23: Peta's five download
columns, its indicator picker and Kepuasan's two template buttons at 1366 px. Nor is any text of
the main area fainter than WCAG's 4.5:1 on white: the captions (every source line) were 3.9:1."""

from __future__ import annotations

import pytest

from tests.browser import ARGS, CHROMIUM, IDLE, require_chromium

pytestmark = pytest.mark.browser

PATHS = (
    "ringkasan?kota=1671",
    "peta?kota=1671",
    "peta?kota=1671&tampilan=nasional",
    "tren?kota=1671",
    "bandingkan?kota=1671",
    "presentasi?kota=1671",
    "kepuasan?kota=1671",
    "katalog?kota=1671",
    "kualitas?kota=1671",
    "peta?kota=1275&lang=en",
)
# a visible button or page link with any descendant whose text overflows a box that clips it
CUT = """() => [...document.querySelectorAll('button, [data-testid="stPageLink-NavLink"]')]
  .filter(b => b.offsetParent !== null && [...b.querySelectorAll('*')].some(
    e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'))
  .map(b => b.innerText.replace(/\\s+/g, ' ').trim())"""

# visible text of the main area's markdown and captions (the source lines, notes, each page's lead)
# whose colour, after its own alpha and every ancestor's opacity, is under WCAG's 4.5:1 on white
FAINT = """() => {
  const rgba = s => { const p = s.match(/rgba?\\(([^)]+)\\)/)[1].split(',').map(Number);
                      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lin = v => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  const lum = c => { const l = c.map(lin);
                     return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]; };
  const sel = '[data-testid="stMain"] :is([data-testid="stCaptionContainer"], '
            + '[data-testid="stMarkdownContainer"]) *';
  return [...document.querySelectorAll(sel)].filter(e => e.offsetParent !== null && !e.closest('button')
      && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
    .map(e => { const c = rgba(getComputedStyle(e).color); let a = c[3];
                for (let x = e; x; x = x.parentElement) a *= parseFloat(getComputedStyle(x).opacity);
                const shown = c.slice(0, 3).map(v => v * a + 255 * (1 - a));
                return [e.innerText.slice(0, 40), Math.round(105 / (lum(shown) + 0.05)) / 100]; })
    .filter(([, ratio]) => ratio < 4.5);
}"""


@pytest.mark.parametrize("size", [(1366, 900), (1920, 1080)], ids=["laptop", "projector"])
def test_no_label_is_cut_short(app_url: str, size: tuple[int, int]) -> None:
    require_chromium()
    from playwright.sync_api import sync_playwright

    cut: dict[str, list[str]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        for path in PATHS:
            page.goto(f"{app_url}/{path}", timeout=60_000)
            page.wait_for_selector(IDLE, state="attached", timeout=60_000)
            page.wait_for_timeout(500)  # late layout (fonts, charts) settles
            assert page.locator('[data-testid="stException"]').count() == 0, path
            if labels := page.evaluate(CUT):
                cut[path] = labels
            faint = page.evaluate(FAINT)
            if faint:  # Streamlit fades stale elements during a rerun (the URL's rewrite): settled?
                page.wait_for_timeout(2000)
                faint = page.evaluate(FAINT)
            if faint:
                cut[f"{path} (faint text)"] = faint
        browser.close()
    assert cut == {}
