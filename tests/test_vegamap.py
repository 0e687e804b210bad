"""The light (Vega-Lite) choropleth draws exactly what the map view holds: every region once, in
its class's colour, no-data regions grey and never in a class, the hover lines as tooltips, the
chosen city outlined; a click's event gives the region key back."""

from __future__ import annotations

import json
from types import SimpleNamespace

import duckdb
import pytest

from dalamangka import geo, maps, sql, vegamap


def _kecamatan(con: duckdb.DuckDBPyConnection, kota: str, indicator: str, tahun: int) -> tuple:  # type: ignore[type-arg]
    shapes = sql.run(con, "map_kecamatan_shapes", kota=kota)
    catalog = sql.run(con, "map_kecamatan_indicators", kota=kota)
    meta = catalog[(catalog.indicator == indicator) & (catalog.tahun == tahun)].iloc[0]
    values = sql.run(con, "map_kecamatan_values", kota=kota, indicator=indicator, tahun=tahun)
    collection = geo.feature_collection(shapes.kode_kemendagri, shapes.wkb, geo.KECAMATAN_DECIMALS)
    view = maps.kecamatan_view(values, shapes, meta, "nilai", "quantiles", 5, tahun, "id")
    return shapes, view, collection


def _colour_of(spec: dict) -> dict[str, str]:  # type: ignore[type-arg]
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    return dict(zip(scale["domain"], scale["range"], strict=True))


@pytest.mark.parametrize("kota", ["1275", "1671", "1971", "3375", "2172"])
def test_every_kecamatan_once_in_its_class(full: duckdb.DuckDBPyConnection, kota: str) -> None:
    shapes, view, collection = _kecamatan(full, kota, "penduduk_sp2010_olah_cepat", 2010)
    spec = vegamap.choropleth(view, collection, "id", names=True)
    feats = spec["data"]["values"]
    assert sorted(f["kode"] for f in feats) == sorted(shapes.kode_kemendagri)  # each exactly once
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


def test_tooltip_is_the_hover_text_without_markup(full: duckdb.DuckDBPyConnection) -> None:
    _shapes, view, collection = _kecamatan(full, "1275", "penduduk_sp2010_olah_cepat", 2010)
    spec = vegamap.choropleth(view, collection, "id")
    feats = {f["kode"]: f for f in spec["data"]["values"]}
    for key, hover in zip(view.frame.kode_kemendagri, view.hover, strict=True):
        lines = [feats[key][f"h{j}"] for j in range(vegamap.TOOLTIP_LINES)]
        assert [x for x in lines if x] == vegamap.plain(hover)
        assert not any("<" in x for x in lines)
    assert vegamap.plain("<b>Medan &amp; Kota</b><br>1.234 jiwa") == ["Medan & Kota", "1.234 jiwa"]


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
    assert [f["id"] for f in outline[0]["data"]["values"]["features"]] == ["1275"]
    assert spec["config"]["locale"]["number"]["decimal"] == ","


def test_a_click_event_gives_the_region_key() -> None:
    event = SimpleNamespace(selection={vegamap.SELECT: [{"kode": "12.71.05"}]})
    assert vegamap.selected(event) == "12.71.05"
    assert vegamap.selected(SimpleNamespace(selection={vegamap.SELECT: []})) is None
    assert vegamap.selected(None) is None
    assert vegamap.selected(SimpleNamespace(selection={})) is None
