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
- Mercator, fitted to the shapes; no basemap, no tiles, nothing fetched. The projection is done
  here, once per spec (:func:`planar`): the browser draws planar shapes with Vega's identity
  projection (flipped in y) and skips d3-geo's spherical work on every point.

Pure functions: no Streamlit here.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from dalamangka import projector, vega
from dalamangka.mapfit import aspect, positions
from dalamangka.mapfit import mercator_y as mercator_y_radians
from dalamangka.maps import (
    BORDER_COLOR,
    NO_DATA_COLOR,
    OUTLINE_COLOR,
    OUTSIDE_COLOR,
    MapView,
    count_label,
    label_keep,
    names_left,
)
from dalamangka.maps import T as MT

GROUP_PAD = 0.15  # share of a group's extent added around it on its map (at least GROUP_PAD_MIN)
GROUP_PAD_MIN = 1.0  # degree
GROUP_NAMES = 6  # a group map names every member up to this many (else only the chosen region)
NAME_GAP = 12  # px between a dot and its name
NOTE_COLOR = "#d62728"  # the outline of regions with open FGD notes (as notes.markers.map_outline)
SELECT = "wilayah"  # the selection parameter's name (the click's event key)
TOOLTIP_LINES = 4  # name, value (year), rank, share
# each region's ARIA label (what a screen reader says for its shape or dot): its hover lines and
# its class, one field. Vega-Lite's default label joined every encoded field, the looked-up
# boundary as "batas: [object Object]" included, through an expression Streamlit's CSP-safe
# interpreter evaluated for each of the 514 regions on the national map
DESCRIPTION = "d"
_TAG = re.compile(r"<[^>]+>")


def plain(text: str) -> list[str]:
    """A hover text's lines without markup (``<b>``, ``<sup>``), entities decoded."""
    return [html.unescape(_TAG.sub("", part)).strip() for part in re.split(r"<br\s*/?>", text)]


def no_data_label(view: MapView, lang: str) -> str:
    """ "tidak ada data (N wilayah)": the regions without a figure (outside a group not counted)."""
    inside = ~view.frame[view.key].astype(str).isin(view.outside)
    n = int((view.frame[view.value].isna() & inside).sum())
    return f"{MT('no_data', lang)} ({count_label(n, lang)})"


def outside_label(view: MapView, lang: str) -> str:
    """ "bukan anggota kelompok (N wilayah)": the regions a group map draws without a figure."""
    return f"{MT('outside', lang)} ({count_label(len(view.outside), lang)})"


def _features(view: MapView, collection: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """The view's rows as GeoJSON features, in frame order, each carrying its class label and
    tooltip lines as foreign members (the datum Vega-Lite reads); shapes without a row are left
    out, rows without a shape are not drawn (as with plotly)."""
    by_id = {f["id"]: f for f in collection["features"]}
    frame = view.frame.reset_index(drop=True)
    has = frame[view.value].notna().tolist()
    class_of = iter(view.classes.index)
    missing, outside = no_data_label(view, lang), outside_label(view, lang)
    out = []
    for i, (key_value, name) in enumerate(zip(frame[view.key], frame["nama"], strict=True)):
        key = str(key_value)
        label = view.labels[next(class_of)] if has[i] else outside if key in view.outside else missing
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
                DESCRIPTION: "; ".join([*(x for x in lines if x), label]),
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
    have = view.frame[view.value].notna() | view.frame[view.key].astype(str).isin(view.outside)
    domain, colours = list(view.labels), list(view.colors)
    if not have.all():
        domain, colours = [*domain, missing], [*colours, NO_DATA_COLOR]
    if view.outside:  # a comparison group's map: the other regions, drawn without a figure
        domain, colours = [*domain, outside_label(view, lang)], [*colours, OUTSIDE_COLOR]
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
            "description": {"field": DESCRIPTION},
        },
    }
    layers: list[dict[str, Any]] = [shapes]
    focus = None
    if view.outside:  # a comparison group's map: fitted to the group, each member also a dot
        shapes["mark"]["clip"] = True
        members = _member_points(view, features, set(outline))
        focus = _extent(members)
        layers.append(_marker_layer(members, domain, colours, shapes["encoding"]["tooltip"], projected))
        named = [m for m in members if m["pilihan"] or len(members) <= GROUP_NAMES]
        layers += _name_layers(named, size - 1, focus, height)
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
                    "clip": True,
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
    if focus is not None:
        spec["projection"]["fit"] = focus
    ratio = aspect([focus] if focus is not None else features)
    if ratio is not None:  # a narrow screen draws the map only as tall as its shapes need (mapfit)
        spec["usermeta"]["fit"] = {"aspect": round(ratio, 4), "below": legend_px}
    return planar(spec, collection)


