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
        # half away from zero on the figure as written, as printed tables round (real values:
        # Kota Sibolga's area, 12,645 km2, S07; Kota Pekalongan's PDRB per capita ADHK 2016,
        # 21.278,5 ribu rupiah, S04), where round() and Babel gave 12,64 and 21.278
        (12.645, 2, "id", "12,65"),
        (21278.5, 0, "id", "21.279"),
        (-2.5, 0, "id", "-3"),
        (-0.001, 2, "id", "0,00"),  # never "-0,00"
        (1e30, 2, "id", "1." + "000." * 9 + "000,00"),  # beyond Decimal's default 28 digits
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


def table_cells(text: str) -> list[list[str]]:
    """The cells of the first table in ``text`` as a browser's HTML parser reads them (entities
    decoded), one list per row, the header row first; also what each data cell's ``data-label``
    says (checked to equal its column's header)."""
    from html.parser import HTMLParser

    class Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.rows: list[list[str]] = []
            self.labels: list[list[str]] = []
            self.cell: list[str] | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "tr":
                self.rows.append([])
                self.labels.append([])
            elif tag in ("td", "th"):
                self.cell = []
                label = dict(attrs).get("data-label")
                if label is not None:
                    self.labels[-1].append(label)

        def handle_endtag(self, tag: str) -> None:
            if tag in ("td", "th") and self.cell is not None:
                self.rows[-1].append("".join(self.cell))
                self.cell = None

        def handle_data(self, data: str) -> None:
            if self.cell is not None:
                self.cell.append(data)

    parser = Cells()
    parser.feed(text)
    head = parser.rows[0] if parser.rows else []
    for labels in parser.labels[1:]:
        assert labels == head[1:], (labels, head)  # a phone's card names each cell's column
    return parser.rows


def test_html_table_keeps_real_summary_cells() -> None:
    import pandas as pd

    frame = pd.DataFrame(
        {"Pemeriksaan": ["Penduduk BPS vs Dukcapil", "Kelengkapan angka"],
         "Semua wilayah": ["5", "–"], "Kota Medan": ["1,45 % (Kota Medan)", "3 dari 120"]}
    )  # fmt: skip
    text = fmt.html_table(frame)
    assert text.startswith(fmt.TABLE_CSS) and text.count("<tr>") == 3
    assert '<th scope="row">Kelengkapan angka</th>' in text  # the check heads its row (and its card)
    assert table_cells(text) == [list(frame.columns), *frame.astype(str).to_numpy().tolist()]


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
    ),
    st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=8),
)
def test_html_table_cells_stay_literal(rows: list[list[str]], column: str) -> None:
    """Any text (markup, quotes, HTML, dollars, ampersands, backslashes) reads back as itself,
    in a cell and in the column name each phone card repeats."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=["a", column])
    want = [[" ".join(c.split()) for c in r] for r in rows]
    got = table_cells(fmt.html_table(frame))
    assert got[0] == ["a", " ".join(column.split())]
    assert got[1:] == want


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=-(10**12), max_value=10**12),
    st.integers(min_value=0, max_value=3),
    st.integers(min_value=0, max_value=3),
)
def test_rounding_is_half_away_from_zero_on_the_written_figure(
    digits: int, places: int, decimals: int
) -> None:
    """A figure written with ``places`` decimals (``digits`` / 10**places, as a source prints it)
    shown with ``decimals``: the text, :func:`fmt.rounded` (tables, downloads) and exact decimal
    arithmetic agree, exact halves going away from zero."""
    from decimal import ROUND_HALF_UP, Decimal

    written = Decimal(digits).scaleb(-places)
    value = float(written)
    expected = written.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if expected.is_zero():
        expected = abs(expected)
    assert fmt.rounded(value, decimals) == float(expected)
    assert fmt.rounded_all([value], decimals)[0] == float(expected)
    text = fmt.number(value, decimals, "en").replace(",", "")
    assert Decimal(text) == expected
    assert not (expected.is_zero() and text.startswith("-"))
