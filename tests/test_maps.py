"""Chart builders of the Peta page, tested on the figure objects."""

from __future__ import annotations

import duckdb
import mapclassify
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

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
    collection = geo.feature_collection(shapes.kode_kemendagri, shapes.wkb, geo.KECAMATAN_DECIMALS)
    view = maps.kecamatan_view(values, shapes, meta, measure, method, k, tahun, lang)
    fig = maps.kecamatan_figure(view, collection, None, True, "Kota X", lang)
    return shapes, values, view, fig


def _class_traces(fig: go.Figure) -> list[go.Choropleth]:
    return [
        t
        for t in fig.data
        if isinstance(t, go.Choropleth) and t.legendgroup and t.legendgroup.startswith("class")
    ]


@pytest.mark.parametrize("kota", ["1275", "1671", "1971", "3375", "2172"])
def test_one_location_per_kecamatan(full: duckdb.DuckDBPyConnection, kota: str) -> None:
    shapes, _values, _view, fig = _kecamatan(full, kota, "penduduk_sp2010_olah_cepat", 2010)
    counts = maps.location_counts(fig)
    assert counts == dict.fromkeys(shapes.kode_kemendagri, 1)
    # each trace carries exactly the geometry of its own locations (the geometry is sent once)
    for trace in fig.data:
        if isinstance(trace, go.Choropleth) and trace.name != "outline":
            assert [f["id"] for f in trace.geojson["features"]] == list(trace.locations)


@pytest.mark.filterwarnings("ignore:Numba not installed")
@pytest.mark.parametrize("method", ["quantiles", "jenks", "equal"])
@pytest.mark.parametrize("k", [3, 5, 7])
def test_class_breaks_equal_mapclassify(full: duckdb.DuckDBPyConnection, method: str, k: int) -> None:
    _shapes, values, view, fig = _kecamatan(
        full, "1275", "penduduk_sp2010_olah_cepat", 2010, method=method, k=k
    )
    y = values.nilai.dropna().to_numpy()
    expected = {
        "quantiles": mapclassify.Quantiles,
        "jenks": mapclassify.FisherJenks,
        "equal": mapclassify.EqualInterval,
    }[method](y, k=k)
    assert view.classes.bins == pytest.approx(tuple(expected.bins))
    assert view.classes.counts == tuple(int(c) for c in expected.counts)
    traces = _class_traces(fig)
    assert [len(t.locations) for t in traces] == list(expected.counts)
    by_code = dict(zip(values.kode_kemendagri, values.nilai, strict=True))
    for i, trace in enumerate(traces):  # every location sits in the class mapclassify gives it
        assert {int(expected.find_bin([by_code[loc]])[0]) for loc in trace.locations} <= {i}


def test_no_data_kecamatan_in_their_own_style(full: duckdb.DuckDBPyConnection) -> None:
    _shapes, _values, view, fig = _kecamatan(full, "1671", "penduduk_sp2010_olah_cepat", 2010)
    nodata = [t for t in fig.data if isinstance(t, go.Choropleth) and t.legendgroup == "nodata"]
    assert len(nodata) == 1
    trace = nodata[0]
    assert sorted(trace.locations) == ["16.71.17", "16.71.18"]  # Jakabaring, Ilir Timur Tiga
    assert trace.name == "tidak ada data (2 wilayah)"
    assert trace.colorscale[0][1] == maps.NO_DATA_COLOR and trace.colorscale[-1][1] == maps.NO_DATA_COLOR
    class_colours = {t.colorscale[0][1] for t in _class_traces(fig)}
    assert maps.NO_DATA_COLOR not in class_colours
    assert all("tidak ada data" in h for h in trace.hovertext)
    # never coloured as zero: the no-data kecamatan are in no class trace
    assert not set(trace.locations) & {loc for t in _class_traces(fig) for loc in t.locations}
    assert any("Jakabaring, Ilir Timur Tiga" in n and "SP2010" in n for n in view.notes)


def test_legend_labels_in_indonesian_format(full: duckdb.DuckDBPyConnection) -> None:
    _shapes, values, view, fig = _kecamatan(full, "3375", "penduduk_sp2010_olah_cepat", 2010, k=3)
    names = [t.name for t in _class_traces(fig)]
    assert names == view.labels
    y = values.nilai.to_numpy()
    q = mapclassify.Quantiles(y, k=3)
    lows = [y.min(), *q.bins[:-1]]
    expected = [
        f"{int(lo):,} – {int(hi):,} ({c} wilayah)".replace(",", ".")
        for lo, hi, c in zip(lows, q.bins, q.counts, strict=True)
    ]
    assert names == expected
    assert names[0].startswith("55.162 – ")  # thousands with a dot
    assert fig.layout.separators == ",."
    en = maps.legend_labels(view.classes, 0, "en")
    assert en[0].startswith("55,162 – ") and en[0].endswith("regions)")


def test_decimal_comma_and_few_classes() -> None:
    classes = maps.classify(pd.Series([4.5, 4.91, np.nan, 5.98, 8.13]), "equal", 7)
    assert len(classes.bins) == 4  # only 4 distinct values: 4 classes
    labels = maps.legend_labels(classes, 2, "id")
    assert labels[0].startswith("4,50 – ")
    assert maps.classify(pd.Series([np.nan]), "quantiles", 5).bins == ()


