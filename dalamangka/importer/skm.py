"""Import SKM results through the importer's rules: parse -> validate -> preview -> commit.

Two sheets (CSV or XLSX, header on the first row; templates in :data:`NRR_COLUMNS` and
:data:`RESPONDENT_COLUMNS`):

- **NRR per unsur** (``skm_nrr``): one row per unit, period and unsur, with the unit's NRR.
- **Respondents** (``skm_responden``): one row per respondent, answers 1-4 in columns U1..U9
  (U10.. for extra unsur, header ``U10`` or ``U10: name``; 14 columns under the 2004 rule),
  optional demographics. An optional row whose ``responden`` is ``BOBOT`` gives the weights.

Every problem names the row and column and says how to fix it (Bahasa first); one problem
refuses the whole file and nothing is written. The commit follows the importer's path: the
writer lock, a copy of the warehouse, one transaction (source record, batch log, rows, a count
check), checkpoint, fsync and ``os.replace`` -- the one core :func:`.commit.write_atomically` with
this module's write callback; the file is journalled in ``imports/skm/`` so
``import --replay`` brings it back after a rebuild. Roles: a walidata imports any unit; a
produsen only units of its own OPD.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from dalamangka import skm, sql
from dalamangka.auth import Session
from dalamangka.i18n import Text
from dalamangka.importer import ImportFailed, Problem, SourceGiven, authorize, read_only
from dalamangka.importer.commit import journalled, record_batch, require_source, write_atomically
from dalamangka.importer.grid import letter, read_csv, read_xlsx, text

log = logging.getLogger("dalamangka.skm_import")
FORMAT_NRR = "skm_nrr"
FORMAT_RESPONDENTS = "skm_responden"
FORMATS = (FORMAT_NRR, FORMAT_RESPONDENTS)
UNIT_COLUMNS = ("kode_wilayah", "opd", "unit_layanan", "tahun", "periode")
NRR_COLUMNS = (*UNIT_COLUMNS, "jumlah_responden", "populasi", "unsur", "nama_unsur", "nrr", "bobot", "aturan")
NRR_REQUIRED = (*UNIT_COLUMNS, "jumlah_responden", "unsur", "nrr")
DEMOGRAPHICS = ("jenis_kelamin", "umur", "pendidikan", "pekerjaan")
RESPONDENT_COLUMNS = (*UNIT_COLUMNS, "populasi", "aturan", "responden", *skm.UNSUR_2017, *DEMOGRAPHICS)
RESPONDENT_REQUIRED = (*UNIT_COLUMNS, "responden", "U1")
WEIGHT_ROW = "BOBOT"
UNSUR_HEADER = re.compile(r"^[Uu](\d{1,2})(?:\s*[:\-–]\s*(.+))?$")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
PERIODS = {"semester": (2, 6), "triwulan": (4, 3)}  # kind -> (count in a year, months each)

TEXT = Text(
    {
        "where": ("Baris {row}, kolom {column}: ", "Row {row}, column {column}: "),
        "where_row": ("Baris {row}: ", "Row {row}: "),
        "fix": (" Perbaikan: ", " Fix: "),
        "header_missing": (
            "Kolom wajib tidak ditemukan: {columns}.",
            "Required columns not found: {columns}.",
        ),
        "header_missing_fix": (
            "Baris pertama harus berisi judul kolom templat SKM ({template}). Unduh templat dari halaman "
            "Kepuasan layanan.",
            "The first row must hold the SKM template's column names ({template}). Download the "
            "template from the Service satisfaction page.",
        ),
        "no_rows": ("Tidak ada baris data di berkas.", "The file has no data rows."),
        "too_many_fields": (
            "baris ini berisi {n} sel, judulnya hanya {m} kolom (mungkin koma desimal tanpa tanda kutip).",
            "this row has {n} cells but the header only {m} columns (perhaps an unquoted decimal comma).",
        ),
        "too_many_fields_fix": (
            "Simpan ulang sebagai CSV dengan pemisah titik koma, atau gunakan XLSX.",
            "Save again as CSV with a semicolon separator, or use XLSX.",
        ),
        "empty": ("'{name}' kosong.", "'{name}' is empty."),
        "empty_fix": ("Isi sel ini.", "Fill in this cell."),
        "bad_region": (
            "kode wilayah '{value}' bukan kode BPS kota/kabupaten yang dikenal.",
            "region code '{value}' is not a known BPS city/regency code.",
        ),
        "bad_region_fix": (
            "Tulis kode BPS empat angka, misalnya 1971 untuk Kota Pangkalpinang.",
            "Write the four-digit BPS code, e.g. 1971 for Kota Pangkalpinang.",
        ),
        "bad_year": ("tahun '{value}' tidak sah.", "year '{value}' is not valid."),
        "bad_year_fix": ("Tulis tahun empat angka, misalnya 2024.", "Write a four-digit year, e.g. 2024."),
        "bad_period": ("periode '{value}' tidak dikenal.", "period '{value}' is not known."),
        "bad_period_fix": (
            "Tulis tahunan, semester 1, semester 2, atau triwulan 1 sampai 4.",
            "Write tahunan, semester 1, semester 2, or triwulan 1 to 4.",
        ),
        "future_period": (
            "periode {period} {year} belum dimulai (hari ini {today}).",
            "period {period} {year} has not started yet (today is {today}).",
        ),
        "future_period_fix": (
            "Periksa tahun dan periode; hasil survei hanya untuk periode yang sudah berjalan.",
            "Check the year and period; results exist only for periods already under way.",
        ),
        "bad_rule": ("aturan '{value}' tidak dikenal.", "rule '{value}' is not known."),
        "bad_rule_fix": (
            "Tulis permenpanrb_14_2017 (9 unsur) atau kepmenpan_25_2004 (14 unsur, sebelum 2017), "
            "atau kosongkan (PermenPANRB 14/2017).",
            "Write permenpanrb_14_2017 (9 elements) or kepmenpan_25_2004 (14 elements, before 2017), "
            "or leave it empty (PermenPANRB 14/2017).",
        ),
        "rule_year": (
            "survei tahun {year} tidak dapat memakai PermenPANRB 14/2017 (terbit 2017).",
            "a {year} survey cannot follow PermenPANRB 14/2017 (issued 2017).",
        ),
        "rule_year_fix": (
            "Tulis kepmenpan_25_2004 di kolom aturan untuk hasil sebelum 2017 (seri terpisah).",
            "Write kepmenpan_25_2004 in the rule column for results before 2017 (a separate series).",
        ),
        "bad_count": (
            "'{value}' bukan bilangan bulat lebih dari 0.",
            "'{value}' is not a whole number above 0.",
        ),
        "bad_count_fix": ("Tulis jumlah orang, misalnya 384.", "Write the number of people, e.g. 384."),
        "bad_unsur": ("unsur '{value}' tidak sah.", "element '{value}' is not valid."),
        "bad_unsur_fix": (
            "Tulis U1 sampai U9 (unsur tambahan U10 dst.).",
            "Write U1 to U9 (extra ones U10 on).",
        ),
        "unsur_name_missing": (
            "unsur tambahan {unsur} belum diberi nama.",
            "extra element {unsur} has no name.",
        ),
        "unsur_name_missing_fix": (
            "Tulis nama unsur di kolom nama_unsur (atau judul 'U10: nama').",
            "Write its name in nama_unsur (or the header 'U10: name').",
        ),
        "bad_nrr": ("NRR '{value}' harus angka 1 sampai 4.", "NRR '{value}' must be a number from 1 to 4."),
        "bad_nrr_fix": (
            "Tulis rata-rata nilai unsur (skala 1-4), misalnya 3,456.",
            "Write the element's average score (scale 1-4), e.g. 3.456.",
        ),
        "bad_answer": (
            "jawaban '{value}' harus bilangan bulat 1 sampai 4.",
            "answer '{value}' must be a whole number 1 to 4.",
        ),
        "bad_answer_fix": (
            "Isi 1 (tidak baik), 2 (kurang baik), 3 (baik) atau 4 (sangat baik).",
            "Enter 1 (poor), 2 (fair), 3 (good) or 4 (very good).",
        ),
        "missing_answer": ("jawaban {unsur} kosong.", "the {unsur} answer is empty."),
        "missing_answer_fix": (
            "Setiap responden harus menjawab semua unsur; lengkapi atau hapus baris responden ini.",
            "Every respondent must answer every element; complete or delete this respondent's row.",
        ),
        "duplicate_respondent": (
            "responden '{value}' muncul dua kali (juga di baris {other}).",
            "respondent '{value}' appears twice (also on row {other}).",
        ),
        "duplicate_respondent_fix": (
            "Beri setiap responden nomor unik, atau hapus baris ganda.",
            "Give each respondent a unique number, or delete the repeated row.",
        ),
        "duplicate_unsur": (
            "unsur {value} untuk {unit} {period} muncul dua kali (juga di baris {other}).",
            "element {value} of {unit} {period} appears twice (also on row {other}).",
        ),
        "duplicate_unsur_fix": ("Hapus salah satu baris.", "Delete one of the rows."),
        "missing_unsur": (
            "{unit} {period}: unsur wajib {missing} tidak ada ({rule}).",
            "{unit} {period}: required elements {missing} are missing ({rule}).",
        ),
        "missing_unsur_fix": (
            "Tambahkan baris atau kolom untuk setiap unsur wajib.",
            "Add a row or column for every required element.",
        ),
        "inconsistent": (
            "'{name}' = '{value}' berbeda dengan baris {other} ('{first}') untuk unit dan periode yang sama.",
            "'{name}' = '{value}' differs from row {other} ('{first}') for the same unit and period.",
        ),
        "inconsistent_fix": (
            "Samakan nilai ini di semua baris unit dan periode tersebut.",
            "Use one value on every row of that unit and period.",
        ),
        "bad_weight": (
            "bobot '{value}' harus angka lebih dari 0 sampai 1.",
            "weight '{value}' must be a number above 0 up to 1.",
        ),
        "bad_weight_fix": ("Tulis bobot desimal, misalnya 0,15.", "Write a decimal weight, e.g. 0.15."),
        "weights_sum": (
            "{unit} {period}: jumlah bobot {total}, harus tepat 1 (atau kosongkan semua bobot).",
            "{unit} {period}: weights sum to {total}; they must sum to exactly 1 (or leave all empty).",
        ),
        "weights_sum_fix": (
            "Perbaiki bobot agar berjumlah 1; bobot kosong berarti sama rata (1/jumlah unsur).",
            "Correct the weights to sum to 1; empty weights mean equal (1/number of elements).",
        ),
        "weights_partial": (
            "{unit} {period}: bobot hanya diisi untuk sebagian unsur.",
            "{unit} {period}: weights are given for some elements only.",
        ),
        "weights_partial_fix": (
            "Isi bobot semua unsur atau kosongkan semuanya.",
            "Give every weight or none.",
        ),
        "already_imported": (
            "{unit} {period} sudah ada di gudang data (batch {batch}).",
            "{unit} {period} is already in the warehouse (batch {batch}).",
        ),
        "already_imported_fix": (
            "Survei yang sama tidak diimpor dua kali; periksa tahun dan periode.",
            "The same survey is not imported twice; check the year and period.",
        ),
        "fewer_respondents": (
            "jumlah_responden {value} lebih besar dari populasi {population}.",
            "jumlah_responden {value} is larger than the population {population}.",
        ),
        "fewer_respondents_fix": ("Periksa kedua angka.", "Check both figures."),
        "not_skm": ("Berkas ini bukan lembar SKM.", "This file is not an SKM sheet."),
        "not_skm_fix": (
            "Gunakan templat NRR per unsur atau lembar responden U1..U9.",
            "Use the NRR-per-element template or the respondent sheet U1..U9.",
        ),
        "bad_file": ("Berkas tidak dapat dibaca ({detail}).", "The file cannot be read ({detail})."),
        "bad_file_fix": ("Simpan ulang sebagai XLSX atau CSV.", "Save it again as XLSX or CSV."),
    }
)


_TEXT_KEYS = frozenset(TEXT.keys())


@dataclass
class SkmProblem(Problem):
    """A problem of an SKM sheet, worded by this module's table (same shape as the importer's)."""

    def message(self, lang: str = "id") -> str:
        where = ""
        if self.row is not None and self.column:
            where = TEXT("where", lang, row=self.row, column=self.column)
        elif self.row is not None:
            where = TEXT("where_row", lang, row=self.row)
        out = where + TEXT(self.code, lang, **self.fields)
        if f"{self.code}_fix" in _TEXT_KEYS:
            out += TEXT("fix", lang) + TEXT(f"{self.code}_fix", lang)
        return out


@dataclass
class Survey:
    """One unit's survey period as read from a sheet (before any warehouse lookup)."""

    kode: str
    opd: str
    unit: str
    tahun: int
    periode: str
    aturan: str
    first_row: int
    responden: int | None = None
    populasi: int | None = None
    unsur: dict[str, str] = field(default_factory=dict)  # code -> name
    nrr: dict[str, Decimal] = field(default_factory=dict)
    weights: dict[str, Decimal] = field(default_factory=dict)
    answers: dict[str, dict[str, int]] = field(default_factory=dict)  # respondent -> unsur -> 1-4
    demographics: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def unit_id(self) -> str:
        return f"{self.kode}-{_slug(self.opd)}-{_slug(self.unit)}"

    @property
    def survey_id(self) -> str:
        return f"{self.unit_id}-{self.tahun}-{_slug(self.periode)}-{self.aturan}"

    @property
    def label(self) -> str:
        return f"{self.unit} ({self.opd}) {self.periode} {self.tahun}"

    def result(self) -> skm.Result:
        weights = self.weights or None
        if self.answers:
            by_unsur = {u: [a[u] for a in self.answers.values()] for u in self.unsur}
            return skm.result_from_answers(by_unsur, self.aturan, weights)
        return skm.result(self.nrr, self.aturan, weights)


