"""The quality checks on the shipped data find the real issues in it (data/figures/SOURCES.md),
and their query files return exactly the expected rows."""

from __future__ import annotations

import functools
import math

import duckdb
import pandas as pd
import pytest

from dalamangka import quality, sql

FIVE = ["1275", "1671", "1971", "2172", "3375"]


def rows(frame: pd.DataFrame, columns: list[str] | None = None) -> list[tuple[object, ...]]:
    frame = frame if columns is None else frame[columns]
    out = []
    for rec in frame.itertuples(index=False):
        out.append(tuple(None if v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v for v in rec))
    return out


# ---------------------------------------------------------------- kecamatan sums (S05 SP2010)


def test_quality_kecamatan_sum_five_cities_match_exactly(full: duckdb.DuckDBPyConnection) -> None:
    got = sql.run(full, "quality_kecamatan_sum")
    sp = got[(got.indicator == "penduduk_sp2010_olah_cepat") & got.kode.isin(FIVE)]
    assert rows(
        sp, ["kode", "total_tercetak", "jumlah_kecamatan", "selisih", "jumlah_baris_kecamatan", "cocok"]
    ) == [
        ("1275", 2109339.0, 2109339.0, 0.0, 21, True),
        ("1671", 1452840.0, 1452840.0, 0.0, 16, True),  # Palembang had 16 kecamatan in 2010
        ("1971", 174838.0, 174838.0, 0.0, 5, True),
        ("2172", 187687.0, 187687.0, 0.0, 4, True),
        ("3375", 282137.0, 282137.0, 0.0, 4, True),
    ]


def test_quality_kecamatan_sum_reports_the_three_known_mismatches(full: duckdb.DuckDBPyConnection) -> None:
    got = sql.run(full, "quality_kecamatan_sum")
    failing = got[~got.cocok]
    total = failing[failing.indicator == "penduduk_sp2010_olah_cepat"]
    assert rows(
        total, ["kode", "nama", "total_tercetak", "jumlah_kecamatan", "selisih", "jumlah_baris_kecamatan"]
    ) == [
        ("1218", "Kabupaten Serdang Bedagai", 593803.0, 592922.0, -881.0, 17),
        ("1703", "Kabupaten Bengkulu Utara", 258125.0, 256358.0, -1767.0, 12),
        ("8205", "Kabupaten Halmahera Utara", 165005.0, 161581.0, -3424.0, 17),
    ]
    # the same three kab/kota, for total, male and female; nothing else in any source fails
    assert set(failing.kode) == {"1218", "1703", "8205"}
    assert len(failing) == 9
    sp = got[got.indicator == "penduduk_sp2010_olah_cepat"]
    assert (len(sp), int(sp.cocok.sum())) == (497, 494)  # 494 of 497 kab/kota, as SOURCES.md says


def test_quality_kecamatan_sum_other_sources(full: duckdb.DuckDBPyConnection) -> None:
    got = sql.run(full, "quality_kecamatan_sum")
    other = got[got.indicator.isin(["luas_wilayah_bps", "penduduk_dukcapil"])]
    assert rows(
        other, ["indicator", "tahun", "kode", "total_tercetak", "sumber_total", "sumber_kecamatan", "cocok"]
    ) == [
        ("luas_wilayah_bps", 2015, "1275", 265.10, "S14", "S14", True),
        ("luas_wilayah_bps", 2020, "3375", 45.25, "S15", "S15", True),
        ("penduduk_dukcapil", 2024, "1671", 1801367.0, "S07", "S13", True),  # S13 sums to the S07 total
    ]


def test_quality_kecamatan_sum_tiny(tiny: duckdb.DuckDBPyConnection) -> None:
    # the tiny fixture keeps only 3 of Palembang's kecamatan, so its sums fall short (as they should)
    got = sql.run(tiny, "quality_kecamatan_sum")
    smt1 = got[got.indicator.str.endswith("_dukcapil_smt1")]
    # Dukcapil Semester I 2024: complete cities add up exactly (22 fields each); the fixture's partial
    # Medan (1 kecamatan) and Palembang (3) do not
    assert smt1.groupby("kode").cocok.agg(["all", "size"]).to_dict("index") == {
        "1275": {"all": False, "size": 22}, "1671": {"all": False, "size": 22},
        "1971": {"all": True, "size": 22}, "3375": {"all": True, "size": 22},
    }  # fmt: skip
    assert rows(
        got[~got.indicator.str.endswith("_dukcapil_smt1")],
        ["indicator", "kode", "jumlah_baris_kecamatan", "cocok"],
    ) == [
        ("penduduk_dukcapil", "1671", 3, False),
        ("penduduk_sp2010_olah_cepat", "1671", 3, False),
        ("luas_wilayah_bps", "3375", 4, True),
        ("penduduk_sp2010_olah_cepat", "1971", 5, True),
        ("penduduk_sp2010_olah_cepat", "3375", 4, True),
    ]


