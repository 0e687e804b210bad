"""Parse, match and validate a file, then compare it with the warehouse: the preview.

:func:`prepare` runs the whole path of a file up to the preview and returns a :class:`Plan`
(new, changed old -> new, unchanged figures, and the cells that held symbols), or raises
:class:`ImportFailed` with every problem found. It only reads the warehouse.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from dalamangka import sql, warehouse
from dalamangka.importer import bps_csv, bps_xlsx, dalam_angka_xlsx, template, webapi
from dalamangka.importer.grid import Sheet, read_csv_sheet, read_xlsx_sheet
from dalamangka.importer.layout import parse_sheet
from dalamangka.importer.match import Regions, match
from dalamangka.importer.model import ImportFailed, Parsed, Problem, clip
from dalamangka.importer.validate import Options, validate

MAX_BYTES = 20 * 1024 * 1024
FORMATS = (bps_xlsx.FORMAT, bps_csv.FORMAT, dalam_angka_xlsx.FORMAT, webapi.FORMAT, template.FORMAT)
CHANGE_LABELS = {"baru": ("baru", "new"), "berubah": ("berubah", "changed"), "sama": ("sama", "unchanged")}


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection that always sees the file now at ``path``.

    DuckDB shares one database instance per path inside a process, so a plain
    ``connect(path, read_only=True)`` next to an older open connection would still see the
    replaced file. Attaching from a fresh in-memory database opens the file anew.
    """
    if not path.is_file():
        raise ImportFailed([Problem("no_warehouse", fields={"path": str(path)})])
    con = warehouse.open_read_only(path)
    try:
        yield con
    finally:
        con.close()


def _read(path: Path, sheet: str | None) -> Sheet:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx_sheet(path, sheet)
    if suffix in (".csv", ".txt"):
        return read_csv_sheet(path)
    raise ImportFailed([Problem("unknown_format", fields={"detail": clip(suffix) or "tanpa ekstensi"})])


def _table_format(sheet: Sheet, parsed: Parsed) -> str:
    if sheet.widths is not None:
        return bps_csv.FORMAT
    return dalam_angka_xlsx.FORMAT if parsed.kecamatan else bps_xlsx.FORMAT


def detect(path: Path, sheet: str | None = None) -> str:
    """The format of a file, from its extension and its cells."""
    if path.suffix.lower() == ".json":
        return webapi.FORMAT
    return parse(path, Options(sheet=sheet)).format


