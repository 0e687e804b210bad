"""The path of a file into the warehouse: each of the five formats imports into a copy of the tiny
warehouse and its figures then appear through the dashboard's own queries; exact rows of every
import query; revisions, batches, matching and number conventions."""

from __future__ import annotations

import hashlib
import math
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dalamangka import fmt, sql, warehouse
from dalamangka.auth import Session
from dalamangka.importer import ImportFailed, Options, SourceGiven, commit, prepare, read_only, template
from dalamangka.importer.match import compact
from dalamangka.importer.replay import replay
from dalamangka.importer.validate import convention, to_number
from dalamangka.importer.view import revision_note
from dalamangka.importer.webapi import decode_key

FIXTURES = Path(__file__).resolve().parent / "data" / "imports"
TPL = FIXTURES / "templat_tpt_pangkalpinang.csv"
WALIDATA = Session(user="ani", role="walidata", opd=None, indicators=None)
SOURCE = SourceGiven(publisher="BPS", publication="Tabel uji impor", table="-")


def rows(frame: pd.DataFrame, columns: list[str] | None = None) -> list[tuple[object, ...]]:
    frame = frame if columns is None else frame[columns]
    out = []
    for rec in frame.itertuples(index=False):
        out.append(tuple(None if v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v for v in rec))
    return out


@pytest.fixture
def wh(tiny_warehouse: Path, tmp_path: Path) -> Path:
    """A copy of the tiny warehouse (the session fixture file is never touched)."""
    target = tmp_path / "warehouse.duckdb"
    shutil.copyfile(tiny_warehouse, target)
    return target


def prepare_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def series(path: Path, kodes: list[str], indicators: list[str]) -> list[tuple[object, ...]]:
    with read_only(path) as con:
        return rows(sql.run(con, "indicator_series", kodes=kodes, indicators=indicators))


def headline(path: Path, kode: str, indicators: list[str]) -> list[tuple[object, ...]]:
    with read_only(path) as con:
        return rows(sql.run(con, "headline_figures", kode=kode, indicators=indicators))


# --- the five formats ---------------------------------------------------------------------------


def test_bps_dynamic_xlsx_tpt_five_cities(wh: Path) -> None:
    plan = prepare(FIXTURES / "bps_dinamis_tpt_5kota.xlsx", wh, Options(indikator="tpt"))
    assert plan.format == "bps_xlsx"
    # 2018-2020 are new; 2021 (S02) and 2022-2024 (S03) are already stored with the same values
    assert plan.counts == {"baru": 15, "berubah": 0, "sama": 18, "kosong": 2}
    assert rows(plan.missing, ["kode", "tahun", "symbol", "meaning"]) == [
        ("1671", 2024, "-", "nihil"),
        ("2172", 2024, "-", "nihil"),
    ]
    assert plan.notes["source_url"].startswith("https://www.bps.go.id/")
    batch = commit(plan, WALIDATA, SOURCE, wh)
    assert batch == 1
    got = series(wh, ["1275"], ["tpt"])
    assert got[:4] == [
        ("tpt", "1275", "Kota Medan", 2018, 8.25, "tidak_diketahui", "I0001", False),
        ("tpt", "1275", "Kota Medan", 2019, 8.53, "tidak_diketahui", "I0001", False),
        ("tpt", "1275", "Kota Medan", 2020, 10.74, "tidak_diketahui", "I0001", False),
        (
            "tpt",
            "1275",
            "Kota Medan",
            2021,
            10.81,
            "tidak_diketahui",
            "S02",
            False,
        ),  # unchanged keeps its source
    ]
    assert len(got) == 7


def test_bps_csv_tpak_2023(wh: Path) -> None:
    plan = prepare(FIXTURES / "bps_tpak_2023_5kota.csv", wh, Options(indikator="tpak"))
    assert plan.format == "bps_csv"
    assert plan.counts == {"baru": 5, "berubah": 0, "sama": 0, "kosong": 5}  # "-" of the 5 province rows
    commit(plan, WALIDATA, SOURCE, wh)
    # the headline card of Kota Pekalongan now has a TPAK figure, ranked among the five cities
    assert headline(wh, "3375", ["tpak"]) == [
        ("tpak", 2023, 73.95, "tidak_diketahui", "I0001", False, None, None, 1, 5, 6, 1, 1)
    ]


