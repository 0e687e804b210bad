"""Shared reader for BPS website table downloads: a name column, then one column per year.

Both the dynamic-table XLSX export and the newer CSV export list regions by name, provinces in
UPPER CASE each followed by its kab/kota, "INDONESIA" last, "-" for missing, and end with
footer lines (note, "Source Url", "Access Time").
"""

from __future__ import annotations

import re
from typing import Any

from dalamangka.importer.grid import Grid, blank, letter, text
from dalamangka.importer.model import ImportFailed, Parsed, Problem, RawRow

YEAR = re.compile(r"^(19|20)\d{2}$")
FOOTER = (
    "source url",
    "access time",
    "sumber",
    "source",
    "catatan",
    "note",
    "keterangan",
    "url",
    "waktu akses",
)
NOTE_KEYS = {
    "source url": "source_url",
    "access time": "access_time",
    "url": "source_url",
    "waktu akses": "access_time",
}


def year_of(value: Any) -> int | None:
    """2018, 2018.0 or "2018" -> 2018; anything else None."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    s = text(value)
    return int(s) if YEAR.match(s) else None


def is_footer(first: str) -> bool:
    low = first.lower()
    return any(low.startswith(f) for f in FOOTER)


def parse_dynamic(grid: Grid, fmt: str, sheet: str = "") -> Parsed:
    """Rows of a BPS website table (XLSX or CSV grid) as :class:`RawRow` values."""
    grid = [r for r in grid]
    if not grid or all(blank(r) for r in grid):
        raise ImportFailed([Problem("empty_file")])
    year_row = next(
        (i for i, r in enumerate(grid[:8]) if sum(year_of(v) is not None for v in r[1:]) >= 1), None
    )
    if year_row is None:
        raise ImportFailed([Problem("no_years", row=1)])
    title_cells = [text(v) for r in grid[:year_row] for v in r[1:] if text(v)]
    title = title_cells[0] if title_cells else None
    years = {j: y for j, v in enumerate(grid[year_row]) if j > 0 and (y := year_of(v)) is not None}
    # a sub-header row (e.g. sex) under the years would make several figures per year: refuse
    rows: list[RawRow] = []
    notes: dict[str, str] = {}
    province: str | None = None
    ended = False
    for i in range(year_row + 1, len(grid)):
        r = grid[i]
        first = text(r[0]) if r else ""
        if ended or is_footer(first):
            ended = ended or bool(first)
            if first:
                key, _, rest = first.partition(":")
                notes[NOTE_KEYS.get(key.strip().lower(), key.strip().lower())] = rest.strip() or first
            continue
        if blank(r):
            ended = bool(rows)  # after the data, a blank row starts the footer
            continue
        if not first:
            raise ImportFailed(
                [Problem("no_table", row=i + 1, column="A", fields={"sheet": sheet, "detail": "nama kosong"})]
            )
        upper = first.upper() == first and any(c.isalpha() for c in first)
        if upper and first.strip().upper() != "INDONESIA":
            province = first
            row_province = None
        elif first.strip().upper() == "INDONESIA":
            province, row_province = None, None
        else:
            row_province = province
        for j, y in years.items():
            value = r[j] if j < len(r) else None
            rows.append(
                RawRow(row=i + 1, column=letter(j), region=first, value=value, tahun=y, province=row_province)
            )
    if not rows:
        raise ImportFailed([Problem("no_rows")])
    return Parsed(format=fmt, rows=rows, title=title, notes=notes)
