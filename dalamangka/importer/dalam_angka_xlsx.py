"""Format 3: one table of a "Kota X Dalam Angka" book as XLSX.

Bilingual title ("Jumlah Penduduk ... Menurut Kecamatan di Kota Palembang, 2024 / Population
... by Subdistrict ..."), merged multi-row headers (often a row of column numbers "(1) (2)"),
kecamatan rows in BPS code order, a total row ("Kota Palembang" or "Jumlah/Total"), and a
footer "Sumber/Source: ..." and "Catatan/Note: ...". Figures may carry "*" (preliminary) or
"**" (very preliminary); "-", "...", "x" are symbols, read later by validate.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl.utils import column_index_from_string

from dalamangka.importer.grid import Grid, blank, letter, read_xlsx, text
from dalamangka.importer.model import ImportFailed, Parsed, Problem, RawRow

FORMAT = "dalam_angka_xlsx"
HEADER_FIRST = re.compile(r"^(kecamatan|distrik|subdistrict|wilayah)", re.I)
COLUMN_NUMBERS = re.compile(r"^\(\d+\)$")
TOTAL = re.compile(r"^(jumlah|total)\b|^(kota|kabupaten)\s", re.I)
FOOTER = re.compile(r"^(sumber|source|catatan|note|keterangan)\b", re.I)
TITLE_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
TITLE_CITY = re.compile(r"\b((?:Kota|Kabupaten)\s+[A-Z][A-Za-z.\- ]*?)\s*(?:,|\(|/|$)")


def _title(grid: Grid, header: int) -> list[str]:
    return [text(v) for r in grid[:header] for v in r if text(v) and not text(v).lower().startswith("tabel")]


def parse(path: Path, sheet: str | None = None) -> Parsed:
    grid, name, _ = read_xlsx(path, sheet, fill_merged=True)
    return parse_grid(grid, name)


def parse_grid(grid: Grid, sheet: str) -> Parsed:
    if not grid or all(blank(r) for r in grid):
        raise ImportFailed([Problem("empty_file")])
    header = next((i for i, r in enumerate(grid[:15]) if r and HEADER_FIRST.match(text(r[0]))), None)
    if header is None:
        raise ImportFailed(
            [Problem("no_table", fields={"sheet": sheet, "detail": "tidak ada kolom 'Kecamatan'"})]
        )
    # header rows run until the first row whose first cell is a name and not the header label
    start = header + 1
    while start < len(grid) and (
        blank(grid[start])
        or HEADER_FIRST.match(text(grid[start][0]))
        or text(grid[start][0]) == text(grid[header][0])
        or all(COLUMN_NUMBERS.match(text(v)) or not text(v) for v in grid[start])
        or not text(grid[start][0])
    ):
        start += 1
    columns: dict[str, str] = {}
    width = max(len(r) for r in grid)
    for j in range(1, width):
        parts: list[str] = []
        for r in grid[header:start]:
            t = text(r[j]) if j < len(r) else ""
            if t and not COLUMN_NUMBERS.match(t) and t not in parts:
                parts.append(t)
        if parts:
            columns[letter(j)] = " — ".join(parts)
    title_lines = _title(grid, header)
    title = title_lines[0] if title_lines else None
    years = TITLE_YEAR.findall(title or "")
    year: int | None = int(years[-1]) if years else None
    city_match = TITLE_CITY.search(title or "")
    city = city_match.group(1).strip() if city_match else None
    notes: dict[str, str] = {}
    rows: list[RawRow] = []
    ended = False
    for i in range(start, len(grid)):
        r = grid[i]
        first = text(r[0]) if r else ""
        if ended or FOOTER.match(first):
            ended = True
            if first:
                key, _, rest = first.partition(":")
                notes[key.split("/")[0].strip().lower()] = rest.strip()
            continue
        if blank(r):
            continue
        is_total = bool(TOTAL.match(first))
        if is_total and first.lower().startswith(("kota", "kabupaten")) and city is None:
            city = first
        region = city or first if is_total else first
        for col in columns:
            j = column_index_from_string(col) - 1
            if j >= len(r):
                continue
            rows.append(
                RawRow(row=i + 1, column=col, region=region, value=r[j], tahun=year, is_total=is_total)
            )
    if not rows:
        raise ImportFailed([Problem("no_rows")])
    if year is None:
        raise ImportFailed([Problem("bad_year", row=1, column="A", fields={"value": title or ""})])
    return Parsed(format=FORMAT, rows=rows, title=title, notes=notes, columns=columns, city=city)
