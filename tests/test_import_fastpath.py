"""The importer's fast paths give the answers of the plain code: the per-cell quick filter before
``unsafe`` never lets a risky cell through, and the template reads each cell as ``grid.text``
would (no-break spaces, blanks, padding)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dalamangka.importer import layout, template
from dalamangka.importer.grid import text

CHARS = st.text(alphabet=st.sampled_from(list("=+@-<>/ \t\r\n\xa0aZ9,.*!?")) | st.characters(), max_size=12)


@given(CHARS)
@settings(max_examples=500, deadline=None)
def test_quick_filter_never_hides_unsafe_text(value: str) -> None:
    quick = value.lstrip()[:1] in layout._RISKY_FIRST or "<" in value
    assert quick or not layout.unsafe(value.strip())


@given(st.lists(st.one_of(st.none(), CHARS), min_size=8, max_size=8))
@settings(max_examples=300, deadline=None)
def test_template_reads_cells_as_grid_text(row: list[str | None]) -> None:
    header: list[object] = list(template.COLUMNS)
    row[0], row[2], row[3] = "1971", "tpt", "2020"
    [got] = template.parse_grid([header, list(row)]).rows
    expect = [text(v) or None for v in row]
    assert (got.region, got.tahun, got.indikator) == ("1971", "2020", "tpt")
    assert (got.satuan, got.status, got.sumber) == (expect[5], expect[6], expect[7])
    assert got.value is row[4]  # the raw cell: validate reads it


def test_no_break_spaces_and_blank_rows() -> None:
    grid: list[list[object]] = [
        list(template.COLUMNS),
        ["\xa01971\xa0", None, " tpt ", "2020", "4,7", "persen\xa0", None, "BPS"],
        [None, "  ", "\xa0", None, None, None, None, None],  # blank: skipped
    ]
    [row] = template.parse_grid(grid).rows
    assert (row.row, row.region, row.indikator, row.satuan, row.status) == (2, "1971", "tpt", "persen", None)
