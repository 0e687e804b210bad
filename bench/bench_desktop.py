"""Benchmark: the desktop first view (issue 14), our chart pages against Streamlit's own parts.

Two ``serve --replicas 2`` in one run: our app, and bench/apps/shape.py (a SYNTHETIC page built
from Streamlit's own elements). Each view is a fresh browser context at 1366x900, timed as
../shared/tools/browser_timing.py times it: from navigation until the app is idle and the first
chart is visible, whichever is later. Views are interleaved (one of each per round), so a
change in the machine's load falls on all of them alike; medians of --rounds.

    python -m bench.bench_desktop [--rounds 10] [--json bench/out/desktop.json] [--smoke]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
from typing import Any

from bench.browser import ARGS, visit
from bench.common import (
    CHROMIUM,
    DATA_DIR,
    ROOT,
    TEST_DATA,
    build_warehouse,
    chromium_available,
    load_avg,
    md_table,
    temp_dir,
    write_json,
)
from bench.phone import serve_server

SHAPE_APP = ROOT / "bench" / "apps" / "shape.py"
BUDGET_MS = 500  # over the floor
# (label, parts of bench/apps/shape.py)
SHAPES = (
    ("floor: one metric", "floor"),
    ("one Vega-Lite chart", ""),
    ("chart, title, 3 tabs, 15 captions", "text"),
    ("+ one selectbox", "text_sel"),
    ("+ pills, button, popover, radio (no selectbox)", "text_pills_button_pop_radio"),
    ("+ all of them and a sidebar (language, 514 cities)", "text_sel_pills_button_pop_radio_sb"),
)
OURS = (
    ("Tren", "tren?kota=1275"),
    ("Bandingkan", "bandingkan?kota=1275"),
    ("Peta (kecamatan)", "peta?kota=1275"),
    ("Peta (national)", "peta?kota=1275&tampilan=nasional"),
    ("Kualitas", "kualitas?kota=1275"),
)


def ready(v: dict[str, Any]) -> float | None:
    if v.get("t_idle_ms") is None:
        return None
    return max(v["t_idle_ms"], v["t_chart_ms"] or 0)


async def measure(views: list[tuple[str, str]], rounds: int) -> dict[str, list[float]]:
    from playwright.async_api import async_playwright

    out: dict[str, list[float]] = {label: [] for label, _ in views}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            for _label, url in views:  # one visit each first: every later one is a warm server
                await visit(browser, url, 20)
            for _ in range(rounds):
                for label, url in views:
                    t = ready(await visit(browser, url, 20))
                    if t is not None:
                        out[label].append(t)
        finally:
            await browser.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--json")
    ap.add_argument("--smoke", action="store_true", help="tiny fixture, 1 round, 3 views")
    a = ap.parse_args()
    if not chromium_available():
        sys.exit("Chromium not found at /usr/bin/chromium")
    shapes, ours, rounds = SHAPES, OURS, a.rounds
    if a.smoke:
        shapes, ours, rounds = SHAPES[:2], OURS[:1], 1
    with temp_dir("bench-desktop") as tmp:
        warehouse = build_warehouse(TEST_DATA if a.smoke else DATA_DIR, tmp)
        with (
            serve_server(warehouse, 2, SHAPE_APP) as (shape_base, _),
            serve_server(warehouse, 2) as (base, _),
        ):
            views = [(label, f"{shape_base}/?w={w}") for label, w in shapes]
            views += [(label, f"{base}/{path}") for label, path in ours]
            load = load_avg()
            got = asyncio.run(measure(views, rounds))
    floor = statistics.median(got[SHAPES[0][0]]) if got[SHAPES[0][0]] else None
    rows = []
    for label, times in got.items():
        m = round(statistics.median(times)) if times else None
        over = None if m is None or floor is None else round(m - floor)
        ok = over is not None and over <= BUDGET_MS
        rows.append({"view": label, "median_ms": m, "over_floor_ms": over, "n": len(times),
                     "ours": label in dict(OURS), "within_budget": ok})  # fmt: skip
    print(f"Desktop first view, {rounds} interleaved rounds, load {load} (budget: floor + {BUDGET_MS} ms)")
    print()
    print(md_table(["view", "median ms", "over the floor", "within +0.5 s"],
                   [[r["view"], r["median_ms"], r["over_floor_ms"], "yes" if r["within_budget"] else "no"]
                    for r in rows]))  # fmt: skip
    write_json(a.json, {"benchmark": "desktop", "rounds": rounds, "load": load, "rows": rows})


if __name__ == "__main__":
    main()
