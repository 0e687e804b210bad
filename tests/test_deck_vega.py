"""Slides whose view draws a Vega-Lite spec (issue 14): the projector look for dicts
(:func:`dalamangka.projector.style_spec`), the rendered slide, the player and the phone view.

The Tren view draws through ``charts.trend_figure``; these tests swap in ``vega.trend`` (same
arguments), as issue 14 does for line charts, so the real rows of the shipped warehouse flow
through a Vega-Lite slide end to end."""

from __future__ import annotations

import copy
import json
from typing import Any

import duckdb
import pandas as pd
import pytest

from dalamangka import charts, deck, projector, sql, state, vega
from dalamangka.views import figure_data
from tests.conftest import AppFactory


def fetcher(con: duckdb.DuckDBPyConnection) -> deck.Fetch:
    def fetch(name: str, **params: Any) -> pd.DataFrame:
        return sql.run(con, name, **params)

    return fetch


@pytest.fixture
def vega_trends(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "trend_figure", vega.trend)


def line_layer(spec: dict[str, Any]) -> dict[str, Any]:
    return next(layer for layer in spec["layer"] if layer["mark"]["type"] == "line")


def point_layer(spec: dict[str, Any]) -> dict[str, Any]:
    return next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")


def test_style_spec_gives_the_projector_look_without_touching_data_or_the_page(
    full: duckdb.DuckDBPyConnection, vega_trends: None
) -> None:
    view = deck.build_view("tren", state.Common("1275"), state.Tren(ind="ipm"), deck.Env(fetcher(full), "id"))
    page = view.figure
    assert isinstance(page, dict)
    before = copy.deepcopy(page)
    out = projector.style_spec(page, "id")
    assert page == before  # the page's own spec is not mutated
    assert out["data"] == page["data"] and figure_data(out) == figure_data(page)
    assert out["config"]["axis"]["labelFontSize"] == projector.BASE_FONT
    assert out["config"]["legend"]["labelFontSize"] == projector.BASE_FONT
    assert out["config"]["locale"]["number"]["decimal"] == ","
    assert out["height"] == projector.HEIGHTS["720"]
    width = line_layer(out)["encoding"]["strokeWidth"]
    assert width["condition"]["value"] == 7.0 and width["value"] == projector.LINE_MIN  # 3,5 × 2; 1,6 → min
    assert line_layer(out)["mark"]["strokeWidth"] >= projector.LINE_MIN
    assert point_layer(out)["mark"]["size"] == max(40 * projector.MARKER_SCALE**2, projector.MARKER_MIN**2)
    big = projector.style_spec(page, "en", projector.HEIGHTS["1080"])
    assert big["config"]["locale"]["number"]["decimal"] == "."
    assert big["config"]["axis"]["labelFontSize"] > projector.BASE_FONT
    assert big["height"] == projector.HEIGHTS["1080"]


def test_bars_keep_one_band_per_region_and_labels_grow(full: duckdb.DuckDBPyConnection) -> None:
    year = int(sql.run(full, "compare_years", indicator="ipm").tahun.max())
    rows = sql.run(full, "compare_values", indicator="ipm", tahun=year)
    table = rows[rows.kode.isin(["1275", "1671", "1971"])][["kode", "nama", "nilai"]]
    assert len(table) == 3
    spec = charts.ValueSpec("IPM 2023", "", "IPM", "", 2, "Median")
    page = vega.ranked_bars(table, ["1275"], None, spec, "id")
    out = projector.style_spec(page, "id")
    assert out["height"] == {"step": vega.BAR_STEP * projector.BAR_STEP_SCALE}
    text = next(layer for layer in out["layer"] if layer["mark"]["type"] == "text")
    assert text["mark"]["fontSize"] >= projector.BASE_FONT
    assert out["data"] == page["data"]


def test_a_vega_slide_renders_the_pages_spec_and_plays(
    app: AppFactory, full: duckdb.DuckDBPyConnection, vega_trends: None
) -> None:
    slide = deck.Slide("tren", {"kota": "1275", "ind": "ipm"}, "IPM lewat Vega-Lite")
    shown = deck.render(slide, deck.Env(fetcher(full), "id"), "http://h")
    assert isinstance(shown.figure, dict) and shown.view is not None and not shown.note
    assert figure_data(shown.figure) == figure_data(shown.view.figure)
    assert shown.figure["usermeta"]["slide_url"] == shown.url == "http://h/tren?kota=1275&lang=id&ind=ipm"
    assert shown.figure["usermeta"]["embedOptions"] == {"renderer": "svg"}
    packed = "z:" + deck.encode(deck.Deck("Vega", (slide,)))
    at = app("pages/presentasi.py", dek=packed, putar="1")
    assert not at.exception, [e.value for e in at.exception]
    drawn = at.get("vega_lite_chart")
    assert len(drawn) == 1 and not at.get("plotly_chart")
    spec = json.loads(drawn[0].proto.spec)
    assert spec["config"]["axis"]["labelFontSize"] == projector.BASE_FONT
    # Streamlit ships the inline rows beside the spec (as Arrow); the marks are the slide's
    assert line_layer(spec)["encoding"]["strokeWidth"] == line_layer(shown.figure)["encoding"]["strokeWidth"]
    assert drawn[0].proto.datasets or drawn[0].proto.data.data
    phone = app("pages/presentasi.py", dek=packed, lihat="1")
    assert not phone.exception
    on_phone = json.loads(phone.get("vega_lite_chart")[0].proto.spec)
    assert line_layer(on_phone) == line_layer(shown.view.figure)  # the page's phone-ready spec
    assert on_phone["config"]["axis"]["labelFontSize"] < projector.BASE_FONT
