"""The minutes ("notulen") of one FGD meeting as PDF, beside the XLSX of :mod:`.minutes`.

One A4 document: date, place, region, the participants who wrote notes (name and unit), a summary
per producer OPD, then every note grouped by producer OPD with its type, the figure it is pinned to
(indicator x region x year), its text, the corrected figure and source, its status and each status
change with who, when and why, and finally the decisions of the meeting.

Built with reportlab (pure Python, BSD) and the Bitstream Vera TTF that reportlab's wheel ships
(``reportlab/fonts/Vera.ttf``): nothing is downloaded or looked up on the system at run time, and
the output is the same on every machine. Vera covers Latin-1 and the Windows-1252 extras phones
type (curly quotes, dashes, ellipsis, euro), i.e. Bahasa Indonesia in full.

User text is data, never markup: every user string goes through :func:`inert` -- XML-escaped
before reportlab's paragraph parser sees it (``<b>``, ``<a href>``, ``&amp;`` print as typed), a
character the font cannot draw, or a control/format character the store should already have
removed, is printed as its code ``[U+0627]`` (visible, never silently dropped), and newlines become
line breaks. Long words wrap (``splitLongWords``); a note longer than a page flows on to the next.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pandas as pd
import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from dalamangka import fmt
from dalamangka.i18n import Text
from dalamangka.notes import markers
from dalamangka.notes.minutes import TEXT as XLSX_TEXT
from dalamangka.notes.model import TEXT as MODEL_TEXT
from dalamangka.notes.model import Change, Decision, FgdSession, Note

FONT_DIR = Path(reportlab.__file__).parent / "fonts"
REGULAR, BOLD = "KdaVera", "KdaVeraBold"
MIME = "application/pdf"
_MARK = re.compile("(\x00\\d+\x00)")

TEXT = Text(
    {
        "participants": ("Penulis catatan (nama/unit)", "Note authors (name/unit)"),
        "notes": ("Catatan per produsen/OPD", "Notes by producer/agency"),
        "group": ("{producer} — akun: {opds} ({n} catatan)", "{producer} — accounts: {opds} ({n} notes)"),
        "pin": ("Angka: {indicator} × {region} × {year}", "Figure: {indicator} × {region} × {year}"),
        "head": ("Catatan #{note} · {kind} · status: {status}", "Note #{note} · {kind} · status: {status}"),
        "by": ("Oleh {author} · ditulis {time} UTC", "By {author} · written {time} UTC"),
        "figure": (
            "Angka koreksi: {value} · sumber: {source}",
            "Corrected figure: {value} · source: {source}",
        ),
        "history": ("Riwayat status:", "Status history:"),
        "change": ("{time} UTC · {who}: {old} menjadi {new}", "{time} UTC · {who}: {old} to {new}"),
        "reason": ("Alasan: {reason}", "Reason: {reason}"),
        "batch": ("diperbaiki oleh batch impor #{batch}", "fixed by import batch #{batch}"),
        "decided": ("{time} UTC, dicatat oleh {actor}", "{time} UTC, recorded by {actor}"),
        "no_notes": ("Tidak ada catatan dalam sesi ini.", "There are no notes in this meeting."),
        "codes": (
            "Karakter yang tidak ada pada huruf PDF ini ditulis sebagai kodenya, mis. [U+0627]; teks "
            "aslinya ada di notulen XLSX.",
            "Characters this PDF font lacks are printed as their code, e.g. [U+0627]; the original text "
            "is in the XLSX minutes.",
        ),
        "footer": (
            "Kota Dalam Angka · Notulen FGD {date} · halaman {page}",
            "Kota Dalam Angka · FGD minutes {date} · page {page}",
        ),
    }
)


@functools.cache
def _covered() -> frozenset[int]:
    """Register the bundled fonts once; the code points the regular face can draw."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "VeraBd.ttf")))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    regular = set(pdfmetrics.getFont(REGULAR).face.charToGlyph)
    bold = set(pdfmetrics.getFont(BOLD).face.charToGlyph)
    return frozenset(regular & bold)


def printable(text: str) -> str:
    """``text`` with each character the font cannot draw -- or any control/format character --
    as ``[U+XXXX]``; tabs and other spaces become a space, newlines stay."""
    covered = _covered()
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch == "\n":
            out.append(ch)
        elif ch == "\t" or cat == "Zs":
            out.append(" ")
        elif cat[0] == "C" or cat in ("Zl", "Zp") or ord(ch) not in covered:
            out.append(f"[U+{ord(ch):04X}]")
        else:
            out.append(ch)
    return "".join(out)


