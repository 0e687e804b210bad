"""Time choices: only years that exist, URL values refused whole with a notice, play order, ticks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from dalamangka import sql, timeline


@pytest.fixture(scope="module")
def con(full_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    c = duckdb.connect(str(full_warehouse), read_only=True)
    yield c
    c.close()


def test_single_year_offers_only_years_with_figures(con: duckdb.DuckDBPyConnection) -> None:
    years = sql.run(con, "compare_years", indicator="p0")
    assert timeline.slider_options(years.tahun) == list(range(2016, 2026))
    assert timeline.single_year("2021", years.tahun) == timeline.Chosen(2021)
    assert timeline.single_year(None, years.tahun, default=2021) == timeline.Chosen(2021)
    assert timeline.single_year("", years.tahun).value == 2025  # latest when no default
    bad = timeline.single_year("2012", years.tahun, default=2021)
    assert bad.value == 2021 and bad.notice is not None and "«2012»" in bad.notice and "2021" in bad.notice
    bad_en = timeline.single_year("<b>", years.tahun, default=2021, lang="en")
    assert bad_en.value == 2021 and "shown instead: 2021" in (bad_en.notice or "")
    with pytest.raises(ValueError):
        timeline.single_year("2021", [])


def test_year_range_parses_narrows_and_refuses(con: duckdb.DuckDBPyConnection) -> None:
    rows = sql.run(con, "trend_series", indicator="ipm", kodes=["1671"])
    have = rows.tahun
    assert timeline.year_range(None, have) == timeline.Range(2010, 2021)
    assert timeline.year_range("2015-2019", have) == timeline.Range(2015, 2019)
    assert timeline.year_range("2005-2015", have) == timeline.Range(2010, 2015)  # to the figures inside
    assert timeline.year_range("2015-2019", have).encode() == "2015-2019"
    assert timeline.year_range("2015-2019", have).years(have) == [2015, 2016, 2017, 2018, 2019]
    for text, why in (
        ("2019-2015", "sesudah"),
        ("2022-2030", "tidak ada tahun"),
        ("15-19", "2015-2021"),
        ("x" * 99, ""),
    ):
        r = timeline.year_range(text, have)
        assert (r.first, r.last) == (2010, 2021)
        assert r.notice is not None and why in r.notice and "2010–2021" in r.notice


@settings(max_examples=300, deadline=None)
@given(hs.text(max_size=40), hs.lists(hs.integers(1990, 2030), min_size=1, max_size=20))
def test_any_range_value_is_valid_or_refused(text: str, years: list[int]) -> None:
    r = timeline.year_range(text, years)
    have = sorted(set(years))
    assert r.first in have and r.last in have and r.first <= r.last
    if r.notice is None and text:
        assert timeline.year_range(r.encode(), years) == timeline.Range(r.first, r.last)


def test_play_years_are_the_years_with_figures_in_order(con: duckdb.DuckDBPyConnection) -> None:
    catalog = sql.run(con, "map_kabkota_indicators")
    tpt = catalog[catalog.indicator == "tpt"]
    play = timeline.play_years(tpt, "n_wilayah")
    assert play == sorted(int(y) for y in tpt.tahun) and play[0] == 2018 and play[-1] >= 2024
    assert timeline.play_years([2021, 2019, 2019, 2020]) == [2019, 2020, 2021]
    counts = pd.DataFrame({"tahun": [2020, 2021, 2022], "n": [5, 98, 0]})
    assert timeline.play_years(counts) == [2020, 2021]
    notes = timeline.sparse_years(counts, "n")
    assert notes == ["2020: hanya 5 wilayah berangka", "2022: hanya 0 wilayah berangka"]


@settings(max_examples=200, deadline=None)
@given(hs.lists(hs.integers(1990, 2030), min_size=1, max_size=40), hs.integers(2, 8))
def test_year_ticks_are_whole_years_first_and_last(years: list[int], max_ticks: int) -> None:
    ticks = timeline.year_ticks(years, max_ticks)
    have = sorted(set(years))
    assert ticks[0] == have[0] and ticks[-1] == have[-1]
    assert len(ticks) <= max(max_ticks, 1) and ticks == sorted(set(ticks))
    assert all(isinstance(t, int) for t in ticks)
