"""Bandingkan: where the chosen city stands among other kota in one year (chart first)."""

import streamlit as st

from dalamangka import compare, downloads, groups, tables, trends, ui, vega
from dalamangka.compare import TEXT as T
from dalamangka.i18n import COMMON, Text
from dalamangka.views import bandingkan

P = Text(
    {
        "more": ("Pilihan lain", "More choices"),
        "full": ("Tampilkan semua wilayah", "Show every region"),
        "tab_grafik": ("Grafik", "Chart"),
        "tab_sebaran": ("Sebaran", "Distribution"),
        "tab_pasangan": ("Dua indikator", "Two indicators"),
        "tab_peta": ("Peta", "Map"),
        "tab_tabel": ("Tabel", "Table"),
        "click_city": (
            "Klik sebuah kab/kota di peta untuk menjadikannya pilihan.",
            "Click a regency/city on the map to choose it.",
        ),
    }
)
TABS = ("grafik", "sebaran", "pasangan", "peta", "tabel")

ctx, choice, notices = ui.choices("bandingkan")
lang = ctx.lang
# the whole view (ranking, bars) is memoised on the link's state: a warm rerun rebuilds nothing
view = ui.bandingkan_view(ctx.common, choice)
s, x = view.state, view.extra
# title and key message in one block, less air above: the chart starts in the upper third of a
# phone screen under the tabs
ui.compact_top()
message = view.message or f"{ctx.provinsi} · {T('intro', lang)}"
st.markdown(f"#### {view.title or view.heading}\n:gray[{message}]")
ui.first_screen(view.title or view.heading, message, view.source or "", lang, level=4, muted=True)
ui.notices(view, notices)
if not view.options["ind"]:
    st.info(view.empty)
    st.stop()
labels, names = view.labels["ind"], view.labels["region"]
problem = bool(x.get("problem"))
cmp, highlight = x.get("view"), x.get("highlight", [ctx.kode])
answer, short = x.get("answer"), x.get("short")
# Grafik / Sebaran / Dua indikator / Peta / Tabel on the same state (tab=); only the open tab is
# drawn: the table's JavaScript (+1.6 MB), the national map, and the strip's and scatter's Vega
# views (~0.1 s of a laptop's first view, docs/benchmarks.md) wait until a reader opens them
tabs = ui.lazy_tabs("bandingkan_tab", {t: P("tab_" + t, lang) for t in TABS}, s.tab, "grafik")
with tabs["grafik"]:
    if tabs["grafik"].open is not False and view.make_figure is not None:
        ui.draw_figure(view.figure, "bandingkan_bar", view.title)
        if short is not None and (short.hidden or s.semua):  # the full list is one click away
            st.toggle(P("full", lang), **ui.bind("bandingkan_semua", "semua", s.semua))
with tabs["peta"]:
    if tabs["peta"].open and answer is not None:
        shown = bandingkan.group_map(view, ui.query, ui.shapes, ui.memo)
        if shown is None:
            st.info(bandingkan.M("no_map", lang, short=labels[str(s.ind)], year=s.tahun))
        else:
            st.markdown(f"**{shown.title}**")
            left, right = st.columns([3, 2], gap="medium")
            with left:
                ui.vega_map_chart(
                    lambda: shown.figure, shown.fingerprint, "bandingkan_peta", "kota", url={"kota": "kota"}
                )
            mv = shown.extra["mv"]
            ranking = bandingkan.map_ranking(shown, answer, highlight)
            ui.ranked_list(right, ranking, mv.unit, mv.decimals, highlight, lang, full=s.semua)
            right.caption(P("click_city", lang))
            ui.draw_view(shown, "bandingkan_peta", figure=False)
with tabs["tabel"]:
    if tabs["tabel"].open and answer is not None and cmp is not None:
        st.caption(answer.sentence)  # the chosen city's rank, above its highlighted row
        table = answer.table.assign(dipilih=answer.table.kode.isin(highlight))
        fp = (view.fingerprint, tuple(highlight))  # memoised on the view: warm reruns stay fast
        st.dataframe(
            ui.memo(("bandingkan_styled", *fp), lambda: tables.styled(table, cmp.decimals, lang)),
            column_config=tables.column_config(table, cmp.unit, lang, cmp.unit_text, cmp.level),  # type: ignore[arg-type]
            key="bandingkan_tabel",
            **tables.DATAFRAME_ARGS,  # type: ignore[arg-type]
        )
    elif tabs["tabel"].open and view.empty:
        st.info(view.empty)

# compact controls under the chart: a row of selectors, the rest in a popover
c1, c2, c3 = st.columns([3, 2, 2], vertical_alignment="bottom")
ui.picker(
    c1,
    T("indicator", lang),
    view.options["ind"],
    format_func=labels.get,
    **ui.bind("bandingkan_indikator", "ind", s.ind, clear=["tahun"]),
)
# the year in a picker (newest first), not a slider: the slider's code (with moment.js) held a
# phone's first chart back by ~0.5 s (issue 14, docs/benchmarks.md, session 15)
years = sorted(view.options["tahun"], reverse=True)
if years:
    ui.picker(
        c2, T("year", lang), years, help=T("year_help", lang), **ui.bind("bandingkan_tahun", "tahun", s.tahun)
    )
