"""Bandingkan page through AppTest on the shipped warehouse: every comparison set for the five seed
cities, with the bars, sentence, strip and scatter checked against the warehouse."""

from __future__ import annotations

import io
import json
from typing import Any

import duckdb
import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from dalamangka import charts, export, fmt, vega
from tests.conftest import AppFactory
from tests.test_page_tren import SEEDS, download, downloads, series, texts
from tests.test_page_tren import click_tab as click_tab

__all__ = ["downloads"]  # the fixture, shared with the Tren page tests

PAGE = "pages/bandingkan.py"


def kota_values(
    con: duckdb.DuckDBPyConnection, indicator: str, year: int, levels: tuple[str, ...] = ("kota",)
) -> dict[str, float]:
    """Figures of every current kota (or other levels) that year, straight from the warehouse."""
    rows = con.execute(
        "select f.kode, f.nilai from facts_all as f join regions as r on r.kode = f.kode "
        "where f.indicator = ? and f.tahun = ? and f.periode = 0 "
        "and list_contains(?, r.level) and r.is_current",
        [indicator, year, list(levels)],
    ).fetchall()
    return {str(k): float(v) for k, v in rows}


def kota_of_province(con: duckdb.DuckDBPyConnection, kode: str) -> set[str]:
    rows = con.execute(
        "select kode from regions where level = 'kota' and is_current "
        "and provinsi = (select provinsi from regions where kode = ?)",
        [kode],
    ).fetchall()
    return {str(r[0]) for r in rows}


def similar_population(con: duckdb.DuckDBPyConnection, kode: str, band: float) -> set[str]:
    pop = kota_values(con, "penduduk_dukcapil", 2024)
    centre = pop[kode]
    return {k for k, v in pop.items() if centre * (1 - band) <= v <= centre * (1 + band)}


def _spec(el: Any) -> dict[str, Any]:
    """The Vega-Lite spec sent to the browser, with its rows put back (Streamlit sends
    ``data.values`` as Arrow beside the spec)."""
    spec = dict(json.loads(el.proto.spec))
    if el.proto.data.data:
        table = dataframe_util.convert_arrow_bytes_to_pandas_df(el.proto.data.data)
        spec["data"] = {"values": table.astype(object).where(table.notna(), None).to_dict("records")}
    return spec


def _kind(spec: dict[str, Any]) -> str:
    """Which of the page's charts a spec is (Streamlit gives a Vega-Lite chart no id to find)."""
    rows = spec["data"]["values"]
    if spec["layer"][0].get("mark", {}).get("type") == "geoshape":
        return "bandingkan_peta"
    if any(layer.get("mark", {}).get("type") == "bar" for layer in spec["layer"]):
        return "bandingkan_bar"
    return "bandingkan_scatter" if rows and "teks_x" in rows[0] else "bandingkan_strip"


def title_text(spec: dict[str, Any]) -> str:
    """A chart's title as one line (a long one is wrapped into lines for a 390 px phone)."""
    text = spec["title"]["text"]
    return " ".join(text) if isinstance(text, list) else str(text)


def figure(at: AppTest, key: str) -> dict[str, Any]:
    """The Vega-Lite spec (as sent to the browser) of the chart with this key."""
    for el in at.get("vega_lite_chart"):
        spec = _spec(el)
        if _kind(spec) == key:
            return spec
    raise AssertionError(f"no chart {key}")


def has_chart(at: AppTest, key: str) -> bool:
    return any(_kind(_spec(el)) == key for el in at.get("vega_lite_chart"))


def rows_of(at: AppTest, key: str) -> list[dict[str, Any]]:
    return list(figure(at, key)["data"]["values"])


def bar(at: AppTest) -> tuple[list[str], list[float], list[str]]:
    rows = rows_of(at, "bandingkan_bar")
    return [r["kode"] for r in rows], [r["nilai"] for r in rows], [r["warna"] for r in rows]


