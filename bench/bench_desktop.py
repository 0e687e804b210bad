"""Benchmark: the desktop first view (issue 14), our chart pages against Streamlit's own parts.

Two ``serve --replicas 2`` in one run: our app, and bench/apps/shape.py (a SYNTHETIC page built
from Streamlit's own elements). Each view is a fresh browser context at 1366x900, timed as
../shared/tools/browser_timing.py times it: from navigation until the app is idle and the first
chart is visible, whichever is later. Views are interleaved (one of each per round), so a
change in the machine's load falls on all of them alike; medians of --rounds.

    python -m bench.bench_desktop [--rounds 10] [--json bench/out/desktop.json] [--smoke]
    python -m bench.bench_desktop --via run [--rounds 10]

``--via run``: as the judging tool is run against a laptop's one command. ``streamlit run app.py``
(with its front door, dalamangka/front.py), the same app with ``DALAMANGKA_FRONT=0`` (served as
Streamlit serves it), and Streamlit's own floor: a one-metric app (SYNTHETIC) under a plain
``streamlit run`` in an empty folder (Streamlit's default configuration), all interleaved.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
from typing import Any

from bench import phone
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
    streamlit_server,
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


# (label, path) of ``--via run``: our pages with the front door, two of them without it
OURS_RUN = (*OURS, ("Ringkasan", "ringkasan?kota=1275"))
NO_DOOR = (("Tren, no front door", "tren?kota=1275"), ("Peta (kecamatan), no front door", "peta?kota=1275"))
FLOOR_RUN = "floor: one metric, plain `streamlit run`"
FLOOR_APP = 'import streamlit as st\n\nst.metric("Sintetis", "1.234")  # SYNTHETIC: a benchmark floor\n'


def ready(v: dict[str, Any], idle: str = "t_idle_ms", chart: str = "t_chart_ms") -> float | None:
    """When the view was ready: the later of idle and the first chart (Playwright's times, or
    with ``idle="page_idle_ms", chart="page_chart_ms"`` the page's own clock)."""
    if v.get(idle) is None:
        return None
    return max(v[idle], v[chart] or 0)


def page_ready(v: dict[str, Any]) -> float | None:
    return ready(v, "page_idle_ms", "page_chart_ms")


async def measure(
    views: list[tuple[str, str]], rounds: int, warm_up: bool = True
) -> dict[str, list[dict[str, Any]]]:
    from playwright.async_api import async_playwright

    out: dict[str, list[dict[str, Any]]] = {label: [] for label, _ in views}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            for _label, url in views if warm_up else ():  # every later visit: a warm server
                await visit(browser, url, 20)
            for r in range(rounds):
                for label, url in views:
                    v = await visit(browser, url, 20)
                    if ready(v) is not None:
                        out[label].append({**v, "round": r})
        finally:
            await browser.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--json")
    ap.add_argument("--smoke", action="store_true", help="tiny fixture, 1 round, 3 views")
    ap.add_argument("--via", choices=("serve", "run"), default="serve")
    a = ap.parse_args()
    if not chromium_available():
        sys.exit("Chromium not found at /usr/bin/chromium")
    if a.via == "run":
        return main_run(a)
    shapes, ours, rounds = SHAPES, OURS, a.rounds
    if a.smoke:
        shapes, ours, rounds = SHAPES[:2], OURS[:1], 1
        phone.smoke()
    with temp_dir("bench-desktop") as tmp:
        warehouse = build_warehouse(TEST_DATA if a.smoke else DATA_DIR, tmp)
        with (
            serve_server(warehouse, phone.replicas(2), SHAPE_APP) as (shape_base, _),
            serve_server(warehouse, phone.replicas(2)) as (base, _),
        ):
            views = [(label, f"{shape_base}/?w={w}") for label, w in shapes]
            views += [(label, f"{base}/{path}") for label, path in ours]
            load = load_avg()
            got = asyncio.run(measure(views, rounds, warm_up=not a.smoke))
    rows = summarise(got, SHAPES[0][0])
    for r in rows:
        r["ours"] = r["view"] in dict(OURS)
    print(f"Desktop first view, {rounds} interleaved rounds, load {load} (budget: floor + {BUDGET_MS} ms)")
    print_rows(rows)
    print()
    print("median ms: Playwright's wait_for_selector, as ../shared/tools/browser_timing.py times a view;")
    print("its polls come 0.5 s apart after the first ~0.8 s, so these are steps. in-page: the page's")
    print("own clock (performance.now() when it first showed idle and a visible chart), not quantised.")
    write_json(a.json, {"benchmark": "desktop", "rounds": rounds, "load": load, "rows": rows})


def main_run(a: argparse.Namespace) -> None:
    """``--via run``: the laptop's one command against Streamlit's own floor."""
    ours, no_door, rounds = OURS_RUN, NO_DOOR, a.rounds
    if a.smoke:
        ours, no_door, rounds = OURS_RUN[:1], NO_DOOR[:1], 1
    with temp_dir("bench-desktop-run") as tmp:
        warehouse = build_warehouse(TEST_DATA if a.smoke else DATA_DIR, tmp)
        floor_dir = tmp / "floor"
        floor_dir.mkdir()
        (floor_dir / "floor.py").write_text(FLOOR_APP, encoding="utf-8")
        with (
            streamlit_server(warehouse, app=floor_dir / "floor.py", cwd=floor_dir) as (floor, _),
            streamlit_server(warehouse) as (base, _),
            streamlit_server(warehouse, env_extra={"DALAMANGKA_FRONT": "0"}) as (plain, _),
        ):
            views = [(FLOOR_RUN, f"{floor}/")]
            views += [(label, f"{base}/{path}") for label, path in ours]
            views += [(label, f"{plain}/{path}") for label, path in no_door]
            load = load_avg()
            got = asyncio.run(measure(views, rounds, warm_up=True))
    rows = summarise(got, FLOOR_RUN)
    print(f"Desktop first view through `streamlit run`, {rounds} interleaved rounds, load {load}")
    print(f"(budget: floor + {BUDGET_MS} ms)")
    print_rows(rows)
    print()
    print("The server's part and the browser's (page's clock, medians): when the script's last")
    print("message reached the page, and how long the page then took to be ready.")
    print()
    print(md_table(["view", "script finished, ms", "ready, ms", "browser after it, ms"],
                   [[r["view"], r["page_done_ms"], r["page_median_ms"], r["browser_after_ms"]]
                    for r in rows]))  # fmt: skip
    write_json(a.json, {"benchmark": "desktop-run", "rounds": rounds, "load": load, "rows": rows})


def print_rows(rows: list[dict[str, Any]]) -> None:
    print()
    heads = ["view", "median ms", "over the floor", "within +0.5 s", "rounds within +0.5 s",
             "in-page ready ms", "in-page over", "in-page rounds within"]  # fmt: skip
    table = [[r["view"], r["median_ms"], r["over_floor_ms"], "yes" if r["within_budget"] else "no",
              _share(r["rounds_within"]), r["page_median_ms"], r["page_over_floor_ms"],
              _share(r["page_rounds_within"])] for r in rows]  # fmt: skip
    print(md_table(heads, table))


def _share(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]}"


