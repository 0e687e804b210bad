"""Ringkasan view: the headline cards of the chosen city (:func:`headline.cards_for`), the same
for the page and a slide."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from dalamangka import headline, state
from dalamangka.i18n import Text
from dalamangka.state import Common
from dalamangka.views import Fetch, View

T = Text(
    {
        "title": ("Ringkasan {name}", "Overview of {name}"),
        "intro": (
            "Angka terbaru tiap indikator utama, urut prioritas kebijakan. Peringkat memakai tahun "
            "terakhir yang dimiliki paling sedikit 80 % daerah pembanding; warna tahun menunjukkan "
            "umur angka terhadap jadwal rilisnya.",
            "The newest figure of each headline indicator, in order of policy priority. Ranks use the "
            "latest year that at least 80% of the compared regions have; the year's colour shows the "
            "figure's age against its release schedule.",
        ),
        "series": ("Seri: {name}", "Series: {name}"),
        "missing": (
            "Belum ada data untuk {name}: {items}. Angka ini tidak ditampilkan sebagai nol; "
            "walidata dapat mengimpornya dari tabel BPS.",
            "No data yet for {name}: {items}. They are not shown as zero; "
            "the data custodian can import them from BPS tables.",
        ),
        "empty": (
            "Belum ada angka utama untuk {name} di gudang data.",
            "The warehouse holds no headline figures for {name} yet.",
        ),
    }
)

Memo = Callable[[tuple[Any, ...], Callable[[], Any]], Any]


def _no_memo(key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    return make()


def build(common: Common, s: state.Ringkasan, fetch: Fetch, memo: Memo | None = None) -> View:
    """The cards in policy order; ``memo`` (the page's cache) keeps built cards per region,
    language, day (year badges age with the date) and warehouse version."""
    lang, kode = common.lang, common.kota
    regions = fetch("region_choices")
    row = regions[regions.kode == kode].iloc[0]
    nama = str(row.nama)
    region = headline.Region(kode, nama, str(row.level), str(row.provinsi_nama))
    today = dt.date.today()
    cards, missing = (memo or _no_memo)(
        ("ringkasan_cards", region, lang, today), lambda: headline.cards_for(fetch, region, lang, today)
    )
    title = T("title", lang, name=nama)
    v = View("ringkasan", common, s, heading=title, title=title, cards=list(cards))
    v.extra = {"provinsi": region.provinsi, "nama": nama}
    if not cards:
        v.empty = T("empty", lang, name=nama)
    else:
        v.message = cards[0].message or cards[0].sentence
        v.source = headline.source_line(cards, lang)  # each source once, not each card's line
    if missing:
        catalog = fetch("indicator_catalog")
        names = catalog.set_index("code")["short_en" if lang == "en" else "short_id"]
        v.warnings.append(
            T("missing", lang, name=nama, items=", ".join(str(names.get(m, m)) for m in missing))
        )
    return v
