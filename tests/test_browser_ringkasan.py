"""Ringkasan on a phone (390 × 844) in a real browser: the cards keep the policy order, one per
row, and the IPM card is within the first two screens (issue 16); its "Tentang data" opens from
the keyboard and its "Catat" links to the note form on its figure (issue 14)."""

from __future__ import annotations

import pytest

from dalamangka import config
from tests.browser import ARGS, CHROMIUM, IDLE, require_chromium

pytestmark = pytest.mark.browser


def test_phone_shows_ipm_first_and_keeps_the_policy_order(app_url: str) -> None:
    require_chromium()
    from playwright.sync_api import sync_playwright

    base = app_url
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"{base}/?kota=Kota+Pekalongan", timeout=60_000)
        page.wait_for_selector(".kda-hc-value", timeout=60_000)
        page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        cards = page.locator("[class*='st-key-ringkasan_card_']")
        boxes = []
        for i in range(cards.count()):
            card = cards.nth(i)
            key = next(c for c in (card.get_attribute("class") or "").split() if c.startswith("st-key-"))
            boxes.append((key.removeprefix("st-key-ringkasan_card_"), card.bounding_box()))
        assert len(boxes) >= 8
        code, ipm = boxes[0]
        assert code in config.HEADLINE_SLOTS[0] and ipm is not None
        assert ipm["y"] < 2 * 844  # within the first two screens
        assert page.get_by_text("IPM (seri DA 2026)").first.is_visible()
        # one card per row, in the policy order of the page
        ys = [b["y"] for _, b in boxes if b is not None]
        xs = {round(b["x"]) for _, b in boxes if b is not None}
        assert ys == sorted(ys) and len(xs) == 1
        slot_of = {c: i for i, slot in enumerate(config.HEADLINE_SLOTS) for c in slot}
        order = [slot_of[c] for c, _ in boxes]
        assert order == sorted(order)
        # "Tentang data": a native disclosure at the end of each card, closed; Enter opens it
        about = page.locator("[class*='st-key-ringkasan_card_'] details.kda-about").first
        assert about.get_attribute("open") is None and not about.get_by_text("Definisi").is_visible()
        about.locator("summary").focus()
        page.keyboard.press("Enter")
        assert about.get_attribute("open") is not None and about.get_by_text("Definisi").is_visible()
        assert page.locator("details.kda-about").count() == len(boxes)
        # "Catat": a link to the Catatan page pinned to the first card's indicator and year
        first = cards.nth(0)
        catat = first.get_by_role("link", name="Catat", exact=True)
        href = catat.get_attribute("href") or ""
        year = first.locator(".kda-hc-badge").first.inner_text().split(" · ")[0]
        assert href.startswith("catatan?") and f"ind={code}" in href and f"tahun={year}" in href, href
        assert page.locator('[data-testid="stException"]').count() == 0
        browser.close()
