"""Links and QR codes as a meeting room uses them, in a real browser (Chromium + Playwright).

The app is served on a non-default port and address: each QR code of an example deck decodes
(zxing-cpp) to a short link on that address (never localhost:8501) that opens, in a fresh
phone-sized context, the slide's title, message and chart, with one tap to the full page.
Every page path opens directly (three of them as a fresh server's first request); a Bahasa
link opened with ``lang=en`` shows the same view; ``?kota=Nowhere`` shows the notice.
"""

from __future__ import annotations

import base64
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dalamangka import deck
from tests.browser import ARGS, CHROMIUM, IDLE, PHONE, require_chromium, streamlit_server

pytestmark = pytest.mark.browser
ADDRESS = "127.0.0.2"  # a loopback address other than the default, on a free (non-8501) port
PATHS = {
    "ringkasan": "Ringkasan Kota Medan",
    "peta": "Peta Kota Medan",
    "tren": "Tren Kota Medan",
    "bandingkan": "Kota Medan",  # the chart-first page leads with its view's title
    "presentasi": "Presentasi",
    "katalog": "Katalog metadata indikator",
    "kualitas": "Kualitas data Kota Medan",
    "impor": None,  # issue 11's page: it must open, its heading is its own
}
# each opened as the first request of a fresh server: the default page's own path (quirk 1 of
# dalamangka/ui/router.py), a chart page and the page without a heading. That every page file
# leaves the legacy router first is tests/test_router.py's (all pages, in-process); Tren's English
# link on a fresh server is tests/test_browser.py's. Eight fresh servers took 143 s of the suite.
FRESH = ("ringkasan", "peta", "impor")


def shots() -> Path:
    out = Path(os.environ.get("DALAMANGKA_SCREENSHOTS", "/tmp/shots-13"))
    out.mkdir(parents=True, exist_ok=True)
    return out


def ready(page: Any) -> None:
    page.wait_for_selector(IDLE, state="attached", timeout=60_000)
    page.wait_for_selector(
        '[data-testid="stSidebar"], .kda-slide, .kda-phone', state="attached", timeout=60_000
    )
    page.wait_for_selector(IDLE, state="attached", timeout=60_000)


@pytest.fixture(scope="module")
def room_url(full_warehouse: Path) -> Iterator[str]:
    """The app on :data:`ADDRESS`, shared by this file's warm-server checks."""
    require_chromium()
    with streamlit_server(full_warehouse, ADDRESS) as base:
        yield base


def test_every_page_path_opens_directly(full_warehouse: Path, room_url: str) -> None:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        # one tab for every view: each navigation opens a new Streamlit session (a server's first
        # request below is still that server's first), and the tab's renderer keeps Streamlit's
        # compiled JavaScript: a view in a new tab costs Chromium ~2.5x the CPU (measured)
        page = browser.new_page(viewport={"width": 1366, "height": 900})

        def opens(base: str, path: str, heading: str | None, typed: str = "") -> None:
            page.goto(f"{base}/{typed or path}?kota=1275", timeout=60_000)
            ready(page)
            if heading:  # the page itself was drawn (a compact heading or line), not only a shell
                page.get_by_text(heading, exact=False).first.wait_for(timeout=60_000)
            assert page.get_by_text("Page not found").count() == 0, path
            assert page.locator('[data-testid="stException"]').count() == 0, path
            assert f"/{path}" in page.url and "kota=1275" in page.url, path

        for path in FRESH:  # each the first request of a fresh server (legacy router)
            with streamlit_server(full_warehouse, ADDRESS) as base:
                # as people type it (Streamlit itself said "Page not found" to these)
                opens(base, path, PATHS[path], typed="Peta/" if path == "peta" else "")
        base = room_url
        for path, heading in PATHS.items():  # on the shared server (the cold ones are above)
            opens(base, path, heading)
        page.goto(f"{base}/?kota=Kota+Medan", timeout=60_000)  # the root opens /ringkasan
        page.get_by_role("heading", name="Ringkasan Kota Medan").wait_for(timeout=60_000)
        page.wait_for_function("() => location.pathname.endsWith('/ringkasan')", timeout=30_000)
        page.wait_for_function("() => location.search.includes('kota=1275')", timeout=30_000)
        # an unknown region is named, never silently swapped
        page.goto(f"{base}/tren?kota=Nowhere", timeout=60_000)
        page.get_by_text("Wilayah “Nowhere” di tautan (kota=) tidak dikenal", exact=False).wait_for(
            timeout=60_000
        )
        assert page.get_by_text("ditampilkan Kota Pangkal Pinang", exact=False).first.is_visible()
        opens(base, "tren", PATHS["tren"], typed="TREN")  # any case opens the page it names
        # a path that names no page: Ringkasan, with a notice naming the path (not Streamlit's
        # English "Page not found")
        page.goto(f"{base}/penduduk?kota=1275", timeout=60_000)
        page.get_by_text("Halaman “/penduduk” tidak ada; ditampilkan Ringkasan", exact=False).wait_for(
            timeout=60_000
        )
        page.wait_for_function("() => location.pathname.endsWith('/ringkasan')", timeout=30_000)
        assert page.get_by_text("Page not found").count() == 0
        page.screenshot(path=str(shots() / "notice_kota_nowhere_1366.png"))
        # a Bahasa link opened with lang=en: the same indicator, region and year
        link = f"{base}/bandingkan?kota=1275&ind=tpt&tahun=2023&lang=id"
        values = {}
        for lang in ("id", "en"):
            page.goto(link.replace("lang=id", f"lang={lang}"), timeout=60_000)
            page.wait_for_selector(".vega-embed svg", timeout=60_000)
            ready(page)
            bar = page.locator(".vega-embed svg").first
            labels = bar.locator(".role-axis-label text").all_text_contents()
            values[lang] = (
                sorted(
                    t for t in labels if t.partition(". ")[2].startswith(("Kota", "Kab"))
                ),  # "3. Kota Medan"
                " ".join(bar.locator(".role-title-text").all_text_contents()),
            )
            assert "ind=tpt" in page.url and "tahun=2023" in page.url and "kota=1275" in page.url
        assert values["id"][0] == values["en"][0] and values["id"][0]  # the same regions
        assert "TPT 2023" in values["id"][1] and "Unemployment 2023" in values["en"][1], values
        browser.close()


