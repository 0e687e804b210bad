"""Benchmark 5: page views in a real browser (streamlit run + Playwright + Debian's Chromium).

Budgets: first chart <= 1.5 s warm; a city's kecamatan map <= 100 KB of geometry, the national
map <= 1.5 MB. Pages are discovered from pages/*.py; VIEWS gives the URL of each (the sidebar
city and page widgets bound to the URL). Per page the server is started afresh, so the first
view is cold (empty caches, first run of the page's modules); then --warm views follow, each in
a fresh browser context (new Streamlit session, empty HTTP cache). Timed from navigation to the
first chart visible (plotly, pydeck, vega, iframe or a metric card), to the app idle, and to the
first chart element received from the server ("sent": the server's part of the wait).
Websocket bytes are everything the server sent in the view; each map's GeoJSON is measured
separately by decoding the ForwardMsg frames (bench/browser.py).

    python -m bench.bench_browser [--warm 5] [--pages ringkasan peta] [--json ...] [--smoke]
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
from typing import Any

from bench.browser import ARGS, geojson_payloads, visit
from bench.common import (
    CHROMIUM,
    DATA_DIR,
    TEST_DATA,
    build_warehouse,
    chromium_available,
    load_avg,
    md_table,
    p50_p95,
    streamlit_server,
    temp_dir,
    write_json,
)
from bench.common import pages as discover_pages

BUDGET_CHART_MS = 1500.0
BUDGET_CITY_MAP_KB = 100.0
BUDGET_NATIONAL_MAP_KB = 1500.0
NATIONAL_FEATURES = 400  # a map of more features than this is a national one (514 kab/kota)
DEFAULT_VIEW = "kota=Kota+Medan"
# URL query string per page view; a page may list several views (e.g. two map layers).
VIEWS: dict[str, list[str]] = {
    "ringkasan": ["kota=Kota+Medan"],
    "peta": ["kota=Kota+Medan", "kota=Kota+Medan&tampilan=nasional"],
    "tren": ["kota=Kota+Medan"],
    "bandingkan": ["kota=Kota+Medan"],
}


def url_of(base: str, page: str, query: str) -> str:
    return f"{base}/{page}" + (f"?{query}" if query else "")


async def bench_view(browser: Any, base: str, page: str, query: str, warm: int) -> dict[str, Any]:
    url = url_of(base, page, query)
    cold = await visit(browser, url)
    warms = [await visit(browser, url) for _ in range(warm)]
    charts = [w["t_chart_ms"] for w in warms if w["t_chart_ms"] is not None]
    idles = [w["t_idle_ms"] for w in warms if w["t_idle_ms"] is not None]
    sent = [w["t_sent_ms"] for w in warms if w["t_sent_ms"] is not None]
    maps = geojson_payloads(warms[-1]["frames"] if warms else cold["frames"])
    out: dict[str, Any] = {
        "page": page,
        "view": query,
        "cold_chart_ms": cold["t_chart_ms"],
        "cold_idle_ms": cold["t_idle_ms"],
        "warm_chart_p50_ms": p50_p95(charts)[0] if charts else None,
        "warm_chart_p95_ms": p50_p95(charts)[1] if charts else None,
        "warm_idle_p50_ms": p50_p95(idles)[0] if idles else None,
        "cold_sent_ms": cold["t_sent_ms"],
        "warm_sent_p50_ms": p50_p95(sent)[0] if sent else None,
        "ws_kb_cold": cold["ws_bytes"] / 1024,
        "ws_kb_warm": p50_p95([w["ws_bytes"] for w in warms])[0] / 1024 if warms else None,
        "charts": cold["charts"],
        "exceptions": max([cold["exceptions"]] + [w["exceptions"] for w in warms]),
        "errors": [v["error"] for v in [cold, *warms] if "error" in v],
        "exception_text": next((v["exception_text"] for v in [cold, *warms] if "exception_text" in v), None),
        "maps": [{**m, "kind": "national" if m["features"] > NATIONAL_FEATURES else "city"} for m in maps],
    }
    out["maps_ok"] = all(
        m["bytes"] / 1024 <= (BUDGET_NATIONAL_MAP_KB if m["kind"] == "national" else BUDGET_CITY_MAP_KB)
        for m in out["maps"]
    )
    p95 = out["warm_chart_p95_ms"]
    out["ok"] = (p95 is None or p95 <= BUDGET_CHART_MS) and out["maps_ok"] and not out["errors"]
    return out


async def run(warehouse: Path, pages: list[str], warm: int, restart: bool) -> list[dict[str, Any]]:
    from playwright.async_api import async_playwright

    rows = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            if restart:
                for page in pages:
                    for query in VIEWS.get(page, [DEFAULT_VIEW]):
                        with streamlit_server(warehouse) as (base, _pid):
                            rows.append(await bench_view(browser, base, page, query, warm))
            else:
                with streamlit_server(warehouse) as (base, _pid):
                    for page in pages:
                        for query in VIEWS.get(page, [DEFAULT_VIEW]):
                            rows.append(await bench_view(browser, base, page, query, warm))
        finally:
            await browser.close()
    return rows


def print_rows(rows: list[dict[str, Any]], warm: int) -> None:
    print(f"Page views in Chromium: 1 cold (fresh server) + {warm} warm per view (load {load_avg()})\n")
    table = []
    for r in rows:
        table.append(
            [
                r["page"],
                r["view"],
                r["cold_chart_ms"],
                r["warm_chart_p50_ms"],
                r["warm_chart_p95_ms"],
                r["cold_idle_ms"],
                r["warm_idle_p50_ms"],
                r["warm_sent_p50_ms"],
                r["ws_kb_cold"],
                r["ws_kb_warm"],
                r["charts"],
                r["exceptions"],
                "yes" if r["ok"] else "**no**",
            ]
        )
    print(
        md_table(
            [
                "page",
                "view",
                "cold ms to chart",
                "warm p50 ms",
                "warm p95 ms",
                "cold ms to idle",
                "warm idle p50 ms",
                "warm sent p50 ms",
                "WS KB cold",
                "WS KB warm",
                "charts",
                "exceptions",
                f"ok (≤ {BUDGET_CHART_MS:g} ms, maps)",
            ],
            table,
        )
    )
    maps = [(r["page"], r["view"], m) for r in rows for m in r["maps"]]
    if maps:
        print(
            "\nGeoJSON per map (compact JSON inside the chart spec sent over the websocket, or the file a\n"
            "Vega-Lite map looks its boundaries up in)\n"
        )
        print(
            md_table(
                ["page", "view", "map", "chart", "traces", "features", "geometry KB", "budget KB", "ok"],
                [
                    [
                        pg,
                        v,
                        i + 1,
                        f"{m['chart']} ({m.get('in', 'websocket')})",
                        m["traces"],
                        m["features"],
                        m["bytes"] / 1024,
                        BUDGET_NATIONAL_MAP_KB if m["kind"] == "national" else BUDGET_CITY_MAP_KB,
                        "yes"
                        if m["bytes"] / 1024
                        <= (BUDGET_NATIONAL_MAP_KB if m["kind"] == "national" else BUDGET_CITY_MAP_KB)
                        else "**no**",
                    ]
                    for i, (pg, v, m) in enumerate(maps)
                ],
            )
        )
    else:
        print("\nNo map with GeoJSON was found on any page.")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--warehouse", type=Path)
    ap.add_argument("--data-dir", type=Path, default=DATA_DIR)
    ap.add_argument("--warm", type=int, default=5)
    ap.add_argument("--pages", nargs="*", help="page names (default: every pages/*.py)")
    ap.add_argument("--no-restart", action="store_true", help="one server for all pages (faster)")
    ap.add_argument("--json")
    ap.add_argument("--smoke", action="store_true", help="tiny fixture, ringkasan only, 1 warm view")
    a = ap.parse_args()
    if a.smoke:
        a.data_dir, a.warm, a.pages = TEST_DATA, 1, a.pages or ["ringkasan"]
    if not chromium_available():
        print("skipped: /usr/bin/chromium or playwright is missing")
        write_json(a.json, {"skipped": "no chromium or playwright"})
        return
    with temp_dir("bench_browser_") as d:
        path = a.warehouse or build_warehouse(a.data_dir, d)
        rows = asyncio.run(run(path, a.pages or discover_pages(), a.warm, not a.no_restart))
    print_rows(rows, a.warm)
    write_json(
        a.json,
        {
            "views": rows,
            "warm": a.warm,
            "load_avg": load_avg(),
            "budget_chart_ms": BUDGET_CHART_MS,
            "budget_city_map_kb": BUDGET_CITY_MAP_KB,
            "budget_national_map_kb": BUDGET_NATIONAL_MAP_KB,
            "ok": all(r["ok"] for r in rows),
        },
    )


if __name__ == "__main__":
    main()
