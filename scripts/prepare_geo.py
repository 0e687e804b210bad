"""Prepare the compact boundary files the product ships in ``data/geo/`` (run once, offline).

Input: the boundary collection in ``../shared/data/geo/`` (provenance and MIT licence in its
``SOURCES.md``, copied to ``data/geo/SOURCES.md``). Output, both GeoParquet (EPSG:4326):

* ``data/geo/kecamatan_kota.parquet``: the kecamatan of every kota (98 kota, 730 kecamatan).
  The five seed cities come from their own, finer files (``kecamatan_<city>.geojson``, tolerance
  0.0002°, the dissolve of the kelurahan files, so the kelurahan layer lines up); the other kota
  from ``kecamatan_kota_indonesia.geojson`` (tolerance 0.0003°), geometry unchanged, except:
  Island cities whose map would exceed ``CITY_BUDGET`` (only Batam) are simplified further
  (coverage_simplify at a growing tolerance, islets below tolerance² dropped).
* ``data/geo/kabkota_indonesia.parquet``: the 514 kab/kota for the national map. All 7,285
  kecamatan of ``kecamatan_indonesia.geojson`` are reduced (island parts smaller than
  ``MIN_PART_DEG2`` dropped, the largest part of a kecamatan always kept), simplified with
  ``shapely.coverage_simplify`` per province (topology preserved inside a province: shared
  borders are simplified once) at ``NATIONAL_TOLERANCE`` degrees, then dissolved by kab/kota
  (Kemendagri code ``kode_kota``). The dissolve is done here, not at build time: the upstream
  kecamatan edges are not exactly noded in 305 of 514 kab/kota, so the fast
  ``shapely.coverage_union`` gives invalid shapes there and the full ``union_all`` overlay takes
  1.3-2.7 s, too much of the 5 s build budget.

Usage: ``.venv/bin/python scripts/prepare_geo.py [--source ../shared/data/geo]``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "geo"
SEED_FILES = ("medan", "palembang", "pangkalpinang", "pekalongan", "tanjungpinang")
CITY_BUDGET = 90_000  # bytes of GeoJSON (5 decimals) per city map; the product budget is 100 KB
NATIONAL_TOLERANCE = 0.02  # degrees (about 2.2 km, under one screen pixel when all Indonesia is shown)
MIN_PART_DEG2 = 3e-4  # square degrees (about 3.7 km²): smaller islands vanish at national scale
KOTA_COLUMNS = [
    "kode_kecamatan",
    "kode_kecamatan_bps",
    "nama_kecamatan",
    "nama_kecamatan_bps",
    "kode_kota",
    "kode_kota_bps",
    "nama_kota",
    "kode_provinsi",
    "nama_provinsi",
    "n_kelurahan",
    "luas_km2",
    "label_lon",
    "label_lat",
    "geometry",
]
NATIONAL_COLUMNS = ["kode_kota", "nama_kota", "kode_provinsi", "n_kecamatan", "geometry"]


def _label_points(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    points = shapely.point_on_surface(frame.geometry.values)
    return frame.assign(
        label_lon=np.round(shapely.get_x(points), 5), label_lat=np.round(shapely.get_y(points), 5)
    )


def kota_layer(source: Path) -> gpd.GeoDataFrame:
    """Kecamatan of every kota; the five seed cities from their finer city files."""
    kota = gpd.read_file(source / "kecamatan_kota_indonesia.geojson")
    seeds = pd.concat([gpd.read_file(source / f"kecamatan_{name}.geojson") for name in SEED_FILES])
    seeds = gpd.GeoDataFrame(seeds, crs=kota.crs)
    labels = pd.read_csv(source / "kecamatan.csv", dtype={"kode_kecamatan": str})
    seeds = seeds.merge(labels[["kode_kecamatan", "label_lon", "label_lat"]], on="kode_kecamatan")
    others = _label_points(kota[~kota.kode_kota.isin(set(seeds.kode_kota))])
    out = pd.concat([seeds.reindex(columns=KOTA_COLUMNS), others.reindex(columns=KOTA_COLUMNS)])
    out = gpd.GeoDataFrame(out, geometry="geometry", crs="EPSG:4326")
    out = out.sort_values("kode_kecamatan").reset_index(drop=True)
    for kode, idx in out.groupby("kode_kota").indices.items():
        geoms = out.geometry.values[idx]
        tolerance = 0.0003
        while _json_bytes(geoms) > CITY_BUDGET:  # island cities (Batam): coarser, tiny islets dropped
            tolerance *= 1.5
            kept = np.array([_drop_small_parts(g, tolerance**2) for g in geoms], dtype=object)
            geoms = shapely.coverage_simplify(kept, tolerance)
            print(f"  {kode}: tolerance {tolerance:.5f}°, {_json_bytes(geoms)} bytes")
        out.loc[out.index[idx], "geometry"] = geoms
    return out


def _json_bytes(geoms: np.ndarray) -> int:
    rounded = shapely.transform(geoms, lambda c: np.round(c, 5))
    return sum(len(shapely.to_geojson(g)) for g in rounded)


def _drop_small_parts(geom: shapely.Geometry, min_area: float) -> shapely.Geometry:
    parts = shapely.get_parts(geom)
    if len(parts) == 1:
        return geom
    areas = shapely.area(parts)
    keep = parts[(areas >= min_area) | (areas == areas.max())]
    return shapely.multipolygons(keep)


def national_layer(source: Path) -> gpd.GeoDataFrame:
    """All kab/kota, from the coarsened national kecamatan layer (see the module docstring)."""
    nat = gpd.read_file(source / "kecamatan_indonesia.geojson")
    geoms = np.array([_drop_small_parts(g, MIN_PART_DEG2) for g in nat.geometry.values], dtype=object)
    simplified = np.empty(len(geoms), dtype=object)
    for _province, idx in nat.groupby("kode_provinsi").indices.items():
        simplified[idx] = shapely.coverage_simplify(geoms[idx], NATIONAL_TOLERANCE)
    rows = []
    for kode, idx in nat.groupby("kode_kota", sort=True).indices.items():
        first = nat.iloc[idx[0]]
        rows.append(
            {
                "kode_kota": kode,
                "nama_kota": first.nama_kota,
                "kode_provinsi": first.kode_provinsi,
                "n_kecamatan": len(idx),
                "geometry": shapely.union_all(simplified[idx]),
            }
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326").reindex(columns=NATIONAL_COLUMNS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "data" / "geo")
    args = parser.parse_args()
    for name, make in (("kecamatan_kota", kota_layer), ("kabkota_indonesia", national_layer)):
        t0 = time.perf_counter()
        frame = make(args.source)
        assert shapely.is_valid(frame.geometry.values).all(), f"{name}: invalid geometry"
        path = OUT / f"{name}.parquet"
        frame.to_parquet(path, compression="zstd", index=False, write_covering_bbox=False)
        coords = int(shapely.get_num_coordinates(frame.geometry.values).sum())
        print(
            f"{path.relative_to(ROOT)}: {len(frame)} shapes, {coords} vertices, "
            f"{path.stat().st_size / 1e6:.2f} MB, {time.perf_counter() - t0:.1f} s"
        )


if __name__ == "__main__":
    main()