# ---------------------------------------------------------------- two sources, BPS vs Dukcapil


def test_quality_two_sources_finds_tpt_labuhan_batu_utara(full: duckdb.DuckDBPyConnection) -> None:
    assert rows(sql.run(full, "quality_two_sources")) == [
        ("tpt", "1223", "Kabupaten Labuhanbatu Utara", 2021, 0, "S02", 5.74, False),
        ("tpt", "1223", "Kabupaten Labuhanbatu Utara", 2021, 0, "S03", 5.71, True),
    ]
    assert sql.run(full, "quality_two_sources").shape[1] == 8


def test_quality_bps_registry_lists_the_five_cities(full: duckdb.DuckDBPyConnection) -> None:
    got = sql.run(full, "quality_bps_registry", bps="penduduk_bps", registry="penduduk_dukcapil")
    assert rows(got.drop(columns=["selisih_persen"])) == [
        ("1275", "Kota Medan", 2025, 2510147.0, "S11", 2024, 2546452.0, "S07", 36305.0),
        ("1671", "Kota Palembang", 2025, 1740559.0, "S11", 2024, 1801367.0, "S07", 60808.0),
        ("1971", "Kota Pangkal Pinang", 2025, 236426.0, "S11", 2024, 242285.0, "S07", 5859.0),
        ("2172", "Kota Tanjung Pinang", 2025, 242421.0, "S11", 2024, 239216.0, "S07", -3205.0),
        ("3375", "Kota Pekalongan", 2025, 327929.0, "S11", 2024, 318221.0, "S07", -9708.0),
    ]
    assert got.selisih_persen.round(4).tolist() == [1.4463, 3.4936, 2.4782, -1.3221, -2.9604]


# ---------------------------------------------------------------- jumps and range


def test_quality_yoy_jumps_rows_for_the_five_cities(full: duckdb.DuckDBPyConnection) -> None:
    got = sql.run(full, "quality_yoy_jumps")
    five = got[got.kode.isin(FIVE)]
    cols = ["indicator", "kode", "tahun_sebelumnya", "nilai_sebelumnya", "tahun", "nilai", "dalam_poin",
            "batas", "sumber_sebelumnya", "source_id"]  # fmt: skip
    # Kota Pekalongan TPAK 2020 -> 2021: +9.32 points, beyond the 8-point threshold (a finding to check)
    assert rows(five, cols) == [("tpak", "3375", 2020, 66.45, 2021, 75.77, True, 8.0, "S03", "S03")]
    assert five.perubahan.round(2).tolist() == [9.32]
    # + 7 pupil counts of Sumatera Selatan kab/kota that moved more than 30 % (S19, as printed)
    assert len(got) == 246
    assert all(abs(r.perubahan) > r.batas for r in got.itertuples())
    assert (got.tahun == got.tahun_sebelumnya + 1).all()


def test_quality_yoy_jumps_tiny(tiny: duckdb.DuckDBPyConnection) -> None:
    assert rows(sql.run(tiny, "quality_yoy_jumps")) == []


def test_quality_out_of_range(full: duckdb.DuckDBPyConnection, tiny: duckdb.DuckDBPyConnection) -> None:
    # every shipped figure lies inside its indicator's range (0 % sanitation in Papua is in range)
    assert rows(sql.run(full, "quality_out_of_range")) == []
    assert rows(sql.run(tiny, "quality_out_of_range")) == []


# ---------------------------------------------------------------- completeness


