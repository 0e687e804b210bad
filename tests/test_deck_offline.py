"""The offline pack: a deck as one PDF (one page per slide, title, chart, source) and PNGs,
made by playing the deck in Chromium against `streamlit run` (the real charts)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from dalamangka import __main__ as cli
from dalamangka import deck, offline
from tests.browser import require_chromium

pytestmark = pytest.mark.browser


def test_pack_html_has_one_page_per_slide_with_title_chart_and_source() -> None:
    png = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(png, "PNG")
    shots = [
        offline.Captured(
            i, f"Judul {i}", "Pesan", f"Sumber: BPS {i}", "", "http://x/tren", "data:,", png.getvalue(), b""
        )
        for i in (1, 2)
    ]
    page = offline.pack_html(shots, "id")
    assert page.count("<section>") == 2
    assert "Judul 2" in page and "Sumber: BPS 2" in page and "Slide 2 dari 2" in page
    assert page.count("data:image/png;base64,") == 2


def test_deck_pdf_command_makes_the_offline_pack(
    full_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_chromium()
    pypdf = pytest.importorskip("pypdf")
    monkeypatch.setenv("DALAMANGKA_WAREHOUSE", str(full_warehouse))
    d = deck.examples()["medan"]
    path = tmp_path / "medan.json"
    path.write_text(deck.dumps(d), encoding="utf-8")
    out, pngs = tmp_path / "medan.pdf", tmp_path / "png"
    assert cli.main(["deck-pdf", str(path), str(out), "--png", str(pngs)]) == 0
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) == len(d.slides)
    for page, slide in zip(reader.pages, d.slides, strict=True):
        text = " ".join(page.extract_text().split())
        assert deck.text(slide.title, "id") in text
        assert "Sumber: " in text
        assert len(page.images) >= 2  # the captured chart (or cards) and the QR code
        width, height = page.mediabox.width, page.mediabox.height
        assert abs(width / height - 16 / 9) < 0.01
    files = sorted(pngs.glob("slide_*.png"))
    assert len(files) == len(d.slides)
    assert Image.open(files[0]).size == (1920, 1080)  # 1280×720 at 1.5× for print
