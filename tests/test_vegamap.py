"""The light (Vega-Lite) choropleth draws exactly what the map view holds: every region once with
its own shape, in the class mapclassify gives it and that class's colour, the legend the class
ranges in the language's number format, no-data regions grey and never in a class, the hover
lines as tooltips, the chosen city outlined, names at label points that never collide on a phone,
no basemap; a click's event gives the region key back."""

from __future__ import annotations

import itertools
import json
import math
from collections import Counter
from types import SimpleNamespace

import duckdb
import mapclassify
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dalamangka import geo, maps, sql, vegamap
from dalamangka.views.peta import KECAMATAN_HEIGHT


def _kecamatan(  # type: ignore[no-untyped-def]
    con: duckdb.DuckDBPyConnection,
    kota: str,
    indicator: str,
    tahun: int,
    method: str = "quantiles",
    k: int = 5,
    lang: str = "id",
):
    shapes = sql.run(con, "map_kecamatan_shapes", kota=kota)
    catalog = sql.run(con, "map_kecamatan_indicators", kota=kota)
    meta = catalog[(catalog.indicator == indicator) & (catalog.tahun == tahun)].iloc[0]
    values = sql.run(con, "map_kecamatan_values", kota=kota, indicator=indicator, tahun=tahun)
    collection = geo.feature_collection(shapes.kode_kemendagri, shapes.wkb, geo.KECAMATAN_DECIMALS)
    view = maps.kecamatan_view(values, shapes, meta, "nilai", method, k, tahun, lang)
    return shapes, view, collection


def _colour_of(spec: dict) -> dict[str, str]:  # type: ignore[type-arg]
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    return dict(zip(scale["domain"], scale["range"], strict=True))


def _names(spec: dict) -> list[list[dict]]:  # type: ignore[type-arg]
    """The points of the text layers of a map (halo first, then the names), in layer order."""
    return [la["data"]["values"] for la in spec["layer"] if la["mark"]["type"] == "text"]


@pytest.mark.parametrize("kota", ["1275", "1671", "1971", "3375", "2172"])
def test_every_kecamatan_once_in_its_class(full: duckdb.DuckDBPyConnection, kota: str) -> None:
    shapes, view, collection = _kecamatan(full, kota, "penduduk_sp2010_olah_cepat", 2010)
    spec = vegamap.choropleth(view, collection, "id", names=True)
    feats = spec["data"]["values"]
    assert sorted(f["kode"] for f in feats) == sorted(shapes.kode_kemendagri)  # each exactly once
    shape = {f["id"]: f["geometry"] for f in collection["features"]}
    decimals = spec["usermeta"][vegamap.PLANAR]
    assert decimals in (5, 6)  # a city (0.06-0.3 degree): y to 1/10,000 of its extent
    # each with its own shape, projected on the server (x the longitude, y Mercator's)
    assert all(f["geometry"] == vegamap.planar_geometry(shape[f["kode"]], decimals) for f in feats)
    domain = spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert len(set(domain)) == len(domain)  # one colour per legend entry, no class merged into another
    colour = _colour_of(spec)
    frame = view.frame.set_index("kode_kemendagri")
    with_data = view.frame[view.frame.nilai.notna()]
    expected = dict(zip(with_data.kode_kemendagri, (view.labels[i] for i in view.classes.index), strict=True))
    for f in feats:
        if f["kode"] in expected:
            assert f["kelas"] == expected[f["kode"]]
            assert colour[f["kelas"]] == view.colors[view.labels.index(f["kelas"])]
        else:  # no figure: grey, in no class
            assert f["kelas"].startswith("tidak ada data") and colour[f["kelas"]] == maps.NO_DATA_COLOR
        assert f["h0"] == frame.loc[f["kode"], "nama"]
    json.dumps(spec, allow_nan=False)  # valid JSON: no NaN anywhere


