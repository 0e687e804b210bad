"""Ringkasan: the headline indicators of the chosen city, for leaders (cards: dalamangka/headline.py,
view: dalamangka/views/ringkasan.py)."""

import streamlit as st

from dalamangka import headline, ui
from dalamangka.ui import demografi as ui_demografi
from dalamangka.ui import notes as ui_notes
from dalamangka.views import ringkasan
from dalamangka.views.ringkasan import T


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
        # Catatan FGD (issue 18): open-note badge and the "Catat" button of this figure
        ui_notes.card_marker(card.indicator, kode, card.year, lang, key=f"ringkasan_cat_{card.indicator}")
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


ctx, choice, notices = ui.choices("ringkasan")
lang = ctx.lang
view = ringkasan.build(ctx.common, choice, ui.query, memo=ui.memo)
cards = view.cards
ui.write_url(view.common, view.state)

st.title(view.heading)
st.caption(f"{ctx.provinsi} · {T('intro', lang)}")
if not cards:
    st.info(view.empty)
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
for warning in view.warnings:
    st.warning(warning)
ui_demografi.age_structure_block(ctx.kode, ctx.nama, lang, "ringkasan_umur", st.columns([3, 2])[0])
ui.add_to_deck_button("ringkasan", view.title, lang)
