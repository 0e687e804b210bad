"""Units a file states are compared with the indicator's unit, never ignored or converted: a unit
row "(ribu jiwa)", a header "Luas (ha)" or the WebAPI's var.unit "Ribu Jiwa" over figures of an
indicator in jiwa / km² is refused with the cell named and nothing written; notations of the same
unit ("(Jiwa)", "Luas (km²)", "(Ribu Jiwa)" for an indicator in ribu jiwa) import exactly. A cell
formatted as a percentage ("0.00%": Excel shows 8,13% of a stored 0.0813) is refused too.

Figures are real: Medan's kecamatan (Dukcapil, semester I 2024, S16) and their area (BPS, Kota
Medan Dalam Angka 2015, S14), the SP2010 quick count of Pangkalpinang (the saved WebAPI
response), TPT 2022-2023 (S03) and the poor population of March 2025 (S10)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import Workbook

from dalamangka.auth import Session
from dalamangka.importer import Options, SourceGiven, prepare
from dalamangka.importer.units import in_label, same
from tests import import_tables as T

FIXTURES = Path(__file__).resolve().parent / "data" / "imports"
WALIDATA = Session(user="ani", role="walidata", opd=None, indicators=None)
SOURCE = SourceGiven(publisher="BPS", publication="Tabel uji impor")
MEDAN = "1275"


def figures(name: str, indikator: str, tahun: str) -> list[tuple[str, str, str]]:
    """(kode, name as a book prints it, value as published) of Medan and its kecamatan."""
    df = pd.read_csv(T.figures_file(name), dtype=str, keep_default_na=False)
    df = df[(df.indikator == indikator) & (df.tahun == tahun) & df.kode_wilayah.str.startswith(MEDAN)]
    return [(r.kode_wilayah, r.nama_wilayah.title(), r.nilai) for r in df.itertuples()]


def dukcapil() -> list[tuple[str, str, str]]:
    return figures("kecamatan_5kota_penduduk_dukcapil_2024s1.csv", "jumlah_penduduk_dukcapil_smt1", "2024")


def luas() -> list[tuple[str, str, str]]:
    return figures("kecamatan_luas_wilayah_bps_medan_pekalongan.csv", "luas_wilayah_bps", "2015")


def book_table(
    path: Path,
    title: str,
    header: list[list[Any]],
    rows: list[tuple[str, str, str]],
    value: Callable[[str], Any],
) -> Path:
    """A Kota Medan Dalam Angka table: title, header rows, kecamatan, the city total, footer."""
    kec = [[n, value(v)] for k, n, v in rows if len(k) == 7]
    total = next(v for k, _, v in rows if k == MEDAN)
    out = [[title], [], *header, *kec, ["Kota Medan", value(total)], [], ["Sumber/Source: uji"]]
    return T.write_xlsx(path, out)


POPULATION = (
    "Tabel 3.1.1 Jumlah Penduduk Menurut Kecamatan di Kota Medan, 2024 / Population by Subdistrict, 2024"
)
AREA = "Tabel 1.1.2 Luas Wilayah Menurut Kecamatan di Kota Medan, 2015 / Area by Subdistrict, 2015"


def thousands(v: str) -> str:
    """A count as a book prints it in thousands: 99787 -> "99,787"."""
    return f"{int(v) / 1000:.3f}".replace(".", ",")


def population_in(unit: str, value: Callable[[str], Any]) -> Callable[[Path], Path]:
    header = [["Kecamatan/Subdistrict", "Jumlah Penduduk/Population"], [None, unit]]
    return lambda tmp: book_table(tmp / "penduduk.xlsx", POPULATION, header, dukcapil(), value)


def area_in(label: str, value: Callable[[str], Any]) -> Callable[[Path], Path]:
    return lambda tmp: book_table(tmp / "luas.xlsx", AREA, [["Kecamatan", label]], luas(), value)


def webapi_unit(unit: str, scale: float) -> Callable[[Path], Path]:
    """The saved SP2010 response (Pangkalpinang, laki-laki) with another var.unit and its figures."""

    def build(tmp: Path) -> Path:
        doc = json.loads((FIXTURES / "webapi_1971_penduduk_laki_sp2010.json").read_text(encoding="utf-8"))
        doc = copy.deepcopy(doc)
        doc["var"][0]["unit"] = unit
        doc["datacontent"] = {k: round(v / scale, 3) for k, v in doc["datacontent"].items()}
        path = tmp / "webapi.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        return path

    return build


def tpt_dynamic(number_format: str, per: float) -> Callable[[Path], Path]:
    """The BPS dynamic-table TPT download of Medan and Palembang, 2022-2023, cells formatted."""

    def build(tmp: Path) -> Path:
        tpt = T.tpt_2022_2023()
        wb = Workbook()
        ws = wb.active
        ws.append(["Provinsi/Kabupaten/Kota", "Tingkat Pengangguran Terbuka (TPT) (Persen)", None])
        ws.merge_cells("B1:C1")
        ws.append([None, 2022, 2023])
        for province, code, name in (
            ("SUMATERA UTARA", "1275", "Kota Medan"),
            ("SUMATERA SELATAN", "1671", "Kota Palembang"),
        ):
            ws.append([province, None, None])
            ws.append([name, *(round(tpt[(code, y)] / per, 6) for y in (2022, 2023))])
        for row in ws.iter_rows(min_row=3, min_col=2):
            for c in row:
                if c.value is not None:
                    c.number_format = number_format
        path = tmp / "tpt.xlsx"
        wb.save(path)
        return path

    return build


def poor_dynamic(unit: str) -> Callable[[Path], Path]:
    """BPS dynamic table: poor population by kab/kota, March 2025, in thousands (as BPS prints it)."""

    def build(tmp: Path) -> Path:
        df = pd.read_csv(
            T.figures_file("kota5_kemiskinan_penduduk_2025.csv"), dtype=str, keep_default_na=False
        )
        poor = {
            r.kode_wilayah: float(r.nilai) for r in df[df.indikator == "jumlah_penduduk_miskin"].itertuples()
        }
        rows: list[list[Any]] = [["Provinsi/Kabupaten/Kota", f"Jumlah Penduduk Miskin {unit}"], [None, 2025]]
        for province, code, name in (
            ("SUMATERA UTARA", "1275", "Kota Medan"),
            ("SUMATERA SELATAN", "1671", "Kota Palembang"),
        ):
            rows += [[province, None], [name, poor[code]]]
        return T.write_xlsx(tmp / "miskin.xlsx", rows, title="Sheet1")

    return build


REFUSED = [
    (
        "unit_row_ribu_jiwa",
        population_in("(ribu jiwa)", thousands),
        Options(indikator="penduduk_dukcapil_smt1", kota=MEDAN),
        "Sel B4 (baris 4, kolom B): Satuan tertulis 'ribu jiwa' tidak sama dengan satuan indikator "
        "penduduk_dukcapil_smt1 ('jiwa')",
    ),
    (
        "unit_row_000",
        population_in("(000)", thousands),
        Options(indikator="penduduk_dukcapil_smt1", kota=MEDAN),
        "Sel B4 (baris 4, kolom B): Satuan tertulis '000' tidak sama",
    ),
    (
        "area_in_hectares",
        area_in("Luas (ha)", lambda v: round(float(v) * 100, 2)),
        Options(indikator="luas_wilayah_bps", kota=MEDAN),
        "Sel B3 (baris 3, kolom B): Satuan tertulis 'ha' tidak sama dengan satuan indikator "
        "luas_wilayah_bps ('km²')",
    ),
    (
        "area_unit_not_understood",
        area_in("Luas (km² daratan)", float),
        Options(indikator="luas_wilayah_bps", kota=MEDAN),
        "Sel B3 (baris 3, kolom B): Satuan tertulis 'km² daratan' tidak dikenali",
    ),
    (
        "webapi_ribu_jiwa",
        webapi_unit("Ribu Jiwa", 1000),
        Options(indikator="penduduk_laki_laki_sp2010_olah_cepat"),
        "Isian var.unit: Satuan tertulis 'Ribu Jiwa' tidak sama dengan satuan indikator "
        "penduduk_laki_laki_sp2010_olah_cepat ('jiwa')",
    ),
    (
        "thousands_to_an_indicator_in_jiwa",
        poor_dynamic("(Ribu Jiwa)"),
        Options(indikator="penduduk_bps"),
        "Sel B1 (baris 1, kolom B): Satuan tertulis 'Ribu Jiwa' tidak sama dengan satuan indikator "
        "penduduk_bps",
    ),
    (
        "poor_households_not_a_known_unit",
        poor_dynamic("(ribu rumah tangga)"),
        Options(indikator="penduduk_miskin"),
        "Sel B1 (baris 1, kolom B): Satuan tertulis 'ribu rumah tangga' tidak dikenali",
    ),
    (
        "percent_formatted_fractions",
        tpt_dynamic("0.00%", 100),
        Options(indikator="tpt"),
        "Sel C4 (baris 4, kolom C): Angka 0,0867 berformat persen ('0.00%'): Excel menampilkannya 8,67%",
    ),
]


@pytest.mark.parametrize(("name", "build", "options", "expected"), REFUSED, ids=[c[0] for c in REFUSED])
def test_a_stated_unit_that_is_not_the_indicators_is_refused_and_nothing_written(
    wh: Path, tmp_path: Path, name: str, build: Callable[[Path], Path], options: Options, expected: str
) -> None:
    messages = T.refused_untouched(build(tmp_path), wh, options, WALIDATA, SOURCE)
    assert any(m.startswith(expected) for m in messages), messages


def facts(plan_figures: pd.DataFrame) -> list[tuple[str, str, int, float]]:
    f = plan_figures
    return sorted(zip(f.indicator, f.kode, f.tahun.astype(int), f.nilai.astype(float), strict=True))


@pytest.mark.parametrize("unit", ["(Jiwa)", "(jiwa/persons)", "Orang", "Jiwa/Persons"])
def test_the_indicators_own_unit_in_a_unit_row_imports_exactly(wh: Path, tmp_path: Path, unit: str) -> None:
    path = population_in(unit, int)(tmp_path)
    plan = prepare(path, wh, Options(indikator="penduduk_dukcapil_smt1", kota=MEDAN))
    expected = sorted(("penduduk_dukcapil_smt1", k, 2024, float(v)) for k, _, v in dukcapil())
    assert len(expected) == 22
    assert facts(plan.figures) == expected


@pytest.mark.parametrize("label", ["Luas (km²)", "Luas/Area (Km2)", "Luas Wilayah km2", "Luas/Area (sq.km)"])
def test_area_in_km2_however_written_imports_exactly(wh: Path, tmp_path: Path, label: str) -> None:
    plan = prepare(area_in(label, float)(tmp_path), wh, Options(indikator="luas_wilayah_bps", kota=MEDAN))
    assert facts(plan.figures) == sorted(("luas_wilayah_bps", k, 2015, float(v)) for k, _, v in luas())


def test_an_indicator_in_thousands_takes_a_table_in_thousands(wh: Path, tmp_path: Path) -> None:
    plan = prepare(poor_dynamic("(Ribu Jiwa)")(tmp_path), wh, Options(indikator="penduduk_miskin"))
    assert facts(plan.figures) == [
        ("penduduk_miskin", "1275", 2025, 171.6),
        ("penduduk_miskin", "1671", 2025, 162.31),
    ]


def test_a_literal_percent_sign_in_the_format_shows_the_stored_value(wh: Path, tmp_path: Path) -> None:
    """'0.00"%"' only prints a % after the figure (8,67%): the stored 8.67 is what is shown."""
    plan = prepare(tpt_dynamic('0.00"%"', 1)(tmp_path), wh, Options(indikator="tpt"))
    tpt = T.tpt_2022_2023()
    assert facts(plan.figures) == sorted(
        ("tpt", k, y, v) for (k, y), v in tpt.items() if k in ("1275", "1671")
    )


def test_webapi_unit_of_the_saved_response_passes(wh: Path, tmp_path: Path) -> None:
    plan = prepare(
        webapi_unit("Jiwa (Orang)", 1)(tmp_path),
        wh,
        Options(indikator="penduduk_laki_laki_sp2010_olah_cepat"),
    )
    assert len(plan.figures) == 5


@pytest.mark.parametrize(
    ("label", "units"),
    [
        ("Tingkat Pengangguran Terbuka (TPT) (Persen)", ["Persen"]),
        ("Jumlah (jiwa)/Total (persons)", ["jiwa", "persons"]),
        ("Kepadatan per km²/Density per sq.km", ["per km2"]),
        ("Penduduk Menurut Jenis Kelamin (SP2010)", []),
        ("Jumlah Penduduk (per 31 Desember 2023)", []),
        ("Angka Kematian Bayi (per 1.000 kelahiran hidup)", []),
        ("Jumlah Penduduk Miskin/Number of Poor People", []),
        ("Laki-laki/Male", []),
        ("Tahun/Year", []),
        ("PDRB ADHB (Juta Rupiah)", ["Juta Rupiah"]),
        ("Persentase Penduduk Miskin (%)", ["%"]),
    ],
)
def test_units_are_found_by_their_words_only(label: str, units: list[str]) -> None:
    assert in_label(label) == units


@pytest.mark.parametrize(
    ("stated", "expected", "verdict"),
    [
        ("Jiwa", "jiwa", True),
        ("orang", "jiwa", True),
        ("Km2", "km²", True),
        ("sq.km", "km²", True),
        ("%", "persen", True),
        ("Persen/Percent", "persen", True),
        ("per km2", "jiwa/km²", True),
        ("Rp/Kapita/Bulan", "rupiah/kapita/bulan", True),
        ("Ribu Rupiah/Orang/Tahun", "ribu rupiah/orang/tahun", True),
        ("Rp. 000", "ribu rupiah", True),
        ("miliar rupiah", "miliar rupiah", True),
        ("ribu jiwa", "jiwa", False),
        ("jiwa", "ribu jiwa", False),
        ("ha", "km²", False),
        ("juta rupiah", "miliar rupiah", False),
        ("Rp", "ribu rupiah", False),
        ("per km2", "km²", False),
        ("%", "indeks", False),
        ("ribu rumah tangga", "jiwa", None),
    ],
)
def test_same_unit_other_unit_or_unreadable(stated: str, expected: str, verdict: bool | None) -> None:
    assert same(stated, expected) is verdict


def two_figures(title: str, header: list[str]) -> Callable[[Path], Path]:
    """Medan's kecamatan areas (2015) and Dukcapil population (2024) side by side, numeric cells."""

    def build(tmp: Path) -> Path:
        area = {k: v for k, _, v in luas()}
        rows: list[list[Any]] = [[title], [], ["Kecamatan", *header]]
        rows += [[n, float(area[k]), int(v)] for k, n, v in dukcapil() if len(k) == 7 and k in area]
        return T.write_xlsx(tmp / "dua.xlsx", rows)

    return build


