"""The three planner questions, answered by pure functions and checked against the warehouse
with independent SQL (not the queries the answers use)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dalamangka import answers, compare, fmt, groups, maps, sql, trends


@pytest.fixture(scope="module")
def con(full_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    c = duckdb.connect(str(full_warehouse), read_only=True)
    yield c
    c.close()


def test_which_kecamatan_of_medan_is_densest(con: duckdb.DuckDBPyConnection) -> None:
    indicator = "penduduk_sp2010_olah_cepat"
    catalog = sql.run(con, "map_kecamatan_indicators", kota="1275")
    meta = catalog[catalog.indicator == indicator].iloc[0]
    values = sql.run(con, "map_kecamatan_values", kota="1275", indicator=indicator, tahun=2010)
    shapes = sql.run(con, "map_kecamatan_shapes", kota="1275")
    view = maps.kecamatan_view(values, shapes, meta, "kepadatan_bps", "quantiles", 5, 2010, "id")
    answer = answers.densest(view, "Kota Medan", 2010, "id")
    independent = con.execute(
        """
        select p.kode, r.nama, p.nilai / a.nilai as kepadatan
        from facts_all p
        join facts_all a on a.kode = p.kode and a.indicator = 'luas_wilayah_bps' and a.periode = 0
        join regions r on r.kode = p.kode
        where p.indicator = ? and p.tahun = 2010 and p.periode = 0 and r.parent = '1275'
        order by kepadatan desc
        """,
        [indicator],
    ).df()
    assert len(independent) == 21
    assert answer.table.kode.tolist() == independent.kode.tolist()
    assert answer.table.nilai.tolist() == [round(v) for v in independent.kepadatan]
    assert answer.table.peringkat.tolist() == list(range(1, 22))
    top = independent.iloc[0]
    assert top.nama == "Medan Perjuangan"
    assert answer.sentence == (
        f"Kecamatan terpadat di Kota Medan (2010): Medan Perjuangan, "
        f"{fmt.value(top.kepadatan, 'jiwa/km²', 0, 'id')}; peringkat 1 dari 21."
    )


def test_how_did_palembangs_ipm_move_against_other_sumatran_cities(con: duckdb.DuckDBPyConnection) -> None:
    regions = sql.run(con, "region_pickable")
    group = groups.resolve(groups.Choice("pulau"), "1671", regions)
    assert len(group.kodes) == 34
    rows = sql.run(con, "trend_series", indicator="ipm", kodes=group.kodes)
    grid = trends.frame(rows, "ipm", "id")
    answer = answers.moved_against(
        grid, "1671", "Kota Palembang", "ipm", "IPM", "indeks", 2, True, group.title, "id"
    )
    provinces = list(groups.definitions().island("sumatera").provinces)  # type: ignore[union-attr]
    ranks = con.execute(
        """
        select f.tahun, f.kode, f.nilai, rank() over (partition by f.tahun order by f.nilai desc) as rk,
            count(*) over (partition by f.tahun) as n
        from facts_all f join regions r on r.kode = f.kode
        where f.indicator = 'ipm' and f.periode = 0 and r.level = 'kota' and r.is_current
            and list_contains(?, r.provinsi) and f.tahun in (2010, 2021)
        """,
        [provinces],
    ).df()
    mine = ranks[ranks.kode == "1671"].set_index("tahun")
    n = ranks.groupby("tahun").n.first()
    assert n[2021] == 34 and n[2010] == 33  # one Sumatran kota has no 2010 figure
    v0, v1 = float(mine.nilai[2010]), float(mine.nilai[2021])
    assert (v0, v1) == (73.33, 78.72)
    expected = (
        f"IPM Kota Palembang: {fmt.number(v0, 2)} (2010) menjadi {fmt.number(v1, 2)} (2021), "
        f"{fmt.change(v1, v0, 'indeks', 2)}; di antara kota di Sumatera: "
        f"peringkat ke-{int(mine.rk[2010])} dari 33 pada 2010, ke-{int(mine.rk[2021])} dari 34 pada 2021 "
        "(peringkat 1 = tertinggi)."
    )
    assert answer.sentence == expected
    table = answer.table
    assert bool(table.iloc[0].dipilih) and table.iloc[0].kode == "1671"
    ipm = table[table.indicator == "ipm"]
    assert len(ipm) == 34 and set(ipm.kode) == set(group.kodes)
    for y in (2010, 2021):  # the table holds each city's figure of the year, as the warehouse does
        got = ipm.set_index("kode")[str(y)]
        want = ranks[ranks.tahun == y].set_index("kode").nilai
        assert (got.reindex(want.index) == want.round(2)).all()


def test_where_does_pekalongan_rank_on_poverty_among_the_98_kota(con: duckdb.DuckDBPyConnection) -> None:
    regions = sql.run(con, "region_pickable")
    catalog = sql.run(con, "trend_indicators").set_index("code")
    years = sql.run(con, "compare_years", indicator="p0")
    year = compare.default_year(years)
    assert year == 2021  # the one year every kota has a poverty figure
    view = compare.View.of(catalog.loc["p0"], year, "kota", "id")
    values = sql.run(con, "compare_values", indicator="p0", tahun=year)
    group = groups.resolve(groups.Choice("semua"), "3375", regions)
    answer, short = answers.rank_among(values, group.kodes, "3375", view, "Kota Pekalongan", n=10)
    independent = con.execute(
        """
        select f.kode, f.nilai, rank() over (order by f.nilai) as rk, count(*) over () as n
        from facts_all f join regions r on r.kode = f.kode
        where f.indicator = 'p0' and f.tahun = 2021 and f.periode = 0 and r.level = 'kota' and r.is_current
        """
    ).df()
    own = independent[independent.kode == "3375"].iloc[0]
    assert int(own.n) == 98
    row = answer.table[answer.table.kode == "3375"].iloc[0]
    assert int(row.peringkat) == int(own.rk) and row.nilai == round(float(own.nilai), 2) and bool(row.dipilih)
    assert answer.sentence == (
        f"Penduduk miskin (P0) Kota Pekalongan 2021: {fmt.value(float(own.nilai), 'persen', 2, 'id')}, "
        f"peringkat ke-{int(own.rk)} dari 98 kota (peringkat 1 = terendah)."
    )
    # one screen: the 10 lowest, the 10 highest and Pekalongan, highlighted, the rest one click away
    shown = short.rows
    assert shown.dipilih.sum() == 1 and "3375" in set(shown.kode)
    lowest = independent.sort_values(["rk", "kode"]).kode.tolist()
    assert set(lowest[:10]) <= set(shown.kode) and set(lowest[-10:]) <= set(shown.kode)
    inside = 10 < int(own.rk) <= 88
    assert len(shown) == (21 if inside else 20) and short.hidden == 98 - len(shown)
    full = answers.rank_among(values, group.kodes, "3375", view, "Kota Pekalongan", full=True)[1]
    assert full.hidden == 0 and len(full.rows) == 98


def test_answers_say_when_the_figure_is_missing(con: duckdb.DuckDBPyConnection) -> None:
    catalog = sql.run(con, "trend_indicators").set_index("code")
    view = compare.View.of(catalog.loc["p0"], 2021, "kota", "en")
    answer, short = answers.rank_among(
        pd.DataFrame(columns=["kode"]).assign(nilai=[]), ["3375"], "3375", view, "X"
    )
    assert answer.sentence == "No figure for Poverty rate (P0) X 2021." and short.total == 0