def check_bar(
    at: AppTest,
    con: duckdb.DuckDBPyConnection,
    kode: str,
    members: set[str],
    levels: tuple[str, ...] = ("kota",),
) -> list[str]:
    """The bars are the members with an IPM 2021 figure, best first, with the warehouse values;
    of more than 20 only the top and bottom 10 plus the chosen city (unless the full list is on)."""
    truth = kota_values(con, "ipm", 2021, levels)
    kodes, values, colours = bar(at)
    ranked = sorted((k for k in members if k in truth), key=lambda k: -truth[k])
    if len(ranked) > 20 and not at.toggle(key="bandingkan_semua").value:
        assert set(kodes) <= set(ranked) and kode in kodes
        top, bottom = [truth[k] for k in ranked[:10]], [truth[k] for k in ranked[-10:]]
        assert values[:10] == top and values[-10:] == bottom  # (equal values may swap places)
        assert len(kodes) == 20 + (kode not in {*ranked[:10], *ranked[-10:]})
    else:
        assert set(kodes) == set(ranked)
    assert values == [truth[k] for k in kodes]
    assert values == sorted(values, reverse=True)  # IPM: higher is better, rank 1 on top
    assert colours[kodes.index(kode)] == charts.HIGHLIGHT
    assert [c for k, c in zip(kodes, colours, strict=True) if k != kode] == [vega.MUTED] * (len(kodes) - 1)
    return kodes


def check_sentence(at: AppTest, con: duckdb.DuckDBPyConnection, kode: str) -> None:
    truth = kota_values(con, "ipm", 2021)
    own = truth[kode]
    rank = 1 + sum(v > own for v in truth.values())
    median = float(pd.Series(list(truth.values())).median())
    expected = (
        f"- IPM {SEEDS[kode]} 2021 sebesar {fmt.number(own, 2)}, {fmt.number(own / median, 2)} kali median "
        f"98 kota; peringkat ke-{rank} dari 98 (peringkat 1 = tertinggi)."
    )
    assert expected in [m.value for m in at.markdown]


@pytest.mark.parametrize("kode", list(SEEDS))
def test_five_seed_cities_set_with_sentence_strip_and_scatter(
    app: AppFactory, full: duckdb.DuckDBPyConnection, kode: str
) -> None:
    at = app(page=PAGE, kota=SEEDS[kode])
    assert at.selectbox(key="bandingkan_indikator").value == "ipm"
    assert at.selectbox(key="bandingkan_tahun").value == 2021
    years = at.selectbox(key="bandingkan_tahun").options
    assert years[0] == "2021" and years == sorted(years, reverse=True) and len(years) > 5  # newest first
    assert at.button_group(key="bandingkan_grup").value == "lima"
    check_bar(at, full, kode, set(SEEDS))
    fig = figure(at, "bandingkan_bar")
    assert fig["title"]["text"] == "IPM 2021: 5 kota percontohan"
    assert any("Semua angka tahun 2021" in line for line in fig["title"]["subtitle"])
    check_sentence(at, full, kode)
    # the strip (its own tab, drawn when opened): one dot per kota, the chosen city labelled, the median
    assert not has_chart(at, "bandingkan_strip") and not has_chart(at, "bandingkan_scatter")
    at = app(page=PAGE, kota=SEEDS[kode], tab="sebaran")
    assert not has_chart(at, "bandingkan_bar") and not has_chart(at, "bandingkan_scatter")
    strip = figure(at, "bandingkan_strip")
    truth = kota_values(full, "ipm", 2021)
    dots = strip["data"]["values"]
    assert sorted(d["nilai"] for d in dots) == sorted(truth.values())
    assert [(d["nama"], d["nilai"]) for d in dots if d["pilihan"]] == [(SEEDS[kode], truth[kode])]
    median = fmt.value(float(pd.Series(list(truth.values())).median()), "indeks", 2)
    labels = [layer["encoding"].get("text", {}).get("value") for layer in strip["layer"]]
    assert f"{vega.MEDIAN_MARK} Median 98 kota: {median}" in labels
    assert any(c.value.startswith("Sumber: BPS") for c in at.caption)  # the strip names its source
    # the scatter (its own tab): only kota with both IPM and poverty rate in 2021, the chosen one labelled
    at = app(page=PAGE, kota=SEEDS[kode], tab="pasangan")
    assert at.selectbox(key="bandingkan_x").value == "p0"
    scatter = figure(at, "bandingkan_scatter")
    p0 = kota_values(full, "p0", 2021)
    both = set(truth) & set(p0)
    points = scatter["data"]["values"]
    assert {p["kode"] for p in points} == both
    assert all(p["x"] == truth[p["kode"]] and p["y"] == p0[p["kode"]] for p in points)
    assert [p["nama"] for p in points if p["pilihan"]] == [SEEDS[kode]]
    p0_name = full.execute("select short_id from indicators where code = 'p0'").fetchone()
    assert p0_name is not None
    assert title_text(scatter) == f"IPM dan {p0_name[0]}, 2021"
    assert "sumbu X: S01; sumbu Y:" in " ".join(scatter["title"]["subtitle"])  # sources differ: said


