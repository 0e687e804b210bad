"""Format 2: the newer BPS website CSV export, and any table saved as CSV.

Line 1 "Province/Regency/City," (or "Provinsi/Kabupaten/Kota,"), line 2 ",<title>", line 3
",<year>" (one column per year), then "name,value" rows in province blocks. Read by the general
table reader; a line with more fields than its header is refused there.
"""

from __future__ import annotations

from pathlib import Path

from dalamangka.importer.grid import read_csv_sheet
from dalamangka.importer.layout import parse_sheet
from dalamangka.importer.model import Parsed

FORMAT = "bps_csv"


def parse(path: Path) -> Parsed:
    return parse_sheet(read_csv_sheet(path), FORMAT)
