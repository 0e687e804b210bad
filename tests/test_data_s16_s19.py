"""Issue 12: the S16-S19 sources in the warehouse (exact rows against the CSVs), the ratios derived
from the Dukcapil Semester I 2024 registry (hand-computed from real rows), the age structure, the
comparison of two series of one concept, and the pages that show them."""

from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest

from dalamangka import charts, config, demografi, maps, sql, trends
from tests.conftest import AppFactory

FIGURES = config.FIGURES_DIR
SEEDS = {"1971": "Kota Pangkal Pinang", "1671": "Kota Palembang", "1275": "Kota Medan",
         "3375": "Kota Pekalongan", "2172": "Kota Tanjung Pinang"}  # fmt: skip

# (file, kode, raw indikator, tahun, warehouse indicator, source)
SAMPLES = [
    ("kecamatan_5kota_penduduk_dukcapil_2024s1.csv", "1275010", "jumlah_penduduk_dukcapil_smt1", 2024,
     "penduduk_dukcapil_smt1", "S16"),
    ("kecamatan_5kota_penduduk_dukcapil_2024s1.csv", "1275010", "jumlah_kk_dukcapil_smt1", 2024,
     "jumlah_kk_dukcapil_smt1", "S16"),
    ("kecamatan_5kota_penduduk_dukcapil_2024s1.csv", "1275", "jumlah_penduduk_dukcapil_smt1", 2024,
     "penduduk_dukcapil_smt1", "S16"),
    ("kecamatan_5kota_penduduk_dukcapil_2024s1.csv", "1671080", "jumlah_wajib_ktp_dukcapil_smt1", 2024,
     "wajib_ktp_dukcapil_smt1", "S16"),
    ("kecamatan_5kota_penduduk_dukcapil_2024s1.csv", "3375040", "jumlah_penduduk_umur_75plus_dukcapil_smt1",
     2024, "penduduk_umur_75plus_dukcapil_smt1", "S16"),
    ("kabkota_pdrb_perkapita_adhb_2025.csv", "1275", "pdrb_per_kapita_adhb", 2025,
     "pdrb_per_kapita_adhb", "S17"),
    ("kabkota_pdrb_perkapita_adhb_2025.csv", "2172", "pdrb_per_kapita_adhb", 2025,
     "pdrb_per_kapita_adhb", "S17"),
    ("kabkota_pdrb_adhb_2025.csv", "1275", "pdrb_adhb", 2025, "pdrb_adhb", "S17"),
    ("kabkota_pdrb_adhb_2025.csv", "6409", "pdrb_adhb", 2025, "pdrb_adhb", "S17"),
    ("sumut_kabkota_p0_2019_2023.csv", "1275", "persentase_penduduk_miskin_p0", 2023, "p0", "S18"),
    ("sumut_kabkota_p0_2019_2023.csv", "1201", "persentase_penduduk_miskin_p0", 2019, "p0", "S18"),
    ("sumsel_kabkota_murid_2019_2024.csv", "1671", "jumlah_murid_sd", 2024, "jumlah_murid_sd", "S19"),
    ("sumsel_kabkota_murid_2019_2024.csv", "1671", "jumlah_murid_smk", 2024, "jumlah_murid_smk", "S19"),
    ("sumsel_kabkota_murid_2019_2024.csv", "16", "jumlah_murid_ma", 2022, "jumlah_murid_ma", "S19"),
]  # fmt: skip


@pytest.fixture(scope="module")
def csv_values() -> dict[tuple[str, str, str, int], float]:
    out = {}
    for name in {s[0] for s in SAMPLES}:
        df = pd.read_csv(FIGURES / name, dtype={"kode_wilayah": str})
        for r in df.itertuples():
            out[(name, str(r.kode_wilayah), str(r.indikator), int(r.tahun))] = float(r.nilai)
    return out


