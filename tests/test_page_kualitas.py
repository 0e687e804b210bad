"""AppTest of the Kualitas Data page on the shipped data; its summary equals the XLSX report's."""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dalamangka import fmt, quality, quality_report, sql
from tests.conftest import AppFactory
from tests.test_fmt import table_cells as fmt_cells
from tests.test_page_tren import click_tab


def _report(con: duckdb.DuckDBPyConnection, kode: str, nama: str, lang: str = "id") -> quality.Report:
    return quality.run_checks(functools.partial(sql.run, con), kode, nama, dt.date.today().year, lang)


def _summary(at: AppTest) -> str:
    """The summary table at the top of the page (HTML drawn by ``st.html``)."""
    return next(h.proto.body for h in at.get("html") if 'class="kda-rt"' in h.proto.body)


def test_page_shows_summary_heat_map_and_checks(app: AppFactory, full: duckdb.DuckDBPyConnection) -> None:
    at = app(page="pages/kualitas.py", kota="Kota Medan")
    assert [t.value for t in at.title] == ["Kualitas data Kota Medan"]
    expected = quality.summary(_report(full, "1275", "Kota Medan"))
    assert _summary(at) == fmt.html_table(expected)
    assert not at.table  # no table element (its JavaScript) on the first screen
    assert not at.get("plotly_chart")  # the heat map is Vega-Lite (light first view, issue 14)
    heat = at.get("vega_lite_chart")[0].proto
    assert json.loads(heat.spec)["layer"][0]["mark"]["type"] == "rect"
    assert any(m.value == "**Kelengkapan angka Kota Medan**" for m in at.markdown)
    assert any("Sumber: semua sumber di gudang data" in c.value for c in at.caption)
    # the first screen draws no table (issue 14): the missing list opens on demand, the checks
    # and producers are their own tabs (tab= in the URL), drawn only when opened
    assert not at.dataframe and not at.subheader
    missing = _report(full, "1275", "Kota Medan").missing
    assert [e.label for e in at.expander] == [f"Angka yang tidak ada ({len(missing)})"]
    at.session_state["kualitas_missing_open"] = True
    at.run()
    assert len(at.dataframe[0].value) == len(missing) > 0
    at = app(page="pages/kualitas.py", kota="Kota Medan", tab="cek")
    assert not at.get("vega_lite_chart")  # only the open tab is drawn
    heads = [s.value for s in at.subheader]
    assert heads == [
        "Jumlah kecamatan ≠ total kab/kota (0)",
        "Dua sumber, nilai berbeda (0)",
        "Penduduk BPS vs Dukcapil (5)",
        "Lonjakan antar tahun (0)",
        "Di luar rentang wajar (0)",
        "Dua seri satu konsep: selisih",
    ]
    registry = next(d.value for d in at.dataframe if "Penduduk BPS" in d.value.columns)
    assert registry["Wilayah"].tolist() == [
        "Kota Medan", "Kota Palembang", "Kota Pangkal Pinang", "Kota Tanjung Pinang", "Kota Pekalongan",
    ]  # fmt: skip
    assert registry["Penduduk BPS"].tolist()[0] == "2.510.147"
    assert registry["Penduduk terdaftar Dukcapil"].tolist()[0] == "2.546.452"
    assert registry["Tahun BPS"].tolist()[0] == 2025 and registry["Tahun Dukcapil"].tolist()[0] == 2024
    assert any("tidak satu pun sumber yang dimuat memberi RSE" in i.value for i in at.info)
    assert not any(m.value.startswith("- BPS: skor ") for m in at.markdown)
    at = app(page="pages/kualitas.py", kota="Kota Medan", tab="produsen")
    assert any(m.value.startswith("- BPS: skor ") for m in at.markdown)
    assert not at.subheader


def test_switching_tabs_writes_tab_to_the_link(app: AppFactory) -> None:
    at = app(page="pages/kualitas.py", kota="Kota Medan")
    assert "tab" not in at.query_params  # the default tab is left out of the link
    click_tab(at, "kualitas_tab", "Konsistensi")
    assert at.query_params["tab"] == "cek" and at.subheader
    at.segmented_control(key="kualitas_cakupan").set_value("semua").run()
    click_tab(at, "kualitas_tab", "Kelengkapan")  # back to the first tab: it stays there
    assert "tab" not in at.query_params and at.query_params["cakupan"] == "semua"
    assert at.get("vega_lite_chart") and not at.subheader


def test_page_scope_all_regions_lists_the_three_mismatches(app: AppFactory) -> None:
    at = app(page="pages/kualitas.py", kota="Kota Medan", tab="cek")
    at.segmented_control(key="kualitas_cakupan").set_value("semua").run()
    assert not at.exception
    heads = [s.value for s in at.subheader]
    assert heads[0] == "Jumlah kecamatan ≠ total kab/kota (9)"
    assert heads[1] == "Dua sumber, nilai berbeda (2)"
    kec = next(d.value for d in at.dataframe if "Jumlah kecamatan" in d.value.columns)
    assert set(kec["Wilayah"]) == {
        "Kabupaten Serdang Bedagai",
        "Kabupaten Bengkulu Utara",
        "Kabupaten Halmahera Utara",
    }


