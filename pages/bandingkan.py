"""Bandingkan: where the chosen city stands among other kota in one year."""

import streamlit as st

from dalamangka import charts, compare, export, trends, ui
from dalamangka.compare import TEXT as T
from dalamangka.i18n import COMMON
from dalamangka.views import bandingkan

ctx, choice, notices = ui.choices("bandingkan")
lang = ctx.lang
view = bandingkan.build(ctx.common, choice, ui.query)
s, x = view.state, view.extra
st.title(view.heading)
st.caption(f"{ctx.provinsi} · {T('intro', lang)}")
if not view.options["ind"]:
    st.info(view.empty)
    st.stop()
labels, names = view.labels["ind"], view.labels["region"]
c1, c2 = st.columns([3, 1])
c1.selectbox(
    T("indicator", lang),
    view.options["ind"],
    format_func=labels.get,
    **ui.bind("bandingkan_indikator", "ind", s.ind, clear=["tahun"]),
)
c2.selectbox(
    T("year", lang),
    view.options["tahun"],
    help=T("year_help", lang),
    **ui.bind("bandingkan_tahun", "tahun", s.tahun),
)
st.segmented_control(
    T("set", lang),
    view.options["set"],
    required=True,
    format_func=lambda c: T("set_" + c, lang),
    **ui.bind("bandingkan_set", "set", s.set),
)
if s.set == "mirip":
    st.segmented_control(
        T("band", lang),
        view.options["pita"],
        required=True,
        format_func=lambda b: f"±{b} %",
        **ui.bind("bandingkan_pita", "pita", s.pita),
    )
if s.set == "pilihan":
    st.multiselect(
        T("custom", lang),
        view.options["region"],
        format_func=names.get,
        placeholder=COMMON("pick_regions", lang),
        **ui.bind("bandingkan_daftar", "daftar", s.daftar),
    )
st.multiselect(
    T("mark", lang),
    view.options["region"],
    format_func=names.get,
    placeholder=COMMON("pick_regions", lang),
    **ui.bind("bandingkan_sorot", "sorot", s.sorot),
)
ui.notices(view)
ui.write_url(view.common, s)
if s.tahun is None or x.get("problem"):
    (st.warning if x.get("problem") else st.info)(view.empty)
    st.stop()
ui.draw_view(view, "bandingkan_bar")

cmp, values, highlight, year, sources = x["view"], x["values"], x["highlight"], int(s.tahun), x["sources"]
regions, catalog, rows = x["regions"], x["catalog"], x["rows"]
st.subheader(T("sentences", lang))
for kode in highlight:
    st.markdown("- " + cmp.sentence(values, kode, names[kode], regions))

peers = values[values.level == cmp.level]
if not peers.empty:
    st.plotly_chart(
        charts.strip_figure(peers, highlight, compare.median(peers.nilai), cmp.strip_spec(peers), lang),
        theme=None,
        key="bandingkan_strip",
    )
    ui.source_line(trends.citation(peers.source_id.tolist(), sources, lang, year), lang)

others = [c for c in view.options["ind"] if c != s.ind]
if others:
    second = st.selectbox(
        T("scatter_x", lang),
        others,
        format_func=labels.get,
        **ui.bind("bandingkan_x", "x", s.x if s.x in others else compare.default_second(s.ind, others)),
    )
    y_meta = catalog.set_index("code").loc[second]
    both = compare.pair(values, ui.query("compare_values", indicator=second, tahun=year), cmp.level)
    if both.empty:
        st.info(T("no_scatter", lang, x=labels[s.ind], y=labels[second], year=year))
    else:
        st.plotly_chart(
            charts.scatter_figure(both, highlight, cmp.scatter_spec(both, y_meta), lang),
            theme=None,
            key="bandingkan_scatter",
        )
        ui.source_line(trends.citation([*both.source_x, *both.source_y], sources, lang, year), lang)

st.subheader(T("table", lang))
shown = compare.shown_table(rows, cmp.unit, cmp.decimals, cmp.level, lang, cmp.unit_text)
st.dataframe(shown.display, hide_index=True, key="bandingkan_tabel")
name = f"bandingkan_{s.ind}_{year}_{ctx.kode}"
d1, d2, d3 = st.columns(3)
d1.download_button(
    trends.TEXT("download_csv", lang), lambda: export.csv_bytes(shown.export), f"{name}.csv", "text/csv"
)
d2.download_button(
    trends.TEXT("download_xlsx", lang),
    lambda: export.xlsx_bytes(shown.export, cmp.metadata(rows, sources), lang),
    f"{name}.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
d3.page_link(
    "pages/tren.py",
    label=T("to_trend", lang),
    icon=":material/show_chart:",
    query_params={"kota": ctx.kode, "lang": lang, "ind": s.ind},
)
ui.add_to_deck_button("bandingkan", view.title, lang)
