"""Peta: kecamatan choropleth of the chosen kota, and the national kab/kota map."""

import streamlit as st

from dalamangka import demografi, geo, maps, ui, ui_demografi
from dalamangka.i18n import Text

T = Text(
    {
        "title": ("Peta {name}", "Map of {name}"),
        "view": ("Tampilan", "View"),
        "view_kecamatan": ("Kecamatan", "Kecamatan"),
        "view_nasional": ("Kab/kota se-Indonesia", "All regencies/cities"),
        "no_kecamatan": (
            "Data batas kecamatan tersedia untuk kota saja; {name} tidak termasuk. Klik sebuah kota di "
            "peta nasional untuk memilihnya.",
            "Kecamatan boundaries are available for cities only; {name} is not one. Click a city on the "
            "national map to choose it.",
        ),
        "no_indicator": (
            "Gudang data belum punya angka tingkat kecamatan untuk {name}. Peta tidak menampilkan angka "
            "yang tidak ada.",
            "The warehouse has no kecamatan-level figures for {name} yet. "
            "The map shows no figure it does not have.",
        ),
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
    }
)

ctx = ui.context()
lang = ctx.lang
st.title(T("title", lang, name=ctx.nama))
kec_shapes = ui.query("map_kecamatan_shapes", kota=ctx.kode)
views = ["kecamatan", "nasional"]
view = (
    st.segmented_control(
        T("view", lang),
        views,
        default=views[0],
        format_func=lambda v: T(f"view_{v}", lang),
        key="peta_tampilan",
        bind="query-params",
    )
    or views[0]
)
if not len(kec_shapes):  # a kabupaten (or a kota without boundaries): the national map only
    st.info(T("no_kecamatan", lang, name=ctx.nama))
    view = "nasional"
c1, c2 = st.columns([3, 1])
c3, c4, c5 = st.columns([2, 2, 1])
method = (
    c3.selectbox(
        T("method", lang),
        list(maps.METHODS),
        format_func=lambda m: maps.T(m, lang),
        key="peta_klasifikasi",
        bind="query-params",
    )
    or "quantiles"
)
k = c4.slider(T("classes", lang), 3, 7, 5, key="peta_kelas", bind="query-params")
sources = ui.query("source_catalog")

