"""Kepuasan layanan: SKM/IKM results (PermenPANRB 14/2017) of the chosen city's service units."""

import streamlit as st

from dalamangka import fmt, skm, skm_report, ui
from dalamangka.i18n import Text
from dalamangka.importer import skm as skm_import
from dalamangka.views import kepuasan

T = Text(
    {
        "title": ("Kepuasan layanan {name}", "Service satisfaction in {name}"),
        "intro": (
            "Indeks Kepuasan Masyarakat (IKM) tiap unit layanan dari Survei Kepuasan Masyarakat "
            "(PermenPANRB 14/2017): nilai 25-100, mutu A-D, sembilan unsur.",
            "Community Satisfaction Index (IKM) of each service unit from the Community Satisfaction "
            "Survey (PermenPANRB 14/2017): score 25-100, grade A-D, nine elements.",
        ),
        "empty": (
            "Belum ada hasil SKM untuk {name} di gudang data. Angka tidak diperkirakan: yang tidak ada "
            "tetap kosong.",
            "The warehouse holds no SKM results for {name} yet. Nothing is estimated: what is missing "
            "stays empty.",
        ),
        "how": (
            "**Cara mengimpor.** Walidata atau OPD mengisi salah satu templat di bawah (satu baris per "
            "unsur, atau satu baris per responden dengan kolom U1..U9 berisi 1-4), lalu menjalankan\n\n"
            "`python -m dalamangka import BERKAS.xlsx --user NAMA --penerbit ... --publikasi ... --yes`\n\n"
            "Impor diperiksa dulu (jawaban 1-4, unsur lengkap, periode tidak di masa depan, responden "
            "tidak ganda); satu kesalahan membatalkan seluruh berkas dan gudang data tidak berubah.",
            "**How to import.** The data custodian or an agency fills in one of the templates below (one "
            "row per element, or one row per respondent with columns U1..U9 holding 1-4), then runs\n\n"
            "`python -m dalamangka import FILE.xlsx --user NAME --penerbit ... --publikasi ... --yes`\n\n"
            "The import is checked first (answers 1-4, all elements, no future period, no repeated "
            "respondent); one error cancels the whole file and the warehouse stays unchanged.",
        ),
        "others": ("Kota/kabupaten dengan data SKM: {items}.", "Cities/regencies with SKM data: {items}."),
        "template_nrr": ("Templat NRR per unsur (CSV)", "NRR-per-element template (CSV)"),
        "template_resp": ("Templat responden U1..U9 (CSV)", "Respondent template U1..U9 (CSV)"),
        "units": ("Unit layanan: nilai terbaru", "Service units: latest score"),
        "respondents": ("{n} responden", "{n} respondents"),
        "respondents_unknown": ("jumlah responden tidak diketahui", "number of respondents unknown"),
        "unit": ("Unit layanan", "Service unit"),
        "no_profile": (
            "Nilai per unsur tidak tersedia: sumber hanya melaporkan nilai total.",
            "No scores per element: the source reports the total only.",
        ),
        "sample_low": (
            "Responden {n} di bawah sampel minimum {m} untuk populasi {p} pengguna layanan (tabel "
            "Krejcie-Morgan): hasil belum mewakili.",
            "{n} respondents is below the minimum sample of {m} for a population of {p} service users "
            "(Krejcie-Morgan table): the result is not yet representative.",
        ),
        "sample_ok": (
            "Responden {n} memenuhi sampel minimum {m} untuk populasi {p} pengguna layanan (Krejcie-Morgan).",
            "{n} respondents meets the minimum sample of {m} for a population of {p} service users "
            "(Krejcie-Morgan).",
        ),
        "sample_unknown": (
            "Populasi pengguna layanan tidak diketahui, sehingga kecukupan sampel tidak dapat diperiksa.",
            "The population of service users is unknown, so the sample size cannot be checked.",
        ),
        "ranking_units": ("Peringkat unit layanan", "Ranking of service units"),
        "ranking_opd": ("Peringkat OPD", "Ranking of agencies"),
        "ranking_note": (
            "Hanya hasil yang dihitung dari unsur (PermenPANRB 14/2017) diperingkat; nilai yang hanya "
            "dilaporkan dengan metode tak dinyatakan tidak dibandingkan.",
            "Only results computed from the elements (PermenPANRB 14/2017) are ranked; figures reported "
            "with an unstated method are not compared.",
        ),
        "nothing_ranked": ("Belum ada hasil yang dapat diperingkat.", "No results that can be ranked yet."),
        "report": ("Laporan per periode", "Report per period"),
        "report_table": ("Tabel laporan periode ini", "This period's report table"),
        "period": ("Periode", "Period"),
        "download": ("Unduh XLSX hasil SKM", "Download SKM results (XLSX)"),
        "announcement": ('Teks pengumuman "Hasil SKM"', '"Hasil SKM" announcement text'),
        "caveats": ("Catatan sumber", "Source notes"),
    }
)

ctx, choice, notices = ui.choices("kepuasan")
lang = ctx.lang
view = kepuasan.build(ctx.common, choice, ui.query)  # the unit's profile: the page's and a slide's
surveys = view.extra.get("surveys")
ui.write_url(view.common, view.state, keep=["kepuasan_periode"])

st.title(view.heading)
st.caption(f"{ctx.provinsi} · {T('intro', lang)}")

