"""What the import page shows, without Streamlit: its texts, the preview tables with figures
written by :mod:`dalamangka.fmt`, and the handling of an uploaded file's bytes."""

from __future__ import annotations

import datetime as dt
import math
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from dalamangka import fmt
from dalamangka.i18n import Text
from dalamangka.importer import dalam_angka_xlsx, plan, webapi
from dalamangka.importer.model import ImportFailed, Parsed
from dalamangka.importer.plan import Plan
from dalamangka.importer.validate import Options

TEXT = Text(
    {
        "title": ("Impor data", "Import data"),
        "intro": (
            "Walidata (Diskominfo) dan produsen data (OPD) memasukkan tabel BPS berikutnya ke gudang "
            "data: unggah berkas, periksa pratinjau, lalu simpan. Melihat dasbor tidak perlu masuk.",
            "The walidata (Diskominfo) and data producers (OPD) bring the next BPS table into the "
            "warehouse: upload a file, check the preview, then save. Viewing needs no login.",
        ),
        "template": ("Unduh templat {name}", "Download the {name} template"),
        "template_help": (
            "Templat CSV berisi kode wilayah kota dan kecamatannya; isi indikator, tahun, nilai, satuan.",
            "A CSV template with the codes of the city and its kecamatan; fill in indicator, year, value.",
        ),
        "login": ("Masuk untuk mengimpor", "Log in to import"),
        "logged_in": ("Masuk sebagai {user} ({role}{opd}).", "Logged in as {user} ({role}{opd})."),
        "logout": ("Keluar", "Log out"),
        "upload": ("Berkas tabel (XLSX, CSV atau JSON WebAPI)", "Table file (XLSX, CSV or WebAPI JSON)"),
        "format": ("Format dikenali: {format}", "Format detected: {format}"),
        "format_bps_xlsx": ("tabel dinamis BPS (XLSX)", "BPS dynamic table (XLSX)"),
        "format_bps_csv": ("ekspor CSV situs BPS", "BPS website CSV export"),
        "format_dalam_angka_xlsx": ("tabel Dalam Angka (XLSX)", "Dalam Angka table (XLSX)"),
        "format_webapi_json": ("respons WebAPI BPS (JSON)", "BPS WebAPI response (JSON)"),
        "format_template": ("templat impor", "import template"),
        "indicator": ("Indikator", "Indicator"),
        "indicator_col": ("Indikator kolom {col}: {label}", "Indicator of column {col}: {label}"),
        "skip": ("— lewati kolom ini —", "— skip this column —"),
        "decimal": ("Pemisah desimal", "Decimal mark"),
        "decimal_auto": ("kenali dari berkas", "detect from the file"),
        "status": ("Status angka", "Status of the figures"),
        "publisher": ("Penerbit sumber", "Publisher"),
        "publication": ("Publikasi", "Publication"),
        "table": ("Tabel", "Table"),
        "licence": ("Lisensi", "Licence"),
        "preview": ("Buat pratinjau", "Make the preview"),
        "counts": ("Pratinjau {file}", "Preview of {file}"),
        "new": ("Baru", "New"),
        "changed": ("Berubah", "Changed"),
        "unchanged": ("Sama", "Unchanged"),
        "missing": ("Sel simbol", "Symbol cells"),
        "save": ("Simpan ke gudang data", "Save to the warehouse"),
        "saved": (
            "Tersimpan sebagai batch {batch}: {new} angka baru, {changed} berubah. Dasbor memakai data baru.",
            "Saved as batch {batch}: {new} new figures, {changed} changed. The dashboard uses the new data.",
        ),
        "failed": (
            "Impor dibatalkan; gudang data tidak berubah.",
            "Import cancelled; the warehouse is unchanged.",
        ),
        "nothing": ("Tidak ada angka baru atau berubah.", "No new or changed figures."),
        "webapi": ("Ambil dari WebAPI BPS", "Fetch from the BPS WebAPI"),
        "webapi_key": (
            "Kunci WebAPI Anda (tidak disimpan)",
            "Your WebAPI key (not stored)",
        ),
        "webapi_domain": ("Domain (mis. 1275)", "Domain (e.g. 1275)"),
        "webapi_var": ("Id variabel", "Variable id"),
        "webapi_fetch": ("Ambil", "Fetch"),
        "col_region": ("Wilayah", "Region"),
        "col_indicator": ("Indikator", "Indicator"),
        "col_year": ("Tahun", "Year"),
        "col_value": ("Nilai", "Value"),
        "col_old": ("Nilai lama", "Old value"),
        "col_status": ("Status", "Status"),
        "col_row": ("Baris", "Row"),
        "col_symbol": ("Simbol", "Symbol"),
        "col_meaning": ("Arti", "Meaning"),
        "history": ("Riwayat impor", "Import history"),
        "sheet": ("Lembar", "Sheet"),
        "per_column": (
            "Indikator per kolom (opsional; kolom yang tidak dipilih dilewati)",
            "Indicator per column (optional; columns not chosen are skipped)",
        ),
        "city": ("Kota/kabupaten tabel kecamatan ini", "City/regency of this district table"),
        "indicator_rincian": ("Indikator rincian '{label}'", "Indicator of breakdown '{label}'"),
        "rincian_auto": (
            "Rincian {labels} masing-masing menjadi indikator sendiri (yang 'Jumlah' = indikator terpilih).",
            "Breakdowns {labels} each become an indicator of their own ('Jumlah' = the chosen one).",
        ),
        "new_indicator": ("Indikator baru", "New indicator"),
        "new_code": (
            "Kode indikator baru (huruf kecil, angka, _)",
            "New indicator code (lower case, digits, _)",
        ),
        "new_name": ("Nama indikator", "Indicator name"),
        "new_unit": ("Satuan", "Unit"),
        "new_definition": ("Definisi", "Definition"),
        "new_bad_code": (
            "Kode indikator baru hanya boleh huruf kecil, angka dan _ (3-60 karakter).",
            "A new indicator code may only hold lower case letters, digits and _ (3-60 characters).",
        ),
    }
)


