"""Bandingkan: where the chosen city stands among other kota in one year."""

import streamlit as st

from dalamangka import charts, compare, config, export, trends, ui
from dalamangka.compare import TEXT as T
from dalamangka.i18n import COMMON

ctx = ui.context()
lang = ctx.lang
catalog = ui.query("trend_indicators")
catalog = catalog[catalog.n_kota > 0]
regions = ui.query("region_pickable")
sources = ui.query("source_catalog")
kabkota = regions[regions.level.isin(["kota", "kabupaten"])]
names = dict(zip(regions.kode, regions.nama, strict=True))
labels = {r.code: trends.indicator_label(r._asdict(), lang) for r in catalog.itertuples()}
codes = list(labels)
if not codes:
    st.info(trends.TEXT("no_indicators", lang))
    st.stop()

st.title(T("title", lang, name=ctx.nama))
st.caption(f"{ctx.provinsi} · {T('intro', lang)}")
c1, c2 = st.columns([3, 1])
indicator = c1.selectbox(
    T("indicator", lang),
    codes,
    index=trends.default_index(codes),
    format_func=labels.get,
    key="bandingkan_indikator",
    bind="query-params",
)
years = ui.query("compare_years", indicator=indicator)
options = sorted((int(y) for y in years.tahun), reverse=True)
default = compare.default_year(years)
year = c2.selectbox(
    T("year", lang),
    options,
    index=options.index(default) if default in options else 0,
    key="bandingkan_tahun",
    bind="query-params",
    help=T("year_help", lang),
)
choice = (
    st.segmented_control(
        T("set", lang),
        compare.SETS,
        default="lima",
        required=True,
        format_func=lambda s: T("set_" + s, lang),
        key="bandingkan_set",
        bind="query-params",
    )
    or "lima"
)
band, custom, population, pop_year = config.SIMILAR_POPULATION_BAND, [], None, None
pop_label = labels.get(config.SIMILAR_POPULATION_INDICATOR, "")
if choice == "mirip":
    band = (
        st.segmented_control(
            T("band", lang),
            config.SIMILAR_POPULATION_BANDS,
            default=band,
            required=True,
            format_func=lambda b: f"±{b} %",
            key="bandingkan_pita",
            bind="query-params",
        )
        or band
    )
    pop_year = compare.default_year(ui.query("compare_years", indicator=config.SIMILAR_POPULATION_INDICATOR))
    population = ui.query("compare_values", indicator=config.SIMILAR_POPULATION_INDICATOR, tahun=pop_year)
if choice == "pilihan":
    custom = st.multiselect(
        T("custom", lang),
        kabkota.kode.tolist(),
        format_func=names.get,
        placeholder=COMMON("pick_regions", lang),
        key="bandingkan_daftar",
        bind="query-params",
    )
marked = st.multiselect(
    T("mark", lang),
    kabkota.kode.tolist(),
    format_func=names.get,
    placeholder=COMMON("pick_regions", lang),
    key="bandingkan_sorot",
    bind="query-params",
)
if year is None:
    st.info(T("no_year", lang))
    st.stop()

meta = catalog.set_index("code").loc[indicator]
view = compare.View.of(meta, int(year), ctx.level, lang)
values = ui.query("compare_values", indicator=indicator, tahun=year)
group = compare.comparison_set(
    choice, ctx.kode, ctx.nama, regions, lang, population, pop_label, pop_year, int(band), custom
)
highlight = list(dict.fromkeys([ctx.kode, *marked]))
if group.problem:
    st.warning(group.problem)
    st.stop()
rows = compare.ranked(values, group.kodes, view.higher_is_better)
if rows.empty:
    st.info(T("no_members", lang, indicator=labels[indicator], year=year))
else:
    bar_spec = view.bar_spec(rows, group, pop_year)
    fig = charts.bar_figure(rows, highlight, compare.median(rows.nilai), bar_spec, lang)
    st.plotly_chart(fig, theme=None, key="bandingkan_bar")
if missing := compare.missing_members(values, group.kodes, regions):
    st.caption(T("missing_members", lang, year=year, items=", ".join(missing)))
ui.source_line(trends.citation(rows.source_id.tolist() or ["-"], sources, lang, int(year)), lang)

st.subheader(T("sentences", lang))
for kode in highlight:
    st.markdown("- " + view.sentence(values, kode, names[kode], regions))

peers = values[values.level == view.level]
if not peers.empty:
    st.plotly_chart(
        charts.strip_figure(peers, highlight, compare.median(peers.nilai), view.strip_spec(peers), lang),
        theme=None,
        key="bandingkan_strip",
    )
    ui.source_line(trends.citation(peers.source_id.tolist(), sources, lang, int(year)), lang)

others = [c for c in codes if c != indicator]
if others:
    second = st.selectbox(
        T("scatter_x", lang),
        others,
        index=others.index(compare.default_second(indicator, others)),
        format_func=labels.get,
        key="bandingkan_x",
        bind="query-params",
    )
    y_meta = catalog.set_index("code").loc[second]
    both = compare.pair(values, ui.query("compare_values", indicator=second, tahun=year), view.level)
    if both.empty:
        st.info(T("no_scatter", lang, x=labels[indicator], y=labels[second], year=year))
    else:
        st.plotly_chart(
            charts.scatter_figure(both, highlight, view.scatter_spec(both, y_meta), lang),
            theme=None,
            key="bandingkan_scatter",
        )
        ui.source_line(trends.citation([*both.source_x, *both.source_y], sources, lang, int(year)), lang)

st.subheader(T("table", lang))
shown = compare.shown_table(rows, view.unit, view.decimals, view.level, lang, view.unit_text)
st.dataframe(shown.display, hide_index=True, key="bandingkan_tabel")
name = f"bandingkan_{indicator}_{year}_{ctx.kode}"
d1, d2, d3 = st.columns(3)
d1.download_button(
    trends.TEXT("download_csv", lang), lambda: export.csv_bytes(shown.export), f"{name}.csv", "text/csv"
)
d2.download_button(
    trends.TEXT("download_xlsx", lang),
    lambda: export.xlsx_bytes(shown.export, view.metadata(rows, sources), lang),
    f"{name}.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
d3.page_link(
    "pages/tren.py",
    label=T("to_trend", lang),
    icon=":material/show_chart:",
    query_params=trends.link_params(ctx.nama, lang, tren_indikator=labels[indicator]),
)
ui.add_to_deck_button("bandingkan", f"{labels[indicator]} {year} · {ctx.nama}", lang)