def test_sampled_figures_equal_the_csv_rows(full: duckdb.DuckDBPyConnection, csv_values) -> None:  # type: ignore[no-untyped-def]
    for name, kode, raw, tahun, indicator, source in SAMPLES:
        got = full.execute(
            "select nilai, source_id from facts "
            "where indicator = ? and kode = ? and tahun = ? and periode = 0",
            [indicator, kode, tahun],
        ).fetchall()
        assert got == [(csv_values[(name, kode, raw, tahun)], source)], (name, kode, raw)
    # the values as printed (spot checks read by eye from the CSVs)
    assert csv_values[(SAMPLES[0][0], "1275010", "jumlah_penduduk_dukcapil_smt1", 2024)] == 99787
    assert csv_values[(SAMPLES[5][0], "1275", "pdrb_per_kapita_adhb", 2025)] == 141412.3
    assert csv_values[(SAMPLES[11][0], "1671", "jumlah_murid_sd", 2024)] == 156829


def test_every_row_of_the_new_files_is_an_observation(full: duckdb.DuckDBPyConnection) -> None:
    got = dict(full.execute(
        "select source_id, count(*) from observations where source_id in ('S16','S17','S18','S19') group by 1"
    ).fetchall())  # fmt: skip
    assert got == {"S16": 1298, "S17": 1028, "S18": 165, "S19": 738}
    # SMK 2019 is not in the file (a copy of SMA in the source): never filled
    assert full.execute(
        "select count(*) from facts_all where indicator = 'jumlah_murid_smk' and tahun = 2019"
    ).fetchone() == (0,)


def test_ratios_of_medan_tuntungan_by_hand(tiny: duckdb.DuckDBPyConnection) -> None:
    """Medan Tuntungan (1275010), S16 rows: L 48.939, P 50.848, total 99.787, KK 31.017; age groups
    0-4 5.406, 5-9 8.228, 10-14 8.544, 65-69 2.972, 70-74 1.644, 75+ 1.638."""
    got = dict(tiny.execute(
        "select indicator, nilai from facts_all where kode = '1275010' and derived"
    ).fetchall())  # fmt: skip
    young, old = 5406 + 8228 + 8544, 2972 + 1644 + 1638
    working = 8028 + 8133 + 8340 + 8638 + 8110 + 7978 + 6610 + 5966 + 5348 + 4204  # 15-19 ... 60-64
    assert young + working + old == 99787
    assert got == {
        "rasio_jenis_kelamin_dukcapil_smt1": 48939 / 50848 * 100,
        "rata_rata_jiwa_per_kk_dukcapil_smt1": 99787 / 31017,
        "rasio_ketergantungan_dukcapil_smt1": (young + old) / working * 100,
        "persen_umur_0_14_dukcapil_smt1": young / 99787 * 100,
        "persen_umur_65plus_dukcapil_smt1": old / 99787 * 100,
    }
    assert round(got["rasio_jenis_kelamin_dukcapil_smt1"], 2) == 96.25
    assert round(got["rasio_ketergantungan_dukcapil_smt1"], 2) == 39.85
    # derived figures keep the source of their inputs and never combine two series
    assert set(tiny.execute("select distinct source_id from facts_all where derived and kode like '1275%' "
                            "and indicator like '%_smt1'").fetchall()) == {("S16",)}  # fmt: skip


def test_city_ratios_come_from_the_city_rows(full: duckdb.DuckDBPyConnection) -> None:
    got = dict(full.execute(
        "select indicator, nilai from facts_all where kode = '1275' and indicator like 'ras%_smt1'"
    ).fetchall())  # fmt: skip
    assert got["rasio_jenis_kelamin_dukcapil_smt1"] == 1261403 / 1278426 * 100  # S16 city row, Medan


def test_kecamatan_of_each_city_add_up_to_the_city_row(full: duckdb.DuckDBPyConnection) -> None:
    got = sql.run(full, "quality_kecamatan_sum")
    smt1 = got[got.indicator.str.endswith("_dukcapil_smt1")]
    assert len(smt1) == 5 * 22 and smt1.cocok.all()


