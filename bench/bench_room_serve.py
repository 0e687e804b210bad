"""Benchmark (b): the room through ``serve --replicas 2``: N sessions open Ringkasan at once.

Against the floor in the same run: the same N sessions opening the one-metric app
(bench/apps/charts.py?r=floor) through its own ``serve --replicas 2``. Per run: the time until
every session shows its metric cards (desktop browser contexts, unthrottled: the 30 Chromium
renderers share this machine's cores with the server, so this is an upper bound of a room of
real phones), and the servers' memory (RSS of Caddy
plus every replica) before (after one warm-up visit), at the peak, at close and after --settle
seconds; and the servers' CPU seconds for the whole room.

    python -m bench.bench_room_serve [--sessions 30] [--settle 20] [--json ...] [--smoke]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from pathlib import Path
from typing import Any

from bench.browser import ARGS, CARDS, visit
from bench.common import (
    CHROMIUM,
    DATA_DIR,
    ROOT,
    TEST_DATA,
    PeakRss,
    build_warehouse,
    chromium_available,
    load_avg,
    md_table,
    p50_p95,
    proc_kb,
    rss_mb,
    temp_dir,
    write_json,
)
from bench.phone import cpu_s, serve_server

URL = "ringkasan?kota=Kota+Medan"
FLOOR_APP = ROOT / "bench" / "apps" / "charts.py"


async def room(
    browser: Any, base: str, path: str, pids: list[int], sessions: int, settle_s: float
) -> dict[str, Any]:
    url = f"{base}/{path}"
    await visit(browser, url, selector=CARDS)  # the facilitator opened the link first
    await asyncio.sleep(1)
    rss_start = rss_mb(pids)
    c0 = cpu_s(pids)
    t0 = time.perf_counter()
    async with PeakRss(pids) as rss:
        views = await asyncio.gather(
            *[visit(browser, url, timeout_s=180, selector=CARDS, t0=t0) for _ in range(sessions)]
        )
    cpu = cpu_s(pids) - c0
    rss_closed = rss_mb(pids)
    await asyncio.sleep(settle_s)
    shown = [v["t_chart_ms"] for v in views if v["t_chart_ms"] is not None]
    return {
        "sessions": sessions,
        "with_cards": len(shown),
        "all_cards_ms": max(shown) if len(shown) == sessions else None,
        "median_cards_ms": p50_p95(shown)[0] if shown else None,
        "rss_start_mb": rss_start,
        "rss_peak_mb": rss.peak,
        "rss_closed_mb": rss_closed,
        "rss_end_mb": rss_mb(pids),
        "per_process_end_mb": [round(proc_kb(p) / 1024, 1) for p in pids],
        "server_cpu_s": round(cpu, 2),
        "exceptions": sum(v["exceptions"] for v in views),
        "errors": [v["error"] for v in views if "error" in v][:5],
    }


async def run(warehouse: Path, sessions: int, settle_s: float, ttl: int) -> list[dict[str, Any]]:
    from playwright.async_api import async_playwright

    rows = []
    os.environ["STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL"] = str(ttl)  # inherited by the replicas
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            with serve_server(warehouse, 2, FLOOR_APP) as (base, pids):
                rows.append(
                    {"app": "(floor)", **await room(browser, base, "?r=floor", pids, sessions, settle_s)}
                )
            with serve_server(warehouse, 2, None) as (base, pids):
                rows.append({"app": "ringkasan", **await room(browser, base, URL, pids, sessions, settle_s)})
        finally:
            await browser.close()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--warehouse", type=Path)
    ap.add_argument("--data-dir", type=Path, default=DATA_DIR)
    ap.add_argument("--sessions", type=int, default=30)
    ap.add_argument("--settle", type=float, default=20, help="seconds after close before the last RSS")
    ap.add_argument("--ttl", type=int, default=10, help="server.disconnectedSessionTTL, seconds")
    ap.add_argument("--json")
    ap.add_argument("--smoke", action="store_true", help="tiny fixture, 3 sessions, no settling")
    a = ap.parse_args()
    if a.smoke:
        a.data_dir, a.sessions, a.settle = TEST_DATA, 3, 0
    if not chromium_available():
        print("skipped: /usr/bin/chromium or playwright is missing")
        write_json(a.json, {"skipped": "no chromium or playwright"})
        return
    with temp_dir("bench_room_serve_") as d:
        path = a.warehouse or build_warehouse(a.data_dir, d)
        rows = asyncio.run(run(path, a.sessions, a.settle, a.ttl))
    print(f"{a.sessions} sessions at once through serve --replicas 2 (load {load_avg()})\n")
    head = ["app", "with cards", "all cards ms", "median ms", "RSS start MiB", "peak MiB", "at close MiB",
            f"+{a.settle:g} s MiB", "server CPU s", "exceptions"]  # fmt: skip
    print(
        md_table(
            head,
            [
                [
                    r["app"],
                    f"{r['with_cards']}/{r['sessions']}",
                    r["all_cards_ms"],
                    r["median_cards_ms"],
                    r["rss_start_mb"],
                    r["rss_peak_mb"],
                    r["rss_closed_mb"],
                    r["rss_end_mb"],
                    r["server_cpu_s"],
                    r["exceptions"],
                ]
                for r in rows
            ],
        )
    )
    write_json(
        a.json, {"rows": rows, "load_avg": load_avg(), "url": URL, "ttl_s": a.ttl, "settle_s": a.settle}
    )


if __name__ == "__main__":
    main()
