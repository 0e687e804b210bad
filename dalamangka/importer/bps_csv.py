"""Format 2: the newer BPS website CSV export.

Line 1 "Province/Regency/City," (or "Provinsi/Kabupaten/Kota,"), line 2 ",<title>", line 3
",<year>" (one column per year), then "name,value" rows in province blocks.
"""

from __future__ import annotations

from pathlib import Path

from dalamangka.importer.bps_table import parse_dynamic
from dalamangka.importer.grid import read_csv
from dalamangka.importer.model import Parsed

FORMAT = "bps_csv"


def parse(path: Path) -> Parsed:
    return parse_dynamic(read_csv(path), FORMAT, path.name)
