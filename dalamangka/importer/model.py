"""The values that travel along the path of a file: parsed rows, problems, and the plan.

A problem is a value (not an exception) that names the row and column of the file, says what is
wrong and how to fix it, in Bahasa Indonesia first and English. :class:`ImportFailed` carries a
list of them out of any step; nothing is written while one exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from dalamangka.i18n import Text

MESSAGES = Text(
    {
        "where_row_col": ("Baris {row}, kolom {column}: ", "Row {row}, column {column}: "),
        "where_cell": (
            "Sel {column}{row} (baris {row}, kolom {column}): ",
            "Cell {column}{row} (row {row}, column {column}): ",
        ),
        # the layout of a table (the general grid reader)
        "hostile_file": (
            "Berkas ditolak karena tidak aman dibaca ({detail}).",
            "The file was refused as unsafe to read ({detail}).",
        ),
        "hostile_file_fix": (
            "Simpan ulang tabel dari Excel/LibreOffice sebagai .xlsx biasa.",
            "Save the table again from Excel/LibreOffice as a plain .xlsx.",
        ),
        "too_big_sheet": (
            "Lembar terlalu besar ({rows} baris x {columns} kolom).",
            "The sheet is too large ({rows} rows x {columns} columns).",
        ),
        "cell_too_long": (
            "Isi sel terlalu panjang ({n} karakter): '{value}'.",
            "The cell is too long ({n} characters): '{value}'.",
        ),
        "cell_too_long_fix": ("Periksa isi sel ini.", "Check this cell."),
        "unsafe_text": (
            "Teks '{value}' dapat menjadi rumus atau markup saat ditampilkan atau diekspor.",
            "The text '{value}' could become a formula or markup when shown or exported.",
        ),
        "unsafe_text_fix": (
            "Hapus tanda =, +, @ atau - di awal teks dan tag HTML dari sel ini.",
            "Remove the leading =, +, @ or - and any HTML tags from this cell.",
        ),
        "formula_no_value": (
            "Sel berisi rumus tanpa nilai tersimpan (buku kerja belum dihitung ulang).",
            "The cell holds a formula without a saved value (the workbook was never recalculated).",
        ),
        "formula_no_value_fix": (
            "Buka berkas di Excel/LibreOffice, hitung ulang, simpan, lalu unggah lagi.",
            "Open the file in Excel/LibreOffice, recalculate, save, then upload it again.",
        ),
        "merged_data": (
            "Sel gabungan {range} berada di dalam blok data: satu angka akan berlaku untuk lebih dari "
            "satu wilayah atau tahun.",
            "Merged cells {range} lie inside the data block: one printed figure would be stored for "
            "more than one region or year.",
        ),
        "merged_data_fix": (
            "Pisahkan sel gabungan dan tulis angka di tiap sel.",
            "Unmerge the cells and write a figure in each cell.",
        ),
        "extra_fields": (
            "Baris memuat {n} kolom, judulnya hanya {width} (koma desimal tanpa tanda kutip, mis. 171,6?).",
            "The line has {n} fields but its header only {width} (an unquoted decimal comma, e.g. 171,6?).",
        ),
        "extra_fields_fix": (
            "Simpan ulang CSV dengan titik desimal atau dengan pemisah ';', atau beri tanda kutip.",
            "Save the CSV again with a decimal point, or with ';' as separator, or quote the values.",
        ),
        "ambiguous_delimiter": (
            "Tidak dapat dipastikan pemisah kolom berkas CSV ini: {first} dan {second} sama-sama "
            "membagi baris-barisnya dengan rapi.",
            "Cannot tell the column separator of this CSV: {first} and {second} both split its lines evenly.",
        ),
        "ambiguous_delimiter_fix": (
            "Simpan ulang dari Excel/LibreOffice sebagai CSV dengan satu pemisah (';' bila koma "
            "desimal) dan tanda kutip pada teks yang memuat pemisah, atau unggah .xlsx.",
            "Save again from Excel/LibreOffice as CSV with one separator (';' with decimal commas) "
            "and quotes around text holding a separator, or upload the .xlsx.",
        ),
        "split_decimal": (
            "'{a}' dan '{b}' (kolom {first} dan {second}) tampaknya satu angka desimal '{a},{b}' "
            "yang terpecah oleh koma pemisah CSV ({why}).",
            "'{a}' and '{b}' (columns {first} and {second}) look like one decimal figure '{a},{b}' "
            "split by the CSV's comma separator ({why_en}).",
        ),
        "split_decimal_fix": (
            "Simpan ulang CSV dengan titik desimal atau dengan pemisah ';', atau beri tanda kutip; "
            "bila keduanya memang bilangan bulat, tulis dengan .0 (mis. 64.0).",
            "Save the CSV again with a decimal point, or with ';' as separator, or quote the values; "
            "if both really are integers, write them with .0 (e.g. 64.0).",
        ),
        "truncated": (
            "Baris terakhir berkas tidak diakhiri pindah baris: berkas mungkin terpotong.",
            "The file's last line has no line break: the file may have been cut off.",
        ),
        "truncated_fix": (
            "Unduh atau simpan ulang berkas lengkapnya (baris terakhir diakhiri Enter).",
            "Download or save the whole file again (the last line ending with a line break).",
        ),
        "no_header": (
            "Angka '{value}' berada di kolom tanpa judul kolom.",
            "The figure '{value}' is in a column without a header.",
        ),
        "no_header_fix": (
            "Beri judul kolom (tahun atau rincian), atau hapus angka di luar tabel.",
            "Give the column a header (year or breakdown), or delete figures outside the table.",
        ),
        "no_region_name": (
            "Baris berisi angka tetapi tanpa nama atau kode wilayah.",
            "The row holds figures but no region name or code.",
        ),
        "no_region_name_fix": ("Isi nama atau kode wilayah.", "Write the region name or code."),
        "year_ambiguous": (
            "Tahun kolom ini tidak tunggal ({years}).",
            "The year of this column is not a single year ({years}).",
        ),
        "year_ambiguous_fix": (
            "Satu kolom harus memuat angka satu tahun; pisahkan kolom atau lewati kolom ini.",
            "A column must hold one year's figures; split the column or skip it.",
        ),
        "year_missing": (
            "Tahun kolom {column} ({label}) tidak tertulis di judul kolom maupun judul tabel.",
            "Column {column} ({label}) has no year in its header or in the table title.",
        ),
        "year_missing_fix": (
            "Tulis tahun di judul kolom atau di judul tabel (mis. 'Tabel 3.1.2 ..., 2024').",
            "Write the year in the column header or the table title (e.g. 'Tabel 3.1.2 ..., 2024').",
        ),
        "code_name_mismatch": (
            "Kode wilayah {code} adalah {expected}, tetapi namanya tertulis '{name}'.",
            "Region code {code} is {expected}, but the name reads '{name}'.",
        ),
        "code_name_mismatch_fix": (
            "Perbaiki kode atau nama; impor tidak memilih salah satunya.",
            "Correct the code or the name; the import never picks one of them.",
        ),
        "several_rincian": (
            "Tabel memuat beberapa rincian: {rincian}.",
            "The table holds several breakdowns: {rincian}.",
        ),
        "several_rincian_fix": (
            'Tentukan indikator tiap rincian, mis. --rincian "Laki-laki=penduduk_laki_laki_dukcapil".',
            'Say which indicator each breakdown is, e.g. --rincian "Laki-laki=penduduk_laki_laki_dukcapil".',
        ),
        "where_row": ("Baris {row}: ", "Row {row}: "),
        "where_field": ("Isian {column}: ", "Field {column}: "),
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
        "webapi_period": (
            "Angka sub-periode turtahun {turtahun} (mis. triwulan) tidak dapat disimpan.",
            "Figures of sub-period turtahun {turtahun} (e.g. quarters) cannot be stored.",
        ),
        "webapi_period_fix": (
            "Ambil ulang variabel dengan periode tahunan atau bulanan saja.",
            "Fetch the variable again with yearly or monthly periods only.",
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
        "two_tables": (
            "Ada dua tabel pada satu lembar: tabel kedua mulai di sini ('{title}').",
            "The sheet holds two tables: the second one starts here ('{title}').",
        ),
        "two_tables_fix": (
            "Pisahkan tiap tabel ke lembar atau berkas sendiri, lalu impor satu per satu.",
            "Put each table on a sheet or in a file of its own, then import them one at a time.",
        ),
        "broken_webapi": (
            "Respons WebAPI tidak lengkap atau rusak: {detail}.",
            "The WebAPI response is incomplete or broken: {detail}.",
        ),
        "broken_webapi_fix": (
            "Simpan ulang respons WebAPI apa adanya, tanpa menyunting, atau ambil ulang dari WebAPI BPS.",
            "Save the WebAPI response again as it is, without editing, or fetch it again from the BPS "
            "WebAPI.",
        ),
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
        "decimal_contradicted": (
            "Pemisah desimal dipilih {chosen}, tetapi '{value}' di berkas hanya dapat dibaca dengan "
            "{actual} desimal.",
            "The decimal mark chosen is the {chosen_en}, but '{value}' in the file can only be read "
            "with a decimal {actual_en}.",
        ),
        "decimal_contradicted_fix": (
            "Pilih pemisah desimal yang dipakai berkas (atau biarkan otomatis), lalu impor lagi.",
            "Choose the decimal mark the file uses (or leave it automatic), then import again.",
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
            "Tidak dapat dipastikan apakah '{value}' memakai {mark} ribuan atau {mark} desimal: tidak "
            "ada angka lain di berkas yang hanya dapat dibaca satu cara.",
            "Cannot tell whether '{value}' uses a thousands or a decimal {mark_en}: no other figure in "
            "the file can be read only one way.",
        ),
        "same_again": ("Hal yang sama ada di {n} sel lain.", "The same holds for {n} more cells."),
        "more_problems": (
            "… dan {n} masalah lain (perbaiki yang di atas, lalu coba lagi).",
            "… and {n} more problems (fix those above, then try again).",
        ),
        "ambiguous_separators_fix": (
            "Pilih pemisah desimal (koma atau titik) di formulir atau dengan --desimal koma|titik.",
            "Choose the decimal mark (comma or point) in the form or with --desimal koma|titik.",
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
        "code_lost_zeros": (
            "Kode wilayah '{code}' tidak dikenal: tampaknya nol di depannya hilang (kode kecamatan "
            "BPS tiga angka, mis. '{padded}'), seperti bila Excel menyimpan kode sebagai angka.",
            "Region code '{code}' is not known: its leading zeros seem lost (BPS district codes have "
            "three digits, e.g. '{padded}'), as when Excel stores codes as numbers.",
        ),
        "code_lost_zeros_fix": (
            "Format kolom kode sebagai Teks di Excel, tulis kodenya lengkap ('010'), lalu impor lagi.",
            "Format the code column as Text in Excel, write the full codes ('010'), and import again.",
        ),
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
        "total_label": (
            "Baris '{name}' tampak sebagai baris jumlah, tetapi bukan total {city} (subtotal atau total "
            "bagian wilayah): angkanya tidak dapat disimpan sebagai angka {city}.",
            "The row '{name}' looks like a total row but is not the total of {city} (a subtotal or the "
            "total of part of it): its figure cannot be stored as {city}'s.",
        ),
        "total_label_fix": (
            "Tulis 'Jumlah', 'Jumlah/Total' atau nama kota pada baris total kota, dan hapus baris "
            "subtotal dari tabel yang diimpor.",
            "Write 'Jumlah', 'Jumlah/Total' or the city's name on the city's total row, and delete "
            "subtotal rows from the table you import.",
        ),
        "city_named_kecamatan": (
            "'{name}' adalah nama Kecamatan {kecamatan} sekaligus nama {city}, dan kecamatan itu juga "
            "ada di baris {others}: tidak dapat dipastikan baris mana angka kecamatan dan mana angka kota.",
            "'{name}' is the name of the kecamatan {kecamatan} as well as of {city}, and that kecamatan "
            "is also on row {others}: it cannot be told which row is the kecamatan's figure and which "
            "the city's.",
        ),
        "city_named_kecamatan_fix": (
            "Tulis 'Jumlah' pada baris total kota, atau tulis kode kecamatan (mis. 020) di baris kecamatan.",
            "Write 'Jumlah' on the city's total row, or write the kecamatan's code (e.g. 020) on its row.",
        ),
        "city_or_kecamatan": (
            "'{name}' dapat berarti {city} atau Kecamatan {kecamatan}; impor tidak memilih salah satunya.",
            "'{name}' may mean {city} or the kecamatan {kecamatan}; the import does not pick one.",
        ),
        "city_or_kecamatan_fix": (
            "Tulis 'Jumlah' atau nama lengkap kota/kabupaten pada baris total, dan nama BPS kecamatan "
            "atau kodenya pada baris kecamatan.",
            "Write 'Jumlah' or the full name of the city/regency on the total row, and the kecamatan's "
            "BPS name or code on its row.",
        ),
        "year_row": (
            "Kolom wilayah berisi tahun '{value}', bukan wilayah (baris tahun sebelumnya di bawah total?).",
            "The region column holds the year '{value}', not a region (a previous year's row under the "
            "total?).",
        ),
        "year_row_fix": (
            "Hapus baris tahun sebelumnya dan impor angka tahun itu dari tabel tahunnya sendiri, atau "
            "tulis tiap tahun sebagai kolom.",
            "Delete the previous years' rows and import those figures from their own year's table, or "
            "write each year as a column.",
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
        "unit_differs": (
            "Satuan tertulis '{given}' tidak sama dengan satuan indikator {indicator} "
            "('{expected}'); angka tidak diubah atau dikalikan.",
            "The stated unit '{given}' differs from the unit of indicator {indicator} "
            "('{expected}'); figures are never converted or scaled.",
        ),
        "unit_differs_fix": (
            "Pilih indikator yang satuannya sama, atau ubah angka tabel ke satuan indikator dan "
            "perbaiki teks satuannya.",
            "Choose an indicator with the same unit, or convert the table's figures to the "
            "indicator's unit and correct the unit text.",
        ),
        "unit_unknown": (
            "Satuan tertulis '{given}' tidak dikenali, jadi tidak dapat dipastikan sama dengan "
            "satuan indikator {indicator} ('{expected}').",
            "The stated unit '{given}' is not recognised, so it cannot be confirmed to be the "
            "unit of indicator {indicator} ('{expected}').",
        ),
        "unit_unknown_fix": (
            "Tulis satuan baku (mis. jiwa, ribu jiwa, km², ha, persen, juta rupiah) atau persis "
            "satuan indikatornya.",
            "Write a standard unit (e.g. jiwa, ribu jiwa, km², ha, persen, juta rupiah) or exactly "
            "the indicator's unit.",
        ),
        "percent_format": (
            "Angka {value} berformat persen ('{format}'): Excel menampilkannya {shown}, tetapi "
            "nilai tersimpannya {value}.",
            "The figure {value} has a percent format ('{format}'): Excel shows it as {shown}, but "
            "its stored value is {value}.",
        ),
        "percent_format_fix": (
            "Ubah format sel menjadi angka biasa yang berisi nilai persennya (mis. 8,13), simpan, "
            "lalu unggah lagi.",
            "Change the cell format to a plain number holding the percentage (e.g. 8.13), save, "
            "then upload again.",
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
LIST_FIELDS = frozenset({"columns", "suggestions", "sheets", "rincian", "scope"})
CLIP = 80


def clip(value: Any, limit: int = CLIP) -> Any:
    """A value as a message may quote it: one line, at most ``limit`` characters."""
    if not isinstance(value, str):
        return value
    one = " ".join(value.split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


# after a year in a header: "2024**", "2023*", "2022 r" (BPS: angka diperbaiki / revised)
STATUS_MARKS: dict[str, str] = {"**": "sangat_sementara", "*": "sementara", "r": "revisi"}
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
        if self.row is not None and self.column and self.column.isalpha() and self.column.isupper():
            where = MESSAGES("where_cell", lang, row=self.row, column=self.column)
        elif self.row is not None and self.column:
            where = MESSAGES("where_row_col", lang, row=self.row, column=clip(self.column))
        elif self.row is not None:
            where = MESSAGES("where_row", lang, row=self.row)
        elif self.column:
            where = MESSAGES("where_field", lang, column=clip(self.column))
        fields = {k: v if k in LIST_FIELDS else clip(v) for k, v in self.fields.items()}
        text = where + MESSAGES(self.code, lang, **fields)
        if f"{self.code}_fix" in FIX_KEYS:
            text += " " + MESSAGES("fix", lang) + MESSAGES(f"{self.code}_fix", lang)
        return text


class ImportFailed(Exception):
    """The file cannot be imported; ``problems`` say why. Nothing has been written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.message("id") for p in problems[:20]))

    def messages(self, lang: str = "id", limit: int = 50) -> list[str]:
        """One line per problem, except a problem of the whole file (``ONCE``: the number format
        no cell settles) said once, with how many more cells have it; beyond ``limit`` lines, how
        many were left out."""
        shown: list[Problem] = []
        again: dict[str, int] = {}
        for p in self.problems:
            if p.code in ONCE and any(q.code == p.code for q in shown):
                again[p.code] = again.get(p.code, 0) + 1
            else:
                shown.append(p)
        out = []
        for p in shown[:limit]:
            text = p.message(lang)
            if again.get(p.code):
                text += " " + MESSAGES("same_again", lang, n=again[p.code])
            out.append(text)
        if len(shown) > limit:
            out.append(MESSAGES("more_problems", lang, n=len(shown) - limit))
        return out