def test_dalam_angka_xlsx_palembang_kecamatan(wh: Path) -> None:
    options = Options(columns={"B": "penduduk_dukcapil", "C": "kepadatan_penduduk_dukcapil"}, kota="1671")
    plan = prepare(FIXTURES / "dalam_angka_palembang_penduduk_2024.xlsx", wh, options)
    assert plan.format == "dalam_angka_xlsx"
    assert plan.title == "Jumlah Penduduk dan Kepadatan Penduduk Menurut Kecamatan di Kota Palembang, 2024"
    assert plan.notes["sumber"].startswith("BPS Kota Palembang")
    # 18 kecamatan x 2 columns + the city total; 3 kecamatan and the total are already stored
    assert plan.counts == {"baru": 33, "berubah": 0, "sama": 4, "kosong": 1}
    # "Ilir Barat II" in the book is "Ilir Barat Dua" in the region list: matched, not guessed
    first = plan.figures.iloc[0]
    assert (first.kode, first.nama, first.nilai, first.change) == (
        "1671010",
        "Ilir Barat Dua",
        69871.0,
        "sama",
    )
    assert rows(plan.missing, ["kode", "indicator", "symbol", "meaning"]) == [
        ("1671", "kepadatan_penduduk_dukcapil", "...", "tidak tersedia")
    ]
    commit(plan, WALIDATA, SOURCE, wh)
    got = series(wh, ["1671022"], ["penduduk_dukcapil", "kepadatan_penduduk_dukcapil"])
    assert got == [
        (
            "kepadatan_penduduk_dukcapil",
            "1671022",
            "Jakabaring",
            2024,
            8070.0,
            "tidak_diketahui",
            "I0001",
            False,
        ),
        ("penduduk_dukcapil", "1671022", "Jakabaring", 2024, 94583.0, "tidak_diketahui", "I0001", False),
    ]


def test_webapi_json_saved_response(wh: Path) -> None:
    options = Options(indikator="penduduk_laki_laki_sp2010_olah_cepat", kota="1971")
    plan = prepare(FIXTURES / "webapi_1971_penduduk_laki_sp2010.json", wh, options)
    assert plan.format == "webapi_json"
    assert rows(plan.figures, ["kode", "nama", "tahun", "nilai", "change"]) == [
        ("1971010", "Rangkui", 2010, 20388.0, "baru"),
        ("1971020", "Bukit Intan", 2010, 21955.0, "baru"),
        ("1971030", "Pangkal Balam", 2010, 21132.0, "baru"),
        ("1971040", "Taman Sari", 2010, 6717.0, "baru"),
        ("1971041", "Gerunggang", 2010, 19286.0, "baru"),
    ]
    commit(plan, WALIDATA, SOURCE, wh)
    assert series(wh, ["1971041"], ["penduduk_laki_laki_sp2010_olah_cepat"]) == [
        (
            "penduduk_laki_laki_sp2010_olah_cepat",
            "1971041",
            "Gerunggang",
            2010,
            19286.0,
            "tidak_diketahui",
            "I0001",
            False,
        )
    ]


def test_template_csv_with_decimal_commas(wh: Path) -> None:
    plan = prepare(FIXTURES / "templat_tpt_pangkalpinang.csv", wh)
    assert plan.format == "template"
    assert plan.counts == {"baru": 3, "berubah": 0, "sama": 4, "kosong": 0}
    commit(plan, WALIDATA, SOURCE, wh)
    assert headline(wh, "1971", ["tpt"]) == [
        ("tpt", 2024, 5.98, "tidak_diketahui", "S03", False, 2023, 5.76, 3, 5, 6, 1, 1)
    ]
    assert [r[3:5] for r in series(wh, ["1971"], ["tpt"])] == [
        (2018, 4.7),
        (2019, 5.01),
        (2020, 6.93),
        (2021, 6.81),
        (2022, 5.9),
        (2023, 5.76),
        (2024, 5.98),
    ]


def test_template_xlsx_is_read_too(wh: Path, tmp_path: Path) -> None:
    frame = pd.read_csv(FIXTURES / "templat_tpt_pangkalpinang.csv", dtype=str)
    path = tmp_path / "templat.xlsx"
    frame.to_excel(path, index=False)
    plan = prepare(path, wh)
    assert plan.format == "template" and plan.counts["baru"] == 3


