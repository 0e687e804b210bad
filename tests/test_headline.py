"""Headline cards: values, changes, ranks and the generated sentence, from query rows."""

from __future__ import annotations

import duckdb

from dalamangka import config, headline, sql


def cards_for(con: duckdb.DuckDBPyConnection, kode: str, name: str, lang: str = "id") -> list[headline.Card]:
    wanted = sorted({c for slot in config.HEADLINE_SLOTS for c in slot})
    figures = sql.run(con, "headline_figures", kode=kode, indicators=wanted)
    chosen, _ = headline.pick_slots(figures.indicator.tolist(), config.HEADLINE_SLOTS)
    series = sql.run(con, "indicator_series", kodes=[kode], indicators=chosen)
    return headline.build_cards(
        figures, series, sql.run(con, "indicator_catalog"), sql.run(con, "source_catalog"),
        name, "kota", chosen, lang,
    )  # fmt: skip


def test_pick_slots_prefers_the_first_series_with_data() -> None:
    slots = (("penduduk_bps", "penduduk_sensus"), ("lpe",), ("ipm_uhh_lfsp2020", "ipm"))
    assert headline.pick_slots(["ipm", "penduduk_sensus"], slots) == (["penduduk_sensus", "ipm"], ["lpe"])


def test_medan_ipm_card(full: duckdb.DuckDBPyConnection) -> None:
    cards = {c.indicator: c for c in cards_for(full, "1275", "Kota Medan")}
    ipm = cards["ipm"]
    assert ipm.value == "81,21"
    assert ipm.delta == "+0,23 poin"
    assert ipm.delta_color == "normal"
    assert (
        ipm.sentence == "IPM Kota Medan 2021 81,21, naik 0,23 poin dari 2020; peringkat ke-24 dari 98 kota."
    )
    assert ipm.rank == "Peringkat ke-24 dari 98 kota; ke-1 dari 33 kab/kota di provinsinya"
    assert ipm.trend_years == list(range(2010, 2022))
    assert ipm.source.startswith("BPS, [Metode Baru] IPM")


def test_lower_is_better_and_partial_ranks(full: duckdb.DuckDBPyConnection) -> None:
    cards = {c.indicator: c for c in cards_for(full, "1275", "Kota Medan")}
    tpt = cards["tpt"]
    assert (tpt.value, tpt.delta, tpt.delta_color) == ("8,13 %", "-0,54 poin", "inverse")
    assert tpt.rank is not None and tpt.rank.startswith("Peringkat ke-74 dari 85 kota yang punya data 2024")
    pop = cards["penduduk_bps"]
    assert pop.value == "2.510.147 jiwa"
    assert pop.delta is None and pop.delta_color == "off"
    assert pop.sentence.endswith("peringkat ke-1 dari 5 kota yang punya data 2025.")


def test_english_cards(full: duckdb.DuckDBPyConnection) -> None:
    cards = {c.indicator: c for c in cards_for(full, "1275", "Kota Medan", "en")}
    assert (
        cards["ipm"].sentence
        == "HDI of Kota Medan in 2021: 81.21, up 0.23 points from 2020; ranked 24th of 98 cities."
    )
    assert cards["penduduk_bps"].value == "2,510,147 people"


def test_preliminary_status_is_labelled(full: duckdb.DuckDBPyConnection) -> None:
    figures = sql.run(full, "headline_figures", kode="1971", indicators=["penduduk_sp2010_olah_cepat"])
    series = sql.run(full, "indicator_series", kodes=["1971"], indicators=["penduduk_sp2010_olah_cepat"])
    (card,) = headline.build_cards(
        figures, series, sql.run(full, "indicator_catalog"), sql.run(full, "source_catalog"),
        "Kota Pangkal Pinang", "kota", ["penduduk_sp2010_olah_cepat"], "id",
    )  # fmt: skip
    assert card.status == "angka sementara"
    assert card.value == "174.838 jiwa"
