"""Ringkasan: the headline indicators of the chosen city, for leaders."""

import streamlit as st

from dalamangka import ui, ui_demografi
from dalamangka.views import ringkasan
from dalamangka.views.ringkasan import T

ctx, choice, notices = ui.choices("ringkasan")
lang = ctx.lang
view = ringkasan.build(ctx.common, choice, ui.query)
cards = view.cards
ui.write_url(view.common, view.state)

st.title(view.heading)
st.caption(f"{ctx.provinsi} · {T('intro', lang)}")
if not cards:
    st.info(view.empty)
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
        if card.rank:
            st.caption(f"{card.rank} ({card.rank_order})")
        st.markdown(card.sentence)
        ui.source_line(card.source, lang)
        ui.about_panel(card.indicator, lang, ctx.kode, key=f"ringkasan_about_{card.indicator}")
for warning in view.warnings:
    st.warning(warning)
ui_demografi.age_structure_block(ctx.kode, ctx.nama, lang, "ringkasan_umur", st.columns([3, 2])[0])
ui.add_to_deck_button("ringkasan", view.title, lang)
