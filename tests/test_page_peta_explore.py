"""Peta as an exploration page (issues 15 and 18) through AppTest on the shipped warehouse: the
national ranked list, the Peta/Tabel tabs, the year "Putar", the downloads (figure for figure
against the warehouse) and notes pinned to a kecamatan of the map."""

from __future__ import annotations

import io
import json
from typing import Any

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dalamangka import export, fmt
from dalamangka.notes import store, validate
from dalamangka.notes.model import Routing
from dalamangka.views import peta
from tests.conftest import AppFactory
from tests.test_notes_page import HOSTILE, notes_url  # noqa: F401  (fixture)
from tests.test_page_bandingkan import _spec
from tests.test_page_tren import download, downloads  # noqa: F401  (fixture)

PAGE = "pages/peta.py"
NATIONAL = {"kota": "1275", "tampilan": "nasional", "ind": "tpt", "tahun": "2024"}


def spec(at: AppTest) -> dict[str, Any]:
    specs = [_spec(c) for c in at.get("vega_lite_chart")]  # rows put back (sent as Arrow)
    return next(s for s in specs if s.get("layer", [{}])[0].get("mark", {}).get("type") == "geoshape")


def tpt_2024(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """TPT 2024 of every kab/kota boundary straight from the warehouse (independent of queries/)."""
    return con.execute(
        "select s.kode, coalesce(r.nama, s.nama) as nama, f.nilai from shapes as s "
        "left join regions as r on r.kode = s.kode left join facts_all as f on f.kode = s.kode "
        "and f.indicator = 'tpt' and f.tahun = 2024 and f.periode = 0 where s.layer = 'kabkota'"
    ).df()


def test_national_map_has_its_ranked_list_with_the_city_bold_and_missing_last(
    app: AppFactory, full: duckdb.DuckDBPyConnection
) -> None:
    truth = tpt_2024(full)
    have = truth.dropna(subset=["nilai"]).sort_values(["nilai", "nama"])  # lower TPT is better
    at = app(PAGE, **NATIONAL)
    assert len(spec(at)["data"]["values"]) == len(truth) == 514
    text = [m.value for m in at.markdown]
    listed = next(t for t in text if t.startswith("1\\. "))
    lines = listed.replace("\\. ", ". ").split("  \n")
    first = have.iloc[0]
    assert lines[0] == f"1. {first.nama} · {fmt.value(float(first.nilai), 'persen', 2)}"
    medan = float(truth.set_index("kode").nilai["1275"])
    rank = int((have.nilai < medan).sum()) + 1  # SQL rank(): ties share the best rank
    assert f"**{rank}. Kota Medan · {fmt.value(medan, 'persen', 2)}**" in lines
    assert len([line for line in lines if not line.startswith("…")]) == 21  # top 10, bottom 10, Medan
    head = f"**Kota Medan: peringkat {rank} dari {len(have)} wilayah berangka (1 = terendah, makin rendah"
    assert any(t.startswith(head) for t in text)
    missing = truth[truth.nilai.isna()]
    line = next(t for t in text if t.startswith("Tanpa angka (tidak ada data, bukan nol), tanpa peringkat"))
    assert f": {len(missing)} wilayah:" in line
    assert all(name in line for name in missing.nama)
    # the full list, one click away: every region with a figure, ranked 1..n in order
    at.toggle(key="peta_semua").set_value(True).run()
    listed = next(m.value for m in at.markdown if m.value.startswith("1\\. ")).replace("\\. ", ". ")
    ranks = [int(x.strip("*").split(".")[0]) for x in listed.split("  \n")]
    assert len(ranks) == len(have) and ranks == sorted(ranks) and ranks[-1] <= len(have)


def test_table_tab_every_region_every_year_numeric_searchable_highlighted(
    app: AppFactory, full: duckdb.DuckDBPyConnection
) -> None:
    at = app(PAGE, **NATIONAL)
    assert not at.dataframe  # the table is drawn only when its tab is open
    assert spec(at)  # the map tab is open
    at.query_params["tab"] = "tabel"
    at.run()
    assert not at.exception
    assert not at.get("vega_lite_chart")  # only the open tab is drawn
    table = at.dataframe[0].value
    rows = full.execute(
        "select f.kode, f.tahun, f.nilai from facts_all as f join shapes as s on s.kode = f.kode "
        "and s.layer = 'kabkota' where f.indicator = 'tpt' and f.periode = 0"
    ).fetchall()
    truth = {(k, int(t)): float(v) for k, t, v in rows}
    assert set(table.kode) == {k for k, _ in truth}
    years = [c for c in table.columns if str(c).isdigit()]
    assert [int(y) for y in years] == list(range(min(t for _, t in truth), max(t for _, t in truth) + 1))
    n = 0
    for row in table.itertuples(index=False):
        for y in years:
            cell = table.loc[table.kode == row.kode, y].iloc[0]
            if (row.kode, int(y)) in truth:
                assert cell == pytest.approx(round(truth[(row.kode, int(y))], 2))
                n += 1
            else:
                assert pd.isna(cell)
    assert n == len(truth)
    assert pd.api.types.is_float_dtype(table["2024"])  # sorts as numbers, not text
    assert table.kode.iloc[0] == "1275" and table.dipilih.iloc[0] and table.dipilih.sum() == 1
    at.text_input(key="peta_cari").input("pekalongan").run()
    found = at.dataframe[0].value
    assert set(found.wilayah) == {"Kota Pekalongan", "Kabupaten Pekalongan"}
    assert at.query_params["cari"] == "pekalongan" and at.query_params["tab"] == "tabel"


def test_kecamatan_table_lists_every_kecamatan_of_the_city(
    app: AppFactory, full: duckdb.DuckDBPyConnection
) -> None:
    at = app(PAGE, kota="1275", ind="penduduk_sp2010_olah_cepat", tab="tabel")
    table = at.dataframe[0].value
    kodes = {k for (k,) in full.execute(
        "select kode from regions where parent = '1275' and level = 'kecamatan'").fetchall()}  # fmt: skip
    assert set(table.kode) == kodes and len(table) == 21
    nilai = dict(full.execute(
        "select kode, nilai from facts_all where indicator = 'penduduk_sp2010_olah_cepat' "
        "and tahun = 2010 and periode = 0 and kode like '1275___'").fetchall())  # fmt: skip
    assert dict(zip(table.kode, table["2010"], strict=True)) == {k: round(float(v)) for k, v in nilai.items()}


def test_play_steps_through_the_years_with_figures_and_stops() -> None:
    years = [2010, 2011, 2013]
    assert peta.next_year(years, 2010) == 2011 and peta.next_year(years, 2011) == 2013
    assert peta.next_year(years, 2013) is None  # the play stops after the last year
    assert peta.next_year(years, 2012) == 2010 and peta.next_year([], 2010) is None


def test_play_button_starts_on_the_first_year_and_stops(
    app: AppFactory, full: duckdb.DuckDBPyConnection
) -> None:
    at = app(PAGE, kota="1275", tampilan="nasional", ind="ipm")
    first = full.execute(
        "select min(tahun) from facts_all where indicator = 'ipm' and periode = 0 and length(kode) = 4"
    ).fetchone()
    assert first is not None
    assert "2010–" in str(at.button(key="peta_putar").proto.help)
    at.button(key="peta_putar").click().run()
    assert not at.exception
    assert at.query_params["tahun"] == str(first[0])
    assert at.selectbox(key="peta_nas_tahun").value == first[0]
    assert any(c.value == f"Memutar: tahun {first[0]}" for c in at.caption)
    at.button(key="peta_berhenti").click().run()
    assert [b.key for b in at.button if b.key in ("peta_putar", "peta_berhenti")] == ["peta_putar"]
    assert at.query_params["tahun"] == str(first[0])  # stopped where it was


def _csv(data: bytes) -> pd.DataFrame:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype={"Kode BPS": str})


