"""Indonesian (and English) number, change, rank and date formatting."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dalamangka import fmt


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "expected"),
    [
        (2435252, 0, "id", "2.435.252"),
        (78.567, 2, "id", "78,57"),
        (2435252, 0, "en", "2,435,252"),
        (78.567, 2, "en", "78.57"),
        (0.5, 1, "id", "0,5"),
        (None, 2, "id", "tidak ada data"),
        (float("nan"), 2, "en", "no data"),
    ],
)
def test_number(value: float | None, decimals: int, lang: str, expected: str) -> None:
    assert fmt.number(value, decimals, lang) == expected


def test_value_with_units() -> None:
    assert fmt.value(2435252, "jiwa", 0, "id") == "2.435.252 jiwa"
    assert fmt.value(78.57, "persen", 2, "id") == "78,57 %"
    assert fmt.value(78.57, "percent", 2, "en") == "78.57%"
    assert fmt.value(81.21, "indeks", 2, "id") == "81,21"
    assert fmt.value(265.1, "km2", 2, "id") == "265,10 km²"
    assert fmt.value(None, "jiwa", 0, "id") == "tidak ada data"


def test_change_in_points_for_rates_and_percent_for_counts() -> None:
    assert fmt.change(81.21, 80.98, "indeks", 2, "id") == "+0,23 poin"
    assert fmt.change(8.13, 8.67, "persen", 2, "id") == "-0,54 poin"
    assert fmt.change(8.13, 8.67, "percent", 2, "en") == "-0.54 points"
    assert fmt.change(110, 100, "jiwa", 0, "id") == "+10,0 %"
    assert fmt.change(5, None, "jiwa", 0, "id") is None
    assert fmt.change(5, 0, "jiwa", 0, "id") is None


def test_ordinals_and_dates() -> None:
    assert fmt.ordinal(3, "id") == "ke-3"
    assert [fmt.ordinal(n, "en") for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 98)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "98th",
    ]  # fmt: skip
    assert fmt.date(dt.date(2026, 11, 21), "id") == "21 November 2026"
    assert fmt.date(dt.date(2026, 8, 17), "en") == "August 17, 2026"


def test_plotly_separators() -> None:
    assert fmt.separators("id") == ",."
    assert fmt.separators("en") == ".,"


def _cells(text: str) -> list[list[str]]:
    """The cells of the first table in ``text`` as a CommonMark+GFM parser reads them."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    rows: list[list[str]] = []
    for tok in tokens:
        if tok.type == "tr_open":
            rows.append([])
        elif tok.type == "inline" and rows:
            rows[-1].append("".join(c.content for c in tok.children or [] if c.type in ("text", "softbreak")))
    return rows


def test_markdown_table_keeps_real_summary_cells() -> None:
    import pandas as pd

    frame = pd.DataFrame(
        {"Pemeriksaan": ["Penduduk BPS vs Dukcapil", "Kelengkapan angka"],
         "Semua wilayah": ["5", "–"], "Kota Medan": ["1,45 % (Kota Medan)", "3 dari 120"]}
    )  # fmt: skip
    text = fmt.markdown_table(frame)
    assert text.splitlines()[1] == "|---|---|---|"
    assert _cells(text) == [list(frame.columns), *frame.astype(str).to_numpy().tolist()]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(
            st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=12),
            min_size=2,
            max_size=2,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_markdown_table_cells_stay_literal(rows: list[list[str]]) -> None:
    """Any text (markup, pipes, HTML, LaTeX dollars, backslashes) reads back as itself."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=["a", "b"])
    want = [[" ".join(c.split()) or "" for c in r] for r in rows]
    got = _cells(fmt.markdown_table(frame))[1:]
    assert [[c.strip() for c in r] for r in got] == want
