"""Downloads: every figure of every file checked against the warehouse; the XLSX has its metadata
sheet with the source of every figure and a citation line; the map's GeoJSON rounded as shown."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dalamangka import compare, downloads, export, geo, groups, maps, sql, trends

DAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def con(full_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    c = duckdb.connect(str(full_warehouse), read_only=True)
    yield c
    c.close()


@pytest.fixture(scope="module")
def meta(con: duckdb.DuckDBPyConnection) -> dict[str, downloads.Measure]:
    return downloads.measures(sql.run(con, "trend_indicators"), "id")


@pytest.fixture(scope="module")
def sources(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return sql.run(con, "source_catalog")


def read_csv(d: downloads.Download) -> pd.DataFrame:
    data = d.csv()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype={"Kode BPS": str})


def check_against_warehouse(
    con: duckdb.DuckDBPyConnection,
    d: downloads.Download,
    meta: dict[str, downloads.Measure],
    years: tuple[int, int] | None = None,
) -> int:
    """Every cell equals the warehouse figure rounded as shown; every warehouse figure of the
    rows' (indicator, region) within the years is in the file. Returns the figures checked."""
    table = read_csv(d)
    year_cols = [c for c in table.columns if c.isdigit()]
    checked = 0
    facts = con.execute(
        "select indicator, kode, tahun, nilai from facts_all where list_contains(?, indicator) "
        "and list_contains(?, kode) and periode = 0",
        [sorted(set(table["Kode indikator"])), sorted(set(table["Kode BPS"]))],
    ).df()
    known = {(a, b, int(c)): float(v) for a, b, c, v in facts.itertuples(index=False)}
    for r in table.to_dict("records"):
        code, kode = str(r["Kode indikator"]), str(r["Kode BPS"])
        dec = meta[code].decimals
        for y in year_cols:
            inside = years is None or years[0] <= int(y) <= years[1]
            cell = r[y]
            if (code, kode, int(y)) in known and inside:
                expected = round(known[(code, kode, int(y))], dec)
                assert cell == pytest.approx(expected, abs=1e-9), (code, kode, y)
                if dec == 0:
                    assert float(cell).is_integer()
                checked += 1
            else:
                assert pd.isna(cell), (code, kode, y, cell)
    return checked


def check_xlsx(d: downloads.Download) -> pd.DataFrame:
    book = d.xlsx()
    sheets = export.read_xlsx(book)
    assert list(sheets) == ["Data", "Metadata", "Kutipan"]
    data, m = sheets["Data"], sheets["Metadata"]
    csv = read_csv(d)
    assert list(data.columns.astype(str)) == list(csv.columns)
    assert len(data) == len(csv)
    year_cols = [c for c in data.columns if str(c).isdigit()]
    n_figures = int(data[year_cols].notna().sum().sum())
    assert len(m) == n_figures  # one metadata row per figure
    assert list(m.columns) == [
        "Kode BPS",
        "Wilayah",
        "Kode indikator",
        "Indikator",
        "Tahun",
        "Nilai",
        "Satuan",
        "Definisi",
        "Sumber",
        "Status angka",
    ]
    assert m.Sumber.str.contains(r"\[S\d\d\]", regex=True).all()  # the source of every figure
    assert m.Definisi.str.len().min() > 20 and m.Satuan.notna().all() and m["Status angka"].notna().all()
    cells = data.assign(k=data["Kode BPS"].astype(str)).set_index(["Kode indikator", "k"])
    cells.columns = [str(c) for c in cells.columns]
    for r in m.itertuples(index=False):  # the metadata value is the data sheet's value
        assert float(cells.loc[(r[2], str(r[0])), str(r[4])]) == pytest.approx(float(r[5]))
    kutipan = pd.read_excel(io.BytesIO(book), sheet_name="Kutipan", header=None, engine="openpyxl")
    cite = [str(c) for c in kutipan.iloc[:, 0]]
    assert (
        cite[0] == "Cara mengutip"
        and cite[1] == d.citation
        and cite[1].startswith("Kota Dalam Angka, diunduh")
    )
    assert any(c.startswith("[S") for c in cite)
    return m


