"""Peta: kecamatan choropleth of the chosen kota, and the national kab/kota map.

Chart first (issue 15): heading, the Peta / Tabel tabs (``tab=``; only the open tab is drawn, so
the table's JavaScript loads only when asked for, issue 14), the map with its ranked list, then
the compact controls (indicator, year slider, "Putar"), notes, source and downloads."""

import dataclasses
import datetime as dt
import time

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dalamangka import (
    answers,
    demografi,
    downloads,
    maps,
    tables,
    timeline,
    ui,
)
from dalamangka.i18n import Text
from dalamangka.ui import demografi as ui_demografi
from dalamangka.ui import notes as ui_notes
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
        "profile_button": ("Profil kecamatan", "Kecamatan profile"),
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
        "tab_peta": ("Peta", "Map"),
        "tab_tabel": ("Tabel", "Table"),
        "play": ("Putar", "Play"),
        "play_help": (
            "Putar peta melalui tahun-tahun yang punya angka ({first}–{last}).",
            "Play the map through the years with figures ({first}–{last}).",
        ),
        "stop": ("Berhenti", "Stop"),
        "playing": ("Memutar: tahun {year}", "Playing: year {year}"),
        "search": ("Cari wilayah atau kode BPS", "Search a region or BPS code"),
        "table_note": (
            "Satu baris per wilayah peta, satu kolom per tahun berangka; – = tidak ada data (bukan "
            "nol). Urutkan dengan mengklik judul kolom (urutan angka). Tabel memuat angka indikator "
            "{name}, bukan kepadatan atau pangsa yang dihitung di peta.",
            "One row per map region, one column per year with figures; – = no data (not zero). "
            "Click a column header to sort (numeric). The table holds the figures of {name}, not "
            "the density or share computed on the map.",
        ),
        "show_all": ("Daftar lengkap", "Full list"),
        "downloads": ("Unduh", "Download"),
        "no_meta": (
            "Unduhan CSV/XLSX belum tersedia untuk indikator ini (metadatanya tidak ada di katalog).",
            "CSV/XLSX downloads are not available for this indicator (no metadata in the catalog).",
        ),
        "rank_line": (
            "{name}: peringkat {rank} dari {n} wilayah berangka ({order})",
            "{name}: rank {rank} of {n} regions with a figure ({order})",
        ),
        "order_up": ("1 = tertinggi, makin tinggi makin baik", "1 = highest, higher is better"),
        "order_down": ("1 = terendah, makin rendah makin baik", "1 = lowest, lower is better"),
        "order": ("1 = terbesar", "1 = largest"),
        "no_rank": (
            "{name}: tidak ada angka tahun ini (bukan nol)",
            "{name}: no figure this year (not zero)",
        ),
        "notes_open": ("Catatan terbuka di peta (garis merah)", "Open notes on the map (red outline)"),
        "note_toggle": (
            "Catat tentang angka kecamatan ini",
            "Write a note on this kecamatan's figure",
        ),
    }
)
TABS = ("peta", "tabel")
PAUSE = 1.5  # seconds between two years of "Putar"
# the national ranked list scrolls in a box under its sentence, about as tall as the map and its
# legend beside it: the controls under them stay on a laptop's first screen, and "Daftar lengkap"
# (514 lines) stays in the box
LIST_HEIGHT = 340  # px

ctx, choice, notices = ui.choices("peta")
lang = ctx.lang
view = ui.peta_view(ctx.common, choice)
# what a new session of this link would compute again (the ranked list, the download tables: ~0.1 s
# of the national map's first run) is memoised on the view's own key (docs/benchmarks.md, session 22)
memo_key = (ctx.common, choice)
s, x = view.state, view.extra
names = view.labels.get("ind", {})
kec = s.tampilan == "kecamatan"
# chart first: less air above the heading (as on Tren), so the map starts in the upper third
ui.compact_top()
st.subheader(view.heading, anchor=False)  # small: the map starts in the upper third on a phone
if view.message:
    st.caption(view.message)
