"""Read a file into a :class:`Sheet` (rows of cell values plus what the layout reader needs to
know about them), the common ground of the parsers.

Hostile files are answered before they are read: an XLSX is a zip whose members' uncompressed
sizes are checked first (zip bomb), its XML is parsed by openpyxl through defusedxml (no
entities: an entity bomb is refused), cells are bounded in length and the sheet in size. A
formula is only as good as its saved value: the workbook is read twice (formulas, then saved
values) and a formula without a saved value is recorded so the layout reader refuses it.
CSV: BOM, encoding, separator ("," ";" or tab, the one that splits the lines consistently without
leaving another separator inside a text field; a tie is refused) and
the number of fields of every line (a line with more fields than its header is refused later).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl.xml
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from dalamangka.importer.model import ImportFailed, Problem

Grid = list[list[Any]]
MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_CELLS = 400_000
MAX_CELL_CHARS = 2_000  # a real cell (a long title or footnote) is far shorter
MAX_MEMBER_BYTES = 40 * 1024 * 1024  # uncompressed size of one XLSX member
MAX_UNZIPPED_BYTES = 80 * 1024 * 1024  # all members together
HOSTILE_XML = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)


@dataclass
class Sheet:
    """One table's cells and what is known about them beyond their values."""

    cells: Grid
    name: str = ""
    names: list[str] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # 0-based r1, c1, r2, c2
    formulas: list[tuple[int, int]] = field(default_factory=list)  # formula cells without saved value
    # numeric cells whose number format shows them times 100 ("0.00%"): (row, col, format), 0-based
    percent: list[tuple[int, int, str]] = field(default_factory=list)
    widths: list[int] | None = None  # CSV: number of fields of each line
    delimiter: str | None = None
    unterminated: bool = False  # CSV: the last line has no line break (the file may be cut)


def letter(index: int) -> str:
    """0 -> 'A', 1 -> 'B', ..."""
    return str(get_column_letter(index + 1))


def cell_name(row: int, col: int) -> str:
    """0-based (row, col) -> 'C7'."""
    return f"{letter(col)}{row + 1}"


