"""Every real BPS layout comes in exactly: each test writes a real-row table in one layout and
asserts the exact figures (indicator, region, year, value, status) the import would write, and a
few commit and read the facts back. The 549 names of a real national download all resolve."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dalamangka import sql
from dalamangka.auth import Session
from dalamangka.importer import ImportFailed, Options, SourceGiven, commit, prepare, read_only
from dalamangka.importer.match import Regions, match
from dalamangka.importer.model import Parsed, RawRow
from tests import import_tables as T

FIXTURES = Path(__file__).resolve().parent / "data" / "imports"
WALIDATA = Session(user="ani", role="walidata", opd=None, indicators=None)
SOURCE = SourceGiven(publisher="BPS", publication="Tabel uji impor")
SEX_TO_WAREHOUSE = {
    "penduduk_laki_laki": "penduduk_laki_laki_sp2010_olah_cepat",
    "penduduk_perempuan": "penduduk_perempuan_sp2010_olah_cepat",
    "jumlah_penduduk": "penduduk_sp2010_olah_cepat",
}
RINCIAN = {
    "Laki-laki": SEX_TO_WAREHOUSE["penduduk_laki_laki"],
    "Perempuan": SEX_TO_WAREHOUSE["penduduk_perempuan"],
}
RINCIAN_ALL = {**RINCIAN, "Jumlah": SEX_TO_WAREHOUSE["jumlah_penduduk"]}


def facts(plan_figures: pd.DataFrame) -> list[tuple[str, str, int, float]]:
    f = plan_figures
    return sorted(zip(f.indicator, f.kode, f.tahun.astype(int), f.nilai.astype(float), strict=True))


def statuses(plan_figures: pd.DataFrame) -> set[str]:
    return set(plan_figures.status)


# --- names ------------------------------------------------------------------------------------


def test_all_549_names_of_a_national_download_resolve(full: duckdb.DuckDBPyConnection) -> None:
    regions = Regions(sql.run(full, "import_regions"))
    names = T.export_names()
    assert len(names) == 549
    rows, province = [], None
    for i, (code, name) in enumerate(names):
        top = len(code) == 2
        rows.append(
            RawRow(
                row=i + 3, column="B", region=name, value=1, tahun=2023, province=None if top else province
            )
        )
        province = name if top and name != "INDONESIA" else province
    codes, problems = match(Parsed(format="bps_xlsx", rows=rows), regions)
    assert problems == []
    expected = [("0000" if c == "00" else c) for c, _ in names]
    got = [c if c != "00" else "0000" for c in codes]
    wrong = [(n, e, g) for (_, n), e, g in zip(names, expected, got, strict=True) if e != g]
    assert wrong == [] or all(e == "0000" and g in ("0", "00", "0000") for _, e, g in wrong)


def test_national_dynamic_table_with_every_name_imports_exactly(full_warehouse: Path, tmp_path: Path) -> None:
    path = T.national_dynamic(tmp_path / "tpt_nasional.xlsx")
    plan = prepare(path, full_warehouse, Options(indikator="tpt"))
    tpt = T.tpt_2022_2023()
    assert plan.format == "bps_xlsx"
    assert facts(plan.figures) == sorted(("tpt", k, y, v) for (k, y), v in tpt.items())
    # the rest (provinces, INDONESIA, kab/kota without a figure here) are "..." cells, kept as such
    assert len(plan.missing) == 2 * 549 - len(tpt)
    assert set(plan.missing.symbol) == {"..."}
    assert plan.notes["source_url"].startswith("https://www.bps.go.id/")


# --- Dalam Angka tables --------------------------------------------------------------------------


@pytest.mark.parametrize("code_style", ["none", "kode_first", "name_first", "one_cell3", "one_cell7"])
def test_dalam_angka_sex_table_every_region_column_layout(wh: Path, tmp_path: Path, code_style: str) -> None:
    path = T.dalam_angka_sex(tmp_path / f"t_{code_style}.xlsx", code_style)
    plan = prepare(path, wh, Options(rincian=RINCIAN_ALL, kota="1971", status="sementara"))
    assert plan.format == "dalam_angka_xlsx"
    # the year is the table's (2010), never the book's (2011)
    assert facts(plan.figures) == T.expected_sex(SEX_TO_WAREHOUSE)
    assert plan.title is not None and plan.title.startswith("Tabel 3.1.2 Penduduk Menurut Kecamatan")
    assert plan.notes["sumber"].startswith("BPS, Hasil Sensus Penduduk 2010")


def test_dalam_angka_city_comes_from_the_title_when_not_chosen(wh: Path, tmp_path: Path) -> None:
    plan = prepare(T.dalam_angka_sex(tmp_path / "t.xlsx", "one_cell3"), wh, Options(rincian=RINCIAN_ALL))
    assert facts(plan.figures) == T.expected_sex(SEX_TO_WAREHOUSE)


def test_breakdown_under_one_indicator_becomes_one_indicator_each(wh: Path, tmp_path: Path) -> None:
    """--indikator alone on a sex table: Jumlah is the chosen indicator, Laki-laki and Perempuan
    become indicators of their own (never dropped); committed and read back."""
    path = T.dalam_angka_sex(tmp_path / "t.xlsx")
    plan = prepare(path, wh, Options(indikator="penduduk_sp2010_olah_cepat", kota="1971", status="sementara"))
    derived = {
        "jumlah_penduduk": "penduduk_sp2010_olah_cepat",
        "penduduk_laki_laki": "penduduk_sp2010_olah_cepat_laki_laki",
        "penduduk_perempuan": "penduduk_sp2010_olah_cepat_perempuan",
    }
    assert facts(plan.figures) == T.expected_sex(derived)
    assert sorted(plan.new_indicators) == [
        "penduduk_sp2010_olah_cepat_laki_laki",
        "penduduk_sp2010_olah_cepat_perempuan",
    ]
    assert plan.new_indicators["penduduk_sp2010_olah_cepat_laki_laki"]["unit_id"] == "jiwa"
    commit(plan, WALIDATA, SOURCE, wh)
    with read_only(wh) as con:
        got = sql.run(con, "indicator_series", kodes=["1971010"], indicators=list(derived.values()))
    assert sorted(zip(got.indicator, got.tahun, got.nilai, got.status, strict=True)) == sorted(
        (derived[k], 2010, float(v), "sementara") for (kode, k), v in T.sp2010().items() if kode == "1971010"
    )


def test_several_rincian_without_a_choice_are_refused(wh: Path, tmp_path: Path) -> None:
    path = T.dalam_angka_sex(tmp_path / "t.xlsx")
    with pytest.raises(ImportFailed) as info:
        prepare(path, wh, Options(kota="1971"))
    assert (
        "beberapa rincian: 'Laki-laki/Male', 'Perempuan/Female', 'Jumlah/Total'" in info.value.messages()[0]
    )


def test_some_rincian_chosen_the_rest_left_out(wh: Path, tmp_path: Path) -> None:
    plan = prepare(T.dalam_angka_sex(tmp_path / "t.xlsx"), wh, Options(rincian=RINCIAN, kota="1971"))
    assert facts(plan.figures) == T.expected_sex(
        {k: v for k, v in SEX_TO_WAREHOUSE.items() if k != "jumlah_penduduk"}
    )


def test_year_over_sex_three_header_rows_and_marked_year(wh: Path, tmp_path: Path) -> None:
    """Indicator over year over sex, three merged header rows; "2010*" makes the column
    angka sementara. No title line: the year is the header's."""
    rows = [
        ["Kecamatan", "Penduduk (jiwa)", None, None],
        [None, "2010*", None, None],
        [None, "Laki-laki", "Perempuan", "Jumlah"],
        *T.sex_rows(),
        ["Jumlah", *T.city_total()],
        ["Catatan: * angka sementara"],
    ]
    path = T.write_xlsx(tmp_path / "t.xlsx", rows, ["A1:A3", "B1:D1", "B2:D2"])
    plan = prepare(path, wh, Options(rincian=RINCIAN_ALL, kota="1971"))
    assert facts(plan.figures) == T.expected_sex(SEX_TO_WAREHOUSE)
    assert statuses(plan.figures) == {"sementara"}