def inert(text: str) -> str:
    """User text as reportlab paragraph source that prints exactly as typed (never markup)."""
    return escape(printable(text)).replace("\n", "<br/>")


def _styles() -> dict[str, ParagraphStyle]:
    _covered()
    base = ParagraphStyle(
        "kda", fontName=REGULAR, fontSize=9.5, leading=12.5, alignment=TA_LEFT, splitLongWords=1
    )
    return {
        "title": ParagraphStyle("kda_title", base, fontName=BOLD, fontSize=16, leading=20, spaceAfter=8),
        "h2": ParagraphStyle(
            "kda_h2",
            base,
            fontName=BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "kda_h3",
            base,
            fontName=BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=8,
            spaceAfter=2,
            textColor=colors.HexColor("#1f3b5c"),
            keepWithNext=1,  # a group heading never ends a page alone
        ),
        "head": ParagraphStyle("kda_head", base, fontName=BOLD, spaceBefore=6),
        "body": ParagraphStyle("kda_body", base, leftIndent=4 * mm, spaceBefore=1, spaceAfter=1),
        "meta": ParagraphStyle(
            "kda_meta",
            base,
            leftIndent=4 * mm,
            fontSize=8.5,
            leading=11,
            textColor=colors.HexColor("#444444"),
        ),
        "cell": ParagraphStyle("kda_cell", base, fontSize=8.5, leading=10.5),
        "small": ParagraphStyle(
            "kda_small", base, fontSize=8, leading=10, textColor=colors.HexColor("#555555")
        ),
        "plain": base,
    }


def _fixed(text: str) -> str:
    """Our own label text (no user input) as paragraph source: escaped, and checked against the
    font like user text (a label character the font lacks shows as its code, never vanishes)."""
    return escape(printable(text))


def _line(table: Text, key: str, lang: str, user: dict[str, str], **fixed: Any) -> str:
    """A label of ``table`` as paragraph source: the label's own text through :func:`_fixed`, each
    ``user`` field through :func:`inert` (placed by NUL-delimited marks the label splits on)."""
    marks = {f"\x00{i}\x00": k for i, k in enumerate(user)}
    text = table(key, lang, **fixed, **{k: m for m, k in marks.items()})
    return "".join(inert(user[marks[p]]) if p in marks else _fixed(p) for p in _MARK.split(text))


