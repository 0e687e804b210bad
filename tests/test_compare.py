"""Bandingkan: its queries (exact rows on the tiny warehouse), ranks, sentences, charts (the groups
are in tests/test_groups.py)."""

from __future__ import annotations

import duckdb
import pandas as pd
import plotly.graph_objects as go
import pytest

from dalamangka import charts, compare, sql


def test_compare_values(tiny: duckdb.DuckDBPyConnection) -> None:
    rows = sql.run(tiny, "compare_values", indicator="tpt", tahun=2021)
    got = [
        (r.kode, r.level, r.provinsi, r.nilai, r.source_id, r.rank_level, r.n_level)
        for r in rows.itertuples()
    ]
    assert got == [
        ("2172", "kota", "21", 6.31, "S02", 1, 6),
        ("1971", "kota", "19", 6.81, "S02", 2, 6),
        ("3375", "kota", "33", 6.89, "S02", 3, 6),
        ("1171", "kota", "11", 8.94, "S02", 4, 6),
        ("1671", "kota", "16", 10.11, "S02", 5, 6),
        ("1275", "kota", "12", 10.81, "S02", 6, 6),
        ("1103", "kabupaten", "11", 6.46, "S02", 1, 1),
    ]
    assert rows.set_index("kode").loc["1275", "provinsi_nama"] == "Sumatera Utara"
    # higher is better: rank 1 is the highest
    ipm = sql.run(tiny, "compare_values", indicator="ipm", tahun=2021)
    assert list(ipm.kode[:2]) == ["1171", "1275"] and list(ipm.rank_level[:2]) == [1, 2]
    assert sql.run(tiny, "compare_values", indicator="tpt", tahun=1990).empty


def test_compare_years(tiny: duckdb.DuckDBPyConnection) -> None:
    rows = sql.run(tiny, "compare_years", indicator="tpt")
    got = [(r.tahun, r.n_kota, r.n_kabupaten) for r in rows.itertuples()]
    assert got == [(2021, 6, 1), (2022, 6, 1), (2023, 6, 1), (2024, 5, 1), (2025, 1, 0)]
    assert compare.default_year(rows) == 2024
    assert compare.default_year(rows.iloc[0:0]) is None


