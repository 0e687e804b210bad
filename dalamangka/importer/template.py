"""Format 5: the plain tidy template an OPD can fill in (CSV or XLSX).

Columns: kode_wilayah, nama_wilayah (optional, for reading), indikator, tahun, nilai, satuan,
status, sumber. :func:`make_template` writes it pre-filled with the city's region codes.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from dalamangka.importer.grid import Grid, Sheet, blank, letter, read_csv_sheet, read_xlsx_sheet, text
from dalamangka.importer.layout import check_cells
from dalamangka.importer.model import ImportFailed, Parsed, Problem, RawRow

FORMAT = "template"
REQUIRED = ("kode_wilayah", "indikator", "tahun", "nilai")
COLUMNS = ("kode_wilayah", "nama_wilayah", "indikator", "tahun", "nilai", "satuan", "status", "sumber")
OPTIONAL = ("periode",)


def _header(row: list[object]) -> dict[str, int]:
    return {text(v).lower(): j for j, v in enumerate(row) if text(v)}


def _header_row(grid: Grid) -> int | None:
    return next((i for i, r in enumerate(grid[:20]) if set(REQUIRED) <= set(_header(r))), None)


def looks_like(grid: Grid) -> bool:
    """True if one of the first rows holds the template's required column names."""
    return any(len(set(COLUMNS + OPTIONAL) & set(_header(r))) >= 3 for r in grid[:20])


def parse_grid(grid: Grid, widths: list[int] | None = None) -> Parsed:
    """The template's rows; its header may sit below title rows (they are ignored)."""
    if not grid or all(blank(r) for r in grid):
        raise ImportFailed([Problem("empty_file")])
    head = _header_row(grid)
    if head is None:
        cols = _header(grid[0])
        missing = [c for c in REQUIRED if c not in cols]
        raise ImportFailed([Problem("header_missing", row=1, fields={"columns": ", ".join(missing)})])
    cols = _header(grid[head])
    width = max(cols.values()) + 1
    rows: list[RawRow] = []
    nilai = letter(cols["nilai"])

    at = {name: cols.get(name) for name in COLUMNS + OPTIONAL}

    def get(cells: list[str], name: str) -> str | None:
        j = at[name]
        return cells[j] or None if j is not None and j < len(cells) else None

    problems: list[Problem] = []
    for i, r in enumerate(grid[head + 1 :], start=head + 2):
        # every cell as text once (grid.text; inlined for plain strings, the common case)
        cells = ["" if v is None else v.strip() if type(v) is str and "\xa0" not in v else text(v) for v in r]
        if not any(cells):
            continue
        extra = [j for j in range(width, len(cells)) if cells[j]]
        if extra:
            n = widths[i - 1] if widths is not None else len(r)
            problems.append(Problem("extra_fields", row=i, fields={"n": n, "width": width}))
            continue
        j = cols["nilai"]
        month = get(cells, "periode") or "0"  # optional: 0 = the year, 1-12 = a month
        if not (month.isdigit() and 0 <= int(month) <= 12):
            problems.append(Problem("not_a_number", row=i, column="periode", fields={"value": month}))
            continue
        rows.append(
            RawRow(
                row=i,
                column=nilai,
                region=get(cells, "kode_wilayah") or "",
                region_is_code=True,
                value=r[j] if j < len(r) else None,
                tahun=get(cells, "tahun"),
                indikator=get(cells, "indikator"),
                satuan=get(cells, "satuan"),
                status=get(cells, "status"),
                sumber=get(cells, "sumber"),
                periode=int(month),
            )
        )
    if problems:
        raise ImportFailed(problems)
    if not rows:
        raise ImportFailed([Problem("no_rows")])
    title = " ".join(text(v) for r in grid[:head] for v in r if text(v)) or None
    return Parsed(format=FORMAT, rows=rows, title=title)


def parse_sheet(sheet: Sheet) -> Parsed:
    check_cells(sheet)
    if sheet.unterminated:
        raise ImportFailed([Problem("truncated", row=len(sheet.cells))])
    return parse_grid(sheet.cells, sheet.widths)


def parse(path: Path, sheet: str | None = None) -> Parsed:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return parse_sheet(read_xlsx_sheet(path, sheet))
    return parse_sheet(read_csv_sheet(path))


def make_template(regions: pd.DataFrame, indicator: str = "", unit: str = "") -> bytes:
    """CSV (UTF-8 with BOM, for Excel) with one row per region of ``regions`` (kode, nama)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in regions.itertuples():
        w.writerow([r.kode, r.nama, indicator, "", "", unit, "", ""])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
