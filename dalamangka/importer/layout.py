"""The general table reader: one BPS table (dynamic-table XLSX/CSV export, a Dalam Angka table,
any layout between them) as rows of (region, column, year, rincian, cell).

It works on content, not positions:

1. Above the table: cover and chapter lines ("Kota Medan Dalam Angka 2011", "Bab 3 Penduduk")
   are ignored for the year; the table's own title ("Tabel 3.1.2 ... , 2010") gives a year to
   columns whose header has none; a regulation's year ("Permendagri No. 72 Tahun 2019") or a
   source's glued one ("SP2020") never counts. Below it: footers ("Sumber/Source", "Catatan/Note", "Source
   Url", "Access Time", or a lone text line after a blank row) end the table.
2. The header block: from the row that names the region column ("Kecamatan", "Kode",
   "Provinsi/Kabupaten/Kota", ...) or, failing that, the first row of years, down to the first
   row that names a region. Merged header cells are spread over the columns they cover; each
   data column gets the path of its header labels.
3. Each column's year is the one year in its header ("2010*" = the whole column is angka
   sementara), else the title's; the labels that differ between columns are its rincian
   (e.g. "Laki-laki" under a year). A column with two years, a bad year ("2O12", 1899) or no
   year at all cannot be imported; the problem is kept and raised if the column is used.
4. The region of a row: a code (own column, or "010 Medan Tuntungan" in one cell) decides it;
   the name is checked against it later. Province rows (UPPER CASE) open a block in national
   tables; "Jumlah"/"Kota X" rows are the city's total.
5. Refused: a merged cell inside the data block, a figure in a column without a header, a row of
   figures without a region, a CSV line wider than its header (a trailing empty field counts), a
   figure split by an unquoted decimal comma where it shows (:func:`_split_decimals`), a formula
   without saved value, text that would become a formula or markup, a cell longer than any real
   one, a number whose format shows it times 100 ("0.00%"). Units the header or title states are
   kept per column (:mod:`dalamangka.importer.units`) and compared with the indicator's unit in
   validate.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from dalamangka.importer.grid import MAX_CELL_CHARS, Sheet, blank, cell_name, letter, text
from dalamangka.importer.model import SYMBOLS, ImportFailed, Parsed, Problem, RawRow, clip, without_marks
from dalamangka.importer.units import Stated, in_label, read

# words of a region column's header ("Provinsi/Kabupaten/Kota", "Kecamatan/Subdistrict", "Kode")
REGION_WORDS = {
    "provinsi", "province", "kabupaten", "kab", "kota", "regency", "city", "municipality",
    "kecamatan", "subdistrict", "sub", "district", "distrik", "wilayah", "region", "kode", "code",
    "nama", "name", "bps", "kemendagri", "desa", "kelurahan", "village", "area", "kec", "prov",
}  # fmt: skip
CODE_WORDS = {"kode", "code"}
CODE_LABEL_WORDS = CODE_WORDS | {"bps", "kemendagri", "wilayah", "kecamatan", "subdistrict", "kec", "area"}
KECAMATAN_WORDS = {"kecamatan", "subdistrict", "distrik", "district"}
NUMBER_WORDS = {"no", "nomor", "number"}
COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
YEAR = re.compile(r"^((?:19|20)\d{2})\s*(\*{1,2}|r)?\)?$")  # "2022 r": angka revisi (BPS)
YEAR_LIKE = re.compile(r"^(?=.*\d.*\d)[0-9OoIlS]{4}\s*\**$|^\d{3}\s*\**$|^\d{5}\s*\**$|^\d{4}\s*\**$")
EMBEDDED_YEAR = re.compile(r"(?<![\d/.,])((?:19|20)\d{2})(?![\d/.,])")
YEAR_RANGE = re.compile(r"(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2}")
# a year that names a regulation or a source, never the figures' year: "Permendagri No. 72 Tahun
# 2019", "UU No. 23 Tahun 2014", "SP2020", "SUPAS2015" (a year glued to letters)
REGULATION_YEAR = re.compile(
    r"\b(?:permendagri|kepmendagri|peraturan|perda|perpres|perwali|perwal|perbup|keputusan|"
    r"undang-undang|uu|pp)\b[^,;()]{0,40}?(?:19|20)\d{2}(?!\d)",
    re.I,
)
GLUED_YEAR = re.compile(r"(?<=[A-Za-z])(?:19|20)\d{2}(?!\d)")

TITLE_LINE = re.compile(r"^(tabel|table)\s+[\dA-Z]+(\.\d+)*\b", re.I)
COVER = re.compile(r"dalam angka|in figures|^(bab|chapter)\b|^statistik daerah", re.I)
FOOTER = re.compile(
    r"^(sumber|source|catatan|note|keterangan|ket\.|url|access time|waktu akses|\*+\s*\)|\*+\s)", re.I
)
TOTAL = re.compile(r"^(jumlah|total)\b|^(kota|kabupaten|kab\.)\s", re.I)
# the figures a title names end where their breakdown or place begins; "dan", "and", "&" or a
# comma between them means several figures
SUBJECT_END = re.compile(r"\b(?:menurut|berdasarkan|by|according to|di|in)\b", re.I)
# a footer's "(angka) dalam ribu jiwa" / "in thousands of persons": the figures' unit
IN_UNIT = re.compile(r"\b(?:dalam|in)\s+([^.;:()]{2,40})", re.I)
SUBJECTS = re.compile(r"\b(?:dan|and)\b|&|,\s*(?=[^\d\s])", re.I)
# a numbered table title ("Tabel 3.1.2 ...", "Table 3.1.2"): below a table, another table begins
NUMBERED_TITLE = re.compile(r"^(tabel|table)\s+\d+(\.\d+)*\b", re.I)
CODE_NAME = re.compile(r"^\[?(\d{2}|\d{3}|\d{4}|\d{7}|\d{10})\]?[\s.:\-–]+(\D.*)$")
CODE_ONLY = re.compile(r"^\d{2}(\d{1,2})?$|^\d{3}$|^\d{7}$|^\d{10}$")
UNSAFE_START = ("=", "+", "@", "\t", "\r")
HTML = re.compile(r"<\s*[A-Za-z!/?]")
NUMBERISH = re.compile(r"^[-–]?\s*[\d.,\s]+\s*\**$")
NOTE_KEYS = {
    "source url": "source_url",
    "access time": "access_time",
    "url": "source_url",
    "waktu akses": "access_time",
}
TITLE_CITY = re.compile(
    r"\b((?:Kota|Kabupaten)\s+[A-Z][A-Za-z.\-' ]*?)\s*(?:,|\(|/|$|\s+\d|\s+Dalam\b|\s+in\b)"
)


def data_years(text: str) -> set[int]:
    """The years a title or header line gives its figures: every embedded year except those of a
    regulation or a glued source name (``REGULATION_YEAR``, ``GLUED_YEAR``). "Hasil Proyeksi SP2020
    ..., 2024" is 2024; "(Permendagri No. 72 Tahun 2019)" alone gives none, so the year must be
    written, never taken from the regulation."""
    bare = GLUED_YEAR.sub(" ", REGULATION_YEAR.sub(" ", text))
    return {int(y) for y in EMBEDDED_YEAR.findall(bare)}


def max_year() -> int:
    return dt.date.today().year + 1


def words(s: str) -> list[str]:
    return [w for w in re.split(r"[^a-z]+", s.lower()) if w]


def is_region_label(s: str) -> bool:
    w = words(s)
    return bool(w) and all(x in REGION_WORDS for x in w) and not re.search(r"\d", s)


def is_number_label(s: str) -> bool:
    w = words(s)
    return bool(w) and all(x in NUMBER_WORDS for x in w) and len(s) <= 8


def is_symbol(s: str) -> bool:
    return s in SYMBOLS and s != ""


def figure_like(v: Any) -> bool:
    """A cell that can only be a figure or a BPS symbol."""
    if isinstance(v, bool):
        return False
    if isinstance(v, int | float):
        return True
    s = text(v)
    return bool(s) and (is_symbol(s) or bool(NUMBERISH.match(s)))


def year_cell(v: Any) -> tuple[int, str | None] | None:
    """(year, mark) of a header cell that is exactly a year, e.g. 2010, "2010*", "2024**", "2022 r"."""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, int) and not isinstance(v, bool):
        return (v, None) if 1000 <= v <= 9999 else None
    m = YEAR.match(text(v))
    return (int(m.group(1)), m.group(2)) if m else None


# unsafe() can only be true for text starting with one of these or holding "<" (a quick filter)
_RISKY_FIRST = frozenset({*UNSAFE_START, "-"})


def unsafe(s: str) -> bool:
    """Text that a spreadsheet would run as a formula, or a browser as markup."""
    if s.startswith(UNSAFE_START) or HTML.search(s):
        return True
    if s.startswith("-") and len(s) > 1:
        rest = s[1:]
        # "-5,2" is a number and "- : nihil" a legend; "-2+3+cmd|..." or "-Bukit" would be a formula
        return not (NUMBERISH.match(rest) or rest[0] == " " or rest in ("-", "--"))
    return False


@dataclass
class Column:
    index: int
    labels: list[str] = field(default_factory=list)
    year: int | None = None
    mark: str | None = None
    rincian: str | None = None
    problem: Problem | None = None


def check_cells(sheet: Sheet) -> None:
    problems: list[Problem] = []
    for i, row in enumerate(sheet.cells):
        for j, v in enumerate(row):
            if isinstance(v, str):
                if len(v) > MAX_CELL_CHARS:
                    problems.append(
                        Problem(
                            "cell_too_long", row=i + 1, column=letter(j), fields={"n": len(v), "value": v}
                        )
                    )
                elif (
                    (v.lstrip()[:1] in _RISKY_FIRST or "<" in v)  # else unsafe() is surely false
                    and unsafe(v.strip())
                    and not is_symbol(v.strip())
                ):
                    problems.append(Problem("unsafe_text", row=i + 1, column=letter(j), fields={"value": v}))
            if len(problems) >= 20:
                raise ImportFailed(problems)
    for i, j in sheet.formulas[:20]:
        problems.append(Problem("formula_no_value", row=i + 1, column=letter(j)))
    # a percent format shows 100 times what the cell holds (0.0813 shown "8,13%"): which one the
    # table means cannot be told, so neither is taken
    for i, j, number_format in sheet.percent[:20]:
        v = sheet.cells[i][j]
        m = re.search(r"\.([0#?]+)\s*%", number_format)
        shown = f"{v * 100:.{len(m.group(1)) if m else 0}f}".replace(".", ",") + "%"
        problems.append(
            Problem(
                "percent_format",
                row=i + 1,
                column=letter(j),
                fields={"value": text(v).replace(".", ","), "format": number_format, "shown": shown},
            )
        )
    if problems:
        raise ImportFailed(problems)


INTEGER = re.compile(r"^\d+$")
POINT_DECIMAL = re.compile(r"^-?\d+\.\d+$")


def _split_decimals(cells: list[list[Any]], rows: range, cols: list[int]) -> None:
    """Refuse a ","-CSV row whose figure looks split by an unquoted decimal comma although the
    row is no wider than its header (its last year was empty and the writer left it out):

    - a field of digits starting with 0 ("05") after a field of digits: an integer figure never
      starts with 0, a decimal part may ("64,05");
    - two integers side by side ("64", "67") in columns whose figures in every other row carry a
      decimal point ("67.51") and hold no other integer: one row of integers among decimals is a
      split "64,67".

    What stays undetectable: a split in a table of integers, or in a column with no other row
    written with a decimal point (e.g. a one-row table); such a row reads as two figures."""
    data = [i for i in rows if not blank(cells[i])]
    decimals = {
        j: [i for i in data if POINT_DECIMAL.match(text(cells[i][j]))] for j in cols
    }  # rows where the column carries a decimal point
    integers = {j: [i for i in data if INTEGER.match(text(cells[i][j]))] for j in cols}
    used = set(cols)
    for i in data:
        for j in cols:
            if j + 1 not in used:
                continue
            a, b = text(cells[i][j]), text(cells[i][j + 1])
            if not (INTEGER.match(a) and INTEGER.match(b)):
                continue
            why = None
            if len(b) > 1 and b.startswith("0"):
                why = (
                    "'{b}' diawali 0, seperti bagian desimal",
                    "'{b}' starts with 0, as a decimal part does",
                )
            elif integers[j] == [i] and integers[j + 1] == [i] and decimals[j] and decimals[j + 1]:
                why = (
                    "baris lain di kolom ini memakai titik desimal",
                    "the other rows of these columns carry a decimal point",
                )
            if why is not None:
                raise ImportFailed(
                    [
                        Problem(
                            "split_decimal",
                            row=i + 1,
                            column=letter(j),
                            fields={
                                "a": a,
                                "b": b,
                                "first": letter(j),
                                "second": letter(j + 1),
                                "why": why[0].format(b=b),
                                "why_en": why[1].format(b=b),
                            },
                        )
                    ]
                )


def _filled(sheet: Sheet, rows: range) -> list[list[Any]]:
    """The cells of ``rows`` with merged ranges that lie within them spread over their cells."""
    out = [list(sheet.cells[i]) for i in rows]
    for r1, c1, r2, c2 in sheet.merged:
        if r1 < rows.start or r1 >= rows.stop:
            continue
        top = sheet.cells[r1][c1] if c1 < len(sheet.cells[r1]) else None
        for r in range(r1, min(r2, rows.stop - 1) + 1):
            line = out[r - rows.start]
            for c in range(c1, min(c2, len(line) - 1) + 1):
                line[c] = top
    return out


def _title_year(lines: list[str]) -> tuple[int | None, str | None, list[int]]:
    """(year, title, all years) from the lines above the table; cover lines never count.

    The title runs from the "Tabel N" line (or the first line that is not a cover line) to the
    English "Table N" line; its year is the one year of the Bahasa part."""
    lines = [s for s in lines if not COVER.search(s)]
    if not lines:
        return None, None, []
    k = next((i for i, s in enumerate(lines) if re.match(r"^tabel\b", s, re.I)), 0)
    own: list[str] = []
    for idx, s in enumerate(lines[k:]):
        if idx > 0 and (re.match(r"^table\b", s, re.I) or TITLE_LINE.match(s)):
            break
        own.append(s)
    if not own:
        return None, None, []
    rest = [s for s in own if not re.fullmatch(r"(tabel|table)\s+[\dA-Z]+(\.\d+)*\.?", s, re.I)]
    title = " ".join(rest or own)
    head = " ".join(s.split(" / ")[0] for s in own)
    years = sorted(data_years(head))
    if not years:
        english = " ".join(lines[k + len(own) : k + len(own) + 1])
        years = sorted(data_years(english))
        head = english
    if YEAR_RANGE.search(head) or len(years) != 1:
        return None, title, years
    return years[0], title, years


def _second_table(cells: list[list[Any]], stop: int, n: int) -> tuple[int, int] | None:
    """(row, column) where a second table begins below the end of the first one: a numbered title
    ("Tabel 3.1.2 ...") or a region header ("Kecamatan") with rows of figures after it. Footers,
    notes, sources and access times below a table are text, never a title over figures."""
    for i in range(stop, n):
        hit = next(
            (
                j
                for j, v in enumerate(cells[i])
                if NUMBERED_TITLE.match(text(v)) or (is_region_label(text(v)) and not FOOTER.match(text(v)))
            ),
            None,
        )
        if hit is None:
            continue
        for k in range(i + 1, min(n, i + 40)):
            filled = [text(v) for v in cells[k] if text(v)]
            if filled and not FOOTER.match(filled[0]) and any(figure_like(v) for v in cells[k]):
                return i, hit
    return None


def _origin(sheet: Sheet, r: int, j: int, label: str) -> tuple[int, int]:
    """The cell a header label spread over column ``j`` (a merge, a carried label) was written in."""
    if text(sheet.cells[r][j]) == label:
        return r, j
    for r1, c1, r2, c2 in sheet.merged:
        if r1 <= r <= r2 and c1 <= j <= c2:
            return r1, c1
    return r, next((c for c in range(j, -1, -1) if text(sheet.cells[r][c]) == label), j)


def _stated_units(
    sheet: Sheet, hdr: list[list[Any]], header_start: int, anchor: int, columns: list[int], below: range
) -> dict[str, list[Stated]]:
    """The units a table states: column letter -> those of its header labels (each named by the
    cell it is written in), "" -> those of the lines above the table (cover lines excepted) and of
    a footer that says what the figures are in ("Catatan: angka dalam ribu jiwa")."""
    out: dict[str, list[Stated]] = {}
    for j in columns:
        for k, line in enumerate(hdr):
            label = text(line[j])
            for unit in in_label(label) if label else []:
                r, c = _origin(sheet, header_start + k, j, label)
                found = Stated(unit, row=r + 1, column=letter(c))
                if found not in out.setdefault(letter(j), []):
                    out[letter(j)].append(found)
    title: list[Stated] = []
    several = False  # the title names several figures ("Luas, Jumlah Penduduk dan Kepadatan ...")
    for i in range(anchor):
        for j, v in enumerate(sheet.cells[i]):
            s = text(v)
            if s and not COVER.search(s):
                title += [Stated(u, row=i + 1, column=letter(j)) for u in in_label(s)]
                several = several or any(SUBJECTS.search(part) for part in _subject_parts(s))
    for i in below:
        for j, v in enumerate(sheet.cells[i]):
            for m in IN_UNIT.finditer(text(v)):
                said = re.sub(r"\bof\b", " ", m.group(1).split(" / ")[0])  # "thousands of persons"
                title += [Stated(u, row=i + 1, column=letter(j)) for u in in_label(f"({said})")]
    if several:  # a rate ("Kepadatan ... per km²") is one of the figures' unit, not the others'
        title = [t for t in title if (read(t.text) or ("x",))[0] != ""]
    if len({read(t.text) or t.text for t in title}) == 1:  # two units: whose is which is unknown
        out[""] = title
    return out


def _subject_parts(line: str) -> list[str]:
    """What a title line says the figures are: the text before "Menurut", "by", "di Kota" ..., in
    each language of a bilingual line."""
    return [SUBJECT_END.split(part, maxsplit=1)[0] for part in line.split(" / ")]


def parse_sheet(sheet: Sheet, fmt: str) -> Parsed:
    """Read one table of ``sheet`` into :class:`RawRow` values (see the module docstring)."""
    cells = sheet.cells
    if not cells or all(blank(r) for r in cells):
        raise ImportFailed([Problem("empty_file")])
    check_cells(sheet)
    width = max(len(r) for r in cells)
    for r in cells:
        r.extend([None] * (width - len(r)))
    n = len(cells)

    # 1. the anchor: the row naming the region column, else the first row of years
    anchor = next((i for i in range(min(n, 40)) if any(is_region_label(text(v)) for v in cells[i])), None)
    if anchor is None:
        anchor = next(
            (i for i in range(min(n, 40)) if sum(year_cell(v) is not None for v in cells[i][1:]) >= 1), None
        )
    if anchor is None:
        raise ImportFailed(
            [
                Problem(
                    "no_table", fields={"sheet": sheet.name, "detail": "tidak ada kolom wilayah atau tahun"}
                )
            ]
        )
    # region columns named in the header (one filled view of the first rows, merges spread)
    head_rows = range(anchor, min(n, anchor + 6))
    head = _filled(sheet, head_rows)
    name_col: int | None = None
    code_col: int | None = None
    skip_cols: set[int] = set()
    for j, v in enumerate(head[0]):
        s = text(v)
        if is_region_label(s):
            label_words = set(words(s))
            if label_words & CODE_WORDS and label_words <= CODE_LABEL_WORDS:
                code_col = j if code_col is None else code_col
            elif name_col is None:
                name_col = j
        elif is_number_label(s):
            skip_cols.add(j)
    kecamatan = any(set(words(text(v))) & KECAMATAN_WORDS for v in head[0] if is_region_label(text(v)))

    # 2. the end of the header: the first row naming a region in a region column
    def key_cells(row: list[Any]) -> list[str]:
        cols = [c for c in (code_col, name_col) if c is not None]
        return [text(row[c]) for c in cols]

    if name_col is None and code_col is None:
        # no label: the region column is the first column holding text below the anchor
        for i in range(anchor + 1, n):
            hit = next(
                (
                    j
                    for j, v in enumerate(cells[i])
                    if text(v) and not figure_like(v) and year_cell(v) is None
                ),
                None,
            )
            if hit is not None:
                name_col = hit
                break
        if name_col is None:
            raise ImportFailed([Problem("no_rows")])
    anchor_keys = set(key_cells(head[0]))
    start = anchor + 1
    while start < n:
        row = _filled(sheet, range(start, start + 1))[0] if start < anchor + 6 else cells[start]
        keys = [k for k in key_cells(row) if k]
        header_like = not keys or all(
            k in anchor_keys or is_region_label(k) or COLUMN_NUMBER.match(k) or year_cell(k) is not None
            for k in keys
        )
        if not header_like:
            break
        start += 1
    header = range(anchor, start)
    hdr = _filled(sheet, header)

    # 3. the end of the table: a footer line
    stop = n
    notes: dict[str, str] = {}
    prev_blank = False
    for i in range(start, n):
        row = cells[i]
        filled = [text(v) for v in row if text(v)]
        if not filled:
            prev_blank = True
            continue
        first = filled[0]
        lone_text = len(filled) == 1 and not figure_like(first)
        if FOOTER.match(first) or (prev_blank and lone_text and i > start) or NUMBERED_TITLE.match(first):
            stop = i
            break
        prev_blank = False
    second = _second_table(cells, stop, n)
    if second is not None:
        i, j = second
        raise ImportFailed(
            [Problem("two_tables", row=i + 1, column=letter(j), fields={"title": text(cells[i][j])})]
        )
    for i in range(stop, n):
        for s in (text(v) for v in cells[i] if text(v)):
            key, sep, value = s.partition(":")
            k = key.split("/")[0].strip().lower()
            if sep and len(k) < 30:
                notes.setdefault(NOTE_KEYS.get(k, k), value.strip() or s)
            else:
                notes.setdefault("catatan", s)

    if sheet.unterminated and stop == n and any(text(v) for v in cells[n - 1]):
        raise ImportFailed([Problem("truncated", row=n)])

    # merged cells inside the data block
    for r1, c1, r2, c2 in sheet.merged:
        if r2 >= start and r1 < stop and (r1 != r2 or c1 != c2):
            rng = f"{cell_name(r1, c1)}:{cell_name(r2, c2)}"
            raise ImportFailed([Problem("merged_data", row=r1 + 1, column=letter(c1), fields={"range": rng})])

    # CSV: a line with more fields than its header, a trailing empty field included: the
    # unquoted "64,67" of a row whose last year is empty ("Kota Medan,64,67,") fills that year
    if sheet.widths is not None:
        header_width = max((sheet.widths[i] for i in header), default=0)
        for i in range(start, stop):
            w = sheet.widths[i]
            if w > header_width and not blank(cells[i]):
                raise ImportFailed(
                    [Problem("extra_fields", row=i + 1, fields={"n": w, "width": header_width})]
                )

    # lines above the header: cover, chapter and the table's title
    above = [text(v) for i in range(0, anchor) for v in cells[i] if text(v)]
    data_cols = [j for j in range(width) if j not in skip_cols and j != name_col and j != code_col]
    # a label written once over several columns without a merge (CSV, "center across selection"):
    # it spans the empty cells to its right that have labels of their own below
    for h in range(len(hdr) - 1):
        carry: Any = None
        for j in data_cols:
            if text(hdr[h][j]):
                carry = hdr[h][j]
            elif carry is not None and any(text(hdr[b][j]) for b in range(h + 1, len(hdr))):
                hdr[h][j] = carry
            else:
                carry = None
    labels = {j: [] for j in data_cols}  # type: dict[int, list[str]]
    for line in hdr:
        for j in data_cols:
            s = text(line[j])
            if s and not COLUMN_NUMBER.match(s) and s not in labels[j]:
                labels[j].append(s)
    has_data = {j for j in data_cols if any(text(cells[i][j]) for i in range(start, stop))}
    used_cols = [j for j in data_cols if labels[j] or j in has_data]
    # labels every column shares are the table's title, not a breakdown
    common = set.intersection(*(set(labels[j]) for j in used_cols)) if len(used_cols) > 1 else set()
    in_header_title = [s for s in (labels[used_cols[0]] if used_cols else []) if s in common]
    title_year, title, _ = _title_year(above + [s for s in in_header_title if year_cell(s) is None])
    title = title or (in_header_title[0] if in_header_title else None)

    columns: dict[int, Column] = {}
    for j in used_cols:
        col = Column(j, labels[j])

        def at(label: str, j: int = j) -> int:
            """The 1-based row of the header cell holding ``label`` in column ``j``."""
            return next(
                (header.start + k + 1 for k, line in enumerate(hdr) if text(line[j]) == label), anchor + 1
            )

        years: list[tuple[int, str | None]] = []
        rest: list[str] = []
        for s in labels[j]:
            y = year_cell(s)
            if y is not None:
                years.append(y)
            elif YEAR_LIKE.match(s):
                col.problem = Problem("bad_year", row=at(s), column=letter(j), fields={"value": s})
            else:
                rest.append(s)
        if not years and not col.problem:
            for s in rest:
                found = data_years(s)
                if YEAR_RANGE.search(s) or len(found) > 1:
                    col.problem = Problem("year_ambiguous", row=at(s), column=letter(j), fields={"years": s})
                elif found and s not in common:
                    years.append((found.pop(), None))
        if len({y for y, _ in years}) > 1:
            listed = ", ".join(str(y) for y, _ in years)
            col.problem = Problem(
                "year_ambiguous", row=anchor + 1, column=letter(j), fields={"years": listed}
            )
        elif years:
            col.year, col.mark = years[0][0], next((m for _, m in years if m), None)
        elif not col.problem:
            col.year = title_year
        if col.year is not None and not 1900 <= col.year <= max_year():
            where = at(str(col.year))
            col.problem = Problem("bad_year", row=where, column=letter(j), fields={"value": str(col.year)})
        if col.year is None and col.problem is None:
            col.problem = Problem(
                "year_missing",
                row=anchor + 1,
                fields={"column": letter(j), "label": " — ".join(labels[j]) or "-"},
            )
        own = [s for s in rest if s not in common]
        col.rincian = " — ".join(own) or None
        if not labels[j] and j in has_data:
            i = next(i for i in range(start, stop) if text(cells[i][j]))
            raise ImportFailed(
                [Problem("no_header", row=i + 1, column=letter(j), fields={"value": text(cells[i][j])})]
            )
        columns[j] = col

    # one printed column per year and rincian: a second one is ambiguous
    seen: dict[tuple[int, str | None], int] = {}
    for j, col in columns.items():
        if col.problem is None and col.year is not None:
            slot = (col.year, col.rincian)
            if slot in seen:
                twice = f"{letter(seen[slot])} dan {letter(j)}: {col.year}"
                col.problem = Problem(
                    "year_ambiguous", row=anchor + 1, column=letter(j), fields={"years": twice}
                )
                other = columns[seen[slot]]
                other.problem = other.problem or col.problem
            else:
                seen[slot] = j

    if sheet.delimiter == ",":
        _split_decimals(cells, range(start, stop), [j for j in columns if columns[j].problem is None])

    # units stated in the header (a unit row, "Luas (km²)") or in the title: compared later with
    # the unit of the indicator each column goes to (importer.units)
    stated = _stated_units(sheet, hdr, header.start, anchor, list(columns), range(stop, n))

    # 4. the rows
    rows: list[RawRow] = []
    province: str | None = None
    city: str | None = None
    for title_line in above:
        m = TITLE_CITY.search(title_line)
        if m:
            city = m.group(1).strip()
            break
    for i in range(start, stop):
        row = cells[i]
        if blank(row):
            continue
        name = text(row[name_col]) if name_col is not None else ""
        code = text(row[code_col]) if code_col is not None else ""
        if not code:
            m = CODE_NAME.match(name)
            if m:
                code, name = m.group(1), m.group(2).strip()
            elif CODE_ONLY.match(name) and code_col is None:
                code, name = name, ""
        values = {j: row[j] for j in columns if text(row[j])}
        if not name and not code:
            if values:
                raise ImportFailed([Problem("no_region_name", row=i + 1, column=letter(name_col or 0))])
            continue
        word_total = bool(re.match(r"^(jumlah|total)\b", name, re.I))
        is_total = not code and (word_total or (kecamatan and bool(TOTAL.match(name))))
        if is_total and not word_total and city is None:
            city = without_marks(name)
        upper = name.upper() == name and any(c.isalpha() for c in name)
        if not kecamatan and upper and name.strip().upper() != "INDONESIA":
            province, row_province = name, None
        elif name.strip().upper() == "INDONESIA":
            province, row_province = None, None
        else:
            row_province = province
        for j, col in columns.items():
            if j not in values and not text(row[j]):
                continue
            if col.problem is not None:
                continue
            rows.append(
                RawRow(
                    row=i + 1,
                    column=letter(j),
                    region=name,
                    value=row[j],
                    tahun=col.year,
                    province=row_province,
                    is_total=is_total,
                    code=code or None,
                    rincian=col.rincian,
                    mark=col.mark,
                    column_of_region=letter(name_col if name_col is not None else code_col or 0),
                    column_of_code=letter(code_col) if code_col is not None and text(row[code_col]) else None,
                )
            )
    if not rows and not any(c.problem for c in columns.values()):
        raise ImportFailed([Problem("no_rows")])
    if not kecamatan:
        codes = [r.code for r in rows if r.code]
        kecamatan = bool(codes) and all(len(c) in (3, 7) for c in codes)
    return Parsed(
        format=fmt,
        rows=rows,
        title=clip(title, 300) if title else None,
        notes={k: clip(v, 300) for k, v in notes.items()},
        columns={letter(j): " — ".join(c.labels) or letter(j) for j, c in columns.items()},
        city=city if kecamatan else None,
        kecamatan=kecamatan,
        column_problems={letter(j): c.problem for j, c in columns.items() if c.problem is not None},
        units=stated,
        sheets=sheet.names,
        sheet=sheet.name,
    )