def _member_points(view: MapView, features: list[dict[str, Any]], chosen: set[str]) -> list[dict[str, Any]]:
    """A dot per member of a group map at its label point, with its class and tooltip (a kota is
    a few pixels on a national map: the dot makes every member visible)."""
    at = view.frame.set_index(view.key)[["label_lon", "label_lat"]] if "label_lon" in view.frame else None
    out = []
    for f in features:
        if f["kode"] in view.outside or at is None or f["kode"] not in at.index:
            continue
        lon, lat = at.loc[f["kode"]]
        if lon is None or lat is None or lon != lon or lat != lat:  # no label point (NaN)
            continue
        keep = {k: v for k, v in f.items() if k not in ("type", "geometry", "properties")}
        out.append(keep | {"lon": float(lon), "lat": float(lat), "pilihan": f["kode"] in chosen})
    return out


def _extent(points: list[dict[str, Any]]) -> dict[str, Any] | None:
    """What the projection fits on a group map: the corners of the members' extent, padded (a
    MultiPoint, so no ring orientation can turn it inside out)."""
    if not points:
        return None
    lons, lats = [p["lon"] for p in points], [p["lat"] for p in points]
    pad_x = max(GROUP_PAD_MIN, GROUP_PAD * (max(lons) - min(lons)))
    pad_y = max(GROUP_PAD_MIN, GROUP_PAD * (max(lats) - min(lats)))
    corners = [[min(lons) - pad_x, min(lats) - pad_y], [max(lons) + pad_x, max(lats) + pad_y]]
    return {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint", "coordinates": corners}}


def _marker_layer(
    points: list[dict[str, Any]],
    domain: list[str],
    colours: list[str],
    tooltip: list[dict[str, Any]],
    projected: bool,
) -> dict[str, Any]:
    """The members' dots, coloured by the same classes; the chosen region (``pilihan``) larger,
    ringed in black."""
    small = 140 if len(points) <= 20 else 60
    return {
        "data": {"values": points},
        "mark": {"type": "circle", "opacity": 1, "stroke": BORDER_COLOR, "cursor": "pointer", "clip": True},
        "encoding": {
            "longitude": {"field": "lon", "type": "quantitative"},
            "latitude": {"field": "lat", "type": "quantitative"},
            "color": {
                "field": "kelas",
                "type": "nominal",
                "scale": {"domain": domain, "range": colours},
                "legend": None,
            },
            "size": {
                "condition": {"test": "datum.pilihan", "value": small * (4 if projected else 2.5)},
                "value": small * (2 if projected else 1),
            },
            "strokeWidth": {"condition": {"test": "datum.pilihan", "value": 3}, "value": 1},
            "tooltip": tooltip,
            "description": {"field": DESCRIPTION},
        },
    }


def _name_layers(
    points: list[dict[str, Any]], font: int, focus: dict[str, Any] | None, height: int
) -> list[dict[str, Any]]:
    """Names beside a group map's dots, on a white halo: right of the dot, or left of it where
    the name would run past the right edge of a phone's map (:func:`maps.names_left`)."""
    if not points or focus is None:
        return []
    text = {
        "longitude": {"field": "lon", "type": "quantitative"},
        "latitude": {"field": "lat", "type": "quantitative"},
        "text": {"field": "nama"},
    }
    halo = {"color": "white", "stroke": "white", "strokeWidth": 3, "strokeOpacity": 0.85}
    left = names_left([(p["lon"], p["lat"], p["nama"]) for p in points], focus["geometry"]["coordinates"],
                      font, height, gap=NAME_GAP)  # fmt: skip
    layers = []
    for side in (False, True):
        data = [
            {k: p[k] for k in ("lon", "lat", "nama")} for p, f in zip(points, left, strict=True) if f == side
        ]
        if not data:
            continue
        mark = {"type": "text", "fontSize": font, "fontWeight": "bold", "clip": True,
                "align": "right" if side else "left", "dx": -NAME_GAP if side else NAME_GAP}  # fmt: skip
        layers.append({"data": {"values": data}, "mark": mark | halo, "encoding": text})
        layers.append({"data": {"values": data}, "mark": mark | {"color": "#111111"}, "encoding": text})
    return layers


def outlined(spec: dict[str, Any], collection: dict[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    """A copy of a map spec with a red outline around ``keys`` (regions with open FGD notes,
    issue 18); the spec itself is not changed (it may be cached)."""
    wanted = set(keys)
    decimals = (spec.get("usermeta") or {}).get(PLANAR)
    features = [
        f if decimals is None else {**f, "geometry": planar_geometry(f["geometry"], int(decimals))}
        for f in collection["features"]
        if f["id"] in wanted
    ]
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


# A large map's boundaries as a file the browser fetches once (issue 14). Inline, the national
# map's 0.6 MB of boundaries went through Streamlit's spec handling four times per view (dumped,
# parsed, dumped, parsed again for the click: ~125 ms of server time) and the browser's parse
# before the page was idle; the file is the same for every view of the same boundaries.
GEOMETRY_MIN_BYTES = 100_000  # a city's kecamatan map (~10-60 KB) stays inline
GEOMETRY_URL = "app/static/geo/{name}"  # Streamlit's static serving of <app>/static/geo/
_GEO_FIELDS = ("type", "geometry", "properties")


def geometry(spec: dict[str, Any]) -> bytes | None:
    """The boundaries of the map's regions (the spec's top-level features) as a GeoJSON
    FeatureCollection (``id`` = the region's key, its geometry), serialised; ``None`` when the
    spec has none or they are small enough to stay inline (:data:`GEOMETRY_MIN_BYTES`)."""
    values = spec.get("data", {}).get("values")
    if not isinstance(values, list) or not values or not all("geometry" in f for f in values):
        return None
    collection = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "id": f["kode"], "geometry": f["geometry"]} for f in values],
    }
    out = json.dumps(collection, separators=(",", ":"), allow_nan=False).encode()
    return out if len(out) >= GEOMETRY_MIN_BYTES else None


