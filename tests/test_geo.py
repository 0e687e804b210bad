"""Boundaries: the shipped layers, the shapes table and the map queries (exact rows)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest
import shapely

from dalamangka import config, geo, sql

SEEDS = {"1275": 21, "1671": 18, "1971": 7, "3375": 4, "2172": 4}
KELURAHAN = {"1275": 151, "1671": 107, "1971": 42, "3375": 27, "2172": 18}
REF = pd.read_csv(config.FIGURES_DIR / "ref_kecamatan_5kota.csv", dtype=str)


@pytest.mark.parametrize(("kota", "count"), SEEDS.items())
def test_every_current_kecamatan_of_the_seed_cities(
    full: duckdb.DuckDBPyConnection, kota: str, count: int
) -> None:
    shapes = sql.run(full, "map_kecamatan_shapes", kota=kota)
    assert len(shapes) == count
    ref = REF[REF.kode_kab_bps == kota]
    assert sorted(shapes.kode) == sorted(ref.kode_kec_bps)
    pairs = set(zip(shapes.kode, shapes.kode_kemendagri, strict=True))
    assert pairs == set(zip(ref.kode_kec_bps, ref.kode_kec_kemendagri_2025, strict=True))

    # names as the warehouse writes them (BPS list), equal to Kemendagri 2025 up to case and spaces
    # ("Tanjungpinang Barat" / "Tanjung Pinang Barat")
    def norm(s: pd.Series) -> pd.Series:
        return s.str.lower().str.replace(" ", "")

    names = dict(zip(shapes.kode, norm(shapes.nama), strict=True))
    assert names == dict(zip(ref.kode_kec_bps, norm(ref.nama_kec_kemendagri_2025), strict=True))


def test_every_seed_kecamatan_code_joins_the_warehouse_regions(full: duckdb.DuckDBPyConnection) -> None:
    rows = full.execute(
        "select s.kode, r.level, r.parent, r.is_current from shapes as s "
        "left join regions as r on r.kode = s.kode "
        "where s.layer = 'kecamatan' and list_contains($k, s.parent)",
        {"k": list(SEEDS)},
    ).df()
    assert len(rows) == sum(SEEDS.values())
    assert (rows.level == "kecamatan").all() and rows.is_current.all()
    assert (rows.parent == rows.kode.str[:4]).all()


def test_no_invalid_boundary(full: duckdb.DuckDBPyConnection) -> None:
    rows = full.execute("select layer, parent, wkb from shapes").df()
    geoms = shapely.from_wkb([bytes(b) for b in rows.wkb])
    assert shapely.is_valid(geoms).all()
    assert not shapely.is_empty(geoms).any()
    for kota in SEEDS:  # neighbours share borders: no gaps or overlaps inside a seed city
        assert shapely.coverage_is_valid(geoms[(rows.layer == "kecamatan") & (rows.parent == kota)])


def test_national_layer_is_514_kabkota_with_bps_codes(full: duckdb.DuckDBPyConnection) -> None:
    shapes = sql.run(full, "map_kabkota_shapes")
    assert len(shapes) == 514 and shapes.kode.is_unique
    assert (shapes.level == "kota").sum() == 98
    levels = full.execute(
        "select r.level from shapes as s join regions as r on r.kode = s.kode where s.layer = 'kabkota'"
    ).df()
    assert len(levels) == 514 and set(levels.level) == {"kota", "kabupaten"}
    medan = shapes[shapes.kode == "1275"].iloc[0]
    assert (medan.nama, medan.level) == ("Kota Medan", "kota")


def test_kelurahan_regions_and_shapes(full: duckdb.DuckDBPyConnection) -> None:
    for kota, count in KELURAHAN.items():
        kel = sql.run(full, "map_kelurahan", kota=kota)
        assert len(kel) == count
        assert set(kel.kecamatan) <= set(REF[REF.kode_kab_bps == kota].kode_kec_bps)
    regions = full.execute(
        "select k.kode, k.parent, p.level as parent_level from regions as k "
        "join regions as p on p.kode = k.parent where k.level = 'kelurahan'"
    ).df()
    assert len(regions) == sum(KELURAHAN.values()) and (regions.parent_level == "kecamatan").all()
    first = sql.run(full, "map_kelurahan", kota="2172").iloc[0]
    assert (first.kode_kemendagri, first.nama, first.kecamatan) == (
        "21.72.01.1001",
        "Tanjung Pinang Barat",
        "2172040",
    )


def test_build_steps_are_the_geometry_steps() -> None:
    from dalamangka import warehouse

    steps = warehouse.build_steps()
    for name in ("build/20_create_shapes", "build/21_insert_shapes", "build/22_insert_kelurahan_regions"):
        assert name in steps


def test_geometry_budgets_and_identical_reruns(full: duckdb.DuckDBPyConnection) -> None:
    """Sizes, not times: every kota map <= 100 KB of geometry, the national map <= 1.5 MB."""
    for (kota,) in full.execute("select distinct parent from shapes where layer = 'kecamatan'").fetchall():
        rows = sql.run(full, "map_kecamatan_shapes", kota=kota)
        assert geo.geometry_bytes(geo.feature_collection(rows.kode_kemendagri, rows.wkb, 5)) <= 100_000, kota
    rows = sql.run(full, "map_kabkota_shapes")
    one = geo.feature_collection(rows.kode, rows.wkb, geo.NATIONAL_DECIMALS)
    assert geo.geometry_bytes(one) <= 1_500_000
    assert one == geo.feature_collection(rows.kode, rows.wkb, geo.NATIONAL_DECIMALS)


def test_map_kecamatan_indicators_pekalongan(full: duckdb.DuckDBPyConnection) -> None:
    rows = sql.run(full, "map_kecamatan_indicators", kota="3375")
    got = set(zip(rows.indicator, rows.tahun, rows.n_kecamatan, rows.source_id, strict=True))
    smt1 = {g for g in got if g[0].endswith("_dukcapil_smt1")}  # Dukcapil Semester I 2024 (S16)
    assert len(smt1) == 27 and {g[1:] for g in smt1} == {(2024, 4, "S16")}
    got -= smt1
    assert got == {
        ("penduduk_sp2010_olah_cepat", 2010, 4, "S05"),
        ("penduduk_laki_laki_sp2010_olah_cepat", 2010, 4, "S05"),
        ("penduduk_perempuan_sp2010_olah_cepat", 2010, 4, "S05"),
        ("luas_wilayah_bps", 2020, 4, "S15"),
    }


def test_map_kecamatan_values_pekalongan_exact(full: duckdb.DuckDBPyConnection) -> None:
    rows = sql.run(
        full, "map_kecamatan_values", kota="3375", indicator="penduduk_sp2010_olah_cepat", tahun=2010
    )
    got = rows[
        [
            "kode_kemendagri",
            "kode",
            "nama",
            "nilai",
            "peringkat",
            "luas_poligon",
            "luas_bps",
            "luas_bps_tahun",
        ]
    ]
    assert got.astype(object).values.tolist() == [
        ["33.75.01", "3375010", "Pekalongan Barat", 88960.0, 1, 9.907, 10.05, 2020],
        ["33.75.02", "3375020", "Pekalongan Timur", 62858.0, 3, 9.704, 9.52, 2020],
        ["33.75.03", "3375040", "Pekalongan Utara", 75157.0, 2, 15.065, 14.88, 2020],
        ["33.75.04", "3375030", "Pekalongan Selatan", 55162.0, 4, 11.522, 10.80, 2020],
    ]
    total = 88960 + 62858 + 75157 + 55162
    assert rows.pangsa_persen.tolist() == pytest.approx(
        [88960 / total * 100, 62858 / total * 100, 75157 / total * 100, 55162 / total * 100]
    )
    assert "kepadatan_poligon" not in rows  # the polygons' areas are for display only
    # a 2010 census figure and a 2020 BPS area are of incompatible vintage: no BPS density
    assert rows.kepadatan_bps.isna().all()
    assert rows.cakupan_lengkap.all() and rows.ada_di_sp2010.all()


def test_map_kecamatan_values_sp2010_pangkalpinang_keeps_new_kecamatan_missing(
    full: duckdb.DuckDBPyConnection,
) -> None:
    rows = sql.run(
        full, "map_kecamatan_values", kota="1971", indicator="penduduk_sp2010_olah_cepat", tahun=2010
    )
    assert len(rows) == 7
    new = rows[rows.ada_di_sp2010.eq(False)]
    assert sorted(new.nama) == ["Gabek", "Girimaya"]
    assert new.nilai.isna().all() and new.peringkat.isna().all()
    assert rows.nilai.notna().sum() == 5
    # figures of the 2010 boundaries: no density against today's areas
    assert not rows.cakupan_lengkap.any() and rows.kepadatan_bps.isna().all()
    assert rows[rows.nama == "Bukit Intan"].nilai.item() == 43321.0


def test_map_kecamatan_profile_exact(full: duckdb.DuckDBPyConnection) -> None:
    rows = sql.run(full, "map_kecamatan_profile", kode="3375010")
    rows = rows[~rows.indicator.str.endswith("_dukcapil_smt1")]  # S16 rows: tests/test_data_s16_s19.py
    assert rows[["indicator", "tahun", "nilai", "source_id"]].values.tolist() == [
        ["penduduk_laki_laki_sp2010_olah_cepat", 2010, 44475.0, "S05"],
        ["luas_wilayah_bps", 2020, 10.05, "S15"],
        ["penduduk_sp2010_olah_cepat", 2010, 88960.0, "S05"],
        ["penduduk_perempuan_sp2010_olah_cepat", 2010, 44485.0, "S05"],
    ]


def test_map_kabkota_indicators_and_values_exact(full: duckdb.DuckDBPyConnection) -> None:
    ind = sql.run(full, "map_kabkota_indicators")
    ipm = ind[(ind.indicator == "ipm") & (ind.tahun == 2021)].iloc[0]
    assert (ipm.n_wilayah, ipm.n_kota, ipm.source_id) == (514, 98, "S01")
    rows = sql.run(full, "map_kabkota_values", indicator="tpt", tahun=2024, kota_saja=True)
    assert len(rows) == 98 and set(rows.level) == {"kota"}
    seeds = rows.set_index("kode").loc[["1275", "1671", "1971", "2172", "3375"]]
    assert seeds.nilai.iloc[[0, 2, 3, 4]].tolist() == [8.13, 5.98, 4.69, 4.91]
    assert pd.isna(seeds.loc["1671", "nilai"])  # no 2024 figure: missing, never zero
    assert seeds.source_id.iloc[[0, 2, 3, 4]].tolist() == ["S03", "S03", "S08", "S03"]
    assert seeds.peringkat.iloc[[0, 2, 3, 4]].tolist() == [74, 47, 21, 25]  # lower TPT is better
    everyone = sql.run(full, "map_kabkota_values", indicator="tpt", tahun=2024, kota_saja=False)
    assert len(everyone) == 514
    # each region's label point, the one its boundary row has (a group map's dot is drawn there)
    shapes = sql.run(full, "map_kabkota_shapes").set_index("kode")
    points = everyone.set_index("kode")[["label_lon", "label_lat"]]
    assert points.notna().all().all() and points.equals(shapes.loc[points.index, ["label_lon", "label_lat"]])


def test_tiny_warehouse_builds_shapes(tiny: duckdb.DuckDBPyConnection) -> None:
    rows = sql.run(tiny, "map_kecamatan_shapes", kota="3375")
    assert rows.kode.tolist() == ["3375010", "3375020", "3375040", "3375030"]