def test_downloads_figure_for_figure_with_metadata_and_geojson(
    app: AppFactory,
    full: duckdb.DuckDBPyConnection,
    downloads: None,  # noqa: F811
) -> None:
    at = app(PAGE, **NATIONAL)
    truth = tpt_2024(full).dropna(subset=["nilai"]).set_index("kode").nilai
    shown = _csv(download(at, "Unduh yang ditampilkan: CSV"))
    assert list(shown.columns[:2]) == ["Kode BPS", "Wilayah"] and shown.columns[-1] == "2024"
    assert len(shown) == len(truth)
    for kode, cell in zip(shown["Kode BPS"], shown["2024"], strict=True):
        assert cell == round(float(truth[kode]), 2)
    full_csv = _csv(download(at, "Unduh seri lengkap: CSV"))
    rows = full.execute(
        "select f.kode, f.tahun, f.nilai from facts_all as f join shapes as s on s.kode = f.kode "
        "and s.layer = 'kabkota' where f.indicator = 'tpt' and f.periode = 0"
    ).fetchall()
    years = [c for c in full_csv.columns if str(c).isdigit()]
    cells = {(k, int(y)): v for k, row in zip(full_csv["Kode BPS"], full_csv[years].to_numpy(), strict=True)
             for y, v in zip(years, row, strict=True) if not pd.isna(v)}  # fmt: skip
    assert cells == {(k, int(t)): round(float(v), 2) for k, t, v in rows}
    for label, n in (
        ("Unduh yang ditampilkan: XLSX (dengan metadata)", len(truth)),
        ("Unduh seri lengkap: XLSX (dengan metadata)", len(rows)),
    ):
        sheets = export.read_xlsx(download(at, label))
        assert list(sheets) == ["Data", "Metadata", "Kutipan"]
        meta = sheets["Metadata"]
        assert len(meta) == n and meta.Sumber.str.contains(r"\[S\d\d\]", regex=True).all()
        assert meta.Satuan.notna().all() and meta.Definisi.str.len().min() > 20
    doc = json.loads(download(at, "Peta (GeoJSON)"))
    assert len(doc["features"]) == 514
    props = {f["id"]: f["properties"] for f in doc["features"]}
    assert props["1275"]["nilai"] == round(float(truth["1275"]), 2) and props["1275"]["tahun"] == 2024
    assert sum(p["nilai"] is None for p in props.values()) == 514 - len(truth)


