"""Bad files: each gives a clear message (Bahasa first, with row, column and a fix) and leaves the
warehouse checksum-identical.

Every bad file here is a deliberately broken copy of a real fixture in tests/data/imports/ (a
figure turned into text, a sign flipped, a name misspelt, a row doubled, ...), made in tmp_path
by the builder named in the case id; none of them is a claim about real figures.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dalamangka.auth import Session
from dalamangka.importer import ImportFailed, Options, SourceGiven, commit, prepare

FIXTURES = Path(__file__).resolve().parent / "data" / "imports"
DA = FIXTURES / "dalam_angka_palembang_penduduk_2024.xlsx"
DYN = FIXTURES / "bps_dinamis_tpt_5kota.xlsx"
TPL = FIXTURES / "templat_tpt_pangkalpinang.csv"
API = FIXTURES / "webapi_1971_penduduk_laki_sp2010.json"
CSV = FIXTURES / "bps_tpak_2023_5kota.csv"
DA_COLS = {"B": "penduduk_dukcapil", "C": "kepadatan_penduduk_dukcapil"}
WALIDATA = Session(user="ani", role="walidata", opd=None, indicators=None)
SOURCE = SourceGiven(publisher="BPS", publication="Tabel uji impor")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def template_rows() -> list[list[str]]:
    return list(csv.reader(io.StringIO(TPL.read_text(encoding="utf-8"))))


def write_template(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def edit_template(change: Callable[[list[list[str]]], list[list[str]]]) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        return write_template(tmp / "templat.csv", change(template_rows()))

    return build


def set_cell(row: int, col: int, value: str) -> Callable[[list[list[str]]], list[list[str]]]:
    def change(rows: list[list[str]]) -> list[list[str]]:
        rows[row - 1][col] = value
        return rows

    return change


def edit_xlsx(src: Path, cell: str, value: object, name: str = "tabel.xlsx") -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        wb = load_workbook(src)
        wb.active[cell] = value
        wb.save(tmp / name)
        return tmp / name

    return build


def edit_json(change: Callable[[dict[str, object]], object]) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        doc = json.loads(API.read_text())
        out = change(doc)
        (tmp / "respons.json").write_text(json.dumps(out if out is not None else doc))
        return tmp / "respons.json"

    return build


def raw(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        (tmp / name).write_bytes(data)
        return tmp / name

    return build


def truncated_xlsx(tmp: Path) -> Path:
    data = DA.read_bytes()
    (tmp / "rusak.xlsx").write_bytes(data[: len(data) // 2])
    return tmp / "rusak.xlsx"


def xlsx_missing_part(tmp: Path) -> Path:
    out = tmp / "tanpa_lembar.xlsx"
    with zipfile.ZipFile(DA) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            if "worksheets/sheet" not in item.filename:
                dst.writestr(item, src.read(item.filename))
    return out


def notes_sheet_first(tmp: Path) -> Path:
    wb = load_workbook(DA)
    ws = wb.create_sheet("Catatan", 0)
    ws["A1"] = "Catatan teknis: tabel ada di lembar berikutnya."
    wb.save(tmp / "catatan.xlsx")
    return tmp / "catatan.xlsx"


def shifted_header(rows: list[list[str]]) -> list[list[str]]:
    return [["Templat impor Kota Pangkal Pinang"], [], *rows]


def renamed_column(rows: list[list[str]]) -> list[list[str]]:
    rows[0][4] = "value"
    return rows


def duplicate_row(rows: list[list[str]]) -> list[list[str]]:
    return [*rows, rows[3]]


def huge_template(tmp: Path) -> Path:
    rows = template_rows()
    body = "\n".join(",".join(f'"{c}"' for c in r) for r in rows[1:]) + "\n"
    path = tmp / "besar.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write(",".join(rows[0]) + "\n")
        for _ in range(21 * 2**20 // len(body) + 1):
            f.write(body)
    return path


def ambiguous_thousands(tmp: Path) -> Path:
    """Real SP2010 male population of Pangkalpinang's kecamatan written with a thousands dot
    only ("20.388"): the file alone cannot say whether the dot is a thousands mark."""
    doc = json.loads(API.read_text())
    labels = {str(v["val"]): v["label"] for v in doc["vervar"]}
    rows = [["kode_wilayah", "nama_wilayah", "indikator", "tahun", "nilai", "satuan", "status", "sumber"]]
    for key, value in doc["datacontent"].items():
        kode = key[:7]
        rows.append(
            [
                kode,
                labels[kode],
                "penduduk_laki_laki_sp2010_olah_cepat",
                "2010",
                f"{value // 1000}.{value % 1000:03d}",
                "jiwa",
                "",
                "BPS SP2010",
            ]
        )
    return write_template(tmp / "ribuan.csv", rows)


def csv_without_title(tmp: Path) -> Path:
    lines = CSV.read_text(encoding="utf-8").splitlines()[1:]
    (tmp / "tanpa_judul.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp / "tanpa_judul.csv"


def remove_datacontent_key(doc: dict[str, object]) -> object:
    content = doc["datacontent"]
    assert isinstance(content, dict)
    content["99999999"] = 1
    return doc


# (id, builder, options, expected words in the Bahasa message)
Case = tuple[str, Callable[[Path], Path], Options, str]
CASES: list[Case] = [
    ("xlsx_truncated", truncated_xlsx, Options(), "rusak"),
    ("xlsx_is_text", raw("tabel.xlsx", b"kode_wilayah,nilai\n1971,5.98\n"), Options(), "rusak"),
    ("xlsx_without_sheet_part", xlsx_missing_part, Options(), "rusak"),
    (
        "wrong_sheet_name",
        lambda t: shutil.copy(DA, t / "da.xlsx"),
        Options(sheet="Tabel 9.9", columns=DA_COLS),
        "Lembar 'Tabel 9.9' tidak ada",
    ),
    (
        "template_renamed_column",
        edit_template(renamed_column),
        Options(),
        "Kolom wajib tidak ditemukan: nilai",
    ),
    (
        "template_text_in_number",
        edit_template(set_cell(3, 4, "lima koma nol satu")),
        Options(),
        "Sel E3 (baris 3, kolom E): 'lima koma nol satu' bukan angka",
    ),
    ("template_percent_sign", edit_template(set_cell(4, 4, "6,93%")), Options(), "bukan angka"),
    (
        "xlsx_text_in_number",
        edit_xlsx(DYN, "B4", "8.25 persen"),
        Options(indikator="tpt"),
        "Sel B4 (baris 4, kolom B): '8.25 persen' bukan angka",
    ),
    ("template_mixed_separators", edit_template(set_cell(8, 4, "5.98")), Options(), "mencampur dua cara"),
    ("template_thousands_only", ambiguous_thousands, Options(), "titik ribuan atau titik desimal"),
    (
        "da_misspelt_kecamatan",
        edit_xlsx(DA, "A19", "Ilir Timor II"),
        Options(columns=DA_COLS),
        "Mungkin maksud Anda: Ilir Timur Dua (1671060)",
    ),
    (
        "da_unknown_kecamatan",
        edit_xlsx(DA, "A12", "Medan Tuntungan"),
        Options(columns=DA_COLS),
        "'Medan Tuntungan' tidak dikenal di Kota Palembang",
    ),
    ("template_duplicate_row", edit_template(duplicate_row), Options(), "muncul dua kali (juga di baris 4)"),
    (
        "da_negative_population",
        edit_xlsx(DA, "B8", -69871),
        Options(columns=DA_COLS),
        "di luar rentang wajar",
    ),
    ("template_percent_over_100", edit_template(set_cell(8, 4, "598")), Options(), "di luar rentang wajar"),
    (
        "da_other_city",
        lambda t: shutil.copy(DA, t / "da.xlsx"),
        Options(columns=DA_COLS, kota="1275"),
        "Berkas ini untuk Kota Palembang, bukan Kota Medan",
    ),
    (
        "template_other_city",
        lambda t: shutil.copy(TPL, t / "t.csv"),
        Options(kota="3375"),
        "bukan Kota Pekalongan",
    ),
    ("empty_file", raw("kosong.csv", b""), Options(), "Berkas kosong"),
    ("blank_lines_only", raw("kosong.csv", b"\n\n \n"), Options(), "Berkas kosong"),
    ("template_header_only", edit_template(lambda rows: rows[:1]), Options(), "Tidak ada baris data"),
    ("huge_file", huge_template, Options(), "Berkas terlalu besar"),
    (
        "template_unknown_indicator",
        edit_template(set_cell(2, 2, "tpt_kota")),
        Options(),
        "Indikator 'tpt_kota' belum ada",
    ),
    (
        "template_new_indicator_incomplete",
        edit_template(lambda rows: [[*r[:2], "tpt_baru" if i else r[2], *r[3:]] for i, r in enumerate(rows)]),
        Options(new_indicators={"tpt_baru": {"name_id": "TPT baru"}}),
        "belum lengkap: unit_id, definition_id",
    ),
    ("template_unit_mismatch", edit_template(set_cell(2, 5, "jiwa")), Options(), "Satuan 'jiwa' tidak sama"),
    ("template_bad_year", edit_template(set_cell(5, 3, "20x1")), Options(), "Tahun '20x1' tidak sah"),
    (
        "template_bad_status",
        edit_template(set_cell(2, 6, "final")),
        Options(),
        "Status 'final' tidak dikenal",
    ),
    (
        "template_unknown_code",
        edit_template(set_cell(2, 0, "1999")),
        Options(),
        "Kode wilayah '1999' tidak dikenal",
    ),
    (
        "dynamic_without_indicator",
        lambda t: shutil.copy(DYN, t / "d.xlsx"),
        Options(),
        "Indikator tabel belum dipilih (mungkin: tpt",
    ),
    (
        "da_several_columns",
        lambda t: shutil.copy(DA, t / "da.xlsx"),
        Options(indikator="penduduk_dukcapil"),
        "beberapa kolom angka",
    ),
    (
        "dynamic_misspelt_province",
        edit_xlsx(DYN, "A3", "SUMATRA UTARA"),
        Options(indikator="tpt"),
        "Mungkin maksud Anda: Sumatera Utara (12)",
    ),
    (
        "dynamic_city_in_wrong_province",
        edit_xlsx(DYN, "A6", "Kota Medan"),
        Options(indikator="tpt"),
        "'Kota Medan' tidak dikenal di Provinsi Sumatera Selatan",
    ),
    (
        "json_broken",
        raw("respons.json", API.read_bytes()[:200]),
        Options(indikator="tpt"),
        "Berkas JSON rusak",
    ),
    (
        "json_not_available",
        edit_json(lambda d: {**d, "data-availability": "list-not-available"}),
        Options(indikator="penduduk_laki_laki_sp2010_olah_cepat"),
        "tidak berisi data",
    ),
    (
        "json_undecodable_key",
        edit_json(remove_datacontent_key),
        Options(indikator="penduduk_laki_laki_sp2010_olah_cepat"),
        "'99999999' tidak dapat diurai",
    ),
    ("json_not_webapi", edit_json(lambda d: [1, 2, 3]), Options(), "Format berkas tidak dikenali"),
    ("pdf_file", raw("tabel.pdf", b"%PDF-1.4\n"), Options(), "Format berkas tidak dikenali (.pdf)"),
    ("csv_binary_garbage", raw("tabel.csv", b"\x00\x01\x02kode\x00"), Options(), "tidak dapat dibaca"),
]


@pytest.mark.parametrize(("name", "build", "options", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_gives_clear_message_and_changes_nothing(
    wh: Path, tmp_path: Path, name: str, build: Callable[[Path], Path], options: Options, expected: str
) -> None:
    path = Path(build(tmp_path))
    before = sha(wh)
    with pytest.raises(ImportFailed) as info:
        plan = prepare(path, wh, options)
        commit(plan, WALIDATA, SOURCE, wh)
    messages = info.value.messages("id")
    assert any(expected in m for m in messages), messages
    assert all("Perbaikan:" in m for m in messages), messages
    assert all("Fix:" in m for m in info.value.messages("en"))
    assert sha(wh) == before
    assert sorted(p.name for p in wh.parent.iterdir()) in (
        ["warehouse.duckdb"],
        ["warehouse.duckdb", "warehouse.duckdb.lock"],
    )


def test_there_are_at_least_thirty_bad_files() -> None:
    assert len(CASES) >= 30


def test_commit_refusals_change_nothing(wh: Path) -> None:
    """No account, another OPD's indicator, no source, a stale preview: refused, nothing written."""
    before = sha(wh)
    plan = prepare(TPL, wh)
    cases = [
        (None, SOURCE, "Impor memerlukan akun yang sah"),
        (
            Session("budi", "produsen", "dinkes", frozenset({"p0"})),
            SOURCE,
            "tidak berwenang mengimpor indikator tpt",
        ),
        (
            WALIDATA,
            SourceGiven(publisher="", publication=""),
            "Sumber data belum diisi (penerbit, publikasi)",
        ),
    ]
    for session, source, expected in cases:
        with pytest.raises(ImportFailed, match=re.escape(expected)):
            commit(plan, session, source, wh)
        assert sha(wh) == before
    # another import lands between preview and save: the old preview is refused
    commit(prepare(TPL, wh, Options(status="sementara")), WALIDATA, SOURCE, wh)
    after_first = sha(wh)
    with pytest.raises(ImportFailed, match="berubah sejak pratinjau"):
        commit(plan, WALIDATA, SOURCE, wh)
    assert sha(wh) == after_first


