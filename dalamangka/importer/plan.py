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
from dalamangka.importer.bps_table import year_of
from dalamangka.importer.grid import read_csv, read_xlsx, text
from dalamangka.importer.match import Regions, match
from dalamangka.importer.model import ImportFailed, Parsed, Problem
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


def detect(path: Path, sheet: str | None = None) -> str:
    """The format of a file, from its extension and first cells."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        return webapi.FORMAT
    if suffix in (".xlsx", ".xlsm"):
        grid, name, _ = read_xlsx(path, sheet, fill_merged=False)
        if template.looks_like(grid):
            return template.FORMAT
        first = [text(r[0]) if r else "" for r in grid[:15]]
        if any(dalam_angka_xlsx.HEADER_FIRST.match(f) for f in first):
            return dalam_angka_xlsx.FORMAT
        if any(year_of(v) is not None for r in grid[:8] for v in r[1:]):
            return bps_xlsx.FORMAT
        raise ImportFailed(
            [Problem("no_table", fields={"sheet": name, "detail": "tidak ada kolom tahun atau kecamatan"})]
        )
    if suffix in (".csv", ".txt"):
        grid = read_csv(path)
        if all(not "".join(r).strip() for r in grid):
            raise ImportFailed([Problem("empty_file")])
        if template.looks_like(grid):
            return template.FORMAT
        head = text(grid[0][0]).lower() if grid[0] else ""
        if "/" in head and any(
            w in head for w in ("province", "provinsi", "regency", "kabupaten", "wilayah")
        ):
            return bps_csv.FORMAT
        raise ImportFailed(
            [Problem("unknown_format", fields={"detail": "CSV tanpa judul templat atau judul BPS"})]
        )
    raise ImportFailed([Problem("unknown_format", fields={"detail": suffix or "tanpa ekstensi"})])


def parse(path: Path, options: Options) -> Parsed:
    """Read a file in its format (detected unless ``options.format`` says)."""
    size = path.stat().st_size
    if size == 0:
        raise ImportFailed([Problem("empty_file")])
    if size > MAX_BYTES:
        raise ImportFailed(
            [Problem("too_big", fields={"size": round(size / 2**20, 1), "limit": MAX_BYTES // 2**20})]
        )
    fmt = options.format or detect(path, options.sheet)
    if fmt == bps_xlsx.FORMAT:
        return bps_xlsx.parse(path, options.sheet)
    if fmt == bps_csv.FORMAT:
        return bps_csv.parse(path)
    if fmt == dalam_angka_xlsx.FORMAT:
        return dalam_angka_xlsx.parse(path, options.sheet)
    if fmt == webapi.FORMAT:
        return webapi.parse(path)
    if fmt == template.FORMAT:
        return template.parse(path, options.sheet)
    raise ImportFailed([Problem("unknown_format", fields={"detail": fmt})])


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
        indicators=sorted(set(figures.indicator)),
        kodes=sorted(set(figures.kode)),
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
        regions = Regions(sql.run(con, "import_regions"))
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
    figures["nama"] = [regions.name(k) for k in figures.kode]
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
