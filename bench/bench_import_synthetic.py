"""Benchmark: the importer's preview (parse, match, validate, compare) of a large CSV.

The files are SYNTHETIC, generated here and named so (``synthetic_*.csv`` in a temporary folder):
the tidy template with 99,000 rows -- real region codes of the warehouse (kota, kabupaten,
kecamatan) x an existing indicator x years 1990..2024 -- and values drawn from a seeded
random generator. They are benchmark input only: never imported into a real warehouse, never
shown. Three cases:

- ``accepted``: every row valid; the preview is built (nothing is written).
- ``refused_last_row``: the same file with a bad value in its last row ("12,3,4"): refused.
- ``refused_many``: a value on every 50th row written the English way ("1,234.5"): refused
  with ~2,000 problems.

Each case runs in a fresh Python process (imports excluded from the time); wall time and the
least CPU time of the runs (steadier than wall time on a loaded machine) are shown. The result --
counts of the plan or the refusal's problem list -- is hashed, so a faster importer can be
checked to give the same answers (``--check`` compares with a saved JSON).

    python -m bench.bench_import_synthetic [--rows 99000] [--repeat 3] [--json OUT] [--check OLD]
    python -m bench.bench_import_synthetic --profile accepted [--sort tottime]   # cProfile, top 25
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import subprocess
import sys
from pathlib import Path

from bench.common import DATA_DIR, ROOT, TEST_DATA, load_avg, md_table, p50_p95, temp_dir, write_json

INDICATOR = "tpt"
YEARS = range(1990, 2025)
CASES = ("accepted", "refused_last_row", "refused_many")

CHILD = """
import hashlib, json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from dalamangka.importer import ImportFailed, Options, prepare
from bench.common import peak_rss_mb
t1 = time.perf_counter()
c1 = time.process_time()
try:
    plan = prepare(Path(sys.argv[1]), Path(sys.argv[2]), Options())
    cols = ["row", "column", "indicator", "kode", "tahun", "periode", "nilai", "status", "change"]
    body = plan.figures[cols].to_csv(index=False) + json.dumps(plan.counts, sort_keys=True)
    outcome = {"result": "plan", "counts": plan.counts}
except ImportFailed as e:
    body = "\\n".join(e.messages("id"))
    outcome = {"result": "refused", "problems": len(e.problems), "first": e.messages("id")[0][:160]}
t2 = time.perf_counter()
outcome.update({"import_s": t1 - t0, "prepare_s": t2 - t1, "cpu_s": time.process_time() - c1,
                "peak_rss_mb": peak_rss_mb(), "sha256": hashlib.sha256(body.encode()).hexdigest()})
print(json.dumps(outcome))
"""


def region_codes(warehouse: Path) -> list[str]:
    from dalamangka import sql
    from dalamangka.importer import read_only

    with read_only(warehouse) as con:
        regions = sql.run(con, "import_regions")
    keep = regions[regions.level.isin(["kota", "kabupaten", "kecamatan"]) & regions.is_current.astype(bool)]
    return sorted(keep.kode.astype(str))


def write_synthetic(folder: Path, codes: list[str], rows: int, case: str, seed: int = 20261127) -> Path:
    """A synthetic template CSV of ``rows`` rows (region x year pairs, in order) for ``case``."""
    rng = random.Random(seed)
    path = folder / f"synthetic_{case}_{rows}.csv"
    lines = ["kode_wilayah,nama_wilayah,indikator,tahun,nilai,satuan,status,sumber"]
    pairs = ((k, y) for k in codes for y in YEARS)
    for i in range(rows):
        kode, year = next(pairs)
        value = f"{rng.uniform(0.5, 15):.2f}".replace(".", ",")
        if case == "refused_last_row" and i == rows - 1:
            value = "12,3,4"
        if case == "refused_many" and i % 50 == 49:
            value = "1,234.5"
        lines.append(f'{kode},,{INDICATOR},{year},"{value}",persen,,sintetis')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_case(path: Path, warehouse: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(warehouse)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def profile(path: Path, warehouse: Path, sort: str = "cumulative") -> None:
    import cProfile
    import pstats

    from dalamangka.importer import ImportFailed, Options, prepare

    prof = cProfile.Profile()
    prof.enable()
    with contextlib.suppress(ImportFailed):
        prepare(path, warehouse, Options())
    prof.disable()
    pstats.Stats(prof).sort_stats(sort).print_stats(25)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--warehouse", type=Path, default=DATA_DIR / "warehouse.duckdb")
    ap.add_argument("--rows", type=int, default=99_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json")
    ap.add_argument("--check", type=Path, help="a JSON of an earlier run: the answers must be identical")
    ap.add_argument("--profile", choices=CASES)
    ap.add_argument("--sort", default="cumulative", help="cProfile order with --profile (e.g. tottime)")
    ap.add_argument("--smoke", action="store_true", help="the tiny fixture's warehouse (tests/data), one run")
    a = ap.parse_args()
    results = []
    with temp_dir("bench_import_") as d:
        if a.smoke:
            from dalamangka import warehouse

            a.warehouse, a.repeat = d / "warehouse.duckdb", 1
            warehouse.build(a.warehouse, data_dir=TEST_DATA)
        codes = region_codes(a.warehouse)
        if a.smoke:
            a.rows = min(a.rows, len(codes) * len(YEARS))
        if a.rows > len(codes) * len(YEARS):
            raise SystemExit(f"at most {len(codes) * len(YEARS)} rows with {len(codes)} regions")
        if a.profile:
            profile(write_synthetic(d, codes, a.rows, a.profile), a.warehouse, a.sort)
            return
        for case in CASES:
            path = write_synthetic(d, codes, a.rows, case)
            runs = [run_case(path, a.warehouse) for _ in range(a.repeat)]
            times = [float(str(r["prepare_s"])) for r in runs]
            cpu = sorted(float(str(r["cpu_s"])) for r in runs)
            p50, _ = p50_p95(times)
            assert len({r["sha256"] for r in runs}) == 1, "the same file gave different answers"
            first = runs[0]
            results.append(
                {
                    "case": case,
                    "rows": a.rows,
                    "mb": round(path.stat().st_size / 2**20, 2),
                    "result": first["result"],
                    "detail": first.get("counts") or f"{first['problems']} problems: {first['first']}",
                    "p50_s": round(p50, 2),
                    "max_s": round(max(times), 2),
                    "cpu_min_s": round(cpu[0], 2),
                    "peak_rss_mb": round(max(float(str(r["peak_rss_mb"])) for r in runs)),
                    "sha256": first["sha256"],
                }
            )
    print(f"load average {load_avg()}; synthetic CSV, {a.rows} rows, {a.repeat} run(s) per case\n")
    cols = ["case", "rows", "mb", "result", "p50_s", "max_s", "cpu_min_s", "peak_rss_mb", "detail"]
    print(md_table(cols, [[r[c] for c in cols] for r in results]))
    if a.check:
        old = {r["case"]: r["sha256"] for r in json.loads(a.check.read_text())["results"]}
        same = all(old.get(r["case"]) == r["sha256"] for r in results)
        print("\nsame answers as", a.check, ":", "yes" if same else "NO")
        if not same:
            raise SystemExit(1)
    if a.json:
        write_json(a.json, {"results": results, "load_avg": load_avg()})


if __name__ == "__main__":
    main()