def parse(path: Path, options: Options) -> Parsed:
    """Read a file in its format (detected unless ``options.format`` says)."""
    size = path.stat().st_size
    if size == 0:
        raise ImportFailed([Problem("empty_file")])
    if size > MAX_BYTES:
        raise ImportFailed(
            [Problem("too_big", fields={"size": round(size / 2**20, 1), "limit": MAX_BYTES // 2**20})]
        )
    fmt = options.format
    if fmt == webapi.FORMAT or (fmt is None and path.suffix.lower() == ".json"):
        return webapi.parse(path)
    if fmt is not None and fmt not in FORMATS:
        raise ImportFailed([Problem("unknown_format", fields={"detail": clip(fmt)})])
    sheet = _read(path, options.sheet)
    try:
        return _parse_sheet(sheet, fmt)
    except ImportFailed as e:
        # no sheet named: the table may sit on a later sheet (a cover or notes sheet first)
        if options.sheet is not None or len(sheet.names) < 2 or not _no_table(e):
            raise
        for name in sheet.names[1:]:
            try:
                return _parse_sheet(_read(path, name), fmt)
            except ImportFailed as later:
                if not _no_table(later):
                    raise
        raise


def _no_table(e: ImportFailed) -> bool:
    return all(p.code in ("no_table", "empty_file", "no_rows") for p in e.problems)


def _parse_sheet(sheet: Sheet, fmt: str | None) -> Parsed:
    if fmt == template.FORMAT or (fmt is None and template.looks_like(sheet.cells)):
        parsed = template.parse_sheet(sheet)
    else:
        parsed = parse_sheet(sheet, fmt or "")
        parsed.format = fmt or _table_format(sheet, parsed)
        if parsed.format == dalam_angka_xlsx.FORMAT:
            parsed.kecamatan = True
    parsed.sheets, parsed.sheet = sheet.names, sheet.name if sheet.names else None
    # no decimal mark is assumed from the kind of table or the CSV separator: a figure like
    # "99.787" is read by the file's other cells or the user's --desimal, else refused (validate)
    return parsed


@dataclass
class Plan:
    """What an import would do: the figures with their change, and where they came from."""

    file_name: str
    sha256: str
    format: str
    title: str | None
    notes: dict[str, str]
    figures: pd.DataFrame
    missing: pd.DataFrame
    options: Options
    new_indicators: dict[str, dict[str, Any]] = field(default_factory=dict)

    def part(self, change: str) -> pd.DataFrame:
        if self.figures.empty:
            return self.figures
        return self.figures[self.figures.change == change].reset_index(drop=True)

    @property
    def counts(self) -> dict[str, int]:
        c = self.figures.change.value_counts() if not self.figures.empty else pd.Series(dtype=int)
        return {
            "baru": int(c.get("baru", 0)),
            "berubah": int(c.get("berubah", 0)),
            "sama": int(c.get("sama", 0)),
            "kosong": len(self.missing),
        }

    @property
    def indicators(self) -> list[str]:
        return sorted(set(self.figures.indicator)) if not self.figures.empty else []


def compare(figures: pd.DataFrame, con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """``figures`` with the stored figure of each key and the change: baru, berubah or sama."""
    existing = sql.run(
        con,
        "import_existing_facts",
        indicators=sorted(set(figures.indicator.tolist())),
        kodes=sorted(set(figures.kode.tolist())),
    )
    existing = existing.rename(
        columns={"nilai": "old_nilai", "status": "old_status", "source_id": "old_source_id"}
    )
    out = figures.merge(existing, on=["indicator", "kode", "tahun", "periode"], how="left")
    out["change"] = "sama"
    out.loc[out.old_nilai.isna(), "change"] = "baru"
    differs = out.old_nilai.notna() & ((out.old_nilai != out.nilai) | (out.old_status != out.status))
    out.loc[differs, "change"] = "berubah"
    return out


def prepare(
    path: Path, warehouse: Path, options: Options | None = None, file_name: str | None = None
) -> Plan:
    """The preview of importing ``path`` into ``warehouse``; raises ImportFailed on any problem."""
    options = options or Options()
    parsed = parse(path, options)
    return prepare_parsed(parsed, path.read_bytes(), warehouse, options, file_name or path.name)


def prepare_parsed(parsed: Parsed, data: bytes, warehouse: Path, options: Options, file_name: str) -> Plan:
    with read_only(warehouse) as con:
        regions = Regions.of(warehouse, lambda: sql.run(con, "import_regions"))
        indicators = sql.run(con, "import_indicators")
        for code in options.new_indicators:
            if code in set(indicators.code):
                options.new_indicators = {k: v for k, v in options.new_indicators.items() if k != code}
        codes, problems = match(parsed, regions, options.kota)
        if problems:
            raise ImportFailed(problems)
        figures, missing, problems = validate(parsed, codes, regions, indicators, options)
        if problems:
            raise ImportFailed(problems)
        figures = compare(figures, con)
    names = {k: regions.name(k) for k in set(figures.kode.tolist())}
    figures["nama"] = [names[k] for k in figures.kode.tolist()]
    return Plan(
        file_name=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        format=parsed.format,
        title=parsed.title,
        notes=parsed.notes,
        figures=figures,
        missing=missing,
        options=options,
        new_indicators=dict(options.new_indicators),
    )


def prepare_webapi(doc: Any, warehouse: Path, options: Options, name: str) -> Plan:
    """The preview of a WebAPI response fetched live (nothing of the request is kept)."""
    parsed = webapi.parse_doc(doc, name)
    data = json.dumps(doc, sort_keys=True).encode()
    return prepare_parsed(parsed, data, warehouse, options, name)