def _summary_table(
    notes: list[Note], today: dt.date, lang: str, style: ParagraphStyle, width: float
) -> Table:
    frame = markers.per_opd(notes, today, lang)
    header = [Paragraph(f"<b>{_fixed(str(c))}</b>", style) for c in frame.columns]
    rows = [
        [Paragraph(inert("—" if pd.isna(v) else str(v)), style) for v in row]
        for row in frame.astype(object).itertuples(index=False)
    ]
    # count columns as wide as their longest header word (never split mid-word); names share the rest
    counts = [
        max(pdfmetrics.stringWidth(w, BOLD, style.fontSize) for w in str(c).split()) + 14
        for c in frame.columns[2:]
    ]
    rest = max(width - sum(counts), width * 0.3)
    widths = [rest * 0.6, rest * 0.4, *counts]
    table = Table([header, *rows], colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#b0b6c0")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _who(note: Note) -> str:
    return note.author + (f" ({note.unit})" if note.unit else "")


def _stamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%d-%m-%Y %H:%M")


def _note_block(
    note: Note,
    changes: list[Change],
    lang: str,
    s: dict[str, ParagraphStyle],
    indicator_names: dict[str, str],
    region_names: dict[str, str],
    decimals: dict[str, int],
) -> list[Any]:
    t = TEXT
    status = MODEL_TEXT("status_" + note.status, lang)
    kind = MODEL_TEXT("kind_" + note.kind, lang)
    parts: list[Any] = [
        Paragraph(_fixed(t("head", lang, note=note.note_id, kind=kind, status=status)), s["head"]),
        Paragraph(
            _line(
                t,
                "pin",
                lang,
                {
                    "indicator": indicator_names.get(note.indicator, note.indicator),
                    "region": region_names.get(note.kode, note.kode),
                },
                year=note.tahun,
            ),
            s["meta"],
        ),
        Paragraph(inert(note.body), s["body"]),
        Paragraph(_line(t, "by", lang, {"author": _who(note)}, time=_stamp(note.created_at)), s["meta"]),
    ]
    if note.corrected_value is not None:
        value = fmt.number(note.corrected_value, decimals.get(note.indicator, 2), lang)
        parts.append(
            Paragraph(_line(t, "figure", lang, {"source": note.corrected_source}, value=value), s["meta"])
        )
    mine = [c for c in changes if c.note_id == note.note_id and c.old_status]
    if mine:
        parts.append(Paragraph(_fixed(t("history", lang)), s["meta"]))
    for c in mine:
        who = c.actor + f" ({c.role}" + (f", {c.opd}" if c.opd and c.role == "produsen" else "") + ")"
        old, new = (MODEL_TEXT("status_" + v, lang) for v in (c.old_status, c.new_status))
        line = _line(t, "change", lang, {"who": who}, time=_stamp(c.changed_at), old=old, new=new)
        if c.reason:
            line += ". " + _line(t, "reason", lang, {"reason": c.reason})
        if c.batch_id is not None:
            line += " · " + _fixed(t("batch", lang, batch=c.batch_id))
        parts.append(Paragraph("• " + line, s["meta"]))
    if not mine and note.reason:  # a reason without its log line (never expected; printed anyway)
        parts.append(Paragraph(_line(t, "reason", lang, {"reason": note.reason}), s["meta"]))
    return [KeepTogether(parts)]


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
    """The minutes of ``session`` as PDF bytes (same arguments as :func:`.minutes.build`)."""
    t, x = TEXT, XLSX_TEXT
    regions = region_names or {}
    names = indicator_names or {}
    places = decimals or {}
    s = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=x("title", lang, title=printable(session.title)),
        author="Kota Dalam Angka",
        invariant=1,
    )
    story: list[Any] = [Paragraph(_line(x, "title", lang, {"title": session.title}), s["title"])]
    authors: dict[str, None] = {}
    for n in sorted(notes, key=lambda n: n.note_id):
        authors[_who(n)] = None
    facts = [
        (x("date", lang), fmt.date(session.held_on, lang)),
        (x("place", lang), session.place),
        (x("region", lang), regions.get(session.kode, session.kode)),
        (x("count", lang), fmt.number(len(notes), 0, lang)),
        (t("participants", lang), "; ".join(authors) or x("none", lang)),
    ]
    for label, value in facts:
        story.append(Paragraph(f"<b>{_fixed(label)}:</b> {inert(value)}", s["plain"]))
    story.append(Paragraph(_fixed(x("by_opd", lang)), s["h2"]))
    if notes:
        story.append(_summary_table(notes, today, lang, s["cell"], doc.width))
    story.append(Paragraph(_fixed(t("notes", lang)), s["h2"]))
    if not notes:
        story.append(Paragraph(_fixed(t("no_notes", lang)), s["plain"]))
    groups: dict[tuple[str, tuple[str, ...]], list[Note]] = {}
    for n in sorted(notes, key=lambda n: (n.producer, ", ".join(n.opds), n.note_id)):
        groups.setdefault((n.producer, n.opds), []).append(n)
    for (producer, opds), members in groups.items():
        accounts = ", ".join([*opds, markers.TEXT("walidata", lang)])
        count = fmt.number(len(members), 0, lang)
        head = _line(t, "group", lang, {"producer": producer, "opds": accounts}, n=count)
        story.append(Paragraph(head, s["h3"]))
        for n in members:
            story.extend(_note_block(n, changes, lang, s, names, regions, places))
    story.append(Paragraph(_fixed(x("decisions", lang)), s["h2"]))
    for i, d in enumerate(decisions, start=1):
        story.append(Paragraph(f"{i}. {inert(d.text)}", s["plain"]))
        when = _line(t, "decided", lang, {"actor": d.actor}, time=_stamp(d.decided_at))
        story.append(Paragraph(when, s["meta"]))
    if not decisions:
        story.append(Paragraph(_fixed(x("none", lang)), s["plain"]))
    story.append(Spacer(1, 6 * mm))
    story.append(Paragraph(_fixed(x("made", lang, date=fmt.date(today, lang))), s["small"]))
    story.append(Paragraph(_fixed(t("codes", lang)), s["small"]))
    footer = _footer(t, lang, fmt.date(session.held_on, lang))
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _footer(t: Text, lang: str, date: str) -> Callable[[Any, Any], None]:
    def draw(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(doc.leftMargin, 10 * mm, t("footer", lang, date=date, page=doc.page))
        canvas.restoreState()

    return draw


def file_name(session: FgdSession) -> str:
    return f"notulen_fgd_{session.held_on:%Y%m%d}_{session.session_id}.pdf"