def test_no_data_regions_are_grey_and_counted(full: duckdb.DuckDBPyConnection) -> None:
    _shapes, view, collection = _kecamatan(full, "1671", "penduduk_sp2010_olah_cepat", 2010)
    spec = vegamap.choropleth(view, collection, "id")
    grey = sorted(f["kode"] for f in spec["data"]["values"] if f["kelas"] == "tidak ada data (2 wilayah)")
    assert grey == ["16.71.17", "16.71.18"]  # Jakabaring, Ilir Timur Tiga (not in SP2010)
    assert _colour_of(spec)["tidak ada data (2 wilayah)"] == maps.NO_DATA_COLOR
    assert all(f["h1"] == "tidak ada data" for f in spec["data"]["values"] if f["kode"] in grey)
    # listed last in the legend, after the classes, in a colour no class has (never coloured as zero)
    domain = spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert domain == [*view.labels, "tidak ada data (2 wilayah)"]
    assert maps.NO_DATA_COLOR not in view.colors
    assert any("Jakabaring, Ilir Timur Tiga" in n and "SP2010" in n for n in view.notes)


@pytest.mark.filterwarnings("ignore:Numba not installed")
@pytest.mark.parametrize("method", ["quantiles", "jenks", "equal"])
@pytest.mark.parametrize("k", [3, 5, 7])
def test_each_region_in_the_class_mapclassify_gives_it(
    full: duckdb.DuckDBPyConnection, method: str, k: int
) -> None:
    _shapes, view, collection = _kecamatan(full, "1275", "penduduk_sp2010_olah_cepat", 2010, method, k)
    value = dict(zip(view.frame.kode_kemendagri, view.frame.nilai, strict=True))
    y = view.frame.nilai.dropna().to_numpy()
    assert len(y) == 21  # Medan's 21 kecamatan all have a 2010 figure
    expected = {
        "quantiles": mapclassify.Quantiles,
        "jenks": mapclassify.FisherJenks,
        "equal": mapclassify.EqualInterval,
    }[method](y, k=k)
    assert view.classes.bins == pytest.approx(tuple(expected.bins))
    assert view.classes.counts == tuple(int(c) for c in expected.counts)
    spec = vegamap.choropleth(view, collection, "id")
    feats = spec["data"]["values"]
    per_class = Counter(f["kelas"] for f in feats)
    assert [per_class[label] for label in view.labels] == [int(c) for c in expected.counts]
    for f in feats:
        assert f["kelas"] == view.labels[int(expected.find_bin([value[f["kode"]]])[0])]
    assert _colour_of(spec) == dict(zip(view.labels, maps.palette(len(expected.bins), None), strict=True))


def test_legend_is_the_class_ranges_in_the_language_s_numbers(full: duckdb.DuckDBPyConnection) -> None:
    _shapes, view, collection = _kecamatan(full, "3375", "penduduk_sp2010_olah_cepat", 2010, k=3)
    spec = vegamap.choropleth(view, collection, "id")
    legend = spec["layer"][0]["encoding"]["color"]["legend"]
    domain = spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    y = view.frame.nilai.to_numpy()
    q = mapclassify.Quantiles(y, k=3)
    lows = [y.min(), *q.bins[:-1]]
    expected = [
        f"{int(lo):,} – {int(hi):,} ({c} wilayah)".replace(",", ".")
        for lo, hi, c in zip(lows, q.bins, q.counts, strict=True)
    ]
    assert domain == view.labels == expected  # every kecamatan has a figure: no grey entry
    assert domain[0].startswith("55.162 – ")  # thousands with a dot
    assert legend["title"] == ["jiwa", "makin gelap makin besar"]  # unit, then what darker means
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert spec["config"]["locale"]["number"]["thousands"] == "."
    _shapes, en, collection = _kecamatan(full, "3375", "penduduk_sp2010_olah_cepat", 2010, k=3, lang="en")
    spec = vegamap.choropleth(en, collection, "en")
    domain = spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert domain[0].startswith("55,162 – ") and domain[0].endswith("regions)")
    assert spec["config"]["locale"]["number"]["decimal"] == "."