POP_ONLY = Options(columns={"C": "penduduk_dukcapil_smt1"})
EXPECTED_POP = {k: float(v) for k, _, v in dukcapil() if len(k) == 7}


@pytest.mark.parametrize(
    ("title", "header"),
    [
        # the title's rate belongs to Kepadatan, not to the other figures it names
        ("Tabel 3.1.3 Luas Daerah, Jumlah Penduduk dan Kepadatan Penduduk per Km2 Menurut Kecamatan "
         "di Kota Medan", ["Luas Daerah (Km2)", "Jumlah Penduduk"]),
        ("Tabel 3.1.3 Jumlah Penduduk dan Kepadatan Penduduk per km² Menurut Kecamatan di Kota Medan",
         ["Luas (km²)", "Jumlah Penduduk (jiwa)/Population (persons)"]),
        # two units in the title: whose is which is not said, so the title's are not used
        ("Tabel 3.1.3 Luas Wilayah (km²) dan Jumlah Penduduk (jiwa) Menurut Kecamatan di Kota Medan",
         ["Luas Wilayah", "Jumlah Penduduk"]),
        # the column's own unit speaks for it
        ("Tabel 3.1.3 Luas Wilayah (km²) Menurut Kecamatan di Kota Medan", ["Luas", "Penduduk (jiwa)"]),
    ],
)  # fmt: skip
def test_a_titles_unit_is_checked_only_against_the_figures_it_belongs_to(
    wh: Path, tmp_path: Path, title: str, header: list[str]
) -> None:
    """Each was refused: the title's unit was checked against every column."""
    plan = prepare(two_figures(title + ", 2024", header)(tmp_path), wh, POP_ONLY)
    got = dict(zip(plan.figures.kode, plan.figures.nilai.astype(float), strict=True))
    assert got == {k: v for k, v in EXPECTED_POP.items() if k in got} and len(got) == 21