@pytest.mark.parametrize("kode", list(SEEDS))
def test_kota_in_the_same_province(app: AppFactory, full: duckdb.DuckDBPyConnection, kode: str) -> None:
    at = app(page=PAGE, kota=SEEDS[kode], bandingkan_set="Kota se-provinsi")  # an old label link
    assert at.button_group(key="bandingkan_grup").value == "provinsi"
    assert at.query_params["grup"] == "provinsi" and "set" not in at.query_params  # rewritten once
    members = kota_of_province(full, kode)
    check_bar(at, full, kode, members)
    check_sentence(at, full, kode)
    assert f"{len(members)} kota di Provinsi" in title_text(figure(at, "bandingkan_bar"))


@pytest.mark.parametrize("kode", list(SEEDS))
def test_all_98_kota(app: AppFactory, full: duckdb.DuckDBPyConnection, kode: str) -> None:
    at = app(page=PAGE, kota=SEEDS[kode])
    at.button_group(key="bandingkan_grup").set_value("semua").run()
    assert at.query_params["grup"] == "semua"
    truth = kota_values(full, "ipm", 2021)
    # by default the top and bottom 10 plus the chosen city, the rest said in a note
    kodes, values, colours = bar(at)
    ranked = sorted(truth, key=lambda k: -truth[k])
    expected = list(dict.fromkeys([*ranked[:10], *[k for k in ranked if k == kode], *ranked[-10:]]))
    assert kodes == [k for k in ranked if k in expected]
    assert values == [truth[k] for k in kodes] and colours[kodes.index(kode)] == charts.HIGHLIGHT
    assert any(f"{98 - len(kodes)}" in t and "10" in t for t in texts(at))
    check_sentence(at, full, kode)
    at.toggle(key="bandingkan_semua").set_value(True).run()  # the full list is one click away
    kodes = check_bar(at, full, kode, set(truth))
    assert len(kodes) == 98 and at.query_params["semua"] == "true"


@pytest.mark.parametrize("kode", list(SEEDS))
def test_kota_of_similar_population(app: AppFactory, full: duckdb.DuckDBPyConnection, kode: str) -> None:
    at = app(page=PAGE, kota=SEEDS[kode])
    at.button_group(key="bandingkan_grup").set_value("mirip").run()
    at.button_group(key="bandingkan_pita").set_value(25).run()
    assert not at.exception and at.query_params["grup"] == "mirip-25"
    members = similar_population(full, kode, 0.25)
    check_bar(at, full, kode, members)
    title = figure(at, "bandingkan_bar")["title"]
    pop = kota_values(full, "penduduk_dukcapil", 2024)[kode]
    assert title["text"] == "IPM 2021"  # the long group description moves under the title
    sub = " ".join(title["subtitle"])  # lines wrapped for a phone
    # the stated band: its bounds and the chosen city's population
    low, high = fmt.number(pop * 0.75), fmt.number(pop * 1.25)
    assert f"antara {low} jiwa dan {high} jiwa (±25 % dari {SEEDS[kode]}: {fmt.number(pop)} jiwa)" in sub
    # the group is chosen by 2024 registry population, the figures are 2021: the chart says so
    basis = "kelompok dipilih menurut Penduduk terdaftar (Dukcapil Smt II) 2024"
    assert f"{basis}, angka indikator tahun 2021" in sub


def test_old_similar_population_link_keeps_its_band(app: AppFactory, full: duckdb.DuckDBPyConnection) -> None:
    at = app(page=PAGE, kota="1275", set="mirip", pita="50")
    expected = {"kota": "1275", "lang": "id", "ind": "ipm", "tahun": "2021", "grup": "mirip-50"}
    assert dict(at.query_params) == expected
    assert at.button_group(key="bandingkan_pita").value == 50
    check_bar(at, full, "1275", similar_population(full, "1275", 0.5))