# --- revisions and batches (full warehouse: a real disagreement between two BPS tables) --------


def test_revision_keeps_history(full_warehouse: Path, tmp_path: Path) -> None:
    """S03 gives TPT 2021 of Kab. Labuhan Batu Utara as 5,71, S02 as 5,74 (both BPS)."""
    wh = tmp_path / "full.duckdb"
    shutil.copyfile(full_warehouse, wh)
    plan = prepare(FIXTURES / "templat_revisi_tpt_labuhanbatuutara.csv", wh)
    assert rows(plan.part("berubah"), ["kode", "tahun", "old_nilai", "nilai", "old_source_id"]) == [
        ("1223", 2021, 5.71, 5.74, "S03")
    ]
    batch = commit(plan, WALIDATA, SOURCE, wh)
    with read_only(wh) as con:
        got = rows(sql.run(con, "fact_revisions_latest", kode="1223", indicators=["tpt"]))
        assert len(got) == 1
        assert got[0][:9] == ("tpt", "1223", 2021, 0, 5.71, "tidak_diketahui", "S03", 5.74, batch)
        assert isinstance(got[0][9], pd.Timestamp)
        obs = con.execute(
            "select count(*) from observations where kode = '1223' and tahun = 2021 and indicator = 'tpt'"
        ).fetchone()
        assert obs == (3,)  # S02, S03 and the batch: every figure stays
    when = got[0][9].to_pydatetime()
    assert revision_note(5.71, when, "persen", 2) == f"direvisi dari 5,71 % pada {fmt.date(when.date())}"
    assert revision_note(5.71, when, "persen", 2, "en").startswith("revised from 5.71% on ")


def test_fact_revisions_latest_takes_the_newest(wh: Path) -> None:
    plan = prepare(FIXTURES / "templat_tpt_pangkalpinang.csv", wh, Options(status="sementara"))
    commit(plan, WALIDATA, SOURCE, wh)
    plan = prepare(FIXTURES / "templat_tpt_pangkalpinang.csv", wh, Options(status="tetap"))
    assert plan.counts["berubah"] == 7  # the status changes
    commit(plan, WALIDATA, SOURCE, wh)
    with read_only(wh) as con:
        got = sql.run(con, "fact_revisions_latest", kode="1971", indicators=["tpt"])
    assert rows(got, ["tahun", "old_nilai", "old_status", "old_source_id", "new_nilai", "batch_id"]) == [
        (2018, 4.7, "sementara", "I0001", 4.7, 2),
        (2019, 5.01, "sementara", "I0001", 5.01, 2),
        (2020, 6.93, "sementara", "I0001", 6.93, 2),
        (2021, 6.81, "sementara", "I0001", 6.81, 2),
        (2022, 5.9, "sementara", "I0001", 5.9, 2),
        (2023, 5.76, "sementara", "I0001", 5.76, 2),
        (2024, 5.98, "sementara", "I0001", 5.98, 2),
    ]


def test_import_batches_logs_who_what_when(wh: Path) -> None:
    plan = prepare(FIXTURES / "templat_tpt_pangkalpinang.csv", wh)
    commit(plan, Session("budi", "produsen", "disnaker", frozenset({"tpt"})), SOURCE, wh)
    with read_only(wh) as con:
        got = sql.run(con, "import_batches")
        source = sql.run(con, "source_catalog")
    assert rows(got.drop(columns=["imported_at"])) == [
        (
            1,
            "budi",
            "produsen",
            "disnaker",
            "templat_tpt_pangkalpinang.csv",
            plan.sha256,
            "template",
            3,
            0,
            4,
            0,
            "I0001",
            "BPS, Tabel uji impor, -",
        )
    ]
    rec = source[source.source_id == "I0001"].iloc[0]
    assert (rec.publisher, rec.publication, rec["rank"]) == ("BPS", "Tabel uji impor", 1)


# --- exact rows of the import queries -----------------------------------------------------------