# the comparison group: the same groups and picker as Tren (grup=, groups.py)
ui.group_picker("bandingkan", T("set", lang), x.get("choice", groups.Choice()), view.options, names, lang)
with c3.popover(P("more", lang), icon=":material/tune:", width="stretch"):
    st.multiselect(
        T("mark", lang),
        view.options["region"],
        format_func=names.get,
        placeholder=COMMON("pick_regions", lang),
        **groups.MULTISELECT_ARGS,  # type: ignore[arg-type]
        **ui.bind("bandingkan_sorot", "sorot", s.sorot),
    )
    if metro := groups.metro_note(lang):
        st.caption(metro)
ui.write_url(view.common, s)
if s.tahun is None or problem:
    (st.warning if problem else st.info)(view.empty)
    st.stop()
if s.tab not in ("sebaran", "pasangan"):  # those tabs name their own sources
    ui.draw_view(view, "bandingkan_bar", figure=False)

values, year, sources = x["values"], int(s.tahun), x["sources"]
regions, catalog, rows = x["regions"], x["catalog"], x["rows"]
st.subheader(T("sentences", lang))
for kode in highlight:
    st.markdown("- " + cmp.sentence(values, kode, names[kode], regions))

with tabs["sebaran"]:
    if tabs["sebaran"].open:
        peers = values[values.level == cmp.level]
        if not peers.empty:
            strip = ui.memo(
                ("bandingkan_strip", view.fingerprint, tuple(highlight)),
                lambda: bandingkan.titled(
                    vega.strip(peers, highlight, compare.median(peers.nilai), cmp.strip_spec(peers), lang),
                    cmp.strip_spec(peers),
                ),
            )
            ui.draw_figure(strip, "bandingkan_strip", paint=False)
            ui.source_line(trends.citation(peers.source_id.tolist(), sources, lang, year), lang)

with tabs["pasangan"]:
    if tabs["pasangan"].open:
        others = [c for c in view.options["ind"] if c != s.ind]
        if others:
            first_x = s.x if s.x in others else compare.default_second(s.ind, others)
            second = ui.picker(
                st.columns([3, 4])[0],
                T("scatter_x", lang),
                others,
                format_func=labels.get,
                **ui.bind("bandingkan_x", "x", first_x),
            )
            y_meta = catalog.set_index("code").loc[second]
            both = ui.memo(
                ("bandingkan_pair", view.fingerprint, second),
                lambda: compare.pair(
                    values, ui.query("compare_values", indicator=second, tahun=year), cmp.level
                ),
            )
            if both.empty:
                st.info(T("no_scatter", lang, x=labels[s.ind], y=labels[second], year=year))
            else:
                scatter_spec = cmp.scatter_spec(both, y_meta)
                scatter = ui.memo(
                    ("bandingkan_scatter", view.fingerprint, second, tuple(highlight)),
                    lambda: bandingkan.titled(
                        vega.scatter(both, highlight, scatter_spec, lang), scatter_spec
                    ),
                )
                ui.draw_figure(scatter, "bandingkan_scatter", paint=False)
                ui.source_line(trends.citation([*both.source_x, *both.source_y], sources, lang, year), lang)

# downloads (downloads.py), in the Tabel tab as on Tren (issue 14: the first screen stays light;
# the full series is queried only when the reader asks for the table): the bars drawn, and
# every year of every member of the group
with tabs["tabel"]:
    if tabs["tabel"].open:
        heads = downloads.labels(lang)
        measures = ui.memo(("bandingkan_measures", lang), lambda: downloads.measures(catalog, lang))
        members = x["group"].kodes
        parts = ui.memo(
            ("bandingkan_unduh", view.fingerprint),
            lambda: (
                ("shown", downloads.bandingkan_shown(x.get("shown", rows), year, str(s.ind))),
                (
                    "full",
                    downloads.series_full(
                        ui.query("indicator_series", kodes=list(members), indicators=[str(s.ind)]),
                        rows.kode.astype(str).tolist(),
                    ),
                ),
            ),
        )
        for part, figures in parts:
            d = downloads.build(
                figures, measures, sources, f"bandingkan_{s.ind}_{year}_{ctx.kode}_{part}", lang
            )
            for col, (label, make, fname, mime) in zip(st.columns(2), d.files(), strict=True):
                key = f"bandingkan_unduh_{part}_{fname.rsplit('.', 1)[1]}"
                col.download_button(f"{heads[part]}: {label}", make, fname, mime, key=key)
st.page_link(
    "pages/tren.py",
    label=T("to_trend", lang),
    icon=":material/show_chart:",
    query_params={"kota": ctx.kode, "lang": lang, "ind": s.ind},
)
ui.add_to_deck_button("bandingkan", view.title, lang)
