"""Exact rows of each read query on the tiny warehouse (real rows, tests/data)."""

from __future__ import annotations

import math

import duckdb
import pandas as pd

from dalamangka import sql


def rows(frame, columns=None):  # type: ignore[no-untyped-def]
    frame = frame if columns is None else frame[columns]
    out = []
    for rec in frame.itertuples(index=False):
        out.append(tuple(None if v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v for v in rec))
    return out


def test_region_choices(tiny: duckdb.DuckDBPyConnection) -> None:
    assert rows(sql.run(tiny, "region_choices")) == [
        ("1171", "Kota Banda Aceh", "kota", "Aceh"),
        ("1275", "Kota Medan", "kota", "Sumatera Utara"),
        ("1671", "Kota Palembang", "kota", "Sumatera Selatan"),
        ("1971", "Kota Pangkal Pinang", "kota", "Kepulauan Bangka Belitung"),
        ("3375", "Kota Pekalongan", "kota", "Jawa Tengah"),
        ("2172", "Kota Tanjung Pinang", "kota", "Kepulauan Riau"),
        ("1103", "Kabupaten Aceh Selatan", "kabupaten", "Aceh"),
    ]


def test_headline_figures(tiny: duckdb.DuckDBPyConnection) -> None:
    got = sql.run(
        tiny, "headline_figures", kode="1971", indicators=["tpt", "ipm", "penduduk_dukcapil", "lpe"]
    )
    assert rows(got) == [
        # indicator, year, value, status, source, derived, previous year and value,
        # rank among kota with data, how many, total kota, rank in province, how many
        ("ipm", 2021, 78.57, "tidak_diketahui", "S01", False, 2020, 78.22, 5, 6, 6, 1, 1),
        ("penduduk_dukcapil", 2024, 242285.0, "tidak_diketahui", "S07", False, None, None, 5, 6, 6, 1, 1),
        ("tpt", 2024, 5.98, "tidak_diketahui", "S03", False, 2023, 5.76, 3, 5, 6, 1, 1),
    ]


def test_headline_figures_derived_density(tiny: duckdb.DuckDBPyConnection) -> None:
    got = sql.run(tiny, "headline_figures", kode="1971", indicators=["kepadatan_dukcapil_big"])
    (row,) = rows(got)
    assert row[:2] == ("kepadatan_dukcapil_big", 2024)
    assert row[2] == 242285.0 / 104.238  # Dukcapil 2024 population / BIG 2024 area, same source
    assert row[5] is True  # derived, computed in SQL from two stored facts


def test_indicator_series_keeps_each_source(tiny: duckdb.DuckDBPyConnection) -> None:
    got = sql.run(tiny, "indicator_series", kodes=["1971", "2172"], indicators=["tpt"])
    assert rows(got) == [
        ("tpt", "1971", "Kota Pangkal Pinang", 2021, 6.81, "tidak_diketahui", "S02", False),
        ("tpt", "1971", "Kota Pangkal Pinang", 2022, 5.9, "tidak_diketahui", "S03", False),
        ("tpt", "1971", "Kota Pangkal Pinang", 2023, 5.76, "tidak_diketahui", "S03", False),
        ("tpt", "1971", "Kota Pangkal Pinang", 2024, 5.98, "tidak_diketahui", "S03", False),
        ("tpt", "2172", "Kota Tanjung Pinang", 2021, 6.31, "tidak_diketahui", "S02", False),
        ("tpt", "2172", "Kota Tanjung Pinang", 2022, 5.27, "tidak_diketahui", "S03", False),
        ("tpt", "2172", "Kota Tanjung Pinang", 2023, 4.76, "tidak_diketahui", "S03", False),
        # S03 has no 2024 figure for Tanjungpinang; BPS Kepri (S08) does
        ("tpt", "2172", "Kota Tanjung Pinang", 2024, 4.69, "tidak_diketahui", "S08", False),
        ("tpt", "2172", "Kota Tanjung Pinang", 2025, 4.72, "tidak_diketahui", "S08", False),
    ]


def test_indicator_catalog(tiny: duckdb.DuckDBPyConnection) -> None:
    got = sql.run(tiny, "indicator_catalog")
    assert len(got) == 90
    covered = got[got.tahun_awal.notna() & ~got.code.str.endswith("_dukcapil_smt1")]
    assert rows(covered, ["code", "tahun_awal", "tahun_akhir", "jumlah_wilayah"]) == [
        ("luas_wilayah_big", 2024, 2024, 7),
        ("luas_wilayah_bps", 2015, 2020, 6),
        ("kepadatan_dukcapil_big", 2024, 2024, 7),
        ("penduduk_bps", 2025, 2025, 5),
        ("penduduk_dukcapil", 2024, 2024, 10),
        ("penduduk_sp2010_olah_cepat", 2010, 2010, 25),
        ("tpt", 2021, 2025, 8),
        ("ipm", 2019, 2021, 14),
        ("ipm_uhh_lfsp2020", 2023, 2025, 2),
        ("jumlah_murid_sd", 2019, 2020, 2),
        ("jumlah_murid_smk", 2020, 2020, 2),  # SMK 2019 is not in the source file (copy error): no figure
        ("p0", 2019, 2025, 8),
        ("penduduk_miskin", 2025, 2025, 10),
        ("inflasi_yoy", 2025, 2026, 2),
        ("lpe", 2023, 2025, 1),
        ("pdrb_adhb", 2025, 2025, 7),
        ("pdrb_per_kapita_adhb", 2025, 2025, 7),
        ("pdrb_per_kapita_adhk_2010", 2016, 2017, 7),
    ]
    # Dukcapil Semester I 2024 (S16): 14 kecamatan and 5 cities in the fixture (+ Medan Tuntungan)
    smt1 = got[got.code.str.endswith("_dukcapil_smt1")]
    assert len(smt1) == 27 and set(smt1.jumlah_wilayah) == {20}
    tpt = got[got.code == "tpt"].iloc[0]
    assert (tpt.unit_id, tpt.decimals, bool(tpt.higher_is_better)) == ("persen", 2, False)


def test_source_catalog(tiny: duckdb.DuckDBPyConnection) -> None:
    got = sql.run(tiny, "source_catalog")
    assert got.source_id.tolist() == [f"S{i:02d}" for i in range(1, 20)]
    s05 = got[got.source_id == "S05"].iloc[0]
    assert s05.status == "sementara"
    assert s05.cite_id == "BPS, Hasil Olah Cepat SP2010 menurut kecamatan (angka sementara)"
    assert got[got.source_id == "S04"].iloc[0].licence.startswith("CC BY 4.0")