def test_tooltip_is_the_hover_text_without_markup(full: duckdb.DuckDBPyConnection) -> None:
    _shapes, view, collection = _kecamatan(full, "1275", "penduduk_sp2010_olah_cepat", 2010)
    spec = vegamap.choropleth(view, collection, "id")
    feats = {f["kode"]: f for f in spec["data"]["values"]}
    for key, hover in zip(view.frame.kode_kemendagri, view.hover, strict=True):
        lines = [feats[key][f"h{j}"] for j in range(vegamap.TOOLTIP_LINES)]
        assert [x for x in lines if x] == vegamap.plain(hover)
        assert not any("<" in x for x in lines)
    assert vegamap.plain("<b>Medan &amp; Kota</b><br>1.234 jiwa") == ["Medan & Kota", "1.234 jiwa"]
    _shapes, view, collection = _kecamatan(full, "3375", "penduduk_sp2010_olah_cepat", 2010)
    barat = next(
        f for f in vegamap.choropleth(view, collection, "id")["data"]["values"] if f["kode"] == "33.75.01"
    )
    assert [barat[f"h{j}"] for j in range(4)] == [
        "Pekalongan Barat",
        "88.960 jiwa (tahun 2010)",
        "peringkat 1 dari 4",
        "31,5 % dari jumlah kecamatan",
    ]
    # what a screen reader says for the shape: the same lines and the class, from one field (not
    # Vega-Lite's default, which read the boundary out as "batas: [object Object]")
    assert barat[vegamap.DESCRIPTION] == (
        f"Pekalongan Barat; 88.960 jiwa (tahun 2010); peringkat 1 dari 4; 31,5 % dari jumlah kecamatan; "
        f"{barat['kelas']}"
    )
    shapes = vegamap.choropleth(view, collection, "id")["layer"][0]
    assert shapes["encoding"]["description"] == {"field": vegamap.DESCRIPTION}


def test_names_at_label_points_only_when_asked_and_no_basemap(full: duckdb.DuckDBPyConnection) -> None:
    _shapes, view, collection = _kecamatan(full, "2172", "penduduk_sp2010_olah_cepat", 2010)
    spec = vegamap.choropleth(view, collection, "id", names=True)
    halo, names = _names(spec)
    assert halo == names  # a white halo under each name, drawn first
    at = {
        n: (lon, lat)
        for n, lon, lat in zip(view.frame.nama, view.frame.label_lon, view.frame.label_lat, strict=True)
    }
    assert len(names) == 4 and {p["nama"]: (p["lon"], p["lat"]) for p in names} == at
    # drawn at their projected points: x the longitude, y Mercator's y of the latitude
    assert all(
        p["x"] == p["lon"]
        and p["y"] == round(float(vegamap.mercator_y(p["lat"])), spec["usermeta"]["planar"])
        for p in names
    )
    text = next(la for la in spec["layer"] if la["mark"]["type"] == "text")["encoding"]
    assert (text["longitude"]["field"], text["latitude"]["field"]) == ("x", "y")
    assert _names(vegamap.choropleth(view, collection, "id")) == []
    # no basemap: Mercator (done on the server) fitted to the shapes, every layer's data inline
    assert spec["projection"] == {"type": "identity", "reflectY": True}
    assert "url" not in json.dumps(spec["data"]) and all(
        "url" not in la.get("data", {}) for la in spec["layer"]
    )


def test_kelurahan_borders_on_top_only_when_given(full: duckdb.DuckDBPyConnection) -> None:
    _shapes, view, collection = _kecamatan(full, "3375", "penduduk_sp2010_olah_cepat", 2010)
    rows = sql.run(full, "map_kelurahan", kota="3375")
    kelurahan = geo.feature_collection(rows.kode_kemendagri, rows.wkb, geo.KECAMATAN_DECIMALS)
    spec = vegamap.choropleth(view, collection, "id", kelurahan=kelurahan)
    projected = vegamap.planar_geometry(
        kelurahan["features"][0]["geometry"], spec["usermeta"][vegamap.PLANAR]
    )
    inner = [
        la
        for la in spec["layer"]
        if la.get("data", {}).get("values", {}).get("features", [{}])[0].get("geometry") == projected
    ]
    assert len(inner) == 1 and inner[0]["mark"]["filled"] is False and len(kelurahan["features"]) > 4
    assert len(inner[0]["data"]["values"]["features"]) == len(kelurahan["features"])
    assert spec["layer"].index(inner[0]) > 0  # over the coloured kecamatan
    assert len(vegamap.choropleth(view, collection, "id")["layer"]) == 1


