"""Light chart builders (dalamangka.vega): the Vega-Lite spec dicts, on real rows of the tiny warehouse,
and once in the browser through Streamlit's own renderer (locale, four charts drawn)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dalamangka import charts, compare, fmt, projector, sql, trends, vega
from tests.browser import ARGS, CHROMIUM, IDLE, free_port, require_chromium

ROOT = Path(__file__).resolve().parent.parent


def trend_spec(tiny: duckdb.DuckDBPyConnection, lang: str = "id", projected: bool = False) -> dict[str, Any]:
    rows = sql.run(tiny, "trend_series", indicator="ipm", kodes=["2172", "1275"])
    grid = trends.frame(rows, "ipm", lang)
    data = trends.transform(grid, "nilai", "indeks")
    spec = trends.chart_spec("IPM", grid, "nilai", "indeks", 2, None, lang)
    return vega.trend(data, "1275", spec, lang, projected)


def value_spec() -> charts.ValueSpec:
    return charts.ValueSpec("TPT 2021", "Semua angka tahun 2021", "TPT (%)", "persen", 2, "Median")


def test_every_spec_is_strict_json_and_title_less(tiny: duckdb.DuckDBPyConnection) -> None:
    values = sql.run(tiny, "compare_values", indicator="tpt", tahun=2021)
    specs = [
        trend_spec(tiny),
        vega.ranked_bars(values, ["1275"], compare.median(values.nilai), value_spec(), "id"),
        vega.strip(values, ["1275"], None, value_spec(), "id"),
    ]
    for spec in specs:
        json.dumps(spec, allow_nan=False)  # NaN would break the browser's JSON.parse
        assert "title" not in spec and all("title" not in layer for layer in spec["layer"])
        assert spec["config"]["locale"]["number"] == {
            "decimal": ",",
            "thousands": ".",
            "grouping": [3],
            "currency": ["", ""],
        }
        assert spec["config"]["legend"]["orient"] == "bottom"


def test_trend_gaps_highlight_years_and_series(tiny: duckdb.DuckDBPyConnection) -> None:
    spec = trend_spec(tiny)
    rows = spec["data"]["values"]
    medan = [r for r in rows if r["seri"] == "Kota Medan · IPM"]
    assert [r["tahun"] for r in medan] == [2019, 2020, 2021, 2022, 2023, 2024, 2025]
    assert [r["nilai"] for r in medan] == [80.97, 80.98, 81.21, None, None, None, None]  # gaps, not zeros
    assert medan[0]["teks"] == "Kota Medan · 2019: 80,97" and medan[3]["teks"].endswith("tidak ada data")
    assert rows[-1]["seri"] == "Kota Medan · IPM"  # the chosen city is drawn last, on top
    line, points = spec["layer"]
    assert line["mark"]["invalid"] == "break-paths-show-domains"
    assert points["transform"] == [{"filter": "isValid(datum.nilai)"}]
    enc = line["encoding"]
    colour = dict(zip(enc["color"]["scale"]["domain"], enc["color"]["scale"]["range"], strict=True))
    assert colour["Kota Medan · IPM"] == charts.HIGHLIGHT
    assert "Kota Tanjung Pinang · IPM" in colour and "Kota Tanjung Pinang · IPM (seri revisi)" in colour
    dashes = dict(zip(enc["strokeDash"]["scale"]["domain"], enc["strokeDash"]["scale"]["range"], strict=True))
    assert dashes["Kota Tanjung Pinang · IPM"] != dashes["Kota Tanjung Pinang · IPM (seri revisi)"]
    x = enc["x"]
    assert x["axis"]["format"] == "d"  # 2020, never 2.020
    assert x["axis"]["labelOverlap"] == "greedy" and x["axis"]["tickMinStep"] == 1
    assert x["scale"]["domain"] == [2019, 2025]
    assert enc["y"]["axis"]["format"] == ",.2~f"
    assert enc["strokeWidth"]["condition"]["value"] > enc["strokeWidth"]["value"]


def test_trend_english_and_projector(tiny: duckdb.DuckDBPyConnection) -> None:
    spec = trend_spec(tiny, "en", projected=True)
    assert spec["config"]["locale"]["number"]["decimal"] == "."
    assert spec["config"]["locale"]["number"]["thousands"] == ","
    assert spec["config"]["axis"]["labelFontSize"] == projector.BASE_FONT
    assert spec["layer"][0]["encoding"]["strokeWidth"]["value"] >= projector.LINE_MIN
    medan = [r for r in spec["data"]["values"] if r["kode"] == "1275"]
    assert medan[3]["teks"].endswith("no data")


def test_trend_empty_frame_is_an_empty_chart() -> None:
    empty = pd.DataFrame(columns=["kode", "indicator", "label", "tahun", "y", "series_rank"])
    spec = vega.trend(empty, "1275", charts.TrendSpec("", "", "", "persen", 2), "id")
    assert spec["data"]["values"] == []


def test_ranked_bars_order_colour_labels_median(tiny: duckdb.DuckDBPyConnection) -> None:
    values = sql.run(tiny, "compare_values", indicator="tpt", tahun=2021)
    rows = compare.ranked(values, ["1275", "1971", "1671", "3375", "2172"], False)
    spec = vega.ranked_bars(rows, ["1275", "3375"], compare.median(rows.nilai), value_spec(), "id")
    data = spec["data"]["values"]
    order = ["Kota Tanjung Pinang", "Kota Pangkal Pinang", "Kota Pekalongan", "Kota Palembang", "Kota Medan"]
    assert [r["nama"] for r in data] == order
    assert spec["layer"][0]["encoding"]["y"]["sort"] == order
    # the axis shows each row's short label uncut (names.axis_labels), the tooltip the whole name
    y = spec["layer"][0]["encoding"]["y"]
    assert y["field"] == "label" and y["axis"]["labelLimit"] == 0
    assert [r["label"] for r in data] == order
    assert spec["layer"][0]["encoding"]["tooltip"][0]["field"] == "nama"
    assert [r["teks"] for r in data] == ["6,31 %", "6,81 %", "6,89 %", "10,11 %", "10,81 %"]
    colour = {r["nama"]: r["warna"] for r in data}
    assert colour["Kota Medan"] == charts.HIGHLIGHT
    assert colour["Kota Pekalongan"] not in (charts.HIGHLIGHT, charts.MUTED)  # second chosen city
    assert colour["Kota Palembang"] == charts.MUTED
    labels = spec["layer"][1]
    assert (
        labels["encoding"]["text"] == {"field": "teks"}
        and "datum.pilihan" in labels["transform"][0]["filter"]
    )
    rule, text = spec["layer"][2:]
    assert rule["encoding"]["x"]["datum"] == pytest.approx(6.89)
    assert text["encoding"]["text"]["value"] == "╌╌ Median: 6,89 %" and text["data"] == {"values": [{}]}
    # the label ends at the plot's top-right corner, right-aligned: never past a 390 px phone's
    # right edge, however narrow long bar names leave the plot (a browser test measures it)
    assert text["encoding"]["x"] == {"value": {"expr": "width"}} and text["mark"]["align"] == "right"
    assert spec["height"] == {"step": vega.BAR_STEP}


def test_ranked_bars_keep_a_region_without_figure_as_an_empty_row() -> None:
    table = pd.DataFrame({"kode": ["1", "2"], "nama": ["A", "B"], "nilai": [3.5, float("nan")]})
    spec = vega.ranked_bars(table, ["2"], None, value_spec(), "id")
    b = spec["data"]["values"][1]
    assert b["nilai"] is None and b["teks"] == "tidak ada data"
    assert spec["layer"][0]["mark"]["invalid"] == "filter"
    assert len(spec["layer"]) == 2  # no median given: no median line


def test_strip_median_lanes_and_chosen(tiny: duckdb.DuckDBPyConnection) -> None:
    values = sql.run(tiny, "compare_values", indicator="ipm", tahun=2021)
    kota = values[values.level == "kota"]
    spec = vega.strip(kota, ["1275"], None, value_spec(), "id")
    data = spec["data"]["values"]
    assert len(data) == len(kota) == 6
    assert {r["lajur"] for r in data} <= {-2, -1, 0, 1, 2}
    medan = next(r for r in data if r["kode"] == "1275")
    assert medan["nilai"] == 81.21 and medan["warna"] == charts.HIGHLIGHT
    rule = spec["layer"][4]
    assert rule["encoding"]["x"]["datum"] == pytest.approx(float(kota.nilai.median()))


def test_strip_names_of_close_chosen_values_get_their_own_rows(tiny: duckdb.DuckDBPyConnection) -> None:
    """At 390 px the names of chosen kota with close values printed over each other: each
    chosen name now has its own pixel row (value order), and a name in the right half of the
    axis ends at its dot (right-aligned) instead of running past the edge."""
    values = sql.run(tiny, "compare_values", indicator="ipm", tahun=2021)
    kota = values[values.level == "kota"]
    chosen = ["1275", "1671", "3375"]
    spec = vega.strip(kota, chosen, None, value_spec(), "id")
    rows = {r["kode"]: r for r in spec["data"]["values"]}
    picked = sorted(chosen, key=lambda k: rows[k]["nilai"])
    assert [rows[k]["baris"] for k in picked] == sorted({rows[k]["baris"] for k in picked})  # distinct rows
    lo, hi = float(kota.nilai.min()), float(kota.nilai.max())
    for k in chosen:
        assert rows[k]["kanan"] == ((rows[k]["nilai"] - lo) / (hi - lo) > 0.5)
    left, right = spec["layer"][2], spec["layer"][3]
    assert left["mark"]["align"] == "left" and right["mark"]["align"] == "right"
    assert left["encoding"]["y"]["scale"] is None  # pixel rows above the lanes
    assert all(rows[k]["baris"] is None for k in rows if k not in chosen)


def test_scatter_leaves_out_regions_missing_a_figure(tiny: duckdb.DuckDBPyConnection) -> None:
    ipm = sql.run(tiny, "compare_values", indicator="ipm", tahun=2021)
    p0 = sql.run(tiny, "compare_values", indicator="p0", tahun=2021)
    both = compare.pair(ipm, p0, "kota")
    sp = charts.ScatterSpec("", "", "IPM", "P0 (%)", "indeks", "persen", 2, 2)
    spec = vega.scatter(both, ["1275", "9999"], sp, "id")
    data = spec["data"]["values"]
    complete = both.dropna(subset=["x", "y"])
    assert len(data) == len(complete)
    medan = next(r for r in data if r["kode"] == "1275")
    row = both.set_index("kode").loc["1275"]
    assert medan["x"] == pytest.approx(float(row.x)) and medan["pilihan"]
    assert medan["teks_y"] == charts.fmt.value(float(row.y), "persen", 2, "id")
    assert spec["layer"][0]["encoding"]["tooltip"][1]["title"] == "IPM"


@pytest.mark.browser
def test_streamlit_draws_the_specs_with_indonesian_numbers(tiny_warehouse: Path) -> None:
    """Streamlit 1.67's renderer honours config.locale: an axis reads 2.000.000, not 2,000,000."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    port = free_port()
    env = {**os.environ, "DALAMANGKA_WAREHOUSE": str(tiny_warehouse)}
    gallery = str(ROOT / "tests" / "apps" / "vega_gallery.py")
    cmd = [sys.executable, "-m", "streamlit", "run", gallery, "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true"]  # fmt: skip

    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page(viewport={"width": 390, "height": 844})
            deadline = time.monotonic() + 60
            while True:
                try:
                    page.goto(f"http://127.0.0.1:{port}/")
                    break
                except Exception:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)
            page.wait_for_selector(IDLE, state="attached", timeout=60_000)
            page.wait_for_function("document.querySelectorAll('.vega-embed svg').length >= 4", timeout=60_000)
            texts = [t.strip() for t in page.locator(".vega-embed svg text").all_text_contents()]
            inks = page.eval_on_selector_all(
                ".vega-embed svg :is(.role-legend-label, .role-legend-title, .role-axis-label) text",
                "els => els.map(e => [e.textContent, e.getAttribute('fill')])",
            )
            assert page.locator('[data-testid="stException"]').count() == 0
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert "2.000.000" in texts  # the strip's axis, formatted by Vega with the id-ID locale
    assert "2020" in texts and "2.020" not in texts  # years without a thousands mark
    assert "╌╌ Median: 6,89 %" in texts and "10,81 %" in texts
    # legends and axes are read on a projector: every label at least WCAG's 4.5:1 on white
    legend = [t for t, _ in inks if t]
    assert len(legend) >= 5, inks
    faint = [
        (t, fill, round(contrast_on_white(fill), 2)) for t, fill in inks if contrast_on_white(fill) < 4.5
    ]
    assert not faint, faint


