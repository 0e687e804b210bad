"""Tren: how an indicator moved for the chosen city and the regions it is compared with.

Chart first (issue 15): title and one-line message, the Grafik / Peta / Tabel tabs (only the open
tab is drawn: the table's JavaScript loads only when asked for, issue 14), then a compact row of
selectors with the rest in a popover, then notes and the source."""

import streamlit as st

from dalamangka import downloads, groups, state, tables, ui
from dalamangka.i18n import COMMON, Text
from dalamangka.trends import TEXT as T
from dalamangka.ui import notes as ui_notes

P = Text(
    {
        "tab_grafik": ("Grafik", "Chart"),
        "tab_peta": ("Peta", "Map"),
        "tab_tabel": ("Tabel", "Table"),
        "more": ("Pengaturan lain", "More settings"),
        "range": ("Rentang tahun", "Year range"),
        "to_map": ("Buka peta nasional {indicator}", "Open the national map of {indicator}"),
        "map_note": (
            "Peta nasional tahun terakhir indikator ini ada di halaman Peta (tampilan nasional).",
            "The national map of this indicator's latest year is on the Peta page (national view).",
        ),
        "no_map": (
            "{indicator} belum ada untuk cukup banyak kota pada satu tahun, jadi tidak dipetakan.",
            "{indicator} is not available for enough kota in one year to be mapped.",
        ),
    }
)
TABS = ("grafik", "peta", "tabel")

ctx, choice, notices = ui.choices("tren")
lang = ctx.lang
# the whole view (series, chart) is memoised on the link's state: a warm rerun rebuilds nothing
view = ui.tren_view(ctx.common, choice)
s, x = view.state, view.extra
# chart first: less air above the title, and a phone-sized title (one line at 390 px)
ui.compact_top(
    "@media (max-width:640px){[data-testid='stMainBlockContainer'] h1{font-size:1.75rem;padding:0}"
    "[data-testid='stMainBlockContainer'] p{margin-bottom:.25rem}}"
)
st.title(view.heading)
if not view.options["ind"]:
    st.info(view.empty)
    st.stop()
# the message: how the city moved against its group (answers.moved_against), else its first and
# last figure; memoised on the view (it ranks every year of the group)
message = view.message
if "moved" in x and view.fingerprint:
    message = ui.memo(("tren_moved", view.fingerprint), x["moved"]) or message
if message:
    st.markdown(message)
# what the phone sees first from serve's page shell (ui/screen.py): this heading, as sized above
ui.first_screen(view.heading, message or "", view.source or "", lang, heading_rem=1.75)
ui.notices(view, notices)
labels, names = view.labels["ind"], view.labels["wilayah"]
tabs = ui.lazy_tabs("tren_tab", {t: P("tab_" + t, lang) for t in TABS}, s.tab, "grafik")
chart_tab, map_tab, table_tab = tabs["grafik"], tabs["peta"], tabs["tabel"]

with chart_tab:
    if chart_tab.open is not False:
        if view.make_figure is not None:
            # open notes (issue 18) on the chosen city's series: a flag with their status per year
            ui.draw_figure(
                ui_notes.flag_trend(view.figure, str(s.ind), ctx.kode, lang), "tren_chart", view.title
            )
        elif view.empty:
            st.info(view.empty)

with map_tab:
    if map_tab.open:
        # the latest year of this indicator that most kab/kota have (>= 80 % of its best year), on
        # the kab/kota map: the Peta page's own view
        own = ui.query("map_kabkota_indicators").query("indicator == @s.ind")
        wide = own[own.n_wilayah >= 0.8 * own.n_wilayah.max()] if len(own) else own
        shown = ui.peta_view(
            ctx.common,
            state.Peta(
                tampilan="nasional", ind=str(s.ind), tahun=int(wide.tahun.max()) if len(wide) else None
            ),
        )
        if shown.make_figure is not None and shown.state.ind == s.ind:
            st.markdown(f"**{shown.title}**")
            ui.draw_figure(shown.figure, "tren_peta", shown.title)
            ui.draw_view(shown, "tren_peta", figure=False)
        else:
            st.info(P("no_map", lang, indicator=labels.get(str(s.ind), str(s.ind))))
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
            search = st.text_input(T("search", lang), **ui.bind("tren_cari", "cari", s.cari))
            # every region x every year, start/end/change/CAGR; numbers stay numbers (numeric sort)
            # memoised on the view (tens of ms for 98 kota x every year): warm reruns stay fast
            fp = view.fingerprint or f"tren|{ctx.kode}|{s}|{lang}"
            whole = ui.memo(
                ("tren_wide", fp), lambda: tables.wide(grid, decimals, [ctx.kode], None, x["regions"], lang)
            )
            wide = ui.memo(("tren_wide", fp, search), lambda: tables.search(whole, search))
            unit_text = str(meta["unit_en" if lang == "en" else "unit_id"])
            event = st.dataframe(
                ui.memo(("tren_styled", fp, search), lambda: tables.styled(wide, decimals, lang)),
                column_config=tables.column_config(wide, unit, lang, unit_text),  # type: ignore[arg-type]
                key="tren_tabel",
                on_select="rerun",
                selection_mode="single-row",
                **tables.DATAFRAME_ARGS,  # type: ignore[arg-type]
            )
            st.caption(T("table_note", lang))
            # a note on a row (issue 18): the selected row's region (else the chosen city) and a
            # year go into the "Catat" form
            picked = list(event.selection.rows)
            if picked and picked != st.session_state.get("tren_catat_dipilih") and picked[0] < len(wide):
                st.session_state["tren_catat_wilayah"] = str(wide.kode.iloc[picked[0]])
            st.session_state["tren_catat_dipilih"] = picked
            ui_notes.row_note(wide, x["years"], str(s.ind), ctx.kode, lang, key="tren_catat")
            heads = downloads.labels(lang)
            measures = ui.memo(("tren_measures", lang), lambda: downloads.measures(x["catalog"], lang))
            parts = (
                ("shown", downloads.tren_shown(grid, x["range"])),
                ("full", downloads.tren_full(x["rows"])),
            )
            for part, figures in parts:
                d = downloads.build(figures, measures, x["sources"], f"tren_{s.ind}_{ctx.kode}_{part}", lang)
                for col, (label, make, fname, mime) in zip(st.columns(2), d.files(), strict=True):
                    key = f"tren_unduh_{part}_{fname.rsplit('.', 1)[1]}"
                    col.download_button(f"{heads[part]}: {label}", make, fname, mime, key=key)

# the compact row of selectors; the rest in a popover
ind_col, set_col, more_col = st.columns([3, 4, 2], vertical_alignment="bottom")
ui.picker(
    ind_col,
    T("indicator", lang),
    view.options["ind"],
    format_func=labels.get,
    **ui.bind("tren_indikator", "ind", s.ind, clear=["dasar"]),
)
# the comparison group: the same groups and picker as Bandingkan (grup=, groups.py)
ui.group_picker("tren", T("set", lang), x["choice"], view.options, names, lang, where=set_col)
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
    if len(view.options.get("rentang", [])) > 1:
        span_years = view.options["rentang"]
        st.session_state.pop("tren_rentang", None)  # the URL decides; value= makes it a range

        def _range_changed() -> None:
            a, b = st.session_state["tren_rentang"]
            whole = (a, b) == (span_years[0], span_years[-1])
            ui.set_param("rentang", None if whole else f"{a}-{b}")

        st.select_slider(
            P("range", lang), span_years, value=x["range"], key="tren_rentang", on_change=_range_changed
        )
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
