"""Issue 15 on Tren: "How did Palembang's IPM move against other Sumatran cities?" answered on
one screen through the island group (``grup=pulau``), numbers checked against the warehouse;
old ``set`` links keep working; a bad ``grup`` value is named, never guessed."""

from __future__ import annotations

import io
import json

import duckdb
import pandas as pd
import pytest

from dalamangka import charts, fmt, groups, sql
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
    assert at.button_group(key="tren_grup").value == "pulau"
    assert at.query_params["grup"] == "pulau"


def test_picking_the_island_group_writes_grup(app: AppFactory) -> None:
    at = app(page=PAGE, kota="1671", ind="tpt", grup="provinsi")
    assert at.button_group(key="tren_grup").value == "provinsi"
    at.button_group(key="tren_grup").set_value("pulau").run()
    assert at.query_params["grup"] == "pulau" and "set" not in at.query_params
    at.button_group(key="tren_grup").set_value("lima").run()
    assert "grup" not in at.query_params and "set" not in at.query_params
    assert {k for _, k, *_ in lines(figure(at))} == {"1971", "1671", "1275", "3375", "2172"}


def kota_with(con: duckdb.DuckDBPyConnection, indicator: str, sql: str = "true", *args: object) -> set[str]:
    """Current kota with any yearly figure of ``indicator`` and the extra condition ``sql`` on
    their region row ``r`` (straight from the warehouse)."""
    rows = con.execute(
        "select distinct r.kode from regions as r join facts_all as f on f.kode = r.kode "
        f"where r.level = 'kota' and r.is_current and f.indicator = ? and f.periode = 0 and ({sql})",
        [indicator, *args],
    ).fetchall()
    return {str(r[0]) for r in rows}


@pytest.mark.parametrize(("old", "grup"), [("provinsi", "provinsi"), ("semua", "semua"), ("lima", None)])
def test_an_old_set_link_is_rewritten_to_grup_and_shows_the_same_regions(
    app: AppFactory, full: duckdb.DuckDBPyConnection, old: str, grup: str | None
) -> None:
    """Shared links and decks made before ``grup=`` (``set=provinsi``) keep their regions: the old
    quick pick is read once and the URL rewritten to the group it meant."""
    at = app(page=PAGE, kota="1671", ind="tpt", set=old)
    assert not at.warning and "set" not in at.query_params and at.query_params.get("grup") == grup
    assert at.button_group(key="tren_grup").value == (grup or "lima")
    expected = {
        "provinsi": kota_with(full, "tpt", "r.provinsi = '16'"),  # the kota of Sumatera Selatan
        "semua": kota_with(full, "tpt"),
        "lima": {"1971", "1671", "1275", "3375", "2172"},
    }[old]
    assert {k for _, k, *_ in lines(figure(at))} == expected
    assert chosen_lines(figure(at)) == [("tpt", "1671")]


def test_an_old_only_my_picks_link_becomes_a_custom_list_with_its_regions(app: AppFactory) -> None:
    at = app(page=PAGE, kota="1275", ind="tpt", set="pilihan", wilayah="1271")
    assert at.query_params["grup"] == "daftar" and at.query_params["wilayah"] == "1271"
    assert "set" not in at.query_params
    assert {k for _, k, *_ in lines(figure(at))} == {"1275", "1271"}  # the same two lines as before


def test_similar_population_group_draws_exactly_the_band_and_states_it(
    app: AppFactory, full: duckdb.DuckDBPyConnection
) -> None:
    at = app(page=PAGE, kota="1275", ind="tpt", grup="mirip-25")
    assert not at.warning and at.query_params["grup"] == "mirip-25"
    assert at.button_group(key="tren_grup").value == "mirip" and at.button_group(key="tren_pita").value == 25
    pop = {
        str(k): float(v)
        for k, v in full.execute(
            "select f.kode, f.nilai from facts_all f join regions r using (kode) where r.level = 'kota' "
            "and r.is_current and f.indicator = 'penduduk_dukcapil' and f.tahun = 2024 and f.periode = 0"
        ).fetchall()
    }
    low, high = pop["1275"] * 0.75, pop["1275"] * 1.25
    band = {k for k, v in pop.items() if low <= v <= high}
    assert len(band) >= 3 and "1275" in band
    assert {k for _, k, *_ in lines(figure(at))} == band & kota_with(full, "tpt")
    assert chosen_lines(figure(at)) == [("tpt", "1275")]
    stated = (
        f"{len(band)} kota dengan Penduduk terdaftar (Dukcapil Smt II) 2024 "
        f"antara {fmt.number(low)} jiwa dan "
        f"{fmt.number(high)} jiwa (±25 % dari Kota Medan: {fmt.number(pop['1275'])} jiwa)"
    )
    assert stated in texts(at)  # the band, its bounds and the population year, under the chart
    # the same members and words as groups.resolve gives (what Bandingkan compares)
    resolved = groups.resolve(
        groups.Choice("mirip", "25"), "1275", sql.run(full, "region_pickable"), "id",
        sql.run(full, "compare_values", indicator="penduduk_dukcapil", tahun=2024),
        "Penduduk terdaftar (Dukcapil Smt II)", 2024,
    )  # fmt: skip
    assert set(resolved.kodes) == band and resolved.description == stated
    # a narrower band from the picker: fewer kota, the URL says which
    at.button_group(key="tren_pita").set_value(10).run()
    assert at.query_params["grup"] == "mirip-10"
    narrow = {k for k, v in pop.items() if pop["1275"] * 0.9 <= v <= pop["1275"] * 1.1}
    assert {k for _, k, *_ in lines(figure(at))} == narrow & kota_with(full, "tpt")


def test_custom_list_round_trips_through_the_url(app: AppFactory) -> None:
    at = app(page=PAGE, kota="1275", ind="tpt")
    at.button_group(key="tren_grup").set_value("daftar").run()
    assert at.query_params["grup"] == "daftar"  # the list before any pick: only the chosen city
    assert {k for _, k, *_ in lines(figure(at))} == {"1275"}
    at.multiselect(key="tren_daftar").set_value(["3171", "1371"]).run()
    assert at.query_params["grup"] == "daftar-3171.1371"
    at.multiselect(key="tren_daftar").set_value(["3171", "1371", "1103"]).run()  # a kabupaten too
    link = dict(at.query_params)
    assert link["grup"] == "daftar-3171.1371.1103"
    again = app(page=PAGE, **link)  # the shared link reopens the same list and lines
    assert again.multiselect(key="tren_daftar").value == ["3171", "1371", "1103"]
    drawn = {k for _, k, *_ in lines(figure(again))}
    assert drawn == {k for _, k, *_ in lines(figure(at))} == {"1275", "3171", "1371", "1103"}
    assert chosen_lines(figure(again)) == [("tpt", "1275")]
    assert "3 wilayah pilihan, ditambah Kota Medan" in texts(again)  # the group says what it is


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