def test_quality_coverage_exact_rows_for_pekalongan(tiny: duckdb.DuckDBPyConnection) -> None:
    got = sql.run(tiny, "quality_coverage", kode="3375")
    kec = got[got.tingkat == "kecamatan"]
    smt1 = kec[kec.indicator.str.endswith("_dukcapil_smt1")]
    assert (len(smt1), bool(smt1.ada.all())) == (27 * 4, True)  # Dukcapil Semester I 2024: all 4 kecamatan
    kec = kec[~kec.indicator.str.endswith("_dukcapil_smt1")]
    assert rows(kec, ["indicator", "tahun", "kode", "ada"]) == [
        ("luas_wilayah_bps", 2020, "3375010", True),
        ("luas_wilayah_bps", 2020, "3375020", True),
        ("luas_wilayah_bps", 2020, "3375030", True),
        ("luas_wilayah_bps", 2020, "3375040", True),
        # Palembang has Dukcapil kecamatan figures for 2024; Pekalongan does not: missing, not zero
        ("penduduk_dukcapil", 2024, "3375010", False),
        ("penduduk_dukcapil", 2024, "3375020", False),
        ("penduduk_dukcapil", 2024, "3375030", False),
        ("penduduk_dukcapil", 2024, "3375040", False),
        ("penduduk_sp2010_olah_cepat", 2010, "3375010", True),
        ("penduduk_sp2010_olah_cepat", 2010, "3375020", True),
        ("penduduk_sp2010_olah_cepat", 2010, "3375030", True),
        ("penduduk_sp2010_olah_cepat", 2010, "3375040", True),
    ]
    city = got[got.tingkat == "kabupaten/kota"]
    assert len(city) == 65
    assert rows(city[~city.ada], ["indicator", "tahun"]) == [
        ("inflasi_yoy", 2025), ("inflasi_yoy", 2026),
        ("ipm_uhh_lfsp2020", 2023), ("ipm_uhh_lfsp2020", 2024), ("ipm_uhh_lfsp2020", 2025),
        ("jumlah_murid_sd", 2019), ("jumlah_murid_sd", 2020), ("jumlah_murid_smk", 2020),
        ("luas_wilayah_bps", 2015), ("p0", 2019), ("p0", 2020), ("p0", 2022), ("tpt", 2025),
    ]  # fmt: skip


def test_coverage_shows_kecamatan_created_after_sp2010_as_missing(full: duckdb.DuckDBPyConnection) -> None:
    got = sql.run(full, "quality_coverage", kode="1671")
    sp = got[(got.indicator == "penduduk_sp2010_olah_cepat") & (got.tingkat == "kecamatan")]
    assert (len(sp), int(sp.ada.sum())) == (18, 16)
    assert rows(sp[~sp.ada], ["nama", "catatan"]) == [
        ("Jakabaring", "Dibentuk setelah SP2010; tidak ada angka SP2010 untuk kecamatan ini."),
        ("Ilir Timur Tiga", "Dibentuk setelah SP2010; tidak ada angka SP2010 untuk kecamatan ini."),
    ]


def test_coverage_matrix_and_heat_map(tiny: duckdb.DuckDBPyConnection) -> None:
    matrix = quality.coverage_matrix(sql.run(tiny, "quality_coverage", kode="3375"))
    cell = matrix[(matrix.indicator == "penduduk_dukcapil") & (matrix.tingkat == "kecamatan")].iloc[0]
    assert (int(cell.ada), int(cell.dicari), float(cell.bagian)) == (0, 4, 0.0)
    spec = quality.coverage_figure(matrix, {"penduduk_dukcapil": "Penduduk terdaftar"}, "Kelengkapan", "id")
    cells = {(c["baris"], c["tahun"]): c for c in spec["data"]["values"]}
    x = spec["layer"][0]["encoding"]["x"]
    assert x["sort"] == [str(y) for y in sorted(matrix.tahun.unique())]
    cell = cells[("Penduduk terdaftar · kecamatan", "2024")]
    assert cell["bagian"] == 0.0
    assert cell["teks"] == "Penduduk terdaftar · kecamatan, 2024: 0 dari 4 wilayah punya angka"
    assert ("Penduduk terdaftar · kecamatan", "2010") not in cells  # nobody's kecamatan figure: not "missing"
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert len(cells) == len(matrix)  # one cell per (indicator, tier, year) with regions sought
    # every year and every row labelled at its own cell: a flush first label (Streamlit's theme)
    # pushed 2010 over 2011, which was then hidden, and the first row's name off its row
    assert spec["config"]["axis"]["labelFlush"] is False  # vega.config, for every chart's axes
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    assert (scale["domain"], scale["range"]) == ([0, 0.5, 1], list(quality.COVERAGE_COLOURS))


# Colour vision deficiency, simulated (Machado, Oliveira & Fernandes 2009, severity 1, linear RGB)
CVD = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.01182, 0.04294, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.3039),
    ),
}


