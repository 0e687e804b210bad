"""The "Tentang data" panel: what a figure means and how much to trust it, built from query rows.

:func:`build_panel` turns ``about_indicator`` rows (metadata and sources) and ``about_figures``
rows (years, statuses and boundary vintages for a region) into an :class:`AboutPanel` of labelled
sections; :func:`dalamangka.ui.about_panel` draws it. Unknown MS-Indikator fields are shown as
"tidak diketahui", never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from dalamangka import fmt, quality
from dalamangka.i18n import COMMON, Text

TEXT = Text(
    {
        "button": ("Tentang data", "About the data"),
        "unknown": ("tidak diketahui", "unknown"),
        "yes": ("ya", "yes"),
        "no": ("tidak", "no"),
        "definition": ("Definisi", "Definition"),
        "unit": ("Satuan", "Unit"),
        "method": ("Cara penghitungan", "How it is computed"),
        "derived": ("Dihitung dasbor: {formula}", "Computed by the dashboard: {formula}"),
        "source": ("Sumber (publikasi dan tabel)", "Source (publication and table)"),
        "status": ("Status angka", "Status of the figure"),
        "updated": ("Pembaruan", "Updates"),
        "updated_text": (
            "Angka terakhir untuk {region}: {year}. Diperbarui tiap {every} tahun; angka berikutnya "
            "diharapkan untuk tahun {next}.",
            "Latest figure for {region}: {year}. Updated every {every} years; the next figure is expected "
            "for {next}.",
        ),
        "updated_none": (
            "Belum ada angka untuk {region}. Tahun terakhir di gudang data: {year}.",
            "No figure for {region} yet. Latest year in the warehouse: {year}.",
        ),
        "updated_global": ("Tahun terakhir di gudang data: {year}.", "Latest year in the warehouse: {year}."),
        "caveats": ("Catatan dan peringatan", "Caveats"),
        "series_break": (
            "Seri lain untuk konsep yang sama: {others}. Seri berbeda (metode, produsen atau batas) tidak "
            "boleh disambung menjadi satu garis.",
            "Other series of the same concept: {others}. Different series (method, producer or boundaries) "
            "must not be joined into one line.",
        ),
        "registry": (
            "Ini hitungan registrasi Dukcapil, bukan sensus/proyeksi BPS; kedua angka sah tetapi berbeda.",
            "This is a Dukcapil registry count, not a BPS census or projection; both are real but differ.",
        ),
        "boundary": (
            "Angka kecamatan ({years}) dipetakan ke wilayah dengan batas: {vintage}. "
            "Angka tiap tahun memakai batas kecamatan pada tahunnya; kecamatan hasil pemekaran "
            "tidak dapat dibandingkan langsung.",
            "Kecamatan figures ({years}) are linked to regions with boundaries: {vintage}. "
            "Each year's figures use that year's kecamatan boundaries; split kecamatan are not "
            "directly comparable.",
        ),
        "rse": ("Keandalan (RSE)", "Reliability (RSE)"),
        "metadata": ("Metadata MS-Indikator", "MS-Indikator metadata"),
        "metadata_note": (
            "Kolom metadata ditulis dalam Bahasa Indonesia.",
            "Metadata fields are written in Bahasa Indonesia.",
        ),
        "not_found": ("Indikator {code} tidak dikenal.", "Unknown indicator {code}."),
    }
)


@dataclass(frozen=True)
class AboutPanel:
    """The content of one "Tentang data" panel, formatted for one language."""

    indicator: str
    title: str
    sections: list[tuple[str, str]]
    badges: list[quality.Badge] = field(default_factory=list)
    metadata: list[tuple[str, str]] = field(default_factory=list)

    def text(self) -> str:
        """Everything in the panel as plain text (tests and screen readers)."""
        parts = [self.title]
        parts += [f"{label}: {body}" for label, body in self.sections]
        parts += [f"{label}: {body}" for label, body in self.metadata]
        parts += [b.label for b in self.badges]
        return "\n".join(parts)


def _value(value: Any, lang: str) -> str:
    if quality.is_missing(value):
        return TEXT("unknown", lang)
    if isinstance(value, bool | np.bool_):
        return TEXT("yes" if bool(value) else "no", lang)
    return str(value)


def _names(codes: str, names: dict[str, str]) -> str:
    return ", ".join(names.get(c, c) for c in codes.split(",") if c)


def build_panel(
    info: pd.DataFrame,
    figures: pd.DataFrame,
    region_name: str | None,
    current_year: int,
    lang: str = "id",
    names: dict[str, str] | None = None,
    latest_anywhere: int | None = None,
    rse: float | None = None,
) -> AboutPanel:
    """The panel for one indicator: ``info`` = about_indicator rows (one per source), ``figures`` =
    about_figures rows for the region (may be empty), ``names`` = code -> name of other series."""
    if info.empty:
        return AboutPanel(
            "", TEXT("button", lang), [(TEXT("button", lang), TEXT("not_found", lang, code="?"))]
        )
    m = info.iloc[0]
    code = str(m["code"])
    en = lang == "en"
    unit = str(m["unit_en"] if en else m["unit_id"])
    sections: list[tuple[str, str]] = [
        (TEXT("definition", lang), str(m["definition_en"] if en else m["definition_id"])),
        (TEXT("unit", lang), unit),
    ]
    method = _value(m["method_id"], lang)
    formula = m["derived_formula"]
    if not quality.is_missing(formula):
        known = method != TEXT("unknown", lang)
        if known and str(formula) in method:
            method = TEXT("derived", lang, formula=method)
        else:
            method = TEXT("derived", lang, formula=formula) + (f" — {method}" if known else "")
    sections.append((TEXT("method", lang), method))
    cites = []
    for s in info.dropna(subset=["source_id"]).itertuples():
        table = f" — {s.table_name}" if not quality.is_missing(s.table_name) else ""
        cites.append(f"[{s.source_id}] {s.publisher}: {s.publication}{table}")
    sections.append((TEXT("source", lang), "\n".join(cites) or TEXT("unknown", lang)))

    own = figures[figures.tingkat == "wilayah"] if len(figures) else figures
    latest = int(own.tahun.max()) if len(own) else None
    statuses = sorted({st for v in own.status for st in str(v).split(",")}) if len(own) else []
    if not statuses:
        statuses = sorted({str(s) for s in info.status.dropna()})
    sections.append(
        (
            TEXT("status", lang),
            ", ".join(COMMON("status_" + s, lang) for s in statuses) or TEXT("unknown", lang),
        )
    )
    every = None if quality.is_missing(m["update_years"]) else int(m["update_years"])
    if latest is not None and region_name:
        nxt = latest + every if every else TEXT("unknown", lang)
        updated = TEXT("updated_text", lang, region=region_name, year=latest, every=every or "?", next=nxt)
    elif region_name:
        updated = TEXT(
            "updated_none", lang, region=region_name, year=latest_anywhere or TEXT("unknown", lang)
        )
    else:
        updated = TEXT("updated_global", lang, year=latest_anywhere or TEXT("unknown", lang))
    sections.append((TEXT("updated", lang), updated))

    caveats: list[str] = []
    others = m["seri_lain"]
    n_series = 1
    if not quality.is_missing(others):
        caveats.append(TEXT("series_break", lang, others=_names(str(others), names or {})))
        n_series += len(str(others).split(","))
    producer = str(m["producer"])
    if "dukcapil" in producer.lower():
        caveats.append(TEXT("registry", lang))
    kec = figures[figures.tingkat == "kecamatan"] if len(figures) else figures
    if len(kec):
        vintages = sorted({v for x in kec.batas_vintage.dropna() for v in str(x).split("; ")})
        years = ", ".join(str(int(y)) for y in sorted(kec.tahun.unique()))
        caveats.append(
            TEXT("boundary", lang, years=years, vintage="; ".join(vintages) or TEXT("unknown", lang))
        )
    for s in info.dropna(subset=["caveats"]).itertuples():
        caveats.append(f"[{s.source_id}] {s.caveats}")
    if caveats:
        sections.append((TEXT("caveats", lang), "\n".join(f"- {c}" for c in caveats)))
    level = quality.rse_level(rse)
    rse_text = quality.TEXT("rse_none", lang) if level is None else fmt.value(rse, "persen", 1, lang)
    sections.append((TEXT("rse", lang), rse_text))

    meta = [(quality.field_label(f, lang), _value(m.get(f), lang)) for f, _, _ in quality.MS_FIELDS
            if f not in ("name_id", "definition_id", "unit_id", "publikasi") and f in m.index]  # fmt: skip
    if en:
        meta.append(("", TEXT("metadata_note", lang)))
    status_for_badge = statuses[0] if len(statuses) == 1 else None
    flags = quality.badges(status_for_badge, latest, every, current_year, n_series, producer, rse, lang)
    return AboutPanel(
        indicator=code,
        title=str(m["name_en"] if en else m["name_id"]),
        sections=sections,
        badges=flags,
        metadata=meta,
    )


# ---------------------------------------------------------------- metadata catalogue

CATALOG = Text(
    {
        "code": ("Kode indikator", "Indicator code"),
        "producer": ("Produsen", "Producer"),
        "sources": ("Sumber", "Sources"),
        "years": ("Tahun", "Years"),
        "regions": ("Wilayah", "Regions"),
        "complete": ("Kelengkapan metadata", "Metadata completeness"),
        "unknown_fields": ("Kolom belum diketahui", "Fields still unknown"),
        "field": ("Kolom MS-Indikator", "MS-Indikator field"),
        "value": ("Isi", "Value"),
        "badges": ("Penanda kualitas (angka terakhir)", "Quality flags (latest figure)"),
    }
)


def metadata_form(row: pd.Series, lang: str = "id") -> pd.DataFrame:
    """One indicator's MS-Indikator form (catalog_indicators row): field and value, unknown marked."""
    fields = quality.applicable_fields({str(k): v for k, v in row.items()})
    values = []
    for f in fields:
        v = row.get(f)
        if f == "name_id" and lang == "en":
            v = row.get("name_en")
        if f == "definition_id" and lang == "en":
            v = row.get("definition_en")
        if f == "unit_id" and lang == "en":
            v = row.get("unit_en")
        values.append((quality.field_label(f, lang), _value(v, lang)))
    return pd.DataFrame(values, columns=[CATALOG("field", lang), CATALOG("value", lang)])


