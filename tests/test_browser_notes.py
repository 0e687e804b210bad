"""A real browser on the Catatan FGD page: a participant writes a note with hostile text from a
phone-sized context, and the presenter's room view (another browser context, projector size)
shows it within seconds, as inert text (the rendered DOM is checked)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dalamangka.notes import validate
from tests.browser import ARGS, CHROMIUM, IDLE, PHONE, require_chromium, streamlit_server

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ["DALAMANGKA_SCREENSHOTS"]) if os.environ.get("DALAMANGKA_SCREENSHOTS") else None
HOSTILE = (
    '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"> '
    "[klik di sini](javascript:window.__pwned=1) **tebal** <b>b</b> "
    "\u202eTXT.EXE\u202c \u0627\u0644\u0639\u0631\u0628\u064a\u0629 \x07akhir"
)
INJECTED = "script, img[src='x'], a[href^='javascript'], b, strong, iframe"


def test_phone_note_appears_on_the_presenter_view_inert(
    full_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_chromium()
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DALAMANGKA_NOTES_URL", f"sqlite:///{tmp_path / 'notes.sqlite'}")
    monkeypatch.setenv("DALAMANGKA_USERS", str(tmp_path / "users.toml"))
    expected = validate.clean_text(HOSTILE)
    with streamlit_server(full_warehouse) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        room = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
        room.goto(f"{base}/catatan?wilayah=1275&tampilan=ruang", timeout=60_000)
        room.wait_for_selector(IDLE, state="attached", timeout=60_000)
        room.get_by_text("Belum ada catatan.", exact=False).wait_for(timeout=60_000)

        phone = browser.new_context(**PHONE, device_scale_factor=2).new_page()
        phone.goto(f"{base}/catatan?ind=ipm&wilayah=1275010&tahun=2020", timeout=60_000)
        phone.wait_for_selector(IDLE, state="attached", timeout=60_000)
        phone.get_by_text("Catatan untuk: IPM · Medan Tuntungan · 2020").wait_for(timeout=60_000)
        body = phone.locator('[data-testid="stTextArea"] textarea').first
        body.fill("x" * 100_000)
        assert len(body.input_value()) <= 2000  # the field refuses what is over its limit
        body.fill(HOSTILE)
        phone.get_by_label("Nama atau unit Anda").fill("Ani <i>Siregar</i>")
        phone.get_by_text("data kurang", exact=True).click()
        phone.get_by_role("button", name="Kirim catatan").click()
        phone.get_by_text("Catatan #1 tersimpan", exact=False).wait_for(timeout=60_000)
        phone.wait_for_selector(IDLE, state="attached", timeout=60_000)

        card = room.locator('[data-note="1"]')
        card.wait_for(timeout=30_000)  # the room view refreshes itself every 3 s
        assert card.get_attribute("data-status") == "baru"
        assert card.locator(".kda-note-body").inner_text() == expected
        assert "Medan Tuntungan · 2020 · data kurang" in card.locator(".kda-note-pin").inner_text()
        assert card.locator(".kda-note-by").inner_text() == "— Ani <i>Siregar</i>"
        assert room.locator(".kda-room").locator(INJECTED).count() == 0
        assert phone.locator("[data-testid='stMain']").locator("a[href^='javascript']").count() == 0
        for page in (room, phone):
            assert page.evaluate("window.__pwned") is None
            assert page.locator('[data-testid="stException"]').count() == 0
        # the phone shows its note as plain text in the detail panel
        detail = phone.locator(".st-key-catatan_detail [data-testid='stText']").nth(1)
        detail.scroll_into_view_if_needed()
        assert detail.inner_text() == expected
        assert phone.locator(".st-key-catatan_detail").locator(INJECTED).count() == 0
        if SHOTS:
            room.screenshot(path=str(SHOTS / "catatan_ruang.png"), full_page=True)
            phone.screenshot(path=str(SHOTS / "catatan_ponsel.png"), full_page=True)
        browser.close()
