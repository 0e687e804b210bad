"""Benchmark 2: p50/p95 of every read query file on the shipped warehouse. Budget: p95 <= 10 ms.

Each query runs the way the app runs it (``dalamangka.sql.run``: bound parameters, result as a
DataFrame) on a read-only connection, after warm-up runs. Parameters come from bench/params.py;
queries whose parameters cannot be filled are listed, not failed.

    python -m bench.bench_queries [--warehouse PATH] [--reps 30] [--json ...] [--smoke]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from bench import params as P
from bench.common import DATA_DIR, TEST_DATA, build_warehouse, load_avg, md_table, ms, p50_p95, temp_dir
from bench.common import write_json as write
from dalamangka import sql

BUDGET_MS = 10.0


def time_queries(
    path: Path,
    reps: int,
    budget_ms: float,
    adapt: Callable[[str, dict[str, Any]], dict[str, Any]] = lambda _n, p: p,
    warmup: int = 2,
    max_s: float = 5.0,
) -> dict[str, Any]:
    """p50/p95 (ms) of each read query on the warehouse at ``path``; errors and skips listed.

    A query stops repeating after ``max_s`` seconds (at least 3 runs); a query whose first run
    alone takes longer is not repeated and that run is its figure. So a slow query cannot eat
    the whole benchmark; the number of runs is reported with it.
    """
    con = duckdb.connect(str(path), read_only=True)
    rows, skipped, failed = [], [], []
    try:
        for name in P.read_queries():
            params = P.guess(name)
            if params is None:
                skipped.append({"query": name, "params": sorted(sql.load(name).params)})
                continue
            params = adapt(name, params)
            try:
                t0, c0 = time.perf_counter(), time.process_time()
                frame = sql.run(con, name, **params)  # first (warm-up) run
                first, first_cpu = time.perf_counter() - t0, time.process_time() - c0
                times, cpu = [], []
                if first > max_s:  # too slow to repeat: the first run is the figure
                    times, cpu = [first], [first_cpu]
                for _ in range(warmup - 1 if not times else 0):
                    frame = sql.run(con, name, **params)
                for _ in range(reps if not times else 0):
                    t0, c0 = time.perf_counter(), time.process_time()
                    frame = sql.run(con, name, **params)
                    times.append(time.perf_counter() - t0)
                    cpu.append(time.process_time() - c0)
                    if sum(times) > max_s and len(times) >= 3:
                        break
            except duckdb.Error as e:
                failed.append({"query": name, "error": str(e).splitlines()[0][:200]})
                continue
            p50, p95 = p50_p95(times)
            rows.append(
                {
                    "query": name,
                    "rows": len(frame),
                    "p50_ms": ms(p50),
                    "p95_ms": ms(p95),
                    "max_ms": ms(max(times)),
                    "cpu_p50_ms": ms(p50_p95(cpu)[0]),
                    "runs": len(times),
                    "ok": p95 * 1000 <= budget_ms,
                    "params": params,
                }
            )
    finally:
        con.close()
    return {
        "queries": rows,
        "not_parameterised": skipped,
        "failed": failed,
        "reps": reps,
        "budget_p95_ms": budget_ms,
        "load_avg": load_avg(),
        "ok": all(r["ok"] for r in rows) and not failed,
    }


def print_result(result: dict[str, Any], title: str) -> None:
    print(title + f" (load {result['load_avg']})\n")
    budget = f"p95 ≤ {result['budget_p95_ms']:g} ms"
    headers = ["query", "rows", "runs", "p50 ms", "p95 ms", "max ms", "CPU ms p50", budget]
    table = [
        [
            r["query"],
            r["rows"],
            r["runs"],
            r["p50_ms"],
            r["p95_ms"],
            r["max_ms"],
            r["cpu_p50_ms"],
            "yes" if r["ok"] else "**no**",
        ]
        for r in result["queries"]
    ]
    print(md_table(headers, table))
    for s in result["not_parameterised"]:
        print(f"\nnot parameterised: {s['query']} (parameters {s['params']})")
    for f in result["failed"]:
        print(f"\nfailed: {f['query']}: {f['error']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--warehouse", type=Path, help="default: build one from --data-dir into a temp dir")
    ap.add_argument("--data-dir", type=Path, default=DATA_DIR)
    ap.add_argument("--reps", type=int, default=30)
    ap.add_argument("--json")
    ap.add_argument("--smoke", action="store_true", help="tiny fixture (tests/data), 3 repetitions")
    a = ap.parse_args()
    if a.smoke:
        a.data_dir, a.reps = TEST_DATA, 3
    with temp_dir("bench_queries_") as d:
        path = a.warehouse or build_warehouse(a.data_dir, d)
        result = time_queries(path, a.reps, BUDGET_MS)
    print_result(result, f"Read queries on the warehouse built from {a.data_dir}, {a.reps} runs each")
    write(a.json, {"data_dir": str(a.data_dir), **result})


if __name__ == "__main__":
    main()