def test_tren_shown_and_full_series(
    con: duckdb.DuckDBPyConnection, meta: dict[str, downloads.Measure], sources: pd.DataFrame
) -> None:
    kodes = ["1275", "1671", "2172"]
    rows = sql.run(con, "trend_series", indicator="ipm", kodes=kodes)
    grid = trends.frame(rows, "ipm", "id")
    shown = downloads.build(downloads.tren_shown(grid, (2015, 2021)), meta, sources, "tren", "id", DAY)
    assert check_against_warehouse(con, shown, meta, (2015, 2021)) == 3 * 7 + 2  # + 2 revised-series figures
    assert [c for c in read_csv(shown).columns if c.isdigit()] == [str(y) for y in range(2015, 2022)]
    check_xlsx(shown)
    full = downloads.build(downloads.tren_full(rows), meta, sources, "tren_full", "id", DAY)
    n_full = check_against_warehouse(con, full, meta)
    assert n_full == int(rows.nilai.notna().sum()) > 3 * 12  # every year of every series
    m = check_xlsx(full)
    assert set(m["Kode indikator"]) == set(rows.indicator)
    assert "tahun 2010–2025" in full.citation


def test_bandingkan_shown_and_full(
    con: duckdb.DuckDBPyConnection, meta: dict[str, downloads.Measure], sources: pd.DataFrame
) -> None:
    regions = sql.run(con, "region_pickable")
    group = groups.resolve(groups.Choice("semua"), "3375", regions)
    values = sql.run(con, "compare_values", indicator="p0", tahun=2021)
    rows = compare.ranked(values, group.kodes, False)
    shown = downloads.build(downloads.bandingkan_shown(rows, 2021, "p0"), meta, sources, "b", "id", DAY)
    assert check_against_warehouse(con, shown, meta, (2021, 2021)) == 98
    csv = read_csv(shown)
    assert csv["Kode BPS"].tolist() == rows.kode.tolist()  # the order of the ranking shown
    assert csv.Provinsi.iloc[0] != "" and "Provinsi" in csv.columns
    check_xlsx(shown)
    series = sql.run(con, "indicator_series", kodes=group.kodes, indicators=["p0"])
    full = downloads.build(downloads.series_full(series, rows.kode.tolist()), meta, sources, "bf", "id", DAY)
    assert check_against_warehouse(con, full, meta) == len(series)
    check_xlsx(full)


def test_english_xlsx_names_its_sheets_columns_and_statuses_in_english(
    con: duckdb.DuckDBPyConnection, sources: pd.DataFrame
) -> None:
    rows = sql.run(con, "trend_series", indicator="ipm", kodes=["1275", "2172", "3375"])
    meta_en = downloads.measures(sql.run(con, "trend_indicators"), "en")
    grid = trends.frame(rows, "ipm", "en")
    d = downloads.build(downloads.tren_shown(grid, (2015, 2021)), meta_en, sources, "tren", "en", DAY)
    sheets = export.read_xlsx(d.xlsx())
    assert list(sheets) == ["Data", "Metadata", "Citation"]
    m = sheets["Metadata"]
    assert list(m.columns) == [
        "BPS code",
        "Region",
        "Indicator code",
        "Indicator",
        "Year",
        "Value",
        "Unit",
        "Definition",
        "Source",
        "Status of the figure",
    ]
    years = [c for c in sheets["Data"].columns if str(c).isdigit()]
    assert len(m) == int(sheets["Data"][years].notna().sum().sum()) >= 3 * 7  # one row per figure
    assert set(m["Status of the figure"]) == {"status not stated by the source"}  # BPS states none (S01)
    assert m.Definition.str.len().min() > 20 and m.Source.str.contains(r"\[S0", regex=True).all()


