"""Ringkasan view: the headline cards of the chosen city (``headline.build_cards``)."""

from __future__ import annotations

from dalamangka import config, headline, state
from dalamangka.i18n import Text
from dalamangka.state import Common
from dalamangka.views import Fetch, View

T = Text(
    {
        "title": ("Ringkasan {name}", "Overview of {name}"),
        "intro": (
            "Angka utama terbaru yang tersedia, perubahannya, dan peringkat di antara kota lain. "
            "Setiap angka menyebut tahun dan sumbernya.",
            "The latest headline figures available, how they moved, and how the city ranks. "
            "Every figure names its year and source.",
        ),
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


def build(common: Common, s: state.Ringkasan, fetch: Fetch) -> View:
    lang, kode = common.lang, common.kota
    regions = fetch("region_choices")
    row = regions[regions.kode == kode].iloc[0]
    nama, level = str(row.nama), str(row.level)
    wanted = sorted({code for slot in config.HEADLINE_SLOTS for code in slot})
    figures = fetch("headline_figures", kode=kode, indicators=wanted)
    chosen, missing = headline.pick_slots(figures.indicator.tolist(), config.HEADLINE_SLOTS)
    series = fetch("indicator_series", kodes=[kode], indicators=chosen)
    catalog = fetch("indicator_catalog")
    cards = headline.build_cards(figures, series, catalog, fetch("source_catalog"), nama, level, chosen, lang)
    title = T("title", lang, name=nama)
    v = View("ringkasan", common, s, heading=title, title=title, cards=cards)
    v.extra = {"provinsi": str(row.provinsi_nama), "nama": nama}
    if not cards:
        v.empty = T("empty", lang, name=nama)
    else:
        v.message = cards[0].sentence
        sources: list[str] = []
        for c in cards:
            if c.source not in sources:
                sources.append(c.source)
        v.source = "; ".join(sources)
    if missing:
        names = catalog.set_index("code")["short_en" if lang == "en" else "short_id"]
        v.warnings.append(T("missing", lang, name=nama, items=", ".join(str(names[m]) for m in missing)))
    return v