ui.notices(view, notices)
if surveys is None or surveys.empty:
    st.info(T("empty", lang, name=ctx.nama))
    st.markdown(T("how", lang))
    others = ui.query("skm_cities")
    if len(others):
        st.caption(T("others", lang, items=", ".join(others.nama)))
    row = st.container(horizontal=True, gap="small")  # buttons as wide as their labels
    row.download_button(
        T("template_nrr", lang), skm_import.template_csv(skm_import.FORMAT_NRR), "templat_skm_nrr.csv",
        mime="text/csv", key="kepuasan_templat_nrr", icon=":material/download:",
    )  # fmt: skip
    row.download_button(
        T("template_resp", lang), skm_import.template_csv(skm_import.FORMAT_RESPONDENTS),
        "templat_skm_responden.csv", mime="text/csv", key="kepuasan_templat_responden",
        icon=":material/download:",
    )  # fmt: skip
    st.stop()

res, newest, unsur, now = (view.extra[k] for k in ("results", "latest", "unsur", "now"))

st.subheader(T("units", lang))
cols = st.columns(min(3, len(newest)), gap="medium")
for i, r in enumerate(newest.to_dict("records")):
    with cols[i % len(cols)].container(border=True, key=f"kepuasan_card_{i}"):
        st.metric(f"{r['unit_layanan']}", r["score_text"], help=r["opd"])
        if isinstance(r["mutu"], str):
            st.badge(f"{r['mutu']} · {r['kinerja']}", color=skm_report.MUTU_COLOURS[r["mutu"]])  # type: ignore[arg-type]
        else:
            st.badge(r["kinerja"], color="gray")
        n = r["responden"]
        who = T("respondents", lang, n=fmt.number(n, 0, lang)) if n else T("respondents_unknown", lang)
        st.caption(f"{r['opd']} · {r['period']} · {who} · {skm.rule_label(r['aturan'], lang)}")
        ui.source_line(r["cite"], lang)

names = view.labels["unit"]
st.selectbox(
    T("unit", lang),
    view.options["unit"],
    format_func=lambda u: names.get(u, u),
    **ui.bind("kepuasan_unit", "unit", view.state.unit),
)
unit_id = view.extra["unit_id"]
mine = res[res.unit_id == unit_id]

if view.message:
    st.markdown(f"**{view.message}**")
if view.make_figure is None:
    st.info(view.empty)
else:
    ui.draw_figure(view.figure, "kepuasan_profil", view.title)
ui.source_line(view.source, lang)
left, right = st.columns([3, 2], gap="large")
with left:
    ui.draw_figure(skm_report.trend_figure(mine, now["unit_layanan"], lang), "kepuasan_tren", paint=False)
with right:
    if now["populasi"] is None:
        st.caption(T("sample_unknown", lang))
    else:
        args = {"n": fmt.number(now["responden"] or 0, 0, lang), "m": fmt.number(now["minimum"], 0, lang),
                "p": fmt.number(now["populasi"], 0, lang)}  # fmt: skip
        if (now["responden"] or 0) < now["minimum"]:
            st.warning(T("sample_low", lang, **args), icon=":material/warning:")
        else:
            st.success(T("sample_ok", lang, **args))
if isinstance(now["caveats"], str) and now["caveats"]:
    with st.expander(T("caveats", lang)):
        st.write(now["caveats"])

ui.add_to_deck_button("kepuasan", view.title, lang)

st.subheader(T("ranking_units", lang))
ranked = skm_report.unit_ranking(newest, lang)
if ranked.empty:
    st.caption(T("nothing_ranked", lang))
else:
    # a few rows each: static tables (st.table, 7 KB of code; st.dataframe's grid is ~1.5 MB)
    st.table(ranked, hide_index=True)
    st.markdown(f"**{T('ranking_opd', lang)}**")
    st.table(skm_report.opd_ranking(newest, lang), hide_index=True)
st.caption(T("ranking_note", lang))

computed = res[~res.reported.astype(bool)]
if not computed.empty:
    st.subheader(T("report", lang))
    periods = list(dict.fromkeys(computed.sort_values("sort", ascending=False).period))
    period = st.selectbox(T("period", lang), periods, key="kepuasan_periode", bind="query-params")
    period = period if period in periods else periods[0]
    chosen = computed[computed.period == period]
    table = skm_report.report_table(chosen, unsur, lang)
    # the wide report grid (and its ~1.5 MB of code) only when asked for (issue 14)
    box = ui.on_demand(T("report_table", lang), "kepuasan_laporan_buka", ":material/table:")
    if box is not None:
        box.dataframe(skm_report.display(table, lang), hide_index=True, key="kepuasan_laporan")
    st.download_button(
        T("download", lang), skm_report.report_xlsx(table, ctx.nama, period, lang),
        f"hasil_skm_{ctx.kode}_{period.replace(' ', '_')}.xlsx", key="kepuasan_unduh",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/download:",
    )  # fmt: skip
    pick = chosen[chosen.unit_id == unit_id]
    row = (pick if len(pick) else chosen).iloc[0].to_dict()
    box = ui.on_demand(
        f"{T('announcement', lang)} · {row['unit_layanan']}", "kepuasan_umumkan_buka", ":material/campaign:"
    )
    if box is not None:
        box.code(skm_report.announcement(row, unsur, ctx.nama, lang), language=None, wrap_lines=True)