def test_messages_speak_english_when_chosen(wh: Path, tmp_path: Path) -> None:
    path = edit_template(set_cell(3, 4, "lima"))(tmp_path)
    with pytest.raises(ImportFailed) as info:
        prepare(path, wh)
    assert info.value.messages("en") == [
        "Cell E3 (row 3, column E): 'lima' is not a number. Fix: Enter a number only (e.g. 1.234,56) "
        "or a BPS symbol: - (nil), ... (not available), x (confidential)."
    ]


@pytest.mark.parametrize(
    ("build", "reference", "options"),
    [
        (notes_sheet_first, DA, Options(columns=DA_COLS)),
        (edit_template(shifted_header), TPL, Options()),
        (csv_without_title, CSV, Options(indikator="tpak")),
    ],
    ids=["notes_sheet_first", "template_title_rows", "csv_without_first_line"],
)
def test_layouts_once_refused_now_import_the_same_figures(
    wh: Path, tmp_path: Path, build: Callable[[Path], Path], reference: Path, options: Options
) -> None:
    """A notes sheet before the table, title rows above the template's header, a BPS CSV
    without its first line: real layouts, imported with exactly the reference's figures."""
    got = prepare(build(tmp_path), wh, options).figures
    want = prepare(reference, wh, options).figures
    cols = ["indicator", "kode", "tahun", "nilai", "status"]
    assert len(got) > 0 and got[cols].values.tolist() == want[cols].values.tolist()