ui.first_screen(view.heading, view.message or "", view.source or "", lang, level=3, small=True)
ui.notices(view, notices)
ui.write_url(view.common, s)
for info in view.infos:
    st.info(info)
view = dataclasses.replace(view, infos=[])  # shown above, not again under the map (memo unchanged)
play_years: list[int] = view.options.get("putar", [])


def _start_play() -> None:
    st.session_state["peta_putar_aktif"] = True
    ui.set_param("tahun", play_years[0])


def _stop_play() -> None:
    st.session_state["peta_putar_aktif"] = False


playing = bool(st.session_state.get("peta_putar_aktif")) and len(play_years) > 1


def controls() -> None:
    """The compact row under the map: indicator, year and "Putar", the rest in a popover."""
    # the indicator's name is long ("Penduduk terdaftar (Dukcapil Smt I)"), the year short
    c1, c2, c3, c4 = st.columns([4, 2, 1, 2], vertical_alignment="bottom")
    if names:
        ui.picker(
            c1, T("indicator", lang), view.options["ind"], format_func=names.get,
            **ui.bind("peta_indikator" if kec else "peta_nas_indikator", "ind", s.ind,
                      clear=["tahun", "ukuran"]),
        )  # fmt: skip
        # the year in a picker, newest first (as on Bandingkan): a slider's code held a phone's
        # first chart back by ~0.5 s (issue 14, docs/benchmarks.md, session 15); "Putar" steps
        # through the years all the same
        years = timeline.slider_options(view.options["tahun"])[::-1]
        key = "peta_tahun" if kec else "peta_nas_tahun"
        if years:
            ui.picker(c2, T("year", lang), years, **ui.bind(key, "tahun", s.tahun))
        if playing:
            c3.button(T("stop", lang), icon=":material/stop:", key="peta_berhenti", on_click=_stop_play)
        elif len(play_years) > 1:
            c3.button(
                T("play", lang), icon=":material/play_arrow:", key="peta_putar", on_click=_start_play,
                help=T("play_help", lang, first=play_years[0], last=play_years[-1]),
            )  # fmt: skip
    with c4.popover(T("more", lang), icon=":material/tune:", width="stretch"):
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
            if why := maps.no_density(values, x["meta"], lang):
                st.caption(why)
            st.toggle(T("names", lang), **ui.bind("peta_nama", "nama", s.nama))
            st.toggle(
                T("kelurahan", lang),
                disabled=x["kelurahan"].empty,
                **ui.bind("peta_kelurahan", "kelurahan", s.kelurahan),
            )
        if not kec:
            st.toggle(T("kota_only", lang), **ui.bind("peta_kota_saja", "kota_saja", s.kota_saja))
    for note in x.get("sparse", []):  # a play through thin years is not a change on the ground
        st.caption(note)
    if playing:
        st.caption(T("playing", lang, year=s.tahun))


if view.make_figure is None:
    controls()
    st.info(view.empty)
    st.stop()
mv, sources, indicator = x["mv"], x["sources"], s.ind
collection, tahun = x["collection"], int(s.tahun)
tabs = ui.lazy_tabs("peta_tab", {t: T("tab_" + t, lang) for t in TABS}, s.tab, "peta")
map_tab, table_tab = tabs["peta"], tabs["tabel"]
right: DeltaGenerator | None = None
chosen_kec: str | None = None
if kec:
    values = x["values"]
    kelurahan = x["kelurahan"]
    kec_map = ui.kecamatan_map(view, ctx.kode, lang)  # as serve's warm-up builds it
    flags, outlined = kec_map.flags, kec_map.outlined
    if map_tab.open is not False:
        with map_tab:
            left, right = st.columns([3, 2], gap="medium")
            with left:
                ui.vega_map_chart(
                    kec_map.build,
                    kec_map.fingerprint,
                    "peta_map",
                    "peta_kecamatan",
                    transform=kec_map.to_bps,
                    label=view.title,
                )
            densest = ui.memo(("peta_densest", *memo_key), lambda: answers.densest(mv, ctx.nama, tahun, lang))
            ui.ranked_list(right, densest, mv.unit, mv.decimals, [], lang, flags=flags)
            if outlined:
                right.caption(T("notes_open", lang))
