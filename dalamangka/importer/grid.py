"""Read a file into a grid of cells (rows of values), the common ground of the parsers.

XLSX is read with openpyxl (merged header cells filled with their value on request); CSV with
the csv module, every cell kept as text so numbers are read later, per file, by
:mod:`dalamangka.importer.validate`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from dalamangka.importer.model import ImportFailed, Problem

Grid = list[list[Any]]
MAX_ROWS = 100_000
MAX_COLUMNS = 200


def letter(index: int) -> str:
    """0 -> 'A', 1 -> 'B', ..."""
    return str(get_column_letter(index + 1))


def read_xlsx(path: Path, sheet: str | None = None, fill_merged: bool = True) -> tuple[Grid, str, list[str]]:
    """The cells of one sheet (the first unless ``sheet`` is named), its name and all names."""
    try:
        wb = load_workbook(path, data_only=True, read_only=False)
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        IndexError,
        OSError,
        ValueError,
        TypeError,
    ) as e:
        raise ImportFailed([Problem("broken_xlsx", fields={"detail": type(e).__name__})]) from e
    names = list(wb.sheetnames)
    if not names:
        raise ImportFailed([Problem("broken_xlsx", fields={"detail": "tanpa lembar"})])
    if sheet is not None and sheet not in names:
        raise ImportFailed([Problem("no_sheet", fields={"sheet": sheet, "sheets": ", ".join(names)})])
    ws = wb[sheet] if sheet is not None else wb[names[0]]
    if ws.max_row > MAX_ROWS:
        raise ImportFailed([Problem("too_many_rows", fields={"n": ws.max_row, "limit": MAX_ROWS})])
    width = min(ws.max_column, MAX_COLUMNS)
    grid: Grid = [[c for c in row[:width]] for row in ws.iter_rows(values_only=True)]
    if fill_merged:
        for rng in ws.merged_cells.ranges:
            top = grid[rng.min_row - 1][rng.min_col - 1] if rng.min_col <= width else None
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, min(rng.max_col, width) + 1):
                    grid[r - 1][c - 1] = top
    wb.close()
    return grid, ws.title, names


def decode(data: bytes) -> str:
    """Text of a CSV/JSON file: UTF-8 (with or without BOM), else Windows-1252 as BPS sometimes saves."""
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ImportFailed([Problem("broken_text", fields={"detail": "encoding"})])


def read_csv(path: Path) -> Grid:
    """Every cell of a CSV file as text (separator , or ; as the file uses)."""
    text = decode(path.read_bytes())
    if "\x00" in text:
        raise ImportFailed([Problem("broken_text", fields={"detail": "NUL"})])
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if len(rows) > MAX_ROWS:
        raise ImportFailed([Problem("too_many_rows", fields={"n": len(rows), "limit": MAX_ROWS})])
    return [list(r) for r in rows]


def text(value: Any) -> str:
    """A cell as stripped text ('' for empty)."""
    if value is None:
        return ""
    return str(value).replace("\xa0", " ").strip()


def blank(row: list[Any]) -> bool:
    return all(text(v) == "" for v in row)
