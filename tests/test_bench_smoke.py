"""Each benchmark script runs on the tiny fixture (``--smoke``), so the scripts cannot rot.

CI does not run the benchmarks themselves (too slow and noisy: ``bench/run``); this only checks
that every script still runs end to end and writes its figures. The browser ones skip without
Chromium unless CI is set.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import params
from bench.common import chromium_available
from dalamangka import sql

ROOT = Path(__file__).resolve().parent.parent


def run_script(name: str, out: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    path = out / f"{name}.json"
    proc = subprocess.run(
        [sys.executable, "-m", f"bench.bench_{name}", "--smoke", "--json", str(path), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.strip()
    return json.loads(path.read_text())


def test_build(tmp_path: Path) -> None:
    got = run_script("build", tmp_path)
    assert got["build_s_median"] > 0 and got["peak_rss_mb"] > 0


def test_queries_cover_every_read_query(tmp_path: Path) -> None:
    got = run_script("queries", tmp_path)
    timed = {r["query"] for r in got["queries"]}
    skipped = {s["query"] for s in got["not_parameterised"]}
    failed = {f["query"] for f in got["failed"]}
    assert timed | skipped | failed == set(params.read_queries())
    assert not any(n.startswith(params.WRITE_PREFIXES) for n in timed)
    # every read query runs on the warehouse: a statement for another database (notes/ is SQLite)
    # or a write statement would fail here, as 20 did in a full run before they were excluded
    assert got["failed"] == []


def test_scale_tiny(tmp_path: Path) -> None:
    got = run_script("scale", tmp_path)
    assert got["scale"] == "tiny"
    assert got["build"]["synthetic_facts"] == 3 * 3 * got["build"]["synthetic_regions"]
    assert got["queries"]


def test_pages(tmp_path: Path) -> None:
    got = run_script("pages", tmp_path, "--pages", "ringkasan")
    (page,) = got["pages"]
    assert page["page"] == "ringkasan" and not page["errors"]
    assert got["floor"]["warm_p50_ms"] > 0


def test_params_fallback_fills_known_names() -> None:
    for name in params.read_queries():
        filled = params.guess(name)
        if filled is not None:
            assert set(filled) == sql.load(name).params


def _need_browser() -> None:
    if not chromium_available():
        if os.environ.get("CI"):
            pytest.fail("CI is set but Chromium or playwright is missing")
        pytest.skip("Chromium or playwright not installed")


@pytest.mark.browser
def test_browser(tmp_path: Path) -> None:
    _need_browser()
    got = run_script("browser", tmp_path)
    (view,) = got["views"]
    assert view["page"] == "ringkasan" and "warm_chart_p50_ms" in view and "ws_kb_cold" in view


def report(figures: Path) -> Path:
    """docs/benchmarks.md as `bench/run` writes it from the figures in ``figures`` (there)."""
    doc = figures / "benchmarks.md"
    subprocess.run(
        [sys.executable, "-m", "bench.report", "--input", str(figures), "--output", str(doc)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return doc


@pytest.mark.browser
def test_room_and_report(tmp_path: Path) -> None:
    _need_browser()
    got = run_script("room", tmp_path)
    assert got["sessions"] == 3 and got["rss_start_mb"] > 0  # times: not asserted (noisy machine)
    run_script("build", tmp_path)
    text = report(tmp_path).read_text()
    assert "## Budgets" in text and "6. Full room" in text


def test_bench_run_keeps_every_analysis_of_the_benchmarks_doc(tmp_path: Path) -> None:
    """`bench/run` rewrites docs/benchmarks.md: figures from bench/out, analyses from
    bench/notes.md. A section written only into the doc would be lost by the next run."""
    made = {line for line in report(tmp_path).read_text().splitlines() if line.startswith("## ")}
    shipped = [
        line for line in (ROOT / "docs" / "benchmarks.md").read_text().splitlines() if line.startswith("## ")
    ]
    figures = re.compile(r"## \d+\. ")  # written from bench/out/*.json, absent without figures
    assert len(shipped) >= 20
    assert [h for h in shipped if h not in made and not figures.match(h)] == []


@pytest.mark.browser
def test_phone_through_serve(tmp_path: Path) -> None:
    """The phone harness through `serve` (floor + Ringkasan, tiny fixture): figures written."""
    _need_browser()
    got = run_script("phone", tmp_path, "--targets", "serve")
    floor, ringkasan = got["rows"]
    assert floor["page"] == "(floor)" and ringkasan["page"] == "ringkasan"
    assert ringkasan["first_kb"] > 0 and ringkasan["again_kb"] < ringkasan["first_kb"]  # the cache works
    assert not ringkasan["errors"]


def test_desktop_first_view(tmp_path: Path) -> None:
    """The desktop harness (floor, one Vega chart, Tren; two `serve`s, tiny fixture): a time for
    every view on both clocks, the floor's over-the-floor is 0, and the page's own clock never
    later than Playwright's (whose polls see a change only after it happened)."""
    _need_browser()
    got = run_script("desktop", tmp_path)
    rows = {r["view"]: r for r in got["rows"]}
    assert list(rows) == ["floor: one metric", "one Vega-Lite chart", "Tren"]
    assert all(r["n"] == 1 and r["median_ms"] > 0 for r in rows.values())
    assert rows["floor: one metric"]["over_floor_ms"] == 0 and rows["Tren"]["ours"]
    assert rows["floor: one metric"]["page_over_floor_ms"] == 0
    for r in rows.values():
        (seen,), (page,) = r["times_ms"], r["page_times_ms"]
        assert 0 < page <= seen, r