def geometry_name(data: bytes) -> str:
    """The file name of :func:`geometry`'s bytes: named by their digest, so a new boundary
    vintage is a new file and a browser's cached copy is never stale."""
    return f"batas-{hashlib.sha256(data).hexdigest()[:20]}.json"


def with_geometry_url(spec: dict[str, Any], url: str) -> dict[str, Any]:
    """A copy of a map spec whose regions take their boundaries from ``url`` (the file of
    :func:`geometry`), looked up by the region's key: the spec itself carries only the figures.
    Every other field and layer is unchanged."""
    rows = [{k: v for k, v in f.items() if k not in _GEO_FIELDS} for f in spec["data"]["values"]]
    shapes = dict(spec["layer"][0])
    lookup = {
        "lookup": "kode",
        "from": {"data": {"url": url, "format": {"type": "json", "property": "features"}}, "key": "id"},
        "as": "batas",
    }
    shapes["transform"] = [lookup, *shapes.get("transform", [])]
    shapes["encoding"] = {**shapes["encoding"], "shape": {"field": "batas", "type": "geojson"}}
    # Vega-Lite fits the projection to the looked-up shapes as it did to the inline features
    return {**spec, "data": {"values": rows}, "layer": [shapes, *spec["layer"][1:]]}


# Mercator on the server (issue 14). With ``projection: mercator`` Vega runs d3-geo's spherical
# pipeline on every point of every view (antimeridian clipping, adaptive resampling, the
# spherical winding test): ~0.3 s of a laptop's main thread for the national map's 31,000 points,
# on every fresh view. The spec instead carries Web Mercator coordinates (x: the longitude; y:
# Mercator's y in degrees) and Vega draws them with its identity projection, flipped in y and
# fitted to the shapes as before: the same picture, without the spherical work.
PROJECTION = {"type": "identity", "reflectY": True}
PLANAR = "planar"  # usermeta: the decimals of the projected y (outlines added later round alike)
PLANAR_STEPS = 10_000  # y to 1/10,000 of the map's extent: under half a pixel on a 4K projector
PLANAR_MAX_DECIMALS = 6  # ~0.1 m: finer than the boundaries themselves (geo.KECAMATAN_DECIMALS)


def mercator_y(lat: float | np.ndarray) -> Any:
    """Web Mercator's y of a latitude, in degrees (:func:`dalamangka.mapfit.mercator_y`)."""
    return np.degrees(mercator_y_radians(lat))


def planar_decimals(geometries: Sequence[dict[str, Any]]) -> int:
    """The decimals of projected y for shapes of this extent: 1/:data:`PLANAR_STEPS` of it, at
    most :data:`PLANAR_MAX_DECIMALS` (the national map: 3, as its boundaries; a city: 5)."""
    points: list[tuple[float, float]] = []
    for g in geometries:
        positions(g.get("coordinates"), points)
    if not points:
        return PLANAR_MAX_DECIMALS
    xy = np.array(points, float)
    span = float(max(np.ptp(xy[:, 0]), np.ptp(mercator_y(xy[:, 1]))))
    if span <= 0:
        return PLANAR_MAX_DECIMALS
    return min(PLANAR_MAX_DECIMALS, max(0, math.ceil(-math.log10(span / PLANAR_STEPS))))