def test_medan_names_on_the_phone_do_not_overlap(full: duckdb.DuckDBPyConnection) -> None:
    _shapes, view, collection = _kecamatan(full, "1275", "penduduk_sp2010_olah_cepat", 2010)
    _halo, names = _names(vegamap.choropleth(view, collection, "id", names=True, height=KECAMATAN_HEIGHT))
    shown = [p["nama"] for p in names]
    assert 5 <= len(shown) < 21  # the small central kecamatan give way; the tooltip keeps them
    assert "Medan Belawan" in shown and "Medan Tuntungan" in shown  # the large ones stay


def test_national_map_outlines_the_chosen_city(full: duckdb.DuckDBPyConnection) -> None:
    shapes = sql.run(full, "map_kabkota_shapes")
    collection = geo.feature_collection(shapes.kode, shapes.wkb, geo.NATIONAL_DECIMALS)
    catalog = sql.run(full, "map_kabkota_indicators")
    meta = catalog[(catalog.indicator == "tpt") & (catalog.tahun == 2024)].iloc[0]
    values = sql.run(full, "map_kabkota_values", indicator="tpt", tahun=2024, kota_saja=False)
    view = maps.national_view(values, meta, "quantiles", 5, 2024, "id")
    spec = vegamap.choropleth(view, collection, "id", outline=["1275"], border_width=0.3)
    assert len({f["kode"] for f in spec["data"]["values"]}) == len(spec["data"]["values"]) == 514
    outline = [la for la in spec["layer"] if la["mark"].get("stroke") == maps.OUTLINE_COLOR]
    assert len(outline) == 1 and [f["id"] for f in outline[0]["data"]["values"]["features"]] == ["1275"]
    assert outline[0]["mark"]["filled"] is False
    assert outline[0]["mark"]["strokeWidth"] >= 8 * spec["layer"][0]["mark"]["strokeWidth"]  # thick
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    colour = _colour_of(spec)
    assert [colour[label] for label in view.labels] == maps.palette(5, False)  # lower TPT is better: red
    assert geo.geometry_bytes(collection) <= 1_500_000


def test_a_click_event_gives_the_region_key() -> None:
    event = SimpleNamespace(selection={vegamap.SELECT: [{"kode": "12.71.05"}]})
    assert vegamap.selected(event) == "12.71.05"
    assert vegamap.selected(SimpleNamespace(selection={vegamap.SELECT: []})) is None
    assert vegamap.selected(None) is None
    assert vegamap.selected(SimpleNamespace(selection={})) is None


def test_a_group_map_draws_only_the_members_figures(full: duckdb.DuckDBPyConnection) -> None:
    """Bandingkan's Peta tab: TPT 2024 of three kota on the national map. Members keep their
    figures and are ranked among themselves (TPT: lower is better); Palembang, a member without a
    2024 figure, is "tidak ada data"; the 511 other regions are outside the group, with no figure,
    class or rank; the map fits the members and draws each as a dot, the chosen one ringed."""
    shapes = sql.run(full, "map_kabkota_shapes")
    collection = geo.feature_collection(shapes.kode, shapes.wkb, geo.NATIONAL_DECIMALS)
    catalog = sql.run(full, "map_kabkota_indicators")
    meta = catalog[(catalog.indicator == "tpt") & (catalog.tahun == 2024)].iloc[0]
    values = sql.run(full, "map_kabkota_values", indicator="tpt", tahun=2024, kota_saja=False)
    view = maps.national_view(values, meta, "quantiles", 5, 2024, "id", members=["1275", "1671", "3375"])
    assert view.outside == frozenset(values.kode) - {"1275", "1671", "3375"} and len(view.outside) == 511
    frame = view.frame.set_index("kode")
    assert frame.nilai.dropna().to_dict() == {"1275": 8.13, "3375": 4.91}  # the warehouse figures
    assert (frame.loc["3375", "peringkat"], frame.loc["1275", "peringkat"]) == (1, 2)
    spec = vegamap.choropleth(view, collection, "id", outline=["1275"], border_width=0.3)
    feats = {f["kode"]: f for f in spec["data"]["values"]}
    assert (
        feats["1275"]["h1"] == "8,13 % (tahun 2024)"
        and feats["1275"]["h2"] == "peringkat 2 dari 2 di kelompok"
    )
    assert feats["1671"]["h1"] == "tidak ada data" and feats["1671"]["kelas"] == "tidak ada data (1 wilayah)"
    outside = [f for k, f in feats.items() if k in view.outside]
    assert {f["kelas"] for f in outside} == {"bukan anggota kelompok (511 wilayah)"}
    assert all(f["h1"] == "bukan anggota kelompok" and not f["h2"] for f in outside)
    colours = _colour_of(spec)
    assert colours["bukan anggota kelompok (511 wilayah)"] == maps.OUTSIDE_COLOR
    assert colours["tidak ada data (1 wilayah)"] == maps.NO_DATA_COLOR != maps.OUTSIDE_COLOR
    # fitted to the members (padded corners), each member a dot in its class colour
    (x0, y0), (x1, y1) = spec["projection"]["fit"]["geometry"]["coordinates"]
    dots = next(la for la in spec["layer"] if la["mark"]["type"] == "circle")["data"]["values"]
    assert {d["kode"] for d in dots} == {"1275", "1671", "3375"}
    assert all(x0 < d["x"] < x1 and y0 < d["y"] < y1 for d in dots)  # all projected alike
    assert [d["kode"] for d in dots if d["pilihan"]] == ["1275"]
    assert x1 - x0 < 20  # Medan to Pekalongan, not the whole of Indonesia (about 46 degrees)