else:
    if map_tab.open is not False:
        with map_tab:
            left, right = st.columns([3, 2], gap="medium")
            with left:
                ui.vega_map_chart(
                    lambda: view.figure,
                    view.fingerprint,
                    "peta_nasional",
                    "kota",
                    url={"kota": "kota", "peta_tampilan": "tampilan"},
                    label=view.title,
                    peta_tampilan="kecamatan",
                )
            full_list = right.toggle(T("show_all", lang), key="peta_semua")
            ranked = ui.memo(("peta_ranked", *memo_key), lambda: maps.ranked_regions(mv, [ctx.kode]))
            place = tables.rank_of(ranked, ctx.kode)
            hib = x["meta"]["higher_is_better"]
            order = T(
                {True: "order_up", False: "order_down"}.get(None if pd.isna(hib) else bool(hib), "order"),
                lang,
            )
            line = (
                T("rank_line", lang, name=ctx.nama, rank=place[0], n=place[1], order=order)
                if place else T("no_rank", lang, name=ctx.nama)
            )  # fmt: skip
            ui.ranked_list(
                right, answers.Answer(ranked, line), mv.unit, mv.decimals, [ctx.kode], lang,
                full=full_list, height=LIST_HEIGHT, key="peta_daftar",
            )  # fmt: skip
            right.caption(T("click_city", lang))

if table_tab.open:
    with table_tab:
        search = st.text_input(T("search", lang), **ui.bind("peta_cari", "cari", s.cari))
        rows = peta.series_rows(view, ui.query)
        chosen = (
            st.session_state.get("peta_kecamatan") if kec else None
        )  # the kecamatan picked, else the city
        wide = tables.search(peta.table(view, rows, [str(chosen or ctx.kode)], lang), search)
        meta = x["meta"]
        unit_text = str(meta["unit_en" if lang == "en" else "unit_id"])
        st.dataframe(
            tables.styled(wide, int(meta["decimals"]), lang),
            column_config=tables.column_config(wide, unit_text, lang, unit_text),  # type: ignore[arg-type]
            key="peta_tabel",
            **tables.DATAFRAME_ARGS,  # type: ignore[arg-type]
        )
        st.caption(T("table_note", lang, name=names.get(str(indicator), str(indicator))))

controls()
if kec:
    ui.draw_view(view, "peta_map", figure=False)
    meta, name_col = x["meta"], "name_en" if lang == "en" else "name_id"
    cite = sources.set_index("source_id")["cite_en" if lang == "en" else "cite_id"].get(meta.source_id, "")
    st.caption(demografi.map_series_caption(str(meta[name_col]), tahun, str(cite), lang))
    ui_demografi.map_vintage_switch(x["catalog"], indicator, view.options["ind"][0], lang)
    stem = f"peta_{ctx.kode}_{indicator}_{tahun}"
else:
    ui.draw_view(view, "peta_nasional", figure=False)
    missing = mv.frame[mv.frame.nilai.isna()]
    if len(missing):
        with st.expander(T("no_data_n", lang, n=len(missing))):
            st.write(", ".join(missing.nama))
    stem = f"peta_nasional_{indicator}_{tahun}"