@dataclass
class SkmPlan:
    """What an SKM import would write: the surveys with their computed results."""

    file_name: str
    sha256: str
    format: str
    surveys: list[Survey]
    data: bytes = b""

    def preview(self, lang: str = "id") -> pd.DataFrame:
        """One row per survey: unit, OPD, period, respondents, IKM, converted score, category."""
        rows = []
        for s in self.surveys:
            r = s.result()
            rows.append(
                {
                    "kode_wilayah": s.kode,
                    "opd": s.opd,
                    "unit_layanan": s.unit,
                    "tahun": s.tahun,
                    "periode": s.periode,
                    "aturan": s.aturan,
                    "responden": s.responden if s.responden is not None else len(s.answers),
                    "ikm": str(r.ikm_decimal),
                    "nilai_konversi": str(r.converted),
                    "mutu": r.category.mutu,
                    "kinerja": r.category.kinerja(lang),
                }
            )
        return pd.DataFrame(rows)


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:60] or "x"


# --- reading ---------------------------------------------------------------------------------


def _grid(path: Path, sheet: str | None) -> list[list[Any]]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        grid, _, _ = read_xlsx(path, sheet, fill_merged=False)
        return grid
    if suffix in (".csv", ".txt"):
        return read_csv(path)
    raise ImportFailed([SkmProblem("bad_file", fields={"detail": suffix or "tanpa ekstensi"})])