def test_import_template_regions(tiny: duckdb.DuckDBPyConnection) -> None:
    assert rows(sql.run(tiny, "import_template_regions", kode="1971")) == [
        ("1971", "Kota Pangkal Pinang", "kota"),
        ("1971010", "Rangkui", "kecamatan"),
        ("1971020", "Bukit Intan", "kecamatan"),
        ("1971021", "Girimaya", "kecamatan"),
        ("1971030", "Pangkal Balam", "kecamatan"),
        ("1971031", "Gabek", "kecamatan"),
        ("1971040", "Taman Sari", "kecamatan"),
        ("1971041", "Gerunggang", "kecamatan"),
    ]


def test_import_regions_and_indicators(tiny: duckdb.DuckDBPyConnection) -> None:
    regions = sql.run(tiny, "import_regions")
    assert rows(regions.head(3)) == [
        ("00", "Indonesia", "INDONESIA", "nasional", None, None, True),
        ("11", "Aceh", "ACEH", "provinsi", "00", "11", True),
        ("1103", "Kabupaten Aceh Selatan", "KABUPATEN ACEH SELATAN", "kabupaten", "11", "11", True),
    ]
    indicators = sql.run(tiny, "import_indicators").set_index("code")
    assert tuple(indicators.loc["tpt"]) == (
        "Tingkat pengangguran terbuka (TPT)",
        indicators.loc["tpt"].name_en,
        "TPT",
        "persen",
        "percent",
        "BPS",
    )


def test_import_existing_facts_and_next_batch(tiny: duckdb.DuckDBPyConnection) -> None:
    got = sql.run(tiny, "import_existing_facts", indicators=["tpt"], kodes=["1971"])
    assert rows(got) == [
        ("tpt", "1971", 2021, 0, 6.81, "tidak_diketahui", "S02"),
        ("tpt", "1971", 2022, 0, 5.9, "tidak_diketahui", "S03"),
        ("tpt", "1971", 2023, 0, 5.76, "tidak_diketahui", "S03"),
        ("tpt", "1971", 2024, 0, 5.98, "tidak_diketahui", "S03"),
    ]
    assert rows(sql.run(tiny, "import_next_batch")) == [(1,)]
    assert sql.run(tiny, "import_batches").empty


def test_write_statements_leave_exact_rows(wh: Path) -> None:
    """import_insert_source, _batch, _indicators, _revisions, _observations, _missing,
    import_upsert_facts and import_batch_check, run by hand on one staged figure."""
    con = duckdb.connect(str(wh))
    at = pd.Timestamp("2026-01-02 03:04:05")
    sql.execute(
        con,
        "import_insert_source",
        source_id="I0001",
        publisher="BPS",
        publication="P",
        table_name=None,
        licence="L",
        caveats=None,
        status="tetap",
        cite_id="c",
        cite_en="c",
    )
    sql.execute(
        con,
        "import_insert_batch",
        batch_id=1,
        source_id="I0001",
        user_name="ani",
        role="walidata",
        opd=None,
        imported_at=at,
        file_name="f.csv",
        sha256="0" * 64,
        format="template",
        rows_added=0,
        rows_changed=1,
        rows_unchanged=0,
        rows_missing=1,
        source_given="BPS, P",
    )
    con.register(
        "stage_import_indicators",
        pd.DataFrame(
            columns=[
                "code",
                "name_id",
                "name_en",
                "short_id",
                "short_en",
                "unit_id",
                "unit_en",
                "decimals",
                "higher_is_better",
                "chapter",
                "concept",
                "additive",
                "update_years",
                "producer",
                "definition_id",
                "definition_en",
            ]
        ),
    )
    sql.execute(con, "import_insert_indicators")
    stage = pd.DataFrame(
        [
            {
                "indicator": "tpt",
                "raw_indikator": "tpt",
                "kode": "1971",
                "tahun": 2024,
                "periode": 0,
                "nilai": 5.98,
                "status": "tetap",
                "satuan": "persen",
            }
        ]
    )
    con.register("stage_import", stage)
    con.register(
        "stage_import_missing",
        pd.DataFrame(
            [
                {
                    "indicator": "tpt",
                    "kode": "2172",
                    "tahun": 2024,
                    "periode": 0,
                    "symbol": "-",
                    "meaning": "nihil",
                }
            ]
        ),
    )
    sql.execute(con, "import_insert_revisions", batch_id=1, revised_at=at)
    sql.execute(con, "import_insert_observations", file="f.csv", source_id="I0001")
    sql.execute(con, "import_insert_missing", batch_id=1)
    sql.execute(con, "import_upsert_facts", source_id="I0001")
    assert rows(sql.run(con, "import_batch_check", batch_id=1, source_id="I0001")) == [(1, 1, 1)]
    assert con.execute("select * from fact_revisions").fetchall() == [
        ("tpt", "1971", 2024, 0, 5.98, "tidak_diketahui", "S03", 5.98, "tetap", 1, at.to_pydatetime())
    ]
    assert con.execute("select * from import_missing").fetchall() == [
        (1, "tpt", "2172", 2024, 0, "-", "nihil")
    ]
    assert con.execute(
        "select * from facts where indicator = 'tpt' and kode = '1971' and tahun = 2024"
    ).fetchall() == [("tpt", "1971", 2024, 0, 5.98, "tetap", "I0001")]
    con.close()


