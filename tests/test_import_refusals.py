"""What must be refused: each case is a real-row table (tests/import_tables.py) broken in one way
that occurs in real files or attacks; the import refuses it with a Bahasa message naming the cell,
and the warehouse stays byte-identical (the commit is attempted whenever prepare lets it through).
Hostile files are answered within seconds, below the memory a worker has, never with a
traceback or an English exception name (CLI included)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dalamangka import __main__ as cli
from dalamangka.auth import Session
from dalamangka.importer import ImportFailed, Options, SourceGiven, commit, prepare
from tests import import_tables as T
from tests.test_import_layouts import RINCIAN_ALL, webapi_sex

FIXTURES = Path(__file__).resolve().parent / "data" / "imports"
WALIDATA = Session(user="ani", role="walidata", opd=None, indicators=None)
SOURCE = SourceGiven(publisher="BPS", publication="Tabel uji impor")
SEX = Options(rincian=RINCIAN_ALL, kota="1971")


def sex_table(edit: Callable[[object], None]) -> Callable[[Path], Path]:
    """The Dalam Angka sex table (row 9 = Rangkui, B..D = Laki-laki, Perempuan, Jumlah), edited."""

    def build(tmp: Path) -> Path:
        path = T.dalam_angka_sex(tmp / "tabel.xlsx")
        wb = load_workbook(path)
        edit(wb.active)
        wb.save(path)
        return path

    return build


def cell(ref: str, value: object) -> Callable[[object], None]:
    def edit(ws: object) -> None:
        ws[ref] = value  # type: ignore[index]

    return edit


def text_cell(ref: str, value: str) -> Callable[[object], None]:
    """A text cell that merely starts with "=" (as a CSV import into Excel can leave it)."""

    def edit(ws: object) -> None:
        c = ws[ref]  # type: ignore[index]
        c.value = value
        c.data_type = "s"

    return edit


def merge(ref: str) -> Callable[[object], None]:
    def edit(ws: object) -> None:
        ws.merge_cells(ref)  # type: ignore[attr-defined]

    return edit


def year_table(year: object) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        rows = [["Kecamatan", year], *[[r[0], r[1]] for r in T.sex_rows()]]
        return T.write_xlsx(tmp / "tabel.xlsx", rows)

    return build


def csv_text(name: str, text: str) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        (tmp / name).write_bytes(text.encode("utf-8"))
        return tmp / name

    return build


def unquoted_decimal_comma(tmp: Path) -> Path:
    lines = (FIXTURES / "bps_tpak_2023_5kota.csv").read_text(encoding="utf-8").splitlines()
    # "Kota Medan,66.5" as a locale-mangled export writes it: "Kota Medan,66,5"
    out = [re.sub(r"^(Kota [^,]+),(\d+)\.(\d+)$", r"\1,\2,\3", line) for line in lines]
    assert out != lines
    (tmp / "t.csv").write_text("\n".join(out) + "\n", encoding="utf-8")
    return tmp / "t.csv"


def zip_bomb(tmp: Path) -> Path:
    """A valid workbook plus a 60 MB member of zeros (60 kB compressed)."""
    path = T.dalam_angka_sex(tmp / "bom.xlsx")
    with (
        zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as z,
        z.open("xl/media/bom.bin", "w", force_zip64=True) as f,
    ):
        chunk = b"\0" * (1 << 20)
        for _ in range(60):
            f.write(chunk)
    return path


def entity_bomb(tmp: Path) -> Path:
    """The sheet XML replaced by a billion-laughs document."""
    src = T.dalam_angka_sex(tmp / "src.xlsx")
    lol = "".join(f'<!ENTITY l{i} "{"&l" + str(i - 1) + ";" * 1 if i else "lol"}' for i in range(1))
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY l0 "lol">'
        + "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
        + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row></sheetData></worksheet>'
    )
    assert lol
    out = tmp / "entitas.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = bomb.encode()
            zout.writestr(item, data)
    return out


def broken_zip(tmp: Path) -> Path:
    data = T.dalam_angka_sex(tmp / "src.xlsx").read_bytes()
    (tmp / "potong.xlsx").write_bytes(data[: len(data) // 2])
    return tmp / "potong.xlsx"


def truncated_csv(tmp: Path) -> Path:
    text = (FIXTURES / "templat_tpt_pangkalpinang.csv").read_text(encoding="utf-8")
    (tmp / "t.csv").write_text(text.rstrip("\r\n")[:-2], encoding="utf-8")  # "4,7\r\n" -> "4"
    return tmp / "t.csv"


def webapi_quarters(tmp: Path) -> Path:
    doc = webapi_sex()
    doc["turtahun"] = [{"val": 31, "label": "Triwulan I"}]
    doc["datacontent"] = {k[:-1] + "31": v for k, v in doc["datacontent"].items()}  # type: ignore[attr-defined]
    (tmp / "api.json").write_text(json.dumps(doc), encoding="utf-8")
    return tmp / "api.json"


def webapi_code_mismatch(tmp: Path) -> Path:
    doc = webapi_sex()
    doc["vervar"][0]["label"] = "Bukit Intan"  # type: ignore[index]
    (tmp / "api.json").write_text(json.dumps(doc), encoding="utf-8")
    return tmp / "api.json"


NEXT = __import__("datetime").date.today().year + 2
CASES: list[tuple[str, Callable[[Path], Path], Options, str]] = [
    (
        "csv_unquoted_decimal_comma",
        unquoted_decimal_comma,
        Options(indikator="tpak"),
        "Baris 5: Baris memuat 3 kolom, judulnya hanya 2",
    ),
    (
        "merged_data_cells",
        sex_table(merge("B9:B10")),
        SEX,
        "Sel B9 (baris 9, kolom B): Sel gabungan B9:B10 berada di dalam blok data",
    ),
    ("merged_region_cells", sex_table(merge("A10:A11")), SEX, "Sel gabungan A10:A11"),
    (
        "year_not_a_year",
        year_table("2O12"),
        Options(indikator="penduduk_laki_laki_sp2010_olah_cepat", kota="1971"),
        "Sel B1 (baris 1, kolom B): Tahun '2O12' tidak sah",
    ),
    (
        "year_1899",
        year_table(1899),
        Options(indikator="penduduk_laki_laki_sp2010_olah_cepat", kota="1971"),
        "Tahun '1899' tidak sah",
    ),
    (
        "year_future",
        year_table(NEXT),
        Options(indikator="penduduk_laki_laki_sp2010_olah_cepat", kota="1971"),
        f"Tahun '{NEXT}' tidak sah",
    ),
    (
        "year_in_title_and_range",
        year_table("2010-2020"),
        Options(indikator="penduduk_laki_laki_sp2010_olah_cepat", kota="1971"),
        "tidak tunggal",
    ),
    (
        "formula_without_value",
        sex_table(cell("B9", "=C9+D9")),
        SEX,
        "Sel B9 (baris 9, kolom B): Sel berisi rumus tanpa nilai tersimpan",
    ),
    (
        "formula_in_name",
        sex_table(cell("A9", '=HYPERLINK("http://x","Rangkui")')),
        SEX,
        "Sel A9 (baris 9, kolom A): Sel berisi rumus",
    ),
    (
        "formula_as_text",
        sex_table(text_cell("A9", '=HYPERLINK("http://x","Rangkui")')),
        SEX,
        "Sel A9 (baris 9, kolom A): Teks '=HYPERLINK",
    ),
    (
        "csv_formula_text",
        csv_text("t.csv", "Provinsi/Kabupaten/Kota,2023\r\n=cmd|' /C calc'!A0,5.76\r\n"),
        Options(indikator="tpt"),
        "Sel A2 (baris 2, kolom A): Teks",
    ),
    (
        "csv_cell_of_100k_chars",
        csv_text(
            "t.csv",
            "kode_wilayah,indikator,tahun,nilai,sumber\r\n1971,tpt,2023,5.76," + "x" * 100_000 + "\r\n",
        ),
        Options(),
        "Sel E2 (baris 2, kolom E): Isi sel terlalu panjang (100000 karakter)",
    ),
    ("plus_text", sex_table(cell("A10", "+62 Bukit Intan")), SEX, "dapat menjadi rumus"),
    ("at_text", sex_table(cell("A10", "@SUM(B9)")), SEX, "dapat menjadi rumus"),
    ("minus_text", sex_table(cell("A10", "-Bukit Intan")), SEX, "dapat menjadi rumus"),
    (
        "html_title",
        sex_table(cell("A4", "Tabel 3.1.2 <script>alert(1)</script>, 2010")),
        SEX,
        "Sel A4 (baris 4, kolom A)",
    ),
    (
        "cell_of_100k_chars",
        sex_table(cell("A5", "x" * 100_000)),
        SEX,
        "Isi sel terlalu panjang (32767 karakter)",
    ),
    (
        "figure_without_header",
        sex_table(cell("F10", 123)),
        SEX,
        "Sel F10 (baris 10, kolom F): Angka '123' berada di kolom tanpa judul",
    ),
    (
        "figures_without_region",
        sex_table(cell("A10", None)),
        SEX,
        "Sel A10 (baris 10, kolom A): Baris berisi angka tetapi tanpa nama",
    ),
    (
        "code_name_mismatch",
        sex_table(cell("A10", "1971010 Bukit Intan")),
        SEX,
        "Kode wilayah 1971010 adalah Rangkui, tetapi namanya tertulis 'Bukit Intan'",
    ),
    (
        "other_city_total",
        sex_table(cell("A14", "Kota Medan")),
        SEX,
        "Berkas ini untuk Kota Medan, bukan Kota Pangkal Pinang",
    ),
    ("same_region_twice", sex_table(cell("A10", "Rangkui")), SEX, "muncul dua kali"),
    ("zip_bomb", zip_bomb, SEX, "tidak aman dibaca (isi terurai > 60 MB)"),
    ("xml_entity_bomb", entity_bomb, SEX, "tidak aman dibaca (XML dengan DOCTYPE/ENTITY)"),
    ("broken_zip", broken_zip, SEX, "Berkas XLSX rusak"),
    (
        "csv_cut_mid_line",
        csv_text("t.csv", "kode_wilayah,indikator,tahun,nilai\r\n1971,tpt,2023,5.7"),
        Options(),
        "Baris 2: Baris terakhir berkas tidak diakhiri pindah baris",
    ),
    ("csv_cut_in_quotes", truncated_csv, Options(), "tanda kutip tidak tertutup"),
    ("webapi_quarters", webapi_quarters, Options(rincian=RINCIAN_ALL), "tidak dapat disimpan"),
    (
        "webapi_code_name_mismatch",
        webapi_code_mismatch,
        Options(rincian=RINCIAN_ALL),
        "Kode wilayah 1971010 adalah Rangkui",
    ),
    (
        "template_year_typo",
        csv_text("t.csv", "kode_wilayah,indikator,tahun,nilai\r\n1971,tpt,2O21,5\r\n"),
        Options(),
        "Tahun '2O21' tidak sah",
    ),
    (
        "template_extra_field",
        csv_text("t.csv", "kode_wilayah,indikator,tahun,nilai\r\n1971,tpt,2021,5,31\r\n"),
        Options(),
        "Baris 2: Baris memuat 5 kolom, judulnya hanya 4",
    ),
]


@pytest.mark.parametrize(("name", "build", "options", "expected"), CASES, ids=[c[0] for c in CASES])
def test_refused_with_the_cell_named_and_nothing_written(
    wh: Path, tmp_path: Path, name: str, build: Callable[[Path], Path], options: Options, expected: str
) -> None:
    messages = T.refused_untouched(build(tmp_path), wh, options, WALIDATA, SOURCE)
    assert any(expected in m for m in messages), messages


def test_cli_answers_hostile_files_in_bahasa(
    wh: Path, tmp_path: Path, cli_walidata: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = T.sha(wh)
    for build in (zip_bomb, entity_bomb, sex_table(cell("A5", "x" * 100_000))):
        code = cli.main(
            [
                "import",
                str(build(tmp_path)),
                "--user",
                cli_walidata,
                "--target",
                str(wh),
                "--yes",
                "--rincian",
                "Jumlah=penduduk_sp2010_olah_cepat",
                "--kota",
                "1971",
            ]
        )
        err = capsys.readouterr().err
        assert code == 1 and err.startswith("Impor dibatalkan; gudang data tidak berubah.")
        assert "Traceback" not in err and "Error" not in err
    assert T.sha(wh) == before
    # the new flag next to the old ones: a sex table in, every breakdown its own figure
    path = T.dalam_angka_sex(tmp_path / "ok.xlsx")
    args = [
        "import",
        str(path),
        "--user",
        cli_walidata,
        "--target",
        str(wh),
        "--kota",
        "1971",
        "--status",
        "sementara",
    ]
    for label, code_ in RINCIAN_ALL.items():
        args += ["--rincian", f"{label}={code_}"]
    assert (
        cli.main([*args, "--yes", "--penerbit", "BPS", "--publikasi", "Kota Pangkalpinang Dalam Angka 2011"])
        == 0
    )
    out = capsys.readouterr().out
    assert "Baru: 12, berubah: 0, sama: 6" in out and "Tersimpan sebagai batch 1." in out


def test_messages_quote_at_most_80_characters(wh: Path, tmp_path: Path) -> None:
    path = sex_table(cell("A10", "Bukit Intan " + "sangat panjang " * 30))(tmp_path)
    with pytest.raises(ImportFailed) as info:
        prepare(path, wh, SEX)
    (message,) = info.value.messages()[:1]
    quoted = re.findall(r"'([^']*)'", message)
    assert quoted and max(len(q) for q in quoted) <= 80 and quoted[0].endswith("…")


def test_english_messages(wh: Path, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as info:
        prepare(sex_table(merge("B9:B10"))(tmp_path), wh, SEX)
    assert info.value.messages("en")[0].startswith(
        "Cell B9 (row 9, column B): Merged cells B9:B10 lie inside"
    )


def test_zip_member_sizes_are_checked_before_reading(tmp_path: Path) -> None:
    """The bomb is refused from the zip directory alone: openpyxl never opens it."""
    from dalamangka.importer import grid

    path = zip_bomb(tmp_path)
    with zipfile.ZipFile(path) as z:
        assert max(i.file_size for i in z.infolist()) == 60 * 2**20
    with pytest.raises(ImportFailed):
        grid._check_zip(path)
    assert io  # keep import


def test_source_and_new_indicator_text_stay_inert(wh: Path, tmp_path: Path) -> None:
    """What the user types beside the file is stored and exported too: no formula, no markup."""
    plan = prepare(FIXTURES / "templat_tpt_pangkalpinang.csv", wh, Options())
    before = T.sha(wh)
    for bad in ('=HYPERLINK("http://x")', "<img src=x onerror=alert(1)>"):
        with pytest.raises(ImportFailed) as info:
            commit(plan, WALIDATA, SourceGiven(publisher=bad, publication="uji"), wh)
        assert "dapat menjadi rumus atau markup" in info.value.messages()[0]
    new = {"tpt_x": {"name_id": "@SUM(A1)", "unit_id": "persen", "definition_id": "uji"}}
    with pytest.raises(ImportFailed):
        prepare(FIXTURES / "templat_tpt_pangkalpinang.csv", wh, Options(new_indicators=new))
    assert T.sha(wh) == before
