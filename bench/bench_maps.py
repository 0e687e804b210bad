"""Benchmark of the Peta page: geometry sent per map, warm reruns, and the build cost of boundaries.

Budgets (issue 3): a city's kecamatan map sends <= 100 KB of geometry, the national kab/kota map
<= 1.5 MB, a warm rerun of the page <= 150 ms. Geometry bytes are the compact JSON of the
FeatureCollections the figure's choropleth traces carry (each shape once); "figure" is the whole
plotly JSON Streamlit sends. Reruns are timed in-process with AppTest on a fresh warehouse built
from data/ (cold = caches cleared, warm = a second visitor). Prints Markdown tables.

    python -m bench.bench_maps [--warm 15] [--cold 2] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any

from bench.common import (
    DATA_DIR,
    ROOT,
    build_warehouse,
    load_avg,
    md_table,
    ms,
    p50_p95,
    temp_dir,
    write_json,
)

SEEDS = {
    "1275": "Kota Medan",
    "1671": "Kota Palembang",
    "1971": "Kota Pangkal Pinang",
    "3375": "Kota Pekalongan",
    "2172": "Kota Tanjung Pinang",
}
BUDGET_CITY, BUDGET_NATIONAL, BUDGET_MS = 100_000, 1_500_000, 150.0


def _geometry_bytes(spec: dict[str, Any]) -> int:
    total = 0
    for trace in spec["data"]:
        if trace.get("type") == "choropleth":
            total += len(json.dumps(trace["geojson"], separators=(",", ":")))
    return total


def _runs(at: Any, n: int, clear: bool) -> list[float]:
    import streamlit as st

    out = []
    for _ in range(n):
        if clear:
            st.cache_data.clear()
            st.cache_resource.clear()
        t0 = time.perf_counter()
        at.run()
        out.append(time.perf_counter() - t0)
    return out


def bench_view(
    name: str, params: dict[str, str], widgets: dict[str, Any], warm: int, cold: int
) -> dict[str, Any]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("pages/peta.py")
    at.run()
    for key, value in widgets.items():
        at.get("button_group")[0].set_value(value) if key == "peta_tampilan" else at.selectbox(
            key=key
        ).set_value(value)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    cold_t = _runs(at, cold, clear=True)
    _runs(at, 2, clear=False)
    warm_t = _runs(at, warm, clear=False)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    w50, w95 = p50_p95(warm_t)
    return {
        "view": name,
        "geometry_bytes": _geometry_bytes(spec),
        "figure_bytes": len(at.get("plotly_chart")[0].proto.spec),
        "warm_p50_ms": ms(w50),
        "warm_p95_ms": ms(w95),
        "cold_ms": ms(max(cold_t)),
    }


def bench_build(directory: Path) -> dict[str, Any]:
    from dalamangka import geo

    t0 = time.perf_counter()
    geo.shapes_frame(DATA_DIR)
    stager = time.perf_counter() - t0
    t0 = time.perf_counter()
    build_warehouse(DATA_DIR, directory)
    return {"stager_s": round(stager, 3), "build_s": round(time.perf_counter() - t0, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--warm", type=int, default=15)
    parser.add_argument("--cold", type=int, default=2)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    with temp_dir("bench-maps-") as d:
        build = bench_build(d)
        os.environ["DALAMANGKA_WAREHOUSE"] = str(d / "warehouse.duckdb")
        rows = []
        for kota in SEEDS.values():
            rows.append(
                bench_view(
                    f"kecamatan {kota}",
                    {"kota": kota},
                    {"peta_indikator": "penduduk_sp2010_olah_cepat"},
                    args.warm,
                    args.cold,
                )
            )
        rows.append(
            bench_view(
                "nasional (IPM 2021)",
                {"kota": "Kota Medan"},
                {"peta_tampilan": "nasional"},
                args.warm,
                args.cold,
            )
        )
    print(f"load average: {load_avg()}")
    print(f"build: boundary stager {build['stager_s']} s (part of), whole build {build['build_s']} s\n")
    table = []
    for r in rows:
        budget = BUDGET_NATIONAL if r["view"].startswith("nasional") else BUDGET_CITY
        ok = r["geometry_bytes"] <= budget and r["warm_p95_ms"] <= BUDGET_MS
        table.append(
            [
                r["view"],
                f"{r['geometry_bytes'] / 1000:.1f} KB",
                f"{r['figure_bytes'] / 1000:.1f} KB",
                r["warm_p50_ms"],
                r["warm_p95_ms"],
                r["cold_ms"],
                "ok" if ok else "OVER",
            ]
        )
    print(
        md_table(
            ["view", "geometry", "figure JSON", "warm p50 ms", "warm p95 ms", "cold ms", "budget"], table
        )
    )
    write_json(args.json, {"build": build, "views": rows})


if __name__ == "__main__":
    main()
