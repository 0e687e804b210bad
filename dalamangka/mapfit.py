"""A map as tall as its shapes need at the screen's width (issue 14: a wide city on a phone).

A choropleth spec has one height for every screen. Vega-Lite fits the Mercator shapes into the
chart's width and that height, so a city wider than tall, drawn 358 px wide on a phone, left up
to 220 px blank above and below it (Pangkal Pinang: a 671 px chart for a 259 px map). The map
spec records its shapes' aspect and what is drawn under them (``usermeta.fit``, written by
:func:`dalamangka.vegamap.choropleth`); :func:`fitted_height` gives the height at a width. The
browser applies the same rule through CSS (:func:`dalamangka.ui.draw.width_fitted`); the
phone's first-paint picture is drawn at that height (:mod:`dalamangka.firstpaint`), so the page
does not move when the interactive map replaces it. Pure functions (numpy only).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np


def positions(node: Any, out: list[tuple[float, float]]) -> None:
    """Every (x, y) position of GeoJSON ``coordinates`` (any nesting), appended to ``out``."""
    if not isinstance(node, (list, tuple)):
        return
    if len(node) >= 2 and all(isinstance(c, (int, float)) for c in node[:2]):  # a position
        out.append((float(node[0]), float(node[1])))
    else:
        for child in node:
            positions(child, out)


def mercator_y(lat: float | np.ndarray) -> Any:
    """Mercator's y of a latitude (radians of the equator's arc; latitudes clamped to +/-85): the
    one formula of the maps (:mod:`dalamangka.maps`, :mod:`dalamangka.vegamap`)."""
    return np.log(np.tan(np.pi / 4 + np.radians(np.clip(lat, -85.0, 85.0)) / 2))


def aspect(features: Sequence[dict[str, Any]]) -> float | None:
    """Height over width of the features' extent in the map's Mercator projection (what Vega-Lite
    fits into the chart); ``None`` for an extent without width or height (one point, no shapes)."""
    points: list[tuple[float, float]] = []
    for feature in features:
        geometry = feature.get("geometry") or {}
        positions(geometry.get("coordinates"), points)
    if not points:
        return None
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    wide, tall = math.radians(max(lons) - min(lons)), float(mercator_y(max(lats)) - mercator_y(min(lats)))
    if wide <= 0 or tall <= 0:
        return None
    return tall / wide


def fitted_height(spec: dict[str, Any], width: float) -> int:
    """The height a map ``spec`` needs at ``width`` px: its shapes' height at that width plus
    what is drawn under them (the legend), never more than the spec's own height. A wide city on
    a 358 px phone: 450 px instead of 671, none of it blank. A spec without the map's
    ``usermeta.fit`` keeps its height."""
    height = int(spec["height"])
    fit = fit_of(spec)
    if fit is None:
        return height
    return min(height, math.ceil(width * float(fit["aspect"]) + float(fit["below"])))


def fit_of(spec: Any) -> dict[str, float] | None:
    """A map spec's ``usermeta.fit`` (``aspect``, ``below``), or None for any other spec."""
    if not isinstance(spec, dict) or not isinstance(spec.get("height"), (int, float)):
        return None
    fit = (spec.get("usermeta") or {}).get("fit")
    return fit if isinstance(fit, dict) and {"aspect", "below"} <= set(fit) else None