def test_palette_follows_higher_is_better() -> None:
    assert maps.palette(5, True) == maps.palette(5, True)
    good, bad, neutral = maps.palette(3, True), maps.palette(3, False), maps.palette(3, None)
    assert len({*good, *bad, *neutral}) == 9
    assert maps.direction_note(True) == "makin gelap makin baik"
    assert maps.direction_note(False) == "makin gelap makin buruk"


def test_hover_has_value_unit_year_rank_and_share(full: duckdb.DuckDBPyConnection) -> None:
    _shapes, _values, view, _fig = _kecamatan(full, "3375", "penduduk_sp2010_olah_cepat", 2010)
    barat = next(h for h in view.hover if "Pekalongan Barat" in h)
    assert "88.960 jiwa (tahun 2010)" in barat
    assert "peringkat 1 dari 4" in barat
    assert "31,5 % dari jumlah kecamatan" in barat


def test_density_measure_states_its_area(full: duckdb.DuckDBPyConnection) -> None:
    _shapes, values, view, _fig = _kecamatan(full, "3375", "penduduk_dukcapil_smt1", 2024, "kepadatan_bps")
    assert any("luas wilayah yang dicetak BPS (2020)" in n for n in view.notes)
    assert maps.measures(values, None) == ["nilai", "kepadatan_poligon", "kepadatan_bps", "pangsa_persen"]
    assert maps.measure_label("kepadatan_bps", values, "id") == "Kepadatan (luas BPS 2020)"
    # Pekalongan 2024 population / 2020 BPS area (within the area's 5-year update interval), exact:
    barat = values.set_index("kode").loc["3375010"]
    assert barat.kepadatan_bps == barat.nilai / 10.05  # Pekalongan Barat, S15: 10,05 km2
    # areas and populations of incompatible vintage give no BPS density: 2010 census / 2020 area,
    # 2024 registry / Medan's 2015 area (S14: pre-revision series)
    _shapes, values, _view, _fig = _kecamatan(full, "3375", "penduduk_sp2010_olah_cepat", 2010)
    assert values.kepadatan_bps.isna().all()
    _shapes, values, _view, _fig = _kecamatan(full, "1275", "penduduk_dukcapil_smt1", 2024)
    assert values.kepadatan_bps.isna().all() and values.kepadatan_poligon.notna().all()
    _shapes, values, _view, _fig = _kecamatan(full, "1275", "penduduk_sp2010_olah_cepat", 2010)
    assert values.kepadatan_bps.notna().all()  # 2010 census / 2015 edition: within 5 years
    _shapes, values, view, _fig = _kecamatan(full, "1671", "penduduk_sp2010_olah_cepat", 2010)
    assert maps.measures(values, None) == ["nilai", "pangsa_persen"]  # SP2010 in Palembang: no density


def test_names_toggle_adds_a_text_trace(full: duckdb.DuckDBPyConnection) -> None:
    _shapes, _values, _view, fig = _kecamatan(full, "2172", "penduduk_sp2010_olah_cepat", 2010)
    texts = [t for t in fig.data if isinstance(t, go.Scattergeo) and t.mode == "text"]
    assert len(texts) == 1 and len(texts[0].text) == 4
    assert fig.layout.geo.visible is False and fig.layout.geo.fitbounds == "locations"
    assert isinstance(fig.data[0], go.Scattergeo) and fig.data[0].name == "anchor"  # no topojson fetch


def test_national_figure_outlines_the_chosen_city(full: duckdb.DuckDBPyConnection) -> None:
    shapes = sql.run(full, "map_kabkota_shapes")
    collection = geo.feature_collection(shapes.kode, shapes.wkb, geo.NATIONAL_DECIMALS)
    catalog = sql.run(full, "map_kabkota_indicators")
    meta = catalog[(catalog.indicator == "tpt") & (catalog.tahun == 2024)].iloc[0]
    values = sql.run(full, "map_kabkota_values", indicator="tpt", tahun=2024, kota_saja=False)
    view = maps.national_view(values, meta, "quantiles", 5, 2024, "id")
    fig = maps.national_figure(view, collection, "1275", "id")
    counts = maps.location_counts(fig)
    assert len(counts) == 514 and set(counts.values()) == {1}
    outline = [t for t in fig.data if isinstance(t, go.Choropleth) and t.name == "outline"]
    assert list(outline[0].locations) == ["1275"] and outline[0].marker.line.width >= 3
    assert view.colors == maps.palette(5, False)  # lower TPT is better: red scale
    assert geo.geometry_bytes(collection) <= 1_500_000


def test_source_text_and_downloads(full: duckdb.DuckDBPyConnection) -> None:
    shapes, _values, view, _fig = _kecamatan(full, "3375", "penduduk_sp2010_olah_cepat", 2010)
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


def test_medan_names_on_the_phone_do_not_overlap(full: duckdb.DuckDBPyConnection) -> None:
    _shapes, _values, _view, fig = _kecamatan(full, "1275", "penduduk_sp2010_olah_cepat", 2010)
    text = next(t for t in fig.data if isinstance(t, go.Scattergeo) and t.mode == "text")
    assert 5 <= len(text.text) < 21  # the small central kecamatan give way; the hover keeps them
    assert "Medan Belawan" in text.text and "Medan Tuntungan" in text.text  # the large ones stay


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