def _national_spec(full: duckdb.DuckDBPyConnection) -> dict:  # type: ignore[type-arg]
    shapes = sql.run(full, "map_kabkota_shapes")
    collection = maps.national_collection(shapes)
    catalog = sql.run(full, "map_kabkota_indicators")
    meta = catalog[(catalog.indicator == "ipm") & (catalog.tahun == 2021)].iloc[0]
    values = sql.run(full, "map_kabkota_values", indicator="ipm", tahun=2021, kota_saja=False)
    view = maps.national_view(values, meta, "quantiles", 5, 2021, "id")
    return vegamap.choropleth(view, collection, "id", outline=["1275"], border_width=0.3)


def test_national_boundaries_as_a_file_give_every_region_its_own_shape(
    full: duckdb.DuckDBPyConnection,
) -> None:
    """The national map's boundaries go to a file the browser fetches (issue 14): the spec keeps
    every region's figures and fields, looks each shape up by the region's key, and the file
    holds exactly the shapes the inline spec drew, one per region, under its own key."""
    spec = _national_spec(full)
    data = vegamap.geometry(spec)
    assert data is not None and len(data) >= vegamap.GEOMETRY_MIN_BYTES
    name = vegamap.geometry_name(data)
    assert name.startswith("batas-") and name == vegamap.geometry_name(bytes(data))  # by digest
    live = vegamap.with_geometry_url(spec, vegamap.GEOMETRY_URL.format(name=name))
    geo_file = json.loads(data)
    by_id = {f["id"]: f["geometry"] for f in geo_file["features"]}
    inline = spec["data"]["values"]
    assert len(by_id) == len(inline) == 514
    assert all(by_id[f["kode"]] == f["geometry"] for f in inline)  # each region's own shape
    rows = live["data"]["values"]
    assert [r["kode"] for r in rows] == [f["kode"] for f in inline]
    assert all("geometry" not in r for r in rows)
    assert rows == [
        {k: v for k, v in f.items() if k not in ("type", "geometry", "properties")} for f in inline
    ]
    shapes = live["layer"][0]
    assert shapes["transform"][0] == {
        "lookup": "kode",
        "from": {
            "data": {"url": f"app/static/geo/{name}", "format": {"type": "json", "property": "features"}},
            "key": "id",
        },
        "as": "batas",
    }
    assert shapes["encoding"]["shape"] == {"field": "batas", "type": "geojson"}
    assert shapes["params"] == spec["layer"][0]["params"]  # the click still selects the key
    assert live["layer"][1:] == spec["layer"][1:]  # the outline and the rest unchanged
    assert live["projection"] == spec["projection"]
    assert len(json.dumps(live)) < len(json.dumps(spec)) / 4
    json.dumps(live, allow_nan=False)


def test_a_city_map_stays_inline(full: duckdb.DuckDBPyConnection) -> None:
    _, view, collection = _kecamatan(full, "1275", "penduduk_sp2010_olah_cepat", 2010)
    assert vegamap.geometry(vegamap.choropleth(view, collection, "id")) is None


