"""Boundaries: read the shipped GeoParquet/GeoJSON, derive kab/kota, and hand plotly GeoJSON.

Geometry stays here (geopandas/shapely), never in DuckDB's spatial extension. At build time
:func:`stage_shapes` registers ``stage_shapes`` (one row per kecamatan, kab/kota or kelurahan
shape, geometry as WKB) for ``queries/build/2x_*.sql``. The kab/kota layer is the dissolve of the
national kecamatan layer, made offline by ``scripts/prepare_geo.py`` (see its docstring for why
not at build time), keyed here by the BPS code from the BPS-Kemendagri crosswalk
(``data/figures/ref_kabkota_kode_bps_kemendagri.csv``). Provenance: data/geo/SOURCES.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

SEED_FILES = ("medan", "palembang", "pangkalpinang", "pekalongan", "tanjungpinang")
KECAMATAN_DECIMALS = 5  # about 1 m: city maps
NATIONAL_DECIMALS = 3  # about 110 m: the national kab/kota map
SHAPE_COLUMNS = [
    "layer",
    "kode_kemendagri",
    "kode",
    "nama",
    "parent",
    "level",
    "luas_km2",
    "label_lon",
    "label_lat",
    "ada_di_sp2010",
    "wkb",
]


def _crosswalk(data_dir: Path) -> dict[str, str]:
    ref = pd.read_csv(data_dir / "figures" / "ref_kabkota_kode_bps_kemendagri.csv", dtype=str)
    return dict(zip(ref.kode_kemendagri_2025, ref.kode_bps, strict=True))


def kecamatan_kota(data_dir: Path) -> gpd.GeoDataFrame:
    """The kecamatan of every kota (``data/geo/kecamatan_kota.parquet``)."""
    return gpd.read_parquet(data_dir / "geo" / "kecamatan_kota.parquet")


def kelurahan(data_dir: Path) -> gpd.GeoDataFrame:
    """The kelurahan of the five seed cities (``data/geo/kelurahan_<city>.geojson``, those present)."""
    paths = [data_dir / "geo" / f"kelurahan_{name}.geojson" for name in SEED_FILES]
    frames = [gpd.read_file(p) for p in paths if p.exists()]
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs="EPSG:4326")


def kabkota(data_dir: Path) -> gpd.GeoDataFrame:
    """All 514 kab/kota (``data/geo/kabkota_indonesia.parquet``, dissolved offline by
    ``scripts/prepare_geo.py``), keyed by the BPS code from the BPS-Kemendagri crosswalk."""
    kab = gpd.read_parquet(data_dir / "geo" / "kabkota_indonesia.parquet")
    bps = _crosswalk(data_dir)
    return kab.assign(kode_kemendagri=kab.kode_kota, kode=kab.kode_kota.map(bps), nama=kab.nama_kota)


def shapes_frame(data_dir: Path) -> pd.DataFrame:
    """One row per shape of the three layers (kecamatan of kota, kab/kota, kelurahan), WKB geometry."""
    bps = _crosswalk(data_dir)
    kec = kecamatan_kota(data_dir)
    ref_path = data_dir / "figures" / "ref_kecamatan_5kota.csv"
    ref = pd.read_csv(ref_path, dtype=str) if ref_path.exists() else pd.DataFrame(columns=["kode_kec_bps"])
    sp2010 = dict(
        zip(
            ref.kode_kec_bps,
            ref.get("ada_di_sp2010", pd.Series(dtype=str)).map({"True": True, "False": False}),
            strict=True,
        )
    )
    kec_rows = pd.DataFrame(
        {
            "layer": "kecamatan",
            "kode_kemendagri": kec.kode_kecamatan,
            "kode": kec.kode_kecamatan_bps,
            "nama": kec.nama_kecamatan,
            "parent": kec.kode_kota.map(bps),
            "level": "kecamatan",
            "luas_km2": kec.luas_km2,
            "label_lon": kec.label_lon,
            "label_lat": kec.label_lat,
            "ada_di_sp2010": kec.kode_kecamatan_bps.map(sp2010),
            "wkb": shapely.to_wkb(kec.geometry.values),
        }
    )
    kab = kabkota(data_dir)
    kab_points = shapely.point_on_surface(kab.geometry.values)
    kab_rows = pd.DataFrame(
        {
            "layer": "kabkota",
            "kode_kemendagri": kab.kode_kemendagri,
            "kode": kab.kode,
            "nama": kab.nama,
            "parent": kab.kode.str[:2],
            "level": np.where(kab.nama.str.startswith("Kota "), "kota", "kabupaten"),
            "luas_km2": np.nan,
            "label_lon": shapely.get_x(kab_points),
            "label_lat": shapely.get_y(kab_points),
            "wkb": shapely.to_wkb(kab.geometry.values),
        }
    )
    kel = kelurahan(data_dir)
    kel_points = shapely.point_on_surface(kel.geometry.values)
    kel_rows = pd.DataFrame(
        {
            "layer": "kelurahan",
            "kode_kemendagri": kel.kode_kelurahan,
            "kode": kel.kode_kelurahan,  # kelurahan have no BPS code in the sources
            "nama": kel.nama_kelurahan,
            "parent": kel.kode_kecamatan_bps,
            "level": "kelurahan",
            "luas_km2": kel.luas_km2,
            "label_lon": shapely.get_x(kel_points),
            "label_lat": shapely.get_y(kel_points),
            "wkb": shapely.to_wkb(kel.geometry.values),
        }
    )
    frame = pd.concat([kec_rows, kab_rows, kel_rows], ignore_index=True)
    return frame.reindex(columns=SHAPE_COLUMNS).astype({"luas_km2": "float64", "ada_di_sp2010": "boolean"})


def stage_shapes(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """Build stager: register ``stage_shapes`` for ``queries/build/2x_*.sql``."""
    con.register("stage_shapes", shapes_frame(data_dir))


def _rounded(geom: shapely.Geometry, decimals: int) -> dict[str, Any]:
    rounded = shapely.transform(geom, lambda c: np.round(c, decimals))
    rounded = shapely.orient_polygons(rounded, exterior_cw=True)  # d3-geo (plotly) wants clockwise shells
    result: dict[str, Any] = json.loads(shapely.to_geojson(rounded))
    return result


def feature_collection(
    keys: Iterable[str], wkb: Iterable[bytes], decimals: int, props: pd.DataFrame | None = None
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection whose features carry ``id`` = key (plotly ``locations``)."""
    features = []
    records = props.to_dict("records") if props is not None else None
    for i, (key, blob) in enumerate(zip(keys, wkb, strict=True)):
        feature: dict[str, Any] = {
            "type": "Feature",
            "id": key,
            "properties": records[i] if records is not None else {},
            "geometry": _rounded(shapely.from_wkb(bytes(blob)), decimals),
        }
        features.append(feature)
    return {"type": "FeatureCollection", "features": features}


def geometry_bytes(collection: dict[str, Any]) -> int:
    """Size of a FeatureCollection as compact JSON: what a figure sends for its geometry."""
    return len(json.dumps(collection, separators=(",", ":")))


def download_geojson(collection: dict[str, Any], values: pd.DataFrame, key: str) -> bytes:
    """GeoJSON of the map: each feature's geometry plus the values shown (row of ``values``)."""
    rows = values.set_index(key)
    features = []
    for feature in collection["features"]:
        props: dict[str, Any] = {}
        if feature["id"] in rows.index:
            row = rows.loc[feature["id"]]
            props = {
                k: (None if pd.isna(v) else v.item() if hasattr(v, "item") else v) for k, v in row.items()
            }
        features.append(
            {"type": "Feature", "id": feature["id"], "properties": props, "geometry": feature["geometry"]}
        )
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
    return text.encode("utf-8")
