"""Presentasi: play a deck of saved views on a projector (FGDs), or manage the decks."""

import streamlit as st

from dalamangka import deck, ui
from dalamangka.deck import TEXT_UI as T

ctx = ui.context()
lang = ctx.lang
shipped = deck.examples()
mine = ui.session_deck(lang)
key, chosen, problem = deck.resolve(st.query_params.get("dek"), shipped, mine, deck.slug(ctx.kode))
screen = st.query_params.get("layar", "720")
if st.query_params.get("lihat") == "1" and chosen.slides:  # a slide's QR code, opened on a phone
    ui.phone_view(chosen, key, lang)
    st.stop()
if st.query_params.get("putar") == "1" and chosen.slides:
    ui.play_deck(chosen, lang, screen, key)
    st.stop()

st.title(T("title", lang))
st.caption(T("intro", lang))
ui.room_notice(lang)
if problem:
    st.warning(deck.TEXT("bad_deck", lang, detail=problem))
options = [*shipped, deck.MINE] + ([key] if key.startswith("z:") else [])
labels = {k: deck.text(d.title, lang) for k, d in shipped.items()}
labels[deck.MINE] = T("my_deck_n", lang, n=len(mine.slides))
c1, c2, c3 = st.columns([3, 2, 1], vertical_alignment="bottom")
picked = c1.selectbox(
    T("choose", lang),
    options,
    index=options.index(key),
    format_func=lambda k: labels.get(k, T("shared", lang)),
    key="presentasi_pilih",
)
if picked != key:
    st.query_params["dek"] = picked
    st.rerun()
screen = (
    c2.segmented_control(
        T("screen", lang),
        ["720", "1080"],
        default=screen if screen in ("720", "1080") else "720",
        format_func=lambda s: {"720": "1280×720", "1080": "1920×1080"}[s],
        key="presentasi_layar",
    )
    or "720"
)
if c3.button(
    T("play", lang),
    icon=":material/play_arrow:",
    type="primary",
    disabled=not chosen.slides,
    key="presentasi_play",
):
    st.query_params.update({"dek": key, "slide": "1", "putar": "1", "layar": screen})
    st.rerun()
st.caption(T("keys", lang))

if not chosen.slides:
    st.info(T("empty", lang))
else:
    st.dataframe(
        deck.table(chosen, lang, ui.public_base()),
        hide_index=True,
        key="presentasi_tabel",
        column_config={T("col_link", lang): st.column_config.LinkColumn()},
    )
if key == deck.MINE:
    ui.edit_session_deck(lang)
elif chosen.slides and st.button(T("copy", lang), key="presentasi_salin"):
    ui.set_session_deck(chosen)
    st.query_params["dek"] = deck.MINE
    st.rerun()

d1, d2 = st.columns(2)
d1.download_button(
    T("download", lang),
    deck.dumps(chosen).encode("utf-8"),
    f"dek_{key if key in shipped else 'saya' if key == deck.MINE else 'tautan'}.json",
    "application/json",
    disabled=not chosen.slides,
)
uploaded = d2.file_uploader(T("upload", lang), type=["json"], key="presentasi_berkas")
if uploaded is not None and st.session_state.get("_presentasi_berkas") != uploaded.file_id:
    st.session_state["_presentasi_berkas"] = uploaded.file_id
    try:
        ui.set_session_deck(deck.loads(uploaded.getvalue()))
        st.query_params["dek"] = deck.MINE
    except deck.DeckError as e:
        st.error(deck.TEXT("bad_deck", lang, detail=str(e)))
if chosen.slides:
    st.markdown(f"**{T('share', lang)}**")
    share = ui.share_key(chosen, key)
    ui.link_line(f"{ui.public_base()}/presentasi?dek={share}&lang={lang}")
    # the command's code block (and its 1.5 MB highlighter) only when asked for (issue 14)
    box = ui.on_demand(T("offline_command", lang), "presentasi_luring", ":material/picture_as_pdf:")
    if box is not None:
        with box:
            st.markdown(T("offline", lang))
            st.code(
                f"python -m dalamangka deck-pdf data/decks/{key}.json {key}.pdf"
                if key in shipped
                else "python -m dalamangka deck-pdf dek_saya.json dek_saya.pdf",
                language="bash",
            )
