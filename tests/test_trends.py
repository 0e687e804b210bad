"""Tren: its queries (exact rows on the tiny warehouse), the pure logic and the chart builder."""

from __future__ import annotations

import math

import duckdb
import pandas as pd
import plotly.graph_objects as go
import pytest

from dalamangka import charts, fmt, sql, trends
from dalamangka.views import comparison

SEEDS = ["1971", "1671", "1275", "3375", "2172"]


# --- queries ---------------------------------------------------------------------------------


def test_trend_indicators(tiny: duckdb.DuckDBPyConnection) -> None:
    rows = sql.run(tiny, "trend_indicators")
    got = {r.code: (r.tahun_awal, r.tahun_akhir, r.n_kota) for r in rows.itertuples()}
    smt1 = {c: v for c, v in got.items() if c.endswith("_dukcapil_smt1")}
    assert len(smt1) == 27 and set(smt1.values()) == {(2024, 2024, 5)}  # Dukcapil Semester I 2024, 5 kota
    got = {c: v for c, v in got.items() if c not in smt1}
    assert got == {
        "luas_wilayah_big": (2024, 2024, 6),
        "luas_wilayah_bps": (2015, 2020, 2),
        "kepadatan_dukcapil_big": (2024, 2024, 6),
        "penduduk_bps": (2025, 2025, 5),
        "penduduk_dukcapil": (2024, 2024, 6),
        "penduduk_sp2010_olah_cepat": (2010, 2010, 6),
        "tpt": (2021, 2025, 6),
        "ipm": (2019, 2021, 6),
        "ipm_uhh_lfsp2020": (2023, 2025, 1),
        "jumlah_murid_sd": (2019, 2020, 1),
        "jumlah_murid_smk": (2020, 2020, 1),
        "p0": (2019, 2025, 6),
        "penduduk_miskin": (2025, 2025, 5),
        "lpe": (2023, 2025, 1),
        "pdrb_adhb": (2025, 2025, 6),
        "pdrb_per_kapita_adhb": (2025, 2025, 6),
        "pdrb_per_kapita_adhk_2010": (2016, 2017, 6),
    }
    ipm = rows.set_index("code").loc["ipm"]
    assert (ipm.short_id, ipm.short_en, ipm.unit_id, ipm.decimals, ipm.concept) == (
        "IPM",
        "HDI",
        "indeks",
        2,
        "ipm",
    )
    assert bool(ipm.higher_is_better) is True


def test_trend_series_gives_every_series_of_the_concept_apart(tiny: duckdb.DuckDBPyConnection) -> None:
    rows = sql.run(tiny, "trend_series", indicator="penduduk_dukcapil", kodes=["1275", "2172"])
    got = [(r.indicator, r.kode, r.nama, r.tahun, r.nilai, r.status, r.source_id) for r in rows.itertuples()]
    assert got == [
        ("penduduk_dukcapil", "1275", "Kota Medan", 2024, 2546452.0, "tidak_diketahui", "S07"),
        ("penduduk_dukcapil", "2172", "Kota Tanjung Pinang", 2024, 239216.0, "tidak_diketahui", "S07"),
        ("penduduk_bps", "1275", "Kota Medan", 2025, 2510147.0, "tidak_diketahui", "S11"),
        ("penduduk_bps", "2172", "Kota Tanjung Pinang", 2025, 242421.0, "tidak_diketahui", "S11"),
        # Dukcapil Semester I 2024 (S16) is a series of its own, not merged with Semester II (S07)
        ("penduduk_dukcapil_smt1", "1275", "Kota Medan", 2024, 2539829.0, "tidak_diketahui", "S16"),
        ("penduduk_dukcapil_smt1", "2172", "Kota Tanjung Pinang", 2024, 237580.0, "tidak_diketahui", "S16"),
        ("penduduk_sp2010_olah_cepat", "1275", "Kota Medan", 2010, 2109339.0, "sementara", "S05"),
        ("penduduk_sp2010_olah_cepat", "2172", "Kota Tanjung Pinang", 2010, 187687.0, "sementara", "S05"),
    ]
    assert list(rows.short_id.unique()) == [
        "Penduduk terdaftar (Dukcapil Smt II)",
        "Penduduk (BPS)",
        "Penduduk terdaftar (Dukcapil Smt I)",
        "Penduduk SP2010 (olah cepat)",
    ]