def _lab(colour: str, vision: str | None) -> tuple[float, float, float]:
    """CIELAB (D65) of a #rrggbb colour as seen with ``vision`` (None: typical)."""
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    if vision:
        lin = [min(1.0, max(0.0, sum(m * c for m, c in zip(row, lin, strict=True)))) for row in CVD[vision]]
    xyz = (
        (0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.95047,
        0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2],
        (0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.08883,
    )
    f = [t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116 for t in xyz]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _apart(a: str, b: str, vision: str | None) -> float:
    return math.dist(_lab(a, vision), _lab(b, vision))


@pytest.mark.parametrize("vision", [None, *CVD])
def test_heat_map_tells_none_from_all_for_colour_blind_viewers(vision: str | None) -> None:
    """A city's cell is either "no figure" or "a figure": the two ends of the heat map's scale stay
    clearly apart (over 40 CIELAB units) in typical vision and under protanopia, deuteranopia and
    tritanopia. The red and green used before were 14 apart under protanopia."""
    none, half, every = quality.COVERAGE_COLOURS
    assert _apart(none, every, vision) > 40
    assert min(_apart(none, half, vision), _apart(half, every, vision)) > 25
    assert _apart("#c0392b", "#1e8449", "protanopia") < 20  # the simulation sees the old defect


# ---------------------------------------------------------------- badges


@pytest.mark.parametrize(
    ("rse", "level"),
    [(None, None), (10.0, "ok"), (25.0, "ok"), (25.1, "caution"), (50.0, "caution"), (50.1, "unreliable")],
)
def test_rse_thresholds(rse: float | None, level: str | None) -> None:
    assert quality.rse_level(rse) == level


def test_badges() -> None:
    got = quality.badges("sementara", 2010, 10, 2026, series_in_concept=5, producer="BPS")
    assert [(b.kind, b.label, b.color) for b in got] == [
        ("status", "angka sementara", "orange"),
        ("stale", "usang", "orange"),
        ("series", "seri berbeda", "blue"),
    ]
    reg = quality.badges(
        "tidak_diketahui", 2024, 1, 2025, 1, "Ditjen Dukcapil Kemendagri", rse=60.0, lang="en"
    )
    assert [(b.kind, b.label) for b in reg] == [
        ("status", "status not stated"),
        ("registry", "Dukcapil registry"),
        ("rse", "RSE > 50%: unreliable"),
    ]
    assert "60.0%" in reg[2].help
    assert quality.badge_text(reg) == "Dukcapil registry · RSE > 50%: unreliable"
    assert quality.badges("tetap", 2025, 1, 2026)[0].label == "angka tetap"
    assert len(quality.badges("revisi", 2024, 1, 2026)) == 2  # two years old, updated yearly: stale


# ---------------------------------------------------------------- the whole report


def test_run_checks_summary_on_shipped_data(full: duckdb.DuckDBPyConnection) -> None:
    report = quality.run_checks(functools.partial(sql.run, full), "1275", "Kota Medan", 2026)
    summary = quality.summary(report)
    assert list(summary.columns) == ["Pemeriksaan", "Semua wilayah", "Kota Medan", "Keterangan"]
    counts = dict(
        zip(
            summary.Pemeriksaan,
            zip(summary["Semua wilayah"], summary["Kota Medan"], strict=True),
            strict=True,
        )
    )
    assert counts["Jumlah kecamatan ≠ total kab/kota"] == ("9", "0")
    assert counts["Dua sumber, nilai berbeda"] == ("1", "0")
    assert counts["Penduduk BPS vs Dukcapil"] == ("5", "1")
    assert counts["Di luar rentang wajar"] == ("0", "0")
    assert "3,49 % (Kota Palembang)" in summary.Keterangan[3]
    assert "BPS 2025, Dukcapil 2024" in summary.Keterangan[3]  # the years differ and are named
    producers = report.producers.set_index("producer")
    assert "BPS" in producers.index and "Ditjen Dukcapil Kemendagri" in producers.index
    assert producers.skor.between(0, 100).all()
    assert producers.loc["BPS", "penjelasan"].startswith("BPS: skor ")


def test_badge_texts_for_tables_and_hovers(full: duckdb.DuckDBPyConnection) -> None:
    catalog = sql.run(full, "catalog_indicators")
    figures = pd.DataFrame(
        {
            "indicator": ["penduduk_dukcapil", "penduduk_sp2010_olah_cepat", "tpt", "gini", "tidak_ada"],
            "tahun": [2024, 2010, 2025, 2025, 2025],
            "status": ["tidak_diketahui", "sementara", "tidak_diketahui", "tidak_diketahui", None],
            "rse": [None, None, 30.0, None, None],
        }
    )
    assert quality.badge_texts(figures, catalog, 2026, "id", rse="rse") == [
        "usang · seri berbeda · registrasi Dukcapil",
        "angka sementara · usang · seri berbeda",
        "RSE 25–50 %: hati-hati",
        "",
        "",
    ]
