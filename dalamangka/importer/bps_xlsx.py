"""Format 1: the BPS website's dynamic-table XLSX export (names in province blocks, years as
columns, "-" for missing, footer "Source Url" / "Access Time"). Read by the general table
reader (:mod:`dalamangka.importer.layout`), as every table layout is."""

from __future__ import annotations

from pathlib import Path

from dalamangka.importer.grid import read_xlsx_sheet
from dalamangka.importer.layout import parse_sheet
from dalamangka.importer.model import Parsed

FORMAT = "bps_xlsx"


def parse(path: Path, sheet: str | None = None) -> Parsed:
    return parse_sheet(read_xlsx_sheet(path, sheet), FORMAT)
