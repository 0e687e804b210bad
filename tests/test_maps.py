"""The Peta page's map logic: classes, palette, hover text, measures, sources, labels and the
lightened national boundaries (the Vega-Lite map drawn from a view: tests/test_vegamap.py)."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from dalamangka import geo, maps, sql


def _kecamatan(
    con: duckdb.DuckDBPyConnection,
    kota: str,
    indicator: str,
    tahun: int,
    measure: str = "nilai",
    method: str = "quantiles",
    k: int = 5,
    lang: str = "id",
):  # type: ignore[no-untyped-def]
    shapes = sql.run(con, "map_kecamatan_shapes", kota=kota)
    catalog = sql.run(con, "map_kecamatan_indicators", kota=kota)
    meta = catalog[(catalog.indicator == indicator) & (catalog.tahun == tahun)].iloc[0]
    values = sql.run(con, "map_kecamatan_values", kota=kota, indicator=indicator, tahun=tahun)
    view = maps.kecamatan_view(values, shapes, meta, measure, method, k, tahun, lang)
    return shapes, values, view


def test_decimal_comma_and_few_classes() -> None:
    classes = maps.classify(pd.Series([4.5, 4.91, np.nan, 5.98, 8.13]), "equal", 7)
    assert len(classes.bins) == 4  # only 4 distinct values: 4 classes
    labels = maps.legend_labels(classes, 2, "id")
    assert labels[0].startswith("4,50 – ")
    assert maps.classify(pd.Series([np.nan]), "quantiles", 5).bins == ()


def test_palette_follows_higher_is_better() -> None:
    assert len(maps.palette(5, True)) == 5 and maps.palette(0, None) == []
    good, bad, neutral = maps.palette(3, True), maps.palette(3, False), maps.palette(3, None)
    assert len({*good, *bad, *neutral}) == 9
    assert maps.direction_note(True) == "makin gelap makin baik"
    assert maps.direction_note(False) == "makin gelap makin buruk"


def test_hover_has_value_unit_year_rank_and_share(full: duckdb.DuckDBPyConnection) -> None:
    _shapes, _values, view = _kecamatan(full, "3375", "penduduk_sp2010_olah_cepat", 2010)
    barat = next(h for h in view.hover if "Pekalongan Barat" in h)
    assert "88.960 jiwa (tahun 2010)" in barat
    assert "peringkat 1 dari 4" in barat
    assert "31,5 % dari jumlah kecamatan" in barat


def test_density_only_from_a_bps_area_for_a_bps_figure_of_its_time(full: duckdb.DuckDBPyConnection) -> None:
    """Density = a BPS figure / the area BPS printed within 5 years of it (SOURCES.md S13, S14;
    data/geo/SOURCES.md: the boundary polygons' areas are for display only)."""
    _shapes, values, view = _kecamatan(full, "1275", "penduduk_sp2010_olah_cepat", 2010, "kepadatan_bps")
    assert any("luas wilayah yang dicetak BPS (2015)" in n for n in view.notes)
    assert maps.measures(values, None) == ["nilai", "kepadatan_bps", "pangsa_persen"]
    assert maps.measure_label("kepadatan_bps", values, "id") == "Kepadatan (luas BPS 2015)"
    # Medan Tuntungan: SP2010 / the 20,68 km2 of Medan Dalam Angka 2015 (S14), exact
    tuntungan = values[values.nama == "Medan Tuntungan"].iloc[0]
    assert tuntungan.kepadatan_bps == tuntungan.nilai / 20.68
    assert "kepadatan_poligon" not in values  # never from the polygons' areas
    # no density where the area is of another producer or time:
    # Palembang's Dukcapil 2024 registry (its publication prints its own density, 15.799 jiwa/km2 for
    # Seberang Ulu Satu, where polygon areas gave 24.498), Pekalongan's Dukcapil Semester I 2024 over
    # the 2020 BPS area (another series), Medan's 2024 registry over its 2015 area, and Pekalongan's
    # 2010 census over its 2020 area
    for kota, indicator, tahun in (
        ("1671", "penduduk_dukcapil", 2024),
        ("3375", "penduduk_dukcapil_smt1", 2024),
        ("1275", "penduduk_dukcapil_smt1", 2024),
        ("3375", "penduduk_sp2010_olah_cepat", 2010),
    ):
        _shapes, values, view = _kecamatan(full, kota, indicator, tahun)
        assert values.nilai.notna().all() and values.kepadatan_bps.isna().all(), (kota, indicator)
        assert maps.measures(values, None) == ["nilai", "pangsa_persen"], (kota, indicator)
        meta = {"concept": "penduduk"}
        assert str(maps.no_density(values, meta, "id")).startswith("Kepadatan per kecamatan tidak dihitung")
    _shapes, values, view = _kecamatan(full, "1671", "penduduk_sp2010_olah_cepat", 2010)
    assert maps.measures(values, None) == ["nilai", "pangsa_persen"]  # SP2010 in Palembang: no density
    assert maps.no_density(values, {"concept": "penduduk"}, "id") is None  # old bounds: the map says so
    _shapes, values, view = _kecamatan(full, "1275", "penduduk_sp2010_olah_cepat", 2010)
    assert maps.no_density(values, {"concept": "penduduk"}, "id") is None  # it has a density


def test_source_text_and_downloads(full: duckdb.DuckDBPyConnection) -> None:
    shapes, _values, view = _kecamatan(full, "3375", "penduduk_sp2010_olah_cepat", 2010)
    sources = sql.run(full, "source_catalog")
    text = maps.source_text(view, sources, "id")
    assert text.startswith("BPS, Hasil Olah Cepat SP2010 menurut kecamatan")
    assert "cahyadsn/wilayah_boundaries (MIT)" in text
    csv = maps.csv_bytes(view.frame).decode()
    assert csv.splitlines()[0].startswith("kode_kemendagri,kode,nama,nilai")
    collection = geo.feature_collection(shapes.kode_kemendagri, shapes.wkb, 5)
    import json

    doc = json.loads(geo.download_geojson(collection, view.frame, "kode_kemendagri"))
    assert len(doc["features"]) == 4
    assert doc["features"][0]["properties"]["nilai"] == 88960.0
    assert doc["features"][0]["geometry"]["type"] == "MultiPolygon"


def test_profile_table_and_kelurahan_text(full: duckdb.DuckDBPyConnection) -> None:
    profile = sql.run(full, "map_kecamatan_profile", kode="3375010")
    table = maps.profile_table(profile, sql.run(full, "source_catalog"), "id")
    assert table.columns.tolist() == ["Indikator", "Tahun", "Nilai", "Status", "Sumber"]
    assert "angka sementara" in table["Status"].tolist()  # SP2010 quick count
    assert "10,05 km²" in table["Nilai"].tolist()
    assert maps.kelurahan_text(["Medono", "Podosugih"], "id").startswith("**2 kelurahan**")
    assert "tidak ada" in maps.kelurahan_text([], "id")


def _square(fid: str, lon: float, lat: float, d: float) -> dict:  # type: ignore[type-arg]
    ring = [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]
    return {"type": "Feature", "id": fid, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_name_labels_never_collide_on_a_phone() -> None:
    # three kecamatan side by side, 0.01 degree wide (about 1.1 km); the map spans 0.03 degree
    collection = {
        "type": "FeatureCollection",
        "features": [_square("a", 98.60, 3.50, 0.02), _square("b", 98.613, 3.50, 0.001),
                     _square("c", 98.63, 3.50, 0.005)],
    }  # fmt: skip
    frame = pd.DataFrame(
        {"id": ["a", "b", "c"], "nama": ["Medan Tuntungan", "Medan Baru", "X"],
         "label_lon": [98.61, 98.6135, 98.6325], "label_lat": [3.51, 3.5095, 3.5025]}
    )  # fmt: skip
    # at 358 px for 0.035 degree, "Medan Tuntungan" (about 100 px wide at 11 px) covers b's point
    assert maps.label_keep(frame, collection, "id", 11) == [True, False, True]
    # on a map ten times wider, every name fits
    assert maps.label_keep(frame, collection, "id", 11, width_px=3580, height_px=6000) == [True] * 3


def test_national_collection_is_lighter_and_keeps_every_region_and_enclave(
    full: duckdb.DuckDBPyConnection,
) -> None:
    import json

    import numpy as np
    import shapely

    rows = sql.run(full, "map_kabkota_shapes")
    light = maps.national_collection(rows)
    before = geo.feature_collection(rows.kode, rows.wkb, geo.NATIONAL_DECIMALS)
    assert [f["id"] for f in light["features"]] == rows.kode.tolist()  # 514, same ids, same order
    assert geo.geometry_bytes(light) < 0.75 * geo.geometry_bytes(before)  # 532 KB against 725 KB
    g = shapely.from_geojson([json.dumps(f["geometry"]) for f in light["features"]])
    g0 = shapely.from_wkb([bytes(b) for b in rows.wkb])
    assert not shapely.is_empty(g).any()
    assert (shapely.get_num_geometries(g) == shapely.get_num_geometries(g0)).all()  # no island dropped
    # no border moves by more than about a pixel of the national map (0.04-0.05 degree per px)
    filled = np.array(maps._without_small_holes(list(g0), maps.NATIONAL_MIN_HOLE), dtype=object)
    assert float(shapely.hausdorff_distance(g, filled).max()) <= 0.05
    # a real enclave stays a hole: Kota Magelang (3371) lies inside Kabupaten Magelang (3308)
    kab = g[rows.kode.tolist().index("3308")]
    kota = g[rows.kode.tolist().index("3371")]
    assert shapely.area(shapely.intersection(kab, kota)) < 0.05 * shapely.area(kota)


def test_names_that_would_leave_a_phone_map_go_left_of_their_point() -> None:
    corners = [[100.0, -5.0], [110.0, 5.0]]  # a 10 x 10 degree extent on a 358 x 300 px map
    points = [
        (100.5, 0.0, "Kota Barat"),
        (109.5, 0.0, "Kota Timur"),
        (105.0, 0.0, "Kota Administrasi Jakarta"),
    ]
    assert maps.names_left(points, corners, 12, 300) == [False, True, True]
    assert maps.names_left(points[:1], corners, 12, 300, width_px=2000) == [False]
    assert maps.names_left([], corners, 12, 300) == []


def test_every_method_classifies_and_mapclassify_waits_for_the_first_map() -> None:
    """mapclassify pulls in scipy and scikit-learn (~1.3 s): a server's first view of a page
    without a map must not pay for it, so the UI's modules do not import it."""
    import subprocess
    import sys
    from pathlib import Path

    code = "import sys, dalamangka.ui, dalamangka.views.tren; print('mapclassify' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[1],
    )
    assert out.stdout.strip() == "False"
    values = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0])
    for method in maps.METHODS:
        classes = maps.classify(values, method, 5)
        assert len(classes.bins) == 5 and classes.bins[-1] == 10.0 and sum(classes.counts) == 10
