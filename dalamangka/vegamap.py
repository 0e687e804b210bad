"""Light choropleth maps: a Vega-Lite spec of a :class:`dalamangka.maps.MapView` (issue 14).

The plotly choropleth needs plotly's 1.1 MB (compressed) chunk and seconds of phone CPU before
the first map shows; Vega's chunk is 230 KB and is already loaded by the other charts. This
builder draws the same map from the same :class:`~dalamangka.maps.MapView` (classes, colours,
legend labels, hover lines, notes), so every figure and word is unchanged:

- one ``geoshape`` layer, each feature coloured by its class (legend: the class ranges with their
  counts, then "tidak ada data" in grey: a region without a figure is never coloured as zero);
- the tooltip: the hover lines of the view (name, value and year, rank, share), as plain text;
- optional layers: the chosen region's outline, kelurahan borders, names at label points;
- a click selects a region (``params``: point selection on ``kode``), which Streamlit returns
  through ``on_select`` (see :func:`dalamangka.ui.vegamapchart.vega_map_chart`);
- Mercator, fitted to the shapes; no basemap, no tiles, nothing fetched.

Pure functions: no Streamlit here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from dalamangka import projector, vega
from dalamangka.maps import BORDER_COLOR, NO_DATA_COLOR, OUTLINE_COLOR, MapView, count_label, label_keep
from dalamangka.maps import T as MT

NOTE_COLOR = "#d62728"  # the outline of regions with open FGD notes (as notes.markers.map_outline)
SELECT = "wilayah"  # the selection parameter's name (the click's event key)
TOOLTIP_LINES = 4  # name, value (year), rank, share
_TAG = re.compile(r"<[^>]+>")


def plain(text: str) -> list[str]:
    """A hover text's lines without markup (``<b>``, ``<sup>``), entities decoded."""
    return [html.unescape(_TAG.sub("", part)).strip() for part in re.split(r"<br\s*/?>", text)]


def no_data_label(view: MapView, lang: str) -> str:
    n = int(view.frame[view.value].isna().sum())
    return f"{MT('no_data', lang)} ({count_label(n, lang)})"


def _features(view: MapView, collection: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """The view's rows as GeoJSON features, in frame order, each carrying its class label and
    tooltip lines as foreign members (the datum Vega-Lite reads); shapes without a row are left
    out, rows without a shape are not drawn (as with plotly)."""
    by_id = {f["id"]: f for f in collection["features"]}
    frame = view.frame.reset_index(drop=True)
    has = frame[view.value].notna().tolist()
    class_of = iter(view.classes.index)
    missing = no_data_label(view, lang)
    out = []
    for i, (key_value, name) in enumerate(zip(frame[view.key], frame["nama"], strict=True)):
        key = str(key_value)
        label = view.labels[next(class_of)] if has[i] else missing
        feature = by_id.get(key)
        if feature is None:
            continue
        lines = plain(view.hover[i])
        extra = {f"h{j}": (lines[j] if j < len(lines) else "") for j in range(TOOLTIP_LINES)}
        out.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {},
                "kode": key,
                "nama": str(name),
                "kelas": label,
                **extra,
            }
        )
    return out