def test_trend_series_keeps_gaps_and_sources(tiny: duckdb.DuckDBPyConnection) -> None:
    rows = sql.run(tiny, "trend_series", indicator="tpt", kodes=["1671"])
    got = [(r.tahun, r.nilai, r.source_id) for r in rows.itertuples()]
    assert got == [(2021, 10.11, "S02"), (2022, 8.20, "S03"), (2023, 7.49, "S03")]
    assert sql.run(tiny, "trend_series", indicator="tpt", kodes=[]).empty


def test_region_pickable(tiny: duckdb.DuckDBPyConnection) -> None:
    rows = sql.run(tiny, "region_pickable")
    got = [(r.kode, r.nama, r.level, None if pd.isna(r.provinsi) else r.provinsi) for r in rows.itertuples()]
    assert got == [
        ("00", "Indonesia", "nasional", None),
        ("11", "Aceh", "provinsi", "11"),
        ("33", "Jawa Tengah", "provinsi", "33"),
        ("19", "Kepulauan Bangka Belitung", "provinsi", "19"),
        ("21", "Kepulauan Riau", "provinsi", "21"),
        ("16", "Sumatera Selatan", "provinsi", "16"),
        ("12", "Sumatera Utara", "provinsi", "12"),
        ("1171", "Kota Banda Aceh", "kota", "11"),
        ("1275", "Kota Medan", "kota", "12"),
        ("1671", "Kota Palembang", "kota", "16"),
        ("1971", "Kota Pangkal Pinang", "kota", "19"),
        ("3375", "Kota Pekalongan", "kota", "33"),
        ("2172", "Kota Tanjung Pinang", "kota", "21"),
        ("1103", "Kabupaten Aceh Selatan", "kabupaten", "11"),
    ]
    assert rows.set_index("kode").loc["1275", "provinsi_nama"] == "Sumatera Utara"


# --- logic -----------------------------------------------------------------------------------


