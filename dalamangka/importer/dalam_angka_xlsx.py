"""Format 3: one table of a "Kota X Dalam Angka" book as XLSX.

Bilingual title ("Jumlah Penduduk ... Menurut Kecamatan di Kota Palembang, 2024 / Population
... by Subdistrict ..."), merged multi-row headers (often a row of column numbers "(1) (2)"),
kecamatan rows in BPS code order (with or without a "Kode" column), a total row ("Kota
Palembang" or "Jumlah/Total"), and a footer "Sumber/Source: ..." and "Catatan/Note: ...".
Read by the general table reader (:mod:`dalamangka.importer.layout`); a table is this format
when its rows are kecamatan.
"""

from __future__ import annotations

import re
from pathlib import Path

from dalamangka.importer.grid import read_xlsx_sheet
from dalamangka.importer.layout import parse_sheet
from dalamangka.importer.model import Parsed

FORMAT = "dalam_angka_xlsx"
HEADER_FIRST = re.compile(r"^(kecamatan|distrik|subdistrict|wilayah)", re.I)


def parse(path: Path, sheet: str | None = None) -> Parsed:
    parsed = parse_sheet(read_xlsx_sheet(path, sheet), FORMAT)
    parsed.kecamatan = True
    return parsed