@pytest.mark.parametrize("kode", list(SEEDS))
def test_custom_list(app: AppFactory, full: duckdb.DuckDBPyConnection, kode: str) -> None:
    at = app(page=PAGE, kota=SEEDS[kode], bandingkan_set="Daftar sendiri")
    assert at.query_params["grup"] == "daftar" and not at.exception  # only the chosen city so far
    at.multiselect(key="bandingkan_daftar").set_value(["3171", "1371", "1103"]).run()
    assert at.query_params["grup"] == "daftar-3171.1371.1103"  # the custom list lives in the URL
    kodes = check_bar(at, full, kode, {kode, "3171", "1371", "1103"}, ("kota", "kabupaten"))
    assert len(kodes) == 4  # a kabupaten may be compared too, when a user asks for it
    title = title_text(figure(at, "bandingkan_bar"))
    assert title == f"IPM 2021: 3 wilayah pilihan, ditambah {SEEDS[kode]}"
    assert all(len(line) <= 36 for line in figure(at, "bandingkan_bar")["title"]["text"])  # fits 390 px


def test_custom_list_link_reopens_and_bad_code_is_refused_whole(app: AppFactory) -> None:
    at = app(page=PAGE, kota="1275", grup="daftar-3171.1371")
    assert at.multiselect(key="bandingkan_daftar").value == ["3171", "1371"]
    assert {r["kode"] for r in rows_of(at, "bandingkan_bar")} == {"1275", "3171", "1371"}
    at = app(page=PAGE, kota="1275", grup="daftar-3171.9999")
    assert any("9999" in w.value for w in at.warning)  # named, not partly kept
    assert {r["kode"] for r in rows_of(at, "bandingkan_bar")} == set(SEEDS)
    assert "grup" not in at.query_params


def test_island_group_same_as_tren(app: AppFactory, full: duckdb.DuckDBPyConnection) -> None:
    at = app(page=PAGE, kota="1671")
    at.button_group(key="bandingkan_grup").set_value("pulau").run()
    assert at.query_params["grup"] == "pulau"
    sumatra = {
        str(r[0])
        for r in full.execute(
            "select kode from regions where level = 'kota' and is_current and provinsi in "
            "('11','12','13','14','15','16','17','18','19','21')"
        ).fetchall()
    }
    check_bar(at, full, "1671", sumatra)


def test_table_and_downloads_match(app: AppFactory, full: duckdb.DuckDBPyConnection, downloads: None) -> None:
    at = app(page=PAGE, kota="Kota Medan", bandingkan_indikator="TPT", bandingkan_tahun="2024")
    at.multiselect(key="bandingkan_sorot").set_value(["3375"]).run()
    assert not at.dataframe  # the table's JavaScript loads only in its tab
    assert not at.get("download_button")  # and the downloads with it, as on Tren (issue 14)
    kodes, _, colours = bar(at)
    click_tab(at, "bandingkan_tab", "Tabel")
    assert at.query_params["tab"] == "tabel" and not has_chart(at, "bandingkan_bar")
    ranked = at.dataframe[0].value
    truth = kota_values(full, "tpt", 2024)
    assert ranked.kode.tolist() == sorted((k for k in SEEDS if k in truth), key=lambda k: truth[k])
    assert ranked.nilai.tolist() == [round(truth[k], 2) for k in ranked.kode]  # numbers: numeric sort
    assert ranked.dipilih.tolist() == [k in ("1275", "3375") for k in ranked.kode]  # highlighted rows
    names = dict(zip(ranked.kode, ranked.wilayah, strict=True))
    seeds = {k: v for k, v in truth.items() if k in SEEDS}
    rank = 1 + sum(v < seeds["1275"] for v in seeds.values())  # TPT: lower is better
    assert ranked.set_index("kode").peringkat["1275"] == rank
    assert any(f"peringkat {fmt.ordinal(rank)} dari {len(seeds)}" in c.value for c in at.caption)  # rank said
    # Palembang has no 2024 TPT: named, not drawn as zero
    assert "Tidak ada data 2024: Kota Palembang." in texts(at)
    assert colours[kodes.index("3375")] not in (vega.MUTED, charts.HIGHLIGHT)  # also highlighted
    assert len([m for m in at.markdown if m.value.startswith("- TPT ")]) == 2
    # "what is shown": the bars drawn, figure for figure, with BPS codes, rounded as shown, BOM
    raw = download(at, "Unduh yang ditampilkan: CSV")
    assert raw.startswith(b"\xef\xbb\xbf")
    csv = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype={"Kode BPS": str})
    assert csv["Kode BPS"].tolist() == kodes and set(csv["Kode indikator"]) == {"tpt"}
    assert csv["2024"].tolist() == [round(truth[k], 2) for k in kodes]
    assert csv.Wilayah.tolist() == [names[k] for k in kodes]
    sheets = export.read_xlsx(download(at, "Unduh yang ditampilkan: XLSX (dengan metadata)"))
    assert set(sheets) == {"Data", "Metadata", "Kutipan"}
    data = sheets["Data"]
    assert data["Kode BPS"].astype(str).tolist() == kodes and data["2024"].tolist() == csv["2024"].tolist()
    meta = sheets["Metadata"]
    assert meta["Kode BPS"].astype(str).tolist() == kodes and set(meta.Tahun) == {2024}
    assert meta.Nilai.tolist() == [round(truth[k], 2) for k in kodes]
    assert meta.Definisi.str.contains("angkatan kerja").all()
    assert meta.Sumber.str.contains(r"\[S0").all()  # the source of every figure
    # "the full series": every year of every member of the group, straight from the warehouse
    full_csv = pd.read_csv(
        io.BytesIO(download(at, "Unduh seri lengkap: CSV")), encoding="utf-8-sig", dtype={"Kode BPS": str}
    )
    members = [k for k in SEEDS if series(full, "tpt", k)]
    assert sorted(full_csv["Kode BPS"]) == sorted(members)
    for row in full_csv.to_dict("records"):
        truth_k = series(full, "tpt", row["Kode BPS"])
        got = {int(y): v for y, v in row.items() if str(y).isdigit() and not pd.isna(v)}
        assert got == {y: round(v, 2) for y, v in truth_k.items()}
    full_meta = export.read_xlsx(download(at, "Unduh seri lengkap: XLSX (dengan metadata)"))["Metadata"]
    assert len(full_meta) == sum(len(series(full, "tpt", k)) for k in members)


