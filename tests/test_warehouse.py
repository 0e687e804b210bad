"""The warehouse built from the shipped data: complete, sourced, and built atomically."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

from dalamangka import config, sql, warehouse

ROOT = Path(__file__).resolve().parent.parent
SEED_KECAMATAN = {"1275": 21, "1671": 18, "1971": 7, "3375": 4, "2172": 4}


def one(con: duckdb.DuckDBPyConnection, statement: str) -> object:
    row = con.execute(statement).fetchone()
    assert row is not None
    return row[0]


def test_all_kabkota_provinces_and_seed_kecamatan(full: duckdb.DuckDBPyConnection) -> None:
    levels = dict(
        full.execute("select level, count(*) from regions where is_current group by level").fetchall()
    )
    assert levels["kota"] == 98
    assert levels["kabupaten"] == 416
    assert levels["provinsi"] == 34
    assert levels["nasional"] == 1
    for kota, n in SEED_KECAMATAN.items():
        got = full.execute(
            "select count(*) from regions where parent = ? and level = 'kecamatan' and is_current", [kota]
        ).fetchone()
        assert got == (n,), kota


def test_every_fact_links_to_a_source_region_and_indicator(full: duckdb.DuckDBPyConnection) -> None:
    orphans = one(
        full,
        "select count(*) from facts f left join sources s using (source_id) "
        "left join regions r on r.kode = f.kode left join indicators i on i.code = f.indicator "
        "where s.source_id is null or r.kode is null or i.code is null",
    )
    assert orphans == 0
    # every row of every figure file (S16: 1298, S17: 514 + 514, S18: 165, S19: 738)
    assert one(full, "select count(*) from observations") == 78194 + 1298 + 514 + 514 + 165 + 738


def test_series_stay_separate(full: duckdb.DuckDBPyConnection) -> None:
    """BPS and Dukcapil population, old and revised IPM, quick count and final census differ."""
    got = dict(
        full.execute(
            "select indicator, nilai from facts where kode = '1275' and indicator in "
            "('penduduk_bps', 'penduduk_dukcapil') "
        ).fetchall()
    )
    assert got == {"penduduk_bps": 2510147.0, "penduduk_dukcapil": 2546452.0}
    tpi = dict(
        full.execute(
            "select indicator, nilai from facts where kode = '2172' and tahun = 2020 and indicator in "
            "('ipm', 'ipm_uhh_lfsp2020')"
        ).fetchall()
    )
    assert tpi == {"ipm": 78.91, "ipm_uhh_lfsp2020": 79.96}
    census = full.execute(
        "select indicator, nilai, status from facts where kode = '2172' and tahun = 2010 "
        "and indicator in ('penduduk_sensus', 'penduduk_sp2010_olah_cepat') order by 1"
    ).fetchall()
    assert census == [
        ("penduduk_sensus", 187359.0, "tidak_diketahui"),
        ("penduduk_sp2010_olah_cepat", 187687.0, "sementara"),
    ]


def test_inflation_months_are_periods(full: duckdb.DuckDBPyConnection) -> None:
    got = full.execute(
        "select periode, nilai from facts where indicator = 'inflasi_yoy' and kode = '2172' "
        "and tahun = 2026 order by periode"
    ).fetchall()
    assert [p for p, _ in got] == [1, 2]


def test_fixture_metadata_equals_the_shipped_metadata() -> None:
    for name in ("sources.toml", "indicators.toml"):
        assert (ROOT / "tests" / "data" / name).read_bytes() == (config.DATA_DIR / name).read_bytes(), (
            f"run python tests/make_fixture.py: tests/data/{name} differs from data/{name}"
        )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_failed_build_leaves_the_old_warehouse(tmp_path: Path, tiny_warehouse: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "data", data)
    target = tmp_path / "warehouse.duckdb"
    shutil.copy(tiny_warehouse, target)
    before = _digest(target)
    bad = data / "figures" / "kabkota_tpt_tpak_2018_2024.csv"
    bad.write_text(bad.read_text() + "1971,KOTA PANGKAL PINANG,kota,tpt,2025,lima,persen,BPS [S03]\n")
    with pytest.raises(warehouse.BuildError):
        warehouse.build(target, data_dir=data)
    assert _digest(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "warehouse.duckdb"]  # no temp left


def test_unmapped_rows_fail_the_build(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "data", data)
    f = data / "figures" / "kabkota_tpt_tpak_2018_2024.csv"
    f.write_text(f.read_text() + "1971,KOTA PANGKAL PINANG,kota,tpt_baru,2024,5.1,persen,BPS [S03]\n")
    with pytest.raises(warehouse.BuildError, match="tpt_baru"):
        warehouse.build(tmp_path / "w.duckdb", data_dir=data)
    assert not (tmp_path / "w.duckdb").exists()


def test_indicator_without_definition_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "data", data)
    toml = data / "indicators.toml"
    toml.write_text(toml.read_text() + '\n[baru]\nname_id = "Baru"\nname_en = "New"\nunit_id = "persen"\n')
    with pytest.raises(warehouse.BuildError, match="baru"):
        warehouse.build(tmp_path / "w.duckdb", data_dir=data)


def test_cli_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dalamangka.__main__ import main

    assert main(["build", "--target", str(tmp_path / "w.duckdb")]) == 0
    assert "Gudang data dibangun" in capsys.readouterr().out
    assert (tmp_path / "w.duckdb").is_file()


def test_summary_tables_equal_their_live_computation(full: duckdb.DuckDBPyConnection) -> None:
    """Each queries/refresh/ table holds exactly what its statement computes from the facts now."""
    from dalamangka import sql

    steps = warehouse.refresh_steps()
    assert len(steps) >= 8
    for step in steps:
        text = sql.load(step).text
        table = text.split("create or replace table ", 1)[1].split()[0]
        body = text.split(f"create or replace table {table} as", 1)[1]
        live = full.execute(f"select count(*) from ({body}) as t").fetchone()
        stored = full.execute(f"select count(*) from {table}").fetchone()
        assert live == stored, step
        diff = full.execute(f"select count(*) from (({body}) except all (select * from {table}))").fetchone()
        assert diff == (0,), step


# ------------------------------------------------------------------ a warehouse left by another version


def _data_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "data", data)
    return data


def test_a_current_warehouse_is_kept(tmp_path: Path) -> None:
    data = _data_copy(tmp_path)
    path = warehouse.build(tmp_path / "w.duckdb", data_dir=data)
    assert warehouse.freshness(path, data) == warehouse.Freshness(True, 0)
    with duckdb.connect(str(path), read_only=True) as con:  # the query the check runs: admin/build_info
        row = sql.run(con, "admin/build_info").iloc[0]
    assert (row.fingerprint, row.data_dir, row.imports, row.skm_imports) == (
        warehouse.fingerprint(data),
        str(data),
        0,
        0,
    )
    before = path.stat().st_mtime_ns
    assert warehouse.ensure(path, data_dir=data) == path and path.stat().st_mtime_ns == before


def test_changed_data_rebuilds_a_warehouse_without_imports(tmp_path: Path) -> None:
    data = _data_copy(tmp_path)
    path = warehouse.build(tmp_path / "w.duckdb", data_dir=data)
    sources = data / "sources.toml"
    sources.write_text(sources.read_text(encoding="utf-8") + "\n# koreksi\n", encoding="utf-8")
    warehouse.fingerprint.cache_clear()
    assert warehouse.freshness(path, data) == warehouse.Freshness(False, 0)  # served old numbers before
    warehouse.ensure(path, data_dir=data)
    assert warehouse.freshness(path, data).current


def test_a_stale_warehouse_with_imports_is_never_replaced(tmp_path: Path) -> None:
    data = _data_copy(tmp_path)
    path = warehouse.build(tmp_path / "w.duckdb", data_dir=data)
    con = duckdb.connect(str(path))
    con.execute(
        "insert into import_batches values (1, (select min(source_id) from sources), 'Uji', 'walidata', "
        "null, now(), 'uji.xlsx', 'ab', 'xlsx', 1, 0, 0, 0, 'uji')"
    )
    con.execute("update build_info set fingerprint = 'versi-lama'")
    con.close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(warehouse.StaleWarehouse, match=r"berisi 1 impor .*python -m dalamangka build"):
        warehouse.ensure(path, data_dir=data)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest  # untouched: nothing lost


def test_a_warehouse_from_before_build_info_is_stale_with_unknown_imports(tmp_path: Path) -> None:
    data = _data_copy(tmp_path)
    path = warehouse.build(tmp_path / "w.duckdb", data_dir=data)
    con = duckdb.connect(str(path))
    con.execute("drop table build_info")
    con.close()
    assert warehouse.freshness(path, data) == warehouse.Freshness(False, None)
    with pytest.raises(warehouse.StaleWarehouse, match="tidak dapat dihitung"):
        warehouse.ensure(path, data_dir=data)