def contrast_on_white(colour: str) -> float:
    """WCAG 2 contrast ratio of a #rrggbb colour against white."""
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return 1.05 / (luminance + 0.05)


def test_a_long_title_wraps_into_lines_that_fit_a_phone() -> None:
    """A title wider than a 390 px phone's chart would squash the plot (autosize fit): it wraps."""
    assert vega.title_lines("IPM") == "IPM"
    lines = vega.title_lines("Indeks Pembangunan Manusia (seri UHH proyeksi SP2010)")
    assert lines == ["Indeks Pembangunan Manusia (seri UHH", "proyeksi SP2010)"]
    assert all(len(line) <= vega.TITLE_WRAP for line in lines)


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(["kota", "dengan", "Penduduk", "(Dukcapil", "Smt", "II)", "antara", "dari"]),
        max_size=12,
    ),
    figures=st.lists(
        st.tuples(st.integers(0, 10**7), st.sampled_from(["%", "jiwa", "poin", "km²"])), min_size=1
    ),
    width=st.integers(20, 50),  # the longest figure with its unit is 16 characters
)
def test_a_figure_and_its_unit_stay_on_one_line(
    words: list[str], figures: list[tuple[int, str]], width: int
) -> None:
    """A wrapped title or subtitle never ends a line on a figure whose unit starts the next (a
    Bandingkan subtitle once read "(±25" / "% dari ..."); the words are kept, in order."""
    parts = [*words, *(f"±{fmt.number(n)} {unit}" for n, unit in figures)]
    text = " ".join(parts)
    lines = vega.wrap(text, width)
    assert " ".join(lines).split() == text.split()
    for n, unit in figures:
        assert any(f"{fmt.number(n)} {unit}" in line for line in lines), (n, unit, lines)
