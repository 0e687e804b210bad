"""Property: whatever is done to a real table (cells swapped, merged, blanked, years changed,
separators changed, the file cut short), the import states exactly the figures the mutated table
states, or refuses it. Never a figure the table does not print, never one in the wrong place.

The table is the dynamic-table download of TPT 2018-2024 of the five seed cities
(`tests/data/imports/bps_dinamis_tpt_5kota.xlsx`, real S03 figures) as a small model: a header
of years and one row per province and city. A mutation changes the model (or the written
bytes); an independent oracle reads the model to say what the table states; the import must
agree (figures compared at the preview; committing is tested elsewhere).
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from dalamangka.importer import ImportFailed, Options, prepare

FIXTURE = Path(__file__).resolve().parent / "data" / "imports" / "bps_dinamis_tpt_5kota.xlsx"
CODES = {
    "Kota Medan": "1275",
    "Kota Palembang": "1671",
    "Kota Pangkal Pinang": "1971",
    "Kota Tanjung Pinang": "2172",
    "Kota Pekalongan": "3375",
}
PROVINCE = {
    "Kota Medan": "SUMATERA UTARA",
    "Kota Palembang": "SUMATERA SELATAN",
    "Kota Pangkal Pinang": "KEPULAUAN BANGKA BELITUNG",
    "Kota Tanjung Pinang": "KEPULAUAN RIAU",
    "Kota Pekalongan": "JAWA TENGAH",
}
TITLE = "Tingkat Pengangguran Terbuka (TPT) (Persen)"


@dataclass
class Table:
    years: list[Any]
    rows: list[tuple[str, list[Any]]]  # (name, cells) for provinces and cities
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # grid r1, c1, r2, c2 (0-based)

    @property
    def data_rows(self) -> list[int]:
        return [i for i, (name, _) in enumerate(self.rows) if name in CODES]


def base() -> Table:
    ws = load_workbook(FIXTURE).active
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    years = list(grid[1][1:])
    rows = []
    for r in grid[2:]:
        if r[0] is None:
            break
        rows.append((str(r[0]), [r[j] if j < len(r) else None for j in range(1, len(years) + 1)]))
    return Table(years, rows)


BASE = base()


def oracle(t: Table) -> set[tuple[str, int, float]] | None:
    """The figures the table states, or None when it is ambiguous or invalid."""
    top = dt.date.today().year + 1
    if any(r1 >= 2 for r1, _, _, _ in t.merges):
        return None  # a merged cell inside the data block
    years = list(t.years)
    for _, c1, _, c2 in t.merges:  # header merges spread the top-left cell
        for c in range(c1 + 1, c2 + 1):
            years[c - 1] = years[c1 - 1]
    block = None
    for name, _ in t.rows:  # a city is matched inside its province block: elsewhere it is unknown
        if name not in CODES:
            block = name
        elif PROVINCE[name] != block:
            return None
    valid = [isinstance(y, int) and 1900 <= y <= top for y in years]
    if not all(valid) or len(set(years)) != len(years):
        return None
    out = set()
    for i in t.data_rows:
        name, cells = t.rows[i]
        for y, v in zip(years, cells, strict=True):
            if isinstance(v, int | float):
                out.add((CODES[name], int(y), float(v)))
    return out or None


def write_xlsx(t: Table, path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["Provinsi/Kabupaten/Kota", TITLE])
    ws.append([None, *t.years])
    for name, cells in t.rows:
        ws.append([name, *cells])
    ws.append([])
    ws.append(["Source Url: https://www.bps.go.id/id/statistics-table/2/NTQzIzI=/tpt.html"])
    ws.merge_cells(start_row=1, start_column=2, end_row=1, end_column=1 + len(t.years))
    for r1, c1, r2, c2 in t.merges:
        ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    wb.save(path)
    return path


def csv_cell(v: Any, sep: str, decimal: str) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        s = repr(v).removesuffix(".0") if v.is_integer() else repr(v)
        return s.replace(".", decimal)
    return str(v)


def write_csv(t: Table, path: Path, sep: str, decimal: str) -> bytes:
    lines = [sep.join(["Provinsi/Kabupaten/Kota", *[""] * len(t.years)])]
    lines.append(sep.join(["", TITLE, *[""] * (len(t.years) - 1)]))
    lines.append(sep.join(["", *[csv_cell(y, sep, ".") for y in t.years]]))
    for name, cells in t.rows:
        lines.append(sep.join([name, *[csv_cell(v, sep, decimal) for v in cells]]))
    lines.append("Source Url: https://www.bps.go.id/id/statistics-table/2/NTQzIzI=/tpt.html")
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    path.write_bytes(data)
    return data


def imported(path: Path, wh: Path) -> set[tuple[str, int, float]] | None:
    try:
        plan = prepare(path, wh, Options(indikator="tpt"))
    except ImportFailed as e:
        assert e.problems and all(p.message("id") for p in e.problems)
        return None
    f = plan.figures
    got = set(zip(f.kode, f.tahun.astype(int), f.nilai.astype(float), strict=True))
    assert len(got) == len(f)  # one figure per printed cell
    return got


cells_at = st.tuples(st.sampled_from(BASE.data_rows), st.integers(0, len(BASE.years) - 1))
year_value = st.one_of(
    st.integers(1890, dt.date.today().year + 3),
    st.sampled_from(["2O12", "20l9", "2019*", "2019**", "201", "20190", "2019-2020", "Tahun"]),
)


@st.composite
def mutated(draw: st.DrawFn) -> Table:
    t = Table(list(BASE.years), [(n, list(c)) for n, c in BASE.rows])
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["swap", "blank", "year", "merge_data", "merge_header", "swap_rows"]))
        if kind == "swap":
            (r1, c1), (r2, c2) = draw(cells_at), draw(cells_at)
            a, b = t.rows[r1][1][c1], t.rows[r2][1][c2]
            t.rows[r1][1][c1], t.rows[r2][1][c2] = b, a
        elif kind == "blank":
            r, c = draw(cells_at)
            t.rows[r][1][c] = None
        elif kind == "year":
            j = draw(st.integers(0, len(t.years) - 1))
            y = draw(year_value)
            t.years[j] = y
        elif kind == "swap_rows":
            r1, r2 = draw(st.sampled_from(t.data_rows)), draw(st.sampled_from(t.data_rows))
            t.rows[r1], t.rows[r2] = t.rows[r2], t.rows[r1]
        elif kind == "merge_data":
            r, c = draw(cells_at)
            c2 = min(c + 1, len(t.years) - 1)
            r2 = r if c2 != c else min(r + 1, len(t.rows) - 1)
            if (r2, c2) != (r, c):
                t.merges.append((r + 2, c + 1, r2 + 2, c2 + 1))
                for rr in range(r, r2 + 1):  # a merge keeps only its top-left value
                    for cc in range(c, c2 + 1):
                        if (rr, cc) != (r, c):
                            t.rows[rr][1][cc] = None
        elif kind == "merge_header":
            c = draw(st.integers(0, len(t.years) - 2))
            if not any(m[0] == 1 for m in t.merges):
                t.merges.append((1, c + 1, 1, c + 2))
                t.years[c + 1] = None
    return t


def _years_as_marked(t: Table) -> Table:
    """A year header written "2019*" still names 2019 (the mark is the column's status)."""
    years = [
        int(y[:4]) if isinstance(y, str) and y[:4].isdigit() and y[4:] in ("*", "**") else y for y in t.years
    ]
    return Table(years, t.rows, t.merges)


@pytest.fixture(scope="module")
def wh(tiny_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("prop") / "warehouse.duckdb"
    shutil.copyfile(tiny_warehouse, target)
    return target


SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(t=mutated())
def test_mutated_xlsx_imports_exactly_what_it_states_or_nothing(wh: Path, tmp_path: Path, t: Table) -> None:
    path = write_xlsx(t, tmp_path / "tabel.xlsx")
    assert imported(path, wh) == oracle(_years_as_marked(t))


@SETTINGS
@given(
    t=mutated().filter(lambda t: not t.merges),
    sep=st.sampled_from([",", ";"]),
    decimal=st.sampled_from([".", ","]),
    cut=st.one_of(st.none(), st.integers(0, 2000)),
)
def test_mutated_csv_separators_and_cuts(
    wh: Path, tmp_path: Path, t: Table, sep: str, decimal: str, cut: int | None
) -> None:
    path = tmp_path / "tabel.csv"
    data = write_csv(t, path, sep, decimal)
    expected = oracle(_years_as_marked(t))
    fractional = any(isinstance(v, float) and not v.is_integer() for i in t.data_rows for v in t.rows[i][1])
    if sep == decimal == "," and fractional:
        expected = None  # "8,25" unquoted splits a value in two: the row is wider than its header
    footer = data.rfind(b"Source Url")
    if cut is not None and cut <= footer:  # a cut inside the footer line leaves every figure whole
        data = data[:cut]
        path.write_bytes(data)
        if not data.endswith((b"\n", b"\r")):
            expected = None  # cut inside a line (a cut between CR and LF leaves the line whole)
        else:
            kept = data.decode("utf-8").rstrip("\r").split("\r\n")
            names = {line.split(sep)[0] for line in kept[3:]}
            rows = [(n, c) if n in names else (n, [None] * len(c)) for n, c in t.rows]
            header_complete = len(kept) > 3
            expected = (
                oracle(_years_as_marked(Table(t.years, rows)))
                if header_complete and expected is not None
                else None
            )
    assert imported(path, wh) == expected


def test_the_oracle_reads_the_unmutated_table(wh: Path, tmp_path: Path) -> None:
    """The base case, so the oracle and the import are seen to agree on 33 real figures."""
    got = imported(write_xlsx(BASE, tmp_path / "t.xlsx"), wh)
    assert got is not None and len(got) == 33 and got == oracle(BASE)
    assert ("1275", 2018, 8.25) in got
