"""Where open notes show: a card badge, a map outline, a chart annotation, tables per OPD.

All pure: notes in, a label / plotly trace / annotation / DataFrame out. The Streamlit glue is
:mod:`dalamangka.ui.notes`. User text never enters a marker (only counts, statuses, codes), so a
marker can go into labels that Streamlit renders as markdown.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go

from dalamangka import fmt
from dalamangka.i18n import Text
from dalamangka.notes.model import OPEN, STATUSES, Note
from dalamangka.notes.model import TEXT as MODEL_TEXT

TEXT = Text(
    {
        "badge": ("{n} catatan terbuka", "{n} open notes"),
        "badge_one": ("1 catatan terbuka", "1 open note"),
        "flag": ("⚑ {n} catatan", "⚑ {n} notes"),
        "col_id": ("No.", "No."),
        "col_created": ("Ditulis", "Written"),
        "col_age": ("Umur (hari)", "Age (days)"),
        "col_indicator": ("Indikator", "Indicator"),
        "col_region": ("Wilayah", "Region"),
        "col_year": ("Tahun", "Year"),
        "col_kind": ("Jenis", "Type"),
        "col_body": ("Catatan", "Note"),
        "col_author": ("Penulis", "Author"),
        "col_unit": ("Unit", "Unit"),
        "col_figure": ("Angka koreksi", "Corrected figure"),
        "col_source": ("Sumber koreksi", "Source of correction"),
        "col_producer": ("Produsen", "Producer"),
        "col_opd": ("Akun OPD", "OPD accounts"),
        "col_status": ("Status", "Status"),
        "col_reason": ("Alasan / keterangan", "Reason / remark"),
        "col_batch": ("Batch impor perbaikan", "Fixing import batch"),
        "col_open": ("Terbuka", "Open"),
        "col_new": ("Baru", "New"),
        "col_verified": ("Diverifikasi", "Verified"),
        "col_fixed": ("Diperbaiki", "Fixed"),
        "col_rejected": ("Ditolak", "Rejected"),
        "col_oldest": ("Umur catatan terbuka tertua (hari)", "Oldest open note (days)"),
        "walidata": ("walidata", "data custodian"),
        "batch_ref": ("batch #{batch}", "batch #{batch}"),
    }
)


@dataclass(frozen=True)
class Badge:
    label: str
    color: str  # a Streamlit badge colour
    count: int


def open_on(notes: list[Note], indicator: str, kode: str, tahun: int | None = None) -> list[Note]:
    """The open notes pinned to ``indicator`` x ``kode`` (x ``tahun`` when given)."""
    return [
        n
        for n in notes
        if n.status in OPEN
        and n.indicator == indicator
        and n.kode == kode
        and (tahun is None or n.tahun == tahun)
    ]


def card_badge(notes: list[Note], indicator: str, kode: str, lang: str = "id") -> Badge | None:
    """ "2 catatan terbuka · baru" for a headline card, or None when the figure has none open.
    Red while any is still new, orange when all are verified (a fix is under way)."""
    pinned = open_on(notes, indicator, kode)
    if not pinned:
        return None
    n = len(pinned)
    statuses = Counter(p.status for p in pinned)
    count = TEXT("badge_one", lang) if n == 1 else TEXT("badge", lang, n=fmt.number(n, 0, lang))
    parts = [
        f"{fmt.number(statuses[s], 0, lang)} {MODEL_TEXT('status_' + s, lang)}"
        for s in STATUSES
        if statuses[s]
    ]
    return Badge(f"{count} · {', '.join(parts)}", "red" if statuses["baru"] else "orange", n)


def outlined_kodes(notes: list[Note], indicator: str, tahun: int | None = None) -> list[str]:
    """Region codes with an open note on ``indicator`` (in ``tahun``), for a map outline."""
    return sorted(
        {
            n.kode
            for n in notes
            if n.status in OPEN and n.indicator == indicator and (tahun is None or n.tahun == tahun)
        }
    )


def chart_flags(notes: list[Note], indicator: str, kode: str, lang: str = "id") -> list[dict[str, Any]]:
    """Plotly annotations "⚑ n catatan" above each year of a trend with open notes."""
    years = Counter(n.tahun for n in open_on(notes, indicator, kode))
    return [
        {
            "x": year,
            "y": 1.0,
            "xref": "x",
            "yref": "paper",
            "yanchor": "bottom",
            "text": TEXT("flag", lang, n=fmt.number(count, 0, lang)),
            "showarrow": False,
            "font": {"color": "#d62728", "size": 12},
            "name": "catatan",
        }
        for year, count in sorted(years.items())
    ]


_HOISTED = ("$schema", "width", "height", "title", "config", "autosize", "padding", "background")


def annotate(figure: Any, flags: list[dict[str, Any]]) -> Any:
    """The chart with its note flags: a plotly Figure gets annotations; a Vega-Lite spec (dict)
    becomes a layer of the chart and a text mark per flagged year. The input is not changed."""
    if not flags:
        return figure
    if isinstance(figure, go.Figure):
        out = go.Figure(figure)
        for flag in flags:
            out.add_annotation(**flag)
        return out
    spec = copy.deepcopy(figure)
    outer = {k: spec.pop(k) for k in _HOISTED if k in spec}
    x_field = "tahun"
    encoding = spec.get("encoding", {})
    if isinstance(encoding.get("x"), dict) and "field" in encoding["x"]:
        x_field = encoding["x"]["field"]
    marks = {
        "data": {"values": [{x_field: f["x"], "catatan": f["text"]} for f in flags]},
        "mark": {"type": "text", "color": "#d62728", "dy": -8, "baseline": "bottom"},
        "encoding": {
            "x": {**encoding.get("x", {}), "field": x_field},
            "y": {"value": 0},
            "text": {"field": "catatan"},
        },
    }
    layers = spec.pop("layer") if "layer" in spec and len(spec) == 1 else [spec]
    return {**outer, "layer": [*layers, marks]}


def _age(note: Note, today: dt.date) -> int:
    return (today - note.created_at.date()).days


def per_opd(notes: list[Note], today: dt.date, lang: str = "id") -> pd.DataFrame:
    """One row per producer (and its OPD accounts): open, new, verified, fixed, rejected notes
    and the age of the oldest open one. Sorted by open notes, then oldest."""
    t = TEXT
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for n in notes:
        key = (n.producer, ", ".join(n.opds))
        row = rows.setdefault(key, {s: 0 for s in STATUSES} | {"oldest": None})
        row[n.status] += 1
        if n.status in OPEN:
            age = _age(n, today)
            row["oldest"] = age if row["oldest"] is None else max(row["oldest"], age)
    records = [
        {
            t("col_producer", lang): producer,
            t("col_opd", lang): opds or "—",
            t("col_open", lang): r["baru"] + r["diverifikasi"],
            t("col_new", lang): r["baru"],
            t("col_verified", lang): r["diverifikasi"],
            t("col_fixed", lang): r["diperbaiki"],
            t("col_rejected", lang): r["ditolak"],
            t("col_oldest", lang): r["oldest"],
        }
        for (producer, opds), r in rows.items()
    ]
    frame = pd.DataFrame(
        records,
        columns=[t(c, lang) for c in ("col_producer", "col_opd", "col_open", "col_new", "col_verified",
                                      "col_fixed", "col_rejected", "col_oldest")],
    )  # fmt: skip
    oldest = t("col_oldest", lang)
    frame[oldest] = frame[oldest].astype("Int64")
    return frame.sort_values([t("col_open", lang), oldest], ascending=False, na_position="last").reset_index(
        drop=True
    )


def table(
    notes: list[Note],
    lang: str = "id",
    *,
    today: dt.date,
    indicator_names: dict[str, str] | None = None,
    region_names: dict[str, str] | None = None,
    decimals: dict[str, int] | None = None,
) -> pd.DataFrame:
    """The notes as text columns for ``st.dataframe`` (shown as plain text, never as markup)."""
    t = TEXT
    names = indicator_names or {}
    regions = region_names or {}
    places = decimals or {}
    records = []
    for n in notes:
        figure = (
            ""
            if n.corrected_value is None
            else fmt.number(n.corrected_value, places.get(n.indicator, 2), lang)
        )
        records.append(
            {
                t("col_id", lang): n.note_id,
                t("col_status", lang): MODEL_TEXT("status_" + n.status, lang),
                t("col_age", lang): _age(n, today),
                t("col_indicator", lang): names.get(n.indicator, n.indicator),
                t("col_region", lang): regions.get(n.kode, n.kode),
                t("col_year", lang): str(n.tahun),
                t("col_kind", lang): MODEL_TEXT("kind_" + n.kind, lang),
                t("col_body", lang): n.body,
                t("col_author", lang): n.author + (f" ({n.unit})" if n.unit else ""),
                t("col_figure", lang): figure,
                t("col_source", lang): n.corrected_source,
                t("col_producer", lang): n.producer,
                t("col_opd", lang): ", ".join(n.opds) + (", " if n.opds else "") + t("walidata", lang),
                t("col_reason", lang): n.reason,
                t("col_batch", lang): "" if n.batch_id is None else t("batch_ref", lang, batch=n.batch_id),
            }
        )
    keys = ("col_id", "col_status", "col_age", "col_indicator", "col_region", "col_year", "col_kind",
            "col_body", "col_author", "col_figure", "col_source", "col_producer", "col_opd", "col_reason",
            "col_batch")  # fmt: skip
    columns = [t(k, lang) for k in keys]
    return pd.DataFrame(records, columns=columns)


def note_params(
    indicator: str | None, kode: str, tahun: int | None, session_id: int | None = None
) -> dict[str, str]:
    """The Catatan page's parameters for a note on a figure: ``ind``, ``wilayah`` (kota or
    kecamatan code), ``tahun`` and the FGD ``sesi`` when given."""
    params = {"ind": indicator} if indicator else {}
    params["wilayah"] = kode
    if tahun is not None:
        params["tahun"] = str(tahun)
    if session_id is not None:
        params["sesi"] = str(session_id)
    return params


def note_link(
    base: str, indicator: str | None, kode: str, tahun: int | None, session_id: int | None = None
) -> str:
    """The Catatan page opened on a figure (for a slide's QR code, a map region or a trend table
    row): ``<base>/catatan?ind=ipm&wilayah=1275&tahun=2023`` (:func:`note_params`; the sidebar's
    city and language stay as the phone has them)."""
    return f"{base.rstrip('/')}/catatan?{urlencode(note_params(indicator, kode, tahun, session_id))}"
