"""Katalog metadata: every indicator, its producer and how complete its MS-Indikator metadata is."""

import datetime as dt

import streamlit as st

from dalamangka import about, fmt, quality, quality_report, state, ui, views
from dalamangka.i18n import Text

T = Text(
    {
        "title": ("Katalog metadata indikator", "Indicator metadata catalogue"),
        "intro": (
            "Setiap indikator di gudang data dengan produsennya (BPS atau OPD) dan kolom MS-Indikator "
            "(Peraturan BPS 5/2020). Kolom yang tidak diberikan sumber ditulis 'tidak diketahui', "
            "tidak ditebak.",
            "Every indicator in the warehouse with its producer (BPS or an OPD) and its MS-Indikator fields "
            "(BPS Regulation 5/2020). Fields the sources do not give read 'unknown', never guessed.",
        ),
        "producer": ("Produsen", "Producer"),
        "all": ("Semua produsen", "All producers"),
        "count": (
            "{n} indikator; {full} dengan metadata lengkap; rata-rata kolom terisi {share}.",
            "{n} indicators; {full} with complete metadata; on average {share} of fields filled.",
        ),
        "csv": ("Unduh katalog (CSV)", "Download the catalogue (CSV)"),
        "xlsx": ("Unduh katalog (XLSX)", "Download the catalogue (XLSX)"),
        "detail": ("Formulir MS-Indikator", "MS-Indikator form"),
        "pick": ("Indikator", "Indicator"),
        "sheet": ("Katalog", "Catalogue"),
        "source": (
            "data/indicators.toml dan data/sources.toml (metadata); publikasi sumber per indikator "
            "di kolom Sumber",
            "data/indicators.toml and data/sources.toml (metadata); each indicator's publications in Sources",
        ),
    }
)

ctx, choice, notices = ui.choices("katalog")
lang = ctx.lang
catalog = ui.query("catalog_indicators")
year = dt.date.today().year
# the catalogue's tables are memoised per warehouse version (ui.memo): building them formats every
# indicator's MS-Indikator form and badges, ~0.2 s, which a warm rerun must not pay (issue 14)
completeness = ui.memo(("katalog_lengkap", lang), lambda: quality.metadata_completeness(catalog, lang))

st.title(T("title", lang))
st.caption(T("intro", lang))
for notice in notices:
    st.warning(notice, icon=":material/link_off:")
producers = ["semua", *sorted(catalog.producer.unique())]
if choice.produsen not in producers:
    notices.append(views.bad_value("produsen", choice.produsen, T("all", lang), lang))
    choice = state.replace(choice, produsen="semua")
producer = st.selectbox(
    T("producer", lang), producers, format_func=lambda p: T("all", lang) if p == "semua" else p,
    **ui.bind("katalog_produsen", "produsen", choice.produsen, clear=["ind"]),
)  # fmt: skip
chosen = catalog if producer in (None, "semua") else catalog[catalog.producer == producer]
done = completeness[completeness.indicator.isin(chosen.code)]
full = int((done.terisi == done.wajib).sum())
share = 100 * done.terisi.sum() / done.wajib.sum() if len(done) else None
st.markdown(T("count", lang, n=len(chosen), full=full, share=fmt.value(share, "persen", 0, lang)))
table = ui.memo(
    ("katalog_tabel", lang, producer, year), lambda: about.catalog_table(chosen, completeness, lang, year)
)
st.dataframe(table.iloc[:, :9], hide_index=True, key="katalog_table")
ui.source_line(T("source", lang), lang)
left, right = st.columns(2)
csv = ui.memo(("katalog_csv", lang, producer, year), lambda: table.to_csv(index=False).encode("utf-8"))
left.download_button(
    T("csv", lang), csv, file_name="katalog_metadata.csv",
    mime="text/csv", key="katalog_csv", icon=":material/download:",
)  # fmt: skip
right.download_button(
    T("xlsx", lang), lambda: quality_report.workbook({T("sheet", lang): table}),
    file_name="katalog_metadata.xlsx", key="katalog_xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
)  # fmt: skip

st.subheader(T("detail", lang))
names = dict(zip(chosen.code, chosen.name_id, strict=True))
if choice.ind is not None and choice.ind not in names:
    notices.append(views.bad_value("ind", choice.ind, f"{next(iter(names), '')}", lang))
    choice = state.replace(choice, ind=None)
if choice.ind is None and names:
    choice = state.replace(choice, ind=next(iter(names)))
code = st.selectbox(
    T("pick", lang), list(names), format_func=lambda c: f"{c} — {names.get(c, c)}",
    **ui.bind("katalog_indikator", "ind", choice.ind),
)  # fmt: skip
ui.write_url(ctx.common, choice)
if code:
    form = ui.memo(
        ("katalog_form", lang, code), lambda: about.metadata_form(chosen[chosen.code == code].iloc[0], lang)
    )
    st.dataframe(form, hide_index=True, key="katalog_form", height=36 * (len(form) + 1) + 4)
    ui.about_panel(code, lang, ctx.kode, key="katalog_about")
