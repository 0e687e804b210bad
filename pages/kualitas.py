"""Kualitas data: which figures are missing, which disagree, how ready each producer is; XLSX report."""

import datetime as dt

import streamlit as st

from dalamangka import fmt, quality, quality_report, state, ui
from dalamangka.i18n import Text
from dalamangka.ui import demografi as ui_demografi
from dalamangka.ui import notes as ui_notes

T = Text(
    {
        "title": ("Kualitas data {name}", "Data quality, {name}"),
        "intro": (
            "Pemeriksaan otomatis atas semua angka di gudang data, untuk FGD dengan BPS dan OPD. Temuan "
            "bukan berarti angka salah: periksa sumbernya.",
            "Automatic checks of every figure in the warehouse, for the FGD with BPS and OPDs. A finding "
            "does not mean a figure is wrong: check its source.",
        ),
        "download": ("Unduh laporan kualitas data (XLSX)", "Download the data quality report (XLSX)"),
        "tab_cov": ("Kelengkapan", "Completeness"),
        "tab_checks": ("Konsistensi", "Consistency"),
        "tab_prod": ("Kesiapan produsen", "Producer readiness"),
        "scope": ("Tampilkan temuan untuk", "Show findings for"),
        "scope_region": ("wilayah terpilih", "chosen region"),
        "scope_all": ("semua wilayah", "all regions"),
        "missing": ("Angka yang tidak ada ({n})", "Missing figures ({n})"),
        "source_all": (
            "semua sumber di gudang data (S01–S19; rincian di Katalog metadata)",
            "all sources in the warehouse (S01–S19; details in the metadata catalogue)",
        ),
        "none": ("Tidak ada temuan.", "No findings."),
        "rse": (
            "RSE: tidak satu pun sumber yang dimuat memberi RSE, jadi keandalan estimasi survei belum bisa "
            "dinilai. Data impor yang membawa RSE ditandai: ≤ 25 % andal, 25–50 % hati-hati, "
            "> 50 % tidak andal.",
            "RSE: none of the loaded sources gives an RSE, so survey reliability cannot be judged yet. "
            "Imported data with an RSE is flagged: ≤ 25% reliable, 25–50% caution, > 50% unreliable.",
        ),
        "prod_note": (
            "Skor = rata-rata empat bagian: metadata terisi, indikator mutakhir, kode wilayah baku, "
            "indikator tanpa temuan. Alat bantu internal walidata, bukan nilai EPSS resmi BPS. OPD yang "
            "mengimpor data muncul di sini sebagai produsen.",
            "Score = the mean of four shares: metadata filled, indicators up to date, standard region codes, "
            "indicators without findings. An internal aid for the data custodian, not an official BPS EPSS "
            "score. OPDs that import data appear here as producers.",
        ),
    }
)

ctx, choice, notices = ui.choices("kualitas")
lang = ctx.lang
if "kualitas_cakupan" in st.query_params and "tab" not in st.query_params:
    # an old (label-style) link that chose the checks' scope opens the checks; it is read once and
    # rewritten, so a reader who then picks another tab stays there
    choice = state.replace(choice, tab="cek")
ui.write_url(ctx.common, choice)
year = dt.date.today().year
report = ui.quality_report(ctx.kode, ctx.nama, year, lang)
# what every session of this region draws, made once per warehouse version (the heat map's matrix
# and spec took ~150 ms of each new session's first run; docs/benchmarks.md, session 22)
key = ("kualitas", ctx.kode, ctx.nama, year, lang)
summary_html = ui.memo((*key, "summary"), lambda: fmt.html_table(quality.summary(report, lang)))

st.title(T("title", lang, name=ctx.nama))
st.caption(T("intro", lang))
for notice in notices:
    st.warning(notice, icon=":material/link_off:")
st.html(summary_html)  # no table JavaScript (issue 14); one card per check on a phone
# what a phone sees first from serve's page shell (ui/screen.py): down to the heat map
ui.first_screen(
    T("title", lang, name=ctx.nama),
    T("intro", lang),
    T("source_all", lang),
    lang,
    small=True,
    top_rem=6,
    extra=summary_html,
)
st.download_button(
    T("download", lang),
    lambda: quality_report.build(report, lang),  # built on click, not on every rerun
    file_name=f"kualitas_data_{ctx.kode}_{year}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="kualitas_download",
    icon=":material/download:",
)
# tabs bound to tab= and drawn one at a time (issue 14): the first screen is the summary and the
# heat map; every table's JavaScript waits for the tab or list that shows it.
labels = {"lengkap": T("tab_cov", lang), "cek": T("tab_checks", lang), "produsen": T("tab_prod", lang)}
tabs = ui.lazy_tabs("kualitas_tab", labels, choice.tab, "lengkap")
cov, checks, prod = tabs["lengkap"], tabs["cek"], tabs["produsen"]
short = report.catalog["short_en" if lang == "en" else "short_id"]
names = dict(zip(report.catalog.code, short, strict=True))
if cov.open:
    with cov:
        title = quality.TEXT("heat_title", lang, name=ctx.nama)
        st.markdown(f"**{title}**")
        heat = ui.memo(
            (*key, "heat"),
            lambda: quality.coverage_figure(quality.coverage_matrix(report.coverage), names, title, lang),
        )
        # its first paint takes Vega 1.6 s (a hundred long row labels): this view never waits for it
        # (paint_wait=0); the renderer process draws it meanwhile, and the next phone (any replica
        # of serve) gets it at once (docs/benchmarks.md, session 7)
        ui.draw_figure(heat, "kualitas_cakupan_peta", title, paint_wait=0)
        ui.source_line(T("source_all", lang), lang)
        missing = st.expander(
            T("missing", lang, n=len(report.missing)), key="kualitas_missing_open", on_change="rerun"
        )
        if missing.open:
            with missing:
                st.dataframe(
                    quality.display(report.missing, lang, names=names),
                    hide_index=True,
                    key="kualitas_missing",
                )
if checks.open:
    with checks:
        scope = st.segmented_control(
            T("scope", lang), ["wilayah", "semua"], required=True,
            format_func=lambda s: T("scope_region" if s == "wilayah" else "scope_all", lang),
            **ui.bind("kualitas_cakupan", "cakupan", choice.cakupan),
        )  # fmt: skip
        frames = [
            ("c_kecamatan", report.kecamatan_failures),
            ("c_two", report.two_sources),
            ("c_registry", report.registry),
            ("c_yoy", report.yoy),
            ("c_range", report.out_of_range),
        ]
        for key, frame in frames:
            shown = frame if scope == "semua" or key == "c_registry" else report.for_region(frame)
            st.subheader(f"{quality.TEXT(key, lang)} ({len(shown)})")
            if len(shown):
                st.dataframe(
                    quality.display(shown, lang, names=names), hide_index=True, key=f"kualitas_{key}"
                )
            else:
                st.caption(T("none", lang))
            if key == "c_registry":
                ui.about_panel(quality.REGISTRY_POPULATION, lang, ctx.kode, key="kualitas_about_registry")
        ui_demografi.series_pairs_block(ctx.kode, lang)
        st.info(T("rse", lang))
if prod.open:
    with prod:
        st.caption(T("prod_note", lang))
        for words in report.producers.penjelasan:
            st.markdown(f"- {words}")
        st.dataframe(quality.display(report.producers, lang, 1), hide_index=True, key="kualitas_producers")

    # Catatan FGD (issue 18): notes on this city's figures per producer/OPD, open counts and age
    ui_notes.opd_summary(ctx.kode, ctx.nama, lang)
