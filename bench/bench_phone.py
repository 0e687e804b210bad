"""Benchmark: a phone in the room (bench/phone.py profile), direct and through ``serve``.

Three parts, each against the floor (a one-metric Streamlit app, bench/apps/charts.py?r=floor)
measured in the same run and through the same server kind:

- ``--part renderers``: the same small line and bar chart drawn with plotly and with
  Streamlit's built-in Vega-Lite (bench/apps/charts.py), first visits (fresh context);
- ``--part pages`` (default): (a) the first visit to every page, (c) a returning visit (second
  visit in the same browser context: its HTTP cache), (d) the server CPU per view (user + system
  seconds of the server processes: the Streamlit process direct; Caddy and the replicas through
  ``serve``), direct (``streamlit run``) and through ``serve --replicas 2``.

Times are ms from navigation to the first chart drawn; bytes are what crossed the emulated
network (HTTP encoded + websocket).

    python -m bench.bench_phone [--part pages|renderers] [--visits 1] [--targets direct serve]
        [--pages ringkasan tren] [--bare] [--json bench/out/phone.json] [--smoke]

``--bare`` opens each page by its path alone (``/tren``: the default city), as a room types it;
otherwise ``?kota=Kota+Medan``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench import phone
from bench.bench_browser import DEFAULT_VIEW, VIEWS
from bench.common import (
    DATA_DIR,
    ROOT,
    TEST_DATA,
    build_warehouse,
    chromium_available,
    load_avg,
    md_table,
    streamlit_server,
    temp_dir,
    write_json,
)
from bench.common import pages as discover_pages
from bench.phone import DESKTOP, DRAWN, PHONE, cpu_s, launch, new_context, serve_server, visit

CHARTS_APP = ROOT / "bench" / "apps" / "charts.py"
HEAVY_APP = ROOT / "bench" / "apps" / "heavy.py"
HEAVY = ("floor", "markdown_link", "code", "table", "dataframe", "tabs_eager", "tabs_lazy")
BUDGET_RATIO = 1.5  # first chart within 1.5x the floor through the same proxy
BUDGET_BYTES = {"ringkasan": 1.5 * 2**20, "default": 2.5 * 2**20}


@contextmanager
def server(target: str, warehouse: Path, app: Path | None) -> Iterator[tuple[str, list[int]]]:
    if target == "direct":
        with streamlit_server(warehouse, app=app) as (base, pid):
            yield base, [pid]
    else:
        with serve_server(warehouse, phone.replicas(2), app) as (base, pids):
            yield base, pids


def med(xs: list[float | None]) -> float | None:
    ys = [x for x in xs if x is not None]
    return round(statistics.median(ys), 1) if ys else None


# pages without a chart: their first view is the page heading (timed instead of waiting 60 s)
NO_CHART = frozenset({"katalog", "presentasi", "impor", "catatan"})
HEADING = '[data-testid="stHeading"] h1, [data-testid="stHeading"] h2'


async def measure(
    browser: Any, url: str, visits: int, pids: list[int], returning: bool, selector: str = DRAWN
) -> dict[str, Any]:
    """``visits`` first visits (each a fresh context), each followed by a returning visit."""
    first, again, cpu = [], [], []
    for _ in range(visits):
        ctx = await new_context(browser, PHONE)
        c0 = cpu_s(pids)
        first.append(await visit(ctx, url, PHONE, selector=selector))
        cpu.append(cpu_s(pids) - c0)
        if returning:
            again.append(await visit(ctx, url, PHONE, selector=selector))
        await ctx.close()
    row: dict[str, Any] = {
        "url": url.split("/", 3)[-1],
        "first_chart_ms": med([v["t_chart_ms"] for v in first]),
        "first_idle_ms": med([v["t_idle_ms"] for v in first]),
        "first_interactive_ms": med([v["t_interactive_ms"] for v in first]),
        # the app's own first chart (Streamlit's page), and how many first visits the page shell's
        # first screen showed the chart before it (serve, dalamangka/firstscreen.py)
        "first_app_chart_ms": med([v["t_app_chart_ms"] for v in first]),
        "first_screens": f"{sum(bool(v.get('first_screen')) for v in first)}/{len(first)}",
        "first_kb": med([v["bytes"] / 1024 for v in first]),
        "first_ws_kb": med([v["ws_bytes"] / 1024 for v in first]),
        "server_cpu_ms": med([c * 1000 for c in cpu]),
        "js_chunks_kb": {k: round(n / 1024, 1) for k, n in first[-1]["js_chunks"].items()},
        "errors": [v["error"] for v in first + again if "error" in v],
        "exceptions": max(v["exceptions"] for v in first + again),
    }
    print(f"measured {row['url']}: first chart {row['first_chart_ms']} ms", file=sys.stderr, flush=True)
    if returning:
        row["again_chart_ms"] = med([v["t_chart_ms"] for v in again])
        row["again_kb"] = med([v["bytes"] / 1024 for v in again])
    return row


async def run_renderers(warehouse: Path, targets: list[str], visits: int) -> list[dict[str, Any]]:
    from playwright.async_api import async_playwright

    rows = []
    async with async_playwright() as p:
        browser = await launch(p)
        try:
            for target in targets:
                with server(target, warehouse, CHARTS_APP) as (base, pids):
                    for r in ("floor", "plotly", "vega"):
                        row = await measure(browser, f"{base}/?r={r}", visits, pids, returning=False)
                        rows.append({"target": target, "renderer": r, **row})
        finally:
            await browser.close()
    return rows


async def run_heavy(warehouse: Path, targets: list[str], visits: int) -> list[dict[str, Any]]:
    """JavaScript bytes one element adds to a first view (bench/apps/heavy.py), desktop, no throttling."""
    from playwright.async_api import async_playwright

    rows = []
    async with async_playwright() as p:
        browser = await launch(p)
        try:
            for target in targets:
                with server(target, warehouse, HEAVY_APP) as (base, _pids):
                    for e in HEAVY:
                        first = []
                        for _ in range(visits):
                            ctx = await new_context(browser, DESKTOP)
                            first.append(await visit(ctx, f"{base}/?e={e}", DESKTOP))
                            await ctx.close()
                        rows.append(
                            {
                                "target": target,
                                "element": e,
                                "kb": med([v["bytes"] / 1024 for v in first]),
                                "idle_ms": med([v["t_idle_ms"] for v in first]),
                                "js_chunks_kb": {
                                    k: round(n / 1024, 1) for k, n in first[-1]["js_chunks"].items()
                                },
                            }
                        )
        finally:
            await browser.close()
    floor = {r["target"]: r for r in rows if r["element"] == "floor"}
    for r in rows:
        base_chunks = floor[r["target"]]["js_chunks_kb"]
        r["added_kb"] = round((r["kb"] or 0) - (floor[r["target"]]["kb"] or 0), 1)
        r["added_chunks"] = {k: v for k, v in r["js_chunks_kb"].items() if k not in base_chunks}
    return rows


# --bare: each page's path alone (the default city, Kota Pangkal Pinang), what a room types
BARE_VIEWS: dict[str, list[str]] = {"peta": ["", "tampilan=nasional"]}


async def run_pages(
    warehouse: Path, targets: list[str], pages: list[str], visits: int, bare: bool = False
) -> list[dict[str, Any]]:
    from playwright.async_api import async_playwright

    rows = []
    async with async_playwright() as p:
        browser = await launch(p)
        try:
            for target in targets:
                with server(target, warehouse, CHARTS_APP) as (base, pids):
                    row = await measure(browser, f"{base}/?r=floor", visits, pids, returning=True)
                    rows.append({"target": target, "page": "(floor)", "view": "", **row})
                with server(target, warehouse, None) as (base, pids):
                    for page in pages:
                        views = BARE_VIEWS.get(page, [""]) if bare else VIEWS.get(page, [DEFAULT_VIEW])
                        for query in views:
                            url = f"{base}/{page}" + (f"?{query}" if query else "")
                            kind = HEADING if page in NO_CHART else DRAWN
                            row = await measure(browser, url, visits, pids, returning=True, selector=kind)
                            rows.append({"target": target, "page": page, "view": query, **row})
        finally:
            await browser.close()
    for r in rows:
        floor = next(f for f in rows if f["page"] == "(floor)" and f["target"] == r["target"])
        if r["first_chart_ms"] is not None and floor["first_chart_ms"]:
            r["vs_floor"] = round(r["first_chart_ms"] / floor["first_chart_ms"], 2)
        else:
            r["vs_floor"] = None
        budget = BUDGET_BYTES.get(r["page"], BUDGET_BYTES["default"])
        r["bytes_ok"] = r["first_kb"] is not None and r["first_kb"] * 1024 <= budget
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--warehouse", type=Path)
    ap.add_argument("--data-dir", type=Path, default=DATA_DIR)
    ap.add_argument("--part", choices=("pages", "renderers", "heavy"), default="pages")
    ap.add_argument("--visits", type=int, default=1, help="first visits per view (median reported)")
    ap.add_argument("--targets", nargs="+", choices=("direct", "serve"), default=["direct", "serve"])
    ap.add_argument("--pages", nargs="*", help="page names (default: every pages/*.py)")
    ap.add_argument("--bare", action="store_true", help="each page's path alone (no ?kota=)")
    ap.add_argument("--json")
    ap.add_argument("--smoke", action="store_true", help="tiny fixture, Ringkasan only, one visit")
    a = ap.parse_args()
    if a.smoke:
        a.data_dir, a.visits, a.pages = TEST_DATA, 1, a.pages or ["ringkasan"]
        phone.smoke()
    if not chromium_available():
        print("skipped: /usr/bin/chromium or playwright is missing")
        write_json(a.json, {"skipped": "no chromium or playwright"})
        return
    with temp_dir("bench_phone_") as d:
        path = a.warehouse or build_warehouse(a.data_dir, d)
        if a.part == "renderers":
            rows = asyncio.run(run_renderers(path, a.targets, a.visits))
        elif a.part == "heavy":
            rows = asyncio.run(run_heavy(path, a.targets, a.visits))
        else:
            rows = asyncio.run(run_pages(path, a.targets, a.pages or discover_pages(), a.visits, a.bare))
    print(f"Phone profile {PHONE} (load {load_avg()}); first visits: fresh context\n")
    if a.part == "heavy":
        head = ["target", "element", "KB", "added KB", "added JS chunks KB", "idle ms"]
        table = [
            [r["target"], r["element"], r["kb"], r["added_kb"],
             ", ".join(f"{k} {v:g}" for k, v in r["added_chunks"].items()), r["idle_ms"]]
            for r in rows
        ]  # fmt: skip
    elif a.part == "renderers":
        head = ["target", "renderer", "first chart ms", "idle ms", "KB", "server CPU ms", "JS chunks KB"]
        table = [
            [r["target"], r["renderer"], r["first_chart_ms"], r["first_idle_ms"], r["first_kb"],
             r["server_cpu_ms"], ", ".join(f"{k} {v:g}" for k, v in list(r["js_chunks_kb"].items())[:4])]
            for r in rows
        ]  # fmt: skip
    else:
        head = ["target", "page", "first chart ms", "÷ floor", "first screens", "app's chart ms",
                "interactive chart ms", "first idle ms", "first KB", "WS KB", "bytes ok", "again chart ms",
                "again KB", "server CPU ms/view", "exceptions"]  # fmt: skip
        table = [
            [r["target"], r["page"], r["first_chart_ms"], r["vs_floor"], r["first_screens"],
             r["first_app_chart_ms"], r["first_interactive_ms"], r["first_idle_ms"], r["first_kb"],
             r["first_ws_kb"], "yes" if r["bytes_ok"] else "**no**", r["again_chart_ms"], r["again_kb"],
             r["server_cpu_ms"], r["exceptions"]]
            for r in rows
        ]  # fmt: skip
    print(md_table(head, table))
    write_json(
        a.json, {"part": a.part, "rows": rows, "profile": PHONE, "load_avg": load_avg(), "visits": a.visits}
    )


if __name__ == "__main__":
    main()