def test_p0_of_sumut_overlaps_s02_in_2021_without_a_second_value(full: duckdb.DuckDBPyConnection) -> None:
    obs = full.execute(
        "select source_id, nilai from observations where indicator = 'p0' and kode = '1275' and tahun = 2021 "
        "order by source_id"
    ).fetchall()
    assert obs == [("S02", 8.34), ("S18", 8.34)]  # identical values, both kept
    # the lower rank wins the fact: the national 2021 table (S02, rank 30) over S18 (rank 40), so a
    # 2021 comparison of all kota cites one table; the values are the same
    assert full.execute(
        "select list(source_id order by tahun) from facts where indicator = 'p0' and kode = '1275'"
    ).fetchone() == (["S18", "S18", "S02", "S18", "S18"],)
    assert sql.run(full, "quality_two_sources").query("indicator == 'p0'").empty


def test_semester_i_and_ii_and_adhb_and_adhk_stay_separate(full: duckdb.DuckDBPyConnection) -> None:
    rows = sql.run(full, "indicator_series", kodes=["1275"],
                   indicators=["penduduk_dukcapil", "penduduk_dukcapil_smt1"])  # fmt: skip
    assert [(r.indicator, r.tahun, r.nilai, r.source_id) for r in rows.itertuples()] == [
        ("penduduk_dukcapil", 2024, 2546452.0, "S07"),
        ("penduduk_dukcapil_smt1", 2024, 2539829.0, "S16"),
    ]
    trend = sql.run(full, "trend_series", indicator="pdrb_per_kapita_adhb", kodes=["1275"])
    assert trend.groupby("indicator").tahun.agg(["min", "max"]).to_dict("index") == {
        "pdrb_per_kapita_adhb": {"min": 2025, "max": 2025},
        "pdrb_per_kapita_adhk_2010": {"min": 2010, "max": 2017},
    }


def test_headline_pdrb_per_capita_2025_with_its_rank_among_98_kota(full: duckdb.DuckDBPyConnection) -> None:
    # the PDRB per capita card prefers the 2025 current-price series (S17); the older series of the
    # same slot are only shown for a region without it (never spliced: one series per card)
    assert any(slot[0] == "pdrb_per_kapita_adhb" for slot in config.HEADLINE_SLOTS)
    got = sql.run(full, "headline_figures", kode="1275", indicators=["pdrb_per_kapita_adhb"])
    r = got.iloc[0]
    assert (r.indicator, r.tahun, r.nilai, r.source_id) == ("pdrb_per_kapita_adhb", 2025, 141412.3, "S17")
    ranks = full.execute(
        "select rank_level, n_level from summary_ranks "
        "where indicator = 'pdrb_per_kapita_adhb' and kode = '1275'"
    ).fetchone()
    higher = full.execute(
        "select count(*) from facts f join regions r using (kode) where f.indicator = 'pdrb_per_kapita_adhb' "
        "and r.level = 'kota' and f.nilai > 141412.3"
    ).fetchone()
    assert ranks == (higher[0] + 1, 98) == (18, 98)