def test_english_and_empty_states(app: AppFactory) -> None:
    at = app(page=PAGE, kota="Kota Medan", lang="English", bandingkan_indikator="HDI (revised series)")
    assert not at.exception
    # only Kepulauan Riau kota have the revised HDI: Medan's sentence says "no data", never zero
    assert any(
        "HDI (revised series) of Kota Medan in" in m.value and "no data" in m.value for m in at.markdown
    )
    assert figure(at, "bandingkan_bar")["config"]["locale"]["number"]["decimal"] == "."
    at.button_group(key="bandingkan_grup").set_value("daftar").run()
    assert not at.exception and not has_chart(at, "bandingkan_bar")
    assert any("No region of this group has" in m.value for m in at.info)
    link = at.get("page_link")[0].proto
    assert link.page == "tren" and link.query_string == "kota=1275&lang=en&ind=ipm_uhh_lfsp2020"


def drawn(at: AppTest) -> tuple[bool, bool, bool]:
    """(bar chart, map, table) drawn on the page."""
    return has_chart(at, "bandingkan_bar"), has_chart(at, "bandingkan_peta"), bool(at.dataframe)


def test_chart_map_and_table_tabs_on_one_state_bound_to_tab(app: AppFactory) -> None:
    """Grafik / Sebaran / Dua indikator / Peta / Tabel: a link's ``tab=`` opens its tab and only
    that one is drawn (the table's JavaScript, the national map, the strip and the scatter never
    load on the first screen); a click writes ``tab=``."""
    at = app(page=PAGE, kota="1275", tab="tabel")
    assert drawn(at) == (False, False, True) and at.query_params["tab"] == "tabel"
    at = app(page=PAGE, kota="1275", tab="peta")
    assert drawn(at) == (False, True, False) and at.query_params["tab"] == "peta"
    at = app(page=PAGE, kota="1275")
    assert drawn(at) == (True, False, False) and "tab" not in at.query_params  # the default: left out
    # the strip and the scatter are tabs of their own, drawn only when opened (issue 14)
    assert not has_chart(at, "bandingkan_strip") and not has_chart(at, "bandingkan_scatter")
    click_tab(at, "bandingkan_tab", "Sebaran")
    assert at.query_params["tab"] == "sebaran" and has_chart(at, "bandingkan_strip")
    assert drawn(at) == (False, False, False)
    click_tab(at, "bandingkan_tab", "Dua indikator")
    assert at.query_params["tab"] == "pasangan" and has_chart(at, "bandingkan_scatter")
    assert not has_chart(at, "bandingkan_strip")
    click_tab(at, "bandingkan_tab", "Peta")
    assert at.query_params["tab"] == "peta" and drawn(at) == (False, True, False)
    click_tab(at, "bandingkan_tab", "Tabel")
    assert at.query_params["tab"] == "tabel" and drawn(at) == (False, False, True)
    click_tab(at, "bandingkan_tab", "Grafik")
    assert "tab" not in at.query_params and drawn(at) == (True, False, False)
    assert not at.exception