def choropleth(
    view: MapView,
    collection: dict[str, Any],
    lang: str = "id",
    *,
    outline: Sequence[str] = (),
    kelurahan: dict[str, Any] | None = None,
    names: bool = False,
    border_width: float = 1.0,
    height: int = 520,
    projected: bool = False,
) -> dict[str, Any]:
    """The Vega-Lite spec of the map of ``view`` over ``collection`` (features with ``id`` = key).

    ``outline``: keys drawn with a thick black border (the chosen city on the national map);
    ``kelurahan``: a FeatureCollection of inner borders; ``names``: region names at the view's
    label points (``label_lon``/``label_lat``)."""
    features = _features(view, collection, lang)
    missing = no_data_label(view, lang)
    domain = [*view.labels, missing] if view.frame[view.value].isna().any() else list(view.labels)
    colours = [*view.colors, NO_DATA_COLOR][: len(domain)]
    legend_title = plain(view.legend_title) if view.legend_title else []
    size = projector.BASE_FONT if projected else 13
    tooltip = [{"field": "h0", "title": " "}] + [
        {"field": f"h{j}", "title": " " * (j + 1)} for j in range(1, TOOLTIP_LINES)
    ]
    shapes: dict[str, Any] = {
        "mark": {
            "type": "geoshape",
            "stroke": BORDER_COLOR,
            "strokeWidth": border_width * (2 if projected else 1),
            "cursor": "pointer",
        },
        "params": [{"name": SELECT, "select": {"type": "point", "fields": ["kode"], "on": "click"}}],
        "encoding": {
            "color": {
                "field": "kelas",
                "type": "nominal",
                "scale": {"domain": domain, "range": colours},
                "legend": {
                    "title": legend_title or None,
                    "orient": "bottom",
                    "direction": "vertical",
                    "columns": 1,
                    "labelLimit": 0,
                    "titleLimit": 0,
                    "symbolType": "square",
                    "symbolSize": 260 if projected else 160,
                },
            },
            "tooltip": [t for t in tooltip if any(f.get(t["field"]) for f in features)],
        },
    }
    layers: list[dict[str, Any]] = [shapes]
    if kelurahan is not None and kelurahan.get("features"):
        layers.append(
            {
                "data": {"values": kelurahan, "format": {"type": "json", "property": "features"}},
                "mark": {"type": "geoshape", "filled": False, "stroke": "#555555", "strokeWidth": 0.6},
            }
        )
    chosen = [f for f in collection["features"] if f["id"] in set(outline)]
    if chosen:
        layers.append(
            {
                "data": {"values": {"type": "FeatureCollection", "features": chosen}},
                "mark": {
                    "type": "geoshape",
                    "filled": False,
                    "stroke": OUTLINE_COLOR,
                    "strokeWidth": 3.5 if projected else 2.5,
                },
            }
        )
    if names and {"label_lon", "label_lat"} <= set(view.frame.columns):
        font = size if len(view.frame) <= 10 else size - 2
        # names that would overlap at a phone's map width are left out (they stay in the tooltip
        # and the ranked list): maps.label_keep, largest region first
        keep = label_keep(view.frame, collection, view.key, font, height_px=height)
        at = view.frame[keep].dropna(subset=["label_lon", "label_lat"])
        points = [
            {"lon": float(lon), "lat": float(lat), "nama": str(n)}
            for lon, lat, n in zip(at.label_lon, at.label_lat, at.nama, strict=True)
        ]
        text = {
            "longitude": {"field": "lon", "type": "quantitative"},
            "latitude": {"field": "lat", "type": "quantitative"},
            "text": {"field": "nama"},
        }
        mark = {"type": "text", "fontSize": font, "fontWeight": "bold"}
        # a white halo under the names (readable on the dark classes), then the names
        layers.append(
            {
                "data": {"values": points},
                "mark": mark | {"color": "white", "stroke": "white", "strokeWidth": 3, "strokeOpacity": 0.85},
                "encoding": text,
            }
        )
        layers.append({"data": {"values": points}, "mark": mark | {"color": "#111111"}, "encoding": text})
    # Streamlit fits a stretched chart's whole height (legend included) into ``height``: add the
    # legend's rows, so the map itself keeps ``height`` px
    legend_px = 44 + (24 if projected else 21) * (len(domain) + len(legend_title))
    spec: dict[str, Any] = {
        "$schema": vega.SCHEMA,
        "data": {"values": features},
        "width": "container",
        "height": height + legend_px,
        "projection": {"type": "mercator"},
        "config": vega.config(lang, projected),
        "layer": layers,
        "usermeta": {"embedOptions": {"renderer": "svg"}},
    }
    return spec


def outlined(spec: dict[str, Any], collection: dict[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    """A copy of a map spec with a red outline around ``keys`` (regions with open FGD notes,
    issue 18); the spec itself is not changed (it may be cached)."""
    wanted = set(keys)
    features = [f for f in collection["features"] if f["id"] in wanted]
    if not features:
        return spec
    layer = {
        "data": {"values": {"type": "FeatureCollection", "features": features}},
        "mark": {"type": "geoshape", "filled": False, "stroke": NOTE_COLOR, "strokeWidth": 3},
    }
    return spec | {"layer": [*spec["layer"], layer]}


def selected(event: Any) -> str | None:
    """The region key a click selected, from Streamlit's ``on_select`` event (or None)."""
    try:
        points = event.selection[SELECT]
    except (AttributeError, KeyError, TypeError):
        return None
    for point in points or []:
        key = point.get("kode") if isinstance(point, dict) else None
        if key:
            return str(key)
    return None