@pytest.fixture
def regions(tiny: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return sql.run(tiny, "region_pickable")


def test_old_set_quick_picks_are_the_same_groups(regions: pd.DataFrame) -> None:
    """An old Tren link's ``set`` (read once into ``grup=``) draws the regions it drew before."""

    def kodes(old: str, kode: str, extra: tuple[str, ...] = ()) -> list[str]:
        text = comparison.legacy(old)
        group = comparison.resolve(text, kode, regions, {}, lambda *a, **k: pd.DataFrame(), "id").group
        return [k for k in dict.fromkeys([kode, *group.kodes, *extra]) if k in set(regions.kode)]

    assert [comparison.legacy(o) for o in ("lima", "provinsi", "semua", "pilihan")] == [
        "", "provinsi", "semua", "daftar"
    ]  # fmt: skip
    assert kodes("lima", "1275") == ["1275", "1971", "1671", "3375", "2172"]
    assert kodes("provinsi", "1171") == ["1171"]
    assert kodes("semua", "1103") == ["1103", "1171", "1275", "1671", "1971", "3375", "2172"]
    assert kodes("pilihan", "1275", ("12", "00", "9999")) == ["1275", "12", "00"]


def tpt_rows(tiny: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return sql.run(tiny, "trend_series", indicator="tpt", kodes=["1671", "1275"])


def test_frame_puts_gaps_on_a_full_year_grid(tiny: duckdb.DuckDBPyConnection) -> None:
    grid = trends.frame(tpt_rows(tiny), "tpt", "id")
    palembang = grid[grid.kode == "1671"].set_index("tahun").nilai
    assert list(palembang.index) == [2021, 2022, 2023, 2024]
    assert palembang.loc[2023] == 7.49
    assert math.isnan(palembang.loc[2024])
    assert set(grid.label) == {"Kota Palembang", "Kota Medan"}


def test_transform_index_and_change(tiny: duckdb.DuckDBPyConnection) -> None:
    grid = trends.frame(tpt_rows(tiny), "tpt", "id")
    idx = trends.transform(grid, "indeks", "persen", 2021)
    p = idx[idx.kode == "1671"].set_index("tahun").y
    assert p.loc[2021] == pytest.approx(100)
    assert p.loc[2023] == pytest.approx(7.49 / 10.11 * 100)
    assert math.isnan(p.loc[2024])
    ch = trends.transform(grid, "perubahan", "persen", None)
    p = ch[ch.kode == "1671"].set_index("tahun").y
    assert math.isnan(p.loc[2021])
    assert p.loc[2022] == pytest.approx(8.20 - 10.11)  # a rate changes in points
    assert math.isnan(p.loc[2024])
    pop = sql.run(tiny, "trend_series", indicator="pdrb_per_kapita_adhk_2010", kodes=["1275"])
    pop = pop[pop.indicator == "pdrb_per_kapita_adhk_2010"]  # not the ADHB 2025 series of the concept
    ch = trends.transform(trends.frame(pop, "pdrb_per_kapita_adhk_2010", "id"), "perubahan", "ribu rupiah")
    v = pop.set_index("tahun").nilai
    assert ch.set_index("tahun").y.loc[2017] == pytest.approx((v[2017] / v[2016] - 1) * 100)


def test_missing_base_year_is_named_not_filled(tiny: duckdb.DuckDBPyConnection) -> None:
    grid = trends.frame(tpt_rows(tiny), "tpt", "id")
    assert trends.missing_base(grid, 2024) == ["Kota Palembang"]
    idx = trends.transform(grid, "indeks", "persen", 2024)
    assert idx[idx.kode == "1671"].y.isna().all()


def test_summary_start_end_change_cagr(tiny: duckdb.DuckDBPyConnection) -> None:
    grid = trends.frame(tpt_rows(tiny), "tpt", "id")
    table = trends.summary(grid, 2).set_index("kode")
    p = table.loc["1671"]
    assert (p.tahun_awal, p.nilai_awal, p.tahun_akhir, p.nilai_akhir) == (2021, 10.11, 2023, 7.49)
    assert p.perubahan == pytest.approx(-2.62)
    assert p.perubahan_persen == round((7.49 / 10.11 - 1) * 100, 2)
    assert p.cagr_persen == round(((7.49 / 10.11) ** 0.5 - 1) * 100, 2)
    assert (p.status_awal, p.source_awal, p.source_akhir) == ("tidak_diketahui", "S02", "S03")


def test_search_sort_and_shown_table_match_figure_for_figure(tiny: duckdb.DuckDBPyConnection) -> None:
    grid = trends.frame(tpt_rows(tiny), "tpt", "id")
    table = trends.summary(grid, 2)
    assert list(trends.search_sort(table, "", "nilai_akhir").wilayah) == ["Kota Medan", "Kota Palembang"]
    assert list(trends.search_sort(table, "palem", "wilayah").wilayah) == ["Kota Palembang"]
    shown = trends.shown_table(table, "persen", 2, "id")
    assert list(shown.display.columns) == list(shown.export.columns)
    assert "Nilai awal (%)" in shown.display.columns
    for col in shown.display.columns:
        for d, e in zip(shown.display[col], shown.export[col], strict=True):
            if isinstance(e, float):
                dec = 2
                assert d == fmt.number(None if pd.isna(e) else e, dec, "id")
            else:
                assert d == str(e)
    assert shown.display.iloc[0]["Nilai awal (%)"] in ("10,81", "10,11")


def test_break_note_names_why_series_are_apart(tiny: duckdb.DuckDBPyConnection) -> None:
    rows = sql.run(tiny, "trend_series", indicator="penduduk_bps", kodes=["1275"])
    assert "Dukcapil" in str(trends.break_note(rows, "penduduk", "id"))
    assert "Dukcapil" in str(trends.break_note(rows, "penduduk", "en"))
    assert trends.break_note(tpt_rows(tiny), "tpt", "id") is None


def test_citation_lists_each_source_once(tiny: duckdb.DuckDBPyConnection) -> None:
    sources = sql.run(tiny, "source_catalog")
    text = trends.citation(["S03", "S02", "S03"], sources, "id")
    assert text.startswith("BPS, Susenas Maret 2021") and text.count("[S03]") == 1


def test_citation_years_follow_each_source_even_one_naming_two_publishers(
    full: duckdb.DuckDBPyConnection,
) -> None:
    """S07's citation holds "; " itself (Dukcapil population; BIG area): its year goes after its
    source id, never into the middle of its citation."""
    sources = sql.run(full, "source_catalog")
    text = trends.citation(["S07", "S13+S07"], sources, "id", {"S07": "2024", "S13": "2024"})
    assert text == (
        "Ditjen Dukcapil, Data Kependudukan Semester II 2024; BIG 2024 (via Kepmendagri 300.2.2-2138/2025)"
        " [S07], 2024; " + text.split("[S07], 2024; ", 1)[1]
    )
    assert text.count("[S07]") == 1 and text.endswith("[S13], 2024") and "2024; BIG" in text
    one_year = trends.citation(["S07"], sources, "id", 2024)  # one year for every source
    assert one_year.endswith("[S07], 2024") and one_year.count(", 2024") == 1, one_year


# --- chart builder ---------------------------------------------------------------------------


def test_trend_figure_gaps_highlight_and_separate_series(tiny: duckdb.DuckDBPyConnection) -> None:
    rows = sql.run(tiny, "trend_series", indicator="ipm", kodes=["2172", "1275"])
    grid = trends.frame(rows, "ipm", "id")
    data = trends.transform(grid, "nilai", "indeks")
    spec = trends.chart_spec("IPM", grid, "nilai", "indeks", 2, None, "id")
    fig = charts.trend_figure(data, "1275", spec, "id")
    go.Figure(fig.to_dict())  # the unvalidated build is valid plotly
    assert fig.layout.separators == ",."
    names = [t.name for t in fig.data]
    assert "Kota Tanjung Pinang · IPM" in names and "Kota Tanjung Pinang · IPM (seri revisi)" in names
    assert names[-1] == "Kota Medan · IPM"  # the chosen city is drawn last, on top
    for t in fig.data:
        assert t.connectgaps is False
        assert list(t.x) == [2019, 2020, 2021, 2022, 2023, 2024, 2025]
    medan = fig.data[-1]
    assert medan.line.color == charts.HIGHLIGHT and medan.line.width == 4
    assert list(medan.y) == [80.97, 80.98, 81.21, None, None, None, None]
    assert medan.customdata[0] == "80,97" and medan.customdata[3] == "tidak ada data"
    revised = next(t for t in fig.data if t.name.endswith("(seri revisi)"))
    old = next(t for t in fig.data if t.name == "Kota Tanjung Pinang · IPM")
    assert revised.line.dash != old.line.dash  # two series never share one line style
    assert list(revised.y)[:4] == [None, None, None, None]
    assert all(t.line.color != charts.HIGHLIGHT for t in fig.data[:-1])
    assert "angka dari 2 sumber berbeda" in fig.layout.title.subtitle.text
    assert fig.layout.xaxis.tickformat == "d"


def test_trend_figure_mutes_many_regions_into_one_grey_trace_per_series() -> None:
    frame = pd.DataFrame(
        {
            "indicator": "x",
            "kode": [f"{i:04d}" for i in range(10) for _ in (2020, 2021, 2022)],
            "nama": [f"R{i}" for i in range(10) for _ in (2020, 2021, 2022)],
            "label": [f"R{i}" for i in range(10) for _ in (2020, 2021, 2022)],
            "series_rank": 0,
            "tahun": [2020, 2021, 2022] * 10,
            "y": [float(i) if t != 2021 else float("nan") for i in range(10) for t in (2020, 2021, 2022)],
        }
    )
    spec = charts.TrendSpec("t", "s", "y", "persen", 2, others_label="{n} other regions")
    fig = charts.trend_figure(frame, "0003", spec, "en")
    go.Figure(fig.to_dict())  # the unvalidated build is valid plotly
    assert [t.name for t in fig.data] == ["9 other regions", "R3"]
    grey, chosen = fig.data
    assert grey.line.color == charts.MUTED and chosen.line.color == charts.HIGHLIGHT
    assert list(grey.meta["kodes"]) == [f"{i:04d}" for i in range(10) if i != 3]
    # three years per region, then a None point: regions are never joined to each other
    assert list(grey.x[:8]) == [2020, 2021, 2022, None, 2020, 2021, 2022, None]
    assert list(grey.y[:4]) == [0.0, None, 0.0, None]
    assert grey.connectgaps is False
    assert grey.customdata[0] == "R0: 0.00%" and grey.customdata[1] == "R0: no data"
    assert list(chosen.y) == [3.0, None, 3.0]
    assert fig.layout.separators == ".,"


def test_citation_names_the_years_of_each_source(tiny: duckdb.DuckDBPyConnection) -> None:
    sources = sql.run(tiny, "source_catalog")
    grid = trends.frame(tpt_rows(tiny), "tpt", "id")
    years = trends.source_years(grid)
    assert years == {"S02": "2021", "S03": "2022–2024"}
    text = trends.citation(trends.source_ids(grid), sources, "id", years)
    assert text.endswith("TPT dan TPAK menurut kabupaten/kota, Sakernas Agustus [S03], 2022–2024")
    assert "[S02], 2021; " in text
    assert trends.citation(["S03"], sources, "en", 2023).endswith("[S03], 2023")


def test_default_indicator_falls_back_when_ipm_is_missing() -> None:
    assert trends.default_index(["tpt", "ipm"]) == 1
    assert trends.default_index(["luas_wilayah_big", "tpt"]) == 1
    assert trends.default_index(["luas_wilayah_big"]) == 0
