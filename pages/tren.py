"""Tren: how an indicator moved for the chosen city and the regions it is compared with."""

import streamlit as st

from dalamangka import charts, export, trends, ui
from dalamangka.i18n import COMMON
from dalamangka.trends import TEXT as T

ctx = ui.context()
lang = ctx.lang
catalog = ui.query("trend_indicators")
regions = ui.query("region_pickable")
sources = ui.query("source_catalog")
names = dict(zip(regions.kode, regions.nama, strict=True))
labels = {r.code: trends.indicator_label(r._asdict(), lang) for r in catalog.itertuples()}
codes = list(labels)
if not codes:
    st.info(trends.TEXT("no_indicators", lang))
    st.stop()

st.title(T("title", lang, name=ctx.nama))
st.caption(f"{ctx.provinsi} · {T('intro', lang)}")
indicator = st.selectbox(
    T("indicator", lang),
    codes,
    index=trends.default_index(codes),
    format_func=labels.get,
    key="tren_indikator",
    bind="query-params",
)
choice = st.segmented_control(
    T("set", lang),
    trends.SETS,
    default="lima",
    required=True,
    format_func=lambda s: T("set_" + s, lang),
    key="tren_set",
    bind="query-params",
)
extra = st.multiselect(
    T("extra", lang),
    regions.kode.tolist(),
    format_func=names.get,
    placeholder=COMMON("pick_regions", lang),
    key="tren_wilayah",
    bind="query-params",
)
kodes = trends.pick_regions(regions, choice or "lima", ctx.kode, extra)
meta = catalog.set_index("code").loc[indicator]
unit, decimals = str(meta.unit_id), int(meta.decimals)
mode_col, base_col = st.columns([3, 1])
mode = (
    mode_col.segmented_control(
        T("mode", lang),
        trends.MODES,
        default="nilai",
        required=True,
        format_func=lambda m: T("mode_" + m, lang),
        key="tren_mode",
        bind="query-params",
    )
    or "nilai"
)
rows = ui.query("trend_series", indicator=indicator, kodes=kodes)
if rows.empty:
    st.info(T("no_data", lang, indicator=labels[indicator]))
    st.stop()

grid = trends.frame(rows, indicator, lang)
years = sorted(int(y) for y in grid.tahun[grid.nilai.notna()].unique())
base = None
if mode == "indeks":
    base = base_col.selectbox(T("base_year", lang), years, key="tren_dasar", bind="query-params")
data = trends.transform(grid, mode, unit, base)
title = trends.chart_title(str(meta["name_en" if lang == "en" else "name_id"]), labels[indicator], grid, lang)
spec = trends.chart_spec(title, grid, mode, unit, decimals, base, lang)
drawn = bool(data.y.notna().any())
if drawn:
    st.plotly_chart(charts.trend_figure(data, ctx.kode, spec, lang), theme=None, key="tren_chart")
else:
    empty = T("no_base", lang, year=base, items=", ".join(trends.missing_base(grid, base or 0)))
    st.info(T("no_change", lang) if mode == "perubahan" else empty)
without = [names[k] for k in kodes if k not in set(rows.kode)]
if without:
    st.caption(T("no_data_regions", lang, indicator=labels[indicator], items=", ".join(without)))
if drawn and mode == "indeks" and base is not None and (lost := trends.missing_base(grid, base)):
    st.caption(T("no_base", lang, year=base, items=", ".join(lost)))
if note := trends.break_note(rows, str(meta.concept), lang):
    st.info(note, icon=":material/info:")
ui.source_line(trends.citation(trends.source_ids(grid), sources, lang, trends.source_years(grid)), lang)

st.subheader(T("table", lang))
search_col, sort_col = st.columns([2, 1])
search = search_col.text_input(T("search", lang), key="tren_cari", bind="query-params")
sort = sort_col.selectbox(
    T("sort", lang),
    trends.SORTS,
    format_func=lambda c: T("col_" + c, lang),
    key="tren_urut",
    bind="query-params",
)
table = trends.search_sort(trends.summary(grid, decimals), search, sort)
shown = trends.shown_table(table, unit, decimals, lang, str(meta["unit_en" if lang == "en" else "unit_id"]))
st.dataframe(shown.display, hide_index=True, key="tren_tabel")
st.caption(T("table_note", lang))
name = f"tren_{indicator}_{ctx.kode}"
d1, d2, d3 = st.columns(3)
d1.download_button(T("download_csv", lang), lambda: export.csv_bytes(shown.export), f"{name}.csv", "text/csv")
d2.download_button(
    T("download_xlsx", lang),
    lambda: export.xlsx_bytes(shown.export, trends.metadata(table, catalog, sources, lang), lang),
    f"{name}.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
d3.page_link(
    "pages/bandingkan.py",
    label=T("to_compare", lang),
    icon=":material/bar_chart:",
    query_params=trends.link_params(ctx.nama, lang, bandingkan_indikator=labels[indicator]),
)
ui.add_to_deck_button("tren", f"{labels[indicator]} · {ctx.nama}", lang)
