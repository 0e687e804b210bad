"""The minutes ("notulen") of one FGD meeting as XLSX: date, place, the notes grouped by producer
OPD, the status changes and decisions.

User text is written as text cells, never formulas: a note starting with ``=`` (``=HYPERLINK(...)``)
stays a string in Excel (openpyxl would otherwise store it as a formula).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from dalamangka import fmt
from dalamangka.i18n import Text
from dalamangka.notes import markers
from dalamangka.notes.model import TEXT as MODEL_TEXT
from dalamangka.notes.model import Change, Decision, FgdSession, Note

TEXT = Text(
    {
        "sheet_minutes": ("Notulen", "Minutes"),
        "sheet_notes": ("Catatan per OPD", "Notes by agency"),
        "sheet_decisions": ("Keputusan", "Decisions"),
        "sheet_log": ("Riwayat status", "Status log"),
        "title": ("Notulen FGD: {title}", "FGD minutes: {title}"),
        "date": ("Tanggal", "Date"),
        "place": ("Tempat", "Place"),
        "region": ("Wilayah", "Region"),
        "count": ("Jumlah catatan", "Number of notes"),
        "by_opd": ("Rekap per produsen/OPD", "Summary by producer/agency"),
        "decisions": ("Keputusan rapat", "Decisions of the meeting"),
        "none": ("(belum ada)", "(none yet)"),
        "made": ("Dibuat {date} dari Kota Dalam Angka.", "Made on {date} by Kota Dalam Angka."),
        "col_time": ("Waktu (UTC)", "Time (UTC)"),
        "col_actor": ("Oleh", "By"),
        "col_role": ("Peran", "Role"),
        "col_note": ("Catatan no.", "Note no."),
        "col_from": ("Dari", "From"),
        "col_to": ("Ke", "To"),
        "col_reason": ("Alasan", "Reason"),
        "col_batch": ("Batch impor", "Import batch"),
        "col_decision": ("Keputusan", "Decision"),
    }
)


def _put(ws: Worksheet, row: int, col: int, value: Any, bold: bool = False) -> None:
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text, even when it starts with "=" (never a formula)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    if bold:
        cell.font = Font(bold=True)


def _frame(ws: Worksheet, frame: pd.DataFrame, start: int = 1) -> None:
    for j, name in enumerate(frame.columns, start=1):
        _put(ws, start, j, str(name), bold=True)
    for i, row in enumerate(frame.itertuples(index=False), start=start + 1):
        for j, value in enumerate(row, start=1):
            _put(
                ws, i, j, None if pd.isna(value) else value if isinstance(value, int | float) else str(value)
            )
    for j, name in enumerate(frame.columns, start=1):
        width = max([len(str(name)), *(min(len(str(v)), 60) for v in frame.iloc[:200, j - 1])])
        ws.column_dimensions[ws.cell(row=start, column=j).column_letter].width = min(max(10, width + 2), 62)


def build(
    session: FgdSession,
    notes: list[Note],
    changes: list[Change],
    decisions: list[Decision],
    lang: str = "id",
    *,
    today: dt.date,
    region_names: dict[str, str] | None = None,
    indicator_names: dict[str, str] | None = None,
    decimals: dict[str, int] | None = None,
) -> bytes:
    """The minutes of ``session`` as XLSX bytes (four sheets; openpyxl/Excel open it)."""
    t = TEXT
    regions = region_names or {}
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = t("sheet_minutes", lang)
    _put(ws, 1, 1, t("title", lang, title=session.title), bold=True)
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    facts = [
        (t("date", lang), fmt.date(session.held_on, lang)),
        (t("place", lang), session.place),
        (t("region", lang), regions.get(session.kode, session.kode)),
        (t("count", lang), fmt.number(len(notes), 0, lang)),
    ]
    for i, (label, value) in enumerate(facts, start=3):
        _put(ws, i, 1, label, bold=True)
        _put(ws, i, 2, value)
    row = 3 + len(facts) + 1
    _put(ws, row, 1, t("by_opd", lang), bold=True)
    summary = markers.per_opd(notes, today, lang)
    _frame(ws, summary, start=row + 1)
    row += len(summary) + 3
    _put(ws, row, 1, t("decisions", lang), bold=True)
    for i, d in enumerate(decisions, start=row + 1):
        _put(ws, i, 1, f"{i - row}.")
        _put(ws, i, 2, d.text)
    if not decisions:
        _put(ws, row + 1, 1, t("none", lang))
    _put(ws, row + max(len(decisions), 1) + 2, 1, t("made", lang, date=fmt.date(today, lang)))
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 70

    ordered = sorted(notes, key=lambda n: (n.producer, ", ".join(n.opds), n.note_id))
    detail = markers.table(
        ordered, lang, today=today, indicator_names=indicator_names, region_names=regions, decimals=decimals
    )
    _frame(wb.create_sheet(t("sheet_notes", lang)[:31]), detail)

    status = {s: MODEL_TEXT("status_" + s, lang) for s in ("baru", "diverifikasi", "diperbaiki", "ditolak")}
    decided = pd.DataFrame(
        [
            {
                t("col_time", lang): c.changed_at.strftime("%Y-%m-%d %H:%M"),
                t("col_note", lang): c.note_id,
                t("col_from", lang): status.get(c.old_status, ""),
                t("col_to", lang): status.get(c.new_status, c.new_status),
                t("col_actor", lang): c.actor,
                t("col_role", lang): c.role + (f" ({c.opd})" if c.opd and c.role == "produsen" else ""),
                t("col_reason", lang): c.reason,
                t("col_batch", lang): "" if c.batch_id is None else f"#{c.batch_id}",
            }
            for c in changes
        ],
        columns=[t(k, lang) for k in ("col_time", "col_note", "col_from", "col_to", "col_actor", "col_role",
                                       "col_reason", "col_batch")],
    )  # fmt: skip
    verdicts = decided[decided[t("col_from", lang)] != ""]
    _frame(wb.create_sheet(t("sheet_decisions", lang)[:31]), verdicts)
    _frame(wb.create_sheet(t("sheet_log", lang)[:31]), decided)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def read(data: bytes) -> dict[str, pd.DataFrame]:
    """Every sheet of a minutes file as text (tests, and to check what was written)."""
    return pd.read_excel(io.BytesIO(data), sheet_name=None, header=None, dtype=str, engine="openpyxl")