def test_age_structure_exact_rows(tiny: duckdb.DuckDBPyConnection, full: duckdb.DuckDBPyConnection) -> None:
    got = sql.run(tiny, "age_structure", kode="1275010")
    assert len(got) == 16 and set(got.source_id) == {"S16"} and set(got.tahun) == {2024}
    first = [(r.umur_bawah, r.umur_atas, r.nilai) for r in got.iloc[:2].itertuples()]
    assert first == [(0, 4, 5406.0), (5, 9, 8228.0)]
    last = got.iloc[-1]
    assert (last.umur_bawah, pd.isna(last.umur_atas), last.nilai) == (75, True, 1638.0)
    assert got.persen.sum() == pytest.approx(100)
    assert got.persen.iloc[0] == 5406 / 99787 * 100
    # the city has two series: BPS 2025 (S11) first, then Dukcapil Semester I 2024 (S16)
    city = sql.run(full, "age_structure", kode="1275")
    assert city.groupby(["tahun", "source_id"], sort=False).size().to_dict() == {
        (2025, "S11"): 16,
        (2024, "S16"): 16,
    }
    series = demografi.age_series(city, "id")
    assert [(s.source_id, s.tahun, s.name) for s in series] == [
        ("S11", 2025, "BPS"), ("S16", 2024, "Registrasi Dukcapil, Semester I")]  # fmt: skip
    partial = city.iloc[:-1]  # the Dukcapil series without its 75+ group is not drawn
    assert [s.source_id for s in demografi.age_series(partial, "id")] == ["S11"]
    assert sql.run(tiny, "age_structure", kode="1103").empty


def test_age_structure_chart_has_one_bar_per_group_and_no_sex_split(tiny: duckdb.DuckDBPyConnection) -> None:
    rows = sql.run(tiny, "age_structure", kode="1275010")
    title, subtitle = demografi.age_titles(demografi.age_series(rows, "id")[0], "Medan Tuntungan", "id")
    assert title == "Struktur umur penduduk Medan Tuntungan"
    spec = demografi.age_structure_spec(rows, "id")
    data = spec["data"]["values"]
    assert [d["umur"] for d in data[:2]] == ["0–4", "5–9"] and data[-1]["umur"] == "75+"
    assert [d["nilai"] for d in data] == rows.sort_values("umur_bawah").nilai.tolist()
    assert data[0]["teks"] == "5.406 jiwa" and data[0]["persen"] == "5,4 %"
    bars = spec["layer"][0]["encoding"]
    assert bars["y"]["sort"][0] == "75+" and bars["y"]["sort"][-1] == "0–4"  # youngest at the bottom
    assert "color" not in bars  # one series, both sexes together: no split by sex
    assert spec["config"]["locale"]["number"]["thousands"] == "."
    assert subtitle == (
        "Registrasi Dukcapil, Semester I 2024<br>laki-laki dan perempuan digabung"
        "<br>label: persen dari jumlah"
    )
    en = demografi.age_structure_spec(rows, "en")["data"]["values"]
    assert en[0]["teks"] == "5,406 people"


def test_quality_series_pairs_exact_rows(tiny: duckdb.DuckDBPyConnection) -> None:
    got = sql.run(
        tiny, "quality_series_pairs", first="penduduk_dukcapil_smt1", second="penduduk_dukcapil", kode="1671"
    )
    cols = ["kode", "tahun_1", "nilai_1", "sumber_1", "tahun_2", "nilai_2", "sumber_2", "selisih"]
    assert [tuple(r) for r in got[cols].itertuples(index=False)] == [
        ("1671", 2024, 1781672.0, "S16", 2024, 1801367.0, "S07", 19695.0),  # Sem I -> Sem II: +1,11 %
        ("1671010", 2024, 69656.0, "S16", 2024, 69871.0, "S13", 215.0),
        ("1671011", 2024, 82117.0, "S16", 2024, 83882.0, "S13", 1765.0),
        ("1671020", 2024, 94912.0, "S16", 2024, 96058.0, "S13", 1146.0),
    ]
    assert round(got.selisih_persen.iloc[0], 2) == 1.11
    bps = sql.run(
        tiny, "quality_series_pairs", first="penduduk_bps", second="penduduk_dukcapil_smt1", kode="1275"
    )
    assert [tuple(r) for r in bps[cols].itertuples(index=False)] == [
        ("1275", 2025, 2510147.0, "S11", 2024, 2539829.0, "S16", 29682.0)]  # fmt: skip
    table = demografi.pairs_table(bps, {"penduduk_bps": "Penduduk (BPS)"}, "id")
    assert table.iloc[0].tolist() == [
        "Kota Medan", "Penduduk (BPS) 2025: 2.510.147 (S11)",
        "penduduk_dukcapil_smt1 2024: 2.539.829 (S16)", "29.682", "1,18 %"]  # fmt: skip