# --- matching, numbers, WebAPI keys, template -------------------------------------------------


def test_names_normalise_spacing_numerals_and_abbreviations() -> None:
    assert compact("Kota Pangkalpinang") == compact("KOTA PANGKAL PINANG")
    assert compact("Ilir Barat II") == compact("Ilir Barat Dua") == compact("Ilir Barat 2")
    assert compact("Kep. Bangka Belitung") == compact("Kepulauan Bangka Belitung")
    assert compact("Kota Pekalongan") != compact("Pekalongan")  # the kota is not the kabupaten


def test_number_convention_is_decided_per_file() -> None:
    assert convention([(2, "1.801.367"), (3, "8,13")]) == ("id", None)
    assert convention([(2, "1,801,367"), (3, "8.13")]) == ("en", None)
    assert convention([(2, "1.234")]) == (None, None)  # ambiguous alone: the user must say
    conv, problem = convention([(2, "8,13"), (5, "8.13")])
    assert conv is None and problem is not None and problem.code == "mixed_separators"
    assert to_number("1.234,56", "id") == 1234.56 and to_number("1,234.56", "en") == 1234.56
    assert to_number("1.234", "id") == 1234.0 and to_number("1.234", "en") == 1.234


def test_webapi_keys_are_split_by_known_values() -> None:
    parts = [["7315", "73"], ["31"], ["0"], ["99", "100"], ["0"]]
    assert decode_key("7315310990", parts) == [("7315", "31", "0", "99", "0")]
    assert decode_key("73153101000", parts) == [("7315", "31", "0", "100", "0")]
    assert decode_key("999", parts) == []


def test_template_download_is_prefilled(tiny: duckdb.DuckDBPyConnection, wh: Path, tmp_path: Path) -> None:
    data = template.make_template(sql.run(tiny, "import_template_regions", kode="3375"), "tpt", "persen")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "kode_wilayah,nama_wilayah,indikator,tahun,nilai,satuan,status,sumber"
    assert lines[1] == "3375,Kota Pekalongan,tpt,,,persen,,"
    # an untouched template has nothing to import: a clear message, not an empty batch
    path = tmp_path / "kosong.csv"
    path.write_bytes(data)
    with pytest.raises(ImportFailed) as e:
        prepare(path, wh)
    assert "bukan angka" not in str(e.value)
    assert "Tahun '' tidak sah" in str(e.value) or "Tidak ada baris data" in str(e.value)


def test_imported_figures_reach_the_map_and_trend_queries(wh: Path) -> None:
    options = Options(columns={"B": "penduduk_dukcapil", "C": "kepadatan_penduduk_dukcapil"}, kota="1671")
    commit(prepare(FIXTURES / "dalam_angka_palembang_penduduk_2024.xlsx", wh, options), WALIDATA, SOURCE, wh)
    commit(
        prepare(FIXTURES / "bps_dinamis_tpt_5kota.xlsx", wh, Options(indikator="tpt")), WALIDATA, SOURCE, wh
    )
    with read_only(wh) as con:
        values = sql.run(con, "map_kecamatan_values", kota="1671", indicator="penduduk_dukcapil", tahun=2024)
        trend = sql.run(con, "trend_series", indicator="tpt", kodes=["3375"])
    by_kode = values.set_index("kode")
    assert by_kode.loc["1671022", "nilai"] == 94583.0  # Jakabaring, imported
    assert by_kode.loc["1671010", "nilai"] == 69871.0  # Ilir Barat Dua, stored before and unchanged
    assert by_kode.nilai.notna().sum() == 18
    tpt = trend[trend.indicator == "tpt"]
    assert tpt.tahun.tolist() == [2018, 2019, 2020, 2021, 2022, 2023, 2024]
    assert tpt.nilai.tolist() == [6.08, 5.8, 7.02, 6.89, 4.98, 5.02, 4.91]