# problems of the whole file, said once however many cells show them
ONCE = frozenset({"ambiguous_separators"})


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
    code: str | None = None  # a BPS code printed in the row: it decides the region
    rincian: str | None = None  # the breakdown of the column (e.g. "Laki-laki"), None if none
    mark: str | None = None  # a mark on the column header ("*", "**"): the whole column's status
    column_of_region: str = "A"  # the letter of the region's column (for messages)
    column_of_code: str | None = None  # the letter of the code's own column, if it has one


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
    # units the file states (importer.units.Stated): column letter -> its header's, "" -> the table's
    units: dict[str, list[Any]] = field(default_factory=dict)
    kecamatan: bool = False  # the rows are the kecamatan of one city (plus its total)
    column_problems: dict[str, Problem] = field(default_factory=dict)  # letter -> why unusable
    sheets: list[str] = field(default_factory=list)
    sheet: str | None = None

    @property
    def rincian(self) -> list[str]:
        """The breakdowns of the table's columns, in order (empty if it has none)."""
        return list(dict.fromkeys(r.rincian for r in self.rows if r.rincian))


# footnote marks after a name: "Kota Medan 1)", "Kota Medan (1)", "Kota Medan*", "Kota Medan *)", "¹"
FOOTNOTE = re.compile(r"(?:\s*(?:\(\d{1,2}\)|\d{1,2}\)|\*{1,3}\)?|[\u00b9\u00b2\u00b3\u2070-\u2079]+))+$")


def without_marks(name: str) -> str:
    """A name without the footnote marks printed after it ("Kota Medan 1)" -> "Kota Medan")."""
    return FOOTNOTE.sub("", name.strip()).strip() or name.strip()
