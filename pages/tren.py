"""Tren: how an indicator moved for the chosen city and the regions it is compared with."""

import streamlit as st

from dalamangka import export, trends, ui
from dalamangka.i18n import COMMON
from dalamangka.trends import TEXT as T
from dalamangka.views import tren

ctx, choice, notices = ui.choices("tren")
lang = ctx.lang
view = tren.build(ctx.common, choice, ui.query)
s, x = view.state, view.extra
st.title(view.heading)
st.caption(f"{ctx.provinsi} · {T('intro', lang)}")
if not view.options["ind"]:
    st.info(view.empty)
    st.stop()
labels, names = view.labels["ind"], view.labels["wilayah"]
st.selectbox(
    T("indicator", lang),
    view.options["ind"],
    format_func=labels.get,
    **ui.bind("tren_indikator", "ind", s.ind, clear=["dasar"]),
)
st.segmented_control(
    T("set", lang),
    view.options["set"],
    required=True,
    format_func=lambda c: T("set_" + c, lang),
    **ui.bind("tren_set", "set", s.set),
)
st.multiselect(
    T("extra", lang),
    view.options["wilayah"],
    format_func=names.get,
    placeholder=COMMON("pick_regions", lang),
    **ui.bind("tren_wilayah", "wilayah", s.wilayah),
)
mode_col, base_col = st.columns([3, 1])
mode_col.segmented_control(
    T("mode", lang),
    view.options["mode"],
    required=True,
    format_func=lambda m: T("mode_" + m, lang),
    **ui.bind("tren_mode", "mode", s.mode),
)
if "grid" not in x:
    ui.notices(view)
    st.info(view.empty)
    ui.write_url(view.common, s)
    st.stop()
if s.mode == "indeks":
    base_col.selectbox(T("base_year", lang), view.options["dasar"], **ui.bind("tren_dasar", "dasar", s.dasar))
ui.notices(view)
ui.draw_view(view, "tren_chart")
ui.write_url(view.common, s)

grid, meta, unit, decimals = x["grid"], x["meta"], x["unit"], x["decimals"]
st.subheader(T("table", lang))
search_col, sort_col = st.columns([2, 1])
search = search_col.text_input(T("search", lang), **ui.bind("tren_cari", "cari", s.cari))
sort = sort_col.selectbox(
    T("sort", lang),
    view.options["urut"],
    format_func=lambda c: T("col_" + c, lang),
    **ui.bind("tren_urut", "urut", s.urut),
)
table = trends.search_sort(trends.summary(grid, decimals), search, sort)
shown = trends.shown_table(table, unit, decimals, lang, str(meta["unit_en" if lang == "en" else "unit_id"]))
st.dataframe(shown.display, hide_index=True, key="tren_tabel")
st.caption(T("table_note", lang))
name = f"tren_{s.ind}_{ctx.kode}"
d1, d2, d3 = st.columns(3)
d1.download_button(T("download_csv", lang), lambda: export.csv_bytes(shown.export), f"{name}.csv", "text/csv")
d2.download_button(
    T("download_xlsx", lang),
    lambda: export.xlsx_bytes(shown.export, trends.metadata(table, x["catalog"], x["sources"], lang), lang),
    f"{name}.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
d3.page_link(
    "pages/bandingkan.py",
    label=T("to_compare", lang),
    icon=":material/bar_chart:",
    query_params={"kota": ctx.kode, "lang": lang, "ind": s.ind},
)
ui.add_to_deck_button("tren", view.title, lang)
