"""Choropleth maps: classes (mapclassify), colours, legend labels, hover text, label placement
and the lightened national boundaries, assembled into a :class:`MapView`.

Pure functions: DataFrames and GeoJSON in, a :class:`MapView` (and text, frames) out. The map
itself is drawn in Vega-Lite from the view by :mod:`dalamangka.vegamap`: one colour per class (so
the legend names each class's range and count), the regions without a figure ("tidak ada data")
light grey and listed, never coloured as zero.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import shapely
from plotly.colors import sample_colorscale

from dalamangka import fmt, geo
from dalamangka.i18n import COMMON, Text
from dalamangka.mapfit import mercator_y
from dalamangka.state import MAP_MEASURES
from dalamangka.tables import ranked_list, ranks

T = Text(
    {
        "quantiles": ("Kuantil (jumlah wilayah sama)", "Quantiles (equal counts)"),
        "jenks": ("Jeda alami (Jenks)", "Natural breaks (Jenks)"),
        "equal": ("Interval sama", "Equal intervals"),
        "no_data": ("tidak ada data", "no data"),
        "count": ("{n} wilayah", "{n} regions"),
        "count_one": ("{n} wilayah", "{n} region"),
        "better_up": ("makin gelap makin baik", "darker is better"),
        "better_down": ("makin gelap makin buruk", "darker is worse"),
        "neutral": ("makin gelap makin besar", "darker is larger"),
        "rank": ("peringkat {rank} dari {n}", "rank {rank} of {n}"),
        "share": ("{share} dari jumlah kecamatan", "{share} of the sum of kecamatan"),
        "year": ("tahun {year}", "year {year}"),
        "outside": ("bukan anggota kelompok", "not in the group"),
        "rank_group": ("peringkat {rank} dari {n} di kelompok", "rank {rank} of {n} in the group"),
    }
)
# the schemes by their mapclassify class names; mapclassify itself (with scipy and scikit-learn,
# ~1.3 s) is imported on the first map drawn, not when a server starts (a cold first view)
METHODS: dict[str, str] = {"quantiles": "Quantiles", "jenks": "FisherJenks", "equal": "EqualInterval"}
NO_DATA_COLOR = "#d9d9d9"
OUTSIDE_COLOR = "#f6f6f6"  # regions outside a comparison group: drawn, never with a figure
BORDER_COLOR = "#303030"
OUTLINE_COLOR = "#000000"
SCALES = {True: "YlGn", False: "OrRd", None: "Blues"}
# The national map opens on the human development index when it covers most kab/kota.
NATIONAL_DEFAULTS = ("ipm_uhh_lfsp2020", "ipm")
# The kecamatan map opens on the newest population figure; among series of the same year, the
# Dukcapil Semester I 2024 registry (all five seed cities, with its derived ratios) comes first.
KECAMATAN_DEFAULTS = ("penduduk_dukcapil_smt1",)


@dataclass(frozen=True)
class Classes:
    """Class breaks of the figures shown: ``bins`` are mapclassify's upper bounds."""

    method: str
    bins: tuple[float, ...]
    lower: float
    counts: tuple[int, ...]
    index: tuple[int, ...]  # class of each value, in the order given


def classify(values: pd.Series, method: str = "quantiles", k: int = 5) -> Classes:
    """Classes of ``values`` (missing left out) by a mapclassify scheme, at most ``k`` classes.

    Fewer distinct values than ``k`` give as many classes as there are distinct values.
    """
    y = np.asarray(values.dropna(), dtype=float)
    if len(y) == 0:
        return Classes(method, (), float("nan"), (), ())
    k = max(1, min(k, len(np.unique(y))))
    if k == 1:
        return Classes(method, (float(y.max()),), float(y.min()), (len(y),), tuple([0] * len(y)))
    with warnings.catch_warnings():  # FisherJenks without numba: exact, slower, fine for <= 514 values
        warnings.filterwarnings("ignore", message="Numba not installed")
        import mapclassify

        scheme = getattr(mapclassify, METHODS[method])(y, k=k)
    bins = tuple(float(b) for b in scheme.bins)
    counts = tuple(int(c) for c in scheme.counts)
    return Classes(method, bins, float(y.min()), counts, tuple(int(i) for i in scheme.yb))