# downloads: what is shown and the full series (CSV with BOM, XLSX with metadata), the map as
# GeoJSON. Every file is made on click (callables), the full series fetched only then.
heads = downloads.labels(lang)
catalog_meta = ui.memo(("measures", lang), lambda: downloads.measures(ui.query("trend_indicators"), lang))
st.markdown(f"**{T('downloads', lang)}**")
if str(indicator) in catalog_meta:

    def _shown() -> downloads.Download:
        area = peta.area_rows(view, ui.query)
        figs, shown_meta = downloads.peta_shown(
            mv, str(indicator), tahun, catalog_meta[str(indicator)], sources, lang, area
        )
        return downloads.build(figs, shown_meta, sources, f"{stem}_ditampilkan", lang)

    # made once per link and day, shared by its sessions (its tables are built on a click, then kept)
    shown = ui.memo(("peta_shown", *memo_key, stem, dt.date.today()), _shown)
    order = ui.memo(
        ("peta_order", *memo_key), lambda: tuple(maps.ranked_regions(mv).kode.dropna().astype(str))
    )

    def _full() -> downloads.Download:
        rows = downloads.series_full(peta.series_rows(view, ui.query), order)
        return downloads.build(rows, catalog_meta, sources, f"{stem}_seluruh_seri", lang)

    files = [("shown", *f) for f in shown.files()]
    files += [
        ("full", label, (lambda: _full().csv()) if fname.endswith(".csv") else (lambda: _full().xlsx()),
         fname.replace("_ditampilkan", "_seluruh_seri"), mime)
        for label, _make, fname, mime in shown.files()
    ]  # fmt: skip
    # one row that wraps, each button as wide as its label (five columns cut the labels short)
    row = st.container(horizontal=True, gap="small")
    for part, label, make, fname, mime in files:
        ext = fname.rsplit(".", 1)[1]
        row.download_button(f"{heads[part]}: {label}", make, fname, mime, key=f"peta_unduh_{part}_{ext}")
else:
    st.caption(T("no_meta", lang))
    row = st.container(horizontal=True, gap="small")
row.download_button(
    heads["geojson"],
    lambda: downloads.map_geojson(mv, collection, tahun, lang),
    f"{stem}.geojson",
    "application/geo+json",
    key="peta_unduh_geojson",
)

if kec and right is not None:
    options = values.dropna(subset=["kode"])
    kec_names = dict(zip(options.kode, options.nama, strict=True))
    right.divider()
    chosen_kec = ui.picker(
        right,
        T("profile_button", lang),
        list(kec_names),
        index=None,
        format_func=kec_names.get,
        key="peta_kecamatan",
        placeholder=T("profile_hint", lang),
        help=T("profile_pick", lang),
    )
    if chosen_kec:  # the profile opens beside the map, with a note pinned to this figure
        right.subheader(T("profile", lang, name=kec_names[chosen_kec]))
        with right:
            if st.toggle(T("note_toggle", lang), key="peta_catat_buka"):
                ui_notes.note_form(str(indicator), chosen_kec, tahun, lang, key="peta_catat")
        profile = ui.query("map_kecamatan_profile", kode=chosen_kec)
        right.dataframe(maps.profile_table(profile, sources, lang), hide_index=True)
        right.markdown(maps.kelurahan_text(kelurahan[kelurahan.kecamatan == chosen_kec].nama.tolist(), lang))
        ui_demografi.age_structure_block(chosen_kec, kec_names[chosen_kec], lang, "peta_umur", right)
ui.add_to_deck_button("peta", view.title, lang)

if playing:  # "Putar": a timer steps the year; any full rerun (a click on "Berhenti") resets it
    st.session_state["peta_putar_sejak"] = time.monotonic()

    @st.fragment(run_every=PAUSE)
    def _player() -> None:
        if time.monotonic() - st.session_state.get("peta_putar_sejak", 0.0) < PAUSE * 0.8:
            return  # the fragment's first run, inside the full run
        nxt = peta.next_year(play_years, int(s.tahun))
        if nxt is None:
            st.session_state["peta_putar_aktif"] = False
        else:
            ui.set_param("tahun", nxt)
        st.rerun(scope="app")

    _player()
