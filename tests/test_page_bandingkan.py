"""Bandingkan page through AppTest on the shipped warehouse: every comparison set for the five seed
cities, with the bars, sentence, strip and scatter checked against the warehouse."""

from __future__ import annotations

import io

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dalamangka import charts, export, fmt
from tests.conftest import AppFactory
from tests.test_page_tren import SEEDS, download, downloads, figure, has_chart, same_figures, texts

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


def bar(at: AppTest) -> tuple[list[str], list[float], list[str]]:
    trace = figure(at, "bandingkan_bar")["data"][0]
    return list(trace["meta"]["kodes"]), list(trace["x"]), list(trace["marker"]["color"])


def check_bar(
    at: AppTest,
    con: duckdb.DuckDBPyConnection,
    kode: str,
    members: set[str],
    levels: tuple[str, ...] = ("kota",),
) -> list[str]:
    """The bars are the members with an IPM 2021 figure, best first, with the warehouse values."""
    truth = kota_values(con, "ipm", 2021, levels)
    kodes, values, colours = bar(at)
    assert set(kodes) == {k for k in members if k in truth}
    assert values == [truth[k] for k in kodes]
    assert values == sorted(values, reverse=True)  # IPM: higher is better, rank 1 on top
    assert colours[kodes.index(kode)] == charts.HIGHLIGHT
    assert [c for k, c in zip(kodes, colours, strict=True) if k != kode] == [charts.MUTED] * (len(kodes) - 1)
    return kodes


def check_sentence(at: AppTest, con: duckdb.DuckDBPyConnection, kode: str) -> None:
    truth = kota_values(con, "ipm", 2021)
    own = truth[kode]
    rank = 1 + sum(v > own for v in truth.values())
    median = float(pd.Series(list(truth.values())).median())
    expected = (
        f"- IPM {SEEDS[kode]} 2021 sebesar {fmt.number(own, 2)}, {fmt.number(own / median, 2)} kali median "
        f"98 kota; peringkat ke-{rank} (peringkat 1 = tertinggi)."
    )
    assert expected in [m.value for m in at.markdown]


@pytest.mark.parametrize("kode", list(SEEDS))
def test_five_seed_cities_set_with_sentence_strip_and_scatter(
    app: AppFactory, full: duckdb.DuckDBPyConnection, kode: str
) -> None:
    at = app(page=PAGE, kota=SEEDS[kode])
    assert at.selectbox(key="bandingkan_indikator").value == "ipm"
    assert at.selectbox(key="bandingkan_tahun").value == 2021
    assert at.button_group(key="bandingkan_set").value == "lima"
    check_bar(at, full, kode, set(SEEDS))
    fig = figure(at, "bandingkan_bar")
    assert fig["layout"]["title"]["text"] == "IPM 2021: 5 kota percontohan"
    assert "Semua angka tahun 2021" in fig["layout"]["title"]["subtitle"]["text"]
    check_sentence(at, full, kode)
    # the strip: one dot per kota with the chosen city labelled, and the median
    strip = figure(at, "bandingkan_strip")
    truth = kota_values(full, "ipm", 2021)
    assert sorted(strip["data"][0]["x"]) == sorted(truth.values())
    assert strip["data"][1]["name"] == SEEDS[kode] and strip["data"][1]["x"] == [truth[kode]]
    median = fmt.value(float(pd.Series(list(truth.values())).median()), "indeks", 2)
    assert f"Median 98 kota: {median}" in [a["text"] for a in strip["layout"]["annotations"]]
    # the scatter: only kota with both IPM and poverty rate in 2021, the chosen one labelled
    scatter = figure(at, "bandingkan_scatter")
    p0 = kota_values(full, "p0", 2021)
    both = set(truth) & set(p0)
    assert len(scatter["data"][0]["x"]) + 1 == len(both)
    assert scatter["data"][1]["text"] == [SEEDS[kode]]
    assert scatter["data"][1]["x"] == [truth[kode]] and scatter["data"][1]["y"] == [p0[kode]]
    p0_name = full.execute("select short_id from indicators where code = 'p0'").fetchone()
    assert p0_name is not None
    assert scatter["layout"]["title"]["text"] == f"IPM dan {p0_name[0]}, 2021"
    assert "sumbu X: S01; sumbu Y:" in scatter["layout"]["title"]["subtitle"]["text"]  # sources differ: said


@pytest.mark.parametrize("kode", list(SEEDS))
def test_kota_in_the_same_province(app: AppFactory, full: duckdb.DuckDBPyConnection, kode: str) -> None:
    at = app(page=PAGE, kota=SEEDS[kode], bandingkan_set="Kota se-provinsi")
    assert at.button_group(key="bandingkan_set").value == "provinsi"
    members = kota_of_province(full, kode)
    check_bar(at, full, kode, members)
    check_sentence(at, full, kode)
    assert f"{len(members)} kota di Provinsi" in figure(at, "bandingkan_bar")["layout"]["title"]["text"]