def test_journal_brings_batches_back_after_a_rebuild(wh: Path, tmp_path: Path) -> None:
    """A rebuild from data/ knows nothing of imports; the journal beside the warehouse replays
    them: same facts, same revisions, same batch log."""
    options = Options(columns={"B": "penduduk_dukcapil", "C": "kepadatan_penduduk_dukcapil"}, kota="1671")
    commit(prepare(FIXTURES / "dalam_angka_palembang_penduduk_2024.xlsx", wh, options), WALIDATA, SOURCE, wh)
    budi = Session("budi", "produsen", "disnaker", frozenset({"tpt"}))
    commit(
        prepare(FIXTURES / "templat_tpt_pangkalpinang.csv", wh, Options(status="sementara")), budi, SOURCE, wh
    )
    commit(
        prepare(FIXTURES / "templat_tpt_pangkalpinang.csv", wh, Options(status="tetap")), WALIDATA, SOURCE, wh
    )
    assert sorted(p.name for p in (wh.parent / "imports").iterdir())[::2] == [
        "0001_" + prepare_sha(FIXTURES / "dalam_angka_palembang_penduduk_2024.xlsx") + ".csv",
        "0002_" + prepare_sha(TPL) + ".csv",
        "0003_" + prepare_sha(TPL) + ".csv",
    ]

    def state(path: Path) -> tuple[object, ...]:
        with read_only(path) as con:
            return tuple(
                con.execute(q).fetchall()
                for q in (
                    "select * from facts order by all",
                    "select * from fact_revisions order by all",
                    "select * from import_batches order by all",
                    "select * from import_missing order by all",
                    "select * from sources order by all",
                )
            )

    before = state(wh)
    warehouse.build(wh, data_dir=Path(__file__).resolve().parent / "data")
    assert state(wh) != before
    assert replay(wh, WALIDATA) == [1, 2, 3]
    assert state(wh) == before


def test_an_import_recomputes_the_derived_figures_it_feeds(wh: Path, tmp_path: Path) -> None:
    """Derived figures are stored once per data change (queries/refresh/00_facts_derived.sql), so an
    import must recompute them in its own commit: a density never outlives its inputs."""

    def density(kode: str) -> list[tuple[object, ...]]:
        with read_only(wh) as con:
            return rows(
                con.execute(
                    "select tahun, nilai, source_id, derived from facts_all "
                    "where indicator = 'kepadatan_dukcapil_big' and kode = $kode order by tahun",
                    {"kode": kode},
                ).df()
            )

    # the tiny fixture: Dukcapil's 242.285 jiwa over BIG's 104,238 km² (both S07)
    assert density("1971") == [(2024, 242285 / 104.238, "S07", True)]
    head = "kode_wilayah,nama_wilayah,indikator,tahun,nilai,satuan,status,sumber\n"
    # one source for both inputs: a new density from the imported figures
    both = tmp_path / "dukcapil_big_uji.csv"
    both.write_text(
        head + '1971,Kota Pangkal Pinang,penduduk_dukcapil,2024,"250000",jiwa,,uji\n'
        '1971,Kota Pangkal Pinang,luas_wilayah_big,2024,"100,5",km²,,uji\n',
        encoding="utf-8",
    )
    commit(prepare(both, wh), WALIDATA, SOURCE, wh)
    assert density("1971") == [(2024, 250000 / 100.5, "I0001", True)]
    # the population alone from another source: the inputs no longer share one source, so there is
    # no density at all (never two series in one figure), not the old one
    alone = tmp_path / "dukcapil_uji.csv"
    alone.write_text(
        head + '1971,Kota Pangkal Pinang,penduduk_dukcapil,2024,"251000",jiwa,,uji\n', encoding="utf-8"
    )
    commit(prepare(alone, wh), WALIDATA, SOURCE, wh)
    assert density("1971") == []