def test_boundaries_file_written_whole_and_kept(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from dalamangka.ui.vegamapchart import publish_geometry

    assert publish_geometry(b"{}" * 10, "batas-x.json", tmp_path / "geo")
    assert (tmp_path / "geo" / "batas-x.json").read_bytes() == b"{}" * 10
    assert [p.name for p in (tmp_path / "geo").iterdir()] == ["batas-x.json"]  # no temporary left
    assert publish_geometry(b"{}" * 10, "batas-x.json", tmp_path / "geo")  # already there: kept
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert not publish_geometry(b"{}", "batas-y.json", blocked)  # cannot write: stays inline


def test_mercator_on_the_server_is_vegas_mercator_up_to_scale() -> None:
    """The planar map is the Mercator map: y is d3's Mercator y (ln tan(pi/4 + lat/2)) in degrees,
    so after the identity projection's fit the shapes keep Mercator's proportions."""
    for lat in (-11.0, -6.2, 0.0, 3.58, 5.9):
        merc = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
        assert vegamap.mercator_y(lat) == pytest.approx(math.degrees(merc), abs=1e-12)
    assert abs(vegamap.mercator_y(0.0)) < 1e-12 and vegamap.mercator_y(90.0) == vegamap.mercator_y(85.0)
    poly = {"type": "Polygon", "coordinates": [[[98.6, 3.5], [98.7, 3.5], [98.7, 3.6], [98.6, 3.5]]]}
    out = vegamap.planar_geometry(poly, 6)
    assert out["coordinates"][0][1] == [98.7, round(vegamap.mercator_y(3.5), 6)]
    assert poly["coordinates"][0][1] == [98.7, 3.5]  # the given (cached) geometry unchanged
    multi = {"type": "MultiPolygon", "coordinates": [poly["coordinates"], poly["coordinates"]]}
    assert vegamap.planar_geometry(multi, 6)["coordinates"] == [out["coordinates"], out["coordinates"]]


@given(
    st.lists(st.tuples(st.floats(95.0, 141.0), st.floats(-11.0, 6.0)), min_size=3, max_size=40),
    st.integers(0, 6),
)
def test_planar_geometry_keeps_every_position_and_its_order(
    points: list[tuple[float, float]], decimals: int
) -> None:
    ring = [[x, y] for x, y in points] + [[points[0][0], points[0][1]]]
    out = vegamap.planar_geometry({"type": "Polygon", "coordinates": [ring]}, decimals)["coordinates"][0]
    assert [p[0] for p in out] == [p[0] for p in ring]  # x is the longitude itself
    ys = [p[1] for p in out]
    assert all(y == round(y, decimals) for y in ys)
    order = sorted(range(len(ring)), key=lambda i: ring[i][1])
    assert all(ys[a] <= ys[b] for a, b in itertools.pairwise(order))  # north stays north


def test_national_map_projected_once_with_its_extent(full: duckdb.DuckDBPyConnection) -> None:
    spec = _national_spec(full)
    assert spec["projection"] == {"type": "identity", "reflectY": True}
    assert spec["usermeta"][vegamap.PLANAR] == 3  # 46 degrees wide: y to 0.001
    ys = [
        p[1]
        for f in spec["data"]["values"]
        for poly in _polygons(f["geometry"])
        for ring in poly
        for p in ring
    ]
    assert -12.1 < min(ys) < -11 and 5.9 < max(ys) < 6.1  # Rote to Sabang, in Mercator degrees
    outline = spec["layer"][1]["data"]["values"]["features"][0]["geometry"]
    assert outline == next(f["geometry"] for f in spec["data"]["values"] if f["kode"] == "1275")
    # an outline added later (open FGD notes) is projected the same way
    collection = maps.national_collection(sql.run(full, "map_kabkota_shapes"))
    noted = vegamap.outlined(spec, collection, ["1671"])["layer"][-1]["data"]["values"]["features"][0]
    assert noted["geometry"] == next(f["geometry"] for f in spec["data"]["values"] if f["kode"] == "1671")


def _polygons(geometry: dict) -> list:  # type: ignore[type-arg]
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
