"""Issue 15 on Tren: "How did Palembang's IPM move against other Sumatran cities?" answered on
one screen through the island group (``grup=pulau``), numbers checked against the warehouse;
old ``set`` links keep working; a bad ``grup`` value is named, never guessed."""

from __future__ import annotations

import io
import json

import duckdb
import pandas as pd

from dalamangka import charts, fmt, groups
from tests.conftest import AppFactory
from tests.test_page_tren import PAGE, chosen_lines, colour_of, download, figure, lines, series, texts
from tests.test_page_tren import downloads as downloads

SUMATERA = next(i for i in groups.definitions().islands if i.code == "sumatera")


def sumatran_kota_with(con: duckdb.DuckDBPyConnection, indicator: str) -> set[str]:
    """Current kota of the Sumatran provinces with any figure of ``indicator`` (straight SQL)."""
    marks = ", ".join("?" for _ in SUMATERA.provinces)
    rows = con.execute(
        "select distinct r.kode from regions as r join facts_all as f on f.kode = r.kode "
        f"where r.level = 'kota' and r.is_current and f.indicator = ? and f.periode = 0 "
        f"and r.provinsi in ({marks})",
        [indicator, *SUMATERA.provinces],
    ).fetchall()
    return {str(r[0]) for r in rows}


def test_palembang_ipm_against_the_other_sumatran_kota(
    app: AppFactory, full: duckdb.DuckDBPyConnection
) -> None:
    at = app(page=PAGE, kota="1671", ind="ipm", grup="pulau")
    assert not at.exception and not at.warning
    fig = figure(at)
    ipm = {k for i, k, *_ in lines(fig) if i == "ipm"}
    expected = sumatran_kota_with(full, "ipm")
    assert len(expected) >= 20 and ipm == expected
    assert ("ipm", "1671") in chosen_lines(fig)
    own = {r["seri"] for r in fig["values"] if r["kode"] == "1671" and r["indikator"] == "ipm"}
    assert [colour_of(fig)[s] for s in own] == [charts.HIGHLIGHT]
    # every point drawn is the warehouse's figure
    n = 0
    for indicator, kode, xs, ys, _ in lines(fig):
        truth = series(full, indicator, kode)
        for year, y in zip(xs, ys, strict=True):
            if year in truth:
                assert y is not None and abs(y - truth[year]) < 1e-9, (indicator, kode, year)
                n += 1
            else:
                assert y is None
    assert n > 200
    # the one-line answer on the same screen: how Palembang moved against the Sumatran kota
    # (answers.moved_against): first and last figure, and its rank among them in both years
    truth = series(full, "ipm", "1671")
    y0, y1 = min(truth), max(truth)
    peers = {k: series(full, "ipm", k) for k in sumatran_kota_with(full, "ipm")}

    def rank(year: int) -> tuple[int, int]:
        have = [v[year] for v in peers.values() if year in v]
        return 1 + sum(v > truth[year] for v in have), len(have)  # IPM: higher is better

    (r0, n0), (r1, n1) = rank(y0), rank(y1)
    sentence = (
        f"IPM Kota Palembang: {fmt.number(truth[y0], 2)} ({y0}) menjadi {fmt.number(truth[y1], 2)} ({y1}), "
        f"+{fmt.number(truth[y1] - truth[y0], 2)} poin; di antara kota di Sumatera: peringkat "
        f"{fmt.ordinal(r0)} dari {n0} pada {y0}, {fmt.ordinal(r1)} dari {n1} pada {y1} "
        "(peringkat 1 = tertinggi)."
    )
    assert sentence == at.markdown[0].value  # the message, right under the title
    assert any("Sumatera" in t for t in texts(at))  # the group says which kota were chosen
    assert at.button_group(key="tren_set").value == "pulau"
    assert at.query_params["grup"] == "pulau"


def test_picking_the_island_group_writes_grup_and_old_set_links_still_work(app: AppFactory) -> None:
    at = app(page=PAGE, kota="1671", ind="tpt", set="provinsi")
    assert at.button_group(key="tren_set").value == "provinsi"
    at.button_group(key="tren_set").set_value("pulau").run()
    assert at.query_params["grup"] == "pulau" and "set" not in at.query_params
    at.button_group(key="tren_set").set_value("lima").run()
    assert "grup" not in at.query_params and "set" not in at.query_params
    assert {k for _, k, *_ in lines(figure(at))} == {"1971", "1671", "1275", "3375", "2172"}


def test_a_bad_group_value_is_named_and_the_default_shown(app: AppFactory) -> None:
    at = app(page=PAGE, kota="1671", ind="ipm", grup="pulau-atlantis")
    assert any("atlantis" in w.value for w in at.warning)
    assert {k for _, k, *_ in lines(figure(at))} == {"1971", "1671", "1275", "3375", "2172"}


def test_year_range_narrows_chart_table_and_shown_download_not_the_full_series(
    app: AppFactory, downloads: None
) -> None:
    at = app(page=PAGE, kota="1671", ind="ipm", rentang="2015-2019")
    assert not at.warning
    assert {r["tahun"] for r in figure(at)["values"]} == set(range(2015, 2020))
    assert at.select_slider(key="tren_rentang").value == (2015, 2019)
    at.query_params["tab"] = "tabel"
    at.run()
    years = [c for c in at.dataframe[0].value.columns if str(c).isdigit()]
    assert years == [str(y) for y in range(2015, 2020)]
    shown = pd.read_csv(io.BytesIO(download(at, "Unduh yang ditampilkan: CSV")), encoding="utf-8-sig")
    full = pd.read_csv(io.BytesIO(download(at, "Unduh seri lengkap: CSV")), encoding="utf-8-sig")
    assert [c for c in shown.columns if c.isdigit()] == years
    assert "2010" in full.columns and "2015" in full.columns
    at.select_slider(key="tren_rentang").set_value((2012, 2018)).run()
    assert at.query_params["rentang"] == "2012-2018"
    assert [c for c in at.dataframe[0].value.columns if str(c).isdigit()] == [
        str(y) for y in range(2012, 2019)
    ]


def test_a_bad_year_range_is_named_and_every_year_shown(app: AppFactory) -> None:
    at = app(page=PAGE, kota="1671", ind="ipm", rentang="2030-2040")
    assert any("2030-2040" in w.value for w in at.warning)
    assert min(r["tahun"] for r in figure(at)["values"]) == 2010


def test_peta_tab_links_the_national_map_of_the_indicator(app: AppFactory) -> None:
    at = app(page=PAGE, kota="1671", ind="ipm", tab="peta")
    drawn = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert [d["layer"][0]["mark"]["type"] for d in drawn] == ["geoshape"]  # the map only, no trend chart
    assert not at.dataframe  # only the open tab is drawn
    links = [link.proto for link in at.get("page_link")]
    assert any(
        p.page == "peta" and p.query_string == "kota=1671&lang=id&ind=ipm&tampilan=nasional" for p in links
    )
    assert at.query_params["tab"] == "peta"
