"""Ringkasan: the headline indicators of the chosen city, for leaders (cards: dalamangka/headline.py)."""

import streamlit as st

from dalamangka import headline, ui, ui_headline
from dalamangka.i18n import Text

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


def draw(card: headline.Card, lang: str, kode: str) -> None:
    """One card: year badge, figure and change, series, ranks, sentence, links, source, about."""
    with st.container(border=True, key=f"ringkasan_card_{card.indicator}"):
        st.badge(card.badge, color=card.badge_color, help=card.badge_help)  # type: ignore[arg-type]
        st.metric(
            card.name,
            card.value,
            delta=card.delta,
            delta_color=card.delta_color,  # type: ignore[arg-type]
            delta_description=card.since if card.delta else None,
            help=f"**{card.title}**. {card.definition}",
            chart_data=card.trend_values if len(card.trend_values) > 1 else None,
        )
        if card.status:
            st.badge(card.status, color="orange")
        if card.series:
            st.caption(T("series", lang, name=card.series))
        if card.rank:
            st.markdown(f"**{card.rank}**")
        if card.rank_province:
            st.caption(card.rank_province)
        if card.rank_note:
            st.caption(card.rank_note)
        if card.sentence:
            st.markdown(card.sentence)
        with st.container(horizontal=True, gap="small"):
            for link in card.links:
                st.page_link(
                    link.page,
                    label=link.label,
                    icon=":material/arrow_forward:",
                    query_params=dict(link.params),
                )
        ui.source_line(card.source, lang)
        ui.about_panel(card.indicator, lang, kode, key=f"ringkasan_about_{card.indicator}")


ctx = ui.context()
lang = ctx.lang
region = headline.Region(ctx.kode, ctx.nama, ctx.level, ctx.provinsi)
cards, missing = ui_headline.cards(region, lang)

st.title(T("title", lang, name=ctx.nama))
st.caption(f"{ctx.provinsi} · {T('intro', lang)}")
if not cards:
    st.info(T("empty", lang, name=ctx.nama))
# the top of the policy order in two wide columns with bigger figures, the rest in three; each row
# is its own set of columns, so a phone (where columns stack) keeps the policy order
big = [c for c in cards if c.large]
st.html(
    "<style>"
    + "".join(
        f".st-key-ringkasan_card_{c.indicator} [data-testid='stMetricValue'] {{font-size: 3rem;}}"
        for c in big
    )
    + "</style>"
)
for width, group in ((2, big), (3, [c for c in cards if not c.large])):
    for start in range(0, len(group), width):
        columns = st.columns(width, gap="medium")
        for column, card in zip(columns, group[start : start + width], strict=False):
            with column:
                draw(card, lang, ctx.kode)
if missing:
    catalog = ui.query("indicator_catalog")
    names = catalog.set_index("code")["short_en" if lang == "en" else "short_id"]
    st.warning(T("missing", lang, name=ctx.nama, items=", ".join(names.get(m, m) for m in missing)))
ui.add_to_deck_button("ringkasan", T("title", lang, name=ctx.nama), lang)