def rounds_within(
    vs: list[dict[str, Any]], floor: list[dict[str, Any]], how: Any, budget: float = BUDGET_MS
) -> tuple[int, int]:
    """(rounds in which the view was within ``budget`` of the floor's view of the same round,
    rounds with both measured): how often one judging run would see the view pass, not only the
    medians'."""
    by_round = {v["round"]: how(v) for v in floor if how(v) is not None}
    pairs = [(how(v), by_round[v["round"]]) for v in vs if how(v) is not None and v.get("round") in by_round]
    return sum(t - f <= budget for t, f in pairs), len(pairs)


def summarise(got: dict[str, list[dict[str, Any]]], floor_label: str) -> list[dict[str, Any]]:
    """Per view: medians of both clocks, how far over the floor's median each is, and in how
    many rounds the view was within the budget of that round's floor."""

    def med(vs: list[dict[str, Any]], how: Any) -> int | None:
        xs = [t for t in (how(v) for v in vs) if t is not None]
        return round(statistics.median(xs)) if xs else None

    floor, page_floor = med(got[floor_label], ready), med(got[floor_label], page_ready)
    rows = []
    for label, vs in got.items():
        m, pm = med(vs, ready), med(vs, page_ready)
        over = None if m is None or floor is None else m - floor
        page_over = None if pm is None or page_floor is None else pm - page_floor
        rows.append({"view": label, "median_ms": m, "over_floor_ms": over, "n": len(vs),
                     "within_budget": over is not None and over <= BUDGET_MS,
                     "times_ms": [ready(v) for v in vs], "page_times_ms": [page_ready(v) for v in vs],
                     "page_median_ms": pm,
                     "page_over_floor_ms": page_over,
                     "rounds_within": rounds_within(vs, got[floor_label], ready),
                     "page_rounds_within": rounds_within(vs, got[floor_label], page_ready),
                     "page_done_ms": med(vs, lambda v: v.get("page_done_ms")),
                     "browser_after_ms": med(vs, browser_after)})  # fmt: skip
    return rows


def browser_after(v: dict[str, Any]) -> float | None:
    """How long the browser took after the script's "finished" message reached it until the view
    was ready (both on the page's clock): the browser's part of a view, the rest the server's."""
    done, ready_at = v.get("page_done_ms"), page_ready(v)
    return None if done is None or ready_at is None else ready_at - done


if __name__ == "__main__":
    main()
