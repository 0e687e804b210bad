"""The XLSX data-quality report for the FGD: a summary sheet first (exactly the table the
Kualitas Data page shows), then one sheet per check with its failing rows."""

from __future__ import annotations

import io

import pandas as pd

from dalamangka import quality
from dalamangka.i18n import Text

TEXT = Text(
    {
        "summary": ("Ringkasan", "Summary"),
        "title": ("Laporan kualitas data: {name} ({year})", "Data quality report: {name} ({year})"),
    }
)


def build(report: quality.Report, lang: str = "id") -> bytes:
    """The report as XLSX bytes (openpyxl opens it; sheet names fit Excel's 31 characters)."""
    buffer = io.BytesIO()
    summary = quality.summary(report, lang)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        summary.to_excel(writer, sheet_name=TEXT("summary", lang), index=False, startrow=2)
        ws = writer.sheets[TEXT("summary", lang)]
        ws["A1"] = TEXT("title", lang, name=report.nama, year=report.current_year)
        for name, frame in quality.sheets(report, lang).items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
        for sheet in writer.sheets.values():
            for column in sheet.columns:
                width = max(len(str(c.value or "")) for c in column[:200])
                sheet.column_dimensions[column[0].column_letter].width = min(max(10, width + 2), 80)
    return buffer.getvalue()


def read_summary(data: bytes, lang: str = "id") -> pd.DataFrame:
    """The summary sheet of a report, as text (to compare with what the page shows)."""
    frame = pd.read_excel(
        io.BytesIO(data), sheet_name=TEXT("summary", lang), header=2, dtype=str, engine="openpyxl"
    )
    return frame.fillna("")


def workbook(frames: dict[str, pd.DataFrame]) -> bytes:
    """Any set of tables as one XLSX (sheet name -> rows), e.g. the metadata catalogue."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in frames.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()
