"""Format 1: the BPS website's dynamic-table XLSX export (names in province blocks, years as
columns, "-" for missing, footer "Source Url" / "Access Time")."""

from __future__ import annotations

from pathlib import Path

from dalamangka.importer.bps_table import parse_dynamic
from dalamangka.importer.grid import read_xlsx
from dalamangka.importer.model import Parsed

FORMAT = "bps_xlsx"


def parse(path: Path, sheet: str | None = None) -> Parsed:
    grid, name, _ = read_xlsx(path, sheet)
    return parse_dynamic(grid, FORMAT, name)
