"""Catatan FGD on the projector (issue 18): beside a slide's QR code, a QR code of the note form
pinned to the slide's figure; a badge on the slide while that figure has open notes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dalamangka import deck
from dalamangka.notes import markers, store
from dalamangka.notes.model import Draft, Routing
from tests.conftest import AppFactory

SLIDE = deck.Slide("bandingkan", {"kota": "1275", "ind": "ipm", "tahun": "2021"}, "IPM lima kota (catatan)")
PACKED = "z:" + deck.encode(deck.Deck("Catatan", (SLIDE,)))


@pytest.fixture
def notes_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'notes.sqlite'}"
    monkeypatch.setenv("DALAMANGKA_NOTES_URL", url)
    return url


def note_qr(at: object) -> str | None:
    for h in at.get("html"):  # type: ignore[attr-defined]
        if 'class="kda-note-qr"' in str(h.value):
            found = re.search(r'data-url="([^"]+)"', str(h.value))
            return found.group(1).replace("&amp;", "&") if found else None
    return None


def badges(at: object) -> list[str]:
    """st.badge is markdown (``:red-badge[...]``)."""
    return [str(m.value) for m in at.markdown if "-badge[" in str(m.value)]  # type: ignore[attr-defined]


def test_slide_shows_the_note_qr_and_no_badge_without_notes(app: AppFactory, notes_url: str) -> None:
    at = app("pages/presentasi.py", dek=PACKED, putar="1")
    assert not at.exception, [e.value for e in at.exception]
    assert note_qr(at) == markers.note_link("http://localhost:8501", "ipm", "1275", 2021)
    assert not [b for b in badges(at) if "catatan" in b]


def test_an_open_note_on_the_figure_shows_a_badge_on_the_slide(app: AppFactory, notes_url: str) -> None:
    draft = Draft("ipm", "1275", 2021, "angka_diragukan", "Angka IPM 2021 perlu dicek", "Ani", "Bappeda")
    store.open_store(notes_url).add(draft, Routing("BPS", ("bps",)))
    at = app("pages/presentasi.py", dek=PACKED, putar="1")
    assert not at.exception, [e.value for e in at.exception]
    assert [b for b in badges(at) if "1 catatan" in b], badges(at)


def test_slides_without_one_indicator_have_no_note_qr(app: AppFactory, notes_url: str) -> None:
    cards = deck.Slide("ringkasan", {"kota": "1275"}, "Kartu (catatan)")
    at = app("pages/presentasi.py", dek="z:" + deck.encode(deck.Deck("Kartu", (cards,))), putar="1")
    assert not at.exception
    assert note_qr(at) is None