def test_page_scope_from_a_shared_link(app: AppFactory) -> None:
    at = app(page="pages/kualitas.py", kota="Kota Medan", kualitas_cakupan="semua wilayah")
    assert at.subheader[0].value == "Jumlah kecamatan ≠ total kab/kota (9)"  # opens on the checks
    assert at.query_params["tab"] == "cek" and at.query_params["cakupan"] == "semua"


def test_page_in_english(app: AppFactory) -> None:
    at = app(page="pages/kualitas.py", kota="Kota Pekalongan", lang="English")
    assert [t.value for t in at.title] == ["Data quality, Kota Pekalongan"]
    head = fmt_cells(_summary(at))[0]
    assert head == ["Check", "All regions", "Kota Pekalongan", "Explanation"]


def test_xlsx_report_opens_and_its_summary_equals_the_page(
    app: AppFactory, full: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    at = app(page="pages/kualitas.py", kota="Kota Palembang")
    report = _report(full, "1671", "Kota Palembang")
    shown = quality.summary(report)
    assert _summary(at) == fmt.html_table(shown)  # the page shows exactly this summary
    data = quality_report.build(report)
    path = tmp_path / "laporan.xlsx"
    path.write_bytes(data)
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == [
        "Ringkasan", "Kelengkapan", "Jumlah kecamatan", "Dua sumber", "BPS vs Dukcapil", "Lonjakan",
        "Di luar rentang", "Produsen", "Metadata",
    ]  # fmt: skip
    assert book["Ringkasan"]["A1"].value == f"Laporan kualitas data: Kota Palembang ({dt.date.today().year})"
    pd.testing.assert_frame_equal(quality_report.read_summary(data), shown.astype(str), check_dtype=False)
    kec = pd.read_excel(io.BytesIO(data), sheet_name="Jumlah kecamatan")
    assert sorted(kec["Kode wilayah"].astype(str).unique()) == ["1218", "1703", "8205"]
    reg = pd.read_excel(io.BytesIO(data), sheet_name="BPS vs Dukcapil")
    assert reg["Penduduk BPS"].tolist() == [2510147, 1740559, 236426, 242421, 327929]


def test_english_report_summary_equals_the_english_page(
    app: AppFactory, full: duckdb.DuckDBPyConnection
) -> None:
    at = app(page="pages/kualitas.py", kota="Kota Tanjung Pinang", lang="English")
    report = _report(full, "2172", "Kota Tanjung Pinang", "en")
    shown = quality.summary(report, "en")
    assert _summary(at) == fmt.html_table(shown)
    data = quality_report.build(report, "en")
    pd.testing.assert_frame_equal(
        quality_report.read_summary(data, "en"), shown.astype(str), check_dtype=False
    )
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    assert book.sheetnames[:2] == ["Summary", "Completeness"]


def test_heat_map_first_paint_never_waits_and_is_there_for_the_next_view(
    app: AppFactory, monkeypatch: pytest.MonkeyPatch, first_paints: None
) -> None:
    """Vega needs ~1.6 s for the heat map's picture: the view does not wait for it (here the
    renderer is held until the page has been drawn without one), the renderer draws it meanwhile,
    and a later view has it."""
    import time

    from dalamangka import firstpaint
    from tests.test_firstpaint import hold_renderer

    gate = hold_renderer(monkeypatch)
    at = app(page="pages/kualitas.py", kota="Kota Tanjungpinang", lang="English")

    def pictures() -> list[str]:
        return [h.proto.body for h in at.get("html") if firstpaint.CLASS in h.proto.body]

    assert pictures() == [] and len(at.get("vega_lite_chart")) == 1  # drawn without waiting
    gate.set()
    deadline = time.monotonic() + 120
    while not pictures():
        assert time.monotonic() < deadline, "the heat map's picture was never drawn"
        time.sleep(0.5)
        at.run()
    (picture,) = pictures()
    title = next(m.value.strip("*") for m in at.markdown if m.value.startswith("**Completeness of figures"))
    assert f'alt="{title}"' in picture  # the picture is the heat map of this city, in English
    assert len(at.get("vega_lite_chart")) == 1  # the interactive heat map is drawn as well


def test_a_second_session_of_a_city_draws_the_same_heat_map_without_building_it_again(
    app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summary and the heat map are made once per city, language and warehouse version (they
    took ~150 ms of every new session's first run): a second visitor gets the very same spec, and
    the other language is its own."""
    calls: list[str] = []
    real = quality.coverage_matrix

    def counted(coverage: pd.DataFrame) -> pd.DataFrame:
        calls.append("matrix")
        return real(coverage)

    monkeypatch.setattr(quality, "coverage_matrix", counted)
    first = app(page="pages/kualitas.py", kota="Kota Pekalongan")
    second = app(page="pages/kualitas.py", kota="Kota Pekalongan")
    assert len(calls) <= 1  # none if an earlier test of this process already built it
    spec = [at.get("vega_lite_chart")[0].proto.spec for at in (first, second)]
    assert spec[0] == spec[1] and _summary(first) == _summary(second)
    english = app(page="pages/kualitas.py", kota="Kota Pekalongan", lang="en")
    assert len(calls) <= 2 and json.loads(english.get("vega_lite_chart")[0].proto.spec) != json.loads(spec[0])
    assert _summary(english) != _summary(first)
