"""Write docs/benchmarks.md from the figures of the last ``bench/run`` (bench/out/*.json).

The generated part (date, machine, every figure against its budget) is rewritten on each run;
the analysis (what missed, the cause found by profiling, the fix) is kept in bench/notes.md and
copied in verbatim, so it is written by a person and versioned with the scripts.

    python -m bench.report [--seconds N]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any

from bench.common import OUT_DIR, ROOT, md_table

DOC = ROOT / "docs" / "benchmarks.md"
NOTES = ROOT / "bench" / "notes.md"


def _load(name: str, directory: Path = OUT_DIR) -> dict[str, Any] | None:
    path = directory / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _mem_gib() -> float:
    with open("/proc/meminfo") as f:
        kb = next(int(line.split()[1]) for line in f if line.startswith("MemTotal:"))
    return kb / 2**20


def _yes(ok: bool | None) -> str:
    return "–" if ok is None else ("yes" if ok else "**no**")


def _queries_table(q: dict[str, Any]) -> str:
    rows = [
        [f"`{r['query']}`", r["rows"], r["runs"], r["p50_ms"], r["p95_ms"], r["cpu_p50_ms"], _yes(r["ok"])]
        for r in q["queries"]
    ]
    text = md_table(["query", "rows", "runs", "p50 ms", "p95 ms", "CPU ms p50", "ok"], rows)
    for s in q.get("not_parameterised", []):
        text += f"\n\nNot parameterised: `{s['query']}` (parameters {', '.join(s['params'])})."
    for f in q.get("failed", []):
        text += f"\n\nFailed: `{f['query']}`: {f['error']}"
    return text


def summary(parts: dict[str, Any]) -> list[list[Any]]:
    """One row per budget: what, budget, measured, met."""
    rows: list[list[Any]] = []
    if b := parts["build"]:
        rows.append(
            [
                "1. Warehouse build from data/",
                "≤ 5 s",
                f"{b['build_s_max']:.2f} s (median "
                f"{b['build_s_median']:.2f} s), peak {b['peak_rss_mb']:.0f} MiB",
                _yes(b["ok"]),
            ]
        )
    if q := parts["queries"]:
        worst = max(q["queries"], key=lambda r: r["p95_ms"])
        missed = sum(not r["ok"] for r in q["queries"])
        rows.append(
            [
                "2. Read queries, shipped warehouse",
                "p95 ≤ 10 ms each",
                f"worst `{worst['query']}` {worst['p95_ms']:.1f} ms; {missed} of {len(q['queries'])} over",
                _yes(q["ok"]),
            ]
        )
    if s := parts["scale"]:
        worst = max(s["queries"], key=lambda r: r["p95_ms"])
        missed = sum(not r["ok"] for r in s["queries"])
        rows.append(
            [
                "3. SYNTHETIC national warehouse: generation",
                "(reported)",
                f"{s['build']['total_s']:.1f} s ({s['build']['facts']:,} facts)",
                "–",
            ]
        )
        rows.append(
            [
                "3. Read queries, synthetic national",
                "p95 ≤ 100 ms each",
                f"worst `{worst['query']}` {worst['p95_ms']:.0f} ms; {missed} of {len(s['queries'])} over",
                _yes(s["ok"]),
            ]
        )
    if p := parts["pages"]:
        worst = max(p["pages"], key=lambda r: r["warm_p95_ms"])
        rows.append(
            [
                "4. Page reruns (server)",
                "warm p95 ≤ 150 ms each",
                f"worst {worst['page']} {worst['warm_p95_ms']:.0f} ms",
                _yes(p["ok"]),
            ]
        )
    if (br := parts["browser"]) and "views" in br:
        charted = [v for v in br["views"] if v["warm_chart_p95_ms"] is not None]
        worst = max(charted, key=lambda r: r["warm_chart_p95_ms"]) if charted else None
        rows.append(
            [
                "5. First chart in Chromium, warm",
                "≤ 1.5 s",
                f"worst {worst['page']} {worst['warm_chart_p95_ms']:.0f} ms (p95)" if worst else "no chart",
                _yes(all((v["warm_chart_p95_ms"] or 0) <= br["budget_chart_ms"] for v in br["views"])),
            ]
        )
        maps = [m for v in br["views"] for m in v["maps"]]
        for kind, budget in (("city", br["budget_city_map_kb"]), ("national", br["budget_national_map_kb"])):
            sized = [m["bytes"] / 1024 for m in maps if m["kind"] == kind]
            label = "kecamatan map of a city" if kind == "city" else "national map"
            rows.append(
                [
                    f"5. GeoJSON of a {label}",
                    f"≤ {budget:g} KB",
                    f"largest {max(sized):.0f} KB" if sized else "no such map on any page yet",
                    _yes(all(x <= budget for x in sized)) if sized else "–",
                ]
            )
    if (r := parts["room"]) and "sessions" in r:
        rows.append(
            [
                f"6. Full room: {r['sessions']} sessions at once",
                "all cards ≤ 5 s",
                f"{r['sessions_with_cards']}/{r['sessions']} drew cards, last at "
                + (f"{r['all_cards_ms']:.0f} ms" if r["all_cards_ms"] else "– (not all within the timeout)")
                + "; server sent the last cards at "
                + (f"{r['all_sent_ms']:.0f} ms" if r.get("all_sent_ms") else "– (not all)"),
                _yes(r["time_ok"]),
            ]
        )
        rows.append(
            [
                "6. Server memory after the room",
                "≤ start + 20 %",
                f"start {r['rss_start_mb']:.0f} → peak {r['rss_peak_mb']:.0f} → {r['rss_end_mb']:.0f} MiB "
                f"({r['settle_s']:.0f} s after close)",
                _yes(r["memory_ok"]),
            ]
        )
    return rows


def render(seconds: int | None, directory: Path = OUT_DIR) -> str:
    parts = {n: _load(n, directory) for n in ("build", "queries", "scale", "pages", "browser", "room")}
    stamps = sorted(p["measured_at"] for p in parts.values() if p)
    ones = [float(p["load_avg"].split()[0]) for p in parts.values() if p and "load_avg" in p]
    loads = f"{min(ones):.0f}–{max(ones):.0f}" if ones else "–"
    out = [
        "# Benchmarks",
        "",
        "<!-- Generated by `bench/run` (bench/report.py) from bench/out/*.json; the notes come from "
        "bench/notes.md. -->",
        "",
        f"- Last run: {stamps[0] if stamps else '–'} to {stamps[-1] if stamps else '–'}"
        + (f" ({seconds / 60:.1f} minutes)" if seconds else ""),
        f"- Machine: {os.cpu_count()} cores, {_mem_gib():.0f} GiB RAM (shared: other work ran at the "
        f"same time: the 1-minute load average was {loads} during the run, on 2 cores)",
        "- Reproduce: `bench/run` (all benchmarks, writes this file; the issue-14 phone, heavy-element "
        "and room-through-`serve` figures come from `bench/bench_phone.py` and "
        "`bench/bench_room_serve.py`, the desktop first view from `bench/bench_desktop.py`, all also "
        "run by `bench/run`); `bench/run --smoke` runs every script on the tiny fixture in seconds. "
        "Each script also runs alone, e.g. `.venv/bin/python -m bench.bench_queries`. The analyses "
        "of each session are in bench/notes.md (copied in below), never only in this file.",
        "",
        "## Budgets",
        "",
        md_table(["what", "budget", "measured", "met"], summary(parts)),
        "",
    ]
    if NOTES.exists():
        out += [NOTES.read_text(encoding="utf-8").strip(), ""]
    if b := parts["build"]:
        out += [
            "## 1. Warehouse build",
            "",
            md_table(
                ["build s median", "build s max", "CPU s", "peak RSS MiB", "warehouse MiB", "runs"],
                [
                    [
                        b["build_s_median"],
                        b["build_s_max"],
                        b["cpu_s_median"],
                        b["peak_rss_mb"],
                        b["warehouse_mb"],
                        len(b["runs"]),
                    ]
                ],
            ),
            "",
        ]
    if q := parts["queries"]:
        out += ["## 2. Read queries on the shipped warehouse", "", _queries_table(q), ""]
    if s := parts["scale"]:
        g = s["build"]
        out += [
            "## 3. SYNTHETIC national warehouse",
            "",
            md_table(
                [
                    "real build s",
                    "synthetic facts s",
                    "CPU s",
                    "total s",
                    "facts",
                    "regions",
                    "indicators × years",
                    "file MiB",
                    "peak RSS MiB",
                ],
                [
                    [
                        g["real_build_s"],
                        g["synthetic_s"],
                        g["synthetic_cpu_s"],
                        g["total_s"],
                        f"{g['facts']:,}",
                        g["synthetic_regions"],
                        f"{g['indicators']} × {g['years']}",
                        g["file_mb"],
                        g["peak_rss_mb"],
                    ]
                ],
            ),
            "",
            _queries_table(s),
            "",
        ]
    if p := parts["pages"]:
        rows = [
            [
                p["floor"]["page"],
                p["floor"]["cold_p50_ms"],
                p["floor"]["cold_p95_ms"],
                p["floor"]["warm_p50_ms"],
                p["floor"]["warm_p95_ms"],
                "1",
                "1",
                "–",
                "",
            ]
        ]
        rows += [
            [
                r["page"],
                r["cold_p50_ms"],
                r["cold_p95_ms"],
                r["warm_p50_ms"],
                r["warm_p95_ms"],
                r["cold_ratio"],
                r["warm_ratio"],
                _yes(r["ok"]),
                "; ".join(r["errors"])[:80],
            ]
            for r in p["pages"]
        ]
        out += [
            "## 4. Page reruns, server side (AppTest)",
            "",
            md_table(
                [
                    "page",
                    "cold p50 ms",
                    "cold p95 ms",
                    "warm p50 ms",
                    "warm p95 ms",
                    "cold ÷ floor",
                    "warm ÷ floor",
                    "ok",
                    "exceptions",
                ],
                rows,
            ),
            "",
        ]
    if (br := parts["browser"]) and "views" in br:
        rows = [
            [
                v["page"],
                v["view"],
                v["cold_chart_ms"],
                v["warm_chart_p50_ms"],
                v["warm_chart_p95_ms"],
                v["cold_idle_ms"],
                v["warm_idle_p50_ms"],
                v.get("warm_sent_p50_ms"),
                v["ws_kb_cold"],
                v["ws_kb_warm"],
                v["charts"],
                v["exceptions"],
                _yes(v["ok"]),
            ]
            for v in br["views"]
        ]
        out += [
            "## 5. Page views in Chromium",
            "",
            f"1 cold view (fresh server) and {br['warm']} warm views per page, each in a fresh browser "
            "context. Times in ms from navigation; `–` = the page draws no chart.",
            "",
            md_table(
                [
                    "page",
                    "view",
                    "cold to chart",
                    "warm p50",
                    "warm p95",
                    "cold to idle",
                    "warm idle p50",
                    "warm sent p50",
                    "WS KB cold",
                    "WS KB warm",
                    "charts",
                    "exceptions",
                    "ok",
                ],
                rows,
            ),
            "",
        ]
        maps = [
            [
                v["page"],
                m["kind"],
                f"{m['chart']} ({m.get('in', 'websocket')})",
                m.get("traces", 1),
                m["features"],
                m["bytes"] / 1024,
            ]
            for v in br["views"]
            for m in v["maps"]
        ]
        out += [
            "GeoJSON per map:",
            "",
            md_table(["page", "map", "chart", "traces", "features", "geometry KB"], maps)
            if maps
            else "No page draws a map with GeoJSON yet.",
            "",
        ]
    if (r := parts["room"]) and "sessions" in r:
        out += [
            "## 6. A full room",
            "",
            md_table(
                [
                    "sessions with cards",
                    "all cards ms",
                    "median ms",
                    "all sent by server ms",
                    "median sent ms",
                    "RSS fresh MiB",
                    "RSS start MiB",
                    "RSS peak MiB",
                    "RSS at close MiB",
                    "RSS +5 s MiB",
                    "RSS end MiB",
                    "end after s",
                ],
                [
                    [
                        f"{r['sessions_with_cards']}/{r['sessions']}",
                        r["all_cards_ms"],
                        r["median_cards_ms"],
                        r.get("all_sent_ms"),
                        r.get("median_sent_ms"),
                        r["rss_fresh_mb"],
                        r["rss_start_mb"],
                        r["rss_peak_mb"],
                        r["rss_closed_mb"],
                        r["rss_5s_mb"],
                        r["rss_end_mb"],
                        r["settle_s"],
                    ]
                ],
            ),
            "",
        ]
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--seconds", type=int, help="how long the run took")
    ap.add_argument("--output", type=Path, default=DOC)
    ap.add_argument("--input", type=Path, default=OUT_DIR, help="directory of the scripts' JSON files")
    a = ap.parse_args()
    a.output.write_text(render(a.seconds, a.input), encoding="utf-8")
    print(f"wrote {a.output} ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})")


if __name__ == "__main__":
    main()
