"""Benchmark 1: the warehouse build from data/ (seconds and peak memory). Budget: <= 5 s.

Each build runs in a fresh Python process, as `python -m dalamangka build` would: the time is
the build itself (imports excluded, reported apart), the peak memory is that process's VmHWM.

    python -m bench.bench_build [--repeat 3] [--json bench/out/build.json] [--smoke]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from bench.common import DATA_DIR, ROOT, TEST_DATA, load_avg, md_table, p50_p95, temp_dir, write_json

BUDGET_S = 5.0

CHILD = """
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from dalamangka import warehouse
from bench.common import peak_rss_mb
t1 = time.perf_counter()
c1 = time.process_time()
base = peak_rss_mb()
warehouse.build(Path(sys.argv[1]), data_dir=Path(sys.argv[2]))
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "build_s": t2 - t1, "cpu_s": time.process_time() - c1,
                  "rss_before_mb": base, "peak_rss_mb": peak_rss_mb(),
                  "bytes": Path(sys.argv[1]).stat().st_size}))
"""


def one_build(data_dir: Path, target: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(target), str(data_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--data-dir", type=Path, default=DATA_DIR)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json")
    ap.add_argument("--smoke", action="store_true", help="tiny fixture (tests/data), one build")
    a = ap.parse_args()
    if a.smoke:
        a.data_dir, a.repeat = TEST_DATA, 1
    runs = []
    with temp_dir("bench_build_") as d:
        for i in range(a.repeat):
            runs.append(one_build(a.data_dir, d / f"warehouse_{i}.duckdb"))
    times = [r["build_s"] for r in runs]
    p50 = p50_p95(times)[0]
    result = {
        "data_dir": str(a.data_dir),
        "runs": runs,
        "build_s_median": p50,
        "build_s_max": max(times),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
        "rss_before_build_mb": runs[0]["rss_before_mb"],
        "import_s": runs[0]["import_s"],
        "cpu_s_median": p50_p95([r["cpu_s"] for r in runs])[0],
        "load_avg": load_avg(),
        "warehouse_mb": runs[0]["bytes"] / 2**20,
        "budget_s": BUDGET_S,
        "ok": max(times) <= BUDGET_S,
    }
    print(f"Warehouse build from {a.data_dir} ({a.repeat} runs, fresh processes; load {load_avg()})\n")
    print(
        md_table(
            [
                "build s (median)",
                "build s (max)",
                "budget s",
                "CPU s (median)",
                "peak RSS MiB",
                "RSS before build MiB",
                "imports s",
                "warehouse MiB",
                "ok",
            ],
            [
                [
                    p50,
                    max(times),
                    BUDGET_S,
                    result["cpu_s_median"],
                    result["peak_rss_mb"],
                    result["rss_before_build_mb"],
                    result["import_s"],
                    result["warehouse_mb"],
                    result["ok"],
                ]
            ],
        )
    )
    write_json(a.json, result)


if __name__ == "__main__":
    main()
