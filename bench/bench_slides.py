"""Benchmark: changing slides on the Presentasi page in a real browser (budget <= 1 s warm).

`streamlit run` + Playwright + Debian's Chromium at 1280×720. For each example deck the player
opens on slide 1; a first pass through the deck with ArrowRight is cold (first run of each
slide's queries and of plotly in the page); then --passes warm passes go back (ArrowLeft) and
forth (ArrowRight). A change is timed from the key press to the next slide's title on screen,
its chart drawn (plotly's SVG) or its cards laid out, and the app idle.

    python -m bench.bench_slides [--decks medan pangkalpinang] [--passes 3] [--json bench/out/slides.json]
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from bench.common import (
    CHROMIUM,
    DATA_DIR,
    build_warehouse,
    chromium_available,
    load_avg,
    md_table,
    p50_p95,
    streamlit_server,
    temp_dir,
    write_json,
)

BUDGET_S = 1.0
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip


DRAWN = (
    "u => [...document.querySelectorAll('[class*=\"st-key-presentasi_chart\"] .js-plotly-plot')]"
    ".some(e => e.layout?.meta?.slide_url === u)"
)


def wait_slide(page: Any, i: int, kind: str, url: str = "") -> None:
    """Until slide ``i`` is on screen: its title, its chart drawn by plotly (the chart's layout
    names the slide's view) or its cards laid out, and the app idle."""
    page.wait_for_selector(f'.kda-slide[data-slide="{i}"]', timeout=60_000)
    if kind == "figure":
        page.wait_for_function(DRAWN, arg=url, timeout=60_000)
    elif kind == "cards":
        page.wait_for_selector(".kda-cards", timeout=60_000)
    page.wait_for_selector(IDLE, state="attached", timeout=60_000)


def run(decks: list[str], passes: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from dalamangka import deck

    shipped = deck.examples()
    results: dict[str, Any] = {}
    with temp_dir("bench_slides_") as tmp:
        warehouse = build_warehouse(DATA_DIR, tmp)
        with streamlit_server(warehouse) as (base, _pid), sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
            for name in decks:
                d = shipped[name]
                kinds = ["cards" if s.page == "ringkasan" else "figure" for s in d.slides]
                urls = [deck.slide_url(s) for s in d.slides]
                n = len(kinds)
                page = browser.new_page(viewport={"width": 1280, "height": 720})
                started = time.perf_counter()
                page.goto(f"{base}/presentasi?dek={name}&putar=1&slide=1", timeout=90_000)
                wait_slide(page, 1, kinds[0], urls[0])
                first = time.perf_counter() - started
                cold: list[float] = []
                warm: list[float] = []
                for rnd in range(passes + 1):
                    for i in range(1, n):
                        t = time.perf_counter()
                        page.keyboard.press("ArrowRight")
                        wait_slide(page, i + 1, kinds[i], urls[i])
                        (cold if rnd == 0 else warm).append(time.perf_counter() - t)
                    for i in range(n, 1, -1):
                        t = time.perf_counter()
                        page.keyboard.press("ArrowLeft")
                        wait_slide(page, i - 1, kinds[i - 2], urls[i - 2])
                        if rnd > 0:
                            warm.append(time.perf_counter() - t)
                page.close()
                results[name] = {"first_slide_s": first, "cold_s": cold, "warm_s": warm}
            browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decks", nargs="*", default=["pangkalpinang", "medan"])
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    if not chromium_available():
        print("Chromium or Playwright missing: nothing measured.")
        return
    results = run(args.decks, args.passes)
    rows = []
    for name, r in results.items():
        w50, w95 = p50_p95(r["warm_s"])
        c50, _ = p50_p95(r["cold_s"])
        rows.append(
            [
                name,
                f"{r['first_slide_s']:.2f}",
                f"{c50:.2f}",
                f"{w50:.2f}",
                f"{w95:.2f}",
                f"{max(r['warm_s']):.2f}",
                len(r["warm_s"]),
                "ok" if w95 <= BUDGET_S else "OVER",
            ]
        )
    print(f"Slide changes at 1280×720 (load {load_avg()}), budget {BUDGET_S:.1f} s warm:")
    print(
        md_table(
            ["deck", "open s", "cold p50 s", "warm p50 s", "warm p95 s", "warm max s", "n warm", ""], rows
        )
    )
    write_json(args.json, {"budget_s": BUDGET_S, "decks": results})


if __name__ == "__main__":
    main()
