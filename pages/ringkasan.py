"""Ringkasan: the headline indicators of the chosen city, for leaders."""

import streamlit as st

from dalamangka import config, headline, ui, ui_notes
from dalamangka.i18n import Text

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

ctx = ui.context()
lang = ctx.lang
wanted = sorted({code for slot in config.HEADLINE_SLOTS for code in slot})
figures = ui.query("headline_figures", kode=ctx.kode, indicators=wanted)
chosen, missing = headline.pick_slots(figures.indicator.tolist(), config.HEADLINE_SLOTS)
series = ui.query("indicator_series", kodes=[ctx.kode], indicators=chosen)
catalog = ui.query("indicator_catalog")
cards = headline.build_cards(
    figures, series, catalog, ui.query("source_catalog"), ctx.nama, ctx.level, chosen, lang
)

st.title(T("title", lang, name=ctx.nama))
st.caption(f"{ctx.provinsi} · {T('intro', lang)}")
if not cards:
    st.info(T("empty", lang, name=ctx.nama))
columns = st.columns(3, gap="medium")
for i, card in enumerate(cards):
    with columns[i % 3].container(border=True, key=f"ringkasan_card_{card.indicator}"):
        st.metric(
            card.label,
            card.value,
            delta=card.delta,
            delta_color=card.delta_color,  # type: ignore[arg-type]
            delta_description=card.since if card.delta else None,
            help=f"**{card.title}**. {card.definition}",
            chart_data=card.trend_values if len(card.trend_values) > 1 else None,
        )
        if card.status:
            st.badge(card.status, color="orange")
        # Catatan FGD (issue 18): open-note badge and the "Catat" button of this figure
        ui_notes.card_marker(card.indicator, ctx.kode, card.year, lang, key=f"ringkasan_cat_{card.indicator}")
        if card.rank:
            st.caption(f"{card.rank} ({card.rank_order})")
        st.markdown(card.sentence)
        ui.source_line(card.source, lang)
        ui.about_panel(card.indicator, lang, ctx.kode, key=f"ringkasan_about_{card.indicator}")
if missing:
    names = catalog.set_index("code")["short_en" if lang == "en" else "short_id"]
    st.warning(T("missing", lang, name=ctx.nama, items=", ".join(names[m] for m in missing)))
ui.add_to_deck_button("ringkasan", T("title", lang, name=ctx.nama), lang)
