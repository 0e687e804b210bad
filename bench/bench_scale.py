"""Benchmark 3: a SYNTHETIC national warehouse, and each read query's p50/p95 on it.

Budget: p95 <= 100 ms per query. The warehouse is generated, never shipped: the project's own
build runs on data/ (real regions: every kab/kota and kecamatan of Indonesia, real indicators
and facts), then DuckDB SQL adds 200 synthetic indicators ("sintetis_000".."sintetis_199",
source "SINTETIS") with a figure for every current kab/kota and kecamatan in each of 25 years
(2000-2024): about 7,371 regions x 200 x 25 = 36.9 million facts. The file is written to a
temporary directory as ``synthetic_national.duckdb`` (never under data/) and removed afterwards
unless --keep is given.

The facts table is rebuilt with CREATE TABLE AS, in (indicator, tahun, kode) order: the same
columns, but without the PRIMARY KEY and FOREIGN KEY indexes of queries/build/06_create_facts.sql
(inserting 36.9 M rows through those indexes took 302 s and 7 GB here; see docs/benchmarks.md).

    python -m bench.bench_scale [--scale national|tiny] [--reps 10] [--json ...] [--keep DIR]
    python -m bench.bench_scale --smoke     # tiny fixture, 3 indicators x 3 years
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path
from typing import Any

import duckdb

from bench import params as P
from bench.bench_queries import print_result, time_queries
from bench.common import DATA_DIR, TEST_DATA, load_avg, md_table, peak_rss_mb, temp_dir, write_json
from dalamangka import sql, warehouse

BUDGET_MS = 100.0
SCALES = {"national": (200, 25), "tiny": (3, 3)}
SYN_INDICATOR = "sintetis_000"
SYN_YEAR = 2021
ORDER = "indicator, tahun, kode"  # the order of the facts table (see FACTS)

INDICATORS = """
insert into indicators (code, name_id, name_en, short_id, short_en, unit_id, unit_en, decimals,
    higher_is_better, chapter, concept, additive, producer, definition_id, definition_en)
select 'sintetis_' || lpad(i::varchar, 3, '0'), 'Indikator sintetis ' || i, 'Synthetic indicator ' || i,
    'Sintetis ' || i, 'Synthetic ' || i, 'persen', 'percent', 2, i % 2 = 0, 'sintetis',
    'sintetis_' || i, i % 3 = 0, 'BPS', 'Angka sintetis untuk uji skala, bukan data.',
    'Synthetic figures for the scale benchmark, not data.'
from range($n) as t(i)
"""

SOURCE = """
insert into sources (source_id, publisher, publication, licence, status, rank, cite_id, cite_en)
values ('SINTETIS', 'SINTETIS', 'Angka sintetis untuk uji skala (bukan data)', '-', 'tetap', 99,
        'SINTETIS (bukan data)', 'SYNTHETIC (not data)')
