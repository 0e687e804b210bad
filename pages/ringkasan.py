"""Ringkasan: the headline indicators of the chosen city, for leaders (cards: dalamangka/headline.py,
view: dalamangka/views/ringkasan.py)."""

from urllib.parse import urlencode

import streamlit as st

from dalamangka import cardhtml, headline, ui
from dalamangka.ui import demografi as ui_demografi
from dalamangka.ui import notes as ui_notes
from dalamangka.views.ringkasan import T


def draw(card: headline.Card, lang: str, kode: str, css: bool) -> str:
    """One card: the card itself as one block of HTML (year badge, figure and change, series,
    ranks, sentence, source and its "Tentang data" panel as a native disclosure:
    dalamangka/cardhtml.py, drawn with the heading on a phone, issue 14), then its open-note
    badge and its links (Tren, Bandingkan, "Catat")."""
    katalog = urlencode({"ind": card.indicator, "kota": kode, "lang": lang})
    about_html = cardhtml.about(ui.about_of(card.indicator, lang, kode), f"katalog?{katalog}", lang)
    html = cardhtml.card(card, lang, css=css, about_html=about_html)
    with st.container(border=True, key=f"ringkasan_card_{card.indicator}"):
        st.markdown(html, unsafe_allow_html=True)
        # the widgets in their own block: a block waits for its elements' JavaScript to load
        # before it shows, and the figures above must not wait for buttons (issue 14)
        with st.container(gap="small"):
            ui_notes.card_marker(card.indicator, kode, card.year, lang)  # Catatan FGD (issue 18)
            with st.container(horizontal=True, gap="small"):
                for link in card.links:
                    st.page_link(
                        link.page,
                        label=link.label,
                        icon=":material/arrow_forward:",
                        query_params=dict(link.params),
                    )
                ui_notes.note_page_link(card.indicator, kode, card.year, lang)
    return html


ctx, choice, notices = ui.choices("ringkasan")
lang = ctx.lang
view = ui.ringkasan_view(ctx.common, choice)
cards = view.cards
ui.write_url(view.common, view.state)

st.title(view.heading)
st.caption(f"{ctx.provinsi} · {T('intro', lang)}")
ui.first_screen(view.heading, f"{ctx.provinsi} · {T('intro', lang)}", "", lang, small=True, top_rem=6)
if not cards:
    st.info(view.empty)
# the top of the policy order in two wide columns with bigger figures, the rest in three; each row
# is its own set of columns, so a phone (where columns stack) keeps the policy order
big = [c for c in cards if c.large]
first = True
top: list[str] = []  # the first two cards: a phone's first screen (serve's page shell, ui/screen.py)
for width, group in ((2, big), (3, [c for c in cards if not c.large])):
    for start in range(0, len(group), width):
        columns = st.columns(width, gap="medium")
        for column, card in zip(columns, group[start : start + width], strict=False):
            with column:
                html = draw(card, lang, ctx.kode, css=first)  # the cards' style rules once, with the first
                first = False
            if len(top) < 2:
                top.append(f'<div class="kda-l-card">{html}</div>')
ui.record_first_screen("".join(top) or None)
for warning in view.warnings:
    st.warning(warning)
ui_demografi.age_structure_block(ctx.kode, ctx.nama, lang, "ringkasan_umur", st.columns([3, 2])[0], lazy=True)
ui.add_to_deck_button("ringkasan", view.title, lang)