def _header(grid: list[list[Any]]) -> list[str]:
    return [
        text(v).lower() if not UNSUR_HEADER.match(text(v)) else text(v) for v in (grid[0] if grid else [])
    ]


def detect(path: Path, sheet: str | None = None) -> str | None:
    """``skm_nrr`` or ``skm_responden`` when the file's first row is an SKM header, else None."""
    try:
        grid = _grid(path, sheet)
    except ImportFailed:
        return None
    names = {h.lower() for h in _header(grid)}
    if "unit_layanan" not in names:
        return None
    if "nrr" in names:
        return FORMAT_NRR
    if "responden" in names and "u1" in names:
        return FORMAT_RESPONDENTS
    return None


def _decimal(value: Any) -> Decimal | None:
    """A number cell as an exact Decimal: 3,456 or 3.456 (one separator is always decimal here,
    as NRR and weights lie between 0 and 4); floats from XLSX through their shortest repr."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    raw = text(value).replace(" ", "")
    if raw.count(",") + raw.count(".") > 1:
        return None
    try:
        return Decimal(raw.replace(",", "."))
    except InvalidOperation:
        return None


def _whole(value: Any) -> int | None:
    number = _decimal(value)
    if number is None or not number.is_finite() or number != number.to_integral_value():
        return None
    return int(number)


def _period(value: str) -> tuple[str, int, int] | None:
    """'semester 1' -> ('Semester I', first month, last month); 'tahunan' -> ('Tahunan', 1, 12)."""
    raw = re.sub(r"\s+", " ", value.strip().lower())
    if raw in ("", "tahunan", "tahun", "setahun", "annual"):
        return ("Tahunan", 1, 12)
    m = re.fullmatch(r"(semester|triwulan|tw|smt)\s*([1-4]|i{1,3}|iv)", raw)
    if not m:
        return None
    kind = {"tw": "triwulan", "smt": "semester"}.get(m.group(1), m.group(1))
    n = int(m.group(2)) if m.group(2).isdigit() else ROMAN[m.group(2)]
    count, months = PERIODS[kind]
    if n > count:
        return None
    roman = {1: "I", 2: "II", 3: "III", 4: "IV"}[n]
    return (f"{kind.capitalize()} {roman}", (n - 1) * months + 1, n * months)


class _Reader:
    """Common row reading for both sheets: cells by column name, problems collected."""

    def __init__(self, grid: list[list[Any]], required: tuple[str, ...], template: tuple[str, ...]) -> None:
        self.header = _header(grid)
        self.index: dict[str, int] = {}
        for i, h in enumerate(self.header):
            if h and h.lower() not in {k.lower() for k in self.index}:
                self.index[h if UNSUR_HEADER.match(h) else h.lower()] = i
        self.problems: list[Problem] = []
        lower = {k.lower() for k in self.index}
        missing = [c for c in required if c.lower() not in lower]
        if missing:
            raise ImportFailed(
                [
                    SkmProblem(
                        "header_missing",
                        fields={"columns": ", ".join(missing), "template": ", ".join(template)},
                    )
                ]
            )
        width = len(self.header)
        while width and not self.header[width - 1]:
            width -= 1
        self.rows: list[tuple[int, list[Any]]] = []
        for n, row in enumerate(grid[1:], start=2):
            cells = list(row)
            if all(text(c) == "" for c in cells):
                continue
            if any(text(c) for c in cells[width:]):
                self.problems.append(
                    SkmProblem("too_many_fields", row=n, fields={"n": len(cells), "m": width})
                )
                continue
            self.rows.append((n, cells + [None] * (width - len(cells))))
        if not self.rows and not self.problems:
            raise ImportFailed([SkmProblem("no_rows")])

    def col(self, name: str) -> str:
        i = self.index[name]
        return f"{letter(i)} ({self.header[i]})"

    def cell(self, row: list[Any], name: str) -> Any:
        i = self.index.get(name)
        return None if i is None else row[i]

    def problem(self, code: str, row: int, column: str | None, **fields: Any) -> None:
        where = self.col(column) if column else None
        self.problems.append(SkmProblem(code, row=row, column=where, fields=fields))


def _read_unit(r: _Reader, n: int, row: list[Any], regions: set[str], today: dt.date) -> Survey | None:
    """The unit and period columns of one row (None, with problems recorded, when invalid)."""
    ok = True
    values = {c: text(r.cell(row, c)) for c in ("kode_wilayah", "opd", "unit_layanan")}
    for c, v in values.items():
        if not v:
            r.problem("empty", n, c, name=c)
            ok = False
    if values["kode_wilayah"] and values["kode_wilayah"] not in regions:
        r.problem("bad_region", n, "kode_wilayah", value=values["kode_wilayah"][:80])
        ok = False
    year = _whole(r.cell(row, "tahun"))
    if year is None or not 1990 <= year <= today.year + 1:
        r.problem("bad_year", n, "tahun", value=text(r.cell(row, "tahun"))[:80])
        return None
    period = _period(text(r.cell(row, "periode")))
    if period is None:
        r.problem("bad_period", n, "periode", value=text(r.cell(row, "periode"))[:80])
        return None
    label, first_month, _ = period
    if dt.date(year, first_month, 1) > today:
        r.problem("future_period", n, "periode", period=label, year=year, today=today.isoformat())
        ok = False
    rule_raw = text(r.cell(row, "aturan")).lower() or skm.RULE_2017
    if rule_raw not in skm.REQUIRED_UNSUR:
        r.problem("bad_rule", n, "aturan", value=rule_raw[:80])
        return None
    if rule_raw == skm.RULE_2017 and year < 2017:
        r.problem("rule_year", n, "tahun", year=year)
        ok = False
    populasi = None
    if "populasi" in r.index and text(r.cell(row, "populasi")):
        populasi = _whole(r.cell(row, "populasi"))
        if populasi is None or populasi <= 0:
            r.problem("bad_count", n, "populasi", value=text(r.cell(row, "populasi"))[:80])
            ok = False
    if not ok:
        return None
    return Survey(
        kode=values["kode_wilayah"],
        opd=values["opd"],
        unit=values["unit_layanan"],
        tahun=year,
        periode=label,
        aturan=rule_raw,
        first_row=n,
        populasi=populasi,
    )


def _same(r: _Reader, n: int, name: str, value: Any, first: Any, other: int) -> None:
    if value != first:
        r.problem(
            "inconsistent", n, name, name=name, value=str(value)[:80], first=str(first)[:80], other=other
        )


def _key(s: Survey) -> tuple[str, str, str, int, str, str]:
    return (s.kode, s.opd, s.unit, s.tahun, s.periode, s.aturan)


def _check_unsur(r: _Reader, s: Survey) -> None:
    required = [f"U{i}" for i in range(1, skm.REQUIRED_UNSUR[s.aturan] + 1)]
    missing = [u for u in required if u not in s.unsur]
    if missing:
        r.problems.append(
            SkmProblem(
                "missing_unsur",
                row=s.first_row,
                fields={
                    "unit": s.unit,
                    "period": f"{s.periode} {s.tahun}",
                    "missing": ", ".join(missing),
                    "rule": skm.rule_label(s.aturan),
                },
            )
        )


def _check_weights(r: _Reader, s: Survey) -> None:
    if not s.weights:
        return
    where = {"unit": s.unit, "period": f"{s.periode} {s.tahun}"}
    if set(s.weights) != set(s.unsur):
        r.problems.append(SkmProblem("weights_partial", row=s.first_row, fields=where))
        return
    total = sum(s.weights.values(), Decimal(0))
    equal = len(set(s.weights.values())) == 1
    if equal and abs(total - 1) <= Decimal("1e-9"):  # Excel's =1/9 in every cell: equal weights
        s.weights = {}
        return
    if total != 1:
        r.problems.append(SkmProblem("weights_sum", row=s.first_row, fields={**where, "total": str(total)}))


def parse_nrr(grid: list[list[Any]], regions: set[str], today: dt.date) -> list[Survey]:
    """Surveys of a tidy NRR-per-unsur sheet; raises ImportFailed with every problem found."""
    r = _Reader(grid, NRR_REQUIRED, NRR_COLUMNS)
    surveys: dict[tuple[str, str, str, int, str, str], Survey] = {}
    seen: dict[tuple[Any, ...], int] = {}
    for n, row in r.rows:
        s = _read_unit(r, n, row, regions, today)
        if s is None:
            continue
        survey = surveys.setdefault(_key(s), s)
        count = _whole(r.cell(row, "jumlah_responden"))
        if count is None or count <= 0:
            r.problem("bad_count", n, "jumlah_responden", value=text(r.cell(row, "jumlah_responden"))[:80])
            continue
        if survey is s:
            s.responden = count
            if s.populasi is not None and count > s.populasi:
                r.problem("fewer_respondents", n, "jumlah_responden", value=count, population=s.populasi)
        else:
            _same(r, n, "jumlah_responden", count, survey.responden, survey.first_row)
            _same(r, n, "populasi", s.populasi, survey.populasi, survey.first_row)
        m = UNSUR_HEADER.match(text(r.cell(row, "unsur")))
        if not m or int(m.group(1)) < 1:
            r.problem("bad_unsur", n, "unsur", value=text(r.cell(row, "unsur"))[:80])
            continue
        code = f"U{int(m.group(1))}"
        k = (*_key(s), code)
        if k in seen:
            r.problem("duplicate_unsur", n, "unsur", value=code, unit=s.unit, period=s.periode, other=seen[k])
            continue
        seen[k] = n
        name = text(r.cell(row, "nama_unsur"))
        if code not in skm.UNSUR_2017 and not name:
            r.problem("unsur_name_missing", n, "unsur", unsur=code)
            continue
        value = _decimal(r.cell(row, "nrr"))
        if value is None or not value.is_finite() or not 1 <= value <= 4 or value.as_tuple().exponent < -10:  # type: ignore[operator]
            r.problem("bad_nrr", n, "nrr", value=text(r.cell(row, "nrr"))[:80])
            continue
        survey.unsur[code] = skm.unsur_name(code, "id", name or None)
        survey.nrr[code] = value
        if "bobot" in r.index and text(r.cell(row, "bobot")):
            w = _decimal(r.cell(row, "bobot"))
            if w is None or not w.is_finite() or not 0 < w <= 1:
                r.problem("bad_weight", n, "bobot", value=text(r.cell(row, "bobot"))[:80])
                continue
            survey.weights[code] = w
    for s in surveys.values():
        _check_unsur(r, s)
        _check_weights(r, s)
    if r.problems:
        raise ImportFailed(r.problems)
    return list(surveys.values())


def parse_respondents(grid: list[list[Any]], regions: set[str], today: dt.date) -> list[Survey]:
    """Surveys of a respondent-level sheet; raises ImportFailed with every problem found."""
    r = _Reader(grid, RESPONDENT_REQUIRED, RESPONDENT_COLUMNS)
    unsur_cols: dict[str, tuple[str, str]] = {}  # code -> (header key, name)
    for key in r.index:
        m = UNSUR_HEADER.match(key)
        if m:
            code = f"U{int(m.group(1))}"
            unsur_cols[code] = (key, skm.unsur_name(code, "id", (m.group(2) or "").strip() or None))
    for code, (key, name) in unsur_cols.items():
        if code not in skm.UNSUR_2017 and name == code:
            r.problems.append(
                SkmProblem("unsur_name_missing", row=1, column=r.col(key), fields={"unsur": code})
            )
    order = sorted(unsur_cols, key=lambda u: int(u[1:]))
    surveys: dict[tuple[str, str, str, int, str, str], Survey] = {}
    seen: dict[tuple[Any, ...], int] = {}
    weight_rows: list[tuple[int, list[Any]]] = []
    for n, row in r.rows:
        if text(r.cell(row, "responden")).upper() == WEIGHT_ROW:
            weight_rows.append((n, row))
            continue
        s = _read_unit(r, n, row, regions, today)
        if s is None:
            continue
        survey = surveys.setdefault(_key(s), s)
        if survey is not s:
            _same(r, n, "populasi", s.populasi, survey.populasi, survey.first_row)
        rid = text(r.cell(row, "responden"))
        if not rid:
            r.problem("empty", n, "responden", name="responden")
            continue
        k = (*_key(s), rid)
        if k in seen:
            r.problem("duplicate_respondent", n, "responden", value=rid[:80], other=seen[k])
            continue
        seen[k] = n
        answers: dict[str, int] = {}
        for code in order:
            key = unsur_cols[code][0]
            raw = r.cell(row, key)
            if text(raw) == "":
                r.problem("missing_answer", n, key, unsur=code)
                continue
            value = _whole(raw)
            if value is None or not 1 <= value <= 4:
                r.problem("bad_answer", n, key, value=text(raw)[:80])
                continue
            answers[code] = value
        survey.unsur = {code: unsur_cols[code][1] for code in order}
        survey.answers[rid] = answers
        survey.demographics[rid] = {d: text(r.cell(row, d))[:200] for d in DEMOGRAPHICS if d in r.index}
    for s in surveys.values():
        s.responden = len(s.answers)
        for n, row in weight_rows:
            for code in order:
                raw = r.cell(row, unsur_cols[code][0])
                if text(raw):
                    w = _decimal(raw)
                    if w is None or not w.is_finite() or not 0 < w <= 1:
                        r.problem("bad_weight", n, unsur_cols[code][0], value=text(raw)[:80])
                    else:
                        s.weights[code] = w
        _check_unsur(r, s)
        _check_weights(r, s)
        if s.populasi is not None and s.responden > s.populasi:
            r.problems.append(
                SkmProblem(
                    "fewer_respondents",
                    row=s.first_row,
                    column=r.col("populasi"),
                    fields={"value": s.responden, "population": s.populasi},
                )
            )
    if r.problems:
        raise ImportFailed(r.problems)
    return list(surveys.values())


def prepare(
    path: Path,
    target: Path,
    sheet: str | None = None,
    file_name: str | None = None,
    today: dt.date | None = None,
) -> SkmPlan:
    """The preview of importing an SKM sheet into ``target``; raises ImportFailed on any problem.
    Only reads the warehouse."""
    fmt = detect(path, sheet)
    if fmt is None:
        raise ImportFailed([SkmProblem("not_skm")])
    grid = _grid(path, sheet)
    today = today or dt.date.today()
    with read_only(target) as con:
        regions = set(sql.run(con, "skm_regions").kode)
        parse: Callable[[list[list[Any]], set[str], dt.date], list[Survey]]
        parse = parse_nrr if fmt == FORMAT_NRR else parse_respondents
        surveys = parse(grid, regions, today)
        existing = sql.run(con, "skm_existing_surveys", ids=[s.survey_id for s in surveys])
    if len(existing):
        batch = dict(zip(existing.survey_id, existing.batch_id, strict=True))
        raise ImportFailed(
            [
                SkmProblem(
                    "already_imported",
                    row=s.first_row,
                    fields={"unit": s.unit, "period": f"{s.periode} {s.tahun}", "batch": batch[s.survey_id]},
                )
                for s in surveys
                if s.survey_id in batch
            ]
        )
    data = path.read_bytes()
    return SkmPlan(file_name or path.name, hashlib.sha256(data).hexdigest(), fmt, surveys, data)


# --- writing ---------------------------------------------------------------------------------


def _stages(plan: SkmPlan) -> dict[str, pd.DataFrame]:
    units, surveys, unsur, respondents, answers = [], [], [], [], []
    for s in plan.surveys:
        units.append({"unit_id": s.unit_id, "kode": s.kode, "opd": s.opd, "unit_layanan": s.unit})
        surveys.append(
            {
                "survey_id": s.survey_id,
                "unit_id": s.unit_id,
                "tahun": s.tahun,
                "periode": s.periode,
                "aturan": s.aturan,
                "dasar": "responden" if s.answers else "nrr",
                "responden": s.responden,
                "populasi": s.populasi,
            }
        )
        for code, name in s.unsur.items():
            w = s.weights.get(code)
            v = s.nrr.get(code)
            unsur.append(
                {
                    "survey_id": s.survey_id,
                    "unsur": code,
                    "nama": name,
                    "bobot": None if w is None else str(w),
                    "nrr": None if v is None else str(v),
                }
            )
        for rid, given in s.answers.items():
            demo = s.demographics.get(rid, {})
            respondents.append(
                {"survey_id": s.survey_id, "responden": rid, **{d: demo.get(d) or None for d in DEMOGRAPHICS}}
            )
            answers += [
                {"survey_id": s.survey_id, "responden": rid, "unsur": u, "nilai": v} for u, v in given.items()
            ]
    frames = {
        "stage_skm_units": pd.DataFrame(
            units, columns=["unit_id", "kode", "opd", "unit_layanan"]
        ).drop_duplicates("unit_id"),
        "stage_skm_surveys": pd.DataFrame(
            surveys,
            columns=["survey_id", "unit_id", "tahun", "periode", "aturan", "dasar", "responden", "populasi"],
        ).astype({"tahun": "int64", "responden": "Int64", "populasi": "Int64"}),
        "stage_skm_unsur": pd.DataFrame(unsur, columns=["survey_id", "unsur", "nama", "bobot", "nrr"]).astype(
            {"bobot": "object", "nrr": "object"}
        ),
        "stage_skm_respondents": pd.DataFrame(
            respondents, columns=["survey_id", "responden", *DEMOGRAPHICS]
        ).astype({d: "object" for d in DEMOGRAPHICS}),
        "stage_skm_answers": pd.DataFrame(
            answers, columns=["survey_id", "responden", "unsur", "nilai"]
        ).astype({"nilai": "int64"}),
    }
    return frames


def _authorize(plan: SkmPlan, session: Session | None) -> Session:
    authorize(session, [])  # refuses a missing session, as every import does
    assert session is not None
    if session.role != "walidata":
        other = sorted(
            {s.opd for s in plan.surveys if s.opd.strip().lower() != (session.opd or "").strip().lower()}
        )
        if other:
            raise ImportFailed(
                [
                    Problem(
                        "not_allowed",
                        fields={
                            "user": session.user,
                            "role": session.role,
                            "opd": session.opd or "",
                            "indicator": "SKM " + ", ".join(other),
                        },
                    )
                ]
            )
    return session


def _apply(
    con: duckdb.DuckDBPyConnection, plan: SkmPlan, session: Session, source: SourceGiven, at: dt.datetime
) -> int:
    batch_id = int(sql.run(con, "import_next_batch").batch_id.iloc[0])
    frames = _stages(plan)
    source_id = record_batch(
        con,
        batch_id,
        source,
        session,
        at,
        status="tidak_diketahui",
        file_name=plan.file_name,
        sha256=plan.sha256,
        format=plan.format,
        rows=(len(frames["stage_skm_surveys"]), 0, 0, 0),
    )
    for name, frame in frames.items():
        con.register(name, frame)
    for step in ("skm_insert_units", "skm_insert_surveys"):
        params = {"batch_id": batch_id, "source_id": source_id} if step == "skm_insert_surveys" else {}
        sql.execute(con, step, **params)
    for step in ("skm_insert_unsur", "skm_insert_respondents", "skm_insert_answers"):
        sql.execute(con, step)
    check = sql.run(con, "skm_batch_check", batch_id=batch_id).iloc[0]
    expected = tuple(
        len(frames[n])
        for n in ("stage_skm_surveys", "stage_skm_unsur", "stage_skm_respondents", "stage_skm_answers")
    )
    found = (int(check.surveys), int(check.unsur), int(check.respondents), int(check.answers))
    if found != expected:
        raise ImportFailed([Problem("write_failed", fields={"detail": f"harapan {expected}, hasil {found}"})])
    return batch_id


def journal_dir(target: Path) -> Path:
    return target.parent / "imports" / "skm"


def _journal(
    target: Path, batch_id: int, plan: SkmPlan, session: Session, source: SourceGiven, at: dt.datetime
) -> None:
    folder = journal_dir(target)
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{batch_id:04d}_{plan.sha256[:12]}"
    suffix = Path(plan.file_name).suffix.lower() or ".csv"
    (folder / f"{stem}{suffix}").write_bytes(plan.data)

    def q(v: str) -> str:
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    meta = [
        f"batch_id = {batch_id}",
        f"user = {q(session.user)}",
        f"role = {q(session.role)}",
        f"opd = {q(session.opd or '')}",
        f"at = {q(at.isoformat())}",
        f"file_name = {q(plan.file_name)}",
        f"data = {q(stem + suffix)}",
        f"sha256 = {q(plan.sha256)}",
        "",
        "[source]",
        f"publisher = {q(source.publisher)}",
        f"publication = {q(source.publication)}",
        f"table = {q(source.table)}",
        f"licence = {q(source.licence)}",
        f"note = {q(source.note)}",
        "",
    ]
    tmp = folder / f".{stem}.toml.tmp"
    tmp.write_text("\n".join(meta), encoding="utf-8")
    os.replace(tmp, folder / f"{stem}.toml")


def commit(
    plan: SkmPlan,
    session: Session | None,
    source: SourceGiven,
    target: Path,
    at: dt.datetime | None = None,
    keep_journal: bool = True,
) -> int:
    """Write ``plan`` into the warehouse at ``target`` as one logged batch; its batch number.
    On any failure the warehouse is the old file, byte for byte."""
    session = _authorize(plan, session)
    require_source(source)
    if not plan.surveys:
        raise ImportFailed([Problem("no_rows")])

    def keep(batch_id: int, at: dt.datetime) -> None:
        try:
            _journal(target, batch_id, plan, session, source, at)
        except OSError:
            log.exception("batch SKM %s tersimpan, tetapi jurnalnya gagal ditulis", batch_id)

    batch_id = write_atomically(
        target,
        lambda con, at: _apply(con, plan, session, source, at),
        at=at,
        then=keep if keep_journal else None,
        error_detail=lambda e: type(e).__name__,
    )
    log.info("impor SKM batch %s: %s oleh %s (%s)", batch_id, plan.file_name, session.user, session.role)
    return batch_id


def replay(target: Path, session: Session) -> list[int]:
    """Re-import the journalled SKM batches into ``target`` (after a rebuild), in order, each with
    its original user, time and source. Only a walidata may replay."""
    if session.role != "walidata":
        raise PermissionError("replay needs a walidata account")
    done = []
    for meta_path in sorted(journal_dir(target).glob("[0-9]*.toml")):
        with meta_path.open("rb") as f:
            meta = tomllib.load(f)
        data_path = meta_path.parent / str(meta["data"])
        at = dt.datetime.fromisoformat(str(meta["at"]))
        plan = prepare(data_path, target, file_name=str(meta["file_name"]), today=at.date())
        original, source = journalled(meta)
        done.append(commit(plan, original, source, target, at=at, keep_journal=False))
    return done


def template_csv(fmt: str) -> str:
    """The empty template of a sheet (header only; nothing invented), as CSV text."""
    return ",".join(NRR_COLUMNS if fmt == FORMAT_NRR else RESPONDENT_COLUMNS) + "\n"


__all__ = [
    "FORMATS",
    "FORMAT_NRR",
    "FORMAT_RESPONDENTS",
    "SkmPlan",
    "SkmProblem",
    "Survey",
    "commit",
    "detect",
    "prepare",
    "replay",
    "template_csv",
]
