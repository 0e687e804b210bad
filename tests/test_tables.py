"""Tables: every region × every year as numbers, change and CAGR columns, id-ID display,
the chosen row flagged, ranked lists whose ranks are those of the measure drawn."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from streamlit.elements.lib.column_types import ColumnConfig

from dalamangka import groups, maps, sql, tables, trends


@pytest.fixture(scope="module")
def con(full_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    c = duckdb.connect(str(full_warehouse), read_only=True)
    yield c
    c.close()


def fact(con: duckdb.DuckDBPyConnection, indicator: str, kode: str, tahun: int) -> float | None:
    row = con.execute(
        "select nilai from facts_all where indicator = ? and kode = ? and tahun = ? and periode = 0",
        [indicator, kode, tahun],
    ).fetchone()
    return None if row is None else float(row[0])


def test_wide_table_holds_every_region_and_year_as_numbers(con: duckdb.DuckDBPyConnection) -> None:
    rows = sql.run(con, "trend_series", indicator="ipm", kodes=["1671", "1275", "2172"])
    grid = trends.frame(rows, "ipm", "id")
    regions = sql.run(con, "region_pickable")
    w = tables.wide(grid, 2, ["1671"], provinces=regions)
    years = tables.year_columns(w)
    assert years == [str(y) for y in range(int(grid.tahun.min()), int(grid.tahun.max()) + 1)]
    assert w.iloc[0].kode == "1671" and bool(w.iloc[0].dipilih)  # chosen first and flagged
    assert w.dipilih.sum() == 1
    for col in [*years, "nilai_awal", "nilai_akhir", "perubahan", "perubahan_persen", "cagr_persen"]:
        assert pd.api.types.is_float_dtype(w[col]), col  # numbers, so the table sorts by value
    for r in w.itertuples(index=False):  # figure for figure against the warehouse
        for y in years:
            cell = w.loc[(w.kode == r.kode) & (w.indicator == r.indicator), y].iloc[0]
            expected = fact(con, r.indicator, r.kode, int(y))
            if expected is None:
                assert math.isnan(cell)
            else:
                assert cell == round(expected, 2)
    palembang = w[(w.kode == "1671") & (w.indicator == "ipm")].iloc[0]
    assert (palembang.tahun_awal, palembang.tahun_akhir) == (2010, 2021)
    assert palembang.nilai_awal == 73.33 and palembang.nilai_akhir == 78.72
    assert palembang.perubahan == pytest.approx(5.39)
    assert palembang.perubahan_persen == pytest.approx(round((78.72 / 73.33 - 1) * 100, 2))
    assert palembang.cagr_persen == pytest.approx(round(((78.72 / 73.33) ** (1 / 11) - 1) * 100, 2))
    assert palembang.cagr_catatan == "" and palembang.provinsi == "Sumatera Selatan"


def test_range_clips_years_and_cagr_says_why_it_is_missing(con: duckdb.DuckDBPyConnection) -> None:
    rows = sql.run(con, "trend_series", indicator="ipm", kodes=["2172"])
    grid = trends.frame(rows, "ipm", "en")
    w = tables.wide(grid, 2, ["2172"], years=(2021, 2021), lang="en")
    assert tables.year_columns(w) == ["2021"]
    assert w.cagr_persen.isna().all()
    assert set(w.cagr_catatan) == {"only one year with a figure"}
    fake = grid.assign(nilai=grid.nilai.where(grid.tahun != 2010, 0.0))  # a zero start: no CAGR
    z = tables.wide(fake[fake.indicator == "ipm"], 2, years=(2010, 2021))
    assert z.cagr_persen.isna().all() and set(z.cagr_catatan) == {"angka awal atau akhir nol atau negatif"}


def test_empty_grid_gives_an_empty_table() -> None:
    empty = trends.frame(pd.DataFrame(columns=["indicator", "kode", "nama", "tahun", "nilai"]), "ipm", "id")
    assert tables.wide(empty, 2).empty


def test_styled_table_formats_the_indonesian_way_and_highlights_the_chosen(
    con: duckdb.DuckDBPyConnection,
) -> None:
    rows = sql.run(con, "trend_series", indicator="penduduk_dukcapil", kodes=["1275", "1671"])
    w = tables.wide(trends.frame(rows, "penduduk_dukcapil", "id"), 0, ["1275"])
    style = tables.styled(w, 0, "id")
    html = style.to_html()
    medan = fact(con, "penduduk_dukcapil", "1275", 2024)
    assert medan is not None
    assert f"{int(medan):,}".replace(",", ".") in html  # 2.474.166-style grouping
    assert tables.HIGHLIGHT.split(";")[0] in html
    ctx = style._compute().ctx  # only the chosen row carries the highlight
    lit_rows = {r for (r, _c), props in ctx.items() if props}
    assert lit_rows == {int(i) for i in w.index[w.kode == "1275"]}  # every series of Medan
    assert len(lit_rows) >= 2 and len(lit_rows) < len(w)
    assert style.data.dtypes["2024"].kind == "f"  # the data under the format stay numbers


def test_column_config_uses_streamlit_keys_and_hides_helpers(con: duckdb.DuckDBPyConnection) -> None:
    rows = sql.run(con, "trend_series", indicator="tpt", kodes=["1275"])
    w = tables.wide(trends.frame(rows, "tpt", "id"), 2, ["1275"])
    conf = tables.column_config(w, "persen", "id")
    allowed = set(ColumnConfig.__annotations__)
    for col, spec in conf.items():
        assert spec is None or set(spec) <= allowed, col
    assert conf["indicator"] is None and conf["series_rank"] is None
    assert conf["dipilih"]["hidden"] is True  # type: ignore[index]
    assert conf["perubahan"]["label"] == "Perubahan (poin)"  # type: ignore[index]
    assert "tidak ada data" in conf["2018"]["help"]  # type: ignore[index]
    assert not any("type_config" in (s or {}) for s in conf.values())  # no English number format


def test_search_matches_name_province_and_code(con: duckdb.DuckDBPyConnection) -> None:
    regions = sql.run(con, "region_pickable")
    g = groups.resolve(groups.Choice("pulau"), "1671", regions)
    w = tables.wide(
        trends.frame(sql.run(con, "trend_series", indicator="ipm", kodes=g.kodes), "ipm", "id"),
        2,
        provinces=regions,
    )
    assert set(tables.search(w, "sumatera selatan").kode) == {"1671", "1672", "1673", "1674"}
    assert list(tables.search(w, "1671").kode) == ["1671"]
    assert len(tables.search(w, "  ")) == len(w)


def kecamatan_view(con: duckdb.DuckDBPyConnection, kota: str, measure: str) -> maps.MapView:
    catalog = sql.run(con, "map_kecamatan_indicators", kota=kota)
    meta = catalog[catalog.indicator == "penduduk_sp2010_olah_cepat"].iloc[0]
    values = sql.run(
        con, "map_kecamatan_values", kota=kota, indicator="penduduk_sp2010_olah_cepat", tahun=2010
    )
    shapes = sql.run(con, "map_kecamatan_shapes", kota=kota)
    return maps.kecamatan_view(values, shapes, meta, measure, "quantiles", 5, 2010, "id")


def test_density_map_hover_and_list_rank_by_density(con: duckdb.DuckDBPyConnection) -> None:
    """The bug: the hover said a population rank while the map showed density."""
    view = kecamatan_view(con, "1275", "kepadatan_bps")
    ranked = maps.ranked_regions(view, ["1275160"])
    dens = view.frame.set_index("kode").kepadatan_bps.sort_values(ascending=False)
    assert ranked.kode.tolist() == dens.index.tolist()  # rank order = density order
    assert ranked.peringkat.tolist() == list(range(1, 22))
    perjuangan = next(h for h in view.hover if "Medan Perjuangan" in h)
    assert "peringkat 1 dari 21" in perjuangan  # population rank 14, density rank 1
    deli = next(h for h in view.hover if "Medan Deli" in h)
    assert "peringkat 13 dari 21" in deli  # the most populous, not the densest
    by_value = kecamatan_view(con, "1275", "nilai")  # the figure itself: the query's own ranks
    values = sql.run(
        con, "map_kecamatan_values", kota="1275", indicator="penduduk_sp2010_olah_cepat", tahun=2010
    )
    assert by_value.frame.peringkat.astype(float).tolist() == values.peringkat.astype(float).tolist()


def test_ranked_list_puts_missing_last_and_ties_share_a_rank() -> None:
    frame = pd.DataFrame(
        {"kode": ["a", "b", "c", "d"], "nama": ["A", "B", "C", "D"], "v": [5.0, None, 7.0, 7.0]}
    )
    out = tables.ranked_list(frame, "v", None, 0, ["b"])
    assert out.kode.tolist() == ["c", "d", "a", "b"]
    assert out.peringkat.tolist()[:3] == [1.0, 1.0, 3.0] and math.isnan(out.peringkat.iloc[3])
    assert tables.rank_of(out, "a") == (3, 3) and tables.rank_of(out, "b") is None
    low = tables.ranked_list(frame, "v", False, 0)
    assert low.kode.tolist()[:3] == ["a", "c", "d"]


def test_top_bottom_keeps_the_chosen_and_missing_rows() -> None:
    n = 30
    ranked = pd.DataFrame(
        {
            "peringkat": [float(i + 1) for i in range(n)] + [float("nan")],
            "kode": [f"k{i}" for i in range(n + 1)],
        }
    )
    short = tables.top_bottom(ranked, ["k15"], n=5)
    kept = short.rows.kode.tolist()
    assert kept == [*(f"k{i}" for i in range(5)), "k15", *(f"k{i}" for i in range(25, 31))]
    assert short.hidden == 19 and short.total == 31
    assert short.rows.lompat.tolist() == [0, 0, 0, 0, 0, 10, 9, 0, 0, 0, 0, 0]
    assert bool(short.rows.set_index("kode").dipilih["k15"])
    assert "19 lainnya disembunyikan" in short.summary(["Kota X"])
    everything = tables.top_bottom(ranked, ["k15"], n=5, full=True)
    assert everything.hidden == 0 and len(everything.rows) == 31 and everything.summary([]) == ""


def compare_rows(con: duckdb.DuckDBPyConnection, kodes: list[str]) -> Any:
    from dalamangka import compare

    values = sql.run(con, "compare_values", indicator="p0", tahun=2021)
    return compare.ranked(values, kodes, False)


def test_compare_table_keeps_numbers_and_flags(con: duckdb.DuckDBPyConnection) -> None:
    rows = compare_rows(con, ["3375", "1275", "1671"])
    t = tables.compare_table(rows, 2, ["3375"])
    assert t.peringkat.tolist() == sorted(t.peringkat.tolist())
    assert t.set_index("kode").dipilih.to_dict() == {"3375": True, "1275": False, "1671": False}
    assert pd.api.types.is_float_dtype(t.nilai) and set(t.n_level) == {98}
    for r in t.itertuples():
        assert r.nilai == round(fact(con, "p0", r.kode, 2021) or -1, 2)


def test_compare_table_rows_and_labels_are_those_bandingkan_shows(con: duckdb.DuckDBPyConnection) -> None:
    """Rank in the group, region, province, value, rank among the level of how many, status;
    column labels with the unit and the level, in the reader's language."""
    from dalamangka import compare

    values = sql.run(con, "compare_values", indicator="tpt", tahun=2021)
    t = tables.compare_table(compare.ranked(values, ["1275", "1671"], False), 2, ["1275"])
    truth = values.set_index("kode")
    assert t[["peringkat", "kode", "wilayah", "provinsi"]].values.tolist() == [
        [1, "1671", "Kota Palembang", "Sumatera Selatan"],
        [2, "1275", "Kota Medan", "Sumatera Utara"],
    ]
    assert t.nilai.tolist() == [round(fact(con, "tpt", k, 2021) or -1, 2) for k in ("1671", "1275")]
    assert t.peringkat_level.tolist() == [int(truth.rank_level[k]) for k in ("1671", "1275")]
    assert set(t.n_level) == {int(truth.n_level["1275"])} and set(t.status) == {
        "status tidak dinyatakan sumber"
    }
    heads = ["peringkat", "wilayah", "provinsi", "nilai", "peringkat_level", "status"]
    labels = tables.column_config(t, "persen", "id", level="kota")
    assert [labels[c]["label"] for c in heads] == [  # type: ignore[index]
        "Peringkat",
        "Wilayah",
        "Provinsi",
        "Nilai (%)",
        "Peringkat di antara semua kota",
        "Status angka",
    ]
    en = tables.column_config(t, "persen", "en", level="kabupaten")
    assert en["nilai"]["label"] == "Value (%)"  # type: ignore[index]
    assert en["peringkat_level"]["label"] == "Rank among all regencies"  # type: ignore[index]


def test_dataframe_arguments_exist_in_this_streamlit() -> None:
    import inspect

    import streamlit as st

    assert set(tables.DATAFRAME_ARGS) <= set(inspect.signature(st.dataframe).parameters)
    assert tables.DATAFRAME_ARGS["placeholder"] == "–"  # a missing figure is not drawn as "None"


def test_status_reads_as_words_and_an_unknown_code_is_kept() -> None:
    assert tables.status_label("sementara") == "angka sementara"
    assert tables.status_label("tetap", "en") == "final"
    assert tables.status_label(None) == tables.status_label(float("nan")) == "status tidak dinyatakan sumber"
    assert tables.status_label(pd.NA) == "status tidak dinyatakan sumber"
    assert tables.status_label("tidak_diketahui", "en") == "status not stated by the source"
    assert tables.status_label("kode_baru") == "kode_baru"  # never guessed
