"""Downloads of exactly the table shown: CSV, and XLSX with a second sheet of metadata.

The exported table has the same rows, columns and order as the one on screen, with numbers as
numbers (rounded as shown) so a spreadsheet can compute with them; the metadata sheet gives
the definition, unit, source and status of each figure.
"""

from __future__ import annotations

import io

import pandas as pd

from dalamangka.i18n import Text

META = Text(
    {
        "sheet_table": ("Tabel", "Table"),
        "sheet_meta": ("Metadata", "Metadata"),
        "region": ("Wilayah", "Region"),
        "indicator": ("Indikator", "Indicator"),
        "code": ("Kode indikator", "Indicator code"),
        "year": ("Tahun", "Year"),
        "value": ("Nilai", "Value"),
        "unit": ("Satuan", "Unit"),
        "definition": ("Definisi", "Definition"),
        "source": ("Sumber", "Source"),
        "status": ("Status angka", "Status of the figure"),
    }
)


def csv_bytes(table: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV (with a byte-order mark so spreadsheet programs read the accents)."""
    return table.to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(table: pd.DataFrame, metadata: pd.DataFrame, lang: str = "id") -> bytes:
    """A workbook: sheet 1 the table, sheet 2 the metadata of each figure."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        for frame, name in ((table, META("sheet_table", lang)), (metadata, META("sheet_meta", lang))):
            frame.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            for i, col in enumerate(frame.columns):
                width = max([len(str(col)), *(len(str(v)) for v in frame[col].head(200))]) + 2
                sheet.set_column(i, i, min(width, 60))
    return buffer.getvalue()


def read_xlsx(data: bytes) -> dict[str, pd.DataFrame]:
    """Both sheets back as DataFrames (for tests and for checking a download)."""
    return pd.read_excel(io.BytesIO(data), sheet_name=None, engine="openpyxl")
