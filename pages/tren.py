"""Tren: how an indicator moved for the chosen city and the regions it is compared with.

Chart first (issue 15): title and one-line message, the Grafik / Peta / Tabel tabs (only the open
tab is drawn: the table's JavaScript loads only when asked for, issue 14), then a compact row of
selectors with the rest in a popover, then notes and the source."""

import streamlit as st

from dalamangka import export, groups, trends, ui
from dalamangka.i18n import COMMON, Text
from dalamangka.trends import TEXT as T
from dalamangka.views import tren

P = Text(
    {
        "tab_grafik": ("Grafik", "Chart"),
        "tab_peta": ("Peta", "Map"),
        "tab_tabel": ("Tabel", "Table"),
        "more": ("Pengaturan lain", "More settings"),
        "to_map": ("Buka peta nasional {indicator}", "Open the national map of {indicator}"),
        "map_note": (
            "Peta nasional tahun terakhir indikator ini ada di halaman Peta (tampilan nasional).",
            "The national map of this indicator's latest year is on the Peta page (national view).",
        ),
    }
)
TABS = ("grafik", "peta", "tabel")

ctx, choice, notices = ui.choices("tren")
lang = ctx.lang
view = tren.build(ctx.common, choice, ui.query)
s, x = view.state, view.extra
# chart first: less air above the title, and a phone-sized title (one line at 390 px)
st.html(
    "<style>[data-testid='stMainBlockContainer']{padding-top:3.5rem}"
    "@media (max-width:640px){[data-testid='stMainBlockContainer'] h1{font-size:1.75rem;padding:0}"
    "[data-testid='stMainBlockContainer'] p{margin-bottom:.25rem}}</style>"
)
st.title(view.heading)
if not view.options["ind"]:
    st.info(view.empty)
    st.stop()
if view.message:
    st.markdown(view.message)
ui.notices(view)
labels, names = view.labels["ind"], view.labels["wilayah"]
tab_label = {t: P("tab_" + t, lang) for t in TABS}


def _tab_changed() -> None:
    code = {v: k for k, v in tab_label.items()}.get(st.session_state.get("tren_tab", ""), "grafik")
    ui.set_param("tab", None if code == "grafik" else code)


st.session_state["tren_tab"] = tab_label[s.tab]
chart_tab, map_tab, table_tab = st.tabs(list(tab_label.values()), key="tren_tab", on_change=_tab_changed)

with chart_tab:
    if chart_tab.open is not False:
        if view.make_figure is not None:
            ui.draw_figure(view.figure, "tren_chart")
        elif view.empty:
            st.info(view.empty)

with map_tab:
    if map_tab.open:
        st.caption(P("map_note", lang))
        st.page_link(
            "pages/peta.py",
            label=P("to_map", lang, indicator=labels.get(str(s.ind), str(s.ind))),
            icon=":material/map:",
            query_params={"kota": ctx.kode, "lang": lang, "ind": str(s.ind), "tampilan": "nasional"},
        )

with table_tab:
    if table_tab.open:
        if "grid" not in x:
            st.info(view.empty)
        else:
            grid, meta, unit, decimals = x["grid"], x["meta"], x["unit"], x["decimals"]
            search_col, sort_col = st.columns([2, 1])
            search = search_col.text_input(T("search", lang), **ui.bind("tren_cari", "cari", s.cari))
            sort = sort_col.selectbox(
                T("sort", lang),
                view.options["urut"],
                format_func=lambda c: T("col_" + c, lang),
                **ui.bind("tren_urut", "urut", s.urut),
            )
            table = trends.search_sort(trends.summary(grid, decimals), search, sort)
            unit_text = str(meta["unit_en" if lang == "en" else "unit_id"])
            shown = trends.shown_table(table, unit, decimals, lang, unit_text)
            st.dataframe(shown.display, hide_index=True, key="tren_tabel")
            st.caption(T("table_note", lang))
            name = f"tren_{s.ind}_{ctx.kode}"
            d1, d2 = st.columns(2)
            d1.download_button(
                T("download_csv", lang), lambda: export.csv_bytes(shown.export), f"{name}.csv", "text/csv"
            )
            d2.download_button(
                T("download_xlsx", lang),
                lambda: export.xlsx_bytes(
                    shown.export, trends.metadata(table, x["catalog"], x["sources"], lang), lang
                ),
                f"{name}.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )

# the compact row of selectors; the rest in a popover
ind_col, set_col, more_col = st.columns([3, 4, 2], vertical_alignment="bottom")
ind_col.selectbox(
    T("indicator", lang),
    view.options["ind"],
    format_func=labels.get,
    **ui.bind("tren_indikator", "ind", s.ind, clear=["dasar"]),
)
set_col.segmented_control(
    T("set", lang),
    view.options["set"],
    required=True,
    format_func=lambda c: T("set_" + c, lang),
    **ui.bind("tren_set", "set", s.set),
)
with more_col.popover(P("more", lang), icon=":material/tune:", width="stretch"):
    st.segmented_control(
        T("mode", lang),
        view.options["mode"],
        required=True,
        format_func=lambda m: T("mode_" + m, lang),
        **ui.bind("tren_mode", "mode", s.mode),
    )
    if s.mode == "indeks" and "dasar" in view.options:
        st.selectbox(T("base_year", lang), view.options["dasar"], **ui.bind("tren_dasar", "dasar", s.dasar))
    st.multiselect(
        T("extra", lang),
        view.options["wilayah"],
        format_func=names.get,
        placeholder=COMMON("pick_regions", lang),
        **groups.MULTISELECT_ARGS,  # type: ignore[arg-type]
        **ui.bind("tren_wilayah", "wilayah", s.wilayah),
    )

# notes and source under the chart
for note in view.notes:
    st.caption(note)
for info in view.infos:
    st.info(info, icon=":material/info:")
if view.source:
    st.caption(f"{COMMON('source', lang)}: {view.source}")
for warning in view.warnings:
    st.warning(warning)
st.caption(f"{ctx.provinsi} · {T('intro', lang)}")
ui.write_url(view.common, s)
st.page_link(
    "pages/bandingkan.py",
    label=T("to_compare", lang),
    icon=":material/bar_chart:",
    query_params={"kota": ctx.kode, "lang": lang, "ind": str(s.ind)},
)
ui.add_to_deck_button("tren", view.title, lang)