def _planar_node(node: Any, decimals: int) -> Any:
    if (
        isinstance(node, list)
        and node
        and isinstance(node[0], list)
        and node[0]
        and not isinstance(node[0][0], list)
    ):  # a ring or a line: a list of positions
        xy = np.array([p[:2] for p in node], float)
        ys = np.round(mercator_y(xy[:, 1]), decimals)
        return [[p[0], float(y)] for p, y in zip(node, ys, strict=True)]
    if isinstance(node, list) and node and isinstance(node[0], (int, float)):  # one position
        return [node[0], round(float(mercator_y(float(node[1]))), decimals)]
    return [_planar_node(child, decimals) for child in node] if isinstance(node, list) else node


def planar_geometry(geometry: dict[str, Any], decimals: int) -> dict[str, Any]:
    """A GeoJSON geometry in Web Mercator (x: longitude as it is; y: :func:`mercator_y` rounded
    to ``decimals``); a new dict, the given one unchanged (it may be cached)."""
    if geometry.get("type") == "GeometryCollection":
        return {**geometry, "geometries": [planar_geometry(g, decimals) for g in geometry["geometries"]]}
    return {**geometry, "coordinates": _planar_node(geometry.get("coordinates"), decimals)}


def _planar_data(data: Any, decimals: int) -> Any:
    """A layer's inline values in Web Mercator: features (a list or a FeatureCollection) get
    projected geometries; point rows (``lon``/``lat``) get ``x``/``y``."""
    if not isinstance(data, dict) or "values" not in data:
        return data
    values = data["values"]
    if isinstance(values, dict) and isinstance(values.get("features"), list):
        return {**data, "values": {**values, "features": _planar_rows(values["features"], decimals)}}
    if isinstance(values, list):
        return {**data, "values": _planar_rows(values, decimals)}
    return data


def _planar_rows(rows: list[Any], decimals: int) -> list[Any]:
    out = []
    for row in rows:
        if isinstance(row, dict) and isinstance(row.get("geometry"), dict):
            row = {**row, "geometry": planar_geometry(row["geometry"], decimals)}
        if isinstance(row, dict) and "lon" in row and "lat" in row:
            row = {**row, "x": row["lon"], "y": round(float(mercator_y(float(row["lat"]))), decimals)}
        out.append(row)
    return out


def _planar_encoding(encoding: dict[str, Any]) -> dict[str, Any]:
    """Point layers read the projected ``x``/``y`` through the longitude/latitude channels."""
    out = dict(encoding)
    for channel, field in (("longitude", "x"), ("latitude", "y")):
        if isinstance(out.get(channel), dict) and out[channel].get("field") in ("lon", "lat"):
            out[channel] = {**out[channel], "field": field}
    return out


def planar(spec: dict[str, Any], collection: dict[str, Any]) -> dict[str, Any]:
    """A map spec drawn in lon/lat with Mercator, as the same map in Web Mercator coordinates
    with the identity projection (see :data:`PROJECTION`): every inline shape, point and the
    group map's fitted extent projected, y rounded to the decimals :func:`planar_decimals` gives
    for ``collection`` (written to ``usermeta``). Fields keep their names; point rows keep
    ``lon``/``lat`` and gain ``x``/``y``."""
    decimals = planar_decimals([f["geometry"] for f in collection.get("features", []) if f.get("geometry")])
    out = {**spec, "data": _planar_data(spec.get("data"), decimals)}
    layers = []
    for layer in spec.get("layer", []):
        layer = {**layer}
        if "data" in layer:
            layer["data"] = _planar_data(layer["data"], decimals)
        if "encoding" in layer:
            layer["encoding"] = _planar_encoding(layer["encoding"])
        layers.append(layer)
    out["layer"] = layers
    projection = {k: v for k, v in spec.get("projection", {}).items() if k != "type"}
    if isinstance(projection.get("fit"), dict):
        fit = projection["fit"]
        projection["fit"] = {**fit, "geometry": planar_geometry(fit["geometry"], decimals)}
    out["projection"] = {**PROJECTION, **projection}
    out["usermeta"] = {**spec.get("usermeta", {}), PLANAR: decimals}
    return out
