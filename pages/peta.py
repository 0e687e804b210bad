"""Peta: kecamatan choropleth of the chosen kota, and the national kab/kota map."""

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dalamangka import answers, demografi, fmt, geo, maps, tables, ui, ui_demografi
from dalamangka.i18n import Text
from dalamangka.views import peta

T = Text(
    {
        "title": ("Peta {name}", "Map of {name}"),
        "view": ("Tampilan", "View"),
        "view_kecamatan": ("Kecamatan", "Kecamatan"),
        "view_nasional": ("Kab/kota se-Indonesia", "All regencies/cities"),
        "indicator": ("Indikator", "Indicator"),
        "year": ("Tahun", "Year"),
        "method": ("Klasifikasi", "Classification"),
        "classes": ("Jumlah kelas", "Classes"),
        "measure": ("Ukuran", "Measure"),
        "names": ("Nama kecamatan di peta", "Kecamatan names on the map"),
        "kelurahan": ("Batas kelurahan", "Kelurahan boundaries"),
        "kota_only": ("Kota saja", "Cities only"),
        "profile_pick": (
            "Profil kecamatan (klik peta atau pilih)",
            "Kecamatan profile (click the map or pick)",
        ),
        "profile_hint": ("Pilih kecamatan…", "Choose a kecamatan…"),
        "profile": ("Kecamatan {name}", "Kecamatan {name}"),
        "click_city": (
            "Klik sebuah kab/kota untuk menjadikannya pilihan.",
            "Click a regency/city to choose it.",
        ),
        "no_data_n": (
            "Tanpa angka: {n} wilayah (tidak ada data, bukan nol)",
            "Without a figure: {n} regions (no data, not zero)",
        ),
        "csv": ("Unduh data peta (CSV)", "Download map data (CSV)"),
        "geojson": ("Unduh peta (GeoJSON)", "Download map (GeoJSON)"),
        "more": ("Pilihan lain", "More choices"),
        "hidden": ("{n} wilayah lain", "{n} more regions"),
    }
)

ctx, choice, notices = ui.choices("peta")
lang = ctx.lang
view = peta.build(ctx.common, choice, ui.query, shapes=ui.shapes, memo=ui.memo)
s, x = view.state, view.extra
names = view.labels.get("ind", {})
kec = s.tampilan == "kecamatan"
st.subheader(view.heading, anchor=False)  # small: the map starts in the upper third on a phone
if view.message:
    st.caption(view.message)
ui.notices(view)
ui.write_url(view.common, s)
for info in view.infos:
    st.info(info)
view.infos = []
left, right = st.columns([3, 2], gap="medium")


def controls() -> None:
    """The compact row under the map: indicator, year slider, the rest in a popover."""
    c1, c2, c3 = st.columns([3, 2, 2], vertical_alignment="bottom")
    if names:
        c1.selectbox(
            T("indicator", lang), view.options["ind"], format_func=names.get,
            **ui.bind("peta_indikator" if kec else "peta_nas_indikator", "ind", s.ind,
                      clear=["tahun", "ukuran"]),
        )  # fmt: skip
        years = sorted(view.options["tahun"])
        key = "peta_tahun" if kec else "peta_nas_tahun"
        if len(years) > 1:
            c2.select_slider(T("year", lang), years, **ui.bind(key, "tahun", s.tahun))
        elif years:
            c2.selectbox(T("year", lang), years, **ui.bind(key, "tahun", s.tahun))
    with c3.popover(T("more", lang), icon=":material/tune:", width="stretch"):
        st.segmented_control(
            T("view", lang),
            ["kecamatan", "nasional"],
            format_func=lambda v: T(f"view_{v}", lang),
            **ui.bind("peta_tampilan", "tampilan", s.tampilan, clear=["ind", "tahun", "ukuran"]),
        )
        st.selectbox(
            T("method", lang), list(maps.METHODS), format_func=lambda m: maps.T(m, lang),
            **ui.bind("peta_klasifikasi", "metode", s.metode),
        )  # fmt: skip
        st.slider(T("classes", lang), 3, 7, **ui.bind("peta_kelas", "kelas", s.kelas))
        if kec and view.make_figure is not None:
            values = x["values"]
            st.radio(
                T("measure", lang), x["measures"], format_func=lambda m: maps.measure_label(m, values, lang),
                **ui.bind("peta_ukuran", "ukuran", s.ukuran),
            )  # fmt: skip
            st.toggle(T("names", lang), **ui.bind("peta_nama", "nama", s.nama))
            st.toggle(
                T("kelurahan", lang),
                disabled=x["kelurahan"].empty,
                **ui.bind("peta_kelurahan", "kelurahan", s.kelurahan),
            )
        if not kec:
            st.toggle(T("kota_only", lang), **ui.bind("peta_kota_saja", "kota_saja", s.kota_saja))