def catalog_table(
    catalog: pd.DataFrame, completeness: pd.DataFrame, lang: str = "id", current_year: int | None = None
) -> pd.DataFrame:
    """The catalogue on screen and in the download: one row per indicator with its producer,
    sources, years, completeness of its metadata, the quality badges of its latest figure (when
    ``current_year`` is given) and every MS-Indikator field (unknown marked)."""
    done = completeness.set_index("indicator")
    flags: list[str] = []
    if current_year is not None:
        latest = catalog.rename(columns={"code": "indicator", "tahun_akhir": "tahun"})
        flags = quality.badge_texts(latest, catalog, current_year, lang)
    rows = []
    for i, (_, rec) in enumerate(catalog.iterrows()):
        code = str(rec["code"])
        first, last = rec["tahun_awal"], rec["tahun_akhir"]
        years = (
            "–"
            if quality.is_missing(first)
            else f"{int(first)}–{int(last)}"
            if first != last
            else str(int(first))
        )
        filled: Any = done.loc[code, "terisi"]
        applicable: Any = done.loc[code, "wajib"]
        row: dict[str, Any] = {
            CATALOG("code", lang): code,
            quality.field_label("name_id", lang): rec["name_en" if lang == "en" else "name_id"],
            CATALOG("producer", lang): rec["producer"],
            CATALOG("sources", lang): _value(rec["sumber"], lang),
            CATALOG("years", lang): years,
            CATALOG("regions", lang): fmt.number(
                None if quality.is_missing(rec["jumlah_wilayah"]) else float(rec["jumlah_wilayah"]), 0, lang
            ),
            CATALOG("complete", lang): f"{fmt.number(filled, 0, lang)}/{fmt.number(applicable, 0, lang)}",
            CATALOG("unknown_fields", lang): done.loc[code, "kurang"] or "–",
        }
        if flags:
            row[CATALOG("badges", lang)] = flags[i] or "–"
        form = metadata_form(rec, lang)
        for label, value in form.itertuples(index=False):
            if label not in row:
                row[label] = value
        rows.append(row)
    return pd.DataFrame(rows)