def _check_zip(path: Path) -> None:
    """Refuse a zip bomb or an XML entity bomb before openpyxl reads anything."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > 2_000:
                raise ImportFailed([Problem("hostile_file", fields={"detail": f"{len(infos)} anggota zip"})])
            total = 0
            for info in infos:
                total += info.file_size
                if info.file_size > MAX_MEMBER_BYTES or total > MAX_UNZIPPED_BYTES:
                    mb = round(max(info.file_size, total) / 2**20)
                    raise ImportFailed([Problem("hostile_file", fields={"detail": f"isi terurai > {mb} MB"})])
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    with z.open(info) as f:
                        head = f.read(4096)
                    if HOSTILE_XML.search(head):
                        raise ImportFailed(
                            [Problem("hostile_file", fields={"detail": "XML dengan DOCTYPE/ENTITY"})]
                        )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError, ValueError):
        raise ImportFailed([Problem("broken_xlsx", fields={"detail": "bukan zip XLSX"})]) from None


def _load(path: Path, data_only: bool) -> Any:
    if not openpyxl.xml.DEFUSEDXML:  # pragma: no cover - defusedxml is a pinned requirement
        raise ImportFailed([Problem("broken_xlsx", fields={"detail": "defusedxml tidak terpasang"})])
    try:
        return load_workbook(path, data_only=data_only, read_only=False)
    except ImportFailed:
        raise
    except Exception as e:
        detail = (
            "XML berbahaya" if "Forbidden" in type(e).__name__ or "Entit" in type(e).__name__ else "isi rusak"
        )
        raise ImportFailed([Problem("broken_xlsx", fields={"detail": detail})]) from None


def sheet_names(path: Path) -> list[str]:
    """The sheets of a workbook (for the page's sheet choice)."""
    _check_zip(path)
    wb = _load(path, data_only=True)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def read_xlsx_sheet(path: Path, sheet: str | None = None) -> Sheet:
    """The cells of one sheet (the first unless ``sheet`` is named), with merges and formulas."""
    _check_zip(path)
    wb = _load(path, data_only=True)
    try:
        names = list(wb.sheetnames)
        if not names:
            raise ImportFailed([Problem("broken_xlsx", fields={"detail": "tanpa lembar"})])
        if sheet is not None and sheet not in names:
            raise ImportFailed([Problem("no_sheet", fields={"sheet": sheet, "sheets": ", ".join(names)})])
        ws = wb[sheet] if sheet is not None else wb[names[0]]
        if not hasattr(ws, "iter_rows"):
            raise ImportFailed([Problem("no_table", fields={"sheet": ws.title, "detail": "lembar grafik"})])
        if ws.max_row > MAX_ROWS:
            raise ImportFailed([Problem("too_many_rows", fields={"n": ws.max_row, "limit": MAX_ROWS})])
        if ws.max_column > MAX_COLUMNS or ws.max_row * ws.max_column > MAX_CELLS:
            raise ImportFailed(
                [Problem("too_big_sheet", fields={"rows": ws.max_row, "columns": ws.max_column})]
            )
        width = ws.max_column
        cells: Grid = []
        percent: list[tuple[int, int, str]] = []
        for i, row in enumerate(ws.iter_rows()):
            values = []
            for j, c in enumerate(row[:width]):
                v = c.value
                values.append(v)
                if type(v) in (int, float) and scales_by_100(c.number_format):
                    percent.append((i, j, str(c.number_format)))
            cells.append(values)
        merged = [
            (r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1) for r in ws.merged_cells.ranges
        ]
        title = ws.title
    finally:
        wb.close()
    formulas = _formulas_without_value(path, title, cells)
    return Sheet(cells=cells, name=title, names=names, merged=merged, formulas=formulas, percent=percent)


_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def scales_by_100(number_format: str) -> bool:
    """A number format that shows 100 times the stored value ("0.00%"); a quoted or escaped "%"
    ('0.00"%"', '0.00\\%') is only text and shows the value as stored."""
    return "%" in number_format and "%" in _LITERAL.sub("", number_format)


def _formulas_without_value(path: Path, title: str, cells: Grid) -> list[tuple[int, int]]:
    """Cells that hold a formula whose saved value is missing (a workbook never recalculated)."""
    wb = _load(path, data_only=False)
    try:
        ws = wb[title]
        found = []
        for i, row in enumerate(ws.iter_rows(values_only=True)):
            for j, v in enumerate(row):
                is_formula = (isinstance(v, str) and v.startswith("=")) or type(v).__name__ == "ArrayFormula"
                saved = cells[i][j] if i < len(cells) and j < len(cells[i]) else None
                if is_formula and (saved is None or (isinstance(saved, str) and saved == v)):
                    found.append((i, j))
        return found
    finally:
        wb.close()


def read_xlsx(path: Path, sheet: str | None = None, fill_merged: bool = True) -> tuple[Grid, str, list[str]]:
    """The cells of one sheet, its name and all names (merged cells filled when asked)."""
    s = read_xlsx_sheet(path, sheet)
    grid = s.cells
    if fill_merged:
        for r1, c1, r2, c2 in s.merged:
            if r1 >= len(grid) or c1 >= len(grid[r1]):
                continue
            top = grid[r1][c1]
            for r in range(r1, min(r2, len(grid) - 1) + 1):
                for c in range(c1, min(c2, len(grid[r]) - 1) + 1):
                    grid[r][c] = top
    return grid, s.name, s.names


def decode(data: bytes) -> str:
    """Text of a CSV/JSON file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ImportFailed([Problem("broken_text", fields={"detail": "encoding"})])


def _split(text: str, delimiter: str) -> list[list[str]]:
    try:
        return [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)]
    except csv.Error:
        raise ImportFailed(
            [Problem("broken_text", fields={"detail": "tanda kutip tidak tertutup"})]
        ) from None


SEPARATORS = (",", ";", "\t")
NUMBER_TEXT = re.compile(r"^ *[-–]? *[\d., \xa0]*\d[\d., \xa0]*\** *$")


def _consistency(rows: list[list[str]], delimiter: str) -> tuple[int, int]:
    """How well a separator splits a file: (clean lines of the commonest field count > 1, that count).

    A line is clean when no field holds another separator outside a number: split by "," the
    line "Medan Tuntungan;20,68" leaves "Medan Tuntungan;20", split by ";" it gives a name and
    "20,68" (a decimal comma). A title ("..., 2015;") or header with a comma in its text does not
    outweigh the data lines."""
    others = [d for d in SEPARATORS if d != delimiter]
    counts: dict[int, int] = {}
    for r in rows:
        n = len(r)
        while n > 1 and not r[n - 1].strip():
            n -= 1
        if n <= 1:
            continue
        if any(d in v and not NUMBER_TEXT.match(v) for v in r for d in others):
            continue
        counts[len(r)] = counts.get(len(r), 0) + 1
    if not counts:
        return 0, 0
    width, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return n, width


def _delimiter(sample: str) -> str:
    """The separator that splits the sample's lines consistently and cleanly; refused when two
    separators do it equally well (the file cannot say which one it uses)."""
    scores: list[tuple[tuple[int, int], str]] = []
    for delimiter in SEPARATORS:
        if delimiter not in sample and delimiter != ",":
            continue
        try:
            rows = [list(r) for r in csv.reader(io.StringIO(sample), delimiter=delimiter)]
            scores.append((_consistency(rows, delimiter), delimiter))
        except csv.Error:
            scores.append(((0, 0), delimiter))
    scores.sort(key=lambda s: s[0][0], reverse=True)
    if len(scores) > 1 and scores[0][0][0] > 0 and scores[0][0][0] == scores[1][0][0]:
        names = {",": "','", ";": "';'", "\t": "tab"}
        raise ImportFailed(
            [
                Problem(
                    "ambiguous_delimiter",
                    fields={"first": names[scores[0][1]], "second": names[scores[1][1]]},
                )
            ]
        )
    return scores[0][1] if scores[0][0][0] > 0 else ","


def read_csv_sheet(path: Path) -> Sheet:
    """Every cell of a CSV file as text, the separator the file uses, and each line's width."""
    text = decode(path.read_bytes())
    if "\x00" in text:
        raise ImportFailed([Problem("broken_text", fields={"detail": "NUL"})])
    if len(text) > 20_000_000:
        raise ImportFailed([Problem("too_big", fields={"size": round(len(text) / 2**20, 1), "limit": 20})])
    csv.field_size_limit(1_000_000)
    if text.count("\n") > MAX_ROWS:
        raise ImportFailed([Problem("too_many_rows", fields={"n": text.count("\n"), "limit": MAX_ROWS})])
    # the separator that splits the first lines consistently, then one full (strict) read
    delimiter = _delimiter("\n".join(text.splitlines()[:300]))
    rows = _split(text, delimiter)
    if len(rows) > MAX_ROWS:
        raise ImportFailed([Problem("too_many_rows", fields={"n": len(rows), "limit": MAX_ROWS})])
    widths = [len(r) for r in rows]
    width = max(widths, default=0)
    if width > MAX_COLUMNS:
        raise ImportFailed([Problem("too_big_sheet", fields={"rows": len(rows), "columns": width})])
    cells: Grid = [[v if v != "" else None for v in r] for r in rows]
    return Sheet(
        cells=cells,
        name=path.name,
        names=[],
        widths=widths,
        delimiter=delimiter,
        unterminated=bool(text.strip()) and not text.endswith(("\n", "\r")),
    )


def read_csv(path: Path) -> Grid:
    """Every cell of a CSV file as text ('' for empty)."""
    return [[v if v is not None else "" for v in r] for r in read_csv_sheet(path).cells]


def text(value: Any) -> str:
    """A cell as stripped text ('' for empty)."""
    if value is None:
        return ""
    if type(value) is str:
        return (value.replace("\xa0", " ") if "\xa0" in value else value).strip()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).replace("\xa0", " ").strip()


def blank(row: list[Any]) -> bool:
    return all(text(v) == "" for v in row)