"""

# The real facts, sorted; then every synthetic indicator x year x current kab/kota and kecamatan,
# generated from one range() in (indicator, tahun, kode) order so no sort is needed (the join to
# the region numbers keeps the probe order). Values come from hash(): two runs give the same file.
REAL_FACTS = "create table facts_synthetic as select * from facts order by indicator, tahun, kode, periode"
FACTS = """
insert into facts_synthetic
with r as (
    select kode, (row_number() over (order by kode) - 1)::bigint as rn
    from regions
    where is_current and level in ('kota', 'kabupaten', 'kecamatan')
)
select
    'sintetis_' || lpad((x // ($years * $regions))::varchar, 3, '0'),
    r.kode,
    (2025 - $years + (x // $regions) % $years)::integer,
    0,
    (hash(x) % 1000000) / 100.0,
    'tetap',
    'SINTETIS'
from range($n * $years * $regions) as t(x)
inner join r on r.rn = x % $regions
"""
REGIONS = "select count(*) from regions where is_current and level in ('kota', 'kabupaten', 'kecamatan')"


def generate(data_dir: Path, target: Path, n_indicators: int, years: int) -> dict[str, Any]:
    """Build the real warehouse at ``target`` and add the synthetic indicators and facts."""
    t0 = time.perf_counter()
    warehouse.build(target, data_dir=data_dir)
    t1, c1 = time.perf_counter(), time.process_time()
    con = duckdb.connect(str(target))
    try:
        con.execute(SOURCE)
        con.execute(INDICATORS, {"n": n_indicators})
        (n_regions,) = con.execute(REGIONS).fetchone() or (0,)
        con.execute(REAL_FACTS)
        con.execute(FACTS, {"n": n_indicators, "years": years, "regions": n_regions})
        con.execute("drop view facts_all")
        con.execute("drop table facts")
        con.execute("alter table facts_synthetic rename to facts")
        sql.execute(con, "build/16_create_facts_all")
        t_sum = time.perf_counter()
        warehouse.refresh(con)  # summary tables, as an import commit recomputes them
        summaries_s = time.perf_counter() - t_sum
        con.execute("checkpoint")
        (facts,) = con.execute("select count(*) from facts").fetchone() or (0,)
        (syn,) = con.execute("select count(*) from facts where source_id = 'SINTETIS'").fetchone() or (0,)
        (regions,) = con.execute(
            "select count(distinct kode) from facts where source_id = 'SINTETIS'"
        ).fetchone() or (0,)
    finally:
        con.close()
    t2 = time.perf_counter()
    return {
        "real_build_s": t1 - t0,
        "synthetic_s": t2 - t1,
        "summaries_s": summaries_s,
        "synthetic_cpu_s": time.process_time() - c1,
        "total_s": t2 - t0,
        "facts": facts,
        "synthetic_facts": syn,
        "synthetic_regions": regions,
        "indicators": n_indicators,
        "years": years,
        "file_mb": target.stat().st_size / 2**20,
        "peak_rss_mb": peak_rss_mb(),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--scale", "--scale-factor", choices=sorted(SCALES), default="national")
    ap.add_argument("--data-dir", type=Path, default=DATA_DIR)
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--keep", type=Path, help="copy the synthetic warehouse into this directory")
    ap.add_argument("--json")
    ap.add_argument("--smoke", action="store_true", help="tiny fixture (tests/data), tiny scale")
    a = ap.parse_args()
    if a.smoke:
        a.data_dir, a.scale, a.reps = TEST_DATA, "tiny", 2
    n, years = SCALES[a.scale]
    with temp_dir("synthetic_") as d:
        target = d / "synthetic_national.duckdb"
        built = generate(a.data_dir, target, n, years)
        print(f"SYNTHETIC national warehouse ({a.scale}; load {load_avg()})\n")
        print(
            md_table(
                [
                    "real build s",
                    "synthetic facts s",
                    "of which summaries s",
                    "its CPU s",
                    "total s",
                    "facts",
                    "synthetic facts",
                    "regions",
                    "file MiB",
                    "peak RSS MiB",
                ],
                [
                    [
                        built["real_build_s"],
                        built["synthetic_s"],
                        built["summaries_s"],
                        built["synthetic_cpu_s"],
                        built["total_s"],
                        f"{built['facts']:,}",
                        f"{built['synthetic_facts']:,}",
                        built["synthetic_regions"],
                        built["file_mb"],
                        built["peak_rss_mb"],
                    ]
                ],
            )
        )
        print()
        result = time_queries(
            target, a.reps, BUDGET_MS, lambda _n, p: P.scaled(p, SYN_INDICATOR, SYN_YEAR), max_s=2.0
        )
        if a.keep:
            a.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(target, a.keep / target.name)
    print_result(result, f"Read queries on the SYNTHETIC national warehouse, {a.reps} runs each")
    write_json(a.json, {"scale": a.scale, "build": built, "order": ORDER, **result})


if __name__ == "__main__":
    main()