@pytest.mark.parametrize("kota", list(SEEDS))
def test_kecamatan_map_defaults_to_the_2024_registry(full: duckdb.DuckDBPyConnection, kota: str) -> None:
    catalog = sql.run(full, "map_kecamatan_indicators", kota=kota)
    names = maps.indicator_names(catalog, "id")
    assert next(iter(names)) == "penduduk_dukcapil_smt1"
    assert catalog[catalog.indicator == "penduduk_dukcapil_smt1"].tahun.tolist() == [2024]


@pytest.mark.parametrize("kode", list(SEEDS))
def test_peta_opens_on_2024_and_2010_is_one_click_away(app: AppFactory, kode: str) -> None:
    at = app(page="pages/peta.py", kota=SEEDS[kode])
    assert at.selectbox(key="peta_indikator").value == "penduduk_dukcapil_smt1"
    assert at.selectbox(key="peta_tahun").value == 2024
    captions = [c.value for c in at.caption]
    assert any(
        c.startswith("Seri: Jumlah penduduk terdaftar (Dukcapil Semester I 2024) (2024)")
        and "Ditjen Dukcapil Kemendagri" in c
        and "batas kecamatan Kemendagri 2025" in c
        for c in captions
    ), captions
    at.button(key="peta_ke_2010").click().run()
    assert not at.exception
    assert at.selectbox(key="peta_indikator").value == "penduduk_sp2010_olah_cepat"
    assert at.selectbox(key="peta_tahun").value == 2010
    at.button(key="peta_ke_terbaru").click().run()
    assert at.selectbox(key="peta_indikator").value == "penduduk_dukcapil_smt1"


def test_peta_profile_shows_the_age_structure_with_its_source(app: AppFactory) -> None:
    at = app(page="pages/peta.py", kota="Kota Medan")
    at.selectbox(key="peta_kecamatan").set_value("1275010").run()
    assert not at.exception
    ages = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert any(a["layer"][0]["mark"]["type"] == "geoshape" for a in ages)  # the map
    # the age structure: 16 groups, drawn light (Vega-Lite) — Streamlit moves its rows to Arrow
    assert any(a.get("layer", [{}])[0].get("encoding", {}).get("y", {}).get("field") == "umur" for a in ages)
    captions = [c.value for c in at.caption]
    assert any("tanpa rincian jenis kelamin" in c for c in captions)
    assert "Sumber: Ditjen Dukcapil Kemendagri, registrasi Semester I 2024" in captions


@pytest.mark.parametrize(
    ("indicator", "other", "label"),
    [
        ("pdrb_per_kapita_adhb", "pdrb_per_kapita_adhk_2010", "Kota Medan · PDRB per kapita (ADHB)"),
        ("penduduk_dukcapil_smt1", "penduduk_dukcapil", "Kota Medan · Penduduk terdaftar (Dukcapil Smt I)"),
    ],
)
def test_tren_draws_two_series_of_one_concept_as_separate_lines(
    full: duckdb.DuckDBPyConnection, indicator: str, other: str, label: str
) -> None:
    rows = sql.run(full, "trend_series", indicator=indicator, kodes=["1275"])
    grid = trends.frame(rows, indicator, "id")
    lines = grid.groupby("label").indicator.unique().map(list).to_dict()
    assert lines[label] == [indicator]  # its own line, first (the chosen series)
    assert any(v == [other] for v in lines.values())  # the other series: another line
    assert all(len(v) == 1 for v in lines.values())  # no line mixes two series
    fig = charts.trend_figure(
        grid.assign(y=grid.nilai), "1275", charts.TrendSpec("t", "", "", "jiwa", 0), "id"
    )
    names = [t.name for t in fig.data if t.name]
    assert label in names and len(names) == len(lines)
