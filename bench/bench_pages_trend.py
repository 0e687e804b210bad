"""Warm and cold rerun time of the exploration pages: Tren, Bandingkan and Peta (AppTest, shipped
warehouse).

Run: ``.venv/bin/python bench/bench_pages_trend.py [--warehouse PATH] [--runs N]``.
Prints, per page and view, the first run after switching to the page (cold: empty caches) and
the p50 and p95 of N reruns with warm caches, as wall-clock time and the p50 of the process's CPU
time (the CPU figure stays meaningful when other jobs load the machine), then the load average.
Budget: warm p50 <= 150 ms (wall). Views include the 98-kota groups, the open table tab (wide and
styled tables memoised on the view), the Bandingkan table and map tabs (tab=).
A script, not a timed test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MS = 150.0

VIEWS: list[tuple[str, dict[str, str]]] = [
    ("pages/tren.py", {"kota": "Kota Medan"}),
    ("pages/tren.py", {"kota": "Kota Medan", "tren_indikator": "TPT", "tren_set": "Semua 98 kota"}),
    ("pages/tren.py", {"kota": "Kota Palembang", "tren_mode": "Indeks (tahun dasar = 100)"}),
    ("pages/bandingkan.py", {"kota": "Kota Medan"}),
    ("pages/bandingkan.py", {"kota": "Kota Medan", "bandingkan_set": "Semua 98 kota", "tab": "tabel"}),
    ("pages/bandingkan.py", {"kota": "Kota Pekalongan", "bandingkan_set": "Kota berpenduduk serupa"}),
    # issue 15: groups.py groups, 98 regions, the table tab
    ("pages/tren.py", {"kota": "1275", "ind": "tpt", "set": "semua", "tab": "tabel"}),
    ("pages/tren.py", {"kota": "1671", "ind": "ipm", "grup": "pulau"}),
    ("pages/bandingkan.py", {"kota": "3375", "ind": "p0", "grup": "semua"}),
    ("pages/bandingkan.py", {"kota": "1275", "grup": "daftar-3171.1371.1103", "tab": "tabel"}),
    ("pages/bandingkan.py", {"kota": "1275", "grup": "provinsi", "tab": "peta"}),  # the group's map
    ("pages/tren.py", {"kota": "1275", "ind": "tpt", "grup": "mirip-25"}),
    # Peta: the kecamatan map and the national map (514 kab/kota, the largest spec)
    ("pages/peta.py", {"kota": "1275"}),
    ("pages/peta.py", {"kota": "1671", "tampilan": "nasional"}),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--warehouse", type=Path, default=ROOT / "data" / "warehouse.duckdb")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    # A private copy, so a rebuild by someone else during the run does not change the figures.
    tmp = Path(tempfile.mkdtemp()) / "warehouse.duckdb"
    shutil.copy(args.warehouse, tmp)
    os.environ["DALAMANGKA_WAREHOUSE"] = str(tmp)
    sys.path.insert(0, str(ROOT))
    from streamlit.testing.v1 import AppTest

    worst = 0.0
    print(f"{'page':<22} {'view':<58} {'cold ms':>8} {'p50 ms':>7} {'p95 ms':>7} {'cpu p50':>7}")
    for page, params in VIEWS:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        at.switch_page(page)
        start = time.perf_counter()
        at.run()
        cold = (time.perf_counter() - start) * 1000
        if at.exception:
            print(f"{page}: exception {[e.value for e in at.exception]}")
            return 1
        times, cpu = [], []
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            at.run()
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        warm = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 2 else warm
        worst = max(worst, warm)
        view = "&".join(f"{k}={v}" for k, v in params.items())[:58]
        print(f"{page:<22} {view:<58} {cold:8.0f} {warm:7.0f} {p95:7.0f} {statistics.median(cpu):7.0f}")
    load = os.getloadavg()
    verdict = "OK" if worst <= BUDGET_MS else "OVER"
    print(
        f"worst warm p50: {worst:.0f} ms (budget {BUDGET_MS:.0f} ms): {verdict}; load average "
        f"{load[0]:.1f} / {load[1]:.1f} on {os.cpu_count()} CPUs (shared machine: figures are noisy)"
    )
    return 0 if worst <= BUDGET_MS else 2


if __name__ == "__main__":
    raise SystemExit(main())