if view == "kecamatan":
    catalog = ui.query("map_kecamatan_indicators", kota=ctx.kode)
    if catalog.empty:
        st.info(T("no_indicator", lang, name=ctx.nama))
        st.stop()
    names = maps.indicator_names(catalog, lang)
    indicator = c1.selectbox(
        T("indicator", lang), list(names), format_func=names.get, key="peta_indikator", bind="query-params"
    ) or next(iter(names))
    years = catalog[catalog.indicator == indicator].tahun.tolist()
    tahun = int(c2.selectbox(T("year", lang), years, key="peta_tahun", bind="query-params") or years[0])
    values = ui.query("map_kecamatan_values", kota=ctx.kode, indicator=indicator, tahun=tahun)
    meta = catalog[catalog.indicator == indicator].iloc[0]
    measures = maps.measures(values, meta)
    measure = (
        st.radio(
            T("measure", lang),
            measures,
            format_func=lambda m: maps.measure_label(m, values, lang),
            horizontal=True,
            key="peta_ukuran",
            bind="query-params",
        )
        or "nilai"
    )
    o2, o3 = st.columns(2)
    show_names = o2.toggle(T("names", lang), True, key="peta_nama", bind="query-params")
    kelurahan = ui.query("map_kelurahan", kota=ctx.kode)
    show_kel = o3.toggle(
        T("kelurahan", lang), False, key="peta_kelurahan", bind="query-params", disabled=kelurahan.empty
    )
    collection = ui.shapes("map_kecamatan_shapes", geo.KECAMATAN_DECIMALS, kota=ctx.kode)
    kel_shapes = ui.shapes("map_kelurahan", geo.KECAMATAN_DECIMALS, kota=ctx.kode) if show_kel else None
    mv = ui.memo(
        ("peta_kec", ctx.kode, indicator, tahun, measure, method, k, lang),
        lambda: maps.kecamatan_view(values, kec_shapes, meta, measure, method, k, tahun, lang),
    )
    fp = maps.fingerprint(mv, ctx.kode, show_names, show_kel, lang)
    to_bps = dict(zip(values.kode_kemendagri, values.kode, strict=True))
    left, right = st.columns([3, 2], gap="medium")
    with left:
        ui.map_chart(
            lambda: maps.kecamatan_figure(mv, collection, kel_shapes, show_names, ctx.nama, lang),
            fp,
            "peta_map",
            "peta_kecamatan",
            transform=to_bps,
        )
    ui.source_line(maps.source_text(mv, sources, lang), lang)
    cite = sources.set_index("source_id")["cite_en" if lang == "en" else "cite_id"].get(meta.source_id, "")
    name_col = "name_en" if lang == "en" else "name_id"
    st.caption(demografi.map_series_caption(str(meta[name_col]), tahun, str(cite), lang))
    ui_demografi.map_vintage_switch(catalog, indicator, next(iter(names)), lang)
    for note in mv.notes:
        st.warning(note)
    d1, d2 = st.columns(2)
    d1.download_button(  # files are made on click (callables), not on every rerun
        T("csv", lang),
        lambda: maps.csv_bytes(mv.frame),
        f"peta_{ctx.kode}_{indicator}.csv",
        "text/csv",
        key="peta_unduh_csv",
    )
    d2.download_button(
        T("geojson", lang),
        lambda: geo.download_geojson(collection, mv.frame, mv.key),
        f"peta_{ctx.kode}_{indicator}.geojson",
        "application/geo+json",
        key="peta_unduh_geojson",
    )
    options = values.dropna(subset=["kode"])
    kec_names = dict(zip(options.kode, options.nama, strict=True))
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
else:
    catalog = ui.query("map_kabkota_indicators")
    catalog = catalog[catalog.n_wilayah >= 2]
    kota_only = c5.toggle(T("kota_only", lang), False, key="peta_kota_saja", bind="query-params")
    names = maps.indicator_names(catalog, lang)
    indicator = c1.selectbox(
        T("indicator", lang),
        list(names),
        format_func=names.get,
        key="peta_nas_indikator",
        bind="query-params",
    ) or next(iter(names))
    years = catalog[catalog.indicator == indicator].tahun.tolist()
    tahun = int(c2.selectbox(T("year", lang), years, key="peta_nas_tahun", bind="query-params") or years[0])
    meta = catalog[catalog.indicator == indicator].iloc[0]
    values = ui.query("map_kabkota_values", indicator=indicator, tahun=tahun, kota_saja=kota_only)
    collection = ui.shapes("map_kabkota_shapes", geo.NATIONAL_DECIMALS)
    mv = ui.memo(
        ("peta_nas", indicator, tahun, kota_only, method, k, lang),
        lambda: maps.national_view(values, meta, method, k, tahun, lang),
    )
    fp = maps.fingerprint(mv, ctx.kode, kota_only, lang)
    ui.map_chart(
        lambda: maps.national_figure(mv, collection, ctx.kode, lang),
        fp,
        "peta_nasional",
        "kota",
        peta_tampilan="kecamatan",
    )
    st.caption(T("click_city", lang))
    ui.source_line(maps.source_text(mv, sources, lang), lang)
    missing = mv.frame[mv.frame.nilai.isna()]
    if len(missing):
        with st.expander(T("no_data_n", lang, n=len(missing))):
            st.write(", ".join(missing.nama))
    d1, d2 = st.columns(2)
    d1.download_button(
        T("csv", lang),
        lambda: maps.csv_bytes(mv.frame),
        f"peta_nasional_{indicator}.csv",
        "text/csv",
        key="peta_unduh_csv",
    )
    d2.download_button(
        T("geojson", lang),
        lambda: geo.download_geojson(collection, mv.frame, mv.key),
        f"peta_nasional_{indicator}.geojson",
        "application/geo+json",
        key="peta_unduh_geojson",
    )
ui.add_to_deck_button("peta", f"{names[indicator]} · {ctx.nama}", lang)
