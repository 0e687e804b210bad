"""The values that travel along the path of a file: parsed rows, problems, and the plan.

A problem is a value (not an exception) that names the row and column of the file, says what is
wrong and how to fix it, in Bahasa Indonesia first and English. :class:`ImportFailed` carries a
list of them out of any step; nothing is written while one exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dalamangka.i18n import Text

MESSAGES = Text(
    {
        "where_row_col": ("Baris {row}, kolom {column}: ", "Row {row}, column {column}: "),
        "where_row": ("Baris {row}: ", "Row {row}: "),
        "fix": ("Perbaikan: ", "Fix: "),
        # whole-file problems
        "empty_file": ("Berkas kosong.", "The file is empty."),
        "empty_file_fix": ("Unggah berkas yang berisi tabel.", "Upload a file that holds a table."),
        "too_big": (
            "Berkas terlalu besar ({size} MB; batas {limit} MB).",
            "The file is too large ({size} MB; the limit is {limit} MB).",
        ),
        "too_big_fix": (
            "Pecah berkas menjadi beberapa bagian, misalnya per indikator atau per tahun.",
            "Split the file, for example by indicator or by year.",
        ),
        "too_many_rows": (
            "Berkas memuat {n} baris (batas {limit}).",
            "The file has {n} rows (limit {limit}).",
        ),
        "unknown_format": (
            "Format berkas tidak dikenali ({detail}).",
            "The file format was not recognised ({detail}).",
        ),
        "unknown_format_fix": (
            "Gunakan unduhan tabel dinamis BPS (XLSX/CSV), tabel Dalam Angka (XLSX), respons WebAPI "
            "BPS (JSON) atau templat impor.",
            "Use a BPS dynamic-table download (XLSX/CSV), a Dalam Angka table (XLSX), a BPS WebAPI "
            "response (JSON) or the import template.",
        ),
        "broken_xlsx": (
            "Berkas XLSX rusak atau bukan XLSX ({detail}).",
            "The XLSX file is broken ({detail}).",
        ),
        "broken_xlsx_fix": (
            "Buka berkas di Excel/LibreOffice lalu simpan ulang sebagai .xlsx.",
            "Open it in Excel/LibreOffice and save it again as .xlsx.",
        ),
        "broken_text": (
            "Berkas tidak dapat dibaca sebagai teks ({detail}).",
            "The file cannot be read as text ({detail}).",
        ),
        "broken_text_fix": ("Simpan ulang sebagai CSV UTF-8.", "Save it again as UTF-8 CSV."),
        "broken_json": ("Berkas JSON rusak ({detail}).", "The JSON file is broken ({detail})."),
        "broken_json_fix": (
            "Simpan ulang respons WebAPI apa adanya, tanpa menyunting.",
            "Save the WebAPI response again as it is, without editing.",
        ),
        "webapi_status": (
            "Respons WebAPI tidak berisi data (status {status}, ketersediaan {availability}).",
            "The WebAPI response holds no data (status {status}, availability {availability}).",
        ),
        "webapi_status_fix": (
            "Periksa id variabel, domain dan tahun, lalu ambil ulang.",
            "Check the variable id, domain and year, then fetch again.",
        ),
        "webapi_key": (
            "Kunci datacontent '{datakey}' tidak dapat diurai.",
            "datacontent key '{datakey}' cannot be decoded.",
        ),
        "webapi_key_fix": (
            "Kunci harus gabungan vervar, var, turvar, tahun dan turtahun yang tercantum di respons.",
            "A key must join vervar, var, turvar, tahun and turtahun values listed in the response.",
        ),
        "webapi_fetch": (
            "Gagal mengambil data WebAPI BPS: {detail}.",
            "Fetching from the BPS WebAPI failed: {detail}.",
        ),
        "webapi_fetch_fix": (
            "Periksa kunci WebAPI, koneksi internet, domain dan id variabel.",
            "Check the WebAPI key, the connection, the domain and the variable id.",
        ),
        "no_sheet": (
            "Lembar '{sheet}' tidak ada. Lembar yang ada: {sheets}.",
            "No sheet '{sheet}'. Sheets: {sheets}.",
        ),
        "no_sheet_fix": ("Pilih salah satu lembar yang ada.", "Choose one of the sheets listed."),
        "no_table": (
            "Lembar '{sheet}' tidak berisi tabel yang dikenali ({detail}).",
            "Sheet '{sheet}' holds no recognisable table ({detail}).",
        ),
        "no_table_fix": (
            "Pilih lembar yang berisi tabel, atau gunakan templat impor.",
            "Choose the sheet holding the table, or use the import template.",
        ),
        "header_missing": (
            "Kolom wajib tidak ditemukan: {columns}.",
            "Required columns not found: {columns}.",
        ),
        "header_missing_fix": (
            "Baris pertama harus berisi judul kolom templat: kode_wilayah, indikator, tahun, nilai, "
            "satuan, status, sumber. Unduh templat dari halaman Impor.",
            "The first row must hold the template's column names: kode_wilayah, indikator, tahun, "
            "nilai, satuan, status, sumber. Download the template from the Import page.",
        ),
        "header_shifted": (
            "Judul kolom templat ada di baris {found}, bukan baris 1.",
            "The template's header is on row {found}, not row 1.",
        ),
        "header_shifted_fix": (
            "Hapus baris di atas judul kolom sehingga judul ada di baris 1.",
            "Delete the rows above the header so that it is on row 1.",
        ),
        "no_years": ("Tidak ada kolom tahun di baris judul.", "No year columns in the header row."),
        "no_years_fix": (
            "Unduh ulang tabel dinamis dengan tahun sebagai kolom.",
            "Download the dynamic table again with years as columns.",
        ),
        "no_rows": ("Tidak ada baris data di berkas.", "The file has no data rows."),
        "no_rows_fix": ("Periksa bahwa berkas berisi angka.", "Check that the file holds figures."),
        "bad_year": ("Tahun '{value}' tidak sah.", "Year '{value}' is not valid."),
        "bad_year_fix": ("Tulis tahun empat angka, misalnya 2024.", "Write a four-digit year, e.g. 2024."),
        # numbers
        "not_a_number": ("'{value}' bukan angka.", "'{value}' is not a number."),
        "not_a_number_fix": (
            "Isi angka saja (misalnya 1.234,56) atau simbol BPS: - (nihil), ... (tidak tersedia), "
            "x (dirahasiakan).",
            "Enter a number only (e.g. 1.234,56) or a BPS symbol: - (nil), ... (not available), "
            "x (confidential).",
        ),
        "mixed_separators": (
            "Berkas mencampur dua cara menulis angka: '{id_example}' (baris {id_row}) memakai koma "
            "desimal, '{en_example}' (baris {en_row}) memakai titik desimal.",
            "The file mixes two number conventions: '{id_example}' (row {id_row}) uses a decimal "
            "comma, '{en_example}' (row {en_row}) a decimal point.",
        ),
        "mixed_separators_fix": (
            "Samakan penulisan angka di seluruh berkas: 1.234,56 (Indonesia) atau 1,234.56 (Inggris).",
            "Write every number the same way: 1.234,56 (Indonesian) or 1,234.56 (English).",
        ),
        "ambiguous_separators": (
            "Tidak dapat dipastikan apakah '{value}' memakai titik ribuan atau titik desimal.",
            "Cannot tell whether '{value}' uses a thousands or a decimal point.",
        ),
        "ambiguous_separators_fix": (
            "Pilih pemisah desimal (koma atau titik) di formulir atau dengan --desimal.",
            "Choose the decimal mark (comma or point) in the form or with --desimal.",
        ),
        "out_of_range": (
            "{value} di luar rentang wajar untuk {indicator} ({low} sampai {high}).",
            "{value} is outside the plausible range of {indicator} ({low} to {high}).",
        ),
        "out_of_range_fix": (
            "Periksa angka dan satuannya (persen 0-100; jumlah penduduk dan luas tidak negatif).",
            "Check the figure and its unit (percent 0-100; population and area not negative).",
        ),
        "duplicate": (
            "Angka {indicator} {region} tahun {tahun} muncul dua kali (juga di baris {other}).",
            "The figure {indicator} {region} {tahun} appears twice (also on row {other}).",
        ),
        "duplicate_fix": ("Hapus salah satu baris.", "Delete one of the rows."),
        # regions
        "unknown_region": ("Wilayah '{name}' tidak dikenal{scope}.", "Region '{name}' is not known{scope}."),
        "unknown_region_fix": (
            "Perbaiki ejaan sesuai nama BPS atau tulis kode wilayah BPS.",
            "Correct the spelling to the BPS name or write the BPS region code.",
        ),
        "near_region": (
            "Wilayah '{name}' tidak dikenal{scope}. Mungkin maksud Anda: {suggestions}?",
            "Region '{name}' is not known{scope}. Did you mean: {suggestions}?",
        ),
        "near_region_fix": (
            "Tulis nama persis seperti usulan (atau kodenya); impor tidak pernah menebak sendiri.",
            "Write the name exactly as suggested (or its code); the import never guesses.",
        ),
        "unknown_code": ("Kode wilayah '{code}' tidak dikenal.", "Region code '{code}' is not known."),
        "unknown_code_fix": (
            "Gunakan kode BPS (2 angka provinsi, 4 kab/kota, 7 kecamatan); lihat templat.",
            "Use BPS codes (2 digits province, 4 regency/city, 7 district); see the template.",
        ),
        "other_city": (
            "Berkas ini untuk {found}, bukan {expected}.",
            "This file is for {found}, not {expected}.",
        ),
        "other_city_fix": (
            "Pilih kota yang sesuai di samping, atau unggah tabel kota yang dipilih.",
            "Choose the matching city in the sidebar, or upload the chosen city's table.",
        ),
        "no_city": (
            "Kota/kabupaten tabel tidak dapat ditentukan.",
            "The table's city/regency cannot be determined.",
        ),
        "no_city_fix": (
            "Pilih kota di samping (atau --kota KODE) sebelum mengimpor tabel kecamatan.",
            "Choose the city in the sidebar (or --kota CODE) before importing a district table.",
        ),
        # indicators
        "no_indicator": (
            "Indikator tabel belum dipilih{suggestions}.",
            "The table's indicator has not been chosen{suggestions}.",
        ),
        "no_indicator_fix": (
            "Pilih indikator di formulir atau dengan --indikator KODE.",
            "Choose the indicator in the form or with --indikator CODE.",
        ),
        "unknown_indicator": (
            "Indikator '{code}' belum ada di gudang data.",
            "Indicator '{code}' is not in the warehouse.",
        ),
        "unknown_indicator_fix": (
            "Gunakan kode indikator yang ada (lihat Katalog metadata), atau daftarkan indikator baru "
            "lengkap dengan nama, satuan dan definisi.",
            "Use an existing indicator code (see the metadata catalogue), or register the new "
            "indicator with its name, unit and definition.",
        ),
        "new_indicator_incomplete": (
            "Indikator baru '{code}' belum lengkap: {missing} kosong.",
            "New indicator '{code}' is incomplete: {missing} missing.",
        ),
        "new_indicator_incomplete_fix": (
            "Isi nama, satuan dan definisi indikator baru.",
            "Give the new indicator's name, unit and definition.",
        ),
        "several_columns": (
            "Tabel memuat beberapa kolom angka: {columns}.",
            "The table has several figure columns: {columns}.",
        ),
        "several_columns_fix": (
            "Tentukan indikator tiap kolom, misalnya --kolom B=penduduk_dukcapil.",
            "Say which indicator each column holds, e.g. --kolom B=penduduk_dukcapil.",
        ),
        "unit_mismatch": (
            "Satuan '{given}' tidak sama dengan satuan indikator {indicator} ('{expected}').",
            "Unit '{given}' differs from the unit of {indicator} ('{expected}').",
        ),
        "unit_mismatch_fix": (
            "Ubah angka ke satuan indikator atau perbaiki kolom satuan.",
            "Convert the figure to the indicator's unit or correct the unit column.",
        ),
        "bad_status": ("Status '{value}' tidak dikenal.", "Status '{value}' is not known."),
        "bad_status_fix": (
            "Gunakan tetap, sementara, sangat_sementara, revisi atau kosongkan.",
            "Use tetap, sementara, sangat_sementara, revisi or leave it empty.",
        ),
        # roles and commit
        "not_allowed": (
            "Akun {user} ({role} {opd}) tidak berwenang mengimpor indikator {indicator}.",
            "Account {user} ({role} {opd}) may not import indicator {indicator}.",
        ),
        "not_allowed_fix": (
            "Minta walidata (Diskominfo) mengimpor, atau menambahkan indikator ini ke OPD Anda.",
            "Ask the walidata (Diskominfo) to import it, or to add this indicator to your OPD.",
        ),
        "no_source": ("Sumber data belum diisi ({missing}).", "The source has not been given ({missing})."),
        "no_source_fix": (
            "Isi penerbit dan judul publikasi (misalnya 'BPS Kota Medan', 'Kota Medan Dalam Angka 2025').",
            "Give the publisher and publication (e.g. 'BPS Kota Medan', 'Kota Medan Dalam Angka 2025').",
        ),
        "stale_preview": (
            "Gudang data berubah sejak pratinjau dibuat (impor lain).",
            "The warehouse changed since the preview was made (another import).",
        ),
        "stale_preview_fix": ("Buat pratinjau ulang lalu simpan.", "Make the preview again, then save."),
        "busy": ("Impor lain sedang berjalan.", "Another import is running."),
        "busy_fix": ("Tunggu sebentar lalu coba lagi.", "Wait a moment and try again."),
        "no_warehouse": ("Gudang data tidak ditemukan di {path}.", "No warehouse at {path}."),
        "no_warehouse_fix": ("Jalankan python -m dalamangka build.", "Run python -m dalamangka build."),
        "write_failed": (
            "Penyimpanan gagal; gudang data tidak berubah ({detail}).",
            "Saving failed; the warehouse is unchanged ({detail}).",
        ),
        "write_failed_fix": ("Laporkan pesan ini ke walidata.", "Report this message to the walidata."),
        "not_logged_in": ("Impor memerlukan akun yang sah.", "Importing needs a valid account."),
        "not_logged_in_fix": (
            "Masuk dengan akun walidata atau produsen data.",
            "Log in as walidata or data producer.",
        ),
    }
)

SYMBOLS: dict[str, tuple[str, str]] = {
    "-": ("nihil", "nil"),
    "–": ("nihil", "nil"),
    "—": ("nihil", "nil"),
    "...": ("tidak tersedia", "not available"),
    "…": ("tidak tersedia", "not available"),
    "x": ("dirahasiakan", "confidential"),
    "X": ("dirahasiakan", "confidential"),
    "": ("kosong", "empty"),
}
FIX_KEYS = frozenset(k for k in MESSAGES.keys() if k.endswith("_fix"))  # noqa: SIM118
STATUS_MARKS: dict[str, str] = {"**": "sangat_sementara", "*": "sementara"}
STATUSES = ("tetap", "sementara", "sangat_sementara", "revisi", "tidak_diketahui")


@dataclass
class Problem:
    """One thing wrong with a file: where (row, column), what, and how to fix it."""

    code: str
    row: int | None = None
    column: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "id") -> str:
        where = ""
        if self.row is not None and self.column:
            where = MESSAGES("where_row_col", lang, row=self.row, column=self.column)
        elif self.row is not None:
            where = MESSAGES("where_row", lang, row=self.row)
        text = where + MESSAGES(self.code, lang, **self.fields)
        if f"{self.code}_fix" in FIX_KEYS:
            text += " " + MESSAGES("fix", lang) + MESSAGES(f"{self.code}_fix", lang)
        return text


class ImportFailed(Exception):
    """The file cannot be imported; ``problems`` say why. Nothing has been written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.message("id") for p in problems[:20]))

    def messages(self, lang: str = "id", limit: int = 50) -> list[str]:
        return [p.message(lang) for p in self.problems[:limit]]


@dataclass
class RawRow:
    """One figure as a parser found it, before names are matched and numbers read.

    ``region`` is the name (or code, when ``region_is_code``) as written; ``province`` the
    province block it sits in (dynamic tables); ``column`` names the indicator column where a
    table has several (its letter), ``indikator`` the code where the file itself says it.
    """

    row: int
    column: str
    region: str
    value: Any
    tahun: Any
    region_is_code: bool = False
    province: str | None = None
    is_total: bool = False
    periode: int = 0
    indikator: str | None = None
    satuan: str | None = None
    status: str | None = None
    sumber: str | None = None
    code_hint: str | None = None  # a code the file gives beside the name (WebAPI vervar)


@dataclass
class Parsed:
    """What a parser read: the rows, the title, footer notes and the columns of figures."""

    format: str
    rows: list[RawRow]
    title: str | None = None
    notes: dict[str, str] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)  # letter -> header label
    city: str | None = None  # the kota/kabupaten a kecamatan table is about (name as written)
    scope: str | None = None  # a region code the whole file lies in (WebAPI domain)
    unit: str | None = None