@pytest.mark.parametrize(("kode", "grup"), [("1671", ""), ("1275", "provinsi"), ("3375", "daftar-3171.1103")])
def test_map_tab_draws_the_group_figures_as_in_the_warehouse(
    app: AppFactory, full: duckdb.DuckDBPyConnection, kode: str, grup: str
) -> None:
    """The Peta tab: the group's TPT 2024 figures on the national kab/kota map, ranked within the
    group (lower is better); a member without a figure says so (Palembang has no 2024 TPT); every
    other region is drawn as outside the group, with no figure, class or rank."""
    at = app(page=PAGE, kota=kode, ind="tpt", tahun="2024", grup=grup, tab="peta")
    assert not at.exception and not at.warning
    members = {
        "": set(SEEDS),
        "provinsi": kota_of_province(full, kode),
        "daftar-3171.1103": {kode, "3171", "1103"},
    }[grup]
    truth = kota_values(full, "tpt", 2024, ("kota", "kabupaten"))
    have = {k: v for k, v in truth.items() if k in members}
    spec = figure(at, "bandingkan_peta")
    feats = {f["kode"]: f for f in spec["data"]["values"]}
    assert len(feats) == 514
    for k, f in feats.items():
        if k not in members:  # outside the group: never a figure it has elsewhere
            assert f["h1"] == "bukan anggota kelompok" and not f["h2"] and not f["h3"]
            assert f["kelas"] == f"bukan anggota kelompok ({514 - len(members)} wilayah)"
        elif k in have:
            rank = 1 + sum(v < have[k] for v in have.values())
            assert f["h1"] == f"{fmt.value(have[k], 'persen', 2)} (tahun 2024)"
            assert f["h2"] == f"peringkat {rank} dari {len(have)} di kelompok"
        else:
            assert f["h1"] == "tidak ada data" and f["kelas"].startswith("tidak ada data")
    if grup == "":
        assert feats["1671"]["h1"] == "tidak ada data"
    # every member is also a dot (a kota is a few pixels on a national map), the chosen one ringed
    dots = next(la for la in spec["layer"] if la["mark"]["type"] == "circle")["data"]["values"]
    assert {d["kode"] for d in dots} == members and [d["kode"] for d in dots if d["pilihan"]] == [kode]
    assert all(d["kelas"] == feats[d["kode"]]["kelas"] for d in dots)
    # beside it, the members in rank order with the warehouse values, the chosen city in bold
    names = dict(full.execute("select kode, nama from regions").fetchall())
    place = {k: 1 + sum(v < have[k] for v in have.values()) for k in have}
    expected = [
        f"{place[k]}\\. {names[k]} · {fmt.value(have[k], 'persen', 2)}"
        for k in sorted(have, key=lambda k: (place[k], names[k]))
    ]
    expected = [
        f"**{line}**" if line.split(" ", 1)[1].startswith(names[kode] + " ") else line for line in expected
    ]
    assert "  \n".join(expected) in [m.value for m in at.markdown]
    if len(have) < len(members):  # a member without a figure is listed after them, unranked
        assert any(m.value.startswith("Tanpa angka (tidak ada data, bukan nol), tanpa peringkat: 1 wilayah")
                   for m in at.markdown)  # fmt: skip


def test_map_tab_says_when_the_figure_cannot_be_mapped(app: AppFactory) -> None:
    at = app(page=PAGE, kota="3375", ind="ipm_seri_pekalongan_da2026", tab="peta")  # one city only
    assert not at.exception and not has_chart(at, "bandingkan_peta")
    assert any("tidak dipetakan" in i.value for i in at.info)