def test_benchmarks_wait_for_serves_own_prepaint_line() -> None:
    """The benchmarks through `serve` wait for its prepaint's last line (session 19 reworded it,
    and they then waited for ever): the lines serve logs, done or failed, and nothing else."""
    from bench import phone
    from dalamangka import serve

    assert phone.prepaint_finished(serve.PREPAINT_DONE + "\n")
    assert phone.prepaint_finished(f"{serve.PREPAINT_FAILED} (kode 1).\n")
    assert not phone.prepaint_finished("Siap: http://127.0.0.1:8501\n")
    assert not phone.prepaint_finished("Layar pertama ponsel disiapkan untuk 2 kab/kota: 1275, 1671\n")


def test_desktop_via_run(tmp_path: Path) -> None:
    """``--via run``: Streamlit's own floor (plain `streamlit run`), Tren with the front door and
    without it, each timed on both clocks."""
    _need_browser()
    got = run_script("desktop", tmp_path, "--via", "run")
    rows = {r["view"]: r for r in got["rows"]}
    assert list(rows) == ["floor: one metric, plain `streamlit run`", "Tren", "Tren, no front door"]
    assert all(r["n"] == 1 and r["median_ms"] > 0 and r["page_median_ms"] > 0 for r in rows.values())
    assert rows["floor: one metric, plain `streamlit run`"]["over_floor_ms"] == 0
    # one round: the floor is within its own budget in it; every view counts that one round
    assert rows["floor: one metric, plain `streamlit run`"]["rounds_within"] == [1, 1]
    assert all(r["rounds_within"][1] == 1 and r["page_rounds_within"][1] == 1 for r in rows.values())
    # the server's part: when the script's last message arrived (Playwright's event, put on the
    # page's clock; the event can reach Python a little late on a busy machine, hence the margin)
    assert all(0 < r["page_done_ms"] < r["page_median_ms"] + 250 for r in rows.values())
    # the browser's part is the rest; each of the three is rounded to whole ms on its own, so they
    # may disagree by one (e.g. 100.6 - 50.4: 101 - 50 = 51, but round(50.2) = 50)
    for r in rows.values():
        assert abs(r["browser_after_ms"] - (r["page_median_ms"] - r["page_done_ms"])) <= 1