def test_header_starting_with_a_number_column(wh: Path, tmp_path: Path) -> None:
    rows = [
        ["Tabel 3.1.2 Penduduk Menurut Kecamatan, 2010"],
        ["No.", "Kecamatan", "Laki-laki", "Perempuan", "Jumlah"],
        *[[i + 1, *r] for i, r in enumerate(T.sex_rows())],
        [None, "Kota Pangkalpinang", *T.city_total()],
    ]
    plan = prepare(T.write_xlsx(tmp_path / "t.xlsx", rows), wh, Options(rincian=RINCIAN_ALL, kota="1971"))
    assert facts(plan.figures) == T.expected_sex(SEX_TO_WAREHOUSE)


def test_table_on_a_later_sheet(wh: Path, tmp_path: Path) -> None:
    cover = [("Sampul", [["Kota Pangkalpinang Dalam Angka 2011"], ["Katalog 1102001.1971"]])]
    path = T.dalam_angka_sex(tmp_path / "t.xlsx", before=cover)
    plan = prepare(path, wh, Options(rincian=RINCIAN_ALL, kota="1971"))
    assert facts(plan.figures) == T.expected_sex(SEX_TO_WAREHOUSE)
    named = prepare(path, wh, Options(rincian=RINCIAN_ALL, kota="1971", sheet="Tabel 3.1.2"))
    assert facts(named.figures) == facts(plan.figures)