def test_qr_codes_open_the_slide_on_a_phone(room_url: str) -> None:
    require_chromium()
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image
    from playwright.sync_api import sync_playwright

    name = "medan"
    d = deck.examples()[name]
    out = shots()
    base = room_url
    with sync_playwright() as p:
        assert ":8501" not in base
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        room = browser.new_page(viewport={"width": 1280, "height": 720})
        for i, slide in enumerate(d.slides, start=1):
            room.goto(f"{base}/presentasi?dek={name}&putar=1&slide={i}", timeout=60_000)
            room.wait_for_selector(f'.kda-slide[data-slide="{i}"]', timeout=60_000)
            room.wait_for_selector(IDLE, state="attached", timeout=60_000)
            src = str(room.locator(".kda-qr img").get_attribute("src"))
            img = Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1]))).convert("L")
            decoded = [r.text for r in zxingcpp.read_barcodes(img)]
            assert len(decoded) == 1 and decoded[0].startswith(base + "/presentasi?")
            assert "localhost:8501" not in decoded[0] and len(decoded[0]) < 100
            # a fresh phone: no cookies, no session, 390 px wide
            phone_ctx = browser.new_context(**PHONE)
            phone = phone_ctx.new_page()
            phone.goto(decoded[0], timeout=60_000)
            phone.wait_for_selector(".kda-phone", timeout=60_000)
            phone.wait_for_selector(IDLE, state="attached", timeout=60_000)
            assert phone.locator(".kda-phone-title").inner_text() == deck.text(slide.title, "id")
            message = phone.locator(".kda-phone-message").inner_text().replace("\xa0", " ")
            assert message == deck.text(slide.message, "id")
            if slide.page == "ringkasan":
                phone.wait_for_selector(".kda-cards", timeout=60_000)
            else:
                phone.locator(".main-svg, .vega-embed svg").first.wait_for(timeout=60_000)
                chart = phone.locator(
                    ".st-key-presentasi_phone_chart"
                )  # plotly; a Vega chart has no key class
                if not chart.count():
                    chart = phone.locator('[data-testid="stVegaLiteChart"]').first
                box = chart.bounding_box()
                assert box is not None and box["width"] <= 390 and box["y"] < 844  # the chart is first
                legend, plot = (
                    chart.locator(".legend").first,
                    chart.locator(".bglayer, .choroplethlayer").first,
                )
                if chart.locator(".main-svg").count() == 0:  # Vega-Lite: its own layout (tests/test_vega.py)
                    box = chart.bounding_box()
                elif legend.count() and plot.count():
                    assert legend.bounding_box()["y"] >= plot.bounding_box()["y"]  # type: ignore[index]  # legend below
                ticks = chart.locator(".xtick text").all_text_contents()
                assert len(ticks) <= 8  # ticks do not collapse into each other
                room_legend = sorted(
                    room.locator(f".st-key-presentasi_chart_{i} .legendtext").all_text_contents()
                )
                assert sorted(chart.locator(".legendtext").all_text_contents()) == room_legend
            phone.screenshot(path=str(out / f"phone_{name}_{i}_390.png"), full_page=True)
            # one tap to the full page (the button opens the view's own link)
            href = str(
                phone.get_by_role("link", name="Buka halaman", exact=False).first.get_attribute("href")
            )
            assert href.startswith(f"{base}/{slide.page}?kota=1275")
            if i == 3:  # follow one: the page opens on the phone with the same view
                phone.goto(href, timeout=60_000)
                phone.get_by_role("heading", name="Tren Kota Medan").wait_for(timeout=60_000)
                phone.wait_for_selector(".vega-embed svg", timeout=60_000)
            phone_ctx.close()
        room.screenshot(path=str(out / "presentasi_room_1280.png"))
        browser.close()