def test_desktop_rounds_within_pairs_each_view_with_its_rounds_floor() -> None:
    """A view passes a round when it is within +0.5 s of the floor's view of that same round;
    a round the floor (or the view) lacks is not counted."""
    from bench.bench_desktop import ready, rounds_within

    def v(r: int, t: float | None) -> dict[str, object]:
        return {"round": r, "t_idle_ms": t, "t_chart_ms": None}

    floor = [v(0, 1000), v(1, 1600), v(2, 1200)]  # round 3: the floor was not measured
    page = [v(0, 1500), v(1, 2000), v(2, 1701), v(3, 1000)]
    assert rounds_within(page, floor, ready) == (2, 3)  # +500 and +400 pass, +501 does not
    assert rounds_within(page, floor, ready, budget=400) == (1, 3)
    assert rounds_within([v(0, None)], floor, ready) == (0, 0)


def test_import_synthetic(tmp_path: Path) -> None:
    got = run_script("import_synthetic", tmp_path)
    by_case = {r["case"]: r for r in got["results"]}
    assert by_case["accepted"]["result"] == "plan" and by_case["accepted"]["rows"] > 1000
    assert by_case["refused_last_row"]["result"] == "refused"
    assert "'12,3,4' bukan angka" in by_case["refused_last_row"]["detail"]


def test_room_ws(tmp_path: Path) -> None:
    """The room over Streamlit's websocket protocol (floor + Ringkasan through `serve`, tiny fixture)."""
    got = run_script("room_ws", tmp_path)
    floor, ringkasan = got["rows"]
    assert floor["app"] == "(floor)" and ringkasan["app"] == "ringkasan"
    for row in (floor, ringkasan):
        assert row["done"] == row["sessions"] == 2, row["errors"]
        assert row["rss_before_mb"] > 0 and sum(row["split"].values()) == 2
        assert row["ws_kb_per_session"] > 0  # times: not asserted (noisy machine)


def test_geojson_payloads_measure_vega_maps_inline_and_by_their_boundary_file(tmp_path: Path) -> None:
    """The browser benchmark's map sizes: a Vega-Lite map's inline FeatureCollection, and a map whose
    boundaries are a file of static/geo/ (the national map) measured by that file; other charts
    and frames are not maps."""
    import json

    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from bench import browser

    def frame(spec: dict[str, object]) -> bytes:
        msg = ForwardMsg()
        msg.delta.new_element.vega_lite_chart.spec = json.dumps(spec)
        return msg.SerializeToString()

    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    shapes = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "id": "1275010", "geometry": square}],
    }
    geo = ROOT / "static" / "geo"
    geo.mkdir(parents=True, exist_ok=True)
    name = "batas-uji-bench-0000.json"
    national = {
        "type": "FeatureCollection",
        "features": [{**shapes["features"][0], "id": k} for k in ("11", "12")],
    }
    (geo / name).write_text(json.dumps(national), encoding="utf-8")
    url = f"app/static/geo/{name}"
    try:
        maps = browser.geojson_payloads(
            [
                frame({"mark": "geoshape", "data": {"values": shapes}}),
                frame({"mark": "line", "data": {"values": [{"x": 1, "y": 2}]}}),
                # the national map: its shapes in the file, the chosen city's outline inline
                frame(
                    {
                        "layer": [
                            {
                                "mark": "geoshape",
                                "transform": [{"lookup": "kode", "from": {"data": {"url": url}}}],
                            },
                            {"mark": "geoshape", "data": {"values": shapes}},
                        ]
                    }
                ),
                b"not a message",
            ]
        )
    finally:
        (geo / name).unlink()
    assert [(m["chart"], m["in"], m["features"]) for m in maps] == [
        ("vega_lite_chart", "websocket", 1),
        ("vega_lite_chart", "file", 3),
    ]
    assert maps[0]["bytes"] == len(json.dumps(shapes, separators=(",", ":")))