def palette(n: int, higher_is_better: bool | None) -> list[str]:
    """``n`` colours of a sequential scale, light to dark; green when higher is better, red when
    higher is worse, blue when neither (population, area)."""
    if n <= 0:
        return []
    scale = SCALES.get(higher_is_better, "Blues")
    points = [min(1.0, round(0.2 + 0.8 * i / (n - 1), 6)) for i in range(n)] if n > 1 else [0.7]
    return list(sample_colorscale(scale, points, colortype="rgb"))


def count_label(n: int, lang: str = "id") -> str:
    """``"4 wilayah"`` / ``"1 region"``, ``"4 regions"``."""
    return T("count_one" if n == 1 else "count", lang, n=fmt.number(n, 0, lang))


def legend_labels(classes: Classes, decimals: int, lang: str = "id") -> list[str]:
    """``"1.234 – 5.678 (4 wilayah)"`` per class, in the language's number format."""
    labels = []
    lower = classes.lower
    for upper, count in zip(classes.bins, classes.counts, strict=True):
        rng = f"{fmt.number(lower, decimals, lang)} – {fmt.number(upper, decimals, lang)}"
        labels.append(f"{rng} ({count_label(count, lang)})")
        lower = upper
    return labels


def direction_note(higher_is_better: bool | None, lang: str = "id") -> str:
    key = {True: "better_up", False: "better_down"}.get(higher_is_better, "neutral")  # type: ignore[arg-type]
    return T(key, lang)


def hover_lines(
    frame: pd.DataFrame,
    value: str,
    unit: str,
    decimals: int,
    year: int,
    lang: str = "id",
    rank_key: str = "rank",
) -> list[str]:
    """Hover text per row: name, value with unit and year, rank (``rank_key``: its wording), share
    of the city (if any)."""
    lines = []
    for row in frame.itertuples(index=False):
        v = getattr(row, value)
        parts = [f"<b>{row.nama}</b>"]
        if fmt.is_missing(v) or pd.isna(v):
            parts.append(T("no_data", lang))
        else:
            parts.append(f"{fmt.value(float(v), unit, decimals, lang)} ({T('year', lang, year=year)})")
            rank = getattr(row, "peringkat", None)
            if rank is not None and not pd.isna(rank):
                parts.append(T(rank_key, lang, rank=int(rank), n=int(getattr(row, "n_peringkat", 0))))
            share = getattr(row, "pangsa_persen", None)
            if share is not None and not pd.isna(share):
                parts.append(T("share", lang, share=fmt.value(float(share), "persen", 1, lang)))
        lines.append("<br>".join(parts))
    return lines


PHONE_MAP_WIDTH = 358  # px: the map's width on a 390 px phone (the narrowest screen we draw for)
LABEL_CHAR_WIDTH = 0.6  # an Arial character is at most about 0.6 em wide (names are mixed case)