@pytest.fixture
def regions(tiny: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return sql.run(tiny, "region_pickable")


def test_ranked_median_missing_and_sentence(tiny: duckdb.DuckDBPyConnection, regions: pd.DataFrame) -> None:
    values = sql.run(tiny, "compare_values", indicator="tpt", tahun=2024)
    kodes = ["1275", "1971", "1671", "3375", "2172"]
    rows = compare.ranked(values, kodes, False)
    assert list(rows.peringkat) == [1, 2, 3, 4]
    assert rows.nilai.is_monotonic_increasing
    assert compare.missing_members(values, kodes, regions) == ["Kota Palembang"]
    assert compare.median(rows.nilai) == float(rows.nilai.median())
    text = compare.sentence(values, "1275", "Kota Medan", "TPT", "persen", 2, 2024, "kota", 6, False, "id")
    kota = values[values.level == "kota"]
    medan = float(kota.set_index("kode").nilai["1275"])
    ratio = medan / float(kota.nilai.median())
    rank = int(kota.set_index("kode").rank_level["1275"])
    assert text == (
        f"TPT Kota Medan 2024 sebesar {str(medan).replace('.', ',')} %, "
        f"{f'{ratio:.2f}'.replace('.', ',')} kali median 5 kota yang punya data; "
        f"peringkat ke-{rank} dari 5 (peringkat 1 = terendah)."
    )
    missing = compare.sentence(
        values, "1671", "Kota Palembang", "TPT", "persen", 2, 2024, "kota", 6, False, "id"
    )
    assert missing == "TPT Kota Palembang 2024: tidak ada data."
    en = compare.sentence(
        values, "1275", "Kota Medan", "Unemployment", "persen", 2, 2024, "kota", 5, False, "en"
    )
    assert en.startswith("Unemployment of Kota Medan in 2024 is ") and "times the median of 5 cities" in en


def test_subtitle_says_when_sources_or_years_differ(regions: pd.DataFrame) -> None:
    group = compare.Group(["1275"], "x", band_basis="Penduduk terdaftar (Dukcapil Smt II)")
    text = compare.subtitle(2021, ["S03", "S08"], group, 2024, "id")
    assert text == (
        "Semua angka tahun 2021 · angka dari 2 sumber berbeda (S03, S08) · "
        "kelompok dipilih menurut Penduduk terdaftar (Dukcapil Smt II) 2024, angka indikator tahun 2021"
    )
    assert (
        compare.subtitle(2021, ["S03", "S03"], compare.Group(["1"], "x"), None, "id")
        == "Semua angka tahun 2021"
    )


def test_pair_keeps_only_regions_with_both(tiny: duckdb.DuckDBPyConnection) -> None:
    ipm = sql.run(tiny, "compare_values", indicator="ipm", tahun=2021)
    lpe = sql.run(tiny, "compare_values", indicator="lpe", tahun=2021)
    assert compare.pair(ipm, lpe, "kota").empty
    p0 = sql.run(tiny, "compare_values", indicator="p0", tahun=2021)
    both = compare.pair(ipm, p0, "kota")
    assert set(both.kode) == set(ipm[ipm.level == "kota"].kode) & set(p0[p0.level == "kota"].kode)
    assert list(both.columns) == ["kode", "nama", "x", "source_x", "y", "source_y"]


# --- chart builders --------------------------------------------------------------------------


def spec() -> charts.ValueSpec:
    return charts.ValueSpec("TPT 2021", "Semua angka tahun 2021", "TPT (%)", "persen", 2, "Median")


def test_bar_figure_ranks_and_highlights(tiny: duckdb.DuckDBPyConnection) -> None:
    values = sql.run(tiny, "compare_values", indicator="tpt", tahun=2021)
    rows = compare.ranked(values, ["1275", "1971", "1671", "3375", "2172"], False)
    fig = charts.bar_figure(rows, ["1275", "3375"], compare.median(rows.nilai), spec(), "id")
    go.Figure(fig.to_dict())  # the unvalidated build is valid plotly
    bar = fig.data[0]
    assert list(bar.y) == [
        "Kota Tanjung Pinang",
        "Kota Pangkal Pinang",
        "Kota Pekalongan",
        "Kota Palembang",
        "Kota Medan",
    ]
    assert list(bar.x) == [6.31, 6.81, 6.89, 10.11, 10.81]
    assert list(bar.text) == ["6,31 %", "6,81 %", "6,89 %", "10,11 %", "10,81 %"]
    colours = dict(zip(bar.y, bar.marker.color, strict=True))
    assert colours["Kota Medan"] == charts.HIGHLIGHT
    assert colours["Kota Pekalongan"] not in (charts.HIGHLIGHT, charts.MUTED)
    assert colours["Kota Palembang"] == charts.MUTED
    assert fig.layout.yaxis.autorange == "reversed" and fig.layout.separators == ",."
    assert fig.layout.annotations[0].text == "Median: 6,89 %"
    assert fig.layout.title.text == "TPT 2021"


def test_strip_figure_one_dot_per_kota_chosen_labelled(tiny: duckdb.DuckDBPyConnection) -> None:
    values = sql.run(tiny, "compare_values", indicator="ipm", tahun=2021)
    kota = values[values.level == "kota"]
    fig = charts.strip_figure(kota, ["1275"], compare.median(kota.nilai), spec(), "id")
    go.Figure(fig.to_dict())
    assert len(fig.data[0].x) == 6
    assert fig.data[1].name == "Kota Medan" and list(fig.data[1].x) == [81.21]
    texts = [a.text for a in fig.layout.annotations]
    assert "Kota Medan" in texts and any(t.startswith("Median: ") for t in texts)
    assert fig.layout.shapes[0].x0 == pytest.approx(float(kota.nilai.median()))


def test_scatter_figure_labels_chosen(tiny: duckdb.DuckDBPyConnection) -> None:
    ipm = sql.run(tiny, "compare_values", indicator="ipm", tahun=2021)
    p0 = sql.run(tiny, "compare_values", indicator="p0", tahun=2021)
    both = compare.pair(ipm, p0, "kota")
    sp = charts.ScatterSpec("IPM dan P0, 2021", "", "IPM", "P0 (%)", "indeks", "persen", 2, 2)
    fig = charts.scatter_figure(both, ["1275", "9999"], sp, "id")
    go.Figure(fig.to_dict())
    assert len(fig.data) == 2
    assert len(fig.data[0].x) == len(both) - 1
    chosen = fig.data[1]
    medan = both.set_index("kode").loc["1275"]
    assert list(chosen.text) == ["Kota Medan"] and list(chosen.x) == [medan.x] and list(chosen.y) == [medan.y]
    assert chosen.marker.color == charts.HIGHLIGHT
    assert "2021" in fig.layout.title.text