def ranked_list(
    where: DeltaGenerator, answer: answers.Answer, unit: str, decimals: int, full: bool = True
) -> None:
    """Beside the map: its regions in rank order of the measure drawn (top/bottom 10 unless full)."""
    short = tables.top_bottom(answer.table, [], full=full)
    where.markdown(f"**{answer.sentence}**")
    lines = []
    for r in short.rows.itertuples():
        if r.lompat:
            lines.append(f"… {T('hidden', lang, n=int(r.lompat))}")
        rank = "–" if pd.isna(r.peringkat) else f"{int(r.peringkat)}."
        value = fmt.value(None if pd.isna(r.nilai) else float(r.nilai), unit, decimals, lang)
        lines.append(f"{rank} {r.nama} · {value}")
    where.markdown("  \n".join(lines))


if view.make_figure is None:
    controls()
    st.info(view.empty)
    st.stop()
mv, sources, indicator = x["mv"], x["sources"], s.ind
collection = x["collection"]

if kec:
    values = x["values"]
    kelurahan = x["kelurahan"]
    to_bps = dict(zip(values.kode_kemendagri, values.kode, strict=True))
    with left:
        ui.map_chart(lambda: view.figure, view.fingerprint, "peta_map", "peta_kecamatan", transform=to_bps)
    ranked_list(right, answers.densest(mv, ctx.nama, int(s.tahun), lang), mv.unit, mv.decimals)
    controls()
    ui.draw_view(view, "peta_map", figure=False)
    meta, name_col = x["meta"], "name_en" if lang == "en" else "name_id"
    cite = sources.set_index("source_id")["cite_en" if lang == "en" else "cite_id"].get(meta.source_id, "")
    st.caption(demografi.map_series_caption(str(meta[name_col]), int(s.tahun), str(cite), lang))
    ui_demografi.map_vintage_switch(x["catalog"], indicator, view.options["ind"][0], lang)
    stem = f"peta_{ctx.kode}_{indicator}"
else:
    with left:
        ui.map_chart(
            lambda: view.figure,
            view.fingerprint,
            "peta_nasional",
            "kota",
            url={"kota": "kota", "peta_tampilan": "tampilan"},
            peta_tampilan="kecamatan",
        )
    # no ranked list here yet: maps.ranked_regions fails on the national frame's Int64 ranks
    controls()
    st.caption(T("click_city", lang))
    ui.draw_view(view, "peta_nasional", figure=False)
    missing = mv.frame[mv.frame.nilai.isna()]
    if len(missing):
        with st.expander(T("no_data_n", lang, n=len(missing))):
            st.write(", ".join(missing.nama))
    stem = f"peta_nasional_{indicator}"
d1, d2 = st.columns(2)
d1.download_button(  # files are made on click (callables), not on every rerun
    T("csv", lang), lambda: maps.csv_bytes(mv.frame), f"{stem}.csv", "text/csv", key="peta_unduh_csv"
)
d2.download_button(
    T("geojson", lang),
    lambda: geo.download_geojson(collection, mv.frame, mv.key),
    f"{stem}.geojson",
    "application/geo+json",
    key="peta_unduh_geojson",
)
if kec:
    options = values.dropna(subset=["kode"])
    kec_names = dict(zip(options.kode, options.nama, strict=True))
    right.divider()
    chosen = right.selectbox(
        T("profile_pick", lang),
        list(kec_names),
        index=None,
        format_func=kec_names.get,
        key="peta_kecamatan",
        placeholder=T("profile_hint", lang),
    )
    if chosen:  # the profile opens beside the map
        right.subheader(T("profile", lang, name=kec_names[chosen]))
        profile = ui.query("map_kecamatan_profile", kode=chosen)
        right.dataframe(maps.profile_table(profile, sources, lang), hide_index=True)
        right.markdown(maps.kelurahan_text(kelurahan[kelurahan.kecamatan == chosen].nama.tolist(), lang))
        ui_demografi.age_structure_block(chosen, kec_names[chosen], lang, "peta_umur", right)
ui.add_to_deck_button("peta", view.title, lang)
