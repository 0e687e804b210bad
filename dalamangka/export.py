"""Helpers for downloads of a table: CSV bytes, and reading an XLSX download back.

The downloads themselves (CSV and XLSX with Data, Metadata and Kutipan sheets) are built by
:mod:`dalamangka.downloads`.
"""

from __future__ import annotations

import io

import pandas as pd


def csv_bytes(table: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV (with a byte-order mark so spreadsheet programs read the accents)."""
    return table.to_csv(index=False).encode("utf-8-sig")


def read_xlsx(data: bytes) -> dict[str, pd.DataFrame]:
    """Every sheet back as a DataFrame (for tests and for checking a download)."""
    return pd.read_excel(io.BytesIO(data), sheet_name=None, engine="openpyxl")
