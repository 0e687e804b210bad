"""The four light chart builders (dalamangka.vega) drawn by Streamlit's own Vega-Lite renderer.

Used by tests/test_vega.py (browser test) and for screenshots: real rows of the warehouse named
by DALAMANGKA_WAREHOUSE (the tiny fixture in tests), with Streamlit's own theme as the pages draw
them (``ui.draw_figure``). ``?lang=en`` draws in English,
``?proyektor=1`` the projector variant.
"""

from __future__ import annotations

import streamlit as st

from dalamangka import charts, compare, config, sql, trends, vega, warehouse

lang = st.query_params.get("lang", "id")
projected = st.query_params.get("proyektor") == "1"
con = warehouse.open_read_only(config.warehouse_path())
rows = sql.run(con, "trend_series", indicator="ipm", kodes=["2172", "1275", "1971"])
grid = trends.frame(rows, "ipm", lang)
data = trends.transform(grid, "nilai", "indeks")
spec = trends.chart_spec("IPM", grid, "nilai", "indeks", 2, None, lang)
st.vega_lite_chart(vega.trend(data, "1275", spec, lang, projected), width="stretch")

vspec = charts.ValueSpec("TPT 2021", "", "TPT (%)", "persen", 2, "Median")
values = sql.run(con, "compare_values", indicator="tpt", tahun=2021)
ranked = compare.ranked(values, ["1275", "1971", "1671", "3375", "2172"], False)
st.vega_lite_chart(
    vega.ranked_bars(ranked, ["1275"], compare.median(ranked.nilai), vspec, lang, projected),
    width="stretch",
)
pop = sql.run(con, "compare_values", indicator="penduduk_dukcapil", tahun=2024)
pspec = charts.ValueSpec("Penduduk", "", "Penduduk (jiwa)", "jiwa", 0, "Median")
st.vega_lite_chart(vega.strip(pop, ["1275"], None, pspec, lang, projected), width="stretch")
ipm = sql.run(con, "compare_values", indicator="ipm", tahun=2021)
p0 = sql.run(con, "compare_values", indicator="p0", tahun=2021)
sspec = charts.ScatterSpec("", "", "IPM", "P0 (%)", "indeks", "persen", 2, 2)
st.vega_lite_chart(
    vega.scatter(compare.pair(ipm, p0, "kota"), ["1275"], sspec, lang, projected), width="stretch"
)