REVISION = Text({"revised": ("direvisi dari {old} pada {date}", "revised from {old} on {date}")})


def revision_note(old: float, revised_at: dt.datetime, unit: str, decimals: int, lang: str = "id") -> str:
    """The line a chart or card prints under a revised figure (a row of fact_revisions_latest):
    ``"direvisi dari 5,71 % pada 21 November 2026"``."""
    return REVISION(
        "revised", lang, old=fmt.value(old, unit, decimals, lang), date=fmt.date(revised_at.date(), lang)
    )


@dataclass(frozen=True)
class Upload:
    """An uploaded file: its name and bytes (kept in the page's session between reruns)."""

    name: str
    data: bytes


def _with_file(upload: Upload) -> tempfile.TemporaryDirectory[str]:
    tmp = tempfile.TemporaryDirectory(prefix="impor-")
    safe = Path(upload.name).name or "berkas"
    (Path(tmp.name) / safe).write_bytes(upload.data)
    return tmp


NEW_CODE = re.compile(r"^[a-z][a-z0-9_]{2,59}$")


def new_indicator(code: str, name: str, unit: str, definition: str) -> dict[str, dict[str, Any]]:
    """The page's new-indicator form as ``Options.new_indicators`` (empty if no code given)."""
    code = code.strip()
    if not code:
        return {}
    return {code: {"name_id": name.strip(), "unit_id": unit.strip(), "definition_id": definition.strip()}}


def markdown_safe(message: str) -> str:
    """A message quoting file cells, shown inert in Streamlit markdown (no links, no markup)."""
    return re.sub(r"([\\`*_{}\[\]()<>#+!|~$-])", r"\\\1", message)


def inspect(upload: Upload, sheet: str | None = None) -> Parsed:
    """The parsed file (format, title, columns, notes) before indicators are chosen."""
    with _with_file(upload) as d:
        return plan.parse(Path(d) / Path(upload.name).name, Options(sheet=sheet))


def prepare_upload(upload: Upload, warehouse: Path, options: Options) -> Plan:
    with _with_file(upload) as d:
        return plan.prepare(Path(d) / Path(upload.name).name, warehouse, options, file_name=upload.name)


def fetch_webapi(domain: str, var_id: str, key: str, warehouse: Path, options: Options) -> Plan:
    """Fetch live with the user's key (used for this request only) and prepare the preview."""
    doc = webapi.fetch(domain.strip(), var_id.strip(), key.strip())
    return plan.prepare_webapi(doc, warehouse, options, f"webapi_domain{domain}_var{var_id}.json")


def wants_city(parsed: Parsed) -> bool:
    """Tables whose rows are the kecamatan of one city: the city must be chosen."""
    return parsed.kecamatan or parsed.format == dalam_angka_xlsx.FORMAT


def preview_frames(p: Plan, lang: str, decimals: dict[str, int]) -> dict[str, pd.DataFrame]:
    """New, changed, unchanged figures and symbol cells as tables with formatted numbers."""

    def number(value: object, indicator: str) -> str:
        x = float(str(value)) if value is not None else math.nan
        return fmt.number(None if math.isnan(x) else x, int(decimals.get(indicator, 2)), lang)

    out: dict[str, pd.DataFrame] = {}
    for key, change in (("new", "baru"), ("changed", "berubah"), ("unchanged", "sama")):
        part = p.part(change)
        frame = pd.DataFrame(
            {
                TEXT("col_row", lang): part.get("row", pd.Series(dtype=int)),
                TEXT("col_region", lang): part.get("nama", pd.Series(dtype=str)),
                TEXT("col_indicator", lang): part.get("indicator", pd.Series(dtype=str)),
                TEXT("col_year", lang): part.get("tahun", pd.Series(dtype=int)),
                TEXT("col_value", lang): [
                    number(v, i)
                    for v, i in zip(part.get("nilai", []), part.get("indicator", []), strict=True)
                ],
                TEXT("col_status", lang): part.get("status", pd.Series(dtype=str)),
            }
        )
        if key == "changed":
            olds = [
                number(v, i)
                for v, i in zip(part.get("old_nilai", []), part.get("indicator", []), strict=True)
            ]
            frame.insert(4, TEXT("col_old", lang), olds)
        out[key] = frame
    missing = p.missing
    out["missing"] = pd.DataFrame(
        {
            TEXT("col_row", lang): missing.get("row", pd.Series(dtype=int)),
            TEXT("col_indicator", lang): missing.get("indicator", pd.Series(dtype=str)),
            TEXT("col_region", lang): missing.get("kode", pd.Series(dtype=str)),
            TEXT("col_year", lang): missing.get("tahun", pd.Series(dtype=int)),
            TEXT("col_symbol", lang): missing.get("symbol", pd.Series(dtype=str)),
            TEXT("col_meaning", lang): missing.get("meaning", pd.Series(dtype=str)),
        }
    )
    return out


__all__ = [
    "TEXT",
    "ImportFailed",
    "Upload",
    "fetch_webapi",
    "inspect",
    "markdown_safe",
    "new_indicator",
    "prepare_upload",
    "preview_frames",
    "wants_city",
]