def _mercator(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.radians(lon), mercator_y(lat)


def names_left(
    points: Sequence[tuple[float, float, str]],
    corners: Sequence[Sequence[float]],
    font: float,
    height_px: float,
    gap: float = 12,
    width_px: float = PHONE_MAP_WIDTH,
) -> list[bool]:
    """For names written right of their points (lon, lat, name) on a Mercator map fitted to
    ``corners`` (two lon/lat corners): True where a name would run past the right edge at a
    phone's map width, so it is written left of its point instead."""
    if not points:
        return []
    cx, cy = _mercator(np.array([c[0] for c in corners], float), np.array([c[1] for c in corners], float))
    scale = min(width_px / max(np.ptp(cx), 1e-9), height_px / max(np.ptp(cy), 1e-9))
    px, _ = _mercator(np.array([p[0] for p in points], float), np.array([p[1] for p in points], float))
    x = (px - cx.mean()) * scale + width_px / 2
    wide = np.array([gap + len(p[2]) * LABEL_CHAR_WIDTH * font for p in points])
    return [bool(v) for v in x + wide > width_px]


def _coords(geometry: dict[str, Any]) -> np.ndarray:
    rings = geometry["coordinates"] if geometry["type"] == "Polygon" else [
        ring for poly in geometry["coordinates"] for ring in poly
    ]  # fmt: skip
    return np.concatenate([np.asarray(r, dtype=float).reshape(-1, 2) for r in rings])


def label_keep(
    frame: pd.DataFrame,
    collection: dict[str, Any],
    key: str,
    font_px: float,
    width_px: float = PHONE_MAP_WIDTH,
    height_px: float = 600,
) -> list[bool]:
    """Which name labels to draw so that none overlaps another on a map ``width_px`` x
    ``height_px`` fitted to the shapes (Mercator). Larger regions are
    placed first; a name that would touch one already placed is left out (it stays in the hover
    and the ranked list). A wider map only spreads the labels apart, so the phone width is safe
    on every screen."""
    feats = {f["id"]: _coords(f["geometry"]) for f in collection["features"] if f.get("geometry")}
    if not feats or "label_lon" not in frame:
        return [False] * len(frame)
    allc = np.concatenate(list(feats.values()))
    x, y = _mercator(allc[:, 0], allc[:, 1])
    # Measured in Chromium (on the former plotly map, fitbounds): the geo frame is about as tall as
    # it is wide, and the longer side of the shapes spans ~90 % of min(width, height) (Medan: 1,015
    # px per degree on a 390 px phone, 1,480 at 1366 px).
    scale = 0.9 * min(width_px, height_px) / max(float(np.ptp(x)), float(np.ptp(y)), 1e-9)
    boxes: list[tuple[float, float, float, float]] = []
    lons = pd.to_numeric(frame.label_lon, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    lats = pd.to_numeric(frame.label_lat, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    lx, ly = _mercator(lons, lats)
    names = [str(n) for n in frame.nama]
    order = []
    for i, fid in enumerate(frame[key]):
        c = feats.get(fid)
        if c is None or np.isnan(lx[i]) or np.isnan(ly[i]):
            continue
        fx, fy = _mercator(c[:, 0], c[:, 1])
        order.append((-float(np.ptp(fx) * np.ptp(fy)), i))
    keep = [False] * len(frame)
    for _, i in sorted(order):
        cx, cy = float(lx[i]) * scale, -float(ly[i]) * scale
        half_w = LABEL_CHAR_WIDTH * font_px * len(names[i]) / 2 + 2
        half_h = 0.65 * font_px + 1
        box = (cx - half_w, cy - half_h, cx + half_w, cy + half_h)
        if all(box[2] <= b[0] or b[2] <= box[0] or box[3] <= b[1] or b[3] <= box[1] for b in boxes):
            boxes.append(box)
            keep[i] = True
    return keep


# --- View assembly for the Peta page (pure: frames in, frames/views/text out) --------------------

V = Text(
    {
        "nilai": ("Angka", "Figure"),
        "kepadatan_bps": ("Kepadatan (luas BPS {year})", "Density (BPS area {year})"),
        "pangsa_persen": ("Pangsa dari kota", "Share of the city"),
        "density_unit": ("jiwa/km²", "people/km²"),
        "density_note_bps": (
            "Kepadatan dihitung di sini: {indicator} {year} ÷ luas wilayah yang dicetak BPS ({area_year}).",
            "Density computed here: {indicator} {year} ÷ area printed by BPS ({area_year}).",
        ),
        "share_note": (
            "Pangsa = angka kecamatan ÷ jumlah angka semua kecamatan kota pada sumber yang sama.",
            "Share = the kecamatan's figure ÷ the sum of all the city's kecamatan figures "
            "in the same source.",
        ),
        "no_data_list": (
            "Tanpa angka (tidak ada data, bukan nol): {names}.",
            "Without a figure (no data, not zero): {names}.",
        ),
        "sp2010": (
            "Angka ini mengacu pada batas kecamatan tahun {year} (SP2010). Kecamatan yang dibentuk "
            "kemudian tidak punya angka sendiri: {names}. Angka kecamatan induknya mencakup wilayah "
            "lamanya; sumber tidak menyebut kecamatan induk mana.",
            "These figures refer to the {year} kecamatan boundaries (SP2010). Kecamatan created later "
            "have no figure of their own: {names}. The figures of their parent kecamatan cover the old "
            "area; the sources do not say which parent.",
        ),
        "incomplete": (
            "Angka tidak mencakup tepat kecamatan saat ini, jadi kepadatan tidak dihitung (batas lama "
            "tidak cocok dengan luas sekarang).",
            "The figures do not cover exactly today's kecamatan, so density is not computed (old "
            "boundaries do not match today's areas).",
        ),
        "no_density": (
            "Kepadatan per kecamatan tidak dihitung untuk angka ini: kepadatan hanya dihitung dari angka "
            "penduduk BPS dan luas wilayah yang dicetak BPS pada edisi yang sezaman. Luas poligon batas "
            "hanya untuk tampilan.",
            "Kecamatan density is not computed for these figures: density is computed only from BPS "
            "population figures and the area BPS printed in an edition of about the same time. The "
            "boundary polygons' areas are for display only.",
        ),
        "few_classes": (
            "Hanya {n} nilai berbeda: peta memakai {n} kelas.",
            "Only {n} distinct values: the map uses {n} classes.",
        ),
        "boundary_cite": (
            "batas wilayah Kemendagri 2025 via cahyadsn/wilayah_boundaries (MIT), disederhanakan",
            "Kemendagri 2025 boundaries via cahyadsn/wilayah_boundaries (MIT), simplified",
        ),
        "registry": ("data registrasi Dukcapil, bukan angka BPS", "Dukcapil registry data, not BPS figures"),
        "kelurahan": (
            "**{n} kelurahan** (dari data batas): {names}",
            "**{n} kelurahan** (from the boundary data): {names}",
        ),
        "no_kelurahan": (
            "Batas kelurahan untuk kota ini tidak ada dalam data.",
            "The data hold no kelurahan boundaries for this city.",
        ),
        "col_indicator": ("Indikator", "Indicator"),
        "col_year": ("Tahun", "Year"),
        "col_value": ("Nilai", "Value"),
        "col_status": ("Status", "Status"),
        "col_source": ("Sumber", "Source"),
        "derived": ("dihitung", "derived"),
    }
)
# the measures a kecamatan map can draw (the URL's choices); no density from the boundary
# polygons' areas: they are for display only, and the published areas differ (Palembang's
# Seberang Ulu Satu: 6,1 km² printed, 3,9 km² as drawn; data/geo/SOURCES.md)
MEASURES = MAP_MEASURES


@dataclass(frozen=True)
class MapView:
    """Everything a map shows: rows (one per shape), classes, legend, hover and notes."""

    frame: pd.DataFrame
    key: str
    value: str
    unit: str
    decimals: int
    classes: Classes
    colors: list[str]
    labels: list[str]
    hover: list[str]
    legend_title: str
    title: str
    notes: list[str]
    source_ids: list[str]
    extra_sources: list[str]
    outside: frozenset[str] = frozenset()  # keys drawn as outside the group (no figure shown)


def _name(meta: Any, lang: str) -> str:
    return str(meta["short_en"] if lang == "en" else meta["short_id"])


def _unit(meta: Any, lang: str) -> str:
    return str(meta["unit_en"] if lang == "en" else meta["unit_id"])


def _hib(meta: Any) -> bool | None:
    value = meta["higher_is_better"]
    return None if pd.isna(value) else bool(value)


def indicator_names(catalog: pd.DataFrame, lang: str) -> dict[str, str]:
    """Indicator code -> short name, the default first (see the comments), then by coverage."""
    if "n_kecamatan" in catalog:  # kecamatan: population first, the newest year, then the widest coverage
        widest = catalog.groupby("indicator")["n_kecamatan"].transform("max")
        newest = catalog.groupby("indicator")["tahun"].transform("max")
        preferred = catalog.indicator.map({c: i for i, c in enumerate(KECAMATAN_DEFAULTS)}).fillna(
            len(KECAMATAN_DEFAULTS)
        )
        first = catalog.assign(_a=catalog.concept.ne("penduduk"), _n=-newest, _p=preferred, _b=-widest)
        first = first.sort_values(["_a", "_n", "_p", "_b"], kind="stable").drop_duplicates("indicator")
        return {str(row["indicator"]): _name(row, lang) for row in first.to_dict("records")}
    else:  # kab/kota: the HDI first where it covers most regions, then the widest coverage
        widest = catalog.groupby("indicator")["n_wilayah"].transform("max")
        rank = catalog.indicator.map({c: i for i, c in enumerate(NATIONAL_DEFAULTS)}).fillna(
            len(NATIONAL_DEFAULTS)
        )
        first = catalog.assign(_a=rank.where(widest >= 400, len(NATIONAL_DEFAULTS)), _b=-widest)
    first = first.sort_values(["_a", "_b"], kind="stable").drop_duplicates("indicator")
    return {str(row["indicator"]): _name(row, lang) for row in first.to_dict("records")}


def measures(values: pd.DataFrame, meta: Any) -> list[str]:
    """The measures a kecamatan map can show for this indicator (those with any figure)."""
    out = ["nilai"]
    for m in MEASURES[1:]:
        if m in values and values[m].notna().any():
            out.append(m)
    return out


def no_density(values: pd.DataFrame, meta: Any, lang: str) -> str | None:
    """Why a population map of today's kecamatan offers no density (the measure picker says it):
    no area BPS printed near the figure's year, or the figure is not BPS's own (a registry)."""
    if meta["concept"] != "penduduk" or not len(values) or not bool(values.cakupan_lengkap.iloc[0]):
        return None  # not a population, or old boundaries (the map's own note says so)
    return None if values.kepadatan_bps.notna().any() else V("no_density", lang)


def measure_label(measure: str, values: pd.DataFrame, lang: str) -> str:
    if measure == "kepadatan_bps":
        years = values.luas_bps_tahun.dropna()
        return V(measure, lang, year=int(years.max()) if len(years) else "")
    return V(measure, lang)


def _classes(
    frame: pd.DataFrame, value: str, method: str, k: int, hib: bool | None, decimals: int, lang: str
) -> tuple[Classes, list[str], list[str]]:
    classes = classify(frame[value], method, k)
    colors = palette(len(classes.bins), hib)
    return classes, colors, legend_labels(classes, decimals, lang)


def kecamatan_view(
    values: pd.DataFrame,
    shapes: pd.DataFrame,
    meta: Any,
    measure: str,
    method: str,
    k: int,
    tahun: int,
    lang: str = "id",
) -> MapView:
    """The kecamatan map of one indicator, year and measure (rows of map_kecamatan_values)."""
    frame = values.merge(
        shapes[["kode_kemendagri", "label_lon", "label_lat"]], on="kode_kemendagri", how="left"
    )
    name, unit, decimals, hib = _name(meta, lang), _unit(meta, lang), int(meta["decimals"]), _hib(meta)
    notes: list[str] = []
    if measure == "kepadatan_bps":
        unit, decimals, hib = V("density_unit", lang), 0, None
        area_year = values.luas_bps_tahun.dropna()
        notes.append(
            V(
                "density_note_bps",
                lang,
                indicator=name,
                year=tahun,
                area_year=int(area_year.max()) if len(area_year) else "",
            )
        )
    elif measure == "pangsa_persen":
        unit, decimals = "persen", 1
        notes.append(V("share_note", lang))
    classes, colors, labels = _classes(frame, measure, method, k, hib, decimals, lang)
    if 0 < len(classes.bins) < k:
        notes.append(V("few_classes", lang, n=len(classes.bins)))
    missing = frame[frame[measure].isna()]
    later = frame[frame.ada_di_sp2010.eq(False) & frame.nilai.isna()]
    if tahun <= 2010 and len(later):
        notes.append(V("sp2010", lang, year=tahun, names=", ".join(later.nama)))
    if len(missing):
        notes.append(V("no_data_list", lang, names=", ".join(missing.nama)))
    if meta["concept"] == "penduduk" and not bool(values.cakupan_lengkap.iloc[0]) if len(values) else False:
        notes.append(V("incomplete", lang))
    # Ranks (hover, ranked list) are those of the measure drawn: a density map ranks by
    # density, not by the population the query ranked (the "peringkat 3 dari 21" bug).
    frame = frame.assign(peringkat=ranks(frame[measure], hib), n_peringkat=int(frame[measure].notna().sum()))
    hover = hover_lines(frame, measure, unit, decimals, tahun, lang)
    sources = sorted(frame.source_id.dropna().unique().tolist())
    extra = [V("boundary_cite", lang)]
    if "dukcapil" in str(meta["indicator"]):
        extra.insert(0, V("registry", lang))
    title = f"{measure_label(measure, values, lang) if measure != 'nilai' else name} · {tahun}"
    unit_text = fmt.unit_label(unit, lang)
    legend_title = (
        f"{unit_text}<br><sup>{direction_note(hib, lang)}</sup>" if unit_text else direction_note(hib, lang)
    )
    return MapView(
        frame,
        "kode_kemendagri",
        measure,
        unit,
        decimals,
        classes,
        colors,
        labels,
        hover,
        legend_title,
        title,
        notes,
        sources,
        extra,
    )


def national_view(
    values: pd.DataFrame,
    meta: Any,
    method: str,
    k: int,
    tahun: int,
    lang: str = "id",
    members: Sequence[str] | None = None,
) -> MapView:
    """The kab/kota map of one indicator and year (rows of map_kabkota_values).

    ``members``: a comparison group (Bandingkan). Only its regions keep their figures; classes
    and ranks are the group's (the ranks of its bars), and every other region is drawn as
    outside the group, never with a figure, a class or a rank."""
    name, unit, decimals, hib = _name(meta, lang), _unit(meta, lang), int(meta["decimals"]), _hib(meta)
    outside: frozenset[str] = frozenset()
    if members is not None:
        inside = values.kode.isin(list(members))
        outside = frozenset(values.kode[~inside].astype(str))
        kept = values.nilai.where(inside)
        values = values.assign(nilai=kept, status=values.status.where(inside),
                               source_id=values.source_id.where(inside))  # fmt: skip
        key = kept if hib is False else -kept  # as the bars: rank 1 best, ties share the lower rank
        values["peringkat"] = key.rank(method="min").astype("Int64")
        values["n_peringkat"] = pd.array([int(kept.notna().sum())] * len(values), dtype="Int64")
    classes, colors, labels = _classes(values, "nilai", method, k, hib, decimals, lang)
    rank_key = "rank" if members is None else "rank_group"
    hover = hover_lines(values, "nilai", unit, decimals, tahun, lang, rank_key)
    if outside:
        hover = [f"<b>{n}</b><br>{T('outside', lang)}" if kode in outside else h
                 for kode, n, h in zip(values.kode, values.nama, hover, strict=True)]  # fmt: skip
    sources = sorted(values.source_id.dropna().unique().tolist())
    missing = values[values.nilai.isna() & ~values.kode.isin(outside)]
    notes = [V("no_data_list", lang, names=", ".join(missing.nama))] if len(missing) else []
    unit_text = fmt.unit_label(unit, lang)
    legend_title = (
        f"{unit_text}<br><sup>{direction_note(hib, lang)}</sup>" if unit_text else direction_note(hib, lang)
    )
    return MapView(
        values,
        "kode",
        "nilai",
        unit,
        decimals,
        classes,
        colors,
        labels,
        hover,
        legend_title,
        f"{name} · {tahun}",
        notes,
        sources,
        [V("boundary_cite", lang)],
        outside,
    )


# The national map's boundaries, lightened once per warehouse (issue 14: the national Peta sent
# ~0.8 MB of GeoJSON per visit). At the national scale one screen pixel is about 0.04-0.05 degree
# (Indonesia's 46 degrees on a 900-1,100 px map), so all three steps stay under a pixel.
NATIONAL_TOLERANCE = 0.01  # degree (~1.1 km): coverage simplification of the shared borders
NATIONAL_LIGHT_DECIMALS = 2  # 0.01 degree grid
NATIONAL_MIN_HOLE = 1e-5  # square degree (~0.12 km2): the dissolve's slivers; no region is this small


def _without_small_holes(geoms: list[shapely.Geometry], min_area: float) -> list[shapely.Geometry]:
    """Fill the interior rings smaller than ``min_area`` that hold no other region (a real
    enclave, however small, stays a hole)."""
    tree = shapely.STRtree(geoms)
    out = []
    for i, geom in enumerate(geoms):
        parts = []
        for poly in shapely.get_parts(geom):
            holes = []
            for ring in poly.interiors:
                hole = shapely.Polygon(ring)
                inside = [j for j in tree.query(hole, predicate="contains") if j != i]
                if shapely.area(hole) >= min_area or inside:
                    holes.append(ring)
            parts.append(shapely.Polygon(poly.exterior, holes))
        out.append(shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0])
    return out


def national_collection(rows: pd.DataFrame) -> dict[str, Any]:
    """The kab/kota boundaries (``map_kabkota_shapes`` rows) as GeoJSON, lightened without
    changing a figure: the dissolve's sliver holes under :data:`NATIONAL_MIN_HOLE` filled (unless
    another region lies in one), the borders simplified as one coverage
    (``shapely.coverage_simplify``: a border shared by two regions is simplified once, so no gap or
    overlap opens between them) and the coordinates put on a 0.01 degree grid (a shared vertex
    rounds the same on both sides). Every region keeps its id and every part; the boundary vintage
    (Kemendagri 2025) is unchanged."""
    geoms = _without_small_holes([shapely.from_wkb(bytes(b)) for b in rows.wkb], NATIONAL_MIN_HOLE)
    light = shapely.coverage_simplify(np.array(geoms, dtype=object), NATIONAL_TOLERANCE)
    collection = geo.feature_collection(rows.kode, shapely.to_wkb(light), NATIONAL_LIGHT_DECIMALS)
    for feature in collection["features"]:  # the repeats the rounding made, dropped
        g = feature["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        for poly in polys:
            poly[:] = [_no_repeats(ring) for ring in poly]
    return collection


def _no_repeats(ring: list[list[float]]) -> list[list[float]]:
    """A ring without consecutive repeated points; a ring the grid collapsed (a tiny island) is
    kept as it is, so no part of a region disappears."""
    out = [p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]]
    return out if len(out) >= 4 else ring


def ranked_regions(view: MapView, chosen: tuple[str, ...] | list[str] = ()) -> pd.DataFrame:
    """The map's regions in rank order of the measure drawn, for the list beside the map.

    The ranks are the frame's own ``peringkat`` (the ones the hover shows), the values rounded
    as the legend shows them; rows without a figure come last. Columns as
    :func:`dalamangka.tables.ranked_list` (peringkat, n, kode, nama, nilai, dipilih, and the
    map key when it is not ``kode``).
    """
    frame = view.frame
    out = ranked_list(frame, view.value, None, view.decimals, chosen, key=view.key)
    # The national frame's ranks come from SQL as pandas Int64 with <NA> for regions without a
    # figure: read them as float with NaN (``astype(float)`` on an object column of NA fails).
    own = (
        pd.to_numeric(frame["peringkat"], errors="coerce").astype("Float64").to_numpy(float, na_value=np.nan)
    )
    by_key = dict(zip(frame[view.key], own, strict=True))
    out["peringkat"] = out[view.key].map(by_key).astype(float)
    out.loc[out.nilai.isna(), "peringkat"] = np.nan  # a missing figure is listed, never ranked
    return out.sort_values(["peringkat", "nama"], na_position="last", kind="stable").reset_index(drop=True)


def fingerprint(view: MapView, *extra: object) -> str:
    """A short digest of everything a map view draws (the figure cache key)."""
    parts = [
        view.frame[[view.key, view.value]].to_json(),
        view.labels,
        view.colors,
        view.hover,
        view.title,
        view.legend_title,
        [str(x) for x in extra],
    ]
    return hashlib.sha1(json.dumps(parts, default=str).encode()).hexdigest()


def source_text(view: MapView, sources: pd.DataFrame, lang: str) -> str:
    """The 'Sumber' line: the citations of the figures shown, then the boundary source."""
    cite = sources.set_index("source_id")["cite_en" if lang == "en" else "cite_id"]
    parts = [str(cite[s]) for s in view.source_ids if s in cite.index]
    return "; ".join(parts + view.extra_sources)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The map's data as CSV (no geometry, no hover text)."""
    drop = [c for c in ("_hover", "wkb") if c in frame]
    return frame.drop(columns=drop).to_csv(index=False).encode("utf-8")


def profile_table(profile: pd.DataFrame, sources: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A kecamatan's figures as a table of formatted text (every indicator, every year)."""
    cite = sources.set_index("source_id")["cite_en" if lang == "en" else "cite_id"]
    rows = []
    for r in profile.to_dict("records"):
        unit = str(r["unit_en"] if lang == "en" else r["unit_id"])
        rows.append(
            {
                V("col_indicator", lang): r["short_en"] if lang == "en" else r["short_id"],
                V("col_year", lang): str(r["tahun"]),
                V("col_value", lang): fmt.value(float(r["nilai"]), unit, int(r["decimals"]), lang),
                V("col_status", lang): COMMON(f"status_{r['status']}", lang),
                V("col_source", lang): str(cite.get(r["source_id"], r["source_id"]))
                + (f" ({V('derived', lang)})" if r["derived"] else ""),
            }
        )
    return pd.DataFrame(rows)


def kelurahan_text(names: list[str], lang: str) -> str:
    if not names:
        return V("no_kelurahan", lang)
    return V("kelurahan", lang, n=fmt.number(len(names), 0, lang), names=", ".join(names))