def test_a_titles_one_unit_over_several_breakdowns_still_counts(wh: Path, tmp_path: Path) -> None:
    """ "(ribu jiwa)" after "Menurut Kecamatan dan Jenis Kelamin" is every column's unit: a count
    in jiwa is refused, never stored 1,000 times too small."""
    title = "Tabel 3.1.2 Jumlah Penduduk Menurut Kecamatan dan Jenis Kelamin (ribu jiwa) di Kota Medan, 2024"
    path = two_figures(title, ["Luas", "Jumlah"])(tmp_path)
    messages = T.refused_untouched(path, wh, POP_ONLY, WALIDATA, SOURCE)
    assert any("ribu jiwa" in m and "penduduk_dukcapil_smt1" in m for m in messages), messages


def test_a_footer_that_says_the_figures_are_in_thousands_is_a_stated_unit(wh: Path, tmp_path: Path) -> None:
    """Medan's 2024 population printed in thousands (99,787), said only in the footer: refused for
    an indicator in jiwa (it was stored as 99.787 jiwa); a footer without a unit changes nothing."""
    kec = [(n, int(v) / 1000) for k, n, v in dukcapil() if len(k) == 7]

    def table(note: str) -> Path:
        rows: list[list[Any]] = [[POPULATION], [], ["Kecamatan/Subdistrict", "Jumlah Penduduk/Population"]]
        rows += [[n, v] for n, v in kec] + [[], ["Sumber/Source: Disdukcapil Kota Medan"], [note]]
        return T.write_xlsx(tmp_path / "t.xlsx", rows)

    options = Options(indikator="penduduk_dukcapil_smt1")
    messages = T.refused_untouched(
        table("Catatan/Note: Angka dalam ribu jiwa / in thousands of persons"), wh, options, WALIDATA, SOURCE
    )
    assert messages[0].startswith("Sel A27 (baris 27, kolom A): Satuan tertulis 'ribu jiwa'"), messages
    plain = prepare(table("Catatan/Note: Data dalam tabel ini hasil registrasi"), wh, options)
    assert len(plain.figures) == 21