def test_note_pinned_to_a_kecamatan_outlines_the_map_and_opens_from_the_list(
    app: AppFactory,
    notes_url: str,  # noqa: F811
) -> None:
    s = store.open_store(notes_url)
    ind, year, kec = "penduduk_sp2010_olah_cepat", 2010, "1275010"
    s.add(validate.draft(indicator=ind, kode=kec, tahun=year, kind="angka_diragukan", author="Ani",
                         body=HOSTILE), Routing("BPS", ("bps",)))  # type: ignore[arg-type]  # fmt: skip
    at = app(PAGE, kota="1275", ind=ind, tahun=str(year))
    outline = [la for la in spec(at)["layer"] if la["mark"].get("stroke") == "#d62728"]  # open notes
    features = outline[0]["data"]["values"]["features"] if outline else []
    assert len(outline) == 1 and [f["id"] for f in features] == ["12.71.07"]  # 1275010 on the boundaries
    text = " ".join(m.value for m in at.markdown)
    assert "Medan Tuntungan" in text and "⚑ baru" in text
    assert "script" not in text and "javascript" not in text  # the note's text is not shown here
    # choose the kecamatan (as a click on the map does) and write a note pinned to it
    at.selectbox(key="peta_kecamatan").set_value(kec).run()
    at.toggle(key="peta_catat_buka").set_value(True).run()
    assert any("Catatan untuk:" in c.value and "2010" in c.value for c in at.caption)
    at.text_area(key="peta_catat_body").input("Angka ini terlalu kecil? <b>cek</b>")
    at.text_input(key="peta_catat_author").input("Budi")
    at.text_input(key="peta_catat_unit").input("Bappeda")
    at.button(key="peta_catat_send").click().run()
    assert not at.exception
    notes = store.open_store(notes_url).notes(kota="1275")
    new = [n for n in notes if n.author == "Budi"]
    assert len(new) == 1 and (new[0].indicator, new[0].kode, new[0].tahun) == (ind, kec, year)
    assert new[0].body == "Angka ini terlalu kecil? <b>cek</b>"  # stored as typed, shown inert
    assert all("<b>cek</b>" not in m.value for m in at.markdown)