@pytest.mark.parametrize(
    ("header", "status"), [("2010 r", "revisi"), ("2010r", "revisi"), ("2010**", "sangat_sementara")]
)
def test_a_mark_after_the_headers_year_is_the_columns_status(
    wh: Path, tmp_path: Path, header: str, status: str
) -> None:
    """BPS writes "r" after a revised year ("2022 r"): it was read as the year with no status."""
    rows = [["Kecamatan", "Laki-laki"], [None, header], *[[r[0], r[1]] for r in T.sex_rows()]]
    path = T.write_xlsx(tmp_path / "t.xlsx", rows, ["A1:A2"])
    plan = prepare(path, wh, Options(indikator="penduduk_laki_laki_sp2010_olah_cepat", kota="1971"))
    assert facts(plan.figures) == T.expected_sex(
        {"penduduk_laki_laki": "penduduk_laki_laki_sp2010_olah_cepat"}, with_city=False
    )
    assert statuses(plan.figures) == {status}


MALE = Options(indikator="penduduk_laki_laki_sp2010_olah_cepat", kota="1971")


def _male_table(tmp_path: Path, title: str) -> Path:
    rows = [[title], ["Kecamatan", "Laki-laki"], *[[r[0], r[1]] for r in T.sex_rows()]]
    return T.write_xlsx(tmp_path / "t.xlsx", rows)


def test_a_regulation_or_census_name_in_the_title_is_not_the_figures_year(wh: Path, tmp_path: Path) -> None:
    """The year of "Permendagri No. 137 Tahun 2017" or "SP2010" names a regulation or a source:
    the title's one other year is the figures' year (these titles were refused as having two)."""
    title = (
        "Tabel 3.1.2 Penduduk Laki-laki Menurut Kecamatan Hasil SP2010 "
        "(Kode Wilayah Permendagri No. 137 Tahun 2017), 2010"
    )
    plan = prepare(_male_table(tmp_path, title), wh, MALE)
    assert facts(plan.figures) == T.expected_sex(
        {"penduduk_laki_laki": "penduduk_laki_laki_sp2010_olah_cepat"}, with_city=False
    )


@pytest.mark.parametrize(
    "title",
    [
        "Tabel 3.1.2 Penduduk Laki-laki Menurut Kecamatan (Kode Wilayah Permendagri No. 137 Tahun 2017)",
        "Tabel 3.1.2 Penduduk Laki-laki Menurut Kecamatan Hasil SP2010",
        "Tabel 3.1.2 Penduduk Laki-laki Menurut Kecamatan (UU No. 27 Tahun 2000)",
    ],
)
def test_a_title_whose_only_year_is_a_regulations_is_refused(wh: Path, tmp_path: Path, title: str) -> None:
    """Never the regulation's year as the figures' year (it was stored as 2017, 2010 or 2000)."""
    with pytest.raises(ImportFailed) as info:
        prepare(_male_table(tmp_path, title), wh, MALE)
    assert "Tahun kolom B (Laki-laki) tidak tertulis" in info.value.messages()[0]


def test_year_from_header_wins_over_title(wh: Path, tmp_path: Path) -> None:
    rows = [
        ["Tabel 3.1.2 Penduduk Laki-laki Menurut Kecamatan, 2010"],
        ["Kecamatan", "2010"],
        *[[r[0], r[1]] for r in T.sex_rows()],
    ]
    plan = prepare(
        T.write_xlsx(tmp_path / "t.xlsx", rows),
        wh,
        Options(indikator="penduduk_laki_laki_sp2010_olah_cepat", kota="1971"),
    )
    assert facts(plan.figures) == T.expected_sex(
        {"penduduk_laki_laki": "penduduk_laki_laki_sp2010_olah_cepat"}, with_city=False
    )


