"""A map as tall as its shapes need at the screen's width (dalamangka.mapfit, issue 14): a wide
city on a 390 px phone had up to 220 px of blank chart above and below its map."""

from __future__ import annotations

import json
from typing import Any

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dalamangka import deck, firstpaint, mapfit, state
from tests.conftest import AppFactory
from tests.test_firstpaint import WAIT, fetcher, img_of, svg_of

pytestmark = pytest.mark.usefixtures("first_paints")  # tests/conftest.py


def _map(con: duckdb.DuckDBPyConnection, kota: str, tampilan: str = "kecamatan") -> dict[str, Any]:
    view = deck.build_view(
        "peta", state.Common(kota), state.Peta(tampilan=tampilan), deck.Env(fetcher(con), "id")
    )
    assert isinstance(view.figure, dict)
    return view.figure


def test_a_wide_city_is_drawn_as_tall_as_its_kecamatan_need(full: duckdb.DuckDBPyConnection) -> None:
    """Kota Pangkal Pinang is wider than tall (Mercator height/width 0.72): 450 px on a phone
    (358 px wide) instead of 671, 573 px in the laptop's map column (528 px), the whole 671 px
    on a projector's (860 px). Kota Medan is taller than wide (2.08): 671 px everywhere."""
    pangkal_pinang = _map(full, "1971")
    assert pangkal_pinang["height"] == 671
    assert round(pangkal_pinang["usermeta"]["fit"]["aspect"], 2) == 0.72
    heights = [mapfit.fitted_height(pangkal_pinang, w) for w in (358, 528, 860)]
    assert heights == [450, 573, 671]
    medan = _map(full, "1275")
    assert round(medan["usermeta"]["fit"]["aspect"], 2) == 2.08
    assert [mapfit.fitted_height(medan, w) for w in (358, 528, 860)] == [671, 671, 671]


def test_the_national_map_is_fitted_too_and_other_charts_are_not(full: duckdb.DuckDBPyConnection) -> None:
    national = _map(full, "1275", "nasional")
    assert 0.3 < national["usermeta"]["fit"]["aspect"] < 0.4  # Indonesia: 46 degrees wide, 17 tall
    assert mapfit.fitted_height(national, 358) < national["height"]
    line = deck.build_view("tren", state.Common("1671"), state.Tren(ind="ipm"), deck.Env(fetcher(full), "id"))
    assert mapfit.fit_of(line.figure) is None
    assert mapfit.fitted_height(line.figure, 358) == line.figure["height"]
    assert mapfit.fit_of({**national, "height": "container"}) is None  # already drawn to fit


def test_the_phone_picture_of_a_map_has_the_height_the_phone_draws(full: duckdb.DuckDBPyConnection) -> None:
    """Nothing moves when the interactive map replaces the first paint."""
    spec = _map(full, "1971")
    out = firstpaint.phone_picture(spec, "Peta", wait_s=WAIT)
    assert out is not None
    img = img_of(firstpaint.block(out))
    assert img["height"] == "450" and 'height="450"' in svg_of(img)


def test_aspect_of_no_extent_is_none() -> None:
    point = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [106.1, -2.1]}}
    assert mapfit.aspect([]) is None and mapfit.aspect([point]) is None
    line = {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": [[106.0, -2.0], [107.0, -2.0]]},
    }
    assert mapfit.aspect([line]) is None  # no height


def _box(lon: float, lat: float, wide: float, tall: float) -> dict[str, Any]:
    ring = [[lon, lat], [lon + wide, lat], [lon + wide, lat + tall], [lon, lat + tall], [lon, lat]]
    return {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]}}


@given(
    lon=st.floats(90, 140),
    lat=st.floats(-11, 6),
    wide=st.floats(0.01, 40),
    tall=st.floats(0.01, 15),
    below=st.integers(0, 300),
    height=st.integers(100, 900),
    widths=st.lists(st.floats(200, 2000), min_size=2, max_size=5),
)
def test_fitted_height_never_exceeds_the_spec_and_grows_with_the_width(
    lon: float, lat: float, wide: float, tall: float, below: int, height: int, widths: list[float]
) -> None:
    ratio = mapfit.aspect([_box(lon, lat, wide, tall)])
    assert ratio is not None and ratio > 0
    spec = {"height": height + below, "usermeta": {"fit": {"aspect": ratio, "below": below}}}
    got = [mapfit.fitted_height(spec, w) for w in sorted(widths)]
    assert all(min(below, height + below) <= h <= height + below for h in got)
    assert got == sorted(got)


def test_the_page_draws_the_map_in_a_box_whose_height_follows_its_width(app: AppFactory) -> None:
    at = app(page="pages/peta.py", kota="1971")
    charts = at.get("vega_lite_chart")
    spec = json.loads(charts[0].proto.spec)
    assert spec["height"] == "container"
    css = [h.proto.body for h in at.get("html") if "kdafit_" in h.proto.body]
    assert len(css) == 1
    assert "container-type:inline-size" in css[0]
    assert "height:671px!important;height:min(671px,calc(100cqw * 0.7234 + 191px))!important" in css[0]
