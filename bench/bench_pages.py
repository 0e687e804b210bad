"""Benchmark 4: server-side rerun time of every page, warm and cold, against an empty page.

Budget: warm p95 <= 150 ms per page. Pages are discovered from pages/*.py and opened through
the app's entrypoint with Streamlit's AppTest (in-process, no browser), with the sidebar choices
of PAGE_PARAMS in the URL. Per page: "cold" reruns start with st.cache_data and
st.cache_resource cleared (the warehouse connection reopened, every query run again); "warm"
reruns use the caches, as a second visitor does. The floor is an empty Streamlit script timed
the same way; the ratio page/floor says how much of a rerun is the page's own work.

    python -m bench.bench_pages [--warm 15] [--cold 3] [--json ...] [--smoke]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import Any

from bench.common import (
    DATA_DIR,
    ROOT,
    TEST_DATA,
    build_warehouse,
    load_avg,
    md_table,
    ms,
    p50_p95,
    temp_dir,
    write_json,
)
from bench.common import pages as discover_pages

BUDGET_MS = 150.0
DEFAULT_PARAMS = {"kota": "Kota Medan"}
# URL parameters per page (the sidebar city and the page's own bound widgets); others: DEFAULT.
PAGE_PARAMS: dict[str, dict[str, str]] = {
    "ringkasan": {"kota": "Kota Medan"},
    "peta": {"kota": "Kota Medan"},
    "tren": {"kota": "Kota Medan"},
    "bandingkan": {"kota": "Kota Medan"},
}
FLOOR = "import streamlit as st\n\nst.empty()\n"


def _timed_runs(at: Any, n: int, clear: bool) -> list[float]:
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


def bench_page(page: str, warm: int, cold: int) -> dict[str, Any]:
    from streamlit.testing.v1 import AppTest

    params = PAGE_PARAMS.get(page, DEFAULT_PARAMS)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(f"pages/{page}.py")
    cold_t = _timed_runs(at, cold, clear=True)
    warm_t = _timed_runs(at, warm, clear=False)
    errors = [str(e.value)[:200] for e in at.exception]
    return {"page": page, "params": params, "cold": cold_t, "warm": warm_t, "errors": errors}


def bench_floor(warm: int, cold: int) -> dict[str, Any]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(FLOOR)
    at.run()
    return {
        "page": "(empty page: floor)",
        "params": {},
        "cold": _timed_runs(at, cold, clear=True),
        "warm": _timed_runs(at, warm, clear=False),
        "errors": [],
    }


def summarise(r: dict[str, Any], floor: dict[str, Any] | None) -> dict[str, Any]:
    c50, c95 = p50_p95(r["cold"])
    w50, w95 = p50_p95(r["warm"])
    out = {
        "page": r["page"],
        "params": r["params"],
        "cold_p50_ms": ms(c50),
        "cold_p95_ms": ms(c95),
        "warm_p50_ms": ms(w50),
        "warm_p95_ms": ms(w95),
        "errors": r["errors"],
    }
    if floor:
        out["warm_ratio"] = round(w50 / p50_p95(floor["warm"])[0], 1)
        out["cold_ratio"] = round(c50 / p50_p95(floor["cold"])[0], 1)
        out["ok"] = w95 * 1000 <= BUDGET_MS and not r["errors"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--warehouse", type=Path)
    ap.add_argument("--data-dir", type=Path, default=DATA_DIR)
    ap.add_argument("--warm", type=int, default=15)
    ap.add_argument("--cold", type=int, default=3)
    ap.add_argument("--pages", nargs="*", help="page names (default: every pages/*.py)")
    ap.add_argument("--json")
    ap.add_argument("--smoke", action="store_true", help="tiny fixture (tests/data), 2 warm, 1 cold")
    a = ap.parse_args()
    if a.smoke:
        a.data_dir, a.warm, a.cold = TEST_DATA, 2, 1
    with temp_dir("bench_pages_") as d:
        path = a.warehouse or build_warehouse(a.data_dir, d)
        os.environ["DALAMANGKA_WAREHOUSE"] = str(path)
        bench_page("ringkasan", 1, 0)  # first run imports the app's modules: not part of any page
        floor = bench_floor(a.warm, a.cold + 2)
        floor_row = summarise(floor, None)
        rows = [summarise(bench_page(p, a.warm, a.cold), floor) for p in (a.pages or discover_pages())]
    print(f"Server-side reruns (AppTest), {a.warm} warm and {a.cold} cold per page (load {load_avg()})\n")
    table = [
        [
            floor_row["page"],
            floor_row["cold_p50_ms"],
            floor_row["cold_p95_ms"],
            floor_row["warm_p50_ms"],
            floor_row["warm_p95_ms"],
            1.0,
            1.0,
            "",
            "",
        ]
    ]
    for r in rows:
        table.append(
            [
                r["page"],
                r["cold_p50_ms"],
                r["cold_p95_ms"],
                r["warm_p50_ms"],
                r["warm_p95_ms"],
                r["cold_ratio"],
                r["warm_ratio"],
                "yes" if r["ok"] else "**no**",
                "; ".join(r["errors"])[:120],
            ]
        )
    print(
        md_table(
            [
                "page",
                "cold p50 ms",
                "cold p95 ms",
                "warm p50 ms",
                "warm p95 ms",
                "cold ÷ floor",
                "warm ÷ floor",
                f"warm p95 ≤ {BUDGET_MS:g} ms",
                "exceptions",
            ],
            table,
        )
    )
    write_json(
        a.json,
        {
            "floor": floor_row,
            "pages": rows,
            "budget_warm_p95_ms": BUDGET_MS,
            "load_avg": load_avg(),
            "ok": all(r["ok"] for r in rows),
        },
    )


if __name__ == "__main__":
    main()