def test_peta_density_download_matches_the_map_and_names_both_sources(
    con: duckdb.DuckDBPyConnection, meta: dict[str, downloads.Measure], sources: pd.DataFrame
) -> None:
    indicator = "penduduk_sp2010_olah_cepat"
    catalog = sql.run(con, "map_kecamatan_indicators", kota="1275")
    row = catalog[catalog.indicator == indicator].iloc[0]
    values = sql.run(con, "map_kecamatan_values", kota="1275", indicator=indicator, tahun=2010)
    shapes = sql.run(con, "map_kecamatan_shapes", kota="1275")
    area = sql.run(
        con, "indicator_series", kodes=values.kode.dropna().tolist(), indicators=["luas_wilayah_bps"]
    )
    for measure in ("nilai", "kepadatan_bps"):
        view = maps.kecamatan_view(values, shapes, row, measure, "quantiles", 5, 2010, "id")
        figures, mm = downloads.peta_shown(view, indicator, 2010, meta[indicator], sources, "id", area)
        d = downloads.build(figures, mm, sources, "peta", "id", DAY)
        table = read_csv(d)
        assert len(table) == 21 and table.columns[-1] == "2010"
        expected = values.set_index("kode")[measure]  # the warehouse's own figure or density
        for kode, cell in zip(table["Kode BPS"], table["2010"], strict=True):
            assert cell == round(float(expected[kode]), view.decimals)
        m = check_xlsx(d)
        if measure == "kepadatan_bps":
            assert m.Sumber.str.contains(r"\[S05\].*\[S14\]", regex=True).all()  # population and area
            assert (
                m.Satuan.eq("jiwa/km²").all()
                and m.Definisi.str.contains("luas wilayah yang dicetak BPS").all()
            )
    with pytest.raises(ValueError, match="luas_wilayah_bps"):
        view = maps.kecamatan_view(values, shapes, row, "kepadatan_bps", "quantiles", 5, 2010, "id")
        downloads.peta_shown(view, indicator, 2010, meta[indicator], sources, "id", None)


def test_map_geojson_is_rounded_and_ranked_as_drawn(con: duckdb.DuckDBPyConnection) -> None:
    indicator = "penduduk_sp2010_olah_cepat"
    catalog = sql.run(con, "map_kecamatan_indicators", kota="1275")
    row = catalog[catalog.indicator == indicator].iloc[0]
    values = sql.run(con, "map_kecamatan_values", kota="1275", indicator=indicator, tahun=2010)
    shapes = sql.run(con, "map_kecamatan_shapes", kota="1275")
    collection = geo.feature_collection(shapes.kode_kemendagri, shapes.wkb, geo.KECAMATAN_DECIMALS)
    view = maps.kecamatan_view(values, shapes, row, "kepadatan_bps", "quantiles", 5, 2010, "id")
    data = json.loads(downloads.map_geojson(view, collection, 2010))
    assert len(data["features"]) == len(collection["features"]) == 21
    ranked = maps.ranked_regions(view).set_index("kode")
    for f in data["features"]:
        p = f["properties"]
        assert p["nilai"] == round(float(values.set_index("kode").kepadatan_bps[p["kode_bps"]]))
        assert isinstance(p["nilai"], int) and p["satuan"] == "jiwa/km²" and p["tahun"] == 2010
        assert p["peringkat"] == int(ranked.peringkat[p["kode_bps"]])
    top = max(data["features"], key=lambda f: f["properties"]["nilai"])
    assert top["properties"]["nama"] == "Medan Perjuangan" and top["properties"]["peringkat"] == 1


def test_a_figure_without_metadata_is_refused(sources: pd.DataFrame) -> None:
    figures = pd.DataFrame(
        {
            "indicator": ["tidak_ada"],
            "kode": ["1275"],
            "nama": ["Kota Medan"],
            "tahun": [2021],
            "nilai": [1.0],
            "status": ["tetap"],
            "source_id": ["S01"],
        }
    )
    with pytest.raises(ValueError, match="tidak_ada"):
        downloads.build(figures, {}, sources, "x")


def test_empty_download_has_headers_only(meta: dict[str, downloads.Measure], sources: pd.DataFrame) -> None:
    empty = pd.DataFrame(columns=list(downloads.FIGURE_COLUMNS))
    d = downloads.build(empty, meta, sources, "x", "en", DAY)
    back = pd.read_csv(io.BytesIO(d.csv()), encoding="utf-8-sig")
    assert back.empty and list(back.columns)[:2] == ["BPS code", "Region"]
    assert [label for label, *_ in d.files()] == ["CSV", "XLSX (with metadata)"]