@pytest.mark.parametrize("kode", list(SEEDS))
def test_all_98_kota(app: AppFactory, full: duckdb.DuckDBPyConnection, kode: str) -> None:
    at = app(page=PAGE, kota=SEEDS[kode])
    at.button_group(key="bandingkan_set").set_value("semua").run()
    kodes = check_bar(at, full, kode, set(kota_values(full, "ipm", 2021)))
    assert len(kodes) == 98
    check_sentence(at, full, kode)


@pytest.mark.parametrize("kode", list(SEEDS))
def test_kota_of_similar_population(app: AppFactory, full: duckdb.DuckDBPyConnection, kode: str) -> None:
    at = app(page=PAGE, kota=SEEDS[kode])
    at.button_group(key="bandingkan_set").set_value("mirip").run()
    at.button_group(key="bandingkan_pita").set_value(25).run()
    assert not at.exception
    members = similar_population(full, kode, 0.25)
    check_bar(at, full, kode, members)
    title = figure(at, "bandingkan_bar")["layout"]["title"]
    pop = kota_values(full, "penduduk_dukcapil", 2024)[kode]
    assert title["text"] == "IPM 2021"  # the long group description moves under the title
    sub = title["subtitle"]["text"].replace("<br>", " · ")
    assert f"±25 % dari {SEEDS[kode]} ({fmt.number(pop)} jiwa, 2024)" in sub
    # the group is chosen by 2024 registry population, the figures are 2021: the chart says so
    assert "kelompok dipilih menurut Penduduk terdaftar (Dukcapil) 2024, angka indikator tahun 2021" in sub


@pytest.mark.parametrize("kode", list(SEEDS))
def test_custom_list(app: AppFactory, full: duckdb.DuckDBPyConnection, kode: str) -> None:
    at = app(page=PAGE, kota=SEEDS[kode], bandingkan_set="Daftar sendiri")
    at.multiselect(key="bandingkan_daftar").set_value(["3171", "1371", "1103"]).run()
    kodes = check_bar(at, full, kode, {kode, "3171", "1371", "1103"}, ("kota", "kabupaten"))
    assert len(kodes) == 4  # a kabupaten may be compared too, when a user asks for it
    assert figure(at, "bandingkan_bar")["layout"]["title"]["text"] == "IPM 2021: 4 wilayah pilihan"


def test_table_and_downloads_match(app: AppFactory, full: duckdb.DuckDBPyConnection, downloads: None) -> None:
    at = app(page=PAGE, kota="Kota Medan", bandingkan_indikator="TPT", bandingkan_tahun="2024")
    at.multiselect(key="bandingkan_sorot").set_value(["3375"]).run()
    table = at.dataframe[0].value
    truth = kota_values(full, "tpt", 2024)
    values = [float(v.replace(",", ".")) for v in table["Nilai (%)"]]
    assert values == sorted(values)  # TPT: lower is better, rank 1 first
    assert table.Peringkat.tolist() == ["1", "2", "3", "4"]
    shown = {w: v for w, v in zip(table.Wilayah, table["Nilai (%)"], strict=True)}
    for k, name in SEEDS.items():
        assert shown.get(name) == (fmt.number(truth[k], 2) if k in truth else None)
    # Palembang has no 2024 TPT: named, not drawn as zero
    assert "Tidak ada data 2024: Kota Palembang." in texts(at)
    kodes, _, colours = bar(at)
    assert colours[kodes.index("3375")] not in (charts.MUTED, charts.HIGHLIGHT)  # also highlighted
    assert len([m for m in at.markdown if m.value.startswith("- TPT ")]) == 2
    csv = pd.read_csv(io.BytesIO(download(at, "Unduh CSV")), encoding="utf-8-sig")
    same_figures(table, csv)
    sheets = export.read_xlsx(download(at, "Unduh XLSX (dengan metadata)"))
    same_figures(table, sheets["Tabel"])
    meta = sheets["Metadata"]
    assert meta.Wilayah.tolist() == table.Wilayah.tolist()
    assert meta.Nilai.tolist() == [truth[k] for k in kodes]
    assert set(meta["Tahun"]) == {2024} and meta.Definisi.str.contains("angkatan kerja").all()


def test_english_and_empty_states(app: AppFactory) -> None:
    at = app(page=PAGE, kota="Kota Medan", lang="English", bandingkan_indikator="HDI (revised series)")
    assert not at.exception
    # only Kepulauan Riau kota have the revised HDI: Medan's sentence says "no data", never zero
    assert any(
        "HDI (revised series) of Kota Medan in" in m.value and "no data" in m.value for m in at.markdown
    )
    assert figure(at, "bandingkan_bar")["layout"]["separators"] == ".,"
    at.button_group(key="bandingkan_set").set_value("pilihan").run()
    assert not at.exception and not has_chart(at, "bandingkan_bar")
    assert any("No region of this group has" in m.value for m in at.info)
    link = at.get("page_link")[0].proto
    assert link.page == "tren" and link.query_string == "kota=1275&lang=en&ind=ipm_uhh_lfsp2020"