# --- CSV and the template ------------------------------------------------------------------------


def test_template_indonesian_excel_csv_with_title_rows(wh: Path, tmp_path: Path) -> None:
    """BOM, ";" separator, decimal comma, two title rows above the header (Excel, id-ID)."""
    lines = (FIXTURES / "templat_tpt_pangkalpinang.csv").read_text(encoding="utf-8").splitlines()
    body = [";".join(f'"{c}"' if "," in c else c for c in _split(line)) for line in lines]
    text = "Templat impor TPT;;;;;;;\r\nKota Pangkal Pinang;;;;;;;\r\n" + "\r\n".join(body) + "\r\n"
    (tmp_path / "t.csv").write_bytes("\ufeff".encode() + text.replace('"', "").encode("utf-8"))
    plan = prepare(tmp_path / "t.csv", wh, Options())
    reference = prepare(FIXTURES / "templat_tpt_pangkalpinang.csv", wh, Options())
    assert facts(plan.figures) == facts(reference.figures)
    assert len(plan.figures) == 7


def _split(line: str) -> list[str]:
    import csv
    import io

    return next(csv.reader(io.StringIO(line)))


def test_bps_csv_without_its_first_line(wh: Path, tmp_path: Path) -> None:
    lines = (FIXTURES / "bps_tpak_2023_5kota.csv").read_text(encoding="utf-8").splitlines()[1:]
    (tmp_path / "t.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    plan = prepare(tmp_path / "t.csv", wh, Options(indikator="tpak"))
    reference = prepare(FIXTURES / "bps_tpak_2023_5kota.csv", wh, Options(indikator="tpak"))
    assert facts(plan.figures) == facts(reference.figures) and len(plan.figures) == 5


# --- WebAPI ----------------------------------------------------------------------------------------


def webapi_sex(domain_row: bool = True) -> dict[str, object]:
    """A WebAPI response of var 31 with turvar Laki-laki (1), Perempuan (2), Jumlah (3) for the
    kecamatan of Pangkalpinang and the city's own row (code 1971)."""
    f = T.sp2010()
    vervar = [{"val": int(T.CITY + c), "label": n} for c, n in T.KECAMATAN]
    if domain_row:
        vervar.append({"val": 1971, "label": "Kota Pangkalpinang"})
    turvar = [
        (1, "Laki-laki", "penduduk_laki_laki"),
        (2, "Perempuan", "penduduk_perempuan"),
        (3, "Jumlah", "jumlah_penduduk"),
    ]
    content = {f"{v['val']}31{tv}1100": f[(str(v["val"]), ind)] for v in vervar for tv, _, ind in turvar}
    return {
        "status": "OK",
        "data-availability": "available",
        "domain": "1971",
        "var": [{"val": 31, "label": "Penduduk menurut Jenis Kelamin (SP2010)", "unit": "Jiwa"}],
        "turvar": [{"val": tv, "label": lbl} for tv, lbl, _ in turvar],
        "labelvervar": "Kecamatan",
        "vervar": vervar,
        "tahun": [{"val": 110, "label": "2010"}],
        "turtahun": [{"val": 0, "label": "Tahun"}],
        "datacontent": content,
    }


def test_webapi_turvar_every_breakdown_is_imported(wh: Path, tmp_path: Path) -> None:
    (tmp_path / "api.json").write_text(json.dumps(webapi_sex()), encoding="utf-8")
    plan = prepare(tmp_path / "api.json", wh, Options(rincian=RINCIAN_ALL))
    assert facts(plan.figures) == T.expected_sex(SEX_TO_WAREHOUSE)
    auto = prepare(tmp_path / "api.json", wh, Options(indikator="penduduk_sp2010_olah_cepat"))
    assert len(auto.figures) == 18 and set(auto.figures.indicator) == {
        "penduduk_sp2010_olah_cepat",
        "penduduk_sp2010_olah_cepat_laki_laki",
        "penduduk_sp2010_olah_cepat_perempuan",
    }


def test_kode_kec_column_thousands_as_text_and_total_without_kota(wh: Path, tmp_path: Path) -> None:
    f = T.sp2010()
    rows = [
        ["Tabel 3.1.2 Penduduk Menurut Kecamatan di Kota Pangkalpinang, 2010"],
        ["Kode Kec.", "Kecamatan", "Penduduk"],
        *[[c, n, f"{f[('1971' + c, 'jumlah_penduduk')]:,}".replace(",", ".")] for c, n in T.KECAMATAN],
        [None, "Pangkalpinang", "174.838"],
    ]
    path = T.write_xlsx(tmp_path / "t.xlsx", rows)
    # every figure has one dot and three digits after it (39.950 = 39950 or 39,95): no cell
    # settles the convention, so the file alone is refused; the user's --desimal koma reads it
    with pytest.raises(ImportFailed) as e:
        prepare(path, wh, Options(indikator="penduduk_sp2010_olah_cepat"))
    assert {p.code for p in e.value.problems} == {"ambiguous_separators"}
    first = e.value.messages()[0]
    assert first.startswith("Sel C3 (baris 3, kolom C): Tidak dapat dipastikan apakah '39.950'")
    plan = prepare(path, wh, Options(indikator="penduduk_sp2010_olah_cepat", decimal="koma"))
    assert facts(plan.figures) == T.expected_sex({"jumlah_penduduk": "penduduk_sp2010_olah_cepat"})


def test_sex_under_years_in_a_dynamic_table(wh: Path, tmp_path: Path) -> None:
    rows = [
        ["Provinsi/Kabupaten/Kota", "Penduduk Hasil SP2010", None, None],
        [None, 2010, None, None],
        [None, "Laki-laki", "Perempuan", "Laki-laki+Perempuan"],
        ["KEPULAUAN BANGKA BELITUNG", None, None, None],
        ["Kota Pangkal Pinang", *T.city_total()],
    ]
    path = T.write_xlsx(tmp_path / "t.xlsx", rows, ["B1:D1", "B2:D2"])
    plan = prepare(
        path,
        wh,
        Options(
            rincian={
                "Laki-laki": RINCIAN["Laki-laki"],
                "Perempuan": RINCIAN["Perempuan"],
                "Laki-laki+Perempuan": RINCIAN_ALL["Jumlah"],
            }
        ),
    )
    f = T.sp2010()
    assert facts(plan.figures) == sorted(
        (SEX_TO_WAREHOUSE[k], "1971", 2010, float(f[("1971", k)])) for k in SEX_TO_WAREHOUSE
    )


def test_kab_kota_printed_in_capitals(wh: Path, tmp_path: Path) -> None:
    rows = [["Kabupaten/Kota", 2023], ["KOTA MEDAN", 8.67], ["KOTA PALEMBANG", 7.49]]  # S03, TPT 2023
    plan = prepare(T.write_xlsx(tmp_path / "t.xlsx", rows), wh, Options(indikator="tpt"))
    assert facts(plan.figures) == [("tpt", "1275", 2023, 8.67), ("tpt", "1671", 2023, 7.49)]


def test_seven_digit_codes_name_the_city(wh: Path, tmp_path: Path) -> None:
    f = T.sp2010()
    rows = [
        ["Kecamatan", "2010"],
        *[[f"1971{c} {n}", f[("1971" + c, "jumlah_penduduk")]] for c, n in T.KECAMATAN],
    ]
    plan = prepare(
        T.write_xlsx(tmp_path / "t.xlsx", rows), wh, Options(indikator="penduduk_sp2010_olah_cepat")
    )
    expected = T.expected_sex({"jumlah_penduduk": "penduduk_sp2010_olah_cepat"}, with_city=False)
    assert facts(plan.figures) == expected


def test_csv_dalam_angka_year_over_sex_without_merges(wh: Path, tmp_path: Path) -> None:
    """The same header flattened to CSV: "2010" written once above its three sex columns."""
    lines = ["Kecamatan;2010;;", ";Laki-laki;Perempuan;Jumlah"]
    lines += [";".join(str(v) for v in r) for r in T.sex_rows()]
    lines += [";".join(["Kota Pangkalpinang", *map(str, T.city_total())]), "Sumber: BPS"]
    (tmp_path / "t.csv").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    plan = prepare(tmp_path / "t.csv", wh, Options(rincian=RINCIAN_ALL, kota="1971"))
    assert facts(plan.figures) == T.expected_sex(SEX_TO_WAREHOUSE)
